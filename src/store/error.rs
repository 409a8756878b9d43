//! What can go wrong with the store. What to tell the user about it, in their
//! language, is in the language module (`i18n/store.rs`).

use crate::domain::integrity::Problem;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process (another `mandaat`) has the store open.
    #[error("store {dir:?} is locked by another process")]
    Locked {
        dir: PathBuf,
        /// Who holds it, when the system says.
        holder: Option<Holder>,
    },
    /// The folder holds something other than a mandaat store; we never write to it.
    #[error("{dir:?} is not a mandaat store")]
    NotAStore { dir: PathBuf },
    /// The path given as the store is a file, not a folder.
    #[error("{dir:?} is a file, not a folder")]
    NotAFolder { dir: PathBuf },
    /// A command that only reads found no store; it does not make one.
    #[error("there is no store in {dir:?}")]
    Missing { dir: PathBuf },
    /// The folder (or its parent) may not be written; sled needs that even to
    /// read, because it locks the store.
    #[error("no write access to {dir:?}: {source}")]
    NoAccess {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The store's file system is mounted read-only: nothing is wrong with
    /// the store, it just cannot be locked or written there.
    #[error("the file system of {dir:?} is read-only: {source}")]
    ReadOnly {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The disk (or the user's quota) is full; nothing was written.
    #[error("no space left for {dir:?}: {source}")]
    NoSpace {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The check of a copy (after an unclean end) needs about the store's
    /// size in free space beside it, and the disk has less: the store is not
    /// known to be damaged, it could not be checked.
    #[error("no space to check a copy of {dir:?}: {needed} bytes needed, {available} free")]
    NoSpaceToCheck {
        dir: PathBuf,
        needed: u64,
        available: u64,
    },
    /// sled could not open the store, or a record in it cannot be decoded.
    #[error("store {dir:?} cannot be read: {detail}")]
    Unreadable { dir: PathBuf, detail: String },
    /// Written by a newer mandaat; left untouched.
    #[error("store {dir:?} has schema version {found}, this mandaat supports up to {supported}")]
    FutureSchema {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    /// `replace_all` (import, seed) only fills an empty store.
    #[error("store {dir:?} is not empty")]
    NotEmpty { dir: PathBuf },
    /// The data breaks the integrity rules; nothing was written.
    #[error("the data has {} integrity problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    /// The number is already used by another record; nothing was written.
    #[error("number {number} is already used by another record")]
    Conflict { number: String },
    /// A change to a record someone else changed since it was read; nothing
    /// was written.
    #[error("{number} was changed by {by} at {at} since it was read")]
    Stale {
        number: String,
        by: String,
        at: chrono::NaiveDateTime,
    },
    /// The store's server went away and no other could be reached.
    #[error("the server of {dir:?} is gone")]
    ServerGone { dir: PathBuf },
    /// The store's server does not serve this user.
    #[error("{user} may not use the store {dir:?} (owner {owner}, group {group:?})")]
    NotAllowed {
        dir: PathBuf,
        user: String,
        owner: String,
        group: Option<String>,
    },
    /// Client and server speak different protocols.
    #[error("protocol {client} against server protocol {server}")]
    Protocol {
        dir: PathBuf,
        client: u32,
        server: u32,
        server_mandaat: String,
        update_client: bool,
    },
    /// The store is there but belongs to another login, and is not shared
    /// with this one.
    #[error("the store {dir:?} belongs to {owner}")]
    NotTheirs {
        dir: PathBuf,
        owner: String,
        /// The group it is shared with, if any.
        group: Option<String>,
    },
    /// `mandaat serve` while a server runs for the store already.
    #[error("a server is already running for {dir:?}")]
    ServerRunning { dir: PathBuf },
    /// `mandaat serve --group` with a group the system does not have.
    #[error("there is no group {group}")]
    NoSuchGroup { group: String },
    /// The store's server refused or failed; its message (in the client's
    /// language) says what to do.
    #[error("{message}")]
    Server { dir: PathBuf, message: String },
    #[error("file system error on {dir:?}: {source}")]
    Io {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database error in {dir:?}: {source}")]
    Sled {
        dir: PathBuf,
        #[source]
        source: sled::Error,
    },
}

/// What kind of fault an error of the file system is, so each is told apart
/// from damage (which alone sends the user to a backup).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    ReadOnly,
    NoSpace,
    NoAccess,
    Other,
}

impl Fault {
    /// By the system's error number first (EROFS, ENOSPC and EDQUOT, EACCES
    /// and EPERM), then by the kind std gives an error without one.
    pub fn of(e: &std::io::Error) -> Fault {
        match e.raw_os_error() {
            Some(libc::EROFS) => Fault::ReadOnly,
            Some(libc::ENOSPC | libc::EDQUOT) => Fault::NoSpace,
            Some(libc::EACCES | libc::EPERM) => Fault::NoAccess,
            Some(_) => Fault::Other,
            None => match e.kind() {
                std::io::ErrorKind::ReadOnlyFilesystem => Fault::ReadOnly,
                std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                    Fault::NoSpace
                }
                std::io::ErrorKind::PermissionDenied => Fault::NoAccess,
                _ => Fault::Other,
            },
        }
    }
}

impl StoreError {
    /// An error of the file system on the store in `dir`, by its kind: a
    /// read-only file system, a full disk and a refused permission each get
    /// their own variant, never that of damage.
    pub fn io(dir: &std::path::Path, source: std::io::Error) -> StoreError {
        let dir = dir.into();
        match Fault::of(&source) {
            Fault::ReadOnly => StoreError::ReadOnly { dir, source },
            Fault::NoSpace => StoreError::NoSpace { dir, source },
            Fault::NoAccess => StoreError::NoAccess { dir, source },
            Fault::Other => StoreError::Io { dir, source },
        }
    }

    /// An error of sled on the store in `dir`: one of the file system
    /// underneath is classified as [`StoreError::io`] does.
    pub fn sled(dir: &std::path::Path, source: sled::Error) -> StoreError {
        match source {
            sled::Error::Io(e) => StoreError::io(dir, e),
            source => StoreError::Sled {
                dir: dir.into(),
                source,
            },
        }
    }
}

/// The process that holds a store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    pub pid: u32,
    pub user: String,
    /// Its command line, e.g. `mandaat import export.json`.
    pub command: String,
    pub since: Option<chrono::NaiveDateTime>,
}
