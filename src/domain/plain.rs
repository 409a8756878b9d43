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

use std::borrow::Cow;

/// Whether a field may span lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
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
