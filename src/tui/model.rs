//! The dashboard's state: the data, the views derived from it, and where the
//! user is. Changed only by `update`; read by `ui`.

use super::filter::{Filter, Highlights};
use super::form::Form;
use crate::domain::activity::ActivityIndex;
use crate::domain::ageing::{self, ExceptionStatus, Health};
use crate::domain::followup;
use crate::domain::ops::Ctx;
use crate::domain::text::Normalised;
use crate::domain::triage;
use crate::domain::*;
use crate::i18n::{self, Lang};
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Cases,
    Hooks,
    Exceptions,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Cases, Pane::Hooks, Pane::Exceptions];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 3]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 2) % 3]
    }
}

/// How the exceptions pane is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Health,
    TotalAge,
    StageAge,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Health => SortBy::TotalAge,
            SortBy::TotalAge => SortBy::StageAge,
            SortBy::StageAge => SortBy::Health,
        }
    }
}

/// Whose cases the cases pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Mine,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a `/` filter for the focused pane.
    Filter,
    /// A full-screen view of one case or exception.
    Detail(RecordRef),
    Form(Box<Form>),
    /// A destructive change waiting for `j`/`n`.
    Confirm(Box<Confirm>),
    /// "Wie is eigenaar?": the owner lookup overlay.
    Lookup(Box<Lookup>),
    /// The end-of-day review, at this item of today's list.
    Review(usize),
    /// The morning view: what is due, the triage, what stalled since the review.
    Morning,
    /// The certification tracks of the Kennemer Inkoop Platform, at this row.
    Tracks(usize),
    /// SROI matching: a buyer's obligation against entrepreneurs' products.
    Sroi(Box<SroiSearch>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SroiSearch {
    /// Index into the buyers (organisations of kind buyer, by number).
    pub buyer: usize,
    pub query: String,
    pub selected: usize,
}

/// The owner lookup as typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookup {
    pub query: String,
    pub selected: usize,
    /// The case or exception the lookup was opened from, for filing a blocker
    /// or a follow-up to raise it in the kernteam.
    pub context: Option<RecordRef>,
}

/// One line of the lookup: a department, and how it matched (none while
/// browsing with an empty query).
pub struct LookupRow {
    pub department: usize,
    pub hit: Option<OwnerMatch>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub change: Change,
    /// The view to return to, whatever the answer.
    pub back: super::form::Return,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Info,
    Saved,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub tone: Tone,
}

/// A change to persist: records to save and records to remove, in one go.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Change {
    pub save: Vec<AnyRecord>,
    pub delete: Vec<RecordRef>,
    /// What to say once it is saved.
    pub message: String,
    /// How to take it back; `None` for an undo itself.
    pub undo: Option<Undo>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    pub what: String,
    pub restore: Vec<AnyRecord>,
    pub remove: Vec<RecordRef>,
}

impl Undo {
    /// The undo of a change from the records as they were before it.
    pub fn of(what: String, data: &Dataset, save: &[AnyRecord]) -> Undo {
        let mut restore = Vec::new();
        let mut remove = Vec::new();
        for r in save {
            match data.get(r.record_ref()) {
                Some(old) => restore.push(old),
                None => remove.push(r.record_ref()),
            }
        }
        Undo {
            what,
            restore,
            remove,
        }
    }
}

/// An open case with what the rows need, computed when the data changes; the
/// cells are normalised once so a filter keystroke only matches.
pub struct CaseBase {
    pub idx: usize,
    pub triage: bool,
    pub inactivity: Option<i64>,
    pub open_blockers: usize,
    /// Number, organisation, title.
    pub cells: [Normalised; 3],
}

/// An open exception with its status and normalised cells.
pub struct ExceptionBase {
    pub idx: usize,
    pub status: ExceptionStatus,
    /// Number, case, organisation, stage.
    pub cells: [Normalised; 4],
}

pub struct CaseRow {
    pub idx: usize,
    pub triage: bool,
    pub inactivity: Option<i64>,
    pub open_blockers: usize,
    /// Highlights for number, organisation and title.
    pub highlights: Highlights,
}

pub struct ExceptionRow {
    pub idx: usize,
    pub status: ExceptionStatus,
    /// Highlights for number, case, organisation and stage.
    pub highlights: Highlights,
}

pub struct HookRow {
    pub link: HookLink,
    pub hook: Option<PolicyHook>,
    pub expiry: Expiry,
    pub highlights: Highlights,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    Valid,
    /// Expires within 60 days.
    Soon(i64),
    Expired,
}

/// Days before a haakje's end date that the pane warns.
pub const HOOK_WARNING_DAYS: i64 = 60;

pub fn hook_expiry(hook: &PolicyHook, today: NaiveDate) -> Expiry {
    match hook.valid_to {
        Some(to) if to < today => Expiry::Expired,
        Some(to) if (to - today).num_days() <= HOOK_WARNING_DAYS => {
            Expiry::Soon((to - today).num_days())
        }
        _ => Expiry::Valid,
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Open certification tracks by urgency.
    pub tracks: crate::domain::tracks::TrackCounts,
    pub open_cases: usize,
    pub critical: usize,
    pub stalled: usize,
    pub attention: usize,
    pub snoozed: usize,
    pub due_today: usize,
    pub overdue: usize,
}

/// Everything derived from the data, rebuilt after a change or a filter key.
/// One exception of today's review: stalled at the start of the day.
pub struct ReviewRow {
    pub idx: usize,
    /// As at the start of the day.
    pub status: ExceptionStatus,
    pub done: bool,
}

pub struct Views {
    pub activity: ActivityIndex,
    /// Every open case and exception, before filter, scope and sort.
    pub base_cases: Vec<CaseBase>,
    pub base_exceptions: Vec<ExceptionBase>,
    /// Today's end-of-day review, in review order.
    pub review: Vec<ReviewRow>,
    /// The owner lookup's index over every department keyword.
    pub keywords: KeywordIndex,
    /// The SROI matching's index over the entrepreneurs' products.
    pub sroi: crate::domain::matching::SroiIndex,
    pub orgs: FxHashMap<Id, usize>,
    pub cases_by_id: FxHashMap<Id, usize>,
    pub case_rows: Vec<CaseRow>,
    pub exception_rows: Vec<ExceptionRow>,
    pub counters: Counters,
    /// Columns wide enough for the longest case and exception number
    /// (C10025 at region scale): a cut number would name another record.
    pub number_widths: NumberWidths,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberWidths {
    pub case: u16,
    pub exception: u16,
}

impl NumberWidths {
    fn of(data: &Dataset) -> NumberWidths {
        let widest = |numbers: &mut dyn Iterator<Item = &String>| {
            numbers.map(|n| n.chars().count()).max().unwrap_or(0).max(4) as u16
        };
        NumberWidths {
            case: widest(&mut data.cases.iter().map(|c| &c.number)),
            exception: widest(&mut data.exceptions.iter().map(|x| &x.number)),
        }
    }
}

pub struct Model {
    pub lang: Lang,
    pub ctx: Ctx,
    /// The records. Its notes arrive after the first frame (see
    /// [`Model::notes_loaded`]); everything derived reads [`Model::note_heads`].
    pub data: Dataset,
    /// The head of every note in the store, kept in step with each change.
    pub note_heads: Vec<NoteHead>,
    /// Whether `data.notes` holds every note's text (a model made from a whole
    /// dataset). The dashboard's does not: it reads a record's notes when a
    /// view shows them, into `record_notes`.
    pub notes_loaded: bool,
    /// The notes of the record the detail or review view shows.
    pub record_notes: Option<RecordNotes>,
    pub settings: Settings,
    pub views: Views,
    pub focus: Pane,
    /// Selected row per pane.
    pub selected: [usize; 3],
    /// The `/` filter text per pane.
    pub filters: [String; 3],
    pub sort: SortBy,
    pub scope: Scope,
    pub mode: Mode,
    pub help: bool,
    /// Scroll position of the detail view, in lines.
    pub detail_scroll: u16,
    /// The furthest the detail view can scroll, as last drawn.
    pub detail_max: u16,
    /// Rows a page holds, as last drawn (for PageUp/PageDown).
    pub page: usize,
    pub status: Option<Status>,
    pub undo: Vec<Undo>,
    pub quit: bool,
}

impl Model {
    /// A model of a dataset with its notes loaded.
    pub fn new(data: Dataset, settings: Settings, ctx: Ctx, lang: Lang) -> Model {
        let heads = data.note_heads();
        Model::with_note_heads(data, heads, true, settings, ctx, lang)
    }

    /// A model whose note texts may come later: `heads` are those of every
    /// note in the store; `notes_loaded` says whether `data.notes` holds them.
    pub fn with_note_heads(
        data: Dataset,
        note_heads: Vec<NoteHead>,
        notes_loaded: bool,
        settings: Settings,
        ctx: Ctx,
        lang: Lang,
    ) -> Model {
        let mut m = Model {
            lang,
            ctx,
            data,
            note_heads,
            notes_loaded,
            record_notes: None,
            settings,
            views: Views::empty(),
            focus: Pane::Cases,
            selected: [0; 3],
            filters: Default::default(),
            sort: SortBy::Health,
            scope: Scope::All,
            mode: Mode::Normal,
            help: false,
            detail_scroll: 0,
            detail_max: 0,
            page: 10,
            status: None,
            undo: Vec::new(),
            quit: false,
        };
        m.rebuild();
        m
    }

    /// Recompute the derived views. The selection follows its record when the
    /// order changes (a note can turn a stalled exception Ok) and stays in range.
    pub fn rebuild(&mut self) {
        self.rebuild_after(None);
    }

    /// Recompute the derived views after a change of `changed` (`None`: of
    /// anything). What depends only on records that did not change is kept:
    /// the keyword index without a department change, the SROI index without
    /// an organisation change, and the normalised cells of unchanged rows.
    /// That keeps a change keystroke within a frame at region scale.
    fn rebuild_after(&mut self, changed: Option<&Changed>) {
        // The selection is read from the old views, so they are taken apart
        // only inside `keep_selection`.
        self.keep_selection(|m| {
            let old = std::mem::replace(&mut m.views, Views::empty());
            m.views = m.derive(old, changed);
            let (cases, exceptions) =
                m.views
                    .rows(&m.data, &m.filters, m.scope, &m.ctx.user, m.sort);
            m.views.case_rows = cases;
            m.views.exception_rows = exceptions;
        });
    }

    /// The views for the data as it is now, reusing from `old` what
    /// `changed` did not touch (see [`Model::rebuild_after`]).
    fn derive(&self, mut old: Views, changed: Option<&Changed>) -> Views {
        // New notes and nothing else (the commonest change): add them to the
        // activity index instead of building it again.
        let activity = match changed {
            Some(c)
                if c.kinds.iter().all(|k| *k == Kind::Note) && c.new_notes.len() == c.ids.len() =>
            {
                let mut activity = std::mem::take(&mut old.activity);
                for note in &c.new_notes {
                    activity.add_note(&self.data, note);
                }
                activity
            }
            _ => ActivityIndex::build_with(&self.data, self.note_heads.iter().copied()),
        };
        let keep = |kind: Kind| changed.is_some_and(|c| !c.kinds.contains(&kind));
        let keywords = match keep(Kind::Department) {
            true => old.keywords,
            false => KeywordIndex::build(&self.data.departments),
        };
        let sroi = match keep(Kind::Organisation) {
            true => old.sroi,
            false => crate::domain::matching::SroiIndex::build(&self.data),
        };
        // Cells show the organisation's name and (for exceptions) the case's
        // number: an organisation change renews them all.
        let mut cells = Cells::default();
        if keep(Kind::Organisation)
            && let Some(changed) = changed
        {
            cells.cases = old
                .base_cases
                .into_iter()
                .map(|b| (self.data.cases[b.idx].id, b.cells))
                .filter(|(id, _)| !changed.ids.contains(id))
                .collect();
            cells.exceptions = old
                .base_exceptions
                .into_iter()
                .filter_map(|b| {
                    let x = self.data.exceptions.get(b.idx)?;
                    let fresh = !changed.ids.contains(&x.id) && !changed.ids.contains(&x.case);
                    fresh.then_some((x.id, b.cells))
                })
                .collect();
        }
        Views::build(self, activity, keywords, sroi, cells)
    }

    /// After a filter, sort or scope key: the data did not change, so the
    /// activity and keyword indexes are reused and only the rows are rebuilt.
    pub fn refilter(&mut self) {
        self.keep_selection(|m| {
            let (cases, exceptions) =
                m.views
                    .rows(&m.data, &m.filters, m.scope, &m.ctx.user, m.sort);
            m.views.case_rows = cases;
            m.views.exception_rows = exceptions;
        });
    }

    /// Run `change` on the views and keep the selected case and exception
    /// selected wherever their rows land, within range.
    fn keep_selection(&mut self, change: impl FnOnce(&mut Model)) {
        let case = self.selected_case().map(|c| c.id);
        let exception = self.selected_exception().map(|(x, _)| x.id);
        change(self);
        if let Some(i) = case.and_then(|id| {
            self.views
                .case_rows
                .iter()
                .position(|r| self.data.cases[r.idx].id == id)
        }) {
            self.selected[Pane::Cases.index()] = i;
        }
        if let Some(i) = exception.and_then(|id| {
            self.views
                .exception_rows
                .iter()
                .position(|r| self.data.exceptions[r.idx].id == id)
        }) {
            self.selected[Pane::Exceptions.index()] = i;
        }
        for pane in Pane::ALL {
            let len = self.len(pane);
            let sel = &mut self.selected[pane.index()];
            *sel = (*sel).min(len.saturating_sub(1));
        }
    }

    pub fn len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Cases => self.views.case_rows.len(),
            Pane::Hooks => self.hook_rows().len(),
            Pane::Exceptions => self.views.exception_rows.len(),
        }
    }

    pub fn org_name(&self, id: Id) -> &str {
        self.views
            .orgs
            .get(&id)
            .map_or("?", |i| self.data.organisations[*i].name.as_str())
    }

    pub fn case(&self, id: Id) -> Option<&Case> {
        self.views
            .cases_by_id
            .get(&id)
            .map(|i| &self.data.cases[*i])
    }

    pub fn selected_case(&self) -> Option<&Case> {
        let row = self
            .views
            .case_rows
            .get(self.selected[Pane::Cases.index()])?;
        self.data.cases.get(row.idx)
    }

    pub fn selected_exception(&self) -> Option<(&ProcurementException, &ExceptionStatus)> {
        let row = self
            .views
            .exception_rows
            .get(self.selected[Pane::Exceptions.index()])?;
        Some((&self.data.exceptions[row.idx], &row.status))
    }

    /// The haakjes of the selected case, filtered by the hooks pane's filter.
    pub fn hook_rows(&self) -> Vec<HookRow> {
        let Some(case) = self.selected_case() else {
            return Vec::new();
        };
        let filter = Filter::new(&self.filters[Pane::Hooks.index()]);
        case.hooks
            .iter()
            .filter_map(|link| {
                let hook = self.data.hooks.iter().find(|h| h.id == link.hook).cloned();
                let title = hook.as_ref().map_or("?", |h| h.title.as_str());
                let number = hook.as_ref().map_or("?", |h| h.number.as_str());
                let (_, highlights) = filter.matches(&[number, title, &link.quote])?;
                let expiry = hook
                    .as_ref()
                    .map_or(Expiry::Valid, |h| hook_expiry(h, self.ctx.today));
                Some(HookRow {
                    link: link.clone(),
                    hook,
                    expiry,
                    highlights,
                })
            })
            .collect()
    }

    /// The departments for a lookup query, best first; all of them, by number,
    /// while the query is blank (browsing the departments).
    pub fn lookup_rows(&self, query: &str) -> Vec<LookupRow> {
        let index_of = |id: Id| self.data.departments.iter().position(|d| d.id == id);
        if query.trim().is_empty() {
            return (0..self.data.departments.len())
                .map(|department| LookupRow {
                    department,
                    hit: None,
                })
                .collect();
        }
        self.views
            .keywords
            .lookup(query)
            .into_iter()
            .filter_map(|hit| {
                Some(LookupRow {
                    department: index_of(hit.department)?,
                    hit: Some(hit),
                })
            })
            .collect()
    }

    /// The exception at item `i` of today's review.
    pub fn review_item(&self, i: usize) -> Option<&ProcurementException> {
        self.views
            .review
            .get(i)
            .map(|r| &self.data.exceptions[r.idx])
    }

    /// Items of today's review that have had no qualifying action yet.
    pub fn review_open(&self) -> usize {
        self.views.review.iter().filter(|r| !r.done).count()
    }

    /// Every open exception with its status as derived at the last change
    /// (for the age chart), without recomputing any.
    pub fn open_exception_statuses(&self) -> Vec<(&ProcurementException, ExceptionStatus)> {
        self.views
            .base_exceptions
            .iter()
            .map(|b| (&self.data.exceptions[b.idx], b.status.clone()))
            .collect()
    }

    /// The buyers with an SROI obligation, by number.
    pub fn buyers(&self) -> Vec<&Organisation> {
        self.data
            .organisations
            .iter()
            .filter(|o| o.kind == OrgKind::Buyer)
            .collect()
    }

    /// The record the focused pane points at (for `Enter`, notes, follow-ups).
    pub fn focused_record(&self) -> Option<RecordRef> {
        match self.focus {
            Pane::Cases | Pane::Hooks => self.selected_case().map(Record::record_ref),
            Pane::Exceptions => self.selected_exception().map(|(x, _)| x.record_ref()),
        }
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            tone,
        });
    }

    /// The record whose notes the current view shows, if any.
    pub fn notes_needed(&self) -> Option<RecordRef> {
        match self.mode {
            Mode::Detail(r) => Some(r),
            Mode::Review(i) => self.review_item(i).map(|x| x.record_ref()),
            _ => None,
        }
    }

    /// Take a change that the store has saved into the in-memory data.
    pub fn commit(&mut self, change: Change) {
        let undoing = change.undo.is_none();
        for r in &change.delete {
            self.data.remove(*r);
            if r.kind == Kind::Note {
                self.note_heads.retain(|n| n.id != r.id);
            }
        }
        let mut changed = Changed::of(&change);
        // Notes of the shown record are read again (App::sync_notes).
        if changed.kinds.contains(&Kind::Note) {
            self.record_notes = None;
        }
        for r in change.save {
            if let AnyRecord::Note(n) = &r {
                match self.note_heads.iter_mut().find(|h| h.id == n.id) {
                    Some(head) => *head = n.head(),
                    None => {
                        self.note_heads.push(n.head());
                        changed.new_notes.push(n.head());
                    }
                }
            }
            self.data.upsert(r);
        }
        match change.undo {
            Some(undo) => self.undo.push(undo),
            None => {
                self.undo.pop();
            }
        }
        // A record deleted from the middle of a list moves the others.
        match change.delete.is_empty() {
            true => self.rebuild_after(Some(&changed)),
            false => self.rebuild(),
        }
        // A detail view whose record an undo removed goes back to the overview.
        if let Mode::Detail(r) = self.mode
            && self.data.get(r).is_none()
        {
            self.mode = Mode::Normal;
        }
        // An undo is saved too, but says so itself.
        let tone = if undoing { Tone::Info } else { Tone::Saved };
        self.say(tone, change.message);
    }
}

/// The notes of one record, as read from the store (or why they could not be).
pub struct RecordNotes {
    pub about: RecordRef,
    pub notes: Result<Vec<Note>, String>,
}

/// The records a change touched.
struct Changed {
    kinds: FxHashSet<Kind>,
    ids: FxHashSet<Id>,
    /// The heads of the notes it added (not of notes it changed).
    new_notes: Vec<NoteHead>,
}

impl Changed {
    /// What `change` touches; `new_notes` is filled as it is committed.
    fn of(change: &Change) -> Changed {
        let touched = || {
            let deleted = change.delete.iter().map(|r| (r.kind, r.id));
            deleted.chain(change.save.iter().map(|r| (r.kind(), r.id())))
        };
        Changed {
            kinds: touched().map(|(kind, _)| kind).collect(),
            ids: touched().map(|(_, id)| id).collect(),
            new_notes: Vec::new(),
        }
    }
}

/// Normalised cells kept from the previous views, by record id.
#[derive(Default)]
struct Cells {
    cases: FxHashMap<Id, [Normalised; 3]>,
    exceptions: FxHashMap<Id, [Normalised; 4]>,
}

impl Views {
    /// The rows the panes show: the base filtered by the panes' filters and
    /// the scope, exceptions in the chosen order. No data is recomputed.
    fn rows(
        &self,
        data: &Dataset,
        filters: &[String; 3],
        scope: Scope,
        user: &str,
        sort: SortBy,
    ) -> (Vec<CaseRow>, Vec<ExceptionRow>) {
        let case_filter = Filter::new(&filters[Pane::Cases.index()]);
        let cases = self
            .base_cases
            .iter()
            .filter(|b| scope == Scope::All || data.cases[b.idx].owner.eq_ignore_ascii_case(user))
            .filter_map(|b| {
                let cells: Vec<&Normalised> = b.cells.iter().collect();
                let (_, highlights) = case_filter.matches_normalised(&cells)?;
                Some(CaseRow {
                    idx: b.idx,
                    triage: b.triage,
                    inactivity: b.inactivity,
                    open_blockers: b.open_blockers,
                    highlights,
                })
            })
            .collect();
        let exc_filter = Filter::new(&filters[Pane::Exceptions.index()]);
        let mut exceptions: Vec<ExceptionRow> = self
            .base_exceptions
            .iter()
            .filter_map(|b| {
                let cells: Vec<&Normalised> = b.cells.iter().collect();
                let (_, highlights) = exc_filter.matches_normalised(&cells)?;
                Some(ExceptionRow {
                    idx: b.idx,
                    status: b.status.clone(),
                    highlights,
                })
            })
            .collect();
        match sort {
            SortBy::Health => exceptions.sort_by(|a, b| ageing::worst_first(&a.status, &b.status)),
            SortBy::TotalAge => {
                exceptions.sort_by_key(|r| std::cmp::Reverse(r.status.ages.total_days))
            }
            SortBy::StageAge => {
                exceptions.sort_by_key(|r| std::cmp::Reverse(r.status.ages.stage_days))
            }
        }
        (cases, exceptions)
    }

    fn empty() -> Views {
        Views {
            activity: ActivityIndex::default(),
            base_cases: Vec::new(),
            base_exceptions: Vec::new(),
            review: Vec::new(),
            keywords: KeywordIndex::build(&[]),
            sroi: crate::domain::matching::SroiIndex::build(&Dataset::default()),
            orgs: FxHashMap::default(),
            cases_by_id: FxHashMap::default(),
            case_rows: Vec::new(),
            exception_rows: Vec::new(),
            counters: Counters::default(),
            number_widths: NumberWidths {
                case: 4,
                exception: 4,
            },
        }
    }

    fn build(
        m: &Model,
        activity: ActivityIndex,
        keywords: KeywordIndex,
        sroi: crate::domain::matching::SroiIndex,
        mut cells: Cells,
    ) -> Views {
        let data = &m.data;
        let today = m.ctx.today;
        let orgs: FxHashMap<Id, usize> = data
            .organisations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let cases_by_id: FxHashMap<Id, usize> = data
            .cases
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        let org_name = |id: Id| {
            orgs.get(&id)
                .map_or("?", |i| data.organisations[*i].name.as_str())
        };

        let mut counters = Counters::default();
        let mut base_cases = Vec::new();
        for (idx, c) in data.cases.iter().enumerate() {
            if !c.status.is_open() {
                continue;
            }
            counters.open_cases += 1;
            let last = activity.last_activity(c.id);
            let triage =
                !triage::case_triage(c, last.unwrap_or(c.opened_on), &m.settings, today).is_empty();
            base_cases.push(CaseBase {
                idx,
                triage,
                inactivity: last.map(|d| (today - d).num_days().max(0)),
                open_blockers: c.blockers.iter().filter(|b| b.is_open()).count(),
                cells: cells.cases.remove(&c.id).unwrap_or_else(|| {
                    [
                        Normalised::new(&c.number),
                        Normalised::new(org_name(c.organisation)),
                        Normalised::new(&c.title),
                    ]
                }),
            });
        }

        let mut base_exceptions = Vec::new();
        for (idx, x) in data.exceptions.iter().enumerate() {
            if x.stage.is_closed() {
                continue;
            }
            let last = ageing::last_activity_of(x, &activity);
            let status = ageing::exception_status(x, last, &m.settings, today);
            match status.health {
                Some(Health::Critical) => counters.critical += 1,
                Some(Health::Stalled) => counters.stalled += 1,
                Some(Health::Attention) => counters.attention += 1,
                Some(Health::Snoozed) => counters.snoozed += 1,
                _ => {}
            }
            let case = cases_by_id.get(&x.case).map(|i| &data.cases[*i]);
            base_exceptions.push(ExceptionBase {
                idx,
                status,
                cells: cells.exceptions.remove(&x.id).unwrap_or_else(|| {
                    [
                        Normalised::new(&x.number),
                        Normalised::new(case.map_or("?", |c| c.number.as_str())),
                        Normalised::new(case.map_or("?", |c| org_name(c.organisation))),
                        Normalised::new(i18n::stage(m.lang, x.stage)),
                    ]
                }),
            });
        }

        counters.tracks =
            crate::domain::tracks::track_counts(&crate::domain::tracks::open_tracks(data, today));
        for f in &data.followups {
            if followup::is_due_today(f, today) {
                counters.due_today += 1;
            }
            if followup::is_overdue(f, today) {
                counters.overdue += 1;
            }
        }

        let exception_index: FxHashMap<Id, usize> = data
            .exceptions
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id, i))
            .collect();
        let review = crate::domain::review::review_items(data, &activity, &m.settings, today)
            .into_iter()
            .filter_map(|item| {
                Some(ReviewRow {
                    idx: *exception_index.get(&item.exception.id)?,
                    status: item.status,
                    done: item.done,
                })
            })
            .collect();
        Views {
            review,
            activity,
            base_cases,
            base_exceptions,
            sroi,
            case_rows: Vec::new(),
            exception_rows: Vec::new(),
            keywords,
            orgs,
            cases_by_id,
            counters,
            number_widths: NumberWidths::of(data),
        }
    }
}
