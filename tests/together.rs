//! Two aanjagers, one caseload, in real terminals: two dashboards on one
//! store (the first starts the store server, the second joins it), each
//! seeing the other's changes appear without a key press, and every command
//! answering while both are open.

mod common;

use common::cli::{json, ok};
use common::tmux::{Tmux, assert_restored, server_pid, started_today};
use std::path::Path;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mandaat");

/// The dashboard on `store` as `user`, on the case list (the day's first
/// start, which opens on the morning view, already happened).
fn dashboard(store: &Path, user: &str) -> String {
    started_today(store, user);
    format!(
        "{BIN} --store {} --today 2024-11-15 --user {user}; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END; sleep 30",
        store.display()
    )
}

/// Wait for `needle` on `t`'s screen at most `limit`, without pressing a key.
fn appears_within(t: &Tmux, needle: &str, limit: Duration) -> String {
    let start = Instant::now();
    loop {
        let screen = t.screen();
        if screen.contains(needle) {
            return screen;
        }
        assert!(
            start.elapsed() < limit,
            "{needle:?} did not appear within {limit:?}; screen:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn two_dashboards_see_each_others_changes_without_a_key_press() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo"]);

    let anouk = Tmux::start("anouk", &dashboard(&store, "Anouk"));
    anouk.wait_for("Uitzonderingen");
    assert!(
        server_pid(&store).is_some(),
        "the dashboard started a server"
    );
    let bram = Tmux::start("bram", &dashboard(&store, "Bram"));
    bram.wait_for("Uitzonderingen");
    // Each header says who else has the store open.
    appears_within(&anouk, "ook open: Bram", Duration::from_secs(2));
    appears_within(&bram, "ook open: Anouk", Duration::from_secs(2));

    // Anouk has C01 open; Bram notes something on it from the command line.
    anouk.keys(&["Enter"]);
    anouk.wait_for("Fietsherstel Nieuwe Ronde —");
    ok(
        &store,
        &[
            "--user",
            "Bram",
            "note",
            "C01",
            "Bram belde de fietsenmaker",
        ],
    );
    let screen = appears_within(&anouk, "Bram belde de fietsenmaker", Duration::from_secs(3));
    assert!(screen.contains("Bram: notitie bij C01"), "{screen}");

    // Bram moves X08 on a stage in his dashboard; Anouk's lists follow.
    bram.keys(&["3"]);
    let screen = bram.wait_for("X08");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("X08") && l.contains("6 Besluit")),
        "{screen}"
    );
    bram.keys(&["g", ">"]);
    bram.wait_for("Opgeslagen");
    anouk.keys(&["Escape"]);
    let screen = appears_within(
        &anouk,
        "Bram: inkoopuitzondering X08 gewijzigd",
        Duration::from_secs(3),
    );
    let x08 = screen.lines().find(|l| l.contains("X08  C18")).unwrap();
    assert!(x08.contains("7 Gunning"), "{x08}");
    assert!(x08.contains('•'), "marked as changed by a colleague: {x08}");

    // Anouk notes on X05 in her dashboard; Bram sees who did it.
    anouk.keys(&["3"]);
    anouk.wait_for("X05");
    anouk.keys(&["/"]);
    anouk.type_text("X05");
    anouk.keys(&["Enter", "n"]);
    anouk.wait_for("Notitie bij X05");
    anouk.type_text("Koen belt vrijdag terug");
    anouk.keys(&["Enter"]);
    anouk.wait_for("Opgeslagen");
    appears_within(&bram, "Anouk: notitie bij X05", Duration::from_secs(3));

    // Every command answers while both dashboards are open.
    let cases = json(&store, &["cases", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 24);
    let export = ok(&store, &["export"]);
    assert!(export.contains("Koen belt vrijdag terug"));
    assert!(export.contains("Bram belde de fietsenmaker"));

    for t in [&anouk, &bram] {
        t.keys(&["Escape", "q"]);
        assert_restored(&t.wait_for("END"));
    }
}

#[test]
fn a_dashboard_carries_on_when_its_server_is_killed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo"]);
    let anouk = Tmux::start("alone", &dashboard(&store, "Anouk"));
    anouk.wait_for("Uitzonderingen");
    let first = server_pid(&store).expect("the dashboard started a server");
    // A form half typed when the server dies.
    anouk.keys(&["n"]);
    anouk.wait_for("Notitie bij C01");
    anouk.type_text("getypt voor de val");
    let status = std::process::Command::new("kill")
        .args(["-9", &first.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // A new server comes (the dashboard starts it within a second or two),
    // the screen says what happened, and the typed text is kept.
    let deadline = Instant::now() + Duration::from_secs(10);
    while server_pid(&store).is_none_or(|p| p == first) {
        assert!(Instant::now() < deadline, "no new server");
        std::thread::sleep(Duration::from_millis(50));
    }
    let screen = appears_within(&anouk, "viel weg", Duration::from_secs(5));
    assert!(screen.contains("getypt voor de val"), "{screen}");
    anouk.keys(&["Enter"]);
    anouk.wait_for("Opgeslagen");
    assert!(ok(&store, &["export"]).contains("getypt voor de val"));
    anouk.keys(&["q"]);
    assert_restored(&anouk.wait_for("END"));
}
