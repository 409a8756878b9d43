//! The end-of-day review: one stalled exception at a time, each with one
//! deliberate action, then the dated summary note and the Markdown report.

use super::common::{change, open_form};
use crate::domain::dayclose::{escalation_contact, summary_written};
use crate::domain::followup::{REPEAT_WORKING_DAYS, add_working_days};
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::present::report;
use crate::tui::action::{Action, Change, Effect};
use crate::tui::form::{Field, FieldId, Form, Purpose};
use crate::tui::state::{Mode, Model, Tone};
use uuid::Uuid;

/// `r`: open the review at its first open item (or the first item).
pub fn open(m: &mut Model) -> Option<Effect> {
    if m.views.review.is_empty() {
        m.say(Tone::Info, text::nothing_to_review(m.lang));
        return None;
    }
    let first_open = m.views.review.iter().position(|r| !r.done).unwrap_or(0);
    m.mode = Mode::Review(first_open);
    None
}

/// The review's own keys, at item `i`.
pub fn key(m: &mut Model, i: usize, action: Action) -> Option<Effect> {
    let len = m.views.review.len();
    match action {
        Action::NextItem | Action::Skip => {
            m.mode = Mode::Review((i + 1).min(len.saturating_sub(1)))
        }
        Action::PrevItem => m.mode = Mode::Review(i.saturating_sub(1)),
        Action::Back => {
            m.mode = Mode::Normal;
            return leave(m);
        }
        Action::CloseDay => return close_day(m),
        Action::Escalate => start_escalation(m, i),
        _ => {}
    }
    None
}

/// Leaving: complete reviews write the summary; open ones say what is left.
fn leave(m: &mut Model) -> Option<Effect> {
    let open = m.review_open();
    if open > 0 {
        let msg = text::review_incomplete(m.lang, open);
        m.say(Tone::Info, msg);
        return None;
    }
    if summary_written(&m.note_heads, m.ctx.today) {
        return None;
    }
    close_day(m)
}

fn close_day(m: &mut Model) -> Option<Effect> {
    let lang = m.lang;
    let today = m.ctx.today;
    let open = m.review_open();
    if open > 0 {
        m.say(Tone::Info, text::review_incomplete(lang, open));
        return None;
    }
    if summary_written(&m.note_heads, today) {
        m.say(Tone::Info, text::summary_exists(lang));
        return None;
    }
    let rows = report::rows(
        &m.data,
        &m.note_heads,
        &m.views.activity,
        &m.settings,
        today,
    );
    let note = Note {
        id: Uuid::new_v4(),
        number: m.next_number(Kind::Note),
        target: None,
        kind: NoteKind::DaySummary,
        date: today,
        author: m.ctx.user.clone(),
        text: report::summary_note(lang, today, &rows),
        stamp: Stamp::new(m.ctx.now, &m.ctx.user),
    };
    let message = report::title(lang, today);
    let mut change = change(m, vec![note.into()], message);
    if let Some(undo) = change.undo.as_mut() {
        undo.day_report = Some(today);
    }
    Some(Effect::CloseDay {
        change,
        report: report::markdown_report(lang, today, &rows, Some(&m.views.age_chart)),
        day: today,
    })
}

/// `E`: escalate the item in view: a decision and whom it goes to.
fn start_escalation(m: &mut Model, i: usize) {
    let lang = m.lang;
    let Some(x) = m.review_item(i).cloned() else {
        return;
    };
    let contacts: Vec<(String, Id)> = m
        .data
        .contacts
        .iter()
        .map(|c| {
            let dept = c
                .department
                .and_then(|d| m.data.departments.iter().find(|x| x.id == d));
            let label = format!("{} ({})", c.name, dept.map_or("", |d| d.number.as_str()));
            (label, c.id)
        })
        .collect();
    let mut to = Field::choice(FieldId::EscalateTo, text::f_escalate_to(lang), contacts);
    if let Some(id) = escalation_contact(&m.data, &x) {
        to = to.selecting(id);
    }
    let due = add_working_days(m.ctx.today, REPEAT_WORKING_DAYS);
    open_form(
        m,
        text::escalate_title(lang, &x.number),
        Purpose::Escalate { exception: x.id },
        vec![
            Field::text(FieldId::Decision, text::f_decision(lang), true),
            to,
            Field::date(FieldId::Due, text::f_due(lang), &i18n::date(due)),
        ],
    );
}

/// An escalation: a decision note on the exception and a follow-up to the
/// escalation contact, saved together.
pub fn submit_escalation(m: &Model, f: &Form, exception: Id) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let ctx = &m.ctx;
    let x = m
        .exception(exception)
        .ok_or_else(|| text::gone().to_string())?;
    let decision = f.text(FieldId::Decision);
    let to = f
        .chosen::<Id>(FieldId::EscalateTo)
        .ok_or_else(|| text::gone().to_string())?;
    let due = f
        .date(FieldId::Due, ctx.today)
        .ok_or_else(|| text::bad_date(lang).to_string())?;
    if due < ctx.today {
        return Err(text::due_in_past(lang).to_string());
    }
    let about = x.record_ref();
    let note = Note {
        id: Uuid::new_v4(),
        number: m.next_number(Kind::Note),
        target: Some(about),
        kind: NoteKind::Decision,
        date: ctx.today,
        author: ctx.user.clone(),
        text: text::escalation_note(lang, &decision),
        stamp: Stamp::new(ctx.now, &ctx.user),
    };
    let followup = FollowUp {
        id: Uuid::new_v4(),
        number: m.next_number(Kind::FollowUp),
        about,
        with: Counterpart::Contact(to),
        subject: text::escalation_subject(lang, &x.number, &decision),
        created_on: ctx.today,
        due,
        repeated_on: Vec::new(),
        done_on: None,
        stamp: Stamp::new(ctx.now, &ctx.user),
    };
    let name = m
        .data
        .contacts
        .iter()
        .find(|c| c.id == to)
        .map_or("?", |c| c.name.as_str());
    let msg = text::escalated(lang, &x.number, name, due);
    Ok(Some(change(m, vec![note.into(), followup.into()], msg)))
}
