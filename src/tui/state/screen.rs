//! Where the user is: the mode (overview, a view, a form, an overlay), the
//! panes' selection, filter, scope and sort, and the status line. The panes'
//! state changes only through the methods here, which keep the rows and the
//! selection in step.

use super::Model;
use crate::domain::{Record, RecordRef};
use crate::tui::action::Change;
use crate::tui::action::{Pane, Scope, SortBy};
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
    /// The morning view: what is due, the triage, what stalled since the review.
    Morning,
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

impl Model {
    /// The row selected in `pane`.
    pub fn selected(&self, pane: Pane) -> usize {
        self.selected[pane.index()]
    }

    /// The `/` filter text of `pane`.
    pub fn filter(&self, pane: Pane) -> &str {
        &self.filters[pane.index()]
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    pub fn sort(&self) -> SortBy {
        self.sort
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }

    pub fn clear_status(&mut self) {
        self.status = None;
    }

    /// Move the focused pane's selection by `delta` rows, within range.
    pub fn move_by(&mut self, delta: isize) {
        let i = self.focus.index();
        let target = self.selected[i].saturating_add_signed(delta);
        self.select(target);
    }

    /// Select `row` of the focused pane (the last row if it is past it).
    pub fn select(&mut self, row: usize) {
        let pane = self.focus;
        let len = self.len(pane);
        self.selected[pane.index()] = row.min(len.saturating_sub(1));
        if pane == Pane::Cases {
            // Another case has other haakjes.
            self.selected[Pane::Hooks.index()] = 0;
        }
    }

    /// Type a character into the focused pane's filter.
    pub fn filter_push(&mut self, c: char) {
        let i = self.focus.index();
        self.filters[i].push(c);
        self.selected[i] = 0;
        self.refilter();
    }

    pub fn filter_pop(&mut self) {
        self.filters[self.focus.index()].pop();
        self.refilter();
    }

    /// Clear the focused pane's filter; says whether there was one.
    pub fn filter_clear(&mut self) -> bool {
        let i = self.focus.index();
        if self.filters[i].is_empty() {
            return false;
        }
        self.filters[i].clear();
        self.refilter();
        true
    }

    pub fn toggle_scope(&mut self) {
        self.scope = match self.scope {
            Scope::All => Scope::Mine,
            Scope::Mine => Scope::All,
        };
        self.refilter();
    }

    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.refilter();
    }

    /// The record the focused pane points at (for `Enter`, notes, follow-ups).
    pub fn focused_record(&self) -> Option<RecordRef> {
        match self.focus {
            Pane::Cases | Pane::Hooks => {
                self.selected_case().map(crate::domain::Record::record_ref)
            }
            Pane::Exceptions => self.selected_exception().map(|(x, _)| x.record_ref()),
        }
    }

    /// The record whose notes the current view shows, if any.
    pub fn notes_needed(&self) -> Option<RecordRef> {
        match self.mode {
            Mode::Detail(r) => Some(r),
            Mode::Review(i) => self.review_item(i).map(|x| x.record_ref()),
            _ => None,
        }
    }
}
