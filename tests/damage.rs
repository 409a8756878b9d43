//! A damaged store: a clear error, no panic, no hang, and not one byte of it
//! written; a store that is whole opens with everything in it.

mod common;

use common::*;
use mandaat::i18n::Lang;
use mandaat::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// A store with the test dataset and a few hundred notes, closed cleanly.
fn filled_store(dir: &Path) -> usize {
    let store = Store::open(dir).unwrap();
    store.save(&all_records(&dataset())).unwrap();
    for i in 0..300u128 {
        let mut n = note(1000 + i, &format!("N{:03}", i + 2));
        n.text = format!("notitie {i} {}", "x".repeat(200));
        store.save(&[n.into()]).unwrap();
    }
    let notes = store.load().unwrap().notes.len();
    store.close().unwrap();
    notes
}

/// Open `dir` in a thread, so a hang fails the test instead of stalling it.
fn open_within(dir: &Path, limit: Duration) -> Result<Store, StoreError> {
    let dir = dir.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(Store::open(&dir));
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("opening took longer than {limit:?}"))
}

fn assert_refused_untouched(dir: &Path, before: &[(String, Vec<u8>)]) {
    let started = Instant::now();
    let err = open_within(dir, Duration::from_secs(20))
        .err()
        .expect("a damaged store must be refused");
    assert!(started.elapsed() < Duration::from_secs(20));
    assert!(matches!(err, StoreError::Unreadable { .. }), "{err:?}");
    let nl = err.message(Lang::Nl);
    assert!(nl.contains(&dir.display().to_string()), "{nl}");
    assert!(nl.contains("restore"), "{nl}");
    assert!(nl.contains("-backups"), "{nl}");
    assert!(err.message(Lang::En).contains("restore"));
    assert!(
        files(dir) == before,
        "the damaged store was written to while refusing it"
    );
}

#[test]
fn clean_close_lets_the_next_open_skip_the_copy_check() {
    let tmp = tempfile::tempdir().unwrap();
    filled_store(tmp.path());
    let marker = tmp.path().join("mandaat-closed.json");
    assert!(marker.is_file(), "a clean close leaves its marker");
    // The marker matches the log as sled left it, so the next open is fast.
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&marker).unwrap()).unwrap();
    let log = std::fs::metadata(tmp.path().join("db")).unwrap();
    let mtime = log
        .modified()
        .unwrap()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    assert_eq!(m["db_len"].as_u64(), Some(log.len()));
    assert_eq!(m["db_mtime_ns"].as_u64().map(u128::from), Some(mtime));
    let store = Store::open(tmp.path()).unwrap();
    assert!(!marker.exists(), "an open store has no marker");
    store.close().unwrap();
    assert!(marker.is_file());
}

#[test]
fn truncated_log_is_refused_and_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    filled_store(tmp.path());
    let db = tmp.path().join("db");
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    let before = files(tmp.path());
    assert_refused_untouched(tmp.path(), &before);
    // And again: a refusal leaves nothing that makes the next try succeed.
    assert_refused_untouched(tmp.path(), &before);
}

#[test]
fn flipped_bytes_are_refused_or_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = filled_store(tmp.path());
    let db = tmp.path().join("db");
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    for i in (len / 3..len).step_by(997) {
        bytes[i] ^= 0x5a;
    }
    std::fs::write(&db, bytes).unwrap();
    let before = files(tmp.path());
    match open_within(tmp.path(), Duration::from_secs(20)) {
        Err(_) => assert_refused_untouched(tmp.path(), &before),
        Ok(store) => {
            // sled skipped only dead space: everything must still be there.
            assert_eq!(store.load().unwrap().notes.len(), notes);
            assert!(store.check().unwrap().is_empty());
        }
    }
}

#[test]
fn flipped_bytes_in_the_whole_log_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    filled_store(tmp.path());
    let db = tmp.path().join("db");
    let mut bytes = std::fs::read(&db).unwrap();
    for b in bytes.iter_mut().step_by(61) {
        *b ^= 0xff;
    }
    std::fs::write(&db, bytes).unwrap();
    let before = files(tmp.path());
    assert_refused_untouched(tmp.path(), &before);
}

#[test]
fn unclean_close_with_a_truncated_log_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    filled_store(tmp.path());
    // As after a kill: no marker of a clean close.
    std::fs::remove_file(tmp.path().join("mandaat-closed.json")).unwrap();
    let db = tmp.path().join("db");
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 3]).unwrap();
    let before = files(tmp.path());
    let started = Instant::now();
    // The store keeps the last acknowledged save outside sled's files, so a
    // log that comes back with less is refused, even cut between two saves.
    assert_refused_untouched(tmp.path(), &before);
    assert!(started.elapsed() < Duration::from_secs(20));
}

/// Flip one bit of sled's log and put back its modification time, as a
/// failing disk does: the length and time say nothing changed.
fn flip_bit_keeping_length_and_time(db: &Path, at: usize) {
    let mtime = std::fs::metadata(db).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(db).unwrap();
    bytes[at] ^= 0x04;
    std::fs::write(db, &bytes).unwrap();
    let file = std::fs::File::options().write(true).open(db).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(db).unwrap().modified().unwrap(), mtime);
}

#[test]
fn one_flipped_bit_after_a_clean_close_is_found_before_sled_writes() {
    // Spread over the log: wherever the bit is, the store either opens with
    // every note or is refused with its folder byte for byte as it was.
    for tenth in 1..10 {
        let tmp = tempfile::tempdir().unwrap();
        let notes = filled_store(tmp.path());
        let db = tmp.path().join("db");
        let used = std::fs::read(&db)
            .unwrap()
            .iter()
            .rposition(|b| *b != 0)
            .unwrap();
        flip_bit_keeping_length_and_time(&db, used * tenth / 10);
        let before = files(tmp.path());
        match open_within(tmp.path(), Duration::from_secs(20)) {
            Err(_) => assert_refused_untouched(tmp.path(), &before),
            Ok(store) => {
                assert_eq!(
                    store.load().unwrap().notes.len(),
                    notes,
                    "bit at {tenth}/10"
                );
                assert!(store.check().unwrap().is_empty());
            }
        }
    }
}

#[test]
fn the_acknowledged_save_is_kept_beside_the_log_and_synced_with_each_save() {
    let tmp = tempfile::tempdir().unwrap();
    filled_store(tmp.path());
    let acked = tmp.path().join("mandaat-acked");
    let read = || {
        let b = std::fs::read(&acked).unwrap();
        u64::from_be_bytes(b[..8].try_into().unwrap())
    };
    let after_fill = read();
    assert!(after_fill >= 300, "one save per note: {after_fill}");
    let store = Store::open(tmp.path()).unwrap();
    store.save(&[note(5000, "N999").into()]).unwrap();
    assert_eq!(read(), after_fill + 1, "written before save returns");
    store.close().unwrap();
}

#[test]
fn leftover_temporary_files_neither_hang_nor_lose_anything() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = filled_store(tmp.path());
    // A snapshot sled was writing, an export mandaat was writing, and a copy
    // check of its own, each cut off by a kill.
    std::fs::write(
        tmp.path().join("snap.0000000000000000.generating"),
        b"half a snapshot",
    )
    .unwrap();
    std::fs::write(tmp.path().join(".export.json.tmp-123-0"), b"{\"format\"").unwrap();
    std::fs::create_dir(tmp.path().join(".mandaat-check-abc")).unwrap();
    std::fs::write(tmp.path().join(".mandaat-check-abc/db"), b"junk").unwrap();
    std::fs::remove_file(tmp.path().join("mandaat-closed.json")).unwrap();
    let store = open_within(tmp.path(), Duration::from_secs(20)).unwrap();
    assert_eq!(store.load().unwrap().notes.len(), notes);
    assert!(store.check().unwrap().is_empty());
    assert!(!tmp.path().join(".mandaat-check-abc").exists());
}

/// sled's snapshot files in `dir` (`snap.*`, not one it is still writing).
fn snapshots(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("snap.") && !name.ends_with(".generating")
        })
        .collect();
    out.sort();
    out
}

#[test]
fn garbage_snapshot_is_refused_or_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let notes = filled_store(tmp.path());
    // sled 0.34 writes a snapshot when it opens a store whose log has moved
    // on since the last one; `filled_store` made this store in one open.
    let store = Store::open(tmp.path()).unwrap();
    store.close().unwrap();
    let snaps = snapshots(tmp.path());
    assert!(
        !snaps.is_empty(),
        "no snapshot to damage: {:?}",
        files(tmp.path()).iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for snap in &snaps {
        let len = std::fs::metadata(snap).unwrap().len();
        assert!(len > 0, "{snap:?} is empty");
        std::fs::write(snap, b"\x00\x01garbage").unwrap();
    }
    let before = files(tmp.path());
    match open_within(tmp.path(), Duration::from_secs(20)) {
        Err(_) => assert_refused_untouched(tmp.path(), &before),
        Ok(store) => {
            assert_eq!(store.load().unwrap().notes.len(), notes);
            assert!(store.check().unwrap().is_empty());
        }
    }
}

/// A kill cannot show a missing `fsync` (the kernel still writes the page
/// cache out), only a power loss could; so a debug build counts them.
#[cfg(debug_assertions)]
#[test]
fn every_save_syncs_the_log_before_it_returns() {
    use mandaat::store::log_syncs_on_this_thread as syncs;
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let before = syncs();
    store.save(&all_records(&dataset())).unwrap();
    assert!(syncs() > before, "the first save returned without an fsync");
    for i in 0..5u128 {
        let before = syncs();
        store
            .save(&[note(2000 + i, &format!("N{:03}", i + 2)).into()])
            .unwrap();
        assert!(syncs() > before, "save {i} returned without an fsync");
    }
    let before = syncs();
    store
        .delete(mandaat::domain::RecordRef {
            kind: mandaat::domain::Kind::Note,
            id: id(2000),
        })
        .unwrap();
    assert!(syncs() > before, "a delete returned without an fsync");
    let before = syncs();
    store.save_settings(&settings()).unwrap();
    assert!(
        syncs() > before,
        "saving the settings returned without an fsync"
    );
    store.close().unwrap();
}
