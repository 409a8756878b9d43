//! The panes' rows: the views' base lists narrowed by the `/` filters and the
//! scope (`m`), exceptions in the chosen order, and the header's counters for
//! that scope. Nothing is recomputed from the data.

use super::filter::Filter;
use super::views::{CaseRow, Counters, ExceptionRow, Views};
use crate::domain::Dataset;
use crate::domain::ageing::{self, Health};
use crate::tui::action::{Scope, SortBy};

impl Views {
    /// Whether exception `idx` belongs to one of `user`'s cases.
    fn is_mine(&self, data: &Dataset, idx: usize, user: &str) -> bool {
        let case = data.exceptions[idx].case;
        self.cases_by_id
            .get(&case)
            .is_some_and(|c| data.cases[*c].owner.eq_ignore_ascii_case(user))
    }

    /// The counters of the header for the scope: with "mine", open cases and
    /// the exceptions' health count only `user`'s cases; follow-ups and
    /// tracks stay the team's.
    pub fn counters_for(&self, data: &Dataset, scope: Scope, user: &str) -> Counters {
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
        self.case_rows_within(data, &Filter::new(filter), scope, user, None)
            .0
    }

    /// [`Views::case_rows`] looking only at the base rows `within` (indexes
    /// into `base_cases`, ascending) when given, and the base rows that could
    /// match `filter` (see [`Filter::could_match`]) for the next letter.
    pub(super) fn case_rows_within(
        &self,
        data: &Dataset,
        filter: &Filter,
        scope: Scope,
        user: &str,
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
            if !filter.could_match(&b.cells) {
                continue;
            }
            candidates.push(i);
            if let Some((_, highlights)) = filter.matches_normalised(&b.cells) {
                rows.push(CaseRow {
                    idx: b.idx,
                    triage: b.triage,
                    inactivity: b.inactivity,
                    open_blockers: b.open_blockers,
                    highlights,
                });
            }
        }
        (rows, candidates)
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
                let (_, highlights) = exc_filter.matches_normalised(&b.cells)?;
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
