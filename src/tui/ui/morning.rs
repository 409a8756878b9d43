//! The morning view: what is due, the triage, and what stalled since the last
//! end-of-day review.

use super::parts::health_cell;
use super::theme::Theme;
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::state::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(frame: &mut Frame, area: Rect, m: &Model, theme: Theme) {
    let lang = m.lang;
    let today = m.ctx.today;
    let mut out = Vec::new();

    out.push(Line::styled(text::m_followups(lang), theme.title()));
    let due: Vec<&FollowUp> = m
        .views
        .due_followups
        .iter()
        .map(|i| &m.data.followups[*i])
        .collect();
    if due.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for f in due {
        let about = m
            .data
            .get(f.about)
            .map(|r| r.number().to_string())
            .unwrap_or_default();
        out.push(super::parts::followup_line(m, f, Some(&about), theme));
    }

    out.push(Line::raw(""));
    out.push(Line::styled(text::m_triage(lang), theme.title()));
    let triage: Vec<_> = (m.views.triage_rows.iter())
        .map(|i| &m.views.case_rows[*i])
        .collect();
    if triage.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for row in triage {
        let c = &m.data.cases[row.idx];
        out.push(Line::raw(format!(
            "  ! {} {} — {} · {} · {} d",
            c.number,
            m.org_name(c.organisation),
            c.title,
            i18n::case_status(lang, c.status),
            row.inactivity.unwrap_or(0)
        )));
    }

    out.push(Line::raw(""));
    let since = m.views.last_review;
    out.push(Line::styled(
        text::m_newly_stalled(lang, since),
        theme.title(),
    ));
    let mut any = false;
    for i in &m.views.newly_stalled_rows {
        let row = &m.views.exception_rows[*i];
        let x = &m.data.exceptions[row.idx];
        any = true;
        let mut spans = vec![Span::raw(format!(
            "  {} {} · {} d · ",
            x.number,
            i18n::stage_numbered(lang, x.stage),
            row.status.ages.total_days
        ))];
        if let Some(h) = row.status.health {
            spans.push(Span::styled(health_cell(lang, h), theme.health(h)));
        }
        out.push(Line::from(spans));
    }
    if !any {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(text::m_tracks(lang), theme.title()));
    let tracks = super::kip::urgent_track_lines(m, theme);
    if tracks.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    out.extend(tracks);
    out.push(Line::raw(""));
    out.extend(super::kip::chart_lines(m, theme));
    out.push(Line::raw(""));
    out.push(Line::styled(text::m_hint(lang), theme.dim()));

    let block = Block::bordered()
        .title(Line::styled(
            format!(" {} — {} ", text::m_title(lang), i18n::date(today)),
            theme.title(),
        ))
        .border_style(theme.focused_border());
    frame.render_widget(
        Paragraph::new(out).block(block).wrap(Wrap { trim: false }),
        area,
    );
}
