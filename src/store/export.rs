//! The export file: the whole store as one versioned JSON document, and the
//! import that reads it back all-or-nothing.
//!
//! Shape (schema version 1):
//!
//! ```json
//! {
//!   "format": "mandaat-export",
//!   "schema_version": 1,
//!   "settings": { "stage_limits": [7, 14, …], … },
//!   "organisations": [ … ], "contacts": [ … ], "departments": [ … ],
//!   "hooks": [ … ], "cases": [ … ], "exceptions": [ … ],
//!   "followups": [ … ], "notes": [ … ], "tracks": [ … ]
//! }
//! ```
//!
//! Each list holds the records exactly as `domain::model` serialises them, sorted
//! by number. Unknown top-level fields are refused, so a typo never silently drops
//! data. The file carries no timestamp of its own: the same store always exports
//! to the same bytes.

use super::{SCHEMA_VERSION, Store, StoreError};
use crate::domain::integrity::{self, Problem};
use crate::domain::*;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

pub const FORMAT: &str = "mandaat-export";
/// Larger files are refused before parsing; region scale exports are far smaller.
pub const MAX_IMPORT_BYTES: usize = 256 * 1024 * 1024;

/// The export document and its conversions from and to a [`Dataset`], from
/// one list of the record kinds: a kind added to the list is exported,
/// imported and sorted alike, and one missing from it does not compile (the
/// destructuring of `Dataset` names every field).
macro_rules! export_doc {
    ($($field:ident: $ty:ty),* $(,)?) => {
        #[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
        #[serde(deny_unknown_fields)]
        pub struct ExportDoc {
            /// Always [`FORMAT`].
            pub format: String,
            pub schema_version: u32,
            pub settings: Settings,
            $(pub $field: Vec<$ty>,)*
        }

        impl ExportDoc {
            /// Like [`ExportDoc::new`], taking the data instead of copying it (a
            /// region-scale store is some 70 MB in memory).
            pub fn of(settings: Settings, mut data: Dataset) -> Self {
                data.sort();
                let Dataset { $($field),* } = data;
                ExportDoc {
                    format: FORMAT.to_string(),
                    schema_version: SCHEMA_VERSION,
                    settings,
                    $($field,)*
                }
            }

            /// The settings and the dataset, every list sorted by number.
            pub fn into_parts(self) -> (Settings, Dataset) {
                let mut data = Dataset { $($field: self.$field),* };
                data.sort();
                (self.settings, data)
            }
        }
    };
}

// In the order of `Kind::ALL`, which is the order of the file.
export_doc! {
    organisations: Organisation,
    contacts: Contact,
    departments: Department,
    hooks: PolicyHook,
    cases: Case,
    exceptions: ProcurementException,
    followups: FollowUp,
    notes: Note,
    tracks: CertificationTrack,
}

impl ExportDoc {
    pub fn new(settings: &Settings, data: &Dataset) -> Self {
        Self::of(settings.clone(), data.clone())
    }
}

/// Pretty JSON with a trailing newline; the same document gives the same bytes.
pub fn to_json(doc: &ExportDoc) -> Vec<u8> {
    // Plain data with string keys: serialising cannot fail.
    let mut out = serde_json::to_vec_pretty(doc).unwrap_or_else(|e| panic!("export: {e}"));
    out.push(b'\n');
    out
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, more than the {limit} allowed")]
    TooLarge { size: usize, limit: usize },
    #[error("invalid UTF-8 at byte {offset} (line {line})")]
    NotUtf8 { offset: usize, line: usize },
    #[error("not JSON at line {line} column {column}: {detail}")]
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("the file ends early at line {line} column {column}")]
    Truncated { line: usize, column: usize },
    /// `format` is not [`FORMAT`]; holds what was found as JSON (empty if absent).
    #[error("not a mandaat export (format {0})")]
    WrongFormat(String),
    #[error("schema version {found} is newer than the supported {supported}")]
    FutureVersion { found: u64, supported: u32 },
    #[error("schema version {found} is older than any this mandaat can read ({supported})")]
    OldVersion { found: u64, supported: u32 },
    #[error("{path} at line {line} column {column}: {detail}")]
    Format {
        path: String,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("the data has {} integrity problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    /// The file was fine but the store refused it (not empty, locked, …).
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Import an export file into an empty store, all or nothing: the file is read
/// and checked completely before the store is touched, and then written in one
/// transaction.
pub fn import(store: &Store, bytes: &[u8]) -> Result<(), ImportError> {
    if !store.is_empty()? {
        return Err(StoreError::NotEmpty {
            dir: store.dir().into(),
        }
        .into());
    }
    let (settings, data) = parse(bytes)?.into_parts();
    store.replace_all(&settings, &data)?;
    Ok(())
}

/// Only what is needed to tell a newer or foreign file from a broken one.
#[derive(Deserialize)]
struct Header {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    schema_version: Option<serde_json::Value>,
}

/// Read and check an export file completely; touches nothing.
pub fn parse(bytes: &[u8]) -> Result<ExportDoc, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: MAX_IMPORT_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        ImportError::NotUtf8 { offset, line }
    })?;
    // Editors on Windows like to start a file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }

    // Syntax first, so a broken file is called broken, not foreign.
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| {
        if e.classify() == serde_json::error::Category::Eof {
            ImportError::Truncated {
                line: e.line(),
                column: e.column(),
            }
        } else {
            ImportError::NotJson {
                line: e.line(),
                column: e.column(),
                detail: bare(&e),
            }
        }
    })?;
    if !text.trim_start().starts_with('{') {
        return Err(ImportError::WrongFormat(String::new()));
    }
    // Then the envelope, leniently, so a newer file says "newer" rather than
    // failing on a field this version does not know.
    let header: Header =
        serde_json::from_str(text).map_err(|e| ImportError::WrongFormat(bare(&e)))?;
    match &header.format {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        Some(other) => return Err(ImportError::WrongFormat(other.to_string())),
        None => return Err(ImportError::WrongFormat(String::new())),
    }
    if let Some(found) = header.schema_version.as_ref().and_then(|v| v.as_u64()) {
        let supported = SCHEMA_VERSION;
        if found > u64::from(supported) {
            return Err(ImportError::FutureVersion { found, supported });
        }
        if found < u64::from(supported) && !MIGRATIONS.iter().any(|(from, _)| *from == found) {
            return Err(ImportError::OldVersion { found, supported });
        }
    }
    let migrated;
    let text = match header.schema_version.as_ref().and_then(|v| v.as_u64()) {
        Some(found) if found < u64::from(SCHEMA_VERSION) => {
            migrated = migrate(text, found)?;
            migrated.as_str()
        }
        _ => text,
    };

    let mut de = serde_json::Deserializer::from_str(text);
    let doc: ExportDoc = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        ImportError::Format {
            path,
            line: inner.line(),
            column: inner.column(),
            detail: bare(&inner),
        }
    })?;

    let mut problems = integrity::validate_settings(&doc.settings);
    let (settings, data) = doc.clone().into_parts();
    problems.extend(integrity::validate(&data));
    problems.extend(integrity::validate_dates(&settings, &data));
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    Ok(doc)
}

/// One step per schema version: the version it reads, and how it rewrites a
/// document of that version into one of the next, as JSON values.
///
/// The path for a future change of the export shape: bump `SCHEMA_VERSION`,
/// add a step `(n, step_n_to_n1)` here (and the matching arm in
/// `open::migrate` for stores), and commit a fixture of version `n` under
/// `tests/fixtures/` with a test that imports it.
type Step = fn(&mut serde_json::Value);
const MIGRATIONS: &[(u64, Step)] = &[(0, v0_to_v1)];

/// Version 0 is the shape of the exports made before the first release:
/// action lines under their Dutch names (`impactvol_inkopen`). Version 1 names
/// every enum in English.
fn v0_to_v1(doc: &mut serde_json::Value) {
    let dutch = [
        ("dienstverlening", "services"),
        ("samenwerking_en_handel", "cooperation_and_trade"),
        ("impactvol_inkopen", "impact_procurement"),
        ("financiering", "financing"),
        ("zichtbaarheid", "visibility"),
    ];
    if let Some(cases) = doc.get_mut("cases").and_then(|c| c.as_array_mut()) {
        for case in cases {
            if let Some(line) = case.get_mut("action_line")
                && let Some((_, english)) = dutch.iter().find(|(nl, _)| line == *nl)
            {
                *line = serde_json::Value::from(*english);
            }
        }
    }
}

/// Run every step from `found` up to [`SCHEMA_VERSION`]; the result is the
/// document as this version writes it (line numbers in later errors refer to
/// that rewritten document).
fn migrate(text: &str, found: u64) -> Result<String, ImportError> {
    let mut doc: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson {
            line: e.line(),
            column: e.column(),
            detail: bare(&e),
        })?;
    for version in found..u64::from(SCHEMA_VERSION) {
        let supported = SCHEMA_VERSION;
        let (_, step) = MIGRATIONS
            .iter()
            .find(|(from, _)| *from == version)
            .ok_or(ImportError::OldVersion { found, supported })?;
        step(&mut doc);
        doc["schema_version"] = serde_json::Value::from(version + 1);
    }
    Ok(serde_json::to_string_pretty(&doc).unwrap_or_default())
}

/// serde_json's message without its " at line L column C" tail (we say it ourselves).
fn bare(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Replace `path` with `bytes` so that a crash leaves either the old file or the
/// new one, never half of either; the new file is readable by the user alone.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// An export written straight to `path` as [`to_json`] would make it, through
/// a buffer instead of one allocation of the whole document (at region scale
/// 67 MB, and more while the vector grows).
pub fn write_doc_atomic(path: &Path, doc: &ExportDoc) -> std::io::Result<()> {
    write_atomic_with(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        serde_json::to_writer_pretty(&mut out, doc).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
        out.flush()
    })
}

/// [`write_atomic`], with `fill` writing the content.
fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other(format!("{} is not a file name", path.display())))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    // The user's alone; in a folder shared with a group (setgid, the group
    // may write: a shared store and the folders beside it) the group's too,
    // so a colleague can read the backup, report or lookup cache.
    let shared = std::fs::metadata(dir)
        .is_ok_and(|m| std::os::unix::fs::MetadataExt::mode(&m) & 0o2070 == 0o2070);
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(if shared { 0o660 } else { 0o600 })
            .open(&tmp)?;
        fill(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename itself is only durable once the folder is synced.
    std::fs::File::open(dir)?.sync_all()
}
