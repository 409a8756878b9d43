//! The words of the end-of-day report and the age chart, the Markdown that the
//! command line prints and the dashboard writes to the reports folder.

use super::Lang;
use crate::domain::activity::ActivityKind;
use chrono::NaiveDate;

pub fn title(lang: Lang, today: NaiveDate) -> String {
    format!(
        "{} {}",
        lang.pick("Dagafsluiting", "End-of-day review"),
        super::date(today)
    )
}

/// What a qualifying action is called in the report's "Action" column.
pub fn action_word(lang: Lang, a: ActivityKind) -> &'static str {
    use ActivityKind::*;
    match a {
        Note => lang.pick("notitie", "note"),
        FollowUpCreated => lang.pick("follow-up", "follow-up"),
        FollowUpRepeated => lang.pick("herhaald", "repeated"),
        StageMove => lang.pick("fase verzet", "stage moved"),
        Snoozed => lang.pick("gesnoozed", "snoozed"),
        FollowUpDone => lang.pick("follow-up gedaan", "follow-up done"),
        _ => lang.pick("actie", "action"),
    }
}

pub fn escalation(lang: Lang) -> &'static str {
    lang.pick("escalatie", "escalation")
}

/// "volledig", or "onvolledig (2 open)".
pub fn state(lang: Lang, open: usize) -> String {
    match open {
        0 => lang.pick("volledig", "complete").to_string(),
        n => lang.pick(
            format!("onvolledig ({n} open)"),
            format!("incomplete ({n} open)"),
        ),
    }
}

pub fn no_stalled_today(lang: Lang) -> &'static str {
    lang.pick(
        "Geen vastgelopen uitzonderingen vandaag.",
        "No stalled exceptions today.",
    )
}

pub fn day_columns(lang: Lang) -> [&'static str; 7] {
    lang.pick(
        [
            "Nr",
            "Zaak",
            "Fase",
            "Totaal",
            "In fase",
            "Actie",
            "Volgende datum",
        ],
        [
            "No",
            "Case",
            "Stage",
            "Total",
            "In stage",
            "Action",
            "Next date",
        ],
    )
}

/// "volgende 15-11-2024" in the summary note.
pub fn next(lang: Lang) -> &'static str {
    lang.pick("volgende", "next")
}

// ---------------------------------------------------------------- age chart

pub fn chart_heading(lang: Lang) -> &'static str {
    lang.pick(
        "Leeftijd van de open uitzonderingen",
        "Age of the open exceptions",
    )
}

pub fn age_days(lang: Lang) -> &'static str {
    lang.pick("Leeftijd (dagen)", "Age (days)")
}

pub fn total(lang: Lang) -> &'static str {
    lang.pick("Totaal", "Total")
}

pub fn no_open_exceptions(lang: Lang) -> &'static str {
    lang.pick(
        "Geen open inkoopuitzonderingen.",
        "No open procurement exceptions.",
    )
}
