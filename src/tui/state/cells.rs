//! What the panes' filters match a row against: its cells, normalised
//! once per change (not per key), and made ahead of the views that need the
//! activity index when everything is derived anew.

use crate::domain::text::Normalised;
use crate::domain::*;
use crate::i18n;
use rustc_hash::FxHashMap;

/// Normalised cells made ahead, or kept from the previous views.
pub(super) enum Cells {
    /// Every open case's and exception's, in the data's order, when
    /// everything is derived anew: taken in that order, with no map to
    /// build and look up (at region scale that map cost as much as a
    /// fifth of the first frame's deriving).
    Ahead {
        cases: std::vec::IntoIter<(Id, [Normalised; 3])>,
        exceptions: std::vec::IntoIter<(Id, [Normalised; 4])>,
    },
    /// Kept from the previous views after a change, by record id.
    Kept {
        cases: FxHashMap<Id, [Normalised; 3]>,
        exceptions: FxHashMap<Id, [Normalised; 4]>,
    },
}

impl Default for Cells {
    fn default() -> Self {
        Cells::Kept {
            cases: FxHashMap::default(),
            exceptions: FxHashMap::default(),
        }
    }
}

impl Cells {
    /// The cells of every open case and exception, made ahead (while the
    /// activity index is built on another core: they do not need it).
    pub(super) fn of_open(data: &Dataset, lang: i18n::Lang) -> Cells {
        let names = OrgNames::of(data);
        let cases: FxHashMap<Id, &Case> = data.cases.iter().map(|c| (c.id, c)).collect();
        let case_cells: Vec<_> = (data.cases.iter())
            .filter(|c| c.status.is_open())
            .map(|c| (c.id, case_cells(c, &names)))
            .collect();
        let exception_cells: Vec<_> = (data.exceptions.iter())
            .filter(|x| !x.stage.is_closed())
            .map(|x| {
                let case = cases.get(&x.case).copied();
                (x.id, exception_cells(x, case, &names, lang))
            })
            .collect();
        Cells::Ahead {
            cases: case_cells.into_iter(),
            exceptions: exception_cells.into_iter(),
        }
    }

    /// The cells of case `id`, if made ahead or kept. Made ahead, they are
    /// taken in the data's order: asked for the open cases in that order,
    /// each finds its own first in line.
    pub(super) fn take_case(&mut self, id: Id) -> Option<[Normalised; 3]> {
        match self {
            Cells::Ahead { cases, .. } => first_in_line(cases, id),
            Cells::Kept { cases, .. } => cases.remove(&id),
        }
    }

    /// The cells of exception `id`, as [`Cells::take_case`].
    pub(super) fn take_exception(&mut self, id: Id) -> Option<[Normalised; 4]> {
        match self {
            Cells::Ahead { exceptions, .. } => first_in_line(exceptions, id),
            Cells::Kept { exceptions, .. } => exceptions.remove(&id),
        }
    }
}

/// The cells at the front of `line` if they are `id`'s.
fn first_in_line<T>(line: &mut std::vec::IntoIter<(Id, T)>, id: Id) -> Option<T> {
    match line.as_slice().first() {
        Some((at, _)) if *at == id => line.next().map(|(_, cells)| cells),
        _ => None,
    }
}

/// Organisations' names by id.
pub(super) struct OrgNames<'a> {
    data: &'a Dataset,
    pub(super) at: FxHashMap<Id, usize>,
}

impl<'a> OrgNames<'a> {
    pub(super) fn of(data: &'a Dataset) -> Self {
        let at = by_id(&data.organisations, |o| o.id);
        OrgNames { data, at }
    }

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
    use crate::domain::ops::Ctx;
    use crate::fixtures::seed;
    use chrono::NaiveDate;

    fn demo() -> Dataset {
        let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        let ctx = Ctx {
            today,
            now: today.and_hms_opt(9, 0, 0).unwrap(),
            user: "Anouk".into(),
        };
        let (_, mut data) = seed::reference(&ctx).unwrap();
        for r in seed::demo(today, &data).unwrap() {
            data.upsert(r);
        }
        data
    }

    #[test]
    fn cells_made_ahead_are_each_open_records_own_in_the_datas_order() {
        let data = demo();
        let names = OrgNames::of(&data);
        let mut cells = Cells::of_open(&data, i18n::Lang::Nl);
        let open: Vec<&Case> = data.cases.iter().filter(|c| c.status.is_open()).collect();
        assert!(open.len() > 2, "the demo has open cases");
        // Asked out of order, the second is not first in line: none, so the
        // caller makes it itself; the first then still is.
        assert_eq!(cells.take_case(open[1].id), None);
        for c in &open {
            assert_eq!(
                cells.take_case(c.id),
                Some(case_cells(c, &names)),
                "{}",
                c.number
            );
        }
        assert_eq!(cells.take_case(open[0].id), None, "each is taken once");
        for x in data.exceptions.iter().filter(|x| !x.stage.is_closed()) {
            let case = data.cases.iter().find(|c| c.id == x.case);
            let made = exception_cells(x, case, &names, i18n::Lang::Nl);
            assert_eq!(cells.take_exception(x.id), Some(made), "{}", x.number);
        }
    }
}
