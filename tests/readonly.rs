//! A command that only reads (`cases`, `exceptions`, `review`, `owner`) leaves
//! the store folder and what lies beside it untouched when no store server
//! runs: no file is written, renamed, removed or made (issue 14). And what
//! it shows is never older than the store: a change made since shows.

mod common;

use common::cli::{demo_store_in, json, ok};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Every file under `dir` (recursively): length, a hash of the content,
/// modification time and inode.
fn files(dir: &Path, into: &mut BTreeMap<String, (u64, u64, i64, i64, u64)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        if meta.is_dir() {
            into.insert(
                path.display().to_string(),
                (0, 0, meta.mtime(), meta.mtime_nsec(), meta.ino()),
            );
            files(&path, into);
        } else {
            let bytes = std::fs::read(&path).unwrap();
            let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
            into.insert(
                path.display().to_string(),
                (
                    meta.len(),
                    hash,
                    meta.mtime(),
                    meta.mtime_nsec(),
                    meta.ino(),
                ),
            );
        }
    }
}

fn snapshot(parent: &Path) -> BTreeMap<String, (u64, u64, i64, i64, u64)> {
    let mut all = BTreeMap::new();
    files(parent, &mut all);
    all
}

const READ_ONLY: [&[&str]; 7] = [
    &["cases"],
    &["cases", "--json"],
    &["exceptions"],
    &["exceptions", "--json"],
    &["review", "--json"],
    &["review"],
    &["owner", "loonkosten"],
];

#[test]
fn read_only_commands_leave_every_store_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store_in(dir.path());
    let before = snapshot(dir.path());
    for args in READ_ONLY {
        ok(&store, args);
        let after = snapshot(dir.path());
        let changed: Vec<_> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        assert!(changed.is_empty(), "mandaat {args:?} changed {changed:?}");
    }
    // Without the lookup cache `owner` reads the store itself, and still
    // writes nothing.
    std::fs::remove_file(store.join("lookup-cache.json")).unwrap();
    let before = snapshot(dir.path());
    ok(&store, &["owner", "loonkosten"]);
    assert_eq!(before, snapshot(dir.path()), "owner without its cache");
}

#[test]
fn a_read_only_command_shows_every_change_made_since() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store_in(dir.path());
    let first = json(&store, &["cases", "--json"]);
    let number = first[0]["number"].as_str().unwrap().to_string();
    let last_before = first[0]["last_activity"].clone();
    // A note dated later than any activity in the demo.
    let out = common::cli::mandaat_at(&store, "2024-11-20", &["note", &number, "gebeld"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let then = json(&store, &["cases", "--json"]);
    assert_ne!(then[0]["last_activity"], last_before);
    assert_eq!(then[0]["last_activity"].as_str(), Some("2024-11-20"));
    // And again after a read-only command ran in between.
    ok(&store, &["cases"]);
    let out = common::cli::mandaat_at(&store, "2024-11-21", &["note", &number, "gemaild"], &[]);
    assert!(out.status.success());
    let again = json(&store, &["cases", "--json"]);
    assert_eq!(again[0]["last_activity"].as_str(), Some("2024-11-21"));
}

/// A change written by another holder of the store (the dashboard's server,
/// say), closed cleanly or not, shows in the next read-only command.
#[test]
fn a_change_by_any_holder_of_the_store_shows_closed_cleanly_or_not() {
    use mandaat::domain::{AnyRecord, Kind};
    use mandaat::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store_in(dir.path());
    ok(&store, &["cases"]);
    for (title, clean) in [("Schoon gesloten", true), ("Niet gesloten", false)] {
        let s = Store::open(&store).unwrap();
        let mut case = s.load_kinds(&[Kind::Case]).unwrap().cases[0].clone();
        let number = case.number.clone();
        case.title = title.into();
        s.save(&[AnyRecord::Case(case)]).unwrap();
        match clean {
            true => s.close().unwrap(),
            // Let go without a clean close, as after a kill.
            false => drop(s),
        }
        let cases = json(&store, &["cases", "--json", "--all"]);
        let shown = cases
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["number"] == number.as_str())
            .unwrap();
        assert_eq!(shown["title"], title, "clean close: {clean}");
    }
}

/// A damaged or missing snapshot is not used: the command reads the store
/// itself and shows the same.
#[test]
fn a_damaged_or_missing_snapshot_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store_in(dir.path());
    let frozen = store.join("mandaat-frozen.bin");
    let want = ok(&store, &["cases", "--json", "--all"]);
    let mut bytes = std::fs::read(&frozen).expect("a clean close leaves the snapshot");
    // A title in the body changed, the hash in the header not.
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&frozen, &bytes).unwrap();
    assert_eq!(ok(&store, &["cases", "--json", "--all"]), want);
    // That command opened the store and its clean close wrote it anew.
    assert_ne!(std::fs::read(&frozen).unwrap(), bytes);
    std::fs::remove_file(&frozen).unwrap();
    assert_eq!(ok(&store, &["cases", "--json", "--all"]), want);
    assert!(frozen.exists());
}

/// A snapshot of another format (an older mandaat's) is not used, and the
/// next clean close writes it anew even when nothing changed.
#[test]
fn a_snapshot_of_another_format_is_written_anew_at_the_next_close() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store_in(dir.path());
    let frozen = store.join("mandaat-frozen.bin");
    let want = ok(&store, &["cases", "--json", "--all"]);
    let mut bytes = std::fs::read(&frozen).expect("a clean close leaves the snapshot");
    // The header: six fields of 16 hex digits (the body's hash first, the
    // lookup part's length last), then the lookup part, then the body,
    // whose first byte is the format.
    let field = |i: usize| {
        let hex = std::str::from_utf8(&bytes[i * 17..i * 17 + 16]).unwrap();
        u64::from_str_radix(hex, 16).unwrap() as usize
    };
    let body = 6 * 17 + field(5);
    let current = bytes[body];
    bytes[body] = current - 1;
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes[body..]));
    bytes[..16].copy_from_slice(hash.as_bytes());
    std::fs::write(&frozen, &bytes).unwrap();

    assert_eq!(ok(&store, &["cases", "--json", "--all"]), want);
    let now = std::fs::read(&frozen).unwrap();
    assert_eq!(now[body], current, "written anew in this format");
    // And used from then on: the store is not opened again.
    let before = std::fs::metadata(store.join("db"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(ok(&store, &["cases", "--json", "--all"]), want);
    let after = std::fs::metadata(store.join("db"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
}

/// With a store server running the commands go through it, and the snapshot
/// the last clean close left is not used: a change made through the server
/// shows, also after the server was killed.
#[test]
fn a_change_through_a_server_shows_while_it_runs_and_after_a_kill() {
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store_in(dir.path());
    let number = json(&store, &["cases", "--json"])[0]["number"]
        .as_str()
        .unwrap()
        .to_string();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .arg("--store")
        .arg(&store)
        .arg("serve")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::os::unix::net::UnixStream::connect(mandaat::session::socket_path(&store)).is_err() {
        assert!(Instant::now() < deadline, "no server came up");
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = common::cli::mandaat_at(
        &store,
        "2024-11-20",
        &["note", &number, "via de server"],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = |store: &Path| json(store, &["cases", "--json"])[0]["last_activity"].clone();
    assert_eq!(last(&store), "2024-11-20");
    server.kill().unwrap();
    server.wait().unwrap();
    assert_eq!(last(&store), "2024-11-20");
}

#[test]
fn the_snapshot_is_the_users_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = demo_store_in(dir.path());
    let mode = std::fs::metadata(store.join("mandaat-frozen.bin"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}
