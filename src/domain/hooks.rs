//! Whether a policy hook (haakje) still holds: valid, ending soon, or ended.

use super::model::PolicyHook;
use chrono::NaiveDate;

/// Days before a haakje's end date that it counts as ending soon.
pub const HOOK_WARNING_DAYS: i64 = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    Valid,
    /// Ends within [`HOOK_WARNING_DAYS`] days: this many.
    Soon(i64),
    Expired,
}

/// A haakje without an end date never expires; one whose end date has passed
/// has; one ending within [`HOOK_WARNING_DAYS`] (the end date itself
/// included) expires soon.
pub fn hook_expiry(hook: &PolicyHook, today: NaiveDate) -> Expiry {
    match hook.valid_to {
        Some(to) if to < today => Expiry::Expired,
        Some(to) if (to - today).num_days() <= HOOK_WARNING_DAYS => {
            Expiry::Soon((to - today).num_days())
        }
        _ => Expiry::Valid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Expiry::*;

    #[test]
    fn haakje_expires_after_its_end_date_and_warns_sixty_days_ahead() {
        let today = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        let days = |n: i64| Some(today + chrono::Duration::days(n));
        let rows = [
            ("no end date is valid", None, Valid),
            ("ended yesterday is expired", days(-1), Expired),
            ("ends today is soon, 0 days", days(0), Soon(0)),
            ("ends tomorrow is soon, 1 day", days(1), Soon(1)),
            ("ends in 60 days is soon", days(60), Soon(60)),
            ("ends in 61 days is valid", days(61), Valid),
        ];
        for (rule, valid_to, expected) in rows {
            let hook = PolicyHook {
                id: uuid::Uuid::nil(),
                number: "H01".into(),
                title: "Inkoopbeleid".into(),
                adopted: String::new(),
                reference: String::new(),
                valid_to,
                stamp: crate::domain::Stamp::new(today.and_hms_opt(9, 0, 0).unwrap(), "Anouk"),
            };
            assert_eq!(hook_expiry(&hook, today), expected, "{rule}");
        }
    }
}
