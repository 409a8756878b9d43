//! Opening a store: the folder checks, sled's lock, the schema version and
//! migrations. Nothing here writes before it knows the folder is ours.

use super::error::Fault;
use super::verify::{CACHE_BYTES, DEFAULT_TREE, locked, ours, panic_text, verify_before_open};
use super::{
    KEY_VERSION, META_TREE, NOTE_INDEX_TREE, NUMBERS_TREE, PLATE_INDEX_TREE, STORE_VERSION,
    StoreError, tree_name, unreadable,
};
use crate::domain::Kind;
use sled::Tree;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

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
        // A read-only file system, a full disk or a refused permission is
        // no damage: each is said as what it is, and no backup is needed.
        Ok(Err(sled::Error::Io(e))) if Fault::of(&e) != Fault::Other => {
            return Err(StoreError::io(dir, e));
        }
        Ok(Err(e)) => return Err(unreadable(dir, e.to_string())),
        Err(payload) => return Err(unreadable(dir, panic_text(payload.as_ref()))),
    };
    let sled_err = |source| StoreError::sled(dir, source);
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
        Some(found) if found < STORE_VERSION => super::migrate::migrate(dir, &db, found)?,
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

/// A file system error on the store folder: a read-only file system, a full
/// disk and a refused permission say what mandaat needs rather than
/// suggesting damage.
fn io_error(dir: &Path, source: std::io::Error) -> StoreError {
    StoreError::io(dir, source)
}

fn read_version(dir: &Path, meta: &Tree) -> Result<Option<u32>, StoreError> {
    let Some(bytes) = meta
        .get(KEY_VERSION)
        .map_err(|source| StoreError::sled(dir, source))?
    else {
        return Ok(None);
    };
    let raw: [u8; 4] = bytes
        .as_ref()
        .try_into()
        .map_err(|_| unreadable(dir, format!("meta/schema_version is {bytes:?}")))?;
    Ok(Some(u32::from_be_bytes(raw)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::ErrorKind;

    #[test]
    fn permission_denied_asks_for_write_access_not_a_backup() {
        let err = io_error(
            Path::new("/srv/alleen-lezen"),
            std::io::Error::from(ErrorKind::PermissionDenied),
        );
        assert!(matches!(err, StoreError::NoAccess { .. }), "{err:?}");
    }
}
