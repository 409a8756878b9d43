//! SROI matching on the Kennemer Inkoop Platform: which entrepreneurs offer
//! what a buyer with an SROI obligation wants to buy, with their place on the
//! platform and their certification; and the introduction follow-up that
//! turns a match into work.
//!
//! Products are matched exactly like blocker keywords in the owner lookup
//! ([`KeywordIndex`]): case and accents folded, exact before prefix before
//! fuzzy, and a fuzzy hit needs the same minimum score, so nonsense finds
//! nothing. The model has no "looking for" list on a buyer, so a buyer's
//! matches are for a query the user gives.

use super::certification::{self, CertWarning};
use super::followup::{REPEAT_WORKING_DAYS, add_working_days};
use super::lookup::{KeywordIndex, MatchClass};
use super::model::{
    ActionLine, Case, CertificationTrack, Counterpart, Dataset, FollowUp, Id, Kind, MilestoneKind,
    OrgKind, Organisation, RecordRef, Stamp, TrackOutcome,
};
use super::ops::Ctx;
use super::tracks::TrackRow;
use chrono::NaiveDate;
use serde::Serialize;
use uuid::Uuid;

/// Where an entrepreneur stands on the Kennemer Inkoop Platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformStatus {
    /// Has a certification: a track achieved.
    Certified,
    /// Admitted and in its certification year (an open track).
    InTrack,
    /// Admitted once, but the track expired or was withdrawn.
    Lapsed,
    /// Never admitted: no track at all.
    NotAdmitted,
}

impl PlatformStatus {
    /// Every status but [`PlatformStatus::NotAdmitted`] means admitted once.
    pub fn admitted(self) -> bool {
        self != PlatformStatus::NotAdmitted
    }
}

/// An entrepreneur's platform status, open track and certification on `today`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform<'a> {
    pub status: PlatformStatus,
    /// The open track with its deadline, warning and flags.
    pub open_track: Option<TrackRow<'a>>,
    /// The latest achieved track (certificate received).
    pub certification: Option<&'a CertificationTrack>,
}

impl Platform<'_> {
    pub fn warning(&self) -> Option<CertWarning> {
        self.open_track.as_ref().map(|r| r.warning)
    }
}

fn achieved(t: &CertificationTrack) -> bool {
    matches!(t.outcome, Some((TrackOutcome::Achieved, _)))
        || t.milestones
            .iter()
            .any(|m| m.kind == MilestoneKind::CertificateReceived)
}

/// The day a track was achieved: its outcome, else its certificate.
pub fn achieved_on(t: &CertificationTrack) -> Option<NaiveDate> {
    match t.outcome {
        Some((TrackOutcome::Achieved, on)) => Some(on),
        _ => t
            .milestones
            .iter()
            .filter(|m| m.kind == MilestoneKind::CertificateReceived)
            .map(|m| m.on)
            .max(),
    }
}

/// Where `org` stands on the platform on `today`.
pub fn platform<'a>(data: &'a Dataset, org: Id, today: NaiveDate) -> Platform<'a> {
    let tracks: Vec<&CertificationTrack> = data
        .tracks
        .iter()
        .filter(|t| t.organisation == org)
        .collect();
    let certification = tracks
        .iter()
        .copied()
        .filter(|t| achieved(t))
        .max_by_key(|t| achieved_on(t));
    let open_track = tracks
        .iter()
        .copied()
        .filter(|t| certification::is_open(t))
        .max_by_key(|t| t.admitted_on)
        .and_then(|t| TrackRow::new(data, t, today));
    let status = if certification.is_some() {
        PlatformStatus::Certified
    } else if open_track.is_some() {
        PlatformStatus::InTrack
    } else if !tracks.is_empty() {
        PlatformStatus::Lapsed
    } else {
        PlatformStatus::NotAdmitted
    };
    Platform {
        status,
        open_track,
        certification,
    }
}

/// One entrepreneur whose products or services match the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SroiMatch<'a> {
    pub organisation: &'a Organisation,
    /// The product as the entrepreneur spells it.
    pub product: String,
    pub class: MatchClass,
    pub score: i64,
    /// Char indices into `product` to highlight.
    pub indices: Vec<usize>,
    pub platform: Platform<'a>,
    /// The case an introduction would be filed on (see [`introduction_about`]).
    pub open_case: Option<&'a Case>,
}

/// An index of the entrepreneurs' products, built once; [`SroiIndex::matches`]
/// per keystroke.
pub struct SroiIndex {
    index: KeywordIndex,
}

impl SroiIndex {
    pub fn build(data: &Dataset) -> Self {
        let owners = data
            .organisations
            .iter()
            .filter(|o| o.kind == OrgKind::Entrepreneur)
            .map(|o| {
                (
                    o.id,
                    o.number.as_str(),
                    o.products.iter().map(|p| (p.as_str(), true)),
                )
            });
        SroiIndex {
            index: KeywordIndex::from_terms(owners),
        }
    }

    /// Entrepreneurs offering `query`, best first (exact, prefix, fuzzy; then
    /// score, shorter product, number), each once by its best product.
    pub fn matches<'a>(
        &self,
        data: &'a Dataset,
        query: &str,
        today: NaiveDate,
    ) -> Vec<SroiMatch<'a>> {
        self.index
            .lookup(query)
            .into_iter()
            .filter_map(|m| {
                let organisation = data.organisations.iter().find(|o| o.id == m.department)?;
                Some(SroiMatch {
                    organisation,
                    product: m.keyword,
                    class: m.class,
                    score: m.score,
                    indices: m.indices,
                    platform: platform(data, organisation.id, today),
                    open_case: open_case(data, organisation.id),
                })
            })
            .collect()
    }
}

/// Entrepreneurs whose products or services match `query`, best first, with
/// their platform status on `today`. Builds the index each call; a screen
/// that looks up per keystroke keeps an [`SroiIndex`].
pub fn sroi_matches<'a>(data: &'a Dataset, query: &str, today: NaiveDate) -> Vec<SroiMatch<'a>> {
    SroiIndex::build(data).matches(data, query, today)
}

/// A buyer's match list: the buyer, its SROI obligation and the matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuyerMatches<'a> {
    pub buyer: &'a Organisation,
    pub matches: Vec<SroiMatch<'a>>,
}

/// Why a buyer's matches or an introduction were refused; worded in
/// the language module (`i18n/domain.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchError {
    Unknown {
        id: Id,
    },
    NotABuyer {
        name: String,
    },
    NotAnEntrepreneur {
        name: String,
    },
    AlreadyIntroduced {
        number: String,
        buyer: String,
        entrepreneur: String,
    },
}

impl std::error::Error for MatchError {}

fn org_of(data: &Dataset, id: Id) -> Result<&Organisation, MatchError> {
    data.organisations
        .iter()
        .find(|o| o.id == id)
        .ok_or(MatchError::Unknown { id })
}

/// The matches for `query` on behalf of `buyer` (an organisation of kind
/// buyer); the model keeps no "looking for" list, so the user gives the query.
pub fn buyer_matches<'a>(
    data: &'a Dataset,
    buyer: Id,
    query: &str,
    today: NaiveDate,
) -> Result<BuyerMatches<'a>, MatchError> {
    let org = org_of(data, buyer)?;
    if org.kind != OrgKind::Buyer {
        return Err(MatchError::NotABuyer {
            name: org.name.clone(),
        });
    }
    Ok(BuyerMatches {
        buyer: org,
        matches: sroi_matches(data, query, today),
    })
}

/// The entrepreneur's open case an introduction belongs on: one on impact
/// procurement first, then cooperation and trade, then any; the most recently
/// opened of those, then the lowest number.
pub fn open_case(data: &Dataset, entrepreneur: Id) -> Option<&Case> {
    let line_rank = |c: &Case| match c.action_line {
        ActionLine::ImpactProcurement => 0,
        ActionLine::CooperationAndTrade => 1,
        _ => 2,
    };
    data.cases
        .iter()
        .filter(|c| c.organisation == entrepreneur && c.status.is_open())
        .min_by(|a, b| {
            line_rank(a)
                .cmp(&line_rank(b))
                .then(b.opened_on.cmp(&a.opened_on))
        })
}

/// What an introduction follow-up is about: the entrepreneur's open case (see
/// [`open_case`]), else the entrepreneur itself. A case is not made up for
/// it: a case needs a question, an action line and an owner that only the
/// aanjager can give, and the integrity check accepts any existing record as
/// `about`.
pub fn introduction_about(data: &Dataset, entrepreneur: Id) -> RecordRef {
    match open_case(data, entrepreneur) {
        Some(c) => RecordRef {
            kind: Kind::Case,
            id: c.id,
        },
        None => RecordRef {
            kind: Kind::Organisation,
            id: entrepreneur,
        },
    }
}

/// The fixed start of an introduction's subject: in the user's language for a
/// new follow-up, and in every language to recognise an earlier one. The words
/// come from the language module (`i18n::introduction_prefix`).
#[derive(Clone, Copy, Debug)]
pub struct IntroductionPrefix {
    pub current: &'static str,
    pub known: &'static [&'static str],
}

/// The follow-up that turns a match into work: "Introductie koper ↔
/// ondernemer: Bouwcombinatie Spaarnestad ↔ Wijkkeuken Oost (catering)", with
/// the entrepreneur, due in five working days, about [`introduction_about`],
/// numbered after the highest follow-up in `data` (the dashboard numbers it
/// past the store's marks too, see [`crate::domain::Issued`]). Refused for a non-buyer, a
/// non-entrepreneur, and when an open introduction of the pair exists.
pub fn introduction_followup(
    data: &Dataset,
    buyer: Id,
    entrepreneur: Id,
    product: &str,
    prefix: IntroductionPrefix,
    ctx: &Ctx,
) -> Result<FollowUp, MatchError> {
    let b = org_of(data, buyer)?;
    if b.kind != OrgKind::Buyer {
        return Err(MatchError::NotABuyer {
            name: b.name.clone(),
        });
    }
    let e = org_of(data, entrepreneur)?;
    if e.kind != OrgKind::Entrepreneur {
        return Err(MatchError::NotAnEntrepreneur {
            name: e.name.clone(),
        });
    }
    let pair = format!("{} ↔ {}", b.name, e.name);
    let existing = data.followups.iter().find(|f| {
        !f.is_done()
            && f.with == Counterpart::Organisation(entrepreneur)
            && prefix.known.iter().any(|p| f.subject.starts_with(p))
            && f.subject.contains(&pair)
    });
    if let Some(f) = existing {
        return Err(MatchError::AlreadyIntroduced {
            number: f.number.clone(),
            buyer: b.name.clone(),
            entrepreneur: e.name.clone(),
        });
    }
    let product = product.trim();
    let subject = if product.is_empty() {
        format!("{}: {pair}", prefix.current)
    } else {
        format!("{}: {pair} ({product})", prefix.current)
    };
    Ok(FollowUp {
        id: Uuid::new_v4(),
        number: Kind::FollowUp.number(data.next_seq(Kind::FollowUp)),
        about: introduction_about(data, entrepreneur),
        with: Counterpart::Organisation(entrepreneur),
        subject,
        created_on: ctx.today,
        due: add_working_days(ctx.today, REPEAT_WORKING_DAYS),
        repeated_on: Vec::new(),
        done_on: None,
        stamp: Stamp::new(ctx.now, &ctx.user),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::integrity::validate;
    use crate::domain::record::AnyRecord;
    use crate::domain::testutil::*;

    fn org(data: &Dataset, number: &str) -> Id {
        match record_numbered(data, number) {
            AnyRecord::Organisation(o) => o.id,
            other => panic!("{number} is no organisation: {other:?}"),
        }
    }

    const PREFIX: IntroductionPrefix = IntroductionPrefix {
        current: "Intro",
        known: &["Intro", "Introduction"],
    };

    fn names<'a>(ms: &'a [SroiMatch]) -> Vec<&'a str> {
        ms.iter().map(|m| m.organisation.name.as_str()).collect()
    }

    #[test]
    fn catering_finds_the_two_caterers_and_nobody_else() {
        let data = seeded_demo();
        for q in [
            "catering",
            "Catering",
            "  CATERÍNG ",
            "cater",
            "catring",
            "cateirng",
        ] {
            let ms = sroi_matches(&data, q, today());
            assert_eq!(
                names(&ms),
                ["Wijkkeuken Oost", "Cateraar Tafel van Morgen"],
                "{q:?}"
            );
        }
        let ms = sroi_matches(&data, "catering", today());
        assert!(ms.iter().all(|m| m.class == MatchClass::Exact));
        assert!(ms.iter().all(|m| m.product == "catering"));
        assert_eq!(ms[0].indices, (0..8).collect::<Vec<_>>());
        // Neither is on the platform; both have an open case.
        for m in &ms {
            assert_eq!(m.platform.status, PlatformStatus::NotAdmitted);
            assert!(!m.platform.status.admitted());
            assert_eq!(m.platform.warning(), None);
        }
        let cases: Vec<_> = ms
            .iter()
            .map(|m| m.open_case.unwrap().number.as_str())
            .collect();
        assert_eq!(cases, ["C07", "C21"]);
    }

    #[test]
    fn matching_ranks_exact_before_prefix_before_fuzzy() {
        let data = seeded_demo();
        let rows: [(&str, &[(&str, MatchClass)]); 7] = [
            (
                "schoonmaak",
                &[("Spaarne Schoon Coöperatie", MatchClass::Exact)],
            ),
            ("drukwerk", &[("Drukkerij Anders", MatchClass::Exact)]),
            // "onderhoud" starts the second word of "klein onderhoud" and lies
            // inside "groenonderhoud": prefix before fuzzy.
            (
                "onderhoud",
                &[
                    ("Klusbedrijf Vakkracht", MatchClass::Prefix),
                    ("Groenploeg Haarlem-Noord", MatchClass::Fuzzy),
                ],
            ),
            ("meubels", &[]),
            ("meubi", &[("Meubelmakerij Restwaarde", MatchClass::Prefix)]),
            ("xyzzy", &[]),
            ("", &[]),
        ];
        for (q, expected) in rows {
            let got: Vec<_> = sroi_matches(&data, q, today())
                .iter()
                .map(|m| (m.organisation.name.as_str(), m.class))
                .collect();
            assert_eq!(got, expected.to_vec(), "{q:?}");
        }
    }

    #[test]
    fn platform_status_follows_the_tracks() {
        let data = seeded_demo();
        let rows = [
            (
                "O09",
                PlatformStatus::InTrack,
                Some(CertWarning::Within30),
                None,
            ),
            (
                "O20",
                PlatformStatus::InTrack,
                Some(CertWarning::None),
                None,
            ),
            (
                "O24",
                PlatformStatus::InTrack,
                Some(CertWarning::Overdue),
                None,
            ),
            ("O26", PlatformStatus::Certified, None, Some("T07")),
            ("O07", PlatformStatus::NotAdmitted, None, None),
        ];
        for (number, status, warning, cert) in rows {
            let p = platform(&data, org(&data, number), today());
            assert_eq!(p.status, status, "{number}");
            assert_eq!(p.warning(), warning, "{number}");
            assert_eq!(p.certification.map(|t| t.number.as_str()), cert, "{number}");
        }
        // An expired track leaves the entrepreneur lapsed.
        let mut data = data;
        let t06 = data.tracks.iter_mut().find(|t| t.number == "T06").unwrap();
        t06.outcome = Some((TrackOutcome::Expired, today()));
        let p = platform(&data, org(&data, "O24"), today());
        assert_eq!(p.status, PlatformStatus::Lapsed);
        assert!(p.status.admitted());
    }

    #[test]
    fn a_buyer_gets_the_matches_and_others_are_refused() {
        let data = seeded_demo();
        let bm = buyer_matches(&data, org(&data, "O28"), "catering", today()).unwrap();
        assert_eq!(bm.buyer.name, "Facilitair Dienstverlener Kennemer");
        assert_eq!(bm.buyer.sroi_obligation, Some(2_500_000));
        assert_eq!(
            names(&bm.matches),
            ["Wijkkeuken Oost", "Cateraar Tafel van Morgen"]
        );
        let err = buyer_matches(&data, org(&data, "O07"), "catering", today()).unwrap_err();
        assert_eq!(
            err,
            MatchError::NotABuyer {
                name: "Wijkkeuken Oost".into()
            }
        );
    }

    #[test]
    fn an_introduction_is_filed_on_the_open_case_or_the_entrepreneur() {
        let mut data = seeded_demo();
        let (buyer, keuken) = (org(&data, "O28"), org(&data, "O07"));
        let f = introduction_followup(&data, buyer, keuken, "catering", PREFIX, &ctx()).unwrap();
        assert_eq!(f.number, "F06");
        assert_eq!(
            f.subject,
            "Intro: Facilitair Dienstverlener Kennemer ↔ Wijkkeuken Oost (catering)"
        );
        assert_eq!(f.with, Counterpart::Organisation(keuken));
        let c07 = match record_numbered(&data, "C07") {
            AnyRecord::Case(c) => c.id,
            _ => unreachable!(),
        };
        assert_eq!(
            f.about,
            RecordRef {
                kind: Kind::Case,
                id: c07
            }
        );
        assert_eq!(f.due, date(2024, 11, 22));
        data.upsert(f.into());
        assert_eq!(validate(&data), vec![]);
        // A second introduction of the same pair is refused while the first is open.
        assert!(matches!(
            introduction_followup(&data, buyer, keuken, "", PREFIX, &ctx()),
            Err(MatchError::AlreadyIntroduced { number, .. }) if number == "F06"
        ));
        // Without an open case the follow-up is about the entrepreneur.
        let helder = org(&data, "O26");
        let f = introduction_followup(&data, buyer, helder, "schoonmaak", PREFIX, &ctx()).unwrap();
        assert_eq!(
            f.about,
            RecordRef {
                kind: Kind::Organisation,
                id: helder
            }
        );
        assert!(f.subject.starts_with("Intro: "));
        data.upsert(f.into());
        assert_eq!(validate(&data), vec![]);
        // The roles must be right.
        assert!(matches!(
            introduction_followup(&data, keuken, buyer, "", PREFIX, &ctx()),
            Err(MatchError::NotABuyer { .. })
        ));
        assert!(matches!(
            introduction_followup(&data, buyer, org(&data, "O29"), "", PREFIX, &ctx()),
            Err(MatchError::NotAnEntrepreneur { .. })
        ));
    }
}
