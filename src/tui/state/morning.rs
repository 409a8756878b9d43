//! The morning view as a list: its sections in order and the record each row
//! is about. Built from the view cache when asked (a few dozen rows), so it
//! is always in step with the data after a change.

use super::Model;
use crate::domain::certification::CertWarning;
use crate::domain::hooks::Expiry;
use crate::domain::*;

/// The sections of the morning view, in the order they show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MorningSection {
    FollowUps,
    Triage,
    Stalled,
    Tracks,
    Hooks,
    Summary,
}

impl MorningSection {
    pub const ALL: [MorningSection; 6] = [
        MorningSection::FollowUps,
        MorningSection::Triage,
        MorningSection::Stalled,
        MorningSection::Tracks,
        MorningSection::Hooks,
        MorningSection::Summary,
    ];
}

/// One selectable row of the morning view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MorningItem {
    /// A follow-up due today or overdue: index into the data's follow-ups.
    FollowUp(usize),
    /// A case in triage: index into the case rows.
    Triage(usize),
    /// An exception stalled since the last review: index into the exception rows.
    Stalled(usize),
    /// An urgent or flagged track: index into the track lines.
    Track(usize),
    /// A haakje of an open case that ends soon or has ended: indexes into
    /// the data's cases and haakjes.
    Hook { case: usize, hook: usize },
    /// The latest end-of-day summary note (on no record): index into the
    /// note heads.
    Summary(usize),
}

impl MorningItem {
    pub fn section(self) -> MorningSection {
        match self {
            MorningItem::FollowUp(_) => MorningSection::FollowUps,
            MorningItem::Triage(_) => MorningSection::Triage,
            MorningItem::Stalled(_) => MorningSection::Stalled,
            MorningItem::Track(_) => MorningSection::Tracks,
            MorningItem::Hook { .. } => MorningSection::Hooks,
            MorningItem::Summary(_) => MorningSection::Summary,
        }
    }
}

impl Model {
    /// The morning view's rows, section by section.
    pub fn morning_items(&self) -> Vec<MorningItem> {
        let v = &self.views;
        let mut out: Vec<MorningItem> = v
            .due_followups
            .iter()
            .map(|i| MorningItem::FollowUp(*i))
            .collect();
        out.extend(v.triage_rows.iter().map(|i| MorningItem::Triage(*i)));
        out.extend(
            v.newly_stalled_rows
                .iter()
                .map(|i| MorningItem::Stalled(*i)),
        );
        out.extend(
            (v.tracks.iter().enumerate())
                .filter(|(_, r)| {
                    matches!(r.warning, CertWarning::Overdue | CertWarning::Within30)
                        || !r.flags.is_empty()
                })
                .map(|(i, _)| MorningItem::Track(i)),
        );
        for row in &v.case_rows {
            let case = &self.data.cases[row.idx];
            if !case.status.is_open() {
                continue;
            }
            for link in &case.hooks {
                let ending = matches!(
                    v.hook_expiry.get(&link.hook),
                    Some(Expiry::Soon(_) | Expiry::Expired)
                );
                let hook = self.data.hooks.iter().position(|h| h.id == link.hook);
                if let (true, Some(hook)) = (ending, hook) {
                    out.push(MorningItem::Hook {
                        case: row.idx,
                        hook,
                    });
                }
            }
        }
        let today = self.ctx.today;
        let summary = (self.note_heads.iter().enumerate())
            .filter(|(_, h)| h.kind == NoteKind::DaySummary && h.date <= today)
            .max_by_key(|(_, h)| (h.date, h.seq));
        out.extend(summary.map(|(i, _)| MorningItem::Summary(i)));
        out
    }

    /// Row `i` of the morning view, if there is one.
    pub fn morning_item(&self, i: usize) -> Option<MorningItem> {
        self.morning_items().get(i).copied()
    }

    /// The case or exception a morning row is about: a follow-up's record,
    /// the case or exception itself, a haakje's case, the summary note
    /// itself. A track has none.
    pub fn morning_record(&self, item: MorningItem) -> Option<RecordRef> {
        let v = &self.views;
        match item {
            MorningItem::FollowUp(i) => self.data.followups.get(i).map(|f| f.about),
            MorningItem::Triage(i) => v
                .case_rows
                .get(i)
                .map(|r| self.data.cases[r.idx].record_ref()),
            MorningItem::Stalled(i) => v
                .exception_rows
                .get(i)
                .map(|r| self.data.exceptions[r.idx].record_ref()),
            MorningItem::Track(_) => None,
            MorningItem::Hook { case, .. } => self.data.cases.get(case).map(|c| c.record_ref()),
            MorningItem::Summary(i) => self.note_heads.get(i).map(|h| RecordRef {
                kind: Kind::Note,
                id: h.id,
            }),
        }
    }
}
