//! The integrity rules, one broken dataset at a time.

mod common;

use common::*;
use mandaat::domain::integrity::{Problem, ProblemKind, validate, validate_settings};
use mandaat::domain::*;
use mandaat::i18n::Lang;

type Change = Box<dyn FnOnce(&mut Dataset)>;

fn problems_after(change: impl FnOnce(&mut Dataset)) -> Vec<Problem> {
    let mut data = dataset();
    change(&mut data);
    validate(&data)
}

fn only(place: &str, kind: ProblemKind) -> Vec<Problem> {
    vec![Problem::new(place, kind)]
}

#[test]
fn fixture_dataset_is_sound() {
    assert_eq!(validate(&dataset()), vec![]);
    assert_eq!(validate(&Dataset::default()), vec![]);
}

#[test]
fn every_dangling_reference_is_named_by_its_place() {
    let ghost = id(999);
    let cases: Vec<(&str, Kind, Change)> = vec![
        (
            "cases[0] (C01).organisation",
            Kind::Organisation,
            Box::new(move |d| d.cases[0].organisation = ghost),
        ),
        (
            "cases[0] (C01).blockers[0].department",
            Kind::Department,
            Box::new(move |d| d.cases[0].blockers[0].department = ghost),
        ),
        (
            "cases[0] (C01).hooks[0].hook",
            Kind::Hook,
            Box::new(move |d| d.cases[0].hooks[0].hook = ghost),
        ),
        (
            "exceptions[0] (X01).case",
            Kind::Case,
            Box::new(move |d| d.exceptions[0].case = ghost),
        ),
        (
            "exceptions[0] (X01).requesting_department",
            Kind::Department,
            Box::new(move |d| d.exceptions[0].requesting_department = Some(ghost)),
        ),
        (
            "exceptions[0] (X01).waiting_on",
            Kind::Contact,
            Box::new(move |d| d.exceptions[0].waiting_on = Some(ghost)),
        ),
        (
            "exceptions[0] (X01).legal_contact",
            Kind::Contact,
            Box::new(move |d| d.exceptions[0].legal_contact = Some(ghost)),
        ),
        (
            "followups[0] (F01).about",
            Kind::Exception,
            Box::new(move |d| d.followups[0].about.id = ghost),
        ),
        (
            "followups[0] (F01).with",
            Kind::Contact,
            Box::new(move |d| d.followups[0].with = Counterpart::Contact(ghost)),
        ),
        (
            "followups[0] (F01).with",
            Kind::Organisation,
            Box::new(move |d| d.followups[0].with = Counterpart::Organisation(ghost)),
        ),
        (
            "notes[0] (N01).target",
            Kind::Case,
            Box::new(move |d| d.notes[0].target.as_mut().unwrap().id = ghost),
        ),
        (
            "contacts[0] (P01).department",
            Kind::Department,
            Box::new(move |d| d.contacts[0].department = Some(ghost)),
        ),
        (
            "departments[0] (D01).liaisons[0]",
            Kind::Contact,
            Box::new(move |d| d.departments[0].liaisons[0] = ghost),
        ),
        (
            "departments[0] (D01).escalation_contact",
            Kind::Contact,
            Box::new(move |d| d.departments[0].escalation_contact = Some(ghost)),
        ),
        (
            "tracks[0] (T01).organisation",
            Kind::Organisation,
            Box::new(move |d| d.tracks[0].organisation = ghost),
        ),
    ];
    for (place, to, change) in cases {
        assert_eq!(
            problems_after(change),
            only(place, ProblemKind::Dangling { to, id: ghost }),
            "{place}"
        );
    }
}

#[test]
fn reference_to_an_existing_id_of_another_kind_dangles() {
    // The follow-up says it is about a case, but the id is the exception's.
    let p = problems_after(|d| d.followups[0].about.kind = Kind::Case);
    assert_eq!(
        p,
        only(
            "followups[0] (F01).about",
            ProblemKind::Dangling {
                to: Kind::Case,
                id: id(EXC)
            }
        )
    );
}

#[test]
fn duplicate_ids_are_found_across_kinds_and_blockers() {
    let p = problems_after(|d| d.notes[0].id = id(ORG));
    assert_eq!(p, only("notes[0] (N01)", ProblemKind::DuplicateId(id(ORG))));
    let p = problems_after(|d| d.cases[0].blockers[0].id = id(CASE));
    assert_eq!(
        p,
        only(
            "cases[0] (C01).blockers[0]",
            ProblemKind::DuplicateId(id(CASE))
        )
    );
}

#[test]
fn numbers_that_differ_only_in_spelling_are_duplicates() {
    let p = problems_after(|d| d.cases.push(case(50, "c1")));
    assert_eq!(
        p,
        only("cases[1] (c1)", ProblemKind::DuplicateNumber("C01".into()))
    );
}

#[test]
fn same_sequence_in_another_kind_is_no_duplicate() {
    assert_eq!(problems_after(|d| d.notes.push(note(50, "N05"))), vec![]);
}

#[test]
fn numbers_with_the_wrong_letter_or_no_digits_are_bad() {
    for bad in ["X01", "C", "", "C-1", "Z01"] {
        let p = problems_after(|d| d.cases[0].number = bad.into());
        assert_eq!(
            p,
            only(
                &format!("cases[0] ({bad})"),
                ProblemKind::BadNumber(bad.into())
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn exception_history_must_be_present_and_end_in_the_current_stage() {
    let p = problems_after(|d| d.exceptions[0].history.clear());
    assert_eq!(
        p,
        only("exceptions[0] (X01).history", ProblemKind::EmptyHistory)
    );
    let p = problems_after(|d| d.exceptions[0].stage = Stage::MarketScan);
    assert_eq!(
        p,
        only("exceptions[0] (X01).stage", ProblemKind::StageMismatch)
    );
}

#[test]
fn blank_required_text_is_reported() {
    let p = problems_after(|d| d.cases[0].title = "  ".into());
    assert_eq!(
        p,
        only(
            "cases[0] (C01).title",
            ProblemKind::BlankRequired("title".into())
        )
    );
    let p = problems_after(|d| d.organisations[0].name.clear());
    assert_eq!(
        p,
        only(
            "organisations[0] (O01).name",
            ProblemKind::BlankRequired("name".into())
        )
    );
}

#[test]
fn messages_name_the_place_in_both_languages() {
    let p = &problems_after(|d| d.cases[0].organisation = id(999))[0];
    let nl = p.message(Lang::Nl);
    let en = p.message(Lang::En);
    assert!(
        nl.starts_with("cases[0] (C01).organisation: verwijst naar organisatie"),
        "{nl}"
    );
    assert!(
        en.starts_with("cases[0] (C01).organisation: refers to organisation"),
        "{en}"
    );
}

#[test]
fn default_and_fixture_settings_are_sound() {
    assert_eq!(validate_settings(&settings()), vec![]);
    assert_eq!(
        validate_settings(&mandaat::fixtures::seed::default_settings()),
        vec![]
    );
}

#[test]
fn exception_value_must_be_positive() {
    for value in [0, -1] {
        assert_eq!(
            problems_after(|d| d.exceptions[0].value = value),
            only("exceptions[0] (X01).value", ProblemKind::NotPositive(value))
        );
    }
}

#[test]
fn every_limit_must_be_at_least_a_day() {
    let mut s = settings();
    s.stage_limits[6] = 0;
    s.inactivity_limit_days = 0;
    s.snooze_max_days = 0;
    s.triage_inactivity_days = 0;
    s.triage_blocker_days = 0;
    let places: Vec<String> = validate_settings(&s).into_iter().map(|p| p.place).collect();
    assert_eq!(
        places,
        [
            "settings.stage_limits[6]",
            "settings.inactivity_limit_days",
            "settings.snooze_max_days",
            "settings.triage_inactivity_days",
            "settings.triage_blocker_days",
        ]
    );
}

#[test]
fn eu_thresholds_need_a_period_that_runs_forward_without_overlap() {
    let mut none = settings();
    none.eu_thresholds.clear();
    assert_eq!(
        validate_settings(&none),
        only("settings.eu_thresholds", ProblemKind::NoThresholds)
    );

    let mut reversed = settings();
    reversed.eu_thresholds[0].from = day(2026, 1, 1);
    assert_eq!(
        validate_settings(&reversed),
        only("settings.eu_thresholds[0]", ProblemKind::PeriodReversed)
    );

    let mut overlap = settings();
    let mut next = overlap.eu_thresholds[0].clone();
    next.from = day(2025, 12, 31);
    next.to = day(2027, 12, 31);
    overlap.eu_thresholds.push(next.clone());
    assert_eq!(
        validate_settings(&overlap),
        only("settings.eu_thresholds[1]", ProblemKind::PeriodsOverlap(0))
    );

    let mut adjacent = settings();
    next.from = day(2026, 1, 1);
    adjacent.eu_thresholds.push(next);
    assert_eq!(validate_settings(&adjacent), vec![]);
    let text =
        Problem::new("settings.eu_thresholds[1]", ProblemKind::PeriodsOverlap(0)).message(Lang::En);
    assert!(text.contains("overlaps eu_thresholds[0]"), "{text}");
}
