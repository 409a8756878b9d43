//! Small forms that validate as you type. A form knows its fields and what it is
//! for; turning a filled form into a change is `update`'s job.

use crate::domain::{Id, RecordRef};
use crate::i18n::Lang;
use crate::i18n::dashboard as text;
use chrono::{Days, NaiveDate};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    /// A calendar date: `29-11-2024`, `2024-11-29` or `+14` (days from today).
    Date,
    /// Euro, whole or with cents: `42000`, `42.000`, `42000,50`.
    Money,
    /// One of a list, chosen with ←/→; values are indices into `options`.
    Choice(Vec<String>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub kind: FieldKind,
    pub value: String,
    pub choice: usize,
    pub required: bool,
}

impl Field {
    pub fn text(label: &str, required: bool) -> Field {
        Field {
            label: label.to_string(),
            kind: FieldKind::Text,
            value: String::new(),
            choice: 0,
            required,
        }
    }

    pub fn date(label: &str, value: &str) -> Field {
        Field {
            kind: FieldKind::Date,
            value: value.to_string(),
            ..Field::text(label, true)
        }
    }

    pub fn money(label: &str) -> Field {
        Field {
            kind: FieldKind::Money,
            ..Field::text(label, true)
        }
    }

    pub fn choice(label: &str, options: Vec<String>, choice: usize) -> Field {
        Field {
            choice: choice.min(options.len().saturating_sub(1)),
            kind: FieldKind::Choice(options),
            ..Field::text(label, true)
        }
    }

    pub fn with_value(mut self, value: &str) -> Field {
        self.value = value.to_string();
        self
    }

    /// What is wrong with the value as typed so far, if anything.
    pub fn error(&self, lang: Lang, today: NaiveDate) -> Option<String> {
        let v = self.value.trim();
        match &self.kind {
            FieldKind::Choice(options) if options.is_empty() => {
                Some(text::nothing_to_choose(lang).into())
            }
            FieldKind::Choice(_) => None,
            _ if v.is_empty() && self.required => Some(text::required(lang).into()),
            _ if v.is_empty() => None,
            FieldKind::Text => None,
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

    pub fn date_value(&self, today: NaiveDate) -> Option<NaiveDate> {
        parse_date(self.value.trim(), today)
    }

    pub fn cents(&self) -> Option<i64> {
        parse_cents(self.value.trim())
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
}

/// What a form is for; `update` turns the filled form into a change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    Note { target: RecordRef },
    Snooze { exception: Id },
    StageBack { exception: Id },
    StageClose { exception: Id },
    FollowUp { about: RecordRef },
    RepeatFollowUp { followups: Vec<Id> },
    CompleteFollowUp { followups: Vec<Id> },
    Blocker { case: Id },
    ResolveBlocker { case: Id, blockers: Vec<Id> },
    LinkHook { case: Id, hooks: Vec<Id> },
    Escalate { exception: Id, contacts: Vec<Id> },
    Milestone { track: Id },
    CloseTrack { track: Id },
    NewTrack { organisations: Vec<Id> },
    EditTrack { track: Id },
    NewCase { organisations: Vec<Id> },
    EditCase { case: Id },
    NewException { case: Id, contacts: Vec<Id> },
    AddKeyword { department: Id },
    RemoveKeyword { department: Id },
    MoveKeyword { department: Id, targets: Vec<Id> },
    Liaison { department: Id, contacts: Vec<Id> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A refusal of the whole form (a rule), shown under the fields.
    pub error: Option<String>,
    /// A warning that does not block (e.g. the EU threshold).
    pub warning: Option<String>,
    /// The view the form was opened from, to return to.
    pub back: Return,
}

impl Form {
    pub fn new(title: String, purpose: Purpose, fields: Vec<Field>) -> Form {
        Form {
            title,
            purpose,
            fields,
            focus: 0,
            error: None,
            warning: None,
            back: Return::Overview,
        }
    }

    pub fn field(&self, i: usize) -> &Field {
        &self.fields[i]
    }

    pub fn focused_mut(&mut self) -> &mut Field {
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
        if !matches!(f.kind, FieldKind::Choice(_)) {
            f.value.push(c);
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
        if let FieldKind::Choice(options) = &f.kind {
            let n = options.len().max(1);
            f.choice = if forward {
                (f.choice + 1) % n
            } else {
                (f.choice + n - 1) % n
            };
        }
    }

    /// The first field with an error, and the error.
    pub fn first_error(&self, lang: Lang, today: NaiveDate) -> Option<(usize, String)> {
        self.fields
            .iter()
            .enumerate()
            .find_map(|(i, f)| f.error(lang, today).map(|e| (i, e)))
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
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 11, 15).unwrap()
    }

    #[test]
    fn dates_in_dutch_iso_and_relative_form() {
        let d = |s| parse_date(s, today());
        assert_eq!(d("29-11-2024"), NaiveDate::from_ymd_opt(2024, 11, 29));
        assert_eq!(d("2024-11-29"), NaiveDate::from_ymd_opt(2024, 11, 29));
        assert_eq!(d("+14"), NaiveDate::from_ymd_opt(2024, 11, 29));
        assert_eq!(d("30-02-2024"), None);
        assert_eq!(d("morgen"), None);
    }

    #[test]
    fn money_in_euro_with_dutch_separators() {
        assert_eq!(parse_cents("42000"), Some(4_200_000));
        assert_eq!(parse_cents("42.000"), Some(4_200_000));
        assert_eq!(parse_cents("€ 42.000,50"), Some(4_200_050));
        assert_eq!(parse_cents("12,5"), Some(1250));
        assert_eq!(parse_cents("twaalf"), None);
        assert_eq!(parse_cents("1,234"), None);
    }

    #[test]
    fn fields_say_what_is_wrong_while_typing() {
        let mut f = Field::date("Tot", "");
        assert_eq!(f.error(Lang::Nl, today()).as_deref(), Some("verplicht"));
        f.value = "31-13-2024".into();
        assert!(f.error(Lang::Nl, today()).unwrap().contains("DD-MM-JJJJ"));
        f.value = "29-11-2024".into();
        assert_eq!(f.error(Lang::Nl, today()), None);
        let mut m = Field::money("Waarde");
        m.value = "0".into();
        assert!(m.error(Lang::Nl, today()).is_some());
    }
}
