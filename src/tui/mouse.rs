//! The mouse, as data like the keys: where a click or the wheel lands on the
//! screen as last drawn (`ui::Areas`) → the actions it asks for. A left click
//! on a pane's row focuses that pane and selects the row; the wheel moves the
//! selection of the pane under the pointer (or the list, or the detail view's
//! scroll) by a few rows.

use super::action::{Action, Pane};
use super::state::Mode;
use super::ui::Scroll;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

/// Rows one notch of the wheel moves.
pub const WHEEL_ROWS: usize = 3;

/// Lines a pane's rows start below its top: the border, and the column
/// header of a table (the haakjes pane has none).
fn first_row(pane: Pane) -> u16 {
    match pane {
        Pane::Hooks => 1,
        Pane::Cases | Pane::Exceptions => 2,
    }
}

/// Lines one row takes: a haakje three (title, locator and quote, status).
fn row_height(pane: Pane) -> u16 {
    match pane {
        Pane::Hooks => 3,
        Pane::Cases | Pane::Exceptions => 1,
    }
}

/// The pane a cell is in, with the row of its list there (`None` on its
/// border or column header), counting from the first row shown (`offsets`).
pub fn pane_at(scroll: &Scroll, x: u16, y: u16) -> Option<(Pane, Option<usize>)> {
    let panes = scroll.areas.panes?;
    let at = Position { x, y };
    let pane = Pane::ALL
        .into_iter()
        .find(|p| panes[p.index()].contains(at))?;
    let area = panes[pane.index()];
    let row = inner_row(area, first_row(pane), row_height(pane), x, y)
        .map(|r| r + scroll.offsets[pane.index()]);
    Some((pane, row))
}

/// The row of the follow-ups list at a cell (the first row shown plus the
/// line), `None` outside its rows.
pub fn list_row_at(scroll: &Scroll, x: u16, y: u16) -> Option<usize> {
    let area = scroll.areas.list?;
    inner_row(area, 2, 1, x, y).map(|r| r + scroll.list_offset)
}

/// The row on screen (from 0) of a cell inside `area`'s borders, below its
/// first `top` lines, rows `height` lines each.
fn inner_row(area: Rect, top: u16, height: u16, x: u16, y: u16) -> Option<usize> {
    let inside_x = x > area.x && x + 1 < area.right();
    let inside_y = y >= area.y + top && y + 1 < area.bottom();
    (inside_x && inside_y).then(|| usize::from((y - area.y - top) / height.max(1)))
}

/// What a mouse event asks for in a mode; nothing while help or a form,
/// question or overlay is open.
pub fn actions(mode: &Mode, help: bool, scroll: &Scroll, e: MouseEvent) -> Vec<Action> {
    if help {
        return Vec::new();
    }
    let (x, y) = (e.column, e.row);
    let wheel = |a: Action| vec![a; WHEEL_ROWS];
    match (mode, e.kind) {
        (Mode::Normal, MouseEventKind::Down(MouseButton::Left)) => match pane_at(scroll, x, y) {
            Some((pane, Some(row))) => vec![Action::Select(pane, row)],
            Some((pane, None)) => vec![Action::Focus(pane)],
            None => Vec::new(),
        },
        (Mode::Normal, MouseEventKind::ScrollDown | MouseEventKind::ScrollUp) => {
            let step = match e.kind {
                MouseEventKind::ScrollDown => Action::Down,
                _ => Action::Up,
            };
            match pane_at(scroll, x, y) {
                Some((pane, _)) => std::iter::once(Action::Focus(pane))
                    .chain(wheel(step))
                    .collect(),
                None => Vec::new(),
            }
        }
        (Mode::FollowUps(_), MouseEventKind::Down(MouseButton::Left)) => list_row_at(scroll, x, y)
            .map(Action::SelectRow)
            .into_iter()
            .collect(),
        (
            Mode::FollowUps(_) | Mode::Detail(_) | Mode::Morning(_) | Mode::Tracks(_),
            MouseEventKind::ScrollDown,
        ) => wheel(Action::Down),
        (
            Mode::FollowUps(_) | Mode::Detail(_) | Mode::Morning(_) | Mode::Tracks(_),
            MouseEventKind::ScrollUp,
        ) => wheel(Action::Up),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    /// The overview at 80×20 as `ui::draw` lays it out: cases on top,
    /// exceptions bottom left, haakjes bottom right.
    fn overview() -> Scroll {
        let mut s = Scroll::default();
        s.areas.panes = Some([
            Rect::new(0, 1, 80, 8),
            Rect::new(51, 9, 29, 9),
            Rect::new(0, 9, 51, 9),
        ]);
        s
    }

    fn mouse(kind: MouseEventKind, x: u16, y: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn a_cell_is_in_the_pane_and_row_drawn_there() {
        let mut s = overview();
        // The cases pane: border at y 1, header at 2, rows from 3.
        assert_eq!(pane_at(&s, 10, 1), Some((Pane::Cases, None)));
        assert_eq!(pane_at(&s, 10, 2), Some((Pane::Cases, None)));
        assert_eq!(pane_at(&s, 10, 3), Some((Pane::Cases, Some(0))));
        assert_eq!(pane_at(&s, 10, 7), Some((Pane::Cases, Some(4))));
        // Its bottom border and side borders hold no row.
        assert_eq!(pane_at(&s, 10, 8), Some((Pane::Cases, None)));
        assert_eq!(pane_at(&s, 0, 5), Some((Pane::Cases, None)));
        assert_eq!(pane_at(&s, 79, 5), Some((Pane::Cases, None)));
        // Scrolled down: the row counts from the first one shown.
        s.offsets[Pane::Cases.index()] = 10;
        assert_eq!(pane_at(&s, 10, 3), Some((Pane::Cases, Some(10))));
        // The exceptions pane and the haakjes, three lines a haakje.
        assert_eq!(pane_at(&s, 5, 11), Some((Pane::Exceptions, Some(0))));
        assert_eq!(pane_at(&s, 60, 10), Some((Pane::Hooks, Some(0))));
        assert_eq!(pane_at(&s, 60, 12), Some((Pane::Hooks, Some(0))));
        assert_eq!(pane_at(&s, 60, 13), Some((Pane::Hooks, Some(1))));
        // Off the panes (header, hint and status lines).
        assert_eq!(pane_at(&s, 10, 0), None);
        assert_eq!(pane_at(&s, 10, 19), None);
        // No overview drawn: nothing.
        assert_eq!(pane_at(&Scroll::default(), 10, 3), None);
    }

    #[test]
    fn a_click_selects_the_row_and_the_wheel_moves_the_pane_under_it() {
        let s = overview();
        let click = mouse(MouseEventKind::Down(MouseButton::Left), 5, 12);
        assert_eq!(
            actions(&Mode::Normal, false, &s, click),
            vec![Action::Select(Pane::Exceptions, 1)]
        );
        let on_title = mouse(MouseEventKind::Down(MouseButton::Left), 60, 9);
        assert_eq!(
            actions(&Mode::Normal, false, &s, on_title),
            vec![Action::Focus(Pane::Hooks)]
        );
        let wheel = mouse(MouseEventKind::ScrollDown, 10, 4);
        assert_eq!(
            actions(&Mode::Normal, false, &s, wheel),
            vec![
                Action::Focus(Pane::Cases),
                Action::Down,
                Action::Down,
                Action::Down
            ]
        );
        // Help open, or a form: the mouse does nothing.
        assert!(actions(&Mode::Normal, true, &s, click).is_empty());
        assert!(actions(&Mode::Filter, false, &s, click).is_empty());
        // A release or a move does nothing either.
        let up = mouse(MouseEventKind::Up(MouseButton::Left), 5, 12);
        assert!(actions(&Mode::Normal, false, &s, up).is_empty());
    }

    #[test]
    fn in_the_follow_ups_list_a_click_picks_a_row_under_its_header() {
        let mut s = Scroll::default();
        s.areas.list = Some(Rect::new(0, 1, 80, 17));
        s.list_offset = 4;
        let mode = Mode::FollowUps(Box::default());
        let at = |y| mouse(MouseEventKind::Down(MouseButton::Left), 10, y);
        assert_eq!(actions(&mode, false, &s, at(3)), vec![Action::SelectRow(4)]);
        assert_eq!(actions(&mode, false, &s, at(5)), vec![Action::SelectRow(6)]);
        assert!(actions(&mode, false, &s, at(2)).is_empty(), "the header");
        let wheel = mouse(MouseEventKind::ScrollUp, 10, 5);
        assert_eq!(actions(&mode, false, &s, wheel), vec![Action::Up; 3]);
    }
}
