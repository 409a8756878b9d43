//! What a key asks for and what a change is: the words the keymap, `update`,
//! the flows and the loop share. A leaf: it imports only the domain and std.

use crate::domain::{AnyRecord, Dataset, RecordRef};

/// Everything a key can ask for. Keys are data (`keymap`); behaviour is `update`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    NextPane,
    PrevPane,
    Focus(Pane),
    /// A click on a pane's row: focus the pane, select the row.
    Select(Pane, usize),
    /// A click on a row of a list screen (the follow-ups list).
    SelectRow(usize),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    StartFilter,
    ToggleScope,
    CycleSort,
    Undo,
    // Changes
    NewNote,
    NewFollowUp,
    RepeatFollowUp,
    CompleteFollowUp,
    StageForward,
    StageBack,
    StageClose,
    Snooze,
    Unsnooze,
    AddBlocker,
    ResolveBlocker,
    LinkHook,
    UnlinkHook,
    NewCase,
    EditCase,
    NewException,
    OpenLookup,
    /// "Find anything": the `:` palette.
    OpenPalette,
    /// Every open follow-up, overdue first (`F`).
    OpenFollowUps,
    OpenReview,
    OpenMorning,
    OpenTracks,
    OpenSroi,
    AddMilestone,
    CloseTrack,
    NewTrack,
    EditTrack,
    AcceptExpiry,
    NextItem,
    PrevItem,
    Skip,
    Escalate,
    /// Write the day's summary note and Markdown report.
    CloseDay,
    /// In the lookup: file the blocker under the selected department.
    FileBlocker,
    AddKeyword,
    RemoveKeyword,
    MoveKeyword,
    ChangeLiaison,
    // Text input (filter and forms)
    Input(char),
    Backspace,
    NextField,
    PrevField,
    /// ↓ in a form: the next match in a search field, else the next field.
    FieldDown,
    /// ↑ in a form: the previous match in a search field, else the previous field.
    FieldUp,
    ChoiceLeft,
    ChoiceRight,
    Submit,
    // Confirmation
    Yes,
    No,
}

/// The three panes of the overview.
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

/// How the cases pane is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseSort {
    /// By number (the order they were opened in).
    Number,
    /// Triage first, then the most open blockers, then the longest quiet.
    Urgency,
    /// The longest without activity (last contact) first.
    Idle,
    /// The longest open first.
    Age,
    /// By the entrepreneur's name.
    Name,
}

impl CaseSort {
    pub fn next(self) -> CaseSort {
        match self {
            CaseSort::Number => CaseSort::Urgency,
            CaseSort::Urgency => CaseSort::Idle,
            CaseSort::Idle => CaseSort::Age,
            CaseSort::Age => CaseSort::Name,
            CaseSort::Name => CaseSort::Number,
        }
    }
}

/// Whose cases the cases pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    Mine,
}

/// What `update` asks the loop to do: the only way a key reaches the store.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    /// Save the change; only once the store has flushed it does the model
    /// take it in.
    Persist(Change),
    /// Save the day's summary note, then write the Markdown report.
    CloseDay {
        change: Change,
        report: String,
        day: chrono::NaiveDate,
    },
    /// Take back the day's summary note, then remove its Markdown report.
    UndoCloseDay {
        change: Change,
        day: chrono::NaiveDate,
    },
    Quit,
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
    /// The version (`updated_at`) of records as the user saw them when the
    /// change began (the form opened): a colleague's change to one of them
    /// since makes the store server refuse this one.
    pub based_on: Vec<(RecordRef, chrono::NaiveDateTime)>,
    /// The record to show once it is saved: a new case is selected in the
    /// cases pane.
    pub reveal: Option<RecordRef>,
}

impl Change {
    /// A change saving `save`, with its undo taken from `data` as it is
    /// before the change.
    pub fn undoable(data: &Dataset, save: Vec<AnyRecord>, message: String) -> Change {
        let undo = Undo::of(message.clone(), data, &save);
        Change {
            save,
            delete: Vec::new(),
            message,
            undo: Some(undo),
            based_on: Vec::new(),
            reveal: None,
        }
    }
}

/// How to take a change back: the records as they were, and the records it
/// added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undo {
    pub what: String,
    pub restore: Vec<AnyRecord>,
    pub remove: Vec<RecordRef>,
    /// The versions the change made: undoing is refused (on a shared store)
    /// when a colleague changed one of these records since.
    pub made: Vec<(RecordRef, chrono::NaiveDateTime)>,
    /// The day whose report file the change wrote (a day close): undoing
    /// it removes the file too.
    pub day_report: Option<chrono::NaiveDate>,
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
        let made = save
            .iter()
            .map(|r| (r.record_ref(), r.stamp().updated_at))
            .collect();
        Undo {
            what,
            restore,
            remove,
            made,
            day_report: None,
        }
    }
}
