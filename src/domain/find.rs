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
    /// The record the note is on; the note itself for one on no record
    /// (the day's summary).
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

/// The searchable text of every record, normalised once: what a palette
/// key matches against, so a key normalises only what was typed. Kinds in
/// [`GROUPS`] order, records in data order; built for one version of the
/// data (the dashboard builds it again after a change).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindIndex {
    /// (kind, index into that kind's list, its fields normalised and joined).
    hay: Vec<(Kind, usize, String)>,
}

impl FindIndex {
    pub fn build(data: &Dataset) -> FindIndex {
        let mut hay = Vec::new();
        let mut add = |kind: Kind, i: usize, fields: &mut dyn Iterator<Item = &str>| {
            let text: Vec<String> = fields.map(normalise).collect();
            hay.push((kind, i, text.join("\n")));
        };
        for (i, c) in data.cases.iter().enumerate() {
            let keywords = c.blockers.iter().map(|b| b.keyword.as_str());
            add(
                Kind::Case,
                i,
                &mut [c.title.as_str(), c.question.as_str()]
                    .into_iter()
                    .chain(keywords),
            );
        }
        for (i, x) in data.exceptions.iter().enumerate() {
            add(
                Kind::Exception,
                i,
                &mut [x.description.as_str()].into_iter(),
            );
        }
        for (i, o) in data.organisations.iter().enumerate() {
            let fields = [o.name.as_str(), o.contact_person.as_str()];
            add(Kind::Organisation, i, &mut fields.into_iter());
        }
        for (i, c) in data.contacts.iter().enumerate() {
            let fields = [c.name.as_str(), c.email.as_str()];
            add(Kind::Contact, i, &mut fields.into_iter());
        }
        for (i, d) in data.departments.iter().enumerate() {
            let keywords = d.keywords.iter().map(|k| k.text.as_str());
            add(
                Kind::Department,
                i,
                &mut std::iter::once(d.name.as_str()).chain(keywords),
            );
        }
        for (i, h) in data.hooks.iter().enumerate() {
            let fields = [h.title.as_str(), h.reference.as_str()];
            add(Kind::Hook, i, &mut fields.into_iter());
        }
        let orgs: rustc_hash::FxHashMap<Id, &str> = (data.organisations.iter())
            .map(|o| (o.id, o.name.as_str()))
            .collect();
        let org_name = |id: Id| orgs.get(&id).copied().unwrap_or("");
        for (i, t) in data.tracks.iter().enumerate() {
            let fields = [org_name(t.organisation), t.level.as_str()];
            add(Kind::Track, i, &mut fields.into_iter());
        }
        for (i, f) in data.followups.iter().enumerate() {
            add(Kind::FollowUp, i, &mut [f.subject.as_str()].into_iter());
        }
        FindIndex { hay }
    }
}

/// The records of `data` that match `typed`, grouped by kind (in [`GROUPS`]
/// order) and by number within a kind; the record whose number was typed
/// (`C17`, `x5`) comes first. `heads` find a note by its number. Note texts
/// are not searched here (see [`NoteHit`]).
pub fn find(data: &Dataset, heads: &[NoteHead], typed: &str) -> Vec<Hit> {
    find_in(data, heads, &FindIndex::build(data), typed)
}

/// [`find`] through an index of `data` built before (see [`FindIndex`]).
pub fn find_in(data: &Dataset, heads: &[NoteHead], index: &FindIndex, typed: &str) -> Vec<Hit> {
    let mut out = Vec::new();
    if let Some(number) = Number::parse(typed) {
        out.extend(by_number(data, heads, number));
    }
    let q = Query::new(typed);
    if q.is_empty() {
        return out;
    }
    // Each kind's first hits only: a label (with the organisation's name
    // looked up) is made for those alone.
    let mut taken: Vec<(Kind, usize)> = Vec::new();
    for (kind, i, hay) in &index.hay {
        let n = match taken.last_mut() {
            Some((k, n)) if k == kind => n,
            _ => {
                taken.push((*kind, 0));
                &mut taken.last_mut().expect("just pushed").1
            }
        };
        if *n >= RECORD_HITS || !q.matches_normalised(hay) {
            continue;
        }
        *n += 1;
        if let Some(h) = hit_of(data, *kind, *i)
            && !out.iter().any(|o| o.record == h.record)
        {
            out.push(h);
        }
    }
    out
}

/// The hit for record `i` of the list of `kind`.
fn hit_of(data: &Dataset, kind: Kind, i: usize) -> Option<Hit> {
    let org_name = |id: Id| {
        data.organisations
            .iter()
            .find(|o| o.id == id)
            .map_or("", |o| o.name.as_str())
    };
    let hit = |id, number: &str, label: String| Hit {
        record: RecordRef { kind, id },
        number: number.to_string(),
        label,
    };
    Some(match kind {
        Kind::Case => {
            let c = data.cases.get(i)?;
            hit(
                c.id,
                &c.number,
                format!("{} · {}", c.title, org_name(c.organisation)),
            )
        }
        Kind::Exception => {
            let x = data.exceptions.get(i)?;
            hit(x.id, &x.number, x.description.clone())
        }
        Kind::Organisation => {
            let o = data.organisations.get(i)?;
            hit(o.id, &o.number, o.name.clone())
        }
        Kind::Contact => {
            let c = data.contacts.get(i)?;
            hit(c.id, &c.number, c.name.clone())
        }
        Kind::Department => {
            let d = data.departments.get(i)?;
            hit(d.id, &d.number, d.name.clone())
        }
        Kind::Hook => {
            let h = data.hooks.get(i)?;
            hit(h.id, &h.number, h.title.clone())
        }
        Kind::Track => {
            let t = data.tracks.get(i)?;
            let label = format!("{} · {}", org_name(t.organisation), t.level);
            hit(t.id, &t.number, label)
        }
        Kind::FollowUp => {
            let f = data.followups.get(i)?;
            hit(f.id, &f.number, f.subject.clone())
        }
        Kind::Note => return None,
    })
}

/// The record numbered `number`, if there is one.
fn by_number(data: &Dataset, heads: &[NoteHead], number: Number) -> Option<Hit> {
    if number.kind == Kind::Note {
        let head = heads.iter().find(|h| h.seq == number.seq)?;
        // A note on no record (the day's summary) is labelled by its day.
        let label = match head.target {
            Some(target) => data.get(target)?.number().to_string(),
            None => head.date.format("%d-%m-%Y").to_string(),
        };
        return Some(Hit {
            record: RecordRef {
                kind: Kind::Note,
                id: head.id,
            },
            number: number.to_string(),
            label,
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
