//! The follow-ups list (`F`): every open follow-up, overdue first; `/`
//! filters, Enter opens the record, `v` and `R` act in place.

use super::*;
use mandaat::tui::state::Mode;

fn list(s: &Screen) -> &mandaat::tui::state::FollowUpList {
    match &s.app.model.mode {
        Mode::FollowUps(l) => l,
        other => panic!("not the follow-ups list: {other:?}"),
    }
}

fn open_count(s: &Screen) -> usize {
    let data = &s.app.model.data;
    data.followups.iter().filter(|f| !f.is_done()).count()
}

#[test]
fn capital_f_lists_every_open_follow_up_overdue_first() {
    let mut s = Screen::demo();
    s.typed("F");
    let text = s.text();
    let open = open_count(&s);
    assert!(
        text.contains(&format!("Open follow-ups ({open})")),
        "{text}"
    );
    assert!(text.contains("dagen te laat") || text.contains("dag te laat"));
    // Overdue rows come before the rest.
    let first_late = s.find("te laat").1;
    let first_later = s.find("over ").1;
    assert!(first_late < first_later, "{text}");
    insta::assert_snapshot!("followups_list", text);
    s.keys(&[Esc]);
    assert_eq!(s.app.model.mode, Mode::Normal);
}

/// Twenty more open follow-ups like the first, due over the next weeks
/// (taken into the model only: the list is drawn from it).
fn twenty_more(s: &mut Screen) {
    let first = s.app.model.data.followups[0].clone();
    let save = (0..20)
        .map(|i| {
            let mut f = first.clone();
            f.id = uuid::Uuid::new_v4();
            f.number = format!("F{}", 100 + i);
            f.due = first.due + chrono::Duration::days(i);
            f.done_on = None;
            AnyRecord::FollowUp(f)
        })
        .collect();
    s.app.model.commit(mandaat::tui::action::Change {
        save,
        ..Default::default()
    });
    s.draw();
}

#[test]
fn the_list_scrolls_at_80_by_20_and_enter_opens_the_record_esc_comes_back() {
    let mut s = Screen::with(Lang::Nl, true, 80, 20);
    twenty_more(&mut s);
    s.typed("F");
    let rows = s.app.model.followup_rows("");
    assert!(rows.len() > 14, "more rows than fit: {}", rows.len());
    s.keys(&[End]);
    let last = &rows[rows.len() - 1];
    let number = s.app.model.data.followups[last.idx].number.clone();
    assert!(s.text().contains(&number), "{}", s.text());
    assert_eq!(list(&s).selected, rows.len() - 1);
    insta::assert_snapshot!("followups_list_80x20_at_the_end", s.text());
    s.keys(&[Enter]);
    let about = s.app.model.data.followups[last.idx].about;
    assert_eq!(s.app.model.mode, Mode::Detail(about));
    s.keys(&[Esc]);
    assert_eq!(list(&s).selected, rows.len() - 1);
}

#[test]
fn slash_filters_by_counterpart_and_v_marks_the_selected_one_done() {
    let mut s = Screen::demo();
    s.typed("F");
    let rows = s.app.model.followup_rows("");
    let who = rows[0].with.clone();
    let word = who.split_whitespace().next().unwrap().to_string();
    s.typed("/").typed(&word).keys(&[Enter]);
    assert_eq!(list(&s).query, word);
    let shown = s.app.model.followup_rows(&word);
    assert!(
        shown.len() < rows.len()
            && shown
                .iter()
                .all(|r| r.with.contains(&word) || r.record.contains(&word))
    );
    assert!(s.text().contains(&format!("/{word}")), "{}", s.text());
    // `v` now acts on the first filtered row, and the list stays open.
    let idx = shown[0].idx;
    let number = s.app.model.data.followups[idx].number.clone();
    s.typed("v");
    assert!(s.app.model.data.followups[idx].is_done(), "{number}");
    assert!(matches!(s.app.model.mode, Mode::FollowUps(_)));
    assert!(
        s.text().contains(&format!("(0 van {})", rows.len() - 1)),
        "{}",
        s.text()
    );
    // Esc clears the filter.
    s.keys(&[Esc]);
    assert_eq!(list(&s).query, "");
    assert!(s.text().contains(&format!("({})", rows.len() - 1)));
    // `R` pushes the selected one's due date on, in place.
    s.keys(&[Down]);
    let next = s.app.model.followup_rows("")[1].idx;
    let due = s.app.model.data.followups[next].due;
    s.typed("R");
    assert!(s.app.model.data.followups[next].due > due);
    assert!(matches!(s.app.model.mode, Mode::FollowUps(_)));
    s.keys(&[Esc]);
    assert_eq!(s.app.model.mode, Mode::Normal);
}

#[test]
fn help_in_the_list_names_its_keys() {
    let mut s = Screen::demo();
    s.typed("F?");
    let text = s.text();
    assert!(text.contains("open follow-ups"), "{text}");
    assert!(text.contains("follow-up gedaan") && text.contains("herhaal follow-up"));
}
