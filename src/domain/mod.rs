//! The domain: records and the rules computed from them. Pure: no sled, no
//! terminal, no clock — every rule takes `today`.

pub mod integrity;
pub mod model;
pub mod record;

pub use model::*;
pub use record::{AnyRecord, Record};
