//! The client side: a [`Backend`] that sends each operation to the store's
//! server and waits for its answer, while a reader thread collects what the
//! server tells unasked (a colleague's change, who is there). When the server
//! goes away the client says so, and the next operation connects again (to
//! a new server, which a dashboard starts itself if there is none).

use super::endpoint::{self, Reach};
use super::protocol::{Ask, ChangeSet, Failure, Records, Reply, Request, ServerMsg};
use super::wire::{self, Greeting, Hello, Outdated, Refusal};
use crate::domain::find::NoteHit;
use crate::domain::integrity::Problem;
use crate::domain::{
    AnyRecord, Case, Dataset, Id, Issued, Kind, Note, NoteHead, RecordRef, Settings, Stamp,
};
use crate::i18n::Lang;
use crate::session::backend::{Backend, Event};
use crate::store::StoreError;
use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::FxHashMap;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

mod start;
pub use start::start_server;

/// Who a client acts for, told to the server right after the handshake.
#[derive(Clone, Debug)]
pub struct Identity {
    pub user: String,
    pub lang: Lang,
    pub today: NaiveDate,
}

/// How a client finds a server when its own went away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenGone {
    /// Connect to a new one if there is one (a command).
    Reconnect,
    /// Start one if there is none (the dashboard).
    StartServer,
}

type Waiting = Arc<Mutex<FxHashMap<u64, mpsc::Sender<Result<Reply, Failure>>>>>;

struct Conn {
    writer: UnixStream,
    waiting: Waiting,
    /// Set by the reader thread when the server's end closed.
    dead: Arc<std::sync::atomic::AtomicBool>,
}

pub struct Remote {
    dir: PathBuf,
    identity: Identity,
    when_gone: WhenGone,
    conn: Mutex<Option<Conn>>,
    next_id: AtomicU64,
    events: Arc<Mutex<Vec<Event>>>,
    /// The name the server records this client's changes under.
    author: Mutex<String>,
    /// The last version of each record this client read or wrote: what its
    /// changes are based on.
    versions: Arc<Mutex<FxHashMap<Id, NaiveDateTime>>>,
    /// When a lost server was last looked for (see `tick`).
    last_try: Mutex<Option<Instant>>,
}

/// How often an idle client looks for a server that went away.
const RETRY_EVERY: Duration = Duration::from_secs(1);

/// How long a dashboard waits for the server it started to listen.
const START_PATIENCE: Duration = Duration::from_secs(10);

impl Remote {
    /// The server of the store in `dir`, if one is running. `Ok(None)`:
    /// none is, the caller works embedded (or starts one).
    pub fn connect(
        dir: &Path,
        identity: Identity,
        when_gone: WhenGone,
    ) -> Result<Option<Remote>, StoreError> {
        let remote = Remote {
            dir: dir.to_path_buf(),
            identity,
            when_gone,
            conn: Mutex::new(None),
            next_id: AtomicU64::new(1),
            events: Arc::new(Mutex::new(Vec::new())),
            author: Mutex::new(String::new()),
            versions: Arc::default(),
            last_try: Mutex::new(None),
        };
        match remote.open_conn()? {
            Some(conn) => {
                *remote.conn.lock().unwrap() = Some(conn);
                Ok(Some(remote))
            }
            None => Ok(None),
        }
    }

    /// The name the server records this client's changes under.
    pub fn author(&self) -> String {
        self.author.lock().unwrap().clone()
    }

    /// Everything the server said unasked since the last call.
    pub fn take_events(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.lock().unwrap())
    }

    /// Connect, shake hands, say who we are.
    fn open_conn(&self) -> Result<Option<Conn>, StoreError> {
        let stream = match endpoint::connect(&self.dir) {
            Reach::Server(s) => s,
            Reach::NoServer => return Ok(None),
            Reach::NoAccess(source) => {
                return Err(crate::store::Store::not_theirs(&self.dir).unwrap_or(
                    StoreError::NoAccess {
                        dir: self.dir.clone(),
                        source,
                    },
                ));
            }
        };
        let io = |source: std::io::Error| StoreError::Io {
            dir: self.dir.clone(),
            source,
        };
        let gone = |_: wire::WireError| StoreError::ServerGone {
            dir: self.dir.clone(),
        };
        let lost = || StoreError::ServerGone {
            dir: self.dir.clone(),
        };
        let mut reader = stream.try_clone().map_err(io)?;
        let mut writer = stream;
        wire::write_frame(&mut writer, &Hello::now()).map_err(gone)?;
        match wire::read_frame::<Greeting>(&mut reader).map_err(gone)? {
            None => return Err(lost()),
            Some(Greeting::Welcome { present, .. }) => {
                self.events.lock().unwrap().push(Event::Present(present));
            }
            Some(Greeting::Refused(refusal)) => return Err(self.refused(refusal)),
        }
        let waiting: Waiting = Arc::default();
        let dead: Arc<std::sync::atomic::AtomicBool> = Arc::default();
        {
            let waiting = Arc::clone(&waiting);
            let events = Arc::clone(&self.events);
            let versions = Arc::clone(&self.versions);
            let dead = Arc::clone(&dead);
            std::thread::spawn(move || {
                read_messages(reader, &waiting, &events, &versions);
                // Unless this client closed it, the server went away.
                if !dead.swap(true, Ordering::SeqCst) {
                    events.lock().unwrap().push(Event::Lost);
                }
            });
        }
        let conn = Conn {
            writer,
            waiting,
            dead,
        };
        let identify = Request::Identify {
            user: self.identity.user.clone(),
            lang: self.identity.lang,
            today: self.identity.today,
        };
        match send(&conn, self.next_id.fetch_add(1, Ordering::SeqCst), identify) {
            Some(Ok(Reply::Identified { author })) => *self.author.lock().unwrap() = author,
            _ => return Err(lost()),
        }
        Ok(Some(conn))
    }

    fn refused(&self, refusal: Refusal) -> StoreError {
        let dir = self.dir.clone();
        match refusal {
            Refusal::NotAllowed { user, owner, group } => StoreError::NotAllowed {
                dir,
                user,
                owner,
                group,
            },
            Refusal::Protocol {
                client,
                server,
                server_mandaat,
            } => StoreError::Protocol {
                dir,
                client,
                server,
                server_mandaat,
                update_client: refusal_outdated(client, server) == Outdated::Client,
            },
        }
    }

    /// Send `request` and wait for its answer; once more on a new
    /// connection if the server went away meanwhile. Every request is safe
    /// to send twice: reads change nothing, and a change sent again after
    /// its answer was lost is recognised by the server as already made.
    fn call(&self, request: Request) -> Result<Reply, StoreError> {
        for _ in 0..2 {
            let mut guard = self.conn.lock().unwrap();
            if guard.as_ref().is_some_and(Conn::is_dead) {
                *guard = None;
            }
            if guard.is_none() {
                // Only after a loss: the first connection is made in `connect`.
                *guard = self.reconnect()?;
                if guard.is_some() {
                    self.events.lock().unwrap().push(Event::Back);
                }
            }
            let Some(conn) = guard.as_ref() else {
                return Err(StoreError::ServerGone {
                    dir: self.dir.clone(),
                });
            };
            let id = self.next_id.fetch_add(1, Ordering::SeqCst);
            match send(conn, id, request.clone()) {
                Some(Ok(reply)) => return Ok(reply),
                Some(Err(Failure::Stale { number, by, at })) => {
                    return Err(StoreError::Stale { number, by, at });
                }
                Some(Err(Failure::Taken { number })) => {
                    return Err(StoreError::Conflict { number });
                }
                Some(Err(Failure::Store { message })) => {
                    return Err(StoreError::Server {
                        dir: self.dir.clone(),
                        message,
                    });
                }
                None => {
                    // The reader thread says it was lost.
                    *guard = None;
                }
            }
        }
        Err(StoreError::ServerGone {
            dir: self.dir.clone(),
        })
    }

    fn reconnect(&self) -> Result<Option<Conn>, StoreError> {
        if let Some(conn) = self.open_conn()? {
            return Ok(Some(conn));
        }
        if self.when_gone == WhenGone::StartServer {
            let mut server = start_server(&self.dir)?;
            let deadline = Instant::now() + START_PATIENCE;
            while Instant::now() < deadline {
                if let Some(conn) = self.open_conn()? {
                    return Ok(Some(conn));
                }
                if server.try_wait().ok().flatten().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        Ok(None)
    }

    fn remember(&self, records: impl IntoIterator<Item = (Id, NaiveDateTime)>) {
        self.versions.lock().unwrap().extend(records);
    }

    fn remember_data(&self, data: &Dataset) {
        self.remember(versions_of(data));
    }
}

/// The version (last change) of every record in `data`: what a client's
/// changes to them are based on.
pub fn versions_of(data: &Dataset) -> Vec<(Id, NaiveDateTime)> {
    let mut v = Vec::new();
    macro_rules! each {
        ($($list:ident),*) => {
            $(v.extend(data.$list.iter().map(|r| (r.id, r.stamp.updated_at)));)*
        };
    }
    each!(
        organisations,
        contacts,
        departments,
        hooks,
        cases,
        exceptions,
        followups,
        notes,
        tracks
    );
    v
}

fn refusal_outdated(client: u32, server: u32) -> Outdated {
    match client < server {
        true => Outdated::Client,
        false => Outdated::Server,
    }
}

impl Conn {
    fn is_dead(&self) -> bool {
        self.dead.load(Ordering::SeqCst)
    }
}

/// Write one request and wait for its answer; `None` if the connection broke.
fn send(conn: &Conn, id: u64, request: Request) -> Option<Result<Reply, Failure>> {
    let (tx, rx) = mpsc::channel();
    conn.waiting.lock().unwrap().insert(id, tx);
    let mut writer = &conn.writer;
    if wire::write_message(&mut writer, &Ask { id, request }).is_err() {
        conn.waiting.lock().unwrap().remove(&id);
        return None;
    }
    rx.recv().ok()
}

/// The reader thread: answers to whoever waits for them, the rest to the
/// event list. When the stream ends every waiter is let go (it sees `None`).
fn read_messages(
    mut reader: UnixStream,
    waiting: &Waiting,
    events: &Mutex<Vec<Event>>,
    versions: &Mutex<FxHashMap<Id, NaiveDateTime>>,
) {
    while let Ok(Some(msg)) = wire::read_message::<ServerMsg>(&mut reader) {
        match msg {
            ServerMsg::Reply { id, result } => {
                if let Some(tx) = waiting.lock().unwrap().remove(&id) {
                    let _ = tx.send(result);
                }
            }
            ServerMsg::Changed(notice) => {
                // What is on screen now is the colleague's version.
                versions
                    .lock()
                    .unwrap()
                    .extend(notice.saved.iter().map(|r| (r.id(), r.stamp().updated_at)));
                events.lock().unwrap().push(Event::Changed(notice));
            }
            ServerMsg::Present(names) => events.lock().unwrap().push(Event::Present(names)),
        }
    }
    waiting.lock().unwrap().clear();
}

impl Backend for Remote {
    fn dir(&self) -> &Path {
        &self.dir
    }

    fn load_kinds(&self, kinds: &[Kind]) -> Result<Dataset, StoreError> {
        match self.call(Request::LoadKinds(kinds.to_vec()))? {
            Reply::Data(data) => {
                self.remember_data(&data);
                Ok(data)
            }
            _ => Err(self.confused()),
        }
    }

    fn load_without_notes(&self) -> Result<(Dataset, Vec<NoteHead>), StoreError> {
        match self.call(Request::LoadWithoutNotes)? {
            Reply::WithoutNotes(Records::Decoded(records)) => {
                let (data, heads) = *records;
                self.remember_data(&data);
                Ok((data, heads))
            }
            _ => Err(self.confused()),
        }
    }

    fn notes_of(&self, target: RecordRef) -> Result<Vec<Note>, StoreError> {
        match self.call(Request::NotesOf(target))? {
            Reply::Notes(notes) => Ok(notes),
            _ => Err(self.confused()),
        }
    }

    fn search_notes(&self, query: &str) -> Result<Vec<NoteHit>, StoreError> {
        match self.call(Request::SearchNotes(query.to_string()))? {
            Reply::NoteHits(hits) => Ok(hits),
            _ => Err(self.confused()),
        }
    }

    fn cases_on_plates(&self, departments: &[Id]) -> Result<Vec<Case>, StoreError> {
        match self.call(Request::CasesOnPlates(departments.to_vec()))? {
            Reply::Cases(cases) => Ok(cases),
            _ => Err(self.confused()),
        }
    }

    fn stamp_of(&self, _r: RecordRef) -> Result<Option<Stamp>, StoreError> {
        // Only the server compares versions.
        Ok(None)
    }

    fn settings(&self) -> Result<Option<Settings>, StoreError> {
        match self.call(Request::Settings)? {
            Reply::Settings(s) => Ok(s),
            _ => Err(self.confused()),
        }
    }

    fn is_empty(&self) -> Result<bool, StoreError> {
        match self.call(Request::IsEmpty)? {
            Reply::Flag(b) => Ok(b),
            _ => Err(self.confused()),
        }
    }

    fn issued(&self) -> Result<Issued, StoreError> {
        match self.call(Request::Issued)? {
            Reply::Issued(issued) => Ok(issued),
            _ => Err(self.confused()),
        }
    }

    fn apply(
        &self,
        save: &[AnyRecord],
        delete: &[RecordRef],
        given: &[(RecordRef, NaiveDateTime)],
    ) -> Result<(), StoreError> {
        // What the caller says it began from, else the last version read.
        let based_on = {
            let v = self.versions.lock().unwrap();
            save.iter()
                .map(AnyRecord::record_ref)
                .chain(delete.iter().copied())
                .filter_map(|r| {
                    let at = given.iter().find(|(g, _)| *g == r).map(|(_, at)| *at);
                    at.or_else(|| v.get(&r.id).copied()).map(|at| (r, at))
                })
                .collect()
        };
        let change = ChangeSet {
            save: save.to_vec(),
            delete: delete.to_vec(),
            based_on,
        };
        match self.call(Request::Apply(change))? {
            Reply::Done => {
                self.remember(save.iter().map(|r| (r.id(), r.stamp().updated_at)));
                Ok(())
            }
            _ => Err(self.confused()),
        }
    }

    fn replace_all(&self, settings: &Settings, data: &Dataset) -> Result<(), StoreError> {
        let request = Request::ReplaceAll {
            settings: Box::new(settings.clone()),
            data: Box::new(data.clone()),
        };
        match self.call(request)? {
            Reply::Done => {
                self.remember_data(data);
                Ok(())
            }
            _ => Err(self.confused()),
        }
    }

    fn check(&self) -> Result<Vec<Problem>, StoreError> {
        match self.call(Request::Check)? {
            Reply::Problems(p) => Ok(p),
            _ => Err(self.confused()),
        }
    }

    /// The server makes the day's backup before the first change of the day.
    fn backup_due(&self, _today: NaiveDate) -> Result<Option<PathBuf>, StoreError> {
        Ok(None)
    }

    fn write_backup(&self, path: &Path, _data: Dataset) -> Result<PathBuf, StoreError> {
        Ok(path.to_path_buf())
    }

    /// The server writes the lookup cache when the store is quiet.
    fn refresh_lookup_cache(&self) -> Result<(), StoreError> {
        Ok(())
    }

    fn close(&self) -> Result<(), StoreError> {
        if let Some(conn) = self.conn.lock().unwrap().take() {
            conn.dead.store(true, Ordering::SeqCst);
            // The reader thread holds the other end of the same socket.
            let _ = conn.writer.shutdown(std::net::Shutdown::Both);
        }
        Ok(())
    }

    fn events(&self) -> Vec<Event> {
        self.take_events()
    }

    fn author(&self) -> Option<String> {
        Some(Remote::author(self))
    }

    /// What the server holds the store at, while nothing changed since it
    /// opened it from the snapshot.
    fn held_at(&self) -> Option<(u64, u64)> {
        match self.call(Request::HeldAt) {
            Ok(Reply::HeldAt(at)) => at,
            _ => None,
        }
    }

    fn remember(&self, versions: Vec<(Id, NaiveDateTime)>) {
        Remote::remember(self, versions);
    }

    fn tick(&self) {
        let mut last = self.last_try.lock().unwrap();
        if last.is_some_and(|t| t.elapsed() < RETRY_EVERY) {
            return;
        }
        let mut guard = self.conn.lock().unwrap();
        if guard.as_ref().is_some_and(Conn::is_dead) {
            *guard = None;
        }
        if guard.is_some() {
            return;
        }
        *last = Some(Instant::now());
        if let Ok(Some(conn)) = self.reconnect() {
            *guard = Some(conn);
            self.events.lock().unwrap().push(Event::Back);
        }
    }
}

impl Remote {
    fn confused(&self) -> StoreError {
        StoreError::ServerGone {
            dir: self.dir.clone(),
        }
    }
}
