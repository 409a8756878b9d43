//! What the views make when first needed rather than on every derive: the
//! owner lookup's and the SROI matching's indexes, the departments' plates
//! and the rows' filter cells. A first frame needs none of them; the
//! dashboard makes what is missing as soon as no key is waiting
//! ([`Views::prepare`]), so a first lookup or filter letter finds them.

use super::cells::{OrgNames, case_cells, exception_cells};
use super::views::{CaseBase, ExceptionBase, PlateRows, Views};
use crate::domain::lookup::KeywordIndex;
use crate::domain::matching::SroiIndex;
use crate::domain::plate;
use crate::domain::text::Normalised;
use crate::domain::{Dataset, Id};
use rustc_hash::FxHashMap;

impl Views {
    /// The owner lookup's index over `data`'s department keywords.
    pub fn keywords(&self, data: &Dataset) -> &KeywordIndex {
        self.keywords
            .get_or_init(|| KeywordIndex::build(&data.departments))
    }

    /// The SROI matching's index over `data`'s products.
    pub fn sroi(&self, data: &Dataset) -> &SroiIndex {
        self.sroi.get_or_init(|| SroiIndex::build(data))
    }

    /// Make now what is otherwise made when first needed (see the module):
    /// a few ms each at region scale, the cells 15. A change that touches
    /// one drops it again (the cells of the rows it touched).
    pub fn prepare(&self, data: &Dataset) {
        self.keywords(data);
        self.sroi(data);
        self.plates.get_or_init(|| self.all_plates(data));
        if !self.cells_made.get() {
            for b in &self.base_cases {
                self.case_cells(data, b);
            }
            for b in &self.base_exceptions {
                self.exception_cells(data, b);
            }
            self.cells_made.set(true);
        }
    }

    /// What the case filter matches in base row `b`: normalised when first
    /// asked (a filter letter, [`Views::prepare`]), then kept.
    pub fn case_cells<'v>(&'v self, data: &Dataset, b: &'v CaseBase) -> &'v [Normalised; 3] {
        b.cells.get_or_init(|| {
            let names = OrgNames {
                data,
                at: &self.orgs,
            };
            case_cells(&data.cases[b.idx], &names)
        })
    }

    /// What the exception filter matches in base row `b`, as
    /// [`Views::case_cells`].
    pub fn exception_cells<'v>(
        &'v self,
        data: &Dataset,
        b: &'v ExceptionBase,
    ) -> &'v [Normalised; 4] {
        b.cells.get_or_init(|| {
            let names = OrgNames {
                data,
                at: &self.orgs,
            };
            let x = &data.exceptions[b.idx];
            let case = self.cases_by_id.get(&x.case).map(|i| &data.cases[*i]);
            exception_cells(x, case, &names, self.lang)
        })
    }

    /// Whether [`Views::prepare`] has nothing left to do.
    pub fn prepared(&self) -> bool {
        self.keywords.get().is_some()
            && self.sroi.get().is_some()
            && self.plates.get().is_some()
            && self.cells_made.get()
    }

    /// What `department` has on its plate; `None` when nothing. The first
    /// call after a change works out every department's plate at once.
    pub fn plate(&self, data: &Dataset, department: Id) -> Option<&PlateRows> {
        self.plates
            .get_or_init(|| self.all_plates(data))
            .get(&department)
    }

    fn all_plates(&self, data: &Dataset) -> FxHashMap<Id, PlateRows> {
        let (cases_by_id, exceptions_by_id) = (&self.cases_by_id, &self.exceptions_by_id);
        plate::department_plates(data)
            .into_iter()
            .map(|(department, p)| {
                let open_blockers = p
                    .open_blockers
                    .iter()
                    .filter_map(|(case, b)| {
                        let c = *cases_by_id.get(&case.id)?;
                        let i = case.blockers.iter().position(|x| x.id == b.id)?;
                        Some((c, i))
                    })
                    .collect();
                let exceptions = p
                    .exceptions
                    .iter()
                    .filter_map(|x| exceptions_by_id.get(&x.id).copied())
                    .collect();
                let rows = PlateRows {
                    open_blockers,
                    cases: p.cases.len(),
                    exceptions,
                };
                (department, rows)
            })
            .collect()
    }
}
