//! The names of the listings' columns, one name per column for both faces: the
//! dashboard's panes and the command line's tables (which columns each shows is
//! `crate::present::columns`). Short, because the panes are narrow.

use super::Lang;

/// A column of a listing, named once for every listing that shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The dashboard's unnamed triage mark.
    Mark,
    Number,
    Case,
    Entrepreneur,
    Question,
    /// A case's title (its question is longer, in the detail view).
    Title,
    ActionLine,
    Status,
    Owner,
    /// Open blockers.
    Blockers,
    /// Days without activity.
    Idle,
    Triage,
    Stage,
    /// Total age in days.
    Total,
    /// Days in the current stage.
    StageAge,
    Health,
    Labels,
    /// Reviewed today.
    Today,
    Aim,
    Admitted,
    Deadline,
    /// Days left until the deadline.
    Days,
    Warning,
    LatestMilestone,
    Flags,
    MilestonesAndFlags,
    Product,
    Match,
    Platform,
    Certification,
}

pub fn column(lang: Lang, c: Column) -> &'static str {
    use Column::*;
    match c {
        Mark => "",
        Number => lang.pick("Nr", "No"),
        Case => lang.pick("Zaak", "Case"),
        Entrepreneur => lang.pick("Ondernemer", "Entrepreneur"),
        Question => lang.pick("Vraag", "Question"),
        Title => lang.pick("Titel", "Title"),
        ActionLine => lang.pick("Actielijn", "Action line"),
        Status => "Status",
        Owner => lang.pick("Eigenaar", "Owner"),
        Blockers => lang.pick("Blok", "Blk"),
        Idle => lang.pick("Stil", "Idle"),
        Triage => "Triage",
        Stage => lang.pick("Fase", "Stage"),
        Total => lang.pick("Totaal", "Total"),
        StageAge => lang.pick("Fase", "Stage"),
        Health => lang.pick("Gezondheid", "Health"),
        Labels => "Labels",
        Today => lang.pick("Vandaag", "Today"),
        Aim => lang.pick("Doel", "Aim"),
        Admitted => lang.pick("Toegelaten", "Admitted"),
        Deadline => "Deadline",
        Days => lang.pick("Dagen", "Days"),
        Warning => lang.pick("Waarschuwing", "Warning"),
        LatestMilestone => lang.pick("Laatste mijlpaal", "Latest milestone"),
        Flags => lang.pick("Signalen", "Flags"),
        MilestonesAndFlags => lang.pick("Mijlpalen en signalen", "Milestones and flags"),
        Product => "Product",
        Match => "Match",
        Platform => "Platform",
        Certification => lang.pick("Certificering", "Certification"),
    }
}
