//! Daily backups: an export of the whole store, written beside the store
//! folder in `<store>-backups/mandaat-YYYY-MM-DD.json` (folder 0700, files
//! 0600), the last [`KEEP`] up to today kept. A backup dated after today
//! (left by a change made with a far-off `--today`) is neither counted nor
//! deleted, and restore never takes it unless it is named.
//!
//! Beside rather than inside the store: a store folder that is damaged, or
//! deleted by mistake, must not take its backups with it.

use super::export::{self, ExportDoc};
use super::{Store, StoreError};
use crate::domain::{Dataset, Settings};
use chrono::NaiveDate;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

/// How many daily backups are kept.
pub const KEEP: usize = 14;

/// Make `folder` (the backups or the day reports of the store in `dir`)
/// ready to write in, kept as the store folder is: the user's alone (0700),
/// or, for a store shared with a group, that group's (2770), so that a
/// colleague can read the reports and restore a backup. A folder that was
/// there already is given those permissions too: one left open to everyone
/// would let anyone plant a "newest" backup. Refused (an error) when this
/// user cannot set them, i.e. the folder is someone else's.
pub fn folder_beside(dir: &Path, folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)?;
    let store = std::fs::metadata(dir)?;
    let mode = match store.mode() & 0o070 == 0o070 {
        true => {
            std::os::unix::fs::chown(folder, None, Some(store.gid()))?;
            0o2770
        }
        false => 0o700,
    };
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode))
}

/// The backup folder of the store in `dir`: `<parent>/<name>-backups`.
pub fn backup_dir(dir: &Path) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "mandaat".into());
    let parent = dir.parent().unwrap_or(Path::new("."));
    parent.join(format!("{name}-backups"))
}

fn file_name(day: NaiveDate) -> String {
    format!("mandaat-{}.json", day.format("%Y-%m-%d"))
}

/// The backups of the store in `dir`, oldest first.
pub fn list(dir: &Path) -> Vec<PathBuf> {
    list_in(&backup_dir(dir))
        .into_iter()
        .map(|(_, p)| p)
        .collect()
}

/// The backups in `folder` (`mandaat-YYYY-MM-DD.json`), oldest first, each
/// with the day in its name.
pub fn list_in(folder: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut out: Vec<(NaiveDate, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter_map(|p| {
            let day = p
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix("mandaat-"))
                .and_then(|n| n.strip_suffix(".json"))
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())?;
            Some((day, p))
        })
        .collect();
    out.sort();
    out
}

/// Which backup in a folder a restore without a named file takes.
#[derive(Debug, PartialEq)]
pub struct Pick {
    /// The newest backup dated today or earlier, if there is one.
    pub newest: Option<PathBuf>,
    /// Backups dated after today (left by a change made with a far-off
    /// `--today`): never taken on their own, only when named.
    pub later: Vec<PathBuf>,
}

/// The newest backup in `folder` not dated after `today`, and those that are.
pub fn newest_up_to(folder: &Path, today: NaiveDate) -> Pick {
    let (up_to, later): (Vec<_>, Vec<_>) = list_in(folder)
        .into_iter()
        .partition(|(day, _)| *day <= today);
    Pick {
        newest: up_to.into_iter().next_back().map(|(_, p)| p),
        later: later.into_iter().map(|(_, p)| p).collect(),
    }
}

/// Where today's backup goes, if it is still to be made: the first start
/// of the day, on a store that holds something (an empty backup would push a
/// real one out).
pub fn due(store: &Store, today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
    let path = backup_dir(store.dir()).join(file_name(today));
    if path.exists() || store.is_empty()? {
        return Ok(None);
    }
    Ok(Some(path))
}

/// Write `settings` and `data`, all of `store` loaded a moment ago with
/// nothing saved since, as the backup `path` (from [`due`]); then prune to
/// [`KEEP`].
pub fn write(
    store: &Store,
    path: &Path,
    settings: Settings,
    data: Dataset,
) -> Result<PathBuf, StoreError> {
    let folder = backup_dir(store.dir());
    let io = |source| StoreError::io(&folder, source);
    folder_beside(store.dir(), &folder).map_err(io)?;
    export::write_doc_atomic(path, &ExportDoc::of(settings, data)).map_err(io)?;
    // Only backups up to the one just written (dated today) count towards
    // the [`KEEP`]: one dated after today must not push real ones out. It is
    // not deleted either (it holds the store as it was, and may be the one
    // the user wants): restore never takes it on its own and names it.
    let day = list_in(&folder)
        .into_iter()
        .find(|(_, p)| p == path)
        .map(|(day, _)| day);
    let up_to: Vec<PathBuf> = list_in(&folder)
        .into_iter()
        .filter(|(d, _)| day.is_none_or(|today| *d <= today))
        .map(|(_, p)| p)
        .collect();
    if up_to.len() > KEEP {
        for old in &up_to[..up_to.len() - KEEP] {
            std::fs::remove_file(old).map_err(io)?;
        }
    }
    // A backup cut short (a kill while writing) leaves its temporary file: a
    // whole copy of the store that would otherwise never age out, not even
    // after `forget`. Only one mandaat writes here at a time (the store lock).
    for stray in std::fs::read_dir(&folder).map_err(io)?.flatten() {
        let name = stray.file_name().to_string_lossy().into_owned();
        if name.starts_with(".mandaat-") && name.contains(".json.tmp-") {
            std::fs::remove_file(stray.path()).map_err(io)?;
        }
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().mode() & 0o7777
    }

    #[test]
    fn a_folder_beside_a_private_store_is_the_users_alone_even_if_it_was_open() {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("s");
        std::fs::create_dir(&store).unwrap();
        std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o700)).unwrap();
        let new = tmp.path().join("s-rapporten");
        folder_beside(&store, &new).unwrap();
        assert_eq!(mode(&new), 0o700);
        // Left open to everyone by hand: closed again.
        let open = backup_dir(&store);
        std::fs::create_dir(&open).unwrap();
        std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
        folder_beside(&store, &open).unwrap();
        assert_eq!(mode(&open), 0o700);
    }

    #[test]
    fn the_newest_backup_up_to_today_is_picked_never_a_later_one() {
        let tmp = tempfile::tempdir().unwrap();
        for name in [
            "mandaat-2024-11-14.json",
            "mandaat-2024-11-15.json",
            "mandaat-2030-01-01.json",
            "mandaat-kapot.json",
            ".mandaat-2024-11-16.json.tmp-1-0",
        ] {
            std::fs::write(tmp.path().join(name), b"{}").unwrap();
        }
        let day = |d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        let pick = newest_up_to(tmp.path(), day("2024-11-15"));
        assert_eq!(
            pick.newest,
            Some(tmp.path().join("mandaat-2024-11-15.json"))
        );
        assert_eq!(pick.later, [tmp.path().join("mandaat-2030-01-01.json")]);
        let pick = newest_up_to(tmp.path(), day("2024-11-01"));
        assert_eq!(pick.newest, None);
        assert_eq!(pick.later.len(), 3);
    }

    #[test]
    fn a_folder_beside_a_shared_store_is_the_groups() {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("s");
        std::fs::create_dir(&store).unwrap();
        // Any group this user is in will do: their own primary group.
        let gid = nix::unistd::Gid::current().as_raw();
        std::os::unix::fs::chown(&store, None, Some(gid)).unwrap();
        std::fs::set_permissions(&store, std::fs::Permissions::from_mode(0o2770)).unwrap();
        let folder = backup_dir(&store);
        folder_beside(&store, &folder).unwrap();
        assert_eq!(mode(&folder), 0o2770);
        assert_eq!(std::fs::metadata(&folder).unwrap().gid(), gid);
    }
}
