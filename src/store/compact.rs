//! Rewriting a store into a fresh one (after `forget`): sled keeps old
//! versions of values in its log until it reclaims the space, so the only way
//! to be sure a removed record leaves no byte behind is a new log that never
//! held it. The new store is built in a sibling folder, closed cleanly, and
//! exchanged with the old folder in one atomic rename, so at every moment the
//! store folder holds either the whole old store or the whole new one.

use super::{Store, StoreError, open};
use crate::domain::{Dataset, Issued, Settings};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// The sibling folder in which the new store is built, and where the old one
/// is after the exchange until it is removed.
pub fn sibling(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map_or_else(|| "mandaat".into(), |n| n.to_string_lossy().into_owned());
    dir.with_file_name(format!("{name}.forget-tmp"))
}

/// Build a fresh store holding `settings` and `data` in [`sibling`], with the
/// old folder's permissions and group and the old store's marks of numbers
/// `issued` (a forgotten record's number is not handed out again), closed
/// cleanly. The old store stays open (and locked) meanwhile.
pub fn build(
    dir: &Path,
    settings: &Settings,
    data: &Dataset,
    issued: &Issued,
) -> Result<PathBuf, StoreError> {
    let io = |source| StoreError::Io {
        dir: dir.into(),
        source,
    };
    let tmp = sibling(dir);
    remove(&tmp).map_err(io)?;
    let fresh = Store::open(&tmp)?;
    let filled = fresh
        .replace_all(settings, data)
        .and_then(|()| fresh.raise_issued(issued));
    let closed = fresh.close();
    filled.and(closed)?;
    let meta = std::fs::metadata(dir).map_err(io)?;
    std::os::unix::fs::chown(&tmp, None, Some(meta.gid())).map_err(io)?;
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(meta.mode() & 0o7777))
        .map_err(io)?;
    Ok(tmp)
}

/// Exchange the store folder with the fresh one built by [`build`] in one
/// atomic step (`renameat2` with `RENAME_EXCHANGE`), and sync the parent
/// folder. After this [`sibling`] holds the old store.
pub fn exchange(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::ffi::OsStrExt;
    let io = |source| StoreError::Io {
        dir: dir.into(),
        source,
    };
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|_| io(std::io::Error::from(std::io::ErrorKind::InvalidInput)))
    };
    let (from, to) = (c(&sibling(dir))?, c(dir)?);
    // SAFETY: two valid NUL-terminated paths; no memory is handed over.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done != 0 {
        return Err(io(std::io::Error::last_os_error()));
    }
    sync_parent(dir);
    Ok(())
}

/// Remove the old store after [`exchange`] (or a leftover of a rewrite a
/// kill interrupted), and sync the parent folder.
pub fn remove_old(dir: &Path) -> Result<(), StoreError> {
    remove(&sibling(dir)).map_err(|source| StoreError::Io {
        dir: dir.into(),
        source,
    })?;
    sync_parent(dir);
    Ok(())
}

fn remove(folder: &Path) -> std::io::Result<()> {
    match std::fs::remove_dir_all(folder) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn sync_parent(dir: &Path) {
    if let Some(parent) = dir.parent()
        && let Ok(folder) = std::fs::File::open(parent)
    {
        let _ = folder.sync_all();
    }
}

/// Called by an open that holds the store's lock: a [`sibling`] left by a
/// kill is either a half-built new store (the store folder still holds the
/// old one, with the forget saved) or the old store after the exchange;
/// neither holds anything the store folder lacks, and both may hold what
/// was forgotten.
pub(super) fn clear_leftover(dir: &Path) {
    let tmp = sibling(dir);
    if tmp.is_dir() && open::has_db(dir) {
        let _ = remove_old(dir);
    }
}
