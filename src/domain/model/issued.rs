//! The highest short number ever issued, per kind: a number that an undo
//! (or `forget`) freed is never handed out again, also after a restart.

use super::{Kind, Number};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Per kind, the highest number sequence the store ever held, also of
/// records removed since. A kind that is absent has none beyond those still
/// present. It only ever rises.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued(BTreeMap<Kind, u32>);

impl Issued {
    /// The marks of `numbers`: the highest of each kind.
    pub fn of(numbers: impl IntoIterator<Item = Number>) -> Issued {
        let mut issued = Issued::default();
        for n in numbers {
            issued.raise(n.kind, n.seq);
        }
        issued
    }

    /// The highest `kind` sequence issued (0: none).
    pub fn get(&self, kind: Kind) -> u32 {
        self.0.get(&kind).copied().unwrap_or(0)
    }

    /// Raise `kind`'s mark to `seq` if that is higher; says whether it rose.
    pub fn raise(&mut self, kind: Kind, seq: u32) -> bool {
        let mark = self.0.entry(kind).or_insert(0);
        let rose = seq > *mark;
        *mark = (*mark).max(seq);
        rose
    }

    /// Raise every mark to `other`'s where that is higher; says whether
    /// one rose.
    pub fn raise_all(&mut self, other: &Issued) -> bool {
        let mut rose = false;
        for (kind, seq) in &other.0 {
            rose |= self.raise(*kind, *seq);
        }
        rose
    }

    /// The number for a new record of `kind`: one past the mark and past
    /// `present`, the sequences of the records of that kind at hand.
    pub fn next_number(&self, kind: Kind, present: impl IntoIterator<Item = u32>) -> String {
        let highest = present.into_iter().max().unwrap_or(0).max(self.get(kind));
        kind.number(highest + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_number_is_past_both_the_mark_and_what_is_present() {
        let mut issued = Issued::of(Number::parse("C07"));
        assert_eq!(issued.next_number(Kind::Case, [3, 5]), "C08");
        assert_eq!(issued.next_number(Kind::Case, [12]), "C13");
        assert_eq!(issued.next_number(Kind::Exception, []), "X01");
        assert!(!issued.raise(Kind::Case, 4), "a mark never falls");
        assert!(issued.raise(Kind::Exception, 2));
        assert_eq!(issued.get(Kind::Case), 7);
        assert_eq!(issued.next_number(Kind::Exception, [1]), "X03");
    }
}
