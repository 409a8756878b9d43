use super::*;
use crate::domain::model::{Keyword, Stamp};
use chrono::NaiveDate;
use uuid::Uuid;

/// The twelve departments of PRODUCT.md §5; `*` marks a secondary owner.
fn haarlem_departments() -> Vec<Department> {
    let table: [(&str, &str, &str); 12] = [
        (
            "D01",
            "Economie & Accountmanagement",
            "ondernemersloket, accountmanager, bedrijfshuisvesting, vestiging, BIZ, Waarderpolder, parkmanagement, economische visie, acquisitie",
        ),
        (
            "D02",
            "Inkoop & Contractmanagement",
            "inkoop, aanbesteding, offerte, offerteaanvraag, enkelvoudig, meervoudig, onderhands, drempel, raamovereenkomst, leveranciersregistratie, inkoopvoorwaarden, afwijking, marktconsultatie, voorbehouden opdracht, 2.82, percelen, gunning, TenderNed",
        ),
        (
            "D03",
            "Social Return",
            "SROI, social return, bouwblok, SROI-verplichting, invulling, PSO, PSO-korting, Kennemer Inkoop Platform, KIP, sociale inkoop",
        ),
        (
            "D04",
            "Werk en Inkomen / Werkgeversservicepunt",
            "loonkostensubsidie, LKS, loonwaarde, loonwaardemeting, jobcoach, banenafspraak, doelgroepregister, proefplaatsing, werkervaringsplek, Participatiewet, beschut werk, Paswerk, uitkering",
        ),
        (
            "D05",
            "Vergunningen, Toezicht & Handhaving",
            "omgevingsvergunning, bouwvergunning, gebruiksmelding, brandveiligheid, exploitatievergunning, horeca, alcoholwet, terras, evenement, standplaats, reclame, handhaving, geluid",
        ),
        (
            "D06",
            "Omgevingsbeleid & Ruimtelijke ontwikkeling",
            "omgevingsplan, bestemmingsplan, functiewijziging, buitenplanse afwijking, omgevingsvisie, parkeernorm, Omgevingswet",
        ),
        (
            "D07",
            "Vastgoed",
            "gemeentelijk pand, huur, huurovereenkomst, maatschappelijk vastgoed, leegstand, tijdelijke verhuur, huurprijs, erfpacht, onderhoud pand, staatssteun*",
        ),
        (
            "D08",
            "Subsidies",
            "subsidie, subsidieaanvraag, ASV, subsidieplafond, beschikking, vaststelling, verantwoording, voorschot, innovatiebudget, bewonersinitiatief*",
        ),
        (
            "D09",
            "Juridische Zaken",
            "staatssteun, de-minimis, Aanbestedingswet, kort geding, contract, overeenkomst, aansprakelijkheid, AVG, privacy, verwerkersovereenkomst, mandaat, bezwaar, voorbehouden opdracht*",
        ),
        (
            "D10",
            "Financiën & Control",
            "factuur, betaaltermijn, crediteur, budget, begroting, dekking, rechtmatigheid, garantstelling, lening, krediet, btw",
        ),
        (
            "D11",
            "Duurzaamheid & Circulaire economie",
            "circulair, circulaire economie, zonnedak, energie, warmtenet, afval, grondstoffen, CO2, zero-emissie, MVI-criteria",
        ),
        (
            "D12",
            "Sociaal Domein & Wijken",
            "wijkplatform, wijkcentrum, buurthuis, bewonersinitiatief, wijkeconomie, Wmo, dagbesteding, zorgindicatie, minimabeleid, armoede",
        ),
    ];
    let now = NaiveDate::from_ymd_opt(2024, 11, 15)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    table
        .into_iter()
        .map(|(number, name, keywords)| Department {
            id: Uuid::new_v4(),
            number: number.into(),
            name: name.into(),
            keywords: keywords
                .split(", ")
                .map(|k| Keyword {
                    text: k.trim_end_matches('*').into(),
                    primary: !k.ends_with('*'),
                })
                .collect(),
            liaisons: Vec::new(),
            escalation_contact: None,
            stamp: Stamp::new(now, "anouk"),
        })
        .collect()
}

struct Fixture {
    departments: Vec<Department>,
    index: KeywordIndex,
}

impl Fixture {
    fn new() -> Self {
        let departments = haarlem_departments();
        let index = KeywordIndex::build(&departments);
        Fixture { departments, index }
    }

    fn number(&self, id: Id) -> &str {
        &self.departments.iter().find(|d| d.id == id).unwrap().number
    }

    /// (department number, keyword, class) best first.
    fn lookup(&self, query: &str) -> Vec<(&str, String, MatchClass)> {
        self.index
            .lookup(query)
            .into_iter()
            .map(|m| (self.number(m.department), m.keyword, m.class))
            .collect()
    }
}

use MatchClass::{Exact, Fuzzy, Prefix};

#[test]
fn lookup_ranks_the_owner_first() {
    // query → the leading rows: department, class, keyword as spelled
    let rows = [
        ("loonkostensubsidië", "D04 exact loonkostensubsidie"),
        ("LOONKOSTENSUBSIDIE", "D04 exact loonkostensubsidie"),
        ("  Loonkostensubsidie ", "D04 exact loonkostensubsidie"),
        ("loonk", "D04 prefix loonkostensubsidie"),
        (
            "staatssteun",
            "D09 exact staatssteun | D07 exact staatssteun",
        ),
        (
            "voorbehouden opdracht",
            "D02 exact voorbehouden opdracht | D09 exact voorbehouden opdracht",
        ),
        (
            "voorbehouden  OPDRACHT",
            "D02 exact voorbehouden opdracht | D09 exact voorbehouden opdracht",
        ),
        (
            "opdracht",
            "D02 prefix voorbehouden opdracht | D09 prefix voorbehouden opdracht",
        ),
        ("vergunnig", "D05 fuzzy bouwvergunning"),
        ("vergunning", "D05 fuzzy bouwvergunning"),
        ("vergunnign", "D05 fuzzy bouwvergunning"),
        ("terras", "D05 exact terras"),
        ("sroi", "D03 exact SROI"),
        ("kip", "D03 exact KIP"),
        ("2.82", "D02 exact 2.82"),
        ("verplichting", "D03 prefix SROI-verplichting"),
        ("sroi verplichting", "D03 fuzzy SROI-verplichting"),
        ("minimis", "D09 prefix de-minimis"),
        ("huur", "D07 exact huur"),
        ("subsidie", "D08 exact subsidie"),
        ("circulaire econmie", "D11 fuzzy circulaire economie"),
        (
            "bewonersinitiatief",
            "D12 exact bewonersinitiatief | D08 exact bewonersinitiatief",
        ),
    ];
    let f = Fixture::new();
    for (query, expected) in rows {
        let got: Vec<String> = f
            .lookup(query)
            .into_iter()
            .map(|(d, k, c)| format!("{d} {} {k}", format!("{c:?}").to_lowercase()))
            .collect();
        let head = got[..got.len().min(expected.split(" | ").count())].join(" | ");
        assert_eq!(head, expected, "query {query:?}, all: {got:?}");
    }
}

#[test]
fn lookup_of_nonsense_or_nothing_finds_no_owner() {
    let f = Fixture::new();
    for query in [
        "",
        "   ",
        "dakpannen",
        "xyz",
        "qqqq",
        "zwembad",
        "fietsenrek",
        "aardbeien",
        "straat",
        "q",
        "zz",
    ] {
        assert_eq!(f.lookup(query), [], "query {query:?}");
    }
}

#[test]
fn chars_scattered_over_a_keyword_are_no_fuzzy_hit() {
    // Each is a subsequence of some keyword, at 11–16.9 points a char; a run
    // typed inside a keyword scores 17 or more.
    let f = Fixture::new();
    let rows = [
        ("riool", ""),       // r-i-o-o-l across "Kennemer Inkoop Platform"
        ("eeee", ""),        // "evenement"
        ("boete", ""),       // "bewonersinitiatief"
        ("rtn", ""),         // "PSO-korting", "social return"
        ("pand", "D07"),     // not D08 "subsidieplafond"
        ("hrc", "D05"),      // "horeca": a run of consonants still counts
        ("ovk", "D09"),      // "overeenkomst", not the longer compounds
        ("werk", "D04 D09"), // D09 "verwerkersovereenkomst" holds "werk" whole
    ];
    for (query, expected) in rows {
        let got: Vec<&str> = f.lookup(query).into_iter().map(|(d, _, _)| d).collect();
        assert_eq!(got.join(" "), expected, "query {query:?}");
    }
}

#[test]
fn short_queries_only_match_exactly_or_as_prefix() {
    let f = Fixture::new();
    let rows: &[(&str, &[&str])] = &[
        // "bg" is a subsequence of "begroting", but two chars are too few to
        // mean anything fuzzily.
        ("bg", &[]),
        ("bt", &["D10"]),
        ("bi", &["D01"]),
        ("co", &["D11", "D09"]),
        ("2", &["D02"]),
    ];
    for (query, expected) in rows {
        let got: Vec<&str> = f.lookup(query).into_iter().map(|(d, _, _)| d).collect();
        assert_eq!(&got, expected, "query {query:?}");
        assert!(f.lookup(query).iter().all(|(_, _, c)| *c != Fuzzy));
    }
}

#[test]
fn each_department_appears_once_by_its_best_keyword() {
    let f = Fixture::new();
    // D02 owns inkoop, inkoopvoorwaarden, offerteaanvraag…; D03 owns
    // "sociale inkoop" and "Kennemer Inkoop Platform" too.
    let got = f.lookup("inkoop");
    let mut numbers: Vec<&str> = got.iter().map(|(d, _, _)| *d).collect();
    assert_eq!(got[0], ("D02", "inkoop".to_string(), Exact));
    assert_eq!(got[1], ("D03", "sociale inkoop".to_string(), Prefix));
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers.len(), got.len(), "{got:?}");
}

#[test]
fn primary_owner_comes_before_a_better_scoring_secondary_one() {
    // The ranking order itself, on a keyword only a secondary owner has exactly.
    let mut departments = haarlem_departments();
    departments[0].keywords.push(Keyword {
        text: "pand".into(),
        primary: false,
    });
    let index = KeywordIndex::build(&departments);
    let got = index.lookup("pand");
    let d07 = departments[6].id;
    // D01 has "pand" exactly (secondary), D07 "gemeentelijk pand" as prefix:
    // the class decides before primary does.
    assert_eq!(got[0].department, departments[0].id);
    assert_eq!(got[0].class, Exact);
    assert_eq!(got[1].department, d07);
    assert_eq!(got[1].class, Prefix);
}

#[test]
fn ties_go_to_the_shorter_keyword_then_the_lower_department_number() {
    let mut departments = haarlem_departments();
    // D10 and D02 gain the same keyword: D02 must lead, though listed later.
    departments[9].keywords.push(Keyword {
        text: "werkplaats".into(),
        primary: true,
    });
    departments[1].keywords.push(Keyword {
        text: "werkplaats".into(),
        primary: true,
    });
    let index = KeywordIndex::build(&departments);
    let got: Vec<Id> = index
        .lookup("werkplaats")
        .iter()
        .map(|m| m.department)
        .collect();
    assert_eq!(got[..2], [departments[1].id, departments[9].id]);
}

#[test]
fn highlight_indices_are_chars_of_the_original_keyword() {
    let mut departments = haarlem_departments();
    departments[3].keywords.push(Keyword {
        text: "Zoë-Café  Über".into(),
        primary: true,
    });
    let index = KeywordIndex::build(&departments);
    let rows: &[(&str, &str, &[usize])] = &[
        ("zoe", "Zoë-Café  Über", &[0, 1, 2]),
        ("cafe", "Zoë-Café  Über", &[4, 5, 6, 7]),
        (
            "zoe-cafe uber",
            "Zoë-Café  Über",
            &[0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13],
        ),
        ("loonk", "loonkostensubsidie", &[0, 1, 2, 3, 4]),
        (
            "opdracht",
            "voorbehouden opdracht",
            &[13, 14, 15, 16, 17, 18, 19, 20],
        ),
        ("SROI", "SROI", &[0, 1, 2, 3]),
    ];
    for (query, keyword, indices) in rows {
        let m = &index.lookup(query)[0];
        assert_eq!(
            (m.keyword.as_str(), m.indices.as_slice()),
            (*keyword, *indices),
            "query {query:?}"
        );
    }
}

#[test]
fn fuzzy_and_typo_highlights_point_at_the_matched_chars() {
    let f = Fixture::new();
    // query, keyword, the keyword's chars highlighted
    let rows: &[(&str, &str, &str)] = &[
        // Skim: a subsequence, the second-to-last "n" skipped.
        ("vergunnig", "bouwvergunning", "vergunnig"),
        // Typo tier: a swapped pair still highlights both chars.
        ("vergunnign", "bouwvergunning", "vergunning"),
        // Typo tier: an extra typed char highlights nothing extra.
        ("huurovereenkomsst", "huurovereenkomst", "huurovereenkomst"),
    ];
    for (query, keyword, lit) in rows {
        let m = &f.index.lookup(query)[0];
        assert_eq!(m.keyword, *keyword, "query {query:?}");
        let chars: Vec<char> = m.keyword.chars().collect();
        let got: String = m.indices.iter().map(|&i| chars[i]).collect();
        assert_eq!(got, *lit, "query {query:?}: {:?}", m.indices);
    }
}

#[test]
fn typo_hits_score_below_real_fuzzy_hits() {
    let f = Fixture::new();
    let typo = &f.index.lookup("vergunnign")[0];
    let fuzzy = &f.index.lookup("vergunnig")[0];
    assert_eq!((typo.class, fuzzy.class), (Fuzzy, Fuzzy));
    assert!(typo.score < min_fuzzy_score(10), "{typo:?}");
    assert!(fuzzy.score >= min_fuzzy_score(9), "{fuzzy:?}");
}

#[test]
fn typo_distance_counts_edits_against_the_best_stretch() {
    let rows: &[(&str, &str, usize)] = &[
        ("vergunning", "omgevingsvergunning", 0),
        ("vergunnign", "omgevingsvergunning", 1),
        ("vergnuning", "bouwvergunning", 1),
        ("verguning", "bouwvergunning", 1),
        ("vergunningg", "bouwvergunning", 1),
        ("vrgunnign", "bouwvergunning", 2),
        ("xyz", "terras", 3),
        ("", "terras", 0),
    ];
    let mut scratch = Vec::new();
    for (query, text, expected) in rows {
        let q: Vec<char> = query.chars().collect();
        let t: Vec<char> = text.chars().collect();
        assert_eq!(
            typo_distance(&q, &t, &mut scratch).0,
            *expected,
            "{query:?} in {text:?}"
        );
    }
}

/// The bounded distance a lookup uses agrees with the full one: the same
/// distance when within the bound, `None` past it. Over every pair of the
/// fixture's keywords and a set of queries with typos, at bounds 0 to 3.
#[test]
fn the_bounded_typo_distance_agrees_with_the_full_one() {
    let departments = haarlem_departments();
    let texts: Vec<Vec<char>> = departments
        .iter()
        .flat_map(|d| &d.keywords)
        .map(|k| Normalised::new(&k.text).text.chars().collect())
        .collect();
    let queries = [
        "vergunnign",
        "vergnuning",
        "loonkostensubsidei",
        "staatsteun",
        "aanbestdeing",
        "terassen",
        "xyz",
        "a",
        "",
    ];
    let (mut full, mut bounded) = (Vec::new(), Vec::new());
    let mut seen = [0usize; 2];
    for query in queries.iter().map(|q| q.chars().collect::<Vec<_>>()) {
        for text in &texts {
            let want = typo_distance(&query, text, &mut full).0;
            for max in 0..=3 {
                let got = typo_distance_at_most(&query, text, max, &mut bounded);
                assert_eq!(
                    got,
                    (want <= max).then_some(want),
                    "{query:?} in {text:?}, at most {max}"
                );
                seen[usize::from(got.is_some())] += 1;
            }
        }
    }
    // Both outcomes were tried, many times.
    assert!(seen.iter().all(|&n| n > 20), "{seen:?}");
}
