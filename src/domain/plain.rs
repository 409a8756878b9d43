//! The rule for the text a record holds, and the way to show text that breaks it.
//!
//! A record's text ends up in a terminal (the listings, the dashboard) and in
//! Markdown reports. Control characters there are instructions, not text: an
//! organisation named `"Evil\x1b]0;pwned\x07\x1b[2J"` would retitle and clear the
//! terminal of whoever lists the cases, and a line break would split a table row.
//!
//! The rule: no record text holds a C0 control (ESC among them), DEL, a C1
//! control (U+0080–U+009F) or a bidirectional embedding, override or isolate
//! (U+202A–U+202E, U+2066–U+2069). Multi-line fields ([`Lines::Many`]: note
//! texts, descriptions, a case's question, a hook's quote, a stage move's note,
//! a snooze reason) may hold line breaks (`\n`) and tabs; every other field is
//! one line. [`forbidden_char`] checks the rule where text comes in (forms,
//! `mandaat note`, import); [`one_line`] makes any text safe to print, for stores
//! written before the rule.
//!
//! The size rule beside it: a multi-line text holds at most [`MAX_MANY`]
//! chars (a few pages), a one-line text [`MAX_ONE`], a keyword
//! [`MAX_KEYWORD`]; the lists a record holds are bounded too ([`MAX_BLOCKERS`]
//! and the rest). [`too_long`] checks a text where it comes in; the dashboard
//! shows at most [`MAX_MANY`] chars of an older, longer text ([`shown`]).

use std::borrow::Cow;

/// Whether a field may span lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// The most chars a multi-line text (a note, a description) may hold: a few
/// pages.
pub const MAX_MANY: usize = 20_000;
/// The most chars a one-line text (a name, a title, an e-mail address) may hold.
pub const MAX_ONE: usize = 300;
/// The most chars a keyword (of a department, of a blocker) may hold.
pub const MAX_KEYWORD: usize = 80;
/// The most blockers a case may have.
pub const MAX_BLOCKERS: usize = 50;
/// The most hooks a case may cite.
pub const MAX_CASE_HOOKS: usize = 50;
/// The most keywords a department may have.
pub const MAX_KEYWORDS: usize = 500;
/// The most liaisons a department may have.
pub const MAX_LIAISONS: usize = 100;
/// The most products an organisation may list.
pub const MAX_PRODUCTS: usize = 200;
/// The most stage moves an exception's history may hold.
pub const MAX_HISTORY: usize = 1_000;

impl Lines {
    /// The most chars a field of this kind may hold.
    pub fn max_chars(self) -> usize {
        match self {
            Lines::One => MAX_ONE,
            Lines::Many => MAX_MANY,
        }
    }
}

/// The number of chars of `text` if it holds more than `max`. Cheap for the
/// usual short text: chars are counted only when its bytes exceed `max`.
pub fn too_long(text: &str, max: usize) -> Option<usize> {
    if text.len() <= max {
        return None;
    }
    let chars = text.chars().count();
    (chars > max).then_some(chars)
}

/// At most [`MAX_MANY`] chars of `text`, for the dashboard to draw: a text
/// stored before the size rule must not make a frame slow. Borrows always.
pub fn shown(text: &str) -> &str {
    match text.char_indices().nth(MAX_MANY) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// What printing puts in place of a forbidden char that is not a line break or tab.
pub const STAND_IN: char = '\u{FFFD}';

/// A char that no record text may hold (see the module text); line breaks and
/// tabs are among them, [`forbidden_char`] lets multi-line fields have those.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first char of `text` that a field of `lines` may not hold, if any.
pub fn forbidden_char(text: &str, lines: Lines) -> Option<char> {
    text.chars()
        .find(|&c| is_forbidden(c) && !(lines == Lines::Many && matches!(c, '\n' | '\t')))
}

/// `text` as one line that is safe in a terminal or a table cell: line breaks
/// and tabs become a space, every other forbidden char the visible
/// [`STAND_IN`]. Borrows when there is nothing to replace (the usual case).
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if is_forbidden(c) => STAND_IN,
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_chars_by_kind_of_field() {
        let rows = [
            ("Stadsgarage", Lines::One, None),
            ("Café Zoë — 2,5 € · ‘quote’", Lines::One, None),
            ("Evil\x1b]0;pwned\x07", Lines::One, Some('\x1b')),
            ("bel\x07", Lines::Many, Some('\x07')),
            ("two\nlines", Lines::One, Some('\n')),
            ("two\nlines\tand a tab", Lines::Many, None),
            ("carriage\r\nreturn", Lines::Many, Some('\r')),
            ("tab\there", Lines::One, Some('\t')),
            ("del\x7f", Lines::Many, Some('\x7f')),
            ("c1 \u{9b}2J", Lines::Many, Some('\u{9b}')),
            ("bidi \u{202e}cod.exe", Lines::One, Some('\u{202e}')),
            ("isolate \u{2068}x\u{2069}", Lines::Many, Some('\u{2068}')),
            // Not controls: the zero-width joiner of an emoji, a no-break space.
            ("👩\u{200d}🔧 a\u{a0}b", Lines::One, None),
        ];
        for (text, lines, expected) in rows {
            assert_eq!(forbidden_char(text, lines), expected, "{text:?} {lines:?}");
        }
    }

    #[test]
    fn texts_longer_than_their_field_allows_are_counted_in_chars() {
        assert_eq!(too_long("kort", MAX_ONE), None);
        assert_eq!(too_long(&"a".repeat(MAX_ONE), MAX_ONE), None);
        assert_eq!(
            too_long(&"a".repeat(MAX_ONE + 1), MAX_ONE),
            Some(MAX_ONE + 1)
        );
        // Chars, not bytes: 300 two-byte chars fit in a one-line field.
        assert_eq!(too_long(&"é".repeat(MAX_ONE), MAX_ONE), None);
        assert_eq!(
            too_long(&"é".repeat(MAX_ONE + 2), MAX_ONE),
            Some(MAX_ONE + 2)
        );
        assert_eq!(Lines::Many.max_chars(), 20_000);
        assert_eq!(Lines::One.max_chars(), 300);
        const { assert!(MAX_KEYWORD < MAX_ONE) };
    }

    #[test]
    fn the_dashboard_is_shown_at_most_a_few_pages() {
        assert_eq!(shown("Café"), "Café");
        let huge = "ë".repeat(5 * MAX_MANY);
        assert_eq!(shown(&huge).chars().count(), MAX_MANY);
        assert_eq!(shown(&huge[..2 * MAX_MANY]), &huge[..2 * MAX_MANY]);
    }

    #[test]
    fn one_line_keeps_clean_text_and_shows_the_rest() {
        assert!(matches!(one_line("Café Zoë"), Cow::Borrowed("Café Zoë")));
        assert_eq!(
            one_line("Evil\x1b]0;pwned\x07\x1b[2J"),
            "Evil\u{fffd}]0;pwned\u{fffd}\u{fffd}[2J"
        );
        assert_eq!(one_line("a\nb\r\nc\td"), "a b  c d");
        assert_eq!(
            one_line("\u{9b}2J \u{7f} \u{202e}x"),
            "\u{fffd}2J \u{fffd} \u{fffd}x"
        );
        for bad in ["\x1b[2J\n", "\u{2066}\u{0}\u{85}"] {
            assert!(!one_line(bad).chars().any(is_forbidden), "{bad:?}");
        }
    }
}
