//! Finding things in the overview and beyond: the cases pane's sort, the
//! track detail, the palette from every screen, the mouse.

use super::*;
use mandaat::tui::state::Mode;

#[test]
fn s_on_the_cases_pane_shows_the_sort_in_its_title_and_keeps_the_row() {
    let mut s = Screen::demo();
    assert!(s.text().contains("1 Zaken (24)"), "{}", s.text());
    s.keys(&[Char('j'), Char('j')]);
    let chosen = s.app.model.selected_case().unwrap().number.clone();
    s.typed("s");
    let text = s.text();
    assert!(text.contains("1 Zaken (24 · urgentie)"), "{text}");
    assert!(text.contains("Zaken gesorteerd op urgentie."));
    assert_eq!(s.app.model.selected_case().unwrap().number, chosen);
    // The selected row is still the one highlighted on screen.
    let line = s.line_with(&format!(" {chosen} "));
    assert!(line.contains(&chosen));
    assert_eq!(s.app.model.mode, Mode::Normal);
}

#[test]
fn the_cases_pane_column_says_title_for_the_title_it_shows() {
    let s = Screen::demo();
    let header = s.line_with("Ondernemer");
    assert!(
        header.contains("Titel") && !header.contains("Vraag"),
        "{header}"
    );
}

#[test]
fn enter_in_the_tracks_view_opens_the_track_with_its_milestones_and_actions() {
    let mut s = Screen::demo();
    s.typed("t").keys(&[Down]);
    let line = &s.app.model.views.tracks[1];
    let t = s.app.model.data.tracks[line.track].clone();
    let org = s.app.model.org_name(t.organisation).to_string();
    s.keys(&[Enter]);
    assert_eq!(s.app.model.mode, Mode::Detail(t.record_ref()));
    let text = s.text();
    assert!(text.contains(&format!(" {} ", t.number)), "{text}");
    assert!(text.contains(&org) && text.contains("Verloopt") && text.contains("Mijlpalen"));
    for ms in &t.milestones {
        assert!(text.contains(&mandaat::i18n::date(ms.on)), "{text}");
    }
    insta::assert_snapshot!("track_detail", text);
    // `m` adds a milestone from here and comes back here.
    s.typed("m");
    assert!(matches!(s.app.model.mode, Mode::Form(_)));
    s.keys(&[Enter]);
    assert_eq!(s.app.model.mode, Mode::Detail(t.record_ref()));
    let now = s
        .app
        .model
        .data
        .tracks
        .iter()
        .find(|x| x.id == t.id)
        .unwrap();
    assert_eq!(now.milestones.len(), t.milestones.len() + 1);
    assert!(s.text().contains("Opgeslagen"), "{}", s.text());
    // `n` a note on the track; Esc back to the tracks view at its row.
    s.typed("n");
    assert!(matches!(s.app.model.mode, Mode::Form(_)));
    s.keys(&[Esc]);
    assert_eq!(s.app.model.mode, Mode::Detail(t.record_ref()));
    s.keys(&[Esc]);
    assert_eq!(s.app.model.mode, Mode::Tracks(1));
}
