//! The typo tier's alignment: how many edits turn a query into some
//! stretch of a keyword.

/// [`typo_distance`] if it is at most `max`, else `None`: the distance
/// alone, three rows at a time, given up as soon as no stretch can come in
/// at `max` edits. What every keyword short of no more than `max` of the
/// query's letters is put through, on every keystroke of a long query.
pub(super) fn typo_distance_at_most<T: Copy + Eq>(
    query: &[T],
    text: &[T],
    max: usize,
    scratch: &mut Vec<u16>,
) -> Option<usize> {
    let (m, n) = (query.len(), text.len());
    let w = n + 1;
    scratch.clear();
    scratch.resize(3 * w, 0);
    let (mut before, rest) = scratch.split_at_mut(w);
    let (mut prev, mut cur) = rest.split_at_mut(w);
    // Row 0 is all 0 (the stretch may start anywhere), and the row before it
    // is never read.
    for i in 1..=m {
        let (q, q_before) = (query[i - 1], i.checked_sub(2).map(|k| query[k]));
        cur[0] = i as u16;
        let mut row_min = cur[0];
        // Cell by cell along the row, what the next cell needs carried over:
        // its left neighbour, the one above-left, the char before.
        let (mut left, mut above_left, mut t_before) = (cur[0], prev[0], None);
        for j in 1..=n {
            let (t, above) = (text[j - 1], prev[j]);
            let mut v = (above_left + u16::from(q != t))
                .min(above + 1)
                .min(left + 1);
            if q_before == Some(t) && t_before == Some(q) {
                v = v.min(before[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
            (left, above_left, t_before) = (v, above, Some(t));
        }
        // A row's least is at least the least of the row above, or of the
        // row two up plus one (a swap), which is itself at least the row
        // above's least minus one: once a row is past `max`, so is every
        // later row.
        if usize::from(row_min) > max {
            return None;
        }
        (before, prev, cur) = (prev, cur, before);
    }
    // The last row filled is now `prev`.
    let best = usize::from(*prev.iter().min()?);
    (best <= max).then_some(best)
}

/// The fewest edits (insert, delete, substitute, swap two neighbours) that turn
/// `query` into some stretch of `text`, and the chars of `text` that stretch
/// matched unchanged (swapped pairs included). `scratch` is reused across calls.
pub(super) fn typo_distance(
    query: &[char],
    text: &[char],
    scratch: &mut Vec<u16>,
) -> (usize, Vec<usize>) {
    let (m, n) = (query.len(), text.len());
    let w = n + 1;
    scratch.clear();
    scratch.resize((m + 1) * w, 0);
    let d = scratch;
    // Row 0 stays 0: the stretch may start anywhere in the text.
    for i in 1..=m {
        d[i * w] = i as u16;
        for j in 1..=n {
            let cost = u16::from(query[i - 1] != text[j - 1]);
            let mut v = (d[(i - 1) * w + j - 1] + cost)
                .min(d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1);
            if i > 1 && j > 1 && query[i - 1] == text[j - 2] && query[i - 2] == text[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    // The stretch may end anywhere too. Of equally good ends take the last: it
    // keeps a swapped final pair ("vergunnign") rather than dropping a char.
    let (mut j, best) = (0..=n)
        .map(|j| (j, d[m * w + j]))
        .min_by_key(|&(j, v)| (v, std::cmp::Reverse(j)))
        .unwrap_or((0, m as u16));
    let mut matched = Vec::new();
    let mut i = m;
    while i > 0 && j > 0 {
        let here = d[i * w + j];
        let same = query[i - 1] == text[j - 1];
        if here == d[(i - 1) * w + j - 1] + u16::from(!same) {
            if same {
                matched.push(j - 1);
            }
            i -= 1;
            j -= 1;
        } else if i > 1
            && j > 1
            && query[i - 1] == text[j - 2]
            && query[i - 2] == text[j - 1]
            && here == d[(i - 2) * w + j - 2] + 1
        {
            matched.extend([j - 1, j - 2]);
            i -= 2;
            j -= 2;
        } else if here == d[(i - 1) * w + j] + 1 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    matched.reverse();
    (best as usize, matched)
}
