//! What an entrepreneur's details must look like when they are taken in
//! (the dashboard's new-case and edit forms): a KvK number of eight digits,
//! an e-mail address with one `@` and a domain, a phone number of digits,
//! and products and services as a comma-separated list. Every detail may be
//! left empty. The texts themselves also follow [`super::plain`].

use super::plain::{self, MAX_PRODUCTS};
use super::text::normalise;

/// Why a detail as typed cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailError {
    /// Not eight digits (spaces and dots between them are fine).
    Kvk,
    /// Not `name@domain.tld`.
    Email,
    /// Holds something besides digits, spaces, `+`, `-`, `(`, `)`, or fewer
    /// than six digits.
    Phone,
    /// More products than an organisation may list.
    TooManyProducts { count: usize },
    /// One product longer than a one-line text may be.
    ProductTooLong { product: String },
}

/// The KvK number as kept: its eight digits, or empty. Spaces and dots
/// people type between groups are dropped.
pub fn kvk(typed: &str) -> Result<String, DetailError> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    if digits.is_empty() {
        return Ok(digits);
    }
    if digits.chars().count() == 8 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(DetailError::Kvk)
    }
}

/// The e-mail address, trimmed, or empty.
pub fn email(typed: &str) -> Result<String, DetailError> {
    let e = typed.trim();
    if e.is_empty() {
        return Ok(String::new());
    }
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(e.to_string())
    } else {
        Err(DetailError::Email)
    }
}

/// The phone number, trimmed, or empty.
pub fn phone(typed: &str) -> Result<String, DetailError> {
    let p = typed.trim();
    if p.is_empty() {
        return Ok(String::new());
    }
    let allowed = p
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')'));
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if allowed && digits >= 6 {
        Ok(p.to_string())
    } else {
        Err(DetailError::Phone)
    }
}

/// Products and services from a comma-separated list: each trimmed, empty
/// ones dropped, the same product (case and accents aside) once.
pub fn products(typed: &str) -> Result<Vec<String>, DetailError> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for p in typed.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if plain::too_long(p, plain::MAX_ONE).is_some() {
            return Err(DetailError::ProductTooLong {
                product: p.chars().take(20).collect(),
            });
        }
        let key = normalise(p);
        if !seen.contains(&key) {
            seen.push(key);
            out.push(p.to_string());
        }
    }
    if out.len() > MAX_PRODUCTS {
        return Err(DetailError::TooManyProducts { count: out.len() });
    }
    Ok(out)
}

/// Products as the form shows them: the list, comma-separated.
pub fn products_text(products: &[String]) -> String {
    products.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kvk_is_eight_digits_or_empty() {
        let rows = [
            ("empty is fine", "", Ok(String::new())),
            ("eight digits", "12345678", Ok("12345678".to_string())),
            (
                "spaces and dots dropped",
                " 1234 5.678 ",
                Ok("12345678".into()),
            ),
            ("seven digits", "1234567", Err(DetailError::Kvk)),
            ("nine digits", "123456789", Err(DetailError::Kvk)),
            ("a letter", "1234567a", Err(DetailError::Kvk)),
            (
                "non-ascii digits",
                "１２３４５６７８",
                Err(DetailError::Kvk),
            ),
        ];
        for (name, typed, want) in rows {
            assert_eq!(kvk(typed), want, "{name}");
        }
    }

    #[test]
    fn email_needs_one_at_and_a_domain() {
        assert_eq!(email(" joost@ronde.nl "), Ok("joost@ronde.nl".into()));
        assert_eq!(email(""), Ok(String::new()));
        for bad in [
            "joost",
            "joost@",
            "@ronde.nl",
            "joost@ronde",
            "a@b@c.nl",
            "jo ost@r.nl",
        ] {
            assert_eq!(email(bad), Err(DetailError::Email), "{bad}");
        }
    }

    #[test]
    fn phone_is_digits_with_the_usual_separators() {
        assert_eq!(phone("+31 (0)23-511 5115"), Ok("+31 (0)23-511 5115".into()));
        assert_eq!(phone(""), Ok(String::new()));
        assert_eq!(phone("12345"), Err(DetailError::Phone));
        assert_eq!(phone("023 bel me"), Err(DetailError::Phone));
    }

    #[test]
    fn products_are_a_comma_separated_list_without_repeats() {
        assert_eq!(
            products(" fietsreparatie, fietsverhuur ,,Fietsreparatie, "),
            Ok(vec![
                "fietsreparatie".to_string(),
                "fietsverhuur".to_string()
            ])
        );
        assert_eq!(products(""), Ok(Vec::new()));
        let many = (0..=MAX_PRODUCTS)
            .map(|i| format!("p{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            products(&many),
            Err(DetailError::TooManyProducts {
                count: MAX_PRODUCTS + 1
            })
        );
        let long = "x".repeat(plain::MAX_ONE + 1);
        assert!(matches!(
            products(&long),
            Err(DetailError::ProductTooLong { .. })
        ));
        assert_eq!(products_text(&["a".into(), "b".into()]), "a, b");
    }
}
