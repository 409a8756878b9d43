//! Changes that enforce the rules (PRODUCT.md §2–§3), shared by the command line
//! and the dashboard. Pure: they change records in memory; saving is the
//! caller's business. A refusal leaves the record untouched.

use super::followup::{REPEAT_WORKING_DAYS, add_working_days};
use super::model::{
    Cents, ContractType, ExceptionKind, FollowUp, Id, ProcurementException, Settings, Snooze,
    Stage, StageMove,
};
use super::threshold::{ThresholdCheck, check_direct_award, format_euros};
use crate::i18n::Lang;
use chrono::{Days, NaiveDate, NaiveDateTime};

/// Who acts and when: every change is dated `today` and stamped `now`/`user`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctx {
    pub today: NaiveDate,
    pub now: NaiveDateTime,
    pub user: String,
}

/// Why a change was refused. `Display` is English; [`RuleError::message`] gives
/// the text for the user's language, saying what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    #[error("the exception is already in stage {}", crate::i18n::stage(Lang::En, *.stage))]
    SameStage { stage: Stage },
    #[error("the exception is closed ({}) and cannot change stage", crate::i18n::stage(Lang::En, *.stage))]
    StageClosed { stage: Stage },
    #[error("stages move forward one at a time: from {} the next is {}, not {}", crate::i18n::stage(Lang::En, *.from), crate::i18n::stage(Lang::En, *.next), crate::i18n::stage(Lang::En, *.to))]
    SkipsStages { from: Stage, to: Stage, next: Stage },
    #[error("moving back from {} to {} needs a note saying why", crate::i18n::stage(Lang::En, *.from), crate::i18n::stage(Lang::En, *.to))]
    BackwardNeedsNote { from: Stage, to: Stage },
    #[error("a closed exception ({}) cannot be snoozed", crate::i18n::stage(Lang::En, *.stage))]
    SnoozeClosed { stage: Stage },
    #[error("a snooze needs a reason")]
    SnoozeNeedsReason,
    #[error("a snooze must end after today, {until} is too early")]
    SnoozeNotAfterToday { until: NaiveDate },
    #[error("a snooze ends at most {max_days} days from today ({latest}), not {until}")]
    SnoozeTooLong {
        until: NaiveDate,
        latest: NaiveDate,
        max_days: u32,
    },
    #[error("the follow-up was already done on {done_on}")]
    FollowUpDone { done_on: NaiveDate },
    #[error("the value must be more than zero, not {value} cents")]
    ValueNotPositive { value: Cents },
    #[error("a direct award of {} is at or above the EU threshold of {}: it needs a legal contact", format_euros(*.value, Lang::En), format_euros(*.threshold, Lang::En))]
    LegalContactRequired { value: Cents, threshold: Cents },
}

impl RuleError {
    pub fn message(&self, lang: Lang) -> String {
        let stage = |s: Stage| crate::i18n::stage(lang, s);
        let date = |d: NaiveDate| match lang {
            Lang::Nl => d.format("%d-%m-%Y").to_string(),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        };
        let euros = |c: Cents| format_euros(c, lang);
        match *self {
            RuleError::SameStage { stage: s } => match lang {
                Lang::Nl => format!(
                    "De uitzondering staat al in de fase {}. Kies een andere fase.",
                    stage(s)
                ),
                Lang::En => format!(
                    "The exception is already in stage {}. Choose another stage.",
                    stage(s)
                ),
            },
            RuleError::StageClosed { stage: s } => match lang {
                Lang::Nl => format!(
                    "De uitzondering is afgesloten ({}) en verandert niet meer van fase. Leg een nieuwe uitzondering vast als het verzoek opnieuw speelt.",
                    stage(s)
                ),
                Lang::En => format!(
                    "The exception is closed ({}) and no longer changes stage. Record a new exception if the request comes back.",
                    stage(s)
                ),
            },
            RuleError::SkipsStages { from, to, next } => match lang {
                Lang::Nl => format!(
                    "Vooruit gaat één fase tegelijk: na {} komt {}, niet meteen {}. Afsluiten (gegund, afgewezen, ingetrokken) kan wel vanuit elke fase.",
                    stage(from),
                    stage(next),
                    stage(to)
                ),
                Lang::En => format!(
                    "Stages move forward one at a time: after {} comes {}, not {}. Closing (awarded, rejected, withdrawn) is allowed from any stage.",
                    stage(from),
                    stage(next),
                    stage(to)
                ),
            },
            RuleError::BackwardNeedsNote { from, to } => match lang {
                Lang::Nl => format!(
                    "Terugzetten naar een eerdere fase vraagt een notitie: schrijf waarom ({} → {}).",
                    stage(from),
                    stage(to)
                ),
                Lang::En => format!(
                    "Moving back to an earlier stage needs a note: write down why ({} → {}).",
                    stage(from),
                    stage(to)
                ),
            },
            RuleError::SnoozeClosed { stage: s } => match lang {
                Lang::Nl => format!(
                    "Een afgesloten uitzondering ({}) hoeft niet gesnoozed te worden.",
                    stage(s)
                ),
                Lang::En => format!("A closed exception ({}) does not need a snooze.", stage(s)),
            },
            RuleError::SnoozeNeedsReason => lang
                .pick(
                    "Snoozen vraagt een reden: schrijf waar je op wacht.",
                    "A snooze needs a reason: write down what you are waiting for.",
                )
                .to_string(),
            RuleError::SnoozeNotAfterToday { until } => match lang {
                Lang::Nl => format!(
                    "Snooze tot een datum na vandaag; {} is te vroeg.",
                    date(until)
                ),
                Lang::En => format!(
                    "Snooze until a date after today; {} is too early.",
                    date(until)
                ),
            },
            RuleError::SnoozeTooLong {
                until,
                latest,
                max_days,
            } => match lang {
                Lang::Nl => format!(
                    "Snoozen kan hooguit {max_days} dagen vooruit: kies {} of eerder in plaats van {}.",
                    date(latest),
                    date(until)
                ),
                Lang::En => format!(
                    "A snooze lasts at most {max_days} days: choose {} or earlier instead of {}.",
                    date(latest),
                    date(until)
                ),
            },
            RuleError::FollowUpDone { done_on } => match lang {
                Lang::Nl => format!(
                    "Deze follow-up is al afgerond op {}. Maak een nieuwe follow-up als je opnieuw wilt navragen.",
                    date(done_on)
                ),
                Lang::En => format!(
                    "This follow-up was already done on {}. Create a new follow-up to chase again.",
                    date(done_on)
                ),
            },
            RuleError::ValueNotPositive { value } => match lang {
                Lang::Nl => format!(
                    "Vul de geraamde opdrachtwaarde in, exclusief btw; {} is geen geldige waarde.",
                    euros(value)
                ),
                Lang::En => format!(
                    "Enter the estimated contract value, excluding VAT; {} is not a valid value.",
                    euros(value)
                ),
            },
            RuleError::LegalContactRequired { value, threshold } => match lang {
                Lang::Nl => format!(
                    "Een onderhandse gunning van {} ligt op of boven de Europese drempel van {}: dan is Europees aanbesteden de regel, geen beleidsuitzondering. Koppel een jurist als contactpersoon om het verzoek toch vast te leggen.",
                    euros(value),
                    euros(threshold)
                ),
                Lang::En => format!(
                    "A direct award of {} is at or above the EU threshold of {}: an EU tender is the rule, not a policy exception. Link a legal contact to record the request anyway.",
                    euros(value),
                    euros(threshold)
                ),
            },
        }
    }
}

/// The stage as the user reads it.
fn non_blank(text: Option<&str>) -> Option<String> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// Move an exception to another stage: forward one open stage at a time, to a
/// closed stage from any open one, back only with a note saying why.
pub fn move_stage(
    exc: &mut ProcurementException,
    to: Stage,
    note: Option<&str>,
    ctx: &Ctx,
) -> Result<(), RuleError> {
    let from = exc.stage;
    let note = non_blank(note);
    if to == from {
        return Err(RuleError::SameStage { stage: from });
    }
    if from.is_closed() {
        return Err(RuleError::StageClosed { stage: from });
    }
    if !to.is_closed() {
        // Both open, so both have an ordinal and `from` has a next stage.
        if to.ordinal() < from.ordinal() {
            if note.is_none() {
                return Err(RuleError::BackwardNeedsNote { from, to });
            }
        } else if let Some(next) = from.next().filter(|&n| n != to) {
            return Err(RuleError::SkipsStages { from, to, next });
        }
    }
    exc.history.push(StageMove {
        from: Some(from),
        to,
        on: ctx.today,
        by: ctx.user.clone(),
        note,
    });
    exc.stage = to;
    exc.stamp.touch(ctx.now, &ctx.user);
    Ok(())
}

/// Park an open exception until a later day, with the reason it waits.
pub fn snooze(
    exc: &mut ProcurementException,
    until: NaiveDate,
    reason: &str,
    settings: &Settings,
    ctx: &Ctx,
) -> Result<(), RuleError> {
    if exc.stage.is_closed() {
        return Err(RuleError::SnoozeClosed { stage: exc.stage });
    }
    let reason = non_blank(Some(reason)).ok_or(RuleError::SnoozeNeedsReason)?;
    if until <= ctx.today {
        return Err(RuleError::SnoozeNotAfterToday { until });
    }
    let latest = ctx.today + Days::new(u64::from(settings.snooze_max_days));
    if until > latest {
        return Err(RuleError::SnoozeTooLong {
            until,
            latest,
            max_days: settings.snooze_max_days,
        });
    }
    exc.snooze = Some(Snooze {
        until,
        reason,
        set_on: ctx.today,
        by: ctx.user.clone(),
    });
    exc.stamp.touch(ctx.now, &ctx.user);
    Ok(())
}

/// End a snooze; nothing changes when there is none.
pub fn unsnooze(exc: &mut ProcurementException, ctx: &Ctx) {
    if exc.snooze.take().is_some() {
        exc.stamp.touch(ctx.now, &ctx.user);
    }
}

/// *Herhaal*: chased once more today, next due in five working days.
pub fn repeat_followup(f: &mut FollowUp, ctx: &Ctx) -> Result<(), RuleError> {
    if let Some(done_on) = f.done_on {
        return Err(RuleError::FollowUpDone { done_on });
    }
    f.repeated_on.push(ctx.today);
    f.due = add_working_days(ctx.today, REPEAT_WORKING_DAYS);
    f.stamp.touch(ctx.now, &ctx.user);
    Ok(())
}

pub fn complete_followup(f: &mut FollowUp, ctx: &Ctx) -> Result<(), RuleError> {
    if let Some(done_on) = f.done_on {
        return Err(RuleError::FollowUpDone { done_on });
    }
    f.done_on = Some(ctx.today);
    f.stamp.touch(ctx.now, &ctx.user);
    Ok(())
}

/// Check a new exception before it is recorded. `Ok` carries the threshold
/// check so the caller can warn about a direct award at or above the EU
/// threshold that does have a legal contact.
pub fn check_new_exception(
    kind: ExceptionKind,
    contract_type: ContractType,
    value: Cents,
    legal_contact: Option<Id>,
    settings: &Settings,
    today: NaiveDate,
) -> Result<ThresholdCheck, RuleError> {
    if value <= 0 {
        return Err(RuleError::ValueNotPositive { value });
    }
    let check = check_direct_award(kind, contract_type, value, today, settings);
    match check {
        ThresholdCheck::AtOrAbove { threshold } if legal_contact.is_none() => {
            Err(RuleError::LegalContactRequired { value, threshold })
        }
        _ => Ok(check),
    }
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
