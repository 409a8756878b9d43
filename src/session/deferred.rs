//! The dashboard's cold start: its first frame is drawn from the store's
//! snapshot while the store's server starts.
//!
//! A dashboard that finds no server for its store starts one, and that
//! server needs 100–200 ms at region scale before it listens (it hashes
//! sled's whole log for damage, opens it, checks it). When the store was
//! closed cleanly and no process holds it, the read-only snapshot of that
//! close holds exactly what the store holds (the rule the read-only
//! commands answer by, [`crate::store::frozen::read_current`]). A
//! [`Deferred`] backend answers the first frame's reads from it (the
//! records, the settings) while a thread starts the server and connects,
//! or opens the store itself when no server can start. Every other
//! operation waits for that backend.
//!
//! When it arrives it is asked at which record count and save sequence it
//! holds the store. The snapshot's: nothing changed in between
//! ([`Event::Ready`], `changed: false`). Anything else (a command wrote to
//! the store in the moment between): the dashboard reads the records again.
//! When the store cannot be reached at all ([`Event::Failed`]: damaged,
//! held by a process that does not serve) the dashboard ends with the
//! message it gave before it drew anything.

use super::backend::{Backend, Event};
use crate::domain::find::NoteHit;
use crate::domain::integrity::Problem;
use crate::domain::{
    AnyRecord, Case, Dataset, Id, Issued, Kind, Note, NoteHead, RecordRef, Settings, Stamp,
};
use crate::i18n::Lang;
use crate::store::StoreError;
use crate::store::frozen::Frozen;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};
use std::thread::JoinHandle;

/// The thread that reaches the store: the backend, or why there is none.
pub type Reaching = JoinHandle<Result<Box<dyn Backend>, StoreError>>;

/// A backend that answers from the snapshot until the real one arrives.
pub struct Deferred {
    dir: PathBuf,
    lang: Lang,
    /// Who the dashboard acts for, until the real backend says.
    user: String,
    /// The snapshot's record count and save sequence.
    at: (u64, u64),
    /// What the first frame is drawn from; given away by the first load.
    first: Mutex<Option<Frozen>>,
    settings: Option<Settings>,
    issued: Issued,
    empty: bool,
    /// The versions of the records given away, for the real backend;
    /// `None` once it has them.
    versions: Mutex<Option<Vec<(Id, NaiveDateTime)>>>,
    reaching: Mutex<Option<Reaching>>,
    real: OnceLock<Result<Box<dyn Backend>, String>>,
    events: Mutex<Vec<Event>>,
    /// The lookup cache was to be written while the backend was not there.
    lookup_wanted: AtomicBool,
}

impl Deferred {
    /// Answer from `snapshot` (current when it was read) until `reaching`
    /// gives the real backend.
    pub fn new(snapshot: Frozen, reaching: Reaching, user: String, lang: Lang) -> Deferred {
        Deferred {
            dir: snapshot.dir().to_path_buf(),
            lang,
            user,
            at: snapshot.at(),
            settings: snapshot.settings(),
            issued: snapshot.issued().clone(),
            empty: snapshot.is_empty(),
            first: Mutex::new(Some(snapshot)),
            versions: Mutex::new(Some(Vec::new())),
            reaching: Mutex::new(Some(reaching)),
            real: OnceLock::new(),
            events: Mutex::default(),
            lookup_wanted: AtomicBool::new(false),
        }
    }

    /// The real backend, waiting for it if need be.
    fn real(&self) -> Result<&dyn Backend, StoreError> {
        let arrived = self.real.get_or_init(|| {
            let reaching = self.reaching.lock().unwrap().take();
            let reached = match reaching.map(JoinHandle::join) {
                Some(Ok(reached)) => reached,
                // The thread panicked (its message is on stderr already).
                _ => Err(StoreError::ServerGone {
                    dir: self.dir.clone(),
                }),
            };
            self.arrive(reached)
        });
        match arrived {
            Ok(backend) => Ok(backend.as_ref()),
            Err(message) => Err(StoreError::Server {
                dir: self.dir.clone(),
                message: message.clone(),
            }),
        }
    }

    /// The real backend if it is there, without waiting for it.
    fn arrived(&self) -> Option<&dyn Backend> {
        if self.real.get().is_none() {
            let done = (self.reaching.lock().unwrap().as_ref()).is_none_or(JoinHandle::is_finished);
            if !done {
                return None;
            }
        }
        self.real().ok()
    }

    /// Take in the real backend: give it what the dashboard read from the
    /// snapshot, and say whether the store still holds that.
    fn arrive(
        &self,
        reached: Result<Box<dyn Backend>, StoreError>,
    ) -> Result<Box<dyn Backend>, String> {
        let event = match &reached {
            Ok(backend) => {
                if let Some(versions) = self.versions.lock().unwrap().take() {
                    backend.remember(versions);
                }
                if self.lookup_wanted.swap(false, Ordering::SeqCst) {
                    // A failure only makes the next `mandaat owner` slower.
                    let _ = backend.refresh_lookup_cache();
                }
                Event::Ready {
                    changed: backend.held_at() != Some(self.at),
                }
            }
            Err(e) => Event::Failed(e.message(self.lang)),
        };
        self.events.lock().unwrap().push(event);
        reached.map_err(|e| e.message(self.lang))
    }

    /// Whether the first load may still come from the snapshot: the real
    /// backend is not there yet.
    fn snapshot(&self) -> Option<Frozen> {
        let first = self.first.lock().unwrap().take();
        first.filter(|_| self.real.get().is_none())
    }
}

impl Backend for Deferred {
    fn dir(&self) -> &Path {
        &self.dir
    }
    fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        self.real()?.load_kinds(kinds)
    }
    fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        match self.snapshot() {
            Some(snapshot) => {
                let (data, heads, _) = snapshot.into_parts();
                let versions = crate::server::client::versions_of(&data);
                let mut kept = self.versions.lock().unwrap();
                match kept.as_mut() {
                    Some(kept) => *kept = versions,
                    // The backend arrived meanwhile.
                    None => {
                        drop(kept);
                        self.remember(versions);
                    }
                }
                Ok((data, heads))
            }
            None => self.real()?.load_without_notes(),
        }
    }
    fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError> {
        self.real()?.notes_of(target)
    }
    fn search_notes(&self, query: &str) -> Result<Vec<NoteHit>, StoreError> {
        self.real()?.search_notes(query)
    }
    fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError> {
        self.real()?.cases_on_plates(departments)
    }
    fn stamp_of(&self, r: RecordRef) -> Result<Option<Stamp>, StoreError> {
        self.real()?.stamp_of(r)
    }
    fn settings(&self) -> Result<Option<Settings>, StoreError> {
        match self.arrived() {
            Some(backend) => backend.settings(),
            None => Ok(self.settings.clone()),
        }
    }
    fn is_empty(&self) -> Result<bool, StoreError> {
        match self.arrived() {
            Some(backend) => backend.is_empty(),
            None => Ok(self.empty),
        }
    }
    /// The snapshot's until the backend is there (the dashboard asks again
    /// then, [`Event::Ready`]).
    fn issued(&self) -> Result<Issued, StoreError> {
        match self.arrived() {
            Some(backend) => backend.issued(),
            None => Ok(self.issued.clone()),
        }
    }
    fn apply(
        &self,
        save: &[AnyRecord],
        delete: &[RecordRef],
        based_on: &[(RecordRef, NaiveDateTime)],
    ) -> Result<(), StoreError> {
        self.real()?.apply(save, delete, based_on)
    }
    fn replace_all(&self, settings: &Settings, data: &Dataset) -> Result<(), StoreError> {
        self.real()?.replace_all(settings, data)
    }
    fn check(&self) -> Result<Vec<Problem>, StoreError> {
        self.real()?.check()
    }
    fn backup_due(&self, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
        self.real()?.backup_due(today)
    }
    fn write_backup(&self, path: &Path, data: Dataset) -> Result<PathBuf, StoreError> {
        self.real()?.write_backup(path, data)
    }
    fn refresh_lookup_cache(&self) -> Result<(), StoreError> {
        match self.arrived() {
            Some(backend) => backend.refresh_lookup_cache(),
            None => {
                self.lookup_wanted.store(true, Ordering::SeqCst);
                Ok(())
            }
        }
    }
    /// Waits for the backend: one opened embedded closes cleanly.
    fn close(&self) -> Result<(), StoreError> {
        match self.real() {
            Ok(backend) => backend.close(),
            // Nothing was opened.
            Err(_) => Ok(()),
        }
    }
    fn events(&self) -> Vec<Event> {
        let later = self.arrived().map(Backend::events).unwrap_or_default();
        let mut events = std::mem::take(&mut *self.events.lock().unwrap());
        events.extend(later);
        events
    }
    /// The dashboard acts for who it says until a server says otherwise.
    fn author(&self) -> Option<String> {
        match self.arrived() {
            Some(backend) => backend.author(),
            None => Some(self.user.clone()),
        }
    }
    fn tick(&self) {
        if let Some(backend) = self.arrived() {
            backend.tick();
        }
    }
    fn held_at(&self) -> Option<(u64, u64)> {
        self.real().ok()?.held_at()
    }
    fn remember(&self, versions: Vec<(Id, NaiveDateTime)>) {
        if let Ok(backend) = self.real() {
            backend.remember(versions);
        }
    }
    fn starting(&self) -> bool {
        self.arrived().is_none()
    }
    fn reach(&self) {
        let _ = self.real();
    }
}
