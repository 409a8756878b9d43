//! `cases`, `exceptions` and `review`: the dashboard's lists as text, JSON or
//! Markdown. The JSON shapes are documented in README.md and kept stable.

use super::{Session, said};
use crate::domain::activity::ActivityIndex;
use crate::domain::ageing::{self, ExceptionStatus, Health, Label};
use crate::domain::chart;
use crate::domain::review;
use crate::domain::triage::{self, TriageReason};
use crate::domain::*;
use crate::i18n::{self, Lang};
use crate::present::columns;
use crate::present::table::Table;
use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;

/// Names by id, for printing references.
struct Names<'a> {
    orgs: HashMap<Id, &'a Organisation>,
    cases: HashMap<Id, &'a Case>,
    contacts: HashMap<Id, &'a Contact>,
}

impl<'a> Names<'a> {
    fn new(data: &'a Dataset) -> Self {
        Names {
            orgs: data.organisations.iter().map(|o| (o.id, o)).collect(),
            cases: data.cases.iter().map(|c| (c.id, c)).collect(),
            contacts: data.contacts.iter().map(|c| (c.id, c)).collect(),
        }
    }

    fn org(&self, id: Id) -> &str {
        self.orgs.get(&id).map_or("?", |o| o.name.as_str())
    }

    fn case_number(&self, id: Id) -> &str {
        self.cases.get(&id).map_or("?", |c| c.number.as_str())
    }

    fn case_org(&self, id: Id) -> &str {
        self.cases
            .get(&id)
            .map_or("?", |c| self.org(c.organisation))
    }

    fn contact(&self, id: Option<Id>) -> &str {
        id.and_then(|id| self.contacts.get(&id))
            .map_or("", |c| c.name.as_str())
    }
}

fn print_json<T: Serialize>(value: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

// ----------------------------------------------------------------- exceptions

#[derive(Serialize)]
struct ExceptionJson<'a> {
    number: &'a str,
    case: &'a str,
    organisation: &'a str,
    kind: ExceptionKind,
    contract_type: ContractType,
    value_cents: Cents,
    stage: Stage,
    stage_number: Option<u8>,
    /// `null` for a closed exception.
    health: Option<Health>,
    labels: &'a [Label],
    total_age_days: i64,
    stage_age_days: i64,
    inactivity_days: i64,
    snoozed_until: Option<chrono::NaiveDate>,
    waiting_on: &'a str,
}

fn exception_json<'a>(
    x: &'a ProcurementException,
    st: &'a ExceptionStatus,
    names: &'a Names,
) -> ExceptionJson<'a> {
    ExceptionJson {
        number: &x.number,
        case: names.case_number(x.case),
        organisation: names.case_org(x.case),
        kind: x.kind,
        contract_type: x.contract_type,
        value_cents: x.value,
        stage: x.stage,
        stage_number: x.stage.ordinal(),
        health: st.health,
        labels: &st.labels,
        total_age_days: st.ages.total_days,
        stage_age_days: st.ages.stage_days,
        inactivity_days: st.ages.inactivity_days,
        snoozed_until: x.snooze.as_ref().map(|s| s.until),
        waiting_on: names.contact(x.waiting_on),
    }
}

fn health_text(lang: Lang, st: &ExceptionStatus) -> String {
    st.health.map_or_else(
        || i18n::cli::closed(lang).to_string(),
        |h| i18n::health(lang, h).to_string(),
    )
}

pub fn exceptions(s: &Session, all: bool, json: bool) -> Result<()> {
    let (data, notes) = s.load_without_notes().map_err(said(s.lang))?;
    let settings = s.settings().map_err(said(s.lang))?;
    let activity = ActivityIndex::build_with(&data, notes.iter().copied());
    let today = s.ctx.today;
    let mut rows = ageing::open_exceptions(&data, &activity, &settings, today);
    if all {
        let mut closed: Vec<_> = data
            .exceptions
            .iter()
            .filter(|x| x.stage.is_closed())
            .map(|x| {
                let last = activity.last_activity(x.id).unwrap_or(x.requested_on);
                (x, ageing::exception_status(x, last, &settings, today))
            })
            .collect();
        closed.sort_by_key(|(_, st)| std::cmp::Reverse(st.ages.total_days));
        rows.extend(closed);
    }
    let names = Names::new(&data);
    if json {
        let out: Vec<_> = rows
            .iter()
            .map(|(x, st)| exception_json(x, st, &names))
            .collect();
        return print_json(&out);
    }
    let lang = s.lang;
    if rows.is_empty() {
        println!("{}", i18n::cli::no_open_procurement_exceptions(lang));
        return Ok(());
    }
    let mut t = Table::new(columns::headers(lang, &columns::EXCEPTIONS_LISTING));
    for (x, st) in &rows {
        let mut labels = i18n::labels(lang, &st.labels);
        if let Some(sn) = x
            .snooze
            .as_ref()
            .filter(|_| st.health == Some(Health::Snoozed))
        {
            let until = i18n::cli::until(lang);
            labels = [labels, format!("{until} {}", i18n::date(sn.until))]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
        }
        t.row(vec![
            x.number.clone(),
            names.case_number(x.case).to_string(),
            names.case_org(x.case).to_string(),
            i18n::stage_numbered(lang, x.stage),
            i18n::days(lang, st.ages.total_days),
            i18n::days(lang, st.ages.stage_days),
            i18n::days(lang, st.ages.inactivity_days),
            health_text(lang, st),
            labels,
        ]);
    }
    print!("{}", t.render());
    Ok(())
}

// --------------------------------------------------------------------- review

#[derive(Serialize)]
struct ReviewJson<'a> {
    #[serde(flatten)]
    exception: ExceptionJson<'a>,
    /// Had a qualifying action today.
    reviewed_today: bool,
}

pub fn review(s: &Session, as_markdown: bool, json: bool) -> Result<()> {
    let (data, notes) = s.load_without_notes().map_err(said(s.lang))?;
    let settings = s.settings().map_err(said(s.lang))?;
    let activity = ActivityIndex::build_with(&data, notes.iter().copied());
    let today = s.ctx.today;
    let items = review::review_items(&data, &activity, &settings, today);
    let names = Names::new(&data);
    if json {
        let out: Vec<_> = items
            .iter()
            .map(|i| ReviewJson {
                exception: exception_json(i.exception, &i.status, &names),
                reviewed_today: i.done,
            })
            .collect();
        return print_json(&out);
    }
    let lang = s.lang;
    let progress = review::review_progress(&items);
    let title = format!(
        "{} {} — {}",
        i18n::cli::end_of_day_review(lang),
        i18n::date(today),
        if items.is_empty() {
            i18n::cli::no_stalled_exceptions(lang).to_string()
        } else if progress.is_complete() {
            i18n::cli::complete(lang).to_string()
        } else {
            format!("{} ({} open)", i18n::cli::incomplete(lang), progress.open())
        }
    );
    let header = columns::headers(lang, &columns::REVIEW_LISTING);
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|i| {
            let x = i.exception;
            let mut health = health_text(lang, &i.status);
            if !i.status.labels.is_empty() {
                health = format!("{health} ({})", i18n::labels(lang, &i.status.labels));
            }
            vec![
                x.number.clone(),
                names.case_number(x.case).to_string(),
                names.case_org(x.case).to_string(),
                i18n::stage_numbered(lang, x.stage),
                i18n::days(lang, i.status.ages.total_days),
                i18n::days(lang, i.status.ages.stage_days),
                health,
                if i.done {
                    i18n::cli::done(lang)
                } else {
                    i18n::cli::open(lang)
                }
                .to_string(),
            ]
        })
        .collect();
    if as_markdown {
        // The same report the dashboard writes to the reports folder.
        let report = crate::present::report::rows(&data, &notes, &activity, &settings, today);
        let open = ageing::open_exceptions(&data, &activity, &settings, today);
        let chart = chart::age_chart(&open);
        print!(
            "{}",
            crate::present::report::markdown_report(lang, today, &report, Some(&chart))
        );
        return Ok(());
    }
    println!("{title}");
    if !rows.is_empty() {
        let mut t = Table::new(header);
        rows.into_iter().for_each(|r| t.row(r));
        print!("{}", t.render());
    }
    Ok(())
}

// ---------------------------------------------------------------------- cases

#[derive(Serialize)]
struct CaseJson<'a> {
    number: &'a str,
    organisation: &'a str,
    title: &'a str,
    action_line: ActionLine,
    status: CaseStatus,
    owner: &'a str,
    open_blockers: usize,
    last_activity: Option<chrono::NaiveDate>,
    /// Since the last activity, or since the case was opened; never negative.
    inactivity_days: i64,
    triage: bool,
}

fn triage_text(lang: Lang, reasons: &[TriageReason]) -> String {
    reasons
        .iter()
        .map(|r| match r {
            TriageReason::Idle { days } => i18n::cli::triage_idle(lang, days),
            TriageReason::OldBlocker { keyword, days } => {
                i18n::cli::triage_old_blocker(lang, keyword, days)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn cases(s: &Session, all: bool, json: bool) -> Result<()> {
    let (data, notes) = s.load_without_notes().map_err(said(s.lang))?;
    let settings = s.settings().map_err(said(s.lang))?;
    let activity = ActivityIndex::build_with(&data, notes.iter().copied());
    let today = s.ctx.today;
    let names = Names::new(&data);
    let rows: Vec<_> = data
        .cases
        .iter()
        .filter(|c| all || c.status.is_open())
        .map(|c| {
            let last = triage::case_last_activity(c, &activity);
            let reasons = triage::case_triage(c, last, &settings, today);
            (c, last, reasons)
        })
        .collect();
    if json {
        let out: Vec<_> = rows
            .iter()
            .map(|(c, last, reasons)| CaseJson {
                number: &c.number,
                organisation: names.org(c.organisation),
                title: &c.title,
                action_line: c.action_line,
                status: c.status,
                owner: &c.owner,
                open_blockers: c.blockers.iter().filter(|b| b.is_open()).count(),
                last_activity: activity.last_activity(c.id),
                inactivity_days: triage::inactivity_days(*last, today),
                triage: !reasons.is_empty(),
            })
            .collect();
        return print_json(&out);
    }
    let lang = s.lang;
    if rows.is_empty() {
        println!("{}", i18n::cli::no_open_cases(lang));
        return Ok(());
    }
    let mut t = Table::new(columns::headers(lang, &columns::CASES_LISTING));
    for (c, last, reasons) in &rows {
        t.row(vec![
            c.number.clone(),
            names.org(c.organisation).to_string(),
            c.title.clone(),
            i18n::action_line(lang, c.action_line).to_string(),
            i18n::case_status(lang, c.status).to_string(),
            c.owner.clone(),
            c.blockers
                .iter()
                .filter(|b| b.is_open())
                .count()
                .to_string(),
            i18n::days(lang, triage::inactivity_days(*last, today)),
            triage_text(lang, reasons),
        ]);
    }
    print!("{}", t.render());
    let open = rows.iter().filter(|(c, ..)| c.status.is_open()).count();
    let triage = rows.iter().filter(|(_, _, r)| !r.is_empty()).count();
    println!("{}", i18n::cli::cases_summary(lang, open, triage));
    Ok(())
}
