//! What the panes' filters match a row against: its cells, normalised
//! once per change (not per key), and made ahead of the views that need the
//! activity index when everything is derived anew.

use crate::domain::text::Normalised;
use crate::domain::*;
use crate::i18n;
use rustc_hash::FxHashMap;

/// Normalised cells kept from the previous views, or made ahead, by record id.
#[derive(Default)]
pub(super) struct Cells {
    pub(super) cases: FxHashMap<Id, [Normalised; 3]>,
    pub(super) exceptions: FxHashMap<Id, [Normalised; 4]>,
}

impl Cells {
    /// The cells of every open case and exception, made ahead (while the
    /// activity index is built on another core: they do not need it).
    pub(super) fn of_open(data: &Dataset, lang: i18n::Lang) -> Cells {
        let names = OrgNames::of(data);
        let cases: FxHashMap<Id, &Case> = data.cases.iter().map(|c| (c.id, c)).collect();
        Cells {
            cases: (data.cases.iter())
                .filter(|c| c.status.is_open())
                .map(|c| (c.id, case_cells(c, &names)))
                .collect(),
            exceptions: (data.exceptions.iter())
                .filter(|x| !x.stage.is_closed())
                .map(|x| {
                    let case = cases.get(&x.case).copied();
                    (x.id, exception_cells(x, case, &names, lang))
                })
                .collect(),
        }
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
