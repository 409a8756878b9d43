//! The note index: tree `note_index`, one small entry per note, keyed by the
//! note's target and then the note, so a record's notes are one prefix scan.
//!
//! It exists for speed at region scale (issue 7): ageing every case and
//! exception needs each note's target, kind and day, and reading those from
//! short index entries takes milliseconds where decoding 100,000 notes takes
//! most of a second. It is kept in the same transaction as every note change,
//! so it can never disagree with the notes; `Store::check` verifies that.
//!
//! Key ([`KEY`] bytes): target kind (u8, 0 for a note on no record) | target
//! id (16; all zeroes for none) | note id (16). Value ([`VALUE`] bytes):
//! number sequence (u32) | day (i32, days from 1 January of year 1) | note
//! kind (u8). Integers big-endian. The codes below are part of the stored
//! format: never renumber them.
//!
//! Until store layout 4 a target's heads were packed into one value that
//! every note on it rewrote whole, so a record's hundreds of notes made the
//! store grow with their square (issue 13); `open` rebuilds such an index.

use crate::domain::{Id, Kind, NoteHead, NoteKind, RecordRef};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The bytes of a target's prefix.
pub(super) const PREFIX: usize = 17;
/// The bytes of an entry's key.
pub(super) const KEY: usize = PREFIX + 16;
/// The bytes of an entry's value.
pub(super) const VALUE: usize = 9;

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

/// The key prefix of every entry of a target's notes.
pub(super) fn prefix(target: Option<RecordRef>) -> [u8; PREFIX] {
    let mut out = [0; PREFIX];
    if let Some(t) = target {
        out[0] = kind_code(t.kind);
        out[1..].copy_from_slice(t.id.as_bytes());
    }
    out
}

/// The key of note `id` on `target`.
pub(super) fn key(target: Option<RecordRef>, id: Id) -> [u8; KEY] {
    let mut out = [0; KEY];
    out[..PREFIX].copy_from_slice(&prefix(target));
    out[PREFIX..].copy_from_slice(id.as_bytes());
    out
}

/// A head's entry, as key and value.
pub(super) fn encode(h: &NoteHead) -> ([u8; KEY], [u8; VALUE]) {
    let mut value = [0; VALUE];
    value[..4].copy_from_slice(&h.seq.to_be_bytes());
    value[4..8].copy_from_slice(&h.date.num_days_from_ce().to_be_bytes());
    value[8] = note_kind_code(h.kind);
    (key(h.target, h.id), value)
}

/// The head an entry holds; `None` if the entry is not one.
pub(super) fn decode(key: &[u8], value: &[u8]) -> Option<NoteHead> {
    if key.len() != KEY || value.len() != VALUE {
        return None;
    }
    let target_id = Id::from_slice(&key[1..PREFIX]).ok()?;
    let target = match key[0] {
        0 if target_id.is_nil() => None,
        0 => return None,
        code => Some(RecordRef {
            kind: kind_of(code)?,
            id: target_id,
        }),
    };
    let day = i32::from_be_bytes(value[4..8].try_into().ok()?);
    Some(NoteHead {
        id: Id::from_slice(&key[PREFIX..]).ok()?,
        seq: u32::from_be_bytes(value[..4].try_into().ok()?),
        target,
        kind: note_kind_of(value[8])?,
        date: NaiveDate::from_num_days_from_ce_opt(day)?,
    })
}

/// The whole index for `heads`, as key → value.
pub(super) fn build<'a>(
    heads: impl IntoIterator<Item = &'a NoteHead>,
) -> BTreeMap<[u8; KEY], [u8; VALUE]> {
    heads.into_iter().map(encode).collect()
}

/// A key for a message: the note's id if the key holds one.
pub(super) fn describe(key: &[u8]) -> String {
    key.get(PREFIX..)
        .and_then(|id| Id::from_slice(id).ok())
        .map_or_else(|| format!("{key:?}"), |id| id.to_string())
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
    fn heads_round_trip_and_a_targets_entries_share_its_prefix() {
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
        assert_eq!(index.len(), 3);
        let on_case: Vec<NoteHead> = index
            .iter()
            .filter(|(k, _)| k.starts_with(&prefix(Some(case))))
            .map(|(k, v)| decode(k, v).unwrap())
            .collect();
        assert_eq!(on_case, vec![heads[0], heads[2]]);
        let (k, v) = encode(&heads[1]);
        assert!(k.starts_with(&prefix(None)));
        assert_eq!(decode(&k, &v), Some(heads[1]));
        // Another kind of record with the same id has a prefix of its own.
        let org = RecordRef {
            kind: Kind::Organisation,
            ..case
        };
        assert_ne!(prefix(Some(org)), prefix(Some(case)));
    }

    #[test]
    fn an_entry_of_the_wrong_shape_is_not_read_as_a_head() {
        let (k, v) = encode(&head(1, None, NoteKind::Plain, 1));
        assert!(decode(&k, &v[..VALUE - 1]).is_none());
        assert!(decode(&k[..PREFIX], &v).is_none());
        let mut bad_kind = v;
        bad_kind[8] = 9;
        assert!(decode(&k, &bad_kind).is_none());
        let mut no_kind_but_an_id = k;
        no_kind_but_an_id[5] = 1;
        assert!(decode(&no_kind_but_an_id, &v).is_none());
    }

    #[test]
    fn every_kind_has_its_own_code() {
        for k in Kind::ALL {
            assert_eq!(kind_of(kind_code(k)), Some(k));
        }
        assert_eq!(kind_of(0), None);
    }
}
