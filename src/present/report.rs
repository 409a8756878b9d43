//! The end-of-day report: one row per exception of today's review, as a
//! Markdown table (for `mandaat review --markdown` and the reports folder) and
//! as the text of the dated summary note. Shared by the command line and the
//! dashboard so both say the same.

use crate::domain::activity::{ActivityIndex, ActivityKind};
use crate::domain::dayclose::{actions_today, next_date};
use crate::domain::review::{review_items, review_progress};
use crate::domain::*;
use crate::i18n::{self, Lang, report as words};

pub use crate::i18n::report::title;
use chrono::NaiveDate;

pub struct ReportRow {
    pub number: String,
    pub case: String,
    pub organisation: String,
    pub stage: Stage,
    pub total_days: i64,
    pub stage_days: i64,
    pub actions: Vec<ActivityKind>,
    /// A decision note today: the exception was escalated.
    pub escalated: bool,
    pub next: Option<NaiveDate>,
}

/// One row per exception of today's review; `notes` are the heads of every
/// note (a decision note today marks the exception escalated).
pub fn rows(
    data: &Dataset,
    notes: &[NoteHead],
    activity: &ActivityIndex,
    settings: &Settings,
    today: NaiveDate,
) -> Vec<ReportRow> {
    let escalated: std::collections::HashSet<RecordRef> = notes
        .iter()
        .filter(|n| n.kind == NoteKind::Decision && n.date == today)
        .filter_map(|n| n.target)
        .collect();
    review_items(data, activity, settings, today)
        .into_iter()
        .map(|item| {
            let x = item.exception;
            let case = data.cases.iter().find(|c| c.id == x.case);
            let organisation = case
                .and_then(|c| data.organisations.iter().find(|o| o.id == c.organisation))
                .map_or_else(String::new, |o| o.name.clone());
            ReportRow {
                number: x.number.clone(),
                case: case.map_or_else(|| "?".into(), |c| c.number.clone()),
                organisation,
                stage: x.stage,
                total_days: item.status.ages.total_days,
                stage_days: item.status.ages.stage_days,
                actions: actions_today(activity, x.id, today),
                escalated: escalated.contains(&x.record_ref()),
                next: next_date(data, x, today),
            }
        })
        .collect()
}

/// "notitie, follow-up" — what was done, or "—".
pub fn actions_text(lang: Lang, actions: &[ActivityKind]) -> String {
    if actions.is_empty() {
        return "—".into();
    }
    actions
        .iter()
        .map(|a| words::action_word(lang, *a))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ReportRow {
    /// What was done, with an escalation named as such (its decision note and
    /// follow-up are the escalation, not separate actions).
    pub fn done_text(&self, lang: Lang) -> String {
        if !self.escalated {
            return actions_text(lang, &self.actions);
        }
        let rest: Vec<ActivityKind> = self
            .actions
            .iter()
            .copied()
            .filter(|a| !matches!(a, ActivityKind::Note | ActivityKind::FollowUpCreated))
            .collect();
        let mut text = words::escalation(lang).to_string();
        if !rest.is_empty() {
            text = format!("{text}, {}", actions_text(lang, &rest));
        }
        text
    }
}

/// The day's table, followed by the age chart of the open exceptions when given.
pub fn markdown_report(
    lang: Lang,
    today: NaiveDate,
    rows: &[ReportRow],
    chart: Option<&crate::domain::chart::AgeChart>,
) -> String {
    let mut out = day_table(lang, today, rows);
    if let Some(chart) = chart {
        out.push('\n');
        out.push_str(&super::chart::age_chart_markdown(chart, lang));
    }
    out
}

fn day_table(lang: Lang, today: NaiveDate, rows: &[ReportRow]) -> String {
    let done = rows.iter().filter(|r| !r.actions.is_empty()).count();
    let state = words::state(lang, rows.len() - done);
    let mut out = format!("# {} — {state}\n\n", title(lang, today));
    if rows.is_empty() {
        out.push_str(words::no_stalled_today(lang));
        out.push('\n');
        return out;
    }
    let header = words::day_columns(lang);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.number.clone(),
                format!("{} {}", r.case, r.organisation),
                i18n::stage_numbered(lang, r.stage),
                format!("{} d", r.total_days),
                format!("{} d", r.stage_days),
                r.done_text(lang),
                r.next.map_or_else(|| "—".into(), i18n::date),
            ]
        })
        .collect();
    out.push_str(&super::markdown::table(&header, &cells, header.len()));
    out
}

/// The dated summary note: the title, then one line per exception.
pub fn summary_note(lang: Lang, today: NaiveDate, rows: &[ReportRow]) -> String {
    let mut out = title(lang, today);
    for r in rows {
        let next = r
            .next
            .map(|d| format!(" · {} {}", words::next(lang), i18n::date(d)))
            .unwrap_or_default();
        out.push_str(&format!(
            "\n{} ({}): {}{next}",
            r.number,
            r.case,
            r.done_text(lang)
        ));
    }
    out
}

/// Whether every item of the day's review had a qualifying action.
pub fn complete(
    data: &Dataset,
    activity: &ActivityIndex,
    settings: &Settings,
    today: NaiveDate,
) -> bool {
    review_progress(&review_items(data, activity, settings, today)).is_complete()
}
