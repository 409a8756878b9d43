//! The session's own behaviour: the lookup cache it keeps, its close.

use super::*;
use crate::domain::{Issued, NoteKind, Stamp};
use chrono::NaiveDate;

fn ctx() -> Ctx {
    let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
    Ctx {
        today,
        now: today.and_hms_opt(9, 0, 0).unwrap(),
        user: "Anouk".into(),
    }
}

/// A session on a new store with the reference data.
fn reference_store() -> (tempfile::TempDir, PathBuf, Session) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("s");
    let session = Session::open(&dir, true, ctx(), Lang::Nl).unwrap();
    session.ensure_reference_data().unwrap();
    (tmp, dir, session)
}

fn a_note(session: &Session, text: &str) -> AnyRecord {
    let heads = session.load_without_notes().unwrap().1;
    Note {
        id: uuid::Uuid::new_v4(),
        number: Issued::default().next_number(Kind::Note, heads.iter().map(|h| h.seq)),
        target: None,
        kind: NoteKind::Plain,
        date: session.ctx.today,
        author: "Anouk".into(),
        text: text.into(),
        stamp: Stamp::new(session.ctx.now, "Anouk"),
    }
    .into()
}

/// The lookup cache of the store in `dir` if it is current.
fn current_cache(dir: &std::path::Path) -> Option<crate::session::CacheBytes> {
    lookup_cache(dir).filter(|bytes| bytes.view().is_some())
}

#[test]
fn reading_leaves_the_lookup_cache_alone_and_a_change_makes_idle_write_it() {
    let (_tmp, dir, session) = reference_store();
    session.idle();
    let written = current_cache(&dir).expect("idle writes the cache after opening");
    // Reading changes nothing the cache holds: idle has nothing to do.
    session.load().unwrap();
    session.load_without_notes().unwrap();
    session.settings().unwrap();
    assert!(!session.shared.lookup_stale.load(Ordering::SeqCst));
    session.idle();
    assert_eq!(current_cache(&dir), Some(written));
    // A change removes it first, and marks it for the next quiet moment.
    session.save(&[a_note(&session, "gebeld")]).unwrap();
    assert!(lookup_cache(&dir).is_none());
    assert!(session.shared.lookup_stale.load(Ordering::SeqCst));
    session.idle();
    assert!(current_cache(&dir).is_some());
    session.close().unwrap();
}

#[test]
fn close_leaves_the_marker_and_the_cache_and_lets_the_store_go() {
    let (_tmp, dir, session) = reference_store();
    session.save(&[a_note(&session, "gebeld")]).unwrap();
    let marker = dir.join("mandaat-closed.json");
    assert!(!marker.exists(), "an open store has no marker");
    let clone = session.clone();
    session.close().unwrap();
    // Written by the close itself, while a clone still holds the store.
    assert!(marker.is_file());
    assert!(lookup_cache(&dir).is_some());
    drop(clone);
    // Let go: the next open takes the lock and finds the note.
    let again = Session::open(&dir, false, ctx(), Lang::Nl).unwrap();
    assert!(
        again
            .load()
            .unwrap()
            .notes
            .iter()
            .any(|n| n.text == "gebeld")
    );
    again.close().unwrap();
}

#[test]
fn a_session_dropped_without_close_still_closes_cleanly() {
    // As when the dashboard panics and unwinds through `main`.
    let (_tmp, dir, session) = reference_store();
    let marker = dir.join("mandaat-closed.json");
    let clone = session.clone();
    drop(session);
    assert!(!marker.exists(), "not while a clone holds the store");
    drop(clone);
    assert!(marker.is_file());
}

#[test]
fn import_refuses_a_store_that_is_not_empty_before_reading_the_file() {
    let (_tmp, _dir, session) = reference_store();
    let err = session.import(b"kapot").unwrap_err();
    assert!(
        matches!(err, ImportError::Store(StoreError::NotEmpty { .. })),
        "{err:?}"
    );
}
