//! Morning case triage (PRODUCT.md §3): open cases that wait on the
//! municipality too long, or carry a blocker nobody has lifted for a month.

use super::activity::ActivityIndex;
use super::model::{Case, CaseStatus, Dataset, Settings};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum TriageReason {
    /// Waiting on the municipality with no activity for `days`.
    Idle { days: i64 },
    /// An open blocker raised `days` ago.
    OldBlocker { keyword: String, days: i64 },
}

/// Why a case belongs in the morning triage; empty when it does not. One
/// `OldBlocker` per old open blocker, in the case's blocker order.
pub fn case_triage(
    case: &Case,
    last_activity: NaiveDate,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<TriageReason> {
    let mut reasons = Vec::new();
    if !case.status.is_open() {
        return reasons;
    }
    let idle = inactivity_days(last_activity, today);
    if case.status == CaseStatus::WaitingOnMunicipality
        && idle >= i64::from(settings.triage_inactivity_days)
    {
        reasons.push(TriageReason::Idle { days: idle });
    }
    for b in case.blockers.iter().filter(|b| b.is_open()) {
        let days = (today - b.raised_on).num_days();
        if days > i64::from(settings.triage_blocker_days) {
            reasons.push(TriageReason::OldBlocker {
                keyword: b.keyword.clone(),
                days,
            });
        }
    }
    reasons
}

/// The day a case last moved: its latest activity, or the day it was opened
/// when nothing has happened since.
pub fn case_last_activity(case: &Case, activity: &ActivityIndex) -> NaiveDate {
    activity.last_activity(case.id).unwrap_or(case.opened_on)
}

/// Whole days without activity; an activity dated after `today` (a store used
/// with an earlier `--today`) counts as today, never as negative idleness.
pub fn inactivity_days(last_activity: NaiveDate, today: NaiveDate) -> i64 {
    (today - last_activity).num_days().max(0)
}

/// The open cases for the morning triage, each with its reasons, in dataset
/// order. A case without events counts from the day it was opened.
pub fn triage_cases<'a>(
    data: &'a Dataset,
    activity: &ActivityIndex,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<(&'a Case, Vec<TriageReason>)> {
    data.cases
        .iter()
        .filter(|c| c.status.is_open())
        .filter_map(|c| {
            let reasons = case_triage(c, case_last_activity(c, activity), settings, today);
            (!reasons.is_empty()).then_some((c, reasons))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::TriageReason::*;

    #[test]
    fn inactivity_is_never_negative() {
        let day = |d| NaiveDate::from_ymd_opt(2024, 11, d).unwrap();
        assert_eq!(super::inactivity_days(day(1), day(15)), 14);
        assert_eq!(super::inactivity_days(day(15), day(15)), 0);
        assert_eq!(super::inactivity_days(day(20), day(15)), 0);
    }

    use super::*;
    use crate::domain::testutil::*;

    struct Row {
        name: &'static str,
        status: CaseStatus,
        last_activity: i64,
        /// (keyword, raised, resolved)
        blockers: &'static [(&'static str, i64, Option<i64>)],
        expected: Vec<TriageReason>,
    }

    fn old(keyword: &str, days: i64) -> TriageReason {
        OldBlocker {
            keyword: keyword.into(),
            days,
        }
    }

    #[test]
    fn triage_flags_idle_waiting_cases_and_old_open_blockers() {
        use CaseStatus::*;
        let rows = [
            Row {
                name: "waiting 20 days is not idle",
                status: WaitingOnMunicipality,
                last_activity: -20,
                blockers: &[],
                expected: vec![],
            },
            Row {
                name: "waiting exactly 21 days is idle",
                status: WaitingOnMunicipality,
                last_activity: -21,
                blockers: &[],
                expected: vec![Idle { days: 21 }],
            },
            Row {
                name: "waiting 28 days is idle (C05, C14)",
                status: WaitingOnMunicipality,
                last_activity: -28,
                blockers: &[],
                expected: vec![Idle { days: 28 }],
            },
            Row {
                name: "in progress is never idle",
                status: InProgress,
                last_activity: -60,
                blockers: &[],
                expected: vec![],
            },
            Row {
                name: "waiting on the entrepreneur is never idle",
                status: WaitingOnEntrepreneur,
                last_activity: -60,
                blockers: &[],
                expected: vec![],
            },
            Row {
                name: "blocker 30 days old is not old",
                status: InProgress,
                last_activity: -1,
                blockers: &[("inkoop", -30, None)],
                expected: vec![],
            },
            Row {
                name: "blocker 31 days old is old",
                status: InProgress,
                last_activity: -1,
                blockers: &[("inkoop", -31, None)],
                expected: vec![old("inkoop", 31)],
            },
            Row {
                name: "resolved old blocker does not count",
                status: Blocked,
                last_activity: -1,
                blockers: &[("inkoop", -90, Some(-2))],
                expected: vec![],
            },
            Row {
                name: "C10: one old blocker among fresh ones",
                status: Blocked,
                last_activity: -3,
                blockers: &[
                    ("tijdelijke verhuur", -56, None),
                    ("staatssteun", -10, None),
                ],
                expected: vec![old("tijdelijke verhuur", 56)],
            },
            Row {
                name: "idle and old blockers together",
                status: WaitingOnMunicipality,
                last_activity: -40,
                blockers: &[("lening", -45, None), ("garantstelling", -35, None)],
                expected: vec![
                    Idle { days: 40 },
                    old("lening", 45),
                    old("garantstelling", 35),
                ],
            },
            Row {
                name: "done case is never triaged",
                status: Done,
                last_activity: -90,
                blockers: &[("inkoop", -90, None)],
                expected: vec![],
            },
            Row {
                name: "stopped case is never triaged",
                status: Stopped,
                last_activity: -90,
                blockers: &[("inkoop", -90, None)],
                expected: vec![],
            },
        ];
        for r in rows {
            let mut c = case("C01", r.status, day(-100));
            c.blockers = r
                .blockers
                .iter()
                .map(|&(k, raised, resolved)| blocker(k, day(raised), resolved.map(day)))
                .collect();
            let got = case_triage(&c, day(r.last_activity), &settings(), today());
            assert_eq!(got, r.expected, "{}", r.name);
        }
    }

    #[test]
    fn triage_cases_uses_the_last_activity_from_the_index() {
        let mut data = Dataset::default();
        for (number, note_on) in [("C05", -28), ("C02", -3)] {
            let mut c = case(number, CaseStatus::WaitingOnMunicipality, day(-90));
            c.stamp.updated_at = noon(day(-60));
            data.notes.push(note(Some(case_ref(&c)), day(note_on)));
            data.cases.push(c);
        }
        let index = ActivityIndex::build(&data);
        let got = triage_cases(&data, &index, &settings(), today());
        let got: Vec<_> = got
            .iter()
            .map(|(c, r)| (c.number.as_str(), r.clone()))
            .collect();
        assert_eq!(got, [("C05", vec![Idle { days: 28 }])]);
    }
}
