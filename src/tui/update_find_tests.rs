//! update driving "find anything": the palette, the cases pane's sort and
//! the scope's counters (kept beside `update` so that file stays readable).

use super::tests::model;
use super::*;
use crate::domain::*;
use crate::tui::action::Pane;
use crate::tui::state::Model;

fn typed(m: &mut Model, text: &str) {
    for c in text.chars() {
        update(m, Action::Input(c));
    }
}

fn by_number(m: &Model, number: &str) -> RecordRef {
    m.data
        .records()
        .find(|r| Number::parse(r.number()) == Number::parse(number))
        .map(|r| r.record_ref())
        .unwrap()
}

#[test]
fn find_anything_opens_a_record_by_its_number_and_esc_closes_it() {
    let mut m = model();
    update(&mut m, Action::OpenPalette);
    assert!(matches!(m.mode, Mode::Palette(_)), "{:?}", m.mode);
    typed(&mut m, "c17");
    update(&mut m, Action::Submit);
    let c17 = by_number(&m, "C17");
    assert_eq!(m.mode, Mode::Detail(c17));
    let case = m.case(c17.id).unwrap();
    assert_eq!(m.org_name(case.organisation), "Soepbar Eerlijk Bord");
    // From the detail view too; Esc closes it, back in the detail view.
    update(&mut m, Action::OpenPalette);
    typed(&mut m, "X05");
    update(&mut m, Action::Back);
    assert_eq!(m.mode, Mode::Detail(c17));
}

#[test]
fn find_anything_groups_words_by_kind_and_a_note_hit_opens_its_record() {
    let mut m = model();
    update(&mut m, Action::OpenPalette);
    // Accents and case aside: "Soepbar" is an organisation's name and in
    // C17's question.
    typed(&mut m, "SOÉPBAR");
    let Mode::Palette(p) = &m.mode else {
        panic!("palette stays open")
    };
    let kinds: Vec<Kind> = p.rows().iter().map(|r| r.kind).collect();
    let first_org = kinds.iter().position(|k| *k == Kind::Organisation).unwrap();
    assert!(
        kinds[..first_org].iter().all(|k| *k == Kind::Case),
        "{kinds:?}"
    );
    assert!(p.rows().iter().any(|r| r.number == "C17"));
    // A note the store found (the loop puts it in): Enter opens X05.
    let x05 = by_number(&m, "X05");
    let mut p = p.clone();
    // The store's pass over every note waits for three letters.
    p.notes = None;
    p.query = "le".into();
    assert_eq!(p.notes_needed(), None);
    p.query = "led".into();
    assert_eq!(p.notes_needed(), Some("led"));
    p.query = "ledenlijst".into();
    p.records.clear();
    p.notes = Some(crate::tui::state::NoteSearch {
        query: "ledenlijst".into(),
        hits: Ok(vec![crate::domain::find::NoteHit {
            id: Id::nil(),
            number: "N11".into(),
            target: x05,
            snippet: "Ledenlijst met doelgroepstatus".into(),
        }]),
    });
    assert_eq!(p.notes_needed(), None);
    m.mode = Mode::Palette(p);
    update(&mut m, Action::Submit);
    assert_eq!(m.mode, Mode::Detail(x05));
}

#[test]
fn s_on_the_cases_pane_sorts_the_cases_and_keeps_the_selected_case() {
    use crate::tui::action::CaseSort;
    let mut m = model();
    let numbers = |m: &Model| -> Vec<String> {
        (m.views.case_rows.iter())
            .map(|r| m.data.cases[r.idx].number.clone())
            .collect()
    };
    let by_number = numbers(&m);
    update(&mut m, Action::Down);
    update(&mut m, Action::Down);
    let chosen = m.selected_case().unwrap().id;
    let exceptions_sort = m.sort();
    update(&mut m, Action::CycleSort);
    assert_eq!(m.case_sort(), CaseSort::Urgency);
    assert_eq!(m.sort(), exceptions_sort, "the exceptions keep theirs");
    assert_eq!(m.selected_case().unwrap().id, chosen);
    let rows = &m.views.case_rows;
    // Triage first, then the most blockers.
    let first_plain = rows.iter().position(|r| !r.triage).unwrap();
    assert!(first_plain > 0 && rows[first_plain..].iter().all(|r| !r.triage));
    assert_ne!(numbers(&m), by_number);
    update(&mut m, Action::CycleSort);
    assert_eq!(m.case_sort(), CaseSort::Idle);
    let idle: Vec<i64> = (m.views.case_rows.iter())
        .map(|r| r.inactivity.unwrap_or(i64::MAX))
        .collect();
    assert!(idle.windows(2).all(|w| w[0] >= w[1]), "{idle:?}");
    assert_eq!(m.selected_case().unwrap().id, chosen);
    update(&mut m, Action::CycleSort);
    assert_eq!(m.case_sort(), CaseSort::Age);
    let opened: Vec<_> = (m.views.case_rows.iter())
        .map(|r| m.data.cases[r.idx].opened_on)
        .collect();
    assert!(opened.windows(2).all(|w| w[0] <= w[1]));
    update(&mut m, Action::CycleSort);
    assert_eq!(m.case_sort(), CaseSort::Name);
    let names: Vec<String> = (m.views.case_rows.iter())
        .map(|r| crate::domain::text::normalise(m.org_name(m.data.cases[r.idx].organisation)))
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
    assert_eq!(m.selected_case().unwrap().id, chosen);
    update(&mut m, Action::CycleSort);
    assert_eq!(numbers(&m), by_number);
    // On the exceptions pane `s` sorts the exceptions, as before.
    update(&mut m, Action::Focus(Pane::Exceptions));
    update(&mut m, Action::CycleSort);
    assert_ne!(m.sort(), exceptions_sort);
    assert_eq!(m.case_sort(), CaseSort::Number);
}

#[test]
fn mine_counts_only_my_follow_ups_in_the_header_too() {
    use crate::domain::followup::{is_due_today, is_overdue};
    let mut m = model();
    let today = m.ctx.today;
    let all = m.views.shown;
    update(&mut m, Action::ToggleScope);
    let case_owner = |r: RecordRef| -> Option<String> {
        let case = match r.kind {
            Kind::Case => r.id,
            Kind::Exception => m.exception(r.id)?.case,
            _ => return None,
        };
        m.case(case).map(|c| c.owner.clone())
    };
    let mine = |f: &&FollowUp| case_owner(f.about).is_some_and(|o| o == "Anouk");
    let fus = &m.data.followups;
    let overdue = fus
        .iter()
        .filter(mine)
        .filter(|f| is_overdue(f, today))
        .count();
    let due = fus
        .iter()
        .filter(mine)
        .filter(|f| is_due_today(f, today))
        .count();
    let shown = m.views.shown;
    assert_eq!((shown.due_today, shown.overdue), (due, overdue));
    assert!(
        (shown.due_today, shown.overdue) != (all.due_today, all.overdue),
        "the demo has follow-ups of Bram's cases due: {all:?}"
    );
    update(&mut m, Action::ToggleScope);
    assert_eq!(m.views.shown, all);
}

#[test]
fn the_palette_finds_what_a_change_added_its_index_is_not_stale() {
    let mut m = model();
    update(&mut m, Action::OpenPalette);
    typed(&mut m, "zeldzaamwoord");
    let Mode::Palette(p) = &m.mode else {
        panic!("the palette")
    };
    assert!(p.records.is_empty());
    update(&mut m, Action::Back);
    let mut f = m.data.followups[0].clone();
    f.id = uuid::Uuid::new_v4();
    f.number = "F77".into();
    f.subject = "Het zeldzaamwoord navragen".into();
    m.commit(crate::tui::action::Change::undoable(
        &m.data,
        vec![f.into()],
        String::new(),
    ));
    update(&mut m, Action::OpenPalette);
    typed(&mut m, "zeldzaamwoord");
    let Mode::Palette(p) = &m.mode else {
        panic!("the palette")
    };
    let numbers: Vec<&str> = p.records.iter().map(|h| h.number.as_str()).collect();
    assert_eq!(numbers, ["F77"]);
}
