//! Follow-ups: a new one with someone by a date (`o`), and repeating or
//! completing an open one (`R`/`v`), with a choice when there are several
//! (none on a follow-up's own row in the morning view or the list), and the
//! list of every open follow-up (`F`).

use super::common::{OrGone, change, number_of, open_form, refuse, target};
use crate::domain::followup::{REPEAT_WORKING_DAYS, add_working_days};
use crate::domain::ops;
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::action::{Action, Change, Effect};
use crate::tui::form::{Field, FieldId, Form, Purpose};
use crate::tui::state::{FollowUpList, Mode, Model, MorningItem, Tone};
use uuid::Uuid;

/// `o`: the follow-up form, due in the usual number of working days.
pub fn start_new(m: &mut Model) {
    let lang = m.lang;
    // The day's summary, shown on its own, takes no notes or follow-ups.
    let Some(r) = target(m).filter(|r| r.kind != crate::domain::Kind::Note) else {
        m.say(Tone::Info, text::nothing_selected(lang));
        return;
    };
    let due = add_working_days(m.ctx.today, REPEAT_WORKING_DAYS);
    let title = text::followup_title(lang, &number_of(m, r));
    let with = counterpart_options(m, r);
    open_form(
        m,
        title,
        Purpose::FollowUp { about: r },
        vec![
            Field::choice(FieldId::With, text::f_with(lang), with),
            Field::text(FieldId::Subject, text::f_subject(lang), true),
            Field::date(FieldId::Due, text::f_due(lang), &i18n::date(due)),
        ],
    );
}

/// The filled follow-up form.
pub fn submit_new(m: &Model, f: &Form, about: RecordRef) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let ctx = &m.ctx;
    let with = f
        .chosen::<Counterpart>(FieldId::With)
        .unwrap_or(Counterpart::Other(String::new()));
    let due = f
        .date(FieldId::Due, ctx.today)
        .ok_or_else(|| text::bad_date(lang).to_string())?;
    if due < ctx.today {
        return Err(text::due_in_past(lang).to_string());
    }
    let fu = FollowUp {
        id: Uuid::new_v4(),
        number: m.next_number(Kind::FollowUp),
        about,
        with,
        subject: f.text(FieldId::Subject),
        created_on: ctx.today,
        due,
        repeated_on: Vec::new(),
        done_on: None,
        stamp: Stamp::new(ctx.now, &ctx.user),
    };
    let msg = text::followup_saved(lang, &fu.number, due);
    Ok(Some(change(m, vec![fu.into()], msg)))
}

/// `h` (`repeat`) or `a`: at once for the one open follow-up; a choice when
/// there are several.
pub fn start_step(m: &mut Model, repeat: bool) -> Option<Effect> {
    let lang = m.lang;
    // A follow-up's own row in the morning view: that one, whatever else is
    // open about its record.
    if let Mode::Morning(i) = m.mode
        && let Some(MorningItem::FollowUp(idx)) = m.morning_item(i)
    {
        let one = m.data.followups[idx].clone();
        return step(m, &one, repeat).map(Effect::Persist);
    }
    // The selected row of the follow-ups list: that one.
    if let Mode::FollowUps(l) = &m.mode {
        let rows = m.followup_rows(&l.query);
        let row = rows.get(l.selected.min(rows.len().saturating_sub(1)));
        let row = row.map(|r| r.idx);
        let Some(idx) = row else {
            m.say(Tone::Info, text::nothing_selected(lang));
            return None;
        };
        let one = m.data.followups[idx].clone();
        return step(m, &one, repeat).map(Effect::Persist);
    }
    let Some(r) = target(m) else {
        m.say(Tone::Info, text::nothing_selected(lang));
        return None;
    };
    let open: Vec<FollowUp> = m
        .followups_about(r)
        .filter(|f| !f.is_done())
        .cloned()
        .collect();
    match open.as_slice() {
        [] => m.say(Tone::Info, text::no_open_followups(lang)),
        [one] => return step(m, one, repeat).map(Effect::Persist),
        many => {
            let options: Vec<(String, Id)> = many
                .iter()
                .map(|f| {
                    let label = format!("{} {} ({})", f.number, f.subject, i18n::date(f.due));
                    (label, f.id)
                })
                .collect();
            let purpose = match repeat {
                true => Purpose::RepeatFollowUp,
                false => Purpose::CompleteFollowUp,
            };
            open_form(
                m,
                text::which_followup(lang, repeat),
                purpose,
                vec![Field::choice(
                    FieldId::FollowUp,
                    text::f_followup(lang),
                    options,
                )],
            );
        }
    }
    None
}

/// The chosen follow-up, repeated or completed.
pub fn submit_step(m: &mut Model, f: &Form, repeat: bool) -> Result<Option<Change>, String> {
    let id = f.chosen::<Id>(FieldId::FollowUp).or_gone()?;
    let fu = m
        .data
        .followups
        .iter()
        .find(|x| x.id == id)
        .cloned()
        .or_gone()?;
    Ok(step(m, &fu, repeat))
}

/// Repeat or complete one follow-up, unless the rules refuse (then say why).
fn step(m: &mut Model, f: &FollowUp, repeat: bool) -> Option<Change> {
    let mut changed = f.clone();
    let result = match repeat {
        true => ops::repeat_followup(&mut changed, &m.ctx),
        false => ops::complete_followup(&mut changed, &m.ctx),
    };
    if let Err(e) = result {
        refuse(m, e);
        return None;
    }
    let msg = match repeat {
        true => text::repeated(m.lang, &f.number, changed.repeat_count(), changed.due),
        false => text::completed(m.lang, &f.number),
    };
    Some(change(m, vec![changed.into()], msg))
}

/// `F`: the list of every open follow-up, at its first row.
pub fn open_list(m: &mut Model) {
    m.mode = Mode::FollowUps(Box::default());
}

/// Keys of the follow-ups list that move, filter, open or leave it (`v`
/// and `R` go through [`start_step`], on the selected row).
pub fn list_key(m: &mut Model, mut l: FollowUpList, action: Action) {
    let len = m.followup_rows(&l.query).len();
    let last = len.saturating_sub(1);
    let page = m.page.max(1);
    // A follow-up done drops out of the list: the selection stays in range.
    l.selected = l.selected.min(last);
    match action {
        Action::Input(c) => {
            l.query.push(c);
            l.selected = 0;
        }
        Action::Backspace => {
            l.query.pop();
            l.selected = 0;
        }
        Action::StartFilter => l.typing = true,
        Action::Submit => l.typing = false,
        Action::Back if l.typing || !l.query.is_empty() => {
            l.typing = false;
            l.query.clear();
            l.selected = 0;
        }
        Action::Back => {
            m.mode = Mode::Normal;
            return;
        }
        Action::Down => l.selected = (l.selected + 1).min(last),
        Action::Up => l.selected = l.selected.saturating_sub(1),
        Action::PageDown => l.selected = (l.selected + page).min(last),
        Action::PageUp => l.selected = l.selected.saturating_sub(page),
        Action::SelectRow(row) => l.selected = row.min(last),
        Action::Top => l.selected = 0,
        Action::Bottom => l.selected = last,
        Action::Open => {
            let rows = m.followup_rows(&l.query);
            match rows.get(l.selected) {
                Some(row) => {
                    let about = m.data.followups[row.idx].about;
                    m.detail_scroll = 0;
                    m.detail_return = Some(Mode::FollowUps(Box::new(l)));
                    m.mode = Mode::Detail(about);
                    return;
                }
                None => m.say(Tone::Info, text::nothing_selected(m.lang)),
            }
        }
        _ => {}
    }
    m.mode = Mode::FollowUps(Box::new(l));
}

/// Whom a follow-up can be with: the case's entrepreneur, then colleagues.
fn counterpart_options(m: &Model, about: RecordRef) -> Vec<(String, Counterpart)> {
    let case = super::common::case_of(m, about);
    let mut out: Vec<(String, Counterpart)> = case
        .map(|c| {
            let org = c.organisation;
            (m.org_name(org).to_string(), Counterpart::Organisation(org))
        })
        .into_iter()
        .collect();
    out.extend(m.data.contacts.iter().map(|p| {
        let dept = p
            .department
            .and_then(|d| m.data.departments.iter().find(|x| x.id == d));
        let label = format!("{} ({})", p.name, dept.map_or("", |d| d.number.as_str()));
        (label, Counterpart::Contact(p.id))
    }));
    out
}
