//! The panes' rows: the views' base lists narrowed by the `/` filters and the
//! scope (`m`), exceptions in the chosen order, and the header's counters for
//! that scope. Nothing is recomputed from the data.

use super::filter::{Filter, Highlights, Sifted};
use super::views::{CaseBase, CaseRow, Counters, ExceptionRow, Views};
use crate::domain::ageing::{self, Health};
use crate::domain::{Dataset, Id, Kind};
use crate::tui::action::{CaseSort, Scope, SortBy};
use chrono::NaiveDate;

impl Views {
    /// Whether exception `idx` belongs to one of `user`'s cases.
    fn is_mine(&self, data: &Dataset, idx: usize, user: &str) -> bool {
        let case = data.exceptions[idx].case;
        self.cases_by_id
            .get(&case)
            .is_some_and(|c| data.cases[*c].owner.eq_ignore_ascii_case(user))
    }

    /// The counters of the header for the scope: with "mine", open cases,
    /// the exceptions' health and the follow-ups due count only `user`'s
    /// cases (a follow-up by the case or exception it is about); the tracks
    /// stay the team's (a track has no owner).
    pub fn counters_for(
        &self,
        data: &Dataset,
        scope: Scope,
        user: &str,
        today: NaiveDate,
    ) -> Counters {
        let mut c = self.counters;
        if scope == Scope::All {
            return c;
        }
        c.open_cases = (self.base_cases.iter())
            .filter(|b| data.cases[b.idx].owner.eq_ignore_ascii_case(user))
            .count();
        (c.critical, c.stalled, c.attention, c.snoozed) = (0, 0, 0, 0);
        for b in &self.base_exceptions {
            if !self.is_mine(data, b.idx, user) {
                continue;
            }
            match b.status.health {
                Some(Health::Critical) => c.critical += 1,
                Some(Health::Stalled) => c.stalled += 1,
                Some(Health::Attention) => c.attention += 1,
                Some(Health::Snoozed) => c.snoozed += 1,
                _ => {}
            }
        }
        let owner_is = |case: Id| {
            (self.cases_by_id.get(&case))
                .is_some_and(|c| data.cases[*c].owner.eq_ignore_ascii_case(user))
        };
        (c.due_today, c.overdue) = (0, 0);
        for f in self.due_followups.iter().map(|i| &data.followups[*i]) {
            let mine = match f.about.kind {
                Kind::Case => owner_is(f.about.id),
                Kind::Exception => (self.exceptions_by_id.get(&f.about.id))
                    .is_some_and(|x| owner_is(data.exceptions[*x].case)),
                _ => false,
            };
            match (mine, f.due < today) {
                (false, _) => {}
                (true, true) => c.overdue += 1,
                (true, false) => c.due_today += 1,
            }
        }
        c
    }

    /// The open cases `filter` and `scope` leave, in base order, worked out
    /// from scratch (the tests compare the narrowed rows with these).
    #[cfg(test)]
    pub(super) fn case_rows(
        &self,
        data: &Dataset,
        filter: &str,
        scope: Scope,
        user: &str,
    ) -> Vec<CaseRow> {
        let number = CaseSort::Number;
        (self.case_rows_within(data, &Filter::new(filter), scope, user, number, None)).0
    }

    /// [`Views::case_rows`] looking only at the base rows `within` (indexes
    /// into `base_cases`, ascending) when given, and the base rows that could
    /// match `filter` (see [`Filter::could_match`]) for the next letter;
    /// the rows in `sort`'s order.
    pub(super) fn case_rows_within(
        &self,
        data: &Dataset,
        filter: &Filter,
        scope: Scope,
        user: &str,
        sort: CaseSort,
        within: Option<&[u32]>,
    ) -> (Vec<CaseRow>, Vec<u32>) {
        let all: Vec<u32>;
        let within = match within {
            Some(w) => w,
            None => {
                all = (0..self.base_cases.len() as u32).collect();
                &all
            }
        };
        let mut candidates = Vec::new();
        let mut rows = Vec::new();
        for &i in within {
            let b = &self.base_cases[i as usize];
            if scope == Scope::Mine && !data.cases[b.idx].owner.eq_ignore_ascii_case(user) {
                continue;
            }
            // Only whether it matches: the highlights wait for the draw.
            let sifted = filter.sift_lazily(|| self.case_cells(data, b));
            if sifted == Sifted::Out {
                continue;
            }
            candidates.push(i);
            if sifted == Sifted::Matches {
                rows.push((
                    b,
                    CaseRow {
                        idx: b.idx,
                        triage: b.triage,
                        inactivity: b.inactivity,
                        open_blockers: b.open_blockers,
                        base: i,
                    },
                ));
            }
        }
        sort_cases(self, data, &mut rows, sort);
        (rows.into_iter().map(|(_, row)| row).collect(), candidates)
    }

    /// The highlights of a case row's number, organisation and title for
    /// `filter` (the case filter the rows were made with).
    pub fn case_highlights(&self, data: &Dataset, filter: &Filter, row: &CaseRow) -> Highlights {
        let b = &self.base_cases[row.base as usize];
        (filter.matches_lazily(|| self.case_cells(data, b)))
            .map_or_else(|| vec![Vec::new(); 3], |(_, highlights)| highlights)
    }

    /// The open exceptions `filter` and `scope` leave, in `sort` order.
    pub(super) fn exception_rows(
        &self,
        data: &Dataset,
        filter: &str,
        scope: Scope,
        user: &str,
        sort: SortBy,
    ) -> Vec<ExceptionRow> {
        let exc_filter = Filter::new(filter);
        let mut exceptions: Vec<ExceptionRow> = self
            .base_exceptions
            .iter()
            .filter(|b| scope == Scope::All || self.is_mine(data, b.idx, user))
            .filter_map(|b| {
                let (_, highlights) =
                    exc_filter.matches_lazily(|| self.exception_cells(data, b))?;
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
        exceptions
    }
}

/// The cases in `sort`'s order; ties by number (the base order), so the
/// order is the same every time.
fn sort_cases(views: &Views, data: &Dataset, cases: &mut [(&CaseBase, CaseRow)], sort: CaseSort) {
    use std::cmp::Reverse;
    // A case never active counts as quiet since it opened.
    let idle = |r: &CaseRow| r.inactivity.unwrap_or(i64::MAX);
    match sort {
        CaseSort::Number => {}
        CaseSort::Urgency => cases.sort_by_key(|(_, r)| {
            (
                Reverse(r.triage),
                Reverse(r.open_blockers),
                Reverse(idle(r)),
            )
        }),
        CaseSort::Idle => cases.sort_by_key(|(_, r)| Reverse(idle(r))),
        CaseSort::Age => cases.sort_by_key(|(_, r)| data.cases[r.idx].opened_on),
        CaseSort::Name => cases.sort_by(|(a, _), (b, _)| {
            let name = |base| &views.case_cells(data, base)[1].text;
            name(a).cmp(name(b))
        }),
    }
}
