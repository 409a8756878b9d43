//! The open certification tracks of the Kennemer Inkoop Platform (PRODUCT.md
//! §2–§3) as a list to chase, and the changes that keep a track current:
//! start, edit, record a milestone, close, and the proposal for a track whose
//! year ran out. Pure, like [`super::ops`]: changes touch records in memory,
//! saving is the caller's business, and a refusal leaves the record untouched.

use super::certification::{self, CertWarning, TrackFlag};
use super::followup::{REPEAT_WORKING_DAYS, add_working_days};
use super::model::{
    CertificationAim, CertificationTrack, Counterpart, Dataset, FollowUp, Id, Kind, Milestone,
    MilestoneKind, OrgKind, Organisation, RecordRef, Stamp, TrackOutcome,
};
use super::ops::Ctx;
use chrono::NaiveDate;
use uuid::Uuid;

/// Who decides about a firm on the platform once its year has run out.
pub const SELECTION_COMMITTEE: &str = "Selectiecommissie Kennemer Inkoop Platform";

/// The highest score a B Corp Impact Assessment can give.
pub const BCORP_MAX_SCORE: u32 = 200;

/// One open track with everything the list shows about it on `today`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackRow<'a> {
    pub track: &'a CertificationTrack,
    pub organisation: &'a Organisation,
    pub deadline: NaiveDate,
    /// Negative once the deadline has passed.
    pub days_left: i64,
    pub warning: CertWarning,
    pub flags: Vec<TrackFlag>,
}

impl<'a> TrackRow<'a> {
    /// The row of any track, open or not; `None` when its organisation is
    /// missing (the integrity check reports that).
    pub fn new(data: &'a Dataset, track: &'a CertificationTrack, today: NaiveDate) -> Option<Self> {
        let organisation = data
            .organisations
            .iter()
            .find(|o| o.id == track.organisation)?;
        let days_left = certification::days_left(track, today);
        Some(TrackRow {
            track,
            organisation,
            deadline: certification::deadline(track.admitted_on),
            days_left,
            warning: certification::warning(days_left),
            flags: certification::flags(track, today),
        })
    }

    /// Overdue and still open: propose "verlopen" (see [`expiry_proposal`]).
    pub fn is_overdue(&self) -> bool {
        self.warning == CertWarning::Overdue
    }
}

/// Every open track (no outcome, no certificate), fewest days left first, so
/// overdue tracks lead; ties by number.
pub fn open_tracks<'a>(data: &'a Dataset, today: NaiveDate) -> Vec<TrackRow<'a>> {
    let mut rows: Vec<TrackRow<'a>> = data
        .tracks
        .iter()
        .filter(|t| certification::is_open(t))
        .filter_map(|t| TrackRow::new(data, t, today))
        .collect();
    rows.sort_by(|a, b| {
        a.days_left
            .cmp(&b.days_left)
            .then_with(|| by_number(&a.track.number, &b.track.number))
    });
    rows
}

fn by_number(a: &str, b: &str) -> std::cmp::Ordering {
    use super::model::Number;
    (Number::parse(a), a).cmp(&(Number::parse(b), b))
}

/// How many open tracks carry each warning on `today`, for the header and
/// the morning view.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TrackCounts {
    pub overdue: usize,
    pub within_30: usize,
    pub within_60: usize,
    pub within_90: usize,
    /// Open tracks with at least one flag (late certificate, B Corp score risk).
    pub flagged: usize,
    pub open: usize,
}

impl TrackCounts {
    /// Overdue or within 30 days: what needs doing this month.
    pub fn urgent(&self) -> usize {
        self.overdue + self.within_30
    }
}

pub fn track_counts(rows: &[TrackRow]) -> TrackCounts {
    let mut c = TrackCounts {
        open: rows.len(),
        ..TrackCounts::default()
    };
    for r in rows {
        match r.warning {
            CertWarning::Overdue => c.overdue += 1,
            CertWarning::Within30 => c.within_30 += 1,
            CertWarning::Within60 => c.within_60 += 1,
            CertWarning::Within90 => c.within_90 += 1,
            CertWarning::None => {}
        }
        if !r.flags.is_empty() {
            c.flagged += 1;
        }
    }
    c
}

// ------------------------------------------------------------------ changes

/// Why a change to a track was refused, with the values the message names;
/// worded (what to do instead) in the language module (`i18n/domain.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrackError {
    UnknownOrganisation {
        id: Id,
    },
    NotAnEntrepreneur {
        name: String,
    },
    AlreadyOpen {
        name: String,
        number: String,
    },
    AdmittedInFuture {
        admitted_on: NaiveDate,
    },
    Closed {
        outcome: TrackOutcome,
        on: NaiveDate,
    },
    BeforeAdmission {
        kind: MilestoneKind,
        on: NaiveDate,
        admitted_on: NaiveDate,
    },
    InFuture {
        kind: MilestoneKind,
        on: NaiveDate,
    },
    ScoreRequired,
    ScoreOutOfRange {
        score: u32,
    },
    ScoreNotExpected {
        kind: MilestoneKind,
    },
    AssessmentOnPsoTrack,
    Duplicate {
        kind: MilestoneKind,
        on: NaiveDate,
    },
    NoSuchMilestone {
        index: usize,
    },
    NotYetExpired {
        deadline: NaiveDate,
    },
    NotOverdue,
}

impl std::error::Error for TrackError {}

fn refuse_closed(t: &CertificationTrack) -> Result<(), TrackError> {
    match t.outcome {
        Some((outcome, on)) => Err(TrackError::Closed { outcome, on }),
        None => Ok(()),
    }
}

/// A new track for an entrepreneur admitted to the platform on `admitted_on`
/// (today or earlier), numbered after the highest track in `data` (the
/// dashboard numbers it past the store's marks too, see [`crate::domain::Issued`]). Refused
/// for a non-entrepreneur and for one that already has an open track.
pub fn new_track(
    data: &Dataset,
    organisation: Id,
    aim: CertificationAim,
    level: &str,
    admitted_on: NaiveDate,
    ctx: &Ctx,
) -> Result<CertificationTrack, TrackError> {
    let org = data
        .organisations
        .iter()
        .find(|o| o.id == organisation)
        .ok_or(TrackError::UnknownOrganisation { id: organisation })?;
    if org.kind != OrgKind::Entrepreneur {
        return Err(TrackError::NotAnEntrepreneur {
            name: org.name.clone(),
        });
    }
    if let Some(open) = data
        .tracks
        .iter()
        .find(|t| t.organisation == organisation && certification::is_open(t))
    {
        return Err(TrackError::AlreadyOpen {
            name: org.name.clone(),
            number: open.number.clone(),
        });
    }
    if admitted_on > ctx.today {
        return Err(TrackError::AdmittedInFuture { admitted_on });
    }
    Ok(CertificationTrack {
        id: Uuid::new_v4(),
        number: Kind::Track.number(data.next_seq(Kind::Track)),
        organisation,
        aim,
        level: level.trim().to_string(),
        admitted_on,
        milestones: vec![Milestone {
            kind: MilestoneKind::Intake,
            on: admitted_on,
            score: None,
        }],
        outcome: None,
        stamp: Stamp::new(ctx.now, &ctx.user),
    })
}

/// Change the aim, level or admission date of an open track. Refused when
/// closed, when the admission would be after today or after a milestone, and
/// when the aim leaves B Corp while B Corp assessments are recorded.
pub fn edit_track(
    t: &mut CertificationTrack,
    aim: CertificationAim,
    level: &str,
    admitted_on: NaiveDate,
    ctx: &Ctx,
) -> Result<(), TrackError> {
    refuse_closed(t)?;
    if admitted_on > ctx.today {
        return Err(TrackError::AdmittedInFuture { admitted_on });
    }
    if let Some(m) = t.milestones.iter().find(|m| m.on < admitted_on) {
        return Err(TrackError::BeforeAdmission {
            kind: m.kind,
            on: m.on,
            admitted_on,
        });
    }
    if aim != CertificationAim::BCorp
        && t.milestones
            .iter()
            .any(|m| m.kind == MilestoneKind::BCorpAssessment)
    {
        return Err(TrackError::AssessmentOnPsoTrack);
    }
    t.aim = aim;
    t.level = level.trim().to_string();
    t.admitted_on = admitted_on;
    t.stamp.touch(ctx.now, &ctx.user);
    Ok(())
}

/// Record a milestone, kept in date order. Only a planned audit may lie after
/// today; a B Corp assessment needs a score (0–200) on a B Corp track, other
/// kinds take none. A received certificate closes the track as achieved.
pub fn add_milestone(
    t: &mut CertificationTrack,
    kind: MilestoneKind,
    on: NaiveDate,
    score: Option<u32>,
    ctx: &Ctx,
) -> Result<(), TrackError> {
    refuse_closed(t)?;
    if on < t.admitted_on {
        return Err(TrackError::BeforeAdmission {
            kind,
            on,
            admitted_on: t.admitted_on,
        });
    }
    if on > ctx.today && kind != MilestoneKind::AuditPlanned {
        return Err(TrackError::InFuture { kind, on });
    }
    match (kind, score) {
        (MilestoneKind::BCorpAssessment, None) => return Err(TrackError::ScoreRequired),
        (MilestoneKind::BCorpAssessment, Some(s)) if s > BCORP_MAX_SCORE => {
            return Err(TrackError::ScoreOutOfRange { score: s });
        }
        (MilestoneKind::BCorpAssessment, Some(_)) if t.aim != CertificationAim::BCorp => {
            return Err(TrackError::AssessmentOnPsoTrack);
        }
        (MilestoneKind::BCorpAssessment, Some(_)) => {}
        (kind, Some(_)) => return Err(TrackError::ScoreNotExpected { kind }),
        (_, None) => {}
    }
    if t.milestones.iter().any(|m| m.kind == kind && m.on == on) {
        return Err(TrackError::Duplicate { kind, on });
    }
    let at = t.milestones.partition_point(|m| m.on <= on);
    t.milestones.insert(at, Milestone { kind, on, score });
    if kind == MilestoneKind::CertificateReceived {
        t.outcome = Some((TrackOutcome::Achieved, on));
    }
    t.stamp.touch(ctx.now, &ctx.user);
    Ok(())
}

/// Take back a milestone recorded by mistake (by its index in
/// `t.milestones`). Only on an open track.
pub fn remove_milestone(
    t: &mut CertificationTrack,
    index: usize,
    ctx: &Ctx,
) -> Result<Milestone, TrackError> {
    refuse_closed(t)?;
    if index >= t.milestones.len() {
        return Err(TrackError::NoSuchMilestone { index });
    }
    let m = t.milestones.remove(index);
    t.stamp.touch(ctx.now, &ctx.user);
    Ok(m)
}

/// Close a track today. *Achieved* records the certificate today when none
/// is recorded yet; *expired* only once the deadline has passed; *withdrawn*
/// at any time.
pub fn close_track(
    t: &mut CertificationTrack,
    outcome: TrackOutcome,
    ctx: &Ctx,
) -> Result<(), TrackError> {
    refuse_closed(t)?;
    match outcome {
        TrackOutcome::Achieved => {
            if !t
                .milestones
                .iter()
                .any(|m| m.kind == MilestoneKind::CertificateReceived)
            {
                t.milestones.push(Milestone {
                    kind: MilestoneKind::CertificateReceived,
                    on: ctx.today,
                    score: None,
                });
            }
        }
        TrackOutcome::Expired => {
            if certification::days_left(t, ctx.today) >= 0 {
                return Err(TrackError::NotYetExpired {
                    deadline: certification::deadline(t.admitted_on),
                });
            }
        }
        TrackOutcome::Withdrawn => {}
    }
    t.outcome = Some((outcome, ctx.today));
    t.stamp.touch(ctx.now, &ctx.user);
    Ok(())
}

/// What to do with an open track whose year has run out: close it as
/// *verlopen* and ask the platform's selection committee what now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiryProposal {
    pub track: Id,
    pub outcome: TrackOutcome,
    pub deadline: NaiveDate,
    /// How many days past the deadline (at least 1).
    pub days_overdue: i64,
    /// The follow-up's counterpart: [`SELECTION_COMMITTEE`].
    pub with: Counterpart,
    /// Five working days from today, like a *herhaal*.
    pub due: NaiveDate,
}

/// The proposal for an open track past its deadline on `today`; `None` for a
/// track that is closed, certified or still within its year.
pub fn expiry_proposal(t: &CertificationTrack, today: NaiveDate) -> Option<ExpiryProposal> {
    let left = certification::days_left(t, today);
    (certification::is_open(t) && left < 0).then(|| ExpiryProposal {
        track: t.id,
        outcome: TrackOutcome::Expired,
        deadline: certification::deadline(t.admitted_on),
        days_overdue: -left,
        with: Counterpart::Other(SELECTION_COMMITTEE.to_string()),
        due: add_working_days(today, REPEAT_WORKING_DAYS),
    })
}

/// What the follow-up to the selection committee names in its subject (worded
/// by the language module (`i18n::expiry_subject`)): "T06 Hout & Hoop Pallets: certificeringsjaar
/// verlopen op 01-11-2024 …".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpirySubject<'a> {
    pub track: &'a str,
    pub organisation: &'a str,
    pub deadline: NaiveDate,
}

/// The follow-up of an expiry proposal, about the track, numbered after the
/// highest follow-up in `data` (the dashboard numbers it past the store's
/// marks too, see [`crate::domain::Issued`]), its subject worded by `subject`.
pub fn expiry_followup(
    data: &Dataset,
    t: &CertificationTrack,
    proposal: &ExpiryProposal,
    subject: impl FnOnce(&ExpirySubject) -> String,
    ctx: &Ctx,
) -> FollowUp {
    let name = data
        .organisations
        .iter()
        .find(|o| o.id == t.organisation)
        .map_or("?", |o| o.name.as_str());
    let subject = subject(&ExpirySubject {
        track: &t.number,
        organisation: name,
        deadline: proposal.deadline,
    });
    FollowUp {
        id: Uuid::new_v4(),
        number: Kind::FollowUp.number(data.next_seq(Kind::FollowUp)),
        about: RecordRef {
            kind: Kind::Track,
            id: t.id,
        },
        with: proposal.with.clone(),
        subject,
        created_on: ctx.today,
        due: proposal.due,
        repeated_on: Vec::new(),
        done_on: None,
        stamp: Stamp::new(ctx.now, &ctx.user),
    }
}

/// Accept an expiry proposal in one step: the track closes as expired and
/// the follow-up to the selection committee is returned for saving with it.
pub fn accept_expiry(
    data: &Dataset,
    t: &mut CertificationTrack,
    subject: impl FnOnce(&ExpirySubject) -> String,
    ctx: &Ctx,
) -> Result<FollowUp, TrackError> {
    refuse_closed(t)?;
    let proposal = expiry_proposal(t, ctx.today).ok_or(TrackError::NotOverdue)?;
    let followup = expiry_followup(data, t, &proposal, subject, ctx);
    close_track(t, TrackOutcome::Expired, ctx)?;
    Ok(followup)
}

#[cfg(test)]
#[path = "tracks_tests.rs"]
mod tests;
