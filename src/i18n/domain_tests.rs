//! The domain's typed results in words: every variant reads in both languages.

use super::*;
use crate::domain::Stage::*;
use crate::domain::matching::MatchError;
use crate::domain::ops::RuleError;
use crate::domain::testutil::*;
use crate::domain::tracks::{ExpirySubject, TrackError};
use crate::domain::{MilestoneKind::*, TrackOutcome};

#[test]
fn every_refusal_reads_in_dutch_and_english() {
    let all = [
        RuleError::SameStage { stage: Decision },
        RuleError::StageClosed { stage: Awarded },
        RuleError::SkipsStages {
            from: Request,
            to: MarketScan,
            next: BudgetApproval,
        },
        RuleError::BackwardNeedsNote {
            from: Decision,
            to: LegalReview,
        },
        RuleError::SnoozeClosed { stage: Rejected },
        RuleError::SnoozeNeedsReason,
        RuleError::SnoozeNotAfterToday { until: day(0) },
        RuleError::SnoozeTooLong {
            until: day(40),
            latest: day(30),
            max_days: 30,
        },
        RuleError::FollowUpDone { done_on: day(-2) },
        RuleError::ValueNotPositive { value: 0 },
        RuleError::LegalContactRequired {
            value: 30_000_000,
            threshold: 22_100_000,
        },
    ];
    for e in &all {
        let (nl, en) = (e.message(Lang::Nl), e.message(Lang::En));
        assert!(nl.ends_with('.') && en.ends_with('.'), "{e:?}");
        assert_ne!(nl, en, "{e:?}");
        assert!(!e.to_string().is_empty(), "{e:?}");
    }
    let rows = [
        (
            &all[3],
            Lang::Nl,
            "Terugzetten naar een eerdere fase vraagt een notitie: schrijf waarom",
        ),
        (&all[3], Lang::Nl, "Besluit → Juridische toets"),
        (
            &all[2],
            Lang::En,
            "after Request comes Budget holder approval, not Market scan",
        ),
        (&all[7], Lang::Nl, "kies 15-12-2024 of eerder"),
        (&all[10], Lang::Nl, "drempel van € 221.000"),
        (&all[10], Lang::En, "threshold of €221,000"),
    ];
    for (e, lang, part) in rows {
        assert!(
            e.message(lang).contains(part),
            "{:?} in {lang:?}: {}",
            e,
            e.message(lang)
        );
    }
    assert_eq!(all[10].to_string(), all[10].message(Lang::En));
}

#[test]
fn every_refusal_says_what_to_do_in_both_languages() {
    let errors = [
        TrackError::Closed {
            outcome: TrackOutcome::Expired,
            on: day(-1),
        },
        TrackError::InFuture {
            kind: AuditDone,
            on: day(2),
        },
        TrackError::NotYetExpired { deadline: day(3) },
        TrackError::ScoreRequired,
    ];
    for e in errors {
        let (nl, en) = (e.message(Lang::Nl), e.message(Lang::En));
        assert_ne!(nl, en, "{e:?}");
        assert!(nl.ends_with('.') && en.ends_with('.'), "{nl} / {en}");
    }
    assert!(
        TrackError::InFuture {
            kind: AuditDone,
            on: day(2)
        }
        .message(Lang::Nl)
        .contains("Audit gedaan op 17-11-2024")
    );
}

#[test]
fn subjects_of_generated_followups() {
    let s = ExpirySubject {
        track: "T06",
        organisation: "Hout & Hoop Pallets",
        deadline: chrono::NaiveDate::from_ymd_opt(2024, 11, 1).unwrap(),
    };
    assert!(
        expiry_subject(Lang::Nl)(&s)
            .starts_with("T06 Hout & Hoop Pallets: certificeringsjaar verlopen op 01-11-2024")
    );
    assert!(
        expiry_subject(Lang::En)(&s)
            .starts_with("T06 Hout & Hoop Pallets: certification year ran out on 01-11-2024")
    );
    let nl = introduction_prefix(Lang::Nl);
    assert_eq!(nl.current, "Introductie koper ↔ ondernemer");
    assert!(nl.known.contains(&introduction_prefix(Lang::En).current));
    let err = MatchError::NotABuyer {
        name: "Wijkkeuken Oost".into(),
    };
    assert!(err.message(Lang::Nl).contains("geen koper"));
}
