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
/// `n` and the singular or plural noun: "1 open zaak", "2 open zaken".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn date(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

pub fn days(lang: Lang, n: i64) -> String {
    lang.pick(format!("{n} d"), format!("{n} d"))
}

/// An amount as a reader expects it: Dutch `€ 221.000` / `€ 1.234,50`, English
/// `€221,000` / `€1,234.50`. Cents are shown only when there are any.
pub fn format_euros(cents: crate::domain::Cents, lang: Lang) -> String {
    let (group, decimal, space) = lang.pick(('.', ',', " "), (',', '.', ""));
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let digits = (abs / 100).to_string();
    let mut whole = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            whole.push(group);
        }
        whole.push(c);
    }
    let rest = abs % 100;
    if rest == 0 {
        format!("{sign}€{space}{whole}")
    } else {
        format!("{sign}€{space}{whole}{decimal}{rest:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_are_formatted_per_language() {
        let rows = [
            (
                "dutch groups thousands with dots",
                22_100_000,
                Lang::Nl,
                "€ 221.000",
            ),
            (
                "english groups thousands with commas",
                22_100_000,
                Lang::En,
                "€221,000",
            ),
            ("millions", 553_800_000, Lang::Nl, "€ 5.538.000"),
            ("cents shown when present", 123_450, Lang::Nl, "€ 1.234,50"),
            ("english cents", 123_405, Lang::En, "€1,234.05"),
            ("small amount", 99_900, Lang::Nl, "€ 999"),
            ("zero", 0, Lang::Nl, "€ 0"),
            ("negative", -150_000, Lang::Nl, "-€ 1.500"),
        ];
        for (name, cents, lang, want) in rows {
            assert_eq!(format_euros(cents, lang), want, "{name}");
        }
    }

    #[test]
    fn counts_take_the_singular_for_one_in_both_languages() {
        use super::{cli, dashboard};
        assert_eq!(dashboard::counters_open_cases(Lang::Nl, 1), "1 open zaak");
        assert_eq!(dashboard::counters_open_cases(Lang::En, 2), "2 open cases");
        assert_eq!(
            dashboard::plate_counts(Lang::Nl, 0, 1, 2),
            "0 open blokkades · 1 zaak · 2 uitzonderingen"
        );
        assert_eq!(
            dashboard::plate_counts(Lang::En, 1, 0, 1),
            "1 open blocker · 0 cases · 1 exception"
        );
        assert!(cli::cases_summary(Lang::Nl, 1, 0).starts_with("1 open zaak,"));
        assert!(cli::tracks_summary(Lang::En, 1, 0, 0, 0).starts_with("1 open track:"));
        assert!(cli::imported(Lang::Nl, 1, "x").starts_with("1 record geïmporteerd"));
        assert!(cli::problems_found(Lang::Nl, 1, "x").starts_with("1 probleem in"));
        assert!(cli::problems_found(Lang::En, 3, "x").starts_with("3 problems in"));
    }
}
