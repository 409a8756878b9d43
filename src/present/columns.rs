//! Which columns each listing shows, for the dashboard's panes and the command
//! line's tables alike, so both faces call a column by the same name (the names
//! are `crate::i18n::columns`).

use crate::i18n::Lang;
pub use crate::i18n::columns::Column;
use Column::*;

/// The dashboard's cases pane.
pub const CASES_PANE: [Column; 9] = [
    Mark,
    Number,
    Entrepreneur,
    Title,
    ActionLine,
    Status,
    Owner,
    Blockers,
    Idle,
];

/// The dashboard's exceptions pane.
pub const EXCEPTIONS_PANE: [Column; 8] = [
    Number,
    Case,
    Entrepreneur,
    Stage,
    Total,
    StageAge,
    Health,
    Labels,
];

/// The dashboard's certification tracks screen.
pub const TRACKS_PANE: [Column; 8] = [
    Number,
    Entrepreneur,
    Aim,
    Admitted,
    Deadline,
    Days,
    Warning,
    MilestonesAndFlags,
];

/// `mandaat cases`: the cases pane without the mark, with the triage reasons.
pub const CASES_LISTING: [Column; 9] = [
    Number,
    Entrepreneur,
    Title,
    ActionLine,
    Status,
    Owner,
    Blockers,
    Idle,
    Triage,
];

/// `mandaat exceptions`: the exceptions pane with the days without activity.
pub const EXCEPTIONS_LISTING: [Column; 9] = [
    Number,
    Case,
    Entrepreneur,
    Stage,
    Total,
    StageAge,
    Idle,
    Health,
    Labels,
];

/// `mandaat review`: today's review items and whether each was reviewed.
pub const REVIEW_LISTING: [Column; 8] = [
    Number,
    Case,
    Entrepreneur,
    Stage,
    Total,
    StageAge,
    Health,
    Today,
];

/// `mandaat kip tracks`: the tracks screen with milestone and flags apart.
pub const TRACKS_LISTING: [Column; 9] = [
    Number,
    Entrepreneur,
    Aim,
    Admitted,
    Deadline,
    Days,
    Warning,
    LatestMilestone,
    Flags,
];

/// `mandaat kip sroi`: entrepreneurs matching a buyer's SROI need.
pub const SROI_LISTING: [Column; 7] = [
    Number,
    Entrepreneur,
    Product,
    Match,
    Platform,
    Certification,
    Case,
];

/// The header row of a listing.
pub fn headers(lang: Lang, columns: &[Column]) -> Vec<&'static str> {
    columns
        .iter()
        .map(|c| crate::i18n::columns::column(lang, *c))
        .collect()
}
