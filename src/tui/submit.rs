//! Filled forms become changes: each checked by the domain rules, each with
//! its undo taken from the data as it was.

use super::changes::{
    CONTRACT_TYPES, EXCEPTION_KINDS, OrGone, change, counterparts, find_case, find_exception,
    followup_step, number_of,
};
use super::form::{Form, Purpose};
use super::model::Model;
use super::update::Effect;
use crate::domain::ops::{self, RuleError};
use crate::domain::*;
use crate::i18n::dashboard as text;
use uuid::Uuid;

/// Turn a valid form into an effect, or say why the rules refuse it.
pub fn submit(m: &mut Model, f: &Form) -> Result<Option<Effect>, String> {
    let lang = m.lang;
    let ctx = m.ctx.clone();
    let today = ctx.today;
    let value = |i: usize| f.fields[i].value.trim().to_string();
    let rule = |e: RuleError| e.message(lang);
    match &f.purpose {
        Purpose::Note { target } => {
            let note = Note {
                id: Uuid::new_v4(),
                number: NoteHead::next_number(&m.note_heads),
                target: Some(*target),
                kind: NoteKind::Plain,
                date: today,
                author: ctx.user.clone(),
                text: value(0),
                stamp: Stamp::new(ctx.now, &ctx.user),
            };
            let msg = text::note_saved(lang, &note.number, &number_of(m, *target));
            Ok(change(m, vec![note.into()], msg))
        }
        Purpose::FollowUp { about } => {
            let with = counterparts(m, *about)
                .get(f.fields[0].choice)
                .cloned()
                .unwrap_or(Counterpart::Other(String::new()));
            let due = f.fields[2]
                .date_value(today)
                .ok_or_else(|| text::bad_date(lang).to_string())?;
            if due < today {
                return Err(text::due_in_past(lang).to_string());
            }
            let fu = FollowUp {
                id: Uuid::new_v4(),
                number: Kind::FollowUp.number(m.data.next_seq(Kind::FollowUp)),
                about: *about,
                with,
                subject: value(1),
                created_on: today,
                due,
                repeated_on: Vec::new(),
                done_on: None,
                stamp: Stamp::new(ctx.now, &ctx.user),
            };
            let msg = text::followup_saved(lang, &fu.number, due);
            Ok(change(m, vec![fu.into()], msg))
        }
        Purpose::RepeatFollowUp { followups } | Purpose::CompleteFollowUp { followups } => {
            let repeat = matches!(f.purpose, Purpose::RepeatFollowUp { .. });
            let id = followups[f.fields[0].choice];
            let fu = m
                .data
                .followups
                .iter()
                .find(|x| x.id == id)
                .cloned()
                .ok_or_default()?;
            Ok(followup_step(m, fu, repeat))
        }
        Purpose::StageBack { exception } | Purpose::StageClose { exception } => {
            let x = find_exception(m, *exception)?;
            let to = match f.purpose {
                Purpose::StageBack { .. } => Stage::OPEN[f.fields[0].choice],
                _ => Stage::CLOSED[f.fields[0].choice],
            };
            let mut moved = x.clone();
            let note = value(1);
            ops::move_stage(
                &mut moved,
                to,
                Some(&note).filter(|n| !n.is_empty()).map(|n| n.as_str()),
                &ctx,
            )
            .map_err(rule)?;
            let msg = text::moved(lang, &x.number, to);
            Ok(change(m, vec![moved.into()], msg))
        }
        Purpose::Snooze { exception } => {
            let x = find_exception(m, *exception)?;
            let until = f.fields[0]
                .date_value(today)
                .ok_or_else(|| text::bad_date(lang).to_string())?;
            let mut snoozed = x.clone();
            ops::snooze(&mut snoozed, until, &value(1), &m.settings, &ctx).map_err(rule)?;
            let msg = text::snoozed(lang, &x.number, until);
            Ok(change(m, vec![snoozed.into()], msg))
        }
        Purpose::Blocker { case } => {
            let mut c = find_case(m, *case)?;
            let dept = m.data.departments.get(f.fields[1].choice).ok_or_default()?;
            c.blockers.push(Blocker {
                id: Uuid::new_v4(),
                keyword: value(0),
                description: value(2),
                department: dept.id,
                raised_on: today,
                resolved_on: None,
            });
            c.stamp.touch(ctx.now, &ctx.user);
            let msg = text::blocker_saved(lang, &value(0), &dept.number, &c.number);
            Ok(change(m, vec![c.into()], msg))
        }
        Purpose::ResolveBlocker { case, blockers } => {
            let mut c = find_case(m, *case)?;
            let id = blockers[f.fields[0].choice];
            let b = c.blockers.iter_mut().find(|b| b.id == id).ok_or_default()?;
            b.resolved_on = Some(today);
            let keyword = b.keyword.clone();
            c.stamp.touch(ctx.now, &ctx.user);
            let msg = text::blocker_resolved(lang, &keyword, &c.number);
            Ok(change(m, vec![c.into()], msg))
        }
        Purpose::LinkHook { case, hooks } => {
            let mut c = find_case(m, *case)?;
            let hook = hooks[f.fields[0].choice];
            c.hooks.push(HookLink {
                hook,
                locator_kind: text::LOCATOR_KINDS[f.fields[1].choice],
                locator: value(2),
                quote: value(3),
                verified: f.fields[4].choice == 0,
            });
            c.stamp.touch(ctx.now, &ctx.user);
            let number = m
                .data
                .hooks
                .iter()
                .find(|h| h.id == hook)
                .map_or("?", |h| h.number.as_str());
            let msg = text::linked(lang, number, &c.number);
            Ok(change(m, vec![c.into()], msg))
        }
        Purpose::NewCase { organisations } => {
            let mut save: Vec<AnyRecord> = Vec::new();
            let org = match f.fields[0].choice {
                0 => {
                    let name = value(1);
                    if name.is_empty() {
                        return Err(text::name_new_org(lang).to_string());
                    }
                    let o = Organisation {
                        id: Uuid::new_v4(),
                        number: Kind::Organisation.number(m.data.next_seq(Kind::Organisation)),
                        name,
                        kind: OrgKind::Entrepreneur,
                        description: String::new(),
                        products: Vec::new(),
                        sroi_obligation: None,
                        target_group_percent: None,
                        contact_person: String::new(),
                        email: String::new(),
                        phone: String::new(),
                        stamp: Stamp::new(ctx.now, &ctx.user),
                    };
                    let id = o.id;
                    save.push(o.into());
                    id
                }
                n => organisations[n - 1],
            };
            let c = Case {
                id: Uuid::new_v4(),
                number: Kind::Case.number(m.data.next_seq(Kind::Case)),
                organisation: org,
                title: value(2),
                question: value(3),
                action_line: ActionLine::ALL[f.fields[4].choice],
                status: CaseStatus::New,
                owner: ctx.user.clone(),
                opened_on: today,
                closed_on: None,
                blockers: Vec::new(),
                hooks: Vec::new(),
                stamp: Stamp::new(ctx.now, &ctx.user),
            };
            let msg = text::case_saved(lang, &c.number);
            save.push(c.into());
            Ok(change(m, save, msg))
        }
        Purpose::EditCase { case } => {
            let mut c = find_case(m, *case)?;
            c.title = value(0);
            c.question = value(1);
            let status = CaseStatus::ALL[f.fields[2].choice];
            if status.is_open() {
                c.closed_on = None;
            } else if c.status.is_open() {
                c.closed_on = Some(today);
            }
            c.status = status;
            c.action_line = ActionLine::ALL[f.fields[3].choice];
            c.owner = value(4);
            c.stamp.touch(ctx.now, &ctx.user);
            let msg = text::case_updated(lang, &c.number);
            Ok(change(m, vec![c.into()], msg))
        }
        Purpose::AddKeyword { .. }
        | Purpose::RemoveKeyword { .. }
        | Purpose::MoveKeyword { .. }
        | Purpose::Liaison { .. } => super::owner::submit(m, f),
        Purpose::Escalate { .. } => super::dayreview::submit(m, f),
        Purpose::Milestone { .. }
        | Purpose::CloseTrack { .. }
        | Purpose::NewTrack { .. }
        | Purpose::EditTrack { .. } => super::kip::submit(m, f),
        Purpose::NewException { case, contacts } => {
            let kind = EXCEPTION_KINDS[f.fields[0].choice];
            let contract_type = CONTRACT_TYPES[f.fields[1].choice];
            let value_cents = f.fields[2].cents().ok_or_default()?;
            let legal = match f.fields[4].choice {
                0 => None,
                n => contacts.get(n - 1).copied(),
            };
            ops::check_new_exception(kind, contract_type, value_cents, legal, &m.settings, today)
                .map_err(rule)?;
            let x = ProcurementException {
                id: Uuid::new_v4(),
                number: Kind::Exception.number(m.data.next_seq(Kind::Exception)),
                case: *case,
                kind,
                contract_type,
                value: value_cents,
                requesting_department: None,
                description: value(3),
                requested_on: today,
                stage: Stage::Request,
                history: vec![StageMove {
                    from: None,
                    to: Stage::Request,
                    on: today,
                    by: ctx.user.clone(),
                    note: None,
                }],
                snooze: None,
                waiting_on: None,
                legal_contact: legal,
                stamp: Stamp::new(ctx.now, &ctx.user),
            };
            let msg = text::exception_saved(lang, &x.number);
            Ok(change(m, vec![x.into()], msg))
        }
    }
}
