//! What the panes and overlays list: the cached rows filtered, scoped and
//! sorted, the haakjes of the selected case and the lookup's departments,
//! and the lookups by id the screens use.

use super::Model;
use super::filter::{Filter, Highlights};
use super::views::{CaseRow, HookRow, LookupRow};
use crate::domain::ageing::ExceptionStatus;
use crate::domain::hooks::Expiry;
use crate::domain::*;
use crate::tui::action::Pane;
use std::rc::Rc;

impl Model {
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

    /// The highlights of case rows (those drawn) for the case filter: worked
    /// out per frame for the rows on screen rather than for every row a
    /// filter letter leaves (issue 14).
    pub fn case_highlights(&self, rows: &[CaseRow]) -> Vec<Highlights> {
        let filter = Filter::new(&self.filters[Pane::Cases.index()]);
        (rows.iter())
            .map(|row| self.views.case_highlights(&self.data, &filter, row))
            .collect()
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
    /// Worked out once per query (see `Views::lookup`).
    pub fn lookup_rows(&self, query: &str) -> Rc<[LookupRow]> {
        if let Some((q, rows)) = &*self.views.lookup.borrow()
            && q == query
        {
            return Rc::clone(rows);
        }
        let rows: Rc<[LookupRow]> = self.find_lookup_rows(query).into();
        *self.views.lookup.borrow_mut() = Some((query.to_string(), Rc::clone(&rows)));
        rows
    }

    fn find_lookup_rows(&self, query: &str) -> Vec<LookupRow> {
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
            .keywords(&self.data)
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

    /// The `:` palette's index of the records' texts, normalised once per
    /// version of the data rather than on every key.
    pub fn find_index(&self) -> &crate::domain::find::FindIndex {
        (self.views.find_index).get_or_init(|| crate::domain::find::FindIndex::build(&self.data))
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

#[cfg(test)]
mod tests {
    use super::*;
    fn demo() -> Model {
        Model::demo_for_tests()
    }

    #[test]
    fn a_lookup_is_worked_out_once_per_query() {
        let m = demo();
        let first = m.lookup_rows("loonk");
        assert!(!first.is_empty());
        // The same query again (the frame after a move): the same rows.
        assert!(Rc::ptr_eq(&first, &m.lookup_rows("loonk")));
        // Another query: looked up anew, and right.
        let other = m.lookup_rows("vergunning");
        assert!(!Rc::ptr_eq(&first, &other));
        let fresh = m.find_lookup_rows("vergunning");
        let departments =
            |rows: &[LookupRow]| rows.iter().map(|r| r.department).collect::<Vec<_>>();
        assert_eq!(departments(&other), departments(&fresh));
    }

    /// The keyword and SROI indexes are built beside the activity index:
    /// a department's new keyword and an entrepreneur's new product are
    /// found as soon as the change is taken in, and a change to neither
    /// leaves what they find alone.
    #[test]
    fn the_lookup_and_sroi_indexes_follow_the_changes_they_index() {
        use crate::tui::action::Change;
        let mut m = demo();
        let today = m.ctx.today;
        let found = |m: &Model| {
            let owners = m.lookup_rows("zeepkistenrace").len();
            let offering = m
                .views
                .sroi(&m.data)
                .matches(&m.data, "zeepkistenrace", today)
                .len();
            (owners, offering)
        };
        assert_eq!(found(&m), (0, 0));
        let mut d = m.data.departments[0].clone();
        d.keywords.push(Keyword {
            text: "zeepkistenrace".into(),
            primary: true,
        });
        m.commit(Change::undoable(&m.data, vec![d.into()], String::new()));
        assert_eq!(found(&m), (1, 0));
        let mut o = (m.data.organisations.iter())
            .find(|o| o.kind == OrgKind::Entrepreneur)
            .expect("a demo entrepreneur")
            .clone();
        o.products.push("zeepkistenrace".into());
        m.commit(Change::undoable(&m.data, vec![o.into()], String::new()));
        assert_eq!(found(&m), (1, 1));
        let mut c = m.data.cases[0].clone();
        c.title.push_str(" (bijgewerkt)");
        m.commit(Change::undoable(&m.data, vec![c.into()], String::new()));
        assert_eq!(found(&m), (1, 1));
    }

    #[test]
    fn a_case_filter_letter_leaves_the_exception_rows_alone() {
        let mut m = demo();
        let before: Vec<usize> = m.views.exception_rows.iter().map(|r| r.idx).collect();
        let key = m.views.exception_rows_for.clone();
        assert!(key.is_some());
        m.focus = Pane::Cases;
        let idx = |rows: &[crate::tui::state::views::CaseRow]| {
            rows.iter().map(|r| r.idx).collect::<Vec<_>>()
        };
        // Each letter narrows from the last one's candidates; the rows are
        // those a fresh build gives, also after a space and a backspace.
        for (push, query) in [
            (Some('b'), "b"),
            (Some('r'), "br"),
            (Some('o'), "bro"),
            (Some(' '), "bro "),
            (Some('s'), "bro s"),
            (None, "bro "),
            (None, "bro"),
        ] {
            match push {
                Some(c) => m.filter_push(c),
                None => m.filter_pop(),
            }
            let fresh = m.views.case_rows(&m.data, query, m.scope, &m.ctx.user);
            assert_eq!(idx(&m.views.case_rows), idx(&fresh), "{query:?}");
        }
        assert!(m.views.case_rows.len() < m.data.cases.len());
        // The exceptions were not worked out again.
        assert_eq!(m.views.exception_rows_for, key);
        let after: Vec<usize> = m.views.exception_rows.iter().map(|r| r.idx).collect();
        assert_eq!(before, after);
        // Clearing the filter brings every open case back.
        m.filter_clear();
        let all = m.views.case_rows(&m.data, "", m.scope, &m.ctx.user);
        assert_eq!(idx(&m.views.case_rows), idx(&all));
    }
}
