//! Where the user is: the mode (overview, a view, a form, an overlay) and
//! the status line.

use crate::domain::RecordRef;
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
