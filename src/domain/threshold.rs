//! EU procurement thresholds (PRODUCT.md §3): a direct award at or above the
//! threshold is not a policy exception and needs a lawyer; a reserved
//! contract, lots or a deviation from a framework contract at or above it
//! fall under the EU rules too, and are warned about.

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
    /// A kind of exception the thresholds decide nothing about.
    NotApplicable,
    /// A kind the thresholds apply to, but none is configured for the day.
    Unknown,
    Below {
        threshold: Cents,
    },
    AtOrAbove {
        threshold: Cents,
    },
}

/// Whether the EU thresholds say something about this kind of exception:
/// every kind that is about awarding a contract of a value. An SROI
/// deviation changes an obligation, not how a contract is awarded.
pub fn applies_to(kind: ExceptionKind) -> bool {
    match kind {
        ExceptionKind::DirectAward
        | ExceptionKind::ReservedContract
        | ExceptionKind::Lots
        | ExceptionKind::FrameworkDeviation => true,
        ExceptionKind::SroiDeviation => false,
    }
}

/// Where an exception's value stands against the EU threshold on `on`.
pub fn check(
    kind: ExceptionKind,
    contract_type: ContractType,
    value: Cents,
    on: NaiveDate,
    settings: &Settings,
) -> ThresholdCheck {
    if !applies_to(kind) {
        return ThresholdCheck::NotApplicable;
    }
    match threshold_for(settings, contract_type, on) {
        None => ThresholdCheck::Unknown,
        Some(threshold) if value >= threshold => ThresholdCheck::AtOrAbove { threshold },
        Some(threshold) => ThresholdCheck::Below { threshold },
    }
}

/// Whether a legal contact must be named: only a direct award at or above
/// the threshold is no policy exception at all (PRODUCT.md §3).
pub fn needs_legal_contact(kind: ExceptionKind, check: ThresholdCheck) -> bool {
    kind == ExceptionKind::DirectAward && matches!(check, ThresholdCheck::AtOrAbove { .. })
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
    fn every_award_kind_is_checked_against_the_threshold() {
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
                "reserved contract of 250,000 is above",
                ReservedContract,
                Services,
                25_000_000,
                date(2024, 11, 15),
                AtOrAbove { threshold: t },
            ),
            (
                "reserved contract one cent below",
                ReservedContract,
                Services,
                t - 1,
                date(2024, 11, 15),
                Below { threshold: t },
            ),
            (
                "reserved contract exactly at",
                ReservedContract,
                Services,
                t,
                date(2024, 11, 15),
                AtOrAbove { threshold: t },
            ),
            (
                "reserved social services have their own threshold",
                ReservedContract,
                SocialServices,
                25_000_000,
                date(2024, 11, 15),
                Below {
                    threshold: 75_000_000,
                },
            ),
            (
                "lots above",
                Lots,
                Services,
                t + 1,
                date(2024, 11, 15),
                AtOrAbove { threshold: t },
            ),
            (
                "framework deviation at",
                FrameworkDeviation,
                Supplies,
                t,
                date(2024, 11, 15),
                AtOrAbove { threshold: t },
            ),
            (
                "an SROI deviation is not about an award",
                SroiDeviation,
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
            assert_eq!(check(kind, ct, value, on, &settings()), want, "{name}");
        }
    }

    #[test]
    fn only_a_direct_award_at_or_above_needs_a_legal_contact() {
        let at = AtOrAbove { threshold: 1 };
        let below = Below { threshold: 1 };
        assert!(needs_legal_contact(DirectAward, at));
        assert!(!needs_legal_contact(DirectAward, below));
        assert!(!needs_legal_contact(ReservedContract, at));
        assert!(!needs_legal_contact(Lots, at));
        assert!(!needs_legal_contact(FrameworkDeviation, at));
    }
}
