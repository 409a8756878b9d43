//! The one door to the data: every read and write the command line and the
//! dashboard make goes through a [`Session`], and nothing above it names the
//! store or sled.
//!
//! A session is a [`Backend`] (where the data lives) plus who acts and when
//! ([`Ctx`]) and the language of the one who reads the answers. Today the
//! only backend is the embedded sled [`Store`]; the store server of the
//! shared-caseload issue adds a second one, a client that sends the same
//! operations over a Unix socket to the process that holds the store. The
//! faces never learn which one they have: [`Session::open`] is the one place
//! that picks, and the trait is object-safe so it can pick at run time.
//!
//! The session also owns what the store keeps beside its records for other
//! processes: the lookup cache that `mandaat owner` answers from (a change
//! marks it stale, [`Session::idle`] writes it again) and the clean close
//! ([`Session::close`]). A session is cheap to clone: the clones share one
//! backend, as the dashboard's background backup does.

use crate::domain::find::NoteHit;
use crate::domain::integrity::Problem;
use crate::domain::ops::Ctx;
use crate::domain::{
    AnyRecord, Case, Dataset, Id, Issued, Kind, Note, NoteHead, RecordRef, Settings,
};
use crate::fixtures::seed::{self, SeedError};
use crate::i18n::Lang;
pub mod backend;
pub mod deferred;
mod forget;
mod serve;

use crate::server::client::{Identity, Remote, WhenGone};
use crate::store::{Store, backup};
pub use backend::Backend;
use chrono::NaiveDateTime;
use serve::share_files_with_group;
pub use serve::{serve, socket_path};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};

// What the faces may name of the store: its errors, its file formats and the
// lookup cache's shape, never its handle.
pub use crate::server::protocol::Notice;
pub use crate::store::StoreError;
pub use crate::store::backup::KEEP as BACKUPS_KEPT;
pub use crate::store::backup::Pick as BackupPick;
pub use crate::store::export::{self, ExportDoc, ImportError};
pub use crate::store::lookup::{CacheBytes, LookupCache, LookupView, PlateText};
pub use backend::Event;

/// What can go wrong in a session beyond the store itself.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The embedded reference or demo data is malformed: a build defect.
    #[error(transparent)]
    Fixtures(#[from] SeedError),
}

impl SessionError {
    /// What happened and what to do, for the user.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            SessionError::Store(e) => e.message(lang),
            SessionError::Fixtures(e) => e.to_string(),
        }
    }
}

/// What every command and the dashboard work through: the data, who and
/// when, and the language.
#[derive(Clone)]
pub struct Session {
    pub ctx: Ctx,
    pub lang: Lang,
    shared: Arc<Shared>,
}

/// The part every clone of a session shares.
struct Shared {
    /// Where the data lives; taken out only while `forget` swaps the store
    /// folder for a rewritten one ([`Session::compact`]), and left empty if
    /// the rewritten store then could not be opened.
    backend: RwLock<Option<Box<dyn Backend>>>,
    /// The store folder, kept apart so it can be named while the backend is
    /// being swapped.
    dir: PathBuf,
    /// What answers while there is no backend: "the store is missing".
    gone: forget::Gone,
    /// A change (or an attempt at one) removed the lookup cache, or opening
    /// outdated it; [`Session::idle`] writes it again.
    lookup_stale: AtomicBool,
    closed: AtomicBool,
}

impl Shared {
    fn close(&self) -> Result<(), StoreError> {
        match self.closed.swap(true, Ordering::SeqCst) {
            true => Ok(()),
            false => match self
                .backend
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .as_deref()
            {
                Some(backend) => backend.close(),
                None => Ok(()),
            },
        }
    }
}

impl Drop for Shared {
    /// The guard for the paths that end without [`Session::close`]: a panic
    /// (the dashboard's panic unwinds through `main`) and a test that just
    /// drops its session. The close then happens here, as it did when the
    /// store closed itself on drop: without it the next start would not find
    /// the marker of a clean close and would check a copy of the whole store
    /// first (seconds at region scale). That is safe, but slow for no
    /// reason: every change was flushed when it was made, so the store is
    /// whole also after a panic. A kill skips this, and the next open checks.
    fn drop(&mut self) {
        let _ = self.close();
    }
}

/// The dashboard's backend when no server runs: a server it starts, else
/// one another dashboard started a moment ago, else the store itself.
fn reach_for_dashboard(dir: &Path, ctx: &Ctx, lang: Lang) -> Result<Box<dyn Backend>, StoreError> {
    match Remote::start_and_connect(dir, identity(ctx, lang)) {
        Ok(remote) => Ok(Box::new(remote)),
        Err(e @ (StoreError::NotAllowed { .. } | StoreError::Protocol { .. })) => Err(e),
        // The server could not start (or not in time): the dashboard still
        // works, on its own, as before there were servers.
        Err(_) => open_backend(dir, true, identity(ctx, lang), WhenGone::StartServer),
    }
}

/// The running server of `dir` if there is one, else the store itself
/// (made when `create` is set).
fn open_backend(
    dir: &Path,
    create: bool,
    identity: Identity,
    when_gone: WhenGone,
) -> Result<Box<dyn Backend>, StoreError> {
    if let Some(remote) = Remote::connect(dir, identity, when_gone)? {
        return Ok(Box::new(remote));
    }
    Ok(Box::new(match create {
        true => Store::open(dir),
        false => Store::open_existing(dir),
    }?))
}

fn identity(ctx: &Ctx, lang: Lang) -> Identity {
    Identity {
        user: ctx.user.clone(),
        lang,
        today: ctx.today,
    }
}

/// Give memory freed after a big read (a whole store decoded, a backup
/// written) back to the system: glibc keeps freed memory for the process
/// otherwise, so its resident size stays at the peak.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns unused heap pages; it touches no
    // memory that is in use.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Whether `dir` holds a store. Touches nothing.
pub fn store_exists(dir: &Path) -> bool {
    Store::exists(dir)
}

/// The lookup cache file of the store in `dir`, if there is one: what
/// `mandaat owner` answers from without opening the store (or while another
/// process holds it), when [`CacheBytes::view`] finds it current. Touches
/// nothing.
pub fn lookup_cache(dir: &Path) -> Option<CacheBytes> {
    crate::store::lookup::read_file(dir)
}

/// Without a current lookup cache, the same from the read-only snapshot of
/// the last clean close, when the store is as that close left it (only its
/// lookup part is read). Touches nothing.
pub fn lookup_in_snapshot(dir: &Path) -> Option<CacheBytes> {
    crate::store::lookup::read_snapshot(dir)
}

impl Session {
    /// Open the store in `dir`; only when `create` is set may a new one be
    /// made (a command that reads must not leave an empty store behind in a
    /// mistyped folder).
    ///
    /// The place where a store server plugs in: with one serving `dir`, this
    /// is where a client backend would be chosen instead of the embedded one.
    pub fn open(dir: &Path, create: bool, ctx: Ctx, lang: Lang) -> Result<Session, StoreError> {
        Session::open_as(dir, create, ctx, lang, WhenGone::Reconnect)
    }

    /// The open of a command that only reads: through the store's server
    /// if one runs; else from the read-only snapshot of the last clean close
    /// when the store is still exactly as that close left it, which touches
    /// no file; else the store itself, as [`Session::open`] without `create`.
    pub fn open_to_read(dir: &Path, ctx: Ctx, lang: Lang) -> Result<Session, StoreError> {
        if let Some(session) = Session::connect(dir, &ctx, lang, WhenGone::Reconnect)? {
            return Ok(session);
        }
        if let Some(frozen) = Store::not_theirs(dir)
            .is_none()
            .then(|| crate::store::frozen::read_current(dir))
            .flatten()
        {
            return Ok(Session::with_backend(Box::new(frozen), ctx, lang));
        }
        Session::open_as(dir, false, ctx, lang, WhenGone::Reconnect)
    }

    /// The dashboard's open: through the store's server, which it starts
    /// when there is none, so a second terminal or a colleague can join.
    /// Works embedded when no server could be started. While the server
    /// starts, the first frame comes from the store's snapshot when that is
    /// current (see [`deferred`]).
    pub fn open_for_dashboard(dir: &Path, ctx: Ctx, lang: Lang) -> Result<Session, StoreError> {
        share_files_with_group(dir);
        if let Some(session) = Session::connect(dir, &ctx, lang, WhenGone::StartServer)? {
            return Ok(session);
        }
        // Read before the server starts: it takes sled's lock, and the
        // snapshot is current only while nobody holds that.
        let snapshot = Store::not_theirs(dir)
            .is_none()
            .then(|| crate::store::frozen::read_current_bytes(dir))
            .flatten();
        let reach = {
            let (dir, ctx) = (dir.to_path_buf(), ctx.clone());
            move || reach_for_dashboard(&dir, &ctx, lang)
        };
        let backend = match snapshot {
            None => reach()?,
            Some(bytes) => {
                let thread = std::thread::Builder::new().name("reaching".into());
                let reaching = thread.spawn(reach).map_err(|e| StoreError::io(dir, e))?;
                match bytes.decode() {
                    Some(snapshot) => Box::new(deferred::Deferred::new(
                        snapshot,
                        reaching,
                        ctx.user.clone(),
                        lang,
                    )),
                    None => reaching.join().map_err(|_| StoreError::ServerGone {
                        dir: dir.to_path_buf(),
                    })??,
                }
            }
        };
        Ok(Session::as_author(backend, ctx, lang))
    }

    fn open_as(
        dir: &Path,
        create: bool,
        ctx: Ctx,
        lang: Lang,
        when_gone: WhenGone,
    ) -> Result<Session, StoreError> {
        share_files_with_group(dir);
        let backend = open_backend(dir, create, identity(&ctx, lang), when_gone)?;
        Ok(Session::as_author(backend, ctx, lang))
    }

    /// A session through the running server of `dir`, if there is one.
    fn connect(
        dir: &Path,
        ctx: &Ctx,
        lang: Lang,
        when_gone: WhenGone,
    ) -> Result<Option<Session>, StoreError> {
        let remote = Remote::connect(dir, identity(ctx, lang), when_gone)?;
        Ok(remote.map(|r| Session::remote(r, ctx.clone(), lang)))
    }

    fn remote(remote: Remote, ctx: Ctx, lang: Lang) -> Session {
        Session::as_author(Box::new(remote), ctx, lang)
    }

    /// A session on `backend` for who it records the changes as: another
    /// login is recorded as who the server's socket says it is.
    fn as_author(backend: Box<dyn Backend>, mut ctx: Ctx, lang: Lang) -> Session {
        if let Some(author) = backend.author() {
            ctx.user = author;
        }
        Session::with_backend(backend, ctx, lang)
    }

    /// A session on a store opened already.
    pub fn embedded(store: Store, ctx: Ctx, lang: Lang) -> Session {
        Session::with_backend(Box::new(store), ctx, lang)
    }

    pub fn with_backend(backend: Box<dyn Backend>, ctx: Ctx, lang: Lang) -> Session {
        Session {
            ctx,
            lang,
            shared: Arc::new(Shared {
                dir: backend.dir().to_path_buf(),
                gone: forget::Gone(backend.dir().to_path_buf()),
                backend: RwLock::new(Some(backend)),
                // Opening wrote to sled's file, which outdates the cache.
                lookup_stale: AtomicBool::new(true),
                closed: AtomicBool::new(false),
            }),
        }
    }

    fn backend(&self) -> BackendRef<'_> {
        BackendRef(
            self.shared
                .backend
                .read()
                .unwrap_or_else(|e| e.into_inner()),
            &self.shared.gone,
        )
    }

    /// The store folder.
    pub fn dir(&self) -> &Path {
        &self.shared.dir
    }

    /// Where day reports go: a folder beside the store, `<store>-rapporten`.
    pub fn reports_dir(&self) -> PathBuf {
        let dir = self.dir();
        let name = dir
            .file_name()
            .map_or_else(|| "mandaat".into(), |n| n.to_string_lossy().into_owned());
        dir.with_file_name(format!("{name}-rapporten"))
    }

    /// [`Session::reports_dir`], made ready to write a report in (the
    /// user's alone, or the sharing group's for a shared store).
    pub fn prepare_reports_dir(&self) -> std::io::Result<PathBuf> {
        let folder = self.reports_dir();
        backup::folder_beside(self.dir(), &folder)?;
        Ok(folder)
    }

    /// Where the daily backups go: a folder beside the store.
    pub fn backup_dir(&self) -> PathBuf {
        backup::backup_dir(self.dir())
    }

    /// The daily backups there are, oldest first.
    pub fn backups(&self) -> Vec<PathBuf> {
        backup::list(self.dir())
    }

    /// The backup in `folder` that a restore without a named file takes: the
    /// newest dated today or earlier; those dated after today are only listed.
    pub fn newest_backup_in(&self, folder: &Path) -> BackupPick {
        backup::newest_up_to(folder, self.ctx.today)
    }

    // ------------------------------------------------------------- reading

    /// Everything, every list sorted by number.
    pub fn load(&self) -> Result<Dataset, StoreError> {
        self.backend().load_kinds(&Kind::ALL)
    }

    /// Every record but the notes, and every note's head: enough for ageing
    /// and the listings, without decoding the note texts.
    pub fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        self.backend().load_without_notes()
    }

    /// Only the records of `kinds`.
    pub fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        self.backend().load_kinds(kinds)
    }

    /// The notes on one record, read when a view shows them.
    pub fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError> {
        self.backend().notes_of(target)
    }

    /// The notes whose text holds every word of `query` ("find anything").
    pub fn search_notes(&self, query: &str) -> Result<Vec<NoteHit>, StoreError> {
        self.backend().search_notes(query)
    }

    /// The open cases on the plates of `departments` (the owner lookup).
    pub fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError> {
        self.backend().cases_on_plates(departments)
    }

    /// The store's settings, or the defaults for a store that has none yet.
    pub fn settings(&self) -> Result<Settings, StoreError> {
        Ok(self
            .backend()
            .settings()?
            .unwrap_or_else(seed::default_settings))
    }

    /// No records and no settings.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.backend().is_empty()
    }

    /// Per kind the highest number the store ever held (see [`Backend::issued`]).
    pub fn issued(&self) -> Result<Issued, StoreError> {
        self.backend().issued()
    }

    /// `mandaat check`: what is wrong in the store; empty when all is well.
    pub fn check(&self) -> Result<Vec<Problem>, StoreError> {
        self.backend().check()
    }

    // ------------------------------------------------------------- writing

    /// Save `save` and remove `delete` in one change, durable on return: a
    /// change (or its undo) lands whole or not at all.
    pub fn apply(&self, save: &[AnyRecord], delete: &[RecordRef]) -> Result<(), StoreError> {
        self.apply_based(save, delete, &[])
    }

    /// [`Session::apply`] of a change that began with the user looking at
    /// the records `based_on` in these versions: through a store server it
    /// is refused ([`StoreError::Stale`], naming who and when) if a
    /// colleague changed one of them since.
    pub fn apply_based(
        &self,
        save: &[AnyRecord],
        delete: &[RecordRef],
        based_on: &[(RecordRef, NaiveDateTime)],
    ) -> Result<(), StoreError> {
        // Every attempt removes the lookup cache first, also one that fails.
        self.shared.lookup_stale.store(true, Ordering::SeqCst);
        self.backend().apply(save, delete, based_on)
    }

    pub fn save(&self, records: &[AnyRecord]) -> Result<(), StoreError> {
        self.apply(records, &[])
    }

    pub fn delete(&self, records: &[RecordRef]) -> Result<(), StoreError> {
        self.apply(&[], records)
    }

    /// Fill an empty store with `settings` and `data` (import, restore,
    /// seed-demo), all or nothing.
    pub fn replace_all(&self, settings: &Settings, data: &Dataset) -> Result<(), StoreError> {
        self.shared.lookup_stale.store(true, Ordering::SeqCst);
        self.backend().replace_all(settings, data)
    }

    /// Import an export file into an empty store, all or nothing: the file
    /// is read and checked completely before the store is touched.
    pub fn import(&self, bytes: &[u8]) -> Result<(), ImportError> {
        if !self.is_empty()? {
            return Err(StoreError::NotEmpty {
                dir: self.dir().into(),
            }
            .into());
        }
        let (settings, data) = export::parse(bytes)?.into_parts();
        self.replace_all(&settings, &data)?;
        Ok(())
    }

    /// A store that is used for the first time gets the reference data
    /// (departments, liaisons, haakjes, limits) so the lookup works at once.
    pub fn ensure_reference_data(&self) -> Result<(), SessionError> {
        if self.is_empty()? {
            let (settings, data) = seed::reference(&self.ctx)?;
            self.replace_all(&settings, &data)?;
        }
        Ok(())
    }

    // ------------------------------------------------------------- backups

    /// Where today's backup goes, if it is still to be made (the first start
    /// of the day, on a store that holds something).
    pub fn backup_due(&self) -> Result<Option<PathBuf>, StoreError> {
        self.backend().backup_due(self.ctx.today)
    }

    /// Write `data`, the whole store loaded a moment ago with nothing saved
    /// since, as the backup `path` (from [`Session::backup_due`]), and keep
    /// the newest [`BACKUPS_KEPT`].
    pub fn write_backup(&self, path: &Path, data: Dataset) -> Result<PathBuf, StoreError> {
        self.backend().write_backup(path, data)
    }

    /// Today's backup, if it is due: says which file it wrote.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>, StoreError> {
        let Some(path) = self.backup_due()? else {
            return Ok(None);
        };
        self.write_backup(&path, self.load()?).map(Some)
    }

    /// What a store server told this session unasked since the last call:
    /// a colleague's change (already in the store), who has the store open,
    /// the server gone or back. Always empty for an embedded store.
    pub fn events(&self) -> Vec<Event> {
        self.backend().events()
    }

    /// Whether the store is still being reached: the dashboard drew its
    /// first frame from the store's snapshot (see [`deferred`]).
    pub fn starting(&self) -> bool {
        self.backend().starting()
    }

    /// Wait until the store is reached, when [`Session::starting`].
    pub fn reach(&self) {
        self.backend().reach()
    }

    /// Who a store server records this session's changes as, if one serves it.
    pub fn author(&self) -> Option<String> {
        self.backend().author()
    }

    /// Whether a store server serves this session.
    pub fn is_shared(&self) -> bool {
        self.backend().author().is_some()
    }

    // ------------------------------------------------------ rest and close

    /// Work for a quiet moment (the dashboard calls this when no key came
    /// for a while): write the lookup cache again if a change removed it, so
    /// `mandaat owner` in another terminal answers without the store. About
    /// 10 ms at region scale, too much to add to the keystroke that saved.
    pub fn idle(&self) {
        self.backend().tick();
        if self.shared.lookup_stale.swap(false, Ordering::SeqCst) {
            // A failure only makes the next `mandaat owner` open the store.
            let _ = self.backend().refresh_lookup_cache();
        }
    }

    /// Close cleanly: flush, write the lookup cache if it is missing, and
    /// leave the marker that lets the next open skip the check of a copy.
    /// The store is let go once the last clone of this session is gone (the
    /// dashboard's backup thread is joined before). A session dropped
    /// without this closes the same way (see the guard on `Shared`), but
    /// every normal exit calls it, so the closing is visible where it
    /// happens and its error can be seen.
    pub fn close(self) -> Result<(), StoreError> {
        self.shared.close()
    }
}

/// The backend for the length of one call.
struct BackendRef<'a>(
    RwLockReadGuard<'a, Option<Box<dyn Backend>>>,
    &'a forget::Gone,
);

impl std::ops::Deref for BackendRef<'_> {
    type Target = dyn Backend;
    fn deref(&self) -> &Self::Target {
        match self.0.as_deref() {
            Some(backend) => backend,
            None => self.1,
        }
    }
}

#[cfg(test)]
mod tests;
