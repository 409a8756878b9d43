//! `forget` leaves no byte of the person in the store folder or its day
//! reports: the store is rewritten into a fresh one and swapped in.

mod common;

use common::cli::{mandaat as mandaat_on, ok};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

/// Every file under `dir` whose raw bytes hold `needle`.
fn files_holding(dir: &Path, needle: &[u8], found: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            files_holding(&path, needle, found);
        } else if kind.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                found.push(path.display().to_string());
            }
        }
    }
}

fn org(doc: &Value, number: &str) -> Value {
    doc["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["number"] == number)
        .unwrap()
        .clone()
}

#[test]
fn forget_leaves_no_byte_of_the_person_in_the_store_folder_or_its_reports() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    ok(&store, &["seed-demo"]);
    // Changes after the seed, so sled's log holds older versions too.
    ok(&store, &["note", "O03", "gebeld over de aanvraag"]);
    let before: Value = serde_json::from_str(&ok(&store, &["export"])).unwrap();
    let gone = org(&before, "O03");
    let kept = org(&before, "O01");
    let name = gone["name"].as_str().unwrap().to_string();
    let email = gone["email"].as_str().unwrap().to_string();
    assert!(!name.is_empty() && !email.is_empty(), "{gone}");
    let kept_name = kept["name"].as_str().unwrap().to_string();

    // A day report that names both.
    let reports = tmp.path().join("store-rapporten");
    std::fs::create_dir_all(&reports).unwrap();
    let report = reports.join("dagafsluiting-2024-11-14.md");
    std::fs::write(
        &report,
        format!("# Dagafsluiting\n\n| O03 | {name} | {email} |\n| O01 | {kept_name} | |\n"),
    )
    .unwrap();

    let out = ok(&store, &["forget", "O03", "--yes"]);
    assert!(
        out.contains("reservekopie"),
        "says what about backups: {out}"
    );

    let mut found = Vec::new();
    for needle in [&name, &email] {
        files_holding(&store, needle.as_bytes(), &mut found);
        files_holding(&reports, needle.as_bytes(), &mut found);
    }
    assert!(found.is_empty(), "still named in: {found:?}");
    // Nothing left beside the store either.
    let siblings: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        siblings.iter().all(|s| !s.contains("forget")),
        "{siblings:?}"
    );

    // The store still opens, is whole, and kept the rest.
    assert!(ok(&store, &["check"]).contains("in orde"));
    let after: Value = serde_json::from_str(&ok(&store, &["export"])).unwrap();
    assert_eq!(org(&after, "O01"), kept);
    for list in ["organisations", "cases", "notes", "followups"] {
        assert!(
            !after[list].as_array().unwrap().is_empty(),
            "{list} emptied"
        );
    }
    assert_eq!(
        after["organisations"].as_array().unwrap().len() + 1,
        before["organisations"].as_array().unwrap().len()
    );
    let report_text = std::fs::read_to_string(&report).unwrap();
    assert!(report_text.contains(&kept_name), "{report_text}");
    assert!(report_text.contains("[vergeten]"), "{report_text}");
    // A change after the rewrite is saved as always.
    ok(&store, &["note", "O01", "na het vergeten"]);
    assert!(ok(&store, &["check"]).contains("in orde"));
}

#[test]
fn with_a_server_holding_the_store_forget_says_to_compact_later_and_compact_forgets() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    ok(&store, &["seed-demo"]);
    let before: Value = serde_json::from_str(&ok(&store, &["export"])).unwrap();
    let name = org(&before, "O03")["name"].as_str().unwrap().to_string();

    // A colleague's dashboard keeps a server on the store.
    let mut server = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .arg("--store")
        .arg(&store)
        .arg("serve")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let socket = store.join("mandaat.sock");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::os::unix::net::UnixStream::connect(&socket).is_err() {
        assert!(std::time::Instant::now() < deadline, "no server came up");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = mandaat_on(&store, &["forget", "O03", "--yes"]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !out.status.success(),
        "the rewrite cannot happen under a server"
    );
    assert!(err.contains("--compact"), "says how to finish: {err}");
    // The removal itself went through the server.
    let mid: Value = serde_json::from_str(&ok(&store, &["export"])).unwrap();
    assert!(
        mid["organisations"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["number"] != "O03")
    );
    let _ = server.kill();
    let _ = server.wait();

    // With the store free, --compact rewrites it: no byte of the name left.
    ok(&store, &["forget", "--compact"]);
    let mut found = Vec::new();
    files_holding(&store, name.as_bytes(), &mut found);
    assert!(found.is_empty(), "still named in: {found:?}");
    assert!(ok(&store, &["check"]).contains("in orde"));
}

#[test]
fn the_number_of_what_was_forgotten_is_not_handed_out_again() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    ok(&store, &["seed-demo"]);
    let before: Value = serde_json::from_str(&ok(&store, &["export"])).unwrap();
    let seq = |o: &Value| o["number"].as_str().unwrap()[1..].parse::<u32>().unwrap();
    let organisations = before["organisations"].as_array().unwrap();
    let last = organisations.iter().max_by_key(|o| seq(o)).unwrap();
    let highest = seq(last);
    ok(
        &store,
        &["forget", last["number"].as_str().unwrap(), "--yes"],
    );
    // The store was rewritten into a fresh one: its marks came along.
    let s = mandaat::store::Store::open(&store).unwrap();
    let left = s.load().unwrap();
    assert!(left.next_seq(mandaat::domain::Kind::Organisation) <= highest);
    let issued = s.issued().unwrap();
    assert_eq!(issued.get(mandaat::domain::Kind::Organisation), highest);
    s.close().unwrap();
}
