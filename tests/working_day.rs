//! Issue 16: a whole working day in a real terminal. The day's first start
//! opens on the morning view; a record is found through the palette by a
//! word from one of its notes; an exception is moved back a stage; the
//! end-of-day review is completed; and every age the review shows is held
//! against what `mandaat exceptions --json` says about the same store at
//! the same moment (through the store server the dashboard started).

mod common;

use common::cli::{json, ok};
use common::tmux::{Tmux, assert_restored};
use serde_json::Value;
use std::path::Path;

const BIN: &str = env!("CARGO_BIN_EXE_mandaat");

/// The dashboard on `store` as Anouk on 15-11-2024, her first start of the
/// day (no `started_today`): it opens on the morning view.
fn dashboard(store: &Path) -> String {
    format!(
        "{BIN} --store {} --today 2024-11-15 --user Anouk; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END; sleep 60",
        store.display()
    )
}

/// A screen line without the box around it.
fn inner(line: &str) -> &str {
    line.trim_start_matches('│')
        .trim_end()
        .trim_end_matches('│')
        .trim_end()
}

/// What the review shows of its current item: number, days in the stage,
/// total days, and the health as the screen words it.
#[derive(Debug)]
struct Shown {
    number: String,
    stage_days: i64,
    total_days: i64,
    health: String,
}

fn shown_item(screen: &str) -> Shown {
    let lines: Vec<&str> = screen.lines().map(inner).collect();
    let title = lines
        .iter()
        .find(|l| l.starts_with('X') && l.contains(" · C"))
        .unwrap_or_else(|| panic!("no item title:\n{screen}"));
    let number = title.split(' ').next().unwrap().to_string();
    let ages = lines
        .iter()
        .find(|l| l.contains(" in fase (grens "))
        .unwrap_or_else(|| panic!("no ages line:\n{screen}"));
    let (before, _) = ages.split_once(" in fase").unwrap();
    let (_, days) = before.rsplit_once(": ").unwrap();
    let stage_days = days.split(' ').next().unwrap().parse().unwrap();
    let (_, after) = ages.split_once("totaal ").unwrap();
    let total_days = after.split(' ').next().unwrap().parse().unwrap();
    let health = ["Kritiek", "Vastgelopen", "Aandacht", "Gesnoozed", "Ok"]
        .into_iter()
        .find(|w| after.contains(w))
        .unwrap_or_else(|| panic!("no health in {ages}"))
        .to_string();
    Shown {
        number,
        stage_days,
        total_days,
        health,
    }
}

/// The health of the JSON listings as the dashboard words it.
fn health_word(json: &str) -> &'static str {
    match json {
        "critical" => "Kritiek",
        "stalled" => "Vastgelopen",
        "attention" => "Aandacht",
        "snoozed" => "Gesnoozed",
        "ok" => "Ok",
        other => panic!("health {other}"),
    }
}

fn by_number<'a>(list: &'a Value, number: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["number"] == number)
        .unwrap_or_else(|| panic!("{number} not in {list}"))
}

/// The item in view agrees with `exceptions --json` asked now.
fn check_against_the_listing(t: &Tmux, store: &Path) -> Shown {
    let shown = shown_item(&t.screen());
    let listed = json(store, &["exceptions", "--json"]);
    let x = by_number(&listed, &shown.number);
    assert_eq!(
        shown.stage_days,
        x["stage_age_days"].as_i64().unwrap(),
        "{shown:?} against {x}"
    );
    assert_eq!(
        shown.total_days,
        x["total_age_days"].as_i64().unwrap(),
        "{shown:?} against {x}"
    );
    assert_eq!(
        shown.health,
        health_word(x["health"].as_str().unwrap()),
        "{shown:?} against {x}"
    );
    shown
}

#[test]
fn a_working_day_from_the_morning_view_to_the_closed_review() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo"]);
    let stalled: Vec<String> = json(&store, &["review", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["number"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stalled, ["X08", "X07", "X05", "X04"]);

    let t = Tmux::start("working-day", &dashboard(&store));
    // The first start of the day: the morning view, with the stalled list.
    let morning = t.wait_for("Ochtendoverzicht — 15-11-2024");
    assert!(
        morning.contains("Follow-ups vandaag en te laat"),
        "{morning}"
    );
    assert!(
        morning.contains("Vastgelopen (nog geen eerdere dagafsluiting)"),
        "{morning}"
    );

    // A word from one of X05's notes finds X05.
    t.keys(&["Escape"]);
    t.wait_for("Uitzonderingen");
    t.type_text(":");
    t.wait_for("Alles vinden");
    t.type_text("ledenlijst");
    t.wait_for("Ledenlijst met doelgroepstatus");
    t.keys(&["Enter"]);
    let detail = t.wait_for("Koen vraagt bewijs");
    assert!(detail.contains("X05"), "{detail}");
    t.keys(&["Escape"]);
    t.wait_for("Uitzonderingen");

    // X07 back a stage, with the reason.
    t.type_text(":X07");
    t.wait_for("textiel voor recycling werkkleding");
    t.keys(&["Enter"]);
    t.wait_for("Fasegeschiedenis");
    t.keys(&["<"]);
    t.wait_for("X07 een fase terugzetten");
    t.keys(&["Tab"]);
    t.type_text("advies moet over");
    t.keys(&["Enter"]);
    t.wait_for("X07 naar 3 Marktverkenning");
    t.keys(&["Escape"]);
    t.wait_for("Uitzonderingen");

    // The review: the list of the start of the day, each item as it is now.
    t.keys(&["r"]);
    t.wait_for("1/4");
    let mut seen = Vec::new();
    for (i, number) in stalled.iter().enumerate() {
        let screen = t.wait_for(&format!("{}/4", i + 1));
        assert!(screen.contains(&format!("{number} · C")), "{screen}");
        let shown = check_against_the_listing(&t, &store);
        assert_eq!(&shown.number, number);
        if number == "X07" {
            // Moved back today: 0 days in its new stage, and done already.
            assert_eq!(shown.stage_days, 0, "{screen}");
            assert_eq!(shown.health, "Ok", "{screen}");
            assert!(screen.contains("vandaag gedaan"), "{screen}");
        } else {
            t.keys(&["n"]);
            t.wait_for(&format!("Notitie bij {number}"));
            t.type_text(&format!("besproken op de dag van {number}"));
            t.keys(&["Enter"]);
            t.wait_for(&format!("besproken op de dag van {number}"));
            // A note today does not change the ages shown.
            check_against_the_listing(&t, &store);
        }
        seen.push(shown);
        if i + 1 < stalled.len() {
            t.keys(&["l"]);
        }
    }
    t.wait_for("4/4 · volledig");
    t.keys(&["Enter"]);
    t.wait_for("rapport:");

    // The review's own listing agrees: every item done today.
    let review = json(&store, &["review", "--json"]);
    for shown in &seen {
        let x = by_number(&review, &shown.number);
        assert_eq!(x["reviewed_today"], true, "{x}");
        assert_eq!(x["stage_age_days"].as_i64().unwrap(), shown.stage_days);
        assert_eq!(x["total_age_days"].as_i64().unwrap(), shown.total_days);
    }

    // The day's summary is in the morning view, and opens.
    t.keys(&["Escape"]);
    t.wait_for("Uitzonderingen");
    t.keys(&["a"]);
    let morning = t.wait_for("Laatste dagafsluiting");
    assert!(
        morning.contains("Vastgelopen sinds de dagafsluiting van 15-11-2024"),
        "{morning}"
    );
    t.keys(&["G", "Enter"]);
    let summary = t.wait_for("X07 (C04)");
    assert!(summary.contains("Dagafsluiting 15-11-2024"), "{summary}");
    t.keys(&["Escape", "Escape", "q"]);
    assert_restored(&t.wait_for("END"));
    assert!(
        dir.path()
            .join("store-rapporten")
            .join("dagafsluiting-2024-11-15.md")
            .exists()
    );
}
