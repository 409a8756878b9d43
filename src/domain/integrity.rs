//! Integrity checks over a whole [`Dataset`]: every reference resolves, ids and
//! numbers are unique, numbers carry the letter of their kind, amounts are
//! positive; and over the [`Settings`]: limits of at least a day, EU threshold
//! periods that exist, run forward and do not overlap; no text holds a control
//! char, one-line texts no line break, no text or list is longer than its limit
//! ([`super::plain`]). Pure: the store
//! runs these before an import and in `check`, the CLI can show the result.

use super::model::*;
use super::plain;
use super::record::Record;
use std::collections::{HashMap, HashSet};

mod texts;

/// One thing wrong with the data, and where.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// Where in the data, e.g. `cases[3] (C04).organisation`.
    pub place: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ProblemKind {
    /// The id is already used by an earlier record (or blocker).
    DuplicateId(Id),
    /// Another record of the same kind already has this number (`C7` = `C07`).
    DuplicateNumber(String),
    /// The number cannot be parsed or has the wrong letter for its kind.
    BadNumber(String),
    /// A reference to a record that does not exist.
    Dangling { to: Kind, id: Id },
    /// An exception without any stage history.
    EmptyHistory,
    /// An exception's stage is not the `to` of its last history entry.
    StageMismatch,
    /// A required text field is blank.
    BlankRequired(std::borrow::Cow<'static, str>),
    /// A text holds a char no record may hold (see [`super::plain`]): a control
    /// char, or a line break or tab in a one-line field.
    ForbiddenChar(char),
    /// Store only: a record has no entry in the number index.
    IndexMissing { number: String },
    /// Store only: a number-index entry points at no record with that number.
    IndexDangling { number: String, id: Id },
    /// Store only: the note index misses this note or holds it wrongly, or
    /// holds a note that does not exist.
    NoteIndexMismatch,
    /// Store only: the plate index does not list exactly the open cases this
    /// department blocks.
    PlateIndexMismatch,
    /// Store only: a record is kept under a key other than its own id.
    KeyMismatch { key: Id },
    /// An amount that must be positive (an exception's value) is zero or less.
    NotPositive(Cents),
    /// A limit in days is below 1.
    LimitTooSmall(u32),
    /// The settings have no EU threshold period at all.
    NoThresholds,
    /// A threshold period ends before it starts.
    PeriodReversed,
    /// A threshold period overlaps an earlier one (by index).
    PeriodsOverlap(usize),
    /// A date outside [`YEARS`], the years `--today` accepts.
    DateOutOfRange(chrono::NaiveDate),
    /// A text longer than its field may be ([`super::plain`]'s size rule).
    TooLong { chars: usize, limit: usize },
    /// A list longer than a record may hold (blockers, keywords, history…).
    TooMany { count: usize, limit: usize },
}

/// The years a date may have: those `--today` accepts. Far beyond them, date
/// arithmetic in the rules (a year ahead, 180 days back) would overflow
/// chrono, so an import refuses a date outside them too.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl Problem {
    pub fn new(place: impl Into<String>, kind: ProblemKind) -> Self {
        Problem {
            place: place.into(),
            kind,
        }
    }
}

/// The number in its canonical spelling (`c7` → `C07`), if it is one of `kind`.
pub fn canonical_number(kind: Kind, number: &str) -> Option<String> {
    Number::parse(number)
        .filter(|n| n.kind == kind)
        .map(|n| n.to_string())
}

/// Everything wrong with `data`, in dataset order. Empty means sound.
pub fn validate(data: &Dataset) -> Vec<Problem> {
    let mut v = Validator {
        problems: Vec::new(),
        seen_ids: HashSet::new(),
        ids: HashMap::new(),
    };
    for kind in Kind::ALL {
        v.ids.insert(kind, HashSet::new());
    }
    v.list(&data.organisations, "organisations");
    v.list(&data.contacts, "contacts");
    v.list(&data.departments, "departments");
    v.list(&data.hooks, "hooks");
    v.list(&data.cases, "cases");
    v.list(&data.exceptions, "exceptions");
    v.list(&data.followups, "followups");
    v.list(&data.notes, "notes");
    v.list(&data.tracks, "tracks");

    for (i, o) in data.organisations.iter().enumerate() {
        v.required(place("organisations", i, &o.number), "name", &o.name);
    }
    for (i, c) in data.contacts.iter().enumerate() {
        let at = place("contacts", i, &c.number);
        v.required(&at, "name", &c.name);
        v.opt_ref(&at, "department", Kind::Department, c.department);
    }
    for (i, d) in data.departments.iter().enumerate() {
        let at = place("departments", i, &d.number);
        v.required(&at, "name", &d.name);
        for (j, l) in d.liaisons.iter().enumerate() {
            v.reference(&format!("{at}.liaisons[{j}]"), Kind::Contact, *l);
        }
        v.opt_ref(
            &at,
            "escalation_contact",
            Kind::Contact,
            d.escalation_contact,
        );
    }
    for (i, h) in data.hooks.iter().enumerate() {
        v.required(place("hooks", i, &h.number), "title", &h.title);
    }
    for (i, c) in data.cases.iter().enumerate() {
        v.case(&place("cases", i, &c.number), c);
    }
    for (i, x) in data.exceptions.iter().enumerate() {
        v.exception(&place("exceptions", i, &x.number), x);
    }
    for (i, f) in data.followups.iter().enumerate() {
        let at = place("followups", i, &f.number);
        v.required(&at, "subject", &f.subject);
        v.reference(&format!("{at}.about"), f.about.kind, f.about.id);
        match &f.with {
            Counterpart::Contact(id) => v.reference(&format!("{at}.with"), Kind::Contact, *id),
            Counterpart::Organisation(id) => {
                v.reference(&format!("{at}.with"), Kind::Organisation, *id)
            }
            Counterpart::Other(_) => {}
        }
    }
    for (i, n) in data.notes.iter().enumerate() {
        if let Some(t) = n.target {
            let at = place("notes", i, &n.number);
            v.reference(&format!("{at}.target"), t.kind, t.id);
        }
    }
    for (i, t) in data.tracks.iter().enumerate() {
        let at = place("tracks", i, &t.number);
        v.reference(
            &format!("{at}.organisation"),
            Kind::Organisation,
            t.organisation,
        );
    }
    v.texts(data);
    v.problems
}

/// Everything wrong with the settings: limits below one day, no EU threshold
/// period, periods that end before they start or overlap. Empty means sound.
pub fn validate_settings(s: &Settings) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut limit = |place: String, days: u32| {
        if days < 1 {
            problems.push(Problem::new(place, ProblemKind::LimitTooSmall(days)));
        }
    };
    for (i, days) in s.stage_limits.iter().enumerate() {
        limit(format!("settings.stage_limits[{i}]"), *days);
    }
    for (name, days) in [
        ("inactivity_limit_days", s.inactivity_limit_days),
        ("snooze_max_days", s.snooze_max_days),
        ("triage_inactivity_days", s.triage_inactivity_days),
        ("triage_blocker_days", s.triage_blocker_days),
    ] {
        limit(format!("settings.{name}"), days);
    }
    if s.eu_thresholds.is_empty() {
        problems.push(Problem::new(
            "settings.eu_thresholds",
            ProblemKind::NoThresholds,
        ));
    }
    for (i, p) in s.eu_thresholds.iter().enumerate() {
        let at = format!("settings.eu_thresholds[{i}]");
        if p.from > p.to {
            problems.push(Problem::new(at, ProblemKind::PeriodReversed));
            continue;
        }
        let earlier = s.eu_thresholds[..i]
            .iter()
            .position(|q| q.from <= q.to && q.from <= p.to && p.from <= q.to);
        if let Some(j) = earlier {
            problems.push(Problem::new(at, ProblemKind::PeriodsOverlap(j)));
        }
    }
    problems
}

/// Every date (and time stamp) in the settings and `data` outside [`YEARS`],
/// named by record and field. Run on an import, before anything is written.
pub fn validate_dates(settings: &Settings, data: &Dataset) -> Vec<Problem> {
    let mut v = Dates(Vec::new());
    for (i, p) in settings.eu_thresholds.iter().enumerate() {
        let at = format!("settings.eu_thresholds[{i}]");
        v.day(&at, "from", p.from);
        v.day(&at, "to", p.to);
    }
    for (i, o) in data.organisations.iter().enumerate() {
        v.stamp(&place("organisations", i, &o.number), &o.stamp);
    }
    for (i, c) in data.contacts.iter().enumerate() {
        v.stamp(&place("contacts", i, &c.number), &c.stamp);
    }
    for (i, d) in data.departments.iter().enumerate() {
        v.stamp(&place("departments", i, &d.number), &d.stamp);
    }
    for (i, h) in data.hooks.iter().enumerate() {
        let at = place("hooks", i, &h.number);
        v.stamp(&at, &h.stamp);
        if let Some(d) = h.valid_to {
            v.day(&at, "valid_to", d);
        }
    }
    for (i, c) in data.cases.iter().enumerate() {
        let at = place("cases", i, &c.number);
        v.stamp(&at, &c.stamp);
        v.day(&at, "opened_on", c.opened_on);
        if let Some(d) = c.closed_on {
            v.day(&at, "closed_on", d);
        }
        for (j, b) in c.blockers.iter().enumerate() {
            let at = format!("{at}.blockers[{j}]");
            v.day(&at, "raised_on", b.raised_on);
            if let Some(d) = b.resolved_on {
                v.day(&at, "resolved_on", d);
            }
        }
    }
    for (i, x) in data.exceptions.iter().enumerate() {
        let at = place("exceptions", i, &x.number);
        v.stamp(&at, &x.stamp);
        v.day(&at, "requested_on", x.requested_on);
        for (j, m) in x.history.iter().enumerate() {
            v.day(&format!("{at}.history[{j}]"), "on", m.on);
        }
        if let Some(z) = &x.snooze {
            v.day(&at, "snooze.until", z.until);
            v.day(&at, "snooze.set_on", z.set_on);
        }
    }
    for (i, f) in data.followups.iter().enumerate() {
        let at = place("followups", i, &f.number);
        v.stamp(&at, &f.stamp);
        v.day(&at, "created_on", f.created_on);
        v.day(&at, "due", f.due);
        for (j, d) in f.repeated_on.iter().enumerate() {
            v.day(&at, &format!("repeated_on[{j}]"), *d);
        }
        if let Some(d) = f.done_on {
            v.day(&at, "done_on", d);
        }
    }
    for (i, n) in data.notes.iter().enumerate() {
        let at = place("notes", i, &n.number);
        v.stamp(&at, &n.stamp);
        v.day(&at, "date", n.date);
    }
    for (i, t) in data.tracks.iter().enumerate() {
        let at = place("tracks", i, &t.number);
        v.stamp(&at, &t.stamp);
        v.day(&at, "admitted_on", t.admitted_on);
        for (j, m) in t.milestones.iter().enumerate() {
            v.day(&format!("{at}.milestones[{j}]"), "on", m.on);
        }
        if let Some((_, d)) = t.outcome {
            v.day(&at, "outcome", d);
        }
    }
    v.0
}

/// The problems [`validate_dates`] found so far.
struct Dates(Vec<Problem>);

impl Dates {
    fn day(&mut self, at: &str, field: &str, d: chrono::NaiveDate) {
        use chrono::Datelike;
        if !YEARS.contains(&d.year()) {
            self.0.push(Problem::new(
                format!("{at}.{field}"),
                ProblemKind::DateOutOfRange(d),
            ));
        }
    }

    fn stamp(&mut self, at: &str, s: &Stamp) {
        self.day(at, "stamp.created_at", s.created_at.date());
        self.day(at, "stamp.updated_at", s.updated_at.date());
    }
}

/// `cases[3] (C04)`; the number is shown safely, for it is text from the data.
fn place(list: &str, i: usize, number: &str) -> String {
    format!("{list}[{i}] ({})", plain::one_line(number))
}

struct Validator {
    problems: Vec<Problem>,
    /// Every id met so far, records and blockers alike.
    seen_ids: HashSet<Id>,
    /// The ids of each kind, to resolve references.
    ids: HashMap<Kind, HashSet<Id>>,
}

impl Validator {
    fn problem(&mut self, place: impl Into<String>, kind: ProblemKind) {
        self.problems.push(Problem::new(place, kind));
    }

    fn list<R: Record>(&mut self, records: &[R], name: &str) {
        let mut numbers = HashSet::new();
        for (i, r) in records.iter().enumerate() {
            let at = place(name, i, r.number());
            if !self.seen_ids.insert(r.id()) {
                self.problem(&at, ProblemKind::DuplicateId(r.id()));
            }
            self.ids.entry(R::KIND).or_default().insert(r.id());
            match canonical_number(R::KIND, r.number()) {
                None => self.problem(
                    at,
                    ProblemKind::BadNumber(plain::one_line(r.number()).into_owned()),
                ),
                Some(n) => {
                    if !numbers.insert(n.clone()) {
                        self.problem(at, ProblemKind::DuplicateNumber(n));
                    }
                }
            }
        }
    }

    fn required(&mut self, at: impl AsRef<str>, field: &'static str, value: &str) {
        if value.trim().is_empty() {
            let at = format!("{}.{field}", at.as_ref());
            self.problem(at, ProblemKind::BlankRequired(field.into()));
        }
    }

    fn reference(&mut self, at: &str, to: Kind, id: Id) {
        if !self.ids.get(&to).is_some_and(|ids| ids.contains(&id)) {
            self.problem(at, ProblemKind::Dangling { to, id });
        }
    }

    fn opt_ref(&mut self, at: &str, field: &str, to: Kind, id: Option<Id>) {
        if let Some(id) = id {
            self.reference(&format!("{at}.{field}"), to, id);
        }
    }

    fn case(&mut self, at: &str, c: &Case) {
        self.required(at, "title", &c.title);
        self.required(at, "owner", &c.owner);
        self.reference(
            &format!("{at}.organisation"),
            Kind::Organisation,
            c.organisation,
        );
        for (j, b) in c.blockers.iter().enumerate() {
            let bat = format!("{at}.blockers[{j}]");
            if !self.seen_ids.insert(b.id) {
                self.problem(&bat, ProblemKind::DuplicateId(b.id));
            }
            self.required(&bat, "keyword", &b.keyword);
            self.reference(&format!("{bat}.department"), Kind::Department, b.department);
        }
        for (j, h) in c.hooks.iter().enumerate() {
            self.reference(&format!("{at}.hooks[{j}].hook"), Kind::Hook, h.hook);
        }
        for (j, e) in c.log.iter().enumerate() {
            if let CaseChange::HookLinked { hook } | CaseChange::HookUnlinked { hook } = e.what {
                self.reference(&format!("{at}.log[{j}].what.hook"), Kind::Hook, hook);
            }
        }
    }

    fn exception(&mut self, at: &str, x: &ProcurementException) {
        self.reference(&format!("{at}.case"), Kind::Case, x.case);
        if x.value <= 0 {
            self.problem(format!("{at}.value"), ProblemKind::NotPositive(x.value));
        }
        let contacts = [
            (
                "requesting_department",
                Kind::Department,
                x.requesting_department,
            ),
            ("waiting_on", Kind::Contact, x.waiting_on),
            ("legal_contact", Kind::Contact, x.legal_contact),
        ];
        for (field, kind, id) in contacts {
            self.opt_ref(at, field, kind, id);
        }
        match x.history.last() {
            None => self.problem(format!("{at}.history"), ProblemKind::EmptyHistory),
            Some(last) if last.to != x.stage => {
                self.problem(format!("{at}.stage"), ProblemKind::StageMismatch)
            }
            Some(_) => {}
        }
    }
}
