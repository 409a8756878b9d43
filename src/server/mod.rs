//! The store server: one mandaat process owns a store and serves every other
//! mandaat on it over a Unix socket in the store folder (sled allows one
//! process per store). This module holds the parts both sides share: who is on
//! the other end of the socket ([`peer`]) and how the two talk ([`wire`]).

pub mod endpoint;
pub mod peer;
pub mod wire;
