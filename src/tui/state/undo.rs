//! The session's undo stack: how to take back each change made since the
//! dashboard opened, newest last. Only `Model::commit` (in `state`)
//! changes it.

use crate::tui::action::Undo;

#[derive(Default)]
pub struct UndoStack {
    items: Vec<Undo>,
}

impl UndoStack {
    /// How to take back the last change, if there is one.
    pub fn last(&self) -> Option<&Undo> {
        self.items.last()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub(super) fn push(&mut self, undo: Undo) {
        self.items.push(undo);
    }

    pub(super) fn pop(&mut self) {
        self.items.pop();
    }
}
