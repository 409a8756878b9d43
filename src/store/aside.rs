//! Taking a derived file (the lookup cache, the read-only snapshot) out of
//! use before a write, without waiting for the file system to delete it.
//!
//! Deleting a synced file costs ext4 a journal commit: some 8 ms for the
//! snapshot at region scale, about 1 ms for the lookup cache, which the
//! session writes again whenever the keyboard rests, so every saved note
//! paid it. Renamed aside the file is out of use at once (nothing reads the
//! aside name) and is deleted on another thread. One left aside by a kill,
//! or by a process that ended first, is deleted at the next open and at
//! every clean close ([`sweep`]), so nothing stays (after `forget` too).

use super::StoreError;
use std::path::{Path, PathBuf};

fn aside(dir: &Path, file: &str) -> PathBuf {
    dir.join(format!(".{file}.old"))
}

/// Take `file` in `dir` out of use; there being none is no error.
pub(super) fn set_aside(dir: &Path, file: &str) -> Result<(), StoreError> {
    let aside = aside(dir, file);
    match std::fs::rename(dir.join(file), &aside) {
        Ok(()) => {
            let deleted = std::thread::Builder::new().name("set-aside".into()).spawn({
                let aside = aside.clone();
                move || std::fs::remove_file(aside)
            });
            if deleted.is_err() {
                // No thread to be had: delete it here.
                let _ = std::fs::remove_file(aside);
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(StoreError::io(dir, source)),
    }
}

/// Delete what [`set_aside`] left of `file` in `dir`, if anything.
pub(super) fn sweep(dir: &Path, file: &str) {
    let _ = std::fs::remove_file(aside(dir, file));
}
