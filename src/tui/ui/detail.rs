//! The detail view of one case, exception, department or certification
//! track, scrollable.

use super::parts::health_cell;
use super::theme::Theme;
use crate::domain::history::HistoryItem;
use crate::domain::hooks::Expiry;
use crate::domain::plain::{one_line, shown};
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::i18n::format_euros;
use crate::tui::state::Model;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// How much of a case's history the detail view lists.
const HISTORY_LINES: usize = 20;

/// Draws the detail and returns how far it can scroll at this size.
pub fn draw(frame: &mut Frame, area: Rect, m: &Model, r: RecordRef, theme: Theme) -> u16 {
    let (title, lines) = match r.kind {
        Kind::Case => match m.case(r.id) {
            Some(c) => (c.number.clone(), case_lines(m, c, theme)),
            None => (String::new(), Vec::new()),
        },
        Kind::Exception => match m.exception(r.id) {
            Some(x) => (x.number.clone(), exception_lines(m, x, theme)),
            None => (String::new(), Vec::new()),
        },
        Kind::Department => match m.data.departments.iter().find(|d| d.id == r.id) {
            Some(d) => (d.number.clone(), department_lines(m, d, theme)),
            None => (String::new(), Vec::new()),
        },
        Kind::Note => match m.note_heads.iter().find(|h| h.id == r.id) {
            Some(h) => (Kind::Note.number(h.seq), lone_note_lines(m, r, theme)),
            None => (String::new(), Vec::new()),
        },
        _ => (String::new(), Vec::new()),
    };
    draw_lines(frame, area, m, title, lines, theme)
}

/// A detail view of `lines` under `title`, scrolled as far as it goes;
/// returns how far it can scroll at this size.
pub(super) fn draw_lines(
    frame: &mut Frame,
    area: Rect,
    m: &Model,
    title: String,
    lines: Vec<Line<'static>>,
    theme: Theme,
) -> u16 {
    let block = Block::bordered()
        .title(Line::styled(format!(" {title} "), theme.title()))
        .border_style(theme.focused_border());
    // Wrapped lines count as the rows they take.
    let width = area.width.saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(width)).sum();
    let max_scroll = (rows as u16).saturating_sub(area.height.saturating_sub(2));
    let para = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((m.detail_scroll.min(max_scroll), 0));
    frame.render_widget(para, area);
    max_scroll
}

/// A note shown on its own (the day's summary, which is on no record): who
/// wrote it when, then its text line by line.
fn lone_note_lines(m: &Model, r: RecordRef, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let read = m.record_notes.as_ref().filter(|x| x.about == r);
    let note = match (m.notes_loaded, read) {
        (true, _) => m.data.notes.iter().find(|n| n.id == r.id),
        (false, Some(read)) => match &read.notes {
            Ok(list) => list.first(),
            Err(why) => {
                return vec![Line::styled(text::notes_missing(lang, why), theme.error())];
            }
        },
        (false, None) => return vec![Line::styled(text::notes_loading(lang), theme.dim())],
    };
    let Some(n) = note else {
        return vec![Line::styled(text::d_none(lang), theme.dim())];
    };
    let mut out = vec![
        Line::styled(format!("{} {}", i18n::date(n.date), n.author), theme.dim()),
        Line::default(),
    ];
    out.extend(shown(&n.text).lines().map(|l| Line::raw(l.to_string())));
    out
}

pub(super) fn heading(text: &str, theme: Theme) -> Line<'static> {
    Line::styled(text.to_string(), theme.title())
}

pub(super) fn field(label: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), Style::new()),
        Span::raw(value),
    ])
}

fn contact_name(m: &Model, id: Option<Id>) -> String {
    id.and_then(|id| m.data.contacts.iter().find(|c| c.id == id))
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

fn dept_label(m: &Model, id: Id) -> String {
    m.data
        .departments
        .iter()
        .find(|d| d.id == id)
        .map(|d| {
            let liaisons: Vec<String> = d
                .liaisons
                .iter()
                .map(|l| contact_name(m, Some(*l)))
                .collect();
            if liaisons.is_empty() {
                format!("{} {}", d.number, d.name)
            } else {
                format!("{} {} ({})", d.number, d.name, liaisons.join(", "))
            }
        })
        .unwrap_or_else(|| "?".into())
}

pub(super) fn followup_lines(
    m: &Model,
    about: RecordRef,
    theme: Theme,
    out: &mut Vec<Line<'static>>,
) {
    let lang = m.lang;
    let fus: Vec<&FollowUp> = m.followups_about(about).collect();
    out.push(Line::raw(""));
    out.push(heading(text::d_followups(lang), theme));
    if fus.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for f in fus {
        out.push(super::parts::followup_line(m, f, None, theme));
    }
}

pub(super) fn note_lines(m: &Model, about: RecordRef, theme: Theme, out: &mut Vec<Line<'static>>) {
    out.push(Line::raw(""));
    out.push(heading(text::d_notes(m.lang), theme));
    super::parts::note_lines(m, about, usize::MAX, theme, out);
}

fn case_lines(m: &Model, c: &Case, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let mut out = vec![
        Line::styled(
            format!("{} — {}", m.org_name(c.organisation), c.title),
            theme.title(),
        ),
        field(text::d_question(lang), shown(&c.question).to_string()),
        field(
            text::d_status(lang),
            format!(
                "{} · {}: {} · {}: {} · {}: {}",
                i18n::case_status(lang, c.status),
                text::d_action_line(lang),
                i18n::action_line(lang, c.action_line),
                text::d_owner(lang),
                c.owner,
                text::d_opened(lang),
                i18n::date(c.opened_on)
            ),
        ),
        Line::raw(""),
        heading(text::d_blockers(lang), theme),
    ];
    if c.blockers.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for b in &c.blockers {
        let when = match b.resolved_on {
            Some(d) => text::resolved_on(lang, d),
            None => text::raised_on(lang, b.raised_on),
        };
        let style = if b.is_open() {
            Style::new()
        } else {
            theme.dim()
        };
        out.push(Line::styled(
            format!("  {} → {} · {when}", b.keyword, dept_label(m, b.department)),
            style,
        ));
        if !b.description.is_empty() {
            out.push(Line::styled(
                format!("    {}", one_line(shown(&b.description))),
                theme.dim(),
            ));
        }
    }
    out.push(Line::raw(""));
    out.push(heading(text::d_hooks(lang), theme));
    if c.hooks.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for link in &c.hooks {
        let hook = m.data.hooks.iter().find(|h| h.id == link.hook);
        let mut spans = vec![Span::raw(format!(
            "  {} {} — {} {}: “{}” ",
            hook.map_or("?", |h| h.number.as_str()),
            hook.map_or("?", |h| h.title.as_str()),
            text::locator_kind(lang, link.locator_kind),
            link.locator,
            shown(&link.quote)
        ))];
        spans.push(Span::styled(
            text::verified(lang, link.verified),
            theme.dim(),
        ));
        match hook.and_then(|h| m.views.hook_expiry.get(&h.id).copied()) {
            Some(Expiry::Expired) => spans.push(Span::styled(
                format!("  {}", text::expired(lang)),
                theme.error(),
            )),
            Some(Expiry::Soon(d)) => spans.push(Span::styled(
                format!("  {}", text::expires_in(lang, d)),
                theme.warning(),
            )),
            _ => {}
        }
        out.push(Line::from(spans));
    }
    out.push(Line::raw(""));
    out.push(heading(text::d_exceptions(lang), theme));
    let excs: Vec<_> = m.exceptions_of_case(c.id).collect();
    if excs.is_empty() {
        out.push(Line::styled(
            format!("  {}", text::d_none(lang)),
            theme.dim(),
        ));
    }
    for (x, st) in excs {
        let mut spans = vec![Span::raw(format!(
            "  {} {} · {} d · ",
            x.number,
            i18n::stage_numbered(lang, x.stage),
            st.ages.total_days
        ))];
        if let Some(h) = st.health {
            spans.push(Span::styled(health_cell(lang, h), theme.health(h)));
        }
        out.push(Line::from(spans));
    }
    followup_lines(m, c.record_ref(), theme, &mut out);
    note_lines(m, c.record_ref(), theme, &mut out);
    out.push(Line::raw(""));
    out.push(heading(text::d_case_history(lang), theme));
    let history = crate::domain::history::case_history(c, m.views.activity.events(c.id));
    for line in history.iter().take(HISTORY_LINES) {
        out.push(Line::raw(format!(
            "  {} {}",
            i18n::date(line.on),
            history_text(m, &line.item)
        )));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "{}: {} · {}",
            text::d_last_changed(lang),
            c.stamp.updated_at.format("%d-%m-%Y %H:%M"),
            c.stamp.changed_by
        ),
        theme.dim(),
    ));
    out
}

/// One entry of a case's history: what happened, naming the blocker (with
/// its description) or the haakje.
fn history_text(m: &Model, item: &HistoryItem) -> String {
    use crate::domain::activity::ActivityKind;
    let lang = m.lang;
    let hook_number = |id: Id| {
        m.data
            .hooks
            .iter()
            .find(|h| h.id == id)
            .map_or_else(|| "?".to_string(), |h| format!("{} {}", h.number, h.title))
    };
    let dept = |id: Id| {
        m.data
            .departments
            .iter()
            .find(|d| d.id == id)
            .map_or("?", |d| d.number.as_str())
    };
    match item {
        HistoryItem::Opened => text::history_opened(lang).to_string(),
        HistoryItem::Edited => text::activity(lang, ActivityKind::CaseUpdated).to_string(),
        HistoryItem::BlockerRaised(b) => text::history_blocker_raised(
            lang,
            &b.keyword,
            dept(b.department),
            &one_line(shown(&b.description)),
        ),
        HistoryItem::BlockerResolved(b) => text::history_blocker_resolved(lang, &b.keyword),
        HistoryItem::HookLinked(h) => text::history_hook_linked(lang, &hook_number(*h)),
        HistoryItem::HookUnlinked(h) => text::history_hook_unlinked(lang, &hook_number(*h)),
        HistoryItem::Around(k) => text::activity(lang, *k).to_string(),
    }
}

fn exception_lines(m: &Model, x: &ProcurementException, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let case = m.case(x.case);
    let Some(st) = m.status_of(x.id) else {
        return Vec::new();
    };
    let mut health = vec![Span::raw(format!(
        "{}: ",
        i18n::stage_numbered(lang, x.stage)
    ))];
    if let Some(h) = st.health {
        health.push(Span::styled(health_cell(lang, h), theme.health(h)));
    }
    if !st.labels.is_empty() {
        health.push(Span::raw(format!(" · {}", i18n::labels(lang, &st.labels))));
    }
    let mut out = vec![
        Line::styled(
            format!(
                "{} {} — {}",
                text::d_case(lang),
                case.map_or("?", |c| c.number.as_str()),
                case.map_or("?", |c| m.org_name(c.organisation))
            ),
            theme.title(),
        ),
        Line::raw(shown(&x.description).to_string()),
        field(
            text::d_kind(lang),
            format!(
                "{} · {} · {}: {}",
                i18n::exception_kind(lang, x.kind),
                i18n::contract_type(lang, x.contract_type),
                text::d_value(lang),
                format_euros(x.value, lang)
            ),
        ),
        field(text::d_requested(lang), i18n::date(x.requested_on)),
        Line::from(health),
        field(
            text::d_ages(lang),
            text::ages_line(
                lang,
                st.ages.total_days,
                st.ages.stage_days,
                m.settings.limit(x.stage),
                st.ages.inactivity_days,
            ),
        ),
        field(text::d_waiting_on(lang), contact_name(m, x.waiting_on)),
    ];
    if x.legal_contact.is_some() {
        out.push(field(
            text::d_legal_contact(lang),
            contact_name(m, x.legal_contact),
        ));
    }
    if let Some(s) = &x.snooze {
        out.push(field(
            text::d_snoozed(lang),
            text::snooze_line(lang, s.until, &s.reason),
        ));
    }
    out.push(Line::raw(""));
    out.push(heading(text::d_history(lang), theme));
    for mv in x.history.iter().rev() {
        let mut note = mv
            .note
            .as_deref()
            .map(|n| format!(" — {}", shown(n)))
            .unwrap_or_default();
        // The lawyer is chosen with the request: its line names them.
        if mv.from.is_none() && x.legal_contact.is_some() {
            note.push_str(&format!(
                " — {}: {}",
                text::d_legal_contact(lang),
                contact_name(m, x.legal_contact)
            ));
        }
        out.push(Line::raw(format!(
            "  {} {} · {}{note}",
            i18n::date(mv.on),
            i18n::stage_numbered(lang, mv.to),
            mv.by
        )));
    }
    followup_lines(m, x.record_ref(), theme, &mut out);
    note_lines(m, x.record_ref(), theme, &mut out);
    out
}

fn department_lines(m: &Model, d: &Department, theme: Theme) -> Vec<Line<'static>> {
    let lang = m.lang;
    let mut out = super::lookup::plate_lines(m, d, theme);
    // The plate starts with the name and liaison; the rest is the department's own.
    out.truncate(out.len().saturating_sub(3));
    out.push(Line::raw(""));
    out.push(field(
        text::d_escalation(lang),
        contact_name(m, d.escalation_contact),
    ));
    out.push(Line::raw(""));
    out.push(heading(text::d_keywords(lang), theme));
    for k in &d.keywords {
        let style = if k.primary { Style::new() } else { theme.dim() };
        out.push(Line::styled(
            format!("  {} ({})", k.text, text::primary(lang, k.primary)),
            style,
        ));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(text::department_keys(lang), theme.dim()));
    out
}
