//! The walk over every text and list of every record: the char rule and the
//! size rule of [`crate::domain::plain`].

use super::{ProblemKind, Validator, place};
use crate::domain::model::*;
use crate::domain::plain::{self, Lines};

impl Validator {
    /// A [`ProblemKind::ForbiddenChar`] for each of `fields` (name, text, lines)
    /// that breaks the text rule, and a [`ProblemKind::TooLong`] for each longer than its kind allows.
    fn text(&mut self, at: &str, fields: &[(&str, &str, Lines)]) {
        for (field, value, lines) in fields {
            self.sized(at, field, value, *lines, lines.max_chars());
        }
    }

    fn sized(&mut self, at: &str, field: &str, value: &str, lines: Lines, limit: usize) {
        if let Some(c) = plain::forbidden_char(value, lines) {
            self.problem(format!("{at}.{field}"), ProblemKind::ForbiddenChar(c));
        }
        if let Some(chars) = plain::too_long(value, limit) {
            self.problem(
                format!("{at}.{field}"),
                ProblemKind::TooLong { chars, limit },
            );
        }
    }

    /// A [`ProblemKind::TooMany`] if the list `field` holds more than `limit`.
    fn count(&mut self, at: &str, field: &str, count: usize, limit: usize) {
        if count > limit {
            self.problem(
                format!("{at}.{field}"),
                ProblemKind::TooMany { count, limit },
            );
        }
    }

    /// Every text of every record against the rule of [`super::plain`].
    pub(super) fn texts(&mut self, data: &Dataset) {
        use Lines::{Many, One};
        for (i, o) in data.organisations.iter().enumerate() {
            let at = place("organisations", i, &o.number);
            self.text(
                &at,
                &[
                    ("number", &o.number, One),
                    ("name", &o.name, One),
                    ("description", &o.description, Many),
                    ("contact_person", &o.contact_person, One),
                    ("email", &o.email, One),
                    ("phone", &o.phone, One),
                    ("kvk", &o.kvk, One),
                    ("stamp.changed_by", &o.stamp.changed_by, One),
                ],
            );
            self.count(&at, "products", o.products.len(), plain::MAX_PRODUCTS);
            for (j, p) in o.products.iter().enumerate() {
                self.text(&at, &[(&format!("products[{j}]"), p, One)]);
            }
        }
        for (i, c) in data.contacts.iter().enumerate() {
            self.text(
                &place("contacts", i, &c.number),
                &[
                    ("number", &c.number, One),
                    ("name", &c.name, One),
                    ("email", &c.email, One),
                    ("phone", &c.phone, One),
                    ("stamp.changed_by", &c.stamp.changed_by, One),
                ],
            );
        }
        for (i, d) in data.departments.iter().enumerate() {
            let at = place("departments", i, &d.number);
            self.text(
                &at,
                &[
                    ("number", &d.number, One),
                    ("name", &d.name, One),
                    ("stamp.changed_by", &d.stamp.changed_by, One),
                ],
            );
            self.count(&at, "keywords", d.keywords.len(), plain::MAX_KEYWORDS);
            self.count(&at, "liaisons", d.liaisons.len(), plain::MAX_LIAISONS);
            for (j, k) in d.keywords.iter().enumerate() {
                let field = format!("keywords[{j}].text");
                self.sized(&at, &field, &k.text, One, plain::MAX_KEYWORD);
            }
        }
        for (i, h) in data.hooks.iter().enumerate() {
            self.text(
                &place("hooks", i, &h.number),
                &[
                    ("number", &h.number, One),
                    ("title", &h.title, One),
                    ("adopted", &h.adopted, One),
                    ("reference", &h.reference, One),
                    ("stamp.changed_by", &h.stamp.changed_by, One),
                ],
            );
        }
        for (i, c) in data.cases.iter().enumerate() {
            let at = place("cases", i, &c.number);
            self.text(
                &at,
                &[
                    ("number", &c.number, One),
                    ("title", &c.title, One),
                    ("question", &c.question, Many),
                    ("owner", &c.owner, One),
                    ("stamp.changed_by", &c.stamp.changed_by, One),
                ],
            );
            self.count(&at, "blockers", c.blockers.len(), plain::MAX_BLOCKERS);
            self.count(&at, "hooks", c.hooks.len(), plain::MAX_CASE_HOOKS);
            for (j, b) in c.blockers.iter().enumerate() {
                let bat = format!("{at}.blockers[{j}]");
                self.sized(&bat, "keyword", &b.keyword, One, plain::MAX_KEYWORD);
                self.text(&bat, &[("description", &b.description, Many)]);
            }
            for (j, h) in c.hooks.iter().enumerate() {
                self.text(
                    &format!("{at}.hooks[{j}]"),
                    &[("locator", &h.locator, One), ("quote", &h.quote, Many)],
                );
            }
            self.count(&at, "log", c.log.len(), plain::MAX_HISTORY);
            for (j, e) in c.log.iter().enumerate() {
                self.text(&format!("{at}.log[{j}]"), &[("by", &e.by, One)]);
            }
        }
        for (i, x) in data.exceptions.iter().enumerate() {
            let at = place("exceptions", i, &x.number);
            self.text(
                &at,
                &[
                    ("number", &x.number, One),
                    ("description", &x.description, Many),
                    ("stamp.changed_by", &x.stamp.changed_by, One),
                ],
            );
            self.count(&at, "history", x.history.len(), plain::MAX_HISTORY);
            for (j, m) in x.history.iter().enumerate() {
                let note = m.note.as_deref().unwrap_or_default();
                self.text(
                    &format!("{at}.history[{j}]"),
                    &[("by", &m.by, One), ("note", note, Many)],
                );
            }
            if let Some(s) = &x.snooze {
                self.text(
                    &format!("{at}.snooze"),
                    &[("reason", &s.reason, Many), ("by", &s.by, One)],
                );
            }
        }
        for (i, f) in data.followups.iter().enumerate() {
            let with = match &f.with {
                Counterpart::Other(name) => name.as_str(),
                _ => "",
            };
            self.text(
                &place("followups", i, &f.number),
                &[
                    ("number", &f.number, One),
                    ("subject", &f.subject, One),
                    ("with", with, One),
                    ("stamp.changed_by", &f.stamp.changed_by, One),
                ],
            );
        }
        for (i, n) in data.notes.iter().enumerate() {
            self.text(
                &place("notes", i, &n.number),
                &[
                    ("number", &n.number, One),
                    ("author", &n.author, One),
                    ("text", &n.text, Many),
                    ("stamp.changed_by", &n.stamp.changed_by, One),
                ],
            );
        }
        for (i, t) in data.tracks.iter().enumerate() {
            self.text(
                &place("tracks", i, &t.number),
                &[
                    ("number", &t.number, One),
                    ("level", &t.level, One),
                    ("stamp.changed_by", &t.stamp.changed_by, One),
                ],
            );
        }
    }
}
