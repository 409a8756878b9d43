//! Pieces of lines the panes and views share: highlighted matches, the
//! scrolling window, note and follow-up lines, health cells.

use super::theme::{Theme, health_symbol};
use crate::i18n::dashboard as text;
use crate::tui::state::Model;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Text with some chars (by char index) styled as matches.
pub fn highlighted<'a>(text: &'a str, indices: &[usize], base: Style, hl: Style) -> Line<'a> {
    if indices.is_empty() {
        return Line::styled(text, base);
    }
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, ch) in text.chars().enumerate() {
        let is_hl = indices.contains(&i);
        if is_hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { base.patch(hl) } else { base },
            ));
        }
        run_hl = is_hl;
        run.push(ch);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_hl { base.patch(hl) } else { base },
        ));
    }
    Line::from(spans)
}

/// Keep the selection visible: the first row to draw for `height` rows.
pub fn window_start(selected: usize, offset: &mut usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + height {
        *offset = selected + 1 - height;
    }
    *offset
}

/// The notes on `about`, newest first (at most `limit`), one line each; a
/// line that says so while they are being read or when they could not be.
pub fn note_lines(
    m: &Model,
    about: crate::domain::RecordRef,
    limit: usize,
    theme: Theme,
    out: &mut Vec<Line<'static>>,
) {
    let lang = m.lang;
    let read = m.record_notes.as_ref().filter(|r| r.about == about);
    let mut notes: Vec<&crate::domain::Note> = match (m.notes_loaded, read) {
        (true, _) => m.notes_about(about).collect(),
        (false, Some(read)) => match &read.notes {
            Ok(list) => list.iter().collect(),
            Err(why) => {
                out.push(Line::styled(
                    format!("  {}", text::notes_missing(lang, why)),
                    theme.error(),
                ));
                return;
            }
        },
        (false, None) => {
            out.push(Line::styled(
                format!("  {}", text::notes_loading(lang)),
                theme.dim(),
            ));
            return;
        }
    };
    notes.sort_by_key(|n| std::cmp::Reverse(n.stamp.created_at));
    if notes.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for n in notes.into_iter().take(limit) {
        out.push(Line::from(vec![
            Span::styled(
                format!("  {} {} ", crate::i18n::date(n.date), n.author),
                theme.dim(),
            ),
            // A text stored before the size rule is drawn a few pages long.
            Span::raw(crate::domain::plain::shown(&n.text).to_string()),
        ]));
    }
}

/// One follow-up as a line: number, subject, with whom (and about what, when
/// `about` is given), due date and repeats, with the overdue and escalation
/// marks. Shared by the detail, review and morning views.
pub fn followup_line(
    m: &Model,
    f: &crate::domain::FollowUp,
    about: Option<&str>,
    theme: Theme,
) -> Line<'static> {
    use crate::domain::{Counterpart, followup};
    let lang = m.lang;
    let who = match &f.with {
        Counterpart::Contact(id) => m
            .data
            .contacts
            .iter()
            .find(|c| c.id == *id)
            .map_or_else(|| "?".into(), |c| c.name.clone()),
        Counterpart::Organisation(id) => m.org_name(*id).to_string(),
        Counterpart::Other(s) => s.clone(),
    };
    let about = about.map(|a| format!(" ({a})")).unwrap_or_default();
    let mut spans = vec![Span::raw(format!(
        "  {} {}{about} — {who} · {}",
        f.number,
        f.subject,
        text::followup_line(lang, f.due, f.repeat_count(), f.done_on)
    ))];
    if followup::is_overdue(f, m.ctx.today) {
        spans.push(Span::styled(
            format!("  {}", text::overdue(lang)),
            theme.warning(),
        ));
    }
    if followup::is_escalation_candidate(f) {
        spans.push(Span::styled(
            format!("  {}", text::escalation(lang)),
            theme.error(),
        ));
    }
    Line::from(spans)
}

/// A health as its symbol and word, for cells and lines.
pub fn health_cell(lang: crate::i18n::Lang, h: crate::domain::ageing::Health) -> String {
    format!("{}{}", health_symbol(h), crate::i18n::health(lang, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_selection_both_ways() {
        let mut offset = 0;
        assert_eq!(window_start(3, &mut offset, 5), 0);
        assert_eq!(window_start(7, &mut offset, 5), 3);
        assert_eq!(window_start(5, &mut offset, 5), 3);
        assert_eq!(window_start(1, &mut offset, 5), 1);
    }

    #[test]
    fn highlight_splits_on_char_indices() {
        let line = highlighted("Coöp", &[2, 3], Style::new(), Style::new().bold());
        assert_eq!(line.spans.len(), 2);
        assert_eq!(line.spans[1].content, "öp");
    }
}
