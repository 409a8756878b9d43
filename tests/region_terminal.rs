//! Issue 7: the region-scale store in a real terminal, used as a user would —
//! scroll the cases, open one and read its notes, filter, look up an owner,
//! open the end-of-day review, quit. Every figure the dashboard shows is held
//! against what the headless commands say about the same store. No timings
//! are asserted: speed is what `cargo bench` measures.

mod common;

use chrono::NaiveDate;
use common::cli::{TODAY, json, ok};
use common::tmux::{Tmux, assert_restored, mandaat_pid, started_today};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_mandaat");

/// A debug build reads a region store in seconds and its note texts after
/// that; `Tmux::wait_for`'s 15 s is too tight on a busy machine.
const PATIENCE: Duration = Duration::from_secs(90);

/// The dashboard on `store` as Anouk, on the case list (her day's first
/// start, which opens on the morning view, already happened).
fn dashboard(store: &Path) -> String {
    started_today(store, "Anouk");
    // After mandaat ends: its exit status and whether the tty is back in cooked
    // mode with echo (raw mode shows as -icanon -echo).
    format!(
        "{BIN} --store {} --today {TODAY} --user Anouk; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END; sleep 60",
        store.display()
    )
}

/// Wait until the screen is `ready` (the polling is part of the test).
fn wait_until(t: &Tmux, what: &str, ready: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let screen = t.screen();
        if ready(&screen) {
            return screen;
        }
        if start.elapsed() > PATIENCE {
            panic!("{what} did not happen; screen:\n{screen}");
        }
        sleep(Duration::from_millis(100));
    }
}

fn wait_for(t: &Tmux, needle: &str) -> String {
    wait_until(t, &format!("{needle:?} on screen"), |s| s.contains(needle))
}

/// The selected case, read from the title of the haakjes pane beside the
/// cases.
fn selected_case(screen: &str) -> Option<&str> {
    let (_, rest) = screen.split_once("Haakjes (")?;
    rest.split_once(')').map(|(number, _)| number)
}

/// The rows of the cases pane as they stand on screen.
fn case_rows(screen: &str) -> Vec<&str> {
    screen
        .lines()
        .skip_while(|l| !(l.contains("│  Nr ") && l.contains(" Ondernemer ")))
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .collect()
}

/// A line inside a box, without the borders and the padding.
fn inner(line: &str) -> &str {
    line.trim_start_matches('│')
        .trim_end()
        .trim_end_matches('│')
        .trim_end()
}

/// The lines under a heading of a detail view, up to the next blank line.
fn section<'a>(screen: &'a str, heading: &str) -> Vec<&'a str> {
    screen
        .lines()
        .skip_while(|l| inner(l) != heading)
        .skip(1)
        .map(inner)
        .take_while(|l| !l.is_empty())
        .collect()
}

/// A note line ("  19-10-2024 Kim Offerte ontvangen …"): its date.
fn note_date(line: &str) -> Option<NaiveDate> {
    let date = line.trim_start().get(..10)?;
    NaiveDate::parse_from_str(date, "%d-%m-%Y").ok()
}

fn count(list: &[Value], pred: impl Fn(&Value) -> bool) -> usize {
    list.iter().filter(|v| pred(v)).count()
}

/// The first characters of a name, as far as a table column surely shows it.
fn prefix(name: &str) -> String {
    name.chars().take(20).collect()
}

/// Kills the dashboard if the test fails half-way. Without it the tmux
/// server's end leaves mandaat behind on a vanished tty, where crossterm's
/// read loop spins at full CPU and never sees SIGTERM (crossterm#793).
struct Reaper(PathBuf);

impl Drop for Reaper {
    fn drop(&mut self) {
        if let Some(pid) = mandaat_pid(&self.0) {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

#[test]
fn region_store_scrolls_filters_looks_up_and_reviews_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ok(&store, &["seed-demo", "--scale", "region", "--seed", "7"]);

    // What the headless commands say about the store, to hold the screen to.
    let cases = json(&store, &["cases", "--json"]);
    let cases = cases.as_array().unwrap();
    let exceptions = json(&store, &["exceptions", "--json"]);
    let exceptions = exceptions.as_array().unwrap();
    let review = json(&store, &["review", "--json"]);
    let review = review.as_array().unwrap();
    let owners = json(&store, &["owner", "loonk", "--json"]);
    let owner = &owners[0];
    let listed = |list: &str| owner[list].as_array().unwrap().len();
    let number = |c: &Value| c["number"].as_str().unwrap().to_string();
    assert!(
        cases.len() >= 1000,
        "region scale: {} open cases",
        cases.len()
    );

    let t = Tmux::start("region", &dashboard(&store));
    let _reaper = Reaper(store.clone());

    // The header counts the region: thousands of open cases, the exceptions
    // by health exactly as `mandaat exceptions` grades them.
    let screen = wait_for(&t, "open zaken");
    let header = screen.lines().next().unwrap();
    let health = |h: &str| count(exceptions, |x| x["health"] == h);
    for figure in [
        "Anouk · 15-11-2024".to_string(),
        format!("{} open zaken", cases.len()),
        format!(
            "kritiek {} · vastgelopen {} · aandacht {}",
            health("critical"),
            health("stalled"),
            health("attention"),
        ),
    ] {
        assert!(
            header.contains(&figure),
            "{figure:?} in the header:\n{screen}"
        );
    }
    // Region figures are too long for 160 columns: the least important
    // counter (gesnoozed) makes way first, whole, and "…" says so.
    let snoozed = format!("gesnoozed {}", health("snoozed"));
    assert!(
        header.contains(&snoozed)
            || (!header.contains("gesnoozed") && header.trim_end().ends_with('…')),
        "{snoozed:?} or nothing of it in the header:\n{screen}"
    );
    assert!(
        screen.contains(&format!("Zaken ({})", cases.len())),
        "{screen}"
    );
    assert!(
        screen.contains(&format!(
            "Uitzonderingen ({} · gezondheid)",
            exceptions.len()
        )),
        "{screen}"
    );
    assert_eq!(selected_case(&screen), Some("C01"), "{screen}");
    let page = case_rows(&screen).len();
    assert!(page > 5, "a page of cases:\n{screen}");

    // Scrolling: three down, a page down, to the end.
    t.keys(&["j", "j", "j"]);
    wait_for(&t, &format!("Haakjes ({})", number(&cases[3])));
    t.keys(&["PageDown"]);
    let paged = &cases[3 + page];
    let screen = wait_for(&t, &format!("Haakjes ({})", number(paged)));
    let rows = case_rows(&screen);
    assert!(!rows[0].contains("C01 "), "the pane scrolled:\n{screen}");
    assert!(
        rows.iter()
            .any(|r| r.contains(&prefix(paged["organisation"].as_str().unwrap()))),
        "{paged} on screen:\n{screen}"
    );
    t.keys(&["G"]);
    let last = cases.last().unwrap();
    let screen = wait_for(&t, &format!("Haakjes ({})", number(last)));
    let rows = case_rows(&screen);
    assert!(
        rows.last()
            .unwrap()
            .contains(&prefix(last["organisation"].as_str().unwrap())),
        "the last case in the last row:\n{screen}"
    );
    // Whole, not cut to a number that names another case (C10025 as C100).
    assert!(
        rows.last()
            .unwrap()
            .contains(&format!(" {} ", number(last))),
        "the last case's number in full:\n{screen}"
    );

    // The last case's detail; its notes are read when it opens.
    t.keys(&["Enter"]);
    wait_for(&t, &format!("┌ {} ─", number(last)));
    let screen = wait_until(&t, "the notes read in", |s| {
        section(s, "Notities")
            .first()
            .is_some_and(|l| !l.contains("notities worden gelezen"))
    });
    let title = format!(
        "{} — {}",
        last["organisation"].as_str().unwrap(),
        last["title"].as_str().unwrap()
    );
    assert!(screen.contains(&title), "{title:?}:\n{screen}");
    let notes = section(&screen, "Notities");
    let dates: Vec<NaiveDate> = notes
        .iter()
        .map(|l| note_date(l))
        .collect::<Option<_>>()
        .unwrap_or_else(|| panic!("dated note lines:\n{screen}"));
    let today = NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    assert!(dates.is_sorted_by(|a, b| a >= b), "newest first:\n{screen}");
    assert!(dates[0] <= today, "{screen}");
    // The texts match the note dates the history knew from the first frame.
    let history = section(&screen, "Geschiedenis");
    for date in &dates {
        let line = format!("{} notitie", date.format("%d-%m-%Y"));
        assert!(
            history.iter().any(|h| h.trim() == line),
            "{line:?} in the history:\n{screen}"
        );
    }
    t.keys(&["Escape"]);
    let screen = wait_for(&t, &format!("Zaken ({})", cases.len()));
    assert_eq!(
        selected_case(&screen),
        Some(number(last).as_str()),
        "{screen}"
    );
    t.keys(&["g"]);
    wait_for(&t, "Haakjes (C01)");

    // The filter: every open case with catering in its question, and only those.
    t.keys(&["/"]);
    wait_for(&t, "Enter filter houden");
    t.type_text("catering");
    let catering: Vec<&Value> = cases
        .iter()
        .filter(|c| {
            c["title"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("catering")
        })
        .collect();
    assert!(!catering.is_empty());
    let filtered = format!("Zaken ({} · filter: catering)", catering.len());
    let screen = wait_until(&t, "the catering cases, the first selected", |s| {
        s.contains(&filtered) && selected_case(s) == Some(number(catering[0]).as_str())
    });
    let rows = case_rows(&screen);
    assert!(!rows.is_empty(), "{screen}");
    for row in &rows {
        assert!(
            row.contains("Catering"),
            "{row:?} matches catering:\n{screen}"
        );
    }
    t.keys(&["Escape"]);
    wait_for(&t, &format!("Zaken ({})", cases.len()));

    // Who owns "loonk"? Werk en Inkomen, with what is on its plate now.
    t.keys(&["o"]);
    wait_for(&t, "Wie is eigenaar?");
    t.type_text("loonk");
    let found = format!(
        "{} {}",
        owner["number"].as_str().unwrap(),
        owner["name"].as_str().unwrap()
    );
    assert!(found.starts_with("D04 Werk en Inkomen"), "{found}");
    let screen = wait_for(&t, &found);
    let plate = mandaat::i18n::dashboard::plate_counts(
        mandaat::i18n::Lang::Nl,
        listed("open_blockers"),
        listed("open_cases"),
        listed("open_exceptions"),
    );
    assert!(
        screen.contains("Nu op het bord") && screen.contains(&plate),
        "{plate:?}:\n{screen}"
    );
    t.keys(&["Escape"]);
    wait_until(&t, "the lookup closed", |s| {
        !s.contains("Wie is eigenaar?") && s.contains(&format!("Zaken ({})", cases.len()))
    });

    // The end-of-day review: every exception stalled this morning, opened at
    // the first one without an action today.
    t.keys(&["r"]);
    let open = count(review, |x| x["reviewed_today"] == false);
    let first_open = review
        .iter()
        .position(|x| x["reviewed_today"] == false)
        .unwrap();
    let title = format!(
        "Dagafsluiting 15-11-2024 — {}/{} · onvolledig ({open} open)",
        first_open + 1,
        review.len()
    );
    let screen = wait_for(&t, &title);
    let item = &review[first_open];
    let current = format!(
        "{} · {} {}",
        number(item),
        item["case"].as_str().unwrap(),
        item["organisation"].as_str().unwrap()
    );
    assert!(screen.contains(&current), "{current:?}:\n{screen}");
    assert!(screen.contains("nog geen actie vandaag"), "{screen}");
    t.keys(&["Escape"]);
    wait_for(&t, &format!("Dagafsluiting onvolledig ({open} open)."));

    // Quit: exit status 0, the terminal back in cooked mode, main screen.
    t.keys(&["q"]);
    let screen = wait_for(&t, "END");
    assert_restored(&screen);
}
