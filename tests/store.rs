mod common;

use common::*;
use mandaat::domain::integrity::ProblemKind;
use mandaat::domain::*;
use mandaat::i18n::Lang;
use mandaat::store::{SCHEMA_VERSION, Store, StoreError};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn all_records(data: &Dataset) -> Vec<AnyRecord> {
    data.records().collect()
}

/// Every file under `dir` with a hash of its bytes, to prove a folder was left alone.
fn snapshot(dir: &Path) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            let mut hasher = DefaultHasher::new();
            std::fs::read(&path).unwrap().hash(&mut hasher);
            out.push((path.display().to_string(), hasher.finish()));
        }
    }
    out.sort();
    out
}

/// The database and config files; sled rewrites its `snap.*` file (a cache of
/// where things are in the log) on every open, which changes no data.
fn data_files(dir: &Path) -> Vec<(String, u64)> {
    let mut files = snapshot(dir);
    files.retain(|(name, _)| !name.contains("/snap."));
    files
}

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
fn second_open_of_the_same_store_is_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let _first = Store::open(tmp.path()).unwrap();
    let started = Instant::now();
    let err = Store::open(tmp.path())
        .err()
        .expect("second open must fail");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(matches!(err, StoreError::Locked { .. }), "{err:?}");
    let text = err.message(Lang::Nl);
    assert!(
        text.contains("Een andere mandaat heeft de opslag"),
        "{text}"
    );
    assert!(text.contains(&tmp.path().display().to_string()), "{text}");
}

const HOLD_ENV: &str = "MANDAAT_TEST_HOLD_STORE";

/// Not a test of its own: the child process of the test below. It holds the
/// store open until its stdin closes.
#[test]
fn child_holds_the_store_open_when_asked() {
    let Ok(dir) = std::env::var(HOLD_ENV) else {
        return;
    };
    let _store = Store::open(Path::new(&dir)).unwrap();
    println!("holding");
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
}

#[test]
fn store_held_by_another_process_is_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_holds_the_store_open_when_asked",
            "--exact",
            "--nocapture",
        ])
        .env(HOLD_ENV, tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let held = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l.contains("holding"));
    assert!(held, "the child never opened the store");
    let started = Instant::now();
    let result = Store::open(tmp.path());
    let elapsed = started.elapsed();
    drop(child.stdin.take());
    // Keep reading so the child can report its end without a broken pipe.
    lines.for_each(drop);
    assert!(child.wait().unwrap().success());
    assert!(
        matches!(result, Err(StoreError::Locked { .. })),
        "{:?}",
        result.err()
    );
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    // Once the other process is gone the store opens again.
    Store::open(tmp.path()).unwrap();
}

#[test]
fn new_store_folder_is_private_to_the_user() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("deep").join("store");
    Store::open(&dir).unwrap();
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

#[test]
fn existing_empty_folder_becomes_a_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    assert!(store.is_empty().unwrap());
    assert_eq!(store.dir(), tmp.path());
}

#[test]
fn foreign_folder_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("scriptie.docx"), b"mijn werk").unwrap();
    let before = snapshot(tmp.path());
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err:?}");
    assert!(
        err.message(Lang::Nl)
            .contains(&tmp.path().display().to_string())
    );
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn file_instead_of_folder_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("store");
    std::fs::write(&file, b"x").unwrap();
    assert!(matches!(
        Store::open(&file),
        Err(StoreError::NotAStore { .. })
    ));
}

#[test]
fn someone_elses_sled_database_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let db = sled::open(tmp.path()).unwrap();
        db.open_tree("their_stuff")
            .unwrap()
            .insert("k", "v")
            .unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err:?}");
    let db = sled::open(tmp.path()).unwrap();
    assert!(!db.tree_names().iter().any(|n| n == b"meta"));
}

#[test]
fn store_from_a_newer_mandaat_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    let future = SCHEMA_VERSION + 1;
    {
        let db = sled::open(tmp.path()).unwrap();
        let meta = db.open_tree("meta").unwrap();
        meta.insert("schema_version", &future.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let before = data_files(tmp.path());
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(
        matches!(err, StoreError::FutureSchema { found, supported, .. } if found == future && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert!(err.message(Lang::En).contains("newer mandaat"));
    assert_eq!(data_files(tmp.path()), before);
    let db = sled::open(tmp.path()).unwrap();
    let version = db
        .open_tree("meta")
        .unwrap()
        .get("schema_version")
        .unwrap()
        .unwrap();
    assert_eq!(version.as_ref(), future.to_be_bytes());
}

#[test]
fn undecodable_record_makes_load_fail_naming_its_key() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        let db = sled::open(tmp.path()).unwrap();
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
fn damaged_database_file_gives_unreadable_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    let conf = tmp.path().join("conf");
    std::fs::write(&conf, b"\xff\x00 this is not sled's config").unwrap();
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
    eprintln!("{}", err.message(Lang::Nl));
}

#[test]
fn check_finds_a_missing_and_a_dangling_index_entry() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        let db = sled::open(tmp.path()).unwrap();
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
        let db = sled::open(tmp2.path()).unwrap();
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

#[test]
fn damaged_database_that_lost_everything_is_refused_not_started_afresh() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    // sled's recovery treats a garbled log as a torn write and recovers nothing.
    let db = tmp.path().join("db");
    let mut bytes = std::fs::read(&db).unwrap();
    for (i, b) in bytes.iter_mut().enumerate().take(4000) {
        *b ^= (i % 251) as u8 | 1;
    }
    std::fs::write(&db, bytes).unwrap();
    for _ in 0..2 {
        let err = Store::open(tmp.path()).err().expect("must refuse");
        assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
    }
}
