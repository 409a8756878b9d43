//! Everything a key can ask for. Keys are data (`keymap`); behaviour is `update`.

use super::model::Pane;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    ToggleHelp,
    NextPane,
    PrevPane,
    Focus(Pane),
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
    ChoiceLeft,
    ChoiceRight,
    Submit,
    // Confirmation
    Yes,
    No,
}
