//! `mandaat owner` answers from the store's lookup cache without opening the
//! store: the same answer as from the store itself, current after every
//! change, ignored when unreadable or not matching sled's file, and usable
//! while the dashboard holds the store.

mod common;

use common::cli::{json, mandaat, ok};
use mandaat::store::Store;
use std::path::{Path, PathBuf};

const QUERIES: [&str; 4] = [
    "loonkostensubsidie",
    "staatssteun",
    "vergunnign",
    "dakpannen",
];

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    ok(&store, &["seed-demo"]);
    (dir, store)
}

fn cache(store: &Path) -> PathBuf {
    store.join("lookup-cache.json")
}

fn frozen(store: &Path) -> PathBuf {
    store.join("mandaat-frozen.bin")
}

/// The answer without the cache and without the read-only snapshot (which
/// a command without the cache answers from, writing nothing): both moved
/// aside, then put back.
fn from_the_store(store: &Path, query: &str) -> serde_json::Value {
    let aside = store.with_extension("cache-aside");
    let frozen_aside = store.with_extension("frozen-aside");
    std::fs::rename(cache(store), &aside).unwrap();
    let from_frozen = json(store, &["owner", query, "--json"]);
    assert!(
        !cache(store).exists(),
        "a command that only reads writes nothing"
    );
    std::fs::rename(frozen(store), &frozen_aside).unwrap();
    let v = json(store, &["owner", query, "--json"]);
    assert_eq!(from_frozen, v, "the snapshot answers as the store does");
    // The command that had to open the store wrote the cache again.
    assert!(cache(store).is_file());
    std::fs::rename(&aside, cache(store)).unwrap();
    std::fs::rename(&frozen_aside, frozen(store)).unwrap();
    v
}

#[test]
fn the_cache_gives_the_answer_the_store_gives() {
    let (_dir, store) = demo();
    assert!(cache(&store).is_file(), "seed-demo leaves a cache behind");
    for q in QUERIES {
        assert_eq!(
            json(&store, &["owner", q, "--json"]),
            from_the_store(&store, q),
            "{q}"
        );
    }
    let v = json(&store, &["owner", "loonkostensubsidie", "--json"]);
    assert_eq!(v[0]["number"], "D04");
    assert!(
        !v[0]["open_blockers"].as_array().unwrap().is_empty(),
        "the demo has a blocker at D04: {v}"
    );
}

#[test]
fn a_change_removes_the_cache_and_the_close_writes_it_again_current() {
    let (_dir, store) = demo();
    let before = std::fs::read(cache(&store)).unwrap();
    {
        // A blocker at D04 resolved: D04's plate shrinks.
        let s = Store::open(&store).unwrap();
        let mut data = s.load().unwrap();
        let case = data
            .cases
            .iter_mut()
            .find(|c| {
                c.blockers
                    .iter()
                    .any(|b| b.keyword == "loonkostensubsidie" && b.is_open())
            })
            .expect("a demo case blocked on loonkostensubsidie");
        for b in &mut case.blockers {
            b.resolved_on = Some(chrono::NaiveDate::from_ymd_opt(2024, 11, 15).unwrap());
        }
        let case = case.clone();
        s.save(&[case.into()]).unwrap();
        assert!(!cache(&store).exists(), "a write deletes the cache first");
        s.close().unwrap();
    }
    assert!(cache(&store).is_file(), "the clean close wrote it again");
    // Set aside at the write, deleted by the close at the latest.
    let aside = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(".lookup-cache.json.old"));
    assert_eq!(aside, None);
    assert_ne!(std::fs::read(cache(&store)).unwrap(), before);
    assert!(ok(&store, &["check"]).contains("in orde"));
    assert_eq!(
        json(&store, &["owner", "loonkostensubsidie", "--json"]),
        from_the_store(&store, "loonkostensubsidie")
    );
}

#[test]
fn owner_answers_while_another_mandaat_has_the_store_open() {
    let (_dir, store) = demo();
    let held = Store::open(&store).unwrap();
    // Opening wrote to sled's file: the cache no longer matches it, and the
    // lookup would need the store, which is held.
    assert!(mandaat::store::lookup::read(&store).is_none());
    assert!(
        !mandaat(&store, &["owner", "loonkostensubsidie"])
            .status
            .success()
    );
    // What the dashboard does when the keyboard rests.
    held.write_lookup_cache(&held.load().unwrap());
    let v = json(&store, &["owner", "loonkostensubsidie", "--json"]);
    assert_eq!(v[0]["number"], "D04");
    // Commands that need the store itself still say it is in use.
    let out = mandaat(&store, &["cases"]);
    assert!(!out.status.success());
    drop(held);
}

#[test]
fn an_unreadable_or_unmatched_cache_is_ignored() {
    let (_dir, store) = demo();
    let good = json(&store, &["owner", "staatssteun", "--json"]);
    std::fs::write(cache(&store), b"{ kapot").unwrap();
    assert_eq!(json(&store, &["owner", "staatssteun", "--json"]), good);
    // Answered from the read-only snapshot, which writes nothing.
    assert_eq!(std::fs::read(cache(&store)).unwrap(), b"{ kapot");
    // Without the snapshot the command opens the store, and its close
    // replaces the cache with a good one.
    std::fs::remove_file(frozen(&store)).unwrap();
    assert_eq!(json(&store, &["owner", "staatssteun", "--json"]), good);
    assert!(mandaat::store::lookup::read(&store).is_some());

    // A cache that says something else than the store, and whose stamp does
    // not match sled's file (written by another build, or brought back by a
    // power cut after its deletion was lost), is not trusted.
    let mut stale: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cache(&store)).unwrap()).unwrap();
    stale["plates"][0][1]["cases"] = serde_json::json!(["C99"]);
    stale["db_len"] = serde_json::json!(1);
    std::fs::write(cache(&store), serde_json::to_vec(&stale).unwrap()).unwrap();
    assert!(mandaat::store::lookup::read(&store).is_none());
    assert_eq!(json(&store, &["owner", "staatssteun", "--json"]), good);
}

/// Without the cache, `owner` reads only the lookup part of the read-only
/// snapshot, which has a hash of its own: a damaged lookup part is passed
/// over (the snapshot's records answer, whole as they are), and neither way
/// writes anything.
#[test]
fn a_damaged_lookup_part_of_the_snapshot_is_passed_over() {
    let (_dir, store) = demo();
    let want = json(&store, &["owner", "loonkostensubsidie", "--json"]);
    std::fs::remove_file(cache(&store)).unwrap();
    let whole = std::fs::read(frozen(&store)).unwrap();
    // D04's name in the lookup part, changed and still valid JSON: used,
    // it would change the answer.
    let name = want[0]["name"].as_str().unwrap().as_bytes();
    let at = whole
        .windows(name.len())
        .position(|w| w == name)
        .expect("the lookup part names D04");
    let mut damaged = whole.clone();
    damaged[at] = if damaged[at] == b'X' { b'Y' } else { b'X' };
    std::fs::write(frozen(&store), &damaged).unwrap();
    let marker = std::fs::read(store.join("mandaat-closed.json")).unwrap();
    assert_eq!(
        json(&store, &["owner", "loonkostensubsidie", "--json"]),
        want
    );
    // Whole again: its lookup part answers.
    std::fs::write(frozen(&store), &whole).unwrap();
    assert_eq!(
        json(&store, &["owner", "loonkostensubsidie", "--json"]),
        want
    );
    assert!(
        !cache(&store).exists(),
        "a command that only reads writes nothing"
    );
    assert_eq!(std::fs::read(frozen(&store)).unwrap(), whole);
    assert_eq!(
        std::fs::read(store.join("mandaat-closed.json")).unwrap(),
        marker
    );
}
