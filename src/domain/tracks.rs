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
use crate::i18n::{self, Lang};
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

/// Why a change to a track was refused. `Display` is English;
/// [`TrackError::message`] gives the user's language and what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrackError {
    #[error("no organisation with id {id}")]
    UnknownOrganisation { id: Id },
    #[error("{name} is not an entrepreneur; only entrepreneurs get a certification track")]
    NotAnEntrepreneur { name: String },
    #[error("{name} already has an open track ({number})")]
    AlreadyOpen { name: String, number: String },
    #[error("admission on {admitted_on} is after today")]
    AdmittedInFuture { admitted_on: NaiveDate },
    #[error("the track is closed ({outcome:?} on {on}) and no longer changes")]
    Closed {
        outcome: TrackOutcome,
        on: NaiveDate,
    },
    #[error("a {kind:?} milestone on {on} is before the admission on {admitted_on}")]
    BeforeAdmission {
        kind: MilestoneKind,
        on: NaiveDate,
        admitted_on: NaiveDate,
    },
    #[error("a {kind:?} milestone cannot be dated after today ({on})")]
    InFuture { kind: MilestoneKind, on: NaiveDate },
    #[error("a B Corp assessment needs a score")]
    ScoreRequired,
    #[error("a B Corp score is at most {BCORP_MAX_SCORE}, not {score}")]
    ScoreOutOfRange { score: u32 },
    #[error("only a B Corp assessment has a score")]
    ScoreNotExpected { kind: MilestoneKind },
    #[error("a B Corp assessment belongs to a B Corp track")]
    AssessmentOnPsoTrack,
    #[error("this milestone is already recorded for {on}")]
    Duplicate { kind: MilestoneKind, on: NaiveDate },
    #[error("there is no milestone number {index}")]
    NoSuchMilestone { index: usize },
    #[error("the deadline {deadline} has not passed; close as withdrawn instead")]
    NotYetExpired { deadline: NaiveDate },
    #[error("the track is not overdue")]
    NotOverdue,
}

impl TrackError {
    pub fn message(&self, lang: Lang) -> String {
        let date = |d: NaiveDate| match lang {
            Lang::Nl => i18n::date(d),
            Lang::En => d.format("%Y-%m-%d").to_string(),
        };
        let kind = |k: MilestoneKind| i18n::milestone(lang, k);
        match self {
            TrackError::UnknownOrganisation { .. } => lang
                .pick(
                    "Die organisatie bestaat niet (meer). Kies een ondernemer uit de lijst.",
                    "That organisation does not exist (any more). Choose an entrepreneur from the list.",
                )
                .to_string(),
            TrackError::NotAnEntrepreneur { name } => lang.pick(
                format!("{name} is geen ondernemer: alleen toegelaten ondernemers krijgen een certificeringstraject."),
                format!("{name} is not an entrepreneur: only admitted entrepreneurs get a certification track."),
            ),
            TrackError::AlreadyOpen { name, number } => lang.pick(
                format!("{name} heeft al een open traject ({number}). Werk dat bij of sluit het eerst af."),
                format!("{name} already has an open track ({number}). Update it or close it first."),
            ),
            TrackError::AdmittedInFuture { admitted_on } => lang.pick(
                format!("De toelating ({}) ligt na vandaag. Leg het traject vast op of na de toelatingsdag.", date(*admitted_on)),
                format!("The admission ({}) is after today. Record the track on or after the day of admission.", date(*admitted_on)),
            ),
            TrackError::Closed { outcome, on } => lang.pick(
                format!("Het traject is afgesloten ({}, {}) en verandert niet meer. Begin een nieuw traject als de ondernemer opnieuw wordt toegelaten.", i18n::track_outcome(lang, *outcome), date(*on)),
                format!("The track is closed ({}, {}) and no longer changes. Start a new track if the entrepreneur is admitted again.", i18n::track_outcome(lang, *outcome), date(*on)),
            ),
            TrackError::BeforeAdmission { kind: k, on, admitted_on } => lang.pick(
                format!("{} op {} ligt vóór de toelating ({}). Controleer de datum.", kind(*k), date(*on), date(*admitted_on)),
                format!("{} on {} is before the admission ({}). Check the date.", kind(*k), date(*on), date(*admitted_on)),
            ),
            TrackError::InFuture { kind: k, on } => lang.pick(
                format!("{} op {} ligt in de toekomst. Alleen een geplande audit mag vooruit; leg de rest vast als het gebeurd is.", kind(*k), date(*on)),
                format!("{} on {} is in the future. Only a planned audit may lie ahead; record the rest once it has happened.", kind(*k), date(*on)),
            ),
            TrackError::ScoreRequired => lang
                .pick(
                    "Een B Corp-assessment heeft een score nodig (0–200; 80 is de grens).",
                    "A B Corp assessment needs a score (0–200; 80 passes).",
                )
                .to_string(),
            TrackError::ScoreOutOfRange { score } => lang.pick(
                format!("Een B Corp-score is hooguit {BCORP_MAX_SCORE}, niet {score}."),
                format!("A B Corp score is at most {BCORP_MAX_SCORE}, not {score}."),
            ),
            TrackError::ScoreNotExpected { kind: k } => lang.pick(
                format!("Alleen een B Corp-assessment heeft een score, {} niet. Laat de score leeg.", kind(*k)),
                format!("Only a B Corp assessment has a score, {} does not. Leave the score empty.", kind(*k)),
            ),
            TrackError::AssessmentOnPsoTrack => lang
                .pick(
                    "Een B Corp-assessment hoort bij een B Corp-traject; dit is een PSO-traject. Wijzig eerst het doel als de ondernemer overstapt.",
                    "A B Corp assessment belongs to a B Corp track; this is a PSO track. Change the aim first if the entrepreneur switches.",
                )
                .to_string(),
            TrackError::Duplicate { kind: k, on } => lang.pick(
                format!("{} op {} staat er al.", kind(*k), date(*on)),
                format!("{} on {} is already recorded.", kind(*k), date(*on)),
            ),
            TrackError::NoSuchMilestone { .. } => lang
                .pick("Die mijlpaal bestaat niet (meer).", "That milestone does not exist (any more).")
                .to_string(),
            TrackError::NotYetExpired { deadline } => lang.pick(
                format!("Het jaar loopt nog tot {}: een traject verloopt pas daarna. Sluit af als ingetrokken als de ondernemer stopt.", date(*deadline)),
                format!("The year runs until {}: a track expires only after that. Close it as withdrawn if the entrepreneur stops.", date(*deadline)),
            ),
            TrackError::NotOverdue => lang
                .pick("Dit traject is niet over de termijn.", "This track is not overdue.")
                .to_string(),
        }
    }
}

fn refuse_closed(t: &CertificationTrack) -> Result<(), TrackError> {
    match t.outcome {
        Some((outcome, on)) => Err(TrackError::Closed { outcome, on }),
        None => Ok(()),
    }
}

/// A new track for an entrepreneur admitted to the platform on `admitted_on`
/// (today or earlier), numbered after the highest track in `data`. Refused
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

/// The follow-up of an expiry proposal, about the track, numbered after the
/// highest follow-up in `data`: "T06 Hout & Hoop Pallets: certificeringsjaar
/// verlopen — besluit selectiecommissie KIP".
pub fn expiry_followup(
    data: &Dataset,
    t: &CertificationTrack,
    proposal: &ExpiryProposal,
    lang: Lang,
    ctx: &Ctx,
) -> FollowUp {
    let name = data
        .organisations
        .iter()
        .find(|o| o.id == t.organisation)
        .map_or("?", |o| o.name.as_str());
    let subject = lang.pick(
        format!(
            "{} {name}: certificeringsjaar verlopen op {} zonder certificaat — besluit selectiecommissie KIP",
            t.number,
            i18n::date(proposal.deadline)
        ),
        format!(
            "{} {name}: certification year ran out on {} without a certificate — decision of the KIP selection committee",
            t.number,
            proposal.deadline.format("%Y-%m-%d")
        ),
    );
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
    lang: Lang,
    ctx: &Ctx,
) -> Result<FollowUp, TrackError> {
    refuse_closed(t)?;
    let proposal = expiry_proposal(t, ctx.today).ok_or(TrackError::NotOverdue)?;
    let followup = expiry_followup(data, t, &proposal, lang, ctx);
    close_track(t, TrackOutcome::Expired, ctx)?;
    Ok(followup)
}

#[cfg(test)]
#[path = "tracks_tests.rs"]
mod tests;
