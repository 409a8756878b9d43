//! "Find anything": `:` opens a palette; a number (`C17`, `x5`) or words
//! find records by name, title, question, blocker keyword or contact, and the
//! notes by their text (the loop asks the store for those, see
//! `App::sync_palette`); Enter opens the record, Esc closes.

use crate::domain::find;
use crate::domain::{Kind, Record, RecordRef};
use crate::i18n::dashboard as text;
use crate::tui::action::Action;
use crate::tui::state::{Mode, Model, Palette, Tone};

/// `:` from the overview, a detail view, the review, the morning view, the
/// tracks or the follow-ups list: it remembers where, to go back there.
pub fn open(m: &mut Model) {
    let back = match &m.mode {
        Mode::Normal => None,
        other => Some(Box::new(other.clone())),
    };
    m.mode = Mode::Palette(Box::new(Palette {
        query: String::new(),
        selected: 0,
        records: Vec::new(),
        notes: None,
        back,
    }));
}

/// Keys while the palette is open: typing filters live.
pub fn key(m: &mut Model, mut p: Palette, action: Action) {
    match action {
        Action::Back => {
            m.mode = p.back.map_or(Mode::Normal, |b| *b);
            return;
        }
        Action::Submit => {
            let chosen = p.rows().get(p.selected).map(|r| r.open);
            if let Some(mode) = chosen.and_then(|r| destination(m, r, 2)) {
                m.detail_scroll = 0;
                // Esc in the record goes back to where the palette was opened.
                m.detail_from_morning = None;
                m.detail_return = p.back.map(|b| *b);
                m.mode = mode;
                return;
            }
            let why = match chosen {
                Some(_) => text::palette_no_view(m.lang),
                None => text::nothing_selected(m.lang),
            };
            m.say(Tone::Info, why);
        }
        Action::Input(c) => {
            p.query.push(c);
            refind(m, &mut p);
        }
        Action::Backspace => {
            p.query.pop();
            refind(m, &mut p);
        }
        Action::Down => p.selected = (p.selected + 1).min(p.rows().len().saturating_sub(1)),
        Action::Up => p.selected = p.selected.saturating_sub(1),
        _ => {}
    }
    m.mode = Mode::Palette(Box::new(p));
}

/// The records matching what is typed now; the first is selected.
fn refind(m: &Model, p: &mut Palette) {
    p.records = find::find_in(&m.data, &m.note_heads, m.find_index(), &p.query);
    p.selected = 0;
}

/// The view that shows `r`: a case, exception or department in the detail
/// view; another record through the one it belongs to (a note or follow-up
/// its record, an organisation its first case, a contact its department, a
/// haakje the first case linking it), a track in its detail view.
fn destination(m: &Model, r: RecordRef, depth: u8) -> Option<Mode> {
    let detail = |r: RecordRef| m.data.get(r).map(|_| Mode::Detail(r));
    let case_where = |keep: &dyn Fn(&crate::domain::Case) -> bool| {
        let c = m.data.cases.iter().find(|c| keep(c))?;
        detail(RecordRef {
            kind: Kind::Case,
            id: c.id,
        })
    };
    let via = |next: RecordRef| match depth {
        0 => None,
        _ => destination(m, next, depth - 1),
    };
    match r.kind {
        Kind::Case | Kind::Exception | Kind::Department | Kind::Track => detail(r),
        Kind::FollowUp => via(m.data.followups.iter().find(|f| f.id == r.id)?.about),
        Kind::Note => match m.note_heads.iter().find(|h| h.id == r.id)?.target {
            Some(target) if target != r => via(target),
            // The day's summary, on no record, shows itself.
            _ => Some(Mode::Detail(r)),
        },
        Kind::Organisation => case_where(&|c| c.organisation == r.id).or_else(|| {
            let track = m.data.tracks.iter().find(|t| t.organisation == r.id)?;
            detail(track.record_ref())
        }),
        Kind::Contact => {
            let department = m.data.contacts.iter().find(|c| c.id == r.id)?.department?;
            detail(RecordRef {
                kind: Kind::Department,
                id: department,
            })
        }
        Kind::Hook => case_where(&|c| c.hooks.iter().any(|h| h.hook == r.id)),
    }
}
