//! "Wie is eigenaar?": the lookup overlay's behaviour, and keeping the
//! departments' keywords and liaisons current from their detail view.

use super::action::Action;
use super::changes::{OrGone, change, leave_form, open_form, target, target_case};
use super::form::{Field, Form, Purpose};
use super::model::{Lookup, Mode, Model, Tone};
use super::update::Effect;
use crate::domain::followup::{REPEAT_WORKING_DAYS, add_working_days};
use crate::domain::*;
use crate::i18n::dashboard as text;
use uuid::Uuid;

/// The department a detail view shows, if it shows one.
fn target_department(m: &Model) -> Option<Department> {
    let Mode::Detail(r) = m.mode else {
        return None;
    };
    (r.kind == Kind::Department)
        .then(|| m.data.departments.iter().find(|d| d.id == r.id).cloned())
        .flatten()
}

pub fn start(m: &mut Model, action: Action) -> Option<Effect> {
    let lang = m.lang;
    if action == Action::OpenLookup {
        let context = target(m).filter(|r| matches!(r.kind, Kind::Case | Kind::Exception));
        m.mode = Mode::Lookup(Box::new(Lookup {
            query: String::new(),
            selected: 0,
            context,
        }));
        return None;
    }
    let Some(d) = target_department(m) else {
        m.say(Tone::Info, text::open_department_first(lang));
        return None;
    };
    match action {
        Action::AddKeyword => open_form(
            m,
            text::add_keyword_title(lang, &d.number),
            Purpose::AddKeyword { department: d.id },
            vec![
                Field::text(text::f_keyword(lang), true),
                Field::choice(text::f_primary(lang), text::yes_no(lang), 0),
            ],
        ),
        Action::RemoveKeyword | Action::MoveKeyword if d.keywords.is_empty() => {
            m.say(Tone::Info, text::no_keywords(lang));
        }
        Action::RemoveKeyword => open_form(
            m,
            text::remove_keyword_title(lang, &d.number),
            Purpose::RemoveKeyword { department: d.id },
            vec![Field::choice(
                text::f_keyword(lang),
                keyword_labels(lang, &d),
                0,
            )],
        ),
        Action::MoveKeyword => {
            let others: Vec<&Department> =
                m.data.departments.iter().filter(|x| x.id != d.id).collect();
            let options = others
                .iter()
                .map(|x| format!("{} {}", x.number, x.name))
                .collect();
            let targets = others.iter().map(|x| x.id).collect();
            open_form(
                m,
                text::move_keyword_title(lang, &d.number),
                Purpose::MoveKeyword {
                    department: d.id,
                    targets,
                },
                vec![
                    Field::choice(text::f_keyword(lang), keyword_labels(lang, &d), 0),
                    Field::choice(text::f_to_department(lang), options, 0),
                ],
            );
        }
        Action::ChangeLiaison => {
            let contacts: Vec<&Contact> = m.data.contacts.iter().collect();
            let current = d
                .liaisons
                .first()
                .and_then(|l| contacts.iter().position(|c| c.id == *l))
                .unwrap_or(0);
            let options = contacts.iter().map(|c| c.name.clone()).collect();
            let ids = contacts.iter().map(|c| c.id).collect();
            open_form(
                m,
                text::liaison_title(lang, &d.number),
                Purpose::Liaison {
                    department: d.id,
                    contacts: ids,
                },
                vec![
                    Field::choice(text::f_liaison(lang), options, current),
                    Field::choice(text::f_liaison_role(lang), text::liaison_roles(lang), 0),
                ],
            );
        }
        _ => {}
    }
    None
}

fn keyword_labels(lang: crate::i18n::Lang, d: &Department) -> Vec<String> {
    d.keywords
        .iter()
        .map(|k| format!("{} ({})", k.text, text::primary(lang, k.primary)))
        .collect()
}

/// Keys while the lookup overlay is open.
pub fn update(m: &mut Model, action: Action) -> Option<Effect> {
    let Mode::Lookup(mut l) = m.mode.clone() else {
        return None;
    };
    let rows = m.lookup_rows(&l.query).len();
    match action {
        Action::Back => {
            m.mode = Mode::Normal;
            return None;
        }
        Action::Input(c) => {
            l.query.push(c);
            l.selected = 0;
        }
        Action::Backspace => {
            l.query.pop();
            l.selected = 0;
        }
        Action::Down => l.selected = (l.selected + 1).min(rows.saturating_sub(1)),
        Action::Up => l.selected = l.selected.saturating_sub(1),
        Action::Submit if rows == 0 => return raise_in_kernteam(m, &l),
        Action::Submit => {
            let rows = m.lookup_rows(&l.query);
            let d = &m.data.departments[rows[l.selected.min(rows.len() - 1)].department];
            m.detail_scroll = 0;
            m.mode = Mode::Detail(d.record_ref());
            return None;
        }
        Action::FileBlocker => return file_blocker(m, &l),
        _ => {}
    }
    m.mode = Mode::Lookup(l);
    None
}

/// Tab: the blocker goes on the case under the selected department, in one go.
fn file_blocker(m: &mut Model, l: &Lookup) -> Option<Effect> {
    let lang = m.lang;
    let case = l.context.and_then(|r| {
        let saved = std::mem::replace(&mut m.mode, Mode::Detail(r));
        let case = target_case(m).cloned();
        m.mode = saved;
        case
    });
    let Some(mut case) = case else {
        m.say(Tone::Info, text::lookup_needs_case(lang));
        return None;
    };
    let rows = m.lookup_rows(&l.query);
    let Some(row) = rows.get(l.selected) else {
        m.say(Tone::Info, text::nothing_selected(lang));
        return None;
    };
    let d = &m.data.departments[row.department];
    let keyword = row
        .hit
        .as_ref()
        .map_or_else(|| l.query.trim().to_string(), |h| h.keyword.clone());
    if keyword.is_empty() {
        m.say(Tone::Info, text::type_a_keyword(lang));
        return None;
    }
    case.blockers.push(Blocker {
        id: Uuid::new_v4(),
        keyword: keyword.clone(),
        description: String::new(),
        department: d.id,
        raised_on: m.ctx.today,
        resolved_on: None,
    });
    case.stamp.touch(m.ctx.now, &m.ctx.user);
    let msg = text::blocker_saved(lang, &keyword, &d.number, &case.number);
    m.mode = Mode::Normal;
    change(m, vec![case.into()], msg)
}

/// Nobody owns it: a follow-up to raise it in the next kernteam meeting.
fn raise_in_kernteam(m: &mut Model, l: &Lookup) -> Option<Effect> {
    let lang = m.lang;
    let query = l.query.trim();
    let Some(about) = l.context else {
        m.say(Tone::Info, text::lookup_needs_case(lang));
        return None;
    };
    if query.is_empty() {
        return None;
    }
    let f = FollowUp {
        id: Uuid::new_v4(),
        number: Kind::FollowUp.number(m.data.next_seq(Kind::FollowUp)),
        about,
        with: Counterpart::Other(text::kernteam(lang).to_string()),
        subject: text::raise_subject(lang, query),
        created_on: m.ctx.today,
        due: add_working_days(m.ctx.today, REPEAT_WORKING_DAYS),
        repeated_on: Vec::new(),
        done_on: None,
        stamp: Stamp::new(m.ctx.now, &m.ctx.user),
    };
    let msg = text::followup_saved(lang, &f.number, f.due);
    m.mode = Mode::Normal;
    change(m, vec![f.into()], msg)
}

/// The department forms, filled in.
pub fn submit(m: &mut Model, f: &Form) -> Result<Option<Effect>, String> {
    let lang = m.lang;
    let ctx = m.ctx.clone();
    let find = |id: Id| {
        m.data
            .departments
            .iter()
            .find(|d| d.id == id)
            .cloned()
            .ok_or_default()
    };
    let (save, msg) = match &f.purpose {
        Purpose::AddKeyword { department } => {
            let mut d = find(*department)?;
            let keyword = f.fields[0].value.trim().to_string();
            let norm = text_key(&keyword);
            if let Some(owner) = m.data.departments.iter().find(|x| {
                x.keywords
                    .iter()
                    .any(|k| text_key(&k.text) == norm && x.id == d.id)
            }) {
                return Err(text::keyword_exists(lang, &keyword, &owner.number));
            }
            d.keywords.push(Keyword {
                text: keyword.clone(),
                primary: f.fields[1].choice == 0,
            });
            d.stamp.touch(ctx.now, &ctx.user);
            let msg = text::keyword_added(lang, &keyword, &d.number);
            (vec![d.into()], msg)
        }
        Purpose::RemoveKeyword { department } => {
            let mut d = find(*department)?;
            let k = d
                .keywords
                .remove(f.fields[0].choice.min(d.keywords.len() - 1));
            d.stamp.touch(ctx.now, &ctx.user);
            let msg = text::keyword_removed(lang, &k.text, &d.number);
            (vec![d.into()], msg)
        }
        Purpose::MoveKeyword {
            department,
            targets,
        } => {
            let mut from = find(*department)?;
            let mut to = find(targets[f.fields[1].choice])?;
            let k = from
                .keywords
                .remove(f.fields[0].choice.min(from.keywords.len() - 1));
            let msg = text::keyword_moved(lang, &k.text, &from.number, &to.number);
            to.keywords.push(k);
            from.stamp.touch(ctx.now, &ctx.user);
            to.stamp.touch(ctx.now, &ctx.user);
            (vec![from.into(), to.into()], msg)
        }
        Purpose::Liaison {
            department,
            contacts,
        } => {
            let mut d = find(*department)?;
            let chosen = contacts[f.fields[0].choice];
            match f.fields[1].choice {
                // The only liaison.
                0 => d.liaisons = vec![chosen],
                // One more, first in line.
                _ => {
                    d.liaisons.retain(|c| *c != chosen);
                    d.liaisons.insert(0, chosen);
                }
            }
            d.stamp.touch(ctx.now, &ctx.user);
            let name = m
                .data
                .contacts
                .iter()
                .find(|c| c.id == chosen)
                .map_or("?", |c| c.name.as_str());
            let msg = text::liaison_set(lang, name, &d.number);
            (vec![d.into()], msg)
        }
        _ => return Ok(None),
    };
    let back = f.back;
    leave_form(m, back);
    Ok(change(m, save, msg))
}

fn text_key(s: &str) -> String {
    crate::domain::text::normalise(s)
}
