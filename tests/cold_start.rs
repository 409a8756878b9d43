//! The dashboard's cold start (`session::deferred`): the first frame is
//! drawn from the snapshot of the last clean close while the store's
//! server starts; every other operation waits for the store; a store that
//! changed in between is read again; one that cannot be reached ends the
//! dashboard with the reason. Temporary stores, dated 2024-11-15.

mod common;

use common::cli::{TODAY, ok};
use common::tmux::{Tmux, started_today};
use mandaat::domain::{AnyRecord, Kind, Number, Record};
use mandaat::i18n::Lang;
use mandaat::server::client::{Identity, Remote, WhenGone};
use mandaat::session::backend::{Backend, Event};
use mandaat::session::deferred::{Deferred, Reaching};
use mandaat::session::{Session, StoreError};
use mandaat::store::Store;
use mandaat::store::frozen::{Frozen, read_current_bytes};
use mandaat::tui::App;
use mandaat::tui::ui::theme::Theme;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A store holding the common dataset, closed cleanly (so its snapshot is
/// current).
fn closed_store() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    let store = Store::open(&dir).unwrap();
    store
        .replace_all(&common::settings(), &common::dataset())
        .unwrap();
    store.close().unwrap();
    (tmp, dir)
}

/// The store's snapshot, current: sled lets go of its lock a moment after
/// its last handle in this process is dropped, so it is waited for.
fn snapshot(dir: &Path) -> Frozen {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(bytes) = read_current_bytes(dir) {
            return bytes.decode().expect("whole");
        }
        assert!(
            Instant::now() < deadline,
            "a cleanly closed store's snapshot is current"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A thread that opens the store embedded once the test says so.
fn reaching_when_told(dir: &Path) -> (mpsc::Sender<()>, Reaching) {
    let (go, told) = mpsc::channel::<()>();
    let dir = dir.to_path_buf();
    let reaching = std::thread::spawn(move || {
        let _ = told.recv();
        Ok(Box::new(Store::open(&dir)?) as Box<dyn Backend>)
    });
    (go, reaching)
}

/// A dashboard's backend answering from the snapshot of the store in
/// `dir` until the test says to reach the store.
fn deferred_when_told(dir: &Path) -> (mpsc::Sender<()>, Deferred) {
    let (go, reaching) = reaching_when_told(dir);
    let deferred = Deferred::new(snapshot(dir), reaching, "Anouk".into(), Lang::Nl);
    (go, deferred)
}

/// Another mandaat saves a note in the store in `dir` and closes it.
fn note_by_another_mandaat(dir: &Path) {
    let other = Store::open(dir).unwrap();
    other.apply(&[a_note(dir)], &[]).unwrap();
    other.close().unwrap();
}

/// The events of `backend` once the store arrived (within ten seconds),
/// but who is there.
fn first_events(backend: &dyn Backend) -> Vec<Event> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut events = backend.events();
        events.retain(|e| !matches!(e, Event::Present(_)));
        if !events.is_empty() {
            return events;
        }
        assert!(Instant::now() < deadline, "the store never arrived");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn a_note(dir: &Path) -> AnyRecord {
    let mut note = common::note(0xfeed, "N90");
    note.text = format!("gebeld ({})", dir.display());
    AnyRecord::Note(note)
}

#[test]
fn the_first_frame_comes_from_the_snapshot_without_waiting_for_the_store() {
    let (_tmp, dir) = closed_store();
    let (go, deferred) = deferred_when_told(&dir);
    // The store is not reached (the thread waits for us), yet the first
    // frame's reads answer, with what the store holds.
    let (data, heads) = deferred.load_without_notes().unwrap();
    assert_eq!(data.cases, common::dataset().cases);
    assert_eq!(heads.len(), common::dataset().notes.len());
    assert_eq!(deferred.settings().unwrap(), Some(common::settings()));
    assert!(!deferred.is_empty().unwrap());
    assert!(deferred.starting());
    assert!(deferred.events().is_empty());

    go.send(()).unwrap();
    assert_eq!(
        first_events(&deferred),
        vec![Event::Ready { changed: false }]
    );
    assert!(!deferred.starting());
    // Now what only the store knows is there, and changes go to it.
    assert!(deferred.issued().unwrap().get(Kind::Case) >= 1);
    deferred.apply(&[a_note(&dir)], &[], &[]).unwrap();
    deferred.close().unwrap();
    drop(deferred);
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.load().unwrap().notes.len(), heads.len() + 1);
}

#[test]
fn a_store_changed_between_the_snapshot_and_its_opening_is_read_again() {
    let (_tmp, dir) = closed_store();
    let (go, deferred) = deferred_when_told(&dir);
    let (_, heads) = deferred.load_without_notes().unwrap();
    // Another mandaat saves a note in the moment before the store is reached.
    note_by_another_mandaat(&dir);

    go.send(()).unwrap();
    assert_eq!(
        first_events(&deferred),
        vec![Event::Ready { changed: true }]
    );
    // The dashboard reads again (`Event::Ready` with `changed`): the store's.
    let (_, now) = deferred.load_without_notes().unwrap();
    assert_eq!(now.len(), heads.len() + 1);
    deferred.close().unwrap();
}

#[test]
fn a_store_that_cannot_be_reached_is_said_and_changes_are_refused_with_why() {
    let (tmp, dir) = closed_store();
    let reaching: Reaching = std::thread::spawn(|| {
        Err(StoreError::ServerGone {
            dir: PathBuf::from("/elders"),
        })
    });
    let deferred = Deferred::new(snapshot(&dir), reaching, "Anouk".into(), Lang::Nl);
    deferred.load_without_notes().unwrap();
    let why = StoreError::ServerGone {
        dir: PathBuf::from("/elders"),
    }
    .message(Lang::Nl);
    assert_eq!(first_events(&deferred), vec![Event::Failed(why.clone())]);
    match deferred.apply(&[a_note(&dir)], &[], &[]) {
        Err(e) => assert_eq!(e.message(Lang::Nl), why),
        Ok(()) => panic!("saved without a store"),
    }
    // Nothing was opened, so closing has nothing to do.
    deferred.close().unwrap();
    drop(tmp);
}

/// The snapshot's versions go to the server's client: a change to a record
/// a colleague changed after the snapshot was read is refused, also when
/// the dashboard names no version itself.
#[test]
fn changes_after_a_cold_start_are_based_on_the_snapshot_the_dashboard_showed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    ok(&dir, &["seed-demo"]);
    let frozen = snapshot(&dir);
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_mandaat"))
        // Ends by itself if an assertion leaves it running.
        .args([
            "--store",
            dir.to_str().unwrap(),
            "serve",
            "--idle-exit",
            "5",
        ])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    fn connect(dir: &Path, user: &str) -> Remote {
        let identity = Identity {
            user: user.into(),
            lang: Lang::Nl,
            today: chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(remote) =
                Remote::connect(dir, identity.clone(), WhenGone::Reconnect).unwrap()
            {
                return remote;
            }
            assert!(Instant::now() < deadline, "no server came up");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    let c01 = |data: &mandaat::domain::Dataset| {
        (data.cases.iter())
            .find(|c| Number::parse(&c.number) == Number::parse("C01"))
            .unwrap()
            .clone()
    };
    let (go, told) = mpsc::channel::<()>();
    let reaching: Reaching = {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = told.recv();
            Ok(Box::new(connect(&dir, "Anouk")) as Box<dyn Backend>)
        })
    };
    let deferred = Deferred::new(frozen, reaching, "Anouk".into(), Lang::Nl);
    let (data, _) = deferred.load_without_notes().unwrap();

    // Bram changes C01 before Anouk's dashboard reaches the server.
    let bram = connect(&dir, "Bram");
    let mut b = c01(&bram.load_kinds(&[Kind::Case]).unwrap());
    b.title = "Bram's titel".into();
    let later = b.stamp.updated_at + chrono::Duration::minutes(1);
    b.stamp_mut().touch(later, "Bram");
    bram.apply(&[AnyRecord::Case(b)], &[], &[]).unwrap();

    go.send(()).unwrap();
    assert_eq!(
        first_events(&deferred),
        vec![Event::Ready { changed: true }]
    );
    let mut a = c01(&data);
    a.title = "Anouks titel".into();
    let later = a.stamp.updated_at + chrono::Duration::minutes(2);
    a.stamp_mut().touch(later, "Anouk");
    match deferred.apply(&[AnyRecord::Case(a)], &[], &[]) {
        Err(StoreError::Stale { number, by, .. }) => assert_eq!((&*number, &*by), ("C01", "Bram")),
        other => panic!("Anouk's change overwrote Bram's: {other:?}"),
    }
    deferred.close().unwrap();
    bram.close().unwrap();
    let _ = server.kill();
    let _ = server.wait();
}

/// A bit flipped in sled's log after a clean close, length and time kept
/// (as a failing disk does): the snapshot still looks current, so the
/// dashboard draws from it, but the server refuses the store, and the
/// dashboard then ends with the reason, the terminal given back.
#[test]
fn a_damaged_store_found_after_the_first_frame_ends_the_dashboard_with_the_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("store");
    ok(&dir, &["seed-demo"]);
    started_today(&dir, "Anouk");
    let db = dir.join("db");
    let mtime = std::fs::metadata(&db).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    let used = bytes.iter().rposition(|b| *b != 0).unwrap();
    bytes[used / 2] ^= 0x04;
    std::fs::write(&db, &bytes).unwrap();
    let file = std::fs::File::options().write(true).open(&db).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    assert!(
        read_current_bytes(&dir).is_some(),
        "the snapshot looks current"
    );

    let t = Tmux::start(
        "damaged",
        &format!(
            "{} --store {} --today {TODAY} --user Anouk; echo EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo END; sleep 30",
            env!("CARGO_BIN_EXE_mandaat"),
            dir.display()
        ),
    );
    // The first frame, from the snapshot, before the server refused.
    t.wait_for("Uitzonderingen");
    let screen = t.wait_for("END");
    assert!(screen.contains("EXIT=1"), "{screen}");
    assert!(screen.contains("mandaat:"), "{screen}");
    // The reason, with what to do, as before the dashboard drew anything.
    assert!(
        screen.replace('\n', "").contains("reservekopie"),
        "{screen}"
    );
    assert!(
        screen.contains("icanon echo"),
        "terminal not restored:\n{screen}"
    );
    assert!(
        !screen.contains("Uitzonderingen"),
        "alternate screen left:\n{screen}"
    );
}

/// A dashboard (without a terminal) drawn from the snapshot of the store
/// in `dir`, which it reaches once the test says so.
fn dashboard_from_snapshot(dir: &Path) -> (mpsc::Sender<()>, Session, App) {
    let (go, deferred) = deferred_when_told(dir);
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    let ctx = mandaat::domain::ops::Ctx {
        today,
        now: today.and_hms_opt(9, 0, 0).unwrap(),
        user: "Anouk".into(),
    };
    let session = Session::with_backend(Box::new(deferred), ctx, Lang::Nl);
    let app = App::new(session.clone(), Theme { color: true }).unwrap();
    (go, session, app)
}

/// The dashboard itself: drawn from the snapshot, it leaves the day's
/// backup (the store's to say) until the store is there, and when the store
/// changed meanwhile it shows the store's records and says why.
#[test]
fn the_dashboard_reads_again_and_says_so_when_the_store_changed_while_it_started() {
    let (_tmp, dir) = closed_store();
    let (go, session, mut app) = dashboard_from_snapshot(&dir);
    let notes = app.model.note_heads.len();
    app.start_background();
    assert!(session.starting() && app.background_pending());

    note_by_another_mandaat(&dir);
    go.send(()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.take_events() {
        assert!(Instant::now() < deadline, "the store never arrived");
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!session.starting());
    assert_eq!(app.model.note_heads.len(), notes + 1);
    let said = app.model.status().map(|s| s.text.clone());
    assert_eq!(
        said.as_deref(),
        Some(mandaat::i18n::dashboard::changed_while_starting(Lang::Nl))
    );
    app.finish_background();
    drop(app);
    session.close().unwrap();
}

/// A save made before the dashboard took in what the store said on arrival
/// waits for it; when the store turned out to hold other records than the
/// ones the change was made from, the change is not made: the records are
/// read again and the form comes back as typed, so Enter saves it on top.
#[test]
fn a_save_made_from_the_snapshot_of_a_store_that_changed_meanwhile_is_not_made() {
    use mandaat::tui::state::Mode;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let (_tmp, dir) = closed_store();
    let (go, session, mut app) = dashboard_from_snapshot(&dir);
    let notes = app.model.note_heads.len();
    let key =
        |app: &mut App, code: KeyCode| app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));

    note_by_another_mandaat(&dir);
    // The store is reached before the dashboard looks at what it said.
    go.send(()).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while session.starting() {
        assert!(Instant::now() < deadline, "the store never arrived");
        std::thread::sleep(Duration::from_millis(5));
    }
    key(&mut app, KeyCode::Char('n'));
    assert!(matches!(app.model.mode, Mode::Form(_)), "a note form");
    for c in "gebeld".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    let said = app
        .model
        .status()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains(mandaat::i18n::dashboard::changed_while_starting(Lang::Nl)),
        "{said}"
    );
    assert!(
        matches!(app.model.mode, Mode::Form(_)),
        "the form comes back"
    );
    assert_eq!(app.model.note_heads.len(), notes + 1, "read again");

    // Enter again saves it, on what the store holds now.
    key(&mut app, KeyCode::Enter);
    let said = app
        .model
        .status()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(said.starts_with("notitie N91 bij C01"), "{said}");
    assert_eq!(app.model.note_heads.len(), notes + 2);
    drop(app);
    session.close().unwrap();
}

/// A new record made before the store is reached is numbered past every
/// number the store ever issued, also one whose record is gone: the
/// snapshot keeps the marks.
#[test]
fn numbers_given_before_the_store_is_reached_pass_every_number_it_issued() {
    let (_tmp, dir) = closed_store();
    let store = Store::open(&dir).unwrap();
    let note = a_note(&dir);
    store.apply(std::slice::from_ref(&note), &[]).unwrap();
    store.apply(&[], &[note.record_ref()]).unwrap();
    store.close().unwrap();
    let (_go, deferred) = deferred_when_told(&dir);
    assert!(deferred.starting());
    assert_eq!(deferred.issued().unwrap().get(Kind::Note), 90);
}
