//! One trait over every kind of record, so the store and the integrity checks can
//! treat them alike.

use super::model::*;
use serde::{Deserialize, Serialize, de::DeserializeOwned};

pub trait Record: Clone + Serialize + DeserializeOwned {
    const KIND: Kind;
    fn id(&self) -> Id;
    fn number(&self) -> &str;
    fn stamp(&self) -> &Stamp;
    fn stamp_mut(&mut self) -> &mut Stamp;
    fn record_ref(&self) -> RecordRef {
        RecordRef {
            kind: Self::KIND,
            id: self.id(),
        }
    }
}

macro_rules! impl_record {
    ($($ty:ty => $kind:ident, $variant:ident, $field:ident;)*) => {
        $(
            impl Record for $ty {
                const KIND: Kind = Kind::$kind;
                fn id(&self) -> Id { self.id }
                fn number(&self) -> &str { &self.number }
                fn stamp(&self) -> &Stamp { &self.stamp }
                fn stamp_mut(&mut self) -> &mut Stamp { &mut self.stamp }
            }
        )*

        /// Any one record, for changes that write several kinds at once.
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        pub enum AnyRecord {
            $($variant($ty),)*
        }

        impl AnyRecord {
            pub fn kind(&self) -> Kind {
                match self { $(AnyRecord::$variant(_) => Kind::$kind,)* }
            }
            pub fn id(&self) -> Id {
                match self { $(AnyRecord::$variant(r) => r.id,)* }
            }
            pub fn number(&self) -> &str {
                match self { $(AnyRecord::$variant(r) => &r.number,)* }
            }
            pub fn stamp(&self) -> &Stamp {
                match self { $(AnyRecord::$variant(r) => &r.stamp,)* }
            }
            pub fn record_ref(&self) -> RecordRef {
                RecordRef { kind: self.kind(), id: self.id() }
            }
            /// The record as JSON, as the store and the export keep it.
            pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
                match self { $(AnyRecord::$variant(r) => serde_json::to_vec(r),)* }
            }
        }

        $(
            impl From<$ty> for AnyRecord {
                fn from(r: $ty) -> Self { AnyRecord::$variant(r) }
            }
        )*

        impl Dataset {
            /// Every record, kind by kind, in list order.
            pub fn records(&self) -> impl Iterator<Item = AnyRecord> + '_ {
                std::iter::empty()
                    $(.chain(self.$field.iter().cloned().map(AnyRecord::$variant)))*
            }

            /// Put a record into its list, replacing one with the same id.
            pub fn upsert(&mut self, record: AnyRecord) {
                match record {
                    $(AnyRecord::$variant(r) => {
                        match self.$field.iter_mut().find(|x| x.id == r.id) {
                            Some(slot) => *slot = r,
                            None => self.$field.push(r),
                        }
                    })*
                }
            }

            /// A copy with only the records of `kinds`; the other lists empty.
            pub fn only(&self, kinds: &[Kind]) -> Dataset {
                let mut copy = Dataset::default();
                $(if kinds.contains(&Kind::$kind) { copy.$field = self.$field.clone(); })*
                copy
            }

            /// Take a record out of its list (nothing happens when it is not there).
            pub fn remove(&mut self, r: RecordRef) {
                match r.kind {
                    $(Kind::$kind => self.$field.retain(|x| x.id != r.id),)*
                }
            }

            /// The record a reference points at, if it exists.
            pub fn get(&self, r: RecordRef) -> Option<AnyRecord> {
                match r.kind {
                    $(Kind::$kind => self.$field.iter().find(|x| x.id == r.id).cloned().map(AnyRecord::$variant),)*
                }
            }

            /// The number of records of one kind.
            pub fn count(&self, kind: Kind) -> usize {
                match kind { $(Kind::$kind => self.$field.len(),)* }
            }

            /// The next free sequence number of a kind (one past the highest).
            pub fn next_seq(&self, kind: Kind) -> u32 {
                let highest = match kind {
                    $(Kind::$kind => self.$field.iter().filter_map(|r| Number::parse(&r.number)).map(|n| n.seq).max(),)*
                };
                highest.unwrap_or(0) + 1
            }

            /// Sort every list by number (C2 before C10), the order of export.
            /// Each number is parsed once, not once per comparison.
            pub fn sort(&mut self) {
                $(self.$field.sort_by_cached_key(|r| (Number::parse(&r.number), r.id));)*
            }
        }
    };
}

impl_record! {
    Organisation => Organisation, Organisation, organisations;
    Contact => Contact, Contact, contacts;
    Department => Department, Department, departments;
    PolicyHook => Hook, Hook, hooks;
    Case => Case, Case, cases;
    ProcurementException => Exception, Exception, exceptions;
    FollowUp => FollowUp, FollowUp, followups;
    Note => Note, Note, notes;
    CertificationTrack => Track, Track, tracks;
}
