//! The views: review, morning, tracks, SROI, notes read when shown, long numbers.

use super::*;

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
    assert!(s.line_with("> 365").contains("│K "), "{text}");
    assert!(s.line_with("> 365").contains("1: 1 kritiek"), "{text}");
    assert!(
        s.line_with("181–365")
            .contains("3: 1 kritiek · 1 ok · 1 gesnoozed"),
        "{text}"
    );
    assert!(text.contains("T06 Hout & Hoop Pallets"), "{text}");
}

/// In English the chart's letters, its rows and its legend are English.
#[test]
fn the_age_chart_reads_in_english_too() {
    let mut s = Screen::with(Lang::En, false, 160, 48);
    s.keys(&[Char('a')]);
    let text = s.text();
    assert!(text.contains("Age of open exceptions"), "{text}");
    assert!(s.line_with("> 365").contains("│C "), "{text}");
    assert!(
        s.line_with("181–365")
            .contains("3: 1 critical · 1 ok · 1 snoozed"),
        "{text}"
    );
    assert!(s.line_with("31–90").contains("CS "), "{text}");
    assert!(
        text.contains("C critical · S stalled · A attention · o ok · z snoozed"),
        "{text}"
    );
    for dutch in ["kritiek", "vastgelopen", "aandacht"] {
        assert!(!text.contains(dutch), "{dutch}:\n{text}");
    }
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
    let c = &mut s.app.model.views.shown;
    (c.open_cases, c.critical, c.stalled, c.attention, c.snoozed) = (6001, 1088, 97, 24, 100);
    (c.due_today, c.overdue) = (12, 2201);
    (c.tracks.overdue, c.tracks.within_30) = (146, 15);
    s.draw();
    let header = s.text().lines().next().unwrap().trim_end().to_string();
    assert!(header.contains("te laat"), "{header}");
    assert!(header.ends_with('…'), "{header}");
    // The least important counter goes first, and whole.
    assert!(!header.contains("gesnoozed"), "{header}");
    assert!(
        !header.contains("KIP") || header.contains("KIP: 146 verlopen, 15 ≤ 30 d"),
        "no half a KIP counter: {header}"
    );
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

// ------------------------------------------------------- issue 16: the review

/// X07, moved back a stage from within the review, stays on today's list but
/// shows its new stage with 0 days in it and Ok, as the exceptions pane does.
#[test]
fn the_review_shows_an_item_as_it_is_now() {
    let mut s = Screen::demo();
    s.keys(&[Char('r'), Char('l')]);
    assert!(s.text().contains("2/4"), "{}", s.text());
    assert!(s.text().contains("X07"), "{}", s.text());
    s.keys(&[Char('<'), Tab])
        .typed("advies moet over")
        .keys(&[Enter]);
    let text = s.text();
    assert!(text.contains("X07"), "still on the list:\n{text}");
    assert!(text.contains("0 dagen in fase"), "{text}");
    assert!(!text.contains("74 dagen in fase"), "{text}");
    let m = &s.app.model;
    let row = m
        .views
        .review
        .iter()
        .find(|r| m.data.exceptions[r.idx].number == "X07")
        .unwrap();
    assert!(row.done);
    assert_eq!(row.status.ages.stage_days, 0);
    assert_eq!(row.status.health, Some(mandaat::domain::ageing::Health::Ok));
    let listed = m
        .views
        .exception_rows
        .iter()
        .find(|r| m.data.exceptions[r.idx].number == "X07")
        .unwrap();
    assert_eq!(row.status, listed.status);
}

/// Every item of the demo's review done with a note, then the day closed.
fn close_the_day(s: &mut Screen) {
    s.keys(&[Char('r')]);
    for i in 0..4 {
        if i > 0 {
            s.keys(&[Char('l')]);
        }
        s.keys(&[Char('n')]).typed("gebeld").keys(&[Enter]);
    }
    assert!(s.text().contains("4/4 · volledig"), "{}", s.text());
    s.keys(&[Enter]);
    assert!(s.text().contains("rapport:"), "{}", s.text());
}

#[test]
fn undoing_the_day_close_removes_its_report_and_the_morning_knows_it() {
    let mut s = Screen::demo();
    close_the_day(&mut s);
    let report = s.app.reports_dir().join("dagafsluiting-2024-11-15.md");
    assert!(report.exists());
    // Once today's review is done, the morning view does not say there was none.
    s.keys(&[Esc, Char('a')]);
    let text = s.text();
    assert!(!text.contains("nog geen eerdere dagafsluiting"), "{text}");
    assert!(
        text.contains("Vastgelopen sinds de dagafsluiting van 15-11-2024"),
        "{text}"
    );
    s.keys(&[Esc, Char('u')]);
    assert!(s.text().contains("Ongedaan gemaakt"), "{}", s.text());
    assert!(!report.exists(), "the report goes with its summary note");
    assert!(
        !s.app
            .model
            .note_heads
            .iter()
            .any(|n| n.kind == NoteKind::DaySummary)
    );
    s.keys(&[Char('a')]);
    assert!(
        s.text()
            .contains("Vastgelopen (nog geen eerdere dagafsluiting)")
    );
}

#[test]
fn a_note_number_freed_by_undo_is_not_handed_out_again() {
    let mut s = Screen::demo();
    s.keys(&[Char('3'), Char('n')])
        .typed("eerste")
        .keys(&[Enter]);
    let first = s.app.model.note_heads.iter().map(|h| h.seq).max().unwrap();
    s.keys(&[Char('u')]);
    assert!(s.text().contains("Ongedaan gemaakt"), "{}", s.text());
    s.keys(&[Char('n')]).typed("tweede").keys(&[Enter]);
    let second = s.app.model.note_heads.iter().map(|h| h.seq).max().unwrap();
    assert_eq!(second, first + 1, "N{first} was handed out and undone");
}

#[test]
fn a_note_number_freed_by_undo_is_not_handed_out_after_a_restart_either() {
    let mut s = Screen::demo();
    let highest = |s: &Screen| s.app.model.note_heads.iter().map(|h| h.seq).max().unwrap();
    s.keys(&[Char('3'), Char('n')])
        .typed("eerste")
        .keys(&[Enter]);
    let first = highest(&s);
    s.keys(&[Char('u')]);
    assert!(s.text().contains("Ongedaan gemaakt"), "{}", s.text());
    let mut s = s.reopened();
    assert!(
        highest(&s) < first,
        "the undone note is gone from the store"
    );
    s.keys(&[Char('3'), Char('n')])
        .typed("tweede")
        .keys(&[Enter]);
    assert_eq!(highest(&s), first + 1, "N{first} was handed out and undone");
}

/// The day's summary note is on no record: the morning view lists the
/// latest and opens it, and the palette finds it by its number and by a word
/// of its text.
#[test]
fn the_days_summary_is_found_in_the_morning_view_and_the_palette() {
    use mandaat::tui::state::Mode;
    let mut s = Screen::demo();
    close_the_day(&mut s);
    let head = *(s.app.model.note_heads.iter())
        .find(|h| h.kind == NoteKind::DaySummary)
        .unwrap();
    let number = Kind::Note.number(head.seq);
    let summary = RecordRef {
        kind: Kind::Note,
        id: head.id,
    };
    s.keys(&[Esc, Char('a')]);
    let line = s.line_with("Dagafsluiting 15-11-2024 (vandaag)");
    assert!(line.contains(&number), "{line}");
    assert!(s.text().contains("Laatste dagafsluiting"));
    s.keys(&[Char('G'), Enter]);
    assert_eq!(s.app.model.mode, Mode::Detail(summary));
    let text = s.text();
    assert!(text.contains(&format!(" {number} ")), "{text}");
    assert!(text.contains("X07 (C04)"), "the summary's text:\n{text}");
    // It takes no note or follow-up of its own.
    s.keys(&[Char('n'), Char('f')]);
    assert_eq!(s.app.model.mode, Mode::Detail(summary));
    s.keys(&[Esc]);
    assert!(matches!(s.app.model.mode, Mode::Morning(_)));

    s.keys(&[Esc]).typed(":").typed(&number).keys(&[Enter]);
    assert_eq!(s.app.model.mode, Mode::Detail(summary), "{}", s.text());
    s.keys(&[Esc]).typed(":dagafsluiting");
    // The note texts are searched once typing pauses.
    assert!(s.app.sync_palette());
    s.draw();
    assert!(s.text().contains(&number), "{}", s.text());
    s.keys(&[Enter]);
    assert_eq!(s.app.model.mode, Mode::Detail(summary), "{}", s.text());
    assert!(s.text().contains("X07 (C04)"), "{}", s.text());
}

// ------------------------------------------- issue 16: the smaller points

/// The hint line offers only what acts on the record in view.
#[test]
fn hints_offer_only_what_applies_to_the_record_in_view() {
    let mut s = Screen::demo();
    let hints = |s: &Screen| s.text().lines().nth(46).unwrap().to_string();
    // A case selected in the overview, then open: no stage keys.
    assert!(!hints(&s).contains("fase vooruit"), "{}", hints(&s));
    s.keys(&[Enter]);
    assert!(!hints(&s).contains("fase vooruit"), "{}", hints(&s));
    assert!(hints(&s).contains("notitie"), "{}", hints(&s));
    // An exception: the stage keys are there.
    s.keys(&[Esc, Char('3'), Enter]);
    assert!(hints(&s).contains("fase vooruit"), "{}", hints(&s));
    // The repeat key only where there is an open follow-up (X07 has F02).
    assert!(!hints(&s).contains("herhaal follow-up"), "{}", hints(&s));
    s.keys(&[Esc, Char('j'), Enter]);
    assert!(s.text().contains("X07"), "{}", s.text());
    assert!(hints(&s).contains("herhaal follow-up"), "{}", hints(&s));
}

/// `o` in the review looks up an owner; Esc goes back to the same item.
#[test]
fn esc_from_the_owner_lookup_returns_to_the_review_item() {
    use mandaat::tui::state::Mode;
    let mut s = Screen::demo();
    s.keys(&[Char('r'), Char('l'), Char('o')]);
    assert!(matches!(s.app.model.mode, Mode::Lookup(_)), "{}", s.text());
    s.keys(&[Esc]);
    assert_eq!(s.app.model.mode, Mode::Review(1), "{}", s.text());
    assert!(s.text().contains("2/4"), "{}", s.text());
}

/// A key that means nothing where it is pressed says so.
#[test]
fn an_unknown_key_says_so_in_the_status_line() {
    let mut s = Screen::demo();
    s.keys(&[Char('y')]);
    assert!(
        s.text().contains("Onbekende toets y — ? voor hulp"),
        "{}",
        s.text()
    );
    let mut en = Screen::with(Lang::En, true, 160, 48);
    en.keys(&[Char('a'), Char('Q')]);
    assert!(
        en.text().contains("Unknown key Q — ? for help"),
        "{}",
        en.text()
    );
    // A known key says nothing of the sort; the help overlay takes keys quietly.
    en.keys(&[Esc, Char('?'), Char('y')]);
    assert!(!en.text().contains("Unknown key y"), "{}", en.text());
}

/// The escalation form asks for a request, not a "Besluit" (stage 6's name).
#[test]
fn the_escalation_form_asks_for_a_request_not_a_besluit() {
    let mut s = Screen::demo();
    s.keys(&[Char('r'), Char('e')]);
    let text = s.text();
    assert!(text.contains("▶ Verzoek"), "{text}");
    assert!(!text.contains("▶ Besluit"), "{text}");
    let mut en = Screen::with(Lang::En, true, 160, 48);
    en.keys(&[Char('r'), Char('e')]);
    assert!(en.text().contains("▶ Request"), "{}", en.text());
}

#[test]
fn a_case_number_freed_by_undo_is_not_handed_out_after_a_restart_either() {
    let highest = |s: &Screen, kind: Kind| {
        s.app
            .model
            .data
            .records()
            .filter(|r| r.kind() == kind)
            .filter_map(|r| Number::parse(r.number()))
            .map(|n| n.seq)
            .max()
            .unwrap()
    };
    // A new case with a new entrepreneur: a case and an organisation number.
    let new_case = |s: &mut Screen, name: &str| {
        s.keys(&[Char('c'), Tab])
            .typed(name)
            .keys(&[Tab, Tab, Tab, Tab, Tab, Tab])
            .typed("Testvraag")
            .keys(&[Enter]);
    };
    let mut s = Screen::demo();
    new_case(&mut s, "Nieuwe Ronde Een");
    let (case, org) = (highest(&s, Kind::Case), highest(&s, Kind::Organisation));
    s.keys(&[Char('u')]);
    assert!(s.text().contains("Ongedaan gemaakt"), "{}", s.text());
    let mut s = s.reopened();
    assert!(highest(&s, Kind::Case) < case, "the undone case is gone");
    assert!(
        highest(&s, Kind::Organisation) < org,
        "and its entrepreneur"
    );
    new_case(&mut s, "Nieuwe Ronde Twee");
    assert_eq!(
        highest(&s, Kind::Case),
        case + 1,
        "C{case} was handed out and undone"
    );
    assert_eq!(highest(&s, Kind::Organisation), org + 1, "O{org} too");
}

#[test]
fn the_follow_up_of_an_expired_track_is_numbered_past_the_stores_mark() {
    let mut s = Screen::demo();
    // As after an undone follow-up F40 in an earlier session.
    let mark = Issued::of(Number::parse("F40"));
    assert!(s.app.model.data.next_seq(Kind::FollowUp) <= 40);
    s.app.model.issued_at_least(&mark);
    s.keys(&[Char('t'), Char('x'), Char('j')]);
    let f = s.app.model.data.followups.last().unwrap();
    assert_eq!(f.about.kind, Kind::Track);
    assert_eq!(f.number, "F41");
}
