//! Every word a user reads: Dutch by default, English on request.
//!
//! `Lang`, [`Lang::pick`] and dates live here; the rooms below hold the words:
//! `domain` names domain values and renders the domain's typed results, `store`
//! the store's errors, `cli` what the commands print, `dashboard` the dashboard's
//! screens, `columns` the column headers shared by both faces. Only this folder
//! pairs a Dutch string with its English twin (tests/i18n_rooms.rs keeps it so);
//! it imports nothing of the crate but `crate::domain` (and the dashboard's
//! vocabulary types for `dashboard`).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// Choose the Dutch or English text.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

pub mod cli;
pub mod columns;
pub mod dashboard;
pub mod domain;
pub mod report;
pub mod store;

pub use domain::*;

/// Dates as Dutch civil servants write them: 15-11-2024.
pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

pub fn days(lang: Lang, n: i64) -> String {
    lang.pick(format!("{n} d"), format!("{n} d"))
}
