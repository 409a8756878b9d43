//! Bringing a store written by an older mandaat up to [`STORE_VERSION`]:
//! one layout version at a time, each step one transaction that also
//! raises the version, flushed after it.

use super::{
    KEY_VERSION, META_TREE, NOTE_INDEX_TREE, PLATE_INDEX_TREE, STORE_VERSION, StoreError, notes,
    plates, tree_name, unreadable,
};
use crate::domain::Kind;
use sled::{Transactional, Tree};
use std::path::Path;

/// Bring a store written by an older mandaat up to [`STORE_VERSION`].
///
/// The path for a future layout change: bump `STORE_VERSION` and add an arm
/// `n => { .. }` to the match below that rewrites every affected tree from
/// version `n` to `n + 1` and writes the new version in the same transaction
/// (a change of the record shapes also bumps `SCHEMA_VERSION` and teaches
/// `export::parse` the step for old export files). Steps run one version at a
/// time and are flushed after each, so an interrupted migration resumes where
/// it stopped.
pub(super) fn migrate(dir: &Path, db: &sled::Db, found: u32) -> Result<(), StoreError> {
    let sled_err = |source| StoreError::Sled {
        dir: dir.into(),
        source,
    };
    let meta = db.open_tree(META_TREE).map_err(sled_err)?;
    for version in found..STORE_VERSION {
        let next = (version + 1).to_be_bytes();
        match version {
            0 => return Err(unreadable(dir, "schema version 0 never existed".into())),
            // 1 → 2 added the note index in a form that 3 → 4 replaces: that
            // step builds it from the notes, whatever the tree holds.
            2 => add_plate_index(dir, db, &meta, &next)?,
            3 => rebuild_note_index(dir, db, &meta, &next)?,
            _ => {
                meta.insert(KEY_VERSION, &next).map_err(sled_err)?;
            }
        }
        db.flush().map_err(sled_err)?;
    }
    Ok(())
}

/// Version 3 → 4: one entry per note instead of one value per target
/// (issue 13), built afresh from the notes.
fn rebuild_note_index(
    dir: &Path,
    db: &sled::Db,
    meta: &Tree,
    version: &[u8],
) -> Result<(), StoreError> {
    fill_index(
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
                .map(|(k, v)| (k.to_vec(), v.to_vec()))
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
    fill_index(
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

/// Fill the index tree `index_name` from every record of `kind`, in place
/// of whatever it held, and raise the version in the same transaction, so
/// an interrupted migration simply runs again.
fn fill_index<R: serde::de::DeserializeOwned>(
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
    let stale = index_tree
        .iter()
        .keys()
        .collect::<Result<Vec<_>, _>>()
        .map_err(sled_err)?;
    (meta, &index_tree)
        .transaction(|(meta, tree)| {
            for key in &stale {
                tree.remove(key)?;
            }
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
