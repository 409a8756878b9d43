//! Faults of the disk under a real store, each said as what it is and never
//! as damage: a read-only file system and a full disk, on a small tmpfs
//! mounted for the test. Mounting needs root (the tests run as root in CI);
//! elsewhere these tests say so and pass without checking anything.

mod common;

use common::cli::{mandaat, ok};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted on a fresh folder, unmounted when dropped (also when the
/// test fails).
struct Mount {
    dir: PathBuf,
    _parent: tempfile::TempDir,
}

impl Mount {
    fn tmpfs(size: &str) -> Option<Mount> {
        if !nix::unistd::Uid::effective().is_root() {
            eprintln!("SKIPPED: mounting a tmpfs needs root; run the tests as root");
            return None;
        }
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("disk");
        std::fs::create_dir(&dir).unwrap();
        let mounted = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("SKIPPED: this machine refuses to mount a tmpfs");
            return None;
        }
        Some(Mount {
            dir,
            _parent: parent,
        })
    }

    fn remount(&self, mode: &str) {
        let done = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.dir)
            .status()
            .unwrap();
        assert!(done.success(), "remount {mode}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

/// The command's stderr; the test fails if it succeeded.
fn refused(store: &Path, args: &[&str]) -> String {
    let out = mandaat(store, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "{args:?} succeeded: {stderr}");
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("opgeslagen"),
        "{args:?}"
    );
    stderr
}

fn no_backup_advice(stderr: &str) {
    assert!(
        !stderr.contains("reservekopie") && !stderr.contains("restore"),
        "a fault of the disk must not send the user to a backup: {stderr}"
    );
}

/// Write zeros until the disk is full.
fn fill(path: &Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).unwrap();
    let block = vec![0u8; 64 * 1024];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
}

#[test]
fn a_read_only_disk_is_said_as_such_not_as_damage() {
    let Some(disk) = Mount::tmpfs("32m") else {
        return;
    };
    let store = disk.dir.join("store");
    ok(&store, &["seed-demo"]);
    let before = ok(&store, &["export"]);

    // Closed cleanly: a listing reads the snapshot of that close and needs
    // to write nothing; a change is refused, sled finding it cannot write.
    disk.remount("ro");
    assert!(ok(&store, &["cases"]).contains("C01"));
    let stderr = refused(&store, &["note", "C01", "op een alleen-lezen schijf"]);
    assert!(stderr.contains("alleen-lezen"), "{stderr}");
    assert!(stderr.contains(&store.display().to_string()), "{stderr}");
    no_backup_advice(&stderr);

    // As after a kill: the copy check cannot make its folder.
    disk.remount("rw");
    std::fs::remove_file(store.join("mandaat-closed.json")).unwrap();
    disk.remount("ro");
    let stderr = refused(&store, &["cases"]);
    assert!(stderr.contains("alleen-lezen"), "{stderr}");
    no_backup_advice(&stderr);

    disk.remount("rw");
    assert_eq!(ok(&store, &["export"]), before);
}

#[test]
fn a_full_disk_is_said_as_such_and_the_store_opens_once_space_is_freed() {
    let Some(disk) = Mount::tmpfs("48m") else {
        return;
    };
    let store = disk.dir.join("store");
    ok(&store, &["seed-demo"]);
    ok(&store, &["note", "C01", "voor de volle schijf"]);

    // sled writes into room its log already holds, so a save on a full disk
    // may still fit; notes of some pages are saved until one does not.
    let filler = disk.dir.join("filler");
    fill(&filler);
    let page = "volle schijf ".repeat(1_500);
    let mut kept = Vec::new();
    let stderr = loop {
        assert!(kept.len() < 200, "every save fit on a full disk");
        let token = format!("notitie-{}", kept.len());
        let out = mandaat(&store, &["note", "C01", &format!("{token} {page}")]);
        if out.status.success() {
            kept.push(token);
            continue;
        }
        let failed = format!("notitie-{}", kept.len());
        break (String::from_utf8_lossy(&out.stderr).into_owned(), failed);
    };
    let (stderr, failed) = stderr;
    assert!(stderr.contains("vol"), "{stderr}");
    assert!(stderr.contains("niets opgeslagen"), "{stderr}");
    no_backup_advice(&stderr);

    // As after a kill while the disk was full: the next open checks a copy,
    // for which there is no room. Said as such, with what to free.
    let _ = std::fs::remove_file(store.join("mandaat-closed.json"));
    fill(&disk.dir.join("filler-2"));
    let stderr = refused(&store, &["cases"]);
    assert!(stderr.contains("te weinig ruimte"), "{stderr}");
    assert!(stderr.contains("MB vrij"), "{stderr}");
    assert!(!stderr.contains("niet te lezen"), "{stderr}");
    no_backup_advice(&stderr);
    let checks = std::fs::read_dir(&store)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".mandaat-check-")
        })
        .count();
    assert_eq!(checks, 0, "no half copy left behind");

    // Space freed: everything saved before is there, and nothing else.
    std::fs::remove_file(&filler).unwrap();
    std::fs::remove_file(disk.dir.join("filler-2")).unwrap();
    let export = ok(&store, &["export"]);
    assert!(export.contains("voor de volle schijf"));
    for token in &kept {
        assert!(
            export.contains(&format!("{token} ")),
            "{token} was saved and is lost"
        );
    }
    assert!(
        !export.contains(&format!("{failed} ")),
        "{failed} was refused but is there"
    );
    assert!(ok(&store, &["check"]).contains("in orde"));
}
