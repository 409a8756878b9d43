//! Reading the store: everything, every kind but the note texts, a few
//! kinds, or one record's notes through the note index.

use super::{
    KEY_SETTINGS, META, NOTE_INDEX, PLATE_INDEX, Store, StoreError, notes, plates, slot, tree_name,
    unreadable,
};
use crate::domain::find::{self, NoteHit};
use crate::domain::{Case, Dataset, Id, Kind, Note, NoteHead, Number, RecordRef, Settings, Stamp};
use serde::de::DeserializeOwned;
use sled::Tree;
use std::path::Path;

impl Store {
    /// Everything in the store, every list sorted by number.
    pub fn load(&self) -> Result<Dataset, StoreError> {
        self.load_kinds(&Kind::ALL)
    }

    /// Every record but the notes, sorted by number, and the heads of every
    /// note from the note index: all that ageing, the panes and the listings
    /// need, without decoding the note texts (at region scale most of a load).
    /// `data.notes` is empty; read a record's notes with [`Store::notes_of`].
    pub fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        // Two halves of about equal work, one per core: this is what the
        // dashboard's first frame waits for.
        let (first, rest) = std::thread::scope(|s| {
            let first = s.spawn(|| self.load_kinds(&[Kind::Case, Kind::Organisation]));
            let rest = (|| {
                let others: Vec<Kind> = Kind::ALL
                    .into_iter()
                    .filter(|k| ![Kind::Case, Kind::Organisation, Kind::Note].contains(k))
                    .collect();
                Ok::<_, StoreError>((self.load_kinds(&others)?, self.note_heads()?))
            })();
            let first = first
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first, rest)
        });
        let (first, (mut data, heads)) = (first?, rest?);
        data.cases = first.cases;
        data.organisations = first.organisations;
        Ok((data, heads))
    }

    /// The heads of every note, in no particular order.
    pub fn note_heads(&self) -> Result<Vec<NoteHead>, StoreError> {
        self.heads_under(&[])
    }

    /// The heads in the note index whose keys start with `prefix`.
    fn heads_under(&self, prefix: &[u8]) -> Result<Vec<NoteHead>, StoreError> {
        let mut heads = Vec::new();
        for entry in self.trees[NOTE_INDEX].scan_prefix(prefix) {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            let head = notes::decode(&key, &value).ok_or_else(|| {
                unreadable(
                    &self.dir,
                    format!("note_index/{}: not a note's entry", notes::describe(&key)),
                )
            })?;
            heads.push(head);
        }
        Ok(heads)
    }

    /// Only the records of `kinds`, sorted by number; the other lists stay
    /// empty. For commands that need a few kinds (the owner lookup).
    pub fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        let mut data = Dataset::default();
        for kind in kinds {
            match kind {
                Kind::Organisation => data.organisations = self.load_kind(*kind)?,
                Kind::Contact => data.contacts = self.load_kind(*kind)?,
                Kind::Department => data.departments = self.load_kind(*kind)?,
                Kind::Hook => data.hooks = self.load_kind(*kind)?,
                Kind::Case => data.cases = self.load_kind(*kind)?,
                Kind::Exception => data.exceptions = self.load_kind(*kind)?,
                Kind::FollowUp => data.followups = self.load_kind(*kind)?,
                Kind::Note => data.notes = self.load_kind(*kind)?,
                Kind::Track => data.tracks = self.load_kind(*kind)?,
            }
        }
        data.sort();
        Ok(data)
    }

    /// The open cases on the plates of `departments` (an open blocker they
    /// own), from the plate index, sorted by number.
    pub fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError> {
        let mut ids = Vec::new();
        for department in departments {
            let Some(value) = self.trees[PLATE_INDEX]
                .get(department.as_bytes())
                .map_err(|e| self.sled(e))?
            else {
                continue;
            };
            let list = plates::decode(&value).ok_or_else(|| {
                unreadable(
                    &self.dir,
                    format!("plate_index/{department}: not a list of cases"),
                )
            })?;
            ids.extend(list);
        }
        ids.sort();
        ids.dedup();
        let mut cases: Vec<Case> = Vec::with_capacity(ids.len());
        let tree = &self.trees[slot(Kind::Case)];
        for id in ids {
            // An entry without its case is reported by `check`; nothing to show.
            if let Some(value) = tree.get(id.as_bytes()).map_err(|e| self.sled(e))? {
                cases.push(self.decode(Kind::Case, id.as_bytes(), &value)?);
            }
        }
        cases.sort_by_cached_key(|c| (Number::parse(&c.number), c.id));
        Ok(cases)
    }

    /// The notes on `target`, by number: found through the note index, so
    /// only they are read.
    pub fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError> {
        if target.kind == Kind::Note {
            // A note on no record (the day's summary) is shown on its own.
            let tree = &self.trees[slot(Kind::Note)];
            let value = tree.get(target.id.as_bytes()).map_err(|e| self.sled(e))?;
            return value
                .map(|v| self.decode(Kind::Note, target.id.as_bytes(), &v))
                .transpose()
                .map(|n| n.into_iter().collect());
        }
        let heads = self.heads_under(&notes::prefix(Some(target)))?;
        let tree = &self.trees[slot(Kind::Note)];
        let mut out: Vec<Note> = Vec::with_capacity(heads.len());
        for head in heads.iter().filter(|h| h.target == Some(target)) {
            if let Some(value) = tree.get(head.id.as_bytes()).map_err(|e| self.sled(e))? {
                out.push(self.decode(Kind::Note, head.id.as_bytes(), &value)?);
            }
        }
        out.sort_by_cached_key(|n| (Number::parse(&n.number), n.id));
        Ok(out)
    }

    /// The notes on a record whose text holds every word of `query`
    /// (accents and case aside), newest number first, at most
    /// [`find::NOTE_HITS`]: one pass over the note texts (tens of
    /// milliseconds at region scale), for "find anything".
    pub fn search_notes(&self, query: &str) -> Result<Vec<NoteHit>, StoreError> {
        #[derive(serde::Deserialize)]
        struct Text {
            id: Id,
            number: String,
            target: Option<RecordRef>,
            text: String,
        }
        let q = find::Query::new(query);
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut hits = Vec::new();
        for entry in self.trees[slot(Kind::Note)].iter() {
            let (key, value) = entry.map_err(|e| self.sled(e))?;
            let note: Text = self.decode(Kind::Note, &key, &value)?;
            let Some(snippet) = q.snippet(&note.text) else {
                continue;
            };
            // A note on no record (the day's summary) opens itself.
            let target = note.target.unwrap_or(RecordRef {
                kind: Kind::Note,
                id: note.id,
            });
            hits.push(NoteHit {
                id: note.id,
                number: note.number,
                target,
                snippet,
            });
        }
        hits.sort_by_cached_key(|h| std::cmp::Reverse((Number::parse(&h.number), h.id)));
        hits.truncate(find::NOTE_HITS);
        Ok(hits)
    }

    /// The saved settings; `None` in a store that was never given any.
    pub fn settings(&self) -> Result<Option<Settings>, StoreError> {
        let Some(bytes) = self.trees[META]
            .get(KEY_SETTINGS)
            .map_err(|e| self.sled(e))?
        else {
            return Ok(None);
        };
        serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| unreadable(&self.dir, format!("meta/settings: {e}")))
    }

    /// No records and no settings.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        let no_settings = !self.trees[META]
            .contains_key(KEY_SETTINGS)
            .map_err(|e| self.sled(e))?;
        Ok(no_settings && Kind::ALL.iter().all(|k| self.trees[slot(*k)].is_empty()))
    }

    /// Who last changed the record `r` and when, if it is in the store: what
    /// a change based on an older version is checked against.
    pub fn stamp_of(&self, r: RecordRef) -> Result<Option<Stamp>, StoreError> {
        #[derive(serde::Deserialize)]
        struct Stamped {
            stamp: Stamp,
        }
        let key = r.id.as_bytes();
        let Some(value) = self.trees[slot(r.kind)]
            .get(key)
            .map_err(|e| self.sled(e))?
        else {
            return Ok(None);
        };
        let stamped: Stamped = self.decode(r.kind, key, &value)?;
        Ok(Some(stamped.stamp))
    }

    pub(super) fn load_kind<R: DeserializeOwned>(&self, kind: Kind) -> Result<Vec<R>, StoreError> {
        load_tree(&self.dir, kind, &self.trees[slot(kind)])
    }

    pub(super) fn decode<T: DeserializeOwned>(
        &self,
        kind: Kind,
        key: &[u8],
        value: &[u8],
    ) -> Result<T, StoreError> {
        decode(&self.dir, kind, key, value)
    }
}

pub(super) fn load_tree<R: DeserializeOwned>(
    dir: &Path,
    kind: Kind,
    tree: &Tree,
) -> Result<Vec<R>, StoreError> {
    // Not `with_capacity(tree.len())`: sled counts by iterating the whole tree.
    let mut out = Vec::new();
    for entry in tree.iter() {
        let (key, value) = entry.map_err(|source| StoreError::sled(dir, source))?;
        out.push(decode(dir, kind, &key, &value)?);
    }
    Ok(out)
}

pub(super) fn decode<T: DeserializeOwned>(
    dir: &Path,
    kind: Kind,
    key: &[u8],
    value: &[u8],
) -> Result<T, StoreError> {
    serde_json::from_slice(value).map_err(|e| {
        let key = Id::from_slice(key).map_or_else(|_| format!("{key:?}"), |id| id.to_string());
        unreadable(dir, format!("record {}/{key}: {e}", tree_name(kind)))
    })
}
