//! The headless face: every listing the dashboard shows, for scripts and checks.
//! Uses the domain and the store only, never the UI.

pub mod args;
mod kip;
mod listings;
mod owner;
pub mod safety;
pub mod table;
mod transfer;

pub use args::{Cli, Command};

use crate::domain::ops::Ctx;
use crate::domain::{AnyRecord, Dataset, Kind, NoteHead, Settings};
use crate::fixtures::seed;
use crate::i18n::Lang;
use crate::store::Store;
use anyhow::{Context, Result, anyhow};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};

/// What every command needs: the store, who and when, and the language.
pub struct Session {
    pub store: Store,
    pub ctx: Ctx,
    pub lang: Lang,
}

impl Session {
    /// The store's settings, or the defaults for a store that has none yet.
    pub fn settings(&self) -> Result<Settings> {
        Ok(self
            .store
            .settings()
            .map_err(|e| anyhow!(e.message(self.lang)))?
            .unwrap_or_else(seed::default_settings))
    }

    pub fn load(&self) -> Result<Dataset> {
        self.store.load().map_err(|e| anyhow!(e.message(self.lang)))
    }

    /// Every record but the notes, and every note's head: enough for ageing
    /// and the listings (see [`Store::load_without_notes`]).
    pub fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>)> {
        self.store
            .load_without_notes()
            .map_err(|e| anyhow!(e.message(self.lang)))
    }

    /// Only the records of `kinds`.
    pub fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset> {
        self.store
            .load_kinds(kinds)
            .map_err(|e| anyhow!(e.message(self.lang)))
    }

    pub fn save(&self, records: &[AnyRecord]) -> Result<()> {
        self.store
            .save(records)
            .map_err(|e| anyhow!(e.message(self.lang)))
    }

    /// A store that is used for the first time gets the reference data
    /// (departments, liaisons, haakjes, limits) so the lookup works at once.
    pub fn ensure_reference_data(&self) -> Result<()> {
        let empty = self
            .store
            .is_empty()
            .map_err(|e| anyhow!(e.message(self.lang)))?;
        if empty {
            let (settings, data) = seed::reference(&self.ctx)?;
            self.store
                .replace_all(&settings, &data)
                .map_err(|e| anyhow!(e.message(self.lang)))?;
        }
        Ok(())
    }
}

/// Where the store lives when `--store` is not given.
pub fn default_store_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("nl", "mandaat", "mandaat")
        .map(|d| d.data_dir().to_path_buf())
        .context("kan de gegevensmap van dit platform niet bepalen; geef een map met --store")
}

/// Open the store in `dir`; only when `create` is set may a new one be made.
pub fn open_session(dir: &Path, create: bool, ctx: Ctx, lang: Lang) -> Result<Session> {
    let store = match create {
        true => Store::open(dir),
        false => Store::open_existing(dir),
    }
    .map_err(|e| anyhow!(e.message(lang)))?;
    Ok(Session { store, ctx, lang })
}

/// The date and moment actions are stamped with: `--today` at the current time
/// of day, so ageing is exact in tests and demos.
/// Who `--demo` works as when no `--user` is given.
pub const DEMO_USER: &str = "Anouk";

pub fn context(cli: &Cli, now: NaiveDateTime) -> Ctx {
    let today = cli.today.unwrap_or(now.date());
    let user = cli
        .user
        .clone()
        .filter(|u| !u.trim().is_empty())
        // The demo is Anouk's caseload, so "mine" means something there.
        .or_else(|| cli.demo.then(|| DEMO_USER.to_string()))
        .unwrap_or_else(|| whoami::username().unwrap_or_else(|_| "onbekend".to_string()));
    Ctx {
        today,
        now: today.and_time(now.time()),
        user,
    }
}

/// Whether `command` may make a new store. Commands that read (and `note`,
/// which needs records to attach to) never do: a mistyped `--store` would
/// otherwise leave an empty store behind and show an empty list as if that
/// were the truth. The dashboard (no command) sets up the default store.
pub fn creates_store(command: Option<&Command>) -> bool {
    matches!(
        command,
        None | Some(Command::SeedDemo { .. } | Command::Import { .. } | Command::Restore { .. })
    )
}

/// Whether a command makes the day's backup before it runs: those that change
/// the store do. A command that only reads changes nothing a backup would
/// have to bring back, so it leaves the backup to the next change (reading
/// the whole store would cost it seconds at region scale); the dashboard makes
/// it in the background after its first frame.
fn backs_up(command: Option<&Command>) -> bool {
    match command {
        Some(
            Command::SeedDemo { .. }
            | Command::Note { .. }
            | Command::Import { .. }
            | Command::Restore { .. }
            | Command::Forget { .. },
        ) => true,
        #[cfg(debug_assertions)]
        Some(Command::StressNotes { .. }) => true,
        _ => false,
    }
}

/// Run one headless command.
pub fn run(command: &Command, session: &Session) -> Result<()> {
    match command {
        Command::SeedDemo { scale, seed } => transfer::seed_demo(session, *scale, *seed),
        Command::Owner { query, json } => owner::owner(session, &query.join(" "), *json),
        Command::Review { markdown, json } => listings::review(session, *markdown, *json),
        Command::Cases { all, json } => listings::cases(session, *all, *json),
        Command::Exceptions { all, json } => listings::exceptions(session, *all, *json),
        Command::Tracks { json } => kip::tracks(session, *json),
        Command::Sroi { query, buyer, json } => {
            kip::sroi(session, &query.join(" "), buyer.as_deref(), *json)
        }
        Command::Note { number, text } => transfer::note(session, number, &text.join(" ")),
        Command::Export { file, force } => transfer::export(session, file.as_deref(), *force),
        Command::Import { file } => transfer::import(session, file),
        Command::Check => transfer::check(session),
        Command::Restore { file, yes } => safety::restore(session, file.as_deref(), *yes),
        Command::Forget { organisation, yes } => {
            safety::forget(session, &organisation.join(" "), *yes)
        }
        #[cfg(debug_assertions)]
        Command::StressNotes { number, count } => safety::stress_notes(session, number, *count),
    }
}

/// Everything `main` does after reading the clock: pick the store, then the face.
pub fn main(cli: Cli, now: NaiveDateTime) -> Result<()> {
    let ctx = context(&cli, now);
    let lang = Lang::from(cli.lang);
    // Held until the end: the demo store is deleted when this drops.
    let mut _demo_dir = None;
    // The demo never touches a real store, so a MANDAAT_STORE in the
    // environment (or --store) is simply not used.
    let dir = if cli.demo {
        let tmp = tempfile::Builder::new()
            .prefix("mandaat-demo-")
            .tempdir()
            .context("kan geen tijdelijke map maken voor de demo")?;
        let dir = tmp.path().join("store");
        _demo_dir = Some(tmp);
        dir
    } else {
        match &cli.store {
            Some(dir) => dir.clone(),
            None => default_store_dir()?,
        }
    };
    // Messages name the store by its full path, whatever the working folder.
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    // The owner lookup answers from the store's lookup cache when there is
    // one, without opening (or locking) the store.
    if !cli.demo
        && let Some(Command::Owner { query, json }) = &cli.command
        && let Some(cache) = crate::store::lookup::read(&dir)
    {
        return owner::owner_cached(&cache, lang, &query.join(" "), *json);
    }
    let create = cli.demo || creates_store(cli.command.as_ref());
    let existed = !cli.demo && Store::exists(&dir);
    let session = open_session(&dir, create, ctx, lang)?;
    if existed && backs_up(cli.command.as_ref()) {
        safety::daily_backup(&session);
    }
    if cli.demo {
        let (settings, reference) = seed::reference(&session.ctx)?;
        session
            .store
            .replace_all(&settings, &reference)
            .map_err(|e| anyhow!(e.message(lang)))?;
        let records = seed::demo(session.ctx.today, &reference)?;
        session.save(&records)?;
    }
    match &cli.command {
        Some(command) => {
            run(command, &session)?;
            if matches!(
                command,
                Command::SeedDemo { .. } | Command::Import { .. } | Command::Restore { .. }
            ) {
                // A bulk fill leaves sled a long log to replay on the next
                // open; replay it now, so the dashboard starts at once.
                let dir = session.store.dir().to_path_buf();
                drop(session);
                Store::open(&dir).map_err(|e| anyhow!(e.message(lang)))?;
            }
            Ok(())
        }
        None => {
            session.ensure_reference_data()?;
            crate::tui::run(session)
        }
    }
}
