//! The Kennemer Inkoop Platform in the dashboard: the certification tracks
//! (milestones, closing, new tracks, accepting an expiry) and SROI matching of
//! a buyer's obligation against entrepreneurs' products.

use super::action::Action;
use super::changes::{change, leave_form, open_form};
use super::form::{Field, Form, Purpose};
use super::model::{Change, Confirm, Mode, Model, SroiSearch, Tone, Undo};
use super::update::{Effect, undo};
use crate::domain::matching::introduction_followup;
use crate::domain::tracks::{self, accept_expiry, open_tracks};
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;

pub const MILESTONES: [MilestoneKind; 6] = [
    MilestoneKind::Intake,
    MilestoneKind::SelfAssessment,
    MilestoneKind::AuditPlanned,
    MilestoneKind::AuditDone,
    MilestoneKind::CertificateReceived,
    MilestoneKind::BCorpAssessment,
];
pub const AIMS: [CertificationAim; 3] = [
    CertificationAim::Pso,
    CertificationAim::Pso30Plus,
    CertificationAim::BCorp,
];
pub const OUTCOMES: [TrackOutcome; 3] = [
    TrackOutcome::Achieved,
    TrackOutcome::Expired,
    TrackOutcome::Withdrawn,
];

fn selected_track(m: &Model, i: usize) -> Option<CertificationTrack> {
    open_tracks(&m.data, m.ctx.today)
        .get(i)
        .map(|row| row.track.clone())
}

pub fn tracks(m: &mut Model, i: usize, action: Action) -> Option<Effect> {
    let lang = m.lang;
    let today = m.ctx.today;
    let len = open_tracks(&m.data, today).len();
    match action {
        Action::Back => m.mode = Mode::Normal,
        Action::Down => m.mode = Mode::Tracks((i + 1).min(len.saturating_sub(1))),
        Action::Up => m.mode = Mode::Tracks(i.saturating_sub(1)),
        Action::Undo => return undo(m),
        Action::OpenSroi => return open_sroi(m),
        Action::NewTrack => {
            let taken: Vec<Id> = open_tracks(&m.data, today)
                .iter()
                .map(|r| r.organisation.id)
                .collect();
            let orgs: Vec<&Organisation> = m
                .data
                .organisations
                .iter()
                .filter(|o| o.kind == OrgKind::Entrepreneur && !taken.contains(&o.id))
                .collect();
            let options = orgs.iter().map(|o| o.name.clone()).collect();
            let ids = orgs.iter().map(|o| o.id).collect();
            let aims = AIMS.iter().map(|a| i18n::aim(*a).to_string()).collect();
            open_form(
                m,
                text::new_track_title(lang).to_string(),
                Purpose::NewTrack { organisations: ids },
                vec![
                    Field::choice(text::f_organisation(lang), options, 0),
                    Field::choice(text::f_aim(lang), aims, 0),
                    Field::text(text::f_level(lang), false),
                    Field::date(text::f_admitted(lang), &i18n::date(today)),
                ],
            );
        }
        Action::AddMilestone | Action::CloseTrack | Action::AcceptExpiry | Action::EditTrack => {
            let Some(t) = selected_track(m, i) else {
                m.say(Tone::Info, text::nothing_selected(lang));
                return None;
            };
            match action {
                Action::AddMilestone => {
                    let kinds = MILESTONES
                        .iter()
                        .map(|k| i18n::milestone(lang, *k).to_string())
                        .collect();
                    open_form(
                        m,
                        text::milestone_title(lang, &t.number),
                        Purpose::Milestone { track: t.id },
                        vec![
                            Field::choice(text::f_milestone(lang), kinds, 0),
                            Field::date(text::f_on(lang), &i18n::date(today)),
                            Field::text(text::f_score(lang), false),
                        ],
                    );
                }
                Action::EditTrack => {
                    let aims = AIMS.iter().map(|a| i18n::aim(*a).to_string()).collect();
                    let aim = AIMS.iter().position(|a| *a == t.aim).unwrap_or(0);
                    open_form(
                        m,
                        text::edit_track_title(lang, &t.number),
                        Purpose::EditTrack { track: t.id },
                        vec![
                            Field::choice(text::f_aim(lang), aims, aim),
                            Field::text(text::f_level(lang), false).with_value(&t.level),
                            Field::date(text::f_admitted(lang), &i18n::date(t.admitted_on)),
                        ],
                    );
                }
                Action::CloseTrack => {
                    let outcomes = OUTCOMES
                        .iter()
                        .map(|o| i18n::track_outcome(lang, *o).to_string())
                        .collect();
                    open_form(
                        m,
                        text::close_track_title(lang, &t.number),
                        Purpose::CloseTrack { track: t.id },
                        vec![Field::choice(text::f_outcome(lang), outcomes, 0)],
                    );
                }
                _ => {
                    let mut closed = t.clone();
                    match accept_expiry(&m.data, &mut closed, i18n::expiry_subject(lang), &m.ctx) {
                        Ok(followup) => {
                            let message = text::expiry_accepted(lang, &t.number, &followup.number);
                            let save: Vec<AnyRecord> = vec![closed.into(), followup.into()];
                            let undo = Undo::of(message.clone(), &m.data, &save);
                            m.mode = Mode::Confirm(Box::new(Confirm {
                                back: super::form::Return::Tracks(i),
                                question: text::confirm_expiry(lang, &t.number),
                                change: Change {
                                    save,
                                    delete: Vec::new(),
                                    message,
                                    undo: Some(undo),
                                },
                            }));
                        }
                        Err(e) => m.say(Tone::Error, e.message(lang)),
                    }
                }
            }
        }
        _ => {}
    }
    None
}

/// The track forms, filled in.
pub fn submit(m: &mut Model, f: &Form) -> Result<Option<Effect>, String> {
    let lang = m.lang;
    let ctx = m.ctx.clone();
    let find = |id: Id| {
        m.data
            .tracks
            .iter()
            .find(|t| t.id == id)
            .cloned()
            .ok_or_else(|| text::gone().to_string())
    };
    let (record, msg) = match &f.purpose {
        Purpose::Milestone { track } => {
            let mut t = find(*track)?;
            let kind = MILESTONES[f.fields[0].choice];
            let on = f.fields[1]
                .date_value(ctx.today)
                .ok_or_else(|| text::bad_date(lang).to_string())?;
            let score = match f.fields[2].value.trim() {
                "" => None,
                s => Some(
                    s.parse::<u32>()
                        .map_err(|_| text::bad_score(lang).to_string())?,
                ),
            };
            tracks::add_milestone(&mut t, kind, on, score, &ctx).map_err(|e| e.message(lang))?;
            let msg = text::milestone_saved(lang, &t.number, i18n::milestone(lang, kind));
            (t, msg)
        }
        Purpose::EditTrack { track } => {
            let mut t = find(*track)?;
            let admitted = f.fields[2]
                .date_value(ctx.today)
                .ok_or_else(|| text::bad_date(lang).to_string())?;
            tracks::edit_track(
                &mut t,
                AIMS[f.fields[0].choice],
                f.fields[1].value.trim(),
                admitted,
                &ctx,
            )
            .map_err(|e| e.message(lang))?;
            let msg = text::track_updated(lang, &t.number);
            (t, msg)
        }
        Purpose::CloseTrack { track } => {
            let mut t = find(*track)?;
            let outcome = OUTCOMES[f.fields[0].choice];
            tracks::close_track(&mut t, outcome, &ctx).map_err(|e| e.message(lang))?;
            let msg = text::track_closed(lang, &t.number, i18n::track_outcome(lang, outcome));
            (t, msg)
        }
        Purpose::NewTrack { organisations } => {
            let org = *organisations
                .get(f.fields[0].choice)
                .ok_or_else(|| text::nothing_selected(lang).to_string())?;
            let admitted = f.fields[3]
                .date_value(ctx.today)
                .ok_or_else(|| text::bad_date(lang).to_string())?;
            let t = tracks::new_track(
                &m.data,
                org,
                AIMS[f.fields[1].choice],
                f.fields[2].value.trim(),
                admitted,
                &ctx,
            )
            .map_err(|e| e.message(lang))?;
            let msg = text::track_saved(lang, &t.number);
            (t, msg)
        }
        _ => return Ok(None),
    };
    leave_form(m, f.back);
    Ok(change(m, vec![record.into()], msg))
}

pub fn open_sroi(m: &mut Model) -> Option<Effect> {
    if m.buyers().is_empty() {
        m.say(Tone::Info, text::no_buyers(m.lang));
        return None;
    }
    m.mode = Mode::Sroi(Box::new(SroiSearch {
        buyer: 0,
        query: String::new(),
        selected: 0,
    }));
    None
}

/// Keys in SROI matching: type a product, ←/→ choose the buyer, Enter files
/// the introduction follow-up.
pub fn sroi(m: &mut Model, action: Action) -> Option<Effect> {
    let Mode::Sroi(mut s) = m.mode.clone() else {
        return None;
    };
    let buyers = m.buyers().len();
    let found = m.views.sroi.matches(&m.data, &s.query, m.ctx.today).len();
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
        Action::Submit => return introduce(m, &s),
        _ => {}
    }
    m.mode = Mode::Sroi(s);
    None
}

fn introduce(m: &mut Model, s: &SroiSearch) -> Option<Effect> {
    let lang = m.lang;
    let buyer = m.buyers().get(s.buyer).map(|b| b.id)?;
    let matches = m.views.sroi.matches(&m.data, &s.query, m.ctx.today);
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
        Ok(f) => {
            let msg = text::followup_saved(lang, &f.number, f.due);
            m.mode = Mode::Normal;
            change(m, vec![f.into()], msg)
        }
        Err(e) => {
            m.say(Tone::Error, e.message(lang));
            None
        }
    }
}
