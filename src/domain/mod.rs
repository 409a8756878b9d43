//! The domain: records and the rules computed from them. Pure: no sled, no
//! terminal, no clock — every rule takes `today`.

pub mod lookup;
pub mod model;
pub mod plate;
pub mod record;
pub mod text;

pub use lookup::{KeywordIndex, MIN_FUZZY_SCORE, MatchClass, OwnerMatch};
pub use model::*;
pub use plate::{Plate, department_plate};
pub use record::{AnyRecord, Record};
