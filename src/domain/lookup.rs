//! The owner lookup: which department owns a blocker keyword (PRODUCT.md §3).
//!
//! Both sides are normalised (case and accents folded), then every keyword is
//! classed: an exact keyword before a prefix of it before a fuzzy hit. Within a
//! class a primary owner comes before a secondary one, then the higher score, the
//! shorter keyword and the department number. Each department shows once, placed
//! by its best keyword.
//!
//! The fuzzy class has two tiers. Skim's subsequence matcher finds "vergunnig"
//! in "omgevingsvergunning" but never a swapped pair ("vergunnign"); for that a
//! typo tier finds the query within one or two edits of any stretch of a keyword
//! (Dutch compounds put the word users type in the middle of the keyword, so
//! comparing whole keywords or words would miss it). Typo hits score below every
//! real fuzzy hit.

use super::model::{Department, Id, Number};
use super::text::is_subsequence;
use super::text::{Normalised, normalise_into};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;
use std::cmp::Ordering;

/// How a keyword matched. Declared best first: the derived order ranks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchClass {
    Exact,
    Prefix,
    Fuzzy,
}

/// One department found for a query, by its best keyword.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerMatch {
    pub department: Id,
    /// The keyword as the department spells it.
    pub keyword: String,
    pub primary: bool,
    pub class: MatchClass,
    pub score: i64,
    /// Char indices into `keyword` to highlight.
    pub indices: Vec<usize>,
}

/// The least skim score, per char of the query, a fuzzy hit needs. Skim gives a
/// matched char 16, plus bonuses for runs and word starts, minus gaps: chars
/// typed in a run inside a keyword ("vergunnig" in "omgevingsvergunning") score
/// 18–22 a char, chars picked from all over a keyword ("riool" from "Kennemer
/// Inkoop Platform", "eeee" from "evenement", "pand" from "subsidieplafond")
/// 11–16.9. The calibration table is `print_fuzzy_score_calibration` in the tests.
pub const MIN_FUZZY_SCORE_PER_CHAR: i64 = 17;

/// The least skim score any skim hit needs: that of the shortest query matched
/// fuzzily at all (three chars). Typo hits score below it; see
/// [`min_fuzzy_score`].
pub const MIN_FUZZY_SCORE: i64 = MIN_FUZZY_QUERY_CHARS as i64 * MIN_FUZZY_SCORE_PER_CHAR;

/// Queries shorter than this only match exactly or as a prefix: one or two
/// chars are a subsequence of nearly every keyword.
const MIN_FUZZY_QUERY_CHARS: usize = 3;

/// Queries shorter than this get no typo tier: at five or six chars one edit
/// already turns everyday words into keywords ("straat" into "staatssteun").
const MIN_TYPO_QUERY_CHARS: usize = 7;

/// From this many chars a query may have two typos, below it one.
const TWO_TYPOS_FROM_CHARS: usize = 11;

/// The least skim score a fuzzy hit for a query of `chars` chars (spaces not
/// counted) needs. Typo
/// hits score just under it (one less per typo, minus one), below every real
/// fuzzy hit for the same query.
pub fn min_fuzzy_score(chars: usize) -> i64 {
    MIN_FUZZY_SCORE.max(MIN_FUZZY_SCORE_PER_CHAR * chars as i64)
}

/// One keyword. Its texts are stretches (start, end) of the index's shared
/// strings: one allocation for all keywords instead of three for each (the
/// index is built on the first frame and in every `mandaat owner` process,
/// where each allocation touches fresh memory).
struct Entry {
    /// The keyword as written: a stretch of [`KeywordIndex::keywords`].
    keyword: (u32, u32),
    /// The keyword normalised: a stretch of [`KeywordIndex::norms`].
    norm: (u32, u32),
    /// Its words but the first: a stretch of [`KeywordIndex::word_starts`].
    words: (u32, u32),
    department: u32,
    keyword_chars: u32,
    primary: bool,
    /// How often each letter a–z (0–25), digit (26) and other char (27)
    /// occurs (saturating).
    counts: [u8; 28],
}

/// The departments' keywords, normalised once, ready for a lookup per keystroke.
pub struct KeywordIndex {
    departments: Vec<(Id, Option<Number>, String)>,
    terms: Terms,
    matcher: SkimMatcherV2,
}

/// An index's keywords.
#[derive(Default)]
struct Terms {
    entries: Vec<Entry>,
    /// Every keyword as written, one after the other.
    keywords: String,
    /// Every keyword normalised, one after the other.
    norms: String,
    /// Byte offset and char index in its normalised text of every word of a
    /// keyword but the first, keyword after keyword.
    word_starts: Vec<(u32, u32)>,
}

fn letter_counts(chars: &[char]) -> [u8; 28] {
    let mut counts = [0u8; 28];
    for &c in chars {
        let slot = letter_bit(c).trailing_zeros() as usize;
        counts[slot] = counts[slot].saturating_add(1);
    }
    counts
}

/// [`letter_bit`]'s slot of an ASCII char, without the shift.
fn ascii_slot(b: u8) -> usize {
    match b {
        b'a'..=b'z' => usize::from(b - b'a'),
        b'0'..=b'9' => 26,
        _ => 27,
    }
}

fn letter_bit(c: char) -> u32 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << 26,
        _ => 1 << 27,
    }
}

fn is_word_separator(c: char) -> bool {
    c == ' ' || c == '-' || c == '/'
}

/// What a lookup needs of the query, worked out once per keystroke.
struct Query {
    text: String,
    chars: Vec<char>,
    /// Without spaces: those typed between words should not stop a fuzzy hit
    /// on "sroi-verplichting" or "kort geding".
    fuzzy: String,
    min_score: i64,
    max_typos: usize,
    /// How often each letter occurs in the query (spaces included, as in the
    /// alignment).
    counts: [u8; 28],
}

impl Query {
    /// `None` for a blank query.
    fn new(raw: &str) -> Option<Self> {
        let text = Normalised::new(raw).text;
        if text.is_empty() {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        let max_typos = match chars.len() {
            n if n < MIN_TYPO_QUERY_CHARS => 0,
            n if n < TWO_TYPOS_FROM_CHARS => 1,
            _ => 2,
        };
        let fuzzy: String = text.chars().filter(|&c| c != ' ').collect();
        Some(Query {
            min_score: min_fuzzy_score(fuzzy.chars().count()),
            fuzzy,
            max_typos,
            counts: letter_counts(&chars),
            chars,
            text,
        })
    }
}

/// A match found for one keyword, in normalised char positions.
struct Candidate {
    entry: usize,
    class: MatchClass,
    score: i64,
    /// For exact and prefix hits: the first matched char; fuzzy hits compute
    /// their positions only once they win their department.
    start: usize,
    typo: bool,
}

impl KeywordIndex {
    pub fn build(departments: &[Department]) -> Self {
        Self::from_terms(departments.iter().map(|d| {
            (
                d.id,
                d.number.as_str(),
                d.keywords.iter().map(|k| (k.text.as_str(), k.primary)),
            )
        }))
    }

    /// An index over any owners of terms: `(id, number, [(term, primary)])`.
    /// The SROI matching uses it for entrepreneurs and their products, so that
    /// it ranks exactly like the owner lookup. Results name the owner's id in
    /// [`OwnerMatch::department`].
    pub fn from_terms<'a, I, T>(owners: I) -> Self
    where
        I: IntoIterator<Item = (Id, &'a str, T)>,
        T: IntoIterator<Item = (&'a str, bool)>,
    {
        let mut departments = Vec::new();
        let mut terms = Vec::new();
        for (d, (id, number, owned)) in owners.into_iter().enumerate() {
            departments.push((id, Number::parse(number), number.to_string()));
            terms.extend(
                owned
                    .into_iter()
                    .map(|(text, primary)| (d as u32, text, primary)),
            );
        }
        KeywordIndex {
            departments,
            terms: Terms::of(&terms),
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Departments owning `query`, best first, each once (by its best keyword).
    pub fn lookup(&self, query: &str) -> Vec<OwnerMatch> {
        let Some(query) = Query::new(query) else {
            return Vec::new();
        };
        let mut scratch = Scratch::default();
        let mut best: Vec<Option<Candidate>> = (0..self.departments.len()).map(|_| None).collect();
        let terms = &self.terms;
        for (e, entry) in terms.entries.iter().enumerate() {
            if let Some(candidate) = self.match_entry(e, entry, &query, &mut scratch) {
                let slot = &mut best[entry.department as usize];
                if slot
                    .as_ref()
                    .is_none_or(|b| self.rank(&candidate, b) == Ordering::Less)
                {
                    *slot = Some(candidate);
                }
            }
        }
        let mut winners: Vec<Candidate> = best.into_iter().flatten().collect();
        winners.sort_by(|a, b| self.rank(a, b));
        winners
            .into_iter()
            .map(|c| self.owner_match(&c, &query, &mut scratch))
            .collect()
    }

    fn match_entry(
        &self,
        e: usize,
        entry: &Entry,
        query: &Query,
        scratch: &mut Scratch,
    ) -> Option<Candidate> {
        let text = self.terms.norm(entry);
        let hit = |class, start| {
            // Exact and prefix hits rank by the same skim score as fuzzy ones, so
            // a prefix at the start of a keyword beats one in a later word.
            let score = self.matcher.fuzzy_match(text, &query.text).unwrap_or(0);
            Some(Candidate {
                entry: e,
                class,
                score,
                start,
                typo: false,
            })
        };
        if text == query.text {
            return hit(MatchClass::Exact, 0);
        }
        if text.starts_with(&query.text) {
            return hit(MatchClass::Prefix, 0);
        }
        if let Some(&(_, ci)) = (self.terms.words(entry))
            .iter()
            .find(|&&(bi, _)| text[bi as usize..].starts_with(&query.text))
        {
            return hit(MatchClass::Prefix, ci as usize);
        }
        if query.chars.len() < MIN_FUZZY_QUERY_CHARS {
            return None;
        }
        // Skim only scores subsequences: a cheap in-order scan first spares the
        // matcher most keywords (the lookup runs on every keystroke).
        if is_subsequence(&query.fuzzy, text)
            && let Some(score) = self.matcher.fuzzy_match(text, &query.fuzzy)
            && score >= query.min_score
        {
            return Some(Candidate {
                entry: e,
                class: MatchClass::Fuzzy,
                score,
                start: 0,
                typo: false,
            });
        }
        if query.max_typos == 0 {
            return None;
        }
        // Each query char the keyword cannot supply (counting repeats) costs at
        // least one edit: skip keywords short of more than the typos allowed
        // without aligning. Transpositions keep the counts, so this is a true
        // lower bound.
        let missing: usize = query
            .counts
            .iter()
            .zip(entry.counts.iter())
            .map(|(&q, &k)| usize::from(q.saturating_sub(k)))
            .sum();
        if missing > query.max_typos {
            return None;
        }
        let typos = scratch.typo_distance_at_most(query, text, query.max_typos)?;
        Some(Candidate {
            entry: e,
            class: MatchClass::Fuzzy,
            score: query.min_score - 1 - typos as i64,
            start: 0,
            typo: true,
        })
    }

    /// Best first: class, primary, score, shorter keyword, department number.
    fn rank(&self, a: &Candidate, b: &Candidate) -> Ordering {
        let (ea, eb) = (&self.terms.entries[a.entry], &self.terms.entries[b.entry]);
        let (da, db) = (
            &self.departments[ea.department as usize],
            &self.departments[eb.department as usize],
        );
        a.class
            .cmp(&b.class)
            .then(eb.primary.cmp(&ea.primary))
            .then(b.score.cmp(&a.score))
            .then(ea.keyword_chars.cmp(&eb.keyword_chars))
            .then_with(|| (da.1, &da.2).cmp(&(db.1, &db.2)))
            .then(a.entry.cmp(&b.entry))
    }

    fn owner_match(&self, c: &Candidate, query: &Query, scratch: &mut Scratch) -> OwnerMatch {
        let entry = &self.terms.entries[c.entry];
        let keyword = self.terms.keyword(entry);
        // The way back to the keyword as written, for the winners only.
        let norm = Normalised::new(keyword);
        let positions: Vec<usize> = match c.class {
            MatchClass::Exact | MatchClass::Prefix => {
                (c.start..c.start + query.chars.len()).collect()
            }
            MatchClass::Fuzzy if c.typo => scratch.typo_distance(&query.chars, &norm.text).1,
            MatchClass::Fuzzy => self
                .matcher
                .fuzzy_indices(&norm.text, &query.fuzzy)
                .map(|(_, indices)| indices)
                .unwrap_or_default(),
        };
        OwnerMatch {
            department: self.departments[entry.department as usize].0,
            keyword: keyword.to_string(),
            primary: entry.primary,
            class: c.class,
            score: c.score,
            indices: norm.original_indices(positions),
        }
    }
}

impl Terms {
    fn norm(&self, entry: &Entry) -> &str {
        &self.norms[entry.norm.0 as usize..entry.norm.1 as usize]
    }

    fn keyword(&self, entry: &Entry) -> &str {
        &self.keywords[entry.keyword.0 as usize..entry.keyword.1 as usize]
    }

    fn words(&self, entry: &Entry) -> &[(u32, u32)] {
        &self.word_starts[entry.words.0 as usize..entry.words.1 as usize]
    }

    fn of(terms: &[(u32, &str, bool)]) -> Terms {
        // All the room at once: growing would copy into fresh memory, page
        // by page, each a fault (some µs each on a VM).
        let bytes: usize = terms.iter().map(|(_, text, _)| text.len()).sum();
        let mut built = Terms {
            entries: Vec::with_capacity(terms.len()),
            keywords: String::with_capacity(bytes),
            // The same for ASCII, the most of it.
            norms: String::with_capacity(bytes),
            word_starts: Vec::with_capacity(terms.len()),
        };
        let Terms {
            entries,
            keywords,
            norms,
            word_starts,
        } = &mut built;
        for &(department, text, primary) in terms {
            let norm_start = norms.len();
            normalise_into(text, norms);
            let norm = &norms[norm_start..];
            if norm.is_empty() {
                continue;
            }
            let mut counts = [0u8; 28];
            let words_start = word_starts.len();
            let mut count = |slot: usize| counts[slot] = counts[slot].saturating_add(1);
            if norm.is_ascii() {
                // Most keywords: a byte is a char.
                let mut after_separator = false;
                for (i, &b) in norm.as_bytes().iter().enumerate() {
                    let separator = is_word_separator(char::from(b));
                    if after_separator && !separator {
                        word_starts.push((i as u32, i as u32));
                    }
                    count(ascii_slot(b));
                    after_separator = separator;
                }
            } else {
                let mut prev = None;
                for (ci, (bi, c)) in norm.char_indices().enumerate() {
                    if prev.is_some_and(is_word_separator) && !is_word_separator(c) {
                        word_starts.push((bi as u32, ci as u32));
                    }
                    count(letter_bit(c).trailing_zeros() as usize);
                    prev = Some(c);
                }
            }
            let start = keywords.len() as u32;
            keywords.push_str(text);
            entries.push(Entry {
                keyword: (start, keywords.len() as u32),
                norm: (norm_start as u32, norms.len() as u32),
                words: (words_start as u32, word_starts.len() as u32),
                department,
                keyword_chars: match text.is_ascii() {
                    true => text.len(),
                    false => text.chars().count(),
                } as u32,
                primary,
                counts,
            });
        }
        built
    }
}

/// What a lookup reuses from keyword to keyword.
#[derive(Default)]
struct Scratch {
    cells: Vec<u16>,
    chars: Vec<char>,
}

impl Scratch {
    /// [`typo_distance`] to a keyword's normalised text. Its chars are
    /// taken apart here, not kept per keyword: few keywords get this far.
    fn typo_distance(&mut self, query: &[char], text: &str) -> (usize, Vec<usize>) {
        self.chars.clear();
        self.chars.extend(text.chars());
        typo_distance(query, &self.chars, &mut self.cells)
    }

    /// [`typo_distance_at_most`] of `query` (normalised) to a keyword's
    /// normalised text: byte by byte when both are ASCII (most are), else
    /// char by char.
    fn typo_distance_at_most(&mut self, query: &Query, text: &str, max: usize) -> Option<usize> {
        if query.text.is_ascii() && text.is_ascii() {
            return typo_distance_at_most(
                query.text.as_bytes(),
                text.as_bytes(),
                max,
                &mut self.cells,
            );
        }
        self.chars.clear();
        self.chars.extend(text.chars());
        typo_distance_at_most(&query.chars, &self.chars, max, &mut self.cells)
    }
}

mod typo;
use typo::{typo_distance, typo_distance_at_most};

#[cfg(test)]
mod tests;
