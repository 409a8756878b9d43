//! Commands that guard the data: `restore`, `forget`, the daily backup, and
//! (debug builds only) the writer the kill harness shoots at.

use super::{Session, said};
use crate::domain::integrity;
use crate::domain::*;
use crate::i18n::{self, Lang};
use crate::session::{BACKUPS_KEPT, export};
use anyhow::{Result, anyhow, bail};
use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Ask `question` on the terminal; `--yes` answers it beforehand. Without a
/// terminal there is nobody to ask, so the answer is no.
pub fn confirm(lang: Lang, question: &str, yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !std::io::stdin().is_terminal() {
        bail!(i18n::cli::nothing_changed_confirm_with_yes(lang));
    }
    eprint!("{question} {}", i18n::cli::yes_no(lang));
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    let answer = answer.trim().to_lowercase();
    Ok(matches!(answer.as_str(), "j" | "ja" | "y" | "yes"))
}

/// The first start of the day writes a backup; a failure is reported but
/// stops nothing (the store itself is fine).
pub fn daily_backup(s: &Session) {
    let lang = s.lang;
    match s.daily_backup() {
        Ok(_) => {}
        Err(e) => eprintln!("{}", i18n::cli::backup_not_made(lang, e.message(lang))),
    }
}

pub fn restore(s: &Session, file: Option<&Path>, yes: bool) -> Result<()> {
    let lang = s.lang;
    let dir = s.dir();
    let file: PathBuf = match file {
        Some(f) if !f.is_dir() => f.into(),
        // No file, or a folder of backups (the damage message prints the
        // backup folder): its newest backup not dated after today.
        folder => {
            let folder = folder.map_or_else(|| s.backup_dir(), Path::to_path_buf);
            let pick = s.newest_backup_in(&folder);
            let later: Vec<String> = pick.later.iter().map(|p| p.display().to_string()).collect();
            let today = s.ctx.today;
            match pick.newest {
                Some(newest) => {
                    if !later.is_empty() {
                        eprintln!(
                            "{}",
                            i18n::cli::later_backups_passed_over(lang, today, later.join(", "))
                        );
                    }
                    newest
                }
                None if !later.is_empty() => bail!(i18n::cli::only_later_backups(
                    lang,
                    folder.display(),
                    today,
                    later.join(", ")
                )),
                None => bail!(i18n::cli::no_backups(lang, folder.display())),
            }
        }
    };
    let refused = |e: export::ImportError| {
        anyhow!(i18n::cli::file_refused(
            lang,
            file.display(),
            e.message(lang)
        ))
    };
    if !s.is_empty().map_err(|e| anyhow!(e.message(lang)))? {
        return Err(refused(export::ImportError::Store(
            crate::session::StoreError::NotEmpty { dir: dir.into() },
        )));
    }
    let bytes = std::fs::read(&file)
        .map_err(|e| anyhow!(i18n::cli::cannot_read_because(lang, e, file.display())))?;
    // Check the whole file before asking, so "yes" is never to a bad file.
    let doc = export::parse(&bytes).map_err(refused)?;
    let (settings, data) = doc.into_parts();
    let total: usize = Kind::ALL.iter().map(|k| data.count(*k)).sum();
    let question = i18n::cli::confirm_restore(lang, total, file.display(), dir.display());
    if !confirm(lang, &question, yes)? {
        bail!(i18n::cli::not_restored(lang));
    }
    s.replace_all(&settings, &data)
        .map_err(|e| anyhow!(e.message(lang)))?;
    println!(
        "{}",
        i18n::cli::restored(lang, total, file.display(), dir.display())
    );
    Ok(())
}

/// Everything that has to go when organisation `org` is forgotten: the
/// organisation, its cases, their exceptions, its certification tracks, every
/// follow-up about or with any of those, and every note on any of them.
pub fn forget_set(data: &Dataset, org: Id) -> Vec<RecordRef> {
    let mut gone: HashSet<Id> = HashSet::from([org]);
    let mut out = vec![RecordRef {
        kind: Kind::Organisation,
        id: org,
    }];
    let mut take = |gone: &mut HashSet<Id>, kind: Kind, id: Id| {
        if gone.insert(id) {
            out.push(RecordRef { kind, id });
        }
    };
    for c in data.cases.iter().filter(|c| c.organisation == org) {
        take(&mut gone, Kind::Case, c.id);
    }
    for x in &data.exceptions {
        if gone.contains(&x.case) {
            take(&mut gone, Kind::Exception, x.id);
        }
    }
    for t in data.tracks.iter().filter(|t| t.organisation == org) {
        take(&mut gone, Kind::Track, t.id);
    }
    // Notes and follow-ups can be about each other: repeat until nothing moves.
    loop {
        let before = gone.len();
        for f in &data.followups {
            let with_org = matches!(f.with, Counterpart::Organisation(id) if id == org);
            if with_org || gone.contains(&f.about.id) {
                take(&mut gone, Kind::FollowUp, f.id);
            }
        }
        for n in &data.notes {
            if n.target.is_some_and(|t| gone.contains(&t.id)) {
                take(&mut gone, Kind::Note, n.id);
            }
        }
        if gone.len() == before {
            break;
        }
    }
    out
}

pub fn forget(s: &Session, query: &str, yes: bool) -> Result<()> {
    let lang = s.lang;
    let data = s.load().map_err(said(s.lang))?;
    let query = query.trim();
    let wanted = Number::parse(query).filter(|n| n.kind == Kind::Organisation);
    let lower = query.to_lowercase();
    let mut matches: Vec<&Organisation> = data
        .organisations
        .iter()
        .filter(|o| match wanted {
            Some(n) => Number::parse(&o.number) == Some(n),
            None => o.name.to_lowercase() == lower,
        })
        .collect();
    if matches.is_empty() && wanted.is_none() {
        matches = data
            .organisations
            .iter()
            .filter(|o| o.name.to_lowercase().contains(&lower))
            .collect();
    }
    let org = match matches.as_slice() {
        [one] => *one,
        [] => bail!(i18n::cli::no_organisation_found(lang, query)),
        many => {
            let names: Vec<String> = many
                .iter()
                .map(|o| format!("{} {}", o.number, o.name))
                .collect();
            bail!(i18n::cli::several_organisations(
                lang,
                query,
                names.join(", ")
            ))
        }
    };
    let refs = forget_set(&data, org.id);
    let numbers: Vec<String> = refs
        .iter()
        .filter_map(|r| data.records().find(|a| a.record_ref() == *r))
        .map(|a| a.number().to_string())
        .collect();
    // The rest must still hold together; otherwise nothing is removed.
    let mut rest = data.clone();
    for r in &refs {
        rest.remove(*r);
    }
    let problems = integrity::validate(&rest);
    if !problems.is_empty() {
        return Err(anyhow!(
            crate::session::StoreError::Invalid(problems).message(lang)
        ));
    }
    let question = i18n::cli::confirm_forget(
        lang,
        &org.number,
        &org.name,
        numbers.len(),
        numbers.join(", "),
    );
    if !confirm(lang, &question, yes)? {
        bail!(i18n::cli::nothing_removed(lang));
    }
    s.apply(&[], &refs).map_err(|e| anyhow!(e.message(lang)))?;
    println!(
        "{}",
        i18n::cli::forgotten(
            lang,
            &org.number,
            &org.name,
            numbers.len(),
            numbers.join(", "),
        )
    );
    // The day reports first: they do not depend on who holds the store.
    let words = [
        org.name.as_str(),
        &org.email,
        &org.contact_person,
        &org.phone,
    ];
    match s.scrub_reports(&words, i18n::cli::forgotten_mark(lang)) {
        Ok(n) => println!(
            "{}",
            i18n::cli::reports_scrubbed(lang, n, s.reports_dir().display())
        ),
        Err(e) => eprintln!(
            "{}",
            i18n::cli::reports_not_scrubbed(lang, e, s.reports_dir().display())
        ),
    }
    let compacted = rewrite(s);
    println!(
        "{}",
        i18n::cli::backups_still_hold(lang, s.backup_dir().display(), BACKUPS_KEPT)
    );
    compacted
}

/// `mandaat forget --compact`: only the rewrite of the store.
pub fn compact(s: &Session) -> Result<()> {
    rewrite(s)
}

/// Rewrite the store so sled's log keeps no old version of what was removed.
fn rewrite(s: &Session) -> Result<()> {
    let lang = s.lang;
    match s.compact() {
        Ok(true) => {
            println!("{}", i18n::cli::store_rewritten(lang, s.dir().display()));
            Ok(())
        }
        Ok(false) => bail!(i18n::cli::rewrite_needs_the_store_alone(
            lang,
            s.dir().display()
        )),
        Err(e) => bail!(i18n::cli::rewrite_failed(
            lang,
            s.dir().display(),
            e.message(lang)
        )),
    }
}

/// Debug builds only: save `count` notes on record `number` one at a time
/// through the real save path, printing `ACK <note number>` after each save
/// returned. The kill harness (tests/crash.rs) kills this at random moments.
#[cfg(debug_assertions)]
pub fn stress_notes(s: &Session, number: &str, count: u32) -> Result<()> {
    let data = s.load().map_err(said(s.lang))?;
    let parsed = Number::parse(number).ok_or_else(|| anyhow!("bad number {number}"))?;
    let target = data
        .records()
        .find(|r| r.kind() == parsed.kind && Number::parse(r.number()) == Some(parsed))
        .ok_or_else(|| anyhow!("{number} not found"))?
        .record_ref();
    let ack_first = std::env::var_os("MANDAAT_TEST_ACK_BEFORE_SAVE").is_some();
    // Several writers at once (the server's kill harness) each take their
    // own range of note numbers.
    let first = std::env::var("MANDAAT_TEST_SEQ_FROM")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| data.next_seq(Kind::Note));
    let mut out = std::io::stdout().lock();
    for (i, seq) in (0..count).zip(first..) {
        let note = Note {
            id: uuid::Uuid::new_v4(),
            number: Kind::Note.number(seq),
            target: Some(target),
            kind: NoteKind::Plain,
            date: s.ctx.today,
            author: s.ctx.user.clone(),
            text: format!("stress {i}"),
            stamp: Stamp::new(s.ctx.now, &s.ctx.user),
        };
        let ack = format!("ACK {}\n", note.number);
        if ack_first {
            out.write_all(ack.as_bytes())?;
            out.flush()?;
        }
        s.save(&[note.into()]).map_err(said(s.lang))?;
        if !ack_first {
            out.write_all(ack.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}
