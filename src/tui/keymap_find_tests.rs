//! The keys of "find anything": the follow-ups list and the track detail
//! (kept beside `keymap` so that file stays readable).

use super::tests::key;
use super::*;

#[test]
fn capital_f_opens_the_follow_ups_list_where_v_and_r_act_and_slash_types() {
    use crate::tui::state::FollowUpList;
    assert_eq!(
        action(&Mode::Normal, false, key(Char('F'))),
        Some(Action::OpenFollowUps)
    );
    let list = Mode::FollowUps(Box::default());
    let cases = [
        (Char('j'), Action::Down),
        (PageDown, Action::PageDown),
        (Enter, Action::Open),
        (Char('v'), Action::CompleteFollowUp),
        (Char('R'), Action::RepeatFollowUp),
        (Char('/'), Action::StartFilter),
        (Esc, Action::Back),
    ];
    for (code, want) in cases {
        assert_eq!(action(&list, false, key(code)), Some(want), "{code:?}");
    }
    let typing = Mode::FollowUps(Box::new(FollowUpList {
        typing: true,
        ..FollowUpList::default()
    }));
    for c in ['v', 'R', 'j', 'q'] {
        assert_eq!(action(&typing, false, key(Char(c))), Some(Action::Input(c)));
    }
    assert_eq!(action(&typing, false, key(Enter)), Some(Action::Submit));
    assert!(hints(&list, false).contains(&Action::CompleteFollowUp));
    // Every hinted action has a key in the mode.
    for mode in [list, typing] {
        let keys = bindings(&mode, false);
        for a in hints(&mode, false) {
            assert!(keys.iter().any(|b| b.action == *a), "{a:?} in {mode:?}");
        }
    }
}

#[test]
fn a_track_detail_takes_the_track_keys_and_a_case_detail_keeps_its_own() {
    use crate::domain::{Id, RecordRef};
    let track = Mode::Detail(RecordRef {
        kind: Kind::Track,
        id: Id::nil(),
    });
    let case = Mode::Detail(RecordRef {
        kind: Kind::Case,
        id: Id::nil(),
    });
    let cases = [
        (Char('m'), Action::AddMilestone, None),
        (Char('e'), Action::EditTrack, Some(Action::EditCase)),
        (Char('c'), Action::CloseTrack, None),
        (Char('x'), Action::AcceptExpiry, Some(Action::StageClose)),
        (Char('n'), Action::NewNote, Some(Action::NewNote)),
        (Esc, Action::Back, Some(Action::Back)),
    ];
    for (code, on_track, on_case) in cases {
        assert_eq!(action(&track, false, key(code)), Some(on_track), "{code:?}");
        assert_eq!(action(&case, false, key(code)), on_case, "{code:?}");
    }
    assert_eq!(
        action(&Mode::Tracks(0), false, key(Enter)),
        Some(Action::Open)
    );
}
