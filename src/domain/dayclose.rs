//! What the end-of-day review records and the morning view shows: what was done
//! today per exception, the next date it waits for, when an exception became
//! stalled, and who an escalation goes to. Pure functions of data and `today`.

use super::activity::{ActivityIndex, ActivityKind};
use super::model::*;
use super::review::is_qualifying;
use chrono::{Days, NaiveDate};

/// The qualifying actions on an exception today, in the order they happened,
/// each kind once.
pub fn actions_today(
    activity: &ActivityIndex,
    exception: Id,
    today: NaiveDate,
) -> Vec<ActivityKind> {
    let mut out = Vec::new();
    for e in activity.events(exception) {
        if e.on == today && is_qualifying(e.kind) && !out.contains(&e.kind) {
            out.push(e.kind);
        }
    }
    out
}

/// The next date the exception waits for: its earliest open follow-up, or the
/// end of its snooze, whichever comes first. Never before `today`: an overdue
/// follow-up is due today.
pub fn next_date(data: &Dataset, x: &ProcurementException, today: NaiveDate) -> Option<NaiveDate> {
    let about = RecordRef {
        kind: Kind::Exception,
        id: x.id,
    };
    let followup = data
        .followups
        .iter()
        .filter(|f| f.about == about && !f.is_done())
        .map(|f| f.due.max(today))
        .min();
    let snooze = x.snooze.as_ref().map(|s| s.until).filter(|d| *d > today);
    [followup, snooze].into_iter().flatten().min()
}

/// The day an exception became (or will become) stalled if nothing happens:
/// the day after its stage limit, or after the inactivity limit, whichever is
/// first. `None` for a closed exception.
pub fn stalled_since(
    x: &ProcurementException,
    last_activity: NaiveDate,
    settings: &Settings,
) -> Option<NaiveDate> {
    let limit = settings.limit(x.stage)?;
    let by_stage = x
        .stage_entered_on()
        .checked_add_days(Days::new(u64::from(limit) + 1))?;
    let by_inactivity =
        last_activity.checked_add_days(Days::new(u64::from(settings.inactivity_limit_days) + 1))?;
    Some(by_stage.min(by_inactivity))
}

/// The day of the last end-of-day summary before `today`, if any.
pub fn last_review_day(notes: &[NoteHead], today: NaiveDate) -> Option<NaiveDate> {
    notes
        .iter()
        .filter(|n| n.kind == NoteKind::DaySummary && n.date < today)
        .map(|n| n.date)
        .max()
}

/// The day of the last end-of-day summary up to and including `today`: what
/// "stalled since the last review" counts from once today's review is saved.
pub fn latest_review_day(notes: &[NoteHead], today: NaiveDate) -> Option<NaiveDate> {
    notes
        .iter()
        .filter(|n| n.kind == NoteKind::DaySummary && n.date <= today)
        .map(|n| n.date)
        .max()
}

/// Whether the day's summary note has been written already.
pub fn summary_written(notes: &[NoteHead], today: NaiveDate) -> bool {
    notes
        .iter()
        .any(|n| n.kind == NoteKind::DaySummary && n.date == today)
}

/// Who an escalation of `x` goes to: the escalation contact of the department
/// it waits on, else a colleague there with that role, else its first liaison,
/// else the person it waits on.
pub fn escalation_contact(data: &Dataset, x: &ProcurementException) -> Option<Id> {
    let waiting = x
        .waiting_on
        .and_then(|id| data.contacts.iter().find(|c| c.id == id));
    let dept = waiting
        .and_then(|c| c.department)
        .and_then(|d| data.departments.iter().find(|x| x.id == d));
    dept.and_then(|d| d.escalation_contact)
        .or_else(|| {
            dept.and_then(|d| {
                data.contacts
                    .iter()
                    .find(|c| {
                        c.department == Some(d.id) && c.roles.contains(&Role::EscalationContact)
                    })
                    .map(|c| c.id)
            })
        })
        .or_else(|| dept.and_then(|d| d.liaisons.first().copied()))
        .or(x.waiting_on)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::ActivityIndex;
    use crate::domain::ops::Ctx;
    use crate::fixtures::seed;

    fn demo() -> (Settings, Dataset, NaiveDate) {
        let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        let ctx = Ctx {
            today,
            now: today.and_hms_opt(9, 0, 0).unwrap(),
            user: "Anouk".into(),
        };
        let (settings, mut data) = seed::reference(&ctx).unwrap();
        for r in seed::demo(today, &data).unwrap() {
            data.upsert(r);
        }
        (settings, data, today)
    }

    fn x<'a>(data: &'a Dataset, n: &str) -> &'a ProcurementException {
        data.exceptions.iter().find(|x| x.number == n).unwrap()
    }

    #[test]
    fn stalled_since_is_the_first_day_over_a_limit() {
        let (settings, data, today) = demo();
        let activity = ActivityIndex::build(&data);
        // X04: market scan entered day -39 (limit 42), last activity day -21
        // (limit 14): stalled from day -6 by inactivity.
        let x04 = x(&data, "X04");
        let last = activity.last_activity(x04.id).unwrap();
        assert_eq!(
            stalled_since(x04, last, &settings),
            today.checked_sub_days(Days::new(6))
        );
        // X01 entered its stage 3 days ago (limit 7): stalled from day +5.
        let x01 = x(&data, "X01");
        let last = activity.last_activity(x01.id).unwrap();
        assert_eq!(
            stalled_since(x01, last, &settings),
            today.checked_add_days(Days::new(5))
        );
    }

    #[test]
    fn next_date_is_the_earliest_follow_up_or_snooze_end() {
        let (_, data, today) = demo();
        // X05 has F03 due in 3 days.
        assert_eq!(
            next_date(&data, x(&data, "X05"), today),
            today.checked_add_days(Days::new(3))
        );
        // X10 is snoozed until day +14 and has no follow-up.
        assert_eq!(
            next_date(&data, x(&data, "X10"), today),
            today.checked_add_days(Days::new(14))
        );
        assert_eq!(next_date(&data, x(&data, "X08"), today), None);
    }

    #[test]
    fn an_overdue_follow_up_makes_the_next_date_today_never_earlier() {
        let (_, data, today) = demo();
        // X04's follow-up was due 08-11-2024, a week ago.
        let x04 = x(&data, "X04");
        let due = data
            .followups
            .iter()
            .filter(|f| f.about.id == x04.id && !f.is_done())
            .map(|f| f.due)
            .min()
            .unwrap();
        assert!(due < today);
        assert_eq!(next_date(&data, x04, today), Some(today));
    }

    #[test]
    fn escalation_goes_to_the_liaison_when_no_escalation_contact_is_set() {
        let (_, data, _) = demo();
        let bas = data.contacts.iter().find(|c| c.name == "Fleur").unwrap();
        // X08 waits on Bas (D02); D02's first liaison is Fleur.
        assert_eq!(escalation_contact(&data, x(&data, "X08")), Some(bas.id));
    }

    #[test]
    fn only_todays_qualifying_actions_count() {
        let (_, data, today) = demo();
        let activity = ActivityIndex::build(&data);
        assert!(actions_today(&activity, x(&data, "X05").id, today).is_empty());
        assert!(!summary_written(&data.note_heads(), today));
        assert_eq!(last_review_day(&data.note_heads(), today), None);
    }

    #[test]
    fn a_day_summary_counts_for_its_own_day_and_later_mornings() {
        let (_, data, today) = demo();
        let summary = |on: NaiveDate| NoteHead {
            id: Id::from_u128(chrono::Datelike::num_days_from_ce(&on) as u128),
            seq: 1,
            target: None,
            kind: NoteKind::DaySummary,
            date: on,
        };
        let yesterday = today.pred_opt().unwrap();
        let mut notes = data.note_heads();
        notes.push(summary(yesterday - chrono::Days::new(3)));
        notes.push(summary(yesterday));
        assert!(!summary_written(&notes, today));
        assert_eq!(last_review_day(&notes, today), Some(yesterday));
        notes.push(summary(today));
        assert!(summary_written(&notes, today));
        // Today's own summary is not "the last review before today".
        assert_eq!(last_review_day(&notes, today), Some(yesterday));
        // But once saved, it is the latest review so far.
        assert_eq!(latest_review_day(&notes, today), Some(today));
        notes.pop();
        assert_eq!(latest_review_day(&notes, today), Some(yesterday));
    }
}
