//! Taking in a case: the entrepreneur's details in the new-case and edit
//! forms, the new case selected, the searchable haakje picker, the blocker
//! form's "no owner", the case history and the EU-threshold warnings.

use super::*;

fn case_numbered<'a>(s: &'a Screen, number: &str) -> &'a Case {
    s.app
        .model
        .data
        .cases
        .iter()
        .find(|c| c.number == number)
        .unwrap()
}

fn org_named<'a>(data: &'a Dataset, name: &str) -> &'a Organisation {
    data.organisations.iter().find(|o| o.name == name).unwrap()
}

/// `c`, a new entrepreneur with every detail, a title; Enter.
fn new_case_for_ratwerk(s: &mut Screen) {
    s.keys(&[Char('c')]);
    s.keys(&[Tab]).typed("Ratwerk Schalkwijk");
    s.keys(&[Tab]).typed("Samira");
    s.keys(&[Tab]).typed("samira@ratwerk.example");
    s.keys(&[Tab]).typed("023 511 5115");
    s.keys(&[Tab]).typed("1234 5678");
    s.keys(&[Tab]).typed("fietsreparatie, fietsverhuur");
    s.keys(&[Tab]).typed("Fietsenstalling station");
    s.keys(&[Enter]);
}

#[test]
fn a_new_entrepreneur_keeps_its_details_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    seed_store(&store);
    let mut s = Screen {
        app: app_on(&store, Lang::Nl, true),
        _dir: dir,
        terminal: Terminal::new(TestBackend::new(160, 48)).unwrap(),
    };
    s.draw();
    new_case_for_ratwerk(&mut s);
    assert!(s.text().contains("zaak C26 aangemaakt"), "{}", s.text());
    let store_dir = s.app.session.dir().to_path_buf();
    drop(s.app);
    let data = open_retrying(&store_dir).load().unwrap();
    let o = org_named(&data, "Ratwerk Schalkwijk");
    assert_eq!(o.contact_person, "Samira");
    assert_eq!(o.email, "samira@ratwerk.example");
    assert_eq!(o.phone, "023 511 5115");
    assert_eq!(o.kvk, "12345678");
    assert_eq!(o.products, vec!["fietsreparatie", "fietsverhuur"]);
    let c = data.cases.iter().find(|c| c.number == "C26").unwrap();
    assert_eq!(c.organisation, o.id);
    assert_eq!(c.title, "Fietsenstalling station");
}

#[test]
fn the_new_case_is_selected_even_where_the_filter_hid_it() {
    let mut s = Screen::demo();
    // A filter that the new case does not match.
    s.keys(&[Char('/')]).typed("spaarne").keys(&[Enter]);
    new_case_for_ratwerk(&mut s);
    assert_eq!(s.app.model.selected_case().unwrap().number, "C26");
    let text = s.text();
    assert!(
        text.contains("filter gewist om de nieuwe zaak te tonen"),
        "{text}"
    );
    assert!(text.contains("1 Zaken (25)"), "{text}");
}

#[test]
fn the_new_case_is_selected_where_the_list_puts_it() {
    let mut s = Screen::demo();
    new_case_for_ratwerk(&mut s);
    assert_eq!(s.app.model.selected_case().unwrap().number, "C26");
    assert!(!s.text().contains("filter gewist"), "{}", s.text());
}

#[test]
fn a_missing_name_is_reported_before_a_missing_title() {
    let mut s = Screen::demo();
    s.keys(&[Char('c'), Enter]);
    let text = s.text();
    assert!(text.contains("Naam nieuwe ondernemer: verplicht"), "{text}");
    assert!(!text.contains("Titel: verplicht"), "{text}");
    // A known entrepreneur needs no new name: then the title is missing.
    s.keys(&[BackTab, Right, Enter]);
    assert!(s.text().contains("Titel: verplicht"), "{}", s.text());
}

#[test]
fn details_say_what_is_wrong_with_them() {
    let mut s = Screen::demo();
    let before = s.app.model.data.cases.len();
    s.keys(&[Char('c'), Tab]).typed("Ratwerk");
    s.keys(&[Tab, Tab]).typed("samira.ratwerk");
    assert!(s.text().contains("geen e-mailadres"), "{}", s.text());
    s.keys(&[Tab, Tab]).typed("1234");
    assert!(s.text().contains("moet 8 cijfers zijn"), "{}", s.text());
    s.keys(&[Tab])
        .typed("x")
        .keys(&[Tab])
        .typed("Titel")
        .keys(&[Enter]);
    // Enter puts the cursor on the first detail in error.
    assert!(
        s.text().contains("E-mail: geen e-mailadres"),
        "{}",
        s.text()
    );
    assert_eq!(s.app.model.data.cases.len(), before);
}

#[test]
fn form_labels_stay_apart_from_their_values_at_80_columns() {
    let mut s = Screen::with(Lang::Nl, true, 80, 24);
    s.keys(&[Char('c'), Tab]).typed("Ratwerk Schalkwijk");
    let text = s.text();
    assert!(!text.contains("ondernemerRatwerk"), "{text}");
    let line = s.line_with("Naam nieuwe ondernemer");
    let after = line.split("Naam nieuwe ondernemer").nth(1).unwrap();
    assert!(after.starts_with(' '), "{line}");
    assert!(
        after.trim_start().starts_with("Ratwerk Schalkwijk"),
        "{line}"
    );
    // The longest label, wider than the label column, still ends in a space.
    s.keys(&[Tab, Tab, Tab, Tab, Tab]).typed("fiets");
    assert!(s.text().contains("(komma's) fiets"), "{}", s.text());
    insta::assert_snapshot!("new_case_form_80", s.text());
}

#[test]
fn products_entered_in_the_edit_form_are_found_by_sroi_matching() {
    let mut s = Screen::demo();
    s.keys(&[Char('i')]).typed("fiets");
    assert!(
        !s.text().contains("Fietsherstel Nieuwe Ronde"),
        "{}",
        s.text()
    );
    s.keys(&[Esc]);
    // C01 is Fietsherstel Nieuwe Ronde's; its products are the last field.
    s.keys(&[Char('e'), BackTab]).typed("fietsreparatie");
    s.keys(&[Enter]);
    assert!(s.text().contains("C01 bijgewerkt"), "{}", s.text());
    let o = org_named(&s.app.model.data, "Fietsherstel Nieuwe Ronde");
    assert_eq!(o.products, vec!["fietsreparatie"]);
    s.keys(&[Char('i')]).typed("fiets");
    assert!(
        s.text().contains("Fietsherstel Nieuwe Ronde"),
        "{}",
        s.text()
    );
}

#[test]
fn the_haakje_picker_finds_by_typing_and_the_history_names_it() {
    let mut s = Screen::demo();
    s.keys(&[Char('h')]).typed("aanbested");
    let text = s.text();
    // One of the eleven haakjes C01 has not linked yet (H04, H05 it has).
    assert!(text.contains("aanbested▏ (1/11)"), "{text}");
    assert!(text.contains("▸ H12 Aanbestedingswet 2012"), "{text}");
    // ↓ goes through the matches; C01 has H04 and H05 already.
    for _ in 0.."aanbested".len() {
        s.keys(&[Backspace]);
    }
    s.typed("subsidie");
    assert!(
        s.text().contains("▸ H09 Algemene subsidieverordening"),
        "{}",
        s.text()
    );
    s.keys(&[Down]);
    assert!(s.text().contains("▸ H10 Subsidieregeling"), "{}", s.text());
    s.keys(&[Tab, Tab])
        .typed("art. 1")
        .keys(&[Tab])
        .typed("leefbaarheid van de wijk");
    s.keys(&[Enter]);
    assert!(s.text().contains("H10 gekoppeld aan C01"), "{}", s.text());
    s.keys(&[Enter]);
    assert!(
        s.text()
            .contains("15-11-2024 haakje gekoppeld: H10 Subsidieregeling"),
        "{}",
        s.text()
    );
}

#[test]
fn a_search_that_finds_no_haakje_says_so() {
    let mut s = Screen::demo();
    s.keys(&[Char('h')]).typed("blablaqq");
    assert!(
        s.text().contains("niets gevonden voor \"blablaqq\""),
        "{}",
        s.text()
    );
}

#[test]
fn a_nonsense_blocker_keyword_proposes_no_department() {
    let mut s = Screen::demo();
    let before = case_numbered(&s, "C01").blockers.len();
    s.keys(&[Char('b')]).typed("blablaqq");
    let text = s.text();
    assert!(
        text.contains("Geen eigenaar gevonden — leg voor in het kernteam."),
        "{text}"
    );
    assert!(text.contains("◀ — (geen eigenaar) ▶"), "{text}");
    assert!(!text.contains("D06"), "{text}");
    s.keys(&[Enter]);
    assert!(s.text().contains("Geen afdeling gekozen"), "{}", s.text());
    assert_eq!(case_numbered(&s, "C01").blockers.len(), before);
}

#[test]
fn lookup_offers_tab_only_when_a_department_was_found() {
    let mut s = Screen::demo();
    s.keys(&[Char('o')]).typed("terras");
    assert!(s.text().contains("als blokkade"), "{}", s.text());
    for _ in 0.."terras".len() {
        s.keys(&[Backspace]);
    }
    s.typed("blablaqq");
    assert!(!s.text().contains("als blokkade"), "{}", s.text());
    s.keys(&[Tab]);
    assert!(
        s.text()
            .contains("Geen afdeling gevonden, dus niets om de blokkade onder te zetten"),
        "{}",
        s.text()
    );
}

#[test]
fn the_history_says_created_and_lists_each_blocker_with_its_description() {
    let mut s = Screen::demo();
    new_case_for_ratwerk(&mut s);
    s.keys(&[Char('b')]).typed("terras");
    s.keys(&[Tab, Tab])
        .typed("terras aan het Stationsplein")
        .keys(&[Enter]);
    s.keys(&[Char('b')])
        .typed("loonkostensubsidie")
        .keys(&[Enter]);
    s.keys(&[Enter]);
    let text = s.text();
    assert!(text.contains("15-11-2024 zaak aangemaakt"), "{text}");
    assert!(!text.contains("zaak gewijzigd"), "{text}");
    assert!(
        text.contains("15-11-2024 blokkade gemeld: terras → D05 — terras aan het Stationsplein"),
        "{text}"
    );
    assert!(
        text.contains("15-11-2024 blokkade gemeld: loonkostensubsidie → D04"),
        "{text}"
    );
    // The description is in the blockers list too.
    assert!(text.contains("    terras aan het Stationsplein"), "{text}");
}

#[test]
fn the_lawyer_of_an_exception_is_shown_with_its_request() {
    let mut s = Screen::demo();
    s.keys(&[Char('X'), Tab, Tab]).typed("250000");
    s.keys(&[Tab]).typed("Schoonmaak stadhuis");
    s.keys(&[Tab, Right, Enter]);
    assert_eq!(s.app.model.data.exceptions.len(), 11);
    let x = s
        .app
        .model
        .data
        .exceptions
        .iter()
        .find(|x| x.number == "X11")
        .unwrap();
    let lawyer = s
        .app
        .model
        .data
        .contacts
        .iter()
        .find(|c| Some(c.id) == x.legal_contact)
        .unwrap()
        .name
        .clone();
    s.app.model.mode = mandaat::tui::state::Mode::Detail(x_ref(&s, "X11"));
    s.draw();
    let text = s.text();
    assert!(text.contains(&format!("Jurist: {lawyer}")), "{text}");
    assert!(
        text.contains(&format!("1 Aanvraag · Anouk — Jurist: {lawyer}")),
        "{text}"
    );
}

fn x_ref(s: &Screen, number: &str) -> RecordRef {
    s.app
        .model
        .data
        .exceptions
        .iter()
        .find(|x| x.number == number)
        .unwrap()
        .record_ref()
}

#[test]
fn a_reserved_contract_at_the_threshold_is_warned_about() {
    let mut s = Screen::demo();
    // The second kind is the reserved contract (voorbehouden opdracht).
    s.keys(&[Char('X'), Right, Tab, Tab]).typed("250000");
    let text = s.text();
    assert!(text.contains("moet ook een voorbehouden"), "{text}");
    assert!(text.contains("EU-drempel van € 221.000"), "{text}");
    // Below it: no warning.
    for _ in 0.."250000".len() {
        s.keys(&[Backspace]);
    }
    s.typed("220999");
    assert!(!s.text().contains("EU-drempel"), "{}", s.text());
}
