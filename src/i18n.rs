//! Languages. Every sentence a user reads is Dutch by default, English on request.
//! Messages are written next to the type they render via [`Lang::pick`], so each
//! Dutch string sits beside its English twin.

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
