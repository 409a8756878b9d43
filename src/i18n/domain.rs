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

// ------------------------------------------------------------ rule refusals

use super::format_euros;
use crate::domain::Cents;
use crate::domain::ops::RuleError;

impl RuleError {
    /// What was refused and what to do instead, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let stage = |s: Stage| stage(lang, s);
        let date = super::date;
        let euros = |c: Cents| format_euros(c, lang);
        match *self {
            RuleError::SameStage { stage: s } => match lang {
                Lang::Nl => format!(
                    "De uitzondering staat al in de fase {}. Kies een andere fase.",
                    stage(s)
                ),
                Lang::En => format!(
                    "The exception is already in stage {}. Choose another stage.",
                    stage(s)
                ),
            },
            RuleError::StageClosed { stage: s } => match lang {
                Lang::Nl => format!(
                    "De uitzondering is afgesloten ({}) en verandert niet meer van fase. Leg een nieuwe uitzondering vast als het verzoek opnieuw speelt.",
                    stage(s)
                ),
                Lang::En => format!(
                    "The exception is closed ({}) and no longer changes stage. Record a new exception if the request comes back.",
                    stage(s)
                ),
            },
            RuleError::SkipsStages { from, to, next } => match lang {
                Lang::Nl => format!(
                    "Vooruit gaat één fase tegelijk: na {} komt {}, niet meteen {}. Afsluiten (gegund, afgewezen, ingetrokken) kan wel vanuit elke fase.",
                    stage(from),
                    stage(next),
                    stage(to)
                ),
                Lang::En => format!(
                    "Stages move forward one at a time: after {} comes {}, not {}. Closing (awarded, rejected, withdrawn) is allowed from any stage.",
                    stage(from),
                    stage(next),
                    stage(to)
                ),
            },
            RuleError::BackwardNeedsNote { from, to } => match lang {
                Lang::Nl => format!(
                    "Terugzetten naar een eerdere fase vraagt een notitie: schrijf waarom ({} → {}).",
                    stage(from),
                    stage(to)
                ),
                Lang::En => format!(
                    "Moving back to an earlier stage needs a note: write down why ({} → {}).",
                    stage(from),
                    stage(to)
                ),
            },
            RuleError::SnoozeClosed { stage: s } => match lang {
                Lang::Nl => format!(
                    "Een afgesloten uitzondering ({}) hoeft niet gesnoozed te worden.",
                    stage(s)
                ),
                Lang::En => format!("A closed exception ({}) does not need a snooze.", stage(s)),
            },
            RuleError::SnoozeNeedsReason => lang
                .pick(
                    "Snoozen vraagt een reden: schrijf waar je op wacht.",
                    "A snooze needs a reason: write down what you are waiting for.",
                )
                .to_string(),
            RuleError::SnoozeNotAfterToday { until } => match lang {
                Lang::Nl => format!(
                    "Snooze tot een datum na vandaag; {} is te vroeg.",
                    date(until)
                ),
                Lang::En => format!(
                    "Snooze until a date after today; {} is too early.",
                    date(until)
                ),
            },
            RuleError::SnoozeTooLong {
                until,
                latest,
                max_days,
            } => match lang {
                Lang::Nl => format!(
                    "Snoozen kan hooguit {max_days} dagen vooruit: kies {} of eerder in plaats van {}.",
                    date(latest),
                    date(until)
                ),
                Lang::En => format!(
                    "A snooze lasts at most {max_days} days: choose {} or earlier instead of {}.",
                    date(latest),
                    date(until)
                ),
            },
            RuleError::FollowUpDone { done_on } => match lang {
                Lang::Nl => format!(
                    "Deze follow-up is al afgerond op {}. Maak een nieuwe follow-up als je opnieuw wilt navragen.",
                    date(done_on)
                ),
                Lang::En => format!(
                    "This follow-up was already done on {}. Create a new follow-up to chase again.",
                    date(done_on)
                ),
            },
            RuleError::ValueNotPositive { value } => match lang {
                Lang::Nl => format!(
                    "Vul de geraamde opdrachtwaarde in, exclusief btw; {} is geen geldige waarde.",
                    euros(value)
                ),
                Lang::En => format!(
                    "Enter the estimated contract value, excluding VAT; {} is not a valid value.",
                    euros(value)
                ),
            },
            RuleError::LegalContactRequired { value, threshold } => match lang {
                Lang::Nl => format!(
                    "Een onderhandse gunning van {} ligt op of boven de Europese drempel van {}: dan is Europees aanbesteden de regel, geen beleidsuitzondering. Koppel een jurist als contactpersoon om het verzoek toch vast te leggen.",
                    euros(value),
                    euros(threshold)
                ),
                Lang::En => format!(
                    "A direct award of {} is at or above the EU threshold of {}: an EU tender is the rule, not a policy exception. Link a legal contact to record the request anyway.",
                    euros(value),
                    euros(threshold)
                ),
            },
        }
    }
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

// ------------------------------------------------------ integrity problems

use crate::domain::Kind;
use crate::domain::integrity::{Problem, ProblemKind, YEARS};

impl Problem {
    /// One line that names the place and says what is wrong.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind::*;
        let what = match &self.kind {
            DuplicateId(id) => lang.pick(
                format!("id {id} komt al eerder voor"),
                format!("id {id} is used earlier as well"),
            ),
            DuplicateNumber(n) => lang.pick(
                format!("nummer {n} komt al eerder voor"),
                format!("number {n} is used earlier as well"),
            ),
            BadNumber(n) => lang.pick(
                format!("nummer {n:?} is geen geldig nummer voor dit soort record"),
                format!("number {n:?} is not a valid number for this kind of record"),
            ),
            Dangling { to, id } => lang.pick(
                format!("verwijst naar {} {id}, die niet bestaat", kind_name(*to, lang)),
                format!("refers to {} {id}, which does not exist", kind_name(*to, lang)),
            ),
            EmptyHistory => lang
                .pick("de fasegeschiedenis is leeg", "the stage history is empty")
                .to_string(),
            StageMismatch => lang
                .pick(
                    "de fase komt niet overeen met de laatste stap in de geschiedenis",
                    "the stage differs from the last step in the history",
                )
                .to_string(),
            ForbiddenChar(c) => forbidden_char(lang, *c),
            BlankRequired(field) => lang.pick(
                format!("{field} is leeg maar verplicht"),
                format!("{field} is blank but required"),
            ),
            IndexMissing { number } => lang.pick(
                format!("nummer {number} ontbreekt in de nummerindex"),
                format!("number {number} is missing from the number index"),
            ),
            IndexDangling { number, id } => lang.pick(
                format!("de nummerindex wijst {number} toe aan {id}, maar dat record bestaat niet met dat nummer"),
                format!("the number index maps {number} to {id}, but no such record has that number"),
            ),
            NoteIndexMismatch => lang
                .pick(
                    "de notitie-index klopt niet met deze notitie (exporteer en importeer in een nieuwe map om hem opnieuw op te bouwen)",
                    "the note index disagrees with this note (export and import into a new folder to rebuild it)",
                )
                .to_string(),
            PlateIndexMismatch => lang
                .pick(
                    "de bordindex klopt niet met de blokkades van deze afdeling (exporteer en importeer in een nieuwe map om hem opnieuw op te bouwen)",
                    "the plate index disagrees with this department's blockers (export and import into a new folder to rebuild it)",
                )
                .to_string(),
            KeyMismatch { key } => lang.pick(
                format!("opgeslagen onder sleutel {key}, die niet gelijk is aan het id"),
                format!("kept under key {key}, which differs from its id"),
            ),
            NotPositive(value) => lang.pick(
                format!("is {value} cent; het bedrag moet groter dan 0 zijn"),
                format!("is {value} cents; the amount must be more than 0"),
            ),
            LimitTooSmall(days) => lang.pick(
                format!("is {days} dagen; een termijn is minstens 1 dag"),
                format!("is {days} days; a limit is at least 1 day"),
            ),
            NoThresholds => lang
                .pick(
                    "er is geen enkele periode met EU-drempels; er moet er minstens één zijn",
                    "there is no EU threshold period at all; at least one is needed",
                )
                .to_string(),
            PeriodReversed => lang
                .pick(
                    "de periode eindigt (to) vóór ze begint (from)",
                    "the period ends (to) before it starts (from)",
                )
                .to_string(),
            PeriodsOverlap(other) => lang.pick(
                format!("de periode overlapt met eu_thresholds[{other}]"),
                format!("the period overlaps eu_thresholds[{other}]"),
            ),
            DateOutOfRange(day) => lang.pick(
                format!(
                    "de datum {day} valt buiten de jaren {} t/m {}",
                    YEARS.start(),
                    YEARS.end()
                ),
                format!(
                    "the date {day} is outside the years {} to {}",
                    YEARS.start(),
                    YEARS.end()
                ),
            ),
            TooLong { chars, limit } => too_long(lang, *chars, *limit),
            TooMany { count, limit } => lang.pick(
                format!("heeft {count} items, hoogstens {limit}"),
                format!("holds {count} items, at most {limit}"),
            ),
        };
        format!("{}: {what}", self.place)
    }
}

/// The name of a kind of record, for messages.
pub fn kind_name(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Organisation => lang.pick("organisatie", "organisation"),
        Kind::Contact => lang.pick("contactpersoon", "contact"),
        Kind::Department => lang.pick("afdeling", "department"),
        Kind::Hook => lang.pick("haakje", "policy hook"),
        Kind::Case => lang.pick("zaak", "case"),
        Kind::Exception => lang.pick("inkoopuitzondering", "procurement exception"),
        Kind::FollowUp => lang.pick("follow-up", "follow-up"),
        Kind::Note => lang.pick("notitie", "note"),
        Kind::Track => lang.pick("certificeringstraject", "certification track"),
    }
}

// ------------------------------------------------------------- SROI matching

use crate::domain::matching::{IntroductionPrefix, MatchError};

impl MatchError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            MatchError::Unknown { .. } => lang
                .pick(
                    "Die organisatie bestaat niet (meer). Kies er een uit de lijst.",
                    "That organisation does not exist (any more). Choose one from the list.",
                )
                .to_string(),
            MatchError::NotABuyer { name } => lang.pick(
                format!("{name} is geen koper met SROI-verplichting. Kies een koper (soort: koper), bijvoorbeeld O27."),
                format!("{name} is not a buyer with an SROI obligation. Choose a buyer (kind: buyer), for example O27."),
            ),
            MatchError::NotAnEntrepreneur { name } => lang.pick(
                format!("{name} is geen ondernemer; een introductie is met een ondernemer."),
                format!("{name} is not an entrepreneur; an introduction is with an entrepreneur."),
            ),
            MatchError::AlreadyIntroduced {
                number,
                buyer,
                entrepreneur,
            } => lang.pick(
                format!("Follow-up {number} introduceert {entrepreneur} al bij {buyer}. Herhaal die in plaats van een nieuwe te maken."),
                format!("Follow-up {number} already introduces {entrepreneur} to {buyer}. Repeat that one instead of making a new one."),
            ),
        }
    }
}

impl std::fmt::Display for MatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

const INTRODUCTION_NL: &str = "Introductie koper ↔ ondernemer";
const INTRODUCTION_EN: &str = "Introduction buyer ↔ entrepreneur";

/// The start of an introduction follow-up's subject, by which an earlier one is
/// recognised in either language.
pub fn introduction_prefix(lang: Lang) -> IntroductionPrefix {
    IntroductionPrefix {
        current: lang.pick(INTRODUCTION_NL, INTRODUCTION_EN),
        known: &[INTRODUCTION_NL, INTRODUCTION_EN],
    }
}

// --------------------------------------------------------- track refusals

use crate::domain::tracks::{BCORP_MAX_SCORE, ExpirySubject, TrackError};
use chrono::NaiveDate;

impl TrackError {
    pub fn message(&self, lang: Lang) -> String {
        let date = |d: NaiveDate| super::date(d);
        let kind = |k: MilestoneKind| milestone(lang, k);
        match self {
            TrackError::UnknownOrganisation { .. } => lang
                .pick(
                    "Die organisatie bestaat niet (meer). Kies een ondernemer uit de lijst.",
                    "That organisation does not exist (any more). Choose an entrepreneur from the list.",
                )
                .to_string(),
            TrackError::NotAnEntrepreneur { name } => lang.pick(
                format!("{name} is geen ondernemer: alleen toegelaten ondernemers krijgen een certificeringstraject."),
                format!("{name} is not an entrepreneur: only admitted entrepreneurs get a certification track."),
            ),
            TrackError::AlreadyOpen { name, number } => lang.pick(
                format!("{name} heeft al een open traject ({number}). Werk dat bij of sluit het eerst af."),
                format!("{name} already has an open track ({number}). Update it or close it first."),
            ),
            TrackError::AdmittedInFuture { admitted_on } => lang.pick(
                format!("De toelating ({}) ligt na vandaag. Leg het traject vast op of na de toelatingsdag.", date(*admitted_on)),
                format!("The admission ({}) is after today. Record the track on or after the day of admission.", date(*admitted_on)),
            ),
            TrackError::Closed { outcome, on } => lang.pick(
                format!("Het traject is afgesloten ({}, {}) en verandert niet meer. Begin een nieuw traject als de ondernemer opnieuw wordt toegelaten.", track_outcome(lang, *outcome), date(*on)),
                format!("The track is closed ({}, {}) and no longer changes. Start a new track if the entrepreneur is admitted again.", track_outcome(lang, *outcome), date(*on)),
            ),
            TrackError::BeforeAdmission { kind: k, on, admitted_on } => lang.pick(
                format!("{} op {} ligt vóór de toelating ({}). Controleer de datum.", kind(*k), date(*on), date(*admitted_on)),
                format!("{} on {} is before the admission ({}). Check the date.", kind(*k), date(*on), date(*admitted_on)),
            ),
            TrackError::InFuture { kind: k, on } => lang.pick(
                format!("{} op {} ligt in de toekomst. Alleen een geplande audit mag vooruit; leg de rest vast als het gebeurd is.", kind(*k), date(*on)),
                format!("{} on {} is in the future. Only a planned audit may lie ahead; record the rest once it has happened.", kind(*k), date(*on)),
            ),
            TrackError::ScoreRequired => lang
                .pick(
                    "Een B Corp-assessment heeft een score nodig (0–200; 80 is de grens).",
                    "A B Corp assessment needs a score (0–200; 80 passes).",
                )
                .to_string(),
            TrackError::ScoreOutOfRange { score } => lang.pick(
                format!("Een B Corp-score is hooguit {BCORP_MAX_SCORE}, niet {score}."),
                format!("A B Corp score is at most {BCORP_MAX_SCORE}, not {score}."),
            ),
            TrackError::ScoreNotExpected { kind: k } => lang.pick(
                format!("Alleen een B Corp-assessment heeft een score, {} niet. Laat de score leeg.", kind(*k)),
                format!("Only a B Corp assessment has a score, {} does not. Leave the score empty.", kind(*k)),
            ),
            TrackError::AssessmentOnPsoTrack => lang
                .pick(
                    "Een B Corp-assessment hoort bij een B Corp-traject; dit is een PSO-traject. Wijzig eerst het doel als de ondernemer overstapt.",
                    "A B Corp assessment belongs to a B Corp track; this is a PSO track. Change the aim first if the entrepreneur switches.",
                )
                .to_string(),
            TrackError::Duplicate { kind: k, on } => lang.pick(
                format!("{} op {} staat er al.", kind(*k), date(*on)),
                format!("{} on {} is already recorded.", kind(*k), date(*on)),
            ),
            TrackError::NoSuchMilestone { .. } => lang
                .pick("Die mijlpaal bestaat niet (meer).", "That milestone does not exist (any more).")
                .to_string(),
            TrackError::NotYetExpired { deadline } => lang.pick(
                format!("Het jaar loopt nog tot {}: een traject verloopt pas daarna. Sluit af als ingetrokken als de ondernemer stopt.", date(*deadline)),
                format!("The year runs until {}: a track expires only after that. Close it as withdrawn if the entrepreneur stops.", date(*deadline)),
            ),
            TrackError::NotOverdue => lang
                .pick("Dit traject is niet over de termijn.", "This track is not overdue.")
                .to_string(),
        }
    }
}

impl std::fmt::Display for TrackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// The subject of the follow-up to the selection committee when a track expires.
pub fn expiry_subject(lang: Lang) -> impl Fn(&ExpirySubject) -> String {
    move |s| {
        let (number, name, deadline) = (s.track, s.organisation, super::date(s.deadline));
        lang.pick(
            format!(
                "{number} {name}: certificeringsjaar verlopen op {deadline} zonder certificaat — besluit selectiecommissie KIP"
            ),
            format!(
                "{number} {name}: certification year ran out on {deadline} without a certificate — decision of the KIP selection committee"
            ),
        )
    }
}

#[cfg(test)]
#[path = "domain_tests.rs"]
mod tests;

/// Why a text is refused: it holds `chars` characters where its field takes at
/// most `limit` (see `domain::plain`).
pub fn too_long(lang: Lang, chars: usize, limit: usize) -> String {
    lang.pick(
        format!("is te lang: {chars} tekens, hoogstens {limit}"),
        format!("is too long: {chars} characters, at most {limit}"),
    )
}

/// Why an entrepreneur's detail as typed is refused (`domain::intake`).
pub fn detail_error(lang: Lang, e: &crate::domain::intake::DetailError) -> String {
    use crate::domain::intake::DetailError::*;
    match e {
        Kvk => lang.pick(
            "moet 8 cijfers zijn (bijv. 12345678)".into(),
            "must be 8 digits (e.g. 12345678)".into(),
        ),
        Email => lang.pick(
            "geen e-mailadres (naam@domein.nl)".into(),
            "not an e-mail address (name@domain.nl)".into(),
        ),
        Phone => lang.pick(
            "geen telefoonnummer: cijfers, spaties, + - ( ), minstens 6 cijfers".into(),
            "not a phone number: digits, spaces, + - ( ), at least 6 digits".into(),
        ),
        TooManyProducts { count } => lang.pick(
            format!(
                "te veel producten: {count}, hoogstens {}",
                crate::domain::plain::MAX_PRODUCTS
            ),
            format!(
                "too many products: {count}, at most {}",
                crate::domain::plain::MAX_PRODUCTS
            ),
        ),
        ProductTooLong { product } => lang.pick(
            format!(
                "product \"{product}…\" is te lang: hoogstens {} tekens",
                crate::domain::plain::MAX_ONE
            ),
            format!(
                "product \"{product}…\" is too long: at most {} characters",
                crate::domain::plain::MAX_ONE
            ),
        ),
    }
}

/// Why a text is refused: it holds `c`, a control char, or a line break or tab
/// where the field is one line (see `domain::plain`). Names the char by its code,
/// never by itself.
pub fn forbidden_char(lang: Lang, c: char) -> String {
    let code = format!("U+{:04X}", c as u32);
    match c {
        '\n' | '\t' => lang.pick(
            format!("bevat een regeleinde of tab ({code}); dit veld is één regel"),
            format!("holds a line break or tab ({code}); this field is one line"),
        ),
        _ => lang.pick(
            format!(
                "bevat een stuurteken ({code}); dat kan een terminal besturen en wordt niet bewaard"
            ),
            format!(
                "holds a control character ({code}); it could control a terminal and is not stored"
            ),
        ),
    }
}
