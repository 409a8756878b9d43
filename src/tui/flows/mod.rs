//! One file per feature: how its keys start a change (open a form, or make
//! it at once) and how its filled form becomes a [`Change`](crate::tui::action::Change).
//! The flows share `common` and import nothing else of each other, nor the
//! dispatcher (`update`) that calls them.

pub mod browse;
pub mod cases;
pub mod common;
pub mod exceptions;
pub mod followups;
pub mod notes;
pub mod owner;
pub mod palette;
pub mod review;
pub mod sroi;
pub mod tracks;
