//! The one place test data is built: a small dataset with one record of every
//! kind, every reference resolving.
#![allow(dead_code)]

pub mod cli;
pub mod kill;
pub mod tmux;

use chrono::NaiveDate;
use mandaat::domain::*;

pub fn id(n: u128) -> Id {
    Id::from_u128(n)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn stamp() -> Stamp {
    Stamp::new(day(2024, 11, 1).and_hms_opt(9, 30, 0).unwrap(), "anouk")
}

pub fn settings() -> Settings {
    Settings {
        stage_limits: [7, 14, 42, 21, 21, 28, 28],
        inactivity_limit_days: 14,
        snooze_max_days: 30,
        triage_inactivity_days: 10,
        triage_blocker_days: 7,
        eu_thresholds: vec![EuThresholds {
            from: day(2024, 1, 1),
            to: day(2025, 12, 31),
            supplies_services: 22_100_000,
            works: 553_800_000,
            social_services: 75_000_000,
        }],
    }
}

pub const ORG: u128 = 1;
pub const CONTACT: u128 = 2;
pub const DEPT: u128 = 3;
pub const HOOK: u128 = 4;
pub const CASE: u128 = 5;
pub const EXC: u128 = 6;
pub const FOLLOW: u128 = 7;
pub const NOTE: u128 = 8;
pub const TRACK: u128 = 9;
pub const BLOCKER: u128 = 10;

pub fn organisation(n: u128, number: &str) -> Organisation {
    Organisation {
        id: id(n),
        number: number.into(),
        name: format!("Stadsgarage {number}"),
        kind: OrgKind::Entrepreneur,
        description: "Fietsherstel met werkervaringsplekken".into(),
        products: vec!["fietsherstel".into()],
        sroi_obligation: None,
        target_group_percent: Some(60),
        contact_person: "Sanne".into(),
        email: "sanne@example.nl".into(),
        phone: String::new(),
        kvk: String::new(),
        stamp: stamp(),
    }
}

pub fn case(n: u128, number: &str) -> Case {
    Case {
        id: id(n),
        number: number.into(),
        organisation: id(ORG),
        title: format!("Loonkostensubsidie {number}"),
        question: "Hoe vraag ik loonkostensubsidie aan?".into(),
        action_line: ActionLine::Services,
        status: CaseStatus::InProgress,
        owner: "anouk".into(),
        opened_on: day(2024, 9, 2),
        closed_on: None,
        blockers: vec![],
        hooks: vec![],
        log: Vec::new(),
        stamp: stamp(),
    }
}

pub fn note(n: u128, number: &str) -> Note {
    Note {
        id: id(n),
        number: number.into(),
        target: Some(RecordRef {
            kind: Kind::Case,
            id: id(CASE),
        }),
        kind: NoteKind::Plain,
        date: day(2024, 11, 4),
        author: "anouk".into(),
        text: "Gebeld met de budgethouder — “akkoord” volgt.".into(),
        stamp: stamp(),
    }
}

pub fn all_records(data: &Dataset) -> Vec<AnyRecord> {
    data.records().collect()
}

pub fn dataset() -> Dataset {
    let mut c = case(CASE, "C01");
    c.blockers.push(Blocker {
        id: id(BLOCKER),
        keyword: "loonkostensubsidie".into(),
        description: String::new(),
        department: id(DEPT),
        raised_on: day(2024, 10, 1),
        resolved_on: None,
    });
    c.hooks.push(HookLink {
        hook: id(HOOK),
        locator_kind: LocatorKind::Artikel,
        locator: "4.2".into(),
        quote: "sociaal ondernemen versterken".into(),
        verified: true,
    });
    Dataset {
        organisations: vec![organisation(ORG, "O01")],
        contacts: vec![Contact {
            id: id(CONTACT),
            number: "P01".into(),
            name: "Jeroen de Vries".into(),
            roles: vec![Role::KernteamLiaison],
            department: Some(id(DEPT)),
            email: "j.devries@example.nl".into(),
            phone: String::new(),
            stamp: stamp(),
        }],
        departments: vec![Department {
            id: id(DEPT),
            number: "D01".into(),
            name: "Werk en Inkomen".into(),
            keywords: vec![Keyword {
                text: "loonkostensubsidie".into(),
                primary: true,
            }],
            liaisons: vec![id(CONTACT)],
            escalation_contact: Some(id(CONTACT)),
            stamp: stamp(),
        }],
        hooks: vec![PolicyHook {
            id: id(HOOK),
            number: "H01".into(),
            title: "Beleidskader sociaal ondernemen".into(),
            adopted: "2022, raad".into(),
            reference: "CVDR662947".into(),
            valid_to: None,
            stamp: stamp(),
        }],
        cases: vec![c],
        exceptions: vec![ProcurementException {
            id: id(EXC),
            number: "X01".into(),
            case: id(CASE),
            kind: ExceptionKind::ReservedContract,
            contract_type: ContractType::Services,
            value: 4_500_000,
            requesting_department: Some(id(DEPT)),
            description: "Voorbehouden opdracht fietsonderhoud".into(),
            requested_on: day(2024, 10, 7),
            stage: Stage::BudgetApproval,
            history: vec![
                StageMove {
                    from: None,
                    to: Stage::Request,
                    on: day(2024, 10, 7),
                    by: "anouk".into(),
                    note: None,
                },
                StageMove {
                    from: Some(Stage::Request),
                    to: Stage::BudgetApproval,
                    on: day(2024, 10, 10),
                    by: "anouk".into(),
                    note: Some("akkoord aanvrager".into()),
                },
            ],
            snooze: None,
            waiting_on: Some(id(CONTACT)),
            legal_contact: None,
            stamp: stamp(),
        }],
        followups: vec![FollowUp {
            id: id(FOLLOW),
            number: "F01".into(),
            about: RecordRef {
                kind: Kind::Exception,
                id: id(EXC),
            },
            with: Counterpart::Contact(id(CONTACT)),
            subject: "Akkoord budgethouder".into(),
            created_on: day(2024, 10, 10),
            due: day(2024, 10, 17),
            repeated_on: vec![day(2024, 10, 17)],
            done_on: None,
            stamp: stamp(),
        }],
        notes: vec![note(NOTE, "N01")],
        tracks: vec![CertificationTrack {
            id: id(TRACK),
            number: "T01".into(),
            organisation: id(ORG),
            aim: CertificationAim::Pso30Plus,
            level: "trede 1".into(),
            admitted_on: day(2024, 3, 1),
            milestones: vec![Milestone {
                kind: MilestoneKind::Intake,
                on: day(2024, 3, 15),
                score: None,
            }],
            outcome: None,
            stamp: stamp(),
        }],
    }
}

/// sled itself on a store folder, for tests that damage or rewind a store.
/// A just-closed store may keep its lock a moment (sled finishes writes in
/// its own threads), so this retries for up to a second.
pub fn raw_sled(dir: &std::path::Path) -> sled::Db {
    for _ in 0..50 {
        if let Ok(db) = sled::open(dir) {
            return db;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    sled::open(dir).unwrap()
}
