//! Cases: an entrepreneur's question, its blockers and its haakjes.

use super::{Id, Stamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

// ------------------------------------------------------------------------ cases

/// The five action lines of the Actieprogramma Impact Ondernemen; the Dutch
/// names are in `i18n::action_line`. The aliases read stores and exports made
/// before the JSON names became English like every other enum's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionLine {
    /// Dienstverlening
    #[serde(alias = "dienstverlening")]
    Services,
    /// Samenwerking en handel
    #[serde(alias = "samenwerking_en_handel")]
    CooperationAndTrade,
    /// Impactvol inkopen
    #[serde(alias = "impactvol_inkopen")]
    ImpactProcurement,
    /// Financiering
    #[serde(alias = "financiering")]
    Financing,
    /// Zichtbaarheid
    #[serde(alias = "zichtbaarheid")]
    Visibility,
}

#[cfg(test)]
mod action_line_tests {
    use super::ActionLine;

    #[test]
    fn action_lines_serialise_in_english_and_read_the_old_dutch_names() {
        let json = serde_json::to_string(&ActionLine::ImpactProcurement).unwrap();
        assert_eq!(json, "\"impact_procurement\"");
        let old: ActionLine = serde_json::from_str("\"samenwerking_en_handel\"").unwrap();
        assert_eq!(old, ActionLine::CooperationAndTrade);
    }
}

impl ActionLine {
    pub const ALL: [ActionLine; 5] = [
        ActionLine::Services,
        ActionLine::CooperationAndTrade,
        ActionLine::ImpactProcurement,
        ActionLine::Financing,
        ActionLine::Visibility,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    New,
    InProgress,
    WaitingOnMunicipality,
    WaitingOnEntrepreneur,
    Blocked,
    Done,
    Stopped,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 7] = [
        CaseStatus::New,
        CaseStatus::InProgress,
        CaseStatus::WaitingOnMunicipality,
        CaseStatus::WaitingOnEntrepreneur,
        CaseStatus::Blocked,
        CaseStatus::Done,
        CaseStatus::Stopped,
    ];

    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Done | CaseStatus::Stopped)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blocker {
    pub id: Id,
    /// The keyword the owner lookup matched, e.g. `loonkostensubsidie`.
    pub keyword: String,
    #[serde(default)]
    pub description: String,
    pub department: Id,
    #[serde(with = "super::days::date")]
    pub raised_on: NaiveDate,
    #[serde(default, with = "super::days::opt_date")]
    pub resolved_on: Option<NaiveDate>,
}

impl Blocker {
    pub fn is_open(&self) -> bool {
        self.resolved_on.is_none()
    }
}

impl Case {
    /// Keep `what` in the case's log; the oldest entry goes once the log
    /// holds as many as a record may ([`crate::domain::plain::MAX_HISTORY`]).
    pub fn log_event(&mut self, on: NaiveDate, by: &str, what: CaseChange) {
        if self.log.len() >= crate::domain::plain::MAX_HISTORY {
            self.log.remove(0);
        }
        self.log.push(CaseEvent {
            on,
            by: by.to_string(),
            what,
        });
    }

    /// The departments that own an open blocker of this case while it is open:
    /// the case is on their plate. Sorted, each once.
    pub fn blocking_departments(&self) -> Vec<Id> {
        if !self.status.is_open() {
            return Vec::new();
        }
        let mut ids: Vec<Id> = self
            .blockers
            .iter()
            .filter(|b| b.is_open())
            .map(|b| b.department)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocatorKind {
    Artikel,
    Paragraaf,
    Actielijn,
    Pagina,
    Overig,
}

/// A case ↔ haakje link: where in the policy, and the words that justify helping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HookLink {
    pub hook: Id,
    pub locator_kind: LocatorKind,
    #[serde(default)]
    pub locator: String,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: Id,
    pub number: String,
    pub organisation: Id,
    pub title: String,
    #[serde(default)]
    pub question: String,
    pub action_line: ActionLine,
    pub status: CaseStatus,
    /// The aanjager who owns the case (a user name, as `--user`).
    pub owner: String,
    #[serde(with = "super::days::date")]
    pub opened_on: NaiveDate,
    #[serde(default, with = "super::days::opt_date")]
    pub closed_on: Option<NaiveDate>,
    #[serde(default)]
    pub blockers: Vec<Blocker>,
    #[serde(default)]
    pub hooks: Vec<HookLink>,
    /// What was done to the case that its fields do not keep: an edit, a
    /// haakje linked or unlinked (the case's history shows it).
    #[serde(default)]
    pub log: Vec<CaseEvent>,
    pub stamp: Stamp,
}

/// One entry of a case's log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseEvent {
    pub on: NaiveDate,
    pub by: String,
    pub what: CaseChange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseChange {
    /// Title, question, status, action line, owner or the entrepreneur's
    /// details edited.
    Edited,
    HookLinked {
        hook: Id,
    },
    HookUnlinked {
        hook: Id,
    },
}
