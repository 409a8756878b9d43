//! mandaat: the caseload dashboard of the makelaar met mandaat voor impact ondernemen.
//!
//! `domain` holds the records and the rules (pure functions of data and `today`),
//! `store` is the only code that touches sled, `cli` is the headless face.

pub mod cli;
pub mod domain;
pub mod fixtures;
pub mod i18n;
pub mod markdown;
pub mod report;
pub mod store;
pub mod tui;
