//! The records mandaat keeps. Plain data: no IO, no UI.
//!
//! Every record has a stable `id` (a UUID, so that two aanjagers' stores can be
//! merged later), a short human `number` for the keyboard (`C07`, `X05`) and a
//! [`Stamp`] with who changed it last and when. Money is in euro cents, dates are
//! calendar dates, times are local.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

mod case;
pub mod days;
mod exception;
mod issued;
mod note;
mod parties;
mod track;

pub use case::*;
pub use exception::*;
pub use issued::Issued;
pub use note::*;
pub use parties::*;
pub use track::*;

pub type Id = Uuid;
/// Euro cents.
pub type Cents = i64;

/// Who created and last changed a record, and when (local time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    #[serde(with = "days::time")]
    pub created_at: NaiveDateTime,
    #[serde(with = "days::time")]
    pub updated_at: NaiveDateTime,
    pub changed_by: String,
}

impl Stamp {
    pub fn new(now: NaiveDateTime, user: &str) -> Self {
        Stamp {
            created_at: now,
            updated_at: now,
            changed_by: user.to_string(),
        }
    }

    pub fn touch(&mut self, now: NaiveDateTime, user: &str) {
        self.updated_at = now;
        self.changed_by = user.to_string();
    }
}

/// The kinds of record, each with the letter of its short number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Organisation,
    Contact,
    Department,
    Hook,
    Case,
    Exception,
    FollowUp,
    Note,
    Track,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Organisation,
        Kind::Contact,
        Kind::Department,
        Kind::Hook,
        Kind::Case,
        Kind::Exception,
        Kind::FollowUp,
        Kind::Note,
        Kind::Track,
    ];

    pub fn prefix(self) -> char {
        match self {
            Kind::Organisation => 'O',
            Kind::Contact => 'P',
            Kind::Department => 'D',
            Kind::Hook => 'H',
            Kind::Case => 'C',
            Kind::Exception => 'X',
            Kind::FollowUp => 'F',
            Kind::Note => 'N',
            Kind::Track => 'T',
        }
    }

    pub fn from_prefix(c: char) -> Option<Kind> {
        let c = c.to_ascii_uppercase();
        Kind::ALL.into_iter().find(|k| k.prefix() == c)
    }

    /// `C` + at least two digits: `C07`, `C123`.
    pub fn number(self, seq: u32) -> String {
        format!("{}{:02}", self.prefix(), seq)
    }
}

/// A parsed short number such as `X05` (accepts `x5`, `X005`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Number {
    pub kind: Kind,
    pub seq: u32,
}

impl Number {
    pub fn parse(s: &str) -> Option<Number> {
        let s = s.trim();
        let mut chars = s.chars();
        let kind = Kind::from_prefix(chars.next()?)?;
        let digits = chars.as_str();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let seq = digits.parse().ok()?;
        Some(Number { kind, seq })
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.kind.number(self.seq))
    }
}

/// A reference to any record, e.g. what a note or follow-up is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordRef {
    pub kind: Kind,
    pub id: Id,
}

// --------------------------------------------------------------------- settings

/// An EU threshold period, amounts in cents (exclusive of VAT).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EuThresholds {
    #[serde(with = "days::date")]
    pub from: NaiveDate,
    #[serde(with = "days::date")]
    pub to: NaiveDate,
    pub supplies_services: Cents,
    pub works: Cents,
    pub social_services: Cents,
}

/// The configurable limits the rules use. Defaults live in `assets/reference.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Days allowed in stages 1–7, in order.
    pub stage_limits: [u32; 7],
    pub inactivity_limit_days: u32,
    pub snooze_max_days: u32,
    pub triage_inactivity_days: u32,
    pub triage_blocker_days: u32,
    pub eu_thresholds: Vec<EuThresholds>,
}

impl Settings {
    /// The time limit of an open stage; `None` for a closed one.
    pub fn limit(&self, stage: Stage) -> Option<u32> {
        stage.ordinal().map(|n| self.stage_limits[n as usize - 1])
    }
}

// ---------------------------------------------------------------------- dataset

/// Everything in a store, each list sorted by number.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    pub organisations: Vec<Organisation>,
    pub contacts: Vec<Contact>,
    pub departments: Vec<Department>,
    pub hooks: Vec<PolicyHook>,
    pub cases: Vec<Case>,
    pub exceptions: Vec<ProcurementException>,
    pub followups: Vec<FollowUp>,
    pub notes: Vec<Note>,
    pub tracks: Vec<CertificationTrack>,
}

impl Dataset {
    pub fn is_empty(&self) -> bool {
        self.organisations.is_empty()
            && self.contacts.is_empty()
            && self.departments.is_empty()
            && self.hooks.is_empty()
            && self.cases.is_empty()
            && self.exceptions.is_empty()
            && self.followups.is_empty()
            && self.notes.is_empty()
            && self.tracks.is_empty()
    }
}
