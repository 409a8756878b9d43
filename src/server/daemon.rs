//! The server: holds one store (sled's lock) and serves every other mandaat
//! on it through the socket in the store folder. One thread per client;
//! changes are checked against the version they were based on and applied
//! one at a time, acknowledged only after the store flushed them, and then
//! told to every other client.

use super::endpoint;
use super::held::Held;
use super::peer::{self, Access, Peer};
use super::protocol::{
    Ask, ChangeSet, Encoded, Failure, Notice, Records, Reply, Request, ServerMsg,
};
use super::wire::{self, Greeting, Hello, Refusal};
use crate::domain::{AnyRecord, Kind};
use crate::i18n::Lang;
use crate::session::backend::Backend;
use crate::store::StoreError;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a write to one client may take before it is cut off.
const WRITE_PATIENCE: Duration = Duration::from_secs(2);

/// How a server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Who besides the owner may use the store.
    pub access: Access,
    /// End this long after the last client left (`None`: run until stopped).
    pub idle_exit: Option<Duration>,
}

/// The state every client thread shares.
struct Hub {
    backend: Held,
    access: Access,
    owner: String,
    /// Changes one at a time: the check against the stored version and the
    /// write must not interleave with another client's.
    writing: Mutex<()>,
    clients: Mutex<BTreeMap<u64, Client>>,
    next_client: AtomicU64,
    /// A change removed the lookup cache; written again when quiet.
    lookup_stale: AtomicBool,
    /// The day the last backup was checked for (the first change of a day
    /// makes one).
    backed_up: Mutex<Option<NaiveDate>>,
    /// A client said which day it is, and when: a second later the watcher
    /// writes that day's backup if it is due, so the day's first change
    /// seldom has to wait for it (it still would, until it is written).
    backup_wanted: Mutex<Option<(NaiveDate, Instant)>>,
    stop: AtomicBool,
}

/// How long after a client says which day it is the day's backup starts:
/// not while that client draws its first frame on the same cores.
const BACKUP_AFTER: Duration = Duration::from_secs(1);

/// One connected client, as the others see it.
struct Client {
    name: String,
    writer: Arc<Mutex<UnixStream>>,
}

/// Serve `backend` (the store in `dir`) until stopped or, with
/// [`Options::idle_exit`], until no client has been connected for that long.
/// `stop` ends it from outside (a signal handler sets it).
pub fn serve(dir: &Path, backend: Held, options: Options, stop: Arc<AtomicBool>) -> io::Result<()> {
    let listener = endpoint::bind(dir, options.access.group.as_ref())?;
    let hub = Arc::new(Hub {
        backend,
        owner: peer::user_name(options.access.owner_uid),
        access: options.access,
        writing: Mutex::new(()),
        clients: Mutex::new(BTreeMap::new()),
        next_client: AtomicU64::new(1),
        // Opening the store changed its files, so a cache from before is
        // no longer current: `mandaat owner` answers from it once written.
        lookup_stale: AtomicBool::new(crate::store::lookup::read(dir).is_none()),
        backed_up: Mutex::new(None),
        backup_wanted: Mutex::new(None),
        stop: AtomicBool::new(false),
    });
    let ours = socket_identity(dir);
    let watcher = {
        let hub = Arc::clone(&hub);
        let dir = dir.to_path_buf();
        let listening = std::os::fd::AsRawFd::as_raw_fd(&listener);
        std::thread::spawn(move || watch(&hub, &dir, options.idle_exit, &stop, listening, ours))
    };
    accept(&listener, &hub);
    let _ = watcher.join();
    // Nobody can connect any more; those connected are cut off by the exit.
    // The socket is removed only if it is still this server's: one that was
    // replaced belongs to the next server now.
    if socket_identity(dir) == ours {
        let _ = std::fs::remove_file(endpoint::socket_path(dir));
    }
    hub.backend.close().map_err(io::Error::other)
}

/// Which file the socket in `dir` is (device and inode), if there is one.
fn socket_identity(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::symlink_metadata(endpoint::socket_path(dir)).ok()?;
    Some((meta.dev(), meta.ino()))
}

fn accept(listener: &UnixListener, hub: &Arc<Hub>) {
    for stream in listener.incoming() {
        if hub.stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let hub = Arc::clone(hub);
        std::thread::spawn(move || {
            // A client that goes away mid-message is its own loss.
            let _ = serve_client(&hub, stream);
        });
    }
}

/// Ends the server when asked, when idle, or when its socket is gone (the
/// store folder deleted or moved, the socket removed or taken over: nobody
/// can reach this server any more), and writes the lookup cache when the
/// store has been quiet for a moment.
fn watch(
    hub: &Hub,
    dir: &Path,
    idle_exit: Option<Duration>,
    stop: &AtomicBool,
    listening: std::os::fd::RawFd,
    ours: Option<(u64, u64)>,
) {
    let mut alone_since = Some(Instant::now());
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let clients = hub.clients.lock().map(|c| c.len()).unwrap_or(0);
        alone_since = match (clients, alone_since) {
            (0, None) => Some(Instant::now()),
            (0, since) => since,
            _ => None,
        };
        let idle = idle_exit
            .zip(alone_since)
            .is_some_and(|(d, t)| t.elapsed() >= d);
        let due = {
            let mut wanted = hub.backup_wanted.lock().unwrap_or_else(|e| e.into_inner());
            match *wanted {
                Some((day, at)) if at.elapsed() >= BACKUP_AFTER => wanted.take().map(|_| day),
                _ => None,
            }
        };
        if let Some(day) = due {
            let _one_at_a_time = hub.writing.lock();
            // A failure is tried again (and told) with the day's first change.
            let _ = hub.backup_if_due(Some(day));
            // The whole store was read for it: give that memory back.
            crate::session::release_free_memory();
        }
        if hub.lookup_stale.swap(false, Ordering::SeqCst) {
            let _guard = hub.writing.lock();
            let _ = hub.backend.refresh_lookup_cache();
        }
        // What the next dashboard to start will ask for, ready before it asks.
        hub.backend.prepare();
        // A socket gone before this server even saw it (removed the moment
        // it was bound) is as unreachable as one removed later.
        let unreachable = ours.is_none() || socket_identity(dir) != ours;
        if idle || unreachable || stop.load(Ordering::SeqCst) {
            hub.stop.store(true, Ordering::SeqCst);
            // Wake the accepting thread so it sees the stop: shutting the
            // listening socket down ends its wait even when the socket file
            // is gone (a connect would find nothing to connect to).
            // SAFETY: shutdown on a descriptor the listener owns and keeps
            // open until `serve` returns; no memory is involved.
            unsafe {
                libc::shutdown(listening, libc::SHUT_RDWR);
            }
            let _ = UnixStream::connect(endpoint::socket_path(dir));
            return;
        }
    }
}

/// The handshake, then requests until the client leaves.
fn serve_client(hub: &Hub, stream: UnixStream) -> Result<(), wire::WireError> {
    let peer = peer::peer_of(&stream)?;
    stream.set_write_timeout(Some(WRITE_PATIENCE))?;
    let mut reader = stream.try_clone()?;
    let writer = Arc::new(Mutex::new(stream));
    let Some(hello) = wire::read_frame::<Hello>(&mut reader)? else {
        return Ok(());
    };
    let send = |msg: &Greeting| wire::write_frame(&mut *writer.lock().unwrap(), msg);
    if !hub.access.allows(peer.uid) {
        return send(&Greeting::Refused(Refusal::NotAllowed {
            user: peer.user.clone(),
            owner: hub.owner.clone(),
            group: hub.access.group.as_ref().map(|g| g.name.clone()),
        }));
    }
    if let Err(refusal) = wire::check_protocol(&hello) {
        return send(&Greeting::Refused(refusal));
    }
    send(&Greeting::Welcome {
        protocol: wire::PROTOCOL,
        mandaat: env!("CARGO_PKG_VERSION").to_string(),
        server_pid: std::process::id(),
        you: peer.user.clone(),
        present: hub.present(),
    })?;
    let id = hub.next_client.fetch_add(1, Ordering::SeqCst);
    let mut session = ClientSession {
        id,
        author: peer.user.clone(),
        lang: Lang::default(),
        today: None,
        told: None,
    };
    hub.join(id, &peer, Arc::clone(&writer));
    let served = (|| {
        while let Some(ask) = wire::read_message::<Ask>(&mut reader)? {
            let result = hub.answer(&mut session, &peer, ask.request);
            write_reply(&mut writer.lock().unwrap(), ask.id, result)?;
            if let Some(notice) = session.told.take() {
                hub.tell_all(Some(id), &ServerMsg::Changed(notice));
            }
        }
        Ok(())
    })();
    hub.leave(id);
    served
}

/// Write the answer to request `id`. The records a dashboard starts with go
/// out as the server keeps them encoded, without a copy (see
/// [`wire::write_message_with_tail`]).
fn write_reply(
    w: &mut UnixStream,
    id: u64,
    result: Result<Reply, Failure>,
) -> Result<(), wire::WireError> {
    match result {
        Ok(Reply::WithoutNotes(Records::Encoded(encoded))) => {
            let empty = Records::Encoded(Encoded::default());
            let msg = ServerMsg::Reply {
                id,
                result: Ok(Reply::WithoutNotes(empty)),
            };
            wire::write_message_with_tail(w, &msg, &encoded.parts())
        }
        result => wire::write_message(w, &ServerMsg::Reply { id, result }),
    }
}

/// What the server knows of one client beyond its socket.
struct ClientSession {
    id: u64,
    author: String,
    lang: Lang,
    today: Option<NaiveDate>,
    /// The change this client just made, to tell the others.
    told: Option<Notice>,
}

/// Who the changes of a client are recorded as: a client under the server's
/// own login is that person (or whoever they say with `--user`: the same
/// login can read and write the store's files anyway); any other login is
/// the login the socket names, whatever the client says.
pub fn author(peer: &Peer, owner_uid: u32, claimed: &str) -> String {
    match peer.uid == owner_uid && !claimed.trim().is_empty() {
        true => claimed.to_string(),
        false => peer.user.clone(),
    }
}

impl Hub {
    fn present(&self) -> Vec<String> {
        let clients = self.clients.lock().unwrap();
        let mut names: Vec<String> = clients.values().map(|c| c.name.clone()).collect();
        names.sort();
        names.dedup();
        names
    }

    fn join(&self, id: u64, peer: &Peer, writer: Arc<Mutex<UnixStream>>) {
        self.clients.lock().unwrap().insert(
            id,
            Client {
                name: peer.user.clone(),
                writer,
            },
        );
        self.tell_presence();
    }

    fn leave(&self, id: u64) {
        self.clients.lock().unwrap().remove(&id);
        self.tell_presence();
    }

    fn rename(&self, id: u64, name: &str) {
        if let Some(c) = self.clients.lock().unwrap().get_mut(&id) {
            c.name = name.to_string();
        }
        self.tell_presence();
    }

    fn tell_presence(&self) {
        let present = ServerMsg::Present(self.present());
        self.tell_all(None, &present);
    }

    /// Send `msg` to every client but `except`; a client whose socket is
    /// gone is left to its own thread to clear.
    fn tell_all(&self, except: Option<u64>, msg: &ServerMsg) {
        let writers: Vec<_> = {
            let clients = self.clients.lock().unwrap();
            clients
                .iter()
                .filter(|(id, _)| Some(**id) != except)
                .map(|(_, c)| Arc::clone(&c.writer))
                .collect()
        };
        for w in writers {
            let mut stream = w.lock().unwrap();
            if wire::write_message(&mut *stream, msg).is_err() {
                // A client that takes nothing in for WRITE_PATIENCE (a
                // suspended terminal) is cut off rather than holding up the
                // rest; it connects again when it wakes and reads afresh.
                let _ = stream.shutdown(std::net::Shutdown::Both);
            }
        }
    }

    fn answer(
        &self,
        client: &mut ClientSession,
        peer: &Peer,
        request: Request,
    ) -> Result<Reply, Failure> {
        let lang = client.lang;
        let said = |e: StoreError| Failure::of(e, lang);
        let b = &self.backend;
        Ok(match request {
            Request::Identify { user, lang, today } => {
                client.author = author(peer, self.access.owner_uid, &user);
                client.lang = lang;
                client.today = Some(today);
                if *self.backed_up.lock().unwrap() != Some(today) {
                    *self.backup_wanted.lock().unwrap() = Some((today, Instant::now()));
                }
                self.rename(client.id, &client.author);
                Reply::Identified {
                    author: client.author.clone(),
                }
            }
            Request::LoadKinds(kinds) => Reply::Data(b.load_kinds(&kinds).map_err(said)?),
            Request::LoadWithoutNotes => {
                Reply::WithoutNotes(Records::Encoded(self.backend.encoded_without_notes()))
            }
            Request::NotesOf(r) => Reply::Notes(b.notes_of(r).map_err(said)?),
            Request::SearchNotes(q) => Reply::NoteHits(b.search_notes(&q).map_err(said)?),
            Request::CasesOnPlates(ids) => Reply::Cases(b.cases_on_plates(&ids).map_err(said)?),
            Request::Settings => Reply::Settings(b.settings().map_err(said)?),
            Request::IsEmpty => Reply::Flag(b.is_empty().map_err(said)?),
            Request::Issued => Reply::Issued(b.issued().map_err(said)?),
            Request::HeldAt => Reply::HeldAt(self.backend.held_at()),
            Request::Check => Reply::Problems(b.check().map_err(said)?),
            Request::ReplaceAll { settings, data } => {
                let _one_at_a_time = self.writing.lock().unwrap();
                self.lookup_stale.store(true, Ordering::SeqCst);
                b.replace_all(&settings, &data).map_err(said)?;
                Reply::Done
            }
            Request::Apply(change) => {
                self.apply(client, change)?;
                Reply::Done
            }
        })
    }

    /// Check a change against what is stored, save it, then tell the others.
    fn apply(&self, client: &mut ClientSession, change: ChangeSet) -> Result<(), Failure> {
        let lang = client.lang;
        let said = |e: StoreError| Failure::of(e, lang);
        let b = &self.backend;
        {
            let _one_at_a_time = self.writing.lock().unwrap();
            self.backup_if_due(client.today).map_err(said)?;
            for (r, base) in &change.based_on {
                let Some(now) = b.stamp_of(*r).map_err(said)? else {
                    continue;
                };
                if now.updated_at == *base {
                    continue;
                }
                // The same change sent again after an answer was lost.
                let resent = change
                    .save
                    .iter()
                    .find(|s| s.record_ref() == *r)
                    .is_some_and(|s| s.stamp() == &now);
                if !resent {
                    let number =
                        number_of(&change.save, *r).unwrap_or_else(|| r.kind.prefix().to_string());
                    return Err(Failure::Stale {
                        number,
                        by: now.changed_by,
                        at: now.updated_at,
                    });
                }
            }
            self.lookup_stale.store(true, Ordering::SeqCst);
            b.apply(&change.save, &change.delete, &[]).map_err(said)?;
        }
        // Told to the others after the writer has its answer (see
        // `serve_client`): a slow client must not hold up an acknowledgement.
        client.told = Some(Notice {
            by: client.author.clone(),
            at: change.save.iter().map(|r| r.stamp().updated_at).max(),
            saved: change.save,
            deleted: change.delete,
        });
        Ok(())
    }

    /// The first change of a day writes the day's backup first, as an
    /// embedded writer does.
    fn backup_if_due(&self, today: Option<NaiveDate>) -> Result<(), StoreError> {
        let Some(today) = today else { return Ok(()) };
        let mut checked = self.backed_up.lock().unwrap();
        if *checked == Some(today) {
            return Ok(());
        }
        let b = &self.backend;
        if let Some(path) = b.backup_due(today)? {
            b.write_backup(&path, b.load_kinds(&Kind::ALL)?)?;
        }
        *checked = Some(today);
        Ok(())
    }
}

fn number_of(records: &[AnyRecord], r: crate::domain::RecordRef) -> Option<String> {
    records
        .iter()
        .find(|s| s.record_ref() == r)
        .map(|s| s.number().to_string())
}

/// The folder a server for `dir` would listen in (for messages).
pub fn socket_of(dir: &Path) -> PathBuf {
    endpoint::socket_path(dir)
}
