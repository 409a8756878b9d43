//! What a department has on its plate right now: the owner lookup shows it
//! beside the department it found (PRODUCT.md §3), so the aanjager sees at once
//! what else is already waiting there before adding to it.

use super::model::{Blocker, Case, Dataset, Id, ProcurementException};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, PartialEq)]
pub struct Plate<'a> {
    /// Open blockers the department owns on open cases, oldest raised first.
    pub open_blockers: Vec<(&'a Case, &'a Blocker)>,
    /// The open cases those blockers belong to, each once, in the order of
    /// their oldest blocker: the case waiting longest on the department first.
    pub cases: Vec<&'a Case>,
    /// Open exceptions waiting on one of the department's contacts, or on a
    /// case the department blocks, in dataset order (by number).
    pub exceptions: Vec<&'a ProcurementException>,
}

pub fn department_plate(data: &Dataset, department: Id) -> Plate<'_> {
    let mut open_blockers: Vec<(&Case, &Blocker)> = data
        .cases
        .iter()
        .filter(|case| case.status.is_open())
        .flat_map(|case| case.blockers.iter().map(move |b| (case, b)))
        .filter(|(_, b)| b.is_open() && b.department == department)
        .collect();
    // Stable: same-day blockers keep dataset order (case number, then position).
    open_blockers.sort_by_key(|(_, b)| b.raised_on);

    let mut seen = HashSet::new();
    let cases: Vec<&Case> = open_blockers
        .iter()
        .filter(|(case, _)| seen.insert(case.id))
        .map(|&(case, _)| case)
        .collect();

    let department_contacts: HashSet<Id> = data
        .contacts
        .iter()
        .filter(|c| c.department == Some(department))
        .map(|c| c.id)
        .collect();
    let exceptions = data
        .exceptions
        .iter()
        .filter(|x| !x.stage.is_closed())
        .filter(|x| {
            x.waiting_on
                .is_some_and(|c| department_contacts.contains(&c))
                || seen.contains(&x.case)
        })
        .collect();

    Plate {
        open_blockers,
        cases,
        exceptions,
    }
}

/// Every department's plate at once, in one pass over the data: the same
/// plates as [`department_plate`] for each department that has anything on
/// it (a department missing here has an empty plate).
pub fn department_plates(data: &Dataset) -> HashMap<Id, Plate<'_>> {
    let mut plates: HashMap<Id, Plate<'_>> = HashMap::new();
    let empty = || Plate {
        open_blockers: Vec::new(),
        cases: Vec::new(),
        exceptions: Vec::new(),
    };
    for case in data.cases.iter().filter(|c| c.status.is_open()) {
        for b in case.blockers.iter().filter(|b| b.is_open()) {
            let plate = plates.entry(b.department).or_insert_with(empty);
            plate.open_blockers.push((case, b));
        }
    }
    // Which departments block each case.
    let mut blocking: HashMap<Id, Vec<Id>> = HashMap::new();
    for (department, plate) in &mut plates {
        plate.open_blockers.sort_by_key(|(_, b)| b.raised_on);
        let mut seen = HashSet::new();
        plate.cases = plate
            .open_blockers
            .iter()
            .filter(|(case, _)| seen.insert(case.id))
            .map(|&(case, _)| case)
            .collect();
        for case in &plate.cases {
            blocking.entry(case.id).or_default().push(*department);
        }
    }
    let department_of: HashMap<Id, Id> = data
        .contacts
        .iter()
        .filter_map(|c| Some((c.id, c.department?)))
        .collect();
    for x in data.exceptions.iter().filter(|x| !x.stage.is_closed()) {
        let mut departments: Vec<Id> = blocking.get(&x.case).cloned().unwrap_or_default();
        if let Some(d) = x.waiting_on.and_then(|c| department_of.get(&c)) {
            departments.push(*d);
        }
        let mut once = HashSet::new();
        for d in departments.into_iter().filter(|d| once.insert(*d)) {
            plates.entry(d).or_insert_with(empty).exceptions.push(x);
        }
    }
    plates
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::*;
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 11, d).unwrap()
    }

    fn stamp() -> Stamp {
        Stamp::new(day(1).and_hms_opt(9, 0, 0).unwrap(), "anouk")
    }

    fn blocker(keyword: &str, department: Id, raised: u32, resolved: Option<u32>) -> Blocker {
        Blocker {
            id: Uuid::new_v4(),
            keyword: keyword.into(),
            description: String::new(),
            department,
            raised_on: day(raised),
            resolved_on: resolved.map(day),
        }
    }

    fn case(number: &str, status: CaseStatus, blockers: Vec<Blocker>) -> Case {
        Case {
            id: Uuid::new_v4(),
            number: number.into(),
            organisation: Uuid::new_v4(),
            title: format!("case {number}"),
            question: String::new(),
            action_line: ActionLine::ImpactProcurement,
            status,
            owner: "anouk".into(),
            opened_on: day(1),
            closed_on: None,
            blockers,
            hooks: Vec::new(),
            log: Vec::new(),
            stamp: stamp(),
        }
    }

    fn contact(number: &str, department: Id) -> Contact {
        Contact {
            id: Uuid::new_v4(),
            number: number.into(),
            name: number.into(),
            roles: vec![Role::KernteamLiaison],
            department: Some(department),
            email: String::new(),
            phone: String::new(),
            stamp: stamp(),
        }
    }

    fn exception(
        number: &str,
        case: Id,
        stage: Stage,
        waiting_on: Option<Id>,
    ) -> ProcurementException {
        ProcurementException {
            id: Uuid::new_v4(),
            number: number.into(),
            case,
            kind: ExceptionKind::DirectAward,
            contract_type: ContractType::Services,
            value: 1_800_000,
            requesting_department: None,
            description: String::new(),
            requested_on: day(2),
            stage,
            history: vec![StageMove {
                from: None,
                to: stage,
                on: day(2),
                by: "anouk".into(),
                note: None,
            }],
            snooze: None,
            waiting_on,
            legal_contact: None,
            stamp: stamp(),
        }
    }

    /// Inkoop (D02) and Financiën (D10) with cases in every state that matters.
    fn dataset() -> (Dataset, Id, Id) {
        let (inkoop, financien) = (Uuid::new_v4(), Uuid::new_v4());
        let cases = vec![
            case(
                "C01",
                CaseStatus::InProgress,
                vec![blocker("afwijking", inkoop, 12, None)],
            ),
            case(
                "C02",
                CaseStatus::WaitingOnMunicipality,
                vec![
                    blocker("enkelvoudig", inkoop, 5, None),
                    blocker("betaaltermijn", financien, 3, None),
                ],
            ),
            case(
                "C03",
                CaseStatus::Blocked,
                vec![blocker("percelen", inkoop, 8, Some(10))],
            ),
            case(
                "C04",
                CaseStatus::Done,
                vec![blocker("raamovereenkomst", inkoop, 1, None)],
            ),
            case(
                "C05",
                CaseStatus::InProgress,
                vec![
                    blocker("gunning", inkoop, 9, None),
                    blocker("offerte", inkoop, 4, None),
                ],
            ),
            case(
                "C06",
                CaseStatus::New,
                vec![blocker("budget", financien, 7, None)],
            ),
        ];
        let contacts = vec![contact("P01", inkoop), contact("P02", financien)];
        let exceptions = vec![
            // On a case Inkoop blocks.
            exception("X01", cases[0].id, Stage::Request, None),
            // Closed: never on anyone's plate.
            exception("X02", cases[1].id, Stage::Awarded, Some(contacts[0].id)),
            // Waiting on Inkoop's liaison, though Inkoop blocks nothing there.
            exception("X03", cases[5].id, Stage::MarketScan, Some(contacts[0].id)),
            // Only resolved or closed-case Inkoop blockers, waiting on Financiën.
            exception("X04", cases[2].id, Stage::LegalReview, Some(contacts[1].id)),
        ];
        let data = Dataset {
            cases,
            contacts,
            exceptions,
            ..Dataset::default()
        };
        (data, inkoop, financien)
    }

    fn numbers<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        items.into_iter().collect()
    }

    #[test]
    fn plate_lists_open_blockers_on_open_cases_oldest_first() {
        let (data, inkoop, _) = dataset();
        let plate = department_plate(&data, inkoop);
        let blockers: Vec<(&str, &str)> = plate
            .open_blockers
            .iter()
            .map(|(c, b)| (c.number.as_str(), b.keyword.as_str()))
            .collect();
        assert_eq!(
            blockers,
            [
                ("C05", "offerte"),
                ("C02", "enkelvoudig"),
                ("C05", "gunning"),
                ("C01", "afwijking")
            ]
        );
    }

    #[test]
    fn plate_lists_each_blocked_case_once_longest_waiting_first() {
        let (data, inkoop, _) = dataset();
        let plate = department_plate(&data, inkoop);
        assert_eq!(
            numbers(plate.cases.iter().map(|c| c.number.as_str())),
            ["C05", "C02", "C01"]
        );
    }

    #[test]
    fn plate_lists_open_exceptions_waiting_on_the_department_or_its_cases() {
        let (data, inkoop, financien) = dataset();
        // X03 is on Financiën's plate through its case (C06, budget), X04 through
        // its liaison.
        let rows = [
            (inkoop, vec!["X01", "X03"]),
            (financien, vec!["X03", "X04"]),
        ];
        for (department, expected) in rows {
            let plate = department_plate(&data, department);
            let got = numbers(plate.exceptions.iter().map(|x| x.number.as_str()));
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn plate_of_a_department_with_nothing_open_is_empty() {
        let (data, _, _) = dataset();
        let plate = department_plate(&data, Uuid::new_v4());
        assert!(plate.open_blockers.is_empty());
        assert!(plate.cases.is_empty());
        assert!(plate.exceptions.is_empty());
    }

    #[test]
    fn all_plates_at_once_are_each_departments_plate() {
        let (data, inkoop, financien) = dataset();
        let plates = department_plates(&data);
        let nobody = Uuid::new_v4();
        for d in [inkoop, financien, nobody] {
            let one = department_plate(&data, d);
            match plates.get(&d) {
                Some(all) => assert_eq!(*all, one),
                None => assert!(one.open_blockers.is_empty() && one.exceptions.is_empty()),
            }
        }
        assert!(plates.contains_key(&inkoop) && plates.contains_key(&financien));
    }
}
