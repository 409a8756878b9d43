//! The dashboard. A key walks down one way: `app` (the loop) → `keymap`
//! (key → [`action::Action`]) → `update` (the one dispatcher) → a feature's
//! file in `flows` → back to `app` as an [`action::Effect`], which saves it
//! and commits it to `state`; `ui` draws from `state` alone.

pub mod action;
mod app;
mod flows;
mod form;
mod keymap;
mod live;
pub mod mouse;
pub mod state;
pub mod ui;
pub mod update;

pub use app::App;

use crate::i18n::dashboard as text;
use crate::session::Session;
use anyhow::{Result, anyhow};
use app::Loading;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use ui::theme::Theme;

/// Open the dashboard on a session's store, on the morning view when
/// `first_today` (the user's first start of the day), else on the case list;
/// the terminal is restored on quit, Ctrl-C, SIGTERM, SIGHUP and after a
/// panic. The caller closes the session.
pub fn run(session: &Session, first_today: bool) -> Result<()> {
    let theme = Theme {
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut app = App::new(session.clone(), theme)?;
    if first_today {
        app.open_morning();
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| anyhow!("signal handler: {e}"))?;
    }
    let done = Arc::new(AtomicBool::new(false));
    watchdog(Arc::clone(&stop), Arc::clone(&done));
    let ran = ratatui::run(|terminal| {
        // ratatui has set up the terminal (and a panic hook that restores
        // it); the mouse is ours to give back, on every way out.
        mouse_capture(true);
        let ran = app.run(terminal, &stop);
        mouse_capture(false);
        ran
    });
    done.store(true, Ordering::Relaxed);
    // The terminal is back; let a started loader finish (the day's backup)
    // so the store closes cleanly, and say why the prompt takes a moment.
    // The terminal may be gone (a hangup): writing to it must not panic.
    let mut stderr = std::io::stderr();
    if matches!(app.loader, Loading::Running(_)) {
        let _ = writeln!(stderr, "{}", text::finishing_backup(app.model.lang));
    }
    if app.session.starting() {
        let _ = writeln!(stderr, "{}", text::finishing_start(app.model.lang));
    }
    app.collect(true);
    if let Some(warning) = &app.backup_failed {
        let _ = writeln!(stderr, "mandaat: {warning}");
    }
    ran?;
    Ok(())
}

/// Turn the terminal's mouse reporting on or off. On: a panic hook turns it
/// off again before ratatui's restores the rest (a terminal left reporting
/// the mouse prints escape codes at the prompt on every move). A terminal
/// that is gone (a hangup) is no error here.
fn mouse_capture(on: bool) {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use ratatui::crossterm::execute;
    let mut out = std::io::stdout();
    if !on {
        let _ = execute!(out, DisableMouseCapture);
        return;
    }
    let _ = execute!(out, EnableMouseCapture);
    let before = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        before(info);
    }));
}

/// After SIGTERM or SIGHUP the loop notices the stop flag within a tick and
/// ends cleanly. But when the terminal itself is gone (a closed window, a
/// dropped SSH connection), crossterm's `event::poll` can spin on a dead tty
/// and never return (crossterm issue 793), and mandaat would keep the store
/// locked forever. So: if the loop has not ended two seconds after the
/// signal, end the process. Every change was flushed when it was made, so
/// nothing is lost; the next start checks a copy of the store first.
fn watchdog(stop: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_secs(2));
        if !done.load(Ordering::Relaxed) {
            // `restore` would print (and so panic) on a hung-up terminal.
            mouse_capture(false);
            let _ = ratatui::try_restore();
            std::process::exit(129);
        }
    });
}
