//! (model, action) → optional effect. Pure: no IO. A change comes back as an
//! [`Effect::Persist`]; the loop saves it and only then commits it to the model.

use super::action::Action;
use super::changes;
use super::model::{Change, Mode, Model, Pane, Scope, Tone};
use super::text;

#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    Persist(Change),
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
        Mode::Confirm(confirm) => match action {
            Action::Yes => {
                m.mode = Mode::Normal;
                Some(Effect::Persist(confirm.change))
            }
            Action::No => {
                m.mode = Mode::Normal;
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
                m.rebuild();
            }
            m.status = None;
        }
        Action::StartFilter => m.mode = Mode::Filter,
        Action::ToggleScope => {
            m.scope = match m.scope {
                Scope::All => Scope::Mine,
                Scope::Mine => Scope::All,
            };
            m.selected[Pane::Cases.index()] = 0;
            m.rebuild();
            let msg = text::scope(m.lang, m.scope, &m.ctx.user);
            m.say(Tone::Info, msg);
        }
        Action::CycleSort => {
            m.sort = m.sort.next();
            m.rebuild();
            let msg = text::sorted_by(m.lang, m.sort);
            m.say(Tone::Info, msg);
        }
        Action::Undo => return undo(m),
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
            m.rebuild();
        }
        Action::Backspace => {
            m.filters[i].pop();
            m.rebuild();
        }
        Action::Submit => m.mode = Mode::Normal,
        Action::Back => {
            m.filters[i].clear();
            m.mode = Mode::Normal;
            m.rebuild();
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
        Action::Down => m.detail_scroll = m.detail_scroll.saturating_add(1),
        Action::PageUp => m.detail_scroll = m.detail_scroll.saturating_sub(m.page as u16),
        Action::PageDown => m.detail_scroll = m.detail_scroll.saturating_add(m.page as u16),
        Action::Top => m.detail_scroll = 0,
        Action::Bottom => m.detail_scroll = u16::MAX / 2,
        Action::Undo => return undo(m),
        other => return changes::start(m, other),
    }
    None
}

fn undo(m: &mut Model) -> Option<Effect> {
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
