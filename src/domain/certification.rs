//! Certification tracks (PRODUCT.md §3): a firm admitted to the Kennemer Inkoop
//! Platform has one year to get PSO 30+, PSO or B Corp.

use super::model::{CertificationAim, CertificationTrack, MilestoneKind};
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// A B Corp needs 80 points; below that the track is at risk near the end.
pub const BCORP_PASS_SCORE: u32 = 80;
/// About four months before the deadline a low B Corp score becomes a risk.
pub const BCORP_RISK_DAYS_LEFT: i64 = 122;
/// A PSO certificate is expected within this many days after the audit.
pub const CERTIFICATE_AFTER_AUDIT_DAYS: i64 = 30;

/// Admission plus one year; 29 February gives 28 February of the next year.
pub fn deadline(admitted_on: NaiveDate) -> NaiveDate {
    admitted_on
        .checked_add_months(Months::new(12))
        .expect("a year after a valid date is representable")
}

/// Days until the deadline; negative once it has passed.
pub fn days_left(t: &CertificationTrack, today: NaiveDate) -> i64 {
    (deadline(t.admitted_on) - today).num_days()
}

/// Declaration order is most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CertWarning {
    Overdue,
    #[serde(rename = "within_30")]
    Within30,
    #[serde(rename = "within_60")]
    Within60,
    #[serde(rename = "within_90")]
    Within90,
    None,
}

pub fn warning(days_left: i64) -> CertWarning {
    match days_left {
        d if d < 0 => CertWarning::Overdue,
        0..=30 => CertWarning::Within30,
        31..=60 => CertWarning::Within60,
        61..=90 => CertWarning::Within90,
        _ => CertWarning::None,
    }
}

fn has(t: &CertificationTrack, kind: MilestoneKind) -> bool {
    t.milestones.iter().any(|m| m.kind == kind)
}

/// Still running: no outcome and no certificate yet.
pub fn is_open(t: &CertificationTrack) -> bool {
    t.outcome.is_none() && !has(t, MilestoneKind::CertificateReceived)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "flag", rename_all = "snake_case")]
pub enum TrackFlag {
    /// PSO audit done over a month ago and still no certificate.
    CertificateLate {
        audit_on: NaiveDate,
        days_since_audit: i64,
    },
    /// B Corp assessment under 80 with about four months or less to go.
    BCorpScoreRisk { score: u32, days_left: i64 },
}

/// What needs chasing on an open track besides its deadline; closed tracks
/// have no flags.
pub fn flags(t: &CertificationTrack, today: NaiveDate) -> Vec<TrackFlag> {
    let mut out = Vec::new();
    if !is_open(t) {
        return out;
    }
    let latest = |kind| {
        t.milestones
            .iter()
            .filter(|m| m.kind == kind)
            .max_by_key(|m| m.on)
    };
    match t.aim {
        CertificationAim::Pso | CertificationAim::Pso30Plus => {
            if let Some(audit) = latest(MilestoneKind::AuditDone) {
                let days_since_audit = (today - audit.on).num_days();
                if days_since_audit > CERTIFICATE_AFTER_AUDIT_DAYS {
                    out.push(TrackFlag::CertificateLate {
                        audit_on: audit.on,
                        days_since_audit,
                    });
                }
            }
        }
        CertificationAim::BCorp => {
            let score = latest(MilestoneKind::BCorpAssessment).and_then(|m| m.score);
            let left = days_left(t, today);
            // Not a let-chain: the crate's minimum Rust is 1.85.
            match score {
                Some(score) if score < BCORP_PASS_SCORE && left < BCORP_RISK_DAYS_LEFT => {
                    out.push(TrackFlag::BCorpScoreRisk {
                        score,
                        days_left: left,
                    });
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{CertificationAim::*, MilestoneKind::*, TrackOutcome};
    use crate::domain::testutil::*;

    #[test]
    fn deadline_is_one_year_after_admission() {
        let rows = [
            ("ordinary date", date(2023, 12, 6), date(2024, 12, 6)),
            (
                "leap day falls back to 28 february",
                date(2024, 2, 29),
                date(2025, 2, 28),
            ),
            (
                "28 february before a leap year stays 28",
                date(2023, 2, 28),
                date(2024, 2, 28),
            ),
            ("year end", date(2024, 12, 31), date(2025, 12, 31)),
        ];
        for (name, admitted, want) in rows {
            assert_eq!(deadline(admitted), want, "{name}");
        }
    }

    #[test]
    fn days_left_and_warning_from_the_demo_tracks() {
        // Today 2024-11-15; the year before it holds 29 February 2024.
        let rows = [
            (
                "T01 admitted -345 has 21 days: red",
                -345,
                21,
                CertWarning::Within30,
            ),
            (
                "T02 admitted -305 has 61 days",
                -305,
                61,
                CertWarning::Within90,
            ),
            (
                "T03 admitted -259 (after the leap day)",
                -259,
                106,
                CertWarning::None,
            ),
            (
                "T06 admitted -380 is 14 days overdue",
                -380,
                -14,
                CertWarning::Overdue,
            ),
            ("T05 admitted -74", -74, 291, CertWarning::None),
        ];
        for (name, admitted, left, warn) in rows {
            let t = track(Pso, day(admitted));
            assert_eq!(days_left(&t, today()), left, "{name}");
            assert_eq!(warning(left), warn, "{name}");
        }
    }

    #[test]
    fn warnings_serialise_with_an_underscore_before_the_days() {
        let json = serde_json::to_string(&[
            CertWarning::Overdue,
            CertWarning::Within30,
            CertWarning::Within60,
            CertWarning::Within90,
            CertWarning::None,
        ])
        .unwrap();
        assert_eq!(
            json,
            r#"["overdue","within_30","within_60","within_90","none"]"#
        );
    }

    #[test]
    fn warning_boundaries() {
        let rows = [
            ("one day late is overdue", -1, CertWarning::Overdue),
            ("deadline today is within 30", 0, CertWarning::Within30),
            ("30 is within 30", 30, CertWarning::Within30),
            ("31 is within 60", 31, CertWarning::Within60),
            ("60 is within 60", 60, CertWarning::Within60),
            ("61 is within 90", 61, CertWarning::Within90),
            ("90 is within 90", 90, CertWarning::Within90),
            ("91 has no warning", 91, CertWarning::None),
        ];
        for (name, left, want) in rows {
            assert_eq!(warning(left), want, "{name}");
        }
        assert!(CertWarning::Overdue < CertWarning::Within30);
        assert!(CertWarning::Within90 < CertWarning::None);
    }

    #[test]
    fn a_track_is_open_until_a_certificate_or_an_outcome() {
        let mut t = track(Pso, day(-100));
        assert!(is_open(&t), "fresh track");
        t.milestones.push(milestone(AuditDone, day(-10), None));
        assert!(is_open(&t), "audit alone");
        t.milestones
            .push(milestone(CertificateReceived, day(-1), None));
        assert!(!is_open(&t), "certificate received");
        let mut t = track(BCorp, day(-400));
        t.outcome = Some((TrackOutcome::Expired, day(-35)));
        assert!(!is_open(&t), "expired");
    }

    #[test]
    fn flags_for_late_certificates_and_low_bcorp_scores() {
        struct Row {
            name: &'static str,
            aim: CertificationAim,
            admitted: i64,
            milestones: Vec<(MilestoneKind, i64, Option<u32>)>,
            expected: Vec<TrackFlag>,
        }
        let rows = [
            Row {
                name: "T03: PSO audit done 42 days ago without certificate",
                aim: Pso,
                admitted: -259,
                milestones: vec![(AuditDone, -42, None)],
                expected: vec![TrackFlag::CertificateLate {
                    audit_on: day(-42),
                    days_since_audit: 42,
                }],
            },
            Row {
                name: "audit exactly 30 days ago is not late",
                aim: Pso30Plus,
                admitted: -200,
                milestones: vec![(AuditDone, -30, None)],
                expected: vec![],
            },
            Row {
                name: "audit 31 days ago is late",
                aim: Pso30Plus,
                admitted: -200,
                milestones: vec![(AuditDone, -31, None)],
                expected: vec![TrackFlag::CertificateLate {
                    audit_on: day(-31),
                    days_since_audit: 31,
                }],
            },
            Row {
                name: "T01: audit only planned",
                aim: Pso,
                admitted: -345,
                milestones: vec![(AuditPlanned, 13, None)],
                expected: vec![],
            },
            Row {
                name: "T07: certificate received",
                aim: Pso,
                admitted: -410,
                milestones: vec![(AuditDone, -120, None), (CertificateReceived, -87, None)],
                expected: vec![],
            },
            Row {
                name: "T02: B Corp score 72 with 61 days left",
                aim: BCorp,
                admitted: -305,
                milestones: vec![(BCorpAssessment, -60, Some(72))],
                expected: vec![TrackFlag::BCorpScoreRisk {
                    score: 72,
                    days_left: 61,
                }],
            },
            Row {
                name: "T05: B Corp score 45 with 291 days left",
                aim: BCorp,
                admitted: -74,
                milestones: vec![(BCorpAssessment, -20, Some(45))],
                expected: vec![],
            },
            Row {
                name: "121 days left is a risk",
                aim: BCorp,
                admitted: -244,
                milestones: vec![(BCorpAssessment, -20, Some(79))],
                expected: vec![TrackFlag::BCorpScoreRisk {
                    score: 79,
                    days_left: 121,
                }],
            },
            Row {
                name: "122 days left is no risk yet",
                aim: BCorp,
                admitted: -243,
                milestones: vec![(BCorpAssessment, -20, Some(79))],
                expected: vec![],
            },
            Row {
                name: "score 80 passes",
                aim: BCorp,
                admitted: -305,
                milestones: vec![(BCorpAssessment, -20, Some(80))],
                expected: vec![],
            },
            Row {
                name: "the latest assessment counts",
                aim: BCorp,
                admitted: -305,
                milestones: vec![
                    (BCorpAssessment, -10, Some(85)),
                    (BCorpAssessment, -90, Some(60)),
                ],
                expected: vec![],
            },
            Row {
                name: "no assessment yet is no score risk",
                aim: BCorp,
                admitted: -305,
                milestones: vec![],
                expected: vec![],
            },
        ];
        for r in rows {
            let mut t = track(r.aim, day(r.admitted));
            t.milestones = r
                .milestones
                .iter()
                .map(|&(k, on, score)| milestone(k, day(on), score))
                .collect();
            assert_eq!(flags(&t, today()), r.expected, "{}", r.name);
        }
    }
}
