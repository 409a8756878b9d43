//! Procurement exceptions: moving a stage on (`>`), back or closed, snoozing
//! and waking, and filing a new exception on a case with the EU-threshold
//! warning while the value is typed.

use super::common::{OrGone, change, open_form, refuse, target_case, target_exception};
use crate::domain::ops;
use crate::domain::threshold::{self, ThresholdCheck};
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::action::{Change, Effect};
use crate::tui::form::{Field, FieldId, Form, Purpose};
use crate::tui::state::{Model, Tone};
use uuid::Uuid;

const EXCEPTION_KINDS: [ExceptionKind; 5] = [
    ExceptionKind::DirectAward,
    ExceptionKind::ReservedContract,
    ExceptionKind::Lots,
    ExceptionKind::SroiDeviation,
    ExceptionKind::FrameworkDeviation,
];

const CONTRACT_TYPES: [ContractType; 4] = [
    ContractType::Supplies,
    ContractType::Services,
    ContractType::Works,
    ContractType::SocialServices,
];

/// The exception in view, or say that one is needed.
fn exception_or_say(m: &mut Model) -> Option<ProcurementException> {
    let x = target_exception(m).cloned();
    if x.is_none() {
        m.say(Tone::Info, text::select_exception(m.lang));
    }
    x
}

/// `>`: the next stage, at once.
pub fn stage_forward(m: &mut Model) -> Option<Effect> {
    let lang = m.lang;
    let x = exception_or_say(m)?;
    let Some(next) = x.stage.next() else {
        m.say(Tone::Info, text::last_stage(lang));
        return None;
    };
    let mut moved = x.clone();
    if let Err(e) = ops::move_stage(&mut moved, next, None, &m.ctx) {
        refuse(m, e);
        return None;
    }
    let msg = text::moved(lang, &x.number, next);
    Some(Effect::Persist(change(m, vec![moved.into()], msg)))
}

/// `<`: back to an earlier stage, with a reason.
pub fn start_stage_back(m: &mut Model) {
    let lang = m.lang;
    let Some(x) = exception_or_say(m) else {
        return;
    };
    let earlier: Vec<Stage> = Stage::OPEN
        .iter()
        .copied()
        .take_while(|s| *s != x.stage)
        .collect();
    let Some(last) = earlier.last().copied().filter(|_| !x.stage.is_closed()) else {
        m.say(Tone::Info, text::no_earlier_stage(lang));
        return;
    };
    let options = earlier.iter().map(|s| (i18n::stage_numbered(lang, *s), *s));
    open_form(
        m,
        text::stage_back_title(lang, &x.number),
        Purpose::StageBack { exception: x.id },
        vec![
            Field::choice(FieldId::Stage, text::f_stage(lang), options).selecting(last),
            Field::text(FieldId::Why, text::f_why(lang), true),
        ],
    );
}

/// `c`: close with an outcome and an optional note.
pub fn start_close(m: &mut Model) {
    let lang = m.lang;
    let Some(x) = exception_or_say(m) else {
        return;
    };
    if x.stage.is_closed() {
        m.say(Tone::Info, text::already_closed(lang));
        return;
    }
    let options = Stage::CLOSED
        .iter()
        .map(|s| (i18n::stage(lang, *s).to_string(), *s));
    open_form(
        m,
        text::close_title(lang, &x.number),
        Purpose::StageClose { exception: x.id },
        vec![
            Field::choice(FieldId::Stage, text::f_outcome(lang), options),
            Field::text(FieldId::Note, text::f_note(lang), false),
        ],
    );
}

/// The filled stage-back or close form: the move, checked by the rules.
pub fn submit_stage(m: &Model, f: &Form, exception: Id) -> Result<Option<Change>, String> {
    let x = m.exception(exception).cloned().or_gone()?;
    let to = f.chosen::<Stage>(FieldId::Stage).or_gone()?;
    let note = match f.purpose {
        Purpose::StageBack { .. } => f.text(FieldId::Why),
        _ => f.text(FieldId::Note),
    };
    let mut moved = x.clone();
    let note = Some(note.as_str()).filter(|n| !n.is_empty());
    ops::move_stage(&mut moved, to, note, &m.ctx).map_err(|e| e.message(m.lang))?;
    let msg = text::moved(m.lang, &x.number, to);
    Ok(Some(change(m, vec![moved.into()], msg)))
}

/// `s`: snooze until a date, with a reason.
pub fn start_snooze(m: &mut Model) {
    let lang = m.lang;
    let Some(x) = exception_or_say(m) else {
        return;
    };
    open_form(
        m,
        text::snooze_title(lang, &x.number),
        Purpose::Snooze { exception: x.id },
        vec![
            Field::date(FieldId::Until, text::f_until(lang), "+14"),
            Field::text(FieldId::Reason, text::f_reason(lang), true),
        ],
    );
}

pub fn submit_snooze(m: &Model, f: &Form, exception: Id) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let x = m.exception(exception).cloned().or_gone()?;
    let until = f
        .date(FieldId::Until, m.ctx.today)
        .ok_or_else(|| text::bad_date(lang).to_string())?;
    let mut snoozed = x.clone();
    let reason = f.text(FieldId::Reason);
    ops::snooze(&mut snoozed, until, &reason, &m.settings, &m.ctx).map_err(|e| e.message(lang))?;
    let msg = text::snoozed(lang, &x.number, until);
    Ok(Some(change(m, vec![snoozed.into()], msg)))
}

/// `S`: wake a snoozed exception, at once.
pub fn unsnooze(m: &mut Model) -> Option<Effect> {
    let lang = m.lang;
    let x = exception_or_say(m)?;
    if x.snooze.is_none() {
        m.say(Tone::Info, text::not_snoozed(lang));
        return None;
    }
    let mut woke = x.clone();
    ops::unsnooze(&mut woke, &m.ctx);
    let msg = text::unsnoozed(lang, &x.number);
    Some(Effect::Persist(change(m, vec![woke.into()], msg)))
}

/// `U`: a new exception on the case in view.
pub fn start_new(m: &mut Model) {
    let lang = m.lang;
    let Some(c) = target_case(m).cloned() else {
        m.say(Tone::Info, text::select_case(lang));
        return;
    };
    let lawyers = m
        .data
        .contacts
        .iter()
        .filter(|p| p.roles.contains(&Role::Lawyer))
        .map(|p| (p.name.clone(), Some(p.id)));
    let legal: Vec<(String, Option<Id>)> = std::iter::once(("—".to_string(), None))
        .chain(lawyers)
        .collect();
    let kinds = EXCEPTION_KINDS
        .iter()
        .map(|k| (i18n::exception_kind(lang, *k).to_string(), *k));
    let types = CONTRACT_TYPES
        .iter()
        .map(|k| (i18n::contract_type(lang, *k).to_string(), *k));
    open_form(
        m,
        text::new_exception_title(lang, &c.number),
        Purpose::NewException { case: c.id },
        vec![
            Field::choice(FieldId::ExceptionKind, text::f_kind(lang), kinds),
            Field::choice(FieldId::ContractType, text::f_contract_type(lang), types)
                .selecting(ContractType::Services),
            Field::money(FieldId::Value, text::f_value(lang)),
            Field::text(FieldId::Description, text::f_description(lang), true),
            Field::choice(FieldId::LegalContact, text::f_legal_contact(lang), legal),
        ],
    );
}

/// While the new-exception form is typed in: warn at or above the EU
/// threshold, for every kind of exception it applies to.
pub fn threshold_hint(m: &Model, f: &mut Form) {
    f.warning = None;
    let (Some(value), Some(kind), Some(ct)) = (
        f.cents(FieldId::Value),
        f.chosen::<ExceptionKind>(FieldId::ExceptionKind),
        f.chosen::<ContractType>(FieldId::ContractType),
    ) else {
        return;
    };
    if let ThresholdCheck::AtOrAbove { threshold } =
        threshold::check(kind, ct, value, m.ctx.today, &m.settings)
    {
        f.warning = Some(text::threshold_warning(m.lang, kind, threshold));
    }
}

/// The filled new-exception form, checked by the rules.
pub fn submit_new(m: &Model, f: &Form, case: Id) -> Result<Option<Change>, String> {
    let ctx = &m.ctx;
    let today = ctx.today;
    let kind = f
        .chosen::<ExceptionKind>(FieldId::ExceptionKind)
        .or_gone()?;
    let contract_type = f.chosen::<ContractType>(FieldId::ContractType).or_gone()?;
    let value = f.cents(FieldId::Value).or_gone()?;
    let legal = f.chosen::<Option<Id>>(FieldId::LegalContact).flatten();
    ops::check_new_exception(kind, contract_type, value, legal, &m.settings, today)
        .map_err(|e| e.message(m.lang))?;
    let x = ProcurementException {
        id: Uuid::new_v4(),
        number: m.next_number(Kind::Exception),
        case,
        kind,
        contract_type,
        value,
        requesting_department: None,
        description: f.text(FieldId::Description),
        requested_on: today,
        stage: Stage::Request,
        history: vec![StageMove {
            from: None,
            to: Stage::Request,
            on: today,
            by: ctx.user.clone(),
            note: None,
        }],
        snooze: None,
        waiting_on: None,
        legal_contact: legal,
        stamp: Stamp::new(ctx.now, &ctx.user),
    };
    let msg = text::exception_saved(m.lang, &x.number);
    Ok(Some(change(m, vec![x.into()], msg)))
}
