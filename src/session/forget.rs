//! What `forget` needs beyond removing records: the store rewritten into a
//! fresh one, so sled's log keeps no old version of what was removed, and the
//! day reports beside the store scrubbed of the names.

use super::{Backend, Event, Session, StoreError};
use crate::domain::find::NoteHit;
use crate::domain::integrity::Problem;
use crate::domain::{
    AnyRecord, Case, Dataset, Id, Issued, Kind, Note, NoteHead, RecordRef, Settings, Stamp,
};
use crate::store::{Store, compact};
use chrono::{NaiveDate, NaiveDateTime};
use std::io::Write;
use std::path::{Path, PathBuf};

impl Session {
    /// Rewrite the store into a fresh one holding exactly what it holds now,
    /// and swap it in (see `store::compact`): afterwards no file in the store
    /// folder holds a record removed before. Only a store this process holds
    /// can be swapped: through a store server (others have it open) this
    /// does nothing and says `false`.
    pub fn compact(&self) -> Result<bool, StoreError> {
        let mut slot = self
            .shared
            .backend
            .write()
            .unwrap_or_else(|e| e.into_inner());
        let Some(old) = slot.as_deref() else {
            return Err(StoreError::Missing {
                dir: self.dir().into(),
            });
        };
        if old.author().is_some() {
            return Ok(false);
        }
        let dir = self.dir().to_path_buf();
        let settings = old
            .settings()?
            .unwrap_or_else(crate::fixtures::seed::default_settings);
        let data = old.load_kinds(&Kind::ALL)?;
        let issued = old.issued()?;
        // The old store stays open, and locked, until the exchange: nobody
        // opens it meanwhile, nor clears the folder being built.
        compact::build(&dir, &settings, &data, &issued)?;
        compact::exchange(&dir)?;
        // Let the old store go without its clean close: its folder is the
        // sibling now, and the close would write into the new one.
        drop(slot.take());
        let removed = compact::remove_old(&dir);
        *slot = Some(Box::new(Store::open(&dir)?));
        removed.map(|()| true)
    }

    /// Replace every occurrence of `words` (the names, e-mail address and
    /// phone number of who was forgotten) by `mark` in the day reports in
    /// [`Session::reports_dir`]; says how many files changed. Each file is
    /// rewritten via a temporary file, synced and renamed.
    pub fn scrub_reports(&self, words: &[&str], mark: &str) -> std::io::Result<usize> {
        let folder = self.reports_dir();
        let words: Vec<&str> = words
            .iter()
            .map(|w| w.trim())
            .filter(|w| w.chars().count() >= 3)
            .collect();
        let Ok(entries) = std::fs::read_dir(&folder) else {
            return Ok(0);
        };
        let mut changed = 0;
        for entry in entries {
            let entry = entry?;
            if !entry.file_type()?.is_file() {
                continue;
            }
            let path = entry.path();
            let bytes = std::fs::read(&path)?;
            let mut text = String::from_utf8_lossy(&bytes).into_owned();
            for w in &words {
                text = text.replace(w, mark);
            }
            if text.as_bytes() != bytes.as_slice() {
                rewrite(&folder, &path, text.as_bytes())?;
                changed += 1;
            }
        }
        if changed > 0 {
            std::fs::File::open(&folder)?.sync_all()?;
        }
        Ok(changed)
    }
}

fn rewrite(folder: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".vergeten-")
        .tempfile_in(folder)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    let perms = std::fs::metadata(path)?.permissions();
    tmp.as_file().set_permissions(perms)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The backend of a session whose store could not be opened again after
/// its rewrite: every operation says the store is missing.
pub(super) struct Gone(pub(super) PathBuf);

impl Gone {
    fn err(&self) -> StoreError {
        StoreError::Missing {
            dir: self.0.clone(),
        }
    }
}

impl Backend for Gone {
    fn dir(&self) -> &Path {
        &self.0
    }
    fn load_kinds(&self, _: &[Kind]) -> Result<Dataset, StoreError> {
        Err(self.err())
    }
    fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        Err(self.err())
    }
    fn cases_on_plates(&self, _: &[Id]) -> Result<Vec<Case>, StoreError> {
        Err(self.err())
    }
    fn settings(&self) -> Result<Option<Settings>, StoreError> {
        Err(self.err())
    }
    fn is_empty(&self) -> Result<bool, StoreError> {
        Err(self.err())
    }
    super::backend::refuse_note_texts_and_writes!(err);
    fn events(&self) -> Vec<Event> {
        Vec::new()
    }
}
