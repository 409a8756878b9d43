//! The end-of-day review screen: one stalled exception with everything needed
//! to chase it — stage against its limit, who it waits on, the last notes, the
//! open follow-ups and the haakjes to argue with.

use super::parts::health_cell;
use super::theme::Theme;
use crate::domain::dayclose::actions_today;
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::present::report;
use crate::tui::state::{Model, ReviewRow};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, m: &Model, i: usize, theme: Theme) {
    let lang = m.lang;
    let total = m.views.review.len();
    let open = m.review_open();
    let title = format!(
        " {} — {} ",
        report::title(lang, m.ctx.today),
        text::review_progress(lang, (i + 1).min(total), total, open)
    );
    let block = Block::bordered()
        .title(Line::styled(title, theme.title()))
        .border_style(theme.focused_border());
    let lines = match m.views.review.get(i) {
        Some(row) => item_lines(m, row, theme),
        None => vec![Line::raw(text::nothing_to_review(lang))],
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn item_lines(m: &Model, row: &ReviewRow, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let today = m.ctx.today;
    let x = &m.data.exceptions[row.idx];
    let case = m.case(x.case);
    let st = &row.status;
    let mut out = Vec::new();

    // Progress over all items: ● done, ○ open, the current one bracketed.
    let dots: String = m
        .views
        .review
        .iter()
        .map(|r| {
            let mark = if r.done { "●" } else { "○" };
            if std::ptr::eq(r, row) {
                format!("[{mark}]")
            } else {
                format!(" {mark} ")
            }
        })
        .collect();
    out.push(Line::raw(dots));
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "{} · {} {} — {}",
            x.number,
            case.map_or("?", |c| c.number.as_str()),
            case.map_or("?", |c| m.org_name(c.organisation)),
            case.map_or("", |c| c.title.as_str())
        ),
        theme.title(),
    ));
    out.push(Line::raw(x.description.clone()));
    let mut health = vec![Span::raw(format!(
        "{}: ",
        i18n::stage_numbered(lang, x.stage)
    ))];
    health.push(Span::raw(text::r_stage(
        lang,
        st.ages.stage_days,
        m.settings.limit(x.stage),
    )));
    health.push(Span::raw(format!(
        " · {} {} d · ",
        text::total_lower(lang),
        st.ages.total_days
    )));
    if let Some(h) = st.health {
        health.push(Span::styled(health_cell(lang, h), theme.health(h)));
    }
    if !st.labels.is_empty() {
        health.push(Span::raw(format!(" · {}", i18n::labels(lang, &st.labels))));
    }
    out.push(Line::from(health));
    let waiting = x
        .waiting_on
        .and_then(|id| m.data.contacts.iter().find(|c| c.id == id));
    if let Some(c) = waiting {
        let dept = c
            .department
            .and_then(|d| m.data.departments.iter().find(|x| x.id == d))
            .map_or(String::new(), |d| format!(" ({} {})", d.number, d.name));
        out.push(Line::raw(format!(
            "{}: {}{dept} · {}",
            text::d_waiting_on(lang),
            c.name,
            [c.email.as_str(), c.phone.as_str()].join(" · ")
        )));
    }
    let done = actions_today(&m.views.activity, x.id, today);
    out.push(if done.is_empty() {
        Line::styled(text::not_done_today(lang), theme.warning())
    } else {
        Line::styled(
            text::done_today(lang, &report::actions_text(lang, &done)),
            theme.saved(),
        )
    });

    out.push(Line::raw(""));
    out.push(Line::styled(text::r_last_notes(lang), theme.title()));
    super::parts::note_lines(m, x.record_ref(), 3, theme, &mut out);

    out.push(Line::raw(""));
    out.push(Line::styled(text::r_open_followups(lang), theme.title()));
    let fus: Vec<&FollowUp> = m
        .followups_about(x.record_ref())
        .filter(|f| !f.is_done())
        .collect();
    if fus.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for f in fus {
        out.push(super::parts::followup_line(m, f, None, theme));
    }

    out.push(Line::raw(""));
    out.push(Line::styled(text::r_arguments(lang), theme.title()));
    for link in case.map_or(&[][..], |c| c.hooks.as_slice()) {
        let hook = m.data.hooks.iter().find(|h| h.id == link.hook);
        out.push(Line::raw(format!(
            "  {} {}",
            hook.map_or("?", |h| h.number.as_str()),
            hook.map_or("?", |h| h.title.as_str())
        )));
        out.push(Line::styled(
            format!(
                "     {} {}: “{}”",
                text::locator_kind(lang, link.locator_kind),
                link.locator,
                link.quote
            ),
            theme.dim(),
        ));
    }
    if m.review_open() == 0 {
        out.push(Line::raw(""));
        out.push(Line::styled(
            text::review_complete_hint(lang),
            theme.saved().patch(Style::new()),
        ));
    }
    out
}
