//! Notes, and their heads: what the rules need of a note without its text.

use super::{Dataset, Id, Number, RecordRef, Stamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

// ------------------------------------------------------------------------ notes

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Plain,
    /// A decision, e.g. to escalate.
    Decision,
    /// The end-of-day summary ("Dagafsluiting 15-11-2024").
    DaySummary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: Id,
    pub number: String,
    /// `None` for a note on no record in particular (the day summary).
    pub target: Option<RecordRef>,
    pub kind: NoteKind,
    #[serde(with = "super::days::date")]
    pub date: NaiveDate,
    pub author: String,
    pub text: String,
    pub stamp: Stamp,
}

/// What the rules need of a note: whose it is, what kind and which day, not its
/// text. The store keeps these apart from the notes, so the dashboard and the
/// commands can age every record without reading 100,000 note texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NoteHead {
    pub id: Id,
    /// The sequence of its number (7 for `N07`), so new notes get the next one.
    pub seq: u32,
    pub target: Option<RecordRef>,
    pub kind: NoteKind,
    #[serde(with = "super::days::date")]
    pub date: NaiveDate,
}

impl Note {
    pub fn head(&self) -> NoteHead {
        NoteHead {
            id: self.id,
            seq: Number::parse(&self.number).map_or(0, |n| n.seq),
            target: self.target,
            kind: self.kind,
            date: self.date,
        }
    }
}

impl Dataset {
    /// The heads of the loaded notes.
    pub fn note_heads(&self) -> Vec<NoteHead> {
        self.notes.iter().map(Note::head).collect()
    }
}
