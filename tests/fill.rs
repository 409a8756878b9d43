//! A large fill (`seed-demo --scale region`, and `import` and `restore` of a
//! region export, which share `Store::replace_all`) is written in batches:
//! within a few hundred MB instead of 1.7 GB, and still all or nothing. A
//! region fill takes seconds in a debug build, so one test does both.

mod common;

use common::cli::{TODAY, json, ok};
use mandaat::fixtures::region::NOTES;
use std::process::Command;

/// The largest resident set (in MB) of any child this test process has
/// waited for so far.
fn largest_child_mb() -> i64 {
    // SAFETY: getrusage fills the struct it is given; nothing else.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let done = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(done, 0, "getrusage");
    usage.ru_maxrss / 1024
}

#[test]
fn a_region_fill_stays_small_and_a_fill_cut_short_leaves_the_store_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");

    // The first child of this test: its peak is the fill's.
    ok(&store, &["seed-demo", "--scale", "region"]);
    let peak = largest_child_mb();
    assert!(peak < 600, "a region fill peaked at {peak} MB");
    let notes = json(&store, &["export"])["notes"].as_array().unwrap().len();
    assert!(notes >= NOTES, "{notes} notes");

    // Killed the hardest way after two batches: the next open finds the
    // fill's mark and empties the store again, as it was before.
    let cut = tmp.path().join("cut");
    let out = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .arg("--store")
        .arg(&cut)
        .args(["seed-demo", "--scale", "region"])
        .env("MANDAAT_TODAY", TODAY)
        .env("MANDAAT_TEST_ABORT_FILL_AFTER", "2")
        .output()
        .unwrap();
    assert!(!out.status.success(), "the fill was to be cut short");
    assert_eq!(json(&cut, &["cases", "--json"]), serde_json::json!([]));
    assert!(ok(&cut, &["check"]).contains("in orde"));
    // So the fill simply runs again.
    ok(&cut, &["seed-demo", "--scale", "region"]);
    let again = json(&cut, &["export"])["notes"].as_array().unwrap().len();
    assert_eq!(again, notes);
}
