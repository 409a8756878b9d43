//! The follow-ups list (`F`): every open follow-up, overdue first, with how
//! late it is, whom it is with, the record it is about and what. It scrolls
//! to keep the selected row in view; only the visible rows are drawn.

use super::parts::window_start;
use super::theme::Theme;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::state::{FollowUpList, Model};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

/// Draw the list; returns the rows a page holds.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    m: &Model,
    l: &FollowUpList,
    theme: Theme,
    offset: &mut usize,
) -> usize {
    let lang = m.lang;
    let rows = m.followup_rows(&l.query);
    let open = match l.query.is_empty() {
        true => rows.len(),
        false => m.data.followups.iter().filter(|f| !f.is_done()).count(),
    };
    let mut title = format!(" {} ", text::fl_title(lang, rows.len(), open));
    if !l.query.is_empty() || l.typing {
        let cursor = if l.typing { "▏" } else { "" };
        title.push_str(&format!("· /{}{cursor} ", l.query));
    }
    let block = Block::bordered()
        .title(Line::styled(title, theme.title()))
        .border_style(theme.focused_border());
    // Borders and the header row take three lines.
    let height = usize::from(area.height.saturating_sub(3)).max(1);
    if rows.is_empty() {
        let why = match l.query.is_empty() {
            true => text::fl_none(lang),
            false => text::fl_none_match(lang),
        };
        frame.render_widget(Paragraph::new(why).block(block), area);
        return height;
    }
    let selected = l.selected.min(rows.len() - 1);
    let start = window_start(selected, offset, height).min(rows.len());
    let end = (start + height).min(rows.len());
    let today = m.ctx.today;
    // As wide as the longest "… dagen te laat" shown, no wider: at 80
    // columns the names need the room.
    let when_width = (rows[start..end].iter())
        .map(|r| text::fl_when(lang, (today - m.data.followups[r.idx].due).num_days()))
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0) as u16;
    let table_rows = rows[start..end].iter().map(|r| {
        let f = &m.data.followups[r.idx];
        let late = (today - f.due).num_days();
        let style = match late {
            d if d > 0 => theme.warning(),
            0 => theme.title(),
            _ => Style::new(),
        };
        Row::new(vec![
            Cell::from(i18n::date(f.due)),
            Cell::from(Span::styled(text::fl_when(lang, late), style)),
            Cell::from(r.with.clone()),
            Cell::from(r.record.clone()),
            Cell::from(format!("{} {}", f.number, f.subject)),
        ])
    });
    let widths = [
        Constraint::Length(10),
        Constraint::Length(when_width),
        Constraint::Fill(2),
        Constraint::Fill(3),
        Constraint::Fill(4),
    ];
    let table = Table::new(table_rows, widths)
        .header(Row::new(text::fl_columns(lang)).style(theme.title()))
        .row_highlight_style(theme.selected())
        .block(block);
    frame.render_stateful_widget(
        table,
        area,
        &mut TableState::new().with_selected(Some(selected - start)),
    );
    height
}
