//! Cases: a new case (with a new entrepreneur if need be), editing one,
//! raising and resolving blockers (with the owning department suggested as
//! the keyword is typed), and linking and unlinking haakjes.

use super::common::{OrGone, ask, change, open_form, target_case};
use crate::domain::*;
use crate::i18n;
use crate::i18n::Lang;
use crate::i18n::dashboard as text;
use crate::tui::action::{Action, Change, Pane};
use crate::tui::form::{Field, FieldId, FieldKind, Form, Purpose, Return, Value};
use crate::tui::state::{Model, Tone};
use uuid::Uuid;

/// The case in view, or say that one is needed.
fn case_or_say(m: &mut Model) -> Option<Case> {
    let c = target_case(m).cloned();
    if c.is_none() {
        m.say(Tone::Info, text::select_case(m.lang));
    }
    c
}

fn find_case(m: &Model, id: Id) -> Result<Case, String> {
    m.case(id).cloned().or_gone()
}

/// `b`: a blocker with its keyword and owning department.
pub fn start_blocker(m: &mut Model) {
    let lang = m.lang;
    let Some(c) = case_or_say(m) else {
        return;
    };
    let depts: Vec<(String, Option<Id>)> =
        std::iter::once((text::no_department(lang).to_string(), None))
            .chain(
                m.data
                    .departments
                    .iter()
                    .map(|d| (format!("{} {}", d.number, d.name), Some(d.id))),
            )
            .collect();
    open_form(
        m,
        text::blocker_title(lang, &c.number),
        Purpose::Blocker { case: c.id },
        vec![
            Field::text(FieldId::Keyword, text::f_keyword(lang), true),
            Field::choice(FieldId::Department, text::f_department(lang), depts),
            Field::text(FieldId::Description, text::f_description(lang), false),
        ],
    );
}

/// While the keyword is typed: choose the department that owns it, by the
/// owner lookup's own rule; when nobody does, choose none and say so, as the
/// lookup does.
pub fn blocker_hint(m: &Model, f: &mut Form) {
    if f.focused_id() != Some(FieldId::Keyword) {
        return;
    }
    let typed = f.typed(FieldId::Keyword).trim().to_string();
    let best = m
        .views
        .keywords(&m.data)
        .lookup(&typed)
        .first()
        .map(|b| b.department);
    f.select(FieldId::Department, best);
    f.warning = (best.is_none() && !typed.is_empty()).then(|| text::no_owner(m.lang).to_string());
}

pub fn submit_blocker(m: &Model, f: &Form, case: Id) -> Result<Option<Change>, String> {
    let ctx = &m.ctx;
    let mut c = find_case(m, case)?;
    let Some(dept) = f.chosen::<Option<Id>>(FieldId::Department).or_gone()? else {
        return Err(text::choose_department(m.lang).to_string());
    };
    let dept = m.data.departments.iter().find(|d| d.id == dept).or_gone()?;
    let keyword = f.text(FieldId::Keyword);
    c.blockers.push(Blocker {
        id: Uuid::new_v4(),
        keyword: keyword.clone(),
        description: f.text(FieldId::Description),
        department: dept.id,
        raised_on: ctx.today,
        resolved_on: None,
    });
    c.stamp.touch(ctx.now, &ctx.user);
    let msg = text::blocker_saved(m.lang, &keyword, &dept.number, &c.number);
    Ok(Some(change(m, vec![c.into()], msg)))
}

/// `B`: which open blocker is resolved.
pub fn start_resolve(m: &mut Model) {
    let lang = m.lang;
    let Some(c) = case_or_say(m) else {
        return;
    };
    let open: Vec<(String, Id)> = c
        .blockers
        .iter()
        .filter(|b| b.is_open())
        .map(|b| {
            let dept = m.data.departments.iter().find(|d| d.id == b.department);
            let label = format!(
                "{} → {}",
                b.keyword,
                dept.map_or("?", |d| d.number.as_str())
            );
            (label, b.id)
        })
        .collect();
    if open.is_empty() {
        m.say(Tone::Info, text::no_open_blockers(lang));
        return;
    }
    open_form(
        m,
        text::resolve_title(lang, &c.number),
        Purpose::ResolveBlocker { case: c.id },
        vec![Field::choice(FieldId::Blocker, text::f_blocker(lang), open)],
    );
}

pub fn submit_resolve(m: &Model, f: &Form, case: Id) -> Result<Option<Change>, String> {
    let ctx = &m.ctx;
    let mut c = find_case(m, case)?;
    let id = f.chosen::<Id>(FieldId::Blocker).or_gone()?;
    let b = c.blockers.iter_mut().find(|b| b.id == id).or_gone()?;
    b.resolved_on = Some(ctx.today);
    let keyword = b.keyword.clone();
    c.stamp.touch(ctx.now, &ctx.user);
    let msg = text::blocker_resolved(m.lang, &keyword, &c.number);
    Ok(Some(change(m, vec![c.into()], msg)))
}

/// `l`: link a haakje not yet linked, with where it says so.
pub fn start_link(m: &mut Model) {
    let lang = m.lang;
    let Some(c) = case_or_say(m) else {
        return;
    };
    let free: Vec<(String, Id)> = m
        .data
        .hooks
        .iter()
        .filter(|h| !c.hooks.iter().any(|l| l.hook == h.id))
        .map(|h| (format!("{} {}", h.number, h.title), h.id))
        .collect();
    if free.is_empty() {
        m.say(Tone::Info, text::all_hooks_linked(lang));
        return;
    }
    let locators = text::LOCATOR_KINDS
        .iter()
        .map(|k| (text::locator_kind(lang, *k).to_string(), *k));
    let verified = text::yes_no(lang).into_iter().zip([true, false]);
    open_form(
        m,
        text::link_title(lang, &c.number),
        Purpose::LinkHook { case: c.id },
        vec![
            Field::choice(FieldId::Hook, text::f_hook(lang), free).searchable(),
            Field::choice(FieldId::LocatorKind, text::f_locator_kind(lang), locators),
            Field::text(FieldId::Locator, text::f_locator(lang), true),
            Field::text(FieldId::Quote, text::f_quote(lang), true),
            Field::choice(FieldId::Verified, text::f_verified(lang), verified).selecting(false),
        ],
    );
}

/// While the haakje is searched: the haakjes matching what is typed.
pub fn link_hint(m: &Model, f: &mut Form) {
    if f.focused_id() != Some(FieldId::Hook) {
        return;
    }
    let found: Vec<Value> = hooks::search(&m.data.hooks, f.typed(FieldId::Hook))
        .into_iter()
        .map(Value::Id)
        .collect();
    f.show_matching(FieldId::Hook, &found);
}

pub fn submit_link(m: &Model, f: &Form, case: Id) -> Result<Option<Change>, String> {
    let ctx = &m.ctx;
    let mut c = find_case(m, case)?;
    let hook = f.chosen::<Id>(FieldId::Hook).or_gone()?;
    c.hooks.push(HookLink {
        hook,
        locator_kind: f.chosen::<LocatorKind>(FieldId::LocatorKind).or_gone()?,
        locator: f.text(FieldId::Locator),
        quote: f.text(FieldId::Quote),
        verified: f.chosen::<bool>(FieldId::Verified).or_gone()?,
    });
    c.log_event(ctx.today, &ctx.user, CaseChange::HookLinked { hook });
    c.stamp.touch(ctx.now, &ctx.user);
    let number = m
        .data
        .hooks
        .iter()
        .find(|h| h.id == hook)
        .map_or("?", |h| h.number.as_str());
    let msg = text::linked(m.lang, number, &c.number);
    Ok(Some(change(m, vec![c.into()], msg)))
}

/// `L` in the hooks pane: unlink the selected haakje, after a question.
pub fn unlink(m: &mut Model) {
    let lang = m.lang;
    if m.focus != Pane::Hooks {
        m.say(Tone::Info, text::unlink_from_hooks_pane(lang));
        return;
    }
    let Some(c) = m.selected_case().cloned() else {
        return;
    };
    let rows = m.hook_rows();
    let Some(row) = rows.get(m.selected(Pane::Hooks)) else {
        m.say(Tone::Info, text::nothing_selected(lang));
        return;
    };
    let hook_number = row
        .hook
        .as_ref()
        .map_or("?".to_string(), |h| h.number.clone());
    let mut case = c.clone();
    case.hooks.retain(|l| l.hook != row.link.hook);
    let hook = row.link.hook;
    case.log_event(m.ctx.today, &m.ctx.user, CaseChange::HookUnlinked { hook });
    case.stamp.touch(m.ctx.now, &m.ctx.user);
    let message = text::unlinked(lang, &hook_number, &c.number);
    let question = text::confirm_unlink(lang, &hook_number, &c.number);
    let change = change(m, vec![case.into()], message);
    ask(m, question, change, Return::Overview);
}

/// `c`: a new case, for a known entrepreneur or a new one, with the
/// entrepreneur's details.
pub fn start_new(m: &mut Model) {
    let lang = m.lang;
    let mut orgs: Vec<&Organisation> = m
        .data
        .organisations
        .iter()
        .filter(|o| o.kind == OrgKind::Entrepreneur)
        .collect();
    orgs.sort_by_key(|o| o.name.to_lowercase());
    let options: Vec<(String, Option<Id>)> =
        std::iter::once((text::new_org_option(lang).to_string(), None))
            .chain(orgs.iter().map(|o| (o.name.clone(), Some(o.id))))
            .collect();
    let mut fields = vec![
        Field::choice(FieldId::Organisation, text::f_organisation(lang), options),
        // The first option is a new entrepreneur: its name is needed.
        Field::text(FieldId::NewOrganisation, text::f_new_org(lang), true),
    ];
    fields.extend(detail_fields(lang, None));
    fields.extend([
        Field::text(FieldId::Title, text::f_title(lang), true),
        Field::text(FieldId::Question, text::f_question(lang), false),
        Field::choice(
            FieldId::ActionLine,
            text::f_action_line(lang),
            action_lines(lang),
        ),
    ]);
    open_form(
        m,
        text::new_case_title(lang).to_string(),
        Purpose::NewCase,
        fields,
    );
}

/// The entrepreneur's details, as `org` has them (empty for a new one).
fn detail_fields(lang: Lang, org: Option<&Organisation>) -> Vec<Field> {
    let value = |get: fn(&Organisation) -> String| org.map(get).unwrap_or_default();
    vec![
        Field::text(FieldId::ContactPerson, text::f_contact_person(lang), false)
            .with_value(&value(|o| o.contact_person.clone())),
        Field::detail(FieldId::Email, text::f_email(lang), FieldKind::Email)
            .with_value(&value(|o| o.email.clone())),
        Field::detail(FieldId::Phone, text::f_phone(lang), FieldKind::Phone)
            .with_value(&value(|o| o.phone.clone())),
        Field::detail(FieldId::Kvk, text::f_kvk(lang), FieldKind::Kvk)
            .with_value(&value(|o| o.kvk.clone())),
        Field::detail(
            FieldId::Products,
            text::f_products(lang),
            FieldKind::Products,
        )
        .with_value(&value(|o| intake::products_text(&o.products))),
    ]
}

/// Put the form's details into `org`; whether anything changed.
fn take_details(f: &Form, org: &mut Organisation, lang: Lang) -> Result<bool, String> {
    let bad = |e: intake::DetailError| i18n::domain::detail_error(lang, &e);
    let before = org.clone();
    org.contact_person = f.text(FieldId::ContactPerson);
    org.email = intake::email(&f.text(FieldId::Email)).map_err(bad)?;
    org.phone = intake::phone(&f.text(FieldId::Phone)).map_err(bad)?;
    org.kvk = intake::kvk(&f.text(FieldId::Kvk)).map_err(bad)?;
    org.products = intake::products(&f.text(FieldId::Products)).map_err(bad)?;
    Ok(*org != before)
}

/// While the new-case form is filled in: a new entrepreneur needs a name; a
/// known one chosen (←/→ on the entrepreneur) shows its details to check.
pub fn new_case_hint(m: &Model, f: &mut Form, action: &Action) {
    if f.focused_id() != Some(FieldId::Organisation)
        || !matches!(action, Action::ChoiceLeft | Action::ChoiceRight)
    {
        return;
    }
    let chosen = f.chosen::<Option<Id>>(FieldId::Organisation).flatten();
    f.set_required(FieldId::NewOrganisation, chosen.is_none());
    let org = chosen.and_then(|id| m.data.organisations.iter().find(|o| o.id == id));
    for field in detail_fields(m.lang, org) {
        f.set_value(field.id, &field.value);
    }
}

pub fn submit_new(m: &Model, f: &Form) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let ctx = &m.ctx;
    let mut save: Vec<AnyRecord> = Vec::new();
    let org = match f.chosen::<Option<Id>>(FieldId::Organisation).or_gone()? {
        Some(id) => {
            let mut o = m
                .data
                .organisations
                .iter()
                .find(|o| o.id == id)
                .cloned()
                .or_gone()?;
            if take_details(f, &mut o, m.lang)? {
                o.stamp.touch(ctx.now, &ctx.user);
                save.push(o.into());
            }
            id
        }
        None => {
            let name = f.text(FieldId::NewOrganisation);
            if name.is_empty() {
                return Err(text::name_new_org(lang).to_string());
            }
            let mut o = Organisation {
                id: Uuid::new_v4(),
                number: m.next_number(Kind::Organisation),
                name,
                kind: OrgKind::Entrepreneur,
                description: String::new(),
                products: Vec::new(),
                sroi_obligation: None,
                target_group_percent: None,
                contact_person: String::new(),
                email: String::new(),
                phone: String::new(),
                kvk: String::new(),
                stamp: Stamp::new(ctx.now, &ctx.user),
            };
            take_details(f, &mut o, m.lang)?;
            let id = o.id;
            save.push(o.into());
            id
        }
    };
    let c = Case {
        id: Uuid::new_v4(),
        number: m.next_number(Kind::Case),
        organisation: org,
        title: f.text(FieldId::Title),
        question: f.text(FieldId::Question),
        action_line: f.chosen::<ActionLine>(FieldId::ActionLine).or_gone()?,
        status: CaseStatus::New,
        owner: ctx.user.clone(),
        opened_on: ctx.today,
        closed_on: None,
        blockers: Vec::new(),
        hooks: Vec::new(),
        log: Vec::new(),
        stamp: Stamp::new(ctx.now, &ctx.user),
    };
    let msg = text::case_saved(lang, &c.number);
    let reveal = c.record_ref();
    save.push(c.into());
    let mut change = change(m, save, msg);
    change.reveal = Some(reveal);
    Ok(Some(change))
}

/// `e`: edit the case in view, and its entrepreneur's details.
pub fn start_edit(m: &mut Model) {
    let lang = m.lang;
    let Some(c) = case_or_say(m) else {
        return;
    };
    let statuses = CaseStatus::ALL
        .iter()
        .map(|s| (i18n::case_status(lang, *s).to_string(), *s));
    let org = m
        .data
        .organisations
        .iter()
        .find(|o| o.id == c.organisation)
        .cloned();
    let mut fields = vec![
        Field::text(FieldId::Title, text::f_title(lang), true).with_value(&c.title),
        Field::text(FieldId::Question, text::f_question(lang), false).with_value(&c.question),
        Field::choice(FieldId::Status, text::f_status(lang), statuses).selecting(c.status),
        Field::choice(
            FieldId::ActionLine,
            text::f_action_line(lang),
            action_lines(lang),
        )
        .selecting(c.action_line),
        Field::text(FieldId::Owner, text::f_owner(lang), true).with_value(&c.owner),
    ];
    if org.is_some() {
        fields.extend(detail_fields(lang, org.as_ref()));
    }
    open_form(
        m,
        text::edit_case_title(lang, &c.number),
        Purpose::EditCase { case: c.id },
        fields,
    );
}

pub fn submit_edit(m: &Model, f: &Form, case: Id) -> Result<Option<Change>, String> {
    let ctx = &m.ctx;
    let mut c = find_case(m, case)?;
    let mut save: Vec<AnyRecord> = Vec::new();
    if let Some(mut o) = m
        .data
        .organisations
        .iter()
        .find(|o| o.id == c.organisation)
        .cloned()
        .filter(|_| f.fields().iter().any(|x| x.id == FieldId::Kvk))
        && take_details(f, &mut o, m.lang)?
    {
        o.stamp.touch(ctx.now, &ctx.user);
        save.push(o.into());
    }
    c.title = f.text(FieldId::Title);
    c.question = f.text(FieldId::Question);
    let status = f.chosen::<CaseStatus>(FieldId::Status).or_gone()?;
    if status.is_open() {
        c.closed_on = None;
    } else if c.status.is_open() {
        c.closed_on = Some(ctx.today);
    }
    c.status = status;
    c.action_line = f.chosen::<ActionLine>(FieldId::ActionLine).or_gone()?;
    c.owner = f.text(FieldId::Owner);
    c.log_event(ctx.today, &ctx.user, CaseChange::Edited);
    c.stamp.touch(ctx.now, &ctx.user);
    let msg = text::case_updated(m.lang, &c.number);
    save.push(c.into());
    Ok(Some(change(m, save, msg)))
}

fn action_lines(lang: Lang) -> Vec<(String, ActionLine)> {
    ActionLine::ALL
        .iter()
        .map(|a| (i18n::action_line(lang, *a).to_string(), *a))
        .collect()
}
