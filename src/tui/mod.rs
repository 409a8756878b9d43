//! The dashboard: draw → read key → keymap → update → apply effect.

pub mod action;
mod changes;
mod dayreview;
pub mod filter;
pub mod form;
pub mod keymap;
mod kip;
pub mod model;
mod owner;
mod submit;
pub mod text;
pub mod ui;
pub mod update;

use crate::cli::Session;
use crate::store::Store;
use anyhow::{Result, anyhow};
use model::{Model, Tone};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use ui::Scroll;
use ui::theme::Theme;
use update::Effect;

/// The model plus what the loop needs to carry out effects.
pub struct App {
    pub model: Model,
    pub store: Store,
    pub theme: Theme,
    pub scroll: Scroll,
}

impl App {
    pub fn new(session: Session, theme: Theme) -> Result<App> {
        let data = session.load()?;
        let settings = session.settings()?;
        let model = Model::new(data, settings, session.ctx.clone(), session.lang);
        Ok(App {
            model,
            store: session.store,
            theme,
            scroll: Scroll::default(),
        })
    }

    /// Feed one key through keymap and update, and carry out what comes back.
    pub fn handle_key(&mut self, key: event::KeyEvent) {
        // Debug builds only: the panic test (tests/safety_terminal.rs) needs a
        // way to make the dashboard panic.
        #[cfg(debug_assertions)]
        if let event::KeyCode::Char(c) = key.code
            && std::env::var("MANDAAT_TEST_PANIC_KEY").is_ok_and(|k| k.starts_with(c))
        {
            panic!("test panic on key {c:?} (MANDAAT_TEST_PANIC_KEY)");
        }
        let m = &self.model;
        if let Some(action) = keymap::action(&m.mode, m.help, key)
            && let Some(effect) = update::update(&mut self.model, action)
        {
            self.apply(effect);
        }
    }

    /// Save first; only a change the store has flushed reaches the model.
    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Quit => {}
            Effect::Persist(change) => {
                self.persist(change);
            }
            Effect::CloseDay {
                change,
                report,
                day,
            } => {
                let title = change.message.clone();
                if !self.persist(change) {
                    return;
                }
                let lang = self.model.lang;
                let path = self.reports_dir().join(format!("dagafsluiting-{day}.md"));
                let written = std::fs::create_dir_all(self.reports_dir())
                    .and_then(|()| crate::store::export::write_atomic(&path, report.as_bytes()));
                match written {
                    Ok(()) => self.model.say(
                        Tone::Saved,
                        text::report_written(lang, &title, &path.display().to_string()),
                    ),
                    Err(e) => self.model.say(
                        Tone::Error,
                        text::report_failed(lang, &title, &e.to_string()),
                    ),
                }
            }
        }
    }

    /// Save a change; only what the store has flushed reaches the model.
    fn persist(&mut self, change: model::Change) -> bool {
        match self.store.apply(&change.save, &change.delete) {
            Ok(()) => {
                self.model.commit(change);
                true
            }
            Err(e) => {
                let lang = self.model.lang;
                self.model
                    .say(Tone::Error, text::save_failed(lang, &e.message(lang)));
                false
            }
        }
    }

    /// Where day reports go: a folder beside the store, `<store>-rapporten`.
    pub fn reports_dir(&self) -> std::path::PathBuf {
        let dir = self.store.dir();
        let name = dir
            .file_name()
            .map_or_else(|| "mandaat".into(), |n| n.to_string_lossy().into_owned());
        dir.with_file_name(format!("{name}-rapporten"))
    }

    pub fn draw(&mut self, frame: &mut ratatui::Frame) {
        ui::draw(frame, &self.model, self.theme, &mut self.scroll);
        self.model.page = self.scroll.page;
        self.model.detail_max = self.scroll.detail_max;
        self.model.detail_scroll = self.model.detail_scroll.min(self.scroll.detail_max);
    }

    fn run(&mut self, terminal: &mut DefaultTerminal, stop: &AtomicBool) -> std::io::Result<()> {
        let mut dirty = true;
        loop {
            if dirty {
                terminal.draw(|f| self.draw(f))?;
                dirty = false;
            }
            if self.model.quit || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            // Wake up now and then to notice SIGTERM; draw only after an event.
            if event::poll(Duration::from_millis(250))? {
                match event::read()? {
                    Event::Key(key) if key.is_press() => self.handle_key(key),
                    Event::Key(_) => continue,
                    _ => {}
                }
                dirty = true;
            }
        }
    }
}

/// Open the dashboard on a session's store; the terminal is restored on quit,
/// Ctrl-C, SIGTERM, SIGHUP and after a panic.
pub fn run(session: Session) -> Result<()> {
    let theme = Theme {
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let mut app = App::new(session, theme)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| anyhow!("signal handler: {e}"))?;
    }
    ratatui::run(|terminal| app.run(terminal, &stop))?;
    Ok(())
}
