//! Restore picks the right backup (never one dated after today on its own),
//! the restore command the damage message prints works as printed, and a
//! refused import or restore leaves nothing behind (issue 13, second round).

mod common;

use common::cli::{demo_store_in as demo, mandaat_at, ok_at as ok};
use mandaat::i18n::Lang;
use mandaat::store::StoreError;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A store with a backup of the 15th, one of the 16th, and one dated far
/// ahead (a change made once with `--today 2030-01-01`); the export as the
/// backup of the 16th holds it.
fn store_with_a_future_backup(dir: &Path) -> (PathBuf, String) {
    let store = demo(dir);
    ok(&store, "2024-11-15", &["note", "C01", "op de vijftiende"]);
    ok(&store, "2030-01-01", &["note", "C01", "verkeerde datum"]);
    let of_the_16th = ok(&store, "2024-11-16", &["export"]);
    ok(&store, "2024-11-16", &["note", "C01", "op de zestiende"]);
    assert_eq!(
        names(&dir.join("store-backups")),
        [
            "mandaat-2024-11-15.json",
            "mandaat-2024-11-16.json",
            "mandaat-2030-01-01.json"
        ]
    );
    (store, of_the_16th)
}

#[test]
fn restore_without_a_file_skips_a_backup_dated_after_today() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, of_the_16th) = store_with_a_future_backup(tmp.path());
    std::fs::rename(&store, tmp.path().join("kapot")).unwrap();
    let out = mandaat_at(&store, "2024-11-16", &["restore", "--yes"], &[]);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{out:?}");
    assert!(said.contains("mandaat-2024-11-16.json"), "{said}");
    assert_eq!(ok(&store, "2024-11-16", &["export"]), of_the_16th);
    // The backup it passed over is named, so it can be chosen on purpose.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mandaat-2030-01-01.json"), "{err}");
}

#[test]
fn a_backup_dated_after_today_is_never_chosen_on_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    ok(&store, "2030-01-01", &["note", "C01", "verkeerde datum"]);
    std::fs::rename(&store, tmp.path().join("kapot")).unwrap();
    let out = mandaat_at(&store, "2024-11-15", &["restore", "--yes"], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mandaat-2030-01-01.json"), "{err}");
    assert!(err.contains("2024-11-15"), "names today: {err}");
    assert!(!store.exists(), "a refused restore leaves no store behind");
    // Named explicitly, it is restored.
    let file = tmp.path().join("store-backups/mandaat-2030-01-01.json");
    let out = ok(
        &store,
        "2024-11-15",
        &["restore", file.to_str().unwrap(), "--yes"],
    );
    assert!(out.contains("mandaat-2030-01-01.json"), "{out}");
}

#[test]
fn a_backup_dated_after_today_does_not_push_real_ones_out() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    ok(&store, "2030-01-01", &["note", "C01", "verkeerde datum"]);
    for day in 1..=20 {
        ok(
            &store,
            &format!("2024-12-{day:02}"),
            &["note", "C01", "nog een dag"],
        );
    }
    let names = names(&tmp.path().join("store-backups"));
    assert_eq!(names.len(), 15, "{names:?}");
    assert_eq!(names[0], "mandaat-2024-12-07.json");
    assert_eq!(names[13], "mandaat-2024-12-20.json");
    assert_eq!(names[14], "mandaat-2030-01-01.json", "kept, never deleted");
}

#[test]
fn restore_with_the_backup_folder_takes_its_newest_backup_up_to_today() {
    let tmp = tempfile::tempdir().unwrap();
    let (store, of_the_16th) = store_with_a_future_backup(tmp.path());
    let fresh = tmp.path().join("fresh");
    let folder = tmp.path().join("store-backups");
    let out = ok(
        &fresh,
        "2024-11-16",
        &["restore", folder.to_str().unwrap(), "--yes"],
    );
    assert!(out.contains("mandaat-2024-11-16.json"), "{out}");
    assert_eq!(ok(&fresh, "2024-11-16", &["export"]), of_the_16th);
    assert!(ok(&store, "2024-11-16", &["export"]).contains("op de zestiende"));
}

/// The command between backticks in the damage message that restores.
fn printed_restore(message: &str) -> String {
    message
        .split('`')
        .find(|part| part.contains(" restore "))
        .unwrap_or_else(|| panic!("no restore command in {message}"))
        .to_string()
}

#[test]
fn the_restore_command_the_damage_message_prints_works_as_printed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    ok(&store, "2024-11-15", &["note", "C01", "op de vijftiende"]);
    let of_the_16th = ok(&store, "2024-11-16", &["export"]);
    ok(&store, "2024-11-16", &["note", "C01", "op de zestiende"]);
    let damaged = StoreError::Unreadable {
        dir: store.clone(),
        detail: "kapot".into(),
    };
    for (lang, placeholder) in [(Lang::Nl, "NIEUWE_MAP"), (Lang::En, "NEW_FOLDER")] {
        let command = printed_restore(&damaged.message(lang));
        let new = tmp.path().join(format!("nieuw-{placeholder}"));
        let command = command.replace(placeholder, new.to_str().unwrap());
        let mut words = command.split_whitespace();
        assert_eq!(words.next(), Some("mandaat"), "{command}");
        // As typed at a terminal, answering the question with yes.
        let out = Command::new(env!("CARGO_BIN_EXE_mandaat"))
            .args(words)
            .arg("--yes")
            .env_remove("MANDAAT_STORE")
            .env_remove("MANDAAT_LANG")
            .env("MANDAAT_TODAY", "2024-11-16")
            .env("MANDAAT_USER", "Anouk")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(ok(&new, "2024-11-16", &["export"]), of_the_16th);
    }
}

#[test]
fn a_refused_import_leaves_no_folder_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("kapot.json");
    std::fs::write(&bad, b"{ \"format\": \"mandaat-export\"").unwrap();
    for args in [
        vec!["import", bad.to_str().unwrap()],
        vec!["import", "/geen/bestand.json"],
        vec!["restore", bad.to_str().unwrap(), "--yes"],
    ] {
        let new = tmp.path().join("nieuw/opslag");
        let out = mandaat_at(&new, "2024-11-15", &args, &[]);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            !tmp.path().join("nieuw").exists(),
            "{args:?} left {:?}",
            names(tmp.path())
        );
    }
    // A folder that was there already stays.
    let mine = tmp.path().join("mijn-map");
    std::fs::create_dir(&mine).unwrap();
    let out = mandaat_at(&mine, "2024-11-15", &["import", bad.to_str().unwrap()], &[]);
    assert!(!out.status.success());
    assert!(mine.is_dir());
}

#[test]
fn stale_temporary_files_of_the_lookup_cache_are_cleaned_up() {
    let tmp = tempfile::tempdir().unwrap();
    let store = demo(tmp.path());
    // What kills while writing the cache leave behind.
    for n in 0..3 {
        let stray = store.join(format!(".lookup-cache.json.tmp-99999{n}-0"));
        std::fs::write(stray, b"{ half").unwrap();
    }
    ok(&store, "2024-11-15", &["note", "C01", "een wijziging"]);
    let left: Vec<String> = names(&store)
        .into_iter()
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(store.join("lookup-cache.json").is_file());
}
