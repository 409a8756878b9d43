//! What the panes and overlays list: the cached rows filtered, scoped and
//! sorted, the haakjes of the selected case and the lookup's departments,
//! and the lookups by id the screens use.

use super::Model;
use super::filter::{Filter, Highlights};
use super::views::{CaseRow, ExceptionRow, Views};
use crate::domain::ageing::{self, ExceptionStatus};
use crate::domain::hooks::Expiry;
use crate::domain::text::Normalised;
use crate::domain::*;
use crate::tui::action::{Pane, Scope, SortBy};

pub struct HookRow {
    pub link: HookLink,
    pub hook: Option<PolicyHook>,
    pub expiry: Expiry,
    pub highlights: Highlights,
}

/// One line of the lookup: a department, and how it matched (none while
/// browsing with an empty query).
pub struct LookupRow {
    pub department: usize,
    pub hit: Option<OwnerMatch>,
}

impl Model {
    /// After a filter, sort or scope key: the data did not change, so the
    /// activity and keyword indexes are reused and only the rows are rebuilt.
    pub fn refilter(&mut self) {
        self.keep_selection(|m| {
            let (cases, exceptions) =
                m.views
                    .rows(&m.data, &m.filters, m.scope, &m.ctx.user, m.sort);
            m.views.case_rows = cases;
            m.views.exception_rows = exceptions;
        });
    }

    /// Run `change` on the views and keep the selected case and exception
    /// selected wherever their rows land, within range.
    pub(super) fn keep_selection(&mut self, change: impl FnOnce(&mut Model)) {
        let case = self.selected_case().map(|c| c.id);
        let exception = self.selected_exception().map(|(x, _)| x.id);
        change(self);
        if let Some(i) = case.and_then(|id| {
            self.views
                .case_rows
                .iter()
                .position(|r| self.data.cases[r.idx].id == id)
        }) {
            self.selected[Pane::Cases.index()] = i;
        }
        if let Some(i) = exception.and_then(|id| {
            self.views
                .exception_rows
                .iter()
                .position(|r| self.data.exceptions[r.idx].id == id)
        }) {
            self.selected[Pane::Exceptions.index()] = i;
        }
        for pane in Pane::ALL {
            let len = self.len(pane);
            let sel = &mut self.selected[pane.index()];
            *sel = (*sel).min(len.saturating_sub(1));
        }
    }

    pub fn len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Cases => self.views.case_rows.len(),
            Pane::Hooks => self.hook_rows().len(),
            Pane::Exceptions => self.views.exception_rows.len(),
        }
    }

    pub fn org_name(&self, id: Id) -> &str {
        self.views
            .orgs
            .get(&id)
            .map_or("?", |i| self.data.organisations[*i].name.as_str())
    }

    pub fn case(&self, id: Id) -> Option<&Case> {
        self.views
            .cases_by_id
            .get(&id)
            .map(|i| &self.data.cases[*i])
    }

    pub fn selected_case(&self) -> Option<&Case> {
        let row = self
            .views
            .case_rows
            .get(self.selected[Pane::Cases.index()])?;
        self.data.cases.get(row.idx)
    }

    pub fn selected_exception(&self) -> Option<(&ProcurementException, &ExceptionStatus)> {
        let row = self
            .views
            .exception_rows
            .get(self.selected[Pane::Exceptions.index()])?;
        Some((&self.data.exceptions[row.idx], &row.status))
    }

    /// The haakjes of the selected case, filtered by the hooks pane's filter.
    pub fn hook_rows(&self) -> Vec<HookRow> {
        let Some(case) = self.selected_case() else {
            return Vec::new();
        };
        let filter = Filter::new(&self.filters[Pane::Hooks.index()]);
        case.hooks
            .iter()
            .filter_map(|link| {
                let hook = self.data.hooks.iter().find(|h| h.id == link.hook).cloned();
                let title = hook.as_ref().map_or("?", |h| h.title.as_str());
                let number = hook.as_ref().map_or("?", |h| h.number.as_str());
                let (_, highlights) = filter.matches(&[number, title, &link.quote])?;
                let expiry = self
                    .views
                    .hook_expiry
                    .get(&link.hook)
                    .copied()
                    .unwrap_or(Expiry::Valid);
                Some(HookRow {
                    link: link.clone(),
                    hook,
                    expiry,
                    highlights,
                })
            })
            .collect()
    }

    /// The departments for a lookup query, best first; all of them, by number,
    /// while the query is blank (browsing the departments).
    pub fn lookup_rows(&self, query: &str) -> Vec<LookupRow> {
        let index_of = |id: Id| self.data.departments.iter().position(|d| d.id == id);
        if query.trim().is_empty() {
            return (0..self.data.departments.len())
                .map(|department| LookupRow {
                    department,
                    hit: None,
                })
                .collect();
        }
        self.views
            .keywords
            .lookup(query)
            .into_iter()
            .filter_map(|hit| {
                Some(LookupRow {
                    department: index_of(hit.department)?,
                    hit: Some(hit),
                })
            })
            .collect()
    }

    /// The exception at item `i` of today's review.
    pub fn review_item(&self, i: usize) -> Option<&ProcurementException> {
        self.views
            .review
            .get(i)
            .map(|r| &self.data.exceptions[r.idx])
    }

    /// Items of today's review that have had no qualifying action yet.
    pub fn review_open(&self) -> usize {
        self.views.review.iter().filter(|r| !r.done).count()
    }

    /// The exception with this id.
    pub fn exception(&self, id: Id) -> Option<&ProcurementException> {
        self.views
            .exceptions_by_id
            .get(&id)
            .map(|i| &self.data.exceptions[*i])
    }

    /// An exception with its status as derived at the last change.
    pub fn exception_with_status(
        &self,
        idx: usize,
    ) -> Option<(&ProcurementException, &ExceptionStatus)> {
        Some((
            self.data.exceptions.get(idx)?,
            self.views.statuses.get(idx)?,
        ))
    }

    /// The status of the exception with this id, as derived at the last change.
    pub fn status_of(&self, id: Id) -> Option<&ExceptionStatus> {
        self.views
            .exceptions_by_id
            .get(&id)
            .and_then(|i| self.views.statuses.get(*i))
    }

    /// The exceptions of a case, open or closed, with their status.
    pub fn exceptions_of_case(
        &self,
        case: Id,
    ) -> impl Iterator<Item = (&ProcurementException, &ExceptionStatus)> {
        let idx = self.views.exceptions_by_case.get(&case);
        idx.into_iter()
            .flatten()
            .filter_map(|i| self.exception_with_status(*i))
    }

    /// The follow-ups about a record, done or not.
    pub fn followups_about(&self, about: RecordRef) -> impl Iterator<Item = &FollowUp> {
        let idx = self.views.followups_by_about.get(&about);
        idx.into_iter().flatten().map(|i| &self.data.followups[*i])
    }

    /// The notes on a record among those the model holds.
    pub fn notes_about(&self, about: RecordRef) -> impl Iterator<Item = &Note> {
        let idx = self.views.notes_by_target.get(&about);
        idx.into_iter().flatten().map(|i| &self.data.notes[*i])
    }

    /// The open certification track at row `i` of the tracks view.
    pub fn open_track(&self, i: usize) -> Option<&CertificationTrack> {
        self.views.tracks.get(i).map(|t| &self.data.tracks[t.track])
    }

    /// The buyers with an SROI obligation, by number.
    pub fn buyers(&self) -> Vec<&Organisation> {
        self.views
            .buyers
            .iter()
            .map(|i| &self.data.organisations[*i])
            .collect()
    }
}

impl Views {
    /// The rows the panes show: the base filtered by the panes' filters and
    /// the scope, exceptions in the chosen order. No data is recomputed.
    pub(super) fn rows(
        &self,
        data: &Dataset,
        filters: &[String; 3],
        scope: Scope,
        user: &str,
        sort: SortBy,
    ) -> (Vec<CaseRow>, Vec<ExceptionRow>) {
        let case_filter = Filter::new(&filters[Pane::Cases.index()]);
        let cases = self
            .base_cases
            .iter()
            .filter(|b| scope == Scope::All || data.cases[b.idx].owner.eq_ignore_ascii_case(user))
            .filter_map(|b| {
                let cells: Vec<&Normalised> = b.cells.iter().collect();
                let (_, highlights) = case_filter.matches_normalised(&cells)?;
                Some(CaseRow {
                    idx: b.idx,
                    triage: b.triage,
                    inactivity: b.inactivity,
                    open_blockers: b.open_blockers,
                    highlights,
                })
            })
            .collect();
        let exc_filter = Filter::new(&filters[Pane::Exceptions.index()]);
        let mut exceptions: Vec<ExceptionRow> = self
            .base_exceptions
            .iter()
            .filter_map(|b| {
                let cells: Vec<&Normalised> = b.cells.iter().collect();
                let (_, highlights) = exc_filter.matches_normalised(&cells)?;
                Some(ExceptionRow {
                    idx: b.idx,
                    status: b.status.clone(),
                    stalled_since: b.stalled_since,
                    highlights,
                })
            })
            .collect();
        match sort {
            SortBy::Health => exceptions.sort_by(|a, b| ageing::worst_first(&a.status, &b.status)),
            SortBy::TotalAge => {
                exceptions.sort_by_key(|r| std::cmp::Reverse(r.status.ages.total_days))
            }
            SortBy::StageAge => {
                exceptions.sort_by_key(|r| std::cmp::Reverse(r.status.ages.stage_days))
            }
        }
        (cases, exceptions)
    }
}
