//! A panic in the dashboard: the terminal comes back, the panic message can be
//! read, and every change saved before it is still in the store.

mod common;

use common::tmux::{Tmux, mandaat_pid, started_today};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mandaat");

fn mandaat(store: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("MANDAAT_STORE")
        .env_remove("MANDAAT_LANG")
        .env("MANDAAT_TODAY", "2024-11-15")
        .env("MANDAAT_USER", "Anouk")
        .output()
        .unwrap()
}

#[test]
fn panic_restores_the_terminal_shows_the_message_and_keeps_earlier_saves() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(mandaat(&store, &["seed-demo"]).status.success());
    // `§` is no key of the dashboard: it only panics because of the variable.
    let command = format!(
        "MANDAAT_TEST_PANIC_KEY='§' {BIN} --store {} --today 2024-11-15 --user Anouk; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END; sleep 30",
        store.display()
    );
    started_today(&store, "Anouk");
    let t = Tmux::start("panic", &command);
    t.wait_for("Uitzonderingen");
    // A note on X04, saved before the panic.
    t.keys(&["3", "j", "j", "j", "n"]);
    t.wait_for("Notitie bij X04");
    t.type_text("Voor de paniek opgeslagen");
    t.keys(&["Enter"]);
    t.wait_for("Opgeslagen: notitie");
    assert!(t.mouse_reported(), "the dashboard takes the mouse");
    t.type_text("§");
    let screen = t.wait_for("END");
    assert!(!t.mouse_reported(), "mouse reporting left on after a panic");
    assert!(
        screen.contains("icanon echo"),
        "terminal not restored after a panic:\n{screen}"
    );
    assert!(
        screen.contains("test panic on key"),
        "panic message not readable:\n{screen}"
    );
    assert!(
        !screen.contains("EXIT=0"),
        "a panic must not exit 0:\n{screen}"
    );
    assert!(
        !screen.contains("Uitzonderingen"),
        "alternate screen left behind:\n{screen}"
    );
    drop(t);

    let out = mandaat(&store, &["export"]);
    assert!(out.status.success(), "{out:?}");
    let export = String::from_utf8(out.stdout).unwrap();
    assert!(export.contains("Voor de paniek opgeslagen"));
    assert!(mandaat(&store, &["check"]).status.success());
}

#[test]
fn a_failed_write_in_the_dashboard_is_never_shown_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(mandaat(&store, &["seed-demo"]).status.success());
    let before = mandaat(&store, &["export"]).stdout;
    let command = format!(
        "MANDAAT_TEST_FAIL_WRITES=1 {BIN} --store {} --today 2024-11-15 --user Anouk; echo EXIT=$?; echo END; sleep 30",
        store.display()
    );
    started_today(&store, "Anouk");
    let t = Tmux::start("failwrite", &command);
    t.wait_for("Uitzonderingen");
    t.keys(&["3", "n"]);
    t.wait_for("Notitie bij X08");
    t.type_text("dit mag niet als opgeslagen verschijnen");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Niet opgeslagen");
    assert!(!screen.contains("Opgeslagen:"), "{screen}");
    // The form stays, with what was typed, to try again or cancel.
    assert!(screen.contains("dit mag niet als opgeslagen"), "{screen}");
    t.keys(&["Escape"]);
    t.wait_for("Uitzonderingen");
    // The dashboard keeps running and the note is not in the model either.
    t.keys(&["Enter"]);
    let screen = t.wait_for("Notities");
    assert!(!screen.contains("dit mag niet"), "{screen}");
    t.keys(&["Escape", "q"]);
    assert!(t.wait_for("END").contains("EXIT=0"));
    assert_eq!(
        mandaat(&store, &["export"]).stdout,
        before,
        "store unchanged"
    );
}

#[test]
fn a_terminal_that_goes_away_does_not_leave_the_store_locked() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(mandaat(&store, &["seed-demo"]).status.success());
    let t = Tmux::start(
        "hangup",
        &format!("{BIN} --store {} --today 2024-11-15", store.display()),
    );
    // The day's first start: the dashboard opens on the morning view.
    t.wait_for("Ochtendoverzicht");
    assert!(mandaat_pid(&store).is_some());
    // The window closes: the tmux server and its terminal are gone.
    drop(t);
    let gone = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        mandaat_pid(&store).is_none()
    });
    assert!(
        gone,
        "mandaat still runs ten seconds after its terminal went away"
    );
    // The store server it started serves on (and ends by itself later).
    // And the store opens again, everything in it.
    let out = mandaat(&store, &["cases"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("C01"));
}
