//! The command line against temporary stores: the promises of PRODUCT.md §4 and
//! the "done when" of the foundation issue.

mod common;

use common::cli::{TODAY, json, mandaat, ok, ok_at};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

fn demo_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(&dir.path().join("s"), &["seed-demo"]);
    dir
}

fn numbers(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["number"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn review_lists_the_four_stalled_exceptions_worst_first() {
    let dir = demo_store();
    let v = json(&dir.path().join("s"), &["review", "--json"]);
    assert_eq!(numbers(&v), ["X08", "X07", "X05", "X04"]);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|x| x["reviewed_today"] == false)
    );
}

#[test]
fn demo_exceptions_have_the_health_and_labels_of_the_product_brief() {
    let dir = demo_store();
    let v = json(&dir.path().join("s"), &["exceptions", "--json"]);
    let expected = [
        ("X01", "ok", vec![]),
        ("X02", "ok", vec![]),
        ("X03", "attention", vec![]),
        ("X04", "stalled", vec![]),
        ("X05", "critical", vec![]),
        ("X06", "attention", vec![]),
        ("X07", "critical", vec!["long_running"]),
        ("X08", "critical", vec!["long_running", "year_mark"]),
        ("X09", "ok", vec!["long_running"]),
        ("X10", "snoozed", vec!["long_running"]),
    ];
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 10);
    for (number, health, labels) in expected {
        let row = rows.iter().find(|r| r["number"] == number).unwrap();
        assert_eq!(row["health"], health, "{number}");
        let got: Vec<&str> = row["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        assert_eq!(got, labels, "{number}");
    }
    let x08 = rows.iter().find(|r| r["number"] == "X08").unwrap();
    assert_eq!(x08["total_age_days"], 375);
    assert_eq!(x08["stage_age_days"], 81);
    assert_eq!(x08["case"], "C18");
    // Worst first: the three critical ones lead.
    assert_eq!(numbers(&v)[..3], ["X08", "X07", "X05"]);
}

#[test]
fn demo_has_24_open_cases_and_25_in_all() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let open = json(&store, &["cases", "--json"]);
    assert_eq!(open.as_array().unwrap().len(), 24);
    let all = json(&store, &["cases", "--all", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 25);
    let c03 = &open.as_array().unwrap()[2];
    assert_eq!(c03["number"], "C03");
    assert_eq!(c03["organisation"], "Spaarne Schoon Coöperatie");
    assert_eq!(c03["action_line"], "impact_procurement");
    assert_eq!(c03["status"], "blocked");
    assert_eq!(c03["owner"], "Anouk");
    let triage: Vec<&str> = open
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["triage"] == true)
        .map(|c| c["number"].as_str().unwrap())
        .collect();
    assert_eq!(triage, ["C05", "C10", "C14"]);
}

#[test]
fn owner_finds_the_department_accent_insensitively() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let v = json(&store, &["owner", "loonkostensubsidië", "--json"]);
    assert_eq!(v[0]["number"], "D04");
    assert_eq!(v[0]["keyword"], "loonkostensubsidie");
    assert_eq!(v[0]["primary"], true);
    assert_eq!(v[0]["liaison"]["name"], "Ahmed");

    let v = json(&store, &["owner", "staatssteun", "--json"]);
    assert_eq!(numbers(&v)[..2], ["D09", "D07"]);
    assert_eq!(v[0]["primary"], true);
    assert_eq!(v[1]["primary"], false);

    let text = ok(&store, &["owner", "loonkostensubsidië"]);
    assert!(text.contains("D04 Werk en Inkomen"), "{text}");
    assert!(text.contains("Ahmed"), "{text}");
}

#[test]
fn owner_says_plainly_when_nobody_owns_it() {
    let dir = demo_store();
    let store = dir.path().join("s");
    assert_eq!(
        json(&store, &["owner", "dakpannen", "--json"]),
        Value::Array(vec![])
    );
    let text = ok(&store, &["owner", "dakpannen"]);
    assert!(text.contains("Geen eigenaar gevonden"), "{text}");
    assert!(text.contains("kernteam"), "{text}");
    let text = ok(&store, &["--lang", "en", "owner", "dakpannen"]);
    assert!(text.contains("No owner found"), "{text}");
}

#[test]
fn owner_works_on_a_store_with_only_the_reference_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ref");
    {
        let store = mandaat::store::Store::open(&path).unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2024, 11, 15)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let ctx = mandaat::domain::ops::Ctx {
            today: now.date(),
            now,
            user: "Anouk".into(),
        };
        let (settings, data) = mandaat::fixtures::seed::reference(&ctx).unwrap();
        store.replace_all(&settings, &data).unwrap();
    }
    let v = json(&path, &["owner", "terras", "--json"]);
    assert_eq!(v[0]["number"], "D05");
}

#[test]
fn reading_commands_do_not_create_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for store in [dir.path().join("missing"), empty.clone()] {
        for args in [
            &["cases"][..],
            &["exceptions"],
            &["review", "--json"],
            &["owner", "terras"],
            &["note", "C01", "tekst"],
            &["export"],
            &["check"],
        ] {
            let out = mandaat(&store, args);
            assert!(!out.status.success(), "{args:?} succeeded");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains(&format!("Er is geen opslag in {}.", store.display())),
                "{args:?}: {err}"
            );
            assert!(err.contains("mandaat seed-demo"), "{err}");
        }
    }
    assert!(!dir.path().join("missing").exists());
    assert_eq!(std::fs::read_dir(&empty).unwrap().count(), 0);
    let out = mandaat(&dir.path().join("missing"), &["--lang", "en", "cases"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("There is no store in"));
}

#[test]
fn store_messages_name_the_folder_by_its_full_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .current_dir(dir.path())
        .args(["--store", "relatief", "cases"])
        .env_remove("MANDAAT_LANG")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let full = dir.path().join("relatief");
    assert!(err.contains(full.to_str().unwrap()), "{err}");
}

#[test]
fn a_file_given_as_store_is_called_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("opslag.txt");
    std::fs::write(&file, "niet van mandaat").unwrap();
    for args in [&["cases"][..], &["seed-demo"]] {
        let out = mandaat(&file, args);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is een bestand, geen map"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "niet van mandaat");
}

#[test]
fn seed_demo_refuses_a_store_with_cases() {
    let dir = demo_store();
    let out = mandaat(&dir.path().join("s"), &["seed-demo"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("niet leeg"), "{err}");
}

#[test]
fn export_import_round_trip_is_identical() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let first = ok(&store, &["export"]);
    let again = ok(&store, &["export"]);
    assert_eq!(first, again, "export is deterministic");
    let doc: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["schema_version"], 1);

    let file = dir.path().join("export.json");
    ok(&store, &["export", file.to_str().unwrap()]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "export readable by the user alone");

    let copy = dir.path().join("copy");
    ok(&copy, &["import", file.to_str().unwrap()]);
    assert_eq!(ok(&copy, &["export"]), first);
}

#[test]
fn export_refuses_to_overwrite_without_force() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let file = dir.path().join("x.json");
    std::fs::write(&file, "keep me").unwrap();
    let out = mandaat(&store, &["export", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    ok(&store, &["export", "--force", file.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("schema_version")
    );
}

/// Whether `dir` holds no data: no store at all, or an empty one.
fn holds_nothing(dir: &Path) -> bool {
    !mandaat::store::Store::exists(dir)
        || mandaat::store::Store::open(dir)
            .unwrap()
            .is_empty()
            .unwrap()
}

#[test]
fn import_refuses_bad_files_and_changes_nothing() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let good = ok(&store, &["export"]);
    let bad: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("truncated", good[..good.len() / 2].to_string()),
        ("not json", "dit is geen json".to_string()),
        (
            "future",
            good.replacen("\"schema_version\": 1", "\"schema_version\": 99", 1),
        ),
        (
            "bad date",
            good.replacen(&format!("\"{TODAY}\""), "\"2024-02-30\"", 1),
        ),
        (
            "unknown field in a record",
            good.replacen("\"title\": ", "\"titel\": \"x\", \"title\": ", 1),
        ),
        (
            "negative value",
            good.replacen("\"value\": ", "\"value\": -", 1),
        ),
        (
            "control characters in a name",
            good.replacen(
                "\"name\": \"",
                "\"name\": \"Evil\\u001b]0;pwned\\u0007\\u001b[2J",
                1,
            ),
        ),
        (
            "line break in a title",
            good.replacen("\"title\": \"", "\"title\": \"regel een\\nregel twee ", 1),
        ),
        (
            "a note of 25000 characters",
            good.replacen(
                "\"text\": \"",
                &format!("\"text\": \"{}", "x".repeat(25_000)),
                1,
            ),
        ),
        (
            "year 0",
            good.replacen(&format!("\"{TODAY}\""), "\"0000-01-01\"", 1),
        ),
        (
            "year 9999",
            good.replacen(&format!("\"{TODAY}\""), "\"9999-12-31\"", 1),
        ),
        (
            "zero stage limit",
            good.replacen(
                "\"stage_limits\": [\n      ",
                "\"stage_limits\": [\n      0, ",
                1,
            )
            .replacen(",\n      28\n    ]", "\n    ]", 1),
        ),
    ];
    for (name, content) in bad {
        assert_ne!(content, good, "{name}: the corpus file is not broken");
        let file = dir.path().join(format!("{}.json", name.replace(' ', "_")));
        std::fs::write(&file, content).unwrap();
        // A fresh folder each time: only the file itself can be the reason.
        let target = dir
            .path()
            .join(format!("target-{}", name.replace(' ', "_")));
        let out = mandaat(&target, &["import", file.to_str().unwrap()]);
        assert!(!out.status.success(), "{name} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("is geweigerd"), "{name}: {err}");
        assert!(err.contains(file.to_str().unwrap()), "{name}: {err}");
        assert!(err.contains("niets geïmporteerd"), "{name}: {err}");
        assert!(!err.contains("niet leeg"), "{name}: {err}");
        assert!(holds_nothing(&target), "{name} left data behind");
    }
    // A good file into a non-empty store is refused and changes nothing.
    let before = ok(&store, &["export"]);
    let file = dir.path().join("good.json");
    std::fs::write(&file, &good).unwrap();
    let out = mandaat(&store, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("niet leeg"));
    assert_eq!(ok(&store, &["export"]), before);
}

#[test]
fn import_refuses_a_file_over_the_limit_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    // Endless: only a bounded read can refuse it.
    let out = mandaat(&dir.path().join("s"), &["import", "/dev/zero"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/dev/zero is geweigerd"), "{err}");
    assert!(err.contains("te groot"), "{err}");
}

#[test]
fn note_prints_its_number_after_saving_and_is_kept() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let before = json(&store, &["review", "--json"]);
    assert_eq!(before[3]["reviewed_today"], false);
    let out = ok(
        &store,
        &["note", "x4", "Fleur", "gebeld:", "perceel", "komt", "erin"],
    );
    assert!(out.starts_with('N'), "{out}");
    assert!(out.contains("X04"), "{out}");
    let export: Value = serde_json::from_str(&ok(&store, &["export"])).unwrap();
    let note = export["notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["text"] == "Fleur gebeld: perceel komt erin")
        .expect("note kept");
    assert_eq!(note["author"], "Anouk");
    assert_eq!(note["date"], TODAY);
    // A note is a qualifying review action today.
    let after = json(&store, &["review", "--json"]);
    assert_eq!(after[3]["number"], "X04");
    assert_eq!(after[3]["reviewed_today"], true);
}

#[test]
fn note_survives_a_kill_once_its_number_is_printed() {
    use std::io::{BufRead, BufReader};
    let dir = demo_store();
    let store = dir.path().join("s");
    for round in 0..5 {
        let text = format!("vastgelegd {round}");
        // The debug binary aborts right after printing the number, so no
        // destructor (and no flush-on-drop of sled) runs after the ack.
        let mut child = Command::new(env!("CARGO_BIN_EXE_mandaat"))
            .arg("--store")
            .arg(&store)
            .args(["note", "C07", &text])
            .env("MANDAAT_TODAY", TODAY)
            .env("MANDAAT_TEST_ABORT_AFTER_ACK", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.starts_with('N'), "{line}");
        // SIGKILL straight after the acknowledgement, if the abort has not
        // ended it already.
        let _ = child.kill();
        let status = child.wait().unwrap();
        assert!(!status.success(), "round {round}: it did not die");
        let export = ok(&store, &["export"]);
        assert!(
            export.contains(&text),
            "round {round}: acknowledged note lost"
        );
    }
}

#[test]
fn note_on_an_unknown_number_says_what_to_do() {
    let dir = demo_store();
    let out = mandaat(&dir.path().join("s"), &["note", "X99", "tekst"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("X99 bestaat niet"), "{err}");
    let out = mandaat(&dir.path().join("s"), &["note", "hallo", "tekst"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("geen nummer"));
}

#[test]
fn a_second_process_on_an_open_store_is_refused() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let held = mandaat::store::Store::open(&store).expect("open");
    let started = std::time::Instant::now();
    let out = mandaat(&store, &["cases"]);
    assert!(!out.status.success());
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    let err = String::from_utf8_lossy(&out.stderr);
    // Held by a process that does not serve (this test): named, with its pid.
    assert!(err.contains("in gebruik door"), "{err}");
    assert!(
        err.contains(&format!("proces {}", std::process::id())),
        "{err}"
    );
    assert!(err.contains(store.to_str().unwrap()), "{err}");
    drop(held);
    ok(&store, &["cases"]);
}

#[test]
fn check_passes_on_the_demo() {
    let dir = demo_store();
    let out = ok(&dir.path().join("s"), &["check"]);
    assert!(out.contains("in orde"), "{out}");
}

#[test]
fn bad_today_is_refused_with_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .args(["--today", "2024/11/15", "cases"])
        .arg("--store")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("JJJJ-MM-DD") && err.contains("DD-MM-JJJJ"),
        "{err}"
    );
}

#[test]
fn today_is_taken_as_the_forms_take_a_date() {
    let dir = demo_store();
    let iso = ok(&dir.path().join("s"), &["--today", "2024-11-15", "review"]);
    let dutch = ok(&dir.path().join("s"), &["--today", "15-11-2024", "review"]);
    assert_eq!(iso, dutch);
    // The same for the case list, and for MANDAAT_TODAY.
    let store = dir.path().join("s");
    let iso = ok(&store, &["--today", "2024-11-15", "cases", "--json"]);
    let dutch = ok(&store, &["--today", "15-11-2024", "cases", "--json"]);
    assert_eq!(iso, dutch);
    let from_env = ok_at(&store, "15-11-2024", &["cases", "--json"]);
    assert_eq!(iso, from_env);
    // Another day ages differently: the date was read, not ignored.
    let later = ok_at(&store, "16-11-2024", &["cases", "--json"]);
    assert_ne!(iso, later);
}

#[test]
fn review_markdown_is_a_table() {
    let dir = demo_store();
    let md = ok(&dir.path().join("s"), &["review", "--markdown"]);
    assert!(md.starts_with("# Dagafsluiting 15-11-2024"), "{md}");
    assert!(md.contains("| Nr | Zaak |"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| X")).count(), 4);
}

#[test]
fn english_listings_on_request() {
    let dir = demo_store();
    let text = ok(&dir.path().join("s"), &["--lang", "en", "exceptions"]);
    assert!(text.contains("Critical"), "{text}");
    assert!(text.contains("Year mark"), "{text}");
    let nl = ok(&dir.path().join("s"), &["exceptions"]);
    assert!(nl.contains("Kritiek") && nl.contains("Jaargrens"), "{nl}");
}

#[test]
fn demo_ignores_a_store_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("real-store");
    let out = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .args(["--demo", "cases", "--json"])
        .env("MANDAAT_STORE", &elsewhere)
        .env("MANDAAT_TODAY", TODAY)
        .env_remove("MANDAAT_LANG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 24);
    assert!(!elsewhere.exists(), "the demo touched MANDAAT_STORE");
}

#[test]
fn store_files_are_private_even_in_an_open_folder() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    std::fs::create_dir(&store).unwrap();
    std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o755)).unwrap();
    ok(&store, &["seed-demo"]);
    let mut seen = 0;
    let mut todo = vec![store.clone()];
    while let Some(path) = todo.pop() {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is {:o}", path.display(), mode & 0o777);
        seen += 1;
        if path.is_dir() {
            todo.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        }
    }
    assert!(seen > 2, "the store holds files");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = demo_store();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .arg("--store")
        .arg(dir.path().join("s"))
        .args(["exceptions", "--all", "--json"])
        .env("MANDAAT_TODAY", TODAY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Like `| head -0`: the reader is gone before mandaat writes.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn owner_without_a_keyword_asks_for_one() {
    let dir = demo_store();
    for query in ["", "  "] {
        let out = mandaat(&dir.path().join("s"), &["owner", query]);
        assert!(!out.status.success(), "{query:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("Geef een trefwoord"), "{err}");
    }
}

#[test]
fn one_open_blocker_is_singular() {
    let dir = demo_store();
    let store = dir.path().join("s");
    // D06 owns exactly one open blocker in the demo: C15 omgevingsplan.
    let text = ok(&store, &["owner", "omgevingsplan"]);
    assert!(text.contains("1 open blokkade ("), "{text}");
    let text = ok(&store, &["--lang", "en", "owner", "omgevingsplan"]);
    assert!(text.contains("1 open blocker ("), "{text}");
}

#[test]
fn a_wrong_option_is_one_line_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = mandaat(dir.path(), &["--foo"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        "mandaat: onbekende optie '--foo'. Zie `mandaat --help`.\n"
    );
    let out = mandaat(dir.path(), &["--lang", "en", "--foo"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown option '--foo'"));
    let out = mandaat(dir.path(), &["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Opdrachten:"));
}

/// Issue 16: an exception moved back a stage today is on today's review (it
/// was stalled this morning) but shows as it is now: 0 days in its stage and
/// Ok, the same as `exceptions --json` says; no next date lies in the past.
#[test]
fn review_shows_an_exception_moved_back_today_as_it_is_now() {
    use mandaat::domain::ops::{Ctx, move_stage};
    use mandaat::domain::*;
    let dir = demo_store();
    let store_dir = dir.path().join("s");
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let ctx = Ctx {
        today,
        now: today.and_hms_opt(10, 0, 0).unwrap(),
        user: "Anouk".into(),
    };
    {
        let store = mandaat::store::Store::open(&store_dir).unwrap();
        let data = store.load().unwrap();
        let mut x07 = data
            .exceptions
            .iter()
            .find(|x| x.number == "X07")
            .unwrap()
            .clone();
        let at = Stage::OPEN.iter().position(|s| *s == x07.stage).unwrap();
        move_stage(
            &mut x07,
            Stage::OPEN[at - 1],
            Some("advies moet over"),
            &ctx,
        )
        .unwrap();
        store.save(&[x07.into()]).unwrap();
        store.close().unwrap();
    }
    let review = json(&store_dir, &["review", "--json"]);
    assert_eq!(numbers(&review), ["X08", "X07", "X05", "X04"]);
    let exceptions = json(&store_dir, &["exceptions", "--json"]);
    let row = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["number"] == "X07")
            .unwrap()
            .clone()
    };
    let (in_review, listed) = (row(&review), row(&exceptions));
    assert_eq!(in_review["stage_age_days"], 0, "{in_review}");
    assert_eq!(in_review["health"], "ok", "{in_review}");
    assert_eq!(in_review["reviewed_today"], true);
    for field in [
        "stage",
        "stage_age_days",
        "total_age_days",
        "health",
        "labels",
    ] {
        assert_eq!(in_review[field], listed[field], "{field}");
    }
    let markdown = ok(&store_dir, &["review", "--markdown"]);
    let x07_line = markdown.lines().find(|l| l.starts_with("| X07")).unwrap();
    assert!(x07_line.contains("| 0 d |"), "{x07_line}");
    // No next date before today (X04's follow-up was due 08-11-2024).
    for line in markdown.lines().filter(|l| l.starts_with("| X")) {
        let next = line
            .trim_end_matches('|')
            .rsplit('|')
            .next()
            .unwrap()
            .trim();
        if let Ok(d) = chrono::NaiveDate::parse_from_str(next, "%d-%m-%Y") {
            assert!(d >= today, "{line}");
        }
    }
}
