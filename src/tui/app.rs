//! The app and its loop: draw → read key → keymap → update → apply effect.
//! The loop is the only part that does IO: it saves what `update` asks for
//! and only then lets the model take it in.

use super::action::{Change, Effect};
use super::state::{self, Model, Tone};
use super::ui::{self, Scroll, theme::Theme};
use super::{keymap, update};
use crate::i18n::dashboard as text;
use crate::session::{Session, StoreError};
use anyhow::{Result, anyhow};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long typing in the `:` palette must pause before the store searches
/// the note texts: a fast typist's keys never wait for that pass.
pub const NOTE_SEARCH_PAUSE: Duration = Duration::from_millis(150);

/// The model plus what the loop needs to carry out effects.
pub struct App {
    pub model: Model,
    pub session: Session,
    pub theme: Theme,
    pub scroll: Scroll,
    /// The day's backup, written in the background after the first frame.
    pub(super) loader: Loading,
    /// Why the day's backup was not made; said again after the save that
    /// waited for it and on quitting, so no later message hides it.
    pub(super) backup_failed: Option<String>,
    backup_said_with_save: bool,
    /// A save made while the day's backup is being written: carried out by
    /// the loop once the screen says it waits.
    deferred: Option<Effect>,
    /// Served by a store server: colleagues' changes may arrive any moment.
    pub(super) shared: bool,
    /// Why the store could not be reached after the first frame was drawn
    /// from its snapshot: the dashboard ends with it.
    pub(super) failed: Option<String>,
    /// The first frame was drawn from the store's snapshot and what the
    /// store said on arrival is not taken in yet (see [`App::persist`]).
    pub(super) reaching: bool,
    /// The store, once reached, no longer held what the first frame was
    /// drawn from.
    pub(super) reread_at_start: bool,
}

pub(super) enum Loading {
    /// Until the first frame is drawn: the loader would compete for the
    /// cores with it.
    NotStarted,
    Running(Loader),
    Done,
}

/// The background work of the first start of a day: the day's backup,
/// from one full read of the store. Its result: where it went, or why not.
pub(super) struct Loader {
    rx: mpsc::Receiver<Result<PathBuf, String>>,
    thread: std::thread::JoinHandle<()>,
}

impl Loader {
    /// Write the day's backup in another thread if it is due: `Ok(None)` if
    /// not, `Err` if whether it is due could not even be told.
    fn start(session: Session) -> Result<Option<Loader>, String> {
        let lang = session.lang;
        let why = move |e: StoreError| e.message(lang);
        let Some(path) = session.backup_due().map_err(why)? else {
            return Ok(None);
        };
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let written = session
                .load()
                .and_then(|data| session.write_backup(&path, data))
                .map_err(why);
            // The receiver is gone only if the app is; nothing to tell then.
            let _ = tx.send(written);
        });
        Ok(Some(Loader { rx, thread }))
    }
}

impl App {
    /// Everything but the note texts is read before the first frame; a
    /// record's notes are read when a view shows them (see
    /// [`App::sync_notes`]), and the day's backup is written in the
    /// background after the first frame.
    pub fn new(session: Session, theme: Theme) -> Result<App> {
        let said = |e: StoreError| anyhow!(e.message(session.lang));
        let shared = session.is_shared();
        let session_starting = session.starting();
        let (data, heads) = session.load_without_notes().map_err(said)?;
        let settings = session.settings().map_err(said)?;
        let issued = session.issued().map_err(said)?;
        let mut model = Model::with_note_heads(
            data,
            heads,
            false,
            settings,
            session.ctx.clone(),
            session.lang,
        );
        model.issued_at_least(&issued);
        Ok(App {
            model,
            session,
            theme,
            scroll: Scroll::default(),
            loader: Loading::NotStarted,
            backup_failed: None,
            backup_said_with_save: false,
            deferred: None,
            shared,
            failed: None,
            reaching: session_starting,
            reread_at_start: false,
        })
    }

    /// Whether background work (the day's backup) is still to be done.
    /// Open on the morning view (the first start of a day).
    pub fn open_morning(&mut self) {
        self.model.mode = state::Mode::Morning(0);
    }

    pub fn background_pending(&self) -> bool {
        !matches!(self.loader, Loading::Done)
    }

    /// Start the background work, unless that has begun already.
    pub fn start_background(&mut self) {
        // Whether the backup is due is the store's to say: once it is there
        // (the loop draws again when it arrives).
        if self.session.starting() {
            return;
        }
        if let Loading::NotStarted = self.loader {
            // The first frame is drawn: what decoding the store left freed
            // goes back to the system (a quarter of the resident size).
            crate::session::release_free_memory();
            self.loader = match Loader::start(self.session.clone()) {
                Ok(Some(loader)) => Loading::Running(loader),
                Ok(None) => Loading::Done,
                Err(why) => {
                    self.warn_backup_failed(&why);
                    Loading::Done
                }
            };
        }
    }

    /// Take the background work's result, if it is done (or, with `wait`,
    /// once it is). Says whether anything arrived.
    pub(super) fn collect(&mut self, wait: bool) -> bool {
        let Loading::Running(loader) = &self.loader else {
            return false;
        };
        let written = match wait {
            true => loader.rx.recv().ok(),
            false => match loader.rx.try_recv() {
                Ok(written) => Some(written),
                Err(mpsc::TryRecvError::Empty) => return false,
                Err(mpsc::TryRecvError::Disconnected) => None,
            },
        };
        let Loading::Running(loader) = std::mem::replace(&mut self.loader, Loading::Done) else {
            return false;
        };
        // The backup read the whole store: give that memory back.
        crate::session::release_free_memory();
        let lang = self.model.lang;
        let why = match (loader.thread.join(), written) {
            (Ok(()), Some(Ok(_))) => return true,
            (Ok(()), Some(Err(why))) => why,
            _ => text::writing_stopped(lang).to_string(),
        };
        self.warn_backup_failed(&why);
        true
    }

    /// Say that the day's backup was not made, and keep it to say again.
    fn warn_backup_failed(&mut self, why: &str) {
        let warning = text::backup_failed(self.model.lang, why);
        self.model.say(Tone::Error, warning.clone());
        self.backup_failed = Some(warning);
    }

    /// Read the notes of the record the view shows, if they are not in the
    /// model yet: a few reads through the note index, instead of holding
    /// 100,000 note texts in memory.
    pub fn sync_notes(&mut self) {
        let m = &self.model;
        if m.notes_loaded {
            return;
        }
        let Some(about) = m.notes_needed() else {
            return;
        };
        if m.record_notes.as_ref().is_some_and(|r| r.about == about) {
            return;
        }
        let lang = m.lang;
        let notes = self.session.notes_of(about).map_err(|e| e.message(lang));
        self.model.record_notes = Some(state::RecordNotes { about, notes });
    }

    /// Whether the open `:` palette waits for the note texts to be searched.
    pub fn palette_waiting(&self) -> bool {
        matches!(&self.model.mode, state::Mode::Palette(p) if p.notes_needed().is_some())
    }

    /// Search the note texts for what the open `:` palette holds, if that
    /// was not done yet: the store reads them (they are not in memory), a
    /// pass over every note. So not on the key path: the loop calls this
    /// once typing pauses ([`NOTE_SEARCH_PAUSE`]), and each key stays as
    /// fast as the records in memory allow. Says whether it searched.
    pub fn sync_palette(&mut self) -> bool {
        let state::Mode::Palette(p) = &self.model.mode else {
            return false;
        };
        let Some(query) = p.notes_needed().map(str::to_string) else {
            return false;
        };
        let lang = self.model.lang;
        let hits = self
            .session
            .search_notes(&query)
            .map_err(|e| e.message(lang));
        if let state::Mode::Palette(p) = &mut self.model.mode {
            p.notes = Some(state::NoteSearch { query, hits });
        }
        true
    }

    /// Work that waits until no key is waiting: the filter cells, indexes
    /// and plates the views make when first needed (see
    /// [`state::Views::prepare`]), and the session's (see [`Session::idle`]).
    pub fn idle(&mut self) {
        self.model.views.prepare(&self.model.data);
        self.session.idle();
    }

    /// A save deferred until the day's backup is written: wait for it, then
    /// save. The loop calls this right after drawing the frame that says so.
    pub fn carry_out_deferred(&mut self) -> bool {
        let Some(effect) = self.deferred.take() else {
            return false;
        };
        self.finish_background();
        self.apply(effect);
        true
    }

    /// Block until the background work is done (tests, and before any save:
    /// the day's backup must not see half a change).
    pub fn finish_background(&mut self) {
        self.start_background();
        self.collect(true);
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
        match keymap::action(&m.mode, m.help, key) {
            Some(action) => {
                if let Some(effect) = update::update(&mut self.model, action) {
                    self.apply(effect);
                }
            }
            // A key that means nothing here says so, instead of nothing
            // happening (the help overlay takes every key quietly).
            None if !m.help => {
                let lang = m.lang;
                if let Some(name) = text::key_name(lang, key.code, key.modifiers) {
                    self.model.say(Tone::Info, text::unknown_key(lang, &name));
                }
            }
            None => {}
        }
        if let state::Mode::Detail(r) = self.model.mode {
            self.model.seen(r);
        }
        self.sync_notes();
    }

    /// Feed one mouse event through the mouse's map (where the last frame
    /// drew what) and update.
    pub fn handle_mouse(&mut self, e: event::MouseEvent) {
        let m = &self.model;
        for action in super::mouse::actions(&m.mode, m.help, &self.scroll, e) {
            if let Some(effect) = update::update(&mut self.model, action) {
                self.apply(effect);
            }
        }
        self.sync_notes();
    }

    /// Save first; only a change the store has flushed reaches the model.
    fn apply(&mut self, effect: Effect) {
        // A save must wait for the day's backup; say so on screen first (the
        // loop draws, then carries the save out) rather than freeze silently.
        if matches!(self.loader, Loading::Running(_)) && !matches!(effect, Effect::Quit) {
            self.model
                .say(Tone::Info, text::saving_after_backup(self.model.lang));
            self.deferred = Some(effect);
            return;
        }
        match effect {
            Effect::Quit => {}
            Effect::Persist(change) => {
                self.persist(change);
            }
            Effect::UndoCloseDay { change, day } => self.undo_close_day(change, day),
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
                let path = self.day_report_path(day);
                let written = self
                    .session
                    .prepare_reports_dir()
                    .and_then(|_| crate::session::export::write_atomic(&path, report.as_bytes()));
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

    /// Where the report of `day`'s review is written.
    fn day_report_path(&self, day: chrono::NaiveDate) -> std::path::PathBuf {
        self.reports_dir().join(format!("dagafsluiting-{day}.md"))
    }

    /// Undo a day close: the summary note goes, and its report file with it.
    fn undo_close_day(&mut self, change: Change, day: chrono::NaiveDate) {
        let what = change.message.clone();
        if !self.persist(change) {
            return;
        }
        let path = self.day_report_path(day);
        match std::fs::remove_file(&path) {
            Ok(()) => self.model.say(
                Tone::Info,
                text::report_removed(self.model.lang, &what, &path.display().to_string()),
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => self.model.say(
                Tone::Error,
                text::report_not_removed(self.model.lang, &what, &e.to_string()),
            ),
        }
    }

    /// Save a change; only what the store has flushed reaches the model.
    fn persist(&mut self, change: Change) -> bool {
        // A change made while the store is still being reached waits for it,
        // so that the day's backup (when this process makes it) comes first,
        // and is not made if the store turned out to hold other records than
        // the ones it was made from: they are read again, the form comes back.
        let reread = self.reaching && {
            self.session.reach();
            self.reread_at_start = false;
            self.take_events();
            self.reread_at_start
        };
        // The backup may be reading the whole store.
        self.finish_background();
        let saved = match reread {
            true => Err(StoreError::Server {
                dir: self.session.dir().to_path_buf(),
                message: text::changed_while_starting(self.model.lang).to_string(),
            }),
            false => (self.session).apply_based(&change.save, &change.delete, &change.based_on),
        };
        let form = self.model.pending_form.take();
        match saved {
            Ok(()) => {
                self.model.commit(change);
                // "Opgeslagen" must not hide a backup that failed: the first
                // save after it says both.
                if !self.backup_said_with_save
                    && let Some(warning) = &self.backup_failed
                    && let Some(saved) = self.model.status()
                {
                    self.backup_said_with_save = true;
                    let lang = self.model.lang;
                    let both = format!("{}{} · {warning}", text::saved_prefix(lang), saved.text);
                    self.model.say(Tone::Error, both);
                }
                true
            }
            Err(e) => {
                let lang = self.model.lang;
                let why = e.message(lang);
                // A colleague's change came first (on the same record, or
                // taking the same new number): show theirs (it may not have
                // arrived yet) and bring the form back as typed; Enter again
                // then saves on top of theirs, or under the next number.
                if matches!(e, StoreError::Stale { .. } | StoreError::Conflict { .. }) {
                    self.take_events();
                }
                if let Some(mut form) = form {
                    form.base = form
                        .base
                        .iter()
                        .filter_map(|(r, _)| {
                            let now = self.model.data.get(*r)?;
                            Some((*r, now.stamp().updated_at))
                        })
                        .collect();
                    form.error = Some(why.clone());
                    self.model.mode = state::Mode::Form(form);
                }
                self.model.say(Tone::Error, text::save_failed(lang, &why));
                false
            }
        }
    }

    /// Where day reports go: a folder beside the store, `<store>-rapporten`.
    pub fn reports_dir(&self) -> std::path::PathBuf {
        self.session.reports_dir()
    }

    pub fn draw(&mut self, frame: &mut ratatui::Frame) {
        ui::draw(frame, &self.model, self.theme, &mut self.scroll);
        ui::scrub(frame.buffer_mut());
        self.model.page = self.scroll.page;
        self.model.detail_max = self.scroll.detail_max;
        self.model.detail_scroll = self.model.detail_scroll.min(self.scroll.detail_max);
    }

    pub(super) fn run(
        &mut self,
        terminal: &mut DefaultTerminal,
        stop: &AtomicBool,
    ) -> std::io::Result<()> {
        let mut dirty = true;
        let mut last_key = Instant::now();
        loop {
            if dirty {
                terminal.draw(|f| self.draw(f))?;
                dirty = false;
                self.start_background();
            }
            if self.carry_out_deferred() {
                dirty = true;
                continue;
            }
            // Before a quit: the reason must not be lost.
            if let Some(why) = self.failed.take() {
                return Err(std::io::Error::other(why));
            }
            if self.model.quit || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if self.collect(false) {
                dirty = true;
                continue;
            }
            // Wake up now and then to notice SIGTERM (and, while the notes
            // load, their arrival); draw only after an event, and do the
            // deferred work when no key came.
            let tick = match self.loader {
                // What a first frame or a change left to build later is
                // built as soon as no key is waiting (see `idle`).
                _ if !self.model.views.prepared() => Duration::ZERO,
                Loading::Running(_) => Duration::from_millis(30),
                // The palette's note search, once typing pauses.
                _ if self.palette_waiting() => NOTE_SEARCH_PAUSE
                    .saturating_sub(last_key.elapsed())
                    .max(Duration::from_millis(10)),
                // A colleague's change shows within a tenth of a second.
                _ if self.shared => Duration::from_millis(50),
                _ => Duration::from_millis(250),
            };
            if !event::poll(tick)? {
                if last_key.elapsed() >= NOTE_SEARCH_PAUSE && self.sync_palette() {
                    dirty = true;
                }
                self.idle();
                if self.take_events() {
                    dirty = true;
                }
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.is_press() => {
                    last_key = Instant::now();
                    self.handle_key(key)
                }
                Event::Key(_) => continue,
                Event::Mouse(e) => self.handle_mouse(e),
                _ => {}
            }
            dirty = true;
        }
    }
}
