//! SROI matching: a buyer's obligation against the entrepreneurs' products;
//! Enter files the introduction as a follow-up.

use super::common::change;
use crate::domain::Kind;
use crate::domain::matching::introduction_followup;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::action::{Action, Change, Effect};
use crate::tui::state::{Mode, Model, SroiSearch, Tone};

/// `$`: the matching, at the first buyer.
pub fn open(m: &mut Model) {
    if m.views.buyers.is_empty() {
        m.say(Tone::Info, text::no_buyers(m.lang));
        return;
    }
    m.mode = Mode::Sroi(Box::new(SroiSearch {
        buyer: 0,
        query: String::new(),
        selected: 0,
    }));
}

/// Keys in SROI matching: type a product, ←/→ choose the buyer, Enter files
/// the introduction follow-up.
pub fn key(m: &mut Model, mut s: SroiSearch, action: Action) -> Option<Effect> {
    let buyers = m.views.buyers.len();
    let found = m
        .views
        .sroi(&m.data)
        .matches(&m.data, &s.query, m.ctx.today)
        .len();
    match action {
        Action::Back => {
            m.mode = Mode::Normal;
            return None;
        }
        Action::Input(c) => {
            s.query.push(c);
            s.selected = 0;
        }
        Action::Backspace => {
            s.query.pop();
            s.selected = 0;
        }
        Action::ChoiceRight => s.buyer = (s.buyer + 1) % buyers.max(1),
        Action::ChoiceLeft => s.buyer = (s.buyer + buyers.max(1) - 1) % buyers.max(1),
        Action::Down => s.selected = (s.selected + 1).min(found.saturating_sub(1)),
        Action::Up => s.selected = s.selected.saturating_sub(1),
        Action::Submit => return introduce(m, &s).map(Effect::Persist),
        _ => {}
    }
    m.mode = Mode::Sroi(Box::new(s));
    None
}

fn introduce(m: &mut Model, s: &SroiSearch) -> Option<Change> {
    let lang = m.lang;
    let buyer = m.buyers().get(s.buyer).map(|b| b.id)?;
    let matches = m
        .views
        .sroi(&m.data)
        .matches(&m.data, &s.query, m.ctx.today);
    let Some(hit) = matches.get(s.selected) else {
        m.say(Tone::Info, text::type_a_keyword(lang));
        return None;
    };
    let (entrepreneur, product) = (hit.organisation.id, hit.product.clone());
    match introduction_followup(
        &m.data,
        buyer,
        entrepreneur,
        &product,
        i18n::introduction_prefix(lang),
        &m.ctx,
    ) {
        Ok(mut f) => {
            // Past the store's mark too, not only past the follow-ups at hand.
            f.number = m.next_number(Kind::FollowUp);
            let msg = text::followup_saved(lang, &f.number, f.due);
            m.mode = Mode::Normal;
            Some(change(m, vec![f.into()], msg))
        }
        Err(e) => {
            m.say(Tone::Error, e.message(lang));
            None
        }
    }
}
