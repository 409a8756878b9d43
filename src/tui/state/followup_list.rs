//! The follow-ups list (`F`): every open follow-up across all records,
//! overdue first then by due date, narrowed by what is typed after `/`
//! (counterpart, record or subject). Built from the data when asked: a
//! sort of the open follow-ups, no cache to keep in step.

use super::Model;
use super::filter::Filter;
use crate::domain::*;
use rustc_hash::FxHashMap;

/// The list as the user has it: the filter text, the selected row, and
/// whether keys are going into the filter.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FollowUpList {
    pub query: String,
    pub selected: usize,
    /// Typing into the filter (after `/`): letters are text, not commands.
    pub typing: bool,
}

/// One row of the list: the follow-up (index into the data) and the words
/// it shows, as matched by the filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpRow {
    pub idx: usize,
    pub with: String,
    /// "C17 Soepbar Eerlijk Bord".
    pub record: String,
}

impl Model {
    /// The open follow-ups for the list, overdue first, then by due date
    /// (then number), keeping those that match `query`.
    pub fn followup_rows(&self, query: &str) -> Vec<FollowUpRow> {
        let contacts: FxHashMap<Id, &str> = (self.data.contacts.iter())
            .map(|c| (c.id, c.name.as_str()))
            .collect();
        let filter = Filter::new(query);
        let mut rows: Vec<FollowUpRow> = (self.data.followups.iter().enumerate())
            .filter(|(_, f)| !f.is_done())
            .filter_map(|(idx, f)| {
                let with = self.counterpart_name(&f.with, &contacts);
                let record = self.record_label(f.about);
                filter.matches(&[&with, &record, &f.subject])?;
                Some(FollowUpRow { idx, with, record })
            })
            .collect();
        let key = |r: &FollowUpRow| {
            let f = &self.data.followups[r.idx];
            (f.due, Number::parse(&f.number))
        };
        rows.sort_by_cached_key(key);
        rows
    }

    /// Whom a follow-up is with, by name.
    fn counterpart_name(&self, with: &Counterpart, contacts: &FxHashMap<Id, &str>) -> String {
        match with {
            Counterpart::Contact(id) => contacts.get(id).map_or("?", |n| n).to_string(),
            Counterpart::Organisation(id) => self.org_name(*id).to_string(),
            Counterpart::Other(s) => s.clone(),
        }
    }

    /// A record by number and name: a case or track by its organisation, an
    /// exception by its case's organisation, a department by its name.
    /// Through the views' indexes: the list asks this for every follow-up.
    pub fn record_label(&self, r: RecordRef) -> String {
        let (number, name) = match r.kind {
            Kind::Case => match self.case(r.id) {
                Some(c) => (c.number.as_str(), self.org_name(c.organisation)),
                None => return "?".into(),
            },
            Kind::Exception => match self.exception(r.id) {
                Some(x) => (
                    x.number.as_str(),
                    self.case(x.case)
                        .map_or("", |c| self.org_name(c.organisation)),
                ),
                None => return "?".into(),
            },
            Kind::Track => match self.data.tracks.iter().find(|t| t.id == r.id) {
                Some(t) => (t.number.as_str(), self.org_name(t.organisation)),
                None => return "?".into(),
            },
            Kind::Department => match self.data.departments.iter().find(|d| d.id == r.id) {
                Some(d) => (d.number.as_str(), d.name.as_str()),
                None => return "?".into(),
            },
            _ => {
                return (self.data.get(r)).map_or_else(|| "?".into(), |x| x.number().to_string());
            }
        };
        match name.is_empty() {
            true => number.to_string(),
            false => format!("{number} {name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::state::Model;

    fn model() -> Model {
        Model::demo_for_tests()
    }

    #[test]
    fn every_open_follow_up_overdue_first_then_by_due_date() {
        let m = model();
        let rows = m.followup_rows("");
        let open = m.data.followups.iter().filter(|f| !f.is_done()).count();
        assert!(open > 3, "the demo has open follow-ups");
        assert_eq!(rows.len(), open);
        let dues: Vec<_> = rows.iter().map(|r| m.data.followups[r.idx].due).collect();
        assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
        // Overdue ones first: every overdue before every other.
        let overdue = |r: &super::FollowUpRow| m.data.followups[r.idx].due < m.ctx.today;
        let first_not = rows.iter().position(|r| !overdue(r)).unwrap_or(rows.len());
        assert!(rows[first_not..].iter().all(|r| !overdue(r)));
        assert!(first_not > 0, "the demo has an overdue follow-up");
    }

    #[test]
    fn the_filter_keeps_the_follow_ups_with_a_counterpart_or_record() {
        let m = model();
        let all = m.followup_rows("");
        let with = all[0].with.clone();
        let word = with.split_whitespace().next().unwrap().to_string();
        let kept = m.followup_rows(&word);
        assert!(!kept.is_empty() && kept.len() < all.len(), "{word}");
        assert!(kept.iter().any(|r| r.with == with));
        let number = all[0].record.split(' ').next().unwrap().to_string();
        let kept = m.followup_rows(&number);
        assert!(kept.iter().all(|r| r.record.contains(&number)), "{number}");
        assert!(m.followup_rows("zzqqxx").is_empty());
    }
}
