//! The flat index against a plain one, and notes added after building.

mod reference {
    use super::super::*;
    use chrono::NaiveDate;

    /// The index as PRODUCT.md §3 defines it, written plainly: a list per
    /// record, the exceptions' events copied to their case at the end.
    fn plain(data: &Dataset, notes: &[NoteHead]) -> FxHashMap<Id, Vec<Activity>> {
        let mut events: FxHashMap<Id, Vec<Activity>> = FxHashMap::default();
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
        let about: FxHashMap<Id, Id> = data.followups.iter().map(|f| (f.id, f.about.id)).collect();
        for f in &data.followups {
            push(f.about.id, f.created_on, ActivityKind::FollowUpCreated);
            for &on in &f.repeated_on {
                push(f.about.id, on, ActivityKind::FollowUpRepeated);
            }
            if let Some(on) = f.done_on {
                push(f.about.id, on, ActivityKind::FollowUpDone);
            }
        }
        for n in notes {
            let Some(t) = n.target else { continue };
            let owner = match t.kind {
                Kind::FollowUp => match about.get(&t.id) {
                    Some(&a) => a,
                    None => continue,
                },
                _ => t.id,
            };
            push(owner, n.date, ActivityKind::Note);
        }
        for exc in &data.exceptions {
            let copied: Vec<Activity> = (events.get(&exc.id).into_iter().flatten())
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
        events
    }

    #[test]
    fn the_flat_index_has_every_records_events_as_the_plain_one() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let (_, data) = crate::fixtures::region::region_dataset(today, 3);
        let heads = data.note_heads();
        let index = ActivityIndex::build_with(&data, heads.iter().copied());
        let plain = plain(&data, &heads);
        assert!(plain.len() > 100 && plain.values().any(|l| l.len() > 10));
        for (id, list) in &plain {
            assert_eq!(index.events(*id), list.as_slice(), "{id}");
        }
        // Nothing more than the plain index has.
        for id in index.slots.keys() {
            assert!(index.events(*id).is_empty() || plain.contains_key(id));
        }
    }
}

mod incremental {
    use super::super::*;
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
