//! The store: the only code that touches sled.
//!
//! Layout of the sled database:
//! - tree `meta`: `schema_version` → u32 big-endian; `settings` → JSON [`Settings`];
//!   `record_count` and `save_seq` → u64 big-endian, kept in the same transaction
//!   as every change, so a damaged store can be told from a whole one (see
//!   `open::verify_copy` and docs/DATA-SAFETY.md).
//! - one tree per [`Kind`] (`organisation`, `contact`, …): record id (16 uuid bytes)
//!   → the record as JSON.
//! - tree `numbers`: canonical short number (`C07`) → record id. It keeps numbers
//!   unique per kind and makes `C07` a single lookup.
//! - tree `note_index`: target id → the heads of its notes (see [`notes`]), so
//!   ageing needs no note texts.
//! - tree `plate_index`: department id → the open cases it blocks (see
//!   [`plates`]), so the owner lookup reads only those cases.
//!
//! Every change is one multi-tree transaction and is flushed before the call
//! returns, so an acknowledged change survives a kill.
//!
//! Beside sled's files the folder holds `lookup-cache.json`, derived data for
//! `mandaat owner` that every write deletes first (see [`lookup`]).

pub mod backup;
mod error;
pub mod export;
pub mod lookup;
mod notes;
mod open;
mod plates;

pub use error::StoreError;

use crate::domain::integrity::{self, Problem, ProblemKind, canonical_number};
use crate::domain::{AnyRecord, Dataset, Id, Kind, Note, NoteHead, Number, RecordRef, Settings};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};
use sled::{Transactional, Tree};
use std::path::{Path, PathBuf};

/// The version of the record shapes this mandaat writes, in export files.
pub const SCHEMA_VERSION: u32 = 1;

/// The version of the store's layout, kept in `meta/schema_version`: 1 holds
/// the records and the number index, 2 adds the note index, 3 the plate
/// index. It moves apart
/// from [`SCHEMA_VERSION`] because a new index changes no export file.
pub const STORE_VERSION: u32 = 3;

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

/// Why a transaction gave up; mapped to a [`StoreError`] after it.
enum TxAbort {
    Conflict(String),
    Corrupt(String),
}

type TxResult = ConflictableTransactionResult<(), TxAbort>;

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
        let log = std::fs::File::open(dir.join("db")).map_err(|source| StoreError::Io {
            dir: dir.into(),
            source,
        })?;
        let store = Store {
            dir: dir.into(),
            db,
            trees,
            log,
        };
        store.ensure_count()?;
        store.settle()?;
        // From here on the store is open: a kill leaves no marker behind, and
        // the next open checks a copy first.
        open::mark_open(dir)?;
        Ok(store)
    }

    /// Open the store in `dir` only if there is one: for commands that read,
    /// which must not leave an empty store behind in a mistyped folder.
    pub fn open_existing(dir: &Path) -> Result<Store, StoreError> {
        if dir.exists() && !dir.is_dir() {
            return Err(StoreError::NotAFolder { dir: dir.into() });
        }
        if !Store::exists(dir) {
            return Err(StoreError::Missing { dir: dir.into() });
        }
        Store::open(dir)
    }

    /// Whether `dir` holds a store (something [`Store::open`] would open rather
    /// than create). Touches nothing.
    pub fn exists(dir: &Path) -> bool {
        open::has_db(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Everything in the store, every list sorted by number.
    pub fn load(&self) -> Result<Dataset, StoreError> {
        self.load_kinds(&Kind::ALL)
    }

    /// Every record but the notes, sorted by number, and the heads of every
    /// note from the note index: all that ageing, the panes and the listings
    /// need, without decoding the note texts (at region scale most of a load).
    /// `data.notes` is empty; read a record's notes with [`Store::notes_of`].
    pub fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        // Two halves of about equal work, one per core: this is what the
        // dashboard's first frame waits for.
        let (first, rest) = std::thread::scope(|s| {
            let first = s.spawn(|| self.load_kinds(&[Kind::Case, Kind::Organisation]));
            let rest = (|| {
                let others: Vec<Kind> = Kind::ALL
                    .into_iter()
                    .filter(|k| ![Kind::Case, Kind::Organisation, Kind::Note].contains(k))
                    .collect();
                Ok::<_, StoreError>((self.load_kinds(&others)?, self.note_heads()?))
            })();
            let first = first
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, rest)
        });
        let (first, (mut data, heads)) = (first?, rest?);
        data.cases = first.cases;
        data.organisations = first.organisations;
        Ok((data, heads))
    }

    /// The heads of every note, in no particular order.
    pub fn note_heads(&self) -> Result<Vec<NoteHead>, StoreError> {
        let mut heads = Vec::new();
        for entry in self.trees[NOTE_INDEX].iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            let list = notes::decode(&key, &value).ok_or_else(|| {
                unreadable(
                    &self.dir,
                    format!(
                        "note_index/{}: not a list of notes",
                        Id::from_slice(&key)
                            .map_or_else(|_| format!("{key:?}"), |id| id.to_string())
                    ),
                )
            })?;
            heads.extend(list);
        }
        Ok(heads)
    }

    /// Only the records of `kinds`, sorted by number; the other lists stay
    /// empty. For commands that need a few kinds (the owner lookup).
    pub fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        let mut data = Dataset::default();
        for kind in kinds {
            match kind {
                Kind::Organisation => data.organisations = self.load_kind(*kind)?,
                Kind::Contact => data.contacts = self.load_kind(*kind)?,
                Kind::Department => data.departments = self.load_kind(*kind)?,
                Kind::Hook => data.hooks = self.load_kind(*kind)?,
                Kind::Case => data.cases = self.load_kind(*kind)?,
                Kind::Exception => data.exceptions = self.load_kind(*kind)?,
                Kind::FollowUp => data.followups = self.load_kind(*kind)?,
                Kind::Note => data.notes = self.load_kind(*kind)?,
                Kind::Track => data.tracks = self.load_kind(*kind)?,
            }
        }
        data.sort();
        Ok(data)
    }

    /// The open cases on the plates of `departments` (an open blocker they
    /// own), from the plate index, sorted by number.
    pub fn cases_on_plates(
        &self,
        departments: &[Id],
    ) -> Result<Vec<crate::domain::Case>, StoreError> {
        let mut ids = Vec::new();
        for department in departments {
            let Some(value) = self.trees[PLATE_INDEX]
                .get(department.as_bytes())
                .map_err(|e| self.sled(e))?
            else {
                continue;
            };
            let list = plates::decode(&value).ok_or_else(|| {
                unreadable(
                    &self.dir,
                    format!("plate_index/{department}: not a list of cases"),
                )
            })?;
            ids.extend(list);
        }
        ids.sort();
        ids.dedup();
        let mut cases: Vec<crate::domain::Case> = Vec::with_capacity(ids.len());
        let tree = &self.trees[slot(Kind::Case)];
        for id in ids {
            // An entry without its case is reported by `check`; nothing to show.
            if let Some(value) = tree.get(id.as_bytes()).map_err(|e| self.sled(e))? {
                cases.push(self.decode(Kind::Case, id.as_bytes(), &value)?);
            }
        }
        cases.sort_by_cached_key(|c| (Number::parse(&c.number), c.id));
        Ok(cases)
    }

    /// The notes on `target`, by number: found through the note index, so
    /// only they are read.
    pub fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError> {
        let key = notes::key(Some(target));
        let Some(value) = self.trees[NOTE_INDEX].get(key).map_err(|e| self.sled(e))? else {
            return Ok(Vec::new());
        };
        let heads = notes::decode(&key, &value).ok_or_else(|| {
            unreadable(
                &self.dir,
                format!("note_index/{}: not a list of notes", target.id),
            )
        })?;
        let tree = &self.trees[slot(Kind::Note)];
        let mut out: Vec<Note> = Vec::with_capacity(heads.len());
        for head in heads.iter().filter(|h| h.target == Some(target)) {
            if let Some(value) = tree.get(head.id.as_bytes()).map_err(|e| self.sled(e))? {
                out.push(self.decode(Kind::Note, head.id.as_bytes(), &value)?);
            }
        }
        out.sort_by_cached_key(|n| (Number::parse(&n.number), n.id));
        Ok(out)
    }

    /// The saved settings; `None` in a store that was never given any.
    pub fn settings(&self) -> Result<Option<Settings>, StoreError> {
        let Some(bytes) = self.trees[META]
            .get(KEY_SETTINGS)
            .map_err(|e| self.sled(e))?
        else {
            return Ok(None);
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| unreadable(&self.dir, format!("meta/settings: {e}")))
    }

    pub fn save_settings(&self, s: &Settings) -> Result<(), StoreError> {
        fail_point(&self.dir)?;
        let json = encode(s);
        self.transact(|t| {
            t[META].insert(KEY_SETTINGS, json.as_slice())?;
            bump(t, 0)
        })?;
        self.flush()
    }

    /// Insert or update `records`, all or none, with their number index; flushed
    /// before returning. A number another record already has is refused
    /// ([`StoreError::Conflict`]); a changed number frees the old one.
    pub fn save(&self, records: &[AnyRecord]) -> Result<(), StoreError> {
        self.apply(records, &[])
    }

    /// Remove a record and its index entry, flushed. Removing a record that is
    /// not there is not an error. References to it are the caller's business.
    pub fn delete(&self, r: RecordRef) -> Result<(), StoreError> {
        self.apply(&[], &[r])
    }

    /// Save `records` and remove `deletes` in one transaction, flushed before
    /// returning: a change (or its undo) lands whole or not at all.
    pub fn apply(&self, records: &[AnyRecord], deletes: &[RecordRef]) -> Result<(), StoreError> {
        let mut bad = Vec::new();
        let mut prepared = Vec::with_capacity(records.len());
        for r in records {
            match canonical_number(r.kind(), r.number()) {
                Some(number) => {
                    let json = record_json(r);
                    prepared.push((r.kind(), r.id(), number, json));
                }
                None => bad.push(Problem::new(
                    format!("{} {} ({})", tree_name(r.kind()), r.id(), r.number()),
                    ProblemKind::BadNumber(r.number().to_string()),
                )),
            }
        }
        if !bad.is_empty() {
            return Err(StoreError::Invalid(bad));
        }
        let heads: Vec<Option<NoteHead>> = records
            .iter()
            .map(|r| match r {
                AnyRecord::Note(n) => Some(n.head()),
                _ => None,
            })
            .collect();
        fail_point(&self.dir)?;
        lookup::invalidate(&self.dir)?;
        self.transact(|t| {
            let mut delta = 0;
            for r in deletes {
                let Some(old) = t[slot(r.kind)].remove(r.id.as_bytes())? else {
                    continue;
                };
                delta -= 1;
                match r.kind {
                    Kind::Note => unindex_note(t, r.id, &old)?,
                    Kind::Case => replate(t, r.id, Some(&old), None)?,
                    _ => {}
                }
                // An undecodable old record keeps its index entry; `put` treats
                // such a stale entry as free and `check` reports it.
                if let Ok(head) = serde_json::from_slice::<Head>(&old)
                    && let Some(number) = canonical_number(r.kind, &head.number)
                    && t[NUMBERS].get(number.as_bytes())?.as_deref() == Some(r.id.as_bytes())
                {
                    t[NUMBERS].remove(number.as_bytes())?;
                }
            }
            for ((kind, id, number, json), head) in prepared.iter().zip(&heads) {
                let old = put(t, *kind, *id, number, json)?;
                if old.is_none() {
                    delta += 1;
                }
                match (kind, &old) {
                    (Kind::Note, Some(old)) => unindex_note(t, *id, old)?,
                    (Kind::Case, _) => replate(t, *id, old.as_deref(), Some(json))?,
                    _ => {}
                }
                if let Some(head) = head {
                    index_note(t, head)?;
                }
            }
            bump(t, delta)
        })?;
        self.flush()
    }

    /// No records and no settings.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        let no_settings = !self.trees[META]
            .contains_key(KEY_SETTINGS)
            .map_err(|e| self.sled(e))?;
        Ok(no_settings && Kind::ALL.iter().all(|k| self.trees[slot(*k)].is_empty()))
    }

    /// Fill an empty store with `settings` and `data` in one transaction (import,
    /// seed-demo). Refuses a store that is not empty and data that fails
    /// [`integrity::validate_settings`] or [`integrity::validate`]; in both
    /// cases nothing is written.
    pub fn replace_all(&self, settings: &Settings, data: &Dataset) -> Result<(), StoreError> {
        if !self.is_empty()? {
            return Err(StoreError::NotEmpty {
                dir: self.dir.clone(),
            });
        }
        let mut problems = integrity::validate_settings(settings);
        problems.extend(integrity::validate(data));
        if !problems.is_empty() {
            return Err(StoreError::Invalid(problems));
        }
        let settings_json = encode(settings);
        let prepared: Vec<_> = data
            .records()
            .map(|r| {
                let number = canonical_number(r.kind(), r.number()).unwrap_or_default();
                let json = record_json(&r);
                (r.kind(), r.id(), number, json)
            })
            .collect();
        let note_index = notes::build(&data.note_heads());
        let plate_index = plates::build(&data.cases);
        fail_point(&self.dir)?;
        lookup::invalidate(&self.dir)?;
        self.transact(|t| {
            t[META].insert(KEY_SETTINGS, settings_json.as_slice())?;
            let mut delta = 0;
            for (kind, id, number, json) in &prepared {
                if put(t, *kind, *id, number, json)?.is_none() {
                    delta += 1;
                }
            }
            for (key, value) in &note_index {
                t[NOTE_INDEX].insert(key.as_slice(), value.as_slice())?;
            }
            for (key, value) in &plate_index {
                t[PLATE_INDEX].insert(key.as_bytes(), value.as_slice())?;
            }
            bump(t, delta)
        })?;
        self.flush()
    }

    /// [`integrity::validate_settings`] of the saved settings (if any) and
    /// [`integrity::validate`] of the loaded data, plus the number index checked
    /// both ways against the records.
    pub fn check(&self) -> Result<Vec<Problem>, StoreError> {
        let mut problems = match self.settings()? {
            Some(settings) => integrity::validate_settings(&settings),
            None => Vec::new(),
        };
        let data = self.load()?;
        problems.extend(integrity::validate(&data));
        problems.extend(self.check_note_index(&data)?);
        problems.extend(self.check_plate_index(&data)?);

        let numbers = &self.trees[NUMBERS];
        for kind in Kind::ALL {
            for entry in self.trees[slot(kind)].iter() {
                let (key, value) = entry.map_err(|e| self.sled(e))?;
                let head = self.decode::<Head>(kind, &key, &value)?;
                let place = format!("{} {} ({})", tree_name(kind), head.id, head.number);
                if key.as_ref() != head.id.as_bytes() {
                    let key = Id::from_slice(&key).unwrap_or_default();
                    problems.push(Problem::new(&place, ProblemKind::KeyMismatch { key }));
                }
                if let Some(number) = canonical_number(kind, &head.number) {
                    let indexed = numbers.get(number.as_bytes()).map_err(|e| self.sled(e))?;
                    if indexed.as_deref() != Some(head.id.as_bytes()) {
                        problems.push(Problem::new(place, ProblemKind::IndexMissing { number }));
                    }
                }
            }
        }
        for entry in numbers.iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            let number = String::from_utf8_lossy(&key).into_owned();
            let id = Id::from_slice(&value).unwrap_or_default();
            if !self.index_entry_holds(&number, id)? {
                problems.push(Problem::new(
                    format!("numbers[{number}]"),
                    ProblemKind::IndexDangling { number, id },
                ));
            }
        }
        Ok(problems)
    }

    /// The note index against the notes, both ways.
    fn check_note_index(&self, data: &Dataset) -> Result<Vec<Problem>, StoreError> {
        let expected: std::collections::HashSet<NoteHead> = data.note_heads().into_iter().collect();
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entry in self.trees[NOTE_INDEX].iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            let Some(heads) = notes::decode(&key, &value) else {
                let key = Id::from_slice(&key).unwrap_or_default();
                problems.push(Problem::new(
                    format!("note_index[{key}]"),
                    ProblemKind::NoteIndexMismatch,
                ));
                continue;
            };
            for head in heads {
                if !expected.contains(&head) || !seen.insert(head.id) {
                    problems.push(Problem::new(
                        format!("note_index: {} ({})", head.id, Kind::Note.number(head.seq)),
                        ProblemKind::NoteIndexMismatch,
                    ));
                }
            }
        }
        for n in &data.notes {
            if !seen.contains(&n.id) {
                problems.push(Problem::new(
                    format!("note {} ({})", n.id, n.number),
                    ProblemKind::NoteIndexMismatch,
                ));
            }
        }
        Ok(problems)
    }

    /// The plate index against the cases: exactly the departments' open
    /// cases, each once.
    fn check_plate_index(&self, data: &Dataset) -> Result<Vec<Problem>, StoreError> {
        let expected = plates::build(&data.cases);
        let mut problems = Vec::new();
        let mut found = std::collections::BTreeMap::new();
        for entry in self.trees[PLATE_INDEX].iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            found.insert(key.to_vec(), value.to_vec());
        }
        for (department, value) in &expected {
            if found.remove(department.as_bytes().as_slice()).as_ref() != Some(value) {
                problems.push(Problem::new(
                    format!("plate_index[{department}]"),
                    ProblemKind::PlateIndexMismatch,
                ));
            }
        }
        for key in found.keys() {
            let department = Id::from_slice(key).unwrap_or_default();
            problems.push(Problem::new(
                format!("plate_index[{department}]"),
                ProblemKind::PlateIndexMismatch,
            ));
        }
        Ok(problems)
    }

    fn index_entry_holds(&self, number: &str, id: Id) -> Result<bool, StoreError> {
        let Some(kind) = Number::parse(number).map(|n| n.kind) else {
            return Ok(false);
        };
        let tree = &self.trees[slot(kind)];
        let Some(value) = tree.get(id.as_bytes()).map_err(|e| self.sled(e))? else {
            return Ok(false);
        };
        let head = self.decode::<Head>(kind, id.as_bytes(), &value)?;
        Ok(canonical_number(kind, &head.number).as_deref() == Some(number))
    }

    fn load_kind<R: DeserializeOwned>(&self, kind: Kind) -> Result<Vec<R>, StoreError> {
        load_tree(&self.dir, kind, &self.trees[slot(kind)])
    }

    fn decode<T: DeserializeOwned>(
        &self,
        kind: Kind,
        key: &[u8],
        value: &[u8],
    ) -> Result<T, StoreError> {
        decode(&self.dir, kind, key, value)
    }

    fn transact(&self, f: impl Fn(&[TransactionalTree]) -> TxResult) -> Result<(), StoreError> {
        self.trees[..].transaction(|t| f(t)).map_err(|e| match e {
            TransactionError::Abort(TxAbort::Conflict(number)) => StoreError::Conflict { number },
            TransactionError::Abort(TxAbort::Corrupt(detail)) => unreadable(&self.dir, detail),
            TransactionError::Storage(e) => self.sled(e),
        })
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
        self.log.sync_all().map_err(|source| StoreError::Io {
            dir: self.dir.clone(),
            source,
        })
    }

    /// Flush whatever is still in memory, syncing only when there was
    /// something: every change already synced itself, and an fsync on open
    /// and close of a store that only reads would cost a disk round trip.
    fn settle(&self) -> Result<(), StoreError> {
        let written = self.db.flush().map_err(|e| self.sled(e))?;
        if written > 0 {
            self.log.sync_all().map_err(|source| StoreError::Io {
                dir: self.dir.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The record count and save sequence kept in `meta`.
    fn tally(&self) -> Result<(u64, u64), StoreError> {
        let meta = &self.trees[META];
        let count = meta.get(KEY_COUNT).map_err(|e| self.sled(e))?;
        let seq = meta.get(KEY_SEQ).map_err(|e| self.sled(e))?;
        Ok((read_u64(count.as_deref()), read_u64(seq.as_deref())))
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
        StoreError::Sled {
            dir: self.dir.clone(),
            source,
        }
    }
}

impl Store {
    /// Write the lookup cache from `data`, which holds every department,
    /// contact, case and exception (the dashboard's data, after a change).
    pub fn write_lookup_cache(&self, data: &Dataset) {
        lookup::write(&self.dir, &mut lookup::LookupCache::build(data));
    }

    /// Write the lookup cache from the store, reading only what it needs.
    fn rebuild_lookup_cache(&self) -> Result<(), StoreError> {
        let mut data = self.load_kinds(&[Kind::Department, Kind::Contact, Kind::Exception])?;
        let departments: Vec<Id> = data.departments.iter().map(|d| d.id).collect();
        data.cases = self.cases_on_plates(&departments)?;
        self.write_lookup_cache(&data);
        Ok(())
    }
}

impl Drop for Store {
    /// A clean close: everything flushed, the lookup cache written if a
    /// change removed it (or it is unreadable), then the marker that lets the next open skip the
    /// check of a copy.
    fn drop(&mut self) {
        if self.settle().is_err() {
            return;
        }
        if lookup::read(&self.dir).is_none() {
            // Only costs the next `mandaat owner` its speed if it fails.
            let _ = self.rebuild_lookup_cache();
        }
        if let Ok((count, seq)) = self.tally() {
            open::mark_closed(&self.dir, count, seq);
        }
    }
}

fn load_tree<R: DeserializeOwned>(
    dir: &Path,
    kind: Kind,
    tree: &Tree,
) -> Result<Vec<R>, StoreError> {
    // Not `with_capacity(tree.len())`: sled counts by iterating the whole tree.
    let mut out = Vec::new();
    for entry in tree.iter() {
        let (key, value) = entry.map_err(|source| StoreError::Sled {
            dir: dir.into(),
            source,
        })?;
        out.push(decode(dir, kind, &key, &value)?);
    }
    Ok(out)
}

fn decode<T: DeserializeOwned>(
    dir: &Path,
    kind: Kind,
    key: &[u8],
    value: &[u8],
) -> Result<T, StoreError> {
    serde_json::from_slice(value).map_err(|e| {
        let key = Id::from_slice(key).map_or_else(|_| format!("{key:?}"), |id| id.to_string());
        unreadable(dir, format!("record {}/{key}: {e}", tree_name(kind)))
    })
}

/// Debug builds only: `MANDAAT_TEST_FAIL_WRITES` makes every write fail before
/// it touches the store, as a full disk or a read-only folder would (the tests
/// run as root, for whom `chmod` stops nothing).
fn fail_point(dir: &Path) -> Result<(), StoreError> {
    #[cfg(debug_assertions)]
    if std::env::var_os("MANDAAT_TEST_FAIL_WRITES").is_some() {
        return Err(StoreError::Io {
            dir: dir.into(),
            source: std::io::Error::from_raw_os_error(libc::ENOSPC),
        });
    }
    let _ = dir;
    Ok(())
}

fn read_u64(bytes: Option<&[u8]>) -> u64 {
    bytes
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_be_bytes)
}

/// Keep the record count and the save sequence with the change itself.
fn bump(t: &[TransactionalTree], delta: i64) -> TxResult {
    let meta = &t[META];
    let count = read_u64(meta.get(KEY_COUNT)?.as_deref());
    let seq = read_u64(meta.get(KEY_SEQ)?.as_deref());
    let count = count.saturating_add_signed(delta);
    meta.insert(KEY_COUNT, &count.to_be_bytes())?;
    meta.insert(KEY_SEQ, &(seq + 1).to_be_bytes())?;
    Ok(())
}

/// Write one record and its index entry inside a transaction; returns the
/// record it replaced, `None` for a new one.
fn put(
    t: &[TransactionalTree],
    kind: Kind,
    id: Id,
    number: &str,
    json: &[u8],
) -> ConflictableTransactionResult<Option<sled::IVec>, TxAbort> {
    let tree = &t[slot(kind)];
    let numbers = &t[NUMBERS];
    if let Some(owner) = numbers.get(number.as_bytes())?
        && owner.as_ref() != id.as_bytes()
        && indexed_record_has(tree, &owner, number)?
    {
        return Err(ConflictableTransactionError::Abort(TxAbort::Conflict(
            number.to_string(),
        )));
    }
    let old = tree.insert(id.as_bytes(), json)?;
    if let Some(old) = &old {
        let head = serde_json::from_slice::<Head>(old).map_err(|e| {
            ConflictableTransactionError::Abort(TxAbort::Corrupt(format!(
                "record {}/{id}: {e}",
                tree_name(kind)
            )))
        })?;
        if let Some(old_number) = canonical_number(kind, &head.number)
            && old_number != number
            && numbers.get(old_number.as_bytes())?.as_deref() == Some(id.as_bytes())
        {
            numbers.remove(old_number.as_bytes())?;
        }
    }
    numbers.insert(number.as_bytes(), id.as_bytes())?;
    Ok(old)
}

/// Add a note's head to the note index, replacing an earlier head of it
/// under the same target.
fn index_note(t: &[TransactionalTree], head: &NoteHead) -> TxResult {
    let index = &t[NOTE_INDEX];
    let key = notes::key(head.target);
    let mut value = index
        .get(key)?
        .map_or_else(Vec::new, |v| notes::without(&v, head.id));
    notes::encode_into(head, &mut value);
    index.insert(&key, value)?;
    Ok(())
}

/// Move case `id` in the plate index from the departments its stored
/// version (`old`) blocked to those the new one (`new`, `None` when deleted)
/// blocks.
fn replate(t: &[TransactionalTree], id: Id, old: Option<&[u8]>, new: Option<&[u8]>) -> TxResult {
    let decode = |json: &[u8]| {
        serde_json::from_slice::<crate::domain::Case>(json)
            .map(|c| c.blocking_departments())
            .map_err(|e| {
                ConflictableTransactionError::Abort(TxAbort::Corrupt(format!(
                    "record case/{id}: {e}"
                )))
            })
    };
    let before = old.map(decode).transpose()?.unwrap_or_default();
    let after = new.map(decode).transpose()?.unwrap_or_default();
    let index = &t[PLATE_INDEX];
    for department in before.iter().filter(|d| !after.contains(d)) {
        let key = department.as_bytes();
        let left = plates::with(index.get(key)?.as_deref(), id, false);
        if left.is_empty() {
            index.remove(key)?;
        } else {
            index.insert(key, left)?;
        }
    }
    for department in after.iter().filter(|d| !before.contains(d)) {
        let key = department.as_bytes();
        index.insert(key, plates::with(index.get(key)?.as_deref(), id, true))?;
    }
    Ok(())
}

/// Take note `id` out of the note index, given the note as it was stored.
fn unindex_note(t: &[TransactionalTree], id: Id, old: &[u8]) -> TxResult {
    let Ok(head) = serde_json::from_slice::<notes::StoredHead>(old) else {
        return Err(ConflictableTransactionError::Abort(TxAbort::Corrupt(
            format!("record note/{id}: not a readable note"),
        )));
    };
    let index = &t[NOTE_INDEX];
    let key = notes::key(head.head().target);
    if let Some(value) = index.get(key)? {
        let left = notes::without(&value, id);
        if left.is_empty() {
            index.remove(&key)?;
        } else {
            index.insert(&key, left)?;
        }
    }
    Ok(())
}

/// Whether the record an index entry points at really has that number; an entry
/// that does not is stale and may be taken over.
fn indexed_record_has(
    tree: &TransactionalTree,
    id: &[u8],
    number: &str,
) -> ConflictableTransactionResult<bool, TxAbort> {
    Ok(tree.get(id)?.is_some_and(|v| {
        serde_json::from_slice::<Head>(&v).is_ok_and(|h| number_matches(&h, number))
    }))
}

fn number_matches(head: &Head, number: &str) -> bool {
    Number::parse(&head.number).is_some_and(|n| n.to_string() == number)
}

fn unreadable(dir: &Path, detail: String) -> StoreError {
    StoreError::Unreadable {
        dir: dir.into(),
        detail,
    }
}

fn record_json(r: &AnyRecord) -> Vec<u8> {
    r.to_json()
        .unwrap_or_else(|e| panic!("record to JSON: {e}"))
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // Our types are plain data with string keys: serialising cannot fail.
    serde_json::to_vec(value).unwrap_or_else(|e| panic!("encode to JSON: {e}"))
}
