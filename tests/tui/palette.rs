//! "Find anything": `:` and a number or words, Enter opens the record.

use super::*;
use mandaat::tui::state::Mode;

fn numbered(s: &Screen, number: &str) -> RecordRef {
    let data = &s.app.model.data;
    data.records()
        .find(|r| Number::parse(r.number()) == Number::parse(number))
        .map(|r| r.record_ref())
        .unwrap()
}

#[test]
fn colon_c17_enter_opens_soepbar_eerlijk_bord() {
    let mut s = Screen::demo();
    s.typed(":");
    assert!(matches!(s.app.model.mode, Mode::Palette(_)));
    assert!(s.text().contains("Alles vinden"));
    s.typed("C17").keys(&[Enter]);
    assert_eq!(s.app.model.mode, Mode::Detail(numbered(&s, "C17")));
    assert!(s.text().contains("Soepbar Eerlijk Bord"), "{}", s.text());
}

#[test]
fn a_word_only_in_one_note_opens_the_record_that_note_is_on() {
    let mut s = Screen::demo();
    // The dashboard holds no note texts: the store searches them.
    assert!(s.app.model.data.notes.is_empty());
    s.typed(":ledenlijst");
    // Not on the key path: the store's pass over every note waits until
    // typing pauses (the loop calls this then).
    let Mode::Palette(p) = &s.app.model.mode else {
        panic!("the palette")
    };
    assert!(p.notes.is_none(), "no note search while typing");
    assert!(s.app.palette_waiting());
    assert!(s.app.sync_palette());
    assert!(!s.app.palette_waiting() && !s.app.sync_palette());
    s.draw();
    let line = s.line_with("Ledenlijst met doelgroepstatus");
    assert!(line.contains('N'), "{line}");
    assert!(s.text().contains("Notities"));
    s.keys(&[Enter]);
    assert_eq!(s.app.model.mode, Mode::Detail(numbered(&s, "X05")));
}

#[test]
fn the_palette_groups_hits_by_kind_and_esc_closes_it() {
    let mut s = Screen::demo();
    s.typed(":soep");
    let text = s.text();
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{text}"))
    };
    assert!(at("Zaken") < at("C17") && at("C17") < at("Organisaties"));
    assert!(at("Organisaties") < at("O17"));
    insta::assert_snapshot!("palette", text);
    s.keys(&[Esc]);
    assert_eq!(s.app.model.mode, Mode::Normal);
    assert!(!s.text().contains("Alles vinden"));
}

#[test]
fn colon_works_from_the_review_tracks_and_morning_view_and_esc_returns_there() {
    let mut s = Screen::demo();
    for (open, back) in [
        ("r", Mode::Review(0)),
        ("t", Mode::Tracks(0)),
        ("a", Mode::Morning(0)),
    ] {
        s.keys(&[Esc, Esc]).typed(open);
        assert_eq!(s.app.model.mode, back, "{open}");
        let before = s.text();
        s.typed(":");
        assert!(s.text().contains("Alles vinden"), "{open}");
        s.keys(&[Esc]);
        assert_eq!(s.app.model.mode, back, "{open}");
        assert_eq!(s.text(), before, "{open}");
        // A record opened from the palette comes back there too.
        s.typed(":C17").keys(&[Enter]);
        assert!(matches!(s.app.model.mode, Mode::Detail(_)), "{open}");
        s.keys(&[Esc]);
        assert_eq!(s.app.model.mode, back, "{open}");
    }
}

#[test]
fn behind_the_palette_stays_the_screen_it_was_opened_from() {
    let mut s = Screen::demo();
    s.typed("t");
    let title = s.line_with("Certificeringstrajecten");
    s.typed(":");
    assert!(s.text().contains(&title), "{}", s.text());
}
