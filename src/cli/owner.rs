//! `mandaat owner QUERY`: the same ranking as the dashboard's lookup overlay.

use super::{Session, said};
use crate::domain::{KeywordIndex, Kind, MatchClass, OwnerMatch, plain};
use crate::i18n::{self, Lang};
use crate::session::{LookupCache, LookupView};
use anyhow::{Result, bail};
use serde::Serialize;
use std::io::Write;

#[derive(Clone, Copy, Serialize)]
struct LiaisonJson<'a> {
    number: &'a str,
    name: &'a str,
    email: &'a str,
    phone: &'a str,
}

#[derive(Serialize)]
struct OwnerJson<'a> {
    number: &'a str,
    name: &'a str,
    keyword: &'a str,
    primary: bool,
    #[serde(rename = "match")]
    class: MatchClass,
    score: i64,
    /// The first liaison, or `null` when the department has none.
    liaison: Option<LiaisonJson<'a>>,
    liaisons: Vec<LiaisonJson<'a>>,
    open_blockers: Vec<String>,
    open_cases: Vec<String>,
    open_exceptions: Vec<String>,
}

fn refuse_blank(lang: Lang, query: &str) -> Result<()> {
    if query.trim().is_empty() {
        bail!(i18n::cli::give_a_keyword(lang));
    }
    Ok(())
}

/// The lookup from the store's lookup cache, without opening the store (see
/// [`crate::session::lookup_cache`]): what makes the command instant at region scale, and lets it
/// answer while the dashboard has the store open.
pub fn owner_cached(cache: &LookupView, lang: Lang, query: &str, json: bool) -> Result<()> {
    refuse_blank(lang, query)?;
    let index = cache.keyword_index();
    let matches = index.lookup(query);
    // The process ends after this answer: freeing the index's thousands of
    // small allocations would only delay the prompt.
    std::mem::forget(index);
    report(cache, &matches, lang, query, json)
}

pub fn owner(s: &Session, query: &str, json: bool) -> Result<()> {
    refuse_blank(s.lang, query)?;
    // What the lookup and the found departments' plates need, and nothing
    // more: the exceptions are read on a second core meanwhile, and of the
    // cases only those on the found departments' plates (the plate index).
    let (mut data, matches, exceptions) = std::thread::scope(|scope| {
        let exceptions = scope.spawn(|| s.load_kinds(&[Kind::Exception]));
        let found = (|| {
            let data = s
                .load_kinds(&[Kind::Department, Kind::Contact])
                .map_err(said(s.lang))?;
            let matches = KeywordIndex::build(&data.departments).lookup(query);
            Ok::<_, anyhow::Error>((data, matches))
        })();
        let exceptions = exceptions
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        found.map(|(data, matches)| (data, matches, exceptions))
    })?;
    data.exceptions = exceptions.map_err(said(s.lang))?.exceptions;
    let departments: Vec<_> = matches.iter().map(|m| m.department).collect();
    data.cases = s.cases_on_plates(&departments).map_err(said(s.lang))?;
    let found = LookupCache::for_departments(&data, &departments);
    report(&found.view(), &matches, s.lang, query, json)
}

fn report(
    cache: &LookupView,
    matches: &[OwnerMatch],
    lang: Lang,
    query: &str,
    json: bool,
) -> Result<()> {
    let results: Vec<OwnerJson> = matches
        .iter()
        .filter_map(|m| {
            let d = cache.departments.iter().find(|d| d.id == m.department)?;
            let liaisons: Vec<LiaisonJson> = d
                .liaisons
                .iter()
                .filter_map(|id| cache.contacts.iter().find(|c| c.id == *id))
                .map(|c| LiaisonJson {
                    number: &c.number,
                    name: &c.name,
                    email: &c.email,
                    phone: &c.phone,
                })
                .collect();
            let plate = cache.plate(d.id).unwrap_or_default();
            Some(OwnerJson {
                number: &d.number,
                name: &d.name,
                keyword: &m.keyword,
                primary: m.primary,
                class: m.class,
                score: m.score,
                liaison: liaisons.first().copied(),
                liaisons,
                open_blockers: plate.open_blockers,
                open_cases: plate.cases,
                open_exceptions: plate.exceptions,
            })
        })
        .collect();
    // One write at the end rather than one per line (stdout is line
    // buffered): at region scale a lookup prints hundreds of lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    if results.is_empty() {
        writeln!(out, "{}", i18n::cli::no_owner_found(lang, query))?;
        return Ok(out.flush()?);
    }
    // Record text (names, keywords, e-mail addresses) reaches the terminal
    // without control chars or line breaks.
    let mut say = |line: String| writeln!(out, "{}", plain::one_line(&line));
    for (i, r) in results.iter().enumerate() {
        let role = if r.primary {
            i18n::cli::primary(lang)
        } else {
            i18n::cli::secondary(lang)
        };
        let class = match r.class {
            MatchClass::Exact => i18n::cli::exact(lang),
            MatchClass::Prefix => i18n::cli::prefix(lang),
            MatchClass::Fuzzy => i18n::cli::fuzzy(lang),
        };
        say(format!("{}. {} {}", i + 1, r.number, r.name))?;
        say(format!(
            "   {}: {} ({role}, {class})",
            i18n::cli::keyword(lang),
            r.keyword
        ))?;
        let liaison = match &r.liaisons[..] {
            [] => i18n::cli::no_liaison(lang).to_string(),
            ls => ls
                .iter()
                .map(|l| {
                    [l.name, l.email, l.phone]
                        .into_iter()
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ")
                })
                .collect::<Vec<_>>()
                .join("; "),
        };
        say(format!("   {}: {liaison}", i18n::cli::liaison(lang)))?;
        if !r.open_blockers.is_empty() || !r.open_exceptions.is_empty() {
            say(format!(
                "   {}: {} {}{}{}",
                i18n::cli::on_their_plate(lang),
                r.open_blockers.len(),
                match r.open_blockers.len() {
                    1 => i18n::cli::open_blocker(lang),
                    _ => i18n::cli::open_blockers(lang),
                },
                if r.open_blockers.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", r.open_blockers.join(", "))
                },
                if r.open_exceptions.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {} {}",
                        i18n::cli::exceptions(lang),
                        r.open_exceptions.join(", ")
                    )
                }
            ))?;
        }
    }
    Ok(out.flush()?)
}
