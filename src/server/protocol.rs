//! The messages after the handshake: a client's requests (the operations of
//! [`crate::session::Backend`]), the server's replies, and what the server
//! tells every client unasked (a colleague's change, who has the store open).

use crate::domain::integrity::Problem;
use crate::domain::{AnyRecord, Case, Dataset, Id, Kind, Note, NoteHead, RecordRef, Settings};
use crate::i18n::Lang;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// What a client asks, with a number to match the reply.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Ask {
    pub id: u64,
    pub request: Request,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Who the client acts for and reads in: the author of its changes when
    /// it runs under the server's own login (see `daemon::author`).
    Identify {
        user: String,
        lang: Lang,
        /// The client's `--today`: the day its changes are dated, so the
        /// server makes that day's backup before the first of them.
        today: NaiveDate,
    },
    LoadKinds(Vec<Kind>),
    LoadWithoutNotes,
    NotesOf(RecordRef),
    CasesOnPlates(Vec<Id>),
    Settings,
    IsEmpty,
    Apply(ChangeSet),
    ReplaceAll {
        settings: Box<Settings>,
        data: Box<Dataset>,
    },
    Check,
}

/// A change as a client sends it: what to save and remove, and which
/// version of each existing record it was based on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeSet {
    pub save: Vec<AnyRecord>,
    pub delete: Vec<RecordRef>,
    /// The `updated_at` of each record as the client last saw it; a record
    /// not named here is taken as new (or as the client's own latest).
    pub based_on: Vec<(RecordRef, NaiveDateTime)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Reply {
    Done,
    Identified { author: String },
    Data(Dataset),
    DataAndHeads(Dataset, Vec<NoteHead>),
    Notes(Vec<Note>),
    Cases(Vec<Case>),
    Settings(Option<Settings>),
    Flag(bool),
    Problems(Vec<Problem>),
}

/// Why the server did not do what was asked, in words for the client's
/// language (the server renders them, it knows the language from
/// [`Request::Identify`]) and, where a client acts on it, typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Failure {
    /// A record was changed by someone else since the client read it.
    Stale {
        number: String,
        by: String,
        at: NaiveDateTime,
    },
    /// The store refused or failed; the message says what to do.
    Store { message: String },
}

/// Every message from the server.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ServerMsg {
    Reply {
        id: u64,
        result: Result<Reply, Failure>,
    },
    /// A change another client made, after the store flushed it.
    Changed(Notice),
    /// Who has the store open now (login or `--user` names, each once).
    Present(Vec<String>),
}

/// A change, as told to the other clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub by: String,
    /// When, as the change's records are stamped (the server reads no clock).
    pub at: Option<NaiveDateTime>,
    pub saved: Vec<AnyRecord>,
    pub deleted: Vec<RecordRef>,
}
