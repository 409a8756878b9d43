//! The kill harness of the store server: two clients save notes through the
//! server, each printing `ACK N…` once the server acknowledged it; the server
//! is killed with SIGKILL at a random moment, again and again. Afterwards
//! every acknowledged note must be in the store, and the store whole.
//!
//! `MANDAAT_KILL_ROUNDS` sets the rounds (default 12), `MANDAAT_KILL_SEED`
//! replays a run.

mod common;

use common::cli::ok;
use common::kill::{Rng, harness_command};
use mandaat::session::socket_path;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn mandaat(store: &Path) -> Command {
    harness_command(store)
}

fn start_server(store: &Path) -> Child {
    let child = mandaat(store)
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while UnixStream::connect(socket_path(store)).is_err() {
        assert!(Instant::now() < deadline, "no server came up");
        std::thread::sleep(Duration::from_millis(5));
    }
    child
}

/// A client writing notes on `number` from note number `from` on; in the
/// control mode it acknowledges each before sending it.
fn writer(store: &Path, number: &str, from: u32, control: bool) -> Child {
    let mut c = mandaat(store);
    if control {
        c.env("MANDAAT_TEST_ACK_BEFORE_SAVE", "1");
    }
    c.args(["stress-notes", number, "400"])
        .env("MANDAAT_TEST_SEQ_FROM", from.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The note numbers a client printed ACK for before it ended.
fn acknowledged(child: &mut Child) -> Vec<String> {
    let out = child.stdout.take().unwrap();
    let acks = BufReader::new(out)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| l.strip_prefix("ACK ").map(str::to_string))
        .collect();
    let _ = child.wait();
    acks
}

/// Rounds of: a server, two writers, a kill of the server. Returns the
/// acknowledged note numbers the store does not have afterwards.
fn harness(rounds: u32, control: bool) -> Vec<String> {
    let mut rng = Rng::from_env();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo"]);

    let mut acked = BTreeSet::new();
    let mut cut_off = 0;
    for round in 0..rounds {
        let mut server = start_server(&store);
        let mut a = writer(&store, "C01", 10_000 + round * 1_000, control);
        let mut b = writer(&store, "X05", 50_000 + round * 1_000, control);
        std::thread::sleep(Duration::from_millis(30 + rng.below(300)));
        server.kill().unwrap();
        server.wait().unwrap();
        for client in [&mut a, &mut b] {
            let acks = acknowledged(client);
            if acks.len() < 400 {
                cut_off += 1;
            }
            acked.extend(acks);
        }
    }
    assert!(
        acked.len() > 20,
        "too few acknowledgements ({}) for the harness to mean anything",
        acked.len()
    );
    assert!(cut_off > 0, "the server was never killed mid-write");

    // No server now: the store opens embedded and checks itself whole.
    let export = ok(&store, &["export"]);
    if !control {
        assert!(ok(&store, &["check"]).contains("in orde"));
    }
    acked
        .into_iter()
        .filter(|n| !export.contains(&format!("\"number\": \"{n}\"")))
        .collect()
}

#[test]
fn killing_the_server_loses_no_acknowledged_change() {
    let rounds: u32 = std::env::var("MANDAAT_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12);
    let missing = harness(rounds, false);
    assert!(
        missing.is_empty(),
        "{} acknowledged notes lost: {missing:?}",
        missing.len()
    );
}

/// The harness can fail: a client that says ACK before the server has the
/// note is caught losing notes when the server is killed.
#[test]
fn the_server_harness_catches_an_acknowledgement_before_the_save() {
    let missing = harness(6, true);
    assert!(
        !missing.is_empty(),
        "the control run lost nothing: the harness proves nothing"
    );
}
