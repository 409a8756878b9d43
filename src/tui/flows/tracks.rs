//! The certification tracks of the Kennemer Inkoop Platform: moving through
//! the list, milestones, editing, closing, new tracks and accepting an
//! expiry (after a question).

use super::common::{OrGone, ask, change, open_form};
use crate::domain::tracks;
use crate::domain::*;
use crate::i18n;
use crate::i18n::dashboard as text;
use crate::tui::action::{Action, Change};
use crate::tui::form::{Field, FieldId, Form, Purpose, Return};
use crate::tui::state::{Mode, Model, Tone};

const MILESTONES: [MilestoneKind; 6] = [
    MilestoneKind::Intake,
    MilestoneKind::SelfAssessment,
    MilestoneKind::AuditPlanned,
    MilestoneKind::AuditDone,
    MilestoneKind::CertificateReceived,
    MilestoneKind::BCorpAssessment,
];
const AIMS: [CertificationAim; 3] = [
    CertificationAim::Pso,
    CertificationAim::Pso30Plus,
    CertificationAim::BCorp,
];
const OUTCOMES: [TrackOutcome; 3] = [
    TrackOutcome::Achieved,
    TrackOutcome::Expired,
    TrackOutcome::Withdrawn,
];

fn aims() -> Vec<(String, CertificationAim)> {
    AIMS.iter()
        .map(|a| (i18n::aim(*a).to_string(), *a))
        .collect()
}

/// `k`: the tracks view, at its first row.
pub fn open(m: &mut Model) {
    m.mode = Mode::Tracks(0);
}

/// Keys in the tracks view, at row `i`.
pub fn key(m: &mut Model, i: usize, action: Action) {
    let lang = m.lang;
    let today = m.ctx.today;
    let len = m.views.tracks.len();
    match action {
        Action::Back => m.mode = Mode::Normal,
        Action::Open => match m.open_track(i) {
            Some(t) => {
                let r = t.record_ref();
                m.detail_scroll = 0;
                m.detail_return = Some(Mode::Tracks(i));
                m.mode = Mode::Detail(r);
            }
            None => m.say(Tone::Info, text::nothing_selected(lang)),
        },
        Action::Down => m.mode = Mode::Tracks((i + 1).min(len.saturating_sub(1))),
        Action::Up => m.mode = Mode::Tracks(i.saturating_sub(1)),
        Action::NewTrack => {
            let taken: Vec<usize> = m.views.tracks.iter().map(|r| r.organisation).collect();
            let orgs: Vec<(String, Id)> = m
                .data
                .organisations
                .iter()
                .enumerate()
                .filter(|(i, o)| o.kind == OrgKind::Entrepreneur && !taken.contains(i))
                .map(|(_, o)| (o.name.clone(), o.id))
                .collect();
            open_form(
                m,
                text::new_track_title(lang).to_string(),
                Purpose::NewTrack,
                vec![
                    Field::choice(FieldId::Organisation, text::f_organisation(lang), orgs),
                    Field::choice(FieldId::Aim, text::f_aim(lang), aims()),
                    Field::text(FieldId::Level, text::f_level(lang), false),
                    Field::date(
                        FieldId::Admitted,
                        text::f_admitted(lang),
                        &i18n::date(today),
                    ),
                ],
            );
        }
        Action::AddMilestone | Action::CloseTrack | Action::AcceptExpiry | Action::EditTrack => {
            let Some(t) = m.open_track(i).cloned() else {
                m.say(Tone::Info, text::nothing_selected(lang));
                return;
            };
            match action {
                Action::AddMilestone => start_milestone(m, &t),
                Action::EditTrack => start_edit(m, &t),
                Action::CloseTrack => start_close(m, &t),
                _ => accept_expiry(m, &t, Return::Tracks(i)),
            }
        }
        _ => {}
    }
}

/// A track's key in its detail view: the same forms, which come back there.
pub fn detail_key(m: &mut Model, track: Id, action: Action) {
    let Ok(t) = find(m, track) else {
        m.say(Tone::Info, text::nothing_selected(m.lang));
        return;
    };
    match action {
        Action::AddMilestone => start_milestone(m, &t),
        Action::EditTrack => start_edit(m, &t),
        Action::CloseTrack => start_close(m, &t),
        Action::AcceptExpiry => accept_expiry(m, &t, Return::Detail(t.record_ref())),
        _ => {}
    }
}

fn start_milestone(m: &mut Model, t: &CertificationTrack) {
    let lang = m.lang;
    let kinds = MILESTONES
        .iter()
        .map(|k| (i18n::milestone(lang, *k).to_string(), *k));
    open_form(
        m,
        text::milestone_title(lang, &t.number),
        Purpose::Milestone { track: t.id },
        vec![
            Field::choice(FieldId::Milestone, text::f_milestone(lang), kinds),
            Field::date(FieldId::On, text::f_on(lang), &i18n::date(m.ctx.today)),
            Field::text(FieldId::Score, text::f_score(lang), false),
        ],
    );
}

fn start_edit(m: &mut Model, t: &CertificationTrack) {
    let lang = m.lang;
    open_form(
        m,
        text::edit_track_title(lang, &t.number),
        Purpose::EditTrack { track: t.id },
        vec![
            Field::choice(FieldId::Aim, text::f_aim(lang), aims()).selecting(t.aim),
            Field::text(FieldId::Level, text::f_level(lang), false).with_value(&t.level),
            Field::date(
                FieldId::Admitted,
                text::f_admitted(lang),
                &i18n::date(t.admitted_on),
            ),
        ],
    );
}

fn start_close(m: &mut Model, t: &CertificationTrack) {
    let lang = m.lang;
    let outcomes = OUTCOMES
        .iter()
        .map(|o| (i18n::track_outcome(lang, *o).to_string(), *o));
    open_form(
        m,
        text::close_track_title(lang, &t.number),
        Purpose::CloseTrack { track: t.id },
        vec![Field::choice(
            FieldId::Outcome,
            text::f_outcome(lang),
            outcomes,
        )],
    );
}

/// `x`: close an expired track with its follow-up, after a question.
fn accept_expiry(m: &mut Model, t: &CertificationTrack, back: Return) {
    let lang = m.lang;
    let mut closed = t.clone();
    match tracks::accept_expiry(&m.data, &mut closed, i18n::expiry_subject(lang), &m.ctx) {
        Ok(mut followup) => {
            followup.number = m.next_number(Kind::FollowUp);
            let message = text::expiry_accepted(lang, &t.number, &followup.number);
            let question = text::confirm_expiry(lang, &t.number);
            let change = change(m, vec![closed.into(), followup.into()], message);
            ask(m, question, change, back);
        }
        Err(e) => m.say(Tone::Error, e.message(lang)),
    }
}

fn find(m: &Model, id: Id) -> Result<CertificationTrack, String> {
    m.data.tracks.iter().find(|t| t.id == id).cloned().or_gone()
}

fn admitted(m: &Model, f: &Form, id: FieldId) -> Result<chrono::NaiveDate, String> {
    f.date(id, m.ctx.today)
        .ok_or_else(|| text::bad_date(m.lang).to_string())
}

pub fn submit_milestone(m: &Model, f: &Form, track: Id) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let mut t = find(m, track)?;
    let kind = f.chosen::<MilestoneKind>(FieldId::Milestone).or_gone()?;
    let on = admitted(m, f, FieldId::On)?;
    let score = match f.text(FieldId::Score).as_str() {
        "" => None,
        s => Some(
            s.parse::<u32>()
                .map_err(|_| text::bad_score(lang).to_string())?,
        ),
    };
    tracks::add_milestone(&mut t, kind, on, score, &m.ctx).map_err(|e| e.message(lang))?;
    let msg = text::milestone_saved(lang, &t.number, i18n::milestone(lang, kind));
    Ok(Some(change(m, vec![t.into()], msg)))
}

pub fn submit_edit(m: &Model, f: &Form, track: Id) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let mut t = find(m, track)?;
    let on = admitted(m, f, FieldId::Admitted)?;
    let aim = f.chosen::<CertificationAim>(FieldId::Aim).or_gone()?;
    tracks::edit_track(&mut t, aim, &f.text(FieldId::Level), on, &m.ctx)
        .map_err(|e| e.message(lang))?;
    let msg = text::track_updated(lang, &t.number);
    Ok(Some(change(m, vec![t.into()], msg)))
}

pub fn submit_close(m: &Model, f: &Form, track: Id) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let mut t = find(m, track)?;
    let outcome = f.chosen::<TrackOutcome>(FieldId::Outcome).or_gone()?;
    tracks::close_track(&mut t, outcome, &m.ctx).map_err(|e| e.message(lang))?;
    let msg = text::track_closed(lang, &t.number, i18n::track_outcome(lang, outcome));
    Ok(Some(change(m, vec![t.into()], msg)))
}

pub fn submit_new(m: &Model, f: &Form) -> Result<Option<Change>, String> {
    let lang = m.lang;
    let org = f
        .chosen::<Id>(FieldId::Organisation)
        .ok_or_else(|| text::nothing_selected(lang).to_string())?;
    let on = admitted(m, f, FieldId::Admitted)?;
    let aim = f.chosen::<CertificationAim>(FieldId::Aim).or_gone()?;
    let mut t = tracks::new_track(&m.data, org, aim, &f.text(FieldId::Level), on, &m.ctx)
        .map_err(|e| e.message(lang))?;
    // Past the store's mark too, not only past the tracks at hand.
    t.number = m.next_number(Kind::Track);
    let msg = text::track_saved(lang, &t.number);
    Ok(Some(change(m, vec![t.into()], msg)))
}
