//! The Kennemer Inkoop Platform on the command line: `tracks` and `sroi`
//! against a demo store seeded on 2024-11-15, and the age chart in the
//! Markdown review report.

mod common;

use common::cli::{json, mandaat, ok};
use serde_json::Value;
use std::path::Path;

fn refused(store: &Path, args: &[&str]) -> String {
    let out = mandaat(store, args);
    assert!(!out.status.success(), "mandaat {args:?} should fail");
    assert!(out.stdout.is_empty(), "nothing on stdout for {args:?}");
    String::from_utf8(out.stderr).expect("utf-8 errors")
}

fn demo_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(&dir.path().join("s"), &["seed-demo"]);
    dir
}

fn field<'a>(rows: &'a Value, key: &str) -> Vec<&'a Value> {
    rows.as_array().unwrap().iter().map(|r| &r[key]).collect()
}

#[test]
fn tracks_lists_the_open_tracks_overdue_first() {
    let dir = demo_store();
    let v = json(&dir.path().join("s"), &["tracks", "--json"]);
    let numbers: Vec<_> = field(&v, "number")
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        ["T06", "T01", "T02", "T03", "T04", "T05"],
        "T07 is achieved"
    );
    let days: Vec<_> = field(&v, "days_left")
        .iter()
        .map(|n| n.as_i64().unwrap())
        .collect();
    assert_eq!(days, [-14, 21, 61, 106, 207, 291]);
    let warnings: Vec<_> = field(&v, "warning")
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        warnings,
        ["overdue", "within_30", "within_90", "none", "none", "none"]
    );
    let t06 = &v[0];
    assert_eq!(t06["organisation"], "Hout & Hoop Pallets");
    assert_eq!(t06["aim"], "pso");
    assert_eq!(t06["level"], "aspirant");
    assert_eq!(t06["admitted_on"], "2023-11-01");
    assert_eq!(t06["deadline"], "2024-11-01");
    assert_eq!(t06["proposal"]["outcome"], "expired");
    assert_eq!(
        t06["proposal"]["followup_with"],
        "Selectiecommissie Kennemer Inkoop Platform"
    );
    assert_eq!(v[1]["proposal"], Value::Null);
    assert_eq!(
        v[2]["flags"],
        serde_json::json!([{"flag": "b_corp_score_risk", "score": 72, "days_left": 61}])
    );
    assert_eq!(
        v[3]["flags"],
        serde_json::json!([{"flag": "certificate_late", "audit_on": "2024-10-04", "days_since_audit": 42}])
    );
    for key in [
        "number",
        "organisation",
        "aim",
        "level",
        "admitted_on",
        "deadline",
        "days_left",
        "warning",
        "flags",
    ] {
        assert!(
            v.as_array().unwrap().iter().all(|r| r.get(key).is_some()),
            "every track has {key}"
        );
    }
}

#[test]
fn tracks_as_text_in_dutch_and_english() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let nl = ok(&store, &["tracks"]);
    let lines: Vec<_> = nl.lines().collect();
    assert!(lines[0].starts_with("Nr"), "{nl}");
    assert!(
        lines[1].starts_with("T06") && lines[1].contains("Verlopen"),
        "{nl}"
    );
    assert!(
        lines[2].starts_with("T01") && lines[2].contains("≤ 30 dagen"),
        "{nl}"
    );
    assert!(nl.contains("B Corp-score 72 < 80"), "{nl}");
    assert!(
        nl.contains("Certificaat te laat: audit 42 d geleden"),
        "{nl}"
    );
    assert!(nl.contains("Voorstel T06"), "{nl}");
    assert!(!nl.contains("T07"), "{nl}");
    let en = ok(&store, &["--lang", "en", "tracks"]);
    assert!(
        en.contains("Overdue") && en.contains("Proposal T06"),
        "{en}"
    );
}

#[test]
fn sroi_catering_for_a_buyer_finds_the_two_caterers_only() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let v = json(&store, &["sroi", "catering", "--buyer", "O27", "--json"]);
    assert_eq!(v["query"], "catering");
    assert_eq!(v["buyer"]["number"], "O27");
    assert_eq!(v["buyer"]["name"], "Bouwcombinatie Spaarnestad");
    assert_eq!(v["buyer"]["sroi_obligation_cents"], 6_000_000);
    let names: Vec<_> = field(&v["matches"], "name")
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(names, ["Wijkkeuken Oost", "Cateraar Tafel van Morgen"]);
    let m = &v["matches"][0];
    assert_eq!(m["number"], "O07");
    assert_eq!(m["product"], "catering");
    assert_eq!(m["match"], "exact");
    assert_eq!(m["admitted"], false);
    assert_eq!(m["platform_status"], "not_admitted");
    assert_eq!(m["open_track"], Value::Null);
    assert_eq!(m["certification"], Value::Null);
    assert_eq!(m["open_case"], "C07");

    // Accents and case do not matter; without a buyer the list is the same.
    let v = json(&store, &["sroi", "CATERÍNG", "--json"]);
    assert_eq!(v["buyer"], Value::Null);
    assert_eq!(v["matches"].as_array().unwrap().len(), 2);

    let text = ok(&store, &["sroi", "catering", "--buyer", "o28"]);
    assert!(
        text.starts_with(
            "Koper O28 Facilitair Dienstverlener Kennemer — SROI-verplichting € 25.000"
        ),
        "{text}"
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("O")).count(),
        2,
        "{text}"
    );
}

#[test]
fn sroi_shows_platform_status_and_certification() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let v = json(&store, &["sroi", "drukwerk", "--json"]);
    let m = &v["matches"][0];
    assert_eq!(m["name"], "Drukkerij Anders");
    assert_eq!(m["admitted"], true);
    assert_eq!(m["platform_status"], "in_track");
    assert_eq!(m["open_track"]["number"], "T01");
    assert_eq!(m["open_track"]["warning"], "within_30");
    assert_eq!(m["open_track"]["days_left"], 21);
    let v = json(&store, &["sroi", "onderhoud", "--json"]);
    let classes: Vec<_> = field(&v["matches"], "match")
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(
        classes,
        ["prefix", "fuzzy"],
        "exact and prefix before fuzzy"
    );
    let v = json(&store, &["sroi", "xyzzy", "--json"]);
    assert_eq!(v["matches"], serde_json::json!([]));
    let text = ok(&store, &["sroi", "xyzzy"]);
    assert!(text.contains("Geen ondernemers"), "{text}");
}

#[test]
fn sroi_refuses_what_is_not_a_buyer() {
    let dir = demo_store();
    let store = dir.path().join("s");
    let err = refused(&store, &["sroi", "catering", "--buyer", "O07"]);
    assert!(err.contains("Wijkkeuken Oost is geen koper"), "{err}");
    let err = refused(&store, &["sroi", "catering", "--buyer", "O99"]);
    assert!(err.contains("O99 bestaat niet"), "{err}");
    let err = refused(&store, &["sroi", "catering", "--buyer", "C07"]);
    assert!(err.contains("geen organisatienummer"), "{err}");
    let err = refused(&store, &["--lang", "en", "sroi", " ", "--buyer", "O27"]);
    assert!(err.contains("Give a product or service"), "{err}");
}

#[test]
fn tracks_and_sroi_only_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("none");
    for args in [&["tracks"][..], &["sroi", "catering"][..]] {
        refused(&store, args);
        assert!(!store.exists(), "{args:?} created a store");
    }
}

#[test]
fn the_review_report_ends_with_the_age_chart() {
    let dir = demo_store();
    let md = ok(&dir.path().join("s"), &["review", "--markdown"]);
    assert!(
        md.contains("## Leeftijd van de open uitzonderingen"),
        "{md}"
    );
    assert!(md.contains("| > 365 | 1 | · | · | · | · | 1 |"), "{md}");
    assert!(
        md.contains("| **Totaal** | 3 | 1 | 2 | 3 | 1 | **10** |"),
        "{md}"
    );
    let en = ok(
        &dir.path().join("s"),
        &["--lang", "en", "review", "--markdown"],
    );
    assert!(en.contains("## Age of the open exceptions"), "{en}");
}
