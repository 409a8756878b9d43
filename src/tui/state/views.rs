//! The view cache: everything the screens show that is derived from the
//! data — rows, health, counters, the review, open tracks, indexes — computed
//! when the data changes (incrementally where that is safe), never per frame.

use super::cells::{Cells, OrgNames, by_id};
use super::filter::Highlights;
use crate::domain::activity::ActivityIndex;
use crate::domain::ageing::{self, ExceptionStatus, Health};
use crate::domain::certification::CertWarning;
use crate::domain::certification::TrackFlag;
use crate::domain::chart::{self, AgeChart};
use crate::domain::dayclose::{latest_review_day, stalled_since};
use crate::domain::followup;
use crate::domain::hooks::{Expiry, hook_expiry};
use crate::domain::matching::SroiIndex;
use crate::domain::text::Normalised;
use crate::domain::tracks;
use crate::domain::triage;
use crate::domain::*;
use crate::i18n;
use crate::tui::action::{Change, Scope, SortBy};
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

/// What a department has on its plate, by index into the data (see
/// [`crate::domain::plate`]).
#[derive(Default)]
pub struct PlateRows {
    /// Open blockers as (case, blocker within the case), oldest raised first.
    pub open_blockers: Vec<(usize, usize)>,
    /// How many open cases those blockers are on.
    pub cases: usize,
    /// Open exceptions waiting on the department or its cases.
    pub exceptions: Vec<usize>,
}

/// One haakje of the selected case, as the hooks pane shows it.
pub struct HookRow {
    pub link: HookLink,
    pub hook: Option<PolicyHook>,
    pub expiry: Expiry,
    pub highlights: Highlights,
}

/// One line of the lookup: a department, and how it matched (none while
/// browsing with an empty query).
pub struct LookupRow {
    pub department: usize,
    pub hit: Option<OwnerMatch>,
}

/// An open case with what the rows need, computed when the data changes; the
/// cells are normalised once (when first needed: see [`Views::case_cells`])
/// so a filter keystroke only matches.
pub struct CaseBase {
    pub idx: usize,
    pub triage: bool,
    pub inactivity: Option<i64>,
    pub open_blockers: usize,
    /// Number, organisation, title.
    pub(super) cells: OnceCell<[Normalised; 3]>,
}

/// An open exception with its status and normalised cells.
pub struct ExceptionBase {
    pub idx: usize,
    pub status: ExceptionStatus,
    /// Number, case, organisation, stage (see [`Views::exception_cells`]).
    pub(super) cells: OnceCell<[Normalised; 4]>,
    /// The day it turned stalled, for a stalled exception.
    pub stalled_since: Option<NaiveDate>,
}

pub struct CaseRow {
    pub idx: usize,
    pub triage: bool,
    pub inactivity: Option<i64>,
    pub open_blockers: usize,
    /// Its base row (in `base_cases`), whose normalised cells the filter
    /// matched: the highlights are worked out from them when the row is
    /// drawn ([`Views::case_highlights`]), for the rows on screen only.
    pub base: u32,
}

pub struct ExceptionRow {
    pub idx: usize,
    pub status: ExceptionStatus,
    pub stalled_since: Option<NaiveDate>,
    /// Highlights for number, case, organisation and stage.
    pub highlights: Highlights,
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

/// One exception of today's review: stalled at the start of the day.
pub struct ReviewRow {
    pub idx: usize,
    /// As it is now (the list itself is the one of the start of the day).
    pub status: ExceptionStatus,
    pub done: bool,
}

/// An open certification track with its deadline and warnings, by index
/// into the data.
pub struct TrackLine {
    pub track: usize,
    pub organisation: usize,
    pub deadline: NaiveDate,
    /// Negative once the deadline has passed.
    pub days_left: i64,
    pub warning: CertWarning,
    pub flags: Vec<TrackFlag>,
    /// Whether an expiry is to be proposed.
    pub proposal: bool,
}

/// Everything derived from the data, rebuilt after a change (the rows also
/// after a filter key).
pub struct Views {
    pub activity: ActivityIndex,
    /// Every open case and exception, before filter, scope and sort.
    pub base_cases: Vec<CaseBase>,
    pub base_exceptions: Vec<ExceptionBase>,
    /// Today's end-of-day review, in review order.
    pub review: Vec<ReviewRow>,
    /// The owner lookup's index over every department keyword: built when
    /// first needed, or when the dashboard is idle after drawing (see
    /// [`Views::prepare`]), so that a first frame does not wait for it.
    pub(super) keywords: OnceCell<KeywordIndex>,
    /// The SROI matching's index over the entrepreneurs' products, built as
    /// `keywords` is.
    pub(super) sroi: OnceCell<SroiIndex>,
    pub orgs: FxHashMap<Id, usize>,
    /// The language the exceptions' stage cells are in.
    pub(super) lang: i18n::Lang,
    /// Whether every base row's cells are made (see [`Views::prepare`]).
    pub(super) cells_made: Cell<bool>,
    pub cases_by_id: FxHashMap<Id, usize>,
    pub case_rows: Vec<CaseRow>,
    pub exception_rows: Vec<ExceptionRow>,
    /// The filter and scope `case_rows` are for (`None`: not made yet).
    pub(super) case_rows_for: Option<(String, Scope, crate::tui::action::CaseSort)>,
    /// The normalised case filter and scope of `case_rows`, and the base
    /// rows that could match it: where the next letter looks.
    pub(super) case_candidates: Option<(String, Scope, Vec<u32>)>,
    /// The filter, scope and order `exception_rows` are for.
    pub(super) exception_rows_for: Option<(String, Scope, SortBy)>,
    /// The case rows in triage, for the morning view.
    pub triage_rows: Vec<usize>,
    /// The exception rows that stalled since the last review, for the
    /// morning view.
    pub newly_stalled_rows: Vec<usize>,
    pub counters: Counters,
    /// The counters for the scope (`m`), as the header shows them: set with
    /// the rows, so drawing counts nothing.
    pub shown: Counters,
    /// Columns wide enough for the longest case and exception number
    /// (C10025 at region scale): a cut number would name another record.
    pub number_widths: NumberWidths,
    /// The status of every exception, open or closed, by index into the data.
    pub statuses: Vec<ExceptionStatus>,
    pub exceptions_by_id: FxHashMap<Id, usize>,
    /// Each case's exceptions, in data order.
    pub exceptions_by_case: FxHashMap<Id, Vec<usize>>,
    /// Each record's follow-ups, in data order.
    pub followups_by_about: FxHashMap<RecordRef, Vec<usize>>,
    /// Follow-ups due today or overdue, earliest first.
    pub due_followups: Vec<usize>,
    /// Each record's notes, in data order, when the model holds their texts.
    pub notes_by_target: FxHashMap<RecordRef, Vec<usize>>,
    /// Open certification tracks, most urgent first.
    pub tracks: Vec<TrackLine>,
    /// Whether each haakje is valid, ending soon or ended.
    pub hook_expiry: FxHashMap<Id, Expiry>,
    /// The buyers (organisations of kind buyer), by index, in data order.
    pub buyers: Vec<usize>,
    /// The ages of the open exceptions by health, for the morning view and
    /// the day report.
    pub age_chart: AgeChart,
    /// The last day the review was closed, today included once it is.
    pub last_review: Option<NaiveDate>,
    /// Each department's plate, for the lookup and the department view,
    /// worked out on the first look after a change (one pass over the
    /// cases and exceptions) and kept until the next (see [`Views::plate`]).
    pub(super) plates: OnceCell<FxHashMap<Id, PlateRows>>,
    /// The `:` palette's index of every record's text, built on its first
    /// key after a change (see [`crate::tui::state::Model::find_index`]).
    pub(super) find_index: OnceCell<crate::domain::find::FindIndex>,
    /// The owner lookup's last query and its rows: a key that does not
    /// change the query (a move, a redraw) looks nothing up again.
    pub(super) lookup: RefCell<Option<(String, Rc<[LookupRow]>)>>,
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

/// The records a change touched.
pub(super) struct Changed {
    pub(super) kinds: FxHashSet<Kind>,
    pub(super) ids: FxHashSet<Id>,
    /// The heads of the notes it added (not of notes it changed).
    pub(super) new_notes: Vec<NoteHead>,
}

impl Changed {
    /// What `change` touches; `new_notes` is filled as it is committed.
    pub(super) fn of(change: &Change) -> Changed {
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

/// What the views are derived from.
pub(super) struct Source<'a> {
    pub data: &'a Dataset,
    pub note_heads: &'a [NoteHead],
    pub settings: &'a Settings,
    pub today: NaiveDate,
    pub lang: i18n::Lang,
}

impl Views {
    pub(super) fn empty() -> Views {
        Views {
            activity: ActivityIndex::default(),
            base_cases: Vec::new(),
            base_exceptions: Vec::new(),
            review: Vec::new(),
            keywords: OnceCell::new(),
            sroi: OnceCell::new(),
            orgs: FxHashMap::default(),
            lang: i18n::Lang::Nl,
            cells_made: Cell::new(true),
            cases_by_id: FxHashMap::default(),
            case_rows: Vec::new(),
            exception_rows: Vec::new(),
            case_rows_for: None,
            case_candidates: None,
            exception_rows_for: None,
            triage_rows: Vec::new(),
            newly_stalled_rows: Vec::new(),
            counters: Counters::default(),
            shown: Counters::default(),
            number_widths: NumberWidths {
                case: 4,
                exception: 4,
            },
            statuses: Vec::new(),
            exceptions_by_id: FxHashMap::default(),
            exceptions_by_case: FxHashMap::default(),
            followups_by_about: FxHashMap::default(),
            due_followups: Vec::new(),
            notes_by_target: FxHashMap::default(),
            tracks: Vec::new(),
            hook_expiry: FxHashMap::default(),
            buyers: Vec::new(),
            age_chart: AgeChart::default(),
            last_review: None,
            plates: OnceCell::new(),
            find_index: OnceCell::new(),
            lookup: RefCell::new(None),
        }
    }

    /// Everything derived, from the data and (once the parts that do not
    /// need it are done) the activity index `activity` gives.
    pub(super) fn build(
        src: &Source,
        activity: impl FnOnce() -> ActivityIndex,
        notes_by_target: FxHashMap<RecordRef, Vec<usize>>,
        keywords: OnceCell<KeywordIndex>,
        sroi: OnceCell<SroiIndex>,
        mut cells: Cells,
        last_review: Option<Option<NaiveDate>>,
    ) -> Views {
        let data = src.data;
        let today = src.today;
        let orgs = by_id(&data.organisations, |o| o.id);
        let names = OrgNames { data, at: &orgs };
        let cases_by_id = by_id(&data.cases, |c| c.id);

        let mut counters = Counters::default();
        let mut exceptions_by_case: FxHashMap<Id, Vec<usize>> = FxHashMap::default();
        for (idx, x) in data.exceptions.iter().enumerate() {
            exceptions_by_case.entry(x.case).or_default().push(idx);
        }
        let open_tracks = tracks::open_tracks(data, today);
        counters.tracks = tracks::track_counts(&open_tracks);
        let track_index = by_id(&data.tracks, |t| t.id);
        let track_lines = open_tracks
            .into_iter()
            .filter_map(|r| {
                Some(TrackLine {
                    track: *track_index.get(&r.track.id)?,
                    organisation: *names.at.get(&r.organisation.id)?,
                    deadline: r.deadline,
                    days_left: r.days_left,
                    warning: r.warning,
                    proposal: tracks::expiry_proposal(r.track, today).is_some(),
                    flags: r.flags,
                })
            })
            .collect();

        let mut followups_by_about: FxHashMap<RecordRef, Vec<usize>> = FxHashMap::default();
        let mut due_followups = Vec::new();
        for (i, f) in data.followups.iter().enumerate() {
            followups_by_about.entry(f.about).or_default().push(i);
            let due_today = followup::is_due_today(f, today);
            let overdue = followup::is_overdue(f, today);
            counters.due_today += usize::from(due_today);
            counters.overdue += usize::from(overdue);
            if due_today || overdue {
                due_followups.push(i);
            }
        }
        due_followups.sort_by_key(|i| data.followups[*i].due);

        let exceptions_by_id = by_id(&data.exceptions, |x| x.id);
        let hook_expiry = data
            .hooks
            .iter()
            .map(|h| (h.id, hook_expiry(h, today)))
            .collect();
        let buyers = data
            .organisations
            .iter()
            .enumerate()
            .filter(|(_, o)| o.kind == OrgKind::Buyer)
            .map(|(i, _)| i)
            .collect();
        let number_widths = NumberWidths::of(data);
        let last_review = last_review.unwrap_or_else(|| latest_review_day(src.note_heads, today));

        // Only now is the activity index needed (see `Model::derive`).
        let activity = activity();
        let mut base_cases = Vec::new();
        for (idx, c) in data.cases.iter().enumerate() {
            if !c.status.is_open() {
                continue;
            }
            counters.open_cases += 1;
            let last = activity.last_activity(c.id);
            let triage = !triage::case_triage(c, last.unwrap_or(c.opened_on), src.settings, today)
                .is_empty();
            base_cases.push(CaseBase {
                idx,
                triage,
                inactivity: last.map(|d| (today - d).num_days().max(0)),
                open_blockers: c.blockers.iter().filter(|b| b.is_open()).count(),
                cells: cells.take_case(c.id),
            });
        }

        let mut base_exceptions = Vec::new();
        let mut statuses = Vec::with_capacity(data.exceptions.len());
        for (idx, x) in data.exceptions.iter().enumerate() {
            let last = ageing::last_activity_of(x, &activity);
            let status = ageing::exception_status(x, last, src.settings, today);
            if x.stage.is_closed() {
                statuses.push(status);
                continue;
            }
            match status.health {
                Some(Health::Critical) => counters.critical += 1,
                Some(Health::Stalled) => counters.stalled += 1,
                Some(Health::Attention) => counters.attention += 1,
                Some(Health::Snoozed) => counters.snoozed += 1,
                _ => {}
            }
            base_exceptions.push(ExceptionBase {
                idx,
                status: status.clone(),
                stalled_since: match status.is_stalled() {
                    true => stalled_since(x, last, src.settings),
                    false => None,
                },
                cells: cells.take_exception(x.id),
            });
            statuses.push(status);
        }
        let age_chart = chart::age_chart(
            &base_exceptions
                .iter()
                .map(|b| (&data.exceptions[b.idx], b.status.clone()))
                .collect::<Vec<_>>(),
        );

        let review = crate::domain::review::review_items(data, &activity, src.settings, today)
            .into_iter()
            .filter_map(|item| {
                Some(ReviewRow {
                    idx: *exceptions_by_id.get(&item.exception.id)?,
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
            case_rows_for: None,
            case_candidates: None,
            exception_rows_for: None,
            triage_rows: Vec::new(),
            newly_stalled_rows: Vec::new(),
            keywords,
            orgs,
            lang: src.lang,
            cells_made: Cell::new(false),
            cases_by_id,
            counters,
            shown: counters,
            number_widths,
            statuses,
            exceptions_by_id,
            exceptions_by_case,
            followups_by_about,
            due_followups,
            notes_by_target,
            tracks: track_lines,
            hook_expiry,
            buyers,
            age_chart,
            last_review,
            plates: OnceCell::new(),
            find_index: OnceCell::new(),
            lookup: RefCell::new(None),
        }
    }
}

impl Views {
    /// Each record's notes, by index into the data, in data order.
    pub(super) fn notes_by_target(data: &Dataset) -> FxHashMap<RecordRef, Vec<usize>> {
        let mut notes: FxHashMap<RecordRef, Vec<usize>> = FxHashMap::default();
        for (i, n) in data.notes.iter().enumerate() {
            if let Some(target) = n.target {
                notes.entry(target).or_default().push(i);
            }
        }
        notes
    }

    /// What the morning view picks from the rows: the cases in triage, and
    /// the exceptions that stalled since the last review (or at all, before
    /// the first).
    pub(super) fn index_rows(&mut self) {
        self.triage_rows = (self.case_rows.iter().enumerate())
            .filter(|(_, r)| r.triage)
            .map(|(i, _)| i)
            .collect();
        let since = self.last_review;
        self.newly_stalled_rows = (self.exception_rows.iter().enumerate())
            .filter(|(_, r)| r.status.is_stalled())
            .filter(|(_, r)| since.is_none_or(|s| r.stalled_since.is_none_or(|f| f > s)))
            .map(|(i, _)| i)
            .collect();
    }
}
