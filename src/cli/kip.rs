//! The Kennemer Inkoop Platform on the command line: `tracks` (the open
//! certification tracks, fewest days left first) and `sroi` (entrepreneurs
//! whose products match a buyer's question). Both only read. The JSON shapes
//! are documented in README.md and kept stable.

use super::{Session, said};
use crate::domain::certification::{CertWarning, TrackFlag};
use crate::domain::matching::{self, MatchError, PlatformStatus, SroiMatch};
use crate::domain::tracks::{self, TrackRow};
use crate::domain::*;
use crate::i18n::format_euros;
use crate::i18n::{self, Lang};
use crate::present::columns;
use crate::present::table::Table;
use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use serde::Serialize;

fn print_json<T: Serialize>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// "PSO trede 1", "B Corp", "PSO 30+": the aim with its level unless the level
/// only repeats the aim.
fn aim_text(t: &CertificationTrack) -> String {
    let aim = i18n::aim(t.aim);
    let level = t.level.trim();
    if level.is_empty() || level.eq_ignore_ascii_case(aim) {
        aim.to_string()
    } else {
        format!("{aim} {level}")
    }
}

// -------------------------------------------------------------------- tracks

#[derive(Serialize)]
struct MilestoneJson {
    kind: MilestoneKind,
    on: NaiveDate,
    score: Option<u32>,
}

#[derive(Serialize)]
struct ProposalJson {
    outcome: TrackOutcome,
    days_overdue: i64,
    followup_with: &'static str,
    followup_due: NaiveDate,
}

#[derive(Serialize)]
struct TrackJson<'a> {
    number: &'a str,
    organisation: &'a str,
    organisation_number: &'a str,
    aim: CertificationAim,
    level: &'a str,
    admitted_on: NaiveDate,
    deadline: NaiveDate,
    days_left: i64,
    warning: CertWarning,
    flags: &'a [TrackFlag],
    milestones: Vec<MilestoneJson>,
    /// For an overdue track: close as expired, follow up with the committee.
    proposal: Option<ProposalJson>,
}

fn track_json<'a>(r: &'a TrackRow, today: NaiveDate) -> TrackJson<'a> {
    TrackJson {
        number: &r.track.number,
        organisation: &r.organisation.name,
        organisation_number: &r.organisation.number,
        aim: r.track.aim,
        level: &r.track.level,
        admitted_on: r.track.admitted_on,
        deadline: r.deadline,
        days_left: r.days_left,
        warning: r.warning,
        flags: &r.flags,
        milestones: r
            .track
            .milestones
            .iter()
            .map(|m| MilestoneJson {
                kind: m.kind,
                on: m.on,
                score: m.score,
            })
            .collect(),
        proposal: tracks::expiry_proposal(r.track, today).map(|p| ProposalJson {
            outcome: p.outcome,
            days_overdue: p.days_overdue,
            followup_with: tracks::SELECTION_COMMITTEE,
            followup_due: p.due,
        }),
    }
}

/// The latest milestone in words: "Audit gepland 06-12-2024".
fn last_milestone(lang: Lang, t: &CertificationTrack) -> String {
    t.milestones
        .iter()
        .max_by_key(|m| m.on)
        .map(|m| {
            let score = m.score.map(|s| format!(" ({s})")).unwrap_or_default();
            format!(
                "{}{score} {}",
                i18n::milestone(lang, m.kind),
                i18n::date(m.on)
            )
        })
        .unwrap_or_default()
}

pub fn tracks(s: &Session, json: bool) -> Result<()> {
    let (data, _) = s.load_without_notes().map_err(said(s.lang))?;
    let today = s.ctx.today;
    let rows = tracks::open_tracks(&data, today);
    if json {
        let out: Vec<_> = rows.iter().map(|r| track_json(r, today)).collect();
        return print_json(&out);
    }
    let lang = s.lang;
    if rows.is_empty() {
        println!("{}", i18n::cli::no_open_certification_tracks(lang));
        return Ok(());
    }
    let mut t = Table::new(columns::headers(lang, &columns::TRACKS_LISTING));
    for r in &rows {
        t.row(vec![
            r.track.number.clone(),
            r.organisation.name.clone(),
            aim_text(r.track),
            i18n::date(r.track.admitted_on),
            i18n::date(r.deadline),
            r.days_left.to_string(),
            i18n::cert_warning(lang, r.warning).to_string(),
            last_milestone(lang, r.track),
            r.flags
                .iter()
                .map(|f| i18n::track_flag(lang, f))
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    print!("{}", t.render());
    for r in &rows {
        if let Some(p) = tracks::expiry_proposal(r.track, today) {
            println!(
                "{}",
                i18n::cli::expiry_proposal(
                    lang,
                    plain::one_line(&r.track.number),
                    p.days_overdue,
                    tracks::SELECTION_COMMITTEE
                )
            );
        }
    }
    let c = tracks::track_counts(&rows);
    println!(
        "{}",
        i18n::cli::tracks_summary(lang, c.open, c.overdue, c.within_30, c.flagged)
    );
    Ok(())
}

// ---------------------------------------------------------------------- sroi

#[derive(Serialize)]
struct BuyerJson<'a> {
    number: &'a str,
    name: &'a str,
    sroi_obligation_cents: Option<Cents>,
}

#[derive(Serialize)]
struct OpenTrackJson<'a> {
    number: &'a str,
    aim: CertificationAim,
    level: &'a str,
    deadline: NaiveDate,
    days_left: i64,
    warning: CertWarning,
    flags: &'a [TrackFlag],
}

#[derive(Serialize)]
struct CertificationJson<'a> {
    track: &'a str,
    aim: CertificationAim,
    level: &'a str,
    achieved_on: Option<NaiveDate>,
}

#[derive(Serialize)]
struct MatchJson<'a> {
    number: &'a str,
    name: &'a str,
    product: &'a str,
    #[serde(rename = "match")]
    class: MatchClass,
    score: i64,
    admitted: bool,
    platform_status: PlatformStatus,
    open_track: Option<OpenTrackJson<'a>>,
    certification: Option<CertificationJson<'a>>,
    /// Where an introduction would be filed; `null`: on the entrepreneur.
    open_case: Option<&'a str>,
}

#[derive(Serialize)]
struct SroiJson<'a> {
    query: &'a str,
    buyer: Option<BuyerJson<'a>>,
    matches: Vec<MatchJson<'a>>,
}

fn match_json<'a>(m: &'a SroiMatch) -> MatchJson<'a> {
    MatchJson {
        number: &m.organisation.number,
        name: &m.organisation.name,
        product: &m.product,
        class: m.class,
        score: m.score,
        admitted: m.platform.status.admitted(),
        platform_status: m.platform.status,
        open_track: m.platform.open_track.as_ref().map(|r| OpenTrackJson {
            number: &r.track.number,
            aim: r.track.aim,
            level: &r.track.level,
            deadline: r.deadline,
            days_left: r.days_left,
            warning: r.warning,
            flags: &r.flags,
        }),
        certification: m.platform.certification.map(|t| CertificationJson {
            track: &t.number,
            aim: t.aim,
            level: &t.level,
            achieved_on: matching::achieved_on(t),
        }),
        open_case: m.open_case.map(|c| c.number.as_str()),
    }
}

fn status_text(lang: Lang, m: &SroiMatch) -> String {
    match m.platform.status {
        PlatformStatus::Certified => i18n::cli::certified(lang).to_string(),
        PlatformStatus::InTrack => {
            let r = m.platform.open_track.as_ref();
            let warning = r.map_or("", |r| i18n::cert_warning(lang, r.warning));
            let number = r.map_or("", |r| r.track.number.as_str());
            i18n::cli::in_track(lang, number, warning)
        }
        PlatformStatus::Lapsed => i18n::cli::track_ended(lang).to_string(),
        PlatformStatus::NotAdmitted => i18n::cli::not_admitted(lang).to_string(),
    }
}

/// The buyer named by its number (`O27`, `o27`).
fn find_buyer<'a>(data: &'a Dataset, number: &str, lang: Lang) -> Result<&'a Organisation> {
    let wanted = Number::parse(number)
        .filter(|n| n.kind == Kind::Organisation)
        .ok_or_else(|| anyhow!(i18n::cli::not_an_organisation_number(lang, number)))?;
    let org = data
        .organisations
        .iter()
        .find(|o| Number::parse(&o.number) == Some(wanted))
        .ok_or_else(|| anyhow!(i18n::cli::no_such_buyer(lang, wanted)))?;
    if org.kind != OrgKind::Buyer {
        bail!(
            MatchError::NotABuyer {
                name: format!("{} {}", org.number, org.name)
            }
            .message(lang)
        );
    }
    Ok(org)
}

pub fn sroi(s: &Session, query: &str, buyer: Option<&str>, json: bool) -> Result<()> {
    let lang = s.lang;
    let query = query.trim();
    if query.is_empty() {
        bail!(i18n::cli::give_a_product(lang));
    }
    let (data, _) = s.load_without_notes().map_err(said(s.lang))?;
    let today = s.ctx.today;
    let buyer = buyer.map(|b| find_buyer(&data, b, lang)).transpose()?;
    let matches = match buyer {
        Some(b) => {
            matching::buyer_matches(&data, b.id, query, today)
                .map_err(|e| anyhow!(e.message(lang)))?
                .matches
        }
        None => matching::sroi_matches(&data, query, today),
    };
    if json {
        return print_json(&SroiJson {
            query,
            buyer: buyer.map(|b| BuyerJson {
                number: &b.number,
                name: &b.name,
                sroi_obligation_cents: b.sroi_obligation,
            }),
            matches: matches.iter().map(match_json).collect(),
        });
    }
    if let Some(b) = buyer {
        let obligation = b.sroi_obligation.map_or_else(
            || i18n::cli::unknown(lang).to_string(),
            |c| format_euros(c, lang),
        );
        let line = i18n::cli::buyer_sroi_obligation(lang, obligation, &b.number, &b.name);
        println!("{}", plain::one_line(&line));
    }
    if matches.is_empty() {
        println!("{}", i18n::cli::no_entrepreneurs_for(lang, query));
        return Ok(());
    }
    let mut t = Table::new(columns::headers(lang, &columns::SROI_LISTING));
    for m in &matches {
        let class = match m.class {
            MatchClass::Exact => i18n::cli::exact(lang),
            MatchClass::Prefix => i18n::cli::prefix(lang),
            MatchClass::Fuzzy => i18n::cli::fuzzy(lang),
        };
        let certification = m.platform.certification.map_or_else(String::new, |t| {
            let on = matching::achieved_on(t)
                .map(|d| format!(" {}", i18n::date(d)))
                .unwrap_or_default();
            format!("{}{on}", aim_text(t))
        });
        t.row(vec![
            m.organisation.number.clone(),
            m.organisation.name.clone(),
            m.product.clone(),
            class.to_string(),
            status_text(lang, m),
            certification,
            m.open_case.map_or_else(String::new, |c| c.number.clone()),
        ]);
    }
    print!("{}", t.render());
    Ok(())
}
