//! Overlays drawn over the screen: help, forms and confirmations.

use super::theme::Theme;
use crate::i18n::dashboard as text;
use crate::tui::form::{FieldKind, Form};
use crate::tui::keymap;
use crate::tui::state::Model;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn boxed(frame: &mut Frame, area: Rect, w: u16, h: u16) -> Rect {
    let rect = area.centered(
        Constraint::Length(w.min(area.width)),
        Constraint::Length(h.min(area.height)),
    );
    frame.render_widget(Clear, rect);
    rect
}

pub fn help(frame: &mut Frame, area: Rect, m: &Model, theme: Theme) {
    let lang = m.lang;
    let entries: Vec<Line> = keymap::bindings(&m.mode, false)
        .into_iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(
                    format!(" {:<11}", text::key_label(lang, b.label)),
                    theme.key(),
                ),
                Span::raw(text::action(lang, b.action)),
            ])
        })
        .collect();
    // Two columns when one would not fit, so small terminals see every key.
    let room = area.height.saturating_sub(6) as usize;
    let columns = if entries.len() > room { 2 } else { 1 };
    let rows = entries.len().div_ceil(columns);
    let width = if columns == 2 { 110 } else { 64 };
    let rect = boxed(frame, area, width, rows as u16 + 4);
    let block = Block::bordered()
        .title(Line::styled(
            format!(
                " {} — {} ",
                text::help_title(lang),
                text::mode_name(lang, (&m.mode).into())
            ),
            theme.title(),
        ))
        .title_bottom(Line::styled(" ?/Esc ", theme.dim()))
        .border_style(theme.focused_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let halves = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(inner);
    for (i, chunk) in entries.chunks(rows).enumerate() {
        frame.render_widget(Paragraph::new(chunk.to_vec()), halves[i]);
    }
}

pub fn form(frame: &mut Frame, area: Rect, m: &Model, form: &Form, theme: Theme) {
    let lang = m.lang;
    let mut lines = Vec::new();
    // Labels line up; a space always parts the longest from its value.
    let label_width = form
        .fields()
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0)
        .min(LABEL_WIDTH);
    for (i, f) in form.fields().iter().enumerate() {
        let focused = i == form.focus();
        let marker = if focused { "▶ " } else { "  " };
        let label = format!("{marker}{:<label_width$} ", f.label);
        let value = match (&f.kind, &f.matching) {
            (FieldKind::Choice(options), Some(matching)) if focused => {
                format!("{}▏ ({}/{})", f.value, matching.len(), options.len())
            }
            (FieldKind::Choice(options), _) => {
                format!("◀ {} ▶", options.get(f.choice).map_or("", |s| s.as_str()))
            }
            _ if focused => format!("{}▏", f.value),
            _ => f.value.clone(),
        };
        let style = if focused { theme.key() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(label, style),
            Span::raw(value),
        ]));
        if let (FieldKind::Choice(options), Some(matching), true) = (&f.kind, &f.matching, focused)
        {
            search_matches(&mut lines, options, matching, f.choice, theme);
        }
        if let Some(err) = f
            .error(lang, m.ctx.today)
            .filter(|_| !f.value.is_empty() || focused)
        {
            lines.push(Line::styled(format!("    {err}"), theme.error()));
        }
    }
    if let Some(w) = &form.warning {
        lines.push(Line::raw(""));
        lines.push(Line::styled(w.clone(), theme.warning()));
    }
    if let Some(e) = &form.error {
        lines.push(Line::raw(""));
        lines.push(Line::styled(e.clone(), theme.error()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(text::form_hint(lang), theme.dim()));
    let width = 76;
    let h = lines.len() as u16 + 4;
    let rect = boxed(frame, area, width, h);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(Line::styled(format!(" {} ", form.title), theme.title()))
                .border_style(theme.focused_border()),
        ),
        rect,
    );
}

/// The widest a form's label column gets; a longer label still ends in a space.
const LABEL_WIDTH: usize = 26;
/// How many matches a search field lists under itself.
const SEARCH_ROWS: usize = 6;

/// A focused search field's matches, the chosen one marked, around it.
fn search_matches(
    lines: &mut Vec<Line<'static>>,
    options: &[String],
    matching: &[usize],
    chosen: usize,
    theme: Theme,
) {
    let at = matching.iter().position(|&i| i == chosen).unwrap_or(0);
    let start = at.saturating_sub(SEARCH_ROWS - 1);
    for &i in matching.iter().skip(start).take(SEARCH_ROWS) {
        let (mark, style) = if i == chosen {
            ("    ▸ ", theme.key())
        } else {
            ("      ", Style::new())
        };
        lines.push(Line::styled(format!("{mark}{}", options[i]), style));
    }
}

pub fn confirm(frame: &mut Frame, area: Rect, question: &str, theme: Theme) {
    let rect = boxed(frame, area, 64, 5);
    frame.render_widget(
        Paragraph::new(question.to_string())
            .wrap(Wrap { trim: true })
            .block(Block::bordered().border_style(theme.warning())),
        rect,
    );
}

/// A search box over the screen: a bordered, cleared area of `width` and
/// `height` percent with `title`, the typed `query` after `prompt` on its
/// first line (with a cursor); returns the area below it for the results.
/// The owner lookup and the palette share it.
pub(super) fn search_box(
    frame: &mut Frame,
    area: Rect,
    (width, height): (u16, u16),
    title: &str,
    prompt: &str,
    query: &str,
    theme: Theme,
) -> Rect {
    let rect = area.centered(
        Constraint::Percentage(width),
        Constraint::Percentage(height),
    );
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .border_style(theme.focused_border());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [input, body] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]));
    frame.render_widget(
        Line::from(vec![
            Span::styled(prompt.to_string(), theme.key()),
            Span::raw(query.to_string()),
            Span::styled("▏", theme.key()),
        ]),
        input,
    );
    body
}
