//! Markdown tables, the one writer behind the review report and the age chart.

/// A Markdown table; pipes inside cells are escaped, and control chars and
/// line breaks made harmless ([`crate::domain::plain::one_line`]). Columns from
/// `numbers_from` on are right-aligned (counts); pass the column count for none.
pub fn table<S: AsRef<str>>(header: &[S], rows: &[Vec<String>], numbers_from: usize) -> String {
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let cells: Vec<String> = cells
            .map(|c| crate::domain::plain::one_line(c).replace('|', "\\|"))
            .collect();
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = line(&mut header.iter().map(AsRef::as_ref));
    out.push('|');
    for i in 0..header.len() {
        out.push_str(if i >= numbers_from { "---:|" } else { "---|" });
    }
    out.push('\n');
    for row in rows {
        out.push_str(&line(&mut row.iter().map(String::as_str)));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_pipes_and_aligns_counts_right() {
        let t = super::table(&["a", "n"], &[vec!["x|y".into(), "3".into()]], 1);
        assert_eq!(t, "| a | n |\n|---|---:|\n| x\\|y | 3 |\n");
    }

    #[test]
    fn a_line_break_or_escape_in_a_cell_keeps_the_row_whole() {
        let t = super::table(&["a"], &[vec!["x\n| y\x1b[2J".into()]], 1);
        assert_eq!(t, "| a |\n|---|\n| x \\| y\u{fffd}[2J |\n");
    }
}
