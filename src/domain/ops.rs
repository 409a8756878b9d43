//! Changes that enforce the rules (PRODUCT.md §2–§3), shared by the command line
//! and the dashboard. Pure: they change records in memory; saving is the
//! caller's business. A refusal leaves the record untouched.

use super::followup::{REPEAT_WORKING_DAYS, add_working_days};
use super::model::{
    Cents, ContractType, ExceptionKind, FollowUp, Id, ProcurementException, Settings, Snooze,
    Stage, StageMove,
};
use super::threshold::{self, ThresholdCheck};
use chrono::{Days, NaiveDate, NaiveDateTime};

/// Who acts and when: every change is dated `today` and stamped `now`/`user`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ctx {
    pub today: NaiveDate,
    pub now: NaiveDateTime,
    pub user: String,
}

/// Why a change was refused, with the values the message names. The words
/// (`message(lang)`, and `Display` in English) are in the language module (`i18n/domain.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleError {
    SameStage {
        stage: Stage,
    },
    StageClosed {
        stage: Stage,
    },
    SkipsStages {
        from: Stage,
        to: Stage,
        next: Stage,
    },
    BackwardNeedsNote {
        from: Stage,
        to: Stage,
    },
    SnoozeClosed {
        stage: Stage,
    },
    SnoozeNeedsReason,
    SnoozeNotAfterToday {
        until: NaiveDate,
    },
    SnoozeTooLong {
        until: NaiveDate,
        latest: NaiveDate,
        max_days: u32,
    },
    FollowUpDone {
        done_on: NaiveDate,
    },
    ValueNotPositive {
        value: Cents,
    },
    LegalContactRequired {
        value: Cents,
        threshold: Cents,
    },
}

impl std::error::Error for RuleError {}

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
/// check so the caller can warn about an award at or above the EU threshold
/// (a direct award there is refused without a legal contact).
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
    let check = threshold::check(kind, contract_type, value, today, settings);
    match check {
        ThresholdCheck::AtOrAbove { threshold }
            if legal_contact.is_none() && threshold::needs_legal_contact(kind, check) =>
        {
            Err(RuleError::LegalContactRequired { value, threshold })
        }
        _ => Ok(check),
    }
}

#[cfg(test)]
#[path = "ops_tests.rs"]
mod tests;
