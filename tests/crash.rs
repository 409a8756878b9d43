//! The kill harness: a real `mandaat` saves notes one by one through the real
//! save path and prints `ACK N…` after each; it is killed with SIGKILL at a
//! random moment, the store is reopened, and every acknowledged note must be
//! there, with the record count and the number index whole.
//!
//! `MANDAAT_KILL_ROUNDS` sets the number of rounds (default 30),
//! `MANDAAT_KILL_SEED` replays a run. The control mode skips the flush before
//! the acknowledgement and must be caught losing notes: a harness that cannot
//! fail would prove nothing.

mod common;

use common::kill::{Rng, harness_command};
use mandaat::store::{Store, StoreError};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn mandaat(store: &Path) -> Command {
    harness_command(store)
}

fn seeded_store(dir: &Path) {
    let out = mandaat(dir).arg("seed-demo").output().unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// Open the store, waiting out the lock a killed process's kernel cleanup
/// may hold for a moment.
fn reopen(dir: &Path) -> Store {
    let started = Instant::now();
    loop {
        match Store::open(dir) {
            Err(StoreError::Locked { .. }) if started.elapsed() < Duration::from_secs(5) => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other.unwrap_or_else(|e| panic!("reopen after kill: {e:?}")),
        }
    }
}

/// One round: start the writer, kill it `delay_ms` after its first
/// acknowledgement, and return the note numbers it acknowledged. Fails when
/// the writer acknowledged nothing: a round without acknowledgements proves
/// nothing about losing them.
fn kill_round(dir: &Path, delay_ms: u64, control: bool) -> Vec<String> {
    let mut cmd = mandaat(dir);
    cmd.args(["stress-notes", "C01", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if control {
        cmd.env("MANDAAT_TEST_SKIP_FLUSH", "1");
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut acks = Vec::new();
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(n) = line.strip_prefix("ACK ") {
                acks.push(n.to_string());
                let _ = tx.send(());
            }
        }
        acks
    });
    // Wait for the writer to be saving, then kill it at a random moment. A
    // round with no acknowledgement would test nothing: it fails.
    let first_ack = rx.recv_timeout(Duration::from_secs(10));
    if first_ack.is_ok() {
        std::thread::sleep(Duration::from_millis(delay_ms));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let acks = reader.join().unwrap();
    assert!(
        first_ack.is_ok() && !acks.is_empty(),
        "the writer acknowledged nothing within 10 s (control: {control}), so this round \
         could not see a loss"
    );
    acks
}

/// Acknowledged notes missing after the reopen; panics on a broken store.
/// The reopen itself checks a copy of the uncleanly closed store against its
/// record count; `check` then verifies references and the number index both
/// ways.
fn missing_after_reopen(dir: &Path, acked: &[String]) -> Vec<String> {
    let store = reopen(dir);
    let problems = store.check().unwrap();
    assert!(
        problems.is_empty(),
        "store damaged after kill: {problems:?}"
    );
    let notes = store.load().unwrap().notes;
    acked
        .iter()
        .filter(|n| !notes.iter().any(|note| &note.number == *n))
        .cloned()
        .collect()
}

fn rounds() -> u64 {
    std::env::var("MANDAAT_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30)
}

#[test]
fn sigkill_at_random_moments_loses_no_acknowledged_note() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    seeded_store(&dir);
    let mut rng = Rng::from_env();
    for round in 0..rounds() {
        // Every round is killed after at least one acknowledgement (or fails).
        let acked = kill_round(&dir, rng.below(120), false);
        let missing = missing_after_reopen(&dir, &acked);
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged notes lost after SIGKILL: {missing:?}"
        );
    }
}

#[test]
fn control_without_flush_is_caught_losing_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    seeded_store(&dir);
    let mut rng = Rng::from_env();
    let mut caught = 0;
    for _ in 0..10 {
        let acked = kill_round(&dir, 20 + rng.below(100), true);
        if !missing_after_reopen(&dir, &acked).is_empty() {
            caught += 1;
        }
        if caught >= 2 {
            break;
        }
    }
    assert!(
        caught >= 1,
        "acknowledging before the flush never lost a note: the harness cannot see loss"
    );
}
