//! The dashboard without a terminal: keys go through keymap and update into the
//! model, the screen renders into a `TestBackend`. Snapshots hold the text; the
//! colours that carry meaning are asserted cell by cell.

use chrono::NaiveDate;
use mandaat::domain::ops::Ctx;
use mandaat::domain::*;
use mandaat::fixtures::seed;
use mandaat::i18n::Lang;
use mandaat::session::Session;
use mandaat::store::Store;
use mandaat::tui::App;
use mandaat::tui::ui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use std::path::Path;

fn ctx() -> Ctx {
    let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
    Ctx {
        today,
        now: today.and_hms_opt(16, 30, 0).unwrap(),
        user: "Anouk".into(),
    }
}

fn seed_store(dir: &Path) {
    let store = Store::open(dir).unwrap();
    let (settings, reference) = seed::reference(&ctx()).unwrap();
    store.replace_all(&settings, &reference).unwrap();
    store
        .save(&seed::demo(ctx().today, &reference).unwrap())
        .unwrap();
    store.close().unwrap();
}

fn app_on(dir: &Path, lang: Lang, color: bool) -> App {
    let session = Session::embedded(open_retrying(dir), ctx(), lang);
    let mut app = App::new(session, Theme { color }).unwrap();
    // The day's backup is written in a thread; snapshots want it done.
    app.finish_background();
    assert!(!app.background_pending() && !app.model.notes_loaded);
    app
}

/// sled's background flusher may hold the lock a moment after a drop.
fn open_retrying(dir: &Path) -> Store {
    for _ in 0..50 {
        if let Ok(s) = Store::open(dir) {
            return s;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Store::open(dir).unwrap()
}

struct Screen {
    _dir: tempfile::TempDir,
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Screen {
    fn demo() -> Screen {
        Screen::with(Lang::Nl, true, 160, 48)
    }

    fn with(lang: Lang, color: bool, w: u16, h: u16) -> Screen {
        let dir = tempfile::tempdir().unwrap();
        seed_store(&dir.path().join("s"));
        let app = app_on(&dir.path().join("s"), lang, color);
        let mut s = Screen {
            _dir: dir,
            app,
            terminal: Terminal::new(TestBackend::new(w, h)).unwrap(),
        };
        s.draw();
        s
    }

    /// The demo as the dashboard has it right after its first frame: the
    /// day's backup not yet written. `prepare` gets the temporary folder
    /// holding the store `s` before the dashboard opens it.
    fn before_the_backup(prepare: impl FnOnce(&Path)) -> Screen {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("s");
        seed_store(&store);
        prepare(dir.path());
        let session = Session::embedded(open_retrying(&store), ctx(), Lang::Nl);
        let app = App::new(session, Theme { color: true }).unwrap();
        assert!(app.background_pending());
        let mut s = Screen {
            _dir: dir,
            app,
            terminal: Terminal::new(TestBackend::new(160, 48)).unwrap(),
        };
        s.draw();
        s
    }

    /// The dashboard quit and started again on the same store.
    fn reopened(self) -> Screen {
        let Screen {
            _dir,
            app,
            terminal,
        } = self;
        let lang = app.model.lang;
        drop(app);
        let app = app_on(&_dir.path().join("s"), lang, true);
        let mut s = Screen {
            _dir,
            app,
            terminal,
        };
        s.draw();
        s
    }

    fn draw(&mut self) {
        let app = &mut self.app;
        self.terminal.draw(|f| app.draw(f)).unwrap();
    }

    fn keys(&mut self, codes: &[KeyCode]) -> &mut Self {
        for code in codes {
            self.app
                .handle_key(KeyEvent::new(*code, KeyModifiers::NONE));
            self.draw();
        }
        self
    }

    fn typed(&mut self, text: &str) -> &mut Self {
        let codes: Vec<KeyCode> = text.chars().map(KeyCode::Char).collect();
        self.keys(&codes)
    }

    fn text(&self) -> String {
        let buf = self.terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// The cell where `needle` starts on the screen.
    fn find(&self, needle: &str) -> (u16, u16) {
        let buf = self.terminal.backend().buffer();
        for y in 0..buf.area.height {
            let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
            if let Some(byte) = line.find(needle) {
                let x = line[..byte].chars().count() as u16;
                return (x, y);
            }
        }
        panic!("{needle:?} not on screen:\n{}", self.text());
    }

    fn fg_at(&self, needle: &str) -> Color {
        let (x, y) = self.find(needle);
        self.terminal.backend().buffer()[(x, y)].fg
    }

    fn line_with(&self, needle: &str) -> String {
        self.text()
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not on screen"))
            .to_string()
    }
}

use KeyCode::*;

#[path = "tui/changes.rs"]
mod changes;
#[path = "tui/find.rs"]
mod find;
#[path = "tui/followups.rs"]
mod followups;
#[path = "tui/intake.rs"]
mod intake;
#[path = "tui/palette.rs"]
mod palette;
#[path = "tui/views.rs"]
mod views;

#[test]
fn main_screen_shows_the_three_panes_and_ageing() {
    let s = Screen::demo();
    let text = s.text();
    for title in ["1 Zaken", "2 Haakjes", "3 Uitzonderingen"] {
        assert!(text.contains(title), "{title}");
    }
    let x08 = s.line_with("X08");
    assert!(x08.contains("375 d") && x08.contains("Kritiek"), "{x08}");
    assert!(text.contains("24 open zaken"));
    assert!(text.contains("kritiek 3 · vastgelopen 1 · aandacht 2 · gesnoozed 1"));
    insta::assert_snapshot!("main_screen", text);
}

#[test]
fn health_carries_its_colour_and_its_word() {
    let s = Screen::demo();
    assert_eq!(s.fg_at("!!Kritiek"), Color::Red);
    assert_eq!(s.fg_at("! Vastgelopen"), Color::LightRed);
    assert_eq!(s.fg_at("~ Aandacht"), Color::Yellow);
    assert_eq!(s.fg_at("z Gesnoozed"), Color::Blue);
}

#[test]
fn no_color_keeps_the_words_and_drops_the_colours() {
    let s = Screen::with(Lang::Nl, false, 160, 48);
    assert!(s.text().contains("!!Kritiek"));
    assert_eq!(s.fg_at("!!Kritiek"), Color::Reset);
}

#[test]
fn selecting_c03_shows_its_haakjes() {
    let mut s = Screen::demo();
    s.keys(&[Char('j'), Char('j')]);
    let text = s.text();
    assert!(text.contains("2 Haakjes (C03)"), "{text}");
    assert!(text.contains("H12 Aanbestedingswet"));
    assert!(text.contains("H05 Beleidsregels SROI"));
}

#[test]
fn an_expiring_haakje_is_flagged() {
    let mut s = Screen::demo();
    // C25 links H03, which ends on 31-12-2024: 46 days after 15-11-2024.
    s.keys(&[Char('G')]);
    assert!(s.text().contains("⚠ vervalt over 46 d"), "{}", s.text());
    assert_eq!(s.fg_at("⚠ vervalt"), Color::Yellow);
}

#[test]
fn case_detail() {
    let mut s = Screen::demo();
    s.keys(&[Char('j'), Char('j'), Enter]);
    let text = s.text();
    assert!(text.contains("Spaarne Schoon Coöperatie — Voorbehouden schoonmaakopdracht"));
    assert!(text.contains("voorbehouden opdracht → D02 Inkoop & Contractmanagement"));
    insta::assert_snapshot!("case_detail", text);
    s.keys(&[Esc]);
    assert!(s.text().contains("1 Zaken"));
}

#[test]
fn exception_detail() {
    let mut s = Screen::demo();
    s.keys(&[Char('3'), Enter]);
    let text = s.text();
    assert!(
        text.contains("Zaak C18 — Evenementenbouw Opnieuw"),
        "{text}"
    );
    assert!(text.contains("Fasegeschiedenis"));
    insta::assert_snapshot!("exception_detail", text);
}

#[test]
fn help_lists_the_keys_of_the_mode() {
    let mut s = Screen::demo();
    s.keys(&[Char('?')]);
    let text = s.text();
    assert!(text.contains("Toetsen in deze modus — overzicht"));
    assert!(text.contains("volgend paneel") && text.contains("filteren"));
    insta::assert_snapshot!("help", text);
    s.keys(&[Char('3'), Enter, Char('?')]);
    // Keys swallowed while help is open; Esc closes it.
    s.keys(&[Esc, Char('3'), Enter, Char('?')]);
    assert!(
        s.text().contains("Toetsen in deze modus — detail"),
        "{}",
        s.text()
    );
}

#[test]
fn a_form_says_what_is_wrong_and_keeps_what_was_typed() {
    let mut s = Screen::demo();
    // X04 is the fourth exception, worst first.
    s.keys(&[Char('3'), Char('j'), Char('j'), Char('j'), Char('z')]);
    s.keys(&[Backspace, Backspace, Backspace])
        .typed("31-13-2024");
    s.keys(&[Tab]).typed("wacht op aanbesteding").keys(&[Enter]);
    let text = s.text();
    assert!(text.contains("X04 snoozen"), "{text}");
    assert!(text.contains("31-13-2024"));
    assert!(text.contains("datum als DD-MM-JJJJ"));
    insta::assert_snapshot!("form_error", text);
    // Too far ahead: the rule refuses and the form stays.
    s.keys(&[Tab]);
    for _ in 0.."31-13-2024".len() {
        s.keys(&[Backspace]);
    }
    s.typed("+40").keys(&[Enter]);
    assert!(s.text().contains("30 dagen"), "{}", s.text());
}

#[test]
fn english_interface() {
    let s = Screen::with(Lang::En, true, 160, 48);
    let text = s.text();
    for title in ["1 Cases", "2 Hooks", "3 Exceptions"] {
        assert!(text.contains(title), "{title}");
    }
    assert!(s.line_with("X08").contains("Critical"));
}

#[test]
fn a_small_terminal_says_so() {
    let s = Screen::with(Lang::Nl, true, 60, 15);
    assert!(s.text().contains("te klein"), "{}", s.text());
}

#[test]
fn lookup_ranks_owners_and_shows_their_plate() {
    let mut s = Screen::demo();
    s.keys(&[Char('o')]).typed("loonkostensubsidië");
    let text = s.text();
    assert!(text.contains("Wie is eigenaar?"), "{text}");
    assert!(text.contains("D04 Werk en Inkomen"));
    assert!(text.contains("loonkostensubsidie  (primair, exact)"));
    assert!(text.contains("Ahmed · ahmed@wsp.haarlem.example"));
    assert!(text.contains("C06 Koffiebranderij Doorstart — loonkostensubsidie"));
    assert_eq!(s.fg_at("loonkostensubsidie  (primair"), Color::Magenta);
    insta::assert_snapshot!("lookup", text);
}

#[test]
fn review_walks_the_four_stalled_exceptions_to_a_summary() {
    let mut s = Screen::demo();
    s.keys(&[Char('r')]);
    let text = s.text();
    assert!(
        text.contains("Dagafsluiting 15-11-2024 — 1/4 · onvolledig (4 open)"),
        "{text}"
    );
    assert!(text.contains("X08 · C18 Evenementenbouw Opnieuw"));
    assert!(text.contains("81 dagen in fase (grens 28)"));
    assert!(text.contains("Haakjes (de argumenten)"));
    insta::assert_snapshot!("review", text);

    // X08: escalate.
    s.keys(&[Char('e')])
        .typed("besluit ligt al 81 dagen stil")
        .keys(&[Enter]);
    assert!(
        s.text().contains("X08 geëscaleerd naar Fleur"),
        "{}",
        s.text()
    );
    // Leaving early says what is left.
    s.keys(&[Esc]);
    assert!(
        s.text().contains("Dagafsluiting onvolledig (3 open)."),
        "{}",
        s.text()
    );
    // r comes back at the first open item: X07, a note.
    s.keys(&[Char('r')]);
    assert!(s.text().contains("2/4"), "{}", s.text());
    s.keys(&[Char('n')])
        .typed("Bas gebeld over het advies")
        .keys(&[Enter]);
    // X05: a note.
    s.keys(&[Char('l'), Char('n')])
        .typed("Koen gemaild")
        .keys(&[Enter]);
    // X04: a snooze.
    s.keys(&[Char('l'), Char('z'), Tab])
        .typed("wacht op de aanbesteding")
        .keys(&[Enter]);
    assert!(s.text().contains("4/4 · volledig"), "{}", s.text());
    s.keys(&[Enter]);
    assert!(
        s.text().contains("Dagafsluiting 15-11-2024; rapport:"),
        "{}",
        s.text()
    );

    let m = &s.app.model;
    let summary = m
        .data
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::DaySummary)
        .expect("summary note");
    assert!(summary.text.starts_with("Dagafsluiting 15-11-2024"));
    for line in [
        "X08 (C18): escalatie",
        "X07 (C04): notitie",
        "X05 (C03): notitie",
        "X04 (C08): gesnoozed",
    ] {
        assert!(summary.text.contains(line), "{line} in {}", summary.text);
    }
    let report_path = s.app.reports_dir().join("dagafsluiting-2024-11-15.md");
    let report = std::fs::read_to_string(&report_path).unwrap();
    assert_eq!(
        report.lines().filter(|l| l.starts_with("| X")).count(),
        4,
        "{report}"
    );
    assert!(report.contains(
        "| X04 | C08 Groenploeg Haarlem-Noord | 3 Marktverkenning | 46 d | 39 d | gesnoozed |"
    ));
    // X04 no longer counts as stalled.
    let x04 = m
        .views
        .exception_rows
        .iter()
        .find(|r| m.data.exceptions[r.idx].number == "X04")
        .unwrap();
    assert!(!x04.status.is_stalled());
    assert_eq!(m.views.counters.stalled, 0);
}

#[test]
fn morning_view_shows_what_is_due_and_the_triage() {
    let mut s = Screen::demo();
    s.keys(&[Char('a')]);
    let text = s.text();
    assert!(text.contains("Ochtendoverzicht — 15-11-2024"), "{text}");
    assert!(text.contains("F02"), "{text}");
    assert!(text.contains("⚑ escaleren?"), "{text}");
    assert!(text.contains("! C05") && text.contains("! C10") && text.contains("! C14"));
    assert!(text.contains("Vastgelopen (nog geen eerdere dagafsluiting)"));
    insta::assert_snapshot!("morning", text);
    s.keys(&[Char('r')]);
    assert!(s.text().contains("1/4"));
}

#[test]
fn the_morning_view_is_a_list_to_work_from() {
    let mut s = Screen::demo();
    // Three follow-ups due, then the first case in triage.
    s.keys(&[Char('a'), Char('j'), Char('j'), Char('j')]);
    let text = s.text();
    let marked = s.line_with("▸");
    assert!(marked.contains("C05"), "{text}");
    assert!(text.contains("Haakjes van open zaken"), "{text}");
    insta::assert_snapshot!("morning_selected", text);
    // Enter opens the selected case; Esc comes back to the same row.
    s.keys(&[Enter]);
    assert!(s.text().contains("C05"), "{}", s.text());
    assert!(!s.text().contains("Ochtendoverzicht"));
    s.keys(&[Esc]);
    assert!(s.line_with("▸").contains("C05"));
}

#[test]
fn the_morning_view_scrolls_at_80_by_20() {
    let mut s = Screen::with(Lang::Nl, true, 80, 20);
    s.keys(&[Char('a'), Char('G')]);
    let text = s.text();
    assert!(text.contains("▸"), "the last row is in view:\n{text}");
    assert!(!text.contains("Follow-ups vandaag"), "{text}");
    insta::assert_snapshot!("morning_80x20_bottom", text);
}

#[test]
fn the_header_keeps_its_most_important_counters_at_80_columns() {
    let s = Screen::with(Lang::Nl, true, 80, 20);
    let header = s.text().lines().next().unwrap().to_string();
    assert!(header.contains("kritiek 3"), "{header}");
    assert!(header.contains("2 te laat"), "{header}");
    insta::assert_snapshot!("header_80", header);
}

// ------------------------------------------------ Kennemer Inkoop Platform

#[test]
fn tracks_list_the_overdue_first_and_the_21_days_in_red() {
    let mut s = Screen::demo();
    s.keys(&[Char('t')]);
    let text = s.text();
    let t06 = s.find("T06").1;
    let t01 = s.find("T01").1;
    assert!(t06 < t01, "{text}");
    assert!(s.line_with("T01").contains("21 d"));
    assert_eq!(s.fg_at("≤ 30 dagen"), Color::Red);
    assert!(
        s.line_with("T02").contains("⚑ B Corp-score 72 < 80"),
        "{text}"
    );
    assert!(text.contains("⚑ Certificaat te laat"), "{text}");
    assert!(!text.contains("T07"));
    assert!(text.contains("KIP: 1 verlopen, 1 ≤ 30 d"));
    insta::assert_snapshot!("tracks", text);
}
