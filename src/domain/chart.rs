//! Ageing you can see: the open exceptions counted by age band (total age),
//! and within each band by health and by stage. The dashboard draws it as a
//! chart; `present::chart` gives the same figures as Markdown tables for the
//! review report, readable without colour.

use super::ageing::{ExceptionStatus, Health};
use super::model::{ProcurementException, Stage};

/// The age bands, in days since the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    /// 0–30 days
    UpTo30,
    /// 31–90 days
    UpTo90,
    /// 91–180 days
    UpTo180,
    /// 181–365 days
    UpTo365,
    /// more than 365 days
    Over365,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::UpTo30,
        AgeBand::UpTo90,
        AgeBand::UpTo180,
        AgeBand::UpTo365,
        AgeBand::Over365,
    ];

    /// The band of a total age in days (negative counts as 0).
    pub fn of(total_days: i64) -> AgeBand {
        match total_days {
            ..=30 => AgeBand::UpTo30,
            31..=90 => AgeBand::UpTo90,
            91..=180 => AgeBand::UpTo180,
            181..=365 => AgeBand::UpTo365,
            _ => AgeBand::Over365,
        }
    }

    /// "0–30", "31–90", "91–180", "181–365", "> 365" (days).
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::UpTo30 => "0–30",
            AgeBand::UpTo90 => "31–90",
            AgeBand::UpTo180 => "91–180",
            AgeBand::UpTo365 => "181–365",
            AgeBand::Over365 => "> 365",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Health in chart order: worst first, as [`Health`] declares it.
pub const HEALTHS: [Health; 5] = [
    Health::Critical,
    Health::Stalled,
    Health::Attention,
    Health::Ok,
    Health::Snoozed,
];

fn health_index(h: Health) -> usize {
    HEALTHS.iter().position(|x| *x == h).unwrap_or(0)
}

/// One band's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Band {
    pub total: usize,
    /// Indexed like [`HEALTHS`].
    pub by_health: [usize; 5],
    /// Indexed like [`Stage::OPEN`] (stage 1 at index 0).
    pub by_stage: [usize; 7],
}

impl Band {
    pub fn health(&self, h: Health) -> usize {
        self.by_health[health_index(h)]
    }

    /// The count in an open stage; 0 for a closed one.
    pub fn stage(&self, s: Stage) -> usize {
        s.ordinal().map_or(0, |n| self.by_stage[usize::from(n) - 1])
    }
}

/// The open exceptions by age band; closed ones are not counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgeChart {
    /// Indexed like [`AgeBand::ALL`].
    pub bands: [Band; 5],
}

impl AgeChart {
    pub fn band(&self, b: AgeBand) -> &Band {
        &self.bands[b.index()]
    }

    pub fn total(&self) -> usize {
        self.bands.iter().map(|b| b.total).sum()
    }

    /// The largest band, to scale bars by (0 for an empty chart).
    pub fn max_band(&self) -> usize {
        self.bands.iter().map(|b| b.total).max().unwrap_or(0)
    }

    /// All bands together, per health.
    pub fn health_total(&self, h: Health) -> usize {
        self.bands.iter().map(|b| b.health(h)).sum()
    }

    /// All bands together, per open stage.
    pub fn stage_total(&self, s: Stage) -> usize {
        self.bands.iter().map(|b| b.stage(s)).sum()
    }
}

/// Count the open exceptions of `rows` (as [`super::ageing::open_exceptions`]
/// gives them) by age band, health and stage.
pub fn age_chart(rows: &[(&ProcurementException, ExceptionStatus)]) -> AgeChart {
    let mut chart = AgeChart::default();
    for (x, st) in rows {
        let (Some(health), Some(stage)) = (st.health, x.stage.ordinal()) else {
            continue;
        };
        let band = &mut chart.bands[AgeBand::of(st.ages.total_days).index()];
        band.total += 1;
        band.by_health[health_index(health)] += 1;
        band.by_stage[usize::from(stage) - 1] += 1;
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::ActivityIndex;
    use crate::domain::ageing::open_exceptions;
    use crate::domain::testutil::*;

    fn demo_chart() -> AgeChart {
        let data = seeded_demo();
        let activity = ActivityIndex::build(&data);
        let rows = open_exceptions(&data, &activity, &settings(), today());
        age_chart(&rows)
    }

    #[test]
    fn bands_have_inclusive_upper_bounds() {
        let rows = [
            (0, AgeBand::UpTo30),
            (30, AgeBand::UpTo30),
            (31, AgeBand::UpTo90),
            (90, AgeBand::UpTo90),
            (91, AgeBand::UpTo180),
            (180, AgeBand::UpTo180),
            (181, AgeBand::UpTo365),
            (365, AgeBand::UpTo365),
            (366, AgeBand::Over365),
            (-1, AgeBand::UpTo30),
        ];
        for (days, band) in rows {
            assert_eq!(AgeBand::of(days), band, "{days} days");
        }
    }

    #[test]
    fn the_demo_chart() {
        let chart = demo_chart();
        // [critical, stalled, attention, ok, snoozed] and stages 1–7 per band.
        let expected = [
            // X01 (3 d, ok, 1), X02 (14, ok, 2), X03 (28, attention, 4)
            (3, [0, 0, 1, 2, 0], [1, 1, 0, 1, 0, 0, 0]),
            // X04 (46, stalled, 3), X05 (88, critical, 5)
            (2, [1, 1, 0, 0, 0], [0, 0, 1, 0, 1, 0, 0]),
            // X06 (137, attention, 6)
            (1, [0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 1, 0]),
            // X09 (186, ok, 7), X07 (214, critical, 4), X10 (256, snoozed, 3)
            (3, [1, 0, 0, 1, 1], [0, 0, 1, 1, 0, 0, 1]),
            // X08 (375, critical, 6)
            (1, [1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1, 0]),
        ];
        for (band, (total, health, stage)) in AgeBand::ALL.iter().zip(expected) {
            let got = chart.band(*band);
            assert_eq!(
                (got.total, got.by_health, got.by_stage),
                (total, health, stage),
                "{}",
                band.label()
            );
        }
        assert_eq!(chart.total(), 10);
        assert_eq!(chart.max_band(), 3);
        assert_eq!(chart.health_total(Health::Critical), 3);
        assert_eq!(chart.stage_total(Stage::MarketScan), 2);
        assert_eq!(chart.band(AgeBand::UpTo365).stage(Stage::Awarded), 0);
    }

    #[test]
    fn closed_exceptions_are_not_counted() {
        let mut x = exception("X01", day(-40), 2, day(-10));
        x.stage = Stage::Awarded;
        let st = crate::domain::ageing::exception_status(&x, day(-10), &settings(), today());
        assert_eq!(age_chart(&[(&x, st)]), AgeChart::default());
    }
}
