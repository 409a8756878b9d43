//! Tests of `ops`, kept beside it so that file stays readable.

use super::*;
// The rule, not the testutil builder of the same name.
use super::snooze;
use crate::domain::model::{Kind, RecordRef};
use crate::domain::testutil::*;
use Stage::*;

fn ctx() -> Ctx {
    Ctx {
        today: today(),
        now: today().and_hms_opt(16, 30, 0).unwrap(),
        user: "bram".into(),
    }
}

#[test]
fn move_stage_allows_one_step_forward_closing_and_backward_with_note() {
    struct Row {
        name: &'static str,
        from: u8,
        to: Stage,
        note: Option<&'static str>,
        expected: Result<(), RuleError>,
    }
    let ok = Ok(());
    let rows = [
        Row {
            name: "one stage forward",
            from: 3,
            to: ProcurementAdvice,
            note: None,
            expected: ok.clone(),
        },
        Row {
            name: "last open stage to awarded",
            from: 7,
            to: Awarded,
            note: None,
            expected: ok.clone(),
        },
        Row {
            name: "from the first stage straight to withdrawn",
            from: 1,
            to: Withdrawn,
            note: None,
            expected: ok.clone(),
        },
        Row {
            name: "from the middle to rejected",
            from: 4,
            to: Rejected,
            note: Some("te duur"),
            expected: ok.clone(),
        },
        Row {
            name: "back one stage with a note",
            from: 5,
            to: ProcurementAdvice,
            note: Some("advies onvolledig"),
            expected: ok.clone(),
        },
        Row {
            name: "back several stages with a note",
            from: 6,
            to: BudgetApproval,
            note: Some("nieuwe budgethouder"),
            expected: ok.clone(),
        },
        Row {
            name: "back without a note is refused",
            from: 5,
            to: ProcurementAdvice,
            note: None,
            expected: Err(RuleError::BackwardNeedsNote {
                from: LegalReview,
                to: ProcurementAdvice,
            }),
        },
        Row {
            name: "back with a blank note is refused",
            from: 2,
            to: Request,
            note: Some("   "),
            expected: Err(RuleError::BackwardNeedsNote {
                from: BudgetApproval,
                to: Request,
            }),
        },
        Row {
            name: "skipping a stage forward is refused",
            from: 2,
            to: ProcurementAdvice,
            note: Some("haast"),
            expected: Err(RuleError::SkipsStages {
                from: BudgetApproval,
                to: ProcurementAdvice,
                next: MarketScan,
            }),
        },
        Row {
            name: "same stage is refused",
            from: 4,
            to: ProcurementAdvice,
            note: None,
            expected: Err(RuleError::SameStage {
                stage: ProcurementAdvice,
            }),
        },
    ];
    for r in rows {
        let mut e = exception("X01", day(-60), r.from, day(-20));
        let before = e.clone();
        let got = move_stage(&mut e, r.to, r.note, &ctx());
        assert_eq!(got, r.expected, "{}", r.name);
        if got.is_ok() {
            assert_eq!(e.stage, r.to, "{}", r.name);
            assert_eq!(e.stage_entered_on(), today(), "{}", r.name);
            let last = e.history.last().unwrap();
            assert_eq!(last.from, Some(before.stage), "{}", r.name);
            assert_eq!((last.on, last.by.as_str()), (today(), "bram"), "{}", r.name);
            assert_eq!(last.note.as_deref(), r.note.map(str::trim), "{}", r.name);
            assert_eq!(e.stamp.updated_at, ctx().now, "{}", r.name);
            assert_eq!(e.history.len(), before.history.len() + 1, "{}", r.name);
        } else {
            assert_eq!(
                e, before,
                "{}: refused change leaves the record alone",
                r.name
            );
        }
    }
}

#[test]
fn a_closed_exception_does_not_move() {
    for to in [Request, Decision, Rejected] {
        let mut e = exception("X01", day(-60), 7, day(-20));
        move_stage(&mut e, Awarded, None, &ctx()).unwrap();
        let got = move_stage(&mut e, to, Some("toch niet"), &ctx());
        assert_eq!(
            got,
            Err(RuleError::StageClosed { stage: Awarded }),
            "to {to:?}"
        );
    }
}

#[test]
fn snooze_needs_a_reason_and_a_date_within_the_limit() {
    let rows = [
        ("tomorrow with a reason", 1, "wacht op budget", Ok(())),
        ("exactly 30 days ahead", 30, "wacht op raad", Ok(())),
        (
            "31 days ahead is too long",
            31,
            "wacht",
            Err(RuleError::SnoozeTooLong {
                until: day(31),
                latest: day(30),
                max_days: 30,
            }),
        ),
        (
            "today is too early",
            0,
            "wacht",
            Err(RuleError::SnoozeNotAfterToday { until: day(0) }),
        ),
        (
            "yesterday is too early",
            -1,
            "wacht",
            Err(RuleError::SnoozeNotAfterToday { until: day(-1) }),
        ),
        ("empty reason", 5, "", Err(RuleError::SnoozeNeedsReason)),
        ("blank reason", 5, " \t ", Err(RuleError::SnoozeNeedsReason)),
    ];
    for (name, until, reason, expected) in rows {
        let mut e = exception("X01", day(-60), 3, day(-20));
        let got = snooze(&mut e, day(until), reason, &settings(), &ctx());
        assert_eq!(got, expected, "{name}");
        match got {
            Ok(()) => {
                let s = e.snooze.as_ref().unwrap();
                assert_eq!(
                    (s.until, s.set_on, s.by.as_str()),
                    (day(until), today(), "bram"),
                    "{name}"
                );
                assert_eq!(s.reason, reason.trim(), "{name}");
            }
            Err(_) => assert!(e.snooze.is_none(), "{name}"),
        }
    }
}

#[test]
fn a_closed_exception_cannot_be_snoozed() {
    let mut e = exception("X01", day(-60), 7, day(-20));
    move_stage(&mut e, Withdrawn, None, &ctx()).unwrap();
    let got = snooze(&mut e, day(5), "wacht", &settings(), &ctx());
    assert_eq!(got, Err(RuleError::SnoozeClosed { stage: Withdrawn }));
}

#[test]
fn unsnooze_clears_the_snooze_and_touches_only_when_there_was_one() {
    let mut e = exception("X01", day(-60), 3, day(-20));
    let untouched = e.stamp.clone();
    unsnooze(&mut e, &ctx());
    assert_eq!(e.stamp, untouched);
    snooze(&mut e, day(5), "wacht", &settings(), &ctx()).unwrap();
    e.stamp = untouched.clone();
    unsnooze(&mut e, &ctx());
    assert!(e.snooze.is_none());
    assert_eq!(e.stamp.updated_at, ctx().now);
}

fn open_followup() -> FollowUp {
    let about = RecordRef {
        kind: Kind::Exception,
        id: uuid::Uuid::new_v4(),
    };
    followup(about, day(-20), day(-7))
}

#[test]
fn repeat_counts_once_more_and_sets_due_five_working_days_ahead() {
    let mut f = open_followup();
    f.repeated_on = vec![day(-14), day(-7)];
    repeat_followup(&mut f, &ctx()).unwrap();
    assert_eq!(f.repeat_count(), 3);
    assert_eq!(f.repeated_on.last(), Some(&today()));
    // Friday 15 November → Friday 22 November.
    assert_eq!(f.due, date(2024, 11, 22));
    assert_eq!(f.stamp.changed_by, "bram");
    assert!(crate::domain::followup::is_escalation_candidate(&f));
}

#[test]
fn a_done_followup_is_neither_repeated_nor_completed_again() {
    let mut f = open_followup();
    complete_followup(&mut f, &ctx()).unwrap();
    assert_eq!(f.done_on, Some(today()));
    let before = f.clone();
    let refused = Err(RuleError::FollowUpDone { done_on: today() });
    assert_eq!(repeat_followup(&mut f, &ctx()), refused);
    assert_eq!(complete_followup(&mut f, &ctx()), refused);
    assert_eq!(f, before);
}

#[test]
fn new_exception_checks_value_and_direct_award_threshold() {
    use ContractType::*;
    use ExceptionKind::*;
    let lawyer = Some(uuid::Uuid::new_v4());
    let t = 22_100_000;
    let rows = [
        (
            "small direct award",
            DirectAward,
            Services,
            1_800_000,
            None,
            Ok(ThresholdCheck::Below { threshold: t }),
        ),
        (
            "zero value",
            DirectAward,
            Services,
            0,
            None,
            Err(RuleError::ValueNotPositive { value: 0 }),
        ),
        (
            "negative value",
            Lots,
            Services,
            -5,
            lawyer,
            Err(RuleError::ValueNotPositive { value: -5 }),
        ),
        (
            "at threshold without lawyer",
            DirectAward,
            Supplies,
            t,
            None,
            Err(RuleError::LegalContactRequired {
                value: t,
                threshold: t,
            }),
        ),
        (
            "at threshold with lawyer",
            DirectAward,
            Supplies,
            t,
            lawyer,
            Ok(ThresholdCheck::AtOrAbove { threshold: t }),
        ),
        (
            "reserved contract above threshold is warned about but needs no lawyer",
            ReservedContract,
            Services,
            31_000_000,
            None,
            Ok(ThresholdCheck::AtOrAbove { threshold: t }),
        ),
        (
            "an SROI deviation is not checked",
            SroiDeviation,
            Services,
            31_000_000,
            None,
            Ok(ThresholdCheck::NotApplicable),
        ),
    ];
    for (name, kind, ct, value, legal, expected) in rows {
        assert_eq!(
            check_new_exception(kind, ct, value, legal, &settings(), today()),
            expected,
            "{name}"
        );
    }
}
