//! The dashboard's state, split by concern: where the user is (`screen`),
//! what is derived from the data (`views`, the cache the renderer draws
//! from, and `rows`), the undo stack (`undo`) and the `/` filter (`filter`).
//! Changed only by `update` and the flows; read by `ui`.

mod cache;
mod cells;
mod filter;
mod followup_list;
mod later;
mod morning;
mod navigate;
mod new_notes;
mod panes;
mod rows;
mod screen;
mod undo;
mod views;

pub use followup_list::{FollowUpList, FollowUpRow};
pub use morning::{MorningItem, MorningSection};
pub use screen::{
    Confirm, Lookup, Mode, NoteSearch, Palette, PaletteRow, SroiSearch, Status, Tone,
};
pub use undo::UndoStack;
pub use views::{
    CaseBase, CaseRow, Counters, ExceptionBase, ExceptionRow, HookRow, LookupRow, NumberWidths,
    PlateRows, ReviewRow, TrackLine, Views,
};

use crate::domain::ops::Ctx;
use crate::domain::*;
use crate::i18n::Lang;
use crate::tui::action::{CaseSort, Change, Pane, Scope, SortBy};
use views::Changed;

pub struct Model {
    pub lang: Lang,
    pub ctx: Ctx,
    /// The records. Its notes arrive after the first frame (see
    /// [`Model::notes_loaded`]); everything derived reads [`Model::note_heads`].
    pub data: Dataset,
    /// The head of every note in the store, kept in step with each change.
    pub note_heads: Vec<NoteHead>,
    /// Per kind the highest number this dashboard or its store has seen,
    /// undone ones included: a number freed by an undo is not handed out
    /// again ([`Model::next_number`]).
    issued: Issued,
    /// Whether `data.notes` holds every note's text (a model made from a whole
    /// dataset). The dashboard's does not: it reads a record's notes when a
    /// view shows them, into `record_notes`.
    pub notes_loaded: bool,
    /// The notes of the record the detail or review view shows.
    pub record_notes: Option<RecordNotes>,
    pub settings: Settings,
    pub views: Views,
    pub focus: Pane,
    /// Selected row per pane (see `screen` for the methods that move it).
    selected: [usize; 3],
    /// The `/` filter text per pane.
    filters: [String; 3],
    sort: SortBy,
    case_sort: CaseSort,
    scope: Scope,
    pub mode: Mode,
    pub help: bool,
    /// Scroll position of the detail view, in lines.
    pub detail_scroll: u16,
    /// The morning row a detail view was opened from: Esc goes back there.
    pub detail_from_morning: Option<usize>,
    /// The list or view a detail view was opened from (the follow-ups list,
    /// the palette's screen): Esc goes back there.
    pub detail_return: Option<Mode>,
    /// The furthest the detail view can scroll, as last drawn.
    pub detail_max: u16,
    /// Rows a page holds, as last drawn (for PageUp/PageDown).
    pub page: usize,
    status: Option<Status>,
    pub undo: UndoStack,
    pub quit: bool,
    /// Records a colleague changed since this user last opened them.
    pub changed_by_others: rustc_hash::FxHashSet<RecordRef>,
    /// Who else has the store open (through its server).
    pub others: Vec<String>,
    /// The form whose change is being saved, to bring back if it is refused.
    pub pending_form: Option<Box<crate::tui::form::Form>>,
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
            issued: Issued::default(),
            note_heads,
            notes_loaded,
            record_notes: None,
            settings,
            views: Views::empty(),
            focus: Pane::Cases,
            selected: [0; 3],
            filters: Default::default(),
            sort: SortBy::Health,
            case_sort: CaseSort::Number,
            scope: Scope::All,
            mode: Mode::Normal,
            help: false,
            detail_scroll: 0,
            detail_from_morning: None,
            detail_return: None,
            detail_max: 0,
            page: 10,
            status: None,
            undo: UndoStack::default(),
            quit: false,
            changed_by_others: Default::default(),
            others: Vec::new(),
            pending_form: None,
        };
        m.rebuild();
        m
    }

    /// Take a change that the store has saved into the in-memory data.
    pub fn commit(&mut self, change: Change) {
        let undoing = change.undo.is_none();
        self.take_in(&change);
        match change.undo {
            Some(undo) => self.undo.push(undo),
            None => {
                self.undo.pop();
            }
        }
        let mut message = change.message;
        if let Some(r) = change.reveal
            && r.kind == Kind::Case
            && let Some(why) = self.reveal_case(r.id)
        {
            message = format!("{message} · {why}");
        }
        // An undo is saved too, but says so itself.
        let tone = if undoing { Tone::Info } else { Tone::Saved };
        self.say(tone, message);
    }

    /// Take in a change a colleague made (already in the store): the data
    /// and the views follow, the records it touched are marked until opened,
    /// and the status line says who did what. Nothing goes on the undo stack:
    /// `u` undoes only this user's own changes.
    pub fn take_remote(&mut self, save: Vec<AnyRecord>, delete: Vec<RecordRef>, said: String) {
        let touched: Vec<RecordRef> = save
            .iter()
            .map(AnyRecord::record_ref)
            .chain(delete.iter().copied())
            .collect();
        let change = Change {
            save,
            delete,
            message: String::new(),
            undo: None,
            based_on: Vec::new(),
            reveal: None,
        };
        self.take_in(&change);
        for r in touched {
            // A note marks the record it is on.
            let marked = match self.data.get(r) {
                Some(AnyRecord::Note(n)) => n.target.unwrap_or(r),
                Some(AnyRecord::FollowUp(f)) => f.about,
                _ => r,
            };
            if self.mode != Mode::Detail(marked) {
                self.changed_by_others.insert(marked);
            }
        }
        self.say(Tone::Info, said);
    }

    /// The whole store read again (after the server came back): the views
    /// follow; where the user is stays.
    pub fn replace_data(&mut self, data: Dataset, note_heads: Vec<NoteHead>) {
        self.data = data;
        self.note_heads = note_heads;
        self.record_notes = None;
        self.rebuild();
        if let Mode::Detail(r) = self.mode
            && self.data.get(r).is_none()
        {
            self.mode = Mode::Normal;
        }
    }

    /// Opening a record clears its mark.
    pub fn seen(&mut self, r: RecordRef) {
        self.changed_by_others.remove(&r);
    }

    fn take_in(&mut self, change: &Change) {
        for r in &change.delete {
            // What is removed (an undone creation) keeps its number taken.
            let seq = match r.kind {
                Kind::Note => self.note_heads.iter().find(|h| h.id == r.id).map(|h| h.seq),
                _ => self
                    .data
                    .get(*r)
                    .and_then(|x| Number::parse(x.number()))
                    .map(|n| n.seq),
            };
            self.issued.raise(r.kind, seq.unwrap_or(0));
            self.data.remove(*r);
            if r.kind == Kind::Note {
                self.note_heads.retain(|n| n.id != r.id);
            }
        }
        let mut changed = Changed::of(change);
        // Notes of the shown record: a removed one means reading them again
        // (App::sync_notes); a saved one is put in its place.
        if change.delete.iter().any(|r| r.kind == Kind::Note) {
            self.record_notes = None;
        }
        for r in &change.save {
            if let Some(n) = Number::parse(r.number()) {
                self.issued.raise(n.kind, n.seq);
            }
            if let AnyRecord::Note(n) = r {
                self.note_shown(n);
                match self.note_heads.iter_mut().find(|h| h.id == n.id) {
                    Some(head) => *head = n.head(),
                    None => {
                        self.note_heads.push(n.head());
                        changed.new_notes.push(n.head());
                    }
                }
            }
            self.data.upsert(r.clone());
        }
        // A record deleted from the middle of a list moves the others.
        match change.delete.is_empty() {
            true => self.rebuild_after(Some(&changed)),
            false => self.rebuild(),
        }
        // A detail view whose record was removed goes back to the overview.
        if let Mode::Detail(r) = self.mode
            && self.data.get(r).is_none()
        {
            self.mode = Mode::Normal;
        }
    }
}

impl Model {
    /// Keep the notes the view shows (`record_notes`) in step with a saved
    /// note, in the store's order (by number), instead of reading them again.
    fn note_shown(&mut self, note: &Note) {
        let Some(shown) = &mut self.record_notes else {
            return;
        };
        let about = shown.about;
        let on_it = note.target == Some(about) || (about.kind == Kind::Note && about.id == note.id);
        let Ok(notes) = shown.notes.as_mut() else {
            // Not read (an error shown): read again.
            if on_it {
                self.record_notes = None;
            }
            return;
        };
        if let Some(at) = notes.iter().position(|n| n.id == note.id) {
            match on_it {
                true => notes[at] = note.clone(),
                // Moved to another record.
                false => {
                    notes.remove(at);
                }
            }
        } else if on_it {
            let key = |n: &Note| (Number::parse(&n.number), n.id);
            let at = notes.partition_point(|n| key(n) <= key(note));
            notes.insert(at, note.clone());
        }
    }

    /// The store's marks of numbers issued (numbers freed by an undo in an
    /// earlier session): new records are numbered past them.
    pub fn issued_at_least(&mut self, issued: &Issued) {
        self.issued.raise_all(issued);
    }

    /// The number for a new record of `kind`: one past the highest ever
    /// seen here or in the store, so that a number an undo freed is not
    /// given to another record.
    pub fn next_number(&self, kind: Kind) -> String {
        match kind {
            Kind::Note => self
                .issued
                .next_number(kind, self.note_heads.iter().map(|h| h.seq)),
            _ => self
                .issued
                .next_number(kind, [self.data.next_seq(kind) - 1]),
        }
    }
}

/// The notes of one record, as read from the store (or why they could not be).
pub struct RecordNotes {
    pub about: RecordRef,
    pub notes: Result<Vec<Note>, String>,
}

#[cfg(test)]
impl Model {
    /// The demo on 15-11-2024 as Anouk, without a store: for the tests of
    /// update and the state.
    pub fn demo_for_tests() -> Model {
        use crate::domain::ops::Ctx;
        use crate::fixtures::seed;
        use chrono::NaiveDate;
        let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        let ctx = Ctx {
            today,
            now: today.and_hms_opt(10, 0, 0).unwrap(),
            user: "Anouk".into(),
        };
        let (settings, mut data) = seed::reference(&ctx).unwrap();
        for r in seed::demo(today, &data).unwrap() {
            data.upsert(r);
        }
        data.sort();
        Model::new(data, settings, ctx, crate::i18n::Lang::Nl)
    }
}
