//! What every feature's flow shares: the record a key is about, opening and
//! leaving a form, and making a change with its undo. Imports no flow.

use crate::domain::ops::RuleError;
use crate::domain::*;
use crate::i18n::dashboard as text;
use crate::tui::action::{Action, Change, Effect};
use crate::tui::form::{Field, Form, Purpose, Return};
use crate::tui::state::{Confirm, Mode, Model, Tone};

/// The record a change is about: the open detail or review item, else the
/// focused row.
pub fn target(m: &Model) -> Option<RecordRef> {
    m.record_in_view()
}

/// The exception a change is about, if the target is one.
pub fn target_exception(m: &Model) -> Option<&ProcurementException> {
    let r = target(m).filter(|r| r.kind == Kind::Exception)?;
    m.exception(r.id)
}

/// The case of the target: the case itself, or the case of an exception.
pub fn target_case(m: &Model) -> Option<&Case> {
    case_of(m, target(m)?)
}

/// The case of a record: the case itself, or the case of an exception.
pub fn case_of(m: &Model, r: RecordRef) -> Option<&Case> {
    match r.kind {
        Kind::Case => m.case(r.id),
        Kind::Exception => m.exception(r.id).and_then(|x| m.case(x.case)),
        _ => None,
    }
}

/// The number a record is known by ("C03"), or nothing.
pub fn number_of(m: &Model, r: RecordRef) -> String {
    m.data
        .get(r)
        .map(|x| x.number().to_string())
        .unwrap_or_default()
}

/// Open a form over the current view; it returns there when done.
pub fn open_form(m: &mut Model, title: String, purpose: Purpose, fields: Vec<Field>) {
    m.clear_status();
    let mut form = Form::new(title, purpose, fields);
    form.base = target(m)
        .and_then(|r| m.data.get(r).map(|x| (r, x.stamp().updated_at)))
        .into_iter()
        .collect();
    form.back = here(m);
    m.mode = Mode::Form(Box::new(form));
}

/// The view an overlay opened now goes back to when it is done.
pub fn here(m: &Model) -> Return {
    match m.mode {
        Mode::Detail(r) => Return::Detail(r),
        Mode::Review(i) => Return::Review(i),
        Mode::Tracks(i) => Return::Tracks(i),
        Mode::Morning(i) => Return::Morning(i),
        _ => Return::Overview,
    }
}

/// Where a finished or cancelled form goes: back to the view it came from.
pub fn leave_form(m: &mut Model, back: Return) {
    m.mode = match back {
        Return::Detail(r) => Mode::Detail(r),
        Return::Review(i) => Mode::Review(i),
        Return::Tracks(i) => Mode::Tracks(i),
        Return::Morning(i) => Mode::Morning(i),
        Return::Overview => Mode::Normal,
    };
}

/// A key that edits the open form (typing, moving between fields, choosing).
pub fn edit_form(f: &mut Form, action: Action) {
    match action {
        Action::Input(c) => f.input(c),
        Action::Backspace => f.backspace(),
        Action::NextField => f.next_field(),
        Action::PrevField => f.prev_field(),
        Action::FieldDown => f.step(true),
        Action::FieldUp => f.step(false),
        Action::ChoiceLeft => f.cycle(false),
        Action::ChoiceRight => f.cycle(true),
        _ => {}
    }
}

/// Esc in a form: back to where it came from, nothing changed.
pub fn cancel_form(m: &mut Model, back: Return) {
    leave_form(m, back);
    m.say(Tone::Info, text::cancelled(m.lang));
}

/// A submitted form's outcome: the form closes with its change (or with
/// nothing, when a rule said why on the status line), or stays open showing
/// why it was refused.
pub fn finish_form(
    m: &mut Model,
    mut f: Form,
    outcome: Result<Option<Change>, String>,
) -> Option<Effect> {
    match outcome {
        Ok(change) => {
            let back = f.back;
            let change = change.map(|mut c| {
                c.based_on = f.base.clone();
                c
            });
            // Kept until the change is saved: if it is refused (a colleague
            // changed the record meanwhile, the server went away), the form
            // comes back with everything typed.
            m.pending_form = change.as_ref().map(|_| Box::new(f));
            leave_form(m, back);
            change.map(Effect::Persist)
        }
        Err(why) => {
            f.error = Some(why);
            m.mode = Mode::Form(Box::new(f));
            None
        }
    }
}

/// A change saving `save`, with its undo taken from the data as it is.
pub fn change(m: &Model, save: Vec<AnyRecord>, message: String) -> Change {
    Change::undoable(&m.data, save, message)
}

/// Ask before a change that is hard to take back; the answer returns to `back`.
pub fn ask(m: &mut Model, question: String, change: Change, back: Return) {
    m.mode = Mode::Confirm(Box::new(Confirm {
        back,
        question,
        change,
    }));
}

/// `j`/`n` to a question: the change is made or dropped.
pub fn answer(m: &mut Model, confirm: Confirm, yes: bool) -> Option<Effect> {
    leave_form(m, confirm.back);
    if yes {
        return Some(Effect::Persist(confirm.change));
    }
    m.say(Tone::Info, text::cancelled(m.lang));
    None
}

/// Say why the rules refuse a change.
pub fn refuse(m: &mut Model, e: RuleError) {
    let msg = e.message(m.lang);
    m.say(Tone::Error, msg);
}

/// Take back the last change of this session.
pub fn undo(m: &mut Model) -> Option<Effect> {
    match m.undo.last() {
        Some(u) => {
            let change = Change {
                save: u.restore.clone(),
                delete: u.remove.clone(),
                message: text::undone(m.lang, &u.what),
                undo: None,
                based_on: u.made.clone(),
                reveal: None,
            };
            Some(match u.day_report {
                Some(day) => Effect::UndoCloseDay { change, day },
                None => Effect::Persist(change),
            })
        }
        None => {
            m.say(Tone::Info, text::nothing_to_undo(m.lang));
            None
        }
    }
}

/// A record that vanished between opening a form and submitting it.
pub trait OrGone<T> {
    fn or_gone(self) -> Result<T, String>;
}

impl<T> OrGone<T> for Option<T> {
    fn or_gone(self) -> Result<T, String> {
        self.ok_or_else(|| text::gone().to_string())
    }
}
