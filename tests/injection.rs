//! Terminal injection (issue 13, point 2): text from a record never reaches a
//! terminal or a report with a control char in it, and a table row stays one
//! line; new text with control chars is refused where it comes in (import,
//! `mandaat note`, the dashboard's forms). The rule is `domain::plain`.

mod common;

use chrono::NaiveDate;
use common::cli::{mandaat, ok};
use common::*;
use mandaat::domain::integrity::ProblemKind;
use mandaat::domain::ops::Ctx;
use mandaat::domain::plain::is_forbidden;
use mandaat::domain::*;
use mandaat::i18n::Lang;
use mandaat::session::Session;
use mandaat::session::export::{self, ExportDoc, ImportError};
use mandaat::store::Store;
use mandaat::tui::App;
use mandaat::tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;

const EVIL_ORG: &str = "Evil\x1b]0;pwned\x07\x1b[2J\nInc";
const EVIL_TITLE: &str = "Subsidie\x1b[31m\r\nrood\u{9b}2J\u{202e}";

/// The common dataset with control chars and line breaks in the texts the
/// listings show, written the way a store made before the rule could hold
/// them: saved record by record, past the import's checks.
fn poisoned_store(dir: &Path) {
    let store = Store::open(dir).unwrap();
    store.replace_all(&settings(), &dataset()).unwrap();
    let mut data = dataset();
    data.organisations[0].name = EVIL_ORG.into();
    data.cases[0].title = EVIL_TITLE.into();
    data.cases[0].owner = "anouk\t\x1b[8m".into();
    data.departments[0].name = "Werk\x1b[2J\nInkomen".into();
    data.contacts[0].name = "Jeroen\x1b]0;x\x07\nde Vries".into();
    data.tracks[0].level = "trede\n1\x1b[5m".into();
    let records: Vec<AnyRecord> = vec![
        data.organisations[0].clone().into(),
        data.cases[0].clone().into(),
        data.departments[0].clone().into(),
        data.contacts[0].clone().into(),
        data.tracks[0].clone().into(),
    ];
    store.save(&records).unwrap();
    store.close().unwrap();
}

/// No char that could steer a terminal; line breaks only between lines.
fn assert_terminal_safe(what: &str, out: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| c != '\n' && is_forbidden(c))
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in\n{out}");
}

/// The line showing `start` also shows `end`: the text between was not split.
fn assert_one_line(what: &str, out: &str, start: &str, end: &str) {
    let line = out.lines().find(|l| l.contains(start));
    let line = line.unwrap_or_else(|| panic!("{what}: no line with {start:?} in\n{out}"));
    assert!(
        line.contains(end),
        "{what}: {start:?} and {end:?} apart in\n{out}"
    );
}

#[test]
fn listings_and_reports_print_no_control_chars_and_keep_rows_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    poisoned_store(&store);
    let commands: [&[&str]; 7] = [
        &["cases"],
        &["exceptions"],
        &["review"],
        &["review", "--markdown"],
        &["owner", "loonkostensubsidie"],
        &["tracks"],
        &["sroi", "fietsherstel"],
    ];
    for args in commands {
        let out = ok(&store, args);
        let what = args.join(" ");
        assert_terminal_safe(&what, &out);
        // The owner lookup shows departments and their liaisons, no organisation.
        if args[0] != "owner" {
            assert!(out.contains("Evil\u{fffd}]0;pwned"), "{what}:\n{out}");
            assert_one_line(&what, &out, "Evil", "Inc");
        }
    }
    let cases = ok(&store, &["cases"]);
    assert_one_line("cases", &cases, "Subsidie", "rood");
    assert_one_line("cases", &cases, "Subsidie", "anouk");
    let owner = ok(&store, &["owner", "loonkostensubsidie"]);
    assert_terminal_safe("owner", &owner);
    assert_one_line("owner", &owner, "Werk", "Inkomen");
    assert_one_line("owner", &owner, "Jeroen", "de Vries");
    let tracks = ok(&store, &["tracks"]);
    assert_one_line("tracks", &tracks, "trede", "1");
}

#[test]
fn json_output_escapes_control_chars() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    poisoned_store(&store);
    let out = ok(&store, &["cases", "--json"]);
    assert!(!out.contains('\x1b'), "{out}");
    assert!(out.contains("\\u001b"), "{out}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["title"], EVIL_TITLE, "{out}");
}

fn export_bytes(data: &Dataset) -> Vec<u8> {
    export::to_json(&ExportDoc::new(&settings(), data))
}

#[test]
fn import_refuses_control_chars_and_one_line_breaks_naming_their_place() {
    let mut data = dataset();
    data.organisations[0].name = EVIL_ORG.into();
    data.cases[0].title = "two\nlines".into();
    // Multi-line texts may span lines.
    data.organisations[0].description = "regel één\nregel twee\tmet tab".into();
    data.notes[0].text = "eerste regel\ntweede regel".into();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let problems = match export::import(&store, &export_bytes(&data)) {
        Err(ImportError::Invalid(p)) => p,
        other => panic!("expected Invalid, got {other:?}"),
    };
    let found: Vec<(&str, &ProblemKind)> = problems
        .iter()
        .map(|p| (p.place.as_str(), &p.kind))
        .collect();
    assert_eq!(
        found,
        [
            (
                "organisations[0] (O01).name",
                &ProblemKind::ForbiddenChar('\x1b')
            ),
            ("cases[0] (C01).title", &ProblemKind::ForbiddenChar('\n')),
        ]
    );
    assert!(store.is_empty().unwrap());
}

#[test]
fn import_command_names_the_field_and_prints_no_escape() {
    let mut data = dataset();
    data.contacts[0].name = "Jeroen\x1b[2J".into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("in.json");
    std::fs::write(&file, export_bytes(&data)).unwrap();
    let out = mandaat(&dir.path().join("s"), &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("contacts[0] (P01).name"), "{err}");
    assert!(err.contains("U+001B"), "{err}");
    assert_terminal_safe("import", &err);
}

#[test]
fn note_refuses_control_chars_but_keeps_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    poisoned_store(&store);
    let out = mandaat(&store, &["note", "C01", "Koen gebeld\x1b]0;pwned\x07"]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("U+001B"), "{err}");
    assert_terminal_safe("note", &err);
    let out = mandaat(&store, &["note", "C01", "Koen\u{202e}gebeld"]);
    assert!(!out.status.success());
    // A note may span lines.
    let saved = ok(&store, &["note", "C01", "Koen gebeld\nvolgt morgen"]);
    assert!(saved.contains("N02"), "{saved}");
}

fn ctx() -> Ctx {
    let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
    Ctx {
        today,
        now: today.and_hms_opt(16, 30, 0).unwrap(),
        user: "Anouk".into(),
    }
}

fn open_retrying(dir: &Path) -> Store {
    for _ in 0..50 {
        if let Ok(s) = Store::open(dir) {
            return s;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Store::open(dir).unwrap()
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// ratatui drops C0 and C1 controls itself (`Buffer::set_stringn` and
/// `Span::styled_graphemes` skip graphemes holding a `char::is_control`); the
/// bidi overrides it keeps are taken out by `tui::ui::scrub`. This holds both,
/// and the form's refusal.
#[test]
fn dashboard_draws_no_control_chars_and_forms_refuse_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    poisoned_store(&store);
    let session = Session::embedded(open_retrying(&store), ctx(), Lang::Nl);
    let mut app = App::new(session, Theme { color: true }).unwrap();
    app.finish_background();
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let press = |app: &mut App, terminal: &mut Terminal<TestBackend>, codes: &[KeyCode]| {
        for code in codes {
            app.handle_key(KeyEvent::new(*code, KeyModifiers::NONE));
            terminal.draw(|f| app.draw(f)).unwrap();
        }
        screen_text(terminal)
    };
    let screens = [
        press(&mut app, &mut terminal, &[KeyCode::Char('1')]),
        press(&mut app, &mut terminal, &[KeyCode::Char('2')]),
        press(&mut app, &mut terminal, &[KeyCode::Char('3')]),
        press(&mut app, &mut terminal, &[KeyCode::Enter]),
    ];
    for (i, text) in screens.iter().enumerate() {
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| c != '\n' && is_forbidden(c))
            .collect();
        assert!(bad.is_empty(), "screen {i}: {bad:?}\n{text}");
    }
    assert!(
        screens.iter().any(|t| t.contains("Evil]0;pwned")),
        "{}",
        screens.join("\n")
    );
    // A note typed with an escape in it is refused, naming the char.
    press(&mut app, &mut terminal, &[KeyCode::Esc, KeyCode::Char('n')]);
    let typed: Vec<KeyCode> = "Koen\x1b[2J".chars().map(KeyCode::Char).collect();
    press(&mut app, &mut terminal, &typed);
    let text = press(&mut app, &mut terminal, &[KeyCode::Enter]);
    assert!(text.contains("U+001B"), "{text}");
    assert!(!text.contains("Opgeslagen"), "{text}");
    assert!(matches!(app.model.mode, mandaat::tui::state::Mode::Form(_)));
}
