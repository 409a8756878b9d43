//! Drawing: one function per pane or overlay, each rendering from borrowed state.
//! Only the visible rows are built.

mod detail;
mod followups;
mod kip;
mod lookup;
mod morning;
mod overlay;
mod palette;
mod panes;
mod parts;
mod review;
pub mod theme;
mod track_detail;

use super::action::{Action, Pane};
use super::form::Return;
use super::keymap;
use super::state::{Mode, Model, Tone};
use crate::domain::Kind;
use crate::i18n::dashboard as text;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use theme::Theme;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 20;

/// Scroll offsets ratatui-style: the only state drawing may change.
#[derive(Clone, Copy, Debug, Default)]
pub struct Scroll {
    pub offsets: [usize; 3],
    /// Rows the focused pane showed, for PageUp/PageDown.
    pub page: usize,
    /// The furthest the detail view can scroll at its drawn size.
    pub detail_max: u16,
    /// The first row the follow-ups list shows.
    pub list_offset: usize,
    /// Where the lists were drawn, for the mouse (see `tui::mouse`).
    pub areas: Areas,
}

/// Where the last frame drew the lists a click can land in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    /// The overview's panes, by [`Pane::index`], when the overview was drawn.
    pub panes: Option<[Rect; 3]>,
    /// The follow-ups list, when it was drawn.
    pub list: Option<Rect>,
}

/// The last guard between record text and the terminal, run on every frame.
/// ratatui itself skips C0 and C1 controls (ESC among them) when it writes text
/// into the buffer (`Buffer::set_stringn`, `Span::styled_graphemes`); the
/// bidirectional overrides and isolates of `domain::plain` it keeps, and those
/// would reorder what the terminal shows. They are taken out of every cell here.
pub fn scrub(buf: &mut ratatui::buffer::Buffer) {
    use crate::domain::plain::is_forbidden;
    for cell in &mut buf.content {
        if cell.symbol().chars().any(is_forbidden) {
            let kept: String = cell
                .symbol()
                .chars()
                .filter(|&c| !is_forbidden(c))
                .collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

pub fn draw(frame: &mut Frame, m: &Model, theme: Theme, scroll: &mut Scroll) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = Paragraph::new(text::too_small(m.lang, area.width, area.height))
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    let [header, main, hints, status] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    draw_header(frame, header, m, theme);
    scroll.areas = Areas::default();
    // A form keeps the view it was opened from behind it; the palette the
    // screen it was opened from.
    let under = match &m.mode {
        Mode::Palette(p) => p.back.as_deref().unwrap_or(&Mode::Normal),
        other => other,
    };
    let behind = match under {
        Mode::Form(f) => f.back,
        Mode::Detail(r) => Return::Detail(*r),
        Mode::Review(i) => Return::Review(*i),
        Mode::Tracks(i) => Return::Tracks(*i),
        Mode::Morning(i) => Return::Morning(*i),
        _ => Return::Overview,
    };
    match (under, behind) {
        (Mode::FollowUps(l), _) => {
            scroll.areas.list = Some(main);
            scroll.page = followups::draw(frame, main, m, l, theme, &mut scroll.list_offset)
        }
        (_, Return::Morning(i)) => scroll.page = morning::draw(frame, main, m, i, theme),
        (Mode::Sroi(s), _) => kip::sroi(frame, main, m, s, theme),
        (_, Return::Tracks(i)) => kip::tracks(frame, main, m, i, theme),
        (_, Return::Detail(r)) if r.kind == Kind::Track => {
            scroll.detail_max = track_detail::draw(frame, main, m, r.id, theme)
        }
        (_, Return::Detail(r)) => scroll.detail_max = detail::draw(frame, main, m, r, theme),
        (_, Return::Review(i)) => review::draw(frame, main, m, i, theme),
        (_, Return::Overview) => draw_panes(frame, main, m, theme, scroll),
    }
    draw_hints(frame, hints, m, theme);
    draw_status(frame, status, m, theme);
    match &m.mode {
        Mode::Form(form) => overlay::form(frame, area, m, form, theme),
        Mode::Confirm(c) => overlay::confirm(frame, area, &c.question, theme),
        Mode::Lookup(l) => lookup::draw(frame, area, m, l, theme),
        Mode::Palette(p) => palette::draw(frame, area, m, p, theme),
        _ => {}
    }
    if m.help {
        overlay::help(frame, area, m, theme);
    }
}

fn draw_panes(frame: &mut Frame, area: Rect, m: &Model, theme: Theme, scroll: &mut Scroll) {
    // The exceptions pane takes what its rows need (at least room for three
    // haakjes beside it, at most half); the cases get the rest.
    let wanted = m.views.exception_rows.len() as u16 + 3;
    let bottom_height = wanted.max(11).min(area.height / 2);
    let [top, bottom] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(bottom_height),
    ]));
    let [exceptions, hooks] = bottom.layout(&Layout::horizontal([
        Constraint::Percentage(64),
        Constraint::Fill(1),
    ]));
    panes::cases(
        frame,
        top,
        m,
        theme,
        &mut scroll.offsets[Pane::Cases.index()],
    );
    panes::exceptions(
        frame,
        exceptions,
        m,
        theme,
        &mut scroll.offsets[Pane::Exceptions.index()],
    );
    panes::hooks(
        frame,
        hooks,
        m,
        theme,
        &mut scroll.offsets[Pane::Hooks.index()],
    );
    scroll.areas.panes = Some([top, hooks, exceptions]);
    let focused = match m.focus {
        Pane::Cases => top,
        Pane::Hooks => hooks,
        Pane::Exceptions => exceptions,
    };
    // Borders and the header row take three lines.
    scroll.page = focused.height.saturating_sub(3).max(1) as usize;
}

fn draw_header(frame: &mut Frame, area: Rect, m: &Model, theme: Theme) {
    use crate::domain::ageing::Health;
    let lang = m.lang;
    let c = &m.views.shown;
    // (importance, cluster, spans): the least important go first when the
    // line is narrow; counters of one cluster are joined with " · ".
    let mut items: Vec<(u8, u8, Vec<Span>)> = vec![(
        0,
        0,
        vec![Span::styled(
            text::header(&m.ctx.user, m.ctx.today),
            theme.title(),
        )],
    )];
    if !m.others.is_empty() {
        // Right after who you are: who else is working in the store.
        items.push((
            6,
            1,
            vec![Span::styled(
                text::others_present(lang, &m.others),
                theme.title(),
            )],
        ));
    }
    items.push((
        5,
        2,
        vec![Span::raw(text::counters_open_cases(lang, c.open_cases))],
    ));
    let counts = [
        (1, Health::Critical, c.critical),
        (3, Health::Stalled, c.stalled),
        (7, Health::Attention, c.attention),
        (8, Health::Snoozed, c.snoozed),
    ];
    for (rank, h, n) in counts {
        let word = crate::i18n::health(lang, h).to_lowercase();
        items.push((
            rank,
            3,
            vec![Span::styled(format!("{word} {n}"), theme.health(h))],
        ));
    }
    let fu_style = if c.overdue > 0 {
        theme.warning()
    } else {
        Style::new()
    };
    items.push((
        2,
        4,
        vec![Span::styled(
            text::counter_followups(lang, c.due_today, c.overdue),
            fu_style,
        )],
    ));
    if c.tracks.urgent() > 0 {
        items.push((
            4,
            5,
            vec![Span::styled(
                text::header_tracks(lang, c.tracks.overdue, c.tracks.within_30),
                theme.warning(),
            )],
        ));
    }
    frame.render_widget(fit_by_rank(items, area.width, theme), area);
}

/// Header items in a line of `width` cells: while they do not fit, the least
/// important one is left out (a counter is never cut short: "KIP: 146
/// verlopen, 1" for "…, 15 ≤ 30 d" would say something false), and "…" ends
/// the line to say something was.
fn fit_by_rank<'a>(mut items: Vec<(u8, u8, Vec<Span<'a>>)>, width: u16, theme: Theme) -> Line<'a> {
    const BAR: &str = " │ ";
    const DOT: &str = " · ";
    let width = usize::from(width);
    let size = |items: &[(u8, u8, Vec<Span>)], dropped: bool| -> usize {
        let mut used = 0;
        for (i, (_, _, spans)) in items.iter().enumerate() {
            // Either separator takes three cells.
            if i > 0 {
                used += 3;
            }
            used += spans.iter().map(Span::width).sum::<usize>();
        }
        used + if dropped { 4 } else { 0 }
    };
    let mut dropped = false;
    while items.len() > 1 && size(&items, dropped) > width {
        let least = (items.iter().enumerate())
            .max_by_key(|(i, (rank, _, _))| (*rank, *i))
            .map(|(i, _)| i)
            .unwrap_or(0);
        items.remove(least);
        dropped = true;
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut previous = None;
    for (_, cluster, group) in items {
        match previous {
            Some(p) if p == cluster => spans.push(Span::raw(DOT)),
            Some(_) => spans.push(Span::styled(BAR, theme.dim())),
            None => {}
        }
        previous = Some(cluster);
        spans.extend(group);
    }
    if dropped {
        spans.push(Span::styled(BAR, theme.dim()));
        spans.push(Span::styled("…", theme.dim()));
    }
    Line::from(spans)
}

/// `groups` in a line of `width` cells, separated by `sep`; a group that does
/// not fit whole is left out, with "…" in its place: a counter cut short
/// ("KIP: 146 verlopen, 1" for "…, 15 ≤ 30 d") would say something false.
fn fit_groups<'a>(
    groups: Vec<Vec<Span<'a>>>,
    sep: &Span<'a>,
    width: u16,
    theme: Theme,
) -> Line<'a> {
    let width = usize::from(width);
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0;
    let count = groups.len();
    for (i, group) in groups.into_iter().enumerate() {
        let lead = if i > 0 { sep.width() } else { 0 };
        let size: usize = group.iter().map(Span::width).sum();
        // Room for this group, and for "…" should a later one not fit.
        let reserve = if i + 1 < count { sep.width() + 1 } else { 0 };
        if used + lead + size + reserve > width {
            if used + lead < width {
                if i > 0 {
                    spans.push(sep.clone());
                }
                spans.push(Span::styled("…", theme.dim()));
            }
            break;
        }
        if i > 0 {
            spans.push(sep.clone());
        }
        spans.extend(group);
        used += lead + size;
    }
    Line::from(spans)
}

fn draw_hints(frame: &mut Frame, area: Rect, m: &Model, theme: Theme) {
    let mut spans = Vec::new();
    if let Mode::Lookup(l) = &m.mode {
        let context = l.context.and_then(|r| m.data.get(r));
        if let Some(r) = context {
            spans.push(Span::styled(format!("[{}] ", r.number()), theme.key()));
        }
    }
    if let Mode::Filter = m.mode {
        spans.push(Span::styled("/", theme.key()));
        spans.push(Span::raw(m.filter(m.focus).to_string()));
        spans.push(Span::styled("▏", theme.key()));
        spans.push(Span::raw("  "));
    }
    let bindings = keymap::bindings(&m.mode, m.help);
    let mut hints = Vec::new();
    // Only what can act on the record in view: no "> next stage" on a case.
    let applies = |a: &&Action| m.help || m.applies(**a);
    for action in keymap::hints(&m.mode, m.help).iter().filter(applies) {
        if let Some(b) = bindings.iter().find(|b| b.action == *action) {
            hints.push(vec![
                Span::styled(text::key_label(m.lang, b.label), theme.key()),
                Span::raw(format!(
                    " {}",
                    text::hint(m.lang, (&m.mode).into(), b.action)
                )),
            ]);
        }
    }
    // A hint cut off mid-word helps nobody: whole hints, then "…".
    let before: u16 = spans.iter().map(|s| s.width() as u16).sum();
    let fitted = fit_groups(
        hints,
        &Span::raw("  "),
        area.width.saturating_sub(before),
        theme,
    );
    spans.extend(fitted.spans);
    frame.render_widget(Line::from(spans).style(theme.dim()), area);
}

fn draw_status(frame: &mut Frame, area: Rect, m: &Model, theme: Theme) {
    let Some(status) = m.status() else {
        return;
    };
    let (prefix, style) = match status.tone {
        Tone::Info => ("", Style::new()),
        Tone::Saved => (text::saved_prefix(m.lang), theme.saved()),
        Tone::Error => ("", theme.error()),
    };
    frame.render_widget(
        Line::styled(format!("{prefix}{}", status.text), style),
        area,
    );
}
/// The words of the help title and the hint line depend on the kind of screen only.
impl From<&Mode> for text::ModeKind {
    fn from(mode: &Mode) -> Self {
        match mode {
            Mode::Normal => text::ModeKind::Normal,
            Mode::Filter => text::ModeKind::Filter,
            Mode::Detail(_) => text::ModeKind::Detail,
            Mode::Form(_) => text::ModeKind::Form,
            Mode::Confirm(_) => text::ModeKind::Confirm,
            Mode::Lookup(_) => text::ModeKind::Lookup,
            Mode::Review(_) => text::ModeKind::Review,
            Mode::Morning(_) => text::ModeKind::Morning,
            Mode::Tracks(_) => text::ModeKind::Tracks,
            Mode::Sroi(_) => text::ModeKind::Sroi,
            Mode::Palette(_) => text::ModeKind::Palette,
            // Typing its filter reads as any filter: Enter keeps, Esc clears.
            Mode::FollowUps(l) if l.typing => text::ModeKind::Filter,
            Mode::FollowUps(_) => text::ModeKind::FollowUps,
        }
    }
}
