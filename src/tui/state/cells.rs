//! What the panes' filters match a row against: its cells, normalised once
//! per change (not per key), when first needed or while the dashboard is
//! idle, not on the first frame.

use crate::domain::text::Normalised;
use crate::domain::*;
use crate::i18n;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;

/// Normalised cells kept from the previous views after a change, by record
/// id: the rows a change did not touch keep theirs.
#[derive(Default)]
pub(super) struct Cells {
    pub(super) cases: FxHashMap<Id, [Normalised; 3]>,
    pub(super) exceptions: FxHashMap<Id, [Normalised; 4]>,
}

impl Cells {
    /// Case `id`'s kept cells, if any (else made when first needed).
    pub(super) fn take_case(&mut self, id: Id) -> OnceCell<[Normalised; 3]> {
        (self.cases.remove(&id)).map_or_else(OnceCell::new, OnceCell::from)
    }

    /// Exception `id`'s kept cells, as [`Cells::take_case`].
    pub(super) fn take_exception(&mut self, id: Id) -> OnceCell<[Normalised; 4]> {
        (self.exceptions.remove(&id)).map_or_else(OnceCell::new, OnceCell::from)
    }
}

/// Organisations' names, by their place in the data by id.
pub(super) struct OrgNames<'a> {
    pub(super) data: &'a Dataset,
    pub(super) at: &'a FxHashMap<Id, usize>,
}

impl<'a> OrgNames<'a> {
    pub(super) fn name(&self, id: Id) -> &'a str {
        let data = self.data;
        self.at
            .get(&id)
            .map_or("?", |i| data.organisations[*i].name.as_str())
    }
}

/// What the case filter matches: number, organisation, title.
pub(super) fn case_cells(c: &Case, names: &OrgNames) -> [Normalised; 3] {
    [
        Normalised::new(&c.number),
        Normalised::new(names.name(c.organisation)),
        Normalised::new(&c.title),
    ]
}

/// What the exception filter matches: number, case, organisation, stage.
pub(super) fn exception_cells(
    x: &ProcurementException,
    case: Option<&Case>,
    names: &OrgNames,
    lang: i18n::Lang,
) -> [Normalised; 4] {
    [
        Normalised::new(&x.number),
        Normalised::new(case.map_or("?", |c| c.number.as_str())),
        Normalised::new(case.map_or("?", |c| names.name(c.organisation))),
        Normalised::new(i18n::stage(lang, x.stage)),
    ]
}

/// Each record's place in `records`, by its id.
pub(super) fn by_id<T>(records: &[T], id: impl Fn(&T) -> Id) -> FxHashMap<Id, usize> {
    (records.iter().enumerate())
        .map(|(i, r)| (id(r), i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::state::Model;
    use crate::tui::update::update;

    #[test]
    fn the_first_frame_leaves_cells_indexes_and_plates_to_a_quiet_moment() {
        let m = Model::demo_for_tests();
        let v = &m.views;
        assert!(!v.prepared());
        assert!(v.base_cases.iter().all(|b| b.cells.get().is_none()));
        assert!(v.base_exceptions.iter().all(|b| b.cells.get().is_none()));
        assert!(v.keywords.get().is_none() && v.sroi.get().is_none());
        v.prepare(&m.data);
        assert!(v.prepared());
        let names = OrgNames {
            data: &m.data,
            at: &v.orgs,
        };
        for b in &v.base_cases {
            let made = case_cells(&m.data.cases[b.idx], &names);
            assert_eq!(b.cells.get(), Some(&made));
        }
        for b in &v.base_exceptions {
            let x = &m.data.exceptions[b.idx];
            let case = m.data.cases.iter().find(|c| c.id == x.case);
            let made = exception_cells(x, case, &names, m.lang);
            assert_eq!(b.cells.get(), Some(&made));
        }
    }

    #[test]
    fn a_filter_finds_the_same_rows_before_and_after_the_quiet_moment() {
        let (mut lazy, mut ready) = (Model::demo_for_tests(), Model::demo_for_tests());
        ready.views.prepare(&ready.data);
        for m in [&mut lazy, &mut ready] {
            update(m, Action::StartFilter);
            for c in "kring".chars() {
                update(m, Action::Input(c));
            }
        }
        let idx = |m: &Model| m.views.case_rows.iter().map(|r| r.idx).collect::<Vec<_>>();
        assert!(!idx(&ready).is_empty());
        assert_eq!(idx(&lazy), idx(&ready));
        assert_eq!(
            lazy.case_highlights(&lazy.views.case_rows),
            ready.case_highlights(&ready.views.case_rows)
        );
        let first = &ready.case_highlights(&ready.views.case_rows)[0];
        assert!(first.iter().map(Vec::len).sum::<usize>() >= 5, "{first:?}");
    }
}
