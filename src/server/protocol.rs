//! The messages after the handshake: a client's requests (the operations of
//! [`crate::session::Backend`]), the server's replies, and what the server
//! tells every client unasked (a colleague's change, who has the store open).

use crate::domain::find::NoteHit;
use crate::domain::integrity::Problem;
use crate::domain::{
    AnyRecord, Case, CertificationTrack, Contact, Dataset, Department, FollowUp, Id, Issued, Kind,
    Note, NoteHead, Organisation, PolicyHook, ProcurementException, RecordRef, Settings,
};
use crate::i18n::Lang;
use crate::store::StoreError;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

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
    /// The notes whose text holds every word of a query (after the others:
    /// their numbers stay as they were).
    SearchNotes(String),
    /// Per kind the highest number the store ever held (after the others).
    Issued,
    /// The record count and save sequence of what the server holds, if it
    /// holds the store as it opened it (no change since): a dashboard that
    /// drew its first frame from the store's snapshot while the server
    /// started keeps what it drew when the snapshot was made at the same
    /// point, and reads the records again otherwise ([`Reply::HeldAt`],
    /// `crate::session::deferred`).
    HeldAt,
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
    Identified {
        author: String,
    },
    Data(Dataset),
    /// Every record but the notes, and every note's head (see [`Records`]).
    WithoutNotes(Records),
    Notes(Vec<Note>),
    Cases(Vec<Case>),
    Settings(Option<Settings>),
    Flag(bool),
    Problems(Vec<Problem>),
    NoteHits(Vec<NoteHit>),
    Issued(Issued),
    HeldAt(Option<(u64, u64)>),
}

/// What [`Reply::WithoutNotes`] carries.
pub type WithoutNotes = (Dataset, Vec<NoteHead>);

/// The records a dashboard starts with ([`Reply::WithoutNotes`]). On the wire
/// one byte string ([`Records::encode`]). The server keeps that encoding from
/// one change to the next and sends it as it is (`Encoded`, shared, never
/// copied: see [`super::wire::write_message_with_tail`]); a client decodes
/// it as it reads the message (`Decoded`), straight from the frame it read,
/// so a dashboard starting waits for no encoding and no copy of 9 MB.
#[derive(Clone, Debug)]
pub enum Records {
    Encoded(Encoded),
    Decoded(Box<WithoutNotes>),
}

/// The two parts of [`Records::encode`]: the records (two byte strings as
/// postcard writes them, each its length and then its bytes: the records
/// but the cases, then the cases) and the note heads (one byte string). The
/// parts one after the other are the encoding. Kept apart so that the
/// server encodes again only the part a change touched (a saved note: the
/// heads, 4 ms, not the records, 30).
#[derive(Clone, Debug, Default)]
pub struct Encoded {
    pub records: Arc<Vec<u8>>,
    pub heads: Arc<Vec<u8>>,
}

const ENCODE: &str = "records encode: every type is plain serde";

impl Encoded {
    /// The records part: the records but the cases, then the cases, so
    /// that a client decodes the two on two cores.
    pub fn records(data: &Dataset) -> Arc<Vec<u8>> {
        let mut part = byte_string(&postcard::to_stdvec(&AllButCases::of(data)).expect(ENCODE));
        part.extend(byte_string(
            &postcard::to_stdvec(&data.cases).expect(ENCODE),
        ));
        Arc::new(part)
    }

    /// The note heads part.
    pub fn heads(heads: &[NoteHead]) -> Arc<Vec<u8>> {
        Arc::new(byte_string(&postcard::to_stdvec(heads).expect(ENCODE)))
    }

    /// The two parts in order: what goes on the wire.
    pub fn parts(&self) -> [&[u8]; 2] {
        [&self.records, &self.heads]
    }
}

/// `bytes` as postcard writes a byte string.
fn byte_string(bytes: &[u8]) -> Vec<u8> {
    postcard::to_stdvec(serde_bytes::Bytes::new(bytes)).expect(ENCODE)
}

impl Records {
    /// The records but the cases, the cases, and the note heads, each
    /// encoded by itself (postcard) and put together as three byte strings:
    /// so that a client can decode the cases on one core while it decodes
    /// the rest on another (at region scale the cases are 3 MB and 18 ms to
    /// decode; the rest 1.8 MB and 10 ms, the heads 4 MB and 10 ms).
    pub fn encode(data: &Dataset, heads: &[NoteHead]) -> Vec<u8> {
        let encoded = Encoded {
            records: Encoded::records(data),
            heads: Encoded::heads(heads),
        };
        encoded.parts().concat()
    }

    /// What [`Records::encode`] made; the cases on this thread, the rest
    /// and the heads on a second.
    pub fn decode(bytes: &[u8]) -> Result<WithoutNotes, postcard::Error> {
        type Three<'a> = (
            &'a serde_bytes::Bytes,
            &'a serde_bytes::Bytes,
            &'a serde_bytes::Bytes,
        );
        let (rest, cases, heads): Three = postcard::from_bytes(bytes)?;
        std::thread::scope(|s| {
            let others = s.spawn(|| {
                let heads = postcard::from_bytes::<Vec<NoteHead>>(heads)?;
                let rest = postcard::from_bytes::<AllButCasesOwned>(rest)?;
                Ok::<_, postcard::Error>((rest, heads))
            });
            let cases = postcard::from_bytes::<Vec<Case>>(cases);
            let (rest, heads) = others
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e))?;
            Ok((rest.with(cases?), heads))
        })
    }
}

/// Every list of a [`Dataset`] but the cases, as [`Records::encode`] writes
/// them (borrowed) and [`Records::decode`] reads them back
/// ([`AllButCasesOwned`]; postcard writes a slice as it writes a `Vec`).
#[derive(Serialize)]
struct AllButCases<'a> {
    organisations: &'a [Organisation],
    contacts: &'a [Contact],
    departments: &'a [Department],
    hooks: &'a [PolicyHook],
    exceptions: &'a [ProcurementException],
    followups: &'a [FollowUp],
    notes: &'a [Note],
    tracks: &'a [CertificationTrack],
}

impl<'a> AllButCases<'a> {
    fn of(data: &'a Dataset) -> Self {
        AllButCases {
            organisations: &data.organisations,
            contacts: &data.contacts,
            departments: &data.departments,
            hooks: &data.hooks,
            exceptions: &data.exceptions,
            followups: &data.followups,
            notes: &data.notes,
            tracks: &data.tracks,
        }
    }
}

/// [`AllButCases`] as decoded.
#[derive(Deserialize)]
struct AllButCasesOwned {
    organisations: Vec<Organisation>,
    contacts: Vec<Contact>,
    departments: Vec<Department>,
    hooks: Vec<PolicyHook>,
    exceptions: Vec<ProcurementException>,
    followups: Vec<FollowUp>,
    notes: Vec<Note>,
    tracks: Vec<CertificationTrack>,
}

impl AllButCasesOwned {
    fn with(self, cases: Vec<Case>) -> Dataset {
        Dataset {
            organisations: self.organisations,
            contacts: self.contacts,
            departments: self.departments,
            hooks: self.hooks,
            cases,
            exceptions: self.exceptions,
            followups: self.followups,
            notes: self.notes,
            tracks: self.tracks,
        }
    }
}

impl Serialize for Records {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Records::Encoded(encoded) => serializer.serialize_bytes(&encoded.parts().concat()),
            Records::Decoded(records) => {
                serializer.serialize_bytes(&Records::encode(&records.0, &records.1))
            }
        }
    }
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Records, D::Error> {
        struct Bytes;
        impl serde::de::Visitor<'_> for Bytes {
            type Value = Records;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the records, encoded")
            }
            fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Records, E> {
                let records = Records::decode(bytes).map_err(E::custom)?;
                Ok(Records::Decoded(Box::new(records)))
            }
        }
        deserializer.deserialize_bytes(Bytes)
    }
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
    /// The number of a new record is already another's (a colleague took
    /// the same next number a moment earlier); nothing was saved.
    Taken { number: String },
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

impl Failure {
    /// How the server words a store's refusal for a client reading in `lang`.
    pub fn of(e: StoreError, lang: Lang) -> Failure {
        match e {
            StoreError::Conflict { number } => Failure::Taken { number },
            e => Failure::Store {
                message: e.message(lang),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Number;
    use crate::domain::integrity::{Problem, ProblemKind};
    use crate::domain::ops::Ctx;
    use crate::domain::{Id, Stamp};
    use crate::fixtures::seed;
    use crate::server::wire::{read_message, write_message, write_message_with_tail};
    use std::io::Cursor;

    /// Every shape of message the server and its clients exchange, with the
    /// demo store's records in it, survives the binary form unchanged:
    /// postcard cannot read every serde shape JSON can (an internally tagged
    /// enum, say), so a record type that gains one fails here, not in use.
    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    /// The reference data and the demo, as `--demo` fills a store.
    fn demo_records() -> (Settings, Dataset) {
        let ctx = Ctx {
            today: day(),
            now: day().and_hms_opt(9, 30, 0).unwrap(),
            user: "Anouk".into(),
        };
        let (settings, mut data) = seed::reference(&ctx).unwrap();
        for record in seed::demo(day(), &data).unwrap() {
            data.upsert(record);
        }
        (settings, data)
    }

    #[test]
    fn every_message_with_the_demo_records_round_trips() {
        let (today, now) = (day(), day().and_hms_opt(9, 30, 0).unwrap());
        let (settings, mut data) = demo_records();
        data.sort();
        assert!(!data.exceptions.is_empty() && !data.notes.is_empty());
        let records: Vec<AnyRecord> = data.records().collect();
        let some_ref = records[0].record_ref();
        let asks = vec![
            Request::Identify {
                user: "Bram".into(),
                lang: Lang::En,
                today,
            },
            Request::LoadKinds(Kind::ALL.to_vec()),
            Request::LoadWithoutNotes,
            Request::NotesOf(some_ref),
            Request::CasesOnPlates(vec![Id::new_v4()]),
            Request::Settings,
            Request::IsEmpty,
            Request::Apply(ChangeSet {
                save: records.clone(),
                delete: vec![some_ref],
                based_on: vec![(some_ref, now)],
            }),
            Request::ReplaceAll {
                settings: Box::new(settings.clone()),
                data: Box::new(data.clone()),
            },
            Request::Check,
            Request::SearchNotes("soep café".into()),
            Request::Issued,
        ];
        let replies = vec![
            Ok(Reply::Done),
            Ok(Reply::Identified {
                author: "Bram".into(),
            }),
            Ok(Reply::Data(data.clone())),
            Ok(Reply::WithoutNotes(Records::Decoded(Box::new((
                data.clone(),
                data.note_heads(),
            ))))),
            Ok(Reply::Notes(data.notes.clone())),
            Ok(Reply::Cases(data.cases.clone())),
            Ok(Reply::Settings(Some(settings.clone()))),
            Ok(Reply::Flag(true)),
            Ok(Reply::Issued(Issued::of(
                ["C17", "N07", "X03"].into_iter().filter_map(Number::parse),
            ))),
            Ok(Reply::NoteHits(vec![NoteHit {
                id: Id::new_v4(),
                number: "N07".into(),
                target: some_ref,
                snippet: "…gebeld over de soep".into(),
            }])),
            Ok(Reply::Problems(vec![Problem {
                place: "cases[3] (C04).organisation".into(),
                kind: ProblemKind::Dangling {
                    to: Kind::Organisation,
                    id: Id::new_v4(),
                },
            }])),
            Err(Failure::Stale {
                number: "C01".into(),
                by: "Bram".into(),
                at: now,
            }),
            Err(Failure::Taken {
                number: "N12".into(),
            }),
            Err(Failure::Store {
                message: "vol".into(),
            }),
        ];
        let mut msgs: Vec<ServerMsg> = replies
            .into_iter()
            .enumerate()
            .map(|(id, result)| ServerMsg::Reply {
                id: id as u64,
                result,
            })
            .collect();
        msgs.push(ServerMsg::Changed(Notice {
            by: "Bram".into(),
            at: Some(Stamp::new(now, "Bram").updated_at),
            saved: records,
            deleted: vec![some_ref],
        }));
        msgs.push(ServerMsg::Present(vec!["Anouk".into(), "Bram".into()]));

        let mut buf = Vec::new();
        for (id, request) in asks.iter().enumerate() {
            let ask = Ask {
                id: id as u64,
                request: request.clone(),
            };
            write_message(&mut buf, &ask).unwrap();
        }
        for msg in &msgs {
            write_message(&mut buf, msg).unwrap();
        }
        let mut r = Cursor::new(buf);
        for request in &asks {
            let back: Ask = read_message(&mut r).unwrap().unwrap();
            assert_eq!(format!("{:?}", back.request), format!("{request:?}"));
        }
        for msg in &msgs {
            let back: ServerMsg = read_message(&mut r).unwrap().unwrap();
            assert_eq!(format!("{back:?}"), format!("{msg:?}"));
        }
        assert!(read_message::<ServerMsg>(&mut r).unwrap().is_none());
    }

    /// The records as the server sends them (its encoding, written apart)
    /// reach the client decoded and equal; bytes that are not records are an
    /// unreadable message, not records.
    #[test]
    fn the_records_sent_encoded_arrive_decoded() {
        let (_, data) = demo_records();
        let sent: WithoutNotes = (data.clone(), data.note_heads());
        let encoded = Encoded {
            records: Encoded::records(&sent.0),
            heads: Encoded::heads(&sent.1),
        };
        assert_eq!(encoded.parts().concat(), Records::encode(&sent.0, &sent.1));
        let msg = |records| ServerMsg::Reply {
            id: 9,
            result: Ok(Reply::WithoutNotes(records)),
        };
        let mut buf = Vec::new();
        let empty = Records::Encoded(Encoded::default());
        write_message_with_tail(&mut buf, &msg(empty), &encoded.parts()).unwrap();
        let mut whole = Vec::new();
        write_message(&mut whole, &msg(Records::Encoded(encoded.clone()))).unwrap();
        assert_eq!(buf, whole);
        match read_message::<ServerMsg>(&mut Cursor::new(buf)).unwrap() {
            Some(ServerMsg::Reply {
                id: 9,
                result: Ok(Reply::WithoutNotes(Records::Decoded(got))),
            }) => assert_eq!(*got, sent),
            other => panic!("not the records: {other:?}"),
        }
        let mut garbage = Vec::new();
        let bad = Encoded {
            records: Arc::new(vec![7; 40]),
            heads: Arc::default(),
        };
        write_message(&mut garbage, &msg(Records::Encoded(bad))).unwrap();
        assert!(read_message::<ServerMsg>(&mut Cursor::new(garbage)).is_err());
    }
}
