//! mandaat: the caseload dashboard of the makelaar met mandaat voor impact ondernemen.
//!
//! `domain` holds the records and the rules (pure functions of data and `today`),
//! `store` is the only code that touches sled, `session` is the one door to
//! it for the two faces, `cli` (headless) and `tui` (the dashboard), and
//! `start` opens the session and picks the face for `main`.

pub mod cli;
pub mod domain;
pub mod fixtures;
pub mod i18n;
pub mod present;
pub mod server;
pub mod session;
pub mod start;
pub mod store;
pub mod tui;
