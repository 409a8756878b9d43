//! Moving around without changing anything: the overview's panes, the `/`
//! filter, the detail view's scrolling and the morning view.

use crate::i18n::dashboard as text;
use crate::tui::action::{Action, Pane};
use crate::tui::state::{Mode, Model, MorningItem, Tone};

/// Keys of the overview that move, open, filter, scope or sort.
pub fn overview_key(m: &mut Model, action: Action) {
    match action {
        Action::NextPane => m.focus = m.focus.next(),
        Action::PrevPane => m.focus = m.focus.prev(),
        Action::Focus(p) => m.focus = p,
        Action::Select(p, row) => {
            m.focus = p;
            m.select(row);
        }
        Action::Up => m.move_by(-1),
        Action::Down => m.move_by(1),
        Action::PageUp => m.move_by(-(m.page.max(1) as isize)),
        Action::PageDown => m.move_by(m.page.max(1) as isize),
        Action::Top => m.select(0),
        Action::Bottom => m.select(usize::MAX),
        Action::Open => match m.focused_record() {
            Some(r) => {
                m.detail_scroll = 0;
                m.detail_return = None;
                m.mode = Mode::Detail(r);
            }
            None => m.say(Tone::Info, text::nothing_selected(m.lang)),
        },
        Action::Back => {
            m.filter_clear();
            m.clear_status();
        }
        Action::StartFilter => m.mode = Mode::Filter,
        Action::ToggleScope => {
            m.toggle_scope();
            let msg = text::scope(m.lang, m.scope(), &m.ctx.user);
            m.say(Tone::Info, msg);
        }
        // `s` sorts the focused list: the cases, or the exceptions.
        Action::CycleSort if m.focus == Pane::Cases => {
            m.cycle_case_sort();
            let msg = text::cases_sorted_by(m.lang, m.case_sort());
            m.say(Tone::Info, msg);
        }
        Action::CycleSort => {
            m.cycle_sort();
            let msg = text::sorted_by(m.lang, m.sort());
            m.say(Tone::Info, msg);
        }
        Action::OpenMorning => open_morning(m),
        _ => {}
    }
}

/// Keys while typing a `/` filter for the focused pane.
pub fn filter_key(m: &mut Model, action: Action) {
    match action {
        Action::Input(c) => m.filter_push(c),
        Action::Backspace => m.filter_pop(),
        Action::Submit => m.mode = Mode::Normal,
        Action::Back => {
            m.filter_clear();
            m.mode = Mode::Normal;
        }
        Action::Up => m.move_by(-1),
        Action::Down => m.move_by(1),
        _ => {}
    }
}

/// Keys of the detail view that scroll it or leave it.
pub fn detail_key(m: &mut Model, action: Action) {
    match action {
        Action::Back => {
            m.mode = match (m.detail_from_morning.take(), m.detail_return.take()) {
                (Some(i), _) => Mode::Morning(i),
                (None, Some(back)) => back,
                (None, None) => Mode::Normal,
            }
        }
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
        _ => {}
    }
}

/// `a` (and the first start of a day): the morning view, at its first row.
pub fn open_morning(m: &mut Model) {
    m.mode = Mode::Morning(0);
}

/// Keys of the morning view that move its selection, open the selected
/// row's record, or leave it.
pub fn morning_key(m: &mut Model, i: usize, action: Action) {
    let last = m.morning_items().len().saturating_sub(1);
    let page = m.page.max(1);
    let to = |n: usize| Mode::Morning(n.min(last));
    match action {
        Action::Down => m.mode = to(i + 1),
        Action::Up => m.mode = to(i.saturating_sub(1)),
        Action::PageDown => m.mode = to(i + page),
        Action::PageUp => m.mode = to(i.saturating_sub(page)),
        Action::Top => m.mode = to(0),
        Action::Bottom => m.mode = to(last),
        Action::Back => m.mode = Mode::Normal,
        Action::Open => match m.morning_item(i) {
            Some(MorningItem::Track(row)) => m.mode = Mode::Tracks(row),
            Some(item) => match m.morning_record(item) {
                Some(r) => {
                    m.detail_scroll = 0;
                    m.detail_from_morning = Some(i);
                    m.mode = Mode::Detail(r);
                }
                None => m.say(Tone::Info, text::nothing_selected(m.lang)),
            },
            None => m.say(Tone::Info, text::nothing_selected(m.lang)),
        },
        _ => {}
    }
}
