//! A note on a case or exception: `n` opens the form, Enter saves it.

use super::common::{number_of, open_form, target};
use crate::domain::*;
use crate::i18n::dashboard as text;
use crate::tui::action::Change;
use crate::tui::form::{Field, FieldId, Form, Purpose};
use crate::tui::state::{Model, Tone};
use uuid::Uuid;

/// `n`: the note form for the record in view.
pub fn start(m: &mut Model) {
    let lang = m.lang;
    // The day's summary, shown on its own, takes no notes or follow-ups.
    let Some(r) = target(m).filter(|r| r.kind != crate::domain::Kind::Note) else {
        m.say(Tone::Info, text::nothing_selected(lang));
        return;
    };
    let title = text::note_title(lang, &number_of(m, r));
    open_form(
        m,
        title,
        Purpose::Note { target: r },
        vec![Field::text(FieldId::Note, text::f_note(lang), true)],
    );
}

/// The filled note form: a new plain note on `target`, dated today.
pub fn submit(m: &Model, f: &Form, target: RecordRef) -> Result<Option<Change>, String> {
    let ctx = &m.ctx;
    let note = Note {
        id: Uuid::new_v4(),
        number: m.next_number(Kind::Note),
        target: Some(target),
        kind: NoteKind::Plain,
        date: ctx.today,
        author: ctx.user.clone(),
        text: f.text(FieldId::Note),
        stamp: Stamp::new(ctx.now, &ctx.user),
    };
    let msg = text::note_saved(m.lang, &note.number, &number_of(m, target));
    Ok(Some(Change::undoable(&m.data, vec![note.into()], msg)))
}
