//! The size rule where text comes in from the shell: `mandaat note` refuses a
//! text longer than a few pages, names the limit, and saves nothing.

mod common;

use common::cli::{mandaat, ok};
use mandaat::domain::plain::MAX_MANY;

#[test]
fn a_note_longer_than_a_few_pages_is_refused_and_nothing_is_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    ok(&store, &["seed-demo"]);
    let before = ok(&store, &["export"]);

    let long = "woord ".repeat(MAX_MANY / 6 + 1);
    let out = mandaat(&store, &["note", "C01", &long]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "a note of {} chars was kept",
        long.len()
    );
    assert!(stderr.contains("te lang"), "{stderr}");
    assert!(stderr.contains("hoogstens 20000"), "{stderr}");
    assert_eq!(ok(&store, &["export"]), before);

    // A note of exactly the limit is kept.
    let full = "a".repeat(MAX_MANY);
    ok(&store, &["note", "C01", &full]);
}
