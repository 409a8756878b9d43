//! The detail of one certification track (Enter in the tracks view): the
//! organisation, aim and level, admission and expiry, its signals, every
//! milestone with its date, the outcome once closed, its follow-ups and notes.

use super::detail::{draw_lines, field, followup_lines, heading, note_lines};
use super::kip::{aim_level, warning_style};
use super::theme::Theme;
use crate::domain::certification::{self, CertWarning};
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::state::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Draws the track's detail; returns how far it can scroll at this size.
pub fn draw(frame: &mut Frame, area: Rect, m: &Model, track: Id, theme: Theme) -> u16 {
    let (title, lines) = match m.data.tracks.iter().find(|t| t.id == track) {
        Some(t) => (t.number.clone(), lines(m, t, theme)),
        None => (String::new(), Vec::new()),
    };
    draw_lines(frame, area, m, title, lines, theme)
}

fn lines(m: &Model, t: &CertificationTrack, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let deadline = certification::deadline(t.admitted_on);
    let days = certification::days_left(t, m.ctx.today);
    // The open track's line in the tracks view holds its warning and flags.
    let line = (m.views.tracks.iter()).find(|l| m.data.tracks[l.track].id == t.id);
    let mut out = vec![
        Line::styled(
            format!("{} — {}", m.org_name(t.organisation), aim_level(t)),
            theme.title(),
        ),
        field(text::d_aim(lang), aim_level(t)),
        field(text::d_admitted(lang), i18n::date(t.admitted_on)),
    ];
    let mut expiry = vec![Span::raw(format!(
        "{}: {} · {}",
        text::d_expires(lang),
        i18n::date(deadline),
        text::d_days_left(lang, days)
    ))];
    if let Some(l) = line
        && l.warning != CertWarning::None
    {
        expiry.push(Span::raw(" · "));
        expiry.push(Span::styled(
            i18n::cert_warning(lang, l.warning),
            warning_style(theme, l.warning),
        ));
    }
    out.push(Line::from(expiry));
    if let Some((outcome, on)) = t.outcome {
        out.push(field(
            text::d_outcome(lang),
            format!(
                "{} · {}",
                i18n::track_outcome(lang, outcome),
                i18n::date(on)
            ),
        ));
    }
    if let Some(l) = line
        && (!l.flags.is_empty() || l.proposal)
    {
        out.push(Line::raw(""));
        out.push(heading(text::d_signals(lang), theme));
        for f in &l.flags {
            out.push(Line::styled(
                format!("  ⚑ {}", i18n::track_flag(lang, f)),
                theme.warning(),
            ));
        }
        if l.proposal {
            out.push(Line::raw(format!("  {}", text::proposal(lang))));
        }
    }
    out.push(Line::raw(""));
    out.push(heading(text::d_milestones(lang), theme));
    if t.milestones.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    let mut milestones: Vec<&Milestone> = t.milestones.iter().collect();
    milestones.sort_by_key(|ms| ms.on);
    for ms in milestones {
        let score = ms
            .score
            .map(|s| format!(" · {}", text::d_score(lang, s)))
            .unwrap_or_default();
        out.push(Line::raw(format!(
            "  {} {}{score}",
            i18n::date(ms.on),
            i18n::milestone(lang, ms.kind)
        )));
    }
    followup_lines(m, t.record_ref(), theme, &mut out);
    note_lines(m, t.record_ref(), theme, &mut out);
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "{}: {} · {}",
            text::d_last_changed(lang),
            t.stamp.updated_at.format("%d-%m-%Y %H:%M"),
            t.stamp.changed_by
        ),
        theme.dim(),
    ));
    out.push(Line::styled(text::track_detail_keys(lang), theme.dim()));
    out
}
