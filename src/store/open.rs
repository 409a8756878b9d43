//! Opening a store: the folder checks, sled's lock, the schema version and
//! migrations. Nothing here writes before it knows the folder is ours.

use super::{
    KEY_COUNT, KEY_SEQ, KEY_VERSION, META_TREE, NOTE_INDEX_TREE, NUMBERS_TREE, PLATE_INDEX_TREE,
    STORE_VERSION, StoreError, notes, plates, read_u64, tree_name, unreadable,
};
use crate::domain::Kind;
use sled::{Transactional, Tree};
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// sled's page cache; its default is 1 GiB.
const CACHE_BYTES: u64 = 8 * 1024 * 1024;
const DEFAULT_TREE: &[u8] = b"__sled__default";

/// The database and its trees: `meta`, `numbers`, one per kind in
/// [`Kind::ALL`] order, then `note_index`.
pub(super) fn open_db(dir: &Path) -> Result<(sled::Db, Vec<Tree>), StoreError> {
    // Whether sled finds a database here before it opens (and recovers) it.
    let had_db = prepare_dir(dir)?;
    if had_db {
        verify_before_open(dir)?;
    }
    // No background flusher: every change is flushed (and synced) before it is
    // acknowledged, and the flusher thread would make every exit wait for its
    // next tick (up to half a second).
    let config = sled::Config::new()
        .path(dir)
        .cache_capacity(CACHE_BYTES)
        .flush_every_ms(None);
    // sled panics on some damaged files instead of returning an error.
    let db = match panic::catch_unwind(AssertUnwindSafe(|| config.open())) {
        Ok(Ok(db)) => db,
        Ok(Err(sled::Error::Io(e))) if e.to_string().contains("could not acquire lock") => {
            return Err(locked(dir));
        }
        Ok(Err(sled::Error::Io(e))) if e.kind() == ErrorKind::PermissionDenied => {
            return Err(io_error(dir, e));
        }
        Ok(Err(e)) => return Err(unreadable(dir, e.to_string())),
        Err(payload) => return Err(unreadable(dir, panic_text(payload.as_ref()))),
    };
    let sled_err = |source| StoreError::Sled {
        dir: dir.into(),
        source,
    };
    let names = db.tree_names();
    let has_meta = names.iter().any(|n| n == META_TREE.as_bytes());
    let version = match has_meta {
        true => read_version(dir, &db.open_tree(META_TREE).map_err(sled_err)?)?,
        false => None,
    };
    match version {
        Some(found) if found > STORE_VERSION => {
            return Err(StoreError::FutureSchema {
                dir: dir.into(),
                found,
                supported: STORE_VERSION,
            });
        }
        Some(found) if found < STORE_VERSION => migrate(dir, &db, found)?,
        Some(_) => {}
        None => {
            // A new database, one whose initialisation was interrupted,
            // someone else's, or one sled's recovery emptied.
            if names.iter().any(|n| !ours(n)) || !db.is_empty() {
                return Err(StoreError::NotAStore { dir: dir.into() });
            }
            if had_db && !has_meta {
                // Starting afresh here would bury whatever the file held.
                return Err(unreadable(
                    dir,
                    "the database file holds no readable mandaat data".into(),
                ));
            }
            for name in names.iter().filter(|n| n.as_ref() != DEFAULT_TREE) {
                if !db.open_tree(name).map_err(sled_err)?.is_empty() {
                    return Err(unreadable(dir, "records without a schema version".into()));
                }
            }
            // The version goes in first: a meta tree with a version is what
            // makes this folder a store.
            let meta = db.open_tree(META_TREE).map_err(sled_err)?;
            meta.insert(KEY_VERSION, &STORE_VERSION.to_be_bytes())
                .map_err(sled_err)?;
            db.flush().map_err(sled_err)?;
        }
    }
    let mut trees = Vec::with_capacity(2 + Kind::ALL.len());
    for name in [META_TREE, NUMBERS_TREE]
        .into_iter()
        .chain(Kind::ALL.map(tree_name))
        .chain([NOTE_INDEX_TREE, PLATE_INDEX_TREE])
    {
        trees.push(db.open_tree(name).map_err(sled_err)?);
    }
    Ok((db, trees))
}

/// The file a clean close leaves in the store folder (outside sled's files):
/// the record count and save sequence at that moment, and the size and
/// modification time of sled's log then.
const MARKER: &str = "mandaat-closed.json";
/// Prefix of the folder in which a copy of the store is checked.
const CHECK_PREFIX: &str = ".mandaat-check-";

#[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
struct Marker {
    count: u64,
    seq: u64,
    db_len: u64,
    db_mtime_ns: i128,
    /// A hash of every file of sled's at the close ([`sled_hash`]): a
    /// failing disk changes bytes without changing a file's length or time.
    /// `None` in a marker of an older mandaat (its store is checked on a copy
    /// once).
    #[serde(default)]
    hash: Option<u64>,
}

/// The file beside sled's in which the store keeps the save sequence of the
/// last change it acknowledged, synced with every save: a store that comes
/// back holding an older save (a log cut short, a file restored from
/// elsewhere) has lost acknowledged changes and is refused.
pub(super) const ACKED: &str = "mandaat-acked";

/// The acknowledged save sequence as the file keeps it: the number and its
/// complement, so a torn or foreign file reads as unknown, not as a number.
fn acked_bytes(seq: u64) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&seq.to_be_bytes());
    b[8..].copy_from_slice(&(!seq).to_be_bytes());
    b
}

/// The acknowledged save sequence of the store in `dir`, if it keeps one.
pub(super) fn read_acked(dir: &Path) -> Option<u64> {
    let b = std::fs::read(dir.join(ACKED)).ok()?;
    let seq = u64::from_be_bytes(b.get(..8)?.try_into().ok()?);
    let check = u64::from_be_bytes(b.get(8..16)?.try_into().ok()?);
    (check == !seq).then_some(seq)
}

/// The open file of [`ACKED`], created with the store's current sequence if
/// it is not there yet (a new store, or one made before it existed).
pub(super) fn open_acked(dir: &Path, seq: u64) -> Result<std::fs::File, StoreError> {
    use std::os::unix::fs::OpenOptionsExt;
    let io = |e| io_error(dir, e);
    use std::os::unix::fs::MetadataExt;
    let known = read_acked(dir);
    // The user's alone; in a store shared with a group the group's too, so
    // whichever member opens the store next can keep it.
    let shared = std::fs::metadata(dir).is_ok_and(|m| m.mode() & 0o2070 == 0o2070);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(if shared { 0o660 } else { 0o600 })
        .open(dir.join(ACKED))
        .map_err(io)?;
    if known.is_none_or(|k| k < seq) {
        write_acked(&file, seq).map_err(io)?;
    }
    Ok(file)
}

/// Record `seq` as acknowledged, durably: one write within the first
/// sector, then a data sync.
pub(super) fn write_acked(file: &std::fs::File, seq: u64) -> std::io::Result<()> {
    use std::os::unix::fs::FileExt;
    file.write_all_at(&acked_bytes(seq), 0)?;
    file.sync_data()
}

/// Whether a file in the store folder is one of sled's (and so part of what
/// [`sled_hash`] covers and a damage check copies).
fn is_sled_file(name: &str) -> bool {
    name == "db" || name == "conf" || (name.starts_with("snap.") && !name.ends_with(".generating"))
}

/// A hash of sled's files in `dir` (the log, its config, the snapshots and
/// the blobs), read in pieces so it costs no memory: about 30 ms for the
/// 160 MB log of a region store in the page cache (BENCHMARKS.md).
fn sled_hash(dir: &Path) -> std::io::Result<u64> {
    use std::io::Read;
    let mut names: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if is_sled_file(&name) {
            names.push(PathBuf::from(&name));
        } else if name == "blobs" && entry.file_type()?.is_dir() {
            for blob in std::fs::read_dir(entry.path())? {
                names.push(Path::new("blobs").join(blob?.file_name()));
            }
        }
    }
    names.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 20];
    for name in names {
        hasher.update(name.to_string_lossy().as_bytes());
        let mut file = std::fs::File::open(dir.join(&name))?;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        hasher.update(&[0xff]);
    }
    Ok(hasher.digest())
}

pub(super) fn db_stamp(dir: &Path) -> Option<(u64, i128)> {
    let meta = std::fs::metadata(dir.join("db")).ok()?;
    let mtime = meta.modified().ok()?;
    let ns = match mtime.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    };
    Some((meta.len(), ns))
}

/// Called once the store is open: from now on a kill leaves no marker.
pub(super) fn mark_open(dir: &Path) -> Result<(), StoreError> {
    // No fsync: a marker that comes back after a power loss no longer
    // matches the log once anything was written, so it only costs a check.
    match std::fs::remove_file(dir.join(MARKER)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error(dir, e)),
    }
}

/// Called by a clean close after the last flush. Failing to write it only
/// makes the next open slower, so errors are ignored.
pub(super) fn mark_closed(dir: &Path, count: u64, seq: u64) {
    let Some((db_len, db_mtime_ns)) = db_stamp(dir) else {
        return;
    };
    let marker = Marker {
        count,
        seq,
        db_len,
        db_mtime_ns,
        hash: sled_hash(dir).ok(),
    };
    // Temporary file and rename, but no fsync: a marker lost to a power cut
    // only makes the next open check a copy.
    if let Ok(bytes) = serde_json::to_vec(&marker) {
        let tmp = dir.join(format!(".{MARKER}.tmp"));
        if std::fs::write(&tmp, bytes).is_ok() {
            let _ = std::fs::rename(&tmp, dir.join(MARKER));
        }
    }
}

/// Before sled touches an existing store: sled "recovers" a log it cannot
/// read by cutting it off at the first bad spot, which would silently and
/// permanently drop everything after it. So unless the store was closed
/// cleanly and its log is exactly as that close left it, a copy is opened
/// first and must hold what the store's own bookkeeping says it holds. The
/// original is not written until that check passes.
fn verify_before_open(dir: &Path) -> Result<(), StoreError> {
    // sled locks its log with flock; taking the same lock here keeps a second
    // process from copying a store that is being written (and says "locked"
    // at once). The lock is let go before sled takes its own.
    let log = std::fs::File::open(dir.join("db")).map_err(|e| io_error(dir, e))?;
    // SAFETY: flock on a file descriptor we own; no memory is involved.
    let refused = unsafe {
        libc::flock(
            std::os::fd::AsRawFd::as_raw_fd(&log),
            libc::LOCK_EX | libc::LOCK_NB,
        )
    };
    if refused != 0 {
        return Err(locked(dir));
    }
    remove_stale_checks(dir);
    super::compact::clear_leftover(dir);
    let marker: Option<Marker> = std::fs::read(dir.join(MARKER))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok());
    let acked = read_acked(dir);
    // The store is as its last clean close left it only if sled's files
    // hash the same as then (their length and time alone do not show a bit
    // a failing disk flipped) and that close had every acknowledged save.
    if let Some(m) = &marker
        && db_stamp(dir) == Some((m.db_len, m.db_mtime_ns))
        && acked.is_none_or(|a| a <= m.seq)
        && m.hash.is_some()
        && m.hash == sled_hash(dir).ok()
    {
        return Ok(());
    }
    verify_copy(dir, marker.as_ref(), acked)
}

/// Leftovers of a kill that are ours to clear: our own copy checks, and
/// sled's unfinished snapshots.
fn remove_stale_checks(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(CHECK_PREFIX) {
            let _ = std::fs::remove_dir_all(entry.path());
        } else if name.starts_with("snap.") && name.ends_with(".generating") {
            // A snapshot sled was still writing when it was killed: it only
            // ever becomes the snapshot by a rename, and sled would take this
            // half of one for the newest and refuse the store.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text == MARKER || text.starts_with(CHECK_PREFIX) {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            std::fs::create_dir(to.join(&name))?;
            copy_tree(&entry.path(), &to.join(&name))?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), to.join(&name))?;
        }
    }
    Ok(())
}

/// Open a copy of the store (in a private folder inside it, removed after)
/// and compare what sled recovers there with the count and save sequence the
/// store keeps in the same transactions as its records, and with the marker
/// of the last clean close if there is one.
fn verify_copy(dir: &Path, marker: Option<&Marker>, acked: Option<u64>) -> Result<(), StoreError> {
    let check = tempfile::Builder::new()
        .prefix(CHECK_PREFIX)
        .tempdir_in(dir)
        .map_err(|e| io_error(dir, e))?;
    copy_tree(dir, check.path()).map_err(|e| io_error(dir, e))?;
    let config = sled::Config::new()
        .path(check.path())
        .cache_capacity(CACHE_BYTES);
    let db = match panic::catch_unwind(AssertUnwindSafe(|| config.open())) {
        Ok(Ok(db)) => db,
        Ok(Err(e)) => return Err(unreadable(dir, e.to_string())),
        Err(payload) => return Err(unreadable(dir, panic_text(payload.as_ref()))),
    };
    let sled_err = |e: sled::Error| unreadable(dir, e.to_string());
    let names = db.tree_names();
    if !names.iter().any(|n| n == META_TREE.as_bytes()) {
        if names.iter().any(|n| !ours(n)) || !db.is_empty() {
            return Err(StoreError::NotAStore { dir: dir.into() });
        }
        return Err(unreadable(
            dir,
            "the database file holds no readable mandaat data".into(),
        ));
    }
    let meta = db.open_tree(META_TREE).map_err(sled_err)?;
    let kept = meta.get(KEY_COUNT).map_err(sled_err)?;
    let seq = read_u64(meta.get(KEY_SEQ).map_err(sled_err)?.as_deref());
    let mut found = 0u64;
    for kind in Kind::ALL {
        found += db.open_tree(tree_name(kind)).map_err(sled_err)?.len() as u64;
    }
    if let Some(kept) = kept.as_deref() {
        let kept = read_u64(Some(kept));
        if kept != found {
            return Err(unreadable(
                dir,
                format!("{kept} records expected, {found} readable"),
            ));
        }
    }
    if let Some(acked) = acked
        && seq < acked
    {
        return Err(unreadable(
            dir,
            format!(
                "save {acked} was acknowledged, but the files hold only up to save {seq}: \
                 {} acknowledged change(s) are missing",
                acked - seq
            ),
        ));
    }
    if let Some(m) = marker
        && (m.count, m.seq) != (found, seq)
    {
        return Err(unreadable(
            dir,
            format!(
                "the files changed after the last clean close: {} records and save {} then, {found} records and save {seq} readable now",
                m.count, m.seq
            ),
        ));
    }
    drop(meta);
    drop(db);
    Ok(())
}

/// Whether a tree name is one a mandaat store has.
fn ours(n: &[u8]) -> bool {
    n == DEFAULT_TREE
        || [META_TREE, NUMBERS_TREE, NOTE_INDEX_TREE, PLATE_INDEX_TREE]
            .into_iter()
            .chain(Kind::ALL.map(tree_name))
            .any(|t| t.as_bytes() == n)
}

/// Create a missing folder with mode 0700 (the data is personal); refuse an
/// existing folder that holds files but no sled database. Says whether a
/// non-empty sled database file is there.
fn prepare_dir(dir: &Path) -> Result<bool, StoreError> {
    let io = |source| io_error(dir, source);
    if !dir.exists() {
        return std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map(|()| false)
            .map_err(io);
    }
    if !dir.is_dir() {
        return Err(StoreError::NotAFolder { dir: dir.into() });
    }
    let empty = std::fs::read_dir(dir).map_err(io)?.next().is_none();
    let db = dir.join("db");
    if !empty && !db.is_file() {
        return Err(StoreError::NotAStore { dir: dir.into() });
    }
    if empty {
        // A folder made beforehand (by hand, by mkdir) may be readable by
        // others; the store in it must not be.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(io)?;
    }
    Ok(db.metadata().is_ok_and(|m| m.len() > 0))
}

/// Whether `dir` holds a store (or at least a database file) already.
pub(super) fn has_db(dir: &Path) -> bool {
    dir.join("db").is_file()
}

/// A file system error on the store folder; a refused permission says what
/// mandaat needs rather than suggesting damage.
fn io_error(dir: &Path, source: std::io::Error) -> StoreError {
    match source.kind() {
        ErrorKind::PermissionDenied => StoreError::NoAccess {
            dir: dir.into(),
            source,
        },
        _ => StoreError::Io {
            dir: dir.into(),
            source,
        },
    }
}

fn read_version(dir: &Path, meta: &Tree) -> Result<Option<u32>, StoreError> {
    let Some(bytes) = meta.get(KEY_VERSION).map_err(|source| StoreError::Sled {
        dir: dir.into(),
        source,
    })?
    else {
        return Ok(None);
    };
    let raw: [u8; 4] = bytes
        .as_ref()
        .try_into()
        .map_err(|_| unreadable(dir, format!("meta/schema_version is {bytes:?}")))?;
    Ok(Some(u32::from_be_bytes(raw)))
}

/// Bring a store written by an older mandaat up to [`STORE_VERSION`].
///
/// The path for a future layout change: bump `STORE_VERSION` and add an arm
/// `n => { .. }` to the match below that rewrites every affected tree from
/// version `n` to `n + 1` and writes the new version in the same transaction
/// (a change of the record shapes also bumps `SCHEMA_VERSION` and teaches
/// `export::parse` the step for old export files). Steps run one version at a
/// time and are flushed after each, so an interrupted migration resumes where
/// it stopped.
fn migrate(dir: &Path, db: &sled::Db, found: u32) -> Result<(), StoreError> {
    let sled_err = |source| StoreError::Sled {
        dir: dir.into(),
        source,
    };
    let meta = db.open_tree(META_TREE).map_err(sled_err)?;
    for version in found..STORE_VERSION {
        let next = (version + 1).to_be_bytes();
        match version {
            0 => return Err(unreadable(dir, "schema version 0 never existed".into())),
            1 => add_note_index(dir, db, &meta, &next)?,
            2 => add_plate_index(dir, db, &meta, &next)?,
            _ => {
                meta.insert(KEY_VERSION, &next).map_err(sled_err)?;
            }
        }
        db.flush().map_err(sled_err)?;
    }
    Ok(())
}

/// Version 1 → 2: index every note.
fn add_note_index(
    dir: &Path,
    db: &sled::Db,
    meta: &Tree,
    version: &[u8],
) -> Result<(), StoreError> {
    add_index(
        dir,
        db,
        meta,
        version,
        Kind::Note,
        NOTE_INDEX_TREE,
        |notes: &[notes::StoredHead]| {
            let heads: Vec<_> = notes.iter().map(notes::StoredHead::head).collect();
            notes::build(&heads)
                .into_iter()
                .map(|(k, v)| (k.to_vec(), v))
                .collect()
        },
    )
}

/// Version 2 → 3: index the cases on each department's plate.
fn add_plate_index(
    dir: &Path,
    db: &sled::Db,
    meta: &Tree,
    version: &[u8],
) -> Result<(), StoreError> {
    add_index(
        dir,
        db,
        meta,
        version,
        Kind::Case,
        PLATE_INDEX_TREE,
        |cases: &[crate::domain::Case]| {
            plates::build(cases)
                .into_iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v))
                .collect()
        },
    )
}

/// Fill the index tree `index_name` from every record of `kind`, and raise
/// the version in the same transaction, so an interrupted migration simply
/// runs again.
fn add_index<R: serde::de::DeserializeOwned>(
    dir: &Path,
    db: &sled::Db,
    meta: &Tree,
    version: &[u8],
    kind: Kind,
    index_name: &str,
    build: impl Fn(&[R]) -> Vec<(Vec<u8>, Vec<u8>)>,
) -> Result<(), StoreError> {
    let sled_err = |source| StoreError::Sled {
        dir: dir.into(),
        source,
    };
    let records =
        super::load::load_tree(dir, kind, &db.open_tree(tree_name(kind)).map_err(sled_err)?)?;
    let index = build(&records);
    let index_tree = db.open_tree(index_name).map_err(sled_err)?;
    (meta, &index_tree)
        .transaction(|(meta, tree)| {
            for (key, value) in &index {
                tree.insert(key.as_slice(), value.as_slice())?;
            }
            meta.insert(KEY_VERSION, version)?;
            Ok::<(), sled::transaction::ConflictableTransactionError<()>>(())
        })
        .map_err(|e| match e {
            sled::transaction::TransactionError::Storage(e) => sled_err(e),
            sled::transaction::TransactionError::Abort(()) => {
                unreadable(dir, format!("the index {index_name} could not be built"))
            }
        })
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    format!("sled stopped with: {text}")
}

/// The store is held by another process: who, from the kernel's list of
/// locks (`/proc/locks`), so the message can name them.
pub(super) fn locked(dir: &Path) -> StoreError {
    StoreError::Locked {
        dir: dir.into(),
        holder: holder(dir),
    }
}

fn holder(dir: &Path) -> Option<super::error::Holder> {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(dir.join("db")).ok()?.ino();
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid: u32 = locks.lines().find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        let ino: u64 = f.get(5)?.rsplit(':').next()?.parse().ok()?;
        (ino == inode && f.get(1) == Some(&"FLOCK")).then(|| f.get(4)?.parse().ok())?
    })?;
    let proc_dir = PathBuf::from(format!("/proc/{pid}"));
    let meta = std::fs::metadata(&proc_dir).ok()?;
    let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(meta.uid()))
        .ok()
        .flatten()
        .map_or_else(|| format!("uid {}", meta.uid()), |u| u.name);
    let command = std::fs::read(proc_dir.join("cmdline"))
        .map(|b| {
            b.split(|c| *c == 0)
                .filter(|a| !a.is_empty())
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default();
    // When the process started: its /proc folder is made then.
    let since = meta
        .modified()
        .ok()
        .map(|t| chrono::DateTime::<chrono::Local>::from(t).naive_local());
    Some(super::error::Holder {
        pid,
        user,
        command,
        since,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_denied_asks_for_write_access_not_a_backup() {
        let err = io_error(
            Path::new("/srv/alleen-lezen"),
            std::io::Error::from(ErrorKind::PermissionDenied),
        );
        assert!(matches!(err, StoreError::NoAccess { .. }), "{err:?}");
    }
}
