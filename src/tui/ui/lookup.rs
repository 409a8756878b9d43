//! The "wie is eigenaar?" overlay: the query, the ranked departments with the
//! matched characters highlighted, and what the selected one has on its plate.

use super::parts::highlighted;
use super::theme::Theme;
use crate::domain::*;
use crate::i18n::dashboard as text;
use crate::tui::state::{Lookup, Model, PlateRows};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, m: &Model, l: &Lookup, theme: Theme) {
    let lang = m.lang;
    let body = super::overlay::search_box(
        frame,
        area,
        (92, 84),
        text::lookup_title(lang),
        text::lookup_prompt(lang),
        &l.query,
        theme,
    );
    let rows = m.lookup_rows(&l.query);
    if rows.is_empty() {
        let context = l
            .context
            .and_then(|r| m.data.get(r))
            .map(|r| r.number().to_string());
        let lines = vec![
            Line::styled(text::no_owner(lang), theme.warning()),
            Line::raw(""),
            Line::raw(text::offer_kernteam(lang, context.as_deref())),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), body);
        return;
    }
    let [list_area, plate_area] = body.layout(&Layout::horizontal([
        Constraint::Percentage(55),
        Constraint::Fill(1),
    ]));
    let selected = l.selected.min(rows.len() - 1);
    // Three lines per department; only the visible ones are built.
    let per = 3usize;
    let fits = (list_area.height as usize / per).max(1);
    let start = selected.saturating_sub(fits - 1);
    let items: Vec<ListItem> = rows
        .iter()
        .skip(start)
        .take(fits)
        .map(|row| {
            let d = &m.data.departments[row.department];
            let mut first = vec![Span::styled(
                format!("{} {}", d.number, d.name),
                theme.title(),
            )];
            let second = match &row.hit {
                Some(hit) => {
                    let mut spans = vec![Span::raw("  ")];
                    spans.extend(
                        highlighted(&hit.keyword, &hit.indices, Style::new(), theme.matched())
                            .spans,
                    );
                    spans.push(Span::styled(
                        format!(
                            "  ({}, {})",
                            text::primary(lang, hit.primary),
                            text::match_class(lang, hit.class)
                        ),
                        theme.dim(),
                    ));
                    Line::from(spans)
                }
                None => Line::styled(format!("  {}", keywords_preview(d, 6)), theme.dim()),
            };
            first.push(Span::raw(""));
            ListItem::new(vec![
                Line::from(first),
                second,
                Line::styled(format!("  {}", liaison_line(m, d, lang)), theme.dim()),
            ])
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(selected - start));
    frame.render_stateful_widget(
        List::new(items).highlight_style(theme.selected()),
        list_area,
        &mut state,
    );
    let d = &m.data.departments[rows[selected].department];
    frame.render_widget(
        Paragraph::new(plate_lines(m, d, theme))
            .wrap(Wrap { trim: false })
            .block(Block::bordered().border_style(theme.dim())),
        plate_area,
    );
}

fn keywords_preview(d: &Department, n: usize) -> String {
    d.keywords
        .iter()
        .take(n)
        .map(|k| k.text.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Ahmed · ahmed@… · 023 …", or that the department has no liaison.
pub fn liaison_line(m: &Model, d: &Department, lang: crate::i18n::Lang) -> String {
    let people: Vec<String> = d
        .liaisons
        .iter()
        .filter_map(|id| m.data.contacts.iter().find(|c| c.id == *id))
        .map(|c| {
            [c.name.as_str(), c.email.as_str(), c.phone.as_str()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .collect();
    if people.is_empty() {
        text::no_liaison(lang).to_string()
    } else {
        people.join("; ")
    }
}

/// What the department has on its plate, so one call can chase it all.
pub fn plate_lines(m: &Model, d: &Department, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let empty = PlateRows::default();
    let plate = m.views.plate(&m.data, d.id).unwrap_or(&empty);
    let mut out = vec![
        Line::styled(format!("{} {}", d.number, d.name), theme.title()),
        Line::raw(liaison_line(m, d, lang)),
        Line::raw(""),
        Line::styled(text::on_their_plate(lang), theme.title()),
        Line::raw(text::plate_counts(
            lang,
            plate.open_blockers.len(),
            plate.cases,
            plate.exceptions.len(),
        )),
    ];
    for (case, b) in &plate.open_blockers {
        let case = &m.data.cases[*case];
        let b = &case.blockers[*b];
        let days = (m.ctx.today - b.raised_on).num_days();
        out.push(Line::raw(format!(
            "  {} {} — {} ({days} d)",
            case.number,
            m.org_name(case.organisation),
            b.keyword
        )));
    }
    for x in &plate.exceptions {
        let x = &m.data.exceptions[*x];
        out.push(Line::raw(format!(
            "  {} {}",
            x.number,
            crate::i18n::stage_numbered(lang, x.stage)
        )));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(text::typical_blockers(lang), theme.title()));
    out.push(Line::raw(format!("  {}", keywords_preview(d, 12))));
    out
}
