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
///
/// Laid out flat: every event in one list, grouped by record, and per record
/// where its group starts. At region scale (10,000 cases, 100,000 notes) a
/// list per record meant some 40,000 allocations and as many hash lookups
/// more, which took a fifth of the dashboard's first frame.
#[derive(Clone, Debug, Default)]
pub struct ActivityIndex {
    /// Each record's place in `start`. Fx rather than SipHash: ids are not
    /// chosen by an attacker, and at region scale hashing was most of
    /// building the index.
    slots: FxHashMap<Id, u32>,
    /// Where each record's events begin in `events`; one more at the end.
    start: Vec<u32>,
    events: Vec<Activity>,
    /// The whole list of each record that gained an event after the build
    /// (a note saved): it stands instead of the record's group in `events`.
    added: FxHashMap<Id, Vec<Activity>>,
}

/// No slot: the record is not an exception (see `Builder::case_of`).
const NONE: u32 = u32::MAX;

/// Collects the events with the record they belong to, before they are
/// grouped.
struct Builder {
    slots: FxHashMap<Id, u32>,
    /// Per slot: for an exception, its case's slot, which gets a copy of
    /// each of the exception's events; `NONE` for any other record.
    case_of: Vec<u32>,
    raw: Vec<(u32, Activity)>,
}

impl Builder {
    fn slot(&mut self, id: Id) -> u32 {
        let next = self.case_of.len() as u32;
        let slot = *self.slots.entry(id).or_insert(next);
        if slot == next {
            self.case_of.push(NONE);
        }
        slot
    }

    fn push(&mut self, id: Id, on: NaiveDate, kind: ActivityKind) {
        let slot = self.slot(id);
        self.raw.push((slot, Activity { on, kind }));
        let case = self.case_of[slot as usize];
        if case != NONE {
            let kind = ActivityKind::ExceptionActivity;
            self.raw.push((case, Activity { on, kind }));
        }
    }

    /// Group the events by record (a counting sort, which keeps their
    /// order), then put each record's in order.
    fn finish(self) -> ActivityIndex {
        let Builder { slots, raw, .. } = self;
        let mut start = vec![0u32; slots.len() + 1];
        for (slot, _) in &raw {
            start[*slot as usize + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let blank = Activity {
            on: NaiveDate::MIN,
            kind: ActivityKind::Note,
        };
        let mut events = vec![blank; raw.len()];
        for (slot, event) in raw {
            let at = &mut next[slot as usize];
            events[*at as usize] = event;
            *at += 1;
        }
        for w in start.windows(2) {
            events[w[0] as usize..w[1] as usize].sort_by_key(order);
        }
        ActivityIndex {
            slots,
            start,
            events,
            added: FxHashMap::default(),
        }
    }
}

impl ActivityIndex {
    /// From a dataset with its notes loaded.
    pub fn build(data: &Dataset) -> Self {
        Self::build_with(data, data.notes.iter().map(Note::head))
    }

    /// From the records of `data` and the heads of its notes (`data.notes` is
    /// not read): all that "last activity" needs of a note is its day.
    pub fn build_with(data: &Dataset, notes: impl IntoIterator<Item = NoteHead>) -> Self {
        let notes = notes.into_iter();
        let records = data.cases.len() + data.exceptions.len();
        let mut b = Builder {
            slots: FxHashMap::with_capacity_and_hasher(records, Default::default()),
            case_of: Vec::with_capacity(records),
            raw: Vec::with_capacity(notes.size_hint().0 * 2 + records * 4),
        };
        // The exceptions first: every event of one is its case's too.
        for exc in &data.exceptions {
            let case = b.slot(exc.case);
            let slot = b.slot(exc.id);
            b.case_of[slot as usize] = case;
        }

        for exc in &data.exceptions {
            b.push(exc.id, exc.requested_on, ActivityKind::Requested);
            for m in exc.history.iter().filter(|m| m.from.is_some()) {
                b.push(exc.id, m.on, ActivityKind::StageMove);
            }
            if let Some(s) = exc.snooze.as_ref().filter(|s| !s.reason.trim().is_empty()) {
                b.push(exc.id, s.set_on, ActivityKind::Snoozed);
            }
        }

        for case in &data.cases {
            b.push(case.id, case.opened_on, ActivityKind::CaseOpened);
            b.push(
                case.id,
                case.stamp.updated_at.date(),
                ActivityKind::CaseUpdated,
            );
            for blocker in &case.blockers {
                b.push(case.id, blocker.raised_on, ActivityKind::BlockerRaised);
                if let Some(on) = blocker.resolved_on {
                    b.push(case.id, on, ActivityKind::BlockerResolved);
                }
            }
        }

        let mut followup_about: FxHashMap<Id, Id> = FxHashMap::default();
        followup_about.reserve(data.followups.len());
        for f in &data.followups {
            followup_about.insert(f.id, f.about.id);
            b.push(f.about.id, f.created_on, ActivityKind::FollowUpCreated);
            for &on in &f.repeated_on {
                b.push(f.about.id, on, ActivityKind::FollowUpRepeated);
            }
            if let Some(on) = f.done_on {
                b.push(f.about.id, on, ActivityKind::FollowUpDone);
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
            b.push(owner, n.date, ActivityKind::Note);
        }
        b.finish()
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
            let ActivityIndex {
                slots,
                start,
                events,
                added,
            } = &mut *self;
            let list =
                (added.entry(id)).or_insert_with(|| built(slots, start, events, id).to_vec());
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
        match self.added.get(&id) {
            Some(list) => list,
            None => built(&self.slots, &self.start, &self.events, id),
        }
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

/// A record's events as built, before any added after.
fn built<'a>(
    slots: &FxHashMap<Id, u32>,
    start: &[u32],
    events: &'a [Activity],
    id: Id,
) -> &'a [Activity] {
    match slots.get(&id) {
        Some(&slot) => {
            let (from, to) = (start[slot as usize], start[slot as usize + 1]);
            &events[from as usize..to as usize]
        }
        None => &[],
    }
}

/// Two indexes are the same when every record has the same events, however
/// they are laid out (built at once, or with notes added after).
impl PartialEq for ActivityIndex {
    fn eq(&self, other: &Self) -> bool {
        let ids = |i: &ActivityIndex| {
            let mut ids: Vec<Id> = (i.slots.keys().chain(i.added.keys()))
                .copied()
                .filter(|id| !i.events(*id).is_empty())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let mine = ids(self);
        mine == ids(other) && mine.iter().all(|id| self.events(*id) == other.events(*id))
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
#[path = "activity_tests.rs"]
mod flat_and_incremental;
