//! Serving a store: `mandaat serve`, and what a shared store needs of every
//! process that opens it.

use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// A store shared with a group (its folder is the group's to write): every
/// file this process makes there is the group's too, so that whichever
/// member opens or serves the store next can.
pub(super) fn share_files_with_group(dir: &Path) {
    if crate::server::sharing_of(dir).is_some() {
        // SAFETY: only changes the process's file-creation mask.
        unsafe {
            libc::umask(0o007);
        }
    }
}

/// `mandaat serve`: hold the store in `dir` and serve it over its socket
/// until `stop` is set or, with `idle_exit`, until no client has been there
/// for that long. With `group`, the store is shared with that group first
/// (its folder and files made the group's), and stays shared for every
/// later server. Refused while another server runs for it.
pub fn serve(
    dir: &Path,
    group: Option<&str>,
    idle_exit: Option<std::time::Duration>,
    stop: Arc<AtomicBool>,
) -> Result<(), StoreError> {
    use crate::server::{daemon, endpoint, peer};
    if let endpoint::Reach::Server(_) = endpoint::connect(dir) {
        return Err(StoreError::ServerRunning { dir: dir.into() });
    }
    let group = match group {
        Some(name) => {
            let g = peer::SharingGroup::named(name).ok_or_else(|| StoreError::NoSuchGroup {
                group: name.to_string(),
            })?;
            Some(g)
        }
        None => crate::server::sharing_of(dir),
    };
    if group.is_some() {
        // SAFETY: only changes the process's file-creation mask.
        unsafe {
            libc::umask(0o007);
        }
    }
    let store = Store::open(dir)?;
    if let Some(g) = &group {
        crate::server::share_folder(dir, g).map_err(|source| StoreError::Io {
            dir: dir.into(),
            source,
        })?;
    }
    let options = daemon::Options {
        access: peer::Access {
            owner_uid: nix::unistd::Uid::current().as_raw(),
            group,
        },
        idle_exit,
    };
    // A store closed cleanly a moment ago is held as its snapshot says,
    // rather than read record by record from sled.
    let held = match store.frozen_current() {
        Some(frozen) => {
            let at = frozen.at();
            let (data, heads, settings) = frozen.into_parts();
            crate::server::held::Held::with(Box::new(store), data, heads, settings).at(at)
        }
        None => crate::server::held::Held::new(Box::new(store))?,
    };
    daemon::serve(dir, held, options, stop).map_err(|source| StoreError::Io {
        dir: dir.into(),
        source,
    })
}

/// Where the server of the store in `dir` listens.
pub fn socket_path(dir: &Path) -> PathBuf {
    crate::server::endpoint::socket_path(dir)
}
