//! (model, action) → optional effect: the one dispatcher. Pure, no IO, no
//! feature logic: it routes each action, by mode, to the flow of its feature
//! (`flows`). A change comes back as an [`Effect::Persist`]; the loop saves it
//! and only then commits it to the model.

use super::action::{Action, Effect};
use super::flows::{
    browse, cases, common, exceptions, followups, notes, owner, palette, review, sroi, tracks,
};
use super::form::{Form, Purpose};
use super::state::{Mode, Model};

pub fn update(m: &mut Model, action: Action) -> Option<Effect> {
    if action == Action::Quit {
        m.quit = true;
        return Some(Effect::Quit);
    }
    if action == Action::ToggleHelp {
        m.help = !m.help;
        return None;
    }
    if m.help {
        return None;
    }
    match m.mode.clone() {
        Mode::Normal => normal(m, action),
        Mode::Filter => {
            browse::filter_key(m, action);
            None
        }
        Mode::Detail(_) => detail(m, action),
        Mode::Form(f) => form(m, *f, action),
        Mode::Confirm(c) => match action {
            Action::Yes => common::answer(m, *c, true),
            Action::No => common::answer(m, *c, false),
            _ => None,
        },
        Mode::Lookup(l) => owner::lookup_key(m, *l, action),
        Mode::Review(i) => match action {
            Action::NextItem
            | Action::PrevItem
            | Action::Skip
            | Action::Back
            | Action::CloseDay
            | Action::Escalate => review::key(m, i, action),
            Action::Undo => common::undo(m),
            Action::OpenPalette => {
                palette::open(m);
                None
            }
            other => change(m, other),
        },
        Mode::Morning(i) => match action {
            Action::Back
            | Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::Open => {
                browse::morning_key(m, i, action);
                None
            }
            Action::OpenReview => review::open(m),
            Action::Undo => common::undo(m),
            Action::OpenPalette => {
                palette::open(m);
                None
            }
            other => change(m, other),
        },
        Mode::Tracks(i) => match action {
            Action::Undo => common::undo(m),
            Action::OpenPalette => {
                palette::open(m);
                None
            }
            Action::OpenSroi => {
                sroi::open(m);
                None
            }
            other => {
                tracks::key(m, i, other);
                None
            }
        },
        Mode::Sroi(s) => sroi::key(m, *s, action),
        Mode::Palette(p) => {
            palette::key(m, *p, action);
            None
        }
        Mode::FollowUps(l) => match action {
            Action::CompleteFollowUp => followups::start_step(m, false),
            Action::RepeatFollowUp => followups::start_step(m, true),
            Action::Undo => common::undo(m),
            Action::OpenPalette => {
                palette::open(m);
                None
            }
            other => {
                followups::list_key(m, *l, other);
                None
            }
        },
    }
}

fn normal(m: &mut Model, action: Action) -> Option<Effect> {
    match action {
        Action::NextPane
        | Action::PrevPane
        | Action::Focus(_)
        | Action::Select(..)
        | Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom
        | Action::Open
        | Action::Back
        | Action::StartFilter
        | Action::ToggleScope
        | Action::CycleSort
        | Action::OpenMorning => {
            browse::overview_key(m, action);
            None
        }
        Action::Undo => common::undo(m),
        Action::OpenPalette => {
            palette::open(m);
            None
        }
        Action::OpenReview => review::open(m),
        Action::OpenFollowUps => {
            followups::open_list(m);
            None
        }
        Action::OpenTracks => {
            tracks::open(m);
            None
        }
        Action::OpenSroi => {
            sroi::open(m);
            None
        }
        other => change(m, other),
    }
}

fn detail(m: &mut Model, action: Action) -> Option<Effect> {
    match action {
        Action::Back
        | Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            browse::detail_key(m, action);
            None
        }
        Action::OpenPalette => {
            palette::open(m);
            None
        }
        Action::Undo => common::undo(m),
        Action::AddMilestone | Action::EditTrack | Action::CloseTrack | Action::AcceptExpiry => {
            if let Mode::Detail(r) = m.mode {
                tracks::detail_key(m, r.id, action);
            }
            None
        }
        other => change(m, other),
    }
}

/// A key that asks for a change of the record in view (overview, detail or
/// review): the feature's flow opens its form, or makes the change at once.
fn change(m: &mut Model, action: Action) -> Option<Effect> {
    match action {
        Action::NewNote => {
            notes::start(m);
            None
        }
        Action::NewFollowUp => {
            followups::start_new(m);
            None
        }
        Action::RepeatFollowUp => followups::start_step(m, true),
        Action::CompleteFollowUp => followups::start_step(m, false),
        Action::StageForward => exceptions::stage_forward(m),
        Action::StageBack => {
            exceptions::start_stage_back(m);
            None
        }
        Action::StageClose => {
            exceptions::start_close(m);
            None
        }
        Action::Snooze => {
            exceptions::start_snooze(m);
            None
        }
        Action::Unsnooze => exceptions::unsnooze(m),
        Action::NewException => {
            exceptions::start_new(m);
            None
        }
        Action::AddBlocker => {
            cases::start_blocker(m);
            None
        }
        Action::ResolveBlocker => {
            cases::start_resolve(m);
            None
        }
        Action::LinkHook => {
            cases::start_link(m);
            None
        }
        Action::UnlinkHook => {
            cases::unlink(m);
            None
        }
        Action::NewCase => {
            cases::start_new(m);
            None
        }
        Action::EditCase => {
            cases::start_edit(m);
            None
        }
        Action::OpenLookup => {
            owner::open_lookup(m);
            None
        }
        Action::FileBlocker
        | Action::AddKeyword
        | Action::RemoveKeyword
        | Action::MoveKeyword
        | Action::ChangeLiaison => {
            owner::start_department_edit(m, action);
            None
        }
        _ => None,
    }
}

/// Keys while a form is open: edits, with the feature's live hints; Esc
/// cancels; Enter submits.
fn form(m: &mut Model, mut f: Form, action: Action) -> Option<Effect> {
    match action {
        Action::Back => {
            common::cancel_form(m, f.back);
            None
        }
        Action::Submit => submit(m, f),
        other => {
            common::edit_form(&mut f, other);
            match f.purpose {
                Purpose::Blocker { .. } => cases::blocker_hint(m, &mut f),
                Purpose::LinkHook { .. } => cases::link_hint(m, &mut f),
                Purpose::NewCase => cases::new_case_hint(m, &mut f, &other),
                Purpose::NewException { .. } => exceptions::threshold_hint(m, &mut f),
                _ => {}
            }
            m.mode = Mode::Form(Box::new(f));
            None
        }
    }
}

/// Enter in a form: a field in error keeps it open; otherwise the feature's
/// flow turns it into a change (or says why the rules refuse it).
fn submit(m: &mut Model, mut f: Form) -> Option<Effect> {
    if f.show_first_error(m.lang, m.ctx.today) {
        m.mode = Mode::Form(Box::new(f));
        return None;
    }
    let outcome = match f.purpose.clone() {
        Purpose::Note { target } => notes::submit(m, &f, target),
        Purpose::FollowUp { about } => followups::submit_new(m, &f, about),
        Purpose::RepeatFollowUp => followups::submit_step(m, &f, true),
        Purpose::CompleteFollowUp => followups::submit_step(m, &f, false),
        Purpose::StageBack { exception } | Purpose::StageClose { exception } => {
            exceptions::submit_stage(m, &f, exception)
        }
        Purpose::Snooze { exception } => exceptions::submit_snooze(m, &f, exception),
        Purpose::NewException { case } => exceptions::submit_new(m, &f, case),
        Purpose::Blocker { case } => cases::submit_blocker(m, &f, case),
        Purpose::ResolveBlocker { case } => cases::submit_resolve(m, &f, case),
        Purpose::LinkHook { case } => cases::submit_link(m, &f, case),
        Purpose::NewCase => cases::submit_new(m, &f),
        Purpose::EditCase { case } => cases::submit_edit(m, &f, case),
        Purpose::AddKeyword { department } => owner::submit_add_keyword(m, &f, department),
        Purpose::RemoveKeyword { department } => owner::submit_remove_keyword(m, &f, department),
        Purpose::MoveKeyword { department } => owner::submit_move_keyword(m, &f, department),
        Purpose::Liaison { department } => owner::submit_liaison(m, &f, department),
        Purpose::Escalate { exception } => review::submit_escalation(m, &f, exception),
        Purpose::Milestone { track } => tracks::submit_milestone(m, &f, track),
        Purpose::EditTrack { track } => tracks::submit_edit(m, &f, track),
        Purpose::CloseTrack { track } => tracks::submit_close(m, &f, track),
        Purpose::NewTrack => tracks::submit_new(m, &f),
    };
    common::finish_form(m, f, outcome)
}

#[cfg(test)]
mod tests {
    //! update without a terminal or a store: the model plus actions.
    use super::*;
    use crate::domain::*;
    use crate::tui::action::{Change, Pane};
    use crate::tui::state::Model;

    pub(super) fn model() -> Model {
        Model::demo_for_tests()
    }

    fn persisted(effect: Option<Effect>) -> Change {
        match effect {
            Some(Effect::Persist(c)) => c,
            other => panic!("expected a change, got {other:?}"),
        }
    }

    #[test]
    fn a_change_reaches_the_model_only_when_committed() {
        let mut m = model();
        update(&mut m, Action::Focus(Pane::Exceptions));
        let before = m.selected_exception().unwrap().0.clone();
        assert_eq!(before.number, "X08");
        let change = persisted(update(&mut m, Action::StageForward));
        assert_eq!(m.selected_exception().unwrap().0.stage, Stage::Decision);
        let AnyRecord::Exception(moved) = &change.save[0] else {
            panic!("an exception")
        };
        assert_eq!(moved.stage, Stage::AwardAndContract);
        m.commit(change);
        assert_eq!(
            m.selected_exception().unwrap().0.stage,
            Stage::AwardAndContract
        );
        assert_eq!(m.undo.len(), 1);
    }

    /// What a model derived, to compare a model changed key by key with one
    /// built afresh from the same data.
    fn derived(m: &Model) -> String {
        let v = &m.views;
        let cells = |c: &[crate::domain::text::Normalised]| {
            c.iter()
                .map(|n| n.text.clone())
                .collect::<Vec<_>>()
                .join("|")
        };
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            v.counters,
            v.review
                .iter()
                .map(|r| (r.idx, r.done, r.status.health))
                .collect::<Vec<_>>(),
            v.case_rows
                .iter()
                .map(|r| (r.idx, r.triage, r.inactivity))
                .collect::<Vec<_>>(),
            v.exception_rows
                .iter()
                .map(|r| (r.idx, r.status.health))
                .collect::<Vec<_>>(),
            v.base_cases
                .iter()
                .map(|b| cells(v.case_cells(&m.data, b)))
                .collect::<Vec<_>>(),
            v.base_exceptions
                .iter()
                .map(|b| cells(v.exception_cells(&m.data, b)))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_change_leaves_the_views_a_fresh_model_would_build() {
        let mut m = model();
        let fresh =
            |m: &Model| Model::new(m.data.clone(), m.settings.clone(), m.ctx.clone(), m.lang);
        // As the dashboard does while it waits for a key: the cells are
        // made, so the changes below keep those of the rows they leave.
        m.views.prepare(&m.data);
        // A note on X05 (the activity index takes it in without a rebuild).
        update(&mut m, Action::Focus(Pane::Exceptions));
        update(&mut m, Action::Down);
        update(&mut m, Action::Down);
        update(&mut m, Action::NewNote);
        for c in "Gebeld".chars() {
            update(&mut m, Action::Input(c));
        }
        let change = persisted(update(&mut m, Action::Submit));
        m.commit(change);
        assert_eq!(derived(&m), derived(&fresh(&m)));
        assert!(m.views.activity == fresh(&m).views.activity);
        assert!(m.views.notes_by_target == fresh(&m).views.notes_by_target);
        assert_eq!(m.views.last_review, fresh(&m).views.last_review);
        // A stage move (the exception's cells are renewed), then its undo.
        m.views.prepare(&m.data);
        let change = persisted(update(&mut m, Action::StageForward));
        m.commit(change);
        assert_eq!(derived(&m), derived(&fresh(&m)));
        m.views.prepare(&m.data);
        let undo = persisted(update(&mut m, Action::Undo));
        m.commit(undo);
        assert_eq!(derived(&m), derived(&fresh(&m)));
        assert!(m.views.activity == fresh(&m).views.activity);
    }

    #[test]
    fn undo_restores_the_previous_version() {
        let mut m = model();
        update(&mut m, Action::Focus(Pane::Exceptions));
        let change = persisted(update(&mut m, Action::StageForward));
        m.commit(change);
        let undo = persisted(update(&mut m, Action::Undo));
        assert!(undo.undo.is_none());
        m.commit(undo);
        assert_eq!(m.selected_exception().unwrap().0.stage, Stage::Decision);
        assert!(m.undo.is_empty());
    }

    #[test]
    fn filter_typing_and_escape() {
        let mut m = model();
        update(&mut m, Action::StartFilter);
        for c in "kringloop".chars() {
            update(&mut m, Action::Input(c));
        }
        assert_eq!(m.views.case_rows.len(), 1);
        update(&mut m, Action::Back);
        assert_eq!(m.mode, Mode::Normal);
        assert_eq!(m.views.case_rows.len(), 24);
    }

    #[test]
    fn help_toggles_over_any_mode_and_swallows_keys() {
        let mut m = model();
        update(&mut m, Action::ToggleHelp);
        assert!(m.help);
        update(&mut m, Action::Down);
        assert_eq!(m.selected(Pane::Cases), 0);
        update(&mut m, Action::ToggleHelp);
        update(&mut m, Action::Down);
        assert_eq!(m.selected(Pane::Cases), 1);
    }

    #[test]
    fn snooze_beyond_thirty_days_is_refused_in_the_form() {
        let mut m = model();
        update(&mut m, Action::Focus(Pane::Exceptions));
        update(&mut m, Action::Snooze);
        for _ in 0..3 {
            update(&mut m, Action::Backspace);
        }
        for c in "+31".chars() {
            update(&mut m, Action::Input(c));
        }
        update(&mut m, Action::NextField);
        for c in "wacht".chars() {
            update(&mut m, Action::Input(c));
        }
        assert_eq!(update(&mut m, Action::Submit), None);
        let Mode::Form(f) = &m.mode else {
            panic!("form stays open")
        };
        assert!(f.error.as_deref().unwrap().contains("30"), "{:?}", f.error);
    }

    #[test]
    fn the_morning_view_is_a_list_enter_opens_its_record_and_esc_returns() {
        use crate::tui::state::MorningItem;
        let mut m = model();
        update(&mut m, Action::OpenMorning);
        assert_eq!(m.mode, Mode::Morning(0));
        update(&mut m, Action::Down);
        assert_eq!(m.mode, Mode::Morning(1));
        update(&mut m, Action::Up);
        update(&mut m, Action::Up);
        assert_eq!(m.mode, Mode::Morning(0));
        // The first case in triage: Enter opens that case.
        let items = m.morning_items();
        let at = (items.iter())
            .position(|i| matches!(i, MorningItem::Triage(_)))
            .unwrap();
        for _ in 0..at {
            update(&mut m, Action::Down);
        }
        let want = m.morning_record(items[at]).unwrap();
        assert_eq!(m.case(want.id).unwrap().number, "C05");
        update(&mut m, Action::Open);
        assert_eq!(m.mode, Mode::Detail(want));
        update(&mut m, Action::Back);
        assert_eq!(m.mode, Mode::Morning(at));
        update(&mut m, Action::Bottom);
        assert_eq!(m.mode, Mode::Morning(items.len() - 1));
    }

    #[test]
    fn v_in_the_morning_view_marks_the_selected_follow_up_done() {
        use crate::tui::state::MorningItem;
        let mut m = model();
        update(&mut m, Action::OpenMorning);
        let Some(MorningItem::FollowUp(idx)) = m.morning_item(0) else {
            panic!("a follow-up first")
        };
        let number = m.data.followups[idx].number.clone();
        let change = persisted(update(&mut m, Action::CompleteFollowUp));
        let AnyRecord::FollowUp(done) = &change.save[0] else {
            panic!("a follow-up")
        };
        assert_eq!((&done.number, done.done_on), (&number, Some(m.ctx.today)));
        m.commit(change);
        assert_eq!(m.mode, Mode::Morning(0));
        assert!(!m.morning_items().contains(&MorningItem::FollowUp(idx)));
        // `n` opens the note form on the selected row's record and returns.
        update(&mut m, Action::NewNote);
        assert!(matches!(m.mode, Mode::Form(_)));
        update(&mut m, Action::Back);
        assert_eq!(m.mode, Mode::Morning(0));
    }
}

#[cfg(test)]
#[path = "update_find_tests.rs"]
mod find_tests;
