//! A case's history as the detail view lists it: what happened to the case
//! itself (opened, edited, each blocker raised and resolved, each haakje
//! linked and unlinked) from the case, and what happened around it
//! (follow-ups, notes, its exceptions) from the [`ActivityIndex`] events.
//!
//! The case's stamp changes with every change to it, so the index's "case
//! changed" says only that something did: it is listed only on a day the
//! case's own entries do not already explain (a creation is "opened", a
//! blocker is its blocker, not "changed").

use super::activity::{Activity, ActivityKind};
use super::model::{Blocker, Case, CaseChange, Id};
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryItem<'a> {
    Opened,
    Edited,
    BlockerRaised(&'a Blocker),
    BlockerResolved(&'a Blocker),
    HookLinked(Id),
    HookUnlinked(Id),
    /// A follow-up, note or exception event (once per kind and day).
    Around(ActivityKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HistoryLine<'a> {
    pub on: NaiveDate,
    pub item: HistoryItem<'a>,
}

/// The case's history, newest first; `events` are the case's events from
/// the activity index.
pub fn case_history<'a>(case: &'a Case, events: &[Activity]) -> Vec<HistoryLine<'a>> {
    let mut own: Vec<HistoryLine<'a>> = vec![HistoryLine {
        on: case.opened_on,
        item: HistoryItem::Opened,
    }];
    for e in &case.log {
        let item = match e.what {
            CaseChange::Edited => HistoryItem::Edited,
            CaseChange::HookLinked { hook } => HistoryItem::HookLinked(hook),
            CaseChange::HookUnlinked { hook } => HistoryItem::HookUnlinked(hook),
        };
        own.push(HistoryLine { on: e.on, item });
    }
    for b in &case.blockers {
        own.push(HistoryLine {
            on: b.raised_on,
            item: HistoryItem::BlockerRaised(b),
        });
        if let Some(on) = b.resolved_on {
            own.push(HistoryLine {
                on,
                item: HistoryItem::BlockerResolved(b),
            });
        }
    }
    let mut around: Vec<HistoryLine<'a>> = Vec::new();
    for a in events {
        let item = match a.kind {
            ActivityKind::CaseOpened
            | ActivityKind::BlockerRaised
            | ActivityKind::BlockerResolved => continue,
            ActivityKind::CaseUpdated if own.iter().any(|l| l.on == a.on) => continue,
            ActivityKind::CaseUpdated => HistoryItem::Edited,
            kind => HistoryItem::Around(kind),
        };
        let line = HistoryLine { on: a.on, item };
        if !around.contains(&line) {
            around.push(line);
        }
    }
    let mut all: Vec<HistoryLine<'a>> = own.into_iter().chain(around).collect();
    // Oldest first, on a day the case's own entries before what happened
    // around it (stable: a day's blockers keep their order); then reversed.
    all.sort_by_key(|l| (l.on, rank(&l.item)));
    all.reverse();
    all
}

fn rank(item: &HistoryItem) -> u8 {
    match item {
        HistoryItem::Opened => 0,
        HistoryItem::Edited => 1,
        HistoryItem::BlockerRaised(_) => 2,
        HistoryItem::BlockerResolved(_) => 3,
        HistoryItem::HookLinked(_) | HistoryItem::HookUnlinked(_) => 4,
        HistoryItem::Around(_) => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::HistoryItem::*;
    use super::*;
    use crate::domain::activity::ActivityIndex;
    use crate::domain::model::*;
    use crate::domain::testutil::*;

    fn history(data: &Dataset) -> Vec<(i64, String)> {
        let c = &data.cases[0];
        let index = ActivityIndex::build(data);
        case_history(c, index.events(c.id))
            .into_iter()
            .map(|l| {
                let what = match l.item {
                    Opened => "opened".to_string(),
                    Edited => "edited".to_string(),
                    BlockerRaised(b) => format!("raised {} ({})", b.keyword, b.description),
                    BlockerResolved(b) => format!("resolved {}", b.keyword),
                    HookLinked(_) => "linked".to_string(),
                    HookUnlinked(_) => "unlinked".to_string(),
                    Around(k) => format!("{k:?}"),
                };
                ((l.on - today()).num_days(), what)
            })
            .collect()
    }

    fn new_case() -> Case {
        let mut c = case("C01", CaseStatus::New, today());
        c.stamp = stamp(today());
        c
    }

    #[test]
    fn a_new_case_is_opened_not_changed() {
        let data = Dataset {
            cases: vec![new_case()],
            ..Dataset::default()
        };
        assert_eq!(history(&data), vec![(0, "opened".to_string())]);
    }

    #[test]
    fn every_blocker_has_its_own_line_with_its_description() {
        let mut c = new_case();
        let mut a = blocker("vergunning", today(), None);
        a.description = "terras aan de Grote Markt".into();
        let b = blocker("subsidie", today(), None);
        c.blockers = vec![a, b];
        let data = Dataset {
            cases: vec![c],
            ..Dataset::default()
        };
        assert_eq!(
            history(&data),
            vec![
                (0, "raised subsidie ()".to_string()),
                (
                    0,
                    "raised vergunning (terras aan de Grote Markt)".to_string()
                ),
                (0, "opened".to_string()),
            ]
        );
    }

    #[test]
    fn linking_and_unlinking_a_haakje_are_listed_and_an_edit_says_changed() {
        let mut c = case("C01", CaseStatus::New, day(-10));
        let hook = uuid::Uuid::from_u128(7);
        c.log_event(day(-5), "Anouk", CaseChange::HookLinked { hook });
        c.log_event(day(-2), "Anouk", CaseChange::HookUnlinked { hook });
        c.log_event(day(-1), "Anouk", CaseChange::Edited);
        c.stamp.updated_at = noon(day(-1));
        let data = Dataset {
            cases: vec![c],
            ..Dataset::default()
        };
        assert_eq!(
            history(&data),
            vec![
                (-1, "edited".to_string()),
                (-2, "unlinked".to_string()),
                (-5, "linked".to_string()),
                (-10, "opened".to_string()),
            ]
        );
    }

    #[test]
    fn a_change_the_log_does_not_explain_still_shows_as_changed() {
        // A store written before the log: only the stamp tells.
        let mut c = case("C01", CaseStatus::New, day(-10));
        c.stamp.updated_at = noon(day(-3));
        let data = Dataset {
            cases: vec![c],
            ..Dataset::default()
        };
        assert_eq!(
            history(&data),
            vec![(-3, "edited".to_string()), (-10, "opened".to_string())]
        );
    }

    #[test]
    fn notes_on_one_day_read_as_one_line() {
        let c = new_case();
        let r = case_ref(&c);
        let data = Dataset {
            notes: vec![note(Some(r), today()), note(Some(r), today())],
            cases: vec![c],
            ..Dataset::default()
        };
        assert_eq!(
            history(&data),
            vec![(0, "Note".to_string()), (0, "opened".to_string())]
        );
    }
}
