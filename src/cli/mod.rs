//! The headless face: every listing the dashboard shows, for scripts and checks.
//! Uses the session, the domain and the language only, never the dashboard.

pub mod args;
mod kip;
mod listings;
mod owner;
pub mod safety;
mod transfer;

pub use args::{Cli, Command};
pub use owner::owner_cached;
pub use safety::daily_backup;

use crate::i18n::Lang;
use crate::session::{Session, SessionError};
use anyhow::{Result, anyhow};

/// A session's typed error in the user's language, for a command's `?`:
/// `s.load().map_err(said(s.lang))?`.
fn said<E: Into<SessionError>>(lang: Lang) -> impl Fn(E) -> anyhow::Error {
    move |e| anyhow!(e.into().message(lang))
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
        // Served by `start`, before any session is opened.
        Command::Serve { .. } => Ok(()),
        Command::Restore { file, yes } => safety::restore(session, file.as_deref(), *yes),
        Command::Forget { compact: true, .. } => safety::compact(session),
        Command::Forget {
            organisation, yes, ..
        } => safety::forget(session, &organisation.join(" "), *yes),
        #[cfg(debug_assertions)]
        Command::StressNotes { number, count } => safety::stress_notes(session, number, *count),
    }
}
