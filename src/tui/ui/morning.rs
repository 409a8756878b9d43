//! The morning view: what is due, the triage, what stalled since the last
//! end-of-day review, urgent tracks, ending haakjes and the latest day's
//! summary note, one selectable row each; the age chart below. It scrolls to keep the selected row in view.

use super::parts::health_cell;
use super::theme::Theme;
use crate::domain::hooks::Expiry;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::state::{Model, MorningItem, MorningSection};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draw the view with row `selected` marked; returns the rows a page holds.
pub fn draw(frame: &mut Frame, area: Rect, m: &Model, selected: usize, theme: Theme) -> usize {
    let lang = m.lang;
    let items = m.morning_items();
    let selected = selected.min(items.len().saturating_sub(1));
    let mut out: Vec<Line<'static>> = Vec::new();
    let mut selected_line = 0;
    for (n, section) in MorningSection::ALL.into_iter().enumerate() {
        if n > 0 {
            out.push(Line::raw(""));
        }
        out.push(Line::styled(section_title(m, section), theme.title()));
        let mut any = false;
        for (i, item) in items.iter().enumerate() {
            if item.section() != section {
                continue;
            }
            any = true;
            let line = item_line(m, *item, theme);
            if i == selected {
                selected_line = out.len();
                out.push(marked(line, theme));
            } else {
                out.push(line);
            }
        }
        if !any {
            out.push(Line::styled(
                format!("  {}", text::d_none(lang)),
                theme.dim(),
            ));
        }
    }
    out.push(Line::raw(""));
    out.extend(super::kip::chart_lines(m, theme));
    out.push(Line::raw(""));
    out.push(Line::styled(text::m_hint(lang), theme.dim()));

    let height = usize::from(area.height.saturating_sub(2)).max(1);
    let last = items.len().saturating_sub(1);
    let offset = scroll_offset(selected_line, out.len(), height, selected == last);
    let block = Block::bordered()
        .title(Line::styled(
            format!(" {} — {} ", text::m_title(lang), i18n::date(m.ctx.today)),
            theme.title(),
        ))
        .border_style(theme.focused_border());
    frame.render_widget(
        Paragraph::new(out).block(block).scroll((offset as u16, 0)),
        area,
    );
    height
}

/// The first line to show: the selected line in view with the one after it;
/// at the last row, down to the end (the chart) as far as it stays in view.
fn scroll_offset(selected: usize, total: usize, height: usize, at_last: bool) -> usize {
    let mut offset = (selected + 2).saturating_sub(height);
    if at_last {
        offset = offset.max(total.saturating_sub(height).min(selected));
    }
    offset
}

fn section_title(m: &Model, section: MorningSection) -> String {
    let lang = m.lang;
    match section {
        MorningSection::FollowUps => text::m_followups(lang).to_string(),
        MorningSection::Triage => text::m_triage(lang).to_string(),
        MorningSection::Stalled => text::m_newly_stalled(lang, m.views.last_review),
        MorningSection::Tracks => text::m_tracks(lang).to_string(),
        MorningSection::Hooks => text::m_hooks(lang).to_string(),
        MorningSection::Summary => text::m_summary(lang).to_string(),
    }
}

/// The selected row: reversed, with a marker that shows without colour.
fn marked(line: Line<'static>, theme: Theme) -> Line<'static> {
    let mut line = line.patch_style(theme.selected());
    if let Some(first) = line.spans.first_mut()
        && let Some(rest) = first.content.strip_prefix("  ")
    {
        first.content = format!("▸ {rest}").into();
    }
    line
}

fn item_line(m: &Model, item: MorningItem, theme: Theme) -> Line<'static> {
    let lang = m.lang;
    match item {
        MorningItem::FollowUp(i) => {
            let f = &m.data.followups[i];
            let about = m
                .data
                .get(f.about)
                .map(|r| r.number().to_string())
                .unwrap_or_default();
            super::parts::followup_line(m, f, Some(&about), theme)
        }
        MorningItem::Triage(i) => {
            let row = &m.views.case_rows[i];
            let c = &m.data.cases[row.idx];
            Line::raw(format!(
                "  ! {} {} — {} · {} · {} d",
                c.number,
                m.org_name(c.organisation),
                c.title,
                i18n::case_status(lang, c.status),
                row.inactivity.unwrap_or(0)
            ))
        }
        MorningItem::Stalled(i) => {
            let row = &m.views.exception_rows[i];
            let x = &m.data.exceptions[row.idx];
            let mut spans = vec![Span::raw(format!(
                "  {} {} · {} d · ",
                x.number,
                i18n::stage_numbered(lang, x.stage),
                row.status.ages.total_days
            ))];
            if let Some(h) = row.status.health {
                spans.push(Span::styled(health_cell(lang, h), theme.health(h)));
            }
            Line::from(spans)
        }
        MorningItem::Track(i) => super::kip::track_line(m, &m.views.tracks[i], theme),
        MorningItem::Summary(i) => {
            let h = &m.note_heads[i];
            Line::raw(format!(
                "  {} {}",
                crate::domain::Kind::Note.number(h.seq),
                text::m_summary_line(lang, h.date, m.ctx.today)
            ))
        }
        MorningItem::Hook { case, hook } => {
            let c = &m.data.cases[case];
            let h = &m.data.hooks[hook];
            let (when, style) = match m.views.hook_expiry.get(&h.id) {
                Some(Expiry::Expired) => (text::m_hook_ended(lang), theme.error()),
                Some(Expiry::Soon(days)) => (text::m_hook_ends(lang, *days), theme.warning()),
                _ => (String::new(), theme.dim()),
            };
            Line::from(vec![
                Span::raw(format!("  {} {} · ", c.number, h.number)),
                Span::styled(when, style),
                Span::raw(format!(" — {}", h.title)),
            ])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scroll_offset;

    #[test]
    fn the_selected_line_stays_in_view() {
        assert_eq!(scroll_offset(3, 40, 10, false), 0);
        assert_eq!(scroll_offset(12, 40, 10, false), 4);
        // The last row takes the view down to the end while it stays in view.
        assert_eq!(scroll_offset(20, 40, 10, true), 20);
        assert_eq!(scroll_offset(35, 40, 10, true), 30);
    }
}
