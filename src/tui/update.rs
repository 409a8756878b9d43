//! (model, action) → optional effect. Pure: no IO. A change comes back as an
//! [`Effect::Persist`]; the loop saves it and only then commits it to the model.

use super::action::Action;
use super::changes;
use super::model::{Change, Mode, Model, Pane, Scope, Tone};
use crate::i18n::dashboard as text;

#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    Persist(Change),
    /// Save the day's summary note, then write the Markdown report.
    CloseDay {
        change: Change,
        report: String,
        day: chrono::NaiveDate,
    },
    Quit,
}

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
        Mode::Filter => filter(m, action),
        Mode::Detail(_) => detail(m, action),
        Mode::Form(_) => changes::form(m, action),
        Mode::Lookup(_) => super::owner::update(m, action),
        Mode::Review(i) => super::dayreview::update(m, i, action),
        Mode::Tracks(i) => super::kip::tracks(m, i, action),
        Mode::Sroi(_) => super::kip::sroi(m, action),
        Mode::Morning => match action {
            Action::Back => {
                m.mode = Mode::Normal;
                None
            }
            Action::OpenReview => super::dayreview::open(m),
            _ => None,
        },
        Mode::Confirm(confirm) => match action {
            Action::Yes => {
                changes::leave_form(m, confirm.back);
                Some(Effect::Persist(confirm.change))
            }
            Action::No => {
                changes::leave_form(m, confirm.back);
                m.say(Tone::Info, text::cancelled(m.lang));
                None
            }
            _ => None,
        },
    }
}

fn normal(m: &mut Model, action: Action) -> Option<Effect> {
    match action {
        Action::NextPane => m.focus = m.focus.next(),
        Action::PrevPane => m.focus = m.focus.prev(),
        Action::Focus(p) => m.focus = p,
        Action::Up => move_by(m, -1),
        Action::Down => move_by(m, 1),
        Action::PageUp => move_by(m, -(m.page.max(1) as isize)),
        Action::PageDown => move_by(m, m.page.max(1) as isize),
        Action::Top => select(m, 0),
        Action::Bottom => select(m, usize::MAX),
        Action::Open => match m.focused_record() {
            Some(r) => {
                m.detail_scroll = 0;
                m.mode = Mode::Detail(r);
            }
            None => m.say(Tone::Info, text::nothing_selected(m.lang)),
        },
        Action::Back => {
            let i = m.focus.index();
            if !m.filters[i].is_empty() {
                m.filters[i].clear();
                m.refilter();
            }
            m.status = None;
        }
        Action::StartFilter => m.mode = Mode::Filter,
        Action::ToggleScope => {
            m.scope = match m.scope {
                Scope::All => Scope::Mine,
                Scope::Mine => Scope::All,
            };
            m.refilter();
            let msg = text::scope(m.lang, m.scope, &m.ctx.user);
            m.say(Tone::Info, msg);
        }
        Action::CycleSort => {
            m.sort = m.sort.next();
            m.refilter();
            let msg = text::sorted_by(m.lang, m.sort);
            m.say(Tone::Info, msg);
        }
        Action::Undo => return undo(m),
        Action::OpenReview => return super::dayreview::open(m),
        Action::OpenMorning => m.mode = Mode::Morning,
        Action::OpenTracks => m.mode = Mode::Tracks(0),
        Action::OpenSroi => return super::kip::open_sroi(m),
        other => return changes::start(m, other),
    }
    None
}

fn filter(m: &mut Model, action: Action) -> Option<Effect> {
    let i = m.focus.index();
    match action {
        Action::Input(c) => {
            m.filters[i].push(c);
            m.selected[i] = 0;
            m.refilter();
        }
        Action::Backspace => {
            m.filters[i].pop();
            m.refilter();
        }
        Action::Submit => m.mode = Mode::Normal,
        Action::Back => {
            m.filters[i].clear();
            m.mode = Mode::Normal;
            m.refilter();
        }
        Action::Up => move_by(m, -1),
        Action::Down => move_by(m, 1),
        _ => {}
    }
    None
}

fn detail(m: &mut Model, action: Action) -> Option<Effect> {
    match action {
        Action::Back => m.mode = Mode::Normal,
        Action::Up => m.detail_scroll = m.detail_scroll.saturating_sub(1),
        Action::Down => m.detail_scroll = m.detail_scroll.saturating_add(1).min(m.detail_max),
        Action::PageUp => m.detail_scroll = m.detail_scroll.saturating_sub(m.page as u16),
        Action::PageDown => {
            m.detail_scroll = m
                .detail_scroll
                .saturating_add(m.page as u16)
                .min(m.detail_max)
        }
        Action::Top => m.detail_scroll = 0,
        Action::Bottom => m.detail_scroll = m.detail_max,
        Action::Undo => return undo(m),
        other => return changes::start(m, other),
    }
    None
}

pub(super) fn undo(m: &mut Model) -> Option<Effect> {
    match m.undo.last() {
        Some(u) => Some(Effect::Persist(Change {
            save: u.restore.clone(),
            delete: u.remove.clone(),
            message: text::undone(m.lang, &u.what),
            undo: None,
        })),
        None => {
            m.say(Tone::Info, text::nothing_to_undo(m.lang));
            None
        }
    }
}

fn move_by(m: &mut Model, delta: isize) {
    let i = m.focus.index();
    let target = m.selected[i].saturating_add_signed(delta);
    select(m, target);
}

fn select(m: &mut Model, row: usize) {
    let pane = m.focus;
    let len = m.len(pane);
    m.selected[pane.index()] = row.min(len.saturating_sub(1));
    if pane == Pane::Cases {
        // Another case has other haakjes.
        m.selected[Pane::Hooks.index()] = 0;
    }
}

#[cfg(test)]
mod tests {
    //! update without a terminal or a store: the model plus actions.
    use super::*;
    use crate::domain::ops::Ctx;
    use crate::domain::*;
    use crate::fixtures::seed;
    use crate::i18n::Lang;
    use chrono::NaiveDate;

    fn model() -> Model {
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
        Model::new(data, settings, ctx, Lang::Nl)
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
                .map(|b| cells(&b.cells))
                .collect::<Vec<_>>(),
            v.base_exceptions
                .iter()
                .map(|b| cells(&b.cells))
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_change_leaves_the_views_a_fresh_model_would_build() {
        let mut m = model();
        let fresh =
            |m: &Model| Model::new(m.data.clone(), m.settings.clone(), m.ctx.clone(), m.lang);
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
        // A stage move (the exception's cells are renewed), then its undo.
        let change = persisted(update(&mut m, Action::StageForward));
        m.commit(change);
        assert_eq!(derived(&m), derived(&fresh(&m)));
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
        assert_eq!(m.selected[0], 0);
        update(&mut m, Action::ToggleHelp);
        update(&mut m, Action::Down);
        assert_eq!(m.selected[0], 1);
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
}
