//! The `:` palette, "find anything": what is typed, and the hits grouped by
//! kind under a heading each, the selected one marked.

use super::theme::Theme;
use crate::i18n::dashboard as text;
use crate::tui::state::{Model, Palette};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, m: &Model, p: &Palette, theme: Theme) {
    let lang = m.lang;
    let body = super::overlay::search_box(
        frame,
        area,
        (80, 80),
        text::palette_title(lang),
        ": ",
        &p.query,
        theme,
    );
    let rows = p.rows();
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    for (i, row) in rows.iter().enumerate() {
        if i == 0 || rows[i - 1].kind != row.kind {
            if i > 0 {
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(
                text::palette_group(lang, row.kind),
                theme.title(),
            ));
        }
        if i == p.selected {
            selected_line = lines.len();
        }
        let style = match i == p.selected {
            true => theme.selected(),
            false => ratatui::style::Style::new(),
        };
        lines.push(Line::styled(
            format!("  {:<5} {}", row.number, row.label),
            style,
        ));
    }
    if let Some(Err(why)) = p.notes.as_ref().map(|n| &n.hits) {
        lines.push(Line::styled(
            text::palette_notes_failed(lang, why),
            theme.error(),
        ));
    }
    if rows.is_empty() {
        let said = match p.query.trim().is_empty() {
            true => text::palette_prompt(lang),
            false => text::palette_nothing(lang),
        };
        lines.push(Line::styled(said, theme.dim()));
    }
    // Keep the selected line in view.
    let height = body.height.max(1) as usize;
    let top = selected_line.saturating_sub(height - 1);
    frame.render_widget(Paragraph::new(lines).scroll((top as u16, 0)), body);
}
