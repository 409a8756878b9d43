//! What the store server keeps in memory: every record but the notes, every
//! note's head, and the settings, read once when it starts and kept current
//! with each change it applies. It answers the listings, the plates and the
//! version checks of conflicts from there, so a client waits for no read of
//! sled; only a note's text (`notes_of`), the integrity check and the
//! backups read the store.
//!
//! [`Held`] wraps the backend the server holds and is itself a [`Backend`],
//! so the daemon serves it as it would serve the store.

use super::protocol::Encoded;
use crate::domain::find::NoteHit;
use crate::domain::integrity::Problem;
use crate::domain::{
    AnyRecord, Case, Dataset, Id, Issued, Kind, Note, NoteHead, Number, RecordRef, Settings, Stamp,
};
use crate::session::backend::Backend;
use crate::store::StoreError;
use chrono::{NaiveDate, NaiveDateTime};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

pub struct Held {
    inner: Box<dyn Backend>,
    memory: RwLock<Memory>,
    /// [`Held::encoded_without_notes`]'s two parts as of the last change
    /// that touched each, once asked.
    encoded: Mutex<Parts>,
    changed_at: Mutex<Option<Instant>>,
    /// The store's record count and save sequence when this began to hold
    /// it, until the first change ([`Held::held_at`]).
    held_at: Mutex<Option<(u64, u64)>>,
}

/// How long without a change before [`Held::prepare`] encodes.
const QUIET: Duration = Duration::from_secs(1);

/// The parts of the encoded records, each made again when a change touched it.
#[derive(Default)]
struct Parts {
    records: Option<Arc<Vec<u8>>>,
    heads: Option<Arc<Vec<u8>>>,
}

/// The records as they are in the store, without the notes' text.
struct Memory {
    data: Dataset,
    heads: Vec<NoteHead>,
    settings: Option<Settings>,
}

impl Memory {
    fn read(inner: &dyn Backend) -> Result<Memory, StoreError> {
        let (data, heads) = inner.load_without_notes()?;
        Ok(Memory {
            data,
            heads,
            settings: inner.settings()?,
        })
    }

    /// Take in a change the store has just saved.
    fn take_in(&mut self, save: &[AnyRecord], delete: &[RecordRef]) {
        for r in delete {
            match r.kind {
                Kind::Note => self.heads.retain(|h| h.id != r.id),
                _ => self.data.remove(*r),
            }
        }
        for record in save {
            match record {
                AnyRecord::Note(n) => match self.heads.iter_mut().find(|h| h.id == n.id) {
                    Some(head) => *head = n.head(),
                    None => self.heads.push(n.head()),
                },
                other => {
                    let (kind, fresh) = (other.kind(), self.data.get(other.record_ref()).is_none());
                    self.data.upsert(other.clone());
                    if !fresh {
                        continue;
                    }
                    // Lists stay in number order, as the store returns them;
                    // a new record is nearly always the highest, so this is
                    // only a check.
                    sort_if_needed(&mut self.data, kind);
                }
            }
        }
    }
}

/// Keep a list in number order after a record was added at its end.
fn sort_if_needed(data: &mut Dataset, kind: Kind) {
    macro_rules! one {
        ($list:expr) => {{
            let list = &mut $list;
            let n = list.len();
            let in_order = n < 2
                || (Number::parse(&list[n - 2].number), list[n - 2].id)
                    <= (Number::parse(&list[n - 1].number), list[n - 1].id);
            if !in_order {
                list.sort_by_cached_key(|r| (Number::parse(&r.number), r.id));
            }
        }};
    }
    match kind {
        Kind::Organisation => one!(data.organisations),
        Kind::Contact => one!(data.contacts),
        Kind::Department => one!(data.departments),
        Kind::Hook => one!(data.hooks),
        Kind::Case => one!(data.cases),
        Kind::Exception => one!(data.exceptions),
        Kind::FollowUp => one!(data.followups),
        Kind::Note => one!(data.notes),
        Kind::Track => one!(data.tracks),
    }
}

impl Held {
    /// Read what `inner` holds into memory.
    pub fn new(inner: Box<dyn Backend>) -> Result<Held, StoreError> {
        let memory = Memory::read(inner.as_ref())?;
        Ok(Held::holding(inner, memory))
    }

    /// A server for `inner` that holds `data`, `heads` and `settings`, which
    /// must be what `inner` holds (its read-only snapshot of this moment,
    /// see [`crate::store::Store::frozen_current`]).
    pub fn with(
        inner: Box<dyn Backend>,
        data: Dataset,
        heads: Vec<NoteHead>,
        settings: Option<Settings>,
    ) -> Held {
        let memory = Memory {
            data,
            heads,
            settings,
        };
        Held::holding(inner, memory)
    }

    fn holding(inner: Box<dyn Backend>, memory: Memory) -> Held {
        Held {
            inner,
            memory: RwLock::new(memory),
            encoded: Mutex::new(Parts::default()),
            changed_at: Mutex::new(None),
            held_at: Mutex::new(None),
        }
    }

    /// Say that what is held is the store at record count and save
    /// sequence `at` (the caller read both from the store before this
    /// held it, with nothing written since).
    pub fn at(self, at: (u64, u64)) -> Held {
        *self.held_at.lock().unwrap_or_else(|e| e.into_inner()) = Some(at);
        self
    }

    /// The record count and save sequence of what is held, as long as no
    /// change came since it was read ([`Held::at`]); `None` after one.
    pub fn held_at(&self) -> Option<(u64, u64)> {
        *self.held_at.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn memory(&self) -> std::sync::RwLockReadGuard<'_, Memory> {
        // A panic while taking in a change cannot leave half a record: the
        // lists are replaced element by element. Serve what is there.
        self.memory.read().unwrap_or_else(|e| e.into_inner())
    }

    fn reread(&self) -> Result<(), StoreError> {
        let fresh = Memory::read(self.inner.as_ref())?;
        self.change(true, true, |memory| *memory = fresh);
        Ok(())
    }

    /// Change what is held; the encoded parts it touches (`records`, the
    /// note `heads`) are made again when next asked.
    fn change(&self, records: bool, heads: bool, f: impl FnOnce(&mut Memory)) {
        let mut encoded = self.encoded.lock().unwrap_or_else(|e| e.into_inner());
        *self.held_at.lock().unwrap_or_else(|e| e.into_inner()) = None;
        f(&mut self.memory.write().unwrap_or_else(|e| e.into_inner()));
        if records {
            encoded.records = None;
        }
        if heads {
            encoded.heads = None;
        }
        *self.changed_at.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
    }

    /// [`Backend::load_without_notes`] encoded for the wire
    /// ([`crate::server::protocol::Reply::WithoutNotes`]): made once after
    /// each change and kept, since every dashboard that starts asks for it;
    /// shared, not copied, with every answer that carries it.
    pub fn encoded_without_notes(&self) -> Encoded {
        let mut encoded = self.encoded.lock().unwrap_or_else(|e| e.into_inner());
        self.encode(&mut encoded)
    }

    /// Make the encoded copy now if a change dropped it and none came for a
    /// second (the server calls this now and then), and let the store have
    /// its quiet moment ([`Backend::tick`]). Not sooner: a change
    /// waits for an encoding under way, and changes come in bursts.
    pub fn prepare(&self) {
        let mut encoded = self.encoded.lock().unwrap_or_else(|e| e.into_inner());
        let quiet = self
            .changed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none_or(|t| t.elapsed() >= QUIET);
        if quiet {
            self.encode(&mut encoded);
            // And delete what the last writes set aside, out of their way.
            self.inner.tick();
        }
    }

    fn encode(&self, parts: &mut Parts) -> Encoded {
        let records = parts
            .records
            .get_or_insert_with(|| Encoded::records(&self.memory().data));
        let heads = parts
            .heads
            .get_or_insert_with(|| Encoded::heads(&self.memory().heads));
        Encoded {
            records: Arc::clone(records),
            heads: Arc::clone(heads),
        }
    }
}

impl Backend for Held {
    fn dir(&self) -> &Path {
        self.inner.dir()
    }

    fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        let mut data = self.memory().data.only(kinds);
        if kinds.contains(&Kind::Note) {
            data.notes = self.inner.load_kinds(&[Kind::Note])?.notes;
        }
        Ok(data)
    }

    fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        let memory = self.memory();
        Ok((memory.data.clone(), memory.heads.clone()))
    }

    fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError> {
        self.inner.notes_of(target)
    }

    fn search_notes(&self, query: &str) -> Result<Vec<NoteHit>, StoreError> {
        self.inner.search_notes(query)
    }

    fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError> {
        // The same cases as the store's plate index: those with an open
        // blocker of one of `departments` while open, in number order.
        Ok(self
            .memory()
            .data
            .cases
            .iter()
            .filter(|c| {
                c.blocking_departments()
                    .iter()
                    .any(|d| departments.contains(d))
            })
            .cloned()
            .collect())
    }

    fn stamp_of(&self, r: RecordRef) -> Result<Option<Stamp>, StoreError> {
        match r.kind {
            Kind::Note => self.inner.stamp_of(r),
            _ => Ok(self.memory().data.get(r).map(|x| x.stamp().clone())),
        }
    }

    fn settings(&self) -> Result<Option<Settings>, StoreError> {
        Ok(self.memory().settings.clone())
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        let memory = self.memory();
        Ok(memory.data.is_empty() && memory.heads.is_empty() && memory.settings.is_none())
    }

    fn issued(&self) -> Result<Issued, StoreError> {
        self.inner.issued()
    }

    fn apply(
        &self,
        save: &[AnyRecord],
        delete: &[RecordRef],
        based_on: &[(RecordRef, NaiveDateTime)],
    ) -> Result<(), StoreError> {
        // The write lock is taken only after the store has the change, so
        // readers are held up for the copy into memory alone. A reader in
        // between sees the state before the change, as it would have a
        // moment earlier; the change is told to the others after this.
        let result = self.inner.apply(save, delete, based_on);
        match &result {
            Ok(()) => {
                let notes = |kind: Kind| kind == Kind::Note;
                let heads =
                    save.iter().any(|r| notes(r.kind())) || delete.iter().any(|r| notes(r.kind));
                let records =
                    save.iter().any(|r| !notes(r.kind())) || delete.iter().any(|r| !notes(r.kind));
                self.change(records, heads, |memory| memory.take_in(save, delete))
            }
            // Refused before anything was written.
            Err(StoreError::Conflict { .. } | StoreError::Invalid(_)) => {}
            // What the store did is not known (a failed flush): read it
            // again rather than guess.
            Err(_) => {
                let _ = self.reread();
            }
        }
        result
    }

    fn replace_all(&self, settings: &Settings, data: &Dataset) -> Result<(), StoreError> {
        let result = self.inner.replace_all(settings, data);
        self.reread()?;
        result
    }

    fn check(&self) -> Result<Vec<Problem>, StoreError> {
        self.inner.check()
    }

    fn backup_due(&self, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
        self.inner.backup_due(today)
    }

    fn write_backup(&self, path: &Path, data: Dataset) -> Result<PathBuf, StoreError> {
        self.inner.write_backup(path, data)
    }

    fn refresh_lookup_cache(&self) -> Result<(), StoreError> {
        self.inner.refresh_lookup_cache()
    }

    fn close(&self) -> Result<(), StoreError> {
        self.inner.close()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ops::Ctx;
    use crate::fixtures::seed;
    use crate::server::protocol::Records;
    use crate::store::Store;

    fn held_demo() -> (tempfile::TempDir, Held) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let ctx = Ctx {
            today,
            now: today.and_hms_opt(9, 0, 0).unwrap(),
            user: "Anouk".into(),
        };
        let (settings, mut data) = seed::reference(&ctx).unwrap();
        for record in seed::demo(today, &data).unwrap() {
            data.upsert(record);
        }
        data.sort();
        store.replace_all(&settings, &data).unwrap();
        (dir, Held::new(Box::new(store)).unwrap())
    }

    /// Whatever the memory answers, the store answers the same.
    fn same_as_store(held: &Held) {
        let (data, mut heads) = held.load_without_notes().unwrap();
        let (stored, mut stored_heads) = held.inner.load_without_notes().unwrap();
        assert_eq!(data, stored);
        heads.sort_by_key(|h| h.id);
        stored_heads.sort_by_key(|h| h.id);
        assert_eq!(heads, stored_heads);
        let departments: Vec<Id> = data.departments.iter().map(|d| d.id).collect();
        for d in &departments {
            assert_eq!(
                held.cases_on_plates(&[*d]).unwrap(),
                held.inner.cases_on_plates(&[*d]).unwrap()
            );
        }
        for case in &data.cases {
            assert_eq!(
                held.stamp_of(AnyRecord::from(case.clone()).record_ref())
                    .unwrap(),
                Some(case.stamp.clone())
            );
        }
        assert_eq!(held.settings().unwrap(), held.inner.settings().unwrap());
    }

    #[test]
    fn memory_follows_every_change_as_the_store_does() {
        let (_dir, held) = held_demo();
        same_as_store(&held);
        let (data, heads) = held.load_without_notes().unwrap();

        // A changed case (off every plate), a new case numbered below the
        // highest, a new note, a removed follow-up.
        let mut changed = data.cases[0].clone();
        changed.blockers.clear();
        changed.title.push_str(" (bijgewerkt)");
        let mut fresh = data.cases[1].clone();
        fresh.id = Id::new_v4();
        fresh.number = "C0".into();
        let mut note = held.inner.load_kinds(&[Kind::Note]).unwrap().notes[0].clone();
        note.id = Id::new_v4();
        note.number = Issued::default().next_number(Kind::Note, heads.iter().map(|h| h.seq));
        let gone = AnyRecord::from(data.followups[0].clone()).record_ref();
        held.apply(
            &[changed.into(), fresh.into(), note.clone().into()],
            &[gone],
            &[],
        )
        .unwrap();
        same_as_store(&held);
        assert_eq!(
            held.load_kinds(&[Kind::Case]).unwrap().cases[0].number,
            "C0"
        );

        // A removed note leaves the heads.
        held.apply(&[], &[AnyRecord::from(note).record_ref()], &[])
            .unwrap();
        same_as_store(&held);
    }

    #[test]
    fn the_encoded_copy_follows_every_change() {
        let (_dir, held) = held_demo();
        let decode = |encoded: Encoded| Records::decode(&encoded.parts().concat()).unwrap();
        assert_eq!(
            decode(held.encoded_without_notes()),
            held.load_without_notes().unwrap()
        );
        let mut case = held.load_without_notes().unwrap().0.cases[0].clone();
        case.title = "Nieuw".into();
        held.apply(&[case.into()], &[], &[]).unwrap();
        let (data, _) = decode(held.encoded_without_notes());
        assert_eq!(data.cases[0].title, "Nieuw");
        held.prepare();
        assert_eq!(
            decode(held.encoded_without_notes()),
            held.load_without_notes().unwrap()
        );

        // A note saved: only the heads are encoded again.
        let before = held.encoded_without_notes();
        let mut note = held.load_kinds(&[Kind::Note]).unwrap().notes[0].clone();
        note.id = crate::domain::Id::new_v4();
        note.number = "N999".into();
        held.apply(&[note.into()], &[], &[]).unwrap();
        let after = held.encoded_without_notes();
        assert!(Arc::ptr_eq(&before.records, &after.records));
        assert!(!Arc::ptr_eq(&before.heads, &after.heads));
        assert_eq!(decode(after), held.load_without_notes().unwrap());
    }

    #[test]
    fn what_a_write_set_aside_is_deleted_a_quiet_second_later() {
        let (dir, held) = held_demo();
        let asides = || {
            (std::fs::read_dir(dir.path()).unwrap())
                .filter(|e| {
                    let name = e.as_ref().unwrap().file_name();
                    name.to_string_lossy().starts_with(".lookup-cache.json.old")
                })
                .count()
        };
        held.refresh_lookup_cache().unwrap();
        let mut case = held.load_without_notes().unwrap().0.cases[0].clone();
        case.title = "Nieuw".into();
        held.apply(&[case.into()], &[], &[]).unwrap();
        assert_eq!(asides(), 1);
        // Not while changes come.
        held.prepare();
        assert_eq!(asides(), 1);
        std::thread::sleep(QUIET);
        held.prepare();
        assert_eq!(asides(), 0);
    }

    #[test]
    fn a_refused_change_leaves_memory_as_the_store() {
        let (_dir, held) = held_demo();
        let (data, _) = held.load_without_notes().unwrap();
        // A second case with the number of the first: the store refuses it.
        let mut twin = data.cases[1].clone();
        twin.id = Id::new_v4();
        twin.number = data.cases[0].number.clone();
        let refused = held.apply(&[twin.into()], &[], &[]);
        assert!(
            matches!(refused, Err(StoreError::Conflict { .. })),
            "{refused:?}"
        );
        same_as_store(&held);
        assert_eq!(held.load_without_notes().unwrap().0, data);
    }

    #[test]
    fn only_the_asked_kinds_and_notes_from_the_store() {
        let (_dir, held) = held_demo();
        let some = held.load_kinds(&[Kind::Department, Kind::Note]).unwrap();
        let stored = held
            .inner
            .load_kinds(&[Kind::Department, Kind::Note])
            .unwrap();
        assert_eq!(some, stored);
        assert!(some.cases.is_empty() && !some.notes.is_empty());
    }
}
