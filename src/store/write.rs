//! Writing the store: every change one multi-tree transaction with the
//! record count, the save sequence and the number, note and plate indexes,
//! flushed (and synced) before it returns.

use super::{
    Head, KEY_COUNT, KEY_FILLING, KEY_ISSUED, KEY_SEQ, KEY_SETTINGS, META, NOTE_INDEX, NUMBERS,
    PLATE_INDEX, Store, StoreError, frozen, lookup, notes, plates, read_issued, read_u64, slot,
    tree_name, unreadable,
};
use crate::domain::integrity::{self, Problem, ProblemKind, canonical_number};
use crate::domain::{AnyRecord, Dataset, Id, Issued, Kind, NoteHead, Number, RecordRef, Settings};
use sled::Transactional;
use sled::transaction::{
    ConflictableTransactionError, ConflictableTransactionResult, TransactionError,
    TransactionalTree,
};
use std::path::Path;

impl Store {
    /// Take the derived files a write makes stale out of use: the read-only
    /// snapshot, and with `lookup` the lookup cache. Deleted later, at a
    /// quiet moment ([`Store::tick`]).
    fn set_aside(&self, lookup: bool) -> Result<(), StoreError> {
        let mut any = frozen::invalidate(&self.dir)?;
        if lookup {
            any |= lookup::invalidate(&self.dir)?;
        }
        if any {
            self.set_aside
                .store(true, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    }

    pub fn save_settings(&self, s: &Settings) -> Result<(), StoreError> {
        fail_point(&self.dir)?;
        self.set_aside(false)?;
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
        self.set_aside(true)?;
        self.transact(|t| {
            let mut delta = 0;
            // Numbers saved and removed raise the marks, in this transaction.
            let mut issued = read_issued(t[META].get(KEY_ISSUED)?.as_deref());
            let mut rose = false;
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
                let head = serde_json::from_slice::<Head>(&old).ok();
                if let Some(n) = head.as_ref().and_then(|h| Number::parse(&h.number)) {
                    rose |= issued.raise(n.kind, n.seq);
                }
                if let Some(head) = head
                    && let Some(number) = canonical_number(r.kind, &head.number)
                    && t[NUMBERS].get(number.as_bytes())?.as_deref() == Some(r.id.as_bytes())
                {
                    t[NUMBERS].remove(number.as_bytes())?;
                }
            }
            for ((kind, id, number, json), head) in prepared.iter().zip(&heads) {
                if let Some(n) = Number::parse(number) {
                    rose |= issued.raise(n.kind, n.seq);
                }
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
            if rose {
                t[META].insert(KEY_ISSUED, encode(&issued))?;
            }
            bump(t, delta)
        })?;
        self.flush()
    }

    /// Fill an empty store with `settings` and `data` (import, seed-demo,
    /// restore), all or nothing. Refuses a store that is not empty and data
    /// that fails [`integrity::validate_settings`] or [`integrity::validate`];
    /// in both cases nothing is written.
    ///
    /// A small fill is one transaction. A large one (a region store: 120,000
    /// records) is written [`FILL_BATCH`] records per transaction, each
    /// flushed, so that sled never holds the whole store as one write in
    /// memory (1.7 GB for a region store, against a few hundred MB now). It
    /// is still all or nothing: the first transaction marks the store as
    /// being filled, the last one sets the settings and removes the mark, and
    /// a store opened with the mark still there had a fill cut short and is
    /// emptied again ([`Store::undo_interrupted_fill`]), as it was before.
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
        // The marks of an emptied store stay; the data's numbers raise them.
        let mut issued = self.issued()?;
        issued.raise_all(&Issued::of(
            data.records().filter_map(|r| Number::parse(r.number())),
        ));
        let issued_json = encode(&issued);
        let note_index = notes::build(&data.note_heads());
        let plate_index = plates::build(&data.cases);
        fail_point(&self.dir)?;
        self.set_aside(true)?;
        let records: Vec<AnyRecord> = data.records().collect();
        let put_all = |t: &[TransactionalTree], chunk: &[AnyRecord]| {
            let mut delta = 0;
            for r in chunk {
                let number = canonical_number(r.kind(), r.number()).unwrap_or_default();
                if put(t, r.kind(), r.id(), &number, &record_json(r))?.is_none() {
                    delta += 1;
                }
            }
            Ok::<i64, ConflictableTransactionError<TxAbort>>(delta)
        };
        let indexes =
            |t: &[TransactionalTree], notes: &[(Vec<u8>, Vec<u8>)], plates: &[(&Id, &Vec<u8>)]| {
                for (key, value) in notes {
                    t[NOTE_INDEX].insert(key.as_slice(), value.as_slice())?;
                }
                for (key, value) in plates {
                    t[PLATE_INDEX].insert(key.as_bytes(), value.as_slice())?;
                }
                Ok::<(), ConflictableTransactionError<TxAbort>>(())
            };
        let note_index: Vec<(Vec<u8>, Vec<u8>)> = note_index
            .into_iter()
            .map(|(k, v)| (k.as_slice().to_vec(), v.to_vec()))
            .collect();
        let plate_index: Vec<(&Id, &Vec<u8>)> = plate_index.iter().collect();
        if records.len() + note_index.len() + plate_index.len() <= FILL_BATCH {
            self.transact(|t| {
                t[META].insert(KEY_SETTINGS, settings_json.as_slice())?;
                t[META].insert(KEY_ISSUED, issued_json.as_slice())?;
                let delta = put_all(t, &records)?;
                indexes(t, &note_index, &plate_index)?;
                bump(t, delta)
            })?;
            return self.flush();
        }
        self.transact(|t| {
            t[META].insert(KEY_FILLING, &[1u8])?;
            bump(t, 0)
        })?;
        let mut batches = 0u32;
        for chunk in records.chunks(FILL_BATCH) {
            self.transact(|t| {
                let delta = put_all(t, chunk)?;
                bump(t, delta)
            })?;
            self.between_batches(&mut batches)?;
        }
        for chunk in note_index.chunks(FILL_BATCH) {
            self.transact(|t| {
                indexes(t, chunk, &[])?;
                bump(t, 0)
            })?;
            self.between_batches(&mut batches)?;
        }
        for chunk in plate_index.chunks(FILL_BATCH) {
            self.transact(|t| {
                indexes(t, &[], chunk)?;
                bump(t, 0)
            })?;
            self.between_batches(&mut batches)?;
        }
        self.transact(|t| {
            t[META].insert(KEY_SETTINGS, settings_json.as_slice())?;
            t[META].insert(KEY_ISSUED, issued_json.as_slice())?;
            t[META].remove(KEY_FILLING)?;
            bump(t, 0)
        })?;
        self.flush()
    }

    /// Raise the marks of numbers issued to at least `issued` (a store
    /// rewritten by `forget` keeps those of the store it replaces), flushed.
    pub fn raise_issued(&self, issued: &Issued) -> Result<(), StoreError> {
        fail_point(&self.dir)?;
        self.transact(|t| {
            let mut marks = read_issued(t[META].get(KEY_ISSUED)?.as_deref());
            if marks.raise_all(issued) {
                t[META].insert(KEY_ISSUED, encode(&marks))?;
            }
            bump(t, 0)
        })?;
        self.flush()
    }

    /// After each batch of a large fill: written out (not yet synced: only
    /// the whole fill is acknowledged), so sled can let go of its pages.
    fn between_batches(&self, batches: &mut u32) -> Result<(), StoreError> {
        self.db.flush().map_err(|e| self.sled(e))?;
        *batches += 1;
        // For the test of a fill cut short: die the hardest way mid-fill.
        #[cfg(debug_assertions)]
        if std::env::var("MANDAAT_TEST_ABORT_FILL_AFTER")
            .is_ok_and(|n| n.parse::<u32>().is_ok_and(|n| *batches >= n))
        {
            std::process::abort();
        }
        Ok(())
    }

    /// A fill cut short (the mark of [`Store::replace_all`] still there):
    /// the store was empty before it began, so it is emptied again, and the
    /// import or seed can simply be run again.
    pub(super) fn undo_interrupted_fill(&self) -> Result<(), StoreError> {
        let meta = &self.trees[META];
        if !meta.contains_key(KEY_FILLING).map_err(|e| self.sled(e))? {
            return Ok(());
        }
        for tree in &self.trees[1..] {
            // Tree by tree: a kill in between leaves the mark, and the next
            // open goes on where this one stopped.
            tree.clear().map_err(|e| self.sled(e))?;
        }
        self.transact(|t| {
            t[META].remove(KEY_SETTINGS)?;
            t[META].remove(KEY_FILLING)?;
            t[META].insert(KEY_COUNT, &0u64.to_be_bytes())?;
            bump(t, 0)
        })?;
        self.flush()
    }

    fn transact(&self, f: impl Fn(&[TransactionalTree]) -> TxResult) -> Result<(), StoreError> {
        self.trees[..].transaction(|t| f(t)).map_err(|e| match e {
            TransactionError::Abort(TxAbort::Conflict(number)) => StoreError::Conflict { number },
            TransactionError::Abort(TxAbort::Corrupt(detail)) => unreadable(&self.dir, detail),
            TransactionError::Storage(e) => self.sled(e),
        })
    }
}

/// Records (or index entries) per transaction of a large fill: small
/// enough that sled's buffers stay small, large enough to keep the fill fast.
const FILL_BATCH: usize = 5_000;

/// Why a transaction gave up; mapped to a [`StoreError`] after it.
enum TxAbort {
    Conflict(String),
    Corrupt(String),
}

type TxResult = ConflictableTransactionResult<(), TxAbort>;

/// Debug builds only: `MANDAAT_TEST_FAIL_WRITES` makes every write fail before
/// it touches the store, as a full disk or a read-only folder would (the tests
/// run as root, for whom `chmod` stops nothing).
fn fail_point(dir: &Path) -> Result<(), StoreError> {
    #[cfg(debug_assertions)]
    if std::env::var_os("MANDAAT_TEST_FAIL_WRITES").is_some() {
        return Err(StoreError::io(
            dir,
            std::io::Error::from_raw_os_error(libc::ENOSPC),
        ));
    }
    let _ = dir;
    Ok(())
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

/// Add a note's entry to the note index (its earlier entry, if any, was
/// taken out by [`unindex_note`] first: it may be under another target).
fn index_note(t: &[TransactionalTree], head: &NoteHead) -> TxResult {
    let (key, value) = notes::encode(head);
    t[NOTE_INDEX].insert(key.as_slice(), value.as_slice())?;
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
    t[NOTE_INDEX].remove(notes::key(head.head().target, id).as_slice())?;
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

fn record_json(r: &AnyRecord) -> Vec<u8> {
    r.to_json()
        .unwrap_or_else(|e| panic!("record to JSON: {e}"))
}

pub(super) fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    // Our types are plain data with string keys: serialising cannot fail.
    serde_json::to_vec(value).unwrap_or_else(|e| panic!("encode to JSON: {e}"))
}
