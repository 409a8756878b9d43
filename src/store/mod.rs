//! The store: the only code that touches sled.
//!
//! Layout of the sled database:
//! - tree `meta`: `schema_version` → u32 big-endian; `settings` → JSON [`Settings`];
//!   `record_count` and `save_seq` → u64 big-endian, kept in the same transaction
//!   as every change, so a damaged store can be told from a whole one (see
//!   `verify::verify_copy` and docs/DATA-SAFETY.md); `issued` → JSON
//!   [`Issued`], per kind the highest number ever saved or removed, kept in
//!   the same transaction as every change, so a number freed by an undo or
//!   `forget` is never handed out again.
//! - one tree per [`Kind`] (`organisation`, `contact`, …): record id (16 uuid bytes)
//!   → the record as JSON.
//! - tree `numbers`: canonical short number (`C07`) → record id. It keeps numbers
//!   unique per kind and makes `C07` a single lookup.
//! - tree `note_index`: target kind and id, then note id → that note's number,
//!   day and kind (see [`notes`]), so ageing needs no note texts and a
//!   record's notes are one prefix scan.
//! - tree `plate_index`: department id → the open cases it blocks (see
//!   [`plates`]), so the owner lookup reads only those cases.
//!
//! Reading is in [`load`], writing in [`write`], the integrity check in
//! [`check`]. Every change is one multi-tree transaction and is flushed before the call
//! returns, so an acknowledged change survives a kill.
//!
//! Beside sled's files the folder holds `lookup-cache.json`, derived data for
//! `mandaat owner` that every write deletes first (see [`lookup`]), and
//! `mandaat-frozen.bin`, the read-only snapshot of a clean close (see
//! [`frozen`]).

mod aside;
pub mod backup;
mod check;
pub mod compact;
mod error;
pub mod export;
pub mod frozen;
mod guard;
mod load;
pub mod lookup;
mod migrate;
mod notes;
mod open;
mod plates;
mod verify;
mod write;

pub use error::{Fault, Holder, StoreError};

use crate::domain::{Dataset, Id, Issued, Kind, Number};
use serde::Deserialize;
use sled::Tree;
use std::path::{Path, PathBuf};

/// The version of the record shapes this mandaat writes, in export files.
pub const SCHEMA_VERSION: u32 = 1;

/// The version of the store's layout, kept in `meta/schema_version`: 1 holds
/// the records and the number index, 2 adds the note index, 3 the plate
/// index, 4 keeps the note index as one entry per note (see [`notes`]). It
/// moves apart from [`SCHEMA_VERSION`] because a new index changes no export
/// file.
pub const STORE_VERSION: u32 = 4;

/// How long [`Store::open`] waits for a lock that may be on its way out.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_millis(600);

const META: usize = 0;
const NUMBERS: usize = 1;
/// After the kinds' trees.
const NOTE_INDEX: usize = 2 + Kind::ALL.len();
const PLATE_INDEX: usize = NOTE_INDEX + 1;
const META_TREE: &str = "meta";
const NUMBERS_TREE: &str = "numbers";
const NOTE_INDEX_TREE: &str = "note_index";
const PLATE_INDEX_TREE: &str = "plate_index";
const KEY_VERSION: &[u8] = b"schema_version";
const KEY_SETTINGS: &[u8] = b"settings";
const KEY_COUNT: &[u8] = b"record_count";
const KEY_SEQ: &[u8] = b"save_seq";
/// Per kind the highest number ever saved or removed ([`Issued`]); a store
/// without it gets it at open from the numbers present ([`Store::ensure_issued`]).
const KEY_ISSUED: &[u8] = b"issued";
/// The note-only mark that [`KEY_ISSUED`] replaced (a u32, big-endian);
/// taken into it at open.
const KEY_NOTES_ISSUED: &[u8] = b"notes_issued";
/// Present while [`Store::replace_all`] fills a store in several
/// transactions; found at open, it means the fill was cut short.
const KEY_FILLING: &[u8] = b"filling";

fn tree_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Organisation => "organisation",
        Kind::Contact => "contact",
        Kind::Department => "department",
        Kind::Hook => "hook",
        Kind::Case => "case",
        Kind::Exception => "exception",
        Kind::FollowUp => "follow_up",
        Kind::Note => "note",
        Kind::Track => "track",
    }
}

/// The position of a kind's tree in [`Store::trees`].
fn slot(kind: Kind) -> usize {
    2 + Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// Just enough of a stored record to maintain the number index.
#[derive(Deserialize)]
struct Head {
    id: Id,
    number: String,
}

pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    /// `meta`, `numbers`, one tree per kind in [`Kind::ALL`] order,
    /// `note_index`, `plate_index`.
    trees: Vec<Tree>,
    /// sled's log file, to fsync it after sled's own flush (see [`Store::flush`]).
    log: std::fs::File,
    /// Where the save sequence of every acknowledged change is kept, outside
    /// sled's files ([`guard::ACKED`]).
    acked: std::fs::File,
    /// Whether a write set derived files aside that are still to be deleted
    /// ([`Store::tick`]).
    set_aside: std::sync::atomic::AtomicBool,
}

impl Store {
    /// Open the store in `dir`, creating the folder (mode 0700) and a fresh store
    /// if it does not exist yet. Never writes into a folder that holds something
    /// else, a store another process has open, or a store from a newer mandaat.
    ///
    /// A lock held by this same process is retried for up to [`LOCK_PATIENCE`]:
    /// sled's flusher thread keeps the file lock for a moment after the last
    /// handle is dropped, so reopening straight after closing would fail
    /// spuriously. Another live process is still refused well within a second.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let started = std::time::Instant::now();
        let (db, trees) = loop {
            match open::open_db(dir) {
                Err(StoreError::Locked { .. }) if started.elapsed() < LOCK_PATIENCE => {
                    std::thread::sleep(std::time::Duration::from_millis(25));
                }
                other => break other?,
            }
        };
        let log =
            std::fs::File::open(dir.join("db")).map_err(|source| StoreError::io(dir, source))?;
        let meta = &trees[META];
        let seq = read_u64(
            meta.get(KEY_SEQ)
                .map_err(|source| StoreError::sled(dir, source))?
                .as_deref(),
        );
        let acked = guard::open_acked(dir, seq)?;
        let store = Store {
            dir: dir.into(),
            db,
            trees,
            log,
            acked,
            set_aside: Default::default(),
        };
        store.ensure_count()?;
        store.undo_interrupted_fill()?;
        store.ensure_issued()?;
        store.settle()?;
        // From here on the store is open: a kill leaves no marker behind, and
        // the next open checks a copy first.
        verify::mark_open(dir)?;
        sweep_aside(dir);
        Ok(store)
    }

    /// Open the store in `dir` only if there is one: for commands that read,
    /// which must not leave an empty store behind in a mistyped folder.
    pub fn open_existing(dir: &Path) -> Result<Store, StoreError> {
        if dir.exists() && !dir.is_dir() {
            return Err(StoreError::NotAFolder { dir: dir.into() });
        }
        if let Some(refusal) = not_theirs(dir) {
            return Err(refusal);
        }
        if !Store::exists(dir) {
            return Err(StoreError::Missing { dir: dir.into() });
        }
        Store::open(dir)
    }

    /// Whether `dir` holds a store this user may not look into: another
    /// login's store is there, it is just not theirs (unless shared).
    pub fn not_theirs(dir: &Path) -> Option<StoreError> {
        not_theirs(dir)
    }

    /// Whether `dir` holds a store (something [`Store::open`] would open rather
    /// than create). Touches nothing.
    pub fn exists(dir: &Path) -> bool {
        open::has_db(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// sled's flush writes its log with `sync_file_range`, which on Linux pushes
    /// the pages to the disk but neither the file's size nor the disk's own
    /// write cache; an `fsync` of the log file makes the change survive a power
    /// loss as well as a kill.
    fn flush(&self) -> Result<(), StoreError> {
        #[cfg(debug_assertions)]
        if std::env::var_os("MANDAAT_TEST_SKIP_FLUSH").is_some() {
            // The control of the kill harness: acknowledge what is only in memory.
            return Ok(());
        }
        self.db.flush().map_err(|e| self.sled(e))?;
        let io = |source| StoreError::io(&self.dir, source);
        sync_log(&self.log).map_err(io)?;
        // Only now, with the change durable in sled's files, is it counted
        // as acknowledged (a kill in between leaves the store ahead of this
        // file, never behind it).
        let (_, seq) = self.tally()?;
        guard::write_acked(&self.acked, seq).map_err(io)
    }

    /// Flush whatever is still in memory, syncing only when there was
    /// something: every change already synced itself, and an fsync on open
    /// and close of a store that only reads would cost a disk round trip.
    fn settle(&self) -> Result<(), StoreError> {
        let written = self.db.flush().map_err(|e| self.sled(e))?;
        if written > 0 {
            self.log
                .sync_all()
                .map_err(|source| StoreError::io(&self.dir, source))?;
        }
        Ok(())
    }

    /// The record count and save sequence kept in `meta`: what a snapshot
    /// made of the store as it is now would carry.
    pub fn tally(&self) -> Result<(u64, u64), StoreError> {
        let meta = &self.trees[META];
        let count = meta.get(KEY_COUNT).map_err(|e| self.sled(e))?;
        let seq = meta.get(KEY_SEQ).map_err(|e| self.sled(e))?;
        Ok((read_u64(count.as_deref()), read_u64(seq.as_deref())))
    }

    /// Per kind the highest number this store ever held, also of records
    /// removed since (an undone one): a new record is numbered past it.
    pub fn issued(&self) -> Result<Issued, StoreError> {
        let meta = &self.trees[META];
        let bytes = meta.get(KEY_ISSUED).map_err(|e| self.sled(e))?;
        Ok(read_issued(bytes.as_deref()))
    }

    /// A store made before the marks existed gets them: the highest number
    /// of each kind present (stale entries of the number index included:
    /// a gap costs nothing, a number handed out twice does) and the
    /// note-only mark that came before.
    fn ensure_issued(&self) -> Result<(), StoreError> {
        let meta = &self.trees[META];
        if meta.contains_key(KEY_ISSUED).map_err(|e| self.sled(e))? {
            return Ok(());
        }
        let mut issued = Issued::default();
        for entry in self.trees[NUMBERS].iter().keys() {
            let key = entry.map_err(|e| self.sled(e))?;
            if let Some(n) = std::str::from_utf8(&key).ok().and_then(Number::parse) {
                issued.raise(n.kind, n.seq);
            }
        }
        let notes = meta.get(KEY_NOTES_ISSUED).map_err(|e| self.sled(e))?;
        issued.raise(Kind::Note, read_u32(notes.as_deref()));
        let json = write::encode(&issued);
        // One batch: the old mark goes with the new one in place.
        let mut batch = sled::Batch::default();
        batch.insert(KEY_ISSUED, json);
        batch.remove(KEY_NOTES_ISSUED);
        meta.apply_batch(batch).map_err(|e| self.sled(e))?;
        Ok(())
    }

    /// A store made before the record count existed gets one.
    fn ensure_count(&self) -> Result<(), StoreError> {
        let meta = &self.trees[META];
        if meta.contains_key(KEY_COUNT).map_err(|e| self.sled(e))? {
            return Ok(());
        }
        let total: usize = Kind::ALL.iter().map(|k| self.trees[slot(*k)].len()).sum();
        meta.insert(KEY_COUNT, &(total as u64).to_be_bytes())
            .map_err(|e| self.sled(e))?;
        Ok(())
    }

    fn sled(&self, source: sled::Error) -> StoreError {
        StoreError::sled(&self.dir, source)
    }
}

impl Store {
    /// Write the lookup cache from `data`, which holds every department,
    /// contact, case and exception (the dashboard's data, after a change).
    pub fn write_lookup_cache(&self, data: &Dataset) {
        lookup::write(&self.dir, &mut lookup::LookupCache::build(data));
    }

    /// Write the lookup cache from the store, reading only what it needs.
    pub fn rebuild_lookup_cache(&self) -> Result<(), StoreError> {
        let mut data = self.load_kinds(&[Kind::Department, Kind::Contact, Kind::Exception])?;
        let departments: Vec<Id> = data.departments.iter().map(|d| d.id).collect();
        data.cases = self.cases_on_plates(&departments)?;
        self.write_lookup_cache(&data);
        Ok(())
    }
}

impl Store {
    /// The read-only snapshot, if it was made at the store's record count
    /// and save sequence as they are now (so it holds what the store holds,
    /// but the note texts): what a server that has just opened the store
    /// starts from ([`frozen`]). `None` means: read the store.
    pub fn frozen_current(&self) -> Option<frozen::Frozen> {
        let (count, seq) = self.tally().ok()?;
        frozen::read_at(&self.dir, count, seq)
    }

    /// Write the read-only snapshot ([`frozen`]) at `count` and `seq`.
    /// Also gives the lookup cache it holds a copy of, for the close to write
    /// when the cache file is missing too (without reading the store again).
    fn write_frozen(&self, count: u64, seq: u64) -> Result<lookup::LookupCache, StoreError> {
        let (data, notes) = self.load_without_notes()?;
        let settings = self.settings()?;
        let cache = lookup::LookupCache::build(&data);
        let lookup = serde_json::to_vec(&cache)
            .map_err(|e| StoreError::io(&self.dir, std::io::Error::other(e)))?;
        let issued = self.issued()?;
        frozen::write(
            &self.dir,
            (count, seq),
            data,
            notes,
            settings,
            issued,
            &lookup,
        )
        .map_err(|e| StoreError::io(&self.dir, e))?;
        Ok(cache)
    }
}

impl Store {
    /// Close the store cleanly and let it go (see [`Store::mark_clean`]).
    /// A store dropped without this is left as after a kill: nothing is lost
    /// (every change was flushed when it was made), but the next open checks
    /// a copy first.
    pub fn close(self) -> Result<(), StoreError> {
        self.mark_clean()
    }

    /// A quiet moment (no change for a while): delete the derived files
    /// writes set aside (see `aside`), if any.
    pub fn tick(&self) {
        if self
            .set_aside
            .swap(false, std::sync::atomic::Ordering::Relaxed)
        {
            sweep_aside(&self.dir);
        }
    }

    /// What a clean close writes, for a holder that lets the store go later
    /// (the session, whose handle a background thread may still share):
    /// everything flushed, the lookup cache written if a change removed it
    /// (or it is unreadable), then the marker that lets the next open skip
    /// the check of a copy. A change saved after this makes the marker stale,
    /// which only costs the next open that check.
    pub fn mark_clean(&self) -> Result<(), StoreError> {
        self.settle()?;
        sweep_aside(&self.dir);
        let (count, seq) = self.tally()?;
        // Only costs the read-only commands their speed if it fails: without
        // the marker below matching it, it is never used.
        let written = match frozen::is_at(&self.dir, count, seq) {
            true => None,
            false => self.write_frozen(count, seq).ok(),
        };
        if lookup::read(&self.dir).is_none() {
            // Only costs the next `mandaat owner` its speed if it fails.
            match written {
                Some(mut cache) => lookup::write(&self.dir, &mut cache),
                None => {
                    let _ = self.rebuild_lookup_cache();
                }
            }
        }
        // Reading every record (above) makes sled consolidate pages, which
        // it writes to its log on its own a moment later: a marker stamped
        // before that write would no longer match the log, and the next
        // open would check a copy (some 300 ms at region scale, one close in
        // three) and the snapshot would go unused. Written now, and waited
        // for, the log stays as stamped.
        self.settle()?;
        verify::mark_closed(&self.dir, count, seq);
        Ok(())
    }
}

fn read_u64(bytes: Option<&[u8]>) -> u64 {
    bytes
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_be_bytes)
}

/// The marks as kept in `meta`; unreadable ones count as none, as before
/// they existed (new numbers are still past every number present).
fn read_issued(bytes: Option<&[u8]>) -> Issued {
    bytes
        .and_then(|b| serde_json::from_slice(b).ok())
        .unwrap_or_default()
}

fn read_u32(bytes: Option<&[u8]>) -> u32 {
    bytes
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map_or(0, u32::from_be_bytes)
}

fn unreadable(dir: &Path, detail: String) -> StoreError {
    StoreError::Unreadable {
        dir: dir.into(),
        detail,
    }
}

/// A folder this user cannot look into, or whose store file they cannot
/// read: the store belongs to someone else.
fn not_theirs(dir: &Path) -> Option<StoreError> {
    use std::os::unix::fs::MetadataExt;
    let denied = |r: std::io::Result<()>| {
        r.err()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::PermissionDenied)
    };
    let meta = std::fs::metadata(dir).ok()?;
    let blocked = denied(std::fs::read_dir(dir).map(|_| ()))
        || denied(std::fs::File::open(dir.join("db")).map(|_| ()));
    if !blocked {
        return None;
    }
    let owner = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(meta.uid()))
        .ok()
        .flatten()
        .map_or_else(|| format!("uid {}", meta.uid()), |u| u.name);
    let group = (meta.mode() & 0o070 == 0o070)
        .then(|| nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(meta.gid())))
        .and_then(|g| g.ok().flatten())
        .map(|g| g.name);
    Some(StoreError::NotTheirs {
        dir: dir.into(),
        owner,
        group,
    })
}

/// The `fsync` of sled's log that makes a save durable. Debug builds count
/// them per thread: a kill cannot show a missing fsync, so a test counts it.
fn sync_log(log: &std::fs::File) -> std::io::Result<()> {
    log.sync_all()?;
    #[cfg(debug_assertions)]
    LOG_SYNCS.with(|n| n.set(n.get() + 1));
    Ok(())
}

#[cfg(debug_assertions)]
thread_local! {
    static LOG_SYNCS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Debug builds only, for tests: how often a save on this thread synced the log.
#[cfg(debug_assertions)]
#[doc(hidden)]
pub fn log_syncs_on_this_thread() -> u64 {
    LOG_SYNCS.with(|n| n.get())
}

/// Delete the derived files (the snapshot, the lookup cache) that writes
/// set aside ([`aside`]) and that are still there.
fn sweep_aside(dir: &Path) {
    aside::sweep(dir, &[frozen::FILE, lookup::FILE]);
}
