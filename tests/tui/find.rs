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

fn mouse(s: &mut Screen, kind: ratatui::crossterm::event::MouseEventKind, at: (u16, u16)) {
    s.app.handle_mouse(ratatui::crossterm::event::MouseEvent {
        kind,
        column: at.0,
        row: at.1,
        modifiers: KeyModifiers::NONE,
    });
    s.draw();
}

#[test]
fn a_click_focuses_the_pane_and_selects_the_row_the_wheel_scrolls_it() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let mut s = Screen::with(Lang::Nl, true, 80, 20);
    let left = MouseEventKind::Down(MouseButton::Left);
    // A case row further down.
    let at = s.find("C04");
    mouse(&mut s, left, at);
    assert_eq!(s.app.model.focus, mandaat::tui::action::Pane::Cases);
    assert_eq!(s.app.model.selected_case().unwrap().number, "C04");
    // An exception row: that pane takes the focus.
    let x = s.app.model.data.exceptions[s.app.model.views.exception_rows[1].idx]
        .number
        .clone();
    let at = s.find(&format!("{x} "));
    mouse(&mut s, left, (at.0 + 1, at.1));
    assert_eq!(s.app.model.focus, mandaat::tui::action::Pane::Exceptions);
    assert_eq!(s.app.model.selected_exception().unwrap().0.number, x);
    // The wheel over the cases pane: focus there, three rows down.
    let at = s.find("C01");
    mouse(&mut s, MouseEventKind::ScrollDown, at);
    assert_eq!(s.app.model.focus, mandaat::tui::action::Pane::Cases);
    assert_eq!(s.app.model.selected_case().unwrap().number, "C07");
    for _ in 0..10 {
        mouse(&mut s, MouseEventKind::ScrollDown, at);
    }
    // Scrolled: C01 is off screen, the selection in view.
    let chosen = s.app.model.selected_case().unwrap().number.clone();
    assert!(
        !s.text().contains("C01 ") && s.text().contains(&chosen),
        "{}",
        s.text()
    );
    // A click on the scrolled pane picks the row drawn there.
    let below = s.app.model.views.case_rows
        [s.app.model.selected(mandaat::tui::action::Pane::Cases) - 1]
        .idx;
    let above = s.app.model.data.cases[below].number.clone();
    let at = s.find(&above);
    mouse(&mut s, left, at);
    assert_eq!(s.app.model.selected_case().unwrap().number, above);
    assert_eq!(s.app.model.mode, Mode::Normal);
}

#[test]
fn a_click_in_the_follow_ups_list_selects_that_follow_up() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let mut s = Screen::demo();
    s.typed("F");
    let rows = s.app.model.followup_rows("");
    let third = s.app.model.data.followups[rows[2].idx].number.clone();
    let at = s.find(&format!("{third} "));
    mouse(&mut s, MouseEventKind::Down(MouseButton::Left), at);
    let Mode::FollowUps(l) = &s.app.model.mode else {
        panic!("the list")
    };
    assert_eq!(l.selected, 2);
    // `v` then acts on the clicked one.
    s.typed("v");
    assert!(s.app.model.data.followups[rows[2].idx].is_done());
}
