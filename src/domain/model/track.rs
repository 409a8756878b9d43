//! Certification tracks of the Kennemer Inkoop Platform.

use super::{Id, Stamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    #[serde(with = "super::days::date")]
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
    #[serde(with = "super::days::date")]
    pub admitted_on: NaiveDate,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    #[serde(default)]
    pub outcome: Option<(TrackOutcome, NaiveDate)>,
    pub stamp: Stamp,
}
