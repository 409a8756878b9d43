//! Names of domain values (stages, statuses, health, action lines, kinds, …) and
//! the rendering of the domain's typed results (rule errors, integrity problems,
//! certification states) in words.

use super::Lang;
use crate::domain::{ActionLine, CaseStatus, ContractType, ExceptionKind, Stage};

pub fn action_line(lang: Lang, a: ActionLine) -> &'static str {
    match a {
        ActionLine::Services => lang.pick("Dienstverlening", "Services to entrepreneurs"),
        ActionLine::CooperationAndTrade => {
            lang.pick("Samenwerking en handel", "Cooperation and trade")
        }
        ActionLine::ImpactProcurement => lang.pick("Impactvol inkopen", "Impact procurement"),
        ActionLine::Financing => lang.pick("Financiering", "Financing"),
        ActionLine::Visibility => lang.pick("Zichtbaarheid", "Visibility"),
    }
}

pub fn case_status(lang: Lang, s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::New => lang.pick("Nieuw", "New"),
        CaseStatus::InProgress => lang.pick("In behandeling", "In progress"),
        CaseStatus::WaitingOnMunicipality => {
            lang.pick("Wacht op gemeente", "Waiting on municipality")
        }
        CaseStatus::WaitingOnEntrepreneur => {
            lang.pick("Wacht op ondernemer", "Waiting on entrepreneur")
        }
        CaseStatus::Blocked => lang.pick("Geblokkeerd", "Blocked"),
        CaseStatus::Done => lang.pick("Afgerond", "Done"),
        CaseStatus::Stopped => lang.pick("Gestopt", "Stopped"),
    }
}

pub fn stage(lang: Lang, s: Stage) -> &'static str {
    match s {
        Stage::Request => lang.pick("Aanvraag", "Request"),
        Stage::BudgetApproval => lang.pick("Budgethouder akkoord", "Budget holder approval"),
        Stage::MarketScan => lang.pick("Marktverkenning", "Market scan"),
        Stage::ProcurementAdvice => lang.pick("Inkoopadvies", "Procurement advice"),
        Stage::LegalReview => lang.pick("Juridische toets", "Legal review"),
        Stage::Decision => lang.pick("Besluit", "Decision"),
        Stage::AwardAndContract => lang.pick("Gunning & contract", "Award & contract"),
        Stage::Awarded => lang.pick("Gegund", "Awarded"),
        Stage::Rejected => lang.pick("Afgewezen", "Rejected"),
        Stage::Withdrawn => lang.pick("Ingetrokken", "Withdrawn"),
    }
}

/// "5 Juridische toets" for open stages, the bare name for closed ones.
pub fn stage_numbered(lang: Lang, s: Stage) -> String {
    match s.ordinal() {
        Some(n) => format!("{n} {}", stage(lang, s)),
        None => stage(lang, s).to_string(),
    }
}

pub fn exception_kind(lang: Lang, k: ExceptionKind) -> &'static str {
    match k {
        ExceptionKind::DirectAward => lang.pick("Enkelvoudig onderhands", "Direct award"),
        ExceptionKind::ReservedContract => {
            lang.pick("Voorbehouden opdracht (2.82)", "Reserved contract (2.82)")
        }
        ExceptionKind::Lots => lang.pick("Percelen", "Lots"),
        ExceptionKind::SroiDeviation => lang.pick("Afwijking SROI", "SROI deviation"),
        ExceptionKind::FrameworkDeviation => {
            lang.pick("Afwijking raamovereenkomst", "Framework deviation")
        }
    }
}

pub fn contract_type(lang: Lang, c: ContractType) -> &'static str {
    match c {
        ContractType::Supplies => lang.pick("Leveringen", "Supplies"),
        ContractType::Services => lang.pick("Diensten", "Services"),
        ContractType::Works => lang.pick("Werken", "Works"),
        ContractType::SocialServices => lang.pick("Sociale diensten", "Social services"),
    }
}

use crate::domain::ageing::{Health, Label};

pub fn health(lang: Lang, h: Health) -> &'static str {
    match h {
        Health::Critical => lang.pick("Kritiek", "Critical"),
        Health::Stalled => lang.pick("Vastgelopen", "Stalled"),
        Health::Attention => lang.pick("Aandacht", "Attention"),
        Health::Ok => "Ok",
        Health::Snoozed => lang.pick("Gesnoozed", "Snoozed"),
    }
}

pub fn label(lang: Lang, l: Label) -> &'static str {
    match l {
        Label::LongRunning => lang.pick("Langlopend", "Long-running"),
        Label::YearMark => lang.pick("Jaargrens", "Year mark"),
    }
}

pub fn labels(lang: Lang, ls: &[Label]) -> String {
    ls.iter()
        .map(|l| label(lang, *l))
        .collect::<Vec<_>>()
        .join(", ")
}

// ------------------------------------------------- Kennemer Inkoop Platform

use crate::domain::certification::{CertWarning, TrackFlag};
use crate::domain::{CertificationAim, MilestoneKind, TrackOutcome};

/// The names of the certifications are the same in both languages.
pub fn aim(a: CertificationAim) -> &'static str {
    match a {
        CertificationAim::Pso => "PSO",
        CertificationAim::Pso30Plus => "PSO 30+",
        CertificationAim::BCorp => "B Corp",
    }
}

pub fn milestone(lang: Lang, k: MilestoneKind) -> &'static str {
    match k {
        MilestoneKind::Intake => lang.pick("Intake", "Intake"),
        MilestoneKind::SelfAssessment => lang.pick("Zelfevaluatie", "Self-assessment"),
        MilestoneKind::AuditPlanned => lang.pick("Audit gepland", "Audit planned"),
        MilestoneKind::AuditDone => lang.pick("Audit gedaan", "Audit done"),
        MilestoneKind::CertificateReceived => {
            lang.pick("Certificaat ontvangen", "Certificate received")
        }
        MilestoneKind::BCorpAssessment => lang.pick("B Corp-assessment", "B Corp assessment"),
    }
}

pub fn track_outcome(lang: Lang, o: TrackOutcome) -> &'static str {
    match o {
        TrackOutcome::Achieved => lang.pick("Behaald", "Achieved"),
        TrackOutcome::Expired => lang.pick("Verlopen", "Expired"),
        TrackOutcome::Withdrawn => lang.pick("Ingetrokken", "Withdrawn"),
    }
}

/// The warning in words, readable without colour.
pub fn cert_warning(lang: Lang, w: CertWarning) -> &'static str {
    match w {
        CertWarning::Overdue => lang.pick("Verlopen", "Overdue"),
        CertWarning::Within30 => lang.pick("≤ 30 dagen", "≤ 30 days"),
        CertWarning::Within60 => lang.pick("≤ 60 dagen", "≤ 60 days"),
        CertWarning::Within90 => lang.pick("≤ 90 dagen", "≤ 90 days"),
        CertWarning::None => lang.pick("Op schema", "On track"),
    }
}

pub fn track_flag(lang: Lang, f: &TrackFlag) -> String {
    match f {
        TrackFlag::CertificateLate {
            days_since_audit, ..
        } => lang.pick(
            format!("Certificaat te laat: audit {days_since_audit} d geleden"),
            format!("Certificate late: audit {days_since_audit} d ago"),
        ),
        TrackFlag::BCorpScoreRisk { score, .. } => lang.pick(
            format!("B Corp-score {score} < 80"),
            format!("B Corp score {score} < 80"),
        ),
    }
}
