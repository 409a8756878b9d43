//! The domain: records and the rules computed from them. Pure: no sled, no
//! terminal, no clock — every rule takes `today`.

pub mod model;
pub mod record;

pub use model::*;
pub use record::{AnyRecord, Record};
pub mod activity;
pub mod ageing;
pub mod followup;
pub mod review;

#[cfg(test)]
pub(crate) mod testutil;
