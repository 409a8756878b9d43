//! The check before sled opens an existing store: the clean-close marker,
//! the acknowledged save kept beside sled's files, and the check of a copy
//! after an unclean end (docs/DATA-SAFETY.md). Also who holds a locked store.

use super::error::Fault;
use super::guard;
use super::{KEY_COUNT, KEY_SEQ, META_TREE, NOTE_INDEX_TREE, NUMBERS_TREE, PLATE_INDEX_TREE};
use super::{StoreError, read_u64, tree_name, unreadable};
use crate::domain::Kind;
use std::io::ErrorKind;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// sled's page cache; its default is 1 GiB.
pub(super) const CACHE_BYTES: u64 = 8 * 1024 * 1024;
pub(super) const DEFAULT_TREE: &[u8] = b"__sled__default";

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
    /// A hash of every file of sled's at the close ([`guard::sled_hash`]): a
    /// failing disk changes bytes without changing a file's length or time.
    /// `None` in a marker of an older mandaat (its store is checked on a copy
    /// once).
    #[serde(default)]
    hash: Option<u64>,
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

/// The record count and save sequence of the last clean close, if the
/// store is still exactly as that close left it by its marker: sled's `db`
/// of the same length and time, and no acknowledged save past it.
pub(super) fn closed_at(dir: &Path) -> Option<(u64, u64)> {
    let m: Marker = serde_json::from_slice(&std::fs::read(dir.join(MARKER)).ok()?).ok()?;
    (db_stamp(dir) == Some((m.db_len, m.db_mtime_ns))
        && guard::read_acked(dir).is_none_or(|a| a <= m.seq))
    .then_some((m.count, m.seq))
}

/// Called once the store is open: from now on a kill leaves no marker.
pub(super) fn mark_open(dir: &Path) -> Result<(), StoreError> {
    // No fsync: a marker that comes back after a power loss no longer
    // matches the log once anything was written, so it only costs a check.
    match std::fs::remove_file(dir.join(MARKER)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io(dir, e)),
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
        hash: guard::sled_hash(dir).ok(),
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
pub(super) fn verify_before_open(dir: &Path) -> Result<(), StoreError> {
    // sled locks its log with flock; taking the same lock here keeps a second
    // process from copying a store that is being written (and says "locked"
    // at once). The lock is let go before sled takes its own.
    let log = std::fs::File::open(dir.join("db")).map_err(|e| StoreError::io(dir, e))?;
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
    let acked = guard::read_acked(dir);
    // The store is as its last clean close left it only if sled's files
    // hash the same as then (their length and time alone do not show a bit
    // a failing disk flipped) and that close had every acknowledged save.
    if let Some(m) = &marker
        && db_stamp(dir) == Some((m.db_len, m.db_mtime_ns))
        && acked.is_none_or(|a| a <= m.seq)
        && m.hash.is_some()
        && m.hash == guard::sled_hash(dir).ok()
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

/// Room sled may need beyond the copy itself when it opens it (a new
/// segment of its log, a snapshot).
const COPY_SLACK: u64 = 2 << 20;

/// How many bytes [`copy_tree`] copies.
fn copy_size(from: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(from) else {
        return 0;
    };
    let mut total = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let text = name.to_string_lossy();
        if text == MARKER || text.starts_with(CHECK_PREFIX) {
            continue;
        }
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => total += copy_size(&entry.path()),
            Ok(kind) if kind.is_file() => total += entry.metadata().map_or(0, |m| m.len()),
            _ => {}
        }
    }
    total
}

/// The bytes this user may still write on the file system of `dir`.
fn free_space(dir: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut stat = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: a valid C string and a buffer of the right type; the result is
    // read only when the call succeeded.
    let stat = unsafe {
        if libc::statvfs(path.as_ptr(), stat.as_mut_ptr()) != 0 {
            return None;
        }
        stat.assume_init()
    };
    Some((stat.f_bavail as u64).saturating_mul(stat.f_frsize as u64))
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
    let size = copy_size(dir);
    // Too little room for the copy is said before the disk is filled to the
    // last byte, and never called damage: the store could not be checked.
    let no_space = || StoreError::NoSpaceToCheck {
        dir: dir.into(),
        needed: size + COPY_SLACK,
        available: free_space(dir).unwrap_or(0),
    };
    if free_space(dir).is_some_and(|free| free < size) {
        return Err(no_space());
    }
    let fault = |e: std::io::Error| match Fault::of(&e) {
        Fault::NoSpace => no_space(),
        _ => StoreError::io(dir, e),
    };
    let check = tempfile::Builder::new()
        .prefix(CHECK_PREFIX)
        .tempdir_in(dir)
        .map_err(fault)?;
    copy_tree(dir, check.path()).map_err(fault)?;
    let config = sled::Config::new()
        .path(check.path())
        .cache_capacity(CACHE_BYTES);
    let sled_err = |e: sled::Error| match e {
        sled::Error::Io(e) if Fault::of(&e) != Fault::Other => fault(e),
        e => unreadable(dir, e.to_string()),
    };
    let db = match panic::catch_unwind(AssertUnwindSafe(|| config.open())) {
        Ok(Ok(db)) => db,
        Ok(Err(e)) => return Err(sled_err(e)),
        // sled panics on some write errors too: on a disk the copy filled,
        // that is the likelier cause, and a check on a freer disk tells.
        Err(_) if free_space(dir).is_some_and(|free| free < COPY_SLACK) => {
            return Err(no_space());
        }
        Err(payload) => return Err(unreadable(dir, panic_text(payload.as_ref()))),
    };
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
pub(super) fn ours(n: &[u8]) -> bool {
    n == DEFAULT_TREE
        || [META_TREE, NUMBERS_TREE, NOTE_INDEX_TREE, PLATE_INDEX_TREE]
            .into_iter()
            .chain(Kind::ALL.map(tree_name))
            .any(|t| t.as_bytes() == n)
}

pub(super) fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
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
