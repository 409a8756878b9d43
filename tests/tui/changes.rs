//! Changing things from the keyboard: filter, sort, notes, stages, undo, blockers, the owner lookup.

use super::*;

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
    // `s` sorts the focused pane: here the exceptions.
    s.keys(&[Char('3'), Char('s'), Char('s')]);
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
    let plate = cache.view().expect("current").plate(d04).unwrap();
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
        // Past the entrepreneur's details to the title.
        .keys(&[Tab, Tab, Tab, Tab, Tab, Tab])
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
fn mine_applies_to_the_exceptions_and_the_header_counters() {
    let mut s = Screen::demo();
    let header_all = s.text().lines().next().unwrap().to_string();
    assert!(header_all.contains("24 open zaken"), "{header_all}");
    s.keys(&[Char('m')]);
    let m = &s.app.model;
    let anouks: Vec<String> = m
        .data
        .exceptions
        .iter()
        .filter(|x| !x.stage.is_closed())
        .filter(|x| {
            m.data
                .cases
                .iter()
                .any(|c| c.id == x.case && c.owner == "Anouk")
        })
        .map(|x| x.number.clone())
        .collect();
    let bram_only: Vec<String> = m
        .data
        .exceptions
        .iter()
        .filter(|x| !anouks.contains(&x.number))
        .map(|x| x.number.clone())
        .collect();
    assert!(!anouks.is_empty() && !bram_only.is_empty());
    let text = s.text();
    for x in &anouks {
        assert!(
            text.contains(&format!("{x}  C")),
            "{x} of Anouk shown:\n{text}"
        );
    }
    for x in &bram_only {
        assert!(
            !text.contains(&format!("{x}  C")),
            "{x} of Bram hidden:\n{text}"
        );
    }
    let mine_cases = m
        .data
        .cases
        .iter()
        .filter(|c| c.owner == "Anouk" && c.status.is_open())
        .count();
    let header = text.lines().next().unwrap();
    assert!(
        header.contains(&format!("{mine_cases} open zaken")),
        "{header}"
    );
    // And back.
    s.keys(&[Char('m')]);
    assert_eq!(s.text().lines().next().unwrap(), header_all);
}
