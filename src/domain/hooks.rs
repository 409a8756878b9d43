//! Whether a policy hook (haakje) still holds: valid, ending soon, or ended;
//! and finding one by what is typed.

use super::find::Query;
use super::model::{Id, Kind, Number, PolicyHook};
use chrono::NaiveDate;

/// The haakjes matching `typed`, in their order: by number (`H5`, `h05`),
/// or holding every typed word in number, title, adoption or reference,
/// case and accents aside. Nothing typed matches every one.
pub fn search(hooks: &[PolicyHook], typed: &str) -> Vec<Id> {
    let q = Query::new(typed);
    if q.is_empty() {
        return hooks.iter().map(|h| h.id).collect();
    }
    let number = Number::parse(typed).filter(|n| n.kind == Kind::Hook);
    hooks
        .iter()
        .filter(|h| {
            number.is_some_and(|n| Number::parse(&h.number) == Some(n))
                || q.matches([
                    h.number.as_str(),
                    h.title.as_str(),
                    h.adopted.as_str(),
                    h.reference.as_str(),
                ])
        })
        .map(|h| h.id)
        .collect()
}

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

    fn hook(n: u128, number: &str, title: &str, reference: &str) -> PolicyHook {
        let day = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        PolicyHook {
            id: uuid::Uuid::from_u128(n),
            number: number.into(),
            title: title.into(),
            adopted: "2022, raad".into(),
            reference: reference.into(),
            valid_to: None,
            stamp: crate::domain::Stamp::new(day.and_hms_opt(9, 0, 0).unwrap(), "Anouk"),
        }
    }

    #[test]
    fn haakjes_are_found_by_number_words_and_reference_whatever_the_accents() {
        let hooks = [
            hook(1, "H05", "Participatieverordening", "CVDR1"),
            hook(2, "H12", "Aanbestedingswet 2012, art. 2.82", "BWBR0032203"),
            hook(3, "H15", "Economische agenda — café's en ondernemers", ""),
        ];
        let id = |n: u128| uuid::Uuid::from_u128(n);
        let rows: [(&str, &str, Vec<Id>); 8] = [
            ("nothing typed finds all", " ", vec![id(1), id(2), id(3)]),
            ("number as shown", "H12", vec![id(2)]),
            ("number without its zero, lower case", "h5", vec![id(1)]),
            ("a word of the title", "aanbesteding", vec![id(2)]),
            ("accents folded", "cafe", vec![id(3)]),
            ("every word must be there", "economische cafe", vec![id(3)]),
            ("reference", "bwbr", vec![id(2)]),
            ("nonsense finds nothing", "blablaqq", vec![]),
        ];
        for (name, typed, want) in rows {
            assert_eq!(search(&hooks, typed), want, "{name}");
        }
    }

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
