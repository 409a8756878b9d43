use super::*;
use crate::domain::certification::CertWarning::*;
use crate::domain::integrity::validate;
use crate::domain::model::{CertificationAim::*, MilestoneKind::*};
use crate::domain::record::AnyRecord;
use crate::domain::testutil::*;

fn track_of(data: &Dataset, number: &str) -> CertificationTrack {
    match record_numbered(data, number) {
        AnyRecord::Track(t) => t,
        other => panic!("{number} is not a track: {other:?}"),
    }
}

#[test]
fn open_tracks_of_the_demo_overdue_first() {
    let data = seeded_demo();
    let rows = open_tracks(&data, today());
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.track.number.as_str(),
                r.organisation.name.as_str(),
                r.days_left,
                r.warning,
                r.flags.clone(),
            )
        })
        .collect();
    let expected = vec![
        ("T06", "Hout & Hoop Pallets", -14, Overdue, vec![]),
        ("T01", "Drukkerij Anders", 21, Within30, vec![]),
        (
            "T02",
            "Taalmaatjes BV",
            61,
            Within90,
            vec![TrackFlag::BCorpScoreRisk {
                score: 72,
                days_left: 61,
            }],
        ),
        (
            "T03",
            "Wasserij Witgoed",
            106,
            None,
            vec![TrackFlag::CertificateLate {
                audit_on: day(-42),
                days_since_audit: 42,
            }],
        ),
        ("T04", "Spaarne Schoon Coöperatie", 207, None, vec![]),
        ("T05", "Plantenasiel Groene Vingers", 291, None, vec![]),
    ];
    assert_eq!(got, expected, "T07 (achieved) is not listed");
    assert_eq!(rows[0].deadline, date(2024, 11, 1));
    assert!(rows[0].is_overdue() && !rows[1].is_overdue());
    let counts = track_counts(&rows);
    assert_eq!(
        counts,
        TrackCounts {
            overdue: 1,
            within_30: 1,
            within_60: 0,
            within_90: 1,
            flagged: 2,
            open: 6,
        }
    );
    assert_eq!(counts.urgent(), 2);
}

#[test]
fn a_track_admitted_on_29_february_ends_on_28_february() {
    let mut data = seeded_demo();
    let mut t = track_of(&data, "T05");
    t.admitted_on = date(2024, 2, 29);
    t.milestones.clear();
    data.upsert(t.into());
    let rows = [
        ("in november", date(2024, 11, 15), 105, None),
        ("ninety days before", date(2024, 11, 30), 90, Within90),
        ("the last day", date(2025, 2, 28), 0, Within30),
        ("the day after", date(2025, 3, 1), -1, Overdue),
    ];
    for (name, on, left, warning) in rows {
        let row = open_tracks(&data, on)
            .into_iter()
            .find(|r| r.track.number == "T05")
            .expect(name);
        assert_eq!(row.deadline, date(2025, 2, 28), "{name}");
        assert_eq!((row.days_left, row.warning), (left, warning), "{name}");
        let proposal = expiry_proposal(row.track, on);
        assert_eq!(proposal.is_some(), left < 0, "{name}");
    }
}

#[test]
fn an_overdue_track_proposes_expiry_and_the_selection_committee() {
    let data = seeded_demo();
    let t06 = track_of(&data, "T06");
    let p = expiry_proposal(&t06, today()).expect("T06 is overdue");
    assert_eq!(p.track, t06.id);
    assert_eq!(p.outcome, TrackOutcome::Expired);
    assert_eq!(p.deadline, date(2024, 11, 1));
    assert_eq!(p.days_overdue, 14);
    assert_eq!(p.with, Counterpart::Other(SELECTION_COMMITTEE.into()));
    // 15 November 2024 is a Friday: five working days is the next Friday.
    assert_eq!(p.due, date(2024, 11, 22));
    for (number, why) in [
        ("T01", "21 days left"),
        ("T07", "achieved"),
        ("T03", "flagged but in time"),
    ] {
        assert_eq!(
            expiry_proposal(&track_of(&data, number), today()),
            Option::None,
            "{number}: {why}"
        );
    }
}

/// The subject's words are i18n's; the domain only fills in the names.
fn subject(s: &ExpirySubject) -> String {
    format!("{} {} {}", s.track, s.organisation, s.deadline)
}

#[test]
fn accepting_expiry_closes_the_track_and_makes_a_sound_followup() {
    let mut data = seeded_demo();
    let mut t06 = track_of(&data, "T06");
    let f = accept_expiry(&data, &mut t06, subject, &ctx()).unwrap();
    assert_eq!(t06.outcome, Some((TrackOutcome::Expired, today())));
    assert_eq!(f.number, "F06");
    assert_eq!(
        f.about,
        RecordRef {
            kind: Kind::Track,
            id: t06.id
        }
    );
    assert_eq!(f.with, Counterpart::Other(SELECTION_COMMITTEE.into()));
    assert_eq!(f.due, date(2024, 11, 22));
    assert!(
        f.subject.starts_with("T06 Hout & Hoop Pallets 2024-11-01"),
        "{}",
        f.subject
    );
    data.upsert(t06.clone().into());
    data.upsert(f.into());
    assert_eq!(validate(&data), vec![]);
    assert!(
        open_tracks(&data, today())
            .iter()
            .all(|r| r.track.number != "T06")
    );
    // Once closed there is nothing more to propose or accept.
    assert_eq!(expiry_proposal(&t06, today()), Option::None);
    assert!(matches!(
        accept_expiry(&data, &mut t06, subject, &ctx()),
        Err(TrackError::Closed { .. })
    ));
    let mut t01 = track_of(&data, "T01");
    assert_eq!(
        accept_expiry(&data, &mut t01, subject, &ctx()),
        Err(TrackError::NotOverdue)
    );
    assert_eq!(t01.outcome, Option::None);
}

#[test]
fn milestones_are_checked_and_kept_in_date_order() {
    struct Row {
        name: &'static str,
        aim: CertificationAim,
        kind: MilestoneKind,
        on: i64,
        score: Option<u32>,
        expected: Result<(), TrackError>,
    }
    let row = |name, aim, kind, on, score, expected| Row {
        name,
        aim,
        kind,
        on,
        score,
        expected,
    };
    let rows = [
        row(
            "self-assessment today",
            Pso,
            SelfAssessment,
            0,
            Option::None,
            Ok(()),
        ),
        row(
            "audit planned ahead",
            Pso30Plus,
            AuditPlanned,
            13,
            Option::None,
            Ok(()),
        ),
        row(
            "audit done ahead is refused",
            Pso,
            AuditDone,
            1,
            Option::None,
            Err(TrackError::InFuture {
                kind: AuditDone,
                on: day(1),
            }),
        ),
        row(
            "before admission is refused",
            Pso,
            Intake,
            -101,
            Option::None,
            Err(TrackError::BeforeAdmission {
                kind: Intake,
                on: day(-101),
                admitted_on: day(-100),
            }),
        ),
        row("B Corp score", BCorp, BCorpAssessment, -5, Some(72), Ok(())),
        row(
            "B Corp top score",
            BCorp,
            BCorpAssessment,
            -5,
            Some(200),
            Ok(()),
        ),
        row(
            "B Corp without score",
            BCorp,
            BCorpAssessment,
            -5,
            Option::None,
            Err(TrackError::ScoreRequired),
        ),
        row(
            "B Corp score above 200",
            BCorp,
            BCorpAssessment,
            -5,
            Some(201),
            Err(TrackError::ScoreOutOfRange { score: 201 }),
        ),
        row(
            "B Corp assessment on a PSO track",
            Pso,
            BCorpAssessment,
            -5,
            Some(90),
            Err(TrackError::AssessmentOnPsoTrack),
        ),
        row(
            "score on an audit",
            Pso,
            AuditDone,
            -5,
            Some(90),
            Err(TrackError::ScoreNotExpected { kind: AuditDone }),
        ),
        row(
            "same milestone twice",
            Pso,
            Intake,
            -100,
            Option::None,
            Err(TrackError::Duplicate {
                kind: Intake,
                on: day(-100),
            }),
        ),
    ];
    for r in rows {
        let mut t = track(r.aim, day(-100));
        t.milestones = vec![
            milestone(Intake, day(-100), Option::None),
            milestone(AuditPlanned, day(-10), Option::None),
        ];
        let before = t.clone();
        let got = add_milestone(&mut t, r.kind, day(r.on), r.score, &ctx());
        assert_eq!(got, r.expected, "{}", r.name);
        if got.is_ok() {
            assert!(
                t.milestones.windows(2).all(|w| w[0].on <= w[1].on),
                "{}",
                r.name
            );
            assert!(
                t.milestones
                    .contains(&milestone(r.kind, day(r.on), r.score)),
                "{}",
                r.name
            );
            assert_eq!(t.stamp.updated_at, noon(today()), "{}", r.name);
        } else {
            assert_eq!(t, before, "{}: a refusal changes nothing", r.name);
        }
    }
}

#[test]
fn a_certificate_closes_the_track_as_achieved() {
    let mut t = track(Pso, day(-200));
    add_milestone(&mut t, AuditDone, day(-40), Option::None, &ctx()).unwrap();
    add_milestone(&mut t, CertificateReceived, day(-3), Option::None, &ctx()).unwrap();
    assert_eq!(t.outcome, Some((TrackOutcome::Achieved, day(-3))));
    assert_eq!(
        add_milestone(&mut t, SelfAssessment, day(-1), Option::None, &ctx()),
        Err(TrackError::Closed {
            outcome: TrackOutcome::Achieved,
            on: day(-3)
        })
    );
}

#[test]
fn closing_a_track() {
    struct Row {
        name: &'static str,
        admitted: i64,
        outcome: TrackOutcome,
        expected: Result<(), TrackError>,
    }
    let rows = [
        Row {
            name: "withdrawn any time",
            admitted: -30,
            outcome: TrackOutcome::Withdrawn,
            expected: Ok(()),
        },
        Row {
            name: "achieved records the certificate today",
            admitted: -300,
            outcome: TrackOutcome::Achieved,
            expected: Ok(()),
        },
        Row {
            name: "expired after the deadline",
            admitted: -380,
            outcome: TrackOutcome::Expired,
            expected: Ok(()),
        },
        Row {
            // −366: the year before today holds 29 February.
            name: "expired on the last day is refused",
            admitted: -366,
            outcome: TrackOutcome::Expired,
            expected: Err(TrackError::NotYetExpired { deadline: today() }),
        },
    ];
    for r in rows {
        let mut t = track(Pso, day(r.admitted));
        let got = close_track(&mut t, r.outcome, &ctx());
        assert_eq!(got, r.expected, "{}", r.name);
        if got.is_ok() {
            assert_eq!(t.outcome, Some((r.outcome, today())), "{}", r.name);
            assert_eq!(
                t.milestones.iter().any(|m| m.kind == CertificateReceived),
                r.outcome == TrackOutcome::Achieved,
                "{}",
                r.name
            );
            assert!(matches!(
                close_track(&mut t, TrackOutcome::Withdrawn, &ctx()),
                Err(TrackError::Closed { .. })
            ));
        } else {
            assert_eq!(t.outcome, Option::None, "{}", r.name);
        }
    }
}

#[test]
fn starting_and_editing_a_track() {
    let data = seeded_demo();
    let org = |n: &str| match record_numbered(&data, n) {
        AnyRecord::Organisation(o) => o.id,
        _ => unreachable!(),
    };
    let t = new_track(&data, org("O07"), Pso, " trede 1 ", day(-2), &ctx()).unwrap();
    assert_eq!(t.number, "T08");
    assert_eq!(t.level, "trede 1");
    assert_eq!(t.milestones, vec![milestone(Intake, day(-2), Option::None)]);
    let refusals = [
        (org("O27"), day(0), "a buyer", "NotAnEntrepreneur"),
        (
            org("O09"),
            day(0),
            "Drukkerij Anders has T01 open",
            "AlreadyOpen",
        ),
        (org("O07"), day(1), "admitted tomorrow", "AdmittedInFuture"),
    ];
    for (id, admitted, name, variant) in refusals {
        let err = new_track(&data, id, Pso, "", admitted, &ctx()).unwrap_err();
        assert!(format!("{err:?}").starts_with(variant), "{name}: {err:?}");
    }
    // Hout & Hoop's T06 is open until it is closed; Helder Werk's T07 is done.
    assert!(new_track(&data, org("O26"), Pso30Plus, "", day(0), &ctx()).is_ok());

    let mut t02 = track_of(&data, "T02");
    assert_eq!(
        edit_track(&mut t02, Pso, "trede 1", day(-305), &ctx()),
        Err(TrackError::AssessmentOnPsoTrack)
    );
    assert!(matches!(
        edit_track(&mut t02, BCorp, "B Corp", day(-200), &ctx()),
        Err(TrackError::BeforeAdmission { kind: Intake, .. })
    ));
    edit_track(&mut t02, BCorp, "B Corp", day(-310), &ctx()).unwrap();
    assert_eq!(t02.admitted_on, day(-310));
    let mut t01 = track_of(&data, "T01");
    let last = t01.milestones.len() - 1;
    assert_eq!(
        remove_milestone(&mut t01, last, &ctx()).unwrap().kind,
        AuditPlanned
    );
    assert_eq!(
        remove_milestone(&mut t01, 9, &ctx()),
        Err(TrackError::NoSuchMilestone { index: 9 })
    );
}
