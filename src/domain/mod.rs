//! The domain: records and the rules computed from them. Pure: no sled, no
//! terminal, no clock — every rule takes `today`.

pub mod activity;
pub mod ageing;
pub mod certification;
pub mod followup;
pub mod model;
pub mod ops;
pub mod record;
pub mod review;
pub mod threshold;
pub mod triage;

#[cfg(test)]
pub(crate) mod testutil;

pub use model::*;
pub use record::{AnyRecord, Record};
