//! Where the user is: the mode (overview, a view, a form, an overlay) and
//! the status line.

use crate::domain::find::{Hit, NoteHit, Query};
use crate::domain::{Kind, RecordRef};
use crate::tui::action::Change;
use crate::tui::form::{Form, Return};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a `/` filter for the focused pane.
    Filter,
    /// A full-screen view of one case or exception.
    Detail(RecordRef),
    Form(Box<Form>),
    /// A destructive change waiting for `j`/`n`.
    Confirm(Box<Confirm>),
    /// "Wie is eigenaar?": the owner lookup overlay.
    Lookup(Box<Lookup>),
    /// The end-of-day review, at this item of today's list.
    Review(usize),
    /// The morning view: what is due, the triage, what stalled since the
    /// review, urgent tracks and ending haakjes, at this row.
    Morning(usize),
    /// The certification tracks of the Kennemer Inkoop Platform, at this row.
    Tracks(usize),
    /// SROI matching: a buyer's obligation against entrepreneurs' products.
    Sroi(Box<SroiSearch>),
    /// "Find anything": `:` and a number or words.
    Palette(Box<Palette>),
    /// Every open follow-up (`F`), overdue first.
    FollowUps(Box<super::FollowUpList>),
}

/// The `:` palette as typed so far, with what it found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Palette {
    pub query: String,
    pub selected: usize,
    /// The records in memory that match, grouped by kind.
    pub records: Vec<Hit>,
    /// The notes that match, as the store found them for `query` (the loop
    /// asks it once typing pauses: the texts are not in memory).
    pub notes: Option<NoteSearch>,
    /// The screen it was opened from: Esc goes back there, and a record
    /// opened from it comes back there.
    pub back: Option<Box<Mode>>,
}

/// The store's answer for the note texts, and the query it answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSearch {
    pub query: String,
    pub hits: Result<Vec<NoteHit>, String>,
}

/// One line of the palette's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaletteRow<'a> {
    /// The group it shows under.
    pub kind: Kind,
    pub number: &'a str,
    pub label: &'a str,
    /// The record Enter opens (for a note: the record it is on).
    pub open: RecordRef,
}

impl Palette {
    /// The lines of the list: the records, then the notes.
    pub fn rows(&self) -> Vec<PaletteRow<'_>> {
        let records = self.records.iter().map(|h| PaletteRow {
            kind: h.record.kind,
            number: &h.number,
            label: &h.label,
            open: h.record,
        });
        let notes = self
            .notes
            .iter()
            .filter(|n| n.query == self.query)
            .filter_map(|n| n.hits.as_ref().ok())
            .flatten()
            .filter(|n| !self.records.iter().any(|h| h.record.id == n.id))
            .map(|n| PaletteRow {
                kind: Kind::Note,
                number: &n.number,
                label: &n.snippet,
                open: n.target,
            });
        records.chain(notes).collect()
    }

    /// The query the note texts are still to be searched for, if any.
    pub fn notes_needed(&self) -> Option<&str> {
        let searched = self.notes.as_ref().is_some_and(|n| n.query == self.query);
        let words = Query::new(&self.query);
        // The note texts are searched by the store, a pass over every note:
        // not for the first letter or two, which would find most of them.
        let long_enough = self.query.chars().filter(|c| !c.is_whitespace()).count() >= 3;
        (!searched && !words.is_empty() && long_enough).then_some(self.query.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SroiSearch {
    /// Index into the buyers (organisations of kind buyer, by number).
    pub buyer: usize,
    pub query: String,
    pub selected: usize,
}

/// The owner lookup as typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    pub query: String,
    pub selected: usize,
    /// The case or exception the lookup was opened from, for filing a blocker
    /// or a follow-up to raise it in the kernteam.
    pub context: Option<RecordRef>,
    /// The view Esc goes back to (the review item it was opened from).
    pub back: Return,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub change: Change,
    /// The view to return to, whatever the answer.
    pub back: Return,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Saved,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}
