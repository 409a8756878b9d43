//! Deterministic data at "region scale" (PRODUCT.md §6): 10,000 cases, 2,000
//! exceptions, 100,000 notes, 5,000 follow-ups and departments holding more than
//! 5,000 keywords, on top of the demo data, for `mandaat seed-demo --scale
//! region`, the speed benchmarks and tests that need volume.
//!
//! Everything, ids included, comes from one small xorshift generator seeded with
//! `seed`, so the same `(today, seed)` always gives the same dataset. The
//! reference departments, contacts and haakjes and the whole demo are kept (with
//! ids from the generator); the region adds a copy of every department for each
//! neighbouring municipality, with keyword variants ("vergunning aanvraag
//! velsen"), as a regional team sharing one store would have. Region records are
//! numbered after the demo's and refer only to each other and to the reference
//! data, so the demo's cases and exceptions keep their story (the same four
//! stalled exceptions in the review).

use crate::domain::ops::Ctx;
use crate::domain::*;
use crate::seed;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;
use std::collections::HashMap;
use uuid::{Builder, Uuid};

// The region records added on top of the demo (the totals are demo + region).
pub const CASES: usize = 10_000;
pub const EXCEPTIONS: usize = 2_000;
pub const NOTES: usize = 100_000;
pub const FOLLOWUPS: usize = 5_000;
pub const ORGANISATIONS: usize = 2_500;
pub const TRACKS: usize = 300;
/// The seed `seed-demo --scale region` uses when none is given.
pub const DEFAULT_SEED: u64 = 2026;
/// The keywords the departments hold together at least.
pub const MIN_KEYWORDS: usize = 5_000;

/// The municipalities next to the reference (Haarlem) that get their own copy
/// of every department.
const MUNICIPALITIES: [&str; 7] = [
    "Zandvoort",
    "Heemstede",
    "Bloemendaal",
    "Velsen",
    "Haarlemmermeer",
    "Beverwijk",
    "Heemskerk",
];
/// Variants of every keyword in a municipal copy ("" is the keyword itself).
const KEYWORD_VARIANTS: [&str; 6] = ["", "aanvraag", "beleid", "regeling", "loket", "termijn"];

/// The aanjagers owning cases; `Anouk` first, so `--user Anouk` has a caseload.
const AANJAGERS: [&str; 12] = [
    "Anouk", "Bram", "Chaima", "Daan", "Esra", "Femke", "Gijs", "Hanna", "Ilias", "Jesse", "Kim",
    "Lotte",
];

const ORG_FIRST: [&str; 20] = [
    "Groen", "Fiets", "Koffie", "Werk", "Bouw", "Textiel", "Schoon", "Zorg", "Kook", "Hout",
    "Print", "Tuin", "Repair", "Data", "Energie", "Afval", "Brood", "Kring", "Leer", "Buurt",
];
const ORG_SECOND: [&str; 12] = [
    "werk",
    "fabriek",
    "collectief",
    "atelier",
    "coöperatie",
    "lab",
    "huis",
    "makers",
    "bedrijf",
    "service",
    "plaats",
    "keuken",
];
const CASE_TOPICS: [&str; 16] = [
    "Onderhoudscontract",
    "Huur van bedrijfsruimte",
    "Loonkostensubsidie voor nieuwe medewerkers",
    "Leerwerkplekken",
    "Catering gemeentehuis",
    "Perceel groenonderhoud",
    "Omgevingsvergunning werkplaats",
    "Subsidieaanvraag circulaire pilot",
    "SROI-match met aannemer",
    "Schoonmaak buurthuizen",
    "Zonnepanelen op gemeentelijk dak",
    "Drukwerk voor de gemeente",
    "Inzameling textiel",
    "Certificering PSO",
    "Zichtbaarheid op de ondernemersdag",
    "Voorbehouden opdracht",
];
/// The entrepreneur's question behind a case.
const QUESTIONS: [&str; 8] = [
    "Kan de gemeente dit bij ons inkopen, en via welke route?",
    "Wie bij de gemeente beslist hierover, en wanneer?",
    "Past dit binnen een bestaande regeling of een voorbehouden opdracht?",
    "Welke stukken hebben jullie van ons nodig om verder te kunnen?",
    "Kunnen we een pilot doen voordat er een aanbesteding komt?",
    "Is hier subsidie of loonkostensubsidie voor mogelijk?",
    "Hoe komen we in beeld bij de inkopers van de gemeente?",
    "Mag dit onderhands, of moeten we wachten op het raamcontract?",
];
/// What a case quotes from a haakje.
const QUOTES: [&str; 5] = [
    "sociaal ondernemen versterken",
    "minimaal 5% van de opdrachtwaarde als social return",
    "circulair inkopen waar het kan",
    "werk voor mensen met een afstand tot de arbeidsmarkt",
    "lokale ondernemers krijgen een eerlijke kans",
];
const NOTE_TEXTS: [&str; 10] = [
    "Gebeld; wacht op antwoord van de afdeling.",
    "Offerte ontvangen en doorgestuurd naar Inkoop.",
    "Overleg gehad met de ondernemer over de planning.",
    "Mail gestuurd met de vraag om een besluit voor het kernteam.",
    "Afspraak gemaakt voor een werkbezoek.",
    "Juridisch advies gevraagd over de voorbehouden opdracht.",
    "Budgethouder akkoord, volgende stap is de marktverkenning.",
    "Ondernemer levert de ontbrekende stukken volgende week aan.",
    "Besproken in het kernteam; actie ligt bij de liaison.",
    "Herinnering gestuurd, nog geen reactie.",
];

/// xorshift64* over a splitmix64-scrambled seed: tiny, fast, good enough for
/// test data, and no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0..n (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// lo..=hi.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below((hi - lo + 1) as usize) as u64
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn id(&mut self) -> Id {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        Builder::from_random_bytes(bytes).into_uuid()
    }
}

fn days_before(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn days_after(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap_or(day)
}

fn at_nine(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("valid time"))
}

/// The settings and a region-scale dataset for `today`, the same for the same
/// `seed`: the reference data, the demo and the region records. The data passes
/// [`integrity::validate`], so a store accepts it through `replace_all`.
pub fn region_dataset(today: NaiveDate, seed: u64) -> (Settings, Dataset) {
    let mut rng = Rng::new(seed);
    let ctx = Ctx {
        today,
        now: at_nine(today),
        user: "Anouk".to_string(),
    };
    let (settings, mut data) = seed::reference(&ctx).expect("embedded reference.json is valid");
    for record in seed::demo(today, &data).expect("embedded demo.json is valid") {
        data.upsert(record);
    }
    // Sorted by number first, so the order ids are drawn in never depends on
    // the random ids being replaced.
    data.sort();
    make_ids_deterministic(&mut data, &mut rng);
    add_municipal_departments(&mut data, &mut rng, &ctx);

    let stamp = |on: NaiveDate, by: &str| Stamp::new(at_nine(on), by);
    let contacts: Vec<Id> = data.contacts.iter().map(|c| c.id).collect();
    let lawyers: Vec<Id> = data
        .contacts
        .iter()
        .filter(|c| c.roles.contains(&Role::Lawyer))
        .map(|c| c.id)
        .collect();
    let lawyers = if lawyers.is_empty() {
        contacts.clone()
    } else {
        lawyers
    };

    // Where the region records start in each list, and their first numbers.
    let org0 = data.organisations.len();
    let org_seq = data.next_seq(Kind::Organisation);

    // Organisations: mostly entrepreneurs, some buyers and partners.
    for i in 0..ORGANISATIONS {
        let kind = match rng.below(10) {
            0 => OrgKind::Buyer,
            1 => OrgKind::Partner,
            _ => OrgKind::Entrepreneur,
        };
        let name = format!(
            "{}{} {}",
            rng.pick(&ORG_FIRST),
            rng.pick(&ORG_SECOND),
            rng.pick(&MUNICIPALITIES)
        );
        data.organisations.push(Organisation {
            id: rng.id(),
            number: Kind::Organisation.number(org_seq + i as u32),
            name,
            kind,
            description: "Sociale onderneming in de regio".to_string(),
            products: vec![rng.pick(&CASE_TOPICS).to_string()],
            sroi_obligation: (kind == OrgKind::Buyer)
                .then(|| rng.range(10_000, 500_000) as i64 * 100),
            target_group_percent: (kind == OrgKind::Entrepreneur).then(|| rng.range(10, 90) as u8),
            contact_person: rng.pick(&AANJAGERS).to_string(),
            email: format!("info@o{}.example", i + 1),
            phone: String::new(),
            stamp: stamp(days_before(today, rng.range(0, 1000)), "Anouk"),
        });
    }

    // Cases: about 60% open, some with blockers and haakjes.
    let open_statuses = [
        CaseStatus::New,
        CaseStatus::InProgress,
        CaseStatus::InProgress,
        CaseStatus::WaitingOnMunicipality,
        CaseStatus::WaitingOnEntrepreneur,
        CaseStatus::Blocked,
    ];
    let case0 = data.cases.len();
    let case_seq = data.next_seq(Kind::Case);
    for i in 0..CASES {
        let opened_on = days_before(today, rng.range(0, 900));
        let age = (today - opened_on).num_days() as u64;
        let status = if rng.chance(60) {
            *rng.pick(&open_statuses)
        } else if rng.chance(85) {
            CaseStatus::Done
        } else {
            CaseStatus::Stopped
        };
        let closed_on = (!status.is_open()).then(|| days_after(opened_on, rng.range(0, age)));
        let blockers = (0..rng.below(3))
            .map(|_| {
                let d = rng.pick(&data.departments);
                let keyword = rng.pick(&d.keywords).text.clone();
                let raised_on = days_after(opened_on, rng.range(0, age));
                let left = (today - raised_on).num_days() as u64;
                Blocker {
                    id: rng.id(),
                    keyword,
                    description: String::new(),
                    department: d.id,
                    raised_on,
                    resolved_on: rng
                        .chance(50)
                        .then(|| days_after(raised_on, rng.range(0, left))),
                }
            })
            .collect();
        let hooks = (0..rng.below(3))
            .map(|_| HookLink {
                hook: rng.pick(&data.hooks).id,
                locator_kind: LocatorKind::Artikel,
                locator: format!("{}", rng.range(1, 20)),
                quote: rng.pick(&QUOTES).to_string(),
                verified: rng.chance(50),
            })
            .collect();
        let owner = AANJAGERS[rng.below(AANJAGERS.len())];
        let updated = days_after(opened_on, rng.range(0, age));
        let mut case_stamp = stamp(opened_on, owner);
        case_stamp.touch(at_nine(updated), owner);
        data.cases.push(Case {
            id: rng.id(),
            number: Kind::Case.number(case_seq + i as u32),
            organisation: rng.pick(&data.organisations[org0..]).id,
            title: format!("{} {}", rng.pick(&CASE_TOPICS), i + 1),
            question: rng.pick(&QUESTIONS).to_string(),
            action_line: *rng.pick(&ActionLine::ALL),
            status,
            owner: owner.to_string(),
            opened_on,
            closed_on,
            blockers,
            hooks,
            stamp: case_stamp,
        });
    }

    // Exceptions on open cases: varied stages, histories with the odd step back,
    // some snoozed, some closed.
    let open_cases: Vec<usize> = (case0..case0 + CASES)
        .filter(|&i| data.cases[i].status.is_open())
        .collect();
    let kinds = [
        ExceptionKind::DirectAward,
        ExceptionKind::ReservedContract,
        ExceptionKind::Lots,
        ExceptionKind::SroiDeviation,
        ExceptionKind::FrameworkDeviation,
    ];
    let contract_types = [
        ContractType::Supplies,
        ContractType::Services,
        ContractType::Works,
        ContractType::SocialServices,
    ];
    let exc0 = data.exceptions.len();
    let exc_seq = data.next_seq(Kind::Exception);
    for i in 0..EXCEPTIONS {
        let case = &data.cases[*rng.pick(&open_cases)];
        let by = case.owner.clone();
        let requested_on = days_before(today, rng.range(0, 400));
        let mut history = vec![StageMove {
            from: None,
            to: Stage::Request,
            on: requested_on,
            by: by.clone(),
            note: None,
        }];
        let mut stage = Stage::Request;
        let mut on = requested_on;
        for _ in 0..rng.below(8) {
            let room = (today - on).num_days() as u64;
            let next_on = days_after(on, rng.range(0, room.min(60)));
            let (to, note) = if rng.chance(8) && stage != Stage::Request {
                let back = Stage::OPEN[stage.ordinal().expect("open") as usize - 2];
                (
                    back,
                    Some("Stukken onvolledig, terug naar de vorige stap".to_string()),
                )
            } else {
                match stage.next() {
                    Some(next) => (next, None),
                    None => (Stage::Awarded, None),
                }
            };
            history.push(StageMove {
                from: Some(stage),
                to,
                on: next_on,
                by: by.clone(),
                note,
            });
            stage = to;
            on = next_on;
            if stage.is_closed() {
                break;
            }
        }
        if !stage.is_closed() && rng.chance(6) {
            let to = if rng.chance(50) {
                Stage::Rejected
            } else {
                Stage::Withdrawn
            };
            history.push(StageMove {
                from: Some(stage),
                to,
                on: today,
                by: by.clone(),
                note: Some("Afgesloten".to_string()),
            });
            stage = to;
        }
        let snooze = (!stage.is_closed() && rng.chance(5)).then(|| Snooze {
            until: days_after(today, rng.range(1, settings.snooze_max_days as u64)),
            reason: "Wacht op het raadsbesluit".to_string(),
            set_on: days_before(today, rng.range(0, 5)),
            by: by.clone(),
        });
        let kind = *rng.pick(&kinds);
        data.exceptions.push(ProcurementException {
            id: rng.id(),
            number: Kind::Exception.number(exc_seq + i as u32),
            case: case.id,
            kind,
            contract_type: *rng.pick(&contract_types),
            value: rng.range(5_000, 500_000) as i64 * 100,
            requesting_department: Some(rng.pick(&data.departments).id),
            description: format!("{} voor {}", rng.pick(&CASE_TOPICS), case.number),
            requested_on,
            stage,
            history,
            snooze,
            waiting_on: Some(*rng.pick(&contacts)),
            legal_contact: (kind == ExceptionKind::DirectAward).then(|| *rng.pick(&lawyers)),
            stamp: stamp(on, &by),
        });
    }

    // Follow-ups: chasing cases and exceptions, half of them done.
    let followup0 = data.followups.len();
    let followup_seq = data.next_seq(Kind::FollowUp);
    for i in 0..FOLLOWUPS {
        let (about, start) = if rng.chance(40) {
            let x = rng.pick(&data.exceptions[exc0..]);
            (
                RecordRef {
                    kind: Kind::Exception,
                    id: x.id,
                },
                x.requested_on,
            )
        } else {
            let c = &data.cases[*rng.pick(&open_cases)];
            (
                RecordRef {
                    kind: Kind::Case,
                    id: c.id,
                },
                c.opened_on,
            )
        };
        let created_on = days_after(start, rng.range(0, (today - start).num_days() as u64));
        let repeated_on: Vec<NaiveDate> = (0..rng.below(3))
            .map(|r| days_after(created_on, 7 * (r as u64 + 1)).min(today))
            .collect();
        let due = days_after(created_on, rng.range(3, 30));
        let with = match rng.below(3) {
            0 => Counterpart::Contact(*rng.pick(&contacts)),
            1 => Counterpart::Organisation(rng.pick(&data.organisations[org0..]).id),
            _ => Counterpart::Other("Kernteam".to_string()),
        };
        data.followups.push(FollowUp {
            id: rng.id(),
            number: Kind::FollowUp.number(followup_seq + i as u32),
            about,
            with,
            subject: format!("Navragen: {}", rng.pick(&NOTE_TEXTS)),
            created_on,
            due,
            repeated_on,
            done_on: rng.chance(50).then_some(due.min(today)),
            stamp: stamp(created_on, "Anouk"),
        });
    }

    // Notes: mostly on cases and exceptions, some on follow-ups, a few day summaries.
    let note_seq = data.next_seq(Kind::Note);
    for i in 0..NOTES {
        let (target, start, kind) = match rng.below(100) {
            0..=59 => {
                let c = rng.pick(&data.cases[case0..]);
                let r = RecordRef {
                    kind: Kind::Case,
                    id: c.id,
                };
                (Some(r), c.opened_on, NoteKind::Plain)
            }
            60..=89 => {
                let x = rng.pick(&data.exceptions[exc0..]);
                let r = RecordRef {
                    kind: Kind::Exception,
                    id: x.id,
                };
                let kind = if rng.chance(10) {
                    NoteKind::Decision
                } else {
                    NoteKind::Plain
                };
                (Some(r), x.requested_on, kind)
            }
            90..=94 => {
                let f = rng.pick(&data.followups[followup0..]);
                let r = RecordRef {
                    kind: Kind::FollowUp,
                    id: f.id,
                };
                (Some(r), f.created_on, NoteKind::Plain)
            }
            _ => (None, days_before(today, 900), NoteKind::DaySummary),
        };
        let date = days_after(start, rng.range(0, (today - start).num_days() as u64));
        let author = AANJAGERS[rng.below(AANJAGERS.len())];
        let text = match kind {
            NoteKind::DaySummary => format!("Dagafsluiting {}", date.format("%d-%m-%Y")),
            _ => rng.pick(&NOTE_TEXTS).to_string(),
        };
        data.notes.push(Note {
            id: rng.id(),
            number: Kind::Note.number(note_seq + i as u32),
            target,
            kind,
            date,
            author: author.to_string(),
            text,
            stamp: stamp(date, author),
        });
    }

    // Certification tracks for some entrepreneurs.
    let aims = [
        CertificationAim::Pso,
        CertificationAim::Pso30Plus,
        CertificationAim::BCorp,
    ];
    let track_seq = data.next_seq(Kind::Track);
    for i in 0..TRACKS {
        let admitted_on = days_before(today, rng.range(0, 700));
        data.tracks.push(CertificationTrack {
            id: rng.id(),
            number: Kind::Track.number(track_seq + i as u32),
            organisation: rng.pick(&data.organisations[org0..]).id,
            aim: *rng.pick(&aims),
            level: "trede 1".to_string(),
            admitted_on,
            milestones: vec![Milestone {
                kind: MilestoneKind::Intake,
                on: admitted_on,
                score: None,
            }],
            outcome: None,
            stamp: stamp(admitted_on, "Anouk"),
        });
    }

    data.sort();
    (settings, data)
}

/// `seed::reference` and `seed::demo` draw random ids; replace every one of
/// them, wherever it appears (record ids, blocker ids and every reference
/// between records), with ids from `rng`.
///
/// The dataset goes through its JSON form so that no field holding an id can be
/// missed, now or when the model grows one: every string that is a hyphenated
/// uuid is an id. New ids are drawn in the order the old ones first appear,
/// which depends only on the data's order and shape, never on the old values.
fn make_ids_deterministic(data: &mut Dataset, rng: &mut Rng) {
    let mut json = serde_json::to_value(&*data).expect("a dataset serialises to JSON");
    let mut new_ids: HashMap<Uuid, Uuid> = HashMap::new();
    replace_ids(&mut json, &mut |old| {
        new_ids.entry(old).or_insert_with(|| rng.id()).to_string()
    });
    *data = serde_json::from_value(json).expect("the dataset reads back with its new ids");
}

/// Calls `new` for every uuid in `value` (object keys included), depth first in
/// document order, and puts its answer in place.
fn replace_ids(value: &mut Value, new: &mut impl FnMut(Uuid) -> String) {
    fn as_id(s: &str) -> Option<Uuid> {
        (s.len() == 36).then(|| Uuid::try_parse(s).ok()).flatten()
    }
    match value {
        Value::String(s) => {
            if let Some(old) = as_id(s) {
                *s = new(old);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_ids(v, new)),
        Value::Object(map) => {
            for (key, mut v) in std::mem::take(map) {
                replace_ids(&mut v, new);
                let key = as_id(&key).map_or(key, &mut *new);
                map.insert(key, v);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A copy of every reference department per municipality, with
/// [`KEYWORD_VARIANTS`] of each keyword, the same liaisons and the same
/// primary/secondary ownership.
fn add_municipal_departments(data: &mut Dataset, rng: &mut Rng, ctx: &Ctx) {
    let reference = data.departments.clone();
    let mut seq = data.next_seq(Kind::Department) - 1;
    for place in MUNICIPALITIES {
        let suffix = place.to_lowercase();
        for d in &reference {
            seq += 1;
            let keywords = d
                .keywords
                .iter()
                .flat_map(|k| {
                    KEYWORD_VARIANTS.iter().map(|v| Keyword {
                        text: if v.is_empty() {
                            format!("{} {suffix}", k.text)
                        } else {
                            format!("{} {v} {suffix}", k.text)
                        },
                        primary: k.primary,
                    })
                })
                .collect();
            data.departments.push(Department {
                id: rng.id(),
                number: Kind::Department.number(seq),
                name: format!("{} ({place})", d.name),
                keywords,
                liaisons: d.liaisons.clone(),
                escalation_contact: d.escalation_contact,
                stamp: Stamp::new(ctx.now, &ctx.user),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::integrity;
    use std::collections::BTreeMap;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    /// The reference data and the demo as `seed-demo` builds them (random ids).
    fn plain_demo() -> Dataset {
        let ctx = Ctx {
            today: today(),
            now: at_nine(today()),
            user: "Anouk".to_string(),
        };
        let (_, mut data) = seed::reference(&ctx).unwrap();
        for record in seed::demo(today(), &data).unwrap() {
            data.upsert(record);
        }
        data
    }

    /// Every record as JSON by its number, with each id written as the number
    /// of the record it names ("id" for ids that name no record, such as a
    /// blocker's own): equal when two datasets hold the same records linked the
    /// same way, whatever their ids.
    fn by_number(data: &Dataset) -> BTreeMap<String, Value> {
        let numbers: HashMap<Uuid, String> = data
            .records()
            .map(|r| (r.id(), r.number().to_string()))
            .collect();
        data.records()
            .map(|r| {
                let mut json: Value = serde_json::from_slice(&r.to_json().unwrap()).unwrap();
                replace_ids(&mut json, &mut |id| {
                    numbers.get(&id).cloned().unwrap_or_else(|| "id".into())
                });
                (r.number().to_string(), json)
            })
            .collect()
    }

    /// Every id a record holds, its own included.
    fn ids_in(record: &AnyRecord) -> Vec<Uuid> {
        let mut json: Value = serde_json::from_slice(&record.to_json().unwrap()).unwrap();
        let mut ids = Vec::new();
        replace_ids(&mut json, &mut |id| {
            ids.push(id);
            id.to_string()
        });
        ids
    }

    #[test]
    fn the_region_has_the_scale_of_product_md_on_top_of_the_demo_and_is_sound() {
        let (settings, data) = region_dataset(today(), 7);
        let demo = plain_demo();
        assert_eq!(data.cases.len(), demo.cases.len() + CASES);
        assert_eq!(data.exceptions.len(), demo.exceptions.len() + EXCEPTIONS);
        assert_eq!(data.notes.len(), demo.notes.len() + NOTES);
        assert_eq!(data.followups.len(), demo.followups.len() + FOLLOWUPS);
        assert_eq!(
            data.organisations.len(),
            demo.organisations.len() + ORGANISATIONS
        );
        assert_eq!(data.tracks.len(), demo.tracks.len() + TRACKS);
        let keywords: usize = data.departments.iter().map(|d| d.keywords.len()).sum();
        assert!(keywords >= MIN_KEYWORDS, "only {keywords} keywords");
        assert_eq!(integrity::validate(&data), vec![]);
        assert_eq!(integrity::validate_settings(&settings), vec![]);
        let open = data.exceptions.iter().filter(|x| !x.stage.is_closed());
        assert!(open.count() > EXCEPTIONS / 2);
        assert!(data.exceptions.iter().any(|x| x.stage.is_closed()));
        assert!(data.exceptions.iter().any(|x| x.snooze.is_some()));
        for x in &data.exceptions {
            assert!(x.history.iter().all(|m| m.on <= today()), "{}", x.number);
        }
    }

    #[test]
    fn region_numbers_continue_after_the_demo() {
        let (_, data) = region_dataset(today(), 7);
        let demo = plain_demo();
        for kind in [
            Kind::Organisation,
            Kind::Department,
            Kind::Case,
            Kind::Exception,
            Kind::FollowUp,
            Kind::Note,
            Kind::Track,
        ] {
            // No gaps and no clashes: validate refuses duplicate numbers, and the
            // highest number is the count.
            assert_eq!(
                data.next_seq(kind) as usize,
                data.count(kind) + 1,
                "{kind:?}"
            );
            assert!(data.count(kind) > demo.count(kind), "{kind:?}");
        }
        let first_region_case = Kind::Case.number(demo.next_seq(Kind::Case));
        let c = data.cases.iter().find(|c| c.number == first_region_case);
        assert!(c.unwrap().title.ends_with(" 1"), "{first_region_case}");
    }

    #[test]
    fn the_demo_is_in_the_region_unchanged_apart_from_ids() {
        let (_, data) = region_dataset(today(), 7);
        let plain = plain_demo();
        let region = by_number(&data);
        let demo = by_number(&plain);
        assert!(demo.len() > 100, "{}", demo.len());
        for (number, record) in &demo {
            assert_eq!(region.get(number), Some(record), "{number}");
        }
        let title = |d: &Dataset, n: &str| {
            let c = d.cases.iter().find(|c| c.number == n).unwrap();
            c.title.clone()
        };
        assert_eq!(title(&data, "C01"), title(&plain, "C01"));
        let x08 = data.exceptions.iter().find(|x| x.number == "X08").unwrap();
        let case = data.cases.iter().find(|c| c.id == x08.case).unwrap();
        assert_eq!(case.number, "C18");
    }

    #[test]
    fn region_records_leave_the_demo_records_alone() {
        let (_, data) = region_dataset(today(), 7);
        let plain = plain_demo();
        let numbers: std::collections::HashSet<String> =
            plain.records().map(|r| r.number().to_string()).collect();
        let in_demo = |r: &AnyRecord| numbers.contains(r.number());
        let reference = [Kind::Contact, Kind::Department, Kind::Hook];
        let demo_ids: std::collections::HashSet<Uuid> = data
            .records()
            .filter(|r| !reference.contains(&r.kind()) && in_demo(r))
            .map(|r| r.id())
            .collect();
        let reference_count: usize = reference.iter().map(|k| plain.count(*k)).sum();
        assert_eq!(demo_ids.len(), plain.records().count() - reference_count);
        for r in data.records().filter(|r| !in_demo(r)) {
            let ids = ids_in(&r);
            assert!(
                !ids.iter().any(|id| demo_ids.contains(id)),
                "{}",
                r.number()
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_region_and_another_seed_another() {
        let (sa, a) = region_dataset(today(), 1);
        let (sb, b) = region_dataset(today(), 1);
        let (_, c) = region_dataset(today(), 2);
        // Whole datasets: every id, the demo's and the blockers' included.
        assert!(sa == sb);
        assert!(a == b);
        assert!(a != c);
        assert!(a.cases != c.cases);
        let demo_case = |d: &Dataset| d.cases.iter().find(|c| c.number == "C01").unwrap().id;
        assert_eq!(demo_case(&a), demo_case(&b));
        assert_ne!(demo_case(&a), demo_case(&c));
    }
}
