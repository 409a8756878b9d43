//! Every sentence a user reads lives under src/i18n/, and English mode reads
//! English. Two checks keep it so:
//!
//! - the sources: outside src/i18n/ no code pairs a Dutch string with an
//!   English one (`lang.pick("…", "…")`, `lang.pick(format!(…), …)`,
//!   `lang.pick([…], […])`, or a `Lang::Nl =>` / `Lang::En =>` arm); the domain
//!   and the store do not name the language module; i18n names nothing of the
//!   dashboard but its vocabulary types, and never the command line or present;
//! - the screens: the dashboard in English shows none of a list of Dutch
//!   interface words, on the main screen, the help overlays, the review, the
//!   morning view and the certification tracks.
//!
//! Set `I18N_ROOMS_SRC` to another tree's src/ to try the source rules on it.

use chrono::NaiveDate;
use mandaat::domain::ops::Ctx;
use mandaat::fixtures::seed;
use mandaat::i18n::Lang;
use mandaat::session::Session;
use mandaat::store::Store;
use mandaat::tui::App;
use mandaat::tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::{Path, PathBuf};

// ------------------------------------------------------------------ sources

fn src_root() -> PathBuf {
    std::env::var_os("I18N_ROOMS_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (`//` to the end of a line, outside
/// string literals), so doc comments may name the rooms.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let (mut in_str, mut escaped, mut prev) = (false, false, ' ');
        let mut end = line.len();
        for (i, c) in line.char_indices() {
            if in_str {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_str = false;
                }
            } else if c == '"' {
                in_str = true;
            } else if c == '/' && prev == '/' {
                end = i - 1;
                break;
            }
            prev = c;
        }
        out.push_str(&line[..end]);
        out.push('\n');
    }
    out
}

/// `.pick(` whose first argument is text: a string literal, `format!`, or an
/// array of string literals. `rng.pick(&LIST)` (choosing from data) is not.
fn picks_text(code: &str) -> bool {
    code.match_indices(".pick(").any(|(i, m)| {
        let rest = code[i + m.len()..].trim_start();
        rest.starts_with('"')
            || rest.starts_with("format!")
            || rest
                .strip_prefix('[')
                .is_some_and(|r| r.trim_start().starts_with('"'))
    })
}

/// A `match lang` arm per language: `Lang::Nl =>` or `Lang::En =>`.
fn matches_on_lang(code: &str) -> bool {
    ["Lang::Nl", "Lang::En"].iter().any(|arm| {
        code.match_indices(arm).any(|(i, m)| {
            let before = code[..i].chars().next_back();
            let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
            word_start && code[i + m.len()..].trim_start().starts_with("=>")
        })
    })
}

/// What each file breaks, relative to `root`.
fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let code = code(&std::fs::read_to_string(&path).unwrap());
        let mut say = |why: &str| out.push(format!("{rel}: {why}"));
        if rel.starts_with("i18n/") {
            // The language module sits below the faces: it may name the
            // dashboard's vocabulary (Action, Pane, Scope, SortBy), not its state.
            for line in code.lines().filter(|l| l.contains("crate::tui::")) {
                let vocabulary = line.contains("crate::tui::action")
                    || line.trim() == "use crate::tui::model::{Pane, Scope, SortBy};";
                if !vocabulary {
                    say(&format!("names the dashboard: {}", line.trim()));
                }
            }
            for face in ["crate::cli", "crate::present"] {
                if code.contains(face) {
                    say(&format!("names {face}"));
                }
            }
            continue;
        }
        if picks_text(&code) {
            say("pairs Dutch and English text with .pick(…); move it to src/i18n/");
        }
        if matches_on_lang(&code) {
            say("matches on Lang::Nl/Lang::En; move the words to src/i18n/");
        }
        if (rel.starts_with("domain/") || rel.starts_with("store/")) && code.contains("i18n") {
            say("names the language module; return a typed result and word it in src/i18n/");
        }
    }
    out
}

#[test]
fn words_live_in_the_language_module() {
    let found = violations(&src_root());
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_source_rules_recognise_pairs_and_not_choices_from_data() {
    assert!(picks_text(r#"lang.pick("Zaken", "Cases")"#));
    assert!(picks_text("lang\n    .pick(\n        format!(\"{n} d\"),"));
    assert!(picks_text("lang.pick(\n    [\n        \"Nr\",\n"));
    assert!(!picks_text("rng.pick(&CASE_TOPICS)"));
    assert!(!picks_text("lang.pick(nl, en)"));
    assert!(matches_on_lang(
        "match lang {\n    Lang::Nl => format!(\"…\"),"
    ));
    assert!(!matches_on_lang("LangArg::Nl => Lang::Nl,"));
    assert!(!code("// lang.pick(\"a\", \"b\")\nlet x = 1;").contains("pick"));
    assert!(code("let s = \"http://x\";").contains("http://x"));
}

// ------------------------------------------------------------------ screens

fn ctx() -> Ctx {
    let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
    Ctx {
        today,
        now: today.and_hms_opt(16, 30, 0).unwrap(),
        user: "Anouk".into(),
    }
}

/// The demo dashboard in English, ready for keys.
fn english_demo(dir: &Path) -> App {
    let store = Store::open(dir).unwrap();
    let (settings, reference) = seed::reference(&ctx()).unwrap();
    store.replace_all(&settings, &reference).unwrap();
    store
        .save(&seed::demo(ctx().today, &reference).unwrap())
        .unwrap();
    let session = Session::embedded(store, ctx(), Lang::En);
    let mut app = App::new(session, Theme { color: false }).unwrap();
    app.finish_background();
    app
}

fn screen(app: &mut App, terminal: &mut Terminal<TestBackend>) -> String {
    terminal.draw(|f| app.draw(f)).unwrap();
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

/// Dutch words of the interface that no demo record contains, so finding one
/// on an English screen means an untranslated label. Whole words, case-sensitive.
const DUTCH: &[&str] = &[
    "Zaken",
    "Uitzonderingen",
    "Haakjes",
    "Gezondheid",
    "Eigenaar",
    "Actielijn",
    "Kritiek",
    "kritiek",
    "Vastgelopen",
    "vastgelopen",
    "Aandacht",
    "aandacht",
    "gesnoozed",
    "spatie",
    "volgende",
    "vorige",
    "opslaan",
    "annuleren",
    "Toetsen",
    "Dagafsluiting",
    "dagafsluiting",
    "werkdagen",
    "dagen",
    "Fase",
    "fase",
    "totaal",
    "Totaal",
    "notitie",
    "herhaal",
    "sluiten",
    "zoeken",
];

fn dutch_words(text: &str) -> Vec<&'static str> {
    let words: std::collections::HashSet<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .collect();
    DUTCH
        .iter()
        .copied()
        .filter(|w| words.contains(w))
        .collect()
}

#[test]
fn english_screens_show_no_dutch_interface_words() {
    use KeyCode::*;
    let dir = tempfile::tempdir().unwrap();
    let mut app = english_demo(&dir.path().join("s"));
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    let walks: &[(&str, &[KeyCode])] = &[
        ("main screen", &[]),
        ("help", &[Char('?')]),
        ("exception detail", &[Esc, Char('3'), Enter]),
        ("help in the detail", &[Char('?')]),
        ("review", &[Esc, Esc, Esc, Char('r')]),
        ("help in the review", &[Char('?')]),
        ("morning view", &[Esc, Esc, Esc, Char('a')]),
        ("certification tracks", &[Esc, Esc, Char('t')]),
        ("help in the tracks", &[Char('?')]),
    ];
    let mut found = Vec::new();
    for (name, keys) in walks {
        for code in *keys {
            app.handle_key(KeyEvent::new(*code, KeyModifiers::NONE));
        }
        let text = screen(&mut app, &mut terminal);
        let dutch = dutch_words(&text);
        if !dutch.is_empty() {
            found.push(format!("{name}: {dutch:?}\n{text}"));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
