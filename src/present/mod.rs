//! How results are laid out for a reader: the end-of-day report, Markdown
//! tables, aligned text tables, and the listings' columns that the command line
//! and the dashboard share. Words come from `crate::i18n`; nothing here pairs a
//! Dutch string with an English one.

pub mod chart;
pub mod columns;
pub mod markdown;
pub mod report;
pub mod table;
