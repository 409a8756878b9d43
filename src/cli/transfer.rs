//! Commands that write or move whole stores: `seed-demo`, `note`, `export`,
//! `import`, `check`.

use super::args::Scale;
use super::{Session, said};
use crate::domain::plain;
use crate::domain::*;
use crate::fixtures::{region, seed};
use crate::i18n;
use crate::session::StoreError;
use crate::session::export::{self, ExportDoc, ImportError};
use anyhow::{Context, Result, anyhow, bail};
use std::io::{Read, Write};
use std::path::Path;
use uuid::Uuid;

pub fn seed_demo(s: &Session, scale: Scale, seed: Option<u64>) -> Result<()> {
    // The command line refuses a seed with the demo, which is always the same.
    match scale {
        Scale::Region => seed_region(s, seed.unwrap_or(region::DEFAULT_SEED), 1),
        Scale::Region4 => seed_region(s, seed.unwrap_or(region::DEFAULT_SEED), 4),
        Scale::Demo => seed_demo_only(s),
    }
}

fn seed_demo_only(s: &Session) -> Result<()> {
    let lang = s.lang;
    let mut data = s.load().map_err(said(s.lang))?;
    let only_reference = [
        Kind::Organisation,
        Kind::Case,
        Kind::Exception,
        Kind::FollowUp,
        Kind::Note,
        Kind::Track,
    ]
    .iter()
    .all(|k| data.count(*k) == 0);
    if !only_reference {
        bail!(i18n::cli::not_empty_for_demo(lang, s.dir().display()));
    }
    if data.is_empty() {
        s.ensure_reference_data().map_err(said(s.lang))?;
        data = s.load().map_err(said(s.lang))?;
    }
    let records = seed::demo(s.ctx.today, &data)?;
    s.save(&records).map_err(said(s.lang))?;
    let count = |k: Kind| records.iter().filter(|r| r.kind() == k).count();
    let saved = i18n::cli::Seeded {
        dir: s.dir(),
        today: s.ctx.today,
        cases: count(Kind::Case),
        exceptions: count(Kind::Exception),
        followups: count(Kind::FollowUp),
        notes: count(Kind::Note),
        tracks: count(Kind::Track),
        keywords: 0,
        departments: 0,
    };
    println!("{}", i18n::cli::demo_saved(lang, &saved));
    Ok(())
}

/// The demo plus region-scale data (PRODUCT.md §6), the same for the same
/// `seed` and day, written in one transaction. Only into a store that has
/// nothing yet, not even the reference data: the region brings its own copy.
fn seed_region(s: &Session, seed: u64, times: usize) -> Result<()> {
    let lang = s.lang;
    let empty = s.is_empty().map_err(|e| anyhow!(e.message(lang)))?;
    if !empty {
        bail!(i18n::cli::not_empty_for_region(lang, s.dir().display()));
    }
    let (settings, data) = region::region_dataset_times(s.ctx.today, seed, times);
    s.replace_all(&settings, &data)
        .map_err(|e| anyhow!(e.message(lang)))?;
    let saved = i18n::cli::Seeded {
        dir: s.dir(),
        today: s.ctx.today,
        cases: data.cases.len(),
        exceptions: data.exceptions.len(),
        followups: data.followups.len(),
        notes: data.notes.len(),
        tracks: data.tracks.len(),
        keywords: data.departments.iter().map(|d| d.keywords.len()).sum(),
        departments: data.departments.len(),
    };
    println!("{}", i18n::cli::region_saved(lang, &saved, seed));
    Ok(())
}

/// Quick capture from the shell. The number is printed only after the store has
/// flushed the note, so a printed number is a kept note.
pub fn note(s: &Session, number: &str, text: &str) -> Result<()> {
    let lang = s.lang;
    let text = text.trim();
    if text.is_empty() {
        bail!(i18n::cli::empty_note(lang));
    }
    // A note may span lines, but holds no control chars (domain::plain).
    if let Some(c) = plain::forbidden_char(text, plain::Lines::Many) {
        let why = i18n::domain::forbidden_char(lang, c);
        bail!(i18n::cli::note_text_refused(lang, &why));
    }
    // A few pages at most: a note is read on a screen, not a file store.
    if let Some(chars) = plain::too_long(text, plain::MAX_MANY) {
        let why = i18n::domain::too_long(lang, chars, plain::MAX_MANY);
        bail!(i18n::cli::note_text_refused(lang, &why));
    }
    let parsed = Number::parse(number).ok_or_else(|| {
        anyhow!(i18n::cli::not_a_record_number(
            lang,
            plain::one_line(number)
        ))
    })?;
    // The note texts are only needed to find a note that is itself the target.
    let (data, heads) = match parsed.kind {
        Kind::Note => {
            let data = s.load().map_err(said(s.lang))?;
            let heads = data.note_heads();
            (data, heads)
        }
        _ => s.load_without_notes().map_err(said(s.lang))?,
    };
    let wanted = parsed.to_string();
    let target = data
        .records()
        .find(|r| r.kind() == parsed.kind && Number::parse(r.number()) == Some(parsed))
        .ok_or_else(|| anyhow!(i18n::cli::no_such_record(lang, wanted)))?;
    let mut note = Note {
        id: Uuid::new_v4(),
        number: next_note(&heads, s)?,
        target: Some(target.record_ref()),
        kind: NoteKind::Plain,
        date: s.ctx.today,
        author: s.ctx.user.clone(),
        text: text.to_string(),
        stamp: Stamp::new(s.ctx.now, &s.ctx.user),
    };
    // Through a store server a colleague may take the same next number a
    // moment earlier; the store refuses the second, and the note takes the
    // number after theirs.
    let mut tries = 1;
    loop {
        match s.save(&[note.clone().into()]) {
            Ok(()) => break,
            Err(StoreError::Conflict { .. }) if tries < 5 => {
                tries += 1;
                let (_, heads) = s.load_without_notes().map_err(said(s.lang))?;
                note.number = next_note(&heads, s)?;
            }
            Err(e) => return Err(said(s.lang)(e)),
        }
    }
    let note_number = note.number.clone();
    println!(
        "{}",
        i18n::cli::saved_on(lang, note_number, target.number())
    );
    // For the crash test: die the hardest way right after the acknowledgement,
    // skipping every destructor (and so sled's flush on drop), to prove the
    // note was durable before its number was printed.
    #[cfg(debug_assertions)]
    if std::env::var_os("MANDAAT_TEST_ABORT_AFTER_ACK").is_some() {
        std::io::stdout().flush()?;
        std::process::abort();
    }
    Ok(())
}

/// The number for a new note: past every note in `heads` and past the
/// store's mark (a number freed by an undo is not handed out again).
fn next_note(heads: &[NoteHead], s: &Session) -> Result<String> {
    let issued = s.issued().map_err(said(s.lang))?;
    Ok(issued.next_number(Kind::Note, heads.iter().map(|h| h.seq)))
}

pub fn export(s: &Session, file: Option<&Path>, force: bool) -> Result<()> {
    let lang = s.lang;
    let data = s.load().map_err(said(s.lang))?;
    let settings = s.settings().map_err(said(s.lang))?;
    let bytes = export::to_json(&ExportDoc::of(settings, data));
    match file {
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)?;
            out.flush()?;
        }
        Some(path) => {
            if path.exists() && !force {
                bail!(i18n::cli::file_exists(lang, path.display()));
            }
            export::write_atomic(path, &bytes)
                .with_context(|| i18n::cli::cannot_write(lang, path.display()))?;
            eprintln!(
                "{}",
                i18n::cli::export_written(lang, path.display(), bytes.len())
            );
        }
    }
    Ok(())
}

pub fn import(s: &Session, file: &Path) -> Result<()> {
    let lang = s.lang;
    let refused = |e: ImportError| {
        anyhow!(i18n::cli::file_refused(
            lang,
            file.display(),
            e.message(lang)
        ))
    };
    let bytes = read_limited(file).with_context(|| i18n::cli::cannot_read(lang, file.display()))?;
    if bytes.len() > export::MAX_IMPORT_BYTES {
        // Only the start was read; a regular file can tell its real size.
        let size = std::fs::metadata(file).map_or(0, |m| m.len() as usize);
        return Err(refused(ImportError::TooLarge {
            size: size.max(bytes.len()),
            limit: export::MAX_IMPORT_BYTES,
        }));
    }
    s.import(&bytes).map_err(refused)?;
    let data = s.load().map_err(said(s.lang))?;
    let total: usize = Kind::ALL.iter().map(|k| data.count(*k)).sum();
    println!("{}", i18n::cli::imported(lang, total, s.dir().display()));
    Ok(())
}

/// The file, but never more than one byte over the import limit: a huge or
/// endless file (`/dev/zero`) is refused without filling the memory.
fn read_limited(file: &Path) -> std::io::Result<Vec<u8>> {
    let limit = export::MAX_IMPORT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

pub fn check(s: &Session) -> Result<()> {
    let lang = s.lang;
    let problems = s.check().map_err(|e| anyhow!(e.message(lang)))?;
    if problems.is_empty() {
        println!("{}", i18n::cli::store_is_in_order(lang, s.dir().display()));
        return Ok(());
    }
    for p in &problems {
        eprintln!("- {}", p.message(lang));
    }
    bail!(i18n::cli::problems_found(
        lang,
        problems.len(),
        s.dir().display()
    ))
}
