//! The embedded reference data (`assets/reference.json`) and demo data
//! (`assets/demo.json`), turned into records for a given day.
//!
//! Demo dates are offsets from the seeding day, so the demo always looks alive and
//! `--today` makes it exact.

use crate::domain::ops::Ctx;
use crate::domain::*;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;
use std::collections::HashMap;
use uuid::Uuid;

const REFERENCE_JSON: &str = include_str!("../assets/reference.json");
const DEMO_JSON: &str = include_str!("../assets/demo.json");

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("embedded asset {asset} is malformed: {detail}")]
    Asset { asset: &'static str, detail: String },
    #[error("{asset} refers to {number}, which does not exist")]
    Unknown { asset: &'static str, number: String },
}

// ------------------------------------------------------------ reference data

#[derive(Deserialize)]
struct ReferenceFile {
    settings: Settings,
    contacts: Vec<RefContact>,
    departments: Vec<RefDepartment>,
    hooks: Vec<RefHook>,
}

#[derive(Deserialize)]
struct RefContact {
    number: String,
    name: String,
    roles: Vec<Role>,
    department: Option<String>,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
}

#[derive(Deserialize)]
struct RefDepartment {
    number: String,
    name: String,
    liaisons: Vec<String>,
    keywords: Vec<String>,
}

#[derive(Deserialize)]
struct RefHook {
    number: String,
    title: String,
    adopted: String,
    reference: String,
    valid_to: Option<NaiveDate>,
}

fn parse<T: for<'de> Deserialize<'de>>(asset: &'static str, json: &str) -> Result<T, SeedError> {
    serde_json::from_str(json).map_err(|e| SeedError::Asset {
        asset,
        detail: e.to_string(),
    })
}

/// The default limits of the rules (stage limits, thresholds).
pub fn default_settings() -> Settings {
    // The asset is embedded and covered by tests, so failing here is a build defect.
    parse::<ReferenceFile>("reference.json", REFERENCE_JSON)
        .expect("embedded reference.json is valid")
        .settings
}

/// Settings plus the departments, contacts and hooks a new store starts with.
pub fn reference(ctx: &Ctx) -> Result<(Settings, Dataset), SeedError> {
    const ASSET: &str = "reference.json";
    let file: ReferenceFile = parse(ASSET, REFERENCE_JSON)?;
    let stamp = Stamp::new(ctx.now, &ctx.user);
    let mut data = Dataset::default();
    let dept_ids: HashMap<&str, Id> = file
        .departments
        .iter()
        .map(|d| (d.number.as_str(), Uuid::new_v4()))
        .collect();
    let contact_ids: HashMap<&str, Id> = file
        .contacts
        .iter()
        .map(|c| (c.number.as_str(), Uuid::new_v4()))
        .collect();
    let lookup = |ids: &HashMap<&str, Id>, number: &str| {
        ids.get(number).copied().ok_or_else(|| SeedError::Unknown {
            asset: ASSET,
            number: number.to_string(),
        })
    };
    for c in &file.contacts {
        data.contacts.push(Contact {
            id: contact_ids[c.number.as_str()],
            number: c.number.clone(),
            name: c.name.clone(),
            roles: c.roles.clone(),
            department: c
                .department
                .as_deref()
                .map(|n| lookup(&dept_ids, n))
                .transpose()?,
            email: c.email.clone(),
            phone: c.phone.clone(),
            stamp: stamp.clone(),
        });
    }
    for d in &file.departments {
        data.departments.push(Department {
            id: dept_ids[d.number.as_str()],
            number: d.number.clone(),
            name: d.name.clone(),
            keywords: d
                .keywords
                .iter()
                .map(|k| match k.strip_suffix('*') {
                    Some(text) => Keyword {
                        text: text.to_string(),
                        primary: false,
                    },
                    None => Keyword {
                        text: k.clone(),
                        primary: true,
                    },
                })
                .collect(),
            liaisons: d
                .liaisons
                .iter()
                .map(|n| lookup(&contact_ids, n))
                .collect::<Result<_, _>>()?,
            escalation_contact: None,
            stamp: stamp.clone(),
        });
    }
    for h in file.hooks {
        data.hooks.push(PolicyHook {
            id: Uuid::new_v4(),
            number: h.number,
            title: h.title,
            adopted: h.adopted,
            reference: h.reference,
            valid_to: h.valid_to,
            stamp: stamp.clone(),
        });
    }
    Ok((file.settings, data))
}

// ----------------------------------------------------------------- demo data

#[derive(Deserialize)]
struct DemoFile {
    organisations: Vec<DemoOrg>,
    hook_quotes: HashMap<String, DemoQuote>,
    cases: Vec<DemoCase>,
    case_notes: Vec<(String, i64, String, String)>,
    exceptions: Vec<DemoException>,
    followups: Vec<DemoFollowUp>,
    tracks: Vec<DemoTrack>,
}

#[derive(Deserialize)]
struct DemoOrg {
    number: String,
    name: String,
    kind: OrgKind,
    #[serde(default)]
    description: String,
    #[serde(default)]
    products: Vec<String>,
    #[serde(default)]
    target_group_percent: Option<u8>,
    #[serde(default)]
    sroi_obligation_euro: Option<i64>,
    #[serde(default)]
    contact_person: String,
    #[serde(default)]
    email: String,
}

#[derive(Deserialize)]
struct DemoQuote {
    locator_kind: LocatorKind,
    locator: String,
    quote: String,
    verified: bool,
}

#[derive(Deserialize)]
struct DemoCase {
    number: String,
    organisation: String,
    title: String,
    question: String,
    action_line: ActionLine,
    status: CaseStatus,
    owner: String,
    opened: i64,
    #[serde(default)]
    closed: Option<i64>,
    last_activity: i64,
    blockers: Vec<(String, String, i64)>,
    hooks: Vec<String>,
}

#[derive(Deserialize)]
struct DemoSnooze {
    set: i64,
    until: i64,
    reason: String,
    by: String,
}

#[derive(Deserialize)]
struct DemoException {
    number: String,
    case: String,
    kind: ExceptionKind,
    contract_type: ContractType,
    value_euro: i64,
    requested: i64,
    stage: u8,
    entered: i64,
    waiting_on: String,
    description: String,
    #[serde(default)]
    snooze: Option<DemoSnooze>,
    notes: Vec<(i64, String)>,
}

#[derive(Deserialize)]
struct DemoFollowUp {
    number: String,
    about: String,
    #[serde(default)]
    with_contact: Option<String>,
    #[serde(default)]
    with_organisation: Option<String>,
    subject: String,
    created: i64,
    repeated: Vec<i64>,
    due: i64,
}

#[derive(Deserialize)]
struct DemoTrack {
    number: String,
    organisation: String,
    aim: CertificationAim,
    level: String,
    admitted: i64,
    milestones: Vec<(MilestoneKind, i64, Option<u32>)>,
    #[serde(default)]
    outcome: Option<(TrackOutcome, i64)>,
}

/// Turns day offsets into dates and numbers into ids while building the demo.
struct Builder<'a> {
    today: NaiveDate,
    base: &'a Dataset,
    ids: HashMap<String, Id>,
    notes: Vec<Note>,
}

impl Builder<'_> {
    fn day(&self, offset: i64) -> NaiveDate {
        let days = Days::new(offset.unsigned_abs());
        if offset < 0 {
            self.today - days
        } else {
            self.today + days
        }
    }

    /// A working-hours moment on a demo day, so stamps read naturally.
    fn moment(&self, offset: i64) -> NaiveDateTime {
        self.day(offset)
            .and_time(NaiveTime::from_hms_opt(9, 30, 0).expect("valid time"))
    }

    fn stamp(&self, offset: i64, by: &str) -> Stamp {
        Stamp::new(self.moment(offset), by)
    }

    fn id(&self, number: &str) -> Result<Id, SeedError> {
        self.ids
            .get(number)
            .copied()
            .ok_or_else(|| SeedError::Unknown {
                asset: "demo.json",
                number: number.to_string(),
            })
    }

    fn new_id(&mut self, number: &str) -> Id {
        let id = Uuid::new_v4();
        self.ids.insert(number.to_string(), id);
        id
    }

    fn note(&mut self, target: RecordRef, offset: i64, author: &str, text: &str) {
        let seq = self.base.next_seq(Kind::Note) + self.notes.len() as u32;
        self.notes.push(Note {
            id: Uuid::new_v4(),
            number: Kind::Note.number(seq),
            target: Some(target),
            kind: NoteKind::Plain,
            date: self.day(offset),
            author: author.to_string(),
            text: text.to_string(),
            stamp: self.stamp(offset, author),
        });
    }
}

/// The demo records, dated from `today`, linked to the departments, contacts and
/// hooks already in `base` (the reference data).
pub fn demo(today: NaiveDate, base: &Dataset) -> Result<Vec<AnyRecord>, SeedError> {
    let file: DemoFile = parse("demo.json", DEMO_JSON)?;
    let mut b = Builder {
        today,
        base,
        ids: HashMap::new(),
        notes: Vec::new(),
    };
    for d in &base.departments {
        b.ids.insert(d.number.clone(), d.id);
    }
    for c in &base.contacts {
        b.ids.insert(c.number.clone(), c.id);
    }
    for h in &base.hooks {
        b.ids.insert(h.number.clone(), h.id);
    }
    let mut out: Vec<AnyRecord> = Vec::new();

    for o in &file.organisations {
        let id = b.new_id(&o.number);
        out.push(
            Organisation {
                id,
                number: o.number.clone(),
                name: o.name.clone(),
                kind: o.kind,
                description: o.description.clone(),
                products: o.products.clone(),
                sroi_obligation: o.sroi_obligation_euro.map(|e| e * 100),
                target_group_percent: o.target_group_percent,
                contact_person: o.contact_person.clone(),
                email: o.email.clone(),
                phone: String::new(),
                stamp: b.stamp(-400, "Anouk"),
            }
            .into(),
        );
    }

    for c in &file.cases {
        let id = b.new_id(&c.number);
        let blockers = c
            .blockers
            .iter()
            .map(|(keyword, dept, raised)| {
                Ok(Blocker {
                    id: Uuid::new_v4(),
                    keyword: keyword.clone(),
                    description: String::new(),
                    department: b.id(dept)?,
                    raised_on: b.day(*raised),
                    resolved_on: None,
                })
            })
            .collect::<Result<_, SeedError>>()?;
        let hooks = c
            .hooks
            .iter()
            .map(|h| {
                let q = file.hook_quotes.get(h);
                Ok(HookLink {
                    hook: b.id(h)?,
                    locator_kind: q.map_or(LocatorKind::Overig, |q| q.locator_kind),
                    locator: q.map(|q| q.locator.clone()).unwrap_or_default(),
                    quote: q.map(|q| q.quote.clone()).unwrap_or_default(),
                    verified: q.is_some_and(|q| q.verified),
                })
            })
            .collect::<Result<_, SeedError>>()?;
        let mut stamp = b.stamp(c.opened, &c.owner);
        stamp.touch(b.moment(c.last_activity), &c.owner);
        out.push(
            Case {
                id,
                number: c.number.clone(),
                organisation: b.id(&c.organisation)?,
                title: c.title.clone(),
                question: c.question.clone(),
                action_line: c.action_line,
                status: c.status,
                owner: c.owner.clone(),
                opened_on: b.day(c.opened),
                closed_on: c.closed.map(|d| b.day(d)),
                blockers,
                hooks,
                stamp,
            }
            .into(),
        );
    }
    let owner_of: HashMap<&str, &str> = file
        .cases
        .iter()
        .map(|c| (c.number.as_str(), c.owner.as_str()))
        .collect();

    for (case, offset, author, text) in &file.case_notes {
        let target = RecordRef {
            kind: Kind::Case,
            id: b.id(case)?,
        };
        b.note(target, *offset, author, text);
    }

    for x in &file.exceptions {
        let id = b.new_id(&x.number);
        let owner = owner_of.get(x.case.as_str()).copied().unwrap_or("Anouk");
        let history = demo_history(&b, x, owner);
        let stage = *Stage::OPEN
            .get(usize::from(x.stage.max(1)) - 1)
            .ok_or_else(|| SeedError::Asset {
                asset: "demo.json",
                detail: format!("{}: stage {} does not exist", x.number, x.stage),
            })?;
        let snooze = x.snooze.as_ref().map(|s| Snooze {
            until: b.day(s.until),
            reason: s.reason.clone(),
            set_on: b.day(s.set),
            by: s.by.clone(),
        });
        let mut stamp = b.stamp(x.requested, owner);
        let changed = x
            .snooze
            .as_ref()
            .map_or(x.entered, |s| s.set.max(x.entered));
        stamp.touch(b.moment(changed), owner);
        for (offset, text) in &x.notes {
            b.note(
                RecordRef {
                    kind: Kind::Exception,
                    id,
                },
                *offset,
                owner,
                text,
            );
        }
        out.push(
            ProcurementException {
                id,
                number: x.number.clone(),
                case: b.id(&x.case)?,
                kind: x.kind,
                contract_type: x.contract_type,
                value: x.value_euro * 100,
                requesting_department: None,
                description: x.description.clone(),
                requested_on: b.day(x.requested),
                stage,
                history,
                snooze,
                waiting_on: Some(b.id(&x.waiting_on)?),
                legal_contact: None,
                stamp,
            }
            .into(),
        );
    }

    for f in &file.followups {
        let about_id = b.id(&f.about)?;
        let kind = if f.about.starts_with('X') {
            Kind::Exception
        } else {
            Kind::Case
        };
        let with = match (&f.with_contact, &f.with_organisation) {
            (Some(c), _) => Counterpart::Contact(b.id(c)?),
            (None, Some(o)) => Counterpart::Organisation(b.id(o)?),
            (None, None) => Counterpart::Other(String::new()),
        };
        let last = f.repeated.last().copied().unwrap_or(f.created);
        let mut stamp = b.stamp(f.created, "Anouk");
        stamp.touch(b.moment(last), "Anouk");
        out.push(
            FollowUp {
                id: b.new_id(&f.number),
                number: f.number.clone(),
                about: RecordRef { kind, id: about_id },
                with,
                subject: f.subject.clone(),
                created_on: b.day(f.created),
                due: b.day(f.due),
                repeated_on: f.repeated.iter().map(|d| b.day(*d)).collect(),
                done_on: None,
                stamp,
            }
            .into(),
        );
    }

    for t in &file.tracks {
        out.push(
            CertificationTrack {
                id: b.new_id(&t.number),
                number: t.number.clone(),
                organisation: b.id(&t.organisation)?,
                aim: t.aim,
                level: t.level.clone(),
                admitted_on: b.day(t.admitted),
                milestones: t
                    .milestones
                    .iter()
                    .map(|(kind, on, score)| Milestone {
                        kind: *kind,
                        on: b.day(*on),
                        score: *score,
                    })
                    .collect(),
                outcome: t.outcome.map(|(o, d)| (o, b.day(d))),
                stamp: b.stamp(t.admitted, "Bram"),
            }
            .into(),
        );
    }

    out.extend(b.notes.drain(..).map(AnyRecord::from));
    Ok(out)
}

/// Stage 1 on the request day, the current stage on its entry day, and the
/// stages between spread evenly.
fn demo_history(b: &Builder, x: &DemoException, by: &str) -> Vec<StageMove> {
    let k = usize::from(x.stage.clamp(1, 7));
    (0..k)
        .map(|i| {
            let offset = if i + 1 == k {
                x.entered
            } else if i == 0 {
                x.requested
            } else {
                x.requested + (x.entered - x.requested) * i as i64 / (k as i64 - 1)
            };
            StageMove {
                from: i.checked_sub(1).map(|p| Stage::OPEN[p]),
                to: Stage::OPEN[i],
                on: b.day(offset),
                by: by.to_string(),
                note: None,
            }
        })
        .collect()
}
