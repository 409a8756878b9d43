//! The store server: one process holds the store and serves the others
//! through the socket in the store folder. Real processes of the binary, a
//! temporary store, dated 2024-11-15.

mod common;

use common::cli::{TODAY, json, mandaat, ok};
use mandaat::domain::ops::Ctx;
use mandaat::domain::{AnyRecord, Kind, Number, Record};
use mandaat::i18n::Lang;
use mandaat::server::wire::{self, Greeting, Hello, PROTOCOL, Refusal};
use mandaat::session::{Session, StoreError, socket_path};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `mandaat serve` for the test's store, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(store: &Path, extra: &[&str]) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .arg("--store")
        .arg(store)
        .arg("serve")
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start mandaat serve");
    wait_for_socket(store);
    Server(child)
}

fn wait_for_socket(store: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while UnixStream::connect(socket_path(store)).is_err() {
        assert!(Instant::now() < deadline, "no server came up");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn demo_store() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    ok(&store, &["seed-demo"]);
    (tmp, store)
}

fn ctx(user: &str) -> Ctx {
    let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
    Ctx {
        today,
        now: today.and_hms_opt(10, 0, 0).unwrap(),
        user: user.into(),
    }
}

#[test]
fn every_command_works_while_a_server_holds_the_store() {
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    // Without the server each of these would be refused: the store is locked.
    let cases = json(&store, &["cases", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 24);
    let said = ok(
        &store,
        &["--user", "Bram", "note", "C01", "gebeld via de server"],
    );
    assert!(said.contains("C01"), "{said}");
    assert!(ok(&store, &["review"]).contains("X08"));
    assert!(ok(&store, &["exceptions"]).contains("X05"));
    assert!(ok(&store, &["check"]).contains("in orde"));
    assert!(ok(&store, &["tracks"]).contains("T01"));
    assert!(ok(&store, &["owner", "loonkosten"]).contains("D04"));
    let export = ok(&store, &["export"]);
    assert!(export.contains("gebeld via de server"));
    // The note is stored under the name the client gave (same login).
    assert!(
        export.contains("\"author\": \"Bram\""),
        "author of the note"
    );
}

#[test]
fn a_second_server_for_the_same_store_is_refused() {
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    let out = mandaat(&store, &["serve"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("draait al een server"), "{err}");
}

#[test]
fn a_server_ends_by_itself_after_its_last_client_and_closes_cleanly() {
    let (_tmp, store) = demo_store();
    let mut server = serve(&store, &["--idle-exit", "1"]);
    ok(&store, &["cases"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(Instant::now() < deadline, "the idle server did not end");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(!socket_path(&store).exists(), "the socket is removed");
    assert!(store.join("mandaat-closed.json").exists(), "a clean close");
    // And the store opens embedded again.
    assert_eq!(
        json(&store, &["cases", "--json"]).as_array().unwrap().len(),
        24
    );
}

/// Wait up to `limit` for `child` to end; whether it did.
fn ends_within(child: &mut Child, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn a_server_nobody_can_reach_any_more_ends_by_itself() {
    // Its socket removed (or taken over by another server): it ends, and
    // leaves the socket path alone.
    let (_tmp, store) = demo_store();
    let mut server = serve(&store, &[]);
    std::fs::remove_file(socket_path(&store)).unwrap();
    assert!(
        ends_within(&mut server.0, Duration::from_secs(10)),
        "a server without its socket kept running"
    );
    // Its store folder deleted (a test's temporary folder, a store moved
    // away): it ends too, instead of waiting for a client forever.
    let (tmp, store) = demo_store();
    let mut server = serve(&store, &[]);
    drop(tmp);
    assert!(!store.exists());
    assert!(
        ends_within(&mut server.0, Duration::from_secs(10)),
        "a server whose folder was deleted kept running"
    );
}

#[test]
fn a_socket_left_by_a_killed_server_is_replaced() {
    let (_tmp, store) = demo_store();
    let mut first = serve(&store, &[]);
    first.0.kill().unwrap();
    first.0.wait().unwrap();
    assert!(socket_path(&store).exists(), "a kill leaves the socket");
    // No server answers: commands work embedded, and a new server starts.
    ok(&store, &["cases"]);
    let _second = serve(&store, &[]);
    ok(&store, &["note", "C02", "na de herstart"]);
    assert!(ok(&store, &["export"]).contains("na de herstart"));
}

#[test]
fn a_client_of_another_protocol_is_refused_with_which_to_update() {
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    let stream = UnixStream::connect(socket_path(&store)).unwrap();
    let mut reader = stream.try_clone().unwrap();
    let mut writer = stream;
    let future = Hello {
        protocol: PROTOCOL + 1,
        mandaat: "9.9.9".into(),
    };
    wire::write_frame(&mut writer, &future).unwrap();
    match wire::read_frame::<Greeting>(&mut reader).unwrap() {
        Some(Greeting::Refused(r @ Refusal::Protocol { .. })) => {
            assert_eq!(r.outdated(), Some(wire::Outdated::Server));
        }
        other => panic!("expected a protocol refusal, got {other:?}"),
    }
}

#[test]
fn note_texts_are_searched_through_the_server() {
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    let s = Session::open(&store, false, ctx("Anouk"), Lang::Nl).unwrap();
    assert!(s.is_shared(), "served, not embedded");
    let data = s.load_kinds(&[Kind::Exception, Kind::Case]).unwrap();
    let number = |r: mandaat::domain::RecordRef| data.get(r).unwrap().number().to_string();
    // "Ledenlijst" occurs in one note of the demo only, on X05.
    let hits = s.search_notes("ledenlijst").unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(number(hits[0].target), "X05");
    assert!(hits[0].snippet.contains("Ledenlijst met doelgroepstatus"));
    // A note saved through the server is found at once, accents aside.
    ok(
        &store,
        &["note", "C01", "Overleg in het café van de Coöperatie"],
    );
    let hits = s.search_notes("CAFE cooperatie").unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(number(hits[0].target), "C01");
}

#[test]
fn a_change_to_a_record_a_colleague_changed_meanwhile_is_refused_with_who_and_when() {
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    let anouk = Session::open(&store, false, ctx("Anouk"), Lang::Nl).unwrap();
    let bram = Session::open(&store, false, ctx("Bram"), Lang::Nl).unwrap();
    let c01 = |s: &Session| {
        let data = s.load_kinds(&[Kind::Case]).unwrap();
        data.cases
            .into_iter()
            .find(|c| Number::parse(&c.number) == Number::parse("C01"))
            .unwrap()
    };
    // Both read C01.
    let (mut a, mut b) = (c01(&anouk), c01(&bram));
    // Bram changes it first.
    b.title = "Bram's titel".into();
    b.stamp_mut().touch(ctx("Bram").now, "Bram");
    bram.save(&[AnyRecord::Case(b)]).unwrap();
    // Anouk's change was based on the version before Bram's: the one she
    // read (as the dashboard says when her form opened).
    let seen = [(a.record_ref(), a.stamp.updated_at)];
    a.title = "Anouks titel".into();
    a.stamp_mut()
        .touch(ctx("Anouk").now + chrono::Duration::minutes(5), "Anouk");
    match anouk.apply_based(&[AnyRecord::Case(a.clone())], &[], &seen) {
        Err(StoreError::Stale { number, by, at }) => {
            assert_eq!((number.as_str(), by.as_str()), ("C01", "Bram"));
            assert_eq!(at, ctx("Bram").now);
            let message = StoreError::Stale { number, by, at }.message(Lang::Nl);
            assert!(message.contains("Bram heeft C01"), "{message}");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(c01(&anouk).title, "Bram's titel", "Bram's change stands");
    // A new note on the same case is an append: no conflict.
    assert!(ok(&store, &["note", "C01", "Anouk belt terug"]).contains("C01"));
    // Having read the new version, Anouk's change goes through.
    let mut again = c01(&anouk);
    again.title = a.title;
    again
        .stamp_mut()
        .touch(ctx("Anouk").now + chrono::Duration::minutes(6), "Anouk");
    anouk.save(&[AnyRecord::Case(again)]).unwrap();
    assert_eq!(c01(&bram).title, "Anouks titel");
}

#[test]
fn two_clients_taking_the_same_next_number_cannot_both_have_it() {
    use mandaat::domain::{Issued, Note, NoteHead, NoteKind, Stamp};
    let next =
        |heads: &[NoteHead]| Issued::default().next_number(Kind::Note, heads.iter().map(|h| h.seq));
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    let anouk = Session::open(&store, false, ctx("Anouk"), Lang::Nl).unwrap();
    let bram = Session::open(&store, false, ctx("Bram"), Lang::En).unwrap();
    // Both read the note heads before either saves: the same next number.
    let heads = anouk.load_without_notes().unwrap().1;
    assert_eq!(next(&heads), next(&bram.load_without_notes().unwrap().1));
    let note = |user: &str, text: &str| {
        AnyRecord::Note(Note {
            id: uuid::Uuid::new_v4(),
            number: next(&heads),
            target: None,
            kind: NoteKind::Plain,
            date: ctx(user).today,
            author: user.into(),
            text: text.into(),
            stamp: Stamp::new(ctx(user).now, user),
        })
    };
    anouk.save(&[note("Anouk", "eerst")]).unwrap();
    match bram.save(&[note("Bram", "second")]) {
        Err(e @ StoreError::Conflict { .. }) => {
            let message = e.message(Lang::En);
            assert!(message.contains("already used"), "{message}");
        }
        other => panic!("expected the number to be refused, got {other:?}"),
    }
    let notes = anouk.load_kinds(&[Kind::Note]).unwrap().notes;
    let taken: Vec<_> = notes
        .iter()
        .filter(|n| n.number == next(&heads))
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(taken, ["eerst"], "the first one keeps the number");
    // `mandaat note` takes the next free number by itself.
    let said = ok(&store, &["--user", "Bram", "note", "C01", "na Anouk"]);
    assert!(!said.contains(&next(&heads)), "{said}");
}

#[test]
fn a_colleagues_change_reaches_the_other_client_unasked() {
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    let anouk = Session::open(&store, false, ctx("Anouk"), Lang::Nl).unwrap();
    anouk.load_without_notes().unwrap();
    let _ = anouk.events();
    let started = Instant::now();
    ok(
        &store,
        &["--user", "Bram", "note", "X05", "Koen belt vrijdag"],
    );
    loop {
        let events = anouk.events();
        let notice = events.iter().find_map(|e| match e {
            mandaat::session::Event::Changed(n) => Some(n.clone()),
            _ => None,
        });
        if let Some(n) = notice {
            assert_eq!(n.by, "Bram");
            assert!(
                matches!(&n.saved[..], [AnyRecord::Note(note)] if note.text == "Koen belt vrijdag")
            );
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "no notice came");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Run a command as root to set up logins; the test needs to be root.
fn sh(args: &[&str]) {
    let status = Command::new(args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    // `useradd` of a login that exists already is fine.
    let _ = status;
}

/// `mandaat` run by another login.
fn as_login(login: &str, store: &Path, args: &[&str]) -> std::process::Output {
    Command::new("runuser")
        .args(["-u", login, "--", env!("CARGO_BIN_EXE_mandaat"), "--store"])
        .arg(store)
        .args(args)
        .env("MANDAAT_TODAY", TODAY)
        .env_remove("MANDAAT_USER")
        .env_remove("MANDAAT_LANG")
        .env_remove("MANDAAT_STORE")
        .output()
        .expect("runuser")
}

#[test]
fn a_second_login_in_the_sharing_group_gets_in_and_one_outside_is_refused() {
    assert!(
        nix::unistd::Uid::current().is_root(),
        "this test makes logins and runs as root (as CI does)"
    );
    sh(&["groupadd", "-f", "mandaat-team"]);
    sh(&["useradd", "-M", "-G", "mandaat-team", "mandaat-bram"]);
    sh(&["usermod", "-aG", "mandaat-team", "mandaat-bram"]);
    sh(&["useradd", "-M", "mandaat-eve"]);
    let tmp = tempfile::tempdir().unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let store = tmp.path().join("store");
    ok(&store, &["seed-demo"]);

    // Not shared yet: the other login is told whose it is, not "no store".
    let out = as_login("mandaat-bram", &store, &["cases"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("is er wel") && err.contains("root"), "{err}");
    assert!(!err.contains("geen opslag"), "{err}");

    let _server = serve(&store, &["--group", "mandaat-team"]);
    // A member gets in; the server records the login, not the claimed name.
    let out = as_login(
        "mandaat-bram",
        &store,
        &["--user", "Anouk", "note", "C03", "Bram via de groep"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let export = ok(&store, &["export"]);
    let note = export
        .split("\"text\": \"Bram via de groep\"")
        .next()
        .unwrap();
    let author = note.rsplit("\"author\": \"").next().unwrap();
    assert!(author.starts_with("mandaat-bram\""), "author: {author:.40}");
    let cases = as_login("mandaat-bram", &store, &["cases", "--json"]);
    assert!(cases.status.success());
    // The day's backup (the server made it before Bram's note) is the
    // group's to read too, and nobody else's.
    let backups = store.with_file_name("store-backups");
    let backup = std::fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("the day's backup");
    let can_read = |login: &str| {
        Command::new("runuser")
            .args(["-u", login, "--", "cat"])
            .arg(&backup)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap()
            .success()
    };
    assert!(can_read("mandaat-bram"), "a member reads the backup");
    assert!(!can_read("mandaat-eve"), "an outsider does not");

    // Someone outside the group is refused, told who may use it.
    let out = as_login("mandaat-eve", &store, &["cases"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("mandaat-team"), "{err}");
    assert!(!err.contains("geen opslag"), "{err}");
}

#[test]
fn a_client_that_reads_nothing_does_not_hold_up_the_others() {
    let (_tmp, store) = demo_store();
    let _server = serve(&store, &[]);
    // A dashboard in a suspended terminal: connected, reading nothing.
    let stuck = UnixStream::connect(socket_path(&store)).unwrap();
    let mut reader = stuck.try_clone().unwrap();
    let mut writer = stuck;
    wire::write_frame(&mut writer, &Hello::now()).unwrap();
    assert!(matches!(
        wire::read_frame::<Greeting>(&mut reader).unwrap(),
        Some(Greeting::Welcome { .. })
    ));
    // Enough changes to fill its socket many times over with notices.
    let started = Instant::now();
    let mut writer_client = Command::new(env!("CARGO_BIN_EXE_mandaat"))
        .arg("--store")
        .arg(&store)
        .args(["stress-notes", "C01", "1500"])
        .env("MANDAAT_TODAY", TODAY)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = writer_client.try_wait().unwrap() {
            assert!(status.success(), "the writer failed");
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = writer_client.kill();
            panic!("the writer is held up by a client that reads nothing");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(ok(&store, &["export"]).contains("stress 1499"));
    drop(reader);
}

#[test]
fn an_exception_number_freed_through_the_server_is_not_handed_out_again() {
    let (_tmp, store) = demo_store();
    let server = serve(&store, &[]);
    let anouk = Session::open(&store, false, ctx("Anouk"), Lang::Nl).unwrap();
    assert!(anouk.is_shared(), "served, not embedded");
    let data = anouk.load_kinds(&[Kind::Exception]).unwrap();
    let seq = data.next_seq(Kind::Exception);
    let mut x = data.exceptions[0].clone();
    (x.id, x.number) = (uuid::Uuid::new_v4(), Kind::Exception.number(seq));
    // Saved and undone through the server.
    anouk.save(&[x.clone().into()]).unwrap();
    anouk.delete(&[x.record_ref()]).unwrap();
    let issued = anouk.issued().unwrap();
    assert_eq!(issued.get(Kind::Exception), seq, "through the server");
    let present = anouk.load_kinds(&[Kind::Exception]).unwrap();
    assert_eq!(present.next_seq(Kind::Exception), seq, "the number is free");
    let seqs = present.exceptions.iter();
    let seqs = seqs.filter_map(|x| Number::parse(&x.number)).map(|n| n.seq);
    assert_eq!(
        issued.next_number(Kind::Exception, seqs),
        Kind::Exception.number(seq + 1)
    );
    // Kept by the store itself, after the server is gone.
    anouk.close().unwrap();
    drop(server);
    let local = Session::open(&store, false, ctx("Bram"), Lang::Nl).unwrap();
    assert!(!local.is_shared());
    assert_eq!(local.issued().unwrap().get(Kind::Exception), seq);
}

#[test]
fn the_server_writes_the_days_backup_soon_after_a_client_says_the_day_not_in_its_first_save() {
    let (_tmp, store) = demo_store();
    let backups = store.with_file_name("store-backups");
    let count = || std::fs::read_dir(&backups).map_or(0, |d| d.count());
    assert_eq!(count(), 0, "a new store has no backup yet");
    let _server = serve(&store, &[]);
    let s = Session::open(&store, false, ctx("Anouk"), Lang::Nl).unwrap();
    assert!(s.is_shared(), "served, not embedded");
    // Nothing is saved: the day's backup comes anyway, a moment later, so
    // the day's first save does not wait for it.
    let deadline = Instant::now() + Duration::from_secs(20);
    while count() == 0 {
        assert!(Instant::now() < deadline, "no backup written");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(count(), 1);
    // The first save of the day adds none: the day has its backup.
    ok(&store, &["note", "C01", "Na de reservekopie"]);
    assert_eq!(count(), 1);
}

/// A server that opened the store from its snapshot says so (the record
/// count and save sequence it holds the store at), until a change: what a
/// dashboard that drew its first frame from that snapshot checks
/// (`session::deferred`, tests/cold_start.rs).
#[test]
fn a_server_says_it_holds_the_store_as_its_snapshot_has_it_until_a_change() {
    use mandaat::server::client::{Identity, Remote, WhenGone};
    use mandaat::session::backend::Backend;
    let (_tmp, store) = demo_store();
    let snapshot = mandaat::store::frozen::read_current(&store).expect("current");
    let _server = serve(&store, &[]);
    let connect = || {
        let identity = Identity {
            user: "Anouk".into(),
            lang: Lang::Nl,
            today: ctx("Anouk").today,
        };
        Remote::connect(&store, identity, WhenGone::Reconnect)
            .unwrap()
            .expect("the server")
    };
    let first = connect();
    assert_eq!(first.held_at(), Some(snapshot.at()));
    assert_eq!(
        first.load_without_notes().unwrap(),
        snapshot.load_without_notes()
    );

    ok(
        &store,
        &["--user", "Bram", "note", "X05", "Koen belt vrijdag"],
    );
    assert_eq!(connect().held_at(), None);
}
