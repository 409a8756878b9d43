//! How old an exception is and how healthy (PRODUCT.md §3 "Ages" and "Health").

use super::activity::ActivityIndex;
use super::model::{Dataset, ProcurementException, Settings, Snooze, Stage};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Calendar-day ages; never negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Ages {
    pub total_days: i64,
    pub stage_days: i64,
    pub inactivity_days: i64,
}

/// Declaration order is worst first, so `Ord` sorts the worst to the top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    Critical,
    Stalled,
    Attention,
    Ok,
    Snoozed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Langlopend: more than 180 days since the request.
    LongRunning,
    /// Jaargrens: more than 365 days since the request.
    YearMark,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExceptionStatus {
    pub ages: Ages,
    /// `None` when the exception is closed.
    pub health: Option<Health>,
    /// Only open exceptions carry labels.
    pub labels: Vec<Label>,
    pub last_activity: NaiveDate,
}

impl ExceptionStatus {
    /// Stalled or critical: what the end-of-day review walks through.
    pub fn is_stalled(&self) -> bool {
        matches!(self.health, Some(Health::Stalled | Health::Critical))
    }

    pub fn is_open(&self) -> bool {
        self.health.is_some()
    }
}

/// The facts health is computed from. The review builds these for the state as
/// it stood at the start of a day, hence a separate type.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Facts<'a> {
    pub requested_on: NaiveDate,
    pub stage: Stage,
    pub stage_entered_on: NaiveDate,
    pub snooze: Option<&'a Snooze>,
    pub last_activity: NaiveDate,
}

impl<'a> Facts<'a> {
    pub(crate) fn of(exc: &'a ProcurementException, last_activity: NaiveDate) -> Self {
        Facts {
            requested_on: exc.requested_on,
            stage: exc.stage,
            stage_entered_on: exc.stage_entered_on(),
            snooze: exc.snooze.as_ref(),
            last_activity,
        }
    }

    fn ages(&self, today: NaiveDate) -> Ages {
        // A closed exception stops ageing on the day it closed.
        let until = if self.stage.is_closed() {
            self.stage_entered_on.min(today)
        } else {
            today
        };
        let days = |since: NaiveDate| (until - since).num_days().max(0);
        Ages {
            total_days: days(self.requested_on),
            stage_days: days(self.stage_entered_on),
            inactivity_days: days(self.last_activity),
        }
    }

    pub(crate) fn status(&self, settings: &Settings, today: NaiveDate) -> ExceptionStatus {
        let ages = self.ages(today);
        let health = settings
            .limit(self.stage)
            .map(|limit| health(&ages, i64::from(limit), self.snooze, settings, today));
        let mut labels = Vec::new();
        if health.is_some() {
            if ages.total_days > 180 {
                labels.push(Label::LongRunning);
            }
            if ages.total_days > 365 {
                labels.push(Label::YearMark);
            }
        }
        ExceptionStatus {
            ages,
            health,
            labels,
            last_activity: self.last_activity,
        }
    }
}

fn health(
    ages: &Ages,
    limit: i64,
    snooze: Option<&Snooze>,
    settings: &Settings,
    today: NaiveDate,
) -> Health {
    if snooze.is_some_and(|s| s.until > today) {
        return Health::Snoozed;
    }
    let stalled =
        ages.stage_days > limit || ages.inactivity_days > i64::from(settings.inactivity_limit_days);
    if stalled {
        if ages.stage_days > 2 * limit || ages.total_days > 180 {
            Health::Critical
        } else {
            Health::Stalled
        }
    } else if 4 * ages.stage_days >= 3 * limit {
        Health::Attention
    } else {
        Health::Ok
    }
}

/// The exception's ages on `today`; a closed exception's ages freeze at its
/// closing date. `last_activity` is the latest of its events (see
/// [`last_activity_of`]).
pub fn ages(exc: &ProcurementException, last_activity: NaiveDate, today: NaiveDate) -> Ages {
    Facts::of(exc, last_activity).ages(today)
}

/// Ages, health and labels of one exception on `today`.
///
/// `last_activity` is the latest day in the activity index for the exception;
/// a caller with no index passes `exc.requested_on` (the request is itself the
/// first activity), which [`last_activity_of`] does for you.
pub fn exception_status(
    exc: &ProcurementException,
    last_activity: NaiveDate,
    settings: &Settings,
    today: NaiveDate,
) -> ExceptionStatus {
    Facts::of(exc, last_activity).status(settings, today)
}

/// The exception's last activity from the index, or its request day.
pub fn last_activity_of(exc: &ProcurementException, activity: &ActivityIndex) -> NaiveDate {
    activity
        .last_activity(exc.id)
        .map_or(exc.requested_on, |d| d.max(exc.requested_on))
}

/// Stalled-list order: critical first, then the oldest (total age) first.
pub fn review_order(a: &ExceptionStatus, b: &ExceptionStatus) -> Ordering {
    let critical = |s: &ExceptionStatus| s.health != Some(Health::Critical);
    critical(a)
        .cmp(&critical(b))
        .then(b.ages.total_days.cmp(&a.ages.total_days))
}

/// Listing order: worst health first (closed last), then the oldest first.
pub fn worst_first(a: &ExceptionStatus, b: &ExceptionStatus) -> Ordering {
    let rank = |s: &ExceptionStatus| (s.health.is_none(), s.health);
    rank(a)
        .cmp(&rank(b))
        .then(b.ages.total_days.cmp(&a.ages.total_days))
}

fn statuses<'a>(
    data: &'a Dataset,
    activity: &ActivityIndex,
    settings: &Settings,
    today: NaiveDate,
) -> impl Iterator<Item = (&'a ProcurementException, ExceptionStatus)> {
    data.exceptions
        .iter()
        .filter(|e| !e.stage.is_closed())
        .map(move |e| {
            let status = exception_status(e, last_activity_of(e, activity), settings, today);
            (e, status)
        })
}

/// Every open exception with its status, worst first. Ties keep dataset order
/// (by number).
pub fn open_exceptions<'a>(
    data: &'a Dataset,
    activity: &ActivityIndex,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<(&'a ProcurementException, ExceptionStatus)> {
    let mut list: Vec<_> = statuses(data, activity, settings, today).collect();
    list.sort_by(|a, b| worst_first(&a.1, &b.1));
    list
}

/// The exceptions stalled on `today`, in review order.
pub fn stalled_exceptions<'a>(
    data: &'a Dataset,
    activity: &ActivityIndex,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<(&'a ProcurementException, ExceptionStatus)> {
    let mut list: Vec<_> = statuses(data, activity, settings, today)
        .filter(|(_, s)| s.is_stalled())
        .collect();
    list.sort_by(|a, b| review_order(&a.1, &b.1));
    list
}

#[cfg(test)]
mod tests {
    use super::Health::*;
    use super::Label::*;
    use super::*;
    use crate::domain::testutil::*;

    struct Row {
        name: &'static str,
        stage: u8,
        stage_days: i64,
        total_days: i64,
        inactivity_days: i64,
        snoozed_until: Option<i64>,
        health: Health,
    }

    const fn row(
        name: &'static str,
        stage: u8,
        stage_days: i64,
        total_days: i64,
        inactivity_days: i64,
        health: Health,
    ) -> Row {
        Row {
            name,
            stage,
            stage_days,
            total_days,
            inactivity_days,
            snoozed_until: None,
            health,
        }
    }

    fn status_of(r: &Row) -> ExceptionStatus {
        let mut e = exception("X01", day(-r.total_days), r.stage, day(-r.stage_days));
        e.snooze = r
            .snoozed_until
            .map(|u| snooze(day(u), "wacht op budget", day(-1)));
        exception_status(&e, day(-r.inactivity_days), &settings(), today())
    }

    #[test]
    fn health_follows_stage_limit_inactivity_and_total_age() {
        // Limits: 1→7, 2→14, 3→42, 6→28; inactivity limit 14.
        let rows = [
            row("fresh request is ok", 1, 0, 0, 0, Ok),
            row(
                "stage age exactly at limit is not stalled",
                2,
                14,
                20,
                0,
                Attention,
            ),
            row("stage age one over limit is stalled", 2, 15, 20, 0, Stalled),
            row("inactivity 14 is not stalled", 3, 10, 20, 14, Ok),
            row("inactivity 15 is stalled", 3, 10, 20, 15, Stalled),
            row(
                "three quarters of limit exactly is attention",
                6,
                21,
                30,
                0,
                Attention,
            ),
            row("just under three quarters is ok", 6, 20, 30, 0, Ok),
            row(
                "three quarters rounds up for odd limits",
                1,
                6,
                6,
                0,
                Attention,
            ),
            row(
                "twice the limit exactly is stalled not critical",
                1,
                14,
                14,
                0,
                Stalled,
            ),
            row("over twice the limit is critical", 1, 15, 15, 0, Critical),
            row(
                "stalled with total 180 is not critical",
                2,
                15,
                180,
                0,
                Stalled,
            ),
            row(
                "stalled with total 181 is critical",
                2,
                15,
                181,
                0,
                Critical,
            ),
            row("inactive and old is critical", 3, 10, 200, 15, Critical),
            row("old but moving is ok", 2, 0, 200, 0, Ok),
            Row {
                snoozed_until: Some(1),
                ..row(
                    "snooze until tomorrow hides stalled",
                    2,
                    30,
                    200,
                    30,
                    Snoozed,
                )
            },
            Row {
                snoozed_until: Some(0),
                ..row(
                    "snooze ending today no longer counts",
                    2,
                    30,
                    200,
                    30,
                    Critical,
                )
            },
        ];
        for r in &rows {
            let s = status_of(r);
            assert_eq!(s.health, Some(r.health), "{}", r.name);
            assert_eq!(
                s.is_stalled(),
                matches!(r.health, Stalled | Critical),
                "{}",
                r.name
            );
            let want = Ages {
                total_days: r.total_days,
                stage_days: r.stage_days,
                inactivity_days: r.inactivity_days,
            };
            assert_eq!(s.ages, want, "{}", r.name);
        }
    }

    #[test]
    fn labels_mark_long_running_and_the_year_mark() {
        let rows: [(&str, i64, &[Label]); 5] = [
            ("total 100 has no label", 100, &[]),
            ("total 180 is not long-running", 180, &[]),
            ("total 181 is long-running", 181, &[LongRunning]),
            ("total 365 is not past the year mark", 365, &[LongRunning]),
            (
                "total 366 is past the year mark",
                366,
                &[LongRunning, YearMark],
            ),
        ];
        for (name, total, want) in rows {
            let s = status_of(&row(name, 2, 0, total, 0, Ok));
            assert_eq!(s.labels, want, "{name}");
        }
    }

    #[test]
    fn closed_exception_ages_freeze_at_closing_date_without_health() {
        let mut e = exception("X01", day(-400), 6, day(-40));
        e.history.push(crate::domain::model::StageMove {
            from: Some(Stage::Decision),
            to: Stage::Awarded,
            on: day(-10),
            by: "bram".into(),
            note: None,
        });
        e.stage = Stage::Awarded;
        let s = exception_status(&e, day(-30), &settings(), today());
        assert_eq!(
            s.ages,
            Ages {
                total_days: 390,
                stage_days: 0,
                inactivity_days: 20
            }
        );
        assert_eq!(s.health, None);
        assert!(s.labels.is_empty());
        assert!(!s.is_stalled());
    }

    #[test]
    fn activity_after_today_does_not_make_ages_negative() {
        let e = exception("X01", day(-5), 1, day(-5));
        let a = ages(&e, day(3), today());
        assert_eq!(a.inactivity_days, 0);
    }

    #[test]
    fn product_demo_table_has_the_expected_health_and_labels() {
        let expected: [(&str, Health, &[Label]); 10] = [
            ("X01", Ok, &[]),
            ("X02", Ok, &[]),
            ("X03", Attention, &[]),
            ("X04", Stalled, &[]),
            ("X05", Critical, &[]),
            ("X06", Attention, &[]),
            ("X07", Critical, &[LongRunning]),
            ("X08", Critical, &[LongRunning, YearMark]),
            ("X09", Ok, &[LongRunning]),
            // Requested −256: the rule labels it, although §5 lists only the snooze.
            ("X10", Snoozed, &[LongRunning]),
        ];
        for (row, (number, health, labels)) in DEMO_EXCEPTIONS.iter().zip(expected) {
            assert_eq!(row.number, number);
            let mut e = exception(number, day(row.requested), row.stage, day(row.entered));
            e.snooze = row.snoozed_until.map(|u| snooze(day(u), "wacht", day(-16)));
            let s = exception_status(&e, day(row.last_activity), &settings(), today());
            assert_eq!(s.health, Some(health), "{number}");
            assert_eq!(s.labels, labels, "{number}");
        }
    }

    fn numbers(list: &[(&ProcurementException, ExceptionStatus)]) -> Vec<String> {
        list.iter().map(|(e, _)| e.number.clone()).collect()
    }

    #[test]
    fn stalled_list_of_demo_is_critical_first_then_oldest() {
        let data = demo_dataset();
        let index = ActivityIndex::build(&data);
        let stalled = stalled_exceptions(&data, &index, &settings(), today());
        assert_eq!(numbers(&stalled), ["X08", "X07", "X05", "X04"]);
    }

    #[test]
    fn open_list_of_demo_is_worst_first_then_oldest() {
        let data = demo_dataset();
        let index = ActivityIndex::build(&data);
        let open = open_exceptions(&data, &index, &settings(), today());
        assert_eq!(
            numbers(&open),
            [
                "X08", "X07", "X05", "X04", "X06", "X03", "X09", "X02", "X01", "X10"
            ]
        );
        let count = |h| open.iter().filter(|(_, s)| s.health == Some(h)).count();
        let counts = [
            count(Critical),
            count(Stalled),
            count(Attention),
            count(Snoozed),
            count(Ok),
        ];
        assert_eq!(counts, [3, 1, 2, 1, 3]);
    }

    #[test]
    fn closed_exceptions_are_left_out_of_both_lists() {
        let mut data = demo_dataset();
        let x08 = data
            .exceptions
            .iter_mut()
            .find(|e| e.number == "X08")
            .unwrap();
        x08.stage = Stage::Withdrawn;
        let index = ActivityIndex::build(&data);
        assert_eq!(
            numbers(&stalled_exceptions(&data, &index, &settings(), today())),
            ["X07", "X05", "X04"]
        );
        assert_eq!(
            open_exceptions(&data, &index, &settings(), today()).len(),
            9
        );
    }

    #[test]
    fn last_activity_falls_back_to_the_request_day() {
        let e = exception("X01", day(-9), 1, day(-9));
        assert_eq!(last_activity_of(&e, &ActivityIndex::default()), day(-9));
    }
}
