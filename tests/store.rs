//! Saving, loading, deleting and the number index.

mod common;

use common::*;
use mandaat::domain::integrity::ProblemKind;
use mandaat::domain::*;
use mandaat::i18n::Lang;
use mandaat::store::{Store, StoreError};

#[test]
fn save_then_load_roundtrips_every_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let data = dataset();
    store.save(&all_records(&data)).unwrap();
    assert_eq!(store.load().unwrap(), data);
    for kind in Kind::ALL {
        assert_eq!(store.load().unwrap().count(kind), 1, "{kind:?}");
    }
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn load_sorts_by_number_not_by_text() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store
        .save(&[case(50, "C10").into(), case(51, "C2").into()])
        .unwrap();
    let numbers: Vec<_> = store
        .load()
        .unwrap()
        .cases
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(numbers, ["C2", "C10"]);
}

#[test]
fn saved_records_and_settings_are_there_after_reopen() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        assert_eq!(store.settings().unwrap(), None);
        store.save(&all_records(&dataset())).unwrap();
        store.save_settings(&settings()).unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.load().unwrap(), dataset());
    assert_eq!(store.settings().unwrap(), Some(settings()));
}

#[test]
fn a_clean_close_leaves_a_snapshot_the_next_holder_may_start_from() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    store.save_settings(&settings()).unwrap();
    // Open, the store has no snapshot of its state.
    assert!(store.frozen_current().is_none());
    store.close().unwrap();

    let store = Store::open(tmp.path()).unwrap();
    let (data, heads, kept) = store.frozen_current().expect("a snapshot").into_parts();
    assert_eq!((data, heads), store.load_without_notes().unwrap());
    assert_eq!(kept, Some(settings()));
    // A change leaves the snapshot behind: it no longer says what is held.
    // It is taken out of use at once (set aside), and deleted at a quiet
    // moment, not in the write's time.
    let asides = |dir: &std::path::Path| -> Vec<String> {
        (std::fs::read_dir(dir).unwrap())
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".mandaat-frozen.bin.old"))
            .collect()
    };
    store.save(&[note(900, "N900").into()]).unwrap();
    assert!(!tmp.path().join("mandaat-frozen.bin").exists());
    assert!(store.frozen_current().is_none());
    assert_eq!(asides(tmp.path()).len(), 1, "set aside, not yet deleted");
    store.tick();
    assert!(asides(tmp.path()).is_empty(), "deleted at the quiet moment");
    store.close().unwrap();
    // Set aside twice before a quiet moment: each under its own name (a
    // rename over the first would delete it in the second write's time);
    // the clean close deletes both.
    let store = Store::open(tmp.path()).unwrap();
    store.save(&[note(910, "N910").into()]).unwrap();
    std::fs::write(tmp.path().join("mandaat-frozen.bin"), b"a snapshot").unwrap();
    store.save(&[note(911, "N911").into()]).unwrap();
    assert_eq!(asides(tmp.path()).len(), 2, "{:?}", asides(tmp.path()));
    store.close().unwrap();
    assert!(asides(tmp.path()).is_empty());
    // One left aside by a kill goes at the next open, under the first
    // versions' name too.
    for name in [".mandaat-frozen.bin.old", ".mandaat-frozen.bin.old-4242-7"] {
        std::fs::write(tmp.path().join(name), b"records of an earlier state").unwrap();
    }
    drop(Store::open(tmp.path()).unwrap());
    assert!(asides(tmp.path()).is_empty());

    // A snapshot of an earlier state (put back by hand, or a deletion lost
    // to a power cut) is not the store's: its save sequence is behind.
    let stale = tmp.path().join("mandaat-frozen.bin");
    let bytes = std::fs::read(&stale).unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&[note(901, "N901").into()]).unwrap();
    std::fs::write(&stale, &bytes).unwrap();
    assert!(store.frozen_current().is_none());
}

#[test]
fn updating_a_record_replaces_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    let mut c = dataset().cases[0].clone();
    c.status = CaseStatus::Done;
    store.save(&[c.clone().into()]).unwrap();
    assert_eq!(store.load().unwrap().cases, vec![c]);
}

#[test]
fn number_used_by_another_record_is_refused_and_nothing_of_the_batch_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&[case(50, "C01").into()]).unwrap();
    // "C1" is C01 spelled differently.
    let err = store
        .save(&[note(60, "N01").into(), case(51, "C1").into()])
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { number } if number == "C01"),
        "{err:?}"
    );
    assert!(err.message(Lang::Nl).contains("C01"));
    let data = store.load().unwrap();
    assert_eq!(data.cases, vec![case(50, "C01")]);
    assert!(data.notes.is_empty());
}

#[test]
fn two_records_with_one_number_in_one_batch_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let err = store
        .save(&[case(50, "C03").into(), case(51, "C03").into()])
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    assert!(store.is_empty().unwrap());
}

#[test]
fn number_with_the_wrong_letter_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let err = store.save(&[case(50, "X01").into()]).unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid(p) if p[0].kind == ProblemKind::BadNumber("X01".into()))
    );
    assert!(store.is_empty().unwrap());
}

#[test]
fn renumbering_frees_the_old_number() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store
        .save(&[organisation(ORG, "O01").into(), case(50, "C01").into()])
        .unwrap();
    store.save(&[case(50, "C02").into()]).unwrap();
    store.save(&[case(51, "C01").into()]).unwrap();
    let numbers: Vec<_> = store
        .load()
        .unwrap()
        .cases
        .into_iter()
        .map(|c| c.number)
        .collect();
    assert_eq!(numbers, ["C01", "C02"]);
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn delete_removes_the_record_and_frees_its_number() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store
        .save(&[
            organisation(ORG, "O01").into(),
            case(CASE, "C01").into(),
            note(60, "N01").into(),
        ])
        .unwrap();
    store.delete(case(CASE, "C01").record_ref()).unwrap();
    // Deleting again is harmless.
    store.delete(case(CASE, "C01").record_ref()).unwrap();
    drop(store);
    let store = Store::open(tmp.path()).unwrap();
    let data = store.load().unwrap();
    assert!(data.cases.is_empty());
    assert_eq!(data.notes.len(), 1);
    store.save(&[case(51, "C01").into()]).unwrap();
    // The note now points at a case that is gone: check says so, the index is sound.
    let problems = store.check().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(matches!(
        problems[0].kind,
        ProblemKind::Dangling { to: Kind::Case, .. }
    ));
}

#[test]
fn is_empty_until_a_record_or_settings_are_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    assert!(store.is_empty().unwrap());
    store.save_settings(&settings()).unwrap();
    assert!(!store.is_empty().unwrap());
}

#[test]
fn replace_all_fills_an_empty_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.replace_all(&settings(), &dataset()).unwrap();
    assert_eq!(store.load().unwrap(), dataset());
    assert_eq!(store.settings().unwrap(), Some(settings()));
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn replace_all_refuses_a_store_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&[organisation(70, "O07").into()]).unwrap();
    let err = store.replace_all(&settings(), &dataset()).unwrap_err();
    assert!(matches!(err, StoreError::NotEmpty { .. }), "{err:?}");
    assert!(
        err.message(Lang::Nl)
            .contains(&tmp.path().display().to_string())
    );
    assert_eq!(
        store.load().unwrap().organisations,
        vec![organisation(70, "O07")]
    );
    assert_eq!(store.settings().unwrap(), None);
}

#[test]
fn replace_all_refuses_inconsistent_data_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut data = dataset();
    data.cases[0].organisation = id(999);
    let err = store.replace_all(&settings(), &data).unwrap_err();
    let StoreError::Invalid(problems) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems[0].place, "cases[0] (C01).organisation");
    assert!(
        err.message(Lang::En)
            .contains("cases[0] (C01).organisation")
    );
    assert!(store.is_empty().unwrap());
}

#[test]
fn undecodable_record_makes_load_fail_naming_its_key() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        let db = raw_sled(tmp.path());
        db.open_tree("case")
            .unwrap()
            .insert(id(CASE).as_bytes(), "{\"kapot\":")
            .unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    let err = store.load().unwrap_err();
    let StoreError::Unreadable { detail, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(detail.contains(&id(CASE).to_string()), "{detail}");
    let text = err.message(Lang::Nl);
    assert!(
        text.contains("Er is niets gewijzigd") && text.contains("import"),
        "{text}"
    );
}

#[test]
fn check_finds_a_missing_and_a_dangling_index_entry() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        let db = raw_sled(tmp.path());
        let numbers = db.open_tree("numbers").unwrap();
        numbers.remove("C01").unwrap();
        numbers.insert("N09", id(4242).as_bytes()).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    let kinds: Vec<_> = store.check().unwrap().into_iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            ProblemKind::IndexMissing {
                number: "C01".into()
            },
            ProblemKind::IndexDangling {
                number: "N09".into(),
                id: id(4242)
            },
        ]
    );
}

#[test]
fn stale_index_entry_does_not_block_its_number() {
    let tmp2 = tempfile::tempdir().unwrap();
    {
        Store::open(tmp2.path()).unwrap();
        let db = raw_sled(tmp2.path());
        db.open_tree("numbers")
            .unwrap()
            .insert("C01", id(4242).as_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(tmp2.path()).unwrap();
    store
        .save(&[organisation(ORG, "O01").into(), case(50, "C01").into()])
        .unwrap();
    assert_eq!(store.check().unwrap(), vec![]);
}

// ------------------------------------------------------------- the note index

fn sorted_heads(mut heads: Vec<NoteHead>) -> Vec<NoteHead> {
    heads.sort_by_key(|h| h.id);
    heads
}

/// The heads the store hands out match the notes it holds, and `check` agrees.
fn assert_index_matches(store: &Store) {
    let data = store.load().unwrap();
    assert_eq!(
        sorted_heads(store.note_heads().unwrap()),
        sorted_heads(data.note_heads())
    );
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn note_heads_follow_every_save_retarget_and_delete() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    assert_eq!(store.note_heads().unwrap().len(), 1);
    assert_index_matches(&store);

    // A second note on the same case, and a day summary on nothing.
    let mut second = note(900, "N02");
    second.date = day(2024, 11, 12);
    let mut summary = note(901, "N03");
    summary.target = None;
    summary.kind = NoteKind::DaySummary;
    store
        .save(&[second.clone().into(), summary.clone().into()])
        .unwrap();
    assert_eq!(store.note_heads().unwrap().len(), 3);
    assert_index_matches(&store);

    // Moving a note to another record and another day moves its head.
    second.target = Some(RecordRef {
        kind: Kind::Organisation,
        id: id(ORG),
    });
    second.date = day(2024, 11, 14);
    store.save(&[second.clone().into()]).unwrap();
    let heads = store.note_heads().unwrap();
    assert_eq!(heads.len(), 3);
    assert!(heads.contains(&second.head()));
    assert_index_matches(&store);

    store.delete(second.record_ref()).unwrap();
    store.delete(summary.record_ref()).unwrap();
    let heads = store.note_heads().unwrap();
    assert_eq!(heads, vec![dataset().notes[0].head()]);
    assert_index_matches(&store);
}

#[test]
fn load_without_notes_is_load_minus_the_note_texts() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    let (data, heads) = store.load_without_notes().unwrap();
    let mut full = store.load().unwrap();
    assert_eq!(heads, full.note_heads());
    assert!(data.notes.is_empty());
    let case = full.cases[0].record_ref();
    let on_case: Vec<Note> = full
        .notes
        .iter()
        .filter(|n| n.target == Some(case))
        .cloned()
        .collect();
    assert!(!on_case.is_empty());
    assert_eq!(store.notes_of(case).unwrap(), on_case);
    assert_eq!(
        store.notes_of(full.organisations[0].record_ref()).unwrap(),
        vec![]
    );
    full.notes.clear();
    assert_eq!(data, full);
    let some = store.load_kinds(&[Kind::Department, Kind::Case]).unwrap();
    assert_eq!(some.departments, full.departments);
    assert_eq!(some.cases, full.cases);
    assert!(some.contacts.is_empty() && some.notes.is_empty());
}

#[test]
fn replace_all_indexes_the_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut data = dataset();
    let mut more = note(900, "N02");
    more.target = None;
    data.notes.push(more);
    store.replace_all(&settings(), &data).unwrap();
    assert_eq!(store.note_heads().unwrap().len(), 2);
    assert_index_matches(&store);
}

#[test]
fn a_version_1_store_gets_its_note_index_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        // Make it what mandaat wrote before the note index existed.
        let db = raw_sled(tmp.path());
        assert!(db.drop_tree("note_index").unwrap());
        assert!(db.drop_tree("plate_index").unwrap());
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &1u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    {
        let store = Store::open(tmp.path()).unwrap();
        assert_eq!(store.note_heads().unwrap(), dataset().note_heads());
        assert_eq!(store.cases_on_plates(&[id(DEPT)]).unwrap(), dataset().cases);
        assert_index_matches(&store);
    }
    let db = raw_sled(tmp.path());
    let version = db.open_tree("meta").unwrap().get("schema_version").unwrap();
    assert_eq!(
        version.as_deref(),
        Some(mandaat::store::STORE_VERSION.to_be_bytes().as_slice())
    );
}

/// Layout 3 kept one value per target with the heads of all its notes
/// packed (26 bytes each): note id | seq | day | note kind | target kind.
fn packed_heads(heads: &[NoteHead]) -> Vec<u8> {
    use chrono::Datelike;
    let mut out = Vec::new();
    for h in heads {
        out.extend_from_slice(h.id.as_bytes());
        out.extend_from_slice(&h.seq.to_be_bytes());
        out.extend_from_slice(&h.date.num_days_from_ce().to_be_bytes());
        out.push(match h.kind {
            NoteKind::Plain => 0,
            NoteKind::Decision => 1,
            NoteKind::DaySummary => 2,
        });
        out.push(match h.target.map(|t| t.kind) {
            None => 0,
            Some(Kind::Case) => 5,
            Some(other) => panic!("no code for {other:?} in this test"),
        });
    }
    out
}

#[test]
fn a_version_3_store_gets_one_note_index_entry_per_note_on_open() {
    let tmp = tempfile::tempdir().unwrap();
    let mut data = dataset();
    let mut second = note(900, "N02");
    second.kind = NoteKind::Decision;
    let mut summary = note(901, "N03");
    summary.target = None;
    summary.kind = NoteKind::DaySummary;
    data.notes.extend([second.clone(), summary.clone()]);
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&data)).unwrap();
    }
    {
        // Make it what mandaat wrote before: one packed value per target.
        let db = raw_sled(tmp.path());
        assert!(db.drop_tree("note_index").unwrap());
        let index = db.open_tree("note_index").unwrap();
        let heads = data.note_heads();
        let (on_case, on_nothing): (Vec<NoteHead>, Vec<NoteHead>) =
            heads.iter().partition(|h| h.target.is_some());
        index
            .insert(id(CASE).as_bytes(), packed_heads(&on_case))
            .unwrap();
        index.insert([0u8; 16], packed_heads(&on_nothing)).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &3u32.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    {
        let store = Store::open(tmp.path()).unwrap();
        assert_eq!(
            sorted_heads(store.note_heads().unwrap()),
            sorted_heads(data.note_heads())
        );
        let case = RecordRef {
            kind: Kind::Case,
            id: id(CASE),
        };
        assert_eq!(
            store.notes_of(case).unwrap(),
            vec![data.notes[0].clone(), second]
        );
        assert_index_matches(&store);
    }
    let db = raw_sled(tmp.path());
    let version = db.open_tree("meta").unwrap().get("schema_version").unwrap();
    assert_eq!(
        version.as_deref(),
        Some(mandaat::store::STORE_VERSION.to_be_bytes().as_slice())
    );
    // Nothing of the old form is left: one entry per note.
    let keys: Vec<_> = db
        .open_tree("note_index")
        .unwrap()
        .iter()
        .keys()
        .map(|k| k.unwrap().len())
        .collect();
    assert_eq!(keys, vec![33, 33, 33]);
}

#[test]
fn check_finds_a_note_the_index_lost_and_one_it_invented() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        let db = raw_sled(tmp.path());
        let index = db.open_tree("note_index").unwrap();
        // The case's entry now names note 999 instead of the real one.
        let (key, value) = index.iter().next().unwrap().unwrap();
        let mut forged = key.to_vec();
        forged[17..].copy_from_slice(id(999).as_bytes());
        index.remove(key).unwrap();
        index.insert(forged, value).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    let problems = store.check().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .all(|p| p.kind == ProblemKind::NoteIndexMismatch),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.place.contains(&id(999).to_string()))
    );
    assert!(problems.iter().any(|p| p.place.contains("N01")));
}

// ------------------------------------------------------------ the plate index

#[test]
fn a_case_is_on_a_plate_while_it_and_the_blocker_are_open() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    let on_plate = || store.cases_on_plates(&[id(DEPT)]).unwrap();
    let mut c = dataset().cases[0].clone();
    assert_eq!(on_plate(), vec![c.clone()]);
    assert_eq!(store.cases_on_plates(&[id(ORG)]).unwrap(), vec![]);

    c.blockers[0].resolved_on = Some(day(2024, 11, 10));
    store.save(&[c.clone().into()]).unwrap();
    assert_eq!(on_plate(), vec![]);
    assert_index_matches(&store);

    c.blockers[0].resolved_on = None;
    store.save(&[c.clone().into()]).unwrap();
    assert_eq!(on_plate(), vec![c.clone()]);
    c.status = CaseStatus::Done;
    store.save(&[c.clone().into()]).unwrap();
    assert_eq!(on_plate(), vec![]);
    assert_index_matches(&store);

    c.status = CaseStatus::Blocked;
    store.save(&[c.clone().into()]).unwrap();
    store.delete(c.record_ref()).unwrap();
    assert_eq!(on_plate(), vec![]);
    // Only the references to the deleted case are left to report.
    let problems = store.check().unwrap();
    assert!(
        problems
            .iter()
            .all(|p| matches!(p.kind, ProblemKind::Dangling { .. })),
        "{problems:?}"
    );
}

#[test]
fn check_finds_a_plate_entry_that_is_missing() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        let db = raw_sled(tmp.path());
        db.open_tree("plate_index").unwrap().clear().unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    let problems = store.check().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::PlateIndexMismatch);
    assert!(problems[0].place.contains(&id(DEPT).to_string()));
}

// ------------------------------------------------- one record, many notes

fn folder_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                folder_size(&e.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

/// Issue 13: a record's notes once shared one index value, rewritten whole
/// with every note, so the store grew with the square of their number
/// (31.8 MB after 1,500 notes on one case). Every note saved on its own, as
/// `mandaat note` does; `MANDAAT_NOTE_COUNT=10000` measures a long case
/// (BENCHMARKS.md).
#[test]
fn many_single_notes_on_one_record_keep_the_store_near_its_export() {
    let count: u32 = std::env::var("MANDAAT_NOTE_COUNT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    for i in 0..count {
        let mut n = note(10_000 + u128::from(i), &Kind::Note.number(i + 2));
        n.date = day(2024, 1, 1) + chrono::Days::new(u64::from(i % 700));
        store.save(&[n.into()]).unwrap();
    }
    let case = RecordRef {
        kind: Kind::Case,
        id: id(CASE),
    };
    assert_eq!(store.notes_of(case).unwrap().len(), count as usize + 1);
    let data = store.load().unwrap();
    store.close().unwrap();
    let export = mandaat::store::export::to_json(&mandaat::store::export::ExportDoc::new(
        &settings(),
        &data,
    ));
    let size = folder_size(tmp.path());
    eprintln!(
        "{count} single notes on one record: store {size} bytes, export {} bytes ({:.1}×)",
        export.len(),
        size as f64 / export.len() as f64
    );
    assert!(
        size <= 10 * export.len() as u64,
        "store {size} bytes, export {} bytes",
        export.len()
    );
}

#[test]
fn search_notes_finds_every_word_accents_aside_newest_first_and_at_most_fifty() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let data = dataset();
    store.save(&all_records(&data)).unwrap();
    let case = data.cases[0].record_ref();
    let mut notes: Vec<AnyRecord> = Vec::new();
    let mut with = |n: u128, number: &str, target: Option<RecordRef>, text: &str| {
        let mut note = note(n, number);
        note.target = target;
        note.text = text.into();
        notes.push(note.into());
    };
    with(
        900,
        "N90",
        Some(case),
        "Overleg in het Café over de ledenlijst.",
    );
    with(901, "N91", Some(case), "Alleen de ledenlijst.");
    // A note on no record (a day summary) opens itself.
    with(902, "N92", None, "Cafe ledenlijst dagafsluiting.");
    for i in 0..60u32 {
        with(
            1000 + u128::from(i),
            &format!("N{}", 100 + i),
            Some(case),
            &format!("Veel {i}"),
        );
    }
    store.save(&notes).unwrap();

    let hits = store.search_notes("LEDENLIJST café").unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    let summary = RecordRef {
        kind: Kind::Note,
        id: id(902),
    };
    assert_eq!((hits[0].number.as_str(), hits[0].target), ("N92", summary));
    assert_eq!((hits[1].number.as_str(), hits[1].target), ("N90", case));
    assert!(
        hits[1].snippet.contains("Café over de ledenlijst"),
        "{hits:?}"
    );
    // Read on its own, as the dashboard shows it.
    let alone = store.notes_of(summary).unwrap();
    assert_eq!(alone.len(), 1);
    assert_eq!(alone[0].number, "N92");
    let numbers: Vec<String> = store
        .search_notes("ledenlijst")
        .unwrap()
        .into_iter()
        .map(|h| h.number)
        .collect();
    assert_eq!(numbers, ["N92", "N91", "N90"]);
    let many = store.search_notes("veel").unwrap();
    assert_eq!(many.len(), find::NOTE_HITS);
    assert_eq!(many[0].number, "N159", "newest first");
    assert!(store.search_notes("  ").unwrap().is_empty());
    assert!(store.search_notes("nergens").unwrap().is_empty());
}

#[test]
fn a_removed_records_number_stays_issued_after_reopening_for_every_kind() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let data = dataset();
    store.save(&all_records(&data)).unwrap();
    // A new record of each kind, numbered high, then removed (an undo).
    let mut c = data.cases[0].clone();
    (c.id, c.number) = (id(950), "C41".into());
    c.blockers.clear();
    let mut x = data.exceptions[0].clone();
    (x.id, x.number) = (id(951), "X42".into());
    let mut f = data.followups[0].clone();
    (f.id, f.number) = (id(952), "F43".into());
    let mut t = data.tracks[0].clone();
    (t.id, t.number) = (id(953), "T44".into());
    let n = note(955, "N45");
    let made: Vec<AnyRecord> = vec![c.into(), x.into(), f.into(), t.into(), n.into()];
    for r in &made {
        store.save(std::slice::from_ref(r)).unwrap();
        store.delete(r.record_ref()).unwrap();
    }
    store.close().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let issued = store.issued().unwrap();
    let present = store.load().unwrap();
    for r in &made {
        let kind = r.kind();
        assert!(
            present.get(r.record_ref()).is_none(),
            "{} is gone",
            r.number()
        );
        let seqs = present.records().filter(|p| p.kind() == kind);
        let seqs: Vec<u32> = seqs
            .filter_map(|p| Number::parse(p.number()))
            .map(|n| n.seq)
            .collect();
        assert!(seqs.iter().all(|s| *s < 41), "{seqs:?}");
        let wanted = Number::parse(r.number()).unwrap();
        let next = issued.next_number(kind, seqs);
        assert_eq!(
            next,
            kind.number(wanted.seq + 1),
            "{} was issued",
            r.number()
        );
    }
}

#[test]
fn a_store_without_marks_gets_them_from_what_is_present_and_the_old_note_mark() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    let c = case(960, "C37");
    store.save(&[c.into()]).unwrap();
    store.close().unwrap();
    // As a store from before the marks: none, only the note-only one.
    let db = raw_sled(tmp.path());
    let meta = db.open_tree("meta").unwrap();
    meta.remove("issued").unwrap();
    meta.insert("notes_issued", &77u32.to_be_bytes()).unwrap();
    db.flush().unwrap();
    drop((meta, db));
    let store = Store::open(tmp.path()).unwrap();
    let issued = store.issued().unwrap();
    assert_eq!(issued.get(Kind::Case), 37);
    assert_eq!(issued.get(Kind::Note), 77);
    assert_eq!(issued.get(Kind::Exception), 1);
    store.close().unwrap();
    let db = raw_sled(tmp.path());
    let meta = db.open_tree("meta").unwrap();
    assert!(
        meta.get("notes_issued").unwrap().is_none(),
        "taken into `issued`"
    );
    assert!(meta.get("issued").unwrap().is_some(), "kept");
}
