//! "Wie is eigenaar?": the lookup overlay (type a keyword, open the owning
//! department, file a blocker under it, or raise it in the kernteam), and
//! keeping the departments' keywords and liaisons current from their view.

use super::common::{OrGone, case_of, change, here, leave_form, open_form, target};
use crate::domain::followup::{REPEAT_WORKING_DAYS, add_working_days};
use crate::domain::*;
use crate::i18n::dashboard as text;
use crate::tui::action::{Action, Change, Effect};
use crate::tui::form::{Field, FieldId, Form, LiaisonRole, Purpose};
use crate::tui::state::{Lookup, Mode, Model, Tone};
use uuid::Uuid;

/// `w`: open the lookup, remembering the case or exception it is about.
pub fn open_lookup(m: &mut Model) {
    let context = target(m).filter(|r| matches!(r.kind, Kind::Case | Kind::Exception));
    m.mode = Mode::Lookup(Box::new(Lookup {
        query: String::new(),
        selected: 0,
        context,
        back: here(m),
    }));
}

/// Keys while the lookup overlay is open.
pub fn lookup_key(m: &mut Model, mut l: Lookup, action: Action) -> Option<Effect> {
    // Only the keys that need the rows look them up: a typed letter changes
    // the query, and the frame drawn after it looks up the new one.
    match action {
        Action::Back => {
            leave_form(m, l.back);
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
        Action::Down => {
            let rows = m.lookup_rows(&l.query).len();
            l.selected = (l.selected + 1).min(rows.saturating_sub(1));
        }
        Action::Up => l.selected = l.selected.saturating_sub(1),
        Action::Submit => {
            let rows = m.lookup_rows(&l.query);
            if rows.is_empty() {
                return raise_in_kernteam(m, &l).map(Effect::Persist);
            }
            let d = &m.data.departments[rows[l.selected.min(rows.len() - 1)].department];
            m.detail_scroll = 0;
            m.mode = Mode::Detail(d.record_ref());
            return None;
        }
        Action::FileBlocker => return file_blocker(m, &l).map(Effect::Persist),
        _ => {}
    }
    m.mode = Mode::Lookup(Box::new(l));
    None
}

/// Tab: the blocker goes on the case under the selected department, in one go.
fn file_blocker(m: &mut Model, l: &Lookup) -> Option<Change> {
    let lang = m.lang;
    let Some(mut case) = l.context.and_then(|r| case_of(m, r)).cloned() else {
        m.say(Tone::Info, text::lookup_needs_case(lang));
        return None;
    };
    let rows = m.lookup_rows(&l.query);
    let Some(row) = rows.get(l.selected) else {
        m.say(Tone::Info, text::no_owner_to_file_under(lang));
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
    leave_form(m, l.back);
    Some(change(m, vec![case.into()], msg))
}

/// Nobody owns it: a follow-up to raise it in the next kernteam meeting.
fn raise_in_kernteam(m: &mut Model, l: &Lookup) -> Option<Change> {
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
        number: m.next_number(Kind::FollowUp),
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
    leave_form(m, l.back);
    Some(change(m, vec![f.into()], msg))
}

/// The department a detail view shows, if it shows one.
fn target_department(m: &Model) -> Option<Department> {
    let Mode::Detail(r) = m.mode else {
        return None;
    };
    (r.kind == Kind::Department)
        .then(|| m.data.departments.iter().find(|d| d.id == r.id).cloned())
        .flatten()
}

/// A department edit from its detail view: add, remove or move a keyword,
/// or change the liaison.
pub fn start_department_edit(m: &mut Model, action: Action) {
    let lang = m.lang;
    let Some(d) = target_department(m) else {
        m.say(Tone::Info, text::open_department_first(lang));
        return;
    };
    match action {
        Action::AddKeyword => {
            let yes_no = text::yes_no(lang).into_iter().zip([true, false]);
            open_form(
                m,
                text::add_keyword_title(lang, &d.number),
                Purpose::AddKeyword { department: d.id },
                vec![
                    Field::text(FieldId::Keyword, text::f_keyword(lang), true),
                    Field::choice(FieldId::Primary, text::f_primary(lang), yes_no),
                ],
            )
        }
        Action::RemoveKeyword | Action::MoveKeyword if d.keywords.is_empty() => {
            m.say(Tone::Info, text::no_keywords(lang));
        }
        Action::RemoveKeyword => open_form(
            m,
            text::remove_keyword_title(lang, &d.number),
            Purpose::RemoveKeyword { department: d.id },
            vec![Field::choice(
                FieldId::Keyword,
                text::f_keyword(lang),
                keyword_options(lang, &d),
            )],
        ),
        Action::MoveKeyword => {
            let others: Vec<(String, Id)> = m
                .data
                .departments
                .iter()
                .filter(|x| x.id != d.id)
                .map(|x| (format!("{} {}", x.number, x.name), x.id))
                .collect();
            open_form(
                m,
                text::move_keyword_title(lang, &d.number),
                Purpose::MoveKeyword { department: d.id },
                vec![
                    Field::choice(
                        FieldId::Keyword,
                        text::f_keyword(lang),
                        keyword_options(lang, &d),
                    ),
                    Field::choice(FieldId::ToDepartment, text::f_to_department(lang), others),
                ],
            );
        }
        Action::ChangeLiaison => {
            let contacts: Vec<(String, Id)> = m
                .data
                .contacts
                .iter()
                .map(|c| (c.name.clone(), c.id))
                .collect();
            let roles = text::liaison_roles(lang)
                .into_iter()
                .zip([LiaisonRole::Only, LiaisonRole::FirstOfSeveral]);
            let mut liaison = Field::choice(FieldId::Liaison, text::f_liaison(lang), contacts);
            if let Some(current) = d.liaisons.first() {
                liaison = liaison.selecting(*current);
            }
            open_form(
                m,
                text::liaison_title(lang, &d.number),
                Purpose::Liaison { department: d.id },
                vec![
                    liaison,
                    Field::choice(FieldId::LiaisonRole, text::f_liaison_role(lang), roles),
                ],
            );
        }
        _ => {}
    }
}

/// A department's keywords as options, each standing for its text.
fn keyword_options(lang: crate::i18n::Lang, d: &Department) -> Vec<(String, String)> {
    d.keywords
        .iter()
        .map(|k| {
            let label = format!("{} ({})", k.text, text::primary(lang, k.primary));
            (label, k.text.clone())
        })
        .collect()
}

/// Where in `keywords` the keyword chosen in `f` is.
fn chosen_keyword(f: &Form, keywords: &[Keyword]) -> Result<usize, String> {
    let chosen = f.chosen::<String>(FieldId::Keyword).or_gone()?;
    keywords.iter().position(|k| k.text == chosen).or_gone()
}

fn find(m: &Model, id: Id) -> Result<Department, String> {
    m.data
        .departments
        .iter()
        .find(|d| d.id == id)
        .cloned()
        .or_gone()
}

pub fn submit_add_keyword(m: &Model, f: &Form, department: Id) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let mut d = find(m, department)?;
    let keyword = f.text(FieldId::Keyword);
    let norm = crate::domain::text::normalise(&keyword);
    if let Some(owner) = m.data.departments.iter().find(|x| {
        x.keywords
            .iter()
            .any(|k| crate::domain::text::normalise(&k.text) == norm && x.id == d.id)
    }) {
        return Err(text::keyword_exists(lang, &keyword, &owner.number));
    }
    d.keywords.push(Keyword {
        text: keyword.clone(),
        primary: f.chosen::<bool>(FieldId::Primary).or_gone()?,
    });
    d.stamp.touch(m.ctx.now, &m.ctx.user);
    let msg = text::keyword_added(lang, &keyword, &d.number);
    Ok(Some(change(m, vec![d.into()], msg)))
}

pub fn submit_remove_keyword(
    m: &Model,
    f: &Form,
    department: Id,
) -> Result<Option<Change>, String> {
    let mut d = find(m, department)?;
    let k = d.keywords.remove(chosen_keyword(f, &d.keywords)?);
    d.stamp.touch(m.ctx.now, &m.ctx.user);
    let msg = text::keyword_removed(m.lang, &k.text, &d.number);
    Ok(Some(change(m, vec![d.into()], msg)))
}

pub fn submit_move_keyword(m: &Model, f: &Form, department: Id) -> Result<Option<Change>, String> {
    let mut from = find(m, department)?;
    let mut to = find(m, f.chosen::<Id>(FieldId::ToDepartment).or_gone()?)?;
    let k = from.keywords.remove(chosen_keyword(f, &from.keywords)?);
    let msg = text::keyword_moved(m.lang, &k.text, &from.number, &to.number);
    to.keywords.push(k);
    from.stamp.touch(m.ctx.now, &m.ctx.user);
    to.stamp.touch(m.ctx.now, &m.ctx.user);
    Ok(Some(change(m, vec![from.into(), to.into()], msg)))
}

pub fn submit_liaison(m: &Model, f: &Form, department: Id) -> Result<Option<Change>, String> {
    let mut d = find(m, department)?;
    let chosen = f.chosen::<Id>(FieldId::Liaison).or_gone()?;
    match f.chosen::<LiaisonRole>(FieldId::LiaisonRole).or_gone()? {
        LiaisonRole::Only => d.liaisons = vec![chosen],
        LiaisonRole::FirstOfSeveral => {
            d.liaisons.retain(|c| *c != chosen);
            d.liaisons.insert(0, chosen);
        }
    }
    d.stamp.touch(m.ctx.now, &m.ctx.user);
    let name = m
        .data
        .contacts
        .iter()
        .find(|c| c.id == chosen)
        .map_or("?", |c| c.name.as_str());
    let msg = text::liaison_set(m.lang, name, &d.number);
    Ok(Some(change(m, vec![d.into()], msg)))
}
