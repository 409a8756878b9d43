//! The note index: tree `note_index`, target id (16 bytes; all zeroes for a
//! note on no record) → the heads of that target's notes, packed.
//!
//! It exists for speed at region scale (issue 7): ageing every case and
//! exception needs each note's target, kind and day, and reading those from
//! ~13,000 short values takes milliseconds where decoding 100,000 notes takes
//! most of a second. It is kept in the same transaction as every note change,
//! so it can never disagree with the notes; `Store::check` verifies that.
//!
//! One head is [`ENTRY`] bytes: note id (16) | number sequence (u32) | day
//! (i32, days from 1 January of year 1) | note kind (u8) | target kind (u8,
//! 0 for none), integers big-endian. The codes below are part of the stored
//! format: never renumber them.

use crate::domain::{Id, Kind, NoteHead, NoteKind, RecordRef};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;

pub(super) const ENTRY: usize = 26;

/// Just enough of a stored note to index it.
#[derive(Deserialize)]
pub(super) struct StoredHead {
    id: Id,
    number: String,
    target: Option<RecordRef>,
    kind: NoteKind,
    date: NaiveDate,
}

impl StoredHead {
    pub(super) fn head(&self) -> NoteHead {
        NoteHead {
            id: self.id,
            seq: crate::domain::Number::parse(&self.number).map_or(0, |n| n.seq),
            target: self.target,
            kind: self.kind,
            date: self.date,
        }
    }
}

/// The index key of a note's target.
pub(super) fn key(target: Option<RecordRef>) -> [u8; 16] {
    target.map_or([0; 16], |t| *t.id.as_bytes())
}

fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Organisation => 1,
        Kind::Contact => 2,
        Kind::Department => 3,
        Kind::Hook => 4,
        Kind::Case => 5,
        Kind::Exception => 6,
        Kind::FollowUp => 7,
        Kind::Note => 8,
        Kind::Track => 9,
    }
}

fn kind_of(code: u8) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| kind_code(*k) == code)
}

fn note_kind_code(kind: NoteKind) -> u8 {
    match kind {
        NoteKind::Plain => 0,
        NoteKind::Decision => 1,
        NoteKind::DaySummary => 2,
    }
}

fn note_kind_of(code: u8) -> Option<NoteKind> {
    [NoteKind::Plain, NoteKind::Decision, NoteKind::DaySummary]
        .into_iter()
        .find(|k| note_kind_code(*k) == code)
}

pub(super) fn encode_into(h: &NoteHead, out: &mut Vec<u8>) {
    out.extend_from_slice(h.id.as_bytes());
    out.extend_from_slice(&h.seq.to_be_bytes());
    out.extend_from_slice(&h.date.num_days_from_ce().to_be_bytes());
    out.push(note_kind_code(h.kind));
    out.push(h.target.map_or(0, |t| kind_code(t.kind)));
}

/// The heads kept under `key`; `None` if the value is not a list of heads.
pub(super) fn decode(key: &[u8], value: &[u8]) -> Option<Vec<NoteHead>> {
    if !value.len().is_multiple_of(ENTRY) {
        return None;
    }
    let target_id = Id::from_slice(key).ok()?;
    value
        .chunks_exact(ENTRY)
        .map(|e| {
            let id = Id::from_slice(&e[..16]).ok()?;
            let seq = u32::from_be_bytes(e[16..20].try_into().ok()?);
            let day = i32::from_be_bytes(e[20..24].try_into().ok()?);
            let date = NaiveDate::from_num_days_from_ce_opt(day)?;
            let kind = note_kind_of(e[24])?;
            let target = match e[25] {
                0 if target_id.is_nil() => None,
                code => Some(RecordRef {
                    kind: kind_of(code)?,
                    id: target_id,
                }),
            };
            Some(NoteHead {
                id,
                seq,
                target,
                kind,
                date,
            })
        })
        .collect()
}

/// `value` without the head of note `id` (unchanged if it is not there).
pub(super) fn without(value: &[u8], id: Id) -> Vec<u8> {
    value
        .chunks(ENTRY)
        .filter(|e| e.get(..16) != Some(id.as_bytes().as_slice()))
        .flatten()
        .copied()
        .collect()
}

/// The whole index for `heads`, as key → value.
pub(super) fn build<'a>(
    heads: impl IntoIterator<Item = &'a NoteHead>,
) -> BTreeMap<[u8; 16], Vec<u8>> {
    let mut index: BTreeMap<[u8; 16], Vec<u8>> = BTreeMap::new();
    for h in heads {
        encode_into(h, index.entry(key(h.target)).or_default());
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn head(n: u128, target: Option<RecordRef>, kind: NoteKind, day: u32) -> NoteHead {
        NoteHead {
            id: Uuid::from_u128(n),
            seq: n as u32,
            target,
            kind,
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
        }
    }

    #[test]
    fn heads_round_trip_per_target_and_can_be_taken_out() {
        let case = RecordRef {
            kind: Kind::Case,
            id: Uuid::from_u128(77),
        };
        let heads = [
            head(1, Some(case), NoteKind::Plain, 3),
            head(2, None, NoteKind::DaySummary, 4),
            head(3, Some(case), NoteKind::Decision, 27),
        ];
        let index = build(&heads);
        assert_eq!(index.len(), 2);
        let on_case = &index[&key(Some(case))];
        assert_eq!(on_case.len(), 2 * ENTRY);
        let decoded = decode(&key(Some(case)), on_case).unwrap();
        assert_eq!(decoded, vec![heads[0], heads[2]]);
        assert_eq!(
            decode(&key(None), &index[&key(None)]).unwrap(),
            vec![heads[1]]
        );
        let left = without(on_case, heads[0].id);
        assert_eq!(decode(&key(Some(case)), &left).unwrap(), vec![heads[2]]);
        assert_eq!(without(&left, Uuid::from_u128(999)), left);
    }

    #[test]
    fn a_value_of_the_wrong_shape_is_not_read_as_heads() {
        let k = key(None);
        assert!(decode(&k, &[0; ENTRY - 1]).is_none());
        let mut bad_kind = Vec::new();
        encode_into(&head(1, None, NoteKind::Plain, 1), &mut bad_kind);
        bad_kind[24] = 9;
        assert!(decode(&k, &bad_kind).is_none());
    }

    #[test]
    fn every_kind_has_its_own_code() {
        for k in Kind::ALL {
            assert_eq!(kind_of(kind_code(k)), Some(k));
        }
        assert_eq!(kind_of(0), None);
    }
}
