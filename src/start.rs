//! What `main` does once the arguments are parsed and the clock is read:
//! pick the store, open the session on it, and hand that to the face the
//! arguments ask for (a command, or the dashboard without one), then close.

use crate::cli::{self, Cli, Command};
use crate::domain::ops::Ctx;
use crate::fixtures::seed;
use crate::i18n::Lang;
use crate::session::{self, Session};
use anyhow::{Context, Result, anyhow};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

/// Who `--demo` works as when no `--user` is given.
pub const DEMO_USER: &str = "Anouk";

/// Where the store lives when `--store` is not given.
pub fn default_store_dir() -> Result<PathBuf> {
    directories::ProjectDirs::from("nl", "mandaat", "mandaat")
        .map(|d| d.data_dir().to_path_buf())
        .context("kan de gegevensmap van dit platform niet bepalen; geef een map met --store")
}

/// The file that remembers the last day `user` opened the dashboard on the
/// store in `dir`: `<store>/.mandaat-last-start-<user>`, holding that day.
/// Per store and per user, because the store's settings are shared between
/// colleagues and each starts their own day; in the store's folder, beside
/// sled's files, which the store's checks and backups leave alone (like the
/// lookup cache). A name unfit for a file name is written with `_` instead.
pub fn last_start_file(dir: &Path, user: &str) -> PathBuf {
    let safe: String = user
        .chars()
        .map(
            |c| match c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                true => c,
                false => '_',
            },
        )
        .collect();
    dir.join(format!(".mandaat-last-start-{safe}"))
}

/// Whether this is `user`'s first start of the dashboard on `today` (the
/// dashboard then opens on the morning view); remembers `today` for the
/// next start. A file that cannot be read counts as no start yet; one that
/// cannot be written only means the next start opens on the morning view too.
pub fn first_start_today(dir: &Path, user: &str, today: NaiveDate) -> bool {
    let file = last_start_file(dir, user);
    let last = std::fs::read_to_string(&file)
        .ok()
        .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok());
    if last == Some(today) {
        return false;
    }
    let _ = std::fs::write(&file, today.format("%Y-%m-%d").to_string());
    true
}

/// The date and moment actions are stamped with: `--today` at the current time
/// of day, so ageing is exact in tests and demos.
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

/// Whether `command` only reads what the read-only snapshot of a clean
/// close keeps (see [`Session::open_to_read`]): it then touches no store file.
fn only_reads(command: &Command) -> bool {
    matches!(
        command,
        Command::Cases { .. }
            | Command::Exceptions { .. }
            | Command::Review { .. }
            | Command::Owner { .. }
    )
}

/// A bulk fill leaves sled a long log to replay on the next open.
fn fills_in_bulk(command: &Command) -> bool {
    matches!(
        command,
        Command::SeedDemo { .. } | Command::Import { .. } | Command::Restore { .. }
    )
}

/// Pick the store, open the session, run the face, close.
pub fn run(cli: Cli, now: NaiveDateTime) -> Result<()> {
    let lang = Lang::from(cli.lang);
    let said = |e: session::StoreError| anyhow!(e.message(lang));
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
    // one, else from the read-only snapshot's copy of it, without opening
    // (or locking) the store.
    if !cli.demo
        && let Some(Command::Owner { query, json }) = &cli.command
    {
        let query = query.join(" ");
        let answer = |bytes: Option<session::CacheBytes>| {
            let bytes = bytes?;
            let cache = bytes.view()?;
            let answered = cli::owner_cached(&cache, lang, &query, *json);
            // Not freed: the process ends here (see `owner_cached`).
            std::mem::forget(cache);
            std::mem::forget(bytes);
            Some(answered)
        };
        if let Some(answered) = answer(session::lookup_cache(&dir))
            .or_else(|| answer(session::lookup_in_snapshot(&dir)))
        {
            return answered;
        }
    }
    // After the owner lookup, which needs no user: looking the user up reads
    // the system's user database.
    let ctx = context(&cli, now);
    if let Some(Command::Serve { group, idle_exit }) = &cli.command {
        return serve(&dir, group.as_deref(), *idle_exit, lang);
    }
    let create = cli.demo || creates_store(cli.command.as_ref());
    let existed = !cli.demo && session::store_exists(&dir);
    // What a refused import or restore must take away again: the folders it
    // made for a store that never got anything in it.
    let made = match &cli.command {
        Some(Command::Import { .. } | Command::Restore { .. }) if !cli.demo => {
            dir.ancestors().take_while(|a| !a.exists()).last()
        }
        _ => None,
    }
    .map(std::path::Path::to_path_buf);
    let session = match (&cli.command, cli.demo) {
        // The dashboard goes through the store's server, and starts one if
        // there is none, so that others can join. The demo's store is its
        // own and temporary: nobody else knows where it is.
        (None, false) => Session::open_for_dashboard(&dir, ctx, lang),
        (Some(command), false) if only_reads(command) => Session::open_to_read(&dir, ctx, lang),
        _ => Session::open(&dir, create, ctx, lang),
    }
    .map_err(said)?;
    if existed && backs_up(cli.command.as_ref()) {
        cli::daily_backup(&session);
    }
    let ran = fill_demo(&session, cli.demo).and_then(|()| match &cli.command {
        Some(command) => cli::run(command, &session),
        None => session
            .ensure_reference_data()
            .map_err(|e| anyhow!(e.message(lang)))
            .and_then(|()| {
                let first = first_start_today(&dir, &session.ctx.user, session.ctx.today);
                crate::tui::run(&session, first)
            }),
    });
    let undo = made.filter(|_| ran.is_err() && session.is_empty().unwrap_or(false));
    // Every end but a panic closes here; a failing close only costs the next
    // open a check of a copy, as before, so it is not reported.
    let _ = session.close();
    if let Some(folder) = undo {
        // Refused: no empty store is left behind where there was no folder.
        let _ = std::fs::remove_dir_all(folder);
    }
    ran?;
    if let Some(command) = &cli.command
        && fills_in_bulk(command)
    {
        // Replay sled's log now, so the dashboard starts at once.
        let replayed = Session::open(&dir, true, context(&cli, now), lang).map_err(said)?;
        let _ = replayed.close();
    }
    Ok(())
}

/// `mandaat serve`: in the foreground until Ctrl-C, SIGTERM, or (with
/// `--idle-exit`) a while after the last client left.
fn serve(
    dir: &std::path::Path,
    group: Option<&str>,
    idle_exit: Option<u64>,
    lang: Lang,
) -> Result<()> {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| anyhow!("signal handler: {e}"))?;
    }
    let idle_exit = idle_exit.map(std::time::Duration::from_secs);
    let socket = session::socket_path(dir);
    eprintln!("{}", crate::i18n::cli::serving(lang, dir, &socket, group));
    session::serve(dir, group, idle_exit, stop).map_err(|e| anyhow!(e.message(lang)))
}

/// `--demo`: the reference data and the demo in the new temporary store.
fn fill_demo(session: &Session, demo: bool) -> Result<()> {
    if !demo {
        return Ok(());
    }
    let lang = session.lang;
    let said = |e: session::StoreError| anyhow!(e.message(lang));
    let (settings, reference) = seed::reference(&session.ctx)?;
    session.replace_all(&settings, &reference).map_err(said)?;
    let records = seed::demo(session.ctx.today, &reference)?;
    session.save(&records).map_err(said)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_start_of_a_day_is_remembered_per_user() {
        let dir = tempfile::tempdir().unwrap();
        let day = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        assert!(first_start_today(dir.path(), "Anouk", day));
        assert!(!first_start_today(dir.path(), "Anouk", day));
        // A colleague's first start is their own.
        assert!(first_start_today(dir.path(), "Bram", day));
        // The next day starts on the morning view again.
        assert!(first_start_today(
            dir.path(),
            "Anouk",
            day.succ_opt().unwrap()
        ));
        assert!(last_start_file(dir.path(), "a/b c").ends_with(".mandaat-last-start-a_b_c"));
    }
}
