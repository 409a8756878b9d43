//! EU procurement thresholds (PRODUCT.md §3): a direct award at or above the
//! threshold is not a policy exception and needs a lawyer.

use super::model::{Cents, ContractType, ExceptionKind, Settings};
use chrono::NaiveDate;

/// The threshold for a contract type on a day, from the period that covers it
/// (`from ≤ on ≤ to`); `None` when no period is configured for that day.
pub fn threshold_for(
    settings: &Settings,
    contract_type: ContractType,
    on: NaiveDate,
) -> Option<Cents> {
    let period = settings
        .eu_thresholds
        .iter()
        .find(|p| p.from <= on && on <= p.to)?;
    Some(match contract_type {
        ContractType::Supplies | ContractType::Services => period.supplies_services,
        ContractType::Works => period.works,
        ContractType::SocialServices => period.social_services,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThresholdCheck {
    /// Not a direct award: thresholds do not decide anything here.
    NotApplicable,
    /// A direct award, but no threshold is configured for the day.
    Unknown,
    Below {
        threshold: Cents,
    },
    AtOrAbove {
        threshold: Cents,
    },
}

/// Whether a direct award stays under the EU threshold on `on`.
pub fn check_direct_award(
    kind: ExceptionKind,
    contract_type: ContractType,
    value: Cents,
    on: NaiveDate,
    settings: &Settings,
) -> ThresholdCheck {
    if kind != ExceptionKind::DirectAward {
        return ThresholdCheck::NotApplicable;
    }
    match threshold_for(settings, contract_type, on) {
        None => ThresholdCheck::Unknown,
        Some(threshold) if value >= threshold => ThresholdCheck::AtOrAbove { threshold },
        Some(threshold) => ThresholdCheck::Below { threshold },
    }
}

#[cfg(test)]
mod tests {
    use super::ThresholdCheck::*;
    use super::*;
    use crate::domain::model::EuThresholds;
    use crate::domain::testutil::*;
    use ContractType::*;
    use ExceptionKind::*;

    #[test]
    fn threshold_depends_on_contract_type_and_period() {
        let mut s = settings();
        s.eu_thresholds.push(EuThresholds {
            from: date(2026, 1, 1),
            to: date(2027, 12, 31),
            supplies_services: 21_600_000,
            works: 540_400_000,
            social_services: 75_000_000,
        });
        let rows = [
            (
                "supplies share the services threshold",
                Supplies,
                date(2024, 11, 15),
                Some(22_100_000),
            ),
            ("services", Services, date(2024, 11, 15), Some(22_100_000)),
            ("works", Works, date(2024, 11, 15), Some(553_800_000)),
            (
                "social services",
                SocialServices,
                date(2024, 11, 15),
                Some(75_000_000),
            ),
            (
                "first day of a period counts",
                Services,
                date(2024, 1, 1),
                Some(22_100_000),
            ),
            (
                "last day of a period counts",
                Services,
                date(2025, 12, 31),
                Some(22_100_000),
            ),
            (
                "next period applies after",
                Services,
                date(2026, 1, 1),
                Some(21_600_000),
            ),
            ("no period before 2024", Services, date(2023, 12, 31), None),
        ];
        for (name, ct, on, want) in rows {
            assert_eq!(threshold_for(&s, ct, on), want, "{name}");
        }
    }

    #[test]
    fn only_direct_awards_are_checked_against_the_threshold() {
        let t = 22_100_000;
        let rows = [
            (
                "one cent below is below",
                DirectAward,
                Services,
                t - 1,
                date(2024, 11, 15),
                Below { threshold: t },
            ),
            (
                "exactly at threshold is at or above",
                DirectAward,
                Services,
                t,
                date(2024, 11, 15),
                AtOrAbove { threshold: t },
            ),
            (
                "works have their own threshold",
                DirectAward,
                Works,
                3_800_000,
                date(2024, 11, 15),
                Below {
                    threshold: 553_800_000,
                },
            ),
            (
                "reserved contract is not checked",
                ReservedContract,
                Services,
                31_000_000,
                date(2024, 11, 15),
                NotApplicable,
            ),
            (
                "lots are not checked",
                Lots,
                Services,
                31_000_000,
                date(2024, 11, 15),
                NotApplicable,
            ),
            (
                "no configured period is unknown",
                DirectAward,
                Services,
                100,
                date(2023, 6, 1),
                Unknown,
            ),
        ];
        for (name, kind, ct, value, on, want) in rows {
            assert_eq!(
                check_direct_award(kind, ct, value, on, &settings()),
                want,
                "{name}"
            );
        }
    }
}
