//! Small forms that validate as you type. A form knows its fields, each by
//! name ([`FieldId`]) and a choice's options by their typed value ([`Value`]);
//! a flow reads a filled form by those names, never by position, so moving a
//! field changes only where it shows.

use crate::domain::intake;
use crate::domain::plain::{self, Lines};
use crate::domain::{Id, RecordRef};
use crate::i18n::Lang;
use crate::i18n::dashboard as text;
use chrono::{Days, NaiveDate};

mod value;
pub use value::{Chosen, Value};

/// The name of a field: what the flow reads it by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldId {
    Note,
    With,
    Subject,
    Due,
    FollowUp,
    Stage,
    Why,
    Outcome,
    Until,
    Reason,
    Keyword,
    Department,
    Description,
    Blocker,
    Hook,
    LocatorKind,
    Locator,
    Quote,
    Verified,
    Organisation,
    NewOrganisation,
    Title,
    Question,
    Status,
    ActionLine,
    Owner,
    ExceptionKind,
    ContractType,
    Value,
    LegalContact,
    Primary,
    ToDepartment,
    Liaison,
    LiaisonRole,
    Decision,
    EscalateTo,
    Milestone,
    On,
    Score,
    Aim,
    Level,
    Admitted,
    ContactPerson,
    Email,
    Phone,
    Kvk,
    Products,
}

/// A department's liaison: the only one, or one more, first in line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiaisonRole {
    Only,
    FirstOfSeveral,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// A calendar date: `29-11-2024`, `2024-11-29` or `+14` (days from today).
    Date,
    /// Euro, whole or with cents: `42000`, `42.000`, `42000,50`.
    Money,
    /// One of a list, chosen with ←/→: the options as shown.
    Choice(Vec<String>),
    /// A KvK number: eight digits (`domain::intake`).
    Kvk,
    Email,
    Phone,
    /// Products and services, comma-separated.
    Products,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub id: FieldId,
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    /// The chosen option of a choice field, an index into its options.
    pub choice: usize,
    /// What each option of a choice field stands for, as the options.
    values: Vec<Value>,
    /// For a searchable choice: the options that match what is typed (in
    /// `value`), as indices; `None` for every other field.
    pub matching: Option<Vec<usize>>,
    pub required: bool,
}

impl Field {
    pub fn text(id: FieldId, label: &str, required: bool) -> Field {
        Field {
            id,
            label: label.to_string(),
            kind: FieldKind::Text,
            value: String::new(),
            choice: 0,
            values: Vec::new(),
            matching: None,
            required,
        }
    }

    /// A text field checked as `kind` (a KvK number, e-mail, phone or
    /// products), never required.
    pub fn detail(id: FieldId, label: &str, kind: FieldKind) -> Field {
        Field {
            kind,
            ..Field::text(id, label, false)
        }
    }

    /// Make a choice searchable: typing filters its options (the flow says
    /// which match, [`Form::show_matching`]); ↑/↓ and ←/→ go through the
    /// matches.
    pub fn searchable(mut self) -> Field {
        if let FieldKind::Choice(options) = &self.kind {
            self.matching = Some((0..options.len()).collect());
        }
        self
    }

    /// Whether the field's chosen option is one that matches.
    fn choice_matches(&self) -> bool {
        self.matching
            .as_ref()
            .is_none_or(|m| m.contains(&self.choice))
    }

    pub fn date(id: FieldId, label: &str, value: &str) -> Field {
        Field {
            kind: FieldKind::Date,
            value: value.to_string(),
            ..Field::text(id, label, true)
        }
    }

    pub fn money(id: FieldId, label: &str) -> Field {
        Field {
            kind: FieldKind::Money,
            ..Field::text(id, label, true)
        }
    }

    /// A choice of `options`, each shown as its text and read as its value;
    /// the first is chosen (see [`Field::selecting`]).
    pub fn choice<V: Into<Value>>(
        id: FieldId,
        label: &str,
        options: impl IntoIterator<Item = (String, V)>,
    ) -> Field {
        let (shown, values): (Vec<String>, Vec<Value>) =
            options.into_iter().map(|(s, v)| (s, v.into())).unzip();
        Field {
            kind: FieldKind::Choice(shown),
            values,
            ..Field::text(id, label, true)
        }
    }

    /// Choose the option that stands for `value` (the first if none does).
    pub fn selecting(mut self, value: impl Into<Value>) -> Field {
        let value = value.into();
        self.choice = self.values.iter().position(|v| *v == value).unwrap_or(0);
        self
    }

    pub fn with_value(mut self, value: &str) -> Field {
        self.value = value.to_string();
        self
    }

    /// The most chars the field takes: what the record's field may hold
    /// (`domain::plain`'s size rule).
    pub fn max_chars(&self) -> usize {
        use FieldId::*;
        match self.id {
            Note | Description | Question | Quote | Reason | Why | Outcome | Products => {
                plain::MAX_MANY
            }
            Keyword => plain::MAX_KEYWORD,
            _ => plain::MAX_ONE,
        }
    }

    /// What is wrong with the value as typed so far, if anything.
    pub fn error(&self, lang: Lang, today: NaiveDate) -> Option<String> {
        // Every typed field is one line: no control chars, no line breaks
        // (a searchable choice's search too).
        if (!matches!(self.kind, FieldKind::Choice(_)) || self.matching.is_some())
            && let Some(c) = plain::forbidden_char(&self.value, Lines::One)
        {
            return Some(crate::i18n::domain::forbidden_char(lang, c));
        }
        if let Some(chars) = plain::too_long(&self.value, self.max_chars()) {
            return Some(crate::i18n::domain::too_long(lang, chars, self.max_chars()));
        }
        let v = self.value.trim();
        match &self.kind {
            FieldKind::Choice(options) if options.is_empty() => {
                Some(text::nothing_to_choose(lang).into())
            }
            FieldKind::Choice(_) if !self.choice_matches() => Some(text::nothing_matches(lang, v)),
            FieldKind::Choice(_) => None,
            _ if v.is_empty() && self.required => Some(text::required(lang).into()),
            _ if v.is_empty() => None,
            FieldKind::Text => None,
            FieldKind::Kvk => intake::kvk(v)
                .err()
                .map(|e| crate::i18n::domain::detail_error(lang, &e)),
            FieldKind::Email => intake::email(v)
                .err()
                .map(|e| crate::i18n::domain::detail_error(lang, &e)),
            FieldKind::Phone => intake::phone(v)
                .err()
                .map(|e| crate::i18n::domain::detail_error(lang, &e)),
            FieldKind::Products => intake::products(v)
                .err()
                .map(|e| crate::i18n::domain::detail_error(lang, &e)),
            FieldKind::Date => parse_date(v, today)
                .is_none()
                .then(|| text::date_expected(lang).into()),
            FieldKind::Money => match parse_cents(v) {
                None => Some(text::amount_expected(lang).into()),
                Some(c) if c <= 0 => Some(text::more_than_zero(lang).into()),
                Some(_) => None,
            },
        }
    }
}

/// The view a form goes back to when it is done or cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Return {
    Overview,
    Detail(RecordRef),
    /// The end-of-day review, at this item.
    Review(usize),
    /// The certification tracks, at this row.
    Tracks(usize),
    /// The morning view, at this row.
    Morning(usize),
}

/// What a form is for, with the records it is about; the feature's flow
/// turns the filled form into a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    Note { target: RecordRef },
    Snooze { exception: Id },
    StageBack { exception: Id },
    StageClose { exception: Id },
    FollowUp { about: RecordRef },
    RepeatFollowUp,
    CompleteFollowUp,
    Blocker { case: Id },
    ResolveBlocker { case: Id },
    LinkHook { case: Id },
    Escalate { exception: Id },
    Milestone { track: Id },
    CloseTrack { track: Id },
    NewTrack,
    EditTrack { track: Id },
    NewCase,
    EditCase { case: Id },
    NewException { case: Id },
    AddKeyword { department: Id },
    RemoveKeyword { department: Id },
    MoveKeyword { department: Id },
    Liaison { department: Id },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    fields: Vec<Field>,
    focus: usize,
    /// A refusal of the whole form (a rule), shown under the fields.
    pub error: Option<String>,
    /// A warning that does not block (e.g. the EU threshold).
    pub warning: Option<String>,
    /// The view the form was opened from, to return to.
    pub back: Return,
    /// The record it changes, as it was when the form opened (see
    /// [`crate::tui::action::Change::based_on`]).
    pub base: Vec<(RecordRef, chrono::NaiveDateTime)>,
}

impl Form {
    pub fn new(title: String, purpose: Purpose, fields: Vec<Field>) -> Form {
        debug_assert!(
            fields
                .iter()
                .enumerate()
                .all(|(i, f)| fields[..i].iter().all(|g| g.id != f.id)),
            "a form names each field once"
        );
        Form {
            title,
            purpose,
            fields,
            focus: 0,
            error: None,
            warning: None,
            back: Return::Overview,
            base: Vec::new(),
        }
    }

    /// The fields in the order they show.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The field that has the cursor.
    pub fn focus(&self) -> usize {
        self.focus
    }

    pub fn focused_id(&self) -> Option<FieldId> {
        self.fields.get(self.focus).map(|f| f.id)
    }

    fn get(&self, id: FieldId) -> Option<&Field> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The text typed in field `id`, trimmed; empty if the form has none.
    pub fn text(&self, id: FieldId) -> String {
        self.get(id)
            .map(|f| f.value.trim().to_string())
            .unwrap_or_default()
    }

    /// The text typed in field `id` as it is, untrimmed.
    pub fn typed(&self, id: FieldId) -> &str {
        self.get(id).map_or("", |f| f.value.as_str())
    }

    pub fn date(&self, id: FieldId, today: NaiveDate) -> Option<NaiveDate> {
        parse_date(self.get(id)?.value.trim(), today)
    }

    pub fn cents(&self, id: FieldId) -> Option<i64> {
        parse_cents(self.get(id)?.value.trim())
    }

    /// The value of the option chosen in field `id`, if it is a `T`.
    pub fn chosen<T: Chosen>(&self, id: FieldId) -> Option<T> {
        let f = self.get(id).filter(|f| f.choice_matches())?;
        T::from_value(f.values.get(f.choice)?)
    }

    /// A searchable choice's options that match now are those standing for
    /// `values` (in the options' order); the chosen one stays if it still
    /// matches, else the first match is chosen.
    pub fn show_matching(&mut self, id: FieldId, values: &[Value]) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id)
            && f.matching.is_some()
        {
            let matching: Vec<usize> = (0..f.values.len())
                .filter(|&i| values.contains(&f.values[i]))
                .collect();
            if !matching.contains(&f.choice)
                && let Some(&first) = matching.first()
            {
                f.choice = first;
            }
            f.matching = Some(matching);
        }
    }

    /// Make field `id` required or not (a rule that depends on another
    /// field, e.g. a new entrepreneur's name).
    pub fn set_required(&mut self, id: FieldId, required: bool) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
            f.required = required;
        }
    }

    /// Put `value` in field `id` (e.g. a chosen entrepreneur's details).
    pub fn set_value(&mut self, id: FieldId, value: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id) {
            f.value = value.to_string();
        }
    }

    /// Choose the option of field `id` that stands for `value`, if any does.
    pub fn select(&mut self, id: FieldId, value: impl Into<Value>) {
        let value = value.into();
        if let Some(f) = self.fields.iter_mut().find(|f| f.id == id)
            && let Some(i) = f.values.iter().position(|v| *v == value)
        {
            f.choice = i;
        }
    }

    fn focused_mut(&mut self) -> &mut Field {
        &mut self.fields[self.focus]
    }

    pub fn next_field(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev_field(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    pub fn input(&mut self, c: char) {
        self.error = None;
        let f = self.focused_mut();
        if !matches!(f.kind, FieldKind::Choice(_)) || f.matching.is_some() {
            f.value.push(c);
        }
    }

    /// ↓/↑: through a search field's matches, else to the next or previous
    /// field.
    pub fn step(&mut self, forward: bool) {
        if self.fields[self.focus].matching.is_some() {
            self.cycle(forward);
        } else if forward {
            self.next_field();
        } else {
            self.prev_field();
        }
    }

    pub fn backspace(&mut self) {
        self.error = None;
        self.focused_mut().value.pop();
    }

    /// ←/→ on a choice field.
    pub fn cycle(&mut self, forward: bool) {
        self.error = None;
        let f = self.focused_mut();
        if let Some(matching) = &f.matching {
            let n = matching.len();
            if n > 0 {
                let at = matching.iter().position(|&i| i == f.choice).unwrap_or(0);
                let to = if forward {
                    (at + 1) % n
                } else {
                    (at + n - 1) % n
                };
                f.choice = matching[to];
            }
            return;
        }
        if let FieldKind::Choice(options) = &f.kind {
            let n = options.len().max(1);
            f.choice = if forward {
                (f.choice + 1) % n
            } else {
                (f.choice + n - 1) % n
            };
        }
    }

    /// Put the cursor on the first field with an error and show the error
    /// there; `false` when every field is valid.
    pub fn show_first_error(&mut self, lang: Lang, today: NaiveDate) -> bool {
        let first = self
            .fields
            .iter()
            .enumerate()
            .find_map(|(i, f)| f.error(lang, today).map(|e| (i, e)));
        match first {
            Some((i, e)) => {
                self.focus = i;
                self.error = Some(format!("{}: {e}", self.fields[i].label));
                true
            }
            None => false,
        }
    }
}

pub fn parse_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Some(days) = s.strip_prefix('+') {
        return today.checked_add_days(Days::new(days.trim().parse().ok()?));
    }
    NaiveDate::parse_from_str(s, "%d-%m-%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// Euro text to cents: `42000`, `42.000`, `42.000,50`, `€ 42000`.
pub fn parse_cents(s: &str) -> Option<i64> {
    let s = s
        .trim()
        .trim_start_matches('€')
        .trim()
        .replace(['.', ' '], "");
    let (whole, frac) = match s.split_once(',') {
        Some((w, f)) => (w.to_string(), f.to_string()),
        None => (s, String::new()),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 2 || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let cents: i64 = format!("{frac:0<2}").parse().ok()?;
    whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)
}

#[cfg(test)]
mod tests;
