//! What happened to a record and when: the dated events behind "last activity"
//! (PRODUCT.md §3 Ages) and behind "acted today" (the end-of-day review).
//!
//! The index is built once from a [`Dataset`] in one pass over the records, so it
//! stays cheap at region scale (100,000 notes).

use super::model::{Dataset, Id, Kind, Note, NoteHead};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Requested,
    StageMove,
    Note,
    FollowUpCreated,
    FollowUpRepeated,
    FollowUpDone,
    Snoozed,
    CaseOpened,
    CaseUpdated,
    BlockerRaised,
    BlockerResolved,
    /// Something happened to one of the case's exceptions.
    ExceptionActivity,
}

/// The order of a record's events: by day, and on one day in the order
/// the record's own events, follow-ups, notes and (for a case) its
/// exceptions' events come.
fn order(a: &Activity) -> (NaiveDate, u8) {
    let rank = match a.kind {
        ActivityKind::Requested => 0,
        ActivityKind::StageMove => 1,
        ActivityKind::Snoozed => 2,
        ActivityKind::CaseOpened => 3,
        ActivityKind::CaseUpdated => 4,
        ActivityKind::BlockerRaised => 5,
        ActivityKind::BlockerResolved => 6,
        ActivityKind::FollowUpCreated => 7,
        ActivityKind::FollowUpRepeated => 8,
        ActivityKind::FollowUpDone => 9,
        ActivityKind::Note => 10,
        ActivityKind::ExceptionActivity => 11,
    };
    (a.on, rank)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Activity {
    pub on: NaiveDate,
    pub kind: ActivityKind,
}

/// Every record's events, oldest first, keyed by the record's id.
///
/// Exceptions and cases get the events PRODUCT.md §3 counts as activity; a case
/// also gets one `ExceptionActivity` per event of each of its exceptions. Notes
/// and follow-ups about other kinds of record (an organisation, a track) are kept
/// under that record's id too. Notes without a target belong to nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActivityIndex {
    /// Fx rather than SipHash: ids are not chosen by an attacker, and at
    /// region scale hashing was most of building the index.
    events: FxHashMap<Id, Vec<Activity>>,
}

impl ActivityIndex {
    /// From a dataset with its notes loaded.
    pub fn build(data: &Dataset) -> Self {
        Self::build_with(data, data.notes.iter().map(Note::head))
    }

    /// From the records of `data` and the heads of its notes (`data.notes` is
    /// not read): all that "last activity" needs of a note is its day.
    pub fn build_with(data: &Dataset, notes: impl IntoIterator<Item = NoteHead>) -> Self {
        let mut events: FxHashMap<Id, Vec<Activity>> = FxHashMap::default();
        events.reserve(data.cases.len() + data.exceptions.len());
        let mut push = |id: Id, on: NaiveDate, kind: ActivityKind| {
            events.entry(id).or_default().push(Activity { on, kind });
        };

        for exc in &data.exceptions {
            push(exc.id, exc.requested_on, ActivityKind::Requested);
            for m in exc.history.iter().filter(|m| m.from.is_some()) {
                push(exc.id, m.on, ActivityKind::StageMove);
            }
            if let Some(s) = exc.snooze.as_ref().filter(|s| !s.reason.trim().is_empty()) {
                push(exc.id, s.set_on, ActivityKind::Snoozed);
            }
        }

        for case in &data.cases {
            push(case.id, case.opened_on, ActivityKind::CaseOpened);
            push(
                case.id,
                case.stamp.updated_at.date(),
                ActivityKind::CaseUpdated,
            );
            for b in &case.blockers {
                push(case.id, b.raised_on, ActivityKind::BlockerRaised);
                if let Some(on) = b.resolved_on {
                    push(case.id, on, ActivityKind::BlockerResolved);
                }
            }
        }

        let mut followup_about: FxHashMap<Id, Id> = FxHashMap::default();
        followup_about.reserve(data.followups.len());
        for f in &data.followups {
            followup_about.insert(f.id, f.about.id);
            push(f.about.id, f.created_on, ActivityKind::FollowUpCreated);
            for &on in &f.repeated_on {
                push(f.about.id, on, ActivityKind::FollowUpRepeated);
            }
            if let Some(on) = f.done_on {
                push(f.about.id, on, ActivityKind::FollowUpDone);
            }
        }

        for n in notes {
            let Some(target) = n.target else { continue };
            // A note on a follow-up counts for what the follow-up chases.
            let owner = match target.kind {
                Kind::FollowUp => match followup_about.get(&target.id) {
                    Some(&about) => about,
                    None => continue,
                },
                _ => target.id,
            };
            push(owner, n.date, ActivityKind::Note);
        }

        // Only now are the exceptions' own events complete.
        for exc in &data.exceptions {
            let Some(own) = events.get(&exc.id) else {
                continue;
            };
            let copied: Vec<Activity> = own
                .iter()
                .map(|a| Activity {
                    on: a.on,
                    kind: ActivityKind::ExceptionActivity,
                })
                .collect();
            events.entry(exc.case).or_default().extend(copied);
        }

        for list in events.values_mut() {
            list.sort_by_key(order);
        }
        ActivityIndex { events }
    }

    /// Take in one more note (one just saved) without building the index
    /// again: the same index as [`ActivityIndex::build_with`] gives with the
    /// note among the heads.
    pub fn add_note(&mut self, data: &Dataset, note: &NoteHead) {
        let Some(target) = note.target else { return };
        let owner = match target.kind {
            Kind::FollowUp => match data.followups.iter().find(|f| f.id == target.id) {
                Some(f) => f.about.id,
                None => return,
            },
            _ => target.id,
        };
        let mut insert = |id: Id, kind: ActivityKind| {
            let list = self.events.entry(id).or_default();
            let event = Activity {
                on: note.date,
                kind,
            };
            let at = list.partition_point(|a| order(a) <= order(&event));
            list.insert(at, event);
        };
        insert(owner, ActivityKind::Note);
        if let Some(x) = data.exceptions.iter().find(|x| x.id == owner) {
            insert(x.case, ActivityKind::ExceptionActivity);
        }
    }

    /// The record's events, oldest first; empty when there are none.
    pub fn events(&self, id: Id) -> &[Activity] {
        self.events.get(&id).map_or(&[], Vec::as_slice)
    }

    pub fn last_activity(&self, id: Id) -> Option<NaiveDate> {
        self.events(id).last().map(|a| a.on)
    }

    /// The last activity strictly before `day`, e.g. as things stood when the
    /// day began.
    pub fn last_activity_before(&self, id: Id, day: NaiveDate) -> Option<NaiveDate> {
        let events = self.events(id);
        let n = events.partition_point(|a| a.on < day);
        n.checked_sub(1).map(|i| events[i].on)
    }
}

#[cfg(test)]
mod tests {
    use super::ActivityKind::*;
    use super::*;
    use crate::domain::model::*;
    use crate::domain::testutil::*;

    fn kinds(index: &ActivityIndex, id: Id) -> Vec<(i64, ActivityKind)> {
        index
            .events(id)
            .iter()
            .map(|a| ((a.on - today()).num_days(), a.kind))
            .collect()
    }

    /// A case C with exception X in stage 2, plus whatever the row adds.
    fn fixture() -> (Dataset, Id, Id) {
        let mut c = case("C01", CaseStatus::InProgress, day(-50));
        c.stamp.updated_at = noon(day(-40));
        let mut x = exception("X01", day(-30), 2, day(-20));
        x.case = c.id;
        let ids = (c.id, x.id);
        let data = Dataset {
            cases: vec![c],
            exceptions: vec![x],
            ..Dataset::default()
        };
        (data, ids.0, ids.1)
    }

    #[test]
    fn exception_events_come_from_request_stage_moves_notes_followups_and_snooze() {
        struct Row {
            name: &'static str,
            add: fn(&mut Dataset),
            expected: &'static [(i64, ActivityKind)],
        }
        let base: &[(i64, ActivityKind)] = &[(-30, Requested), (-20, StageMove)];
        let rows = [
            Row {
                name: "request and stage move only",
                add: |_| {},
                expected: &[],
            },
            Row {
                name: "note on the exception",
                add: |d| {
                    let r = exc_ref(&d.exceptions[0]);
                    d.notes.push(note(Some(r), day(-5)));
                },
                expected: &[(-5, Note)],
            },
            Row {
                name: "note without target belongs to nothing",
                add: |d| d.notes.push(note(None, day(-5))),
                expected: &[],
            },
            Row {
                name: "follow-up created, repeated twice and done",
                add: |d| {
                    let mut f = followup(exc_ref(&d.exceptions[0]), day(-15), day(-8));
                    f.repeated_on = vec![day(-8), day(-3)];
                    f.done_on = Some(day(-1));
                    d.followups.push(f);
                },
                expected: &[
                    (-15, FollowUpCreated),
                    (-8, FollowUpRepeated),
                    (-3, FollowUpRepeated),
                    (-1, FollowUpDone),
                ],
            },
            Row {
                name: "note on a follow-up about the exception",
                add: |d| {
                    let f = followup(exc_ref(&d.exceptions[0]), day(-15), day(-8));
                    let r = RecordRef {
                        kind: Kind::FollowUp,
                        id: f.id,
                    };
                    d.followups.push(f);
                    d.notes.push(note(Some(r), day(-2)));
                },
                expected: &[(-15, FollowUpCreated), (-2, Note)],
            },
            Row {
                name: "snooze with a reason",
                add: |d| d.exceptions[0].snooze = Some(snooze(day(10), "wacht op budget", day(-4))),
                expected: &[(-4, Snoozed)],
            },
            Row {
                name: "snooze with a blank reason is no activity",
                add: |d| d.exceptions[0].snooze = Some(snooze(day(10), "  ", day(-4))),
                expected: &[],
            },
        ];
        for row in rows {
            let (mut data, _, x) = fixture();
            (row.add)(&mut data);
            let index = ActivityIndex::build(&data);
            let mut want: Vec<_> = base.iter().chain(row.expected).copied().collect();
            want.sort_by_key(|e| e.0);
            assert_eq!(kinds(&index, x), want, "{}", row.name);
        }
    }

    #[test]
    fn case_events_include_its_own_and_each_event_of_its_exceptions() {
        let (mut data, c, _) = fixture();
        data.cases[0]
            .blockers
            .push(blocker("inkoop", day(-45), Some(day(-35))));
        let r = case_ref(&data.cases[0]);
        data.notes.push(note(Some(r), day(-6)));
        data.followups.push(followup(r, day(-9), day(-2)));
        let index = ActivityIndex::build(&data);
        assert_eq!(
            kinds(&index, c),
            vec![
                (-50, CaseOpened),
                (-45, BlockerRaised),
                (-40, CaseUpdated),
                (-35, BlockerResolved),
                (-30, ExceptionActivity),
                (-20, ExceptionActivity),
                (-9, FollowUpCreated),
                (-6, Note),
            ]
        );
        assert_eq!(index.last_activity(c), Some(day(-6)));
    }

    #[test]
    fn unknown_record_has_no_events() {
        let (data, _, _) = fixture();
        let index = ActivityIndex::build(&data);
        let other = uuid::Uuid::new_v4();
        assert!(index.events(other).is_empty());
        assert_eq!(index.last_activity(other), None);
    }

    #[test]
    fn last_activity_before_ignores_the_day_itself_and_later() {
        let (mut data, _, x) = fixture();
        let r = exc_ref(&data.exceptions[0]);
        data.notes.push(note(Some(r), day(0)));
        data.notes.push(note(Some(r), day(-7)));
        let index = ActivityIndex::build(&data);
        let rows = [
            ("before today skips today's note", day(0), Some(day(-7))),
            ("before tomorrow sees today's note", day(1), Some(day(0))),
            ("before the request sees nothing", day(-30), None),
        ];
        for (name, before, want) in rows {
            assert_eq!(index.last_activity_before(x, before), want, "{name}");
        }
        assert_eq!(index.last_activity(x), Some(day(0)));
    }
}

#[cfg(test)]
mod incremental {
    use super::*;
    use chrono::NaiveDate;

    /// Leaving one note out, building, then adding it must give the index
    /// built with it, for notes on every kind of target.
    fn check(data: &Dataset, picks: impl IntoIterator<Item = usize>) -> usize {
        let heads = data.note_heads();
        let full = ActivityIndex::build_with(data, heads.iter().copied());
        let mut checked = 0;
        for i in picks {
            let mut without = heads.clone();
            let note = without.remove(i);
            let mut index = ActivityIndex::build_with(data, without);
            index.add_note(data, &note);
            assert!(index == full, "note {i} ({:?})", note.target);
            checked += 1;
        }
        checked
    }

    #[test]
    fn adding_a_note_gives_the_index_built_with_it() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let (_, data) = crate::fixtures::region::region_dataset(today, 3);
        // One note of each kind of target: case, exception, follow-up, none.
        let mut picks = Vec::new();
        for wanted in [
            Some(Kind::Case),
            Some(Kind::Exception),
            Some(Kind::FollowUp),
            None,
        ] {
            let i = data
                .notes
                .iter()
                .position(|n| n.target.map(|t| t.kind) == wanted)
                .expect("a note on that kind");
            picks.push(i);
        }
        // A note dated on a day its exception also moved, which is where the
        // order of same-day events matters.
        if let Some(i) = data.notes.iter().position(|n| {
            n.target.is_some_and(|t| {
                t.kind == Kind::Exception
                    && data
                        .exceptions
                        .iter()
                        .any(|x| x.id == t.id && x.history.iter().any(|m| m.on == n.date))
            })
        }) {
            picks.push(i);
        }
        assert!(check(&data, picks) >= 4);
    }
}
