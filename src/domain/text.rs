//! Text normalisation for matching what a user types against stored text.
//!
//! Users type "loonkostensubsidie" for "Loonkostensubsidië" and "cafe" for "Café":
//! both sides are normalised before comparing. Highlighting must still point at
//! the text as stored, so [`Normalised`] keeps, for every char it produced, the
//! char index in the original it came from.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Canonical decomposition (NFD), combining marks dropped, lowercased, trimmed,
/// and every run of whitespace inside collapsed to one space.
///
/// `"  Café  Über "` → `"cafe uber"`.
/// Whether `needle`'s chars appear in `hay` in order (both normalised): a
/// cheap test that spares the fuzzy matcher what it could never match.
pub fn is_subsequence(needle: &str, hay: &str) -> bool {
    if needle.is_ascii() {
        // An ASCII byte is never part of another char in UTF-8, so byte by
        // byte gives the same answer, faster (the owner lookup asks this of
        // every keyword on every keystroke).
        let mut hay = hay.bytes();
        return needle.bytes().all(|n| hay.any(|h| h == n));
    }
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

pub fn normalise(s: &str) -> String {
    Normalised::new(s).text
}

/// [`normalise`] appended to `out`: without an allocation of its own for
/// plain ASCII (see [`Normalised::new`]), most text.
pub fn normalise_into(s: &str, out: &mut String) {
    match Normalised::is_plain_ascii(s) {
        true => {
            let start = out.len();
            out.push_str(s);
            out[start..].make_ascii_lowercase();
        }
        false => out.push_str(&Normalised::any(s).text),
    }
}

/// A normalised string with the way back to the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalised {
    pub text: String,
    /// For each char of `text`, the char index in the original it came from
    /// (non-decreasing, always less than the original's char count); empty
    /// when every char is where it was (lowercase ASCII without runs of
    /// spaces: most cells), which keeps 10,000 rows' cells small.
    origin: Vec<u32>,
    /// The chars in `text`.
    chars: u32,
}

impl Normalised {
    pub fn new(original: &str) -> Self {
        Normalised::plain_ascii(original).unwrap_or_else(|| Normalised::any(original))
    }

    /// The commonest case, in one allocation: ASCII with single spaces
    /// between words and none at the ends, where normalising only lowercases
    /// and every char stays where it was. `None` for anything else.
    fn plain_ascii(original: &str) -> Option<Self> {
        Normalised::is_plain_ascii(original).then(|| Normalised {
            text: original.to_ascii_lowercase(),
            origin: Vec::new(),
            chars: original.len() as u32,
        })
    }

    /// Whether `original` is what [`Normalised::plain_ascii`] takes: ASCII
    /// without whitespace but single spaces between words.
    fn is_plain_ascii(original: &str) -> bool {
        // At the start, a space would be a leading one.
        let mut after_space = true;
        for &b in original.as_bytes() {
            match b {
                b' ' if after_space => return false,
                b' ' => after_space = true,
                // Other ASCII whitespace (as `char::is_whitespace`), and
                // anything not ASCII.
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x80.. => return false,
                _ => after_space = false,
            }
        }
        !after_space || original.is_empty()
    }

    fn any(original: &str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        // Where a collapsed whitespace run began: emitted only once a non-space
        // char follows, which trims the end for free.
        let mut pending_space: Option<usize> = None;
        for (index, c) in original.chars().enumerate() {
            if c.is_whitespace() {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(index);
                }
                continue;
            }
            if c.is_ascii() {
                // Most text is ASCII: nothing to decompose, no marks to drop.
                if let Some(space_at) = pending_space.take() {
                    text.push(' ');
                    origin.push(space_at);
                }
                text.push(c.to_ascii_lowercase());
                origin.push(index);
                continue;
            }
            // Per char is enough: canonical reordering only moves combining marks,
            // and those are dropped. Lowercasing can itself yield a combining mark
            // ('İ' → "i\u{307}"), so the marks are filtered after it.
            for decomposed in std::iter::once(c).nfd() {
                for lower in decomposed.to_lowercase() {
                    if is_combining_mark(lower) {
                        continue;
                    }
                    if let Some(space_at) = pending_space.take() {
                        text.push(' ');
                        origin.push(space_at);
                    }
                    text.push(lower);
                    origin.push(index);
                }
            }
        }
        let chars = origin.len() as u32;
        let identity = origin.iter().enumerate().all(|(i, &o)| i == o);
        let origin = match identity {
            true => Vec::new(),
            false => origin.into_iter().map(|o| o as u32).collect(),
        };
        text.shrink_to_fit();
        Normalised {
            text,
            origin,
            chars,
        }
    }

    /// The char index in the original that char `i` of `text` came from.
    pub fn origin_of(&self, i: usize) -> Option<usize> {
        match self.origin.is_empty() {
            true => (i < self.chars as usize).then_some(i),
            false => self.origin.get(i).map(|&o| o as usize),
        }
    }

    /// [`Normalised::origin_of`] for every char of `text`.
    pub fn origins(&self) -> Vec<usize> {
        (0..self.chars as usize)
            .filter_map(|i| self.origin_of(i))
            .collect()
    }

    /// Original char indices for positions in the normalised text, sorted and
    /// without duplicates. Positions past the end are ignored.
    pub fn original_indices(&self, normalised: impl IntoIterator<Item = usize>) -> Vec<usize> {
        let mut out: Vec<usize> = normalised
            .into_iter()
            .filter_map(|i| self.origin_of(i))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_ascii_path_normalises_as_the_general_one() {
        let samples = [
            "",
            " ",
            "a",
            "A b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\x0Bb",
            "a\x0Cb",
            "a\rb",
            "Loonkosten Subsidie",
            "SROI-verplichting 2.82",
            "C07",
            "café",
            "x\u{85}y",
            "x\u{a0}y",
            "\x1f",
            "ALL CAPS HERE",
            "trailing\n",
        ];
        for s in samples {
            let general = Normalised::any(s);
            assert_eq!(Normalised::new(s), general, "{s:?}");
            if let Some(fast) = Normalised::plain_ascii(s) {
                assert_eq!(fast, general, "{s:?}");
            }
        }
        assert!(Normalised::plain_ascii("Plain Words").is_some());
        assert!(Normalised::plain_ascii("two  spaces").is_none());
    }

    #[test]
    fn normalise_folds_case_accents_and_whitespace() {
        let rows = [
            ("Loonkostensubsidië", "loonkostensubsidie"),
            ("  Café  Über ", "cafe uber"),
            ("LOONKOSTENSUBSIDIE", "loonkostensubsidie"),
            ("Coöperatie", "cooperatie"),
            ("voorbehouden\t\n opdracht", "voorbehouden opdracht"),
            ("2.82", "2.82"),
            ("SROI-verplichting", "sroi-verplichting"),
            ("İstanbul", "istanbul"),
            ("e\u{301}e\u{301}", "ee"),
            ("", ""),
            ("   ", ""),
        ];
        for (input, expected) in rows {
            assert_eq!(normalise(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn origin_points_back_at_the_original_chars() {
        let n = Normalised::new(" Zoë  Café");
        assert_eq!(n.text, "zoe cafe");
        // z o e ␠ c a f e  →  original chars 1 2 3 4 6 7 8 9
        assert_eq!(n.origins(), vec![1, 2, 3, 4, 6, 7, 8, 9]);
    }

    #[test]
    fn origin_survives_chars_that_change_the_char_count() {
        // Decomposed input shrinks (the mark is dropped); Hangul grows (one
        // syllable becomes two jamo). Either way indices stay inside the original.
        for original in ["cafe\u{301} x", "한국", "İİ", "ǅemal"] {
            let n = Normalised::new(original);
            let count = original.chars().count();
            let origin = n.origins();
            assert_eq!(origin.len(), n.text.chars().count(), "{original:?}");
            assert!(origin.iter().all(|&i| i < count), "{original:?}");
            assert!(origin.windows(2).all(|w| w[0] <= w[1]), "{original:?}");
        }
        let hangul = Normalised::new("한국");
        assert_eq!(
            hangul.original_indices(0..hangul.origins().len()),
            vec![0, 1]
        );
    }

    #[test]
    fn a_cell_whose_chars_stay_in_place_keeps_no_origin_list() {
        let n = Normalised::new("Loonkosten Café");
        assert!(n.origin.is_empty());
        assert_eq!(n.origins(), (0..15).collect::<Vec<_>>());
        assert_eq!(n.origin_of(14), Some(14));
        assert_eq!(n.origin_of(15), None);
        // A collapsed run of spaces moves what follows: the list is kept.
        assert!(!Normalised::new("a  b").origin.is_empty());
    }

    #[test]
    fn original_indices_ignore_positions_past_the_end() {
        let n = Normalised::new("Café");
        assert_eq!(n.original_indices([3, 0, 3, 99]), vec![0, 3]);
    }
}
