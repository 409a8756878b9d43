//! Forms without a screen: parsing, limits, errors, reading by name.

use super::*;
use crate::domain::Stage;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, 15).unwrap()
}

#[test]
fn dates_in_dutch_iso_and_relative_form() {
    let d = |s| parse_date(s, today());
    assert_eq!(d("29-11-2024"), NaiveDate::from_ymd_opt(2024, 11, 29));
    assert_eq!(d("2024-11-29"), NaiveDate::from_ymd_opt(2024, 11, 29));
    assert_eq!(d("+14"), NaiveDate::from_ymd_opt(2024, 11, 29));
    assert_eq!(d("30-02-2024"), None);
    assert_eq!(d("morgen"), None);
}

#[test]
fn money_in_euro_with_dutch_separators() {
    assert_eq!(parse_cents("42000"), Some(4_200_000));
    assert_eq!(parse_cents("42.000"), Some(4_200_000));
    assert_eq!(parse_cents("€ 42.000,50"), Some(4_200_050));
    assert_eq!(parse_cents("12,5"), Some(1250));
    assert_eq!(parse_cents("twaalf"), None);
    assert_eq!(parse_cents("1,234"), None);
}

#[test]
fn fields_refuse_text_longer_than_the_record_takes() {
    let note = Field::text(FieldId::Note, "Notitie", true);
    let at_limit = note.clone().with_value(&"a".repeat(plain::MAX_MANY));
    assert_eq!(at_limit.error(Lang::Nl, today()), None);
    let over = note.with_value(&"a".repeat(plain::MAX_MANY + 1));
    assert_eq!(
        over.error(Lang::Nl, today()).as_deref(),
        Some("is te lang: 20001 tekens, hoogstens 20000")
    );
    let title = Field::text(FieldId::Title, "Titel", true).with_value(&"t".repeat(301));
    assert!(
        title
            .error(Lang::En, today())
            .unwrap()
            .contains("at most 300")
    );
    let keyword = Field::text(FieldId::Keyword, "Trefwoord", true).with_value(&"k".repeat(81));
    assert!(
        keyword
            .error(Lang::Nl, today())
            .unwrap()
            .contains("hoogstens 80")
    );
}

#[test]
fn fields_say_what_is_wrong_while_typing() {
    let mut f = Field::date(FieldId::Until, "Tot", "");
    assert_eq!(f.error(Lang::Nl, today()).as_deref(), Some("verplicht"));
    f.value = "31-13-2024".into();
    assert!(f.error(Lang::Nl, today()).unwrap().contains("DD-MM-JJJJ"));
    f.value = "29-11-2024".into();
    assert_eq!(f.error(Lang::Nl, today()), None);
    let mut m = Field::money(FieldId::Value, "Waarde");
    m.value = "0".into();
    assert!(m.error(Lang::Nl, today()).is_some());
}

#[test]
fn fields_are_read_by_name_whatever_their_order() {
    let build = |reversed: bool| {
        let mut fields = vec![
            Field::text(FieldId::Subject, "Onderwerp", true).with_value(" bellen "),
            Field::choice(
                FieldId::Verified,
                "Geverifieerd",
                [("ja".to_string(), true), ("nee".to_string(), false)],
            )
            .selecting(false),
        ];
        if reversed {
            fields.reverse();
        }
        Form::new("t".into(), Purpose::NewCase, fields)
    };
    for form in [build(false), build(true)] {
        assert_eq!(form.text(FieldId::Subject), "bellen");
        assert_eq!(form.chosen::<bool>(FieldId::Verified), Some(false));
        assert_eq!(form.chosen::<Stage>(FieldId::Verified), None);
    }
}
