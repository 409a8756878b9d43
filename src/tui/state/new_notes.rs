//! A saved note, the commonest change, taken into the views in place: the
//! activity of the record it is on (and of an exception's case), that
//! record's row, status, triage and place in the sorted rows, the counters,
//! the age chart and the review item — not every view derived again, which
//! grows with the records nobody looks at (issue 14). The views afterwards
//! are those a full rebuild gives (the tests below compare them).

use super::Model;
use super::views::{CaseRow, Changed, ExceptionRow, Views};
use crate::domain::ageing::{self, ExceptionStatus, Health};
use crate::domain::chart::{self, AgeChart};
use crate::domain::dayclose::stalled_since;
use crate::domain::review::acted_today;
use crate::domain::triage;
use crate::domain::*;
use crate::tui::action::{CaseSort, SortBy};
use std::cmp::Ordering;

impl Model {
    /// Take in a change that only added notes, in place; `false` (nothing
    /// done) for any other change, which [`Model::rebuild_after`] derives.
    /// A note dated before today could change what stood at the start of
    /// the day (the review's list), and a day summary the last review day:
    /// those are derived too.
    pub(super) fn take_new_notes(&mut self, changed: &Changed) -> bool {
        if !self.only_new_notes(changed) {
            return false;
        }
        let today = self.ctx.today;
        self.keep_selection(|m| {
            let (cases, exceptions) = m.views.add_notes(&m.data, &changed.new_notes);
            m.update_records(&cases, &exceptions);
            m.views.find_index = Default::default();
            m.views.shown = (m.views).counters_for(&m.data, m.scope, &m.ctx.user, today);
            m.views.index_rows();
        });
        true
    }

    /// Whether `changed` adds notes and does nothing else that the views
    /// cannot take in place.
    fn only_new_notes(&self, changed: &Changed) -> bool {
        let today = self.ctx.today;
        !changed.kinds.is_empty()
            && changed.kinds.iter().all(|k| *k == Kind::Note)
            && changed.new_notes.len() == changed.ids.len()
            && (changed.new_notes.iter()).all(|n| n.kind != NoteKind::DaySummary && n.date >= today)
    }

    /// Derive again what depends on the activity of the cases and
    /// exceptions at these indexes (into the data), and move their rows.
    fn update_records(&mut self, cases: &[usize], exceptions: &[usize]) {
        let (data, today, settings) = (&self.data, self.ctx.today, &self.settings);
        let views = &mut self.views;
        for &idx in exceptions {
            let x = &data.exceptions[idx];
            let last = ageing::last_activity_of(x, &views.activity);
            let status = ageing::exception_status(x, last, settings, today);
            views.statuses[idx] = status.clone();
            for r in views.review.iter_mut().filter(|r| r.idx == idx) {
                r.status = status.clone();
                r.done = acted_today(views.activity.events(x.id), today);
            }
            let Ok(at) = views.base_exceptions.binary_search_by_key(&idx, |b| b.idx) else {
                continue;
            };
            let base = &mut views.base_exceptions[at];
            count(&mut views.counters, base.status.health, -1);
            count(&mut views.counters, status.health, 1);
            shift(&mut views.age_chart, x, &base.status, &status);
            base.stalled_since = match status.is_stalled() {
                true => stalled_since(x, last, settings),
                false => None,
            };
            base.status = status;
            let (status, since) = (base.status.clone(), base.stalled_since);
            let rows = &mut views.exception_rows;
            if let Some(at) = rows.iter().position(|r| r.idx == idx) {
                let mut row = rows.remove(at);
                row.status = status;
                row.stalled_since = since;
                let order = |a: &ExceptionRow| exception_order(self.sort, a, &row);
                let at = rows.partition_point(|a| order(a) == Ordering::Less);
                rows.insert(at, row);
            }
        }
        for &idx in cases {
            let c = &data.cases[idx];
            let Ok(at) = views.base_cases.binary_search_by_key(&idx, |b| b.idx) else {
                continue;
            };
            let last = views.activity.last_activity(c.id);
            let base = &mut views.base_cases[at];
            base.triage =
                !triage::case_triage(c, last.unwrap_or(c.opened_on), settings, today).is_empty();
            base.inactivity = last.map(|d| (today - d).num_days().max(0));
            let (triage, inactivity) = (base.triage, base.inactivity);
            let rows = &mut views.case_rows;
            if let Some(at) = rows.iter().position(|r| r.idx == idx) {
                let mut row = rows.remove(at);
                row.triage = triage;
                row.inactivity = inactivity;
                // Only the orders by triage and quiet days move a row.
                let at = match self.case_sort {
                    CaseSort::Urgency | CaseSort::Idle => rows
                        .partition_point(|a| case_order(self.case_sort, a, &row) == Ordering::Less),
                    _ => at,
                };
                rows.insert(at, row);
            }
        }
    }
}

impl Views {
    /// Add the notes to the activity index and the notes by record; the
    /// cases and exceptions (indexes into the data) whose activity moved.
    pub(super) fn add_notes(
        &mut self,
        data: &Dataset,
        notes: &[NoteHead],
    ) -> (Vec<usize>, Vec<usize>) {
        let (mut cases, mut exceptions) = (Vec::new(), Vec::new());
        for note in notes {
            self.activity.add_note(data, note);
            let Some(target) = note.target else { continue };
            if let Some(at) = data.notes.iter().rposition(|n| n.id == note.id) {
                self.notes_by_target.entry(target).or_default().push(at);
            }
            // As `ActivityIndex::add_note`: a follow-up's note is its record's.
            let owner = match target.kind {
                Kind::FollowUp => match data.followups.iter().find(|f| f.id == target.id) {
                    Some(f) => f.about.id,
                    None => continue,
                },
                _ => target.id,
            };
            if let Some(&x) = self.exceptions_by_id.get(&owner) {
                exceptions.push(x);
                cases.extend(self.cases_by_id.get(&data.exceptions[x].case));
            }
            cases.extend(self.cases_by_id.get(&owner));
        }
        for list in [&mut cases, &mut exceptions] {
            list.sort_unstable();
            list.dedup();
        }
        (cases, exceptions)
    }
}

/// The order the case rows are in for `sort` (see `panes::sort_cases`):
/// its key, ties by number, which is the data order.
fn case_order(sort: CaseSort, a: &CaseRow, b: &CaseRow) -> Ordering {
    use std::cmp::Reverse;
    // A case never active counts as quiet since it opened.
    let key = |r: &CaseRow| {
        let idle = Reverse(r.inactivity.unwrap_or(i64::MAX));
        match sort {
            CaseSort::Urgency => (Reverse(r.triage), Reverse(r.open_blockers), idle),
            _ => (Reverse(false), Reverse(0), idle),
        }
    };
    key(a).cmp(&key(b)).then(a.idx.cmp(&b.idx))
}

/// The order the exception rows are in for `sort` (see
/// `Views::exception_rows`), ties in data order.
fn exception_order(sort: SortBy, a: &ExceptionRow, b: &ExceptionRow) -> Ordering {
    let (x, y) = (&a.status, &b.status);
    let by = match sort {
        SortBy::Health => ageing::worst_first(x, y),
        SortBy::TotalAge => y.ages.total_days.cmp(&x.ages.total_days),
        SortBy::StageAge => y.ages.stage_days.cmp(&x.ages.stage_days),
    };
    by.then(a.idx.cmp(&b.idx))
}

/// Count an open exception's health in the header's counters (`by` 1) or
/// take it out (`by` -1).
fn count(c: &mut super::Counters, health: Option<Health>, by: isize) {
    let n = match health {
        Some(Health::Critical) => &mut c.critical,
        Some(Health::Stalled) => &mut c.stalled,
        Some(Health::Attention) => &mut c.attention,
        Some(Health::Snoozed) => &mut c.snoozed,
        _ => return,
    };
    *n = n.wrapping_add_signed(by);
}

/// Move an open exception in the age chart from its old status to its new.
fn shift(
    chart: &mut AgeChart,
    x: &ProcurementException,
    old: &ExceptionStatus,
    new: &ExceptionStatus,
) {
    let (old, new) = (
        chart::age_chart(&[(x, old.clone())]),
        chart::age_chart(&[(x, new.clone())]),
    );
    for ((band, old), new) in chart.bands.iter_mut().zip(old.bands).zip(new.bands) {
        band.total = band.total + new.total - old.total;
        for (n, (o, w)) in band
            .by_health
            .iter_mut()
            .zip(old.by_health.iter().zip(new.by_health))
        {
            *n = *n + w - o;
        }
        for (n, (o, w)) in band
            .by_stage
            .iter_mut()
            .zip(old.by_stage.iter().zip(new.by_stage))
        {
            *n = *n + w - o;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::Activity;
    use crate::domain::ops::Ctx;
    use crate::fixtures::seed;
    use crate::i18n::Lang;
    use crate::tui::action::{Change, Scope};
    use crate::tui::state::RecordNotes;
    use chrono::NaiveDate;
    use rustc_hash::FxHashMap;

    fn demo() -> Model {
        demo_with(false)
    }

    /// The demo; `quiet`: with cases in triage for three quiet days alone
    /// (a case waiting on the municipality without blockers), so that a
    /// note takes them out of it.
    fn demo_with(quiet: bool) -> Model {
        let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        let ctx = Ctx {
            today,
            now: today.and_hms_opt(9, 0, 0).unwrap(),
            user: "Anouk".into(),
        };
        let (mut settings, mut data) = seed::reference(&ctx).unwrap();
        for r in seed::demo(today, &data).unwrap() {
            data.upsert(r);
        }
        if quiet {
            settings.triage_inactivity_days = 3;
            for c in data
                .cases
                .iter_mut()
                .filter(|c| c.status.is_open())
                .step_by(3)
            {
                c.status = CaseStatus::WaitingOnMunicipality;
                c.blockers.clear();
            }
        }
        Model::new(data, settings, ctx, Lang::Nl)
    }

    fn note_on(m: &Model, target: RecordRef) -> Note {
        Note {
            id: Id::new_v4(),
            number: m.next_number(Kind::Note),
            target: Some(target),
            kind: NoteKind::Plain,
            date: m.ctx.today,
            author: m.ctx.user.clone(),
            text: "Gebeld".into(),
            stamp: Stamp::new(m.ctx.now, &m.ctx.user),
        }
    }

    /// Everything the screens read that a note can change.
    #[derive(Debug, PartialEq)]
    struct Seen {
        base_cases: Vec<(usize, bool, Option<i64>, usize)>,
        base_exceptions: Vec<(usize, ExceptionStatus, Option<NaiveDate>)>,
        case_rows: Vec<(usize, bool, Option<i64>, usize)>,
        exception_rows: Vec<(usize, ExceptionStatus, Option<NaiveDate>)>,
        counters: (super::super::Counters, super::super::Counters),
        statuses: Vec<ExceptionStatus>,
        review: Vec<(usize, ExceptionStatus, bool)>,
        morning: (Vec<usize>, Vec<usize>),
        chart: AgeChart,
        last_review: Option<NaiveDate>,
        notes_by_target: FxHashMap<RecordRef, Vec<usize>>,
        activity: Vec<Vec<Activity>>,
        selected: [usize; 3],
    }

    fn seen(m: &Model) -> Seen {
        let v = &m.views;
        let ids = (m.data.cases.iter().map(|c| c.id)).chain(m.data.exceptions.iter().map(|x| x.id));
        Seen {
            base_cases: (v.base_cases.iter())
                .map(|b| (b.idx, b.triage, b.inactivity, b.open_blockers))
                .collect(),
            base_exceptions: (v.base_exceptions.iter())
                .map(|b| (b.idx, b.status.clone(), b.stalled_since))
                .collect(),
            case_rows: (v.case_rows.iter())
                .map(|b| (b.idx, b.triage, b.inactivity, b.open_blockers))
                .collect(),
            exception_rows: (v.exception_rows.iter())
                .map(|b| (b.idx, b.status.clone(), b.stalled_since))
                .collect(),
            counters: (v.counters, v.shown),
            statuses: v.statuses.clone(),
            review: (v.review.iter())
                .map(|r| (r.idx, r.status.clone(), r.done))
                .collect(),
            morning: (v.triage_rows.clone(), v.newly_stalled_rows.clone()),
            chart: v.age_chart,
            last_review: v.last_review,
            notes_by_target: v.notes_by_target.clone(),
            activity: ids.map(|id| v.activity.events(id).to_vec()).collect(),
            selected: m.selected,
        }
    }

    /// Save a note on `target` with these orders and scope: the views taken
    /// in place equal those derived from scratch. Returns (before, after).
    fn save_both_ways(
        quiet: bool,
        (kind, i): (Kind, usize),
        sorts: (CaseSort, SortBy),
        scope: Scope,
    ) -> (Seen, Seen) {
        let mut m = demo_with(quiet);
        // The demo's ids are new every time: the target by kind and place.
        let target = match kind {
            Kind::Case => m.data.cases[i].record_ref(),
            Kind::Exception => m.data.exceptions[i].record_ref(),
            Kind::FollowUp => m.data.followups[i].record_ref(),
            _ => m.data.organisations[i].record_ref(),
        };
        (m.case_sort, m.sort, m.scope) = (sorts.0, sorts.1, scope);
        m.refilter();
        // Somewhere down the lists, so the selection has to follow.
        m.selected = [3, 0, 2];
        let before = seen(&m);
        let note = note_on(&m, target);
        let change = Change::undoable(&m.data, vec![note.into()], String::new());
        let mut changed = Changed::of(&change);
        changed.new_notes = change
            .save
            .iter()
            .filter_map(|r| match r {
                AnyRecord::Note(n) => Some(n.head()),
                _ => None,
            })
            .collect();
        assert!(m.only_new_notes(&changed), "{target:?}: not taken in place");
        m.commit(change);
        let in_place = seen(&m);
        m.rebuild();
        let fresh = seen(&m);
        assert_eq!(in_place, fresh, "{target:?} {sorts:?} {scope:?}");
        (before, in_place)
    }

    #[test]
    fn a_saved_note_taken_in_place_gives_the_views_a_rebuild_gives() {
        let m = demo();
        let targets: Vec<(Kind, usize)> = ((0..m.data.cases.len()).map(|i| (Kind::Case, i)))
            .chain((0..m.data.exceptions.len()).map(|i| (Kind::Exception, i)))
            .chain((0..m.data.followups.len().min(4)).map(|i| (Kind::FollowUp, i)))
            .chain([(Kind::Organisation, 0)])
            .collect();
        let orders = [
            (CaseSort::Urgency, SortBy::Health, Scope::All),
            (CaseSort::Idle, SortBy::TotalAge, Scope::Mine),
            (CaseSort::Number, SortBy::StageAge, Scope::All),
        ];
        let (mut triage_moved, mut health_moved) = (false, false);
        for ((case_sort, sort, scope), quiet) in orders.into_iter().zip([true, false, true]) {
            for &target in &targets {
                let (before, after) = save_both_ways(quiet, target, (case_sort, sort), scope);
                let triage = |s: &Seen| s.base_cases.iter().map(|b| b.1).collect::<Vec<_>>();
                triage_moved |= triage(&before) != triage(&after);
                let health = |s: &Seen| s.statuses.iter().map(|x| x.health).collect::<Vec<_>>();
                health_moved |= health(&before) != health(&after);
            }
        }
        // The demo has a case whose quiet days put it in triage and an
        // exception a note makes healthy: the comparison covered both.
        assert!(triage_moved, "no note took a case out of triage");
        assert!(health_moved, "no note changed an exception's health");
    }

    #[test]
    fn a_day_summary_or_an_earlier_note_is_derived_from_scratch() {
        let m = demo();
        let case = m.data.cases[0].record_ref();
        let mut earlier = note_on(&m, case);
        earlier.date = m.ctx.today.pred_opt().unwrap();
        let mut summary = note_on(&m, case);
        (summary.kind, summary.target) = (NoteKind::DaySummary, None);
        for note in [earlier, summary] {
            let change = Change::undoable(&m.data, vec![note.clone().into()], String::new());
            let mut changed = Changed::of(&change);
            changed.new_notes = vec![note.head()];
            assert!(!m.only_new_notes(&changed));
        }
    }

    #[test]
    fn the_shown_notes_take_a_saved_note_without_reading_them_again() {
        let mut m = demo();
        let case = m.data.cases[0].record_ref();
        let old = note_on(&m, case);
        m.record_notes = Some(RecordNotes {
            about: case,
            notes: Ok(vec![old.clone()]),
        });
        let new = note_on(&m, case);
        let elsewhere = note_on(&m, m.data.cases[1].record_ref());
        let change = Change::undoable(
            &m.data,
            vec![new.clone().into(), elsewhere.into()],
            String::new(),
        );
        m.commit(change);
        let shown = m.record_notes.as_ref().expect("kept");
        let numbers: Vec<&str> = (shown.notes.as_ref().unwrap().iter())
            .map(|n| n.number.as_str())
            .collect();
        assert_eq!(numbers, [old.number.as_str(), new.number.as_str()]);
    }
}
