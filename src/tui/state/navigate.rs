//! Moving around: the panes' selection, filter, scope and sort (each change
//! keeps the rows in step), the status line, and what the view points at.

use super::Model;
use super::screen::{Mode, Status, Tone};
use crate::domain::{Record, RecordRef};
use crate::tui::action::{CaseSort, Pane, Scope, SortBy};

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

    pub fn case_sort(&self) -> CaseSort {
        self.case_sort
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

    /// The next order of the cases pane; the selected case stays selected.
    pub fn cycle_case_sort(&mut self) {
        self.case_sort = self.case_sort.next();
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
