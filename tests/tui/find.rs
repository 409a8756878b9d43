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
