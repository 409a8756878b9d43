//! The plate index: tree `plate_index`, department id → the ids (16 bytes
//! each, sorted) of the open cases on which that department owns an open
//! blocker ([`Case::blocking_departments`]).
//!
//! It lets `mandaat owner` show a department's plate by reading the few cases
//! on it instead of decoding all 10,000 of a region store (issue 7: the whole
//! command within 50 ms). It is written in the same transaction as every case
//! change, and `Store::check` verifies it.

use crate::domain::{Case, Id};
use std::collections::BTreeMap;

/// The index for `cases`, as key → value.
pub(super) fn build<'a>(cases: impl IntoIterator<Item = &'a Case>) -> BTreeMap<Id, Vec<u8>> {
    let mut lists: BTreeMap<Id, Vec<Id>> = BTreeMap::new();
    for case in cases {
        for department in case.blocking_departments() {
            lists.entry(department).or_default().push(case.id);
        }
    }
    lists
        .into_iter()
        .map(|(department, mut cases)| {
            cases.sort();
            (
                department,
                cases.iter().flat_map(|id| *id.as_bytes()).collect(),
            )
        })
        .collect()
}

/// The case ids in a value; `None` if it is not a list of ids.
pub(super) fn decode(value: &[u8]) -> Option<Vec<Id>> {
    if !value.len().is_multiple_of(16) {
        return None;
    }
    value
        .chunks_exact(16)
        .map(|c| Id::from_slice(c).ok())
        .collect()
}

/// `value` with `case` added (`add`) or taken out, still sorted and unique.
pub(super) fn with(value: Option<&[u8]>, case: Id, add: bool) -> Vec<u8> {
    let mut ids = value.and_then(decode).unwrap_or_default();
    ids.retain(|id| *id != case);
    if add {
        ids.push(case);
        ids.sort();
    }
    ids.iter().flat_map(|id| *id.as_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn adding_and_taking_out_keep_the_list_sorted_and_unique() {
        let (a, b) = (Uuid::from_u128(2), Uuid::from_u128(1));
        let v = with(None, a, true);
        let v = with(Some(&v), b, true);
        let v = with(Some(&v), a, true);
        assert_eq!(decode(&v).unwrap(), vec![b, a]);
        let v = with(Some(&v), b, false);
        assert_eq!(decode(&v).unwrap(), vec![a]);
        assert!(with(Some(&v), a, false).is_empty());
        assert!(decode(&[1, 2, 3]).is_none());
    }
}
