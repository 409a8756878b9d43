//! The lookup cache: `lookup-cache.json` in the store folder, with what
//! `mandaat owner` needs (the departments, the contacts, and every
//! department's plate as text), so the command can answer without opening
//! sled. At region scale sled's open alone takes 30–45 ms of the 50 ms the
//! command may take (issue 7); and sled's lock would refuse the command while
//! the dashboard is open.
//!
//! The cache is derived and never the only copy of anything. Every write to
//! the store deletes it first (`invalidate`), so a cache that exists is
//! current; a clean close ([`super::Store::mark_clean`]), and the session
//! at rest after a change, write it again. It also carries the length and modification time of sled's `db`
//! file when it was written, and is only used while they still match: that
//! covers what the deletion cannot (a deletion lost to a power cut, a write
//! by a mandaat that did not know the cache). A cache that cannot be read or
//! does not match is ignored and the command opens the store instead.

use super::StoreError;
use crate::domain::{Contact, Dataset, Department, Id, KeywordIndex, department_plate};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::path::{Path, PathBuf};

pub(super) const FILE: &str = "lookup-cache.json";
/// Raised whenever the shape below changes; another format is ignored.
const FORMAT: u32 = 3;

/// The cache as written; it is read back as a [`LookupView`].
#[derive(Clone, Debug, Serialize)]
pub struct LookupCache {
    format: u32,
    /// sled's `db` file (length, modification time in ns) when written.
    db_len: u64,
    db_mtime_ns: i128,
    pub departments: Vec<Department>,
    pub contacts: Vec<Contact>,
    /// Each department's plate, read only when asked for: a lookup shows a
    /// handful of departments, and the plates of all of them (thousands of
    /// case numbers at region scale) were a third of `mandaat owner`'s time.
    plates: Vec<(Id, LazyPlate)>,
}

/// A plate encoded once, as it goes into the file and a view reads it.
#[derive(Clone, Debug, Serialize)]
#[serde(transparent)]
struct LazyPlate(Box<RawValue>);

/// A department's plate ([`department_plate`]) as the owner lookup prints it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlateText {
    pub department: Id,
    /// "C07 loonkostensubsidie": the case and the blocker's keyword.
    pub open_blockers: Vec<String>,
    pub cases: Vec<String>,
    pub exceptions: Vec<String>,
}

impl PlateText {
    /// The plate of `department` in `data` (which must hold the cases and
    /// exceptions on it, and the contacts).
    pub fn of(data: &Dataset, department: Id) -> PlateText {
        let plate = department_plate(data, department);
        PlateText {
            department,
            open_blockers: plate
                .open_blockers
                .iter()
                .map(|(c, b)| format!("{} {}", c.number, b.keyword))
                .collect(),
            cases: plate.cases.iter().map(|c| c.number.clone()).collect(),
            exceptions: plate.exceptions.iter().map(|x| x.number.clone()).collect(),
        }
    }
}

impl LookupCache {
    /// From `data` holding the departments, contacts, and the cases and
    /// exceptions on their plates.
    pub fn build(data: &Dataset) -> LookupCache {
        let all: Vec<Id> = data.departments.iter().map(|d| d.id).collect();
        LookupCache::for_departments(data, &all)
    }

    /// Like [`LookupCache::build`], with the plates of `departments` only.
    pub fn for_departments(data: &Dataset, departments: &[Id]) -> LookupCache {
        LookupCache {
            format: FORMAT,
            db_len: 0,
            db_mtime_ns: 0,
            departments: data.departments.clone(),
            contacts: data.contacts.clone(),
            plates: departments
                .iter()
                .filter_map(|d| {
                    let plate = serde_json::value::to_raw_value(&PlateText::of(data, *d)).ok()?;
                    Some((*d, LazyPlate(plate)))
                })
                .collect(),
        }
    }

    /// The cache as [`LookupView`] borrows it.
    pub fn view(&self) -> LookupView<'_> {
        LookupView {
            format: self.format,
            db_len: self.db_len,
            db_mtime_ns: self.db_mtime_ns,
            departments: (self.departments.iter())
                .map(|d| DepartmentView {
                    id: d.id,
                    number: Cow::Borrowed(&d.number),
                    name: Cow::Borrowed(&d.name),
                    keywords: (d.keywords.iter())
                        .map(|k| KeywordView {
                            text: Cow::Borrowed(&k.text),
                            primary: k.primary,
                        })
                        .collect(),
                    liaisons: d.liaisons.clone(),
                })
                .collect(),
            contacts: self.contacts.clone(),
            plates: self.plates.iter().map(|(d, p)| (*d, &*p.0)).collect(),
        }
    }
}

/// What `mandaat owner` reads of the cache, borrowed from the file's bytes:
/// of a department only what the lookup and its answer use, the keywords
/// without a copy each (most need no unescaping), the plates as they are
/// written until one is shown. A process that answers one lookup then pays
/// for a few hundred allocations instead of some fifteen thousand.
#[derive(Deserialize)]
pub struct LookupView<'a> {
    format: u32,
    db_len: u64,
    db_mtime_ns: i128,
    #[serde(borrow)]
    pub departments: Vec<DepartmentView<'a>>,
    pub contacts: Vec<Contact>,
    #[serde(borrow)]
    plates: Vec<(Id, &'a RawValue)>,
}

#[derive(Deserialize)]
pub struct DepartmentView<'a> {
    pub id: Id,
    #[serde(borrow)]
    pub number: Cow<'a, str>,
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde(borrow, default)]
    pub keywords: Vec<KeywordView<'a>>,
    #[serde(default)]
    pub liaisons: Vec<Id>,
}

#[derive(Deserialize)]
pub struct KeywordView<'a> {
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    pub primary: bool,
}

impl LookupView<'_> {
    /// The owner lookup's index over the departments' keywords.
    pub fn keyword_index(&self) -> KeywordIndex {
        KeywordIndex::from_terms(self.departments.iter().map(|d| {
            let terms = d.keywords.iter().map(|k| (&*k.text, k.primary));
            (d.id, &*d.number, terms)
        }))
    }

    /// The plate of `department`; `None` for one without a plate in the
    /// cache (or one that cannot be read: the file is written whole, so as
    /// good as never).
    pub fn plate(&self, department: Id) -> Option<PlateText> {
        let (_, plate) = self.plates.iter().find(|(d, _)| *d == department)?;
        serde_json::from_str(plate.get()).ok()
    }
}

fn path(dir: &Path) -> PathBuf {
    dir.join(FILE)
}

/// The cache of the store in `dir`, if there is a current one (of this
/// format, matching sled's `db` as it is now). Touches nothing.
pub fn read(dir: &Path) -> Option<CacheBytes> {
    read_file(dir).filter(|bytes| bytes.view().is_some())
}

/// The cache file of the store in `dir`, if there is one:
/// [`CacheBytes::view`] says whether it is current (read once, decoded
/// once, for `mandaat owner`). Touches nothing.
pub fn read_file(dir: &Path) -> Option<CacheBytes> {
    let bytes = std::fs::read(path(dir)).ok()?;
    let stamp = super::verify::db_stamp(dir)?;
    Some(CacheBytes { bytes, stamp })
}

/// The lookup part of the store's read-only snapshot
/// ([`super::frozen::read_lookup`]), if the snapshot is current: what
/// `mandaat owner` answers from when the cache file is missing. It is
/// written unstamped; the snapshot's own checks vouch for it. Touches
/// nothing.
pub fn read_snapshot(dir: &Path) -> Option<CacheBytes> {
    let bytes = super::frozen::read_lookup(dir)?;
    Some(CacheBytes {
        bytes,
        stamp: (0, 0),
    })
}

/// A lookup cache as read from its file (see [`read`]), with sled's `db`
/// (length, modification time) as it was then.
#[derive(Debug, PartialEq, Eq)]
pub struct CacheBytes {
    bytes: Vec<u8>,
    stamp: (u64, i128),
}

impl CacheBytes {
    /// The cache, if it is of this format and matches sled's `db`.
    pub fn view(&self) -> Option<LookupView<'_>> {
        serde_json::from_slice::<LookupView>(&self.bytes)
            .ok()
            .filter(|c| c.format == FORMAT && (c.db_len, c.db_mtime_ns) == self.stamp)
    }
}

/// Take the cache out of use before a write: it would no longer be
/// current. Set aside and deleted off the key path ([`super::aside`]).
pub(super) fn invalidate(dir: &Path) -> Result<bool, StoreError> {
    super::aside::set_aside(dir, FILE)
}

/// Write the cache; a failure only makes the next lookup open the store.
/// Call only after the last flush: the cache is stamped with `db` as it is.
pub(super) fn write(dir: &Path, cache: &mut LookupCache) {
    let Some((len, mtime)) = super::verify::db_stamp(dir) else {
        return;
    };
    (cache.db_len, cache.db_mtime_ns) = (len, mtime);
    if let Ok(bytes) = serde_json::to_vec(cache) {
        let _ = super::export::write_atomic(&path(dir), &bytes);
    }
    // A write cut short (a kill) leaves its temporary file, and nothing else
    // would ever remove it. Only the holder of the store lock writes the
    // cache, so none of these is still being written.
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let stray = format!(".{FILE}.tmp-");
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&stray) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
