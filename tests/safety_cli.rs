//! Data safety from the command line: daily backups, restore, forget, and
//! write faults that must never be reported as saved.

mod common;

use common::cli::{demo_store_in as demo, mandaat_at as mandaat_on, ok_at as ok};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn first_start_of_the_day_writes_a_private_backup_beside_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    let backups = tmp.path().join("store-backups");
    assert!(
        !backups.exists(),
        "seed-demo made the store; nothing to back up yet"
    );
    ok(&store, "2024-11-15", &["cases"]);
    assert!(
        !backups.exists(),
        "a command that only reads leaves the backup to the first change"
    );
    let untouched = ok(&store, "2024-11-15", &["export"]);
    ok(
        &store,
        "2024-11-15",
        &["note", "C01", "eerste wijziging van de dag"],
    );
    let file = backups.join("mandaat-2024-11-15.json");
    assert!(file.is_file());
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&backups), 0o700);
    assert_eq!(mode(&store), 0o700);
    let before = std::fs::read(&file).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&before).trim_end(),
        untouched.trim_end(),
        "the backup holds the store as it was before the day's first change"
    );
    ok(&store, "2024-11-15", &["note", "C01", "later die dag"]);
    assert_eq!(std::fs::read(&file).unwrap(), before, "one backup a day");
    let export = ok(&store, "2024-11-15", &["export"]);
    assert_ne!(export.as_bytes(), before.as_slice());
}

#[test]
fn backups_keep_the_last_fourteen_days() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    for day in 1..=20 {
        ok(
            &store,
            &format!("2024-12-{day:02}"),
            &["note", "C01", "nog een dag"],
        );
        if day == 3 {
            // What a kill in the middle of writing a backup leaves behind: a
            // whole copy of the store, which must age out like the rest.
            let cut = tmp
                .path()
                .join("store-backups/.mandaat-2024-12-04.json.tmp-999-0");
            std::fs::write(cut, b"{ half a store").unwrap();
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(tmp.path().join("store-backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 14, "{names:?}");
    assert_eq!(names[0], "mandaat-2024-12-07.json");
    assert_eq!(names[13], "mandaat-2024-12-20.json");
}

#[test]
fn demo_makes_no_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    ok(&store, "2024-11-15", &["--demo", "cases"]);
    assert!(!tmp.path().join("store-backups").exists());
}

#[test]
fn restore_brings_the_newest_backup_into_a_new_store_after_confirming() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    ok(&store, "2024-11-15", &["note", "C01", "op de vijftiende"]);
    let original = ok(&store, "2024-11-16", &["export"]);
    // The first change of the 16th backs up the store as `original` first.
    ok(&store, "2024-11-16", &["note", "C01", "op de zestiende"]);

    // Without a terminal and without --yes nothing happens.
    let fresh = tmp.path().join("fresh");
    let newest = tmp.path().join("store-backups/mandaat-2024-11-16.json");
    let out = mandaat_on(
        &fresh,
        "2024-11-16",
        &["restore", newest.to_str().unwrap()],
        &[],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--yes"));

    let out = ok(
        &fresh,
        "2024-11-16",
        &["restore", newest.to_str().unwrap(), "--yes"],
    );
    assert!(out.contains("teruggezet"), "{out}");
    assert_eq!(ok(&fresh, "2024-11-16", &["export"]), original);
    assert!(ok(&fresh, "2024-11-16", &["check"]).contains("in orde"));

    // A store that holds data is never overwritten.
    let out = mandaat_on(&store, "2024-11-16", &["restore", "--yes"], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("niet leeg"));
    assert_ne!(ok(&store, "2024-11-16", &["export"]), original);
    assert!(ok(&store, "2024-11-16", &["export"]).contains("op de zestiende"));
}

#[test]
fn restore_without_a_file_takes_the_newest_backup_of_that_store() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    let original = ok(&store, "2024-11-15", &["export"]);
    ok(&store, "2024-11-15", &["note", "C01", "na de reservekopie"]);
    // The damaged store is moved aside; its backups stay where they are.
    std::fs::rename(&store, tmp.path().join("kapot")).unwrap();
    let out = ok(&store, "2024-11-15", &["restore", "--yes"]);
    assert!(out.contains("mandaat-2024-11-15.json"), "{out}");
    assert_eq!(ok(&store, "2024-11-15", &["export"]), original);
}

#[test]
fn forget_removes_an_organisation_and_everything_about_it() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    let before: Value = serde_json::from_str(&ok(&store, "2024-11-15", &["export"])).unwrap();
    let org = before["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["number"] == "O01")
        .unwrap();
    let org_id = org["id"].as_str().unwrap().to_string();
    let name = org["name"].as_str().unwrap().to_string();
    let cases: Vec<String> = before["cases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["organisation"] == org_id.as_str())
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!cases.is_empty(), "the demo's O01 has cases");

    // Not without confirming.
    let out = mandaat_on(&store, "2024-11-15", &["forget", "O01"], &[]);
    assert!(!out.status.success());
    let out = ok(&store, "2024-11-15", &["forget", "O01", "--yes"]);
    assert!(out.contains(&name) && out.contains("O01"), "{out}");

    let after_text = ok(&store, "2024-11-15", &["export"]);
    assert!(
        !after_text.contains(&org_id),
        "the organisation's id is still referenced"
    );
    assert!(!after_text.contains(&name));
    for case in &cases {
        assert!(
            !after_text.contains(case.as_str()),
            "case {case} left behind"
        );
    }
    assert!(ok(&store, "2024-11-15", &["check"]).contains("in orde"));
    let after: Value = serde_json::from_str(&after_text).unwrap();
    assert_eq!(
        after["organisations"].as_array().unwrap().len() + 1,
        before["organisations"].as_array().unwrap().len()
    );
}

#[test]
fn forget_by_name_and_an_unknown_name_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    let before = ok(&store, "2024-11-15", &["export"]);
    let out = mandaat_on(
        &store,
        "2024-11-15",
        &["forget", "Bestaat Niet BV", "--yes"],
        &[],
    );
    assert!(!out.status.success());
    assert_eq!(ok(&store, "2024-11-15", &["export"]), before);
    let out = ok(
        &store,
        "2024-11-15",
        &["forget", "Koffiebranderij", "Doorstart", "--yes"],
    );
    assert!(out.contains("O06"), "{out}");
}

#[test]
fn a_failing_disk_is_reported_never_saved_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    ok(&store, "2024-11-15", &["note", "C01", "voor de storing"]);
    let before = ok(&store, "2024-11-15", &["export"]);
    let fault = [("MANDAAT_TEST_FAIL_WRITES", "1")];
    for args in [
        &["note", "C01", "tijdens de storing"][..],
        &["forget", "O01", "--yes"][..],
    ] {
        let out = mandaat_on(&store, "2024-11-15", args, &fault);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}: {stdout}");
        assert!(
            !stdout.contains("opgeslagen") && !stdout.contains("vergeten"),
            "{stdout}"
        );
        assert!(
            stderr.contains("No space left") || stderr.contains("schijf"),
            "{stderr}"
        );
        assert!(stderr.contains(&store.display().to_string()), "{stderr}");
    }
    // The fault is gone: everything acknowledged before is there, nothing else.
    assert_eq!(ok(&store, "2024-11-15", &["export"]), before);
    ok(&store, "2024-11-15", &["note", "C01", "na de storing"]);
    assert!(ok(&store, "2024-11-15", &["check"]).contains("in orde"));
}
