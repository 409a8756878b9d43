//! Taking a derived file (the lookup cache, the read-only snapshot) out of
//! use before a write, without waiting for the file system to delete it.
//!
//! Deleting a synced file costs ext4 a journal commit: some 9 ms for the
//! snapshot at region scale, about 1 ms for the lookup cache, which the
//! session writes again whenever the keyboard rests, so every saved note
//! paid it. Renamed aside, under a name of its own, the file is out of use
//! at once (nothing reads an aside name). It is deleted at a quiet moment
//! ([`sweep`]: [`super::Store::tick`], a second after the last change in a
//! store server, and at every open and clean close), not beside the write
//! that set it aside: deleted on another thread at once, the deletion's
//! journal commit still made the write's fsync wait (3.3 ms against 0.5 for
//! the first note after a server started). One left by a kill, or by a
//! process that ended first, goes at the next open.

use super::StoreError;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers the aside names within a process: a file set aside again before
/// the last one was deleted must not replace it (a rename over a file
/// deletes that one, in the write's own time).
static NEXT: AtomicU64 = AtomicU64::new(0);

/// The start of every aside name of `file` (the first versions used this
/// name alone).
fn aside_prefix(file: &str) -> String {
    format!(".{file}.old")
}

/// Take `file` in `dir` out of use. Says whether there was one (there being
/// none is no error).
pub(super) fn set_aside(dir: &Path, file: &str) -> Result<bool, StoreError> {
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let aside = dir.join(format!("{}-{}-{n}", aside_prefix(file), std::process::id()));
    match std::fs::rename(dir.join(file), aside) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(StoreError::io(dir, source)),
    }
}

/// Delete what [`set_aside`] left of `files` in `dir`, if anything: one
/// look at the folder for all of them.
pub(super) fn sweep(dir: &Path, files: &[&str]) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefixes: Vec<String> = files.iter().map(|f| aside_prefix(f)).collect();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = prefixes.iter().any(|prefix| {
            (name.strip_prefix(prefix.as_str()))
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        });
        if ours {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
