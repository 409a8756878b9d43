//! The age chart of the open exceptions as Markdown, for the review report.

use crate::domain::Stage;
use crate::domain::chart::{AgeBand, AgeChart, Band, HEALTHS};
use crate::i18n::{self, Lang, report};

/// The chart as Markdown: a heading, then one table by health and one by
/// stage, a row per age band and a total row. Zero shows as "·" so the
/// figures stand out without colour.
pub fn age_chart_markdown(chart: &AgeChart, lang: Lang) -> String {
    let cell = |n: usize| match n {
        0 => "·".to_string(),
        n => n.to_string(),
    };
    let days = report::age_days(lang);
    let total = report::total(lang);
    let mut out = format!("## {}\n\n", report::chart_heading(lang));
    if chart.total() == 0 {
        out.push_str(report::no_open_exceptions(lang));
        out.push('\n');
        return out;
    }

    // One table per split of the bands: by health, then by stage.
    let section =
        |columns: Vec<String>, counts: &dyn Fn(&Band) -> Vec<usize>, totals: Vec<usize>| {
            let mut header = vec![days.to_string()];
            header.extend(columns);
            header.push(total.to_string());
            let mut rows: Vec<Vec<String>> = AgeBand::ALL
                .iter()
                .map(|b| {
                    let band = chart.band(*b);
                    let mut row = vec![b.label().to_string()];
                    row.extend(counts(band).into_iter().map(cell));
                    row.push(band.total.to_string());
                    row
                })
                .collect();
            let mut sum = vec![format!("**{total}**")];
            sum.extend(totals.into_iter().map(cell));
            sum.push(format!("**{}**", chart.total()));
            rows.push(sum);
            super::markdown::table(&header, &rows, 1)
        };
    out.push_str(&section(
        HEALTHS
            .iter()
            .map(|h| i18n::health(lang, *h).to_string())
            .collect(),
        &|b| b.by_health.to_vec(),
        HEALTHS.iter().map(|h| chart.health_total(*h)).collect(),
    ));
    out.push('\n');
    out.push_str(&section(
        Stage::OPEN
            .iter()
            .map(|s| i18n::stage_numbered(lang, *s))
            .collect(),
        &|b| b.by_stage.to_vec(),
        Stage::OPEN.iter().map(|s| chart.stage_total(*s)).collect(),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::ActivityIndex;
    use crate::domain::ageing::open_exceptions;
    use crate::domain::chart::age_chart;
    use crate::domain::testutil::*;

    fn demo_chart() -> AgeChart {
        let data = seeded_demo();
        let activity = ActivityIndex::build(&data);
        let rows = open_exceptions(&data, &activity, &settings(), today());
        age_chart(&rows)
    }

    #[test]
    fn the_demo_chart_in_markdown() {
        let md = age_chart_markdown(&demo_chart(), Lang::Nl);
        let expected = "\
## Leeftijd van de open uitzonderingen

| Leeftijd (dagen) | Kritiek | Vastgelopen | Aandacht | Ok | Gesnoozed | Totaal |
|---|---:|---:|---:|---:|---:|---:|
| 0–30 | · | · | 1 | 2 | · | 3 |
| 31–90 | 1 | 1 | · | · | · | 2 |
| 91–180 | · | · | 1 | · | · | 1 |
| 181–365 | 1 | · | · | 1 | 1 | 3 |
| > 365 | 1 | · | · | · | · | 1 |
| **Totaal** | 3 | 1 | 2 | 3 | 1 | **10** |

| Leeftijd (dagen) | 1 Aanvraag | 2 Budgethouder akkoord | 3 Marktverkenning | 4 Inkoopadvies | 5 Juridische toets | 6 Besluit | 7 Gunning & contract | Totaal |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
| 0–30 | 1 | 1 | · | 1 | · | · | · | 3 |
| 31–90 | · | · | 1 | · | 1 | · | · | 2 |
| 91–180 | · | · | · | · | · | 1 | · | 1 |
| 181–365 | · | · | 1 | 1 | · | · | 1 | 3 |
| > 365 | · | · | · | · | · | 1 | · | 1 |
| **Totaal** | 1 | 1 | 2 | 2 | 1 | 2 | 1 | **10** |
";
        assert_eq!(md, expected);
        let en = age_chart_markdown(&demo_chart(), Lang::En);
        assert!(
            en.starts_with("## Age of the open exceptions\n\n| Age (days) | Critical |"),
            "{en}"
        );
        assert_eq!(
            age_chart_markdown(&AgeChart::default(), Lang::Nl),
            "## Leeftijd van de open uitzonderingen\n\nGeen open inkoopuitzonderingen.\n"
        );
    }
}
