//! Where a store's server listens: a Unix socket in the store folder. No
//! network port: a colleague elsewhere reaches the shared host over SSH.

use super::peer::SharingGroup;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};

/// The socket's name inside the store folder.
pub const SOCKET: &str = "mandaat.sock";

pub fn socket_path(store_dir: &Path) -> PathBuf {
    store_dir.join(SOCKET)
}

/// What a client finds at a store's socket.
#[derive(Debug)]
pub enum Reach {
    /// A server answered.
    Server(UnixStream),
    /// No socket, or one left by a server that is gone (nobody accepts on
    /// it): the store is there to be opened, or served, by whoever comes.
    NoServer,
    /// A server may be there, but this user may not reach it (the socket or
    /// the folder is not theirs): not the same as "no store".
    NoAccess(io::Error),
}

/// Try the server of the store in `store_dir`.
pub fn connect(store_dir: &Path) -> Reach {
    match UnixStream::connect(socket_path(store_dir)) {
        Ok(stream) => Reach::Server(stream),
        Err(e) => match e.kind() {
            io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused => Reach::NoServer,
            io::ErrorKind::PermissionDenied => Reach::NoAccess(e),
            _ => Reach::NoServer,
        },
    }
}

/// Listen on the store's socket. The caller holds the store (sled's lock),
/// so a socket file found there was left by a server that is gone: it is
/// replaced. The socket is the owner's alone, or also the sharing group's.
pub fn bind(store_dir: &Path, group: Option<&SharingGroup>) -> io::Result<UnixListener> {
    let path = socket_path(store_dir);
    match std::fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let listener = UnixListener::bind(&path)?;
    // Connecting needs write permission on the socket.
    let mode = match group {
        Some(g) => {
            std::os::unix::fs::chown(&path, None, Some(g.gid))?;
            0o660
        }
        None => 0o600,
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))?;
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn no_socket_means_no_server() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(connect(dir.path()), Reach::NoServer));
    }

    #[test]
    fn a_bound_socket_is_reached_and_private() {
        let dir = tempfile::tempdir().unwrap();
        let listener = bind(dir.path(), None).unwrap();
        assert!(matches!(connect(dir.path()), Reach::Server(_)));
        let mode = std::fs::metadata(socket_path(dir.path())).unwrap().mode();
        assert_eq!(mode & 0o777, 0o600);
        drop(listener);
    }

    #[test]
    fn a_socket_left_by_a_killed_server_is_no_server_and_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        // A listener dropped without removing its file is what a kill leaves.
        drop(bind(dir.path(), None).unwrap());
        assert!(socket_path(dir.path()).exists());
        assert!(matches!(connect(dir.path()), Reach::NoServer));
        let _listener = bind(dir.path(), None).unwrap();
        assert!(matches!(connect(dir.path()), Reach::Server(_)));
    }

    #[test]
    fn a_shared_socket_belongs_to_the_group() {
        let dir = tempfile::tempdir().unwrap();
        let gid = std::fs::metadata(dir.path()).unwrap().gid();
        let group = SharingGroup {
            name: "own".into(),
            gid,
        };
        let _listener = bind(dir.path(), Some(&group)).unwrap();
        let meta = std::fs::metadata(socket_path(dir.path())).unwrap();
        assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, gid));
    }
}
