//! The three panes of the overview: Zaken, Uitzonderingen, Haakjes.

use super::parts::{health_cell, highlighted, window_start};
use super::theme::Theme;
use crate::domain::hooks::Expiry;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::present::columns;
use crate::tui::action::{CaseSort, Pane, Scope};
use crate::tui::state::{Mode, Model};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, List, ListItem, ListState, Paragraph, Row, Table, TableState};

/// From this width on the cases pane also shows the action line.
const WIDE: u16 = 140;

fn block<'a>(m: &Model, pane: Pane, theme: Theme, extra: Vec<String>) -> Block<'a> {
    let focused = m.focus == pane && !matches!(m.mode, Mode::Detail(_));
    let mut title = format!(" {} {} ", pane.index() + 1, text::pane_title(m.lang, pane));
    let filter = m.filter(pane);
    let mut tags = extra;
    if !filter.is_empty() {
        tags.push(text::filter_tag(m.lang, filter));
    }
    if !tags.is_empty() {
        title.push_str(&format!("({}) ", tags.join(" · ")));
    }
    let style = if focused {
        theme.focused_border()
    } else {
        theme.dim()
    };
    Block::bordered()
        .title(Line::styled(title, theme.title()))
        .border_style(style)
}

/// The visible slice of a list and the selection within it.
fn visible(
    m: &Model,
    pane: Pane,
    len: usize,
    height: usize,
    offset: &mut usize,
) -> (usize, usize, Option<usize>) {
    let selected = m.selected(pane).min(len.saturating_sub(1));
    let start = window_start(selected, offset, height).min(len);
    let end = (start + height).min(len);
    let sel = (len > 0 && m.focus == pane).then(|| selected - start);
    (start, end, sel)
}

pub fn cases(frame: &mut Frame, area: Rect, m: &Model, theme: Theme, offset: &mut usize) {
    let lang = m.lang;
    let rows_total = m.views.case_rows.len();
    let mut tags = vec![format!("{rows_total}")];
    // By number is the order they came in: said only once `s` changed it.
    if m.case_sort() != CaseSort::Number {
        tags.push(text::case_sort_tag(lang, m.case_sort()).to_string());
    }
    if m.scope() == Scope::Mine {
        tags.push(text::scope_tag(lang, m.scope()).to_string());
    }
    let block = block(m, Pane::Cases, theme, tags);
    let inner_height = area.height.saturating_sub(3) as usize;
    let (start, end, sel) = visible(m, Pane::Cases, rows_total, inner_height, offset);
    let hl = theme.matched();
    let shown = &m.views.case_rows[start..end];
    let highlights = m.case_highlights(shown);
    let rows = shown.iter().zip(&highlights).map(|(row, highlights)| {
        let c = &m.data.cases[row.idx];
        let org = m.org_name(c.organisation);
        let changed = m.changed_by_others.contains(&c_ref(c));
        let mark = match (changed, row.triage) {
            (true, _) => Span::styled(text::CHANGED_MARK, theme.title()),
            (false, true) => Span::styled(text::triage_mark(), theme.warning()),
            (false, false) => Span::raw(" "),
        };
        Row::new(vec![
            Cell::from(mark),
            Cell::from(highlighted(&c.number, &highlights[0], Style::new(), hl)),
            Cell::from(highlighted(org, &highlights[1], Style::new(), hl)),
            Cell::from(highlighted(&c.title, &highlights[2], Style::new(), hl)),
            Cell::from(i18n::action_line(lang, c.action_line)),
            Cell::from(i18n::case_status(lang, c.status)),
            Cell::from(c.owner.as_str()),
            Cell::from(row.open_blockers.to_string()),
            Cell::from(row.inactivity.map(|d| format!("{d} d")).unwrap_or_default()),
        ])
    });
    // Narrow terminals give the action line's room to the names and questions.
    let action_line = if area.width >= WIDE { 22 } else { 0 };
    let widths = [
        Constraint::Length(1),
        Constraint::Length(m.views.number_widths.case),
        Constraint::Fill(2),
        Constraint::Fill(3),
        Constraint::Length(action_line),
        Constraint::Length(19),
        Constraint::Length(8),
        Constraint::Length(4),
        Constraint::Length(5),
    ];
    let table = Table::new(rows, widths)
        .header(Row::new(columns::headers(lang, &columns::CASES_PANE)).style(theme.title()))
        .row_highlight_style(theme.selected())
        .block(block);
    if rows_total == 0 {
        frame.render_widget(
            Paragraph::new(text::empty_list(lang)).block(table_block(m, Pane::Cases, theme)),
            area,
        );
        return;
    }
    frame.render_stateful_widget(table, area, &mut TableState::new().with_selected(sel));
}

fn table_block<'a>(m: &Model, pane: Pane, theme: Theme) -> Block<'a> {
    block(m, pane, theme, Vec::new())
}

pub fn exceptions(frame: &mut Frame, area: Rect, m: &Model, theme: Theme, offset: &mut usize) {
    let lang = m.lang;
    let total = m.views.exception_rows.len();
    let tags = vec![
        format!("{total}"),
        text::sort_tag(lang, m.sort()).to_string(),
    ];
    let block = block(m, Pane::Exceptions, theme, tags);
    let inner_height = area.height.saturating_sub(3) as usize;
    let (start, end, sel) = visible(m, Pane::Exceptions, total, inner_height, offset);
    let hl = theme.matched();
    let rows = m.views.exception_rows[start..end].iter().map(|row| {
        let x = &m.data.exceptions[row.idx];
        let case = m.case(x.case);
        let case_number = case.map_or("?", |c| c.number.as_str());
        let org = case.map_or("?", |c| m.org_name(c.organisation));
        let st = &row.status;
        let health = st.health.map_or(Cell::from(""), |h| {
            Cell::from(Span::styled(health_cell(lang, h), theme.health(h)))
        });
        let stage = i18n::stage_numbered(lang, x.stage);
        Row::new(vec![
            Cell::from(highlighted(&x.number, &row.highlights[0], Style::new(), hl)),
            Cell::from(highlighted(
                case_number,
                &row.highlights[1],
                Style::new(),
                hl,
            )),
            Cell::from(highlighted(org, &row.highlights[2], Style::new(), hl)),
            Cell::from(Line::from(stage)),
            Cell::from(format!("{} d", st.ages.total_days)),
            Cell::from(format!("{} d", st.ages.stage_days)),
            health,
            Cell::from(match m.changed_by_others.contains(&x_ref(x)) {
                true => Line::from(vec![
                    Span::styled(format!("{} ", text::CHANGED_MARK), theme.title()),
                    Span::raw(i18n::labels(lang, &st.labels)),
                ]),
                false => Line::from(i18n::labels(lang, &st.labels)),
            }),
        ])
    });
    let widths = [
        Constraint::Length(m.views.number_widths.exception),
        Constraint::Length(m.views.number_widths.case),
        Constraint::Fill(2),
        Constraint::Length(21),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(14),
        Constraint::Fill(1),
    ];
    if total == 0 {
        frame.render_widget(Paragraph::new(text::empty_list(lang)).block(block), area);
        return;
    }
    let table = Table::new(rows, widths)
        .header(Row::new(columns::headers(lang, &columns::EXCEPTIONS_PANE)).style(theme.title()))
        .row_highlight_style(theme.selected())
        .block(block);
    frame.render_stateful_widget(table, area, &mut TableState::new().with_selected(sel));
}

pub fn hooks(frame: &mut Frame, area: Rect, m: &Model, theme: Theme, offset: &mut usize) {
    let lang = m.lang;
    let case = m.selected_case();
    let tags = case.map(|c| vec![c.number.clone()]).unwrap_or_default();
    let block = block(m, Pane::Hooks, theme, tags);
    let rows = m.hook_rows();
    if case.is_none() || rows.is_empty() {
        let msg = if case.is_none() {
            text::no_case_selected(lang)
        } else {
            text::no_hooks(lang)
        };
        frame.render_widget(Paragraph::new(msg).style(theme.dim()).block(block), area);
        return;
    }
    // Each haakje takes three lines: title, locator and quote, status.
    let per_item = 3;
    let height = (area.height.saturating_sub(2) as usize / per_item).max(1);
    let (start, end, sel) = visible(m, Pane::Hooks, rows.len(), height, offset);
    let hl = theme.matched();
    let width = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = rows[start..end]
        .iter()
        .map(|row| {
            let (number, title) = row
                .hook
                .as_ref()
                .map_or(("?", "?"), |h| (h.number.as_str(), h.title.as_str()));
            let mut first = highlighted(number, &row.highlights[0], theme.title(), hl);
            first.spans.push(Span::raw(" "));
            first
                .spans
                .extend(highlighted(title, &row.highlights[1], Style::new(), hl).spans);
            let quote = format!(
                "{} {}: “{}”",
                text::locator_kind(lang, row.link.locator_kind),
                row.link.locator,
                row.link.quote
            );
            let mut status = vec![Span::styled(
                text::verified(lang, row.link.verified),
                if row.link.verified {
                    theme.saved()
                } else {
                    theme.dim()
                },
            )];
            match row.expiry {
                Expiry::Expired => {
                    status.push(Span::raw("  "));
                    status.push(Span::styled(text::expired(lang), theme.error()));
                }
                Expiry::Soon(days) => {
                    status.push(Span::raw("  "));
                    status.push(Span::styled(text::expires_in(lang, days), theme.warning()));
                }
                Expiry::Valid => {}
            }
            let quote: String = quote.chars().take(width).collect();
            ListItem::new(vec![
                first,
                Line::styled(format!("  {quote}"), theme.dim()),
                Line::from(
                    std::iter::once(Span::raw("  "))
                        .chain(status)
                        .collect::<Vec<_>>(),
                ),
            ])
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .block(block);
    frame.render_stateful_widget(list, area, &mut ListState::default().with_selected(sel));
}

fn c_ref(c: &crate::domain::Case) -> crate::domain::RecordRef {
    crate::domain::Record::record_ref(c)
}

fn x_ref(x: &crate::domain::ProcurementException) -> crate::domain::RecordRef {
    crate::domain::Record::record_ref(x)
}
