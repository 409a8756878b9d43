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
fn filter_narrows_the_pane_and_highlights() {
    let mut s = Screen::demo();
    s.keys(&[Char('/')]).typed("spaarne");
    let text = s.text();
    assert!(text.contains("1 Zaken (1 · filter: spaarne)"), "{text}");
    assert!(text.contains("C03"));
    assert!(!text.contains("│  C01  Fietsherstel"), "{text}");
    assert_eq!(s.fg_at("Spaarne Schoon"), Color::Magenta);
    s.keys(&[Esc]);
    assert!(s.text().contains("1 Zaken (24)"));
}

#[test]
fn sorting_and_scope_switch() {
    let mut s = Screen::demo();
    s.keys(&[Char('s'), Char('s')]);
    assert!(s.text().contains("tijd in fase"));
    // By time in stage, X10 (242 days) leads.
    let first = s
        .text()
        .lines()
        .find(|l| l.contains("│X"))
        .unwrap()
        .to_string();
    assert!(first.contains("X10"), "{first}");
    s.keys(&[Char('m')]);
    assert!(s.text().contains("1 Zaken (12 · mijn)"), "{}", s.text());
}

#[test]
fn note_stage_move_and_snooze_are_kept_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    seed_store(&store);
    let mut s = Screen {
        app: app_on(&store, Lang::Nl, true),
        _dir: dir,
        terminal: Terminal::new(TestBackend::new(160, 48)).unwrap(),
    };
    s.draw();
    // X01 (last but one; the snoozed X10 sorts last): a stage forward;
    // X04: a note and a snooze.
    s.keys(&[Char('3'), Char('G'), Char('k'), Char('>')]);
    assert!(
        s.text()
            .contains("Opgeslagen: X01 naar 2 Budgethouder akkoord"),
        "{}",
        s.text()
    );
    s.keys(&[Char('g'), Char('j'), Char('j'), Char('j'), Char('n')])
        .typed("Fleur gebeld")
        .keys(&[Enter]);
    assert!(s.text().contains("Opgeslagen: notitie"), "{}", s.text());
    s.keys(&[Char('z'), Tab])
        .typed("wacht op marktverkenning")
        .keys(&[Enter]);
    assert!(
        s.text().contains("X04 gesnoozed tot 29-11-2024"),
        "{}",
        s.text()
    );

    // Everything is there after a restart.
    let store_dir = s.app.session.dir().to_path_buf();
    drop(s.app);
    let data = open_retrying(&store_dir).load().unwrap();
    let x = |n: &str| {
        data.exceptions
            .iter()
            .find(|x| x.number == n)
            .unwrap()
            .clone()
    };
    assert_eq!(x("X01").stage, Stage::BudgetApproval);
    assert_eq!(
        x("X04").snooze.as_ref().unwrap().reason,
        "wacht op marktverkenning"
    );
    assert!(data.notes.iter().any(|n| n.text == "Fleur gebeld"));

    // Undo takes them back one by one, also in the store.
    let mut app = app_on(&store_dir, Lang::Nl, true);
    assert!(app.model.undo.is_empty(), "undo is per session");
    drop(app);
    let mut s = Screen {
        app: app_on(&store_dir, Lang::Nl, true),
        _dir: tempfile::tempdir().unwrap(),
        terminal: Terminal::new(TestBackend::new(160, 48)).unwrap(),
    };
    s.draw();
    s.keys(&[Char('3'), Char('j'), Char('j'), Char('j'), Char('n')])
        .typed("tweede notitie")
        .keys(&[Enter, Char('u')]);
    assert!(s.text().contains("Ongedaan gemaakt"), "{}", s.text());
    drop(s.app);
    let data = open_retrying(&store_dir).load().unwrap();
    assert!(!data.notes.iter().any(|n| n.text == "tweede notitie"));
    assert!(data.notes.iter().any(|n| n.text == "Fleur gebeld"));
    app = app_on(&store_dir, Lang::Nl, true);
    assert_eq!(app.model.undo.len(), 0);
}

#[test]
fn undo_walks_back_every_change_of_the_session() {
    let mut s = Screen::demo();
    s.keys(&[Char('3'), Char('G'), Char('k'), Char('>'), Char('>')]);
    let stage = |s: &Screen| {
        s.app
            .model
            .data
            .exceptions
            .iter()
            .find(|x| x.number == "X01")
            .unwrap()
            .stage
    };
    assert_eq!(stage(&s), Stage::MarketScan);
    s.keys(&[Char('u')]);
    assert_eq!(stage(&s), Stage::BudgetApproval);
    s.keys(&[Char('u')]);
    assert_eq!(stage(&s), Stage::Request);
    s.keys(&[Char('u')]);
    assert!(s.text().contains("Niets om ongedaan te maken"));
    let reloaded = s.app.session.load().unwrap();
    assert_eq!(
        reloaded
            .exceptions
            .iter()
            .find(|x| x.number == "X01")
            .unwrap()
            .stage,
        Stage::Request
    );
}

#[test]
fn moving_back_needs_a_note() {
    let mut s = Screen::demo();
    s.keys(&[Char('3'), Enter, Char('<'), Enter]);
    assert!(s.text().contains("Waarom: verplicht"), "{}", s.text());
    // The form put the cursor on the field that needs it.
    s.typed("advies moet over").keys(&[Enter]);
    let x08 = s
        .app
        .model
        .data
        .exceptions
        .iter()
        .find(|x| x.number == "X08")
        .unwrap();
    assert_eq!(x08.stage, Stage::LegalReview);
    assert_eq!(
        x08.history.last().unwrap().note.as_deref(),
        Some("advies moet over")
    );
    // Back in the detail view it came from.
    assert!(s.text().contains("Fasegeschiedenis"));
}

#[test]
fn unlinking_a_haakje_asks_first() {
    let mut s = Screen::demo();
    s.keys(&[Char('j'), Char('j'), Char('2'), Char('d')]);
    assert!(
        s.text().contains("Haakje H12 loskoppelen van C03? (j/n)"),
        "{}",
        s.text()
    );
    s.keys(&[Char('n')]);
    assert_eq!(s.app.model.selected_case().unwrap().hooks.len(), 2);
    s.keys(&[Char('d'), Char('j')]);
    assert_eq!(s.app.model.selected_case().unwrap().hooks.len(), 1);
}

#[test]
fn a_blocker_gets_the_owner_suggested() {
    let mut s = Screen::demo();
    s.keys(&[Char('b')]).typed("terras");
    assert!(s.text().contains("D05 Vergunningen"), "{}", s.text());
    s.keys(&[Enter]);
    let c01 = s
        .app
        .model
        .data
        .cases
        .iter()
        .find(|c| c.number == "C01")
        .unwrap();
    assert_eq!(c01.blockers.last().unwrap().keyword, "terras");
}

#[test]
fn a_direct_award_above_the_threshold_warns_and_needs_a_lawyer() {
    let mut s = Screen::demo();
    s.keys(&[Char('X'), Tab, Tab]).typed("250000");
    assert!(s.text().contains("EU-drempel"), "{}", s.text());
    s.keys(&[Tab]).typed("Schoonmaak stadhuis").keys(&[Enter]);
    assert!(
        s.text().contains("jurist") || s.text().contains("Jurist"),
        "{}",
        s.text()
    );
    assert_eq!(s.app.model.data.exceptions.len(), 10);
    s.keys(&[Tab, Right, Enter]);
    assert_eq!(s.app.model.data.exceptions.len(), 11);
}

#[test]
fn quit_and_ctrl_c() {
    let mut s = Screen::demo();
    s.app
        .handle_key(KeyEvent::new(Char('c'), KeyModifiers::CONTROL));
    assert!(s.app.model.quit);
    let mut s = Screen::demo();
    s.keys(&[Char('q')]);
    assert!(s.app.model.quit);
}

// ------------------------------------------------------------ owner lookup

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
fn lookup_puts_the_primary_owner_first() {
    let mut s = Screen::demo();
    s.keys(&[Char('o')]).typed("staatssteun");
    let (_, d09) = s.find("D09 Juridische Zaken");
    let (_, d07) = s.find("D07 Vastgoed");
    assert!(d09 < d07);
    assert!(s.text().contains("staatssteun  (secundair, exact)"));
}

#[test]
fn lookup_with_no_owner_offers_the_kernteam() {
    let mut s = Screen::demo();
    s.keys(&[Char('j'), Char('j'), Char('o')])
        .typed("dakpannen");
    assert!(
        s.text()
            .contains("Geen eigenaar gevonden — leg voor in het kernteam.")
    );
    s.keys(&[Enter]);
    let f = s.app.model.data.followups.last().unwrap();
    assert!(f.subject.contains("dakpannen"), "{}", f.subject);
    let c03 = s
        .app
        .model
        .data
        .cases
        .iter()
        .find(|c| c.number == "C03")
        .unwrap();
    assert_eq!(f.about, c03.record_ref());
}

#[test]
fn lookup_files_the_blocker_in_one_go() {
    let mut s = Screen::demo();
    s.keys(&[Char('o')]).typed("loonk").keys(&[Tab]);
    let c01 = s
        .app
        .model
        .data
        .cases
        .iter()
        .find(|c| c.number == "C01")
        .unwrap();
    let b = c01.blockers.last().unwrap();
    assert_eq!(b.keyword, "loonkostensubsidie");
    let d04 = s
        .app
        .model
        .data
        .departments
        .iter()
        .find(|d| d.number == "D04")
        .unwrap();
    assert_eq!(b.department, d04.id);
    let d04 = d04.id;
    assert!(
        s.text()
            .contains("blokkade loonkostensubsidie → D04 bij C01")
    );
    // The lookup cache, which `mandaat owner` reads while the dashboard holds
    // the store, has C01 on D04's plate once the keyboard rests.
    assert!(mandaat::store::lookup::read(s.app.session.dir()).is_none());
    s.app.idle();
    let cache = mandaat::store::lookup::read(s.app.session.dir()).expect("a current cache");
    let plate = cache.plate(d04).unwrap();
    assert!(
        plate
            .open_blockers
            .contains(&"C01 loonkostensubsidie".to_string()),
        "{plate:?}"
    );
}

#[test]
fn lookup_browses_all_departments_and_keeps_them_current() {
    let mut s = Screen::demo();
    s.keys(&[Char('o')]);
    assert!(s.text().contains("D01 Economie & Accountmanagement"));
    s.typed("loonk").keys(&[Enter]);
    assert!(s.text().contains("Trefwoorden"), "{}", s.text());
    // Add a keyword, then find the department by it.
    s.keys(&[Char('+')]).typed("koffiebar").keys(&[Enter]);
    assert!(
        s.text().contains("trefwoord koffiebar bij D04"),
        "{}",
        s.text()
    );
    s.keys(&[Esc, Char('o')]).typed("koffiebar");
    assert!(s.text().contains("koffiebar  (primair, exact)"));
    // Move it to D05.
    s.keys(&[Enter, Char('w')]);
    let n = s.app.model.data.departments[3].keywords.len();
    for _ in 0..n - 1 {
        s.keys(&[Right]);
    }
    s.keys(&[Tab, Right, Right, Right, Enter]);
    assert!(
        s.text().contains("trefwoord koffiebar van D04 naar D05"),
        "{}",
        s.text()
    );
    // A new liaison.
    s.keys(&[Char('l'), Right, Enter]);
    assert!(s.text().contains("kernteamlid van D04"), "{}", s.text());
    // Kept in the store: the export carries it.
    let data = s.app.session.load().unwrap();
    let d05 = data.departments.iter().find(|d| d.number == "D05").unwrap();
    assert!(d05.keywords.iter().any(|k| k.text == "koffiebar"));
}

#[test]
fn help_fits_a_small_terminal_in_two_columns() {
    let mut s = Screen::with(Lang::Nl, true, 120, 24);
    s.keys(&[Char('?')]);
    let text = s.text();
    for action in [
        "stoppen",
        "wie is eigenaar?",
        "nieuwe uitzondering",
        "pagina omlaag",
    ] {
        assert!(text.contains(action), "{action} missing:\n{text}");
    }
}

#[test]
fn every_screen_draws_at_every_size_without_panicking() {
    let sizes = [
        (1, 1),
        (20, 5),
        (79, 19),
        (80, 20),
        (81, 21),
        (100, 23),
        (130, 30),
        (220, 70),
    ];
    for (w, h) in sizes {
        let mut s = Screen::with(Lang::Nl, true, w, h);
        s.keys(&[Char('?'), Esc, Char('3'), Enter, Char('?'), Esc, Esc]);
        s.keys(&[Char('o')])
            .typed("vergunning")
            .keys(&[Enter, Esc, Char('z')]);
        s.terminal
            .resize(ratatui::layout::Rect::new(0, 0, w / 2 + 1, h / 2 + 1))
            .unwrap();
        s.draw();
    }
}

#[test]
fn detail_scrolls_to_the_end_and_back() {
    let mut s = Screen::with(Lang::Nl, true, 90, 26);
    s.keys(&[Char('j'), Char('j'), Enter, Char('G')]);
    assert!(s.text().contains("Laatst gewijzigd"), "{}", s.text());
    let bottom = s.app.model.detail_scroll;
    assert!(bottom > 0);
    s.keys(&[Char('k')]);
    assert_eq!(s.app.model.detail_scroll, bottom - 1);
}

#[test]
fn undoing_a_new_case_from_its_detail_returns_to_the_overview() {
    let mut s = Screen::demo();
    s.keys(&[Char('c'), Tab])
        .typed("Nieuwe Ronde Twee")
        .keys(&[Tab])
        .typed("Testvraag");
    s.keys(&[Enter]);
    let c26 = s
        .app
        .model
        .data
        .cases
        .iter()
        .find(|c| c.number == "C26")
        .unwrap()
        .record_ref();
    s.app.model.mode = mandaat::tui::state::Mode::Detail(c26);
    s.keys(&[Char('u')]);
    assert!(s.text().contains("1 Zaken (24)"), "{}", s.text());
}

#[test]
fn switching_to_my_cases_keeps_the_selected_case() {
    let mut s = Screen::demo();
    s.keys(&[Char('j'), Char('j'), Char('m')]);
    assert_eq!(s.app.model.selected_case().unwrap().number, "C03");
}

// ------------------------------------------------------- end-of-day review

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
fn the_next_day_starts_from_that_days_stalled_list() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    seed_store(&store);
    let next_day = Ctx {
        today: NaiveDate::from_ymd_opt(2024, 11, 16).unwrap(),
        now: NaiveDate::from_ymd_opt(2024, 11, 16)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        user: "Anouk".into(),
    };
    let session = Session::embedded(open_retrying(&store), next_day, Lang::Nl);
    let app = App::new(session, Theme { color: true }).unwrap();
    let numbers: Vec<&str> = app
        .model
        .views
        .review
        .iter()
        .map(|r| app.model.data.exceptions[r.idx].number.as_str())
        .collect();
    assert_eq!(numbers, ["X08", "X07", "X05", "X04"]);
    assert!(app.model.views.review.iter().all(|r| !r.done));
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

#[test]
fn an_overdue_track_is_closed_with_a_follow_up_to_the_committee() {
    let mut s = Screen::demo();
    s.keys(&[Char('t'), Char('x')]);
    assert!(
        s.text().contains("T06 afsluiten als verlopen"),
        "{}",
        s.text()
    );
    s.keys(&[Char('j')]);
    let m = &s.app.model;
    let t06 = m.data.tracks.iter().find(|t| t.number == "T06").unwrap();
    assert_eq!(t06.outcome.map(|(o, _)| o), Some(TrackOutcome::Expired));
    let f = m.data.followups.last().unwrap();
    assert_eq!(f.about, t06.record_ref());
    assert!(
        s.text().contains("Certificeringstrajecten"),
        "back in the tracks view"
    );
    assert!(!s.text().contains("│T06"), "{}", s.text());
}

#[test]
fn a_milestone_is_added_from_the_tracks_view() {
    let mut s = Screen::demo();
    // T01 (second row): the audit is done today.
    s.keys(&[Char('t'), Char('j'), Char('m'), Right, Right, Right, Enter]);
    assert!(s.text().contains("Audit gedaan bij T01"), "{}", s.text());
    let t01 = s
        .app
        .model
        .data
        .tracks
        .iter()
        .find(|t| t.number == "T01")
        .unwrap();
    assert!(
        t01.milestones
            .iter()
            .any(|ms| ms.kind == MilestoneKind::AuditDone && ms.on == ctx().today)
    );
}

#[test]
fn sroi_matching_finds_the_two_caterers_and_files_an_introduction() {
    let mut s = Screen::demo();
    s.keys(&[Char('i')]).typed("catering");
    let text = s.text();
    assert!(text.contains("Bouwcombinatie Spaarnestad"), "{text}");
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("│") && l.contains("catering  "))
        .collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(text.contains("Wijkkeuken Oost") && text.contains("Cateraar Tafel van Morgen"));
    s.keys(&[Enter]);
    let f = s.app.model.data.followups.last().unwrap();
    assert!(
        f.subject.starts_with("Introductie koper ↔ ondernemer"),
        "{}",
        f.subject
    );
}

#[test]
fn the_morning_view_charts_the_ages_without_needing_colour() {
    let mut s = Screen::with(Lang::Nl, false, 160, 48);
    s.keys(&[Char('a')]);
    let text = s.text();
    assert!(text.contains("Leeftijd van open uitzonderingen"), "{text}");
    assert!(s.line_with("> 365").contains("K 1"), "{text}");
    assert!(s.line_with("181–365").contains("3"), "{text}");
    assert!(text.contains("T06 Hout & Hoop Pallets"), "{text}");
}

#[test]
fn a_track_is_edited_from_the_tracks_view() {
    let mut s = Screen::demo();
    // T04 (fifth row): the level is corrected.
    s.keys(&[
        Char('t'),
        Char('j'),
        Char('j'),
        Char('j'),
        Char('j'),
        Char('e'),
        Tab,
    ]);
    for _ in 0.."PSO 30+".len() {
        s.keys(&[Backspace]);
    }
    s.typed("trede 3").keys(&[Enter]);
    assert!(s.text().contains("traject T04 bijgewerkt"), "{}", s.text());
    let t04 = s
        .app
        .model
        .data
        .tracks
        .iter()
        .find(|t| t.number == "T04")
        .unwrap();
    assert_eq!(t04.level, "trede 3");
}

#[test]
fn a_records_notes_are_read_when_shown_and_ages_need_none_of_them() {
    let mut s = Screen::demo();
    // The dashboard holds no note texts; ages come from the note heads and
    // equal those of a model that has every note.
    assert!(s.app.model.data.notes.is_empty() && !s.app.model.notes_loaded);
    let full = s.app.session.load().unwrap();
    let settings = s.app.session.settings().unwrap();
    let whole = mandaat::tui::state::Model::new(full, settings, ctx(), Lang::Nl);
    assert_eq!(s.app.model.views.counters, whole.views.counters);
    let stalled = |m: &mandaat::tui::state::Model| -> Vec<usize> {
        m.views.review.iter().map(|r| r.idx).collect()
    };
    assert_eq!(stalled(&s.app.model), stalled(&whole));

    // A view that shows notes before they are read says so.
    s.app.model.mode = mandaat::tui::state::Mode::Detail(
        s.app
            .model
            .data
            .exceptions
            .iter()
            .find(|x| x.number == "X08")
            .unwrap()
            .record_ref(),
    );
    s.draw();
    assert!(
        s.text().contains("notities worden gelezen…"),
        "{}",
        s.text()
    );
    // Opening a detail with a key reads that record's notes.
    s.keys(&[Esc, Char('3'), Enter]);
    let text = s.text();
    assert!(!text.contains("notities worden gelezen…"), "{text}");
    assert!(
        text.contains("07-11-2024 Bram Opnieuw gevraagd naar de planning"),
        "{text}"
    );
    assert!(text.contains("stil 8 d"), "{text}");
    // A note saved here shows at once.
    s.keys(&[Char('n')]).typed("Bas gebeld").keys(&[Enter]);
    assert!(s.text().contains("Anouk Bas gebeld"), "{}", s.text());
}

#[test]
fn long_numbers_are_shown_whole_not_cut_to_another_record() {
    let mut s = Screen::demo();
    // At region scale numbers run to C10025 and X2010; cut to four characters
    // C10025 would read as C100, another case.
    let m = &mut s.app.model;
    let x08 = m
        .data
        .exceptions
        .iter_mut()
        .find(|x| x.number == "X08")
        .unwrap();
    x08.number = "X2008".into();
    let case = x08.case;
    m.data
        .cases
        .iter_mut()
        .find(|c| c.id == case)
        .unwrap()
        .number = "C10025".into();
    m.rebuild();
    s.draw();
    let row = s.line_with("X2008");
    assert!(row.contains("X2008 C10025"), "{row}");
    s.keys(&[Char('G')]);
    assert!(s.line_with("C10025").contains("C10025 "), "{}", s.text());
}

#[test]
fn a_backup_that_fails_is_not_hidden_by_the_save_that_waited_for_it() {
    // A file where the backup folder should be: the day's backup cannot be made.
    let mut s = Screen::before_the_backup(|dir| {
        std::fs::write(dir.join("s-backups"), b"in de weg").unwrap();
    });
    // A note saved before the day's backup is written.
    s.keys(&[Char('3'), Char('n')])
        .typed("Bas gebeld")
        .keys(&[Enter]);
    let status = s.line_with("Opgeslagen");
    assert!(
        status.contains("reservekopie van vandaag is niet gemaakt"),
        "{status}"
    );
    assert!(!s.app.background_pending());
}

#[test]
fn a_header_too_long_for_the_terminal_drops_whole_counters_never_half_a_number() {
    // Region-scale counters: the KIP part no longer fits in 160 columns.
    let mut s = Screen::demo();
    let c = &mut s.app.model.views.counters;
    (c.open_cases, c.critical, c.stalled, c.attention, c.snoozed) = (6001, 1088, 97, 24, 100);
    (c.due_today, c.overdue) = (12, 2201);
    (c.tracks.overdue, c.tracks.within_30) = (146, 15);
    s.draw();
    let header = s.text().lines().next().unwrap().trim_end().to_string();
    assert!(header.contains("te laat"), "{header}");
    assert!(header.ends_with('…'), "{header}");
    assert!(!header.contains("KIP"), "no half a KIP counter: {header}");
    // Where it fits, all of it.
    s.terminal = Terminal::new(TestBackend::new(230, 48)).unwrap();
    s.draw();
    let header = s.text().lines().next().unwrap().to_string();
    assert!(header.contains("KIP: 146 verlopen, 15 ≤ 30 d"), "{header}");
    assert!(!header.contains('…'), "{header}");
}

#[test]
fn a_save_during_the_days_backup_says_it_waits_then_saves() {
    let mut s = Screen::before_the_backup(|_| {});
    // As after the first frame: the backup is being written.
    s.app.start_background();
    s.keys(&[Char('3'), Char('n')])
        .typed("Bas gebeld")
        .keys(&[Enter]);
    // Until the loop collects the backup the save waits; the frame drawn
    // before waiting says why nothing is saved yet.
    assert!(s.app.background_pending());
    assert!(s.text().contains("Even geduld"), "{}", s.text());
    assert!(
        s.app
            .session
            .load()
            .unwrap()
            .notes
            .iter()
            .all(|n| n.text != "Bas gebeld")
    );
    // What the loop does next.
    s.app.carry_out_deferred();
    s.draw();
    assert!(s.text().contains("Opgeslagen: notitie"), "{}", s.text());
    assert!(
        s.app
            .session
            .load()
            .unwrap()
            .notes
            .iter()
            .any(|n| n.text == "Bas gebeld")
    );
    assert!(!s.app.background_pending());
}
