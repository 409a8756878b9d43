//! mandaat: the caseload dashboard of the makelaar met mandaat voor impact ondernemen.

pub mod domain;
pub mod i18n;
pub mod store;
