//! The read-only snapshot: `mandaat-frozen.bin` in the store folder, what
//! the read-only commands (`cases`, `exceptions`, `review`, `owner`) need
//! (every record but the notes, every note's head, the settings), written at
//! a clean close so those commands can answer without opening sled, which
//! rewrites its files on every open and close (issue 14).
//!
//! It is derived and never the only copy of anything; every write deletes
//! it first, as it does the lookup cache. It is written (and
//! synced, file and folder) before the clean-close marker, and carries the
//! record count and save sequence it was made at. A reader uses it only
//! while it holds a shared lock on sled's `db` (so no process has the store
//! open: sled holds an exclusive one), the clean-close marker is there and
//! matches sled's `db` as it is now (length and modification time), and the
//! marker's count and save sequence are the snapshot's; a hash over the
//! content catches a damaged file. Anything else and the command opens the
//! store as before.
//!
//! The store server starts from it too ([`super::Store::frozen_current`]):
//! on a store it has just opened, whose record count and save sequence are
//! the snapshot's, it holds what the snapshot holds instead of reading every
//! record from sled, which in a fresh process reads most of sled's log
//! (half a second at region scale).
//!
//! The body is postcard, as the server's answers are: decoding 10,000 cases
//! from JSON took a read-only command most of its time.
//!
//! Before the body it keeps what `mandaat owner` needs, as the lookup cache
//! has it ([`super::lookup`]), with a hash of its own: without the lookup
//! cache (deleted, or a write by a mandaat that did not know it) the command
//! reads that part alone ([`read_lookup`], half a megabyte at region scale)
//! instead of decoding every record, and answers as fast as from the cache.

use super::{StoreError, notes};
use crate::domain::{Case, Dataset, Id, Issued, Kind, NoteHead, Settings};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) const FILE: &str = "mandaat-frozen.bin";
/// Raised whenever the shape below changes; another format is ignored.
const FORMAT: u32 = 4;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Frozen {
    format: u32,
    /// The store's record count and save sequence when it was written.
    pub(super) count: u64,
    pub(super) seq: u64,
    pub(super) data: Dataset,
    /// Kept after the records in the note index's own encoding ([`notes`]):
    /// 42 bytes a head.
    #[serde(skip)]
    pub(super) notes: Vec<NoteHead>,
    pub(super) settings: Option<Settings>,
    /// Per kind the highest number the store ever issued (format 4): what a
    /// dashboard drawn from the snapshot numbers new records past.
    issued: Issued,
    #[serde(skip)]
    dir: PathBuf,
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// The file is one header line, `HASH COUNT SEQ LEN LOOKUP_HASH LOOKUP_LEN`
/// (16 hex digits each: the body's xxh3, the record count and save sequence
/// it was made at, the length of the records, the lookup part's hash and
/// length), then the lookup part (the lookup cache's JSON), then the body:
/// the records (postcard), then the note heads.
struct Header {
    hash: u64,
    count: u64,
    seq: u64,
    len: u64,
    lookup_hash: u64,
    lookup_len: u64,
}

const FIELDS: usize = 6;
const HEAD: usize = FIELDS * 17;
const NOTE: usize = notes::KEY + notes::VALUE;

fn header(bytes: &[u8]) -> Option<Header> {
    let line = bytes.get(..HEAD)?;
    if line[HEAD - 1] != b'\n' {
        return None;
    }
    let mut hex = std::str::from_utf8(&line[..HEAD - 1])
        .ok()?
        .split(' ')
        .map(|h| u64::from_str_radix(h, 16).ok());
    let mut next = || hex.next().flatten();
    Some(Header {
        hash: next()?,
        count: next()?,
        seq: next()?,
        len: next()?,
        lookup_hash: next()?,
        lookup_len: next()?,
    })
}

/// The lookup part's hash also covers the record count and save sequence
/// in the header, which is all a reader of that part checks it against.
fn lookup_hash(count: u64, seq: u64, lookup: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&count.to_le_bytes());
    h.update(&seq.to_le_bytes());
    h.update(lookup);
    h.digest()
}

/// The count, sequence, records and heads if the body's hash matches.
fn split(bytes: &[u8]) -> Option<(u64, u64, &[u8], &[u8])> {
    let h = header(bytes)?;
    let body = bytes.get(HEAD.checked_add(usize::try_from(h.lookup_len).ok()?)?..)?;
    if xxhash_rust::xxh3::xxh3_64(body) != h.hash {
        return None;
    }
    let (records, heads) = body.split_at_checked(usize::try_from(h.len).ok()?)?;
    Some((h.count, h.seq, records, heads))
}

fn decode(bytes: &[u8]) -> Option<Frozen> {
    let (count, seq, records, heads) = split(bytes)?;
    if !heads.len().is_multiple_of(NOTE) {
        return None;
    }
    let mut frozen = postcard::from_bytes::<Frozen>(records)
        .ok()
        .filter(|f| f.format == FORMAT && (f.count, f.seq) == (count, seq))?;
    frozen.notes = heads
        .chunks_exact(NOTE)
        .map(|h| notes::decode(&h[..notes::KEY], &h[notes::KEY..]))
        .collect::<Option<_>>()?;
    Some(frozen)
}

/// The snapshot in `dir` if it is whole and was made at `count` and `seq`:
/// for the holder of the store, who knows them ([`read_current`] is for
/// those who do not hold it).
pub(super) fn read_at(dir: &Path, count: u64, seq: u64) -> Option<Frozen> {
    let bytes = std::fs::read(path(dir)).ok()?;
    let mut frozen = decode(&bytes).filter(|f| (f.count, f.seq) == (count, seq))?;
    frozen.dir = dir.to_path_buf();
    Some(frozen)
}

/// Whether the snapshot in `dir` is whole, in this mandaat's format and
/// was made at `count` and `seq` (one of another format is written anew at
/// the next clean close, not only after the next change).
pub(super) fn is_at(dir: &Path, count: u64, seq: u64) -> bool {
    let Ok(bytes) = std::fs::read(path(dir)) else {
        return false;
    };
    split(&bytes).is_some_and(|(c, s, records, _)| {
        // The format is the body's first field.
        let format = postcard::take_from_bytes::<u32>(records).map(|(f, _)| f);
        (c, s) == (count, seq) && format == Ok(FORMAT)
    })
}

/// Write the snapshot, durably (file and folder synced): only then may the
/// marker that makes it usable be written.
pub(super) fn write(
    dir: &Path,
    (count, seq): (u64, u64),
    data: Dataset,
    notes: Vec<NoteHead>,
    settings: Option<Settings>,
    issued: Issued,
    lookup: &[u8],
) -> std::io::Result<()> {
    let frozen = Frozen {
        format: FORMAT,
        count,
        seq,
        data,
        notes: Vec::new(),
        settings,
        issued,
        dir: PathBuf::new(),
    };
    let mut body = postcard::to_stdvec(&frozen).map_err(std::io::Error::other)?;
    let len = body.len();
    body.reserve(notes.len() * NOTE);
    for head in &notes {
        let (key, value) = notes::encode(head);
        body.extend_from_slice(&key);
        body.extend_from_slice(&value);
    }
    let tmp = dir.join(format!(".{FILE}.tmp"));
    let written = (|| {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
        // The user's alone; in a store shared with a group the group's too,
        // as the store's other files.
        let shared = std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2070 == 0o2070);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(if shared { 0o660 } else { 0o600 })
            .open(&tmp)?;
        let hash = xxhash_rust::xxh3::xxh3_64(&body);
        let (lookup_hash, lookup_len) = (lookup_hash(count, seq, lookup), lookup.len());
        writeln!(
            file,
            "{hash:016x} {count:016x} {seq:016x} {len:016x} {lookup_hash:016x} {lookup_len:016x}"
        )?;
        file.write_all(lookup)?;
        file.write_all(&body)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path(dir))?;
        std::fs::File::open(dir)?.sync_all()
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Take the snapshot out of use before a write: the marker already keeps a
/// stale one from being used, but it would keep records (a forgotten
/// organisation's) on disk that the store no longer has. It is set aside
/// and deleted off the key path ([`super::aside`]).
pub(super) fn invalidate(dir: &Path) -> Result<bool, StoreError> {
    super::aside::set_aside(dir, FILE)
}

/// A shared lock on sled's `db` of the store in `dir`, if no process holds
/// the store (sled holds an exclusive one); it goes with the file.
fn unheld(dir: &Path) -> Option<std::fs::File> {
    let db = std::fs::File::open(dir.join("db")).ok()?;
    // SAFETY: flock on a file descriptor we own; no memory is involved.
    let refused = unsafe {
        libc::flock(
            std::os::fd::AsRawFd::as_raw_fd(&db),
            libc::LOCK_SH | libc::LOCK_NB,
        )
    };
    (refused == 0).then_some(db)
}

/// The snapshot of the store in `dir`, if it is current (see the module
/// documentation). Writes nothing.
pub fn read_current(dir: &Path) -> Option<Frozen> {
    read_current_bytes(dir)?.decode()
}

/// The bytes of a snapshot that was current when they were read, not yet
/// decoded: the dashboard reads them, lets go of the lock and starts the
/// store's server, then decodes them while that server opens the store
/// (see `crate::session::deferred`).
pub struct CurrentBytes {
    bytes: Vec<u8>,
    at: (u64, u64),
    dir: PathBuf,
}

/// [`read_current`] up to the decoding: the lock is let go on return.
pub fn read_current_bytes(dir: &Path) -> Option<CurrentBytes> {
    let db = unheld(dir)?;
    let at = super::verify::closed_at(dir)?;
    let bytes = std::fs::read(path(dir)).ok()?;
    // Everything needed is read: the lock goes with the file.
    drop(db);
    Some(CurrentBytes {
        bytes,
        at,
        dir: dir.to_path_buf(),
    })
}

impl CurrentBytes {
    /// The snapshot, if it is whole and the one the marker names.
    pub fn decode(self) -> Option<Frozen> {
        let mut frozen = decode(&self.bytes).filter(|f| (f.count, f.seq) == self.at)?;
        frozen.dir = self.dir;
        Some(frozen)
    }
}

/// The lookup part of the snapshot of the store in `dir` (the lookup
/// cache's JSON), if the snapshot is current; only that part is read.
/// Writes nothing.
pub fn read_lookup(dir: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let db = unheld(dir)?;
    let (count, seq) = super::verify::closed_at(dir)?;
    let mut file = std::fs::File::open(path(dir)).ok()?;
    let mut line = [0; HEAD];
    file.read_exact(&mut line).ok()?;
    let h = header(&line).filter(|h| (h.count, h.seq) == (count, seq))?;
    // A damaged length must not make us allocate what the file lacks.
    let size = file.metadata().ok()?.len();
    if h.lookup_len > size.saturating_sub(HEAD as u64) {
        return None;
    }
    let mut lookup = vec![0; usize::try_from(h.lookup_len).ok()?];
    file.read_exact(&mut lookup).ok()?;
    drop(db);
    (lookup_hash(count, seq, &lookup) == h.lookup_hash).then_some(lookup)
}

impl Frozen {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The record count and save sequence it was made at.
    pub fn at(&self) -> (u64, u64) {
        (self.count, self.seq)
    }

    pub fn load_kinds(&self, kinds: &[Kind]) -> Dataset {
        let mut out = Dataset::default();
        let d = &self.data;
        for kind in kinds {
            match kind {
                Kind::Organisation => out.organisations = d.organisations.clone(),
                Kind::Contact => out.contacts = d.contacts.clone(),
                Kind::Department => out.departments = d.departments.clone(),
                Kind::Hook => out.hooks = d.hooks.clone(),
                Kind::Case => out.cases = d.cases.clone(),
                Kind::Exception => out.exceptions = d.exceptions.clone(),
                Kind::FollowUp => out.followups = d.followups.clone(),
                // Not kept: no read-only command reads note texts.
                Kind::Note => {}
                Kind::Track => out.tracks = d.tracks.clone(),
            }
        }
        out
    }

    pub fn load_without_notes(&self) -> (Dataset, Vec<NoteHead>) {
        (self.data.clone(), self.notes.clone())
    }

    /// What it holds, taken apart: every record but the notes, every note's
    /// head, the settings.
    pub fn into_parts(self) -> (Dataset, Vec<NoteHead>, Option<Settings>) {
        (self.data, self.notes, self.settings)
    }

    /// As [`super::Store::cases_on_plates`]: the open cases on which one of
    /// `departments` owns an open blocker, by number.
    pub fn cases_on_plates(&self, departments: &[Id]) -> Vec<Case> {
        self.data
            .cases
            .iter()
            .filter(|c| {
                c.blocking_departments()
                    .into_iter()
                    .any(|d| departments.contains(&d))
            })
            .cloned()
            .collect()
    }

    /// Per kind the highest number the store had ever issued.
    pub fn issued(&self) -> &Issued {
        &self.issued
    }

    pub fn settings(&self) -> Option<Settings> {
        self.settings.clone()
    }

    pub fn is_empty(&self) -> bool {
        self.settings.is_none() && self.count == 0
    }

    /// What a read-only snapshot answers to a write or a read it cannot
    /// serve: never reached, the commands that use it only read.
    pub fn refuse(&self) -> StoreError {
        StoreError::Unreadable {
            dir: self.dir.clone(),
            detail: "the read-only snapshot serves reads only".into(),
        }
    }
}
