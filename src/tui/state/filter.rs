//! The live `/` filter: fuzzy, accent-insensitive, with the matched characters
//! of each cell kept for highlighting (char indices, not bytes).

use crate::domain::lookup::min_fuzzy_score;
use crate::domain::text::{Normalised, is_subsequence, normalise};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

pub struct Filter {
    matcher: SkimMatcherV2,
    query: String,
}

/// The most skim's default matcher gives a one-char word (see the test).
const MAX_ONE_CHAR_SCORE: i64 = 32;

/// What a row is to a filter ([`Filter::sift`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sifted {
    /// It cannot match this query, nor any query that extends it.
    Out,
    /// It does not match, but a query that extends this one could.
    Candidate,
    Matches,
}

/// Per cell, the char indices that matched.
pub type Highlights = Vec<Vec<usize>>;

impl Filter {
    pub fn new(query: &str) -> Self {
        Filter {
            matcher: SkimMatcherV2::default(),
            query: normalise(query),
        }
    }

    /// `None` when the row does not match; otherwise its score and highlights.
    /// Every word of the query must match within one cell (words are AND-ed, as
    /// in fzf), with the owner lookup's minimum score, so letters scattered over
    /// a long row do not count as a match.
    pub fn matches(&self, cells: &[&str]) -> Option<(i64, Highlights)> {
        if self.query.is_empty() {
            return Some((0, vec![Vec::new(); cells.len()]));
        }
        let norms: Vec<Normalised> = cells.iter().map(|c| Normalised::new(c)).collect();
        self.matches_normalised(&norms)
    }

    /// The query as matched: normalised.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether the row could match: every word is a subsequence of a cell.
    /// A row that cannot match a query cannot match any query that extends
    /// it (more letters, more words), so a typed letter need only look at
    /// the rows that could match before it.
    pub fn could_match(&self, norms: &[Normalised]) -> bool {
        self.query
            .split(' ')
            .all(|word| norms.iter().any(|n| is_subsequence(word, &n.text)))
    }

    /// [`Filter::matches`] on cells normalised once, ahead of the keystrokes.
    /// Most rows fail a filter: they are turned away by the subsequence test
    /// alone, before anything is scored or allocated.
    pub fn matches_normalised(&self, norms: &[Normalised]) -> Option<(i64, Highlights)> {
        if self.query.is_empty() {
            return Some((0, vec![Vec::new(); norms.len()]));
        }
        if !self.could_match(norms) {
            return None;
        }
        let mut out = vec![Vec::new(); norms.len()];
        let mut total = 0;
        for word in self.query.split(' ') {
            let (cell, score) = self.best_cell(norms, word)?;
            total += score;
            let (_, indices) = self.matcher.fuzzy_indices(&norms[cell].text, word)?;
            out[cell].extend(norms[cell].original_indices(indices));
        }
        for h in &mut out {
            h.sort_unstable();
            h.dedup();
        }
        Some((total, out))
    }

    /// [`Filter::could_match`], and whether the row matches (every word
    /// scores enough in one cell: [`Filter::matches_normalised`] without the
    /// highlights, which are worked out only for the rows drawn), in one
    /// pass, as a typed letter asks them of every candidate row: each cell
    /// is tested for a subsequence once, and a word is scored only until one
    /// cell scores enough.
    pub fn sift(&self, norms: &[Normalised]) -> Sifted {
        if self.query.is_empty() {
            return Sifted::Matches;
        }
        let mut matches = true;
        for word in self.query.split(' ') {
            let chars = word.chars().count();
            let min = min_fuzzy_score(chars);
            // One char never scores enough (see `best_cell`): only whether
            // the row could match a longer query counts.
            let mut scoring = matches && !(chars == 1 && MAX_ONE_CHAR_SCORE < min);
            let mut enough = false;
            let mut found = false;
            for n in norms {
                if !is_subsequence(word, &n.text) {
                    continue;
                }
                found = true;
                if !scoring {
                    break;
                }
                if self
                    .matcher
                    .fuzzy_match(&n.text, word)
                    .is_some_and(|s| s >= min)
                {
                    enough = true;
                    break;
                }
            }
            if !found {
                return Sifted::Out;
            }
            scoring &= enough;
            matches &= scoring;
        }
        match matches {
            true => Sifted::Matches,
            false => Sifted::Candidate,
        }
    }

    /// [`Filter::sift`] on cells made only if the query needs them: with no
    /// query every row matches, and rows whose cells were never made (the
    /// first frame makes none) stay so.
    pub fn sift_lazily<'c>(&self, cells: impl FnOnce() -> &'c [Normalised]) -> Sifted {
        match self.query.is_empty() {
            true => Sifted::Matches,
            false => self.sift(cells()),
        }
    }

    /// [`Filter::matches_normalised`] on cells made only if the query needs
    /// them, as [`Filter::sift_lazily`].
    pub fn matches_lazily<'c, const N: usize>(
        &self,
        cells: impl FnOnce() -> &'c [Normalised; N],
    ) -> Option<(i64, Highlights)> {
        match self.query.is_empty() {
            true => Some((0, vec![Vec::new(); N])),
            false => self.matches_normalised(cells()),
        }
    }

    /// The cell `word` scores best in, and the score, if that is enough
    /// (the owner lookup's minimum for a word that long).
    fn best_cell(&self, norms: &[Normalised], word: &str) -> Option<(usize, i64)> {
        let chars = word.chars().count();
        let min = min_fuzzy_score(chars);
        // No cell can score enough: skim gives one char at most its match
        // score and twice the best bonus (16 + 2 × 8), under the minimum.
        // Spares scoring every row for the first letter typed.
        if chars == 1 && MAX_ONE_CHAR_SCORE < min {
            return None;
        }
        // Score every cell cheaply; positions only for the best one.
        let (cell, score) = norms
            .iter()
            .enumerate()
            .filter(|(_, n)| is_subsequence(word, &n.text))
            .filter_map(|(i, n)| Some((i, self.matcher.fuzzy_match(&n.text, word)?)))
            .max_by_key(|(_, score)| *score)?;
        (score >= min).then_some((cell, score))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_accent_insensitively_and_highlights_original_chars() {
        let f = Filter::new("cooperatie");
        let (_, hl) = f.matches(&["C03", "Spaarne Schoon Coöperatie"]).unwrap();
        assert!(hl[0].is_empty());
        let name: Vec<char> = "Spaarne Schoon Coöperatie".chars().collect();
        let picked: String = hl[1].iter().map(|i| name[*i]).collect();
        assert_eq!(picked, "Coöperatie");
    }

    #[test]
    fn words_match_in_any_cell_and_all_must_match() {
        let f = Filter::new("c03 spaarne");
        assert!(f.matches(&["C03", "Spaarne Schoon"]).is_some());
        assert!(f.matches(&["C04", "Spaarne Schoon"]).is_none());
    }

    #[test]
    fn scattered_letters_over_a_long_row_do_not_match() {
        let f = Filter::new("spaarne");
        let row = [
            "C01",
            "Fietsherstel Nieuwe Ronde",
            "Reparatiecontract fietsvloot gemeente",
        ];
        assert!(f.matches(&row).is_none());
    }

    #[test]
    fn one_char_never_scores_the_minimum_so_it_is_not_scored() {
        let matcher = SkimMatcherV2::default();
        let texts = [
            "l",
            "al",
            "la",
            "a l",
            "a-l",
            "a/l",
            "a.l",
            "lll",
            "loonkosten",
            "de lijn",
            "Lange Lane",
            "xL",
            "a_l",
            "2l",
            "l2",
            "(l)",
        ];
        let most = texts
            .iter()
            .flat_map(|t| ["l", "a", "2", "("].map(|w| matcher.fuzzy_match(&normalise(t), w)))
            .flatten()
            .max()
            .unwrap();
        assert!(most <= MAX_ONE_CHAR_SCORE, "{most}");
        assert!(MAX_ONE_CHAR_SCORE < min_fuzzy_score(1));
        // So a one-letter filter keeps nothing, with or without scoring.
        assert!(Filter::new("l").matches(&["C01", "Lange Lane"]).is_none());
    }

    /// `sift` answers what `could_match` and `matches_normalised` answer,
    /// on rows and queries of one and more words, letter by letter.
    #[test]
    fn sifting_agrees_with_could_match_and_matches() {
        let rows: Vec<Vec<Normalised>> = [
            [
                "C01",
                "Fietsherstel Nieuwe Ronde",
                "Loonkostensubsidie aanvragen",
            ],
            [
                "C02",
                "Spaarne Schoon Coöperatie",
                "Inkoop schoonmaak, lokaal",
            ],
            ["C03", "De Lijn", "loon"],
            [
                "C04",
                "Kringloop Haarlem",
                "Ruimte voor een kringloopwinkel",
            ],
            ["X12", "Social Return", "SROI-verplichting Kennemer Inkoop"],
        ]
        .iter()
        .map(|cells| cells.iter().map(|c| Normalised::new(c)).collect())
        .collect();
        let queries = [
            "loonk",
            "kringloop",
            "lo",
            "c0",
            "coop",
            "sroi verpl",
            "de lijn",
            "zz",
            "k i",
        ];
        let mut seen = [0; 3];
        for query in queries {
            for end in 1..=query.len() {
                let filter = Filter::new(&query[..end]);
                for cells in &rows {
                    let want = match (
                        filter.could_match(cells),
                        filter.matches_normalised(cells).is_some(),
                    ) {
                        (false, _) => Sifted::Out,
                        (true, false) => Sifted::Candidate,
                        (true, true) => Sifted::Matches,
                    };
                    assert_eq!(filter.sift(cells), want, "{:?}", &query[..end]);
                    seen[want as usize] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n > 3), "{seen:?}");
    }

    #[test]
    fn non_matching_rows_are_dropped() {
        assert!(
            Filter::new("zzz")
                .matches(&["C01", "Fietsherstel"])
                .is_none()
        );
    }

    #[test]
    fn empty_filter_keeps_everything_unhighlighted() {
        let (_, hl) = Filter::new("  ").matches(&["a", "b"]).unwrap();
        assert_eq!(hl, vec![Vec::<usize>::new(), Vec::new()]);
    }
}
