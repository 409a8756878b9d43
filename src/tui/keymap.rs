//! (mode, key) → action, as data. The help overlay is generated from the same
//! tables, so it always lists exactly the keys that work.

use super::action::Action;
use super::action::Pane;
use super::state::Mode;
use crate::domain::Kind;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One line of the keymap: the keys, how help shows them, and the action.
pub struct Binding {
    pub keys: &'static [KeyCode],
    pub label: &'static str,
    pub action: Action,
}

const fn b(keys: &'static [KeyCode], label: &'static str, action: Action) -> Binding {
    Binding {
        keys,
        label,
        action,
    }
}

use KeyCode::*;

const NAVIGATION: &[Binding] = &[
    b(&[Char('j'), Down], "j/↓", Action::Down),
    b(&[Char('k'), Up], "k/↑", Action::Up),
    b(&[Char('g'), Home], "g", Action::Top),
    b(&[Char('G'), End], "G", Action::Bottom),
    b(&[PageDown], "PgDn", Action::PageDown),
    b(&[PageUp], "PgUp", Action::PageUp),
];

pub const NORMAL: &[Binding] = &[
    b(&[Char('q')], "q", Action::Quit),
    b(&[Char('?')], "?", Action::ToggleHelp),
    b(&[Tab], "Tab", Action::NextPane),
    b(&[BackTab], "Shift-Tab", Action::PrevPane),
    b(&[Char('1')], "1", Action::Focus(Pane::Cases)),
    b(&[Char('2')], "2", Action::Focus(Pane::Hooks)),
    b(&[Char('3')], "3", Action::Focus(Pane::Exceptions)),
    b(&[Enter], "Enter", Action::Open),
    b(&[Esc], "Esc", Action::Back),
    b(&[Char('/')], "/", Action::StartFilter),
    b(&[Char(':')], ":", Action::OpenPalette),
    b(&[Char('F')], "F", Action::OpenFollowUps),
    b(&[Char('m')], "m", Action::ToggleScope),
    b(&[Char('s')], "s", Action::CycleSort),
    b(&[Char('u')], "u", Action::Undo),
    b(&[Char('n')], "n", Action::NewNote),
    b(&[Char('f')], "f", Action::NewFollowUp),
    b(&[Char('>')], ">", Action::StageForward),
    b(&[Char('<')], "<", Action::StageBack),
    b(&[Char('x')], "x", Action::StageClose),
    b(&[Char('z')], "z", Action::Snooze),
    b(&[Char('Z')], "Z", Action::Unsnooze),
    b(&[Char('b')], "b", Action::AddBlocker),
    b(&[Char('B')], "B", Action::ResolveBlocker),
    b(&[Char('h')], "h", Action::LinkHook),
    b(&[Char('d'), Delete], "d", Action::UnlinkHook),
    b(&[Char('c')], "c", Action::NewCase),
    b(&[Char('e')], "e", Action::EditCase),
    b(&[Char('X')], "X", Action::NewException),
    b(&[Char('o')], "o", Action::OpenLookup),
    b(&[Char('r')], "r", Action::OpenReview),
    b(&[Char('a')], "a", Action::OpenMorning),
    b(&[Char('t')], "t", Action::OpenTracks),
    b(&[Char('i')], "i", Action::OpenSroi),
];

pub const TRACKS: &[Binding] = &[
    b(&[Char('q')], "q", Action::Quit),
    b(&[Char('?')], "?", Action::ToggleHelp),
    b(&[Esc], "Esc", Action::Back),
    b(&[Char('j'), Down], "j/↓", Action::Down),
    b(&[Char('k'), Up], "k/↑", Action::Up),
    b(&[Enter], "Enter", Action::Open),
    b(&[Char('m')], "m", Action::AddMilestone),
    b(&[Char('c')], "c", Action::CloseTrack),
    b(&[Char('n')], "n", Action::NewTrack),
    b(&[Char('e')], "e", Action::EditTrack),
    b(&[Char('x')], "x", Action::AcceptExpiry),
    b(&[Char('u')], "u", Action::Undo),
    b(&[Char('i')], "i", Action::OpenSroi),
    b(&[Char(':')], ":", Action::OpenPalette),
];

pub const SROI: &[Binding] = &[
    b(&[Enter], "Enter", Action::Submit),
    b(&[Esc], "Esc", Action::Back),
    b(&[Down], "↓", Action::Down),
    b(&[Up], "↑", Action::Up),
    b(&[Left], "←", Action::ChoiceLeft),
    b(&[Right], "→", Action::ChoiceRight),
    b(&[Backspace], "Backspace", Action::Backspace),
];

pub const REVIEW: &[Binding] = &[
    b(&[Char('q')], "q", Action::Quit),
    b(&[Char('?')], "?", Action::ToggleHelp),
    b(&[Esc], "Esc", Action::Back),
    b(
        &[Char('l'), Right, Char(' ')],
        "l/→/spatie",
        Action::NextItem,
    ),
    b(&[Char('h'), Left], "h/←", Action::PrevItem),
    b(&[Char('s')], "s", Action::Skip),
    b(&[Char('n')], "n", Action::NewNote),
    b(&[Char('f')], "f", Action::NewFollowUp),
    b(&[Char('R')], "R", Action::RepeatFollowUp),
    b(&[Char('>')], ">", Action::StageForward),
    b(&[Char('<')], "<", Action::StageBack),
    b(&[Char('x')], "x", Action::StageClose),
    b(&[Char('z')], "z", Action::Snooze),
    b(&[Char('e')], "e", Action::Escalate),
    b(&[Char('o')], "o", Action::OpenLookup),
    b(&[Char('u')], "u", Action::Undo),
    b(&[Enter], "Enter", Action::CloseDay),
    b(&[Char(':')], ":", Action::OpenPalette),
];

pub const MORNING: &[Binding] = &[
    b(&[Char('q')], "q", Action::Quit),
    b(&[Char('?')], "?", Action::ToggleHelp),
    b(&[Esc], "Esc", Action::Back),
    b(&[Enter], "Enter", Action::Open),
    b(&[Char('v')], "v", Action::CompleteFollowUp),
    b(&[Char('R')], "R", Action::RepeatFollowUp),
    b(&[Char('n')], "n", Action::NewNote),
    b(&[Char('f')], "f", Action::NewFollowUp),
    b(&[Char('u')], "u", Action::Undo),
    b(&[Char('r')], "r", Action::OpenReview),
    b(&[Char(':')], ":", Action::OpenPalette),
];

pub const DETAIL: &[Binding] = &[
    b(&[Char('q')], "q", Action::Quit),
    b(&[Char('?')], "?", Action::ToggleHelp),
    b(&[Esc, Backspace], "Esc", Action::Back),
    b(&[Char('u')], "u", Action::Undo),
    b(&[Char('n')], "n", Action::NewNote),
    b(&[Char('f')], "f", Action::NewFollowUp),
    b(&[Char('R')], "R", Action::RepeatFollowUp),
    b(&[Char('v')], "v", Action::CompleteFollowUp),
    b(&[Char('>')], ">", Action::StageForward),
    b(&[Char('<')], "<", Action::StageBack),
    b(&[Char('x')], "x", Action::StageClose),
    b(&[Char('z')], "z", Action::Snooze),
    b(&[Char('Z')], "Z", Action::Unsnooze),
    b(&[Char('b')], "b", Action::AddBlocker),
    b(&[Char('B')], "B", Action::ResolveBlocker),
    b(&[Char('h')], "h", Action::LinkHook),
    b(&[Char('e')], "e", Action::EditCase),
    b(&[Char('X')], "X", Action::NewException),
    b(&[Char('o')], "o", Action::OpenLookup),
    b(&[Char(':')], ":", Action::OpenPalette),
    b(&[Char('+')], "+", Action::AddKeyword),
    b(&[Char('-')], "-", Action::RemoveKeyword),
    b(&[Char('w')], "w", Action::MoveKeyword),
    b(&[Char('l')], "l", Action::ChangeLiaison),
];

/// The follow-ups list (`F`).
pub const FOLLOWUPS: &[Binding] = &[
    b(&[Char('q')], "q", Action::Quit),
    b(&[Char('?')], "?", Action::ToggleHelp),
    b(&[Esc], "Esc", Action::Back),
    b(&[Enter], "Enter", Action::Open),
    b(&[Char('/')], "/", Action::StartFilter),
    b(&[Char('v')], "v", Action::CompleteFollowUp),
    b(&[Char('R')], "R", Action::RepeatFollowUp),
    b(&[Char('u')], "u", Action::Undo),
    b(&[Char(':')], ":", Action::OpenPalette),
];

/// The follow-ups list while typing its filter (after `/`).
pub const FOLLOWUPS_FILTER: &[Binding] = &[
    b(&[Enter], "Enter", Action::Submit),
    b(&[Esc], "Esc", Action::Back),
    b(&[Backspace], "Backspace", Action::Backspace),
    b(&[Down], "↓", Action::Down),
    b(&[Up], "↑", Action::Up),
];

/// The detail of a certification track (Enter in the tracks view).
pub const TRACK_DETAIL: &[Binding] = &[
    b(&[Char('q')], "q", Action::Quit),
    b(&[Char('?')], "?", Action::ToggleHelp),
    b(&[Esc, Backspace], "Esc", Action::Back),
    b(&[Char('u')], "u", Action::Undo),
    b(&[Char('m')], "m", Action::AddMilestone),
    b(&[Char('e')], "e", Action::EditTrack),
    b(&[Char('c')], "c", Action::CloseTrack),
    b(&[Char('x')], "x", Action::AcceptExpiry),
    b(&[Char('n')], "n", Action::NewNote),
    b(&[Char('f')], "f", Action::NewFollowUp),
    b(&[Char('R')], "R", Action::RepeatFollowUp),
    b(&[Char('v')], "v", Action::CompleteFollowUp),
    b(&[Char(':')], ":", Action::OpenPalette),
];

pub const LOOKUP: &[Binding] = &[
    b(&[Enter], "Enter", Action::Submit),
    b(&[Tab], "Tab", Action::FileBlocker),
    b(&[Esc], "Esc", Action::Back),
    b(&[Down], "↓", Action::Down),
    b(&[Up], "↑", Action::Up),
    b(&[Backspace], "Backspace", Action::Backspace),
];

pub const PALETTE: &[Binding] = &[
    b(&[Enter], "Enter", Action::Submit),
    b(&[Esc], "Esc", Action::Back),
    b(&[Down], "↓", Action::Down),
    b(&[Up], "↑", Action::Up),
    b(&[Backspace], "Backspace", Action::Backspace),
];

pub const FILTER: &[Binding] = &[
    b(&[Enter], "Enter", Action::Submit),
    b(&[Esc], "Esc", Action::Back),
    b(&[Backspace], "Backspace", Action::Backspace),
    b(&[Down], "↓", Action::Down),
    b(&[Up], "↑", Action::Up),
];

pub const FORM: &[Binding] = &[
    b(&[Enter], "Enter", Action::Submit),
    b(&[Esc], "Esc", Action::Back),
    b(&[Tab], "Tab", Action::NextField),
    b(&[BackTab], "Shift-Tab", Action::PrevField),
    b(&[Down], "↓", Action::FieldDown),
    b(&[Up], "↑", Action::FieldUp),
    b(&[Left], "←", Action::ChoiceLeft),
    b(&[Right], "→", Action::ChoiceRight),
    b(&[Backspace], "Backspace", Action::Backspace),
];

pub const CONFIRM: &[Binding] = &[
    b(&[Char('j'), Char('y')], "j", Action::Yes),
    b(&[Char('n'), Esc], "n/Esc", Action::No),
];

pub const HELP: &[Binding] = &[
    b(&[Char('?'), Esc], "?/Esc", Action::ToggleHelp),
    b(&[Char('q')], "q", Action::Quit),
];

/// The few keys the hint line shows in a mode; `?` lists them all.
pub fn hints(mode: &Mode, help: bool) -> &'static [Action] {
    use Action::*;
    if help {
        return &[ToggleHelp, Quit];
    }
    match mode {
        Mode::Normal => &[
            Quit,
            ToggleHelp,
            NextPane,
            Open,
            StartFilter,
            OpenPalette,
            OpenMorning,
            OpenLookup,
            NewNote,
            NewFollowUp,
            StageForward,
            Snooze,
            Undo,
        ],
        Mode::Detail(r) if r.kind == Kind::Track => &[
            Back,
            ToggleHelp,
            AddMilestone,
            EditTrack,
            CloseTrack,
            AcceptExpiry,
            NewNote,
            Undo,
        ],
        Mode::Detail(_) => &[
            Back,
            ToggleHelp,
            NewNote,
            NewFollowUp,
            RepeatFollowUp,
            StageForward,
            Snooze,
            Undo,
        ],
        Mode::Filter => &[Submit, Back, Backspace],
        Mode::Form(_) => &[Submit, NextField, ChoiceRight, Back],
        Mode::Confirm(_) => &[Yes, No],
        Mode::Lookup(_) => &[Submit, FileBlocker, Down, Back],
        Mode::Review(_) => &[
            NextItem,
            PrevItem,
            NewNote,
            NewFollowUp,
            RepeatFollowUp,
            StageForward,
            Snooze,
            Escalate,
            CloseDay,
            Back,
        ],
        Mode::Morning(_) => &[
            Down,
            Open,
            CompleteFollowUp,
            RepeatFollowUp,
            NewNote,
            OpenReview,
            Back,
            ToggleHelp,
        ],
        Mode::Tracks(_) => &[
            Open,
            AddMilestone,
            CloseTrack,
            NewTrack,
            AcceptExpiry,
            OpenSroi,
            Back,
        ],
        Mode::Sroi(_) => &[ChoiceRight, Submit, Down, Back],
        Mode::Palette(_) => &[Submit, Down, Back],
        Mode::FollowUps(l) if l.typing => &[Submit, Back, Backspace],
        Mode::FollowUps(_) => &[
            Down,
            Open,
            StartFilter,
            CompleteFollowUp,
            RepeatFollowUp,
            Undo,
            Back,
            ToggleHelp,
        ],
    }
}

/// The keymap of a mode (the help overlay covers any mode).
pub fn bindings(mode: &Mode, help: bool) -> Vec<&'static Binding> {
    if help {
        return HELP.iter().collect();
    }
    match mode {
        Mode::Normal => NORMAL.iter().chain(NAVIGATION).collect(),
        Mode::Detail(r) if r.kind == Kind::Track => TRACK_DETAIL.iter().chain(NAVIGATION).collect(),
        Mode::Detail(_) => DETAIL.iter().chain(NAVIGATION).collect(),
        Mode::Filter => FILTER.iter().collect(),
        Mode::Form(_) => FORM.iter().collect(),
        Mode::Confirm(_) => CONFIRM.iter().collect(),
        Mode::Lookup(_) => LOOKUP.iter().collect(),
        Mode::Review(_) => REVIEW.iter().collect(),
        Mode::Morning(_) => MORNING.iter().chain(NAVIGATION).collect(),
        Mode::Tracks(_) => TRACKS.iter().collect(),
        Mode::Sroi(_) => SROI.iter().collect(),
        Mode::Palette(_) => PALETTE.iter().collect(),
        Mode::FollowUps(l) if l.typing => FOLLOWUPS_FILTER.iter().collect(),
        Mode::FollowUps(_) => FOLLOWUPS.iter().chain(NAVIGATION).collect(),
    }
}

/// The action a key asks for in a mode; `None` for a key that means nothing there.
pub fn action(mode: &Mode, help: bool, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            Char('c') | Char('q') => Some(Action::Quit),
            _ => None,
        };
    }
    if let Some(b) = bindings(mode, help)
        .into_iter()
        .find(|b| b.keys.contains(&key.code))
    {
        return Some(b.action);
    }
    // Typing goes into the filter or the focused form field.
    match (mode, key.code) {
        (
            Mode::Filter | Mode::Form(_) | Mode::Lookup(_) | Mode::Sroi(_) | Mode::Palette(_),
            Char(c),
        ) if !help => Some(Action::Input(c)),
        (Mode::FollowUps(l), Char(c)) if l.typing && !help => Some(Action::Input(c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn normal_mode_keys_of_the_product_brief() {
        let m = Mode::Normal;
        let cases = [
            (Char('q'), Action::Quit),
            (Char('?'), Action::ToggleHelp),
            (Tab, Action::NextPane),
            (BackTab, Action::PrevPane),
            (Char('j'), Action::Down),
            (Down, Action::Down),
            (Char('k'), Action::Up),
            (Up, Action::Up),
            (Char('g'), Action::Top),
            (Char('G'), Action::Bottom),
            (Enter, Action::Open),
            (Esc, Action::Back),
            (Char('/'), Action::StartFilter),
            (Char('3'), Action::Focus(Pane::Exceptions)),
        ];
        for (code, want) in cases {
            assert_eq!(action(&m, false, key(code)), Some(want), "{code:?}");
        }
    }

    #[test]
    fn typing_in_the_filter_is_text_not_commands() {
        assert_eq!(
            action(&Mode::Filter, false, key(Char('q'))),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action(&Mode::Filter, false, key(Char('j'))),
            Some(Action::Input('j'))
        );
        assert_eq!(action(&Mode::Filter, false, key(Esc)), Some(Action::Back));
    }

    #[test]
    fn colon_opens_find_anything_where_typing_is_text() {
        let detail = Mode::Detail(crate::domain::RecordRef {
            kind: crate::domain::Kind::Case,
            id: crate::domain::Id::nil(),
        });
        for mode in [
            Mode::Normal,
            detail,
            Mode::Review(0),
            Mode::Morning(0),
            Mode::Tracks(0),
            Mode::FollowUps(Box::default()),
        ] {
            assert_eq!(
                action(&mode, false, key(Char(':'))),
                Some(Action::OpenPalette),
                "{mode:?}"
            );
        }
        let palette = Mode::Palette(Box::new(crate::tui::state::Palette {
            query: String::new(),
            selected: 0,
            records: Vec::new(),
            notes: None,
            back: None,
        }));
        for c in ['q', 'j', ':', 'C', '1'] {
            assert_eq!(
                action(&palette, false, key(Char(c))),
                Some(Action::Input(c))
            );
        }
        assert_eq!(action(&palette, false, key(Enter)), Some(Action::Submit));
        assert_eq!(action(&palette, false, key(Esc)), Some(Action::Back));
        assert_eq!(action(&palette, false, key(Down)), Some(Action::Down));
        assert!(hints(&Mode::Normal, false).contains(&Action::OpenPalette));
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Filter] {
            assert_eq!(action(&mode, false, ctrl_c), Some(Action::Quit));
        }
        assert_eq!(action(&Mode::Normal, true, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn help_overlay_swallows_other_keys() {
        assert_eq!(action(&Mode::Normal, true, key(Char('j'))), None);
        assert_eq!(
            action(&Mode::Normal, true, key(Esc)),
            Some(Action::ToggleHelp)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for table in [
            NORMAL,
            DETAIL,
            FILTER,
            FORM,
            CONFIRM,
            HELP,
            NAVIGATION,
            LOOKUP,
            REVIEW,
            MORNING,
            TRACKS,
            SROI,
            PALETTE,
            FOLLOWUPS,
            FOLLOWUPS_FILTER,
            TRACK_DETAIL,
        ] {
            let mut seen = std::collections::HashSet::new();
            for b in table {
                for k in b.keys {
                    assert!(seen.insert(format!("{k:?}")), "{k:?} twice");
                }
            }
        }
    }

    #[test]
    fn the_morning_view_selects_opens_and_acts_and_a_is_hinted() {
        let m = Mode::Morning(0);
        let cases = [
            (Char('j'), Action::Down),
            (Up, Action::Up),
            (Enter, Action::Open),
            (Char('v'), Action::CompleteFollowUp),
            (Char('R'), Action::RepeatFollowUp),
            (Char('n'), Action::NewNote),
            (Char('G'), Action::Bottom),
        ];
        for (code, want) in cases {
            assert_eq!(action(&m, false, key(code)), Some(want), "{code:?}");
        }
        assert!(hints(&Mode::Normal, false).contains(&Action::OpenMorning));
    }
}

#[cfg(test)]
#[path = "keymap_find_tests.rs"]
mod find_tests;
