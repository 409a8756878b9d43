//! Starting a store server, and starting from the store's snapshot while
//! it opens the store (see [`Remote::start_and_connect`]).

use super::{Identity, Remote, START_PATIENCE, WhenGone};
use crate::domain::{Dataset, NoteHead};
use crate::server::protocol::{Reply, Request};
use crate::store::StoreError;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

/// The snapshot of a store, read and decoded on a thread of its own.
pub type ReadAhead = std::thread::JoinHandle<Option<crate::store::frozen::Frozen>>;

impl Remote {
    /// Start a server for `dir` in the background and connect to it. While
    /// the server opens the store (some 200 ms at region scale), the store's
    /// read-only snapshot is read on another thread: if the server then holds
    /// the store as that snapshot has it, the records come from the snapshot
    /// rather than through the socket (see `load_without_notes`).
    pub fn start_and_connect(dir: &Path, identity: Identity) -> Result<Remote, StoreError> {
        let mut server = start_server(dir)?;
        let read_ahead = Remote::read_ahead(dir);
        let mut deadline = Instant::now() + START_PATIENCE;
        let mut ended = false;
        loop {
            if let Some(remote) = Remote::connect(dir, identity.clone(), WhenGone::StartServer)? {
                *remote.read_ahead.lock().unwrap() = read_ahead;
                return Ok(remote);
            }
            // A server that could not hold the store ends at once: another
            // process has it. That may be a server another dashboard started
            // a moment ago, so look for its socket a little longer, no more.
            if !ended && server.try_wait().ok().flatten().is_some() {
                ended = true;
                deadline = deadline.min(Instant::now() + Duration::from_secs(1));
            }
            if Instant::now() > deadline {
                return Err(StoreError::ServerGone { dir: dir.into() });
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Read the snapshot of the store in `dir` on a thread of its own.
    pub fn read_ahead(dir: &Path) -> Option<ReadAhead> {
        let dir = dir.to_path_buf();
        (std::thread::Builder::new().name("read-ahead".into()))
            .spawn(move || crate::store::frozen::read_whole(&dir))
            .ok()
    }

    /// Connect as [`Remote::connect`] with the snapshot being read by
    /// `read_ahead` (tests; [`Remote::start_and_connect`] does this itself).
    pub fn connect_reading_ahead(
        dir: &Path,
        identity: Identity,
        read_ahead: Option<ReadAhead>,
    ) -> Result<Option<Remote>, StoreError> {
        let remote = Remote::connect(dir, identity, WhenGone::StartServer)?;
        if let Some(remote) = &remote {
            *remote.read_ahead.lock().unwrap() = read_ahead;
        }
        Ok(remote)
    }

    /// Whether the records this client started from came from the store's
    /// snapshot, read ahead, rather than through the socket.
    pub fn started_from_snapshot(&self) -> bool {
        self.from_snapshot.load(Ordering::SeqCst)
    }

    /// The snapshot read ahead, if the server holds the store as it has it.
    pub(super) fn snapshot_if_held(&self) -> Option<(Dataset, Vec<NoteHead>)> {
        let reading = self.read_ahead.lock().unwrap().take()?;
        let held_at = match self.call(Request::HeldAt) {
            Ok(Reply::HeldAt(at)) => at?,
            _ => return None,
        };
        let frozen = reading.join().ok().flatten()?;
        if frozen.at() != held_at {
            return None;
        }
        let (data, heads, _) = frozen.into_parts();
        Some((data, heads))
    }
}

/// Start `mandaat serve` for `dir` in the background, in a session of its
/// own so that closing this terminal does not end it; it ends by itself a
/// while after its last client left.
pub fn start_server(dir: &Path) -> Result<std::process::Child, StoreError> {
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let io = |source: std::io::Error| StoreError::Io {
        dir: dir.into(),
        source,
    };
    let exe = std::env::current_exe().map_err(io)?;
    let mut command = Command::new(exe);
    command
        .arg("--store")
        .arg(dir)
        .arg("serve")
        .arg("--idle-exit")
        .arg(crate::server::AUTO_IDLE_EXIT.as_secs().to_string())
        .env_remove("MANDAAT_TODAY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: setsid is async-signal-safe; it only detaches the child from
    // this terminal's session.
    unsafe {
        command.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    command.spawn().map_err(io)
}
