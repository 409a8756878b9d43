//! Opening a store: locks, foreign folders, schema versions, damage.

mod common;

use common::*;
use mandaat::i18n::Lang;
use mandaat::store::{STORE_VERSION, Store, StoreError};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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
fn second_open_of_the_same_store_is_refused_quickly() {
    let tmp = tempfile::tempdir().unwrap();
    let _first = Store::open(tmp.path()).unwrap();
    let started = Instant::now();
    let err = Store::open(tmp.path())
        .err()
        .expect("second open must fail");
    assert!(started.elapsed() < Duration::from_secs(1));
    // The message names who holds it: here, this very process.
    match &err {
        StoreError::Locked {
            holder: Some(h), ..
        } => assert_eq!(h.pid, std::process::id()),
        other => panic!("expected a lock with its holder, got {other:?}"),
    }
    let text = err.message(Lang::Nl);
    assert!(text.contains("in gebruik door"), "{text}");
    assert!(
        text.contains(&format!("proces {}", std::process::id())),
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
    // Named: the other process, its command and since when.
    match &result {
        Err(StoreError::Locked {
            holder: Some(h), ..
        }) => {
            assert_eq!(h.pid, child.id());
            assert!(h.command.contains("child_holds_the_store_open"), "{h:?}");
            assert!(h.since.is_some(), "{h:?}");
        }
        other => panic!(
            "expected a lock naming its holder, got {:?}",
            other.as_ref().err()
        ),
    }
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
fn existing_empty_folder_is_made_private() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shared");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    Store::open(&dir).unwrap();
    let mode = std::fs::metadata(&dir).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
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
    let err = Store::open(&file).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotAFolder { .. }), "{err:?}");
    assert!(err.message(Lang::Nl).contains("is een bestand, geen map"));
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

#[test]
fn someone_elses_sled_database_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let db = raw_sled(tmp.path());
        db.open_tree("their_stuff")
            .unwrap()
            .insert("k", "v")
            .unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err:?}");
    let db = raw_sled(tmp.path());
    assert!(!db.tree_names().iter().any(|n| n == b"meta"));
}

#[test]
fn store_from_a_newer_mandaat_is_refused_and_left_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    let future = STORE_VERSION + 1;
    {
        let db = raw_sled(tmp.path());
        let meta = db.open_tree("meta").unwrap();
        meta.insert("schema_version", &future.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let before = data_files(tmp.path());
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(
        matches!(err, StoreError::FutureSchema { found, supported, .. } if found == future && supported == STORE_VERSION),
        "{err:?}"
    );
    assert!(err.message(Lang::En).contains("newer mandaat"));
    assert_eq!(data_files(tmp.path()), before);
    let db = raw_sled(tmp.path());
    let version = db
        .open_tree("meta")
        .unwrap()
        .get("schema_version")
        .unwrap()
        .unwrap();
    assert_eq!(version.as_ref(), future.to_be_bytes());
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

#[test]
fn interrupted_first_open_is_finished_on_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    {
        // As if mandaat died after creating the meta tree, before the version.
        let db = raw_sled(tmp.path());
        db.open_tree("meta").unwrap();
        db.open_tree("case").unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    assert!(store.is_empty().unwrap());
}

#[test]
fn records_without_a_schema_version_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let store = Store::open(tmp.path()).unwrap();
        store.save(&all_records(&dataset())).unwrap();
    }
    {
        let db = raw_sled(tmp.path());
        db.open_tree("meta")
            .unwrap()
            .remove("schema_version")
            .unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
}

#[test]
fn schema_version_zero_never_existed_and_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    Store::open(tmp.path()).unwrap();
    {
        let db = raw_sled(tmp.path());
        let meta = db.open_tree("meta").unwrap();
        meta.insert("schema_version", &0u32.to_be_bytes()).unwrap();
        db.flush().unwrap();
    }
    let err = Store::open(tmp.path()).err().expect("must refuse");
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
}
