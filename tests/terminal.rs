//! A real terminal: tmux runs the binary, keys are typed, the screen is read.
//! Checks that a change survives a restart and that the terminal comes back
//! (cooked mode, main screen) after `q`.

mod common;

use common::cli::{json, ok};
use common::tmux::{Tmux, assert_restored, mandaat_pid, started_today};
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_mandaat");

/// The dashboard on `store` as Anouk, on the case list (her day's first
/// start, which opens on the morning view, already happened).
fn dashboard(store: &Path) -> String {
    started_today(store, "Anouk");
    // After mandaat ends: its exit status and whether the tty is back in cooked
    // mode with echo (raw mode shows as -icanon -echo).
    format!(
        "{BIN} --store {} --today 2024-11-15 --user Anouk; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END; sleep 30",
        store.display()
    )
}

#[test]
fn navigate_change_quit_restart_and_find_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo"]);

    let t = Tmux::start("change", &dashboard(&store));
    let screen = t.wait_for("Uitzonderingen");
    assert!(screen.contains("Zaken") && screen.contains("Haakjes"));
    assert!(
        screen
            .lines()
            .any(|l| l.contains("X08") && l.contains("375 d") && l.contains("Kritiek"))
    );

    // C03's haakjes.
    t.keys(&["j", "j"]);
    let screen = t.wait_for("Haakjes (C03)");
    assert!(screen.contains("H12") && screen.contains("H05"));

    // A note on X04 (fourth exception), then quit.
    t.keys(&["3", "j", "j", "j", "n"]);
    t.wait_for("Notitie bij X04");
    t.type_text("Fleur gebeld over het perceel");
    t.keys(&["Enter"]);
    t.wait_for("Opgeslagen: notitie");
    t.keys(&["q"]);
    let screen = t.wait_for("END");
    assert_restored(&screen);
    drop(t);

    // Restart: the note is in X04's detail.
    let t = Tmux::start("restart", &dashboard(&store));
    t.wait_for("Uitzonderingen");
    t.keys(&["3", "/"]);
    t.type_text("x04");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Fleur gebeld over het perceel");
    t.keys(&["Escape", "?"]);
    t.wait_for("Toetsen in deze modus");
    t.keys(&["Escape", "q"]);
    assert!(t.wait_for("END").contains("EXIT=0"));
}

#[test]
fn owner_lookup_in_two_keystrokes() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let t = Tmux::start("owner", &dashboard(&store));
    // A new store: the day's first start opens on the morning view.
    t.wait_for("Ochtendoverzicht");
    t.keys(&["Escape"]);
    t.wait_for("Uitzonderingen");
    t.keys(&["o"]);
    t.wait_for("Wie is eigenaar?");
    t.type_text("vergunnig");
    let screen = t.wait_for("D05 Vergunningen");
    assert!(screen.contains("Mirjam"), "{screen}");
    t.keys(&["Enter"]);
    t.wait_for("Trefwoorden");
    t.keys(&["Escape", "o"]);
    t.type_text("dakpannen");
    t.wait_for("Geen eigenaar gevonden");
    t.keys(&["Escape", "q"]);
    assert!(t.wait_for("END").contains("EXIT=0"));
}

#[test]
fn find_anything_by_number_and_by_a_word_in_one_note() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo"]);
    let t = Tmux::start("palette", &dashboard(&store));
    t.wait_for("Uitzonderingen");
    t.type_text(":");
    t.wait_for("Alles vinden");
    t.type_text("C17");
    t.wait_for("Terrasvergunning en personeel");
    t.keys(&["Enter"]);
    // C17's question, shown whole only in its detail view.
    t.wait_for("Hoe krijgt de soepbar een terrasvergunning");
    t.keys(&["Escape"]);
    t.type_text(":ledenlijst");
    t.wait_for("Ledenlijst met doelgroepstatus");
    t.keys(&["Enter"]);
    // X05's other note: in its detail view, not in the palette.
    t.wait_for("Koen vraagt bewijs");
    t.keys(&["Escape", "q"]);
    assert!(t.wait_for("END").contains("EXIT=0"));
}

#[test]
fn end_of_day_review_of_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo"]);
    let t = Tmux::start("review", &dashboard(&store));
    t.wait_for("Uitzonderingen");
    t.keys(&["r"]);
    let screen = t.wait_for("1/4");
    assert!(screen.contains("X08 · C18"), "{screen}");
    // X08: escalate.
    t.keys(&["e"]);
    t.wait_for("X08 escaleren");
    t.type_text("besluit ligt stil");
    t.keys(&["Enter"]);
    t.wait_for("geëscaleerd naar");
    // X07 and X05: notes.
    for (number, text) in [("X07", "Bas gebeld"), ("X05", "Koen gemaild")] {
        t.keys(&["l", "n"]);
        t.wait_for(&format!("Notitie bij {number}"));
        t.type_text(text);
        t.keys(&["Enter"]);
        // The form's title already says "bij {number}": wait for the saved
        // note in the case's notes and the status line's word for it.
        let screen = t.wait_for(&format!("15-11-2024 Anouk {text}"));
        assert!(
            screen
                .lines()
                .any(|l| l.starts_with("Opgeslagen: notitie N")
                    && l.trim_end().ends_with(&format!("bij {number}"))),
            "{screen}"
        );
    }
    // X04: snooze.
    t.keys(&["l", "z"]);
    t.wait_for("X04 snoozen");
    t.keys(&["Tab"]);
    t.type_text("wacht op de aanbesteding");
    t.keys(&["Enter"]);
    t.wait_for("4/4 · volledig");
    t.keys(&["Enter"]);
    t.wait_for("rapport:");
    t.keys(&["Escape", "q"]);
    assert!(t.wait_for("END").contains("EXIT=0"));

    let report = std::fs::read_to_string(
        dir.path()
            .join("store-rapporten")
            .join("dagafsluiting-2024-11-15.md"),
    )
    .expect("the Markdown report");
    for row in ["| X08 |", "| X07 |", "| X05 |", "| X04 |"] {
        assert!(report.contains(row), "{row} in {report}");
    }
    assert!(
        report.contains("escalatie") && report.contains("gesnoozed"),
        "{report}"
    );
    let export = ok(&store, &["export"]);
    assert!(export.contains("\"day_summary\""), "summary note kept");
    let exceptions = json(&store, &["exceptions", "--json"]);
    let x04 = exceptions
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["number"] == "X04")
        .unwrap();
    assert_eq!(x04["health"], "snoozed", "X04 no longer stalled");
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let t = Tmux::start("term", &dashboard(&store));
    // A new store: the day's first start opens on the morning view.
    t.wait_for("Ochtendoverzicht");
    t.keys(&["Escape"]);
    t.wait_for("Uitzonderingen");
    let pid = mandaat_pid(&store).expect("mandaat is running");
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let screen = t.wait_for("END");
    assert!(
        screen.contains("icanon echo"),
        "terminal not restored:\n{screen}"
    );
}
