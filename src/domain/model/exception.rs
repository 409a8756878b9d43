//! Procurement exceptions on their path through the stages, and the
//! follow-ups that chase them.

use super::{Cents, Id, RecordRef, Stamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

// ------------------------------------------------------- procurement exceptions

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    DirectAward,
    /// Voorbehouden opdracht, art. 2.82 Aanbestedingswet.
    ReservedContract,
    Lots,
    SroiDeviation,
    FrameworkDeviation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    Supplies,
    Services,
    Works,
    SocialServices,
}

/// Where an exception is on its path. Stages 1–7 are open; the last three close it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Request,
    BudgetApproval,
    MarketScan,
    ProcurementAdvice,
    LegalReview,
    Decision,
    AwardAndContract,
    Awarded,
    Rejected,
    Withdrawn,
}

impl Stage {
    pub const OPEN: [Stage; 7] = [
        Stage::Request,
        Stage::BudgetApproval,
        Stage::MarketScan,
        Stage::ProcurementAdvice,
        Stage::LegalReview,
        Stage::Decision,
        Stage::AwardAndContract,
    ];
    pub const CLOSED: [Stage; 3] = [Stage::Awarded, Stage::Rejected, Stage::Withdrawn];

    pub fn is_closed(self) -> bool {
        Stage::CLOSED.contains(&self)
    }

    /// 1–7 for open stages, `None` for closed ones.
    pub fn ordinal(self) -> Option<u8> {
        Stage::OPEN
            .iter()
            .position(|s| *s == self)
            .map(|i| i as u8 + 1)
    }

    pub fn next(self) -> Option<Stage> {
        let i = Stage::OPEN.iter().position(|s| *s == self)?;
        Stage::OPEN.get(i + 1).copied()
    }
}

/// One entry in an exception's stage history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageMove {
    /// `None` for the first entry (the request itself).
    pub from: Option<Stage>,
    pub to: Stage,
    #[serde(with = "super::days::date")]
    pub on: NaiveDate,
    pub by: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snooze {
    #[serde(with = "super::days::date")]
    pub until: NaiveDate,
    pub reason: String,
    #[serde(with = "super::days::date")]
    pub set_on: NaiveDate,
    pub by: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcurementException {
    pub id: Id,
    pub number: String,
    pub case: Id,
    pub kind: ExceptionKind,
    pub contract_type: ContractType,
    pub value: Cents,
    #[serde(default)]
    pub requesting_department: Option<Id>,
    #[serde(default)]
    pub description: String,
    #[serde(with = "super::days::date")]
    pub requested_on: NaiveDate,
    pub stage: Stage,
    /// Never empty: the first entry is the request (`from: None`).
    pub history: Vec<StageMove>,
    #[serde(default)]
    pub snooze: Option<Snooze>,
    /// The contact the exception is waiting on right now.
    #[serde(default)]
    pub waiting_on: Option<Id>,
    /// Required for a direct award at or above the EU threshold.
    #[serde(default)]
    pub legal_contact: Option<Id>,
    pub stamp: Stamp,
}

impl ProcurementException {
    /// The day the current stage was entered.
    pub fn stage_entered_on(&self) -> NaiveDate {
        self.history
            .iter()
            .rev()
            .find(|m| m.to == self.stage)
            .map_or(self.requested_on, |m| m.on)
    }

    /// The day the exception was closed, if it is.
    pub fn closed_on(&self) -> Option<NaiveDate> {
        self.stage.is_closed().then(|| self.stage_entered_on())
    }
}

// ------------------------------------------------------------------- follow-ups

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counterpart {
    Contact(Id),
    Organisation(Id),
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub id: Id,
    pub number: String,
    /// The case or exception being chased.
    pub about: RecordRef,
    pub with: Counterpart,
    pub subject: String,
    #[serde(with = "super::days::date")]
    pub created_on: NaiveDate,
    #[serde(with = "super::days::date")]
    pub due: NaiveDate,
    /// One date per *herhaal*.
    #[serde(default, with = "super::days::vec_date")]
    pub repeated_on: Vec<NaiveDate>,
    #[serde(default, with = "super::days::opt_date")]
    pub done_on: Option<NaiveDate>,
    pub stamp: Stamp,
}

impl FollowUp {
    pub fn repeat_count(&self) -> u32 {
        self.repeated_on.len() as u32
    }

    pub fn is_done(&self) -> bool {
        self.done_on.is_some()
    }
}
