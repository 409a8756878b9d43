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

pub type Id = Uuid;
/// Euro cents.
pub type Cents = i64;

/// Who created and last changed a record, and when (local time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamp {
    pub created_at: NaiveDateTime,
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

// ---------------------------------------------------------------- organisations

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// An impact or social entrepreneur.
    Entrepreneur,
    /// A firm with an SROI obligation buying on the Kennemer Inkoop Platform.
    Buyer,
    /// A partner such as Stichting Stadsgarage.
    Partner,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub id: Id,
    pub number: String,
    pub name: String,
    pub kind: OrgKind,
    #[serde(default)]
    pub description: String,
    /// Products and services an entrepreneur offers (for SROI matching).
    #[serde(default)]
    pub products: Vec<String>,
    /// For buyers: the SROI obligation still to be filled, in cents.
    #[serde(default)]
    pub sroi_obligation: Option<Cents>,
    /// Share of employees from the target group, in percent.
    #[serde(default)]
    pub target_group_percent: Option<u8>,
    #[serde(default)]
    pub contact_person: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub stamp: Stamp,
}

// --------------------------------------------------------------------- contacts

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Aanjager,
    KernteamLiaison,
    BudgetHolder,
    ProcurementAdviser,
    Lawyer,
    SroiCoordinator,
    EscalationContact,
}

/// A person inside the municipality (an aanjager or a colleague).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: Id,
    pub number: String,
    pub name: String,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub department: Option<Id>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    pub stamp: Stamp,
}

// ------------------------------------------------------------------ departments

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyword {
    pub text: String,
    /// A primary owner comes before a secondary one in the owner lookup.
    pub primary: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub id: Id,
    pub number: String,
    pub name: String,
    #[serde(default)]
    pub keywords: Vec<Keyword>,
    /// Kernteam liaisons (contacts), the first is the default.
    #[serde(default)]
    pub liaisons: Vec<Id>,
    #[serde(default)]
    pub escalation_contact: Option<Id>,
    pub stamp: Stamp,
}

// ----------------------------------------------------------------- policy hooks

/// A haakje: adopted policy that justifies helping.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyHook {
    pub id: Id,
    pub number: String,
    pub title: String,
    /// Who adopted it and when, as written ("2022, raad").
    #[serde(default)]
    pub adopted: String,
    /// Official reference such as `CVDR662947`.
    #[serde(default)]
    pub reference: String,
    /// Last day the policy applies; `None` = no end date.
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    pub stamp: Stamp,
}

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
    pub raised_on: NaiveDate,
    #[serde(default)]
    pub resolved_on: Option<NaiveDate>,
}

impl Blocker {
    pub fn is_open(&self) -> bool {
        self.resolved_on.is_none()
    }
}

impl Case {
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
    pub opened_on: NaiveDate,
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    #[serde(default)]
    pub blockers: Vec<Blocker>,
    #[serde(default)]
    pub hooks: Vec<HookLink>,
    pub stamp: Stamp,
}

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
    pub on: NaiveDate,
    pub by: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snooze {
    pub until: NaiveDate,
    pub reason: String,
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
    pub created_on: NaiveDate,
    pub due: NaiveDate,
    /// One date per *herhaal*.
    #[serde(default)]
    pub repeated_on: Vec<NaiveDate>,
    #[serde(default)]
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

// ------------------------------------------------------------------------ notes

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Plain,
    /// A decision, e.g. to escalate.
    Decision,
    /// The end-of-day summary ("Dagafsluiting 15-11-2024").
    DaySummary,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: Id,
    pub number: String,
    /// `None` for a note on no record in particular (the day summary).
    pub target: Option<RecordRef>,
    pub kind: NoteKind,
    pub date: NaiveDate,
    pub author: String,
    pub text: String,
    pub stamp: Stamp,
}

/// What the rules need of a note: whose it is, what kind and which day, not its
/// text. The store keeps these apart from the notes, so the dashboard and the
/// commands can age every record without reading 100,000 note texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NoteHead {
    pub id: Id,
    /// The sequence of its number (7 for `N07`), so new notes get the next one.
    pub seq: u32,
    pub target: Option<RecordRef>,
    pub kind: NoteKind,
    pub date: NaiveDate,
}

impl Note {
    pub fn head(&self) -> NoteHead {
        NoteHead {
            id: self.id,
            seq: Number::parse(&self.number).map_or(0, |n| n.seq),
            target: self.target,
            kind: self.kind,
            date: self.date,
        }
    }
}

impl NoteHead {
    /// The number for a new note: one past the highest of `heads`.
    pub fn next_number(heads: &[NoteHead]) -> String {
        Kind::Note.number(heads.iter().map(|h| h.seq).max().unwrap_or(0) + 1)
    }
}

impl Dataset {
    /// The heads of the loaded notes.
    pub fn note_heads(&self) -> Vec<NoteHead> {
        self.notes.iter().map(Note::head).collect()
    }
}

// --------------------------------------------------------- certification tracks

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificationAim {
    Pso,
    Pso30Plus,
    BCorp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    Intake,
    SelfAssessment,
    AuditPlanned,
    AuditDone,
    CertificateReceived,
    BCorpAssessment,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub kind: MilestoneKind,
    pub on: NaiveDate,
    /// The B Corp assessment score, for `BCorpAssessment`.
    #[serde(default)]
    pub score: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackOutcome {
    Achieved,
    Expired,
    Withdrawn,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationTrack {
    pub id: Id,
    pub number: String,
    pub organisation: Id,
    pub aim: CertificationAim,
    /// The level aimed at, as written ("trede 1", "basistrede").
    #[serde(default)]
    pub level: String,
    pub admitted_on: NaiveDate,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub outcome: Option<(TrackOutcome, NaiveDate)>,
    pub stamp: Stamp,
}

// --------------------------------------------------------------------- settings

/// An EU threshold period, amounts in cents (exclusive of VAT).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EuThresholds {
    pub from: NaiveDate,
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
