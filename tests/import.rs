//! Export files: determinism, round trip, and the bad-file corpus.

mod common;

use common::*;
use mandaat::domain::integrity::ProblemKind;
use mandaat::domain::*;
use mandaat::i18n::Lang;
use mandaat::store::export::{self, ExportDoc, FORMAT, ImportError};
use mandaat::store::{SCHEMA_VERSION, Store, StoreError};
use std::os::unix::fs::PermissionsExt;

fn export_bytes(settings: &Settings, data: &Dataset) -> Vec<u8> {
    export::to_json(&ExportDoc::new(settings, data))
}

fn good_file() -> String {
    String::from_utf8(export_bytes(&settings(), &dataset())).unwrap()
}

/// The fixture file with one piece of text swapped, as a user might garble it.
fn garbled(from: &str, to: &str) -> Vec<u8> {
    let good = good_file();
    assert!(good.contains(from), "fixture export lacks {from:?}");
    good.replacen(from, to, 1).into_bytes()
}

/// Import `bytes` into an empty store: it must be refused, the store must stay
/// empty, and the message must say nothing was imported.
fn refused(bytes: &[u8]) -> ImportError {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let err = export::import(&store, bytes).expect_err("import must be refused");
    assert!(
        store.is_empty().unwrap(),
        "a refused import wrote something"
    );
    for lang in [Lang::Nl, Lang::En] {
        let text = err.message(lang);
        assert!(
            text.contains(lang.pick("niets geïmporteerd", "Nothing was imported")),
            "{text}"
        );
    }
    err
}

#[test]
fn export_is_deterministic_and_sorted_by_number() {
    let mut shuffled = dataset();
    shuffled.cases.push(case(50, "C10"));
    shuffled.cases.push(case(51, "C2"));
    let mut sorted = shuffled.clone();
    sorted.sort();
    shuffled.cases.reverse();
    let a = export_bytes(&settings(), &shuffled);
    let b = export_bytes(&settings(), &sorted);
    assert_eq!(a, b);
    assert!(a.ends_with(b"}\n"));
    let text = String::from_utf8(a).unwrap();
    let c2 = text.find("\"C2\"").unwrap();
    assert!(c2 < text.find("\"C10\"").unwrap());
    assert!(text.starts_with(&format!(
        "{{\n  \"format\": \"{FORMAT}\",\n  \"schema_version\": {SCHEMA_VERSION},"
    )));
}

#[test]
fn import_into_an_empty_store_then_export_gives_the_same_bytes() {
    let file = good_file().into_bytes();
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    export::import(&store, &file).unwrap();
    drop(store);
    let store = Store::open(tmp.path()).unwrap();
    let again = export_bytes(&store.settings().unwrap().unwrap(), &store.load().unwrap());
    assert_eq!(
        String::from_utf8(again).unwrap(),
        String::from_utf8(file).unwrap()
    );
}

#[test]
fn parse_then_into_parts_gives_back_what_was_exported() {
    let doc = export::parse(good_file().as_bytes()).unwrap();
    assert_eq!(doc.into_parts(), (settings(), dataset()));
}

#[test]
fn import_into_a_store_that_is_not_empty_is_refused_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.save(&[organisation(70, "O07").into()]).unwrap();
    let err = export::import(&store, good_file().as_bytes()).unwrap_err();
    assert!(
        matches!(err, ImportError::Store(StoreError::NotEmpty { .. })),
        "{err:?}"
    );
    assert!(
        err.message(Lang::Nl)
            .contains(&tmp.path().display().to_string())
    );
    assert_eq!(
        store.load().unwrap().organisations,
        vec![organisation(70, "O07")]
    );
    assert_eq!(store.settings().unwrap(), None);
}

#[test]
fn empty_file_is_refused() {
    assert!(matches!(refused(b""), ImportError::Empty));
    assert!(matches!(refused(b"  \n\t"), ImportError::Empty));
}

#[test]
fn truncated_file_is_refused_with_the_line_where_it_stops() {
    let good = good_file();
    let err = refused(&good.as_bytes()[..good.len() / 2]);
    let ImportError::Truncated { line, .. } = err else {
        panic!("{err:?}")
    };
    assert!(line > 10);
    assert!(err.message(Lang::Nl).contains(&format!("regel {line}")));
}

#[test]
fn text_that_is_not_json_is_refused_with_line_and_column() {
    let err = refused(b"format = mandaat-export\n");
    assert!(
        matches!(err, ImportError::NotJson { line: 1, .. }),
        "{err:?}"
    );
    let err = refused(&garbled("\"hooks\": [", "\"hooks\": [,"));
    assert!(matches!(err, ImportError::NotJson { .. }), "{err:?}");
    let mut trailing = good_file().into_bytes();
    trailing.extend_from_slice(b"{}\n");
    assert!(matches!(refused(&trailing), ImportError::NotJson { .. }));
}

#[test]
fn json_that_is_not_an_export_is_refused() {
    let err = refused(b"[1, 2, 3]");
    assert!(matches!(err, ImportError::WrongFormat(_)), "{err:?}");
    let err = refused(b"{\"name\": \"iets anders\"}");
    assert!(
        matches!(&err, ImportError::WrongFormat(f) if f.is_empty()),
        "{err:?}"
    );
    let err = refused(&garbled(FORMAT, "taskwarrior"));
    assert!(
        matches!(&err, ImportError::WrongFormat(f) if f == "\"taskwarrior\""),
        "{err:?}"
    );
    assert!(err.message(Lang::En).contains("taskwarrior"));
}

#[test]
fn file_from_a_newer_mandaat_says_so_before_any_type_error() {
    let future = SCHEMA_VERSION + 1;
    let mut file = garbled(
        &format!("\"schema_version\": {SCHEMA_VERSION}"),
        &format!("\"schema_version\": {future}"),
    );
    // A newer version may well have fields and shapes this one does not know.
    let text = String::from_utf8(file).unwrap().replacen(
        "\"cases\": [",
        "\"zaken_v2\": 7, \"cases\": [",
        1,
    );
    file = text.into_bytes();
    let err = refused(&file);
    assert!(
        matches!(err, ImportError::FutureVersion { found, supported } if found == u64::from(future) && supported == SCHEMA_VERSION),
        "{err:?}"
    );
    assert!(err.message(Lang::Nl).contains("nieuwere mandaat"));
}

#[test]
fn schema_version_0_is_migrated_on_import() {
    // tests/fixtures/export-v0.json: the demo as exported before the first
    // release, action lines under their Dutch names.
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export-v0.json"
    ))
    .unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.contains("\"schema_version\": 0") && text.contains("impactvol_inkopen"));
    let doc = export::parse(&bytes).expect("version 0 migrates");
    assert_eq!(doc.schema_version, SCHEMA_VERSION);
    let json = String::from_utf8(export::to_json(&doc)).unwrap();
    assert!(!json.contains("impactvol_inkopen") && json.contains("impact_procurement"));
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    export::import(&store, &bytes).unwrap();
    assert!(store.check().unwrap().is_empty());
    assert_eq!(store.load().unwrap().cases.len(), doc.cases.len());
}

#[test]
fn schema_version_0_with_an_unknown_action_line_is_refused_with_its_place() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/export-v0.json"
    ))
    .unwrap()
    .replacen("\"impactvol_inkopen\"", "\"geen_actielijn\"", 1);
    let err = refused(text.as_bytes());
    let ImportError::Format { path, .. } = &err else {
        panic!("{err:?}");
    };
    assert!(
        path.starts_with("cases[") && path.ends_with("].action_line"),
        "{path}"
    );
}

#[test]
fn wrong_type_deep_in_the_file_names_its_json_path() {
    let err = refused(&garbled("\"value\": 4500000", "\"value\": \"veel\""));
    let ImportError::Format { path, line, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "exceptions[0].value");
    assert!(*line > 1);
    assert!(err.message(Lang::Nl).contains("exceptions[0].value"));
}

#[test]
fn impossible_date_names_its_json_path() {
    let err = refused(&garbled(
        "\"opened_on\": \"2024-09-02\"",
        "\"opened_on\": \"2024-02-30\"",
    ));
    let ImportError::Format { path, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, "cases[0].opened_on");
}

#[test]
fn unknown_top_level_field_is_refused() {
    let err = refused(&garbled("\"cases\": [", "\"casus\": [], \"cases\": ["));
    assert!(
        matches!(&err, ImportError::Format { detail, .. } if detail.contains("casus")),
        "{err:?}"
    );
}

#[test]
fn unknown_field_inside_a_record_is_refused_with_its_path() {
    let err = refused(&garbled(
        "\"opened_on\": \"2024-09-02\"",
        "\"opened_on\": \"2024-09-02\", \"geopend\": \"gisteren\"",
    ));
    let ImportError::Format { path, detail, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(path.starts_with("cases[0]"), "{path}");
    assert!(detail.contains("geopend"), "{detail}");
}

#[test]
fn unknown_field_in_a_nested_part_is_refused() {
    let err = refused(&garbled(
        "\"primary\": true",
        "\"primary\": true, \"weight\": 2",
    ));
    assert!(
        matches!(&err, ImportError::Format { detail, .. } if detail.contains("weight")),
        "{err:?}"
    );
}

#[test]
fn negative_exception_value_is_refused() {
    let err = refused(&garbled("\"value\": 4500000", "\"value\": -4500000"));
    let ImportError::Invalid(problems) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].place, "exceptions[0] (X01).value");
    assert_eq!(problems[0].kind, ProblemKind::NotPositive(-4_500_000));
}

#[test]
fn settings_with_a_zero_stage_limit_are_refused() {
    let mut s = settings();
    s.stage_limits[2] = 0;
    let err = refused(&export_bytes(&s, &dataset()));
    let ImportError::Invalid(problems) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(problems[0].place, "settings.stage_limits[2]");
    assert!(err.message(Lang::Nl).contains("minstens 1 dag"), "{err:?}");
}

#[test]
fn missing_list_is_refused() {
    let good = good_file();
    let start = good.find("  \"tracks\": [").unwrap();
    // Cut the tracks list and the comma before it.
    let before = good[..start].trim_end().trim_end_matches(',');
    let err = refused(format!("{before}\n}}\n").as_bytes());
    assert!(
        matches!(&err, ImportError::Format { detail, .. } if detail.contains("tracks")),
        "{err:?}"
    );
}

#[test]
fn duplicate_id_duplicate_number_and_dangling_reference_are_refused_with_their_place() {
    let mut dup_id = dataset();
    dup_id.notes.push(note(ORG, "N02"));
    let mut dup_number = dataset();
    dup_number.notes.push(note(60, "N1"));
    let mut dangling = dataset();
    dangling.tracks[0].organisation = id(999);
    let expected = [
        ("notes[1] (N02)", ProblemKind::DuplicateId(id(ORG))),
        ("notes[1] (N1)", ProblemKind::DuplicateNumber("N01".into())),
        (
            "tracks[0] (T01).organisation",
            ProblemKind::Dangling {
                to: Kind::Organisation,
                id: id(999),
            },
        ),
    ];
    for (data, (place, kind)) in [dup_id, dup_number, dangling].into_iter().zip(expected) {
        let err = refused(&export_bytes(&settings(), &data));
        let ImportError::Invalid(problems) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            (problems[0].place.as_str(), &problems[0].kind),
            (place, &kind)
        );
        assert!(err.message(Lang::Nl).contains(place));
    }
}

#[test]
fn invalid_utf8_is_refused_with_its_byte_offset() {
    let mut file = good_file().into_bytes();
    let at = file.len() / 3;
    file[at] = 0xff;
    let err = refused(&file);
    let ImportError::NotUtf8 { offset, line } = err else {
        panic!("{err:?}")
    };
    assert_eq!(offset, at);
    assert!(line > 1);
    assert!(err.message(Lang::En).contains(&format!("byte {at}")));
}

#[test]
fn a_note_of_a_few_pages_is_accepted() {
    // Up to the size rule's 20,000 chars (a longer one is refused, below).
    let mut data = dataset();
    data.notes[0].text = "lang verhaal ".repeat(1_538);
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    export::import(&store, &export_bytes(&settings(), &data)).unwrap();
    assert_eq!(store.load().unwrap().notes[0].text.len(), 13 * 1_538);
}

#[test]
fn file_over_the_size_limit_is_refused_before_parsing() {
    let file = vec![b' '; export::MAX_IMPORT_BYTES + 1];
    assert!(matches!(refused(&file), ImportError::TooLarge { .. }));
}

#[test]
fn byte_order_mark_at_the_start_is_tolerated() {
    let mut file = "\u{feff}".as_bytes().to_vec();
    file.extend(good_file().into_bytes());
    assert!(export::parse(&file).is_ok());
}

#[test]
fn write_atomic_leaves_a_private_file_and_no_temporary() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("mandaat-export.json");
    std::fs::write(&path, b"old").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    export::write_atomic(&path, b"new").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, ["mandaat-export.json"]);
}

#[test]
fn write_atomic_into_a_missing_folder_fails_and_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("nergens").join("export.json");
    assert!(export::write_atomic(&path, b"x").is_err());
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}

#[test]
fn dates_outside_the_years_today_accepts_are_refused_with_their_place() {
    for far in ["0000-01-01", "9999-12-31", "1899-12-31", "2201-01-01"] {
        let err = refused(&garbled(
            "\"opened_on\": \"2024-09-02\"",
            &format!("\"opened_on\": \"{far}\""),
        ));
        let ImportError::Invalid(problems) = &err else {
            panic!("{far}: {err:?}")
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].place.starts_with("cases[0]"), "{problems:?}");
        assert!(problems[0].place.ends_with(".opened_on"), "{problems:?}");
        for lang in [Lang::Nl, Lang::En] {
            let text = err.message(lang);
            assert!(text.contains(far) && text.contains("1900"), "{text}");
        }
    }
    // The edges themselves are fine.
    for edge in ["1900-01-01", "2200-12-31"] {
        let bytes = garbled(
            "\"opened_on\": \"2024-09-02\"",
            &format!("\"opened_on\": \"{edge}\""),
        );
        export::parse(&bytes).unwrap_or_else(|e| panic!("{edge}: {e:?}"));
    }
}

#[test]
fn texts_and_lists_longer_than_their_limits_are_refused_with_their_place() {
    use mandaat::domain::plain::{MAX_BLOCKERS, MAX_KEYWORD, MAX_MANY, MAX_ONE};
    let mut data = dataset();
    data.notes[0].text = "a".repeat(MAX_MANY + 1);
    data.organisations[0].name = "n".repeat(MAX_ONE + 1);
    let blocker = data.cases[0].blockers[0].clone();
    data.cases[0].blockers[0].keyword = "k".repeat(MAX_KEYWORD + 1);
    for i in 0..MAX_BLOCKERS {
        let mut b = blocker.clone();
        b.id = id(9_000 + i as u128);
        data.cases[0].blockers.push(b);
    }
    let err = refused(&export_bytes(&settings(), &data));
    let ImportError::Invalid(problems) = &err else {
        panic!("{err:?}")
    };
    let places: Vec<&str> = problems.iter().map(|p| p.place.as_str()).collect();
    assert_eq!(problems.len(), 4, "{problems:?}");
    assert!(
        places
            .iter()
            .any(|p| p.starts_with("notes[0]") && p.ends_with(".text"))
    );
    assert!(
        places
            .iter()
            .any(|p| p.starts_with("organisations[0]") && p.ends_with(".name"))
    );
    assert!(places.iter().any(|p| p.ends_with(".blockers[0].keyword")));
    assert!(places.iter().any(|p| p.ends_with(".blockers")));
    let nl = err.message(Lang::Nl);
    assert!(nl.contains("20001 tekens, hoogstens 20000"), "{nl}");
    assert!(
        nl.contains("hoogstens 300") && nl.contains("hoogstens 80"),
        "{nl}"
    );
    assert!(nl.contains("51 items, hoogstens 50"), "{nl}");
    assert!(
        err.message(Lang::En)
            .contains("is too long: 20001 characters")
    );
    // At the limit itself the text is taken.
    let mut data = dataset();
    data.notes[0].text = "a".repeat(MAX_MANY);
    export::parse(&export_bytes(&settings(), &data)).expect("a text at its limit");
}
