//! "Find anything" (the dashboard's `:` palette): a record by its number, or
//! the words typed, in names, titles, questions, blocker keywords, contacts
//! and note texts. Accent- and case-insensitive: both sides are normalised
//! ([`crate::domain::text`]). The note texts are not in memory: the store
//! searches them ([`NoteHit`]); the records here.

use super::text::{Normalised, normalise};
use super::{Dataset, Id, Kind, NoteHead, Number, RecordRef};
use serde::{Deserialize, Serialize};

/// The most note hits a search returns.
pub const NOTE_HITS: usize = 50;
/// The most record hits of one kind a search returns.
pub const RECORD_HITS: usize = 20;
/// How many chars of a note a hit shows around the match.
const SNIPPET: usize = 60;

/// A note whose text matches, as the store finds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteHit {
    pub id: Id,
    pub number: String,
    /// The record the note is on.
    pub target: RecordRef,
    /// One line of the text around the first match.
    pub snippet: String,
}

/// What was typed: its words, normalised. A text matches when it holds
/// every word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

impl Query {
    pub fn new(typed: &str) -> Query {
        Query {
            words: normalise(typed)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the normalised `hay` holds every word.
    pub fn matches_normalised(&self, hay: &str) -> bool {
        !self.is_empty() && self.words.iter().all(|w| hay.contains(w.as_str()))
    }

    /// Whether any of `fields` (as stored) together hold every word.
    pub fn matches<'a>(&self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        let hay: Vec<String> = fields.into_iter().map(normalise).collect();
        self.matches_normalised(&hay.join("\n"))
    }

    /// One line of `text` around the first word's first match; `None` if
    /// `text` does not hold every word.
    pub fn snippet(&self, text: &str) -> Option<String> {
        let n = Normalised::new(text);
        if !self.matches_normalised(&n.text) {
            return None;
        }
        let byte = n.text.find(self.words[0].as_str())?;
        let at = n.text[..byte].chars().count();
        let start = n.origin_of(at).unwrap_or(0);
        let chars: Vec<char> = text.chars().collect();
        let from = start.saturating_sub(SNIPPET / 3);
        let to = (from + SNIPPET).min(chars.len());
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        let mut space = false;
        for c in &chars[from..to] {
            match c.is_whitespace() || c.is_control() {
                true => space = true,
                false => {
                    if space && !out.is_empty() && !out.ends_with('…') {
                        out.push(' ');
                    }
                    space = false;
                    out.push(*c);
                }
            }
        }
        if to < chars.len() {
            out.push('…');
        }
        Some(out)
    }
}

/// A record that matches: its kind (the group it shows under), number and
/// what names it (name, title or subject).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub record: RecordRef,
    pub number: String,
    pub label: String,
}

/// The kinds in the order their groups show.
pub const GROUPS: [Kind; 9] = [
    Kind::Case,
    Kind::Exception,
    Kind::Organisation,
    Kind::Contact,
    Kind::Department,
    Kind::Hook,
    Kind::Track,
    Kind::FollowUp,
    Kind::Note,
];

/// The records of `data` that match `typed`, grouped by kind (in [`GROUPS`]
/// order) and by number within a kind; the record whose number was typed
/// (`C17`, `x5`) comes first. `heads` find a note by its number. Note texts
/// are not searched here (see [`NoteHit`]).
pub fn find(data: &Dataset, heads: &[NoteHead], typed: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    if let Some(number) = Number::parse(typed) {
        out.extend(by_number(data, heads, number));
    }
    let q = Query::new(typed);
    if q.is_empty() {
        return out;
    }
    let org_name = |id: Id| {
        data.organisations
            .iter()
            .find(|o| o.id == id)
            .map_or("", |o| o.name.as_str())
    };
    let hit = |kind, id, number: &str, label: String| Hit {
        record: RecordRef { kind, id },
        number: number.to_string(),
        label,
    };
    let mut found: Vec<Hit> = Vec::new();
    let mut push = |hits: Vec<Hit>| found.extend(hits.into_iter().take(RECORD_HITS));
    push(
        data.cases
            .iter()
            .filter(|c| {
                let keywords = c.blockers.iter().map(|b| b.keyword.as_str());
                q.matches(
                    [c.title.as_str(), c.question.as_str()]
                        .into_iter()
                        .chain(keywords),
                )
            })
            .map(|c| {
                let label = format!("{} · {}", c.title, org_name(c.organisation));
                hit(Kind::Case, c.id, &c.number, label)
            })
            .collect(),
    );
    push(
        data.exceptions
            .iter()
            .filter(|x| q.matches([x.description.as_str()]))
            .map(|x| hit(Kind::Exception, x.id, &x.number, x.description.clone()))
            .collect(),
    );
    push(
        data.organisations
            .iter()
            .filter(|o| q.matches([o.name.as_str(), o.contact_person.as_str()]))
            .map(|o| hit(Kind::Organisation, o.id, &o.number, o.name.clone()))
            .collect(),
    );
    push(
        data.contacts
            .iter()
            .filter(|c| q.matches([c.name.as_str(), c.email.as_str()]))
            .map(|c| hit(Kind::Contact, c.id, &c.number, c.name.clone()))
            .collect(),
    );
    push(
        data.departments
            .iter()
            .filter(|d| {
                let keywords = d.keywords.iter().map(|k| k.text.as_str());
                q.matches(std::iter::once(d.name.as_str()).chain(keywords))
            })
            .map(|d| hit(Kind::Department, d.id, &d.number, d.name.clone()))
            .collect(),
    );
    push(
        data.hooks
            .iter()
            .filter(|h| q.matches([h.title.as_str(), h.reference.as_str()]))
            .map(|h| hit(Kind::Hook, h.id, &h.number, h.title.clone()))
            .collect(),
    );
    push(
        data.tracks
            .iter()
            .filter(|t| q.matches([org_name(t.organisation), t.level.as_str()]))
            .map(|t| {
                let label = format!("{} · {}", org_name(t.organisation), t.level);
                hit(Kind::Track, t.id, &t.number, label)
            })
            .collect(),
    );
    push(
        data.followups
            .iter()
            .filter(|f| q.matches([f.subject.as_str()]))
            .map(|f| hit(Kind::FollowUp, f.id, &f.number, f.subject.clone()))
            .collect(),
    );
    for h in found {
        if !out.iter().any(|o| o.record == h.record) {
            out.push(h);
        }
    }
    out
}

/// The record numbered `number`, if there is one.
fn by_number(data: &Dataset, heads: &[NoteHead], number: Number) -> Option<Hit> {
    if number.kind == Kind::Note {
        let head = heads.iter().find(|h| h.seq == number.seq)?;
        let target = head.target?;
        let on = data.get(target)?;
        return Some(Hit {
            record: RecordRef {
                kind: Kind::Note,
                id: head.id,
            },
            number: number.to_string(),
            label: on.number().to_string(),
        });
    }
    let record = data
        .records()
        .find(|r| r.kind() == number.kind && Number::parse(r.number()) == Some(number))?;
    let label = match &record {
        super::AnyRecord::Organisation(o) => o.name.clone(),
        super::AnyRecord::Contact(c) => c.name.clone(),
        super::AnyRecord::Department(d) => d.name.clone(),
        super::AnyRecord::Hook(h) => h.title.clone(),
        super::AnyRecord::Case(c) => c.title.clone(),
        super::AnyRecord::Exception(x) => x.description.clone(),
        super::AnyRecord::FollowUp(f) => f.subject.clone(),
        super::AnyRecord::Note(n) => n.text.clone(),
        super::AnyRecord::Track(t) => t.level.clone(),
    };
    Some(Hit {
        record: record.record_ref(),
        number: record.number().to_string(),
        label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_occur_accents_and_case_aside() {
        let q = Query::new("  CAFÉ  soep ");
        assert!(q.matches(["Soepbar café"]));
        assert!(q.matches(["de soep", "Het Cafe"]));
        assert!(!q.matches(["soepbar"]));
        assert!(!Query::new("   ").matches(["iets"]));
    }

    #[test]
    fn a_snippet_is_one_line_around_the_match() {
        let q = Query::new("loonkostensubsidie");
        let text = format!(
            "{}\nBesproken: Loonkostensubsidië aanvragen.",
            "x".repeat(80)
        );
        let s = q.snippet(&text).unwrap();
        assert!(s.starts_with('…'), "{s}");
        assert!(s.contains("Besproken: Loonkostensubsidië"), "{s}");
        assert!(!s.contains('\n'));
        assert_eq!(q.snippet("niets hier"), None);
        assert_eq!(Query::new("kort").snippet("Kort."), Some("Kort.".into()));
    }
}
