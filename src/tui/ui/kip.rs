//! The tracks list, SROI matching and the age chart.

use super::parts::highlighted;
use super::theme::Theme;
use crate::domain::ageing::Health;
use crate::domain::certification::CertWarning;
use crate::domain::chart::{AgeBand, HEALTHS};
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::i18n::format_euros;
use crate::present::columns;
use crate::tui::state::{Model, SroiSearch};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

/// "PSO trede 1"; the level alone when it repeats the aim ("B Corp").
pub(super) fn aim_level(t: &crate::domain::CertificationTrack) -> String {
    let aim = i18n::aim(t.aim);
    if t.level.is_empty() || t.level == aim {
        aim.to_string()
    } else {
        format!("{aim} {}", t.level)
    }
}

pub fn warning_style(theme: Theme, w: CertWarning) -> Style {
    match w {
        CertWarning::Overdue => theme.error(),
        CertWarning::Within30 => theme.urgent(),
        CertWarning::Within60 => theme.warning(),
        CertWarning::Within90 => theme.health(Health::Snoozed),
        CertWarning::None => Style::new(),
    }
}

pub fn tracks(frame: &mut Frame, area: Rect, m: &Model, selected: usize, theme: Theme) {
    let lang = m.lang;
    let rows = &m.views.tracks;
    let block = Block::bordered()
        .title(Line::styled(
            format!(" {} ", text::tracks_title(lang)),
            theme.title(),
        ))
        .border_style(theme.focused_border());
    if rows.is_empty() {
        frame.render_widget(Paragraph::new(text::no_tracks(lang)).block(block), area);
        return;
    }
    let table_rows = rows.iter().map(|r| {
        let t = &m.data.tracks[r.track];
        // Flags and the proposal first: they are what needs doing.
        let mut notes: Vec<String> = r
            .flags
            .iter()
            .map(|f| format!("⚑ {}", i18n::track_flag(lang, f)))
            .collect();
        if r.proposal {
            notes.push(text::proposal(lang).to_string());
        }
        notes.extend(t.milestones.iter().rev().take(2).map(|ms| {
            let score = ms.score.map(|s| format!(" {s}")).unwrap_or_default();
            format!(
                "{} {}{score}",
                i18n::milestone(lang, ms.kind),
                i18n::date(ms.on)
            )
        }));
        Row::new(vec![
            Cell::from(t.number.clone()),
            Cell::from(m.data.organisations[r.organisation].name.clone()),
            Cell::from(aim_level(t)),
            Cell::from(i18n::date(t.admitted_on)),
            Cell::from(i18n::date(r.deadline)),
            Cell::from(format!("{} d", r.days_left)),
            Cell::from(Span::styled(
                i18n::cert_warning(lang, r.warning),
                warning_style(theme, r.warning),
            )),
            Cell::from(notes.join(" · ")),
        ])
    });
    let number_width = rows
        .iter()
        .map(|r| m.data.tracks[r.track].number.chars().count())
        .max()
        .unwrap_or(0)
        .max(4) as u16;
    let widths = [
        Constraint::Length(number_width),
        Constraint::Length(28),
        Constraint::Length(18),
        Constraint::Length(10),
        Constraint::Length(10),
        Constraint::Length(6),
        Constraint::Length(13),
        Constraint::Fill(1),
    ];
    let table = Table::new(table_rows, widths)
        .header(Row::new(columns::headers(lang, &columns::TRACKS_PANE)).style(theme.title()))
        .row_highlight_style(theme.selected())
        .block(block);
    let sel = selected.min(rows.len() - 1);
    frame.render_stateful_widget(table, area, &mut TableState::new().with_selected(Some(sel)));
}

pub fn sroi(frame: &mut Frame, area: Rect, m: &Model, s: &SroiSearch, theme: Theme) {
    let lang = m.lang;
    let buyers = m.buyers();
    let block = Block::bordered()
        .title(Line::styled(
            format!(" {} ", text::sroi_title(lang)),
            theme.title(),
        ))
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [head, body] = inner.layout(&Layout::vertical([
        Constraint::Length(4),
        Constraint::Fill(1),
    ]));
    let buyer = buyers.get(s.buyer);
    let obligation = buyer
        .and_then(|b| b.sroi_obligation)
        .map(|c| {
            format!(
                " · {}: {}",
                text::sroi_obligation(lang),
                format_euros(c, lang)
            )
        })
        .unwrap_or_default();
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled(text::sroi_buyer(lang), theme.key()),
                Span::styled(
                    format!("◀ {} ▶", buyer.map_or("?", |b| b.name.as_str())),
                    theme.title(),
                ),
                Span::raw(obligation),
            ]),
            Line::from(vec![
                Span::styled(text::sroi_prompt(lang), theme.key()),
                Span::raw(s.query.clone()),
                Span::styled("▏", theme.key()),
            ]),
            Line::styled(text::sroi_hint(lang), theme.dim()),
        ]),
        head,
    );
    if s.query.trim().is_empty() {
        return;
    }
    let matches = m
        .views
        .sroi(&m.data)
        .matches(&m.data, &s.query, m.ctx.today);
    if matches.is_empty() {
        frame.render_widget(
            Paragraph::new(text::sroi_none(lang)).style(theme.warning()),
            body,
        );
        return;
    }
    let rows = matches.iter().map(|hit| {
        let status = text::platform_status(lang, hit.platform.status);
        let warning = hit
            .platform
            .warning()
            .map(|w| {
                Span::styled(
                    format!(" {}", i18n::cert_warning(lang, w)),
                    warning_style(theme, w),
                )
            })
            .unwrap_or_else(|| Span::raw(""));
        Row::new(vec![
            Cell::from(hit.organisation.name.clone()),
            Cell::from(
                highlighted(&hit.product, &hit.indices, Style::new(), theme.matched()).to_owned(),
            ),
            Cell::from(Line::from(vec![Span::raw(status), warning])),
            Cell::from(
                hit.open_case
                    .map_or(String::new(), |c| format!("{} {}", c.number, c.title)),
            ),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(32),
            Constraint::Length(20),
            Constraint::Length(30),
            Constraint::Fill(1),
        ],
    )
    .row_highlight_style(theme.selected());
    frame.render_stateful_widget(
        table,
        body,
        &mut TableState::new().with_selected(Some(s.selected.min(matches.len() - 1))),
    );
}

/// The age chart as lines: one bar per age band, a letter per exception so it
/// reads without colour, coloured by health.
pub fn chart_lines(m: &Model, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let chart = &m.views.age_chart;
    let mut out = vec![Line::styled(text::chart_title(lang), theme.title())];
    // The bars end in one column, so the counts in words line up after them.
    let width = AgeBand::ALL
        .iter()
        .map(|b| {
            HEALTHS
                .iter()
                .map(|h| chart.band(*b).health(*h).min(60))
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0);
    for band in AgeBand::ALL {
        let b = chart.band(band);
        let mut spans = vec![Span::raw(format!("  {:>8} │", band.label()))];
        let mut drawn = 0;
        for h in HEALTHS {
            let n = b.health(h);
            if n > 0 {
                let letter = text::health_letter(lang, h);
                spans.push(Span::styled(letter.repeat(n.min(60)), theme.health(h)));
                drawn += n.min(60);
            }
        }
        let counts: Vec<(crate::domain::ageing::Health, usize)> =
            HEALTHS.iter().map(|h| (*h, b.health(*h))).collect();
        spans.push(Span::raw(format!(
            "{} {}",
            " ".repeat(width - drawn),
            text::chart_row_counts(lang, b.total, &counts)
        )));
        out.push(Line::from(spans));
    }
    out.push(Line::styled(
        format!("  {}", text::chart_legend(lang)),
        theme.dim(),
    ));
    out
}

/// One open track as the morning view lists it: number, entrepreneur, aim,
/// days left, the warning and its flags.
pub fn track_line(m: &Model, r: &crate::tui::state::TrackLine, theme: Theme) -> Line<'static> {
    let lang = m.lang;
    let mut spans = vec![
        Span::raw(format!(
            "  {} {} — {} · {} d · ",
            m.data.tracks[r.track].number,
            m.data.organisations[r.organisation].name,
            aim_level(&m.data.tracks[r.track]),
            r.days_left
        )),
        Span::styled(
            i18n::cert_warning(lang, r.warning),
            warning_style(theme, r.warning),
        ),
    ];
    for f in &r.flags {
        spans.push(Span::styled(
            format!("  ⚑ {}", i18n::track_flag(lang, f)),
            theme.warning(),
        ));
    }
    Line::from(spans)
}
