//! Moving around: the panes' selection, filter, scope and sort (each change
//! keeps the rows in step), the status line, and what the view points at.

use super::Model;
use super::screen::{Mode, Status, Tone};
use crate::domain::{Id, Kind, Record, RecordRef};
use crate::i18n::dashboard as text;
use crate::tui::action::{Action, CaseSort, Pane, Scope, SortBy};

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

    /// Focus the cases pane on case `id` (a case just made). A filter or
    /// "mine only" that hides it is cleared; says so when it was.
    pub fn reveal_case(&mut self, id: Id) -> Option<String> {
        let row_of = |m: &Model| {
            m.views
                .case_rows
                .iter()
                .position(|r| m.data.cases.get(r.idx).is_some_and(|c| c.id == id))
        };
        self.focus = Pane::Cases;
        if matches!(self.mode, Mode::Detail(_)) {
            self.mode = Mode::Normal;
        }
        let mut said = None;
        if row_of(self).is_none() {
            self.filters[Pane::Cases.index()].clear();
            self.scope = Scope::All;
            self.refilter();
            said = Some(text::filter_cleared_to_show(self.lang).to_string());
        }
        let row = row_of(self)?;
        self.select(row);
        said
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

    /// The record a change is about: the open detail or review item, the
    /// selected row of the morning view, else the focused row.
    pub fn record_in_view(&self) -> Option<RecordRef> {
        match &self.mode {
            Mode::Detail(r) => Some(*r),
            Mode::Review(i) => self.review_item(*i).map(|x| x.record_ref()),
            Mode::Morning(i) => self.morning_item(*i).and_then(|x| self.morning_record(x)),
            _ => self.focused_record(),
        }
    }

    /// Whether `action` can do something for the record in view, so the
    /// hint line offers only those ("> next stage" on an exception, not on
    /// a case). Keys that act on no record always apply.
    pub fn applies(&self, action: Action) -> bool {
        let r = self.record_in_view();
        let kind = r.map(|r| r.kind);
        match action {
            Action::StageForward
            | Action::StageBack
            | Action::StageClose
            | Action::Snooze
            | Action::Escalate => kind == Some(Kind::Exception),
            Action::Unsnooze => {
                kind == Some(Kind::Exception)
                    && r.and_then(|r| self.exception(r.id))
                        .is_some_and(|x| x.snooze.is_some())
            }
            Action::NewNote | Action::NewFollowUp => {
                matches!(kind, Some(Kind::Case | Kind::Exception | Kind::Track))
            }
            Action::AddBlocker | Action::ResolveBlocker | Action::LinkHook | Action::EditCase => {
                matches!(kind, Some(Kind::Case | Kind::Exception))
            }
            Action::RepeatFollowUp | Action::CompleteFollowUp => {
                let own_row = match self.mode {
                    Mode::Morning(i) => {
                        matches!(self.morning_item(i), Some(super::MorningItem::FollowUp(_)))
                    }
                    // Every row of the follow-ups list is an open follow-up.
                    Mode::FollowUps(_) => true,
                    _ => false,
                };
                own_row || r.is_some_and(|r| self.followups_about(r).any(|f| !f.is_done()))
            }
            // With no department found there is nothing to file a blocker under.
            Action::FileBlocker => match &self.mode {
                Mode::Lookup(l) => !self.lookup_rows(&l.query).is_empty(),
                _ => true,
            },
            _ => true,
        }
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
