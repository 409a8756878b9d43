//! Changing things from the keyboard: which form a key opens, and how a filled
//! form becomes a [`Change`] (checked by the domain rules, undoable).

use super::action::Action;
use super::form::{Field, Form, Purpose, Return};
use super::model::{Change, Confirm, Mode, Model, Pane, Tone, Undo};
use super::update::Effect;
use crate::domain::followup::{REPEAT_WORKING_DAYS, add_working_days};
use crate::domain::ops::{self, RuleError};
use crate::domain::threshold::ThresholdCheck;
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;

/// The record a change is about: the open detail or review item, else the
/// focused row.
pub(super) fn target(m: &Model) -> Option<RecordRef> {
    match &m.mode {
        Mode::Detail(r) => Some(*r),
        Mode::Review(i) => m.review_item(*i).map(|x| x.record_ref()),
        _ => m.focused_record(),
    }
}

fn target_exception(m: &Model) -> Option<&ProcurementException> {
    let r = target(m).filter(|r| r.kind == Kind::Exception)?;
    m.data.exceptions.iter().find(|x| x.id == r.id)
}

/// The case of the target: the case itself, or the case of an exception.
pub(super) fn target_case(m: &Model) -> Option<&Case> {
    let r = target(m)?;
    match r.kind {
        Kind::Case => m.case(r.id),
        Kind::Exception => m
            .data
            .exceptions
            .iter()
            .find(|x| x.id == r.id)
            .and_then(|x| m.case(x.case)),
        _ => None,
    }
}

fn open_followups(m: &Model, about: RecordRef) -> Vec<&FollowUp> {
    m.data
        .followups
        .iter()
        .filter(|f| f.about == about && !f.is_done())
        .collect()
}

pub(super) fn open_form(m: &mut Model, title: String, purpose: Purpose, fields: Vec<Field>) {
    m.status = None;
    let mut form = Form::new(title, purpose, fields);
    form.back = match m.mode {
        Mode::Detail(r) => Return::Detail(r),
        Mode::Review(i) => Return::Review(i),
        Mode::Tracks(i) => Return::Tracks(i),
        _ => Return::Overview,
    };
    m.mode = Mode::Form(Box::new(form));
}

/// Where a finished or cancelled form goes: back to the view it came from.
pub(super) fn leave_form(m: &mut Model, back: Return) {
    m.mode = match back {
        Return::Detail(r) => Mode::Detail(r),
        Return::Review(i) => Mode::Review(i),
        Return::Tracks(i) => Mode::Tracks(i),
        Return::Overview => Mode::Normal,
    };
}

/// A change to one or more records, with its undo taken from the data as it is.
pub(super) fn change(m: &Model, save: Vec<AnyRecord>, message: String) -> Option<Effect> {
    let undo = Undo::of(message.clone(), &m.data, &save);
    Some(Effect::Persist(Change {
        save,
        delete: Vec::new(),
        message,
        undo: Some(undo),
    }))
}

fn refuse(m: &mut Model, e: RuleError) -> Option<Effect> {
    let msg = e.message(m.lang);
    m.say(Tone::Error, msg);
    None
}

/// A key that asks for a change: open its form, or make it at once.
pub fn start(m: &mut Model, action: Action) -> Option<Effect> {
    let lang = m.lang;
    let today = m.ctx.today;
    match action {
        Action::NewNote => {
            let Some(r) = target(m) else {
                m.say(Tone::Info, text::nothing_selected(lang));
                return None;
            };
            let title = text::note_title(lang, &number_of(m, r));
            open_form(
                m,
                title,
                Purpose::Note { target: r },
                vec![Field::text(text::f_note(lang), true)],
            );
        }
        Action::NewFollowUp => {
            let Some(r) = target(m) else {
                m.say(Tone::Info, text::nothing_selected(lang));
                return None;
            };
            let due = add_working_days(today, REPEAT_WORKING_DAYS);
            let title = text::followup_title(lang, &number_of(m, r));
            open_form(
                m,
                title,
                Purpose::FollowUp { about: r },
                vec![
                    Field::choice(text::f_with(lang), counterpart_labels(m, r), 0),
                    Field::text(text::f_subject(lang), true),
                    Field::date(text::f_due(lang), &i18n::date(due)),
                ],
            );
        }
        Action::RepeatFollowUp | Action::CompleteFollowUp => {
            let Some(r) = target(m) else {
                m.say(Tone::Info, text::nothing_selected(lang));
                return None;
            };
            let open: Vec<FollowUp> = open_followups(m, r).into_iter().cloned().collect();
            let repeat = action == Action::RepeatFollowUp;
            match open.as_slice() {
                [] => m.say(Tone::Info, text::no_open_followups(lang)),
                [one] => return followup_step(m, one.clone(), repeat),
                many => {
                    let options = many
                        .iter()
                        .map(|f| format!("{} {} ({})", f.number, f.subject, i18n::date(f.due)))
                        .collect();
                    let ids = many.iter().map(|f| f.id).collect();
                    let title = text::which_followup(lang, repeat);
                    let purpose = if repeat {
                        Purpose::RepeatFollowUp { followups: ids }
                    } else {
                        Purpose::CompleteFollowUp { followups: ids }
                    };
                    open_form(
                        m,
                        title,
                        purpose,
                        vec![Field::choice(text::f_followup(lang), options, 0)],
                    );
                }
            }
        }
        Action::StageForward => {
            let Some(x) = target_exception(m).cloned() else {
                m.say(Tone::Info, text::select_exception(lang));
                return None;
            };
            let Some(next) = x.stage.next() else {
                m.say(Tone::Info, text::last_stage(lang));
                return None;
            };
            let mut moved = x.clone();
            if let Err(e) = ops::move_stage(&mut moved, next, None, &m.ctx) {
                return refuse(m, e);
            }
            let msg = text::moved(lang, &x.number, next);
            return change(m, vec![moved.into()], msg);
        }
        Action::StageBack => {
            let Some(x) = target_exception(m).cloned() else {
                m.say(Tone::Info, text::select_exception(lang));
                return None;
            };
            let earlier: Vec<Stage> = Stage::OPEN
                .iter()
                .copied()
                .take_while(|s| *s != x.stage)
                .collect();
            if earlier.is_empty() || x.stage.is_closed() {
                m.say(Tone::Info, text::no_earlier_stage(lang));
                return None;
            }
            let options = earlier
                .iter()
                .map(|s| i18n::stage_numbered(lang, *s))
                .collect();
            let last = earlier.len() - 1;
            open_form(
                m,
                text::stage_back_title(lang, &x.number),
                Purpose::StageBack { exception: x.id },
                vec![
                    Field::choice(text::f_stage(lang), options, last),
                    Field::text(text::f_why(lang), true),
                ],
            );
        }
        Action::StageClose => {
            let Some(x) = target_exception(m).cloned() else {
                m.say(Tone::Info, text::select_exception(lang));
                return None;
            };
            if x.stage.is_closed() {
                m.say(Tone::Info, text::already_closed(lang));
                return None;
            }
            let options = Stage::CLOSED
                .iter()
                .map(|s| i18n::stage(lang, *s).to_string())
                .collect();
            open_form(
                m,
                text::close_title(lang, &x.number),
                Purpose::StageClose { exception: x.id },
                vec![
                    Field::choice(text::f_outcome(lang), options, 0),
                    Field::text(text::f_note(lang), false),
                ],
            );
        }
        Action::Snooze => {
            let Some(x) = target_exception(m).cloned() else {
                m.say(Tone::Info, text::select_exception(lang));
                return None;
            };
            open_form(
                m,
                text::snooze_title(lang, &x.number),
                Purpose::Snooze { exception: x.id },
                vec![
                    Field::date(text::f_until(lang), "+14"),
                    Field::text(text::f_reason(lang), true),
                ],
            );
        }
        Action::Unsnooze => {
            let Some(x) = target_exception(m).cloned() else {
                m.say(Tone::Info, text::select_exception(lang));
                return None;
            };
            if x.snooze.is_none() {
                m.say(Tone::Info, text::not_snoozed(lang));
                return None;
            }
            let mut woke = x.clone();
            ops::unsnooze(&mut woke, &m.ctx);
            let msg = text::unsnoozed(lang, &x.number);
            return change(m, vec![woke.into()], msg);
        }
        Action::AddBlocker => {
            let Some(c) = target_case(m).cloned() else {
                m.say(Tone::Info, text::select_case(lang));
                return None;
            };
            let depts = m
                .data
                .departments
                .iter()
                .map(|d| format!("{} {}", d.number, d.name))
                .collect();
            open_form(
                m,
                text::blocker_title(lang, &c.number),
                Purpose::Blocker { case: c.id },
                vec![
                    Field::text(text::f_keyword(lang), true),
                    Field::choice(text::f_department(lang), depts, 0),
                    Field::text(text::f_description(lang), false),
                ],
            );
        }
        Action::ResolveBlocker => {
            let Some(c) = target_case(m).cloned() else {
                m.say(Tone::Info, text::select_case(lang));
                return None;
            };
            let open: Vec<&Blocker> = c.blockers.iter().filter(|b| b.is_open()).collect();
            if open.is_empty() {
                m.say(Tone::Info, text::no_open_blockers(lang));
                return None;
            }
            let options = open.iter().map(|b| blocker_label(m, b)).collect();
            let ids = open.iter().map(|b| b.id).collect();
            open_form(
                m,
                text::resolve_title(lang, &c.number),
                Purpose::ResolveBlocker {
                    case: c.id,
                    blockers: ids,
                },
                vec![Field::choice(text::f_blocker(lang), options, 0)],
            );
        }
        Action::LinkHook => {
            let Some(c) = target_case(m).cloned() else {
                m.say(Tone::Info, text::select_case(lang));
                return None;
            };
            let free: Vec<&PolicyHook> = m
                .data
                .hooks
                .iter()
                .filter(|h| !c.hooks.iter().any(|l| l.hook == h.id))
                .collect();
            if free.is_empty() {
                m.say(Tone::Info, text::all_hooks_linked(lang));
                return None;
            }
            let options = free
                .iter()
                .map(|h| format!("{} {}", h.number, h.title))
                .collect();
            let ids = free.iter().map(|h| h.id).collect();
            open_form(
                m,
                text::link_title(lang, &c.number),
                Purpose::LinkHook {
                    case: c.id,
                    hooks: ids,
                },
                vec![
                    Field::choice(text::f_hook(lang), options, 0),
                    Field::choice(text::f_locator_kind(lang), locator_kinds(lang), 0),
                    Field::text(text::f_locator(lang), true),
                    Field::text(text::f_quote(lang), true),
                    Field::choice(text::f_verified(lang), text::yes_no(lang), 1),
                ],
            );
        }
        Action::UnlinkHook => {
            if m.focus != Pane::Hooks {
                m.say(Tone::Info, text::unlink_from_hooks_pane(lang));
                return None;
            }
            let c = m.selected_case().cloned()?;
            let rows = m.hook_rows();
            let Some(row) = rows.get(m.selected[Pane::Hooks.index()]) else {
                m.say(Tone::Info, text::nothing_selected(lang));
                return None;
            };
            let hook_number = row
                .hook
                .as_ref()
                .map_or("?".to_string(), |h| h.number.clone());
            let mut case = c.clone();
            case.hooks.retain(|l| l.hook != row.link.hook);
            case.stamp.touch(m.ctx.now, &m.ctx.user);
            let message = text::unlinked(lang, &hook_number, &c.number);
            let undo = Undo::of(message.clone(), &m.data, &[case.clone().into()]);
            m.mode = Mode::Confirm(Box::new(Confirm {
                back: Return::Overview,
                question: text::confirm_unlink(lang, &hook_number, &c.number),
                change: Change {
                    save: vec![case.into()],
                    delete: Vec::new(),
                    message,
                    undo: Some(undo),
                },
            }));
        }
        Action::NewCase => {
            let mut orgs: Vec<&Organisation> = m
                .data
                .organisations
                .iter()
                .filter(|o| o.kind == OrgKind::Entrepreneur)
                .collect();
            orgs.sort_by_key(|o| o.name.to_lowercase());
            let mut options = vec![text::new_org_option(lang).to_string()];
            options.extend(orgs.iter().map(|o| o.name.clone()));
            let ids = orgs.iter().map(|o| o.id).collect();
            open_form(
                m,
                text::new_case_title(lang).to_string(),
                Purpose::NewCase { organisations: ids },
                vec![
                    Field::choice(text::f_organisation(lang), options, 0),
                    Field::text(text::f_new_org(lang), false),
                    Field::text(text::f_title(lang), true),
                    Field::text(text::f_question(lang), false),
                    Field::choice(text::f_action_line(lang), action_lines(lang), 0),
                ],
            );
        }
        Action::EditCase => {
            let Some(c) = target_case(m).cloned() else {
                m.say(Tone::Info, text::select_case(lang));
                return None;
            };
            let status = CaseStatus::ALL
                .iter()
                .position(|s| *s == c.status)
                .unwrap_or(0);
            let line = ActionLine::ALL
                .iter()
                .position(|a| *a == c.action_line)
                .unwrap_or(0);
            let statuses = CaseStatus::ALL
                .iter()
                .map(|s| i18n::case_status(lang, *s).to_string())
                .collect();
            open_form(
                m,
                text::edit_case_title(lang, &c.number),
                Purpose::EditCase { case: c.id },
                vec![
                    Field::text(text::f_title(lang), true).with_value(&c.title),
                    Field::text(text::f_question(lang), false).with_value(&c.question),
                    Field::choice(text::f_status(lang), statuses, status),
                    Field::choice(text::f_action_line(lang), action_lines(lang), line),
                    Field::text(text::f_owner(lang), true).with_value(&c.owner),
                ],
            );
        }
        Action::NewException => {
            let Some(c) = target_case(m).cloned() else {
                m.say(Tone::Info, text::select_case(lang));
                return None;
            };
            let lawyers: Vec<&Contact> = m
                .data
                .contacts
                .iter()
                .filter(|p| p.roles.contains(&Role::Lawyer))
                .collect();
            let mut options = vec!["—".to_string()];
            options.extend(lawyers.iter().map(|p| p.name.clone()));
            let ids = lawyers.iter().map(|p| p.id).collect();
            open_form(
                m,
                text::new_exception_title(lang, &c.number),
                Purpose::NewException {
                    case: c.id,
                    contacts: ids,
                },
                vec![
                    Field::choice(text::f_kind(lang), exception_kinds(lang), 0),
                    Field::choice(text::f_contract_type(lang), contract_types(lang), 1),
                    Field::money(text::f_value(lang)),
                    Field::text(text::f_description(lang), true),
                    Field::choice(text::f_legal_contact(lang), options, 0),
                ],
            );
        }
        Action::OpenLookup
        | Action::FileBlocker
        | Action::AddKeyword
        | Action::RemoveKeyword
        | Action::MoveKeyword
        | Action::ChangeLiaison => return super::owner::start(m, action),
        _ => {}
    }
    None
}

pub(super) fn number_of(m: &Model, r: RecordRef) -> String {
    m.data
        .get(r)
        .map(|x| x.number().to_string())
        .unwrap_or_default()
}

fn blocker_label(m: &Model, b: &Blocker) -> String {
    let dept = m.data.departments.iter().find(|d| d.id == b.department);
    format!(
        "{} → {}",
        b.keyword,
        dept.map_or("?", |d| d.number.as_str())
    )
}

/// The people a follow-up can be with: the case's entrepreneur, then colleagues.
pub(super) fn counterparts(m: &Model, about: RecordRef) -> Vec<Counterpart> {
    let case = match about.kind {
        Kind::Case => m.case(about.id),
        Kind::Exception => m
            .data
            .exceptions
            .iter()
            .find(|x| x.id == about.id)
            .and_then(|x| m.case(x.case)),
        _ => None,
    };
    let mut out: Vec<Counterpart> = case
        .map(|c| Counterpart::Organisation(c.organisation))
        .into_iter()
        .collect();
    out.extend(m.data.contacts.iter().map(|p| Counterpart::Contact(p.id)));
    out
}

fn counterpart_labels(m: &Model, about: RecordRef) -> Vec<String> {
    counterparts(m, about)
        .iter()
        .map(|c| match c {
            Counterpart::Organisation(id) => m.org_name(*id).to_string(),
            Counterpart::Contact(id) => m
                .data
                .contacts
                .iter()
                .find(|p| p.id == *id)
                .map(|p| {
                    let dept = p
                        .department
                        .and_then(|d| m.data.departments.iter().find(|x| x.id == d));
                    format!("{} ({})", p.name, dept.map_or("", |d| d.number.as_str()))
                })
                .unwrap_or_default(),
            Counterpart::Other(s) => s.clone(),
        })
        .collect()
}

fn locator_kinds(lang: crate::i18n::Lang) -> Vec<String> {
    text::LOCATOR_KINDS
        .iter()
        .map(|k| text::locator_kind(lang, *k).to_string())
        .collect()
}

fn action_lines(lang: crate::i18n::Lang) -> Vec<String> {
    ActionLine::ALL
        .iter()
        .map(|a| i18n::action_line(lang, *a).to_string())
        .collect()
}

pub(super) const EXCEPTION_KINDS: [ExceptionKind; 5] = [
    ExceptionKind::DirectAward,
    ExceptionKind::ReservedContract,
    ExceptionKind::Lots,
    ExceptionKind::SroiDeviation,
    ExceptionKind::FrameworkDeviation,
];

pub(super) const CONTRACT_TYPES: [ContractType; 4] = [
    ContractType::Supplies,
    ContractType::Services,
    ContractType::Works,
    ContractType::SocialServices,
];

fn exception_kinds(lang: crate::i18n::Lang) -> Vec<String> {
    EXCEPTION_KINDS
        .iter()
        .map(|k| i18n::exception_kind(lang, *k).to_string())
        .collect()
}

fn contract_types(lang: crate::i18n::Lang) -> Vec<String> {
    CONTRACT_TYPES
        .iter()
        .map(|k| i18n::contract_type(lang, *k).to_string())
        .collect()
}

pub(super) fn followup_step(m: &mut Model, f: FollowUp, repeat: bool) -> Option<Effect> {
    let mut changed = f.clone();
    let result = if repeat {
        ops::repeat_followup(&mut changed, &m.ctx)
    } else {
        ops::complete_followup(&mut changed, &m.ctx)
    };
    if let Err(e) = result {
        return refuse(m, e);
    }
    let msg = if repeat {
        text::repeated(m.lang, &f.number, changed.repeat_count(), changed.due)
    } else {
        text::completed(m.lang, &f.number)
    };
    if let Mode::Form(f) = &m.mode {
        let back = f.back;
        leave_form(m, back);
    }
    change(m, vec![changed.into()], msg)
}

/// Keys while a form is open.
pub fn form(m: &mut Model, action: Action) -> Option<Effect> {
    let Mode::Form(mut f) = m.mode.clone() else {
        return None;
    };
    match action {
        Action::Back => {
            leave_form(m, f.back);
            m.say(Tone::Info, text::cancelled(m.lang));
            return None;
        }
        Action::Input(c) => f.input(c),
        Action::Backspace => f.backspace(),
        Action::NextField => f.next_field(),
        Action::PrevField => f.prev_field(),
        Action::ChoiceLeft => f.cycle(false),
        Action::ChoiceRight => f.cycle(true),
        Action::Submit => {
            if let Some((i, e)) = f.first_error(m.lang, m.ctx.today) {
                f.focus = i;
                f.error = Some(format!("{}: {e}", f.fields[i].label));
                m.mode = Mode::Form(f);
                return None;
            }
            return match super::submit::submit(m, &f) {
                Ok(effect) => {
                    if matches!(m.mode, Mode::Form(_)) {
                        leave_form(m, f.back);
                    }
                    effect
                }
                Err(msg) => {
                    f.error = Some(msg);
                    m.mode = Mode::Form(f);
                    None
                }
            };
        }
        _ => {}
    }
    live_hints(m, &mut f);
    m.mode = Mode::Form(f);
    None
}

/// Suggestions and warnings that follow the typing: the owning department of a
/// blocker keyword, the EU threshold of a new exception.
fn live_hints(m: &Model, f: &mut Form) {
    match &f.purpose {
        Purpose::Blocker { .. } if f.focus == 0 => {
            let index = KeywordIndex::build(&m.data.departments);
            if let Some(best) = index.lookup(&f.fields[0].value).first()
                && let Some(i) = m
                    .data
                    .departments
                    .iter()
                    .position(|d| d.id == best.department)
            {
                f.fields[1].choice = i;
            }
        }
        Purpose::NewException { .. } => {
            f.warning = None;
            if let Some(value) = f.fields[2].cents() {
                let kind = EXCEPTION_KINDS[f.fields[0].choice];
                let ct = CONTRACT_TYPES[f.fields[1].choice];
                if let ThresholdCheck::AtOrAbove { threshold } =
                    crate::domain::threshold::check_direct_award(
                        kind,
                        ct,
                        value,
                        m.ctx.today,
                        &m.settings,
                    )
                {
                    f.warning = Some(text::threshold_warning(m.lang, threshold));
                }
            }
        }
        _ => {}
    }
}

pub(super) fn find_exception(m: &Model, id: Id) -> Result<ProcurementException, String> {
    m.data
        .exceptions
        .iter()
        .find(|x| x.id == id)
        .cloned()
        .ok_or_default()
}

pub(super) fn find_case(m: &Model, id: Id) -> Result<Case, String> {
    m.case(id).cloned().ok_or_default()
}

/// A record that vanished between opening a form and submitting it.
pub(super) trait OrGone<T> {
    fn ok_or_default(self) -> Result<T, String>;
}

impl<T> OrGone<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, String> {
        self.ok_or_else(|| text::gone().to_string())
    }
}
