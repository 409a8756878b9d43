//! The store server: one mandaat process owns a store and serves every other
//! mandaat on it over a Unix socket in the store folder (sled allows one
//! process per store). This module holds the parts both sides share: who is on
//! the other end of the socket ([`peer`]) and how the two talk ([`wire`]).

pub mod client;
pub mod daemon;
pub mod endpoint;
pub mod held;
pub mod peer;
pub mod protocol;
pub mod wire;

/// How long a server that a dashboard started stays after its last client left.
pub const AUTO_IDLE_EXIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The group a store is shared with: the group of its folder, when that
/// group may write there (`mandaat serve --group` sets this up).
pub fn sharing_of(dir: &std::path::Path) -> Option<peer::SharingGroup> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(dir).ok()?;
    (meta.mode() & 0o070 == 0o070).then(|| peer::SharingGroup {
        name: nix::unistd::Group::from_gid(nix::unistd::Gid::from_raw(meta.gid()))
            .ok()
            .flatten()
            .map_or_else(|| meta.gid().to_string(), |g| g.name),
        gid: meta.gid(),
    })
}

/// Share the store folder `dir` with `group`: the folder and everything in it
/// become the group's to read and write, and new files inherit the group.
pub fn share_folder(dir: &std::path::Path, group: &peer::SharingGroup) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fn walk(path: &std::path::Path, gid: u32) -> std::io::Result<()> {
        let meta = std::fs::symlink_metadata(path)?;
        if meta.file_type().is_symlink() {
            return Ok(());
        }
        std::os::unix::fs::chown(path, None, Some(gid))?;
        let mode = match meta.is_dir() {
            true => 0o2770,
            false => 0o660,
        };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
        if meta.is_dir() {
            for entry in std::fs::read_dir(path)? {
                walk(&entry?.path(), gid)?;
            }
        }
        Ok(())
    }
    walk(dir, group.gid)
}
