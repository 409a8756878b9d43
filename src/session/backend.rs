//! Where the data lives, behind the session: the [`Backend`] trait and its
//! embedded implementation, the sled [`Store`]. The store server's client
//! (`crate::server::client::Remote`) is the other.

use crate::domain::find::NoteHit;
use crate::domain::integrity::Problem;
use crate::domain::{
    AnyRecord, Case, Dataset, Id, Issued, Kind, Note, NoteHead, RecordRef, Settings, Stamp,
};
use crate::fixtures::seed;
use crate::server::protocol::Notice;
use crate::store::frozen::Frozen;
use crate::store::{Store, StoreError, backup};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};

/// Where the data lives, as a session uses it: the operations the faces need,
/// each answering with a typed error. Implemented by the embedded [`Store`];
/// a store server's client is the second implementation (see the module
/// documentation). Work that belongs to whoever holds the store (backups, the
/// lookup cache, the clean close) is here too, so a client can leave it to
/// its server by doing nothing.
pub trait Backend: Send + Sync {
    /// The store folder: names the store in messages, and is where backups
    /// and reports go beside it.
    fn dir(&self) -> &Path;
    /// Only the records of `kinds`, sorted by number; the other lists empty.
    fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError>;
    /// Every record but the notes, and every note's head.
    fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError>;
    /// The notes on `target`, by number; for a note, that note itself (how
    /// the day's summary, on no record, is read).
    fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError>;
    /// The notes whose text holds every word of `query`, newest first, at
    /// most [`crate::domain::find::NOTE_HITS`]; a note on no record (the
    /// day's summary) has itself as its target.
    fn search_notes(&self, query: &str) -> Result<Vec<NoteHit>, StoreError>;
    /// The open cases on the plates of `departments`, by number.
    fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError>;
    /// Who last changed `r` and when; `None` if it is not stored.
    fn stamp_of(&self, r: RecordRef) -> Result<Option<Stamp>, StoreError>;
    /// The saved settings; `None` in a store never given any.
    fn settings(&self) -> Result<Option<Settings>, StoreError>;
    /// No records and no settings.
    fn is_empty(&self) -> Result<bool, StoreError>;
    /// Per kind the highest number the store ever held, also of records
    /// removed since: a new record is numbered past it and past every
    /// record present ([`Issued::next_number`]).
    fn issued(&self) -> Result<Issued, StoreError>;
    /// Save `save` and remove `delete`, all or nothing, durable on return.
    /// `based_on`: the version of records as the user saw them when the
    /// change began; a store server refuses the change if one has changed
    /// since. (The embedded store has no one else to compare with.)
    fn apply(
        &self,
        save: &[AnyRecord],
        delete: &[RecordRef],
        based_on: &[(RecordRef, NaiveDateTime)],
    ) -> Result<(), StoreError>;
    /// Fill an empty store, all or nothing.
    fn replace_all(&self, settings: &Settings, data: &Dataset) -> Result<(), StoreError>;
    /// The integrity rules and the indexes checked against the records.
    fn check(&self) -> Result<Vec<Problem>, StoreError>;
    /// Where today's backup goes, if it is still to be made by this process.
    fn backup_due(&self, today: NaiveDate) -> Result<Option<PathBuf>, StoreError>;
    /// Write `data` (the whole store, loaded just now) as the backup `path`.
    fn write_backup(&self, path: &Path, data: Dataset) -> Result<PathBuf, StoreError>;
    /// Write the lookup cache again from the stored records.
    fn refresh_lookup_cache(&self) -> Result<(), StoreError>;
    /// The clean close: flushed, the lookup cache current, the marker that
    /// spares the next open its check. The backend is let go after this.
    fn close(&self) -> Result<(), StoreError>;
    /// What a store server told this client unasked since the last call
    /// (a colleague's change, who is there); nothing for the embedded store.
    fn events(&self) -> Vec<Event> {
        Vec::new()
    }
    /// The name a store server records this client's changes under, when
    /// it is not the client's own `--user` (another login).
    fn author(&self) -> Option<String> {
        None
    }
    /// A quiet moment: a client whose server went away tries to reach (or
    /// start) the next one; the embedded store deletes the derived files
    /// its writes set aside.
    fn tick(&self) {}
    /// The record count and save sequence the store is held at, if known
    /// and nothing changed since it was opened: equal to a snapshot's
    /// ([`Frozen::at`]), it holds what that snapshot holds.
    fn held_at(&self) -> Option<(u64, u64)> {
        None
    }
    /// The versions of records read elsewhere (from the snapshot the
    /// dashboard started from): what this client's changes to them are
    /// based on. Only a store server's client compares them.
    fn remember(&self, _versions: Vec<(Id, NaiveDateTime)>) {}
    /// Still being reached: only what the snapshot answers is there without
    /// waiting (see [`crate::session::deferred`]).
    fn starting(&self) -> bool {
        false
    }
    /// Wait until the store is reached (see [`Backend::starting`]); what it
    /// said on arrival comes with the next [`Backend::events`].
    fn reach(&self) {}
}

/// The embedded store: this process holds sled's lock.
impl Backend for Store {
    fn dir(&self) -> &Path {
        Store::dir(self)
    }
    fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        Store::load_kinds(self, kinds)
    }
    fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        Store::load_without_notes(self)
    }
    fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError> {
        Store::notes_of(self, target)
    }
    fn search_notes(&self, query: &str) -> Result<Vec<NoteHit>, StoreError> {
        Store::search_notes(self, query)
    }
    fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError> {
        Store::cases_on_plates(self, departments)
    }
    fn stamp_of(&self, r: RecordRef) -> Result<Option<Stamp>, StoreError> {
        Store::stamp_of(self, r)
    }
    fn settings(&self) -> Result<Option<Settings>, StoreError> {
        Store::settings(self)
    }
    fn is_empty(&self) -> Result<bool, StoreError> {
        Store::is_empty(self)
    }
    fn issued(&self) -> Result<Issued, StoreError> {
        Store::issued(self)
    }
    fn apply(
        &self,
        save: &[AnyRecord],
        delete: &[RecordRef],
        _based_on: &[(RecordRef, NaiveDateTime)],
    ) -> Result<(), StoreError> {
        Store::apply(self, save, delete)
    }
    fn replace_all(&self, settings: &Settings, data: &Dataset) -> Result<(), StoreError> {
        Store::replace_all(self, settings, data)
    }
    fn check(&self) -> Result<Vec<Problem>, StoreError> {
        Store::check(self)
    }
    fn backup_due(&self, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
        backup::due(self, today)
    }
    fn write_backup(&self, path: &Path, data: Dataset) -> Result<PathBuf, StoreError> {
        let settings = Store::settings(self)?.unwrap_or_else(seed::default_settings);
        backup::write(self, path, settings, data)
    }
    fn refresh_lookup_cache(&self) -> Result<(), StoreError> {
        self.rebuild_lookup_cache()
    }
    fn close(&self) -> Result<(), StoreError> {
        self.mark_clean()
    }
    fn tick(&self) {
        Store::tick(self)
    }
    fn held_at(&self) -> Option<(u64, u64)> {
        self.tally().ok()
    }
}

/// What the server told a client unasked, for the dashboard to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// A colleague's change, already in the store.
    Changed(Notice),
    /// Who has the store open now.
    Present(Vec<String>),
    /// The server is gone; the next operation connects again.
    Lost,
    /// Connected again after [`Event::Lost`].
    Back,
    /// The store was reached after the first frame was drawn from its
    /// snapshot ([`crate::session::deferred`]); `changed`: it no longer
    /// holds what the snapshot held, so the records are read again.
    Ready { changed: bool },
    /// The store could not be reached after all (it is damaged, or held by
    /// a process that does not serve): why, for the user. The dashboard
    /// ends with it, as it would have before drawing anything.
    Failed(String),
}

/// The [`Backend`] methods of a backend that serves neither note texts nor
/// writes (the read-only snapshot, a store gone after `forget`): each is
/// refused with `self.$refusal()`, but those with nothing to do (no backup
/// due, no lookup cache to write, nothing to close).
macro_rules! refuse_note_texts_and_writes {
    ($refusal:ident) => {
        fn notes_of(&self, _: RecordRef) -> Result<Vec<Note>, StoreError> {
            Err(self.$refusal())
        }
        fn search_notes(&self, _: &str) -> Result<Vec<NoteHit>, StoreError> {
            Err(self.$refusal())
        }
        fn stamp_of(&self, _: RecordRef) -> Result<Option<Stamp>, StoreError> {
            Err(self.$refusal())
        }
        fn issued(&self) -> Result<Issued, StoreError> {
            Err(self.$refusal())
        }
        fn apply(
            &self,
            _: &[AnyRecord],
            _: &[RecordRef],
            _: &[(RecordRef, NaiveDateTime)],
        ) -> Result<(), StoreError> {
            Err(self.$refusal())
        }
        fn replace_all(&self, _: &Settings, _: &Dataset) -> Result<(), StoreError> {
            Err(self.$refusal())
        }
        fn check(&self) -> Result<Vec<Problem>, StoreError> {
            Err(self.$refusal())
        }
        fn backup_due(&self, _: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
            Ok(None)
        }
        fn write_backup(&self, _: &Path, _: Dataset) -> Result<PathBuf, StoreError> {
            Err(self.$refusal())
        }
        /// The lookup cache is the store holder's to write.
        fn refresh_lookup_cache(&self) -> Result<(), StoreError> {
            Ok(())
        }
        /// Nothing is held open, so nothing is closed or marked.
        fn close(&self) -> Result<(), StoreError> {
            Ok(())
        }
    };
}
pub(super) use refuse_note_texts_and_writes;

/// The read-only snapshot of a clean close ([`Frozen`]): what the commands
/// that only read answer from when no process has the store open, without
/// opening sled. Everything that writes, and what it does not keep (note
/// texts, the integrity check), is refused; those commands never ask.
impl Backend for Frozen {
    fn dir(&self) -> &Path {
        Frozen::dir(self)
    }
    fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        match kinds.contains(&Kind::Note) {
            true => Err(self.refuse()),
            false => Ok(Frozen::load_kinds(self, kinds)),
        }
    }
    fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        Ok(Frozen::load_without_notes(self))
    }
    fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError> {
        Ok(Frozen::cases_on_plates(self, departments))
    }
    fn settings(&self) -> Result<Option<Settings>, StoreError> {
        Ok(Frozen::settings(self))
    }
    fn is_empty(&self) -> Result<bool, StoreError> {
        Ok(Frozen::is_empty(self))
    }
    refuse_note_texts_and_writes!(refuse);
}
