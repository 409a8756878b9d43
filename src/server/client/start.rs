//! Starting a store server and waiting for it to listen.

use super::{Identity, Remote, START_PATIENCE, WhenGone};
use crate::store::StoreError;
use std::path::Path;
use std::time::{Duration, Instant};

impl Remote {
    /// Start a server for `dir` in the background and connect to it once it
    /// listens (some 200 ms at region scale). A dashboard that has the
    /// store's snapshot draws from it meanwhile (`crate::session::deferred`).
    pub fn start_and_connect(dir: &Path, identity: Identity) -> Result<Remote, StoreError> {
        let mut server = start_server(dir)?;
        let mut deadline = Instant::now() + START_PATIENCE;
        let mut ended = false;
        loop {
            if let Some(remote) = Remote::connect(dir, identity.clone(), WhenGone::StartServer)? {
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
