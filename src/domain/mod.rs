//! The domain: records and the rules computed from them. Pure: no sled, no
//! terminal, no clock — every rule takes `today`.

pub mod activity;
pub mod ageing;
pub mod certification;
pub mod chart;
pub mod dayclose;
pub mod find;
pub mod followup;
pub mod history;
pub mod hooks;
pub mod intake;
pub mod integrity;
pub mod lookup;
pub mod matching;
pub mod model;
pub mod ops;
pub mod plain;
pub mod plate;
pub mod record;
pub mod review;
pub mod text;
pub mod threshold;
pub mod tracks;
pub mod triage;

#[cfg(test)]
pub(crate) mod testutil;

pub use lookup::{KeywordIndex, MIN_FUZZY_SCORE, MatchClass, OwnerMatch};
pub use model::*;
pub use plate::{Plate, department_plate};
pub use record::{AnyRecord, Record};
