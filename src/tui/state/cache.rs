//! Keeping the view cache in step: after a change (reusing what the change
//! did not touch) and after a filter, sort or scope key, with the selection
//! following its record.

use super::Model;
use super::cells::Cells;
use super::views::{Changed, Source, Views};
use crate::domain::activity::ActivityIndex;
use crate::domain::*;
use crate::tui::action::Pane;
use rustc_hash::FxHashMap;

impl Model {
    /// Recompute the derived views. The selection follows its record when the
    /// order changes (a note can turn a stalled exception Ok) and stays in range.
    pub fn rebuild(&mut self) {
        self.rebuild_after(None);
    }

    /// Recompute the derived views after a change of `changed` (`None`: of
    /// anything). What depends only on records that did not change is kept:
    /// the keyword index without a department change, the SROI index without
    /// an organisation change, and the normalised cells of unchanged rows.
    /// That keeps a change keystroke within a frame at region scale.
    pub(super) fn rebuild_after(&mut self, changed: Option<&Changed>) {
        // New notes only (a saved note): in place (see `new_notes`).
        if let Some(changed) = changed
            && self.take_new_notes(changed)
        {
            return;
        }
        // The selection is read from the old views, so they are taken apart
        // only inside `keep_selection`.
        self.keep_selection(|m| {
            let old = std::mem::replace(&mut m.views, Views::empty());
            m.views = m.derive(old, changed);
            m.set_rows();
        });
    }

    /// The views for the data as it is now, reusing from `old` what
    /// `changed` did not touch (see [`Model::rebuild_after`]).
    fn derive(&self, mut old: Views, changed: Option<&Changed>) -> Views {
        // The activity index is the biggest part of deriving everything and
        // needs only the records and the note heads: it is built on another
        // core while this one does the rest that does not need it.
        let (data, heads) = (&self.data, &self.note_heads);
        std::thread::scope(|s| {
            // New notes and nothing else (the commonest change): add them to
            // the activity index instead of building it again. The same for
            // the notes by record: new notes are the last ones.
            let (building, notes) = match changed {
                Some(c)
                    if c.kinds.iter().all(|k| *k == Kind::Note)
                        && c.new_notes.len() == c.ids.len() =>
                {
                    let mut activity = std::mem::take(&mut old.activity);
                    let mut notes = std::mem::take(&mut old.notes_by_target);
                    for note in &c.new_notes {
                        activity.add_note(data, note);
                        let at = data.notes.iter().rposition(|n| n.id == note.id);
                        if let (Some(at), Some(target)) = (at, note.target) {
                            notes.entry(target).or_default().push(at);
                        }
                    }
                    (Ok(activity), notes)
                }
                _ => (
                    Err(s.spawn(move || ActivityIndex::build_with(data, heads.iter().copied()))),
                    Views::notes_by_target(data),
                ),
            };
            self.derive_with(old, changed, notes, move || match building {
                Ok(activity) => activity,
                Err(thread) => thread
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            })
        })
    }

    /// [`Model::derive`] once the notes by record are known and the activity
    /// index is (being) built: `activity` gives it when it is needed.
    fn derive_with(
        &self,
        mut old: Views,
        changed: Option<&Changed>,
        notes: FxHashMap<RecordRef, Vec<usize>>,
        activity: impl FnOnce() -> ActivityIndex,
    ) -> Views {
        let keep = |kind: Kind| changed.is_some_and(|c| !c.kinds.contains(&kind));
        // Built again when next needed, or when the dashboard is idle.
        let keywords = match keep(Kind::Department) {
            true => old.keywords,
            false => Default::default(),
        };
        let sroi = match keep(Kind::Organisation) {
            true => old.sroi,
            false => Default::default(),
        };
        // Plates hold cases and exceptions by index, and contacts by their
        // department: a change of none of those keeps them.
        let plates = match keep(Kind::Case) && keep(Kind::Exception) && keep(Kind::Contact) {
            true => std::mem::take(&mut old.plates),
            false => Default::default(),
        };
        // Cells show the organisation's name and (for exceptions) the case's
        // number: an organisation change renews them all.
        // Made when first needed (a filter letter) or when the dashboard is
        // idle, not on the first frame: 15 ms at region scale.
        let mut cells = Cells::default();
        if keep(Kind::Organisation)
            && let Some(changed) = changed
        {
            cells.cases = old
                .base_cases
                .into_iter()
                .filter_map(|b| Some((self.data.cases[b.idx].id, b.cells.into_inner()?)))
                .filter(|(id, _)| !changed.ids.contains(id))
                .collect();
            cells.exceptions = old
                .base_exceptions
                .into_iter()
                .filter_map(|b| {
                    let x = self.data.exceptions.get(b.idx)?;
                    let fresh = !changed.ids.contains(&x.id) && !changed.ids.contains(&x.case);
                    fresh.then_some((x.id, b.cells.into_inner()?))
                })
                .collect();
        }
        let src = Source {
            data: &self.data,
            note_heads: &self.note_heads,
            settings: &self.settings,
            today: self.ctx.today,
            lang: self.lang,
        };
        // The last review day moves only with a new day summary (a scan of
        // every note head otherwise).
        let summaries = changed.is_some_and(|c| {
            c.kinds.contains(&Kind::Note)
                && !(c.new_notes.len() == c.ids.len()
                    && c.new_notes.iter().all(|n| n.kind != NoteKind::DaySummary))
        });
        let last_review = match changed.is_some() && !summaries {
            true => Some(old.last_review),
            false => None,
        };
        let mut views = Views::build(&src, activity, notes, keywords, sroi, cells, last_review);
        views.plates = plates;
        views
    }

    /// After a filter, sort or scope key: the data did not change, so the
    /// activity and keyword indexes are reused and only the rows are rebuilt.
    pub fn refilter(&mut self) {
        self.keep_selection(|m| {
            m.set_rows();
        });
    }

    /// The panes' rows for the filters, scope and sort, and what follows
    /// from them (the header's counters, the morning view's indexes).
    /// A pane whose filter, scope and order are as they were keeps its rows:
    /// a letter typed in the case filter leaves the exceptions alone.
    fn set_rows(&mut self) {
        let case_key = (
            self.filters[Pane::Cases.index()].clone(),
            self.scope,
            self.case_sort,
        );
        if self.views.case_rows_for.as_ref() != Some(&case_key) {
            // A letter added to the filter: only the rows that could match
            // the shorter query can match this one.
            let filter = super::filter::Filter::new(&case_key.0);
            let narrow = std::mem::take(&mut self.views.case_candidates);
            let within = narrow
                .as_ref()
                .filter(|(query, scope, _)| {
                    *scope == self.scope
                        && !query.is_empty()
                        && filter.query().starts_with(query.as_str())
                })
                .map(|(_, _, rows)| rows.as_slice());
            let (rows, candidates) = self.views.case_rows_within(
                &self.data,
                &filter,
                self.scope,
                &self.ctx.user,
                self.case_sort,
                within,
            );
            self.views.case_rows = rows;
            self.views.case_candidates = Some((filter.query().to_string(), self.scope, candidates));
            self.views.case_rows_for = Some(case_key);
        }
        let exception_key = (
            self.filters[Pane::Exceptions.index()].clone(),
            self.scope,
            self.sort,
        );
        if self.views.exception_rows_for.as_ref() != Some(&exception_key) {
            self.views.exception_rows = self.views.exception_rows(
                &self.data,
                &exception_key.0,
                self.scope,
                &self.ctx.user,
                self.sort,
            );
            self.views.exception_rows_for = Some(exception_key);
        }
        self.views.shown =
            self.views
                .counters_for(&self.data, self.scope, &self.ctx.user, self.ctx.today);
        self.views.index_rows();
    }

    /// Run `change` on the views and keep the selected case and exception
    /// selected wherever their rows land, within range.
    pub(super) fn keep_selection(&mut self, change: impl FnOnce(&mut Model)) {
        let case = self.selected_case().map(|c| c.id);
        let exception = self.selected_exception().map(|(x, _)| x.id);
        change(self);
        if let Some(i) = case.and_then(|id| {
            self.views
                .case_rows
                .iter()
                .position(|r| self.data.cases[r.idx].id == id)
        }) {
            self.selected[Pane::Cases.index()] = i;
        }
        if let Some(i) = exception.and_then(|id| {
            self.views
                .exception_rows
                .iter()
                .position(|r| self.data.exceptions[r.idx].id == id)
        }) {
            self.selected[Pane::Exceptions.index()] = i;
        }
        for pane in Pane::ALL {
            let len = self.len(pane);
            let sel = &mut self.selected[pane.index()];
            *sel = (*sel).min(len.saturating_sub(1));
        }
    }
}
