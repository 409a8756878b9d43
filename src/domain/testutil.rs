//! Fixtures shared by the rule tests: fixed dates, default settings, small record
//! builders and the PRODUCT.md §5 exception table. Test-only.

use super::model::*;
use chrono::{Days, NaiveDate, NaiveDateTime};
use uuid::Uuid;

/// The "today" of PRODUCT.md §5 when the demo is seeded on 15 November 2024.
pub(crate) fn today() -> NaiveDate {
    date(2024, 11, 15)
}

pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A day as an offset from [`today`]: `day(-3)` is three days ago.
pub(crate) fn day(offset: i64) -> NaiveDate {
    let t = today();
    if offset >= 0 {
        t.checked_add_days(Days::new(offset as u64)).unwrap()
    } else {
        t.checked_sub_days(Days::new(offset.unsigned_abs()))
            .unwrap()
    }
}

pub(crate) fn noon(d: NaiveDate) -> NaiveDateTime {
    d.and_hms_opt(12, 0, 0).unwrap()
}

pub(crate) fn stamp(d: NaiveDate) -> Stamp {
    Stamp::new(noon(d), "anouk")
}

/// PRODUCT.md §2 limits, inactivity 14, snooze 30, triage 21/30, EU 2024–2025.
pub(crate) fn settings() -> Settings {
    Settings {
        stage_limits: [7, 14, 42, 21, 21, 28, 28],
        inactivity_limit_days: 14,
        snooze_max_days: 30,
        triage_inactivity_days: 21,
        triage_blocker_days: 30,
        eu_thresholds: vec![EuThresholds {
            from: date(2024, 1, 1),
            to: date(2025, 12, 31),
            supplies_services: 22_100_000,
            works: 553_800_000,
            social_services: 75_000_000,
        }],
    }
}

/// An exception requested on `requested`, now in open stage `ordinal` (1–7)
/// entered on `entered`. Earlier moves are dated on the request day.
pub(crate) fn exception(
    number: &str,
    requested: NaiveDate,
    ordinal: u8,
    entered: NaiveDate,
) -> ProcurementException {
    let target = Stage::OPEN[ordinal as usize - 1];
    let mut history = vec![StageMove {
        from: None,
        to: Stage::Request,
        on: requested,
        by: "anouk".into(),
        note: None,
    }];
    let mut stage = Stage::Request;
    while stage != target {
        let next = stage.next().unwrap();
        let on = if next == target { entered } else { requested };
        history.push(StageMove {
            from: Some(stage),
            to: next,
            on,
            by: "anouk".into(),
            note: None,
        });
        stage = next;
    }
    ProcurementException {
        id: Uuid::new_v4(),
        number: number.into(),
        case: Uuid::new_v4(),
        kind: ExceptionKind::DirectAward,
        contract_type: ContractType::Services,
        value: 1_800_000,
        requesting_department: None,
        description: String::new(),
        requested_on: requested,
        stage,
        history,
        snooze: None,
        waiting_on: None,
        legal_contact: None,
        stamp: stamp(requested),
    }
}

pub(crate) fn snooze(until: NaiveDate, reason: &str, set_on: NaiveDate) -> Snooze {
    Snooze {
        until,
        reason: reason.into(),
        set_on,
        by: "anouk".into(),
    }
}

pub(crate) fn case(number: &str, status: CaseStatus, opened: NaiveDate) -> Case {
    Case {
        id: Uuid::new_v4(),
        number: number.into(),
        organisation: Uuid::new_v4(),
        title: format!("zaak {number}"),
        question: String::new(),
        action_line: ActionLine::ImpactProcurement,
        status,
        owner: "anouk".into(),
        opened_on: opened,
        closed_on: None,
        blockers: Vec::new(),
        hooks: Vec::new(),
        log: Vec::new(),
        stamp: stamp(opened),
    }
}

pub(crate) fn blocker(keyword: &str, raised: NaiveDate, resolved: Option<NaiveDate>) -> Blocker {
    Blocker {
        id: Uuid::new_v4(),
        keyword: keyword.into(),
        description: String::new(),
        department: Uuid::new_v4(),
        raised_on: raised,
        resolved_on: resolved,
    }
}

pub(crate) fn note(target: Option<RecordRef>, on: NaiveDate) -> Note {
    Note {
        id: Uuid::new_v4(),
        number: "N01".into(),
        target,
        kind: NoteKind::Plain,
        date: on,
        author: "anouk".into(),
        text: "gebeld".into(),
        stamp: stamp(on),
    }
}

pub(crate) fn followup(about: RecordRef, created: NaiveDate, due: NaiveDate) -> FollowUp {
    FollowUp {
        id: Uuid::new_v4(),
        number: "F01".into(),
        about,
        with: Counterpart::Other("Fleur".into()),
        subject: "navragen".into(),
        created_on: created,
        due,
        repeated_on: Vec::new(),
        done_on: None,
        stamp: stamp(created),
    }
}

pub(crate) fn exc_ref(e: &ProcurementException) -> RecordRef {
    RecordRef {
        kind: Kind::Exception,
        id: e.id,
    }
}

pub(crate) fn case_ref(c: &Case) -> RecordRef {
    RecordRef {
        kind: Kind::Case,
        id: c.id,
    }
}

pub(crate) fn track(aim: CertificationAim, admitted: NaiveDate) -> CertificationTrack {
    CertificationTrack {
        id: Uuid::new_v4(),
        number: "T01".into(),
        organisation: Uuid::new_v4(),
        aim,
        level: String::new(),
        admitted_on: admitted,
        milestones: Vec::new(),
        outcome: None,
        stamp: stamp(admitted),
    }
}

pub(crate) fn milestone(kind: MilestoneKind, on: NaiveDate, score: Option<u32>) -> Milestone {
    Milestone { kind, on, score }
}

/// One row of the PRODUCT.md §5 exception table, as day offsets from [`today`].
pub(crate) struct DemoRow {
    pub number: &'static str,
    pub requested: i64,
    pub stage: u8,
    pub entered: i64,
    pub last_activity: i64,
    /// Snoozed until this offset.
    pub snoozed_until: Option<i64>,
}

#[rustfmt::skip]
pub(crate) const DEMO_EXCEPTIONS: [DemoRow; 10] = [
    DemoRow { number: "X01", requested: -3, stage: 1, entered: -3, last_activity: -3, snoozed_until: None },
    DemoRow { number: "X02", requested: -14, stage: 2, entered: -10, last_activity: -4, snoozed_until: None },
    DemoRow { number: "X03", requested: -28, stage: 4, entered: -18, last_activity: -7, snoozed_until: None },
    DemoRow { number: "X04", requested: -46, stage: 3, entered: -39, last_activity: -21, snoozed_until: None },
    DemoRow { number: "X05", requested: -88, stage: 5, entered: -45, last_activity: -2, snoozed_until: None },
    DemoRow { number: "X06", requested: -137, stage: 6, entered: -25, last_activity: -1, snoozed_until: None },
    DemoRow { number: "X07", requested: -214, stage: 4, entered: -74, last_activity: -16, snoozed_until: None },
    DemoRow { number: "X08", requested: -375, stage: 6, entered: -81, last_activity: -8, snoozed_until: None },
    DemoRow { number: "X09", requested: -186, stage: 7, entered: -18, last_activity: -11, snoozed_until: None },
    DemoRow { number: "X10", requested: -256, stage: 3, entered: -242, last_activity: -45, snoozed_until: Some(14) },
];

/// The §5 exceptions as a dataset: each gets a note on its last-activity day.
/// X10's snooze is set on day −16 (30 days before it ends), so its last
/// activity in the index is −16 rather than −45; it is snoozed either way.
pub(crate) fn demo_dataset() -> Dataset {
    let mut data = Dataset::default();
    for row in &DEMO_EXCEPTIONS {
        let mut e = exception(row.number, day(row.requested), row.stage, day(row.entered));
        if let Some(until) = row.snoozed_until {
            e.snooze = Some(snooze(
                day(until),
                "wacht op nieuwe raamovereenkomst onderhoud",
                day(until - 30),
            ));
        }
        data.notes
            .push(note(Some(exc_ref(&e)), day(row.last_activity)));
        data.exceptions.push(e);
    }
    data
}

/// A context acting on [`today`] at noon as Anouk.
pub(crate) fn ctx() -> super::ops::Ctx {
    super::ops::Ctx {
        today: today(),
        now: noon(today()),
        user: "Anouk".into(),
    }
}

/// The whole demo as `seed-demo --today 2024-11-15` stores it: reference data
/// plus the demo records, sorted by number.
pub(crate) fn seeded_demo() -> Dataset {
    let (_, mut data) = crate::fixtures::seed::reference(&ctx()).expect("reference data");
    for r in crate::fixtures::seed::demo(today(), &data).expect("demo data") {
        data.upsert(r);
    }
    data.sort();
    data
}

/// The record with short number `number` (`T06`, `O27`) in `data`.
pub(crate) fn record_numbered(data: &Dataset, number: &str) -> super::record::AnyRecord {
    data.records()
        .find(|r| r.number() == number)
        .unwrap_or_else(|| panic!("{number} is in the data"))
}
