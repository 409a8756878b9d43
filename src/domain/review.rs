//! The end-of-day review (PRODUCT.md §3): every exception that was stalled when
//! the day began must have had one qualifying action today.
//!
//! The set is fixed at the start of the day — the state as it stood at the end of
//! yesterday, aged to today — so that acting on an exception (a note, a snooze, a
//! stage move) un-stalls it without dropping it from the list: it stays, marked
//! done. Without any action today the set equals `stalled_exceptions(today)`.
//!
//! What an item shows is the exception as it is now: its current stage, its
//! days in that stage and its health, computed from the record with `today`.
//! Only which items are on the list (and their order) comes from the start of
//! the day.

use super::activity::{Activity, ActivityIndex, ActivityKind};
use super::ageing::{ExceptionStatus, Facts, exception_status, last_activity_of, review_order};
use super::model::{Dataset, ProcurementException, Settings, Stage};
use chrono::NaiveDate;

/// What counts as doing something for a stalled exception. An escalation is a
/// decision note plus a follow-up, so it is covered by `Note` and
/// `FollowUpCreated`. A snooze only counts with a reason; the index records no
/// `Snoozed` event without one. Marking a follow-up done is not enough.
pub fn is_qualifying(kind: ActivityKind) -> bool {
    matches!(
        kind,
        ActivityKind::Note
            | ActivityKind::FollowUpCreated
            | ActivityKind::FollowUpRepeated
            | ActivityKind::StageMove
            | ActivityKind::Snoozed
    )
}

/// Whether any of an exception's events is a qualifying action dated today.
pub fn acted_today(events: &[Activity], today: NaiveDate) -> bool {
    events
        .iter()
        .any(|a| a.on == today && is_qualifying(a.kind))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewItem<'a> {
    pub exception: &'a ProcurementException,
    /// As it is now: the current record aged to today (what an item shows).
    pub status: ExceptionStatus,
    /// As at the start of today: why it is on the list, and its place there.
    pub at_start: ExceptionStatus,
    pub done: bool,
}

/// The exception as it stood when `today` began, or `None` when it did not
/// exist yet (requested today).
fn facts_at_start_of<'a>(
    exc: &'a ProcurementException,
    activity: &ActivityIndex,
    today: NaiveDate,
) -> Option<Facts<'a>> {
    if exc.requested_on >= today {
        return None;
    }
    let entered = exc.history.iter().rev().find(|m| m.on < today);
    let (stage, stage_entered_on) =
        entered.map_or((Stage::Request, exc.requested_on), |m| (m.to, m.on));
    // A snooze set today replaces whatever was there; the earlier one is not
    // kept, so the exception counts as not snoozed at the start of the day.
    let snooze = exc.snooze.as_ref().filter(|s| s.set_on < today);
    let last_activity = activity
        .last_activity_before(exc.id, today)
        .map_or(exc.requested_on, |d| d.max(exc.requested_on));
    Some(Facts {
        requested_on: exc.requested_on,
        stage,
        stage_entered_on,
        snooze,
        last_activity,
    })
}

/// Today's review list: exceptions stalled at the start of today, in review
/// order, each marked done once it has had a qualifying action today.
pub fn review_items<'a>(
    data: &'a Dataset,
    activity: &ActivityIndex,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<ReviewItem<'a>> {
    let mut items: Vec<ReviewItem<'a>> = data
        .exceptions
        .iter()
        .filter_map(|exc| {
            let at_start = facts_at_start_of(exc, activity, today)?.status(settings, today);
            at_start.is_stalled().then(|| ReviewItem {
                exception: exc,
                status: exception_status(exc, last_activity_of(exc, activity), settings, today),
                at_start,
                done: acted_today(activity.events(exc.id), today),
            })
        })
        .collect();
    items.sort_by(|a, b| review_order(&a.at_start, &b.at_start));
    items
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewProgress {
    pub total: usize,
    pub done: usize,
}

impl ReviewProgress {
    /// Every item done (an empty review is complete).
    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }

    /// Items still to act on.
    pub fn open(&self) -> usize {
        self.total.saturating_sub(self.done)
    }
}

pub fn review_progress(items: &[ReviewItem]) -> ReviewProgress {
    ReviewProgress {
        total: items.len(),
        done: items.iter().filter(|i| i.done).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ageing::{Health, stalled_exceptions};
    use crate::domain::model::StageMove;
    use crate::domain::testutil::*;

    fn numbers<'a>(items: &[ReviewItem<'a>]) -> Vec<&'a str> {
        items.iter().map(|i| i.exception.number.as_str()).collect()
    }

    fn exc_mut<'a>(data: &'a mut Dataset, number: &str) -> &'a mut ProcurementException {
        data.exceptions
            .iter_mut()
            .find(|e| e.number == number)
            .unwrap()
    }

    /// Stalled by inactivity alone: any action yesterday would un-stall it.
    fn x04(data: &mut Dataset) -> &mut ProcurementException {
        exc_mut(data, "X04")
    }

    /// Critical by its stage age, so yesterday's actions leave it in the review.
    fn x05(data: &mut Dataset) -> &mut ProcurementException {
        exc_mut(data, "X05")
    }

    fn run(data: &Dataset) -> Vec<ReviewItem<'_>> {
        let index = ActivityIndex::build(data);
        review_items(data, &index, &settings(), today())
    }

    #[test]
    fn without_action_today_the_review_is_todays_stalled_list_all_open() {
        let data = demo_dataset();
        let index = ActivityIndex::build(&data);
        let items = review_items(&data, &index, &settings(), today());
        let stalled = stalled_exceptions(&data, &index, &settings(), today());
        assert_eq!(numbers(&items), ["X08", "X07", "X05", "X04"]);
        let stalled_numbers: Vec<&str> = stalled.iter().map(|(e, _)| e.number.as_str()).collect();
        assert_eq!(numbers(&items), stalled_numbers);
        let progress = review_progress(&items);
        assert_eq!(progress, ReviewProgress { total: 4, done: 0 });
        assert_eq!(progress.open(), 4);
        assert!(!progress.is_complete());
    }

    #[test]
    fn an_action_marks_done_only_when_it_qualifies_and_is_dated_today() {
        struct Row {
            name: &'static str,
            act: fn(&mut Dataset),
            done: bool,
        }
        let rows = [
            Row {
                name: "nothing done",
                act: |_| {},
                done: false,
            },
            Row {
                name: "note today counts",
                act: |d| {
                    let r = exc_ref(x05(d));
                    d.notes.push(note(Some(r), day(0)));
                },
                done: true,
            },
            Row {
                name: "note yesterday does not count",
                act: |d| {
                    let r = exc_ref(x05(d));
                    d.notes.push(note(Some(r), day(-1)));
                },
                done: false,
            },
            Row {
                name: "follow-up created today counts",
                act: |d| {
                    let r = exc_ref(x05(d));
                    d.followups.push(followup(r, day(0), day(5)));
                },
                done: true,
            },
            Row {
                name: "follow-up repeated today counts",
                act: |d| {
                    let mut f = followup(exc_ref(x05(d)), day(-20), day(0));
                    f.repeated_on = vec![day(0)];
                    d.followups.push(f);
                },
                done: true,
            },
            Row {
                name: "follow-up marked done today alone does not count",
                act: |d| {
                    let mut f = followup(exc_ref(x05(d)), day(-20), day(-5));
                    f.done_on = Some(day(0));
                    d.followups.push(f);
                },
                done: false,
            },
            Row {
                name: "snooze with a reason today counts",
                act: |d| x05(d).snooze = Some(snooze(day(10), "wacht op marktverkenning", day(0))),
                done: true,
            },
            Row {
                name: "snooze without a reason does not count",
                act: |d| x05(d).snooze = Some(snooze(day(10), " ", day(0))),
                done: false,
            },
            Row {
                name: "stage move earlier today counts",
                act: |d| {
                    let e = x05(d);
                    e.history.push(StageMove {
                        from: Some(Stage::LegalReview),
                        to: Stage::Decision,
                        on: day(0),
                        by: "anouk".into(),
                        note: None,
                    });
                    e.stage = Stage::Decision;
                },
                done: true,
            },
        ];
        for row in rows {
            let mut data = demo_dataset();
            (row.act)(&mut data);
            let items = run(&data);
            assert_eq!(
                numbers(&items),
                ["X08", "X07", "X05", "X04"],
                "{}",
                row.name
            );
            let x05 = items.iter().find(|i| i.exception.number == "X05").unwrap();
            assert_eq!(x05.done, row.done, "{}", row.name);
            assert_eq!(
                x05.at_start.health,
                Some(Health::Critical),
                "{}: status as at start of day",
                row.name
            );
            assert_eq!(
                review_progress(&items).done,
                usize::from(row.done),
                "{}",
                row.name
            );
        }
    }

    #[test]
    fn closing_an_exception_today_keeps_it_in_the_review_as_done() {
        let mut data = demo_dataset();
        let e = x04(&mut data);
        e.history.push(StageMove {
            from: Some(Stage::MarketScan),
            to: Stage::Withdrawn,
            on: day(0),
            by: "anouk".into(),
            note: None,
        });
        e.stage = Stage::Withdrawn;
        let items = run(&data);
        let item = items.iter().find(|i| i.exception.number == "X04").unwrap();
        assert!(item.done);
    }

    #[test]
    fn a_stage_moved_back_today_shows_as_it_is_now_and_stays_on_the_list() {
        let mut data = demo_dataset();
        let e = exc_mut(&mut data, "X07");
        let at = Stage::OPEN.iter().position(|s| *s == e.stage).unwrap();
        let back_to = Stage::OPEN[at - 1];
        e.history.push(StageMove {
            from: Some(e.stage),
            to: back_to,
            on: day(0),
            by: "anouk".into(),
            note: Some("advies moet over".into()),
        });
        e.stage = back_to;
        let index = ActivityIndex::build(&data);
        let items = review_items(&data, &index, &settings(), today());
        assert_eq!(numbers(&items), ["X08", "X07", "X05", "X04"]);
        let x07 = items.iter().find(|i| i.exception.number == "X07").unwrap();
        assert!(x07.done);
        assert!(x07.at_start.is_stalled(), "on the list for this morning");
        assert_eq!(x07.status.ages.stage_days, 0);
        assert_eq!(x07.status.health, Some(Health::Ok));
        // The same as every other listing says of it now.
        let now = crate::domain::ageing::exception_status(
            x07.exception,
            crate::domain::ageing::last_activity_of(x07.exception, &index),
            &settings(),
            today(),
        );
        assert_eq!(x07.status, now);
    }

    #[test]
    fn exceptions_closed_or_snoozed_before_today_are_not_in_the_review() {
        let mut data = demo_dataset();
        x04(&mut data).snooze = Some(snooze(day(10), "wacht op budget", day(-1)));
        let x05 = x05(&mut data);
        x05.history.push(StageMove {
            from: Some(Stage::LegalReview),
            to: Stage::Rejected,
            on: day(-1),
            by: "bram".into(),
            note: None,
        });
        x05.stage = Stage::Rejected;
        assert_eq!(numbers(&run(&data)), ["X08", "X07"]);
    }

    #[test]
    fn action_yesterday_that_unstalled_an_exception_takes_it_out_of_today() {
        let mut data = demo_dataset();
        let r = exc_ref(x04(&mut data));
        data.notes.push(note(Some(r), day(-1)));
        assert_eq!(numbers(&run(&data)), ["X08", "X07", "X05"]);
    }

    #[test]
    fn exception_requested_today_is_not_in_the_review() {
        let mut data = Dataset::default();
        // History dated a month back would make it critical, but it only
        // became an exception today.
        let mut e = exception("X11", day(-30), 1, day(-30));
        e.requested_on = day(0);
        data.exceptions.push(e);
        assert!(run(&data).is_empty());
        assert!(review_progress(&[]).is_complete());
    }

    #[test]
    fn review_is_complete_when_every_item_has_a_qualifying_action() {
        let mut data = demo_dataset();
        for number in ["X08", "X07", "X05", "X04"] {
            let r = exc_ref(data.exceptions.iter().find(|e| e.number == number).unwrap());
            data.notes.push(note(Some(r), day(0)));
        }
        let progress = review_progress(&run(&data));
        assert_eq!(progress, ReviewProgress { total: 4, done: 4 });
        assert!(progress.is_complete());
        assert_eq!(progress.open(), 0);
    }
}
