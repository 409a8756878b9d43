//! Follow-up rules (PRODUCT.md §3): due dates in working days, overdue, and
//! when repeated chasing becomes an escalation.

use super::model::FollowUp;
use chrono::{Datelike, Days, NaiveDate, Weekday};

/// *Herhaal* sets the next due date this many working days ahead.
pub const REPEAT_WORKING_DAYS: u32 = 5;
/// From this many repeats on, a follow-up is an escalation candidate.
pub const ESCALATION_REPEATS: u32 = 3;

fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `n` working days (Monday–Friday) after `from`; public holidays are not
/// known and count as working days. From a Friday, +5 is the next Friday; from
/// a Saturday, +1 is the Monday.
pub fn add_working_days(from: NaiveDate, n: u32) -> NaiveDate {
    if n == 0 {
        return from;
    }
    // Counting from a weekend day is counting from the Friday before it; then
    // every five working days are exactly one calendar week.
    let back = match from.weekday() {
        Weekday::Sat => 1,
        Weekday::Sun => 2,
        _ => 0,
    };
    let mut d = from - Days::new(back) + Days::new(u64::from(n / 5) * 7);
    let mut left = n % 5;
    while left > 0 {
        d = d + Days::new(1);
        if is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Due before today and not done.
pub fn is_overdue(f: &FollowUp, today: NaiveDate) -> bool {
    !f.is_done() && f.due < today
}

pub fn is_due_today(f: &FollowUp, today: NaiveDate) -> bool {
    !f.is_done() && f.due == today
}

/// Chased three or more times and still open: time to escalate.
pub fn is_escalation_candidate(f: &FollowUp) -> bool {
    !f.is_done() && f.repeat_count() >= ESCALATION_REPEATS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, RecordRef};
    use crate::domain::testutil::*;

    #[test]
    fn working_days_skip_weekends() {
        // 2024-11-15 is a Friday.
        let rows = [
            (
                "friday plus five is next friday",
                date(2024, 11, 15),
                5,
                date(2024, 11, 22),
            ),
            (
                "friday plus one is monday",
                date(2024, 11, 15),
                1,
                date(2024, 11, 18),
            ),
            (
                "saturday plus one is monday",
                date(2024, 11, 16),
                1,
                date(2024, 11, 18),
            ),
            (
                "sunday plus five is next friday",
                date(2024, 11, 17),
                5,
                date(2024, 11, 22),
            ),
            (
                "monday plus five is next monday",
                date(2024, 11, 18),
                5,
                date(2024, 11, 25),
            ),
            (
                "wednesday plus three is monday",
                date(2024, 11, 20),
                3,
                date(2024, 11, 25),
            ),
            (
                "plus zero stays put",
                date(2024, 11, 16),
                0,
                date(2024, 11, 16),
            ),
            (
                "saturday plus five is next friday",
                date(2024, 11, 16),
                5,
                date(2024, 11, 22),
            ),
            (
                "thursday plus seven crosses two weekends",
                date(2024, 11, 21),
                7,
                date(2024, 12, 2),
            ),
            (
                "across the year end",
                date(2024, 12, 27),
                5,
                date(2025, 1, 3),
            ),
        ];
        for (name, from, n, want) in rows {
            assert_eq!(add_working_days(from, n), want, "{name}");
        }
    }

    #[test]
    fn working_days_match_day_by_day_counting() {
        let start = date(2024, 1, 1);
        for offset in 0..14 {
            let from = start + Days::new(offset);
            for n in 0..25u32 {
                let mut d = from;
                let mut left = n;
                while left > 0 {
                    d = d + Days::new(1);
                    if is_working_day(d) {
                        left -= 1;
                    }
                }
                assert_eq!(add_working_days(from, n), d, "{from} + {n}");
            }
        }
    }

    #[test]
    fn overdue_due_today_and_escalation() {
        struct Row {
            name: &'static str,
            due: i64,
            repeats: usize,
            done: bool,
            overdue: bool,
            due_today: bool,
            escalate: bool,
        }
        let rows = [
            Row {
                name: "due yesterday is overdue",
                due: -1,
                repeats: 0,
                done: false,
                overdue: true,
                due_today: false,
                escalate: false,
            },
            Row {
                name: "due today is not overdue",
                due: 0,
                repeats: 0,
                done: false,
                overdue: false,
                due_today: true,
                escalate: false,
            },
            Row {
                name: "due tomorrow is neither",
                due: 1,
                repeats: 0,
                done: false,
                overdue: false,
                due_today: false,
                escalate: false,
            },
            Row {
                name: "done is never overdue",
                due: -7,
                repeats: 3,
                done: true,
                overdue: false,
                due_today: false,
                escalate: false,
            },
            Row {
                name: "done is never due today",
                due: 0,
                repeats: 0,
                done: true,
                overdue: false,
                due_today: false,
                escalate: false,
            },
            Row {
                name: "two repeats is no escalation",
                due: -7,
                repeats: 2,
                done: false,
                overdue: true,
                due_today: false,
                escalate: false,
            },
            Row {
                name: "three repeats is an escalation",
                due: -1,
                repeats: 3,
                done: false,
                overdue: true,
                due_today: false,
                escalate: true,
            },
            Row {
                name: "four repeats is an escalation",
                due: 3,
                repeats: 4,
                done: false,
                overdue: false,
                due_today: false,
                escalate: true,
            },
        ];
        let about = RecordRef {
            kind: Kind::Exception,
            id: uuid::Uuid::new_v4(),
        };
        for r in rows {
            let mut f = followup(about, day(-30), day(r.due));
            f.repeated_on = vec![day(-20); r.repeats];
            f.done_on = r.done.then(|| day(-1));
            assert_eq!(is_overdue(&f, today()), r.overdue, "{}: overdue", r.name);
            assert_eq!(
                is_due_today(&f, today()),
                r.due_today,
                "{}: due today",
                r.name
            );
            assert_eq!(
                is_escalation_candidate(&f),
                r.escalate,
                "{}: escalation",
                r.name
            );
        }
    }
}
