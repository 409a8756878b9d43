//! Commands that write or move whole stores: `seed-demo`, `note`, `export`,
//! `import`, `check`.

use super::args::Scale;
use super::{Session, said};
use crate::domain::*;
use crate::fixtures::{region, seed};
use crate::session::export::{self, ExportDoc, ImportError};
use anyhow::{Context, Result, anyhow, bail};
use std::io::{Read, Write};
use std::path::Path;
use uuid::Uuid;

pub fn seed_demo(s: &Session, scale: Scale, seed: Option<u64>) -> Result<()> {
    // The command line refuses a seed with the demo, which is always the same.
    match scale {
        Scale::Region => seed_region(s, seed.unwrap_or(region::DEFAULT_SEED)),
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
        bail!(lang.pick(
            format!(
                "De opslag {} is niet leeg; de demo gaat alleen in een lege opslag. Kies een nieuwe map met --store, of gebruik `mandaat --demo`.",
                s.dir().display()
            ),
            format!(
                "The store {} is not empty; the demo only goes into an empty store. Choose a new folder with --store, or use `mandaat --demo`.",
                s.dir().display()
            ),
        ));
    }
    if data.is_empty() {
        s.ensure_reference_data().map_err(said(s.lang))?;
        data = s.load().map_err(said(s.lang))?;
    }
    let records = seed::demo(s.ctx.today, &data)?;
    s.save(&records).map_err(said(s.lang))?;
    let count = |k: Kind| records.iter().filter(|r| r.kind() == k).count();
    println!(
        "{}",
        lang.pick(
            format!(
                "Demogegevens opgeslagen in {} (vandaag = {}): {} zaken, {} uitzonderingen, {} follow-ups, {} notities, {} certificeringstrajecten.",
                s.dir().display(),
                s.ctx.today,
                count(Kind::Case),
                count(Kind::Exception),
                count(Kind::FollowUp),
                count(Kind::Note),
                count(Kind::Track)
            ),
            format!(
                "Demo data saved in {} (today = {}): {} cases, {} exceptions, {} follow-ups, {} notes, {} certification tracks.",
                s.dir().display(),
                s.ctx.today,
                count(Kind::Case),
                count(Kind::Exception),
                count(Kind::FollowUp),
                count(Kind::Note),
                count(Kind::Track)
            ),
        )
    );
    Ok(())
}

/// The demo plus region-scale data (PRODUCT.md §6), the same for the same
/// `seed` and day, written in one transaction. Only into a store that has
/// nothing yet, not even the reference data: the region brings its own copy.
fn seed_region(s: &Session, seed: u64) -> Result<()> {
    let lang = s.lang;
    let empty = s.is_empty().map_err(|e| anyhow!(e.message(lang)))?;
    if !empty {
        bail!(lang.pick(
            format!(
                "De opslag {} is niet leeg; regiogegevens gaan alleen in een nieuwe, lege opslag. Kies een nieuwe map met --store, bijvoorbeeld: mandaat --store regio seed-demo --scale region",
                s.dir().display()
            ),
            format!(
                "The store {} is not empty; region data only goes into a new, empty store. Choose a new folder with --store, for example: mandaat --store region seed-demo --scale region",
                s.dir().display()
            ),
        ));
    }
    let (settings, data) = region::region_dataset(s.ctx.today, seed);
    s.replace_all(&settings, &data)
        .map_err(|e| anyhow!(e.message(lang)))?;
    let keywords: usize = data.departments.iter().map(|d| d.keywords.len()).sum();
    let (dir, today) = (s.dir().display(), s.ctx.today);
    let (cases, exceptions, followups) = (
        data.cases.len(),
        data.exceptions.len(),
        data.followups.len(),
    );
    let (notes, departments, tracks) =
        (data.notes.len(), data.departments.len(), data.tracks.len());
    println!(
        "{}",
        lang.pick(
            format!(
                "Demo- en regiogegevens opgeslagen in {dir} (vandaag = {today}, --seed {seed}): {cases} zaken, {exceptions} uitzonderingen, {followups} follow-ups, {notes} notities, {keywords} trefwoorden in {departments} afdelingen, {tracks} certificeringstrajecten."
            ),
            format!(
                "Demo and region data saved in {dir} (today = {today}, --seed {seed}): {cases} cases, {exceptions} exceptions, {followups} follow-ups, {notes} notes, {keywords} keywords in {departments} departments, {tracks} certification tracks."
            ),
        )
    );
    Ok(())
}

/// Quick capture from the shell. The number is printed only after the store has
/// flushed the note, so a printed number is a kept note.
pub fn note(s: &Session, number: &str, text: &str) -> Result<()> {
    let lang = s.lang;
    let text = text.trim();
    if text.is_empty() {
        bail!(lang.pick(
            "Een lege notitie bewaar ik niet: geef tekst mee, bijvoorbeeld: mandaat note X05 \"Koen gebeld\"",
            "An empty note is not kept: give some text, e.g. mandaat note X05 \"Called Koen\""
        ));
    }
    let parsed = Number::parse(number).ok_or_else(|| {
        anyhow!(lang.pick(
            format!("'{number}' is geen nummer; gebruik bijvoorbeeld C07, X05 of F02."),
            format!("'{number}' is not a number; use for example C07, X05 or F02."),
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
        .ok_or_else(|| {
            anyhow!(lang.pick(
                format!("{wanted} bestaat niet in deze opslag; `mandaat cases` en `mandaat exceptions` tonen de nummers."),
                format!("{wanted} does not exist in this store; `mandaat cases` and `mandaat exceptions` list the numbers."),
            ))
        })?;
    let note = Note {
        id: Uuid::new_v4(),
        number: NoteHead::next_number(&heads),
        target: Some(target.record_ref()),
        kind: NoteKind::Plain,
        date: s.ctx.today,
        author: s.ctx.user.clone(),
        text: text.to_string(),
        stamp: Stamp::new(s.ctx.now, &s.ctx.user),
    };
    let note_number = note.number.clone();
    s.save(&[note.into()]).map_err(said(s.lang))?;
    println!(
        "{}",
        lang.pick(
            format!("{note_number} opgeslagen bij {}.", target.number()),
            format!("{note_number} saved on {}.", target.number()),
        )
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
                bail!(lang.pick(
                    format!("{} bestaat al; kies een andere naam of gebruik --force om te overschrijven.", path.display()),
                    format!("{} already exists; choose another name or use --force to overwrite.", path.display()),
                ));
            }
            export::write_atomic(path, &bytes).with_context(|| {
                lang.pick(
                    format!("kan {} niet schrijven", path.display()),
                    format!("cannot write {}", path.display()),
                )
            })?;
            eprintln!(
                "{}",
                lang.pick(
                    format!(
                        "Export geschreven naar {} ({} bytes).",
                        path.display(),
                        bytes.len()
                    ),
                    format!(
                        "Export written to {} ({} bytes).",
                        path.display(),
                        bytes.len()
                    ),
                )
            );
        }
    }
    Ok(())
}

pub fn import(s: &Session, file: &Path) -> Result<()> {
    let lang = s.lang;
    let refused = |e: ImportError| {
        anyhow!(lang.pick(
            format!("{} is geweigerd: {}", file.display(), e.message(lang)),
            format!("{} was refused: {}", file.display(), e.message(lang)),
        ))
    };
    let bytes = read_limited(file).with_context(|| {
        lang.pick(
            format!("kan {} niet lezen", file.display()),
            format!("cannot read {}", file.display()),
        )
    })?;
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
    println!(
        "{}",
        lang.pick(
            format!("{total} records geïmporteerd in {}.", s.dir().display()),
            format!("{total} records imported into {}.", s.dir().display()),
        )
    );
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
        println!(
            "{}",
            lang.pick(
                format!("Opslag {} is in orde.", s.dir().display()),
                format!("Store {} is in order.", s.dir().display()),
            )
        );
        return Ok(());
    }
    for p in &problems {
        eprintln!("- {}", p.message(lang));
    }
    bail!(lang.pick(
        format!(
            "{} problemen in {}. Zet zo nodig een export terug in een nieuwe map (mandaat --store NIEUW import BESTAND).",
            problems.len(),
            s.dir().display()
        ),
        format!(
            "{} problems in {}. If needed, restore an export into a new folder (mandaat --store NEW import FILE).",
            problems.len(),
            s.dir().display()
        ),
    ))
}
