//! Plain aligned text tables for the terminal (widths in chars, so ë and é align).
//! Every cell goes through [`plain::one_line`]: record text never reaches the
//! terminal with a control char in it, and a row stays one line.

use crate::domain::plain;

pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        let cells = cells
            .into_iter()
            .map(|c| match plain::one_line(&c) {
                std::borrow::Cow::Borrowed(_) => c,
                std::borrow::Cow::Owned(safe) => safe,
            })
            .collect();
        self.rows.push(cells);
    }

    pub fn render(&self) -> String {
        let cols = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        for line in std::iter::once(&self.header).chain(&self.rows) {
            let mut text = String::new();
            for (i, cell) in line.iter().enumerate().take(cols) {
                if i > 0 {
                    text.push_str("  ");
                }
                text.push_str(cell);
                if i + 1 < cols {
                    let pad = widths[i] - cell.chars().count();
                    text.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_row_with_control_chars_and_line_breaks_stays_one_safe_line() {
        let mut t = super::Table::new(["nr", "naam"]);
        t.row(vec![
            "C01".into(),
            "Evil\x1b]0;pwned\x07\x1b[2J\nnext".into(),
        ]);
        let out = t.render();
        assert_eq!(out.lines().count(), 2, "{out:?}");
        assert!(!out.contains(['\x1b', '\x07', '\r', '\t']), "{out:?}");
        assert!(out.contains("Evil\u{fffd}]0;pwned\u{fffd}\u{fffd}[2J next"));
    }
}
