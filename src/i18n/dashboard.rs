//! Every string the dashboard shows, Dutch and English side by side. Names of
//! domain values (stages, statuses, health) come from `crate::i18n::domain`.

use crate::domain::{Cents, Kind, LocatorKind, Stage};
use crate::i18n::{self, Lang, format_euros};
use crate::tui::action::Action;
use crate::tui::action::{CaseSort, Pane, Scope, SortBy};
use chrono::NaiveDate;

// ------------------------------------------------------------------ screen

pub fn pane_title(lang: Lang, pane: Pane) -> &'static str {
    match pane {
        Pane::Cases => lang.pick("Zaken", "Cases"),
        Pane::Hooks => lang.pick("Haakjes", "Hooks"),
        Pane::Exceptions => lang.pick("Uitzonderingen", "Exceptions"),
    }
}

pub fn header(user: &str, today: NaiveDate) -> String {
    format!("{user} · {}", i18n::date(today))
}

pub fn counters_open_cases(lang: Lang, n: usize) -> String {
    lang.pick(
        i18n::count(n, "open zaak", "open zaken"),
        i18n::count(n, "open case", "open cases"),
    )
}

pub fn counter_followups(lang: Lang, due: usize, overdue: usize) -> String {
    lang.pick(
        format!("follow-ups: {due} vandaag, {overdue} te laat"),
        format!("follow-ups: {due} today, {overdue} overdue"),
    )
}

pub fn scope_tag(lang: Lang, scope: Scope) -> &'static str {
    match scope {
        Scope::All => lang.pick("alle", "all"),
        Scope::Mine => lang.pick("mijn", "mine"),
    }
}

pub fn sort_tag(lang: Lang, sort: SortBy) -> &'static str {
    match sort {
        SortBy::Health => lang.pick("gezondheid", "health"),
        SortBy::TotalAge => lang.pick("totale leeftijd", "total age"),
        SortBy::StageAge => lang.pick("tijd in fase", "time in stage"),
    }
}

pub fn case_sort_tag(lang: Lang, sort: CaseSort) -> &'static str {
    match sort {
        CaseSort::Number => lang.pick("nummer", "number"),
        CaseSort::Urgency => lang.pick("urgentie", "urgency"),
        CaseSort::Idle => lang.pick("langst stil", "longest idle"),
        CaseSort::Age => lang.pick("langst open", "longest open"),
        CaseSort::Name => lang.pick("naam", "name"),
    }
}
pub fn cases_sorted_by(lang: Lang, sort: CaseSort) -> String {
    lang.pick(
        format!("Zaken gesorteerd op {}.", case_sort_tag(lang, sort)),
        format!("Cases sorted by {}.", case_sort_tag(lang, sort)),
    )
}

pub fn filter_tag(lang: Lang, query: &str) -> String {
    lang.pick(format!("filter: {query}"), format!("filter: {query}"))
}

pub fn no_case_selected(lang: Lang) -> &'static str {
    lang.pick(
        "Kies een zaak om haar haakjes te zien.",
        "Select a case to see its hooks.",
    )
}

pub fn no_hooks(lang: Lang) -> &'static str {
    lang.pick(
        "Nog geen haakje gekoppeld (h koppelt er een).",
        "No hook linked yet (h links one).",
    )
}

pub fn empty_list(lang: Lang) -> &'static str {
    lang.pick("Niets te tonen.", "Nothing to show.")
}

pub fn expired(lang: Lang) -> &'static str {
    lang.pick("⚠ vervallen", "⚠ expired")
}

pub fn expires_in(lang: Lang, days: i64) -> String {
    lang.pick(
        format!("⚠ vervalt over {days} d"),
        format!("⚠ expires in {days} d"),
    )
}

pub fn verified(lang: Lang, v: bool) -> &'static str {
    match v {
        true => lang.pick("✓ geverifieerd", "✓ verified"),
        false => lang.pick("niet geverifieerd", "not verified"),
    }
}

pub fn triage_mark() -> &'static str {
    "!"
}

pub fn too_small(lang: Lang, w: u16, h: u16) -> String {
    lang.pick(
        format!("Het venster is te klein ({w}×{h}). mandaat heeft minstens 80×20 nodig."),
        format!("The window is too small ({w}×{h}). mandaat needs at least 80×20."),
    )
}

pub fn saved_prefix(lang: Lang) -> &'static str {
    lang.pick("Opgeslagen: ", "Saved: ")
}

pub fn save_failed(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("Niet opgeslagen: {why}"),
        format!("Not saved: {why}"),
    )
}

/// The day's backup, made in the background, failed.
pub fn backup_failed(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("Waarschuwing: de reservekopie van vandaag is niet gemaakt. {why}"),
        format!("Warning: today's backup was not made. {why}"),
    )
}

/// A save waits for the day's backup, written in the background.
pub fn saving_after_backup(lang: Lang) -> &'static str {
    lang.pick(
        "Even geduld: eerst wordt de reservekopie van vandaag afgemaakt, dan wordt dit opgeslagen…",
        "One moment: today's backup is finished first, then this is saved…",
    )
}

/// On quitting before the day's backup (written in the background) is done.
pub fn finishing_backup(lang: Lang) -> &'static str {
    lang.pick(
        "mandaat: de reservekopie van vandaag wordt nog afgemaakt…",
        "mandaat: finishing today's backup…",
    )
}

/// On quitting before the store was reached (the first frame came from its
/// snapshot): closing waits for it.
pub fn finishing_start(lang: Lang) -> &'static str {
    lang.pick(
        "mandaat: de opslag wordt nog geopend; mandaat sluit af zodra dat klaar is…",
        "mandaat: the store is still being opened; mandaat closes once it is…",
    )
}

/// In place of a record's notes when they could not be read.
pub fn notes_missing(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("de notities konden niet worden gelezen: {why}"),
        format!("the notes could not be read: {why}"),
    )
}

/// In place of a record's notes while their texts are still being read.
pub fn notes_loading(lang: Lang) -> &'static str {
    lang.pick("notities worden gelezen…", "reading the notes…")
}

// ------------------------------------------------------------------- keys

/// A key's label as the help overlay and the hint line show it. The keymap
/// names the space bar in Dutch ("spatie"); English reads "space".
pub fn key_label(lang: Lang, label: &'static str) -> std::borrow::Cow<'static, str> {
    match lang {
        Lang::Nl => label.into(),
        Lang::En => label.replace("spatie", "space").into(),
    }
}

/// A key as the status line names it; `None` for keys not worth a word
/// (a lone modifier, a media key).
pub fn key_name(
    lang: Lang,
    code: ratatui::crossterm::event::KeyCode,
    mods: ratatui::crossterm::event::KeyModifiers,
) -> Option<String> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    let name = match code {
        KeyCode::Char(' ') => lang.pick("spatie", "space").to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Insert => "Insert".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        _ => return None,
    };
    Some(match mods.contains(KeyModifiers::CONTROL) {
        true => format!("Ctrl-{name}"),
        false => match mods.contains(KeyModifiers::ALT) {
            true => format!("Alt-{name}"),
            false => name,
        },
    })
}

/// A key that does nothing where it was pressed.
pub fn unknown_key(lang: Lang, key: &str) -> String {
    lang.pick(
        format!("Onbekende toets {key} — ? voor hulp"),
        format!("Unknown key {key} — ? for help"),
    )
}

/// What a key does, for the help overlay and the hint line.
pub fn action(lang: Lang, a: Action) -> &'static str {
    use Action::*;
    match a {
        Quit => lang.pick("stoppen", "quit"),
        ToggleHelp => lang.pick("hulp", "help"),
        NextPane => lang.pick("volgend paneel", "next pane"),
        PrevPane => lang.pick("vorig paneel", "previous pane"),
        Focus(Pane::Cases) => lang.pick("naar Zaken", "to Cases"),
        Focus(Pane::Hooks) => lang.pick("naar Haakjes", "to Hooks"),
        Focus(Pane::Exceptions) => lang.pick("naar Uitzonderingen", "to Exceptions"),
        Select(..) | SelectRow(_) => lang.pick("klik: rij kiezen", "click: select a row"),
        Up => lang.pick("omhoog", "up"),
        Down => lang.pick("omlaag", "down"),
        Top => lang.pick("bovenaan", "top"),
        Bottom => lang.pick("onderaan", "bottom"),
        PageUp => lang.pick("pagina omhoog", "page up"),
        PageDown => lang.pick("pagina omlaag", "page down"),
        Open => lang.pick("openen", "open"),
        Back => lang.pick("terug / filter wissen", "back / clear filter"),
        StartFilter => lang.pick("filteren", "filter"),
        ToggleScope => lang.pick("mijn / alle zaken", "mine / all cases"),
        CycleSort => lang.pick(
            "sorteren (zaken of uitzonderingen)",
            "sort (cases or exceptions)",
        ),
        Undo => lang.pick("ongedaan maken", "undo"),
        NewNote => lang.pick("notitie", "note"),
        NewFollowUp => lang.pick("follow-up", "follow-up"),
        RepeatFollowUp => lang.pick(
            "herhaal follow-up (+5 werkdagen)",
            "repeat follow-up (+5 working days)",
        ),
        CompleteFollowUp => lang.pick("follow-up gedaan", "follow-up done"),
        StageForward => lang.pick("fase vooruit", "stage forward"),
        StageBack => lang.pick("fase terug (met notitie)", "stage back (with note)"),
        StageClose => lang.pick(
            "afsluiten (gegund, afgewezen, ingetrokken)",
            "close (awarded, rejected, withdrawn)",
        ),
        Snooze => lang.pick("snoozen met reden", "snooze with reason"),
        Unsnooze => lang.pick("snooze opheffen", "end snooze"),
        AddBlocker => lang.pick("blokkade toevoegen", "add blocker"),
        ResolveBlocker => lang.pick("blokkade opgelost", "resolve blocker"),
        LinkHook => lang.pick("haakje koppelen", "link hook"),
        UnlinkHook => lang.pick("haakje loskoppelen", "unlink hook"),
        NewCase => lang.pick("nieuwe zaak", "new case"),
        EditCase => lang.pick("zaak bewerken", "edit case"),
        NewException => lang.pick("nieuwe uitzondering", "new exception"),
        OpenLookup => lang.pick("wie is eigenaar?", "who owns it?"),
        OpenPalette => lang.pick(
            "alles vinden (nummer of woorden)",
            "find anything (number or words)",
        ),
        OpenFollowUps => lang.pick(
            "alle open follow-ups (te laat eerst)",
            "all open follow-ups (overdue first)",
        ),
        OpenReview => lang.pick("dagafsluiting (review)", "end-of-day review"),
        OpenMorning => lang.pick("ochtendoverzicht", "morning view"),
        OpenTracks => lang.pick(
            "certificeringstrajecten (KIP)",
            "certification tracks (KIP)",
        ),
        OpenSroi => lang.pick(
            "SROI-koppeling koper ↔ ondernemer",
            "SROI matching buyer ↔ entrepreneur",
        ),
        AddMilestone => lang.pick("mijlpaal toevoegen", "add milestone"),
        CloseTrack => lang.pick("traject afsluiten", "close track"),
        NewTrack => lang.pick("nieuw traject", "new track"),
        EditTrack => lang.pick("traject bewerken", "edit track"),
        AcceptExpiry => lang.pick(
            "verlopen + follow-up selectiecommissie",
            "expired + follow-up to the selection committee",
        ),
        NextItem => lang.pick("volgende", "next"),
        PrevItem => lang.pick("vorige", "previous"),
        Skip => lang.pick("overslaan", "skip"),
        Escalate => lang.pick(
            "escaleren (verzoek + follow-up)",
            "escalate (request + follow-up)",
        ),
        CloseDay => lang.pick("dagafsluiting opslaan", "save the day's summary"),
        FileBlocker => lang.pick("als blokkade bij de zaak", "file as blocker on the case"),
        AddKeyword => lang.pick("trefwoord toevoegen", "add keyword"),
        RemoveKeyword => lang.pick("trefwoord verwijderen", "remove keyword"),
        MoveKeyword => lang.pick("trefwoord verplaatsen", "move keyword"),
        ChangeLiaison => lang.pick("kernteamlid wijzigen", "change liaison"),
        Input(_) => lang.pick("typen", "type"),
        Backspace => lang.pick("teken wissen", "delete character"),
        NextField => lang.pick("volgend veld", "next field"),
        PrevField => lang.pick("vorig veld", "previous field"),
        FieldDown => lang.pick(
            "volgende treffer (zoekveld), anders volgend veld",
            "next match (search field), else next field",
        ),
        FieldUp => lang.pick(
            "vorige treffer (zoekveld), anders vorig veld",
            "previous match (search field), else previous field",
        ),
        ChoiceLeft => lang.pick("vorige keuze", "previous choice"),
        ChoiceRight => lang.pick("volgende keuze", "next choice"),
        Submit => lang.pick("bevestigen", "confirm"),
        Yes => lang.pick("ja", "yes"),
        No => lang.pick("nee", "no"),
    }
}

pub fn help_title(lang: Lang) -> &'static str {
    lang.pick("Toetsen in deze modus", "Keys in this mode")
}

/// Which screen the dashboard is in, without its state: the key of the help
/// overlay's title and of the hint line's words. The dashboard maps its `Mode`
/// onto it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeKind {
    Normal,
    Filter,
    Detail,
    Form,
    Confirm,
    Lookup,
    Review,
    Morning,
    Tracks,
    Sroi,
    Palette,
    FollowUps,
}

pub fn mode_name(lang: Lang, mode: ModeKind) -> &'static str {
    use ModeKind::*;
    match mode {
        Normal => lang.pick("overzicht", "overview"),
        Filter => lang.pick("filter", "filter"),
        Detail => lang.pick("detail", "detail"),
        Form => lang.pick("formulier", "form"),
        Confirm => lang.pick("bevestigen", "confirm"),
        Lookup => lang.pick("wie is eigenaar?", "who owns it?"),
        Review => lang.pick("dagafsluiting", "end-of-day review"),
        Morning => lang.pick("ochtendoverzicht", "morning view"),
        Tracks => lang.pick("certificeringstrajecten", "certification tracks"),
        Sroi => lang.pick("SROI-koppeling", "SROI matching"),
        Palette => lang.pick("alles vinden", "find anything"),
        FollowUps => lang.pick("open follow-ups", "open follow-ups"),
    }
}

// ---------------------------------------------------------------- detail

pub fn d_question(lang: Lang) -> &'static str {
    lang.pick("Vraag", "Question")
}
pub fn d_status(lang: Lang) -> &'static str {
    lang.pick("Status", "Status")
}
pub fn d_action_line(lang: Lang) -> &'static str {
    lang.pick("Actielijn", "Action line")
}
pub fn d_owner(lang: Lang) -> &'static str {
    lang.pick("Eigenaar", "Owner")
}
pub fn d_opened(lang: Lang) -> &'static str {
    lang.pick("Geopend", "Opened")
}
pub fn d_blockers(lang: Lang) -> &'static str {
    lang.pick("Blokkades", "Blockers")
}
pub fn d_hooks(lang: Lang) -> &'static str {
    lang.pick("Haakjes", "Hooks")
}
pub fn d_exceptions(lang: Lang) -> &'static str {
    lang.pick("Inkoopuitzonderingen", "Procurement exceptions")
}
pub fn d_followups(lang: Lang) -> &'static str {
    lang.pick("Follow-ups", "Follow-ups")
}
pub fn d_notes(lang: Lang) -> &'static str {
    lang.pick("Notities", "Notes")
}
pub fn d_history(lang: Lang) -> &'static str {
    lang.pick("Fasegeschiedenis", "Stage history")
}
pub fn d_kind(lang: Lang) -> &'static str {
    lang.pick("Soort", "Kind")
}
pub fn d_value(lang: Lang) -> &'static str {
    lang.pick("Waarde", "Value")
}
pub fn d_requested(lang: Lang) -> &'static str {
    lang.pick("Aangevraagd", "Requested")
}
pub fn d_ages(lang: Lang) -> &'static str {
    lang.pick("Leeftijd", "Age")
}
pub fn d_waiting_on(lang: Lang) -> &'static str {
    lang.pick("Wacht op", "Waiting on")
}
pub fn d_legal_contact(lang: Lang) -> &'static str {
    lang.pick("Jurist", "Legal contact")
}
pub fn d_snoozed(lang: Lang) -> &'static str {
    lang.pick("Gesnoozed", "Snoozed")
}
pub fn d_case(lang: Lang) -> &'static str {
    lang.pick("Zaak", "Case")
}
pub fn d_none(lang: Lang) -> &'static str {
    lang.pick("geen", "none")
}
pub fn d_last_changed(lang: Lang) -> &'static str {
    lang.pick("Laatst gewijzigd", "Last changed")
}

pub fn d_aim(lang: Lang) -> &'static str {
    lang.pick("Doel", "Aim")
}
pub fn d_admitted(lang: Lang) -> &'static str {
    lang.pick("Toegelaten", "Admitted")
}
/// The track's deadline: admission plus a year, when it expires.
pub fn d_expires(lang: Lang) -> &'static str {
    lang.pick("Verloopt", "Expires")
}
pub fn d_days_left(lang: Lang, days: i64) -> String {
    match days {
        d if d < 0 => lang.pick(format!("{} d verlopen", -d), format!("{} d ago", -d)),
        d => lang.pick(format!("nog {d} d"), format!("{d} d left")),
    }
}
pub fn d_outcome(lang: Lang) -> &'static str {
    lang.pick("Uitkomst", "Outcome")
}
pub fn d_milestones(lang: Lang) -> &'static str {
    lang.pick("Mijlpalen", "Milestones")
}
pub fn d_signals(lang: Lang) -> &'static str {
    lang.pick("Signalen", "Signals")
}
pub fn d_score(lang: Lang, score: u32) -> String {
    lang.pick(format!("score {score}"), format!("score {score}"))
}
pub fn track_detail_keys(lang: Lang) -> &'static str {
    lang.pick(
        "m mijlpaal · e bewerken · c afsluiten · x verlopen accepteren · n notitie · f follow-up",
        "m milestone · e edit · c close · x accept expiry · n note · f follow-up",
    )
}

pub fn d_case_history(lang: Lang) -> &'static str {
    lang.pick("Geschiedenis", "History")
}

pub fn activity(lang: Lang, k: crate::domain::activity::ActivityKind) -> &'static str {
    use crate::domain::activity::ActivityKind::*;
    match k {
        Requested => lang.pick("uitzondering aangevraagd", "exception requested"),
        StageMove => lang.pick("fase verzet", "stage moved"),
        Note => lang.pick("notitie", "note"),
        FollowUpCreated => lang.pick("follow-up aangemaakt", "follow-up created"),
        FollowUpRepeated => lang.pick("follow-up herhaald", "follow-up repeated"),
        FollowUpDone => lang.pick("follow-up gedaan", "follow-up done"),
        Snoozed => lang.pick("gesnoozed", "snoozed"),
        CaseOpened => lang.pick("zaak geopend", "case opened"),
        CaseUpdated => lang.pick("zaak gewijzigd", "case changed"),
        BlockerRaised => lang.pick("blokkade gemeld", "blocker raised"),
        BlockerResolved => lang.pick("blokkade opgelost", "blocker resolved"),
        ExceptionActivity => lang.pick("actie op een uitzondering", "exception activity"),
    }
}

pub fn history_opened(lang: Lang) -> &'static str {
    lang.pick("zaak aangemaakt", "case created")
}
pub fn history_blocker_raised(lang: Lang, keyword: &str, dept: &str, description: &str) -> String {
    let description = if description.is_empty() {
        String::new()
    } else {
        format!(" — {description}")
    };
    lang.pick(
        format!("blokkade gemeld: {keyword} → {dept}{description}"),
        format!("blocker raised: {keyword} → {dept}{description}"),
    )
}
pub fn history_blocker_resolved(lang: Lang, keyword: &str) -> String {
    lang.pick(
        format!("blokkade opgelost: {keyword}"),
        format!("blocker resolved: {keyword}"),
    )
}
pub fn history_hook_linked(lang: Lang, hook: &str) -> String {
    lang.pick(
        format!("haakje gekoppeld: {hook}"),
        format!("hook linked: {hook}"),
    )
}
pub fn history_hook_unlinked(lang: Lang, hook: &str) -> String {
    lang.pick(
        format!("haakje ontkoppeld: {hook}"),
        format!("hook unlinked: {hook}"),
    )
}

pub fn ages_line(lang: Lang, total: i64, stage: i64, limit: Option<u32>, idle: i64) -> String {
    let limit = limit.map_or(String::new(), |l| format!(" / {l}"));
    lang.pick(
        format!("totaal {total} d · in fase {stage}{limit} d · stil {idle} d"),
        format!("total {total} d · in stage {stage}{limit} d · idle {idle} d"),
    )
}

pub fn resolved_on(lang: Lang, d: NaiveDate) -> String {
    lang.pick(
        format!("opgelost {}", i18n::date(d)),
        format!("resolved {}", i18n::date(d)),
    )
}

pub fn raised_on(lang: Lang, d: NaiveDate) -> String {
    lang.pick(
        format!("sinds {}", i18n::date(d)),
        format!("since {}", i18n::date(d)),
    )
}

pub fn followup_line(lang: Lang, due: NaiveDate, repeats: u32, done: Option<NaiveDate>) -> String {
    match done {
        Some(d) => lang.pick(
            format!("gedaan {}", i18n::date(d)),
            format!("done {}", i18n::date(d)),
        ),
        None => lang.pick(
            format!("uiterlijk {} · herhaald {repeats}×", i18n::date(due)),
            format!("due {} · repeated {repeats}×", i18n::date(due)),
        ),
    }
}

pub fn escalation(lang: Lang) -> &'static str {
    lang.pick("⚑ escaleren?", "⚑ escalate?")
}

pub fn overdue(lang: Lang) -> &'static str {
    lang.pick("te laat", "overdue")
}

pub fn snooze_line(lang: Lang, until: NaiveDate, reason: &str) -> String {
    lang.pick(
        format!("tot {} — {reason}", i18n::date(until)),
        format!("until {} — {reason}", i18n::date(until)),
    )
}

// ------------------------------------------------------------------ forms

/// What is wrong with a form field's value as typed so far.
pub fn nothing_matches(lang: Lang, typed: &str) -> String {
    lang.pick(
        format!("niets gevonden voor \"{typed}\""),
        format!("nothing found for \"{typed}\""),
    )
}
pub fn f_contact_person(lang: Lang) -> &'static str {
    lang.pick("Contactpersoon", "Contact person")
}
pub fn f_email(lang: Lang) -> &'static str {
    lang.pick("E-mail", "E-mail")
}
pub fn f_phone(lang: Lang) -> &'static str {
    lang.pick("Telefoon", "Phone")
}
pub fn f_kvk(lang: Lang) -> &'static str {
    lang.pick("KvK-nummer", "KvK number")
}
pub fn f_products(lang: Lang) -> &'static str {
    lang.pick(
        "Producten en diensten (komma's)",
        "Products and services (commas)",
    )
}
pub fn nothing_to_choose(lang: Lang) -> &'static str {
    lang.pick("niets om uit te kiezen", "nothing to choose from")
}
pub fn required(lang: Lang) -> &'static str {
    lang.pick("verplicht", "required")
}
pub fn date_expected(lang: Lang) -> &'static str {
    lang.pick(
        "datum als DD-MM-JJJJ, JJJJ-MM-DD of +dagen",
        "date as DD-MM-YYYY, YYYY-MM-DD or +days",
    )
}
pub fn amount_expected(lang: Lang) -> &'static str {
    lang.pick(
        "bedrag in euro, bijvoorbeeld 42000",
        "amount in euro, e.g. 42000",
    )
}
pub fn more_than_zero(lang: Lang) -> &'static str {
    lang.pick("meer dan € 0", "more than €0")
}

pub const LOCATOR_KINDS: [LocatorKind; 5] = [
    LocatorKind::Artikel,
    LocatorKind::Paragraaf,
    LocatorKind::Actielijn,
    LocatorKind::Pagina,
    LocatorKind::Overig,
];

pub fn locator_kind(lang: Lang, k: LocatorKind) -> &'static str {
    match k {
        LocatorKind::Artikel => lang.pick("artikel", "article"),
        LocatorKind::Paragraaf => lang.pick("paragraaf", "section"),
        LocatorKind::Actielijn => lang.pick("actielijn", "action line"),
        LocatorKind::Pagina => lang.pick("pagina", "page"),
        LocatorKind::Overig => lang.pick("overig", "other"),
    }
}

pub fn form_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Enter opslaan · Tab volgend veld · ←/→ kiezen · Esc annuleren",
        "Enter save · Tab next field · ←/→ choose · Esc cancel",
    )
}

pub fn yes_no(lang: Lang) -> Vec<String> {
    vec![lang.pick("ja", "yes").into(), lang.pick("nee", "no").into()]
}

pub fn f_note(lang: Lang) -> &'static str {
    lang.pick("Notitie", "Note")
}
pub fn f_with(lang: Lang) -> &'static str {
    lang.pick("Met wie", "With")
}
pub fn f_subject(lang: Lang) -> &'static str {
    lang.pick("Onderwerp", "Subject")
}
pub fn f_due(lang: Lang) -> &'static str {
    lang.pick("Uiterlijk", "Due")
}
pub fn f_followup(lang: Lang) -> &'static str {
    lang.pick("Follow-up", "Follow-up")
}
pub fn f_stage(lang: Lang) -> &'static str {
    lang.pick("Naar fase", "To stage")
}
pub fn f_why(lang: Lang) -> &'static str {
    lang.pick("Waarom", "Why")
}
pub fn f_outcome(lang: Lang) -> &'static str {
    lang.pick("Uitkomst", "Outcome")
}
pub fn f_until(lang: Lang) -> &'static str {
    lang.pick("Tot en met", "Until")
}
pub fn f_reason(lang: Lang) -> &'static str {
    lang.pick("Reden", "Reason")
}
pub fn no_department(lang: Lang) -> &'static str {
    lang.pick("— (geen eigenaar)", "— (no owner)")
}
pub fn choose_department(lang: Lang) -> &'static str {
    lang.pick(
        "Geen afdeling gekozen: kies er een met ←/→, of leg het voor in het kernteam (o).",
        "No department chosen: choose one with ←/→, or raise it in the kernteam (o).",
    )
}
pub fn f_keyword(lang: Lang) -> &'static str {
    lang.pick("Trefwoord", "Keyword")
}
pub fn f_department(lang: Lang) -> &'static str {
    lang.pick("Afdeling", "Department")
}
pub fn f_description(lang: Lang) -> &'static str {
    lang.pick("Omschrijving", "Description")
}
pub fn f_blocker(lang: Lang) -> &'static str {
    lang.pick("Blokkade", "Blocker")
}
pub fn f_hook(lang: Lang) -> &'static str {
    lang.pick("Haakje", "Hook")
}
pub fn f_locator_kind(lang: Lang) -> &'static str {
    lang.pick("Soort vindplaats", "Locator kind")
}
pub fn f_locator(lang: Lang) -> &'static str {
    lang.pick("Vindplaats", "Locator")
}
pub fn f_quote(lang: Lang) -> &'static str {
    lang.pick("Citaat", "Quote")
}
pub fn f_verified(lang: Lang) -> &'static str {
    lang.pick("Geverifieerd", "Verified")
}
pub fn f_organisation(lang: Lang) -> &'static str {
    lang.pick("Ondernemer", "Entrepreneur")
}
pub fn f_new_org(lang: Lang) -> &'static str {
    lang.pick("Naam nieuwe ondernemer", "New entrepreneur's name")
}
pub fn f_title(lang: Lang) -> &'static str {
    lang.pick("Titel", "Title")
}
pub fn f_question(lang: Lang) -> &'static str {
    lang.pick("Vraag", "Question")
}
pub fn f_action_line(lang: Lang) -> &'static str {
    lang.pick("Actielijn", "Action line")
}
pub fn f_status(lang: Lang) -> &'static str {
    lang.pick("Status", "Status")
}
pub fn f_owner(lang: Lang) -> &'static str {
    lang.pick("Eigenaar", "Owner")
}
pub fn f_kind(lang: Lang) -> &'static str {
    lang.pick("Soort", "Kind")
}
pub fn f_contract_type(lang: Lang) -> &'static str {
    lang.pick("Type opdracht", "Contract type")
}
pub fn f_value(lang: Lang) -> &'static str {
    lang.pick("Waarde (€)", "Value (€)")
}
pub fn f_legal_contact(lang: Lang) -> &'static str {
    lang.pick("Jurist", "Legal contact")
}

pub fn note_title(lang: Lang, number: &str) -> String {
    lang.pick(format!("Notitie bij {number}"), format!("Note on {number}"))
}
pub fn followup_title(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("Follow-up over {number}"),
        format!("Follow-up on {number}"),
    )
}
pub fn which_followup(lang: Lang, repeat: bool) -> String {
    match repeat {
        true => lang
            .pick("Welke follow-up herhalen?", "Repeat which follow-up?")
            .into(),
        false => lang
            .pick("Welke follow-up is gedaan?", "Which follow-up is done?")
            .into(),
    }
}
pub fn stage_back_title(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("{number} een fase terugzetten"),
        format!("Move {number} back"),
    )
}
pub fn close_title(lang: Lang, number: &str) -> String {
    lang.pick(format!("{number} afsluiten"), format!("Close {number}"))
}
pub fn snooze_title(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("{number} snoozen (max. 30 dagen)"),
        format!("Snooze {number} (at most 30 days)"),
    )
}
pub fn blocker_title(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("Blokkade bij {number}"),
        format!("Blocker on {number}"),
    )
}
pub fn resolve_title(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("Blokkade van {number} opgelost"),
        format!("Resolve a blocker of {number}"),
    )
}
pub fn link_title(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("Haakje koppelen aan {number}"),
        format!("Link a hook to {number}"),
    )
}
pub fn new_case_title(lang: Lang) -> &'static str {
    lang.pick("Nieuwe zaak", "New case")
}
pub fn edit_case_title(lang: Lang, number: &str) -> String {
    lang.pick(format!("{number} bewerken"), format!("Edit {number}"))
}
pub fn new_exception_title(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("Nieuwe inkoopuitzondering bij {number}"),
        format!("New procurement exception on {number}"),
    )
}
pub fn new_org_option(lang: Lang) -> &'static str {
    lang.pick("(nieuwe ondernemer)", "(new entrepreneur)")
}

pub fn threshold_warning(
    lang: Lang,
    kind: crate::domain::ExceptionKind,
    threshold: Cents,
) -> String {
    use crate::domain::ExceptionKind::*;
    let t = format_euros(threshold, lang);
    match kind {
        DirectAward => lang.pick(
            format!("Let op: op of boven de EU-drempel van {t} is onderhands gunnen geen beleidsuitzondering. Kies een jurist."),
            format!("Note: at or above the EU threshold of {t} a direct award is not a policy exception. Choose a legal contact."),
        ),
        ReservedContract => lang.pick(
            format!("Let op: op of boven de EU-drempel van {t} moet ook een voorbehouden opdracht (art. 2.82) Europees worden aanbesteed. Betrek een jurist."),
            format!("Note: at or above the EU threshold of {t} a reserved contract (art. 2.82) must be tendered EU-wide too. Involve a legal contact."),
        ),
        Lots => lang.pick(
            format!("Let op: de percelen samen liggen op of boven de EU-drempel van {t}; alleen de percelenregeling staat dan afwijken toe. Betrek een jurist."),
            format!("Note: the lots together are at or above the EU threshold of {t}; only the lots exemption then allows a deviation. Involve a legal contact."),
        ),
        FrameworkDeviation | SroiDeviation => lang.pick(
            format!("Let op: deze waarde ligt op of boven de EU-drempel van {t}; dan gelden de Europese regels. Betrek een jurist."),
            format!("Note: this value is at or above the EU threshold of {t}; the EU rules apply. Involve a legal contact."),
        ),
    }
}

// --------------------------------------------------------------- messages

/// Why the day's backup was not made when its writer thread died.
pub fn writing_stopped(lang: Lang) -> &'static str {
    lang.pick("het schrijven is afgebroken", "writing it stopped")
}

pub fn cancelled(lang: Lang) -> &'static str {
    lang.pick("Geannuleerd.", "Cancelled.")
}
pub fn nothing_selected(lang: Lang) -> &'static str {
    lang.pick("Niets geselecteerd.", "Nothing selected.")
}
pub fn nothing_to_undo(lang: Lang) -> &'static str {
    lang.pick("Niets om ongedaan te maken.", "Nothing to undo.")
}
pub fn select_exception(lang: Lang) -> &'static str {
    lang.pick(
        "Kies eerst een uitzondering (3 of Tab).",
        "Select an exception first (3 or Tab).",
    )
}
pub fn select_case(lang: Lang) -> &'static str {
    lang.pick("Kies eerst een zaak.", "Select a case first.")
}
pub fn last_stage(lang: Lang) -> &'static str {
    lang.pick(
        "Dit is de laatste fase: sluit af met x.",
        "This is the last stage: close it with x.",
    )
}
pub fn no_earlier_stage(lang: Lang) -> &'static str {
    lang.pick("Er is geen eerdere fase.", "There is no earlier stage.")
}
pub fn already_closed(lang: Lang) -> &'static str {
    lang.pick(
        "Deze uitzondering is al afgesloten.",
        "This exception is already closed.",
    )
}
pub fn not_snoozed(lang: Lang) -> &'static str {
    lang.pick(
        "Deze uitzondering is niet gesnoozed.",
        "This exception is not snoozed.",
    )
}
pub fn no_open_followups(lang: Lang) -> &'static str {
    lang.pick(
        "Geen open follow-ups hier (f maakt er een).",
        "No open follow-ups here (f creates one).",
    )
}
pub fn no_open_blockers(lang: Lang) -> &'static str {
    lang.pick("Geen open blokkades.", "No open blockers.")
}
pub fn all_hooks_linked(lang: Lang) -> &'static str {
    lang.pick(
        "Alle haakjes zijn al gekoppeld.",
        "Every hook is linked already.",
    )
}
pub fn unlink_from_hooks_pane(lang: Lang) -> &'static str {
    lang.pick(
        "Loskoppelen gaat in het paneel Haakjes (2).",
        "Unlink from the Hooks pane (2).",
    )
}
pub fn name_new_org(lang: Lang) -> &'static str {
    lang.pick(
        "Geef de naam van de nieuwe ondernemer, of kies een bestaande.",
        "Give the new entrepreneur's name, or choose an existing one.",
    )
}
pub fn bad_date(lang: Lang) -> &'static str {
    lang.pick("Ongeldige datum.", "Invalid date.")
}
pub fn due_in_past(lang: Lang) -> &'static str {
    lang.pick("De datum ligt in het verleden.", "The date is in the past.")
}

pub fn scope(lang: Lang, scope: Scope, user: &str) -> String {
    match scope {
        Scope::All => lang.pick("Alle zaken.".into(), "All cases.".into()),
        Scope::Mine => lang.pick(
            format!("Alleen de zaken van {user}."),
            format!("Only {user}'s cases."),
        ),
    }
}
pub fn sorted_by(lang: Lang, sort: SortBy) -> String {
    lang.pick(
        format!("Uitzonderingen gesorteerd op {}.", sort_tag(lang, sort)),
        format!("Exceptions sorted by {}.", sort_tag(lang, sort)),
    )
}
pub fn undone(lang: Lang, what: &str) -> String {
    lang.pick(
        format!("Ongedaan gemaakt: {what}"),
        format!("Undone: {what}"),
    )
}
pub fn moved(lang: Lang, number: &str, to: Stage) -> String {
    lang.pick(
        format!("{number} naar {}", i18n::stage_numbered(lang, to)),
        format!("{number} to {}", i18n::stage_numbered(lang, to)),
    )
}
pub fn snoozed(lang: Lang, number: &str, until: NaiveDate) -> String {
    lang.pick(
        format!("{number} gesnoozed tot {}", i18n::date(until)),
        format!("{number} snoozed until {}", i18n::date(until)),
    )
}
pub fn unsnoozed(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("snooze van {number} opgeheven"),
        format!("snooze of {number} ended"),
    )
}
pub fn repeated(lang: Lang, number: &str, count: u32, due: NaiveDate) -> String {
    lang.pick(
        format!(
            "{number} herhaald ({count}×), nieuwe datum {}",
            i18n::date(due)
        ),
        format!("{number} repeated ({count}×), now due {}", i18n::date(due)),
    )
}
pub fn completed(lang: Lang, number: &str) -> String {
    lang.pick(format!("{number} gedaan"), format!("{number} done"))
}
pub fn note_saved(lang: Lang, note: &str, on: &str) -> String {
    lang.pick(
        format!("notitie {note} bij {on}"),
        format!("note {note} on {on}"),
    )
}
pub fn followup_saved(lang: Lang, number: &str, due: NaiveDate) -> String {
    lang.pick(
        format!("follow-up {number}, uiterlijk {}", i18n::date(due)),
        format!("follow-up {number}, due {}", i18n::date(due)),
    )
}
pub fn blocker_saved(lang: Lang, keyword: &str, dept: &str, case: &str) -> String {
    lang.pick(
        format!("blokkade {keyword} → {dept} bij {case}"),
        format!("blocker {keyword} → {dept} on {case}"),
    )
}
pub fn blocker_resolved(lang: Lang, keyword: &str, case: &str) -> String {
    lang.pick(
        format!("blokkade {keyword} van {case} opgelost"),
        format!("blocker {keyword} of {case} resolved"),
    )
}
pub fn linked(lang: Lang, hook: &str, case: &str) -> String {
    lang.pick(
        format!("{hook} gekoppeld aan {case}"),
        format!("{hook} linked to {case}"),
    )
}
pub fn unlinked(lang: Lang, hook: &str, case: &str) -> String {
    lang.pick(
        format!("{hook} losgekoppeld van {case}"),
        format!("{hook} unlinked from {case}"),
    )
}
pub fn confirm_unlink(lang: Lang, hook: &str, case: &str) -> String {
    lang.pick(
        format!("Haakje {hook} loskoppelen van {case}? (j/n)"),
        format!("Unlink hook {hook} from {case}? (y/n)"),
    )
}
pub fn filter_cleared_to_show(lang: Lang) -> &'static str {
    lang.pick(
        "filter gewist om de nieuwe zaak te tonen",
        "filter cleared to show the new case",
    )
}
pub fn case_saved(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("zaak {number} aangemaakt"),
        format!("case {number} created"),
    )
}
pub fn case_updated(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("zaak {number} bijgewerkt"),
        format!("case {number} updated"),
    )
}
pub fn exception_saved(lang: Lang, number: &str) -> String {
    lang.pick(
        format!("uitzondering {number} aangevraagd"),
        format!("exception {number} requested"),
    )
}

// ------------------------------------------------------------ owner lookup

// ------------------------------------------------------------- find anything

pub fn palette_title(lang: Lang) -> &'static str {
    lang.pick("Alles vinden", "Find anything")
}
pub fn palette_prompt(lang: Lang) -> &'static str {
    lang.pick(
        "Typ een nummer (C17, X05, D04) of woorden uit namen, titels, vragen, trefwoorden, contactpersonen of notities.",
        "Type a number (C17, X05, D04) or words from names, titles, questions, keywords, contacts or notes.",
    )
}
pub fn palette_nothing(lang: Lang) -> &'static str {
    lang.pick("Niets gevonden.", "Nothing found.")
}
pub fn palette_notes_failed(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("Notities niet doorzocht: {why}"),
        format!("Notes not searched: {why}"),
    )
}
pub fn palette_no_view(lang: Lang) -> &'static str {
    lang.pick(
        "Dit record heeft geen eigen weergave en hoort bij geen zaak.",
        "This record has no view of its own and belongs to no case.",
    )
}
/// The heading of a group of hits.
pub fn palette_group(lang: Lang, kind: Kind) -> &'static str {
    match kind {
        Kind::Organisation => lang.pick("Organisaties", "Organisations"),
        Kind::Contact => lang.pick("Contactpersonen", "Contacts"),
        Kind::Department => lang.pick("Afdelingen", "Departments"),
        Kind::Hook => lang.pick("Haakjes", "Policy hooks"),
        Kind::Case => lang.pick("Zaken", "Cases"),
        Kind::Exception => lang.pick("Uitzonderingen", "Exceptions"),
        Kind::FollowUp => lang.pick("Follow-ups", "Follow-ups"),
        Kind::Note => lang.pick("Notities", "Notes"),
        Kind::Track => lang.pick("Certificeringstrajecten", "Certification tracks"),
    }
}

pub fn lookup_title(lang: Lang) -> &'static str {
    lang.pick("Wie is eigenaar?", "Who owns it?")
}
pub fn lookup_prompt(lang: Lang) -> &'static str {
    lang.pick("Blokkade of trefwoord: ", "Blocker or keyword: ")
}
pub fn no_owner(lang: Lang) -> &'static str {
    lang.pick(
        "Geen eigenaar gevonden — leg voor in het kernteam.",
        "No owner found — raise it in the kernteam.",
    )
}
pub fn no_owner_to_file_under(lang: Lang) -> &'static str {
    lang.pick(
        "Geen afdeling gevonden, dus niets om de blokkade onder te zetten. Enter legt het voor in het kernteam.",
        "No department found, so nothing to file the blocker under. Enter raises it in the kernteam.",
    )
}
pub fn offer_kernteam(lang: Lang, context: Option<&str>) -> String {
    match context {
        Some(n) => lang.pick(
            format!(
                "Enter: follow-up bij {n} om het in het volgende kernteamoverleg in te brengen."
            ),
            format!("Enter: a follow-up on {n} to raise it in the next kernteam meeting."),
        ),
        None => lang.pick(
            "Kies eerst een zaak om er een follow-up voor het kernteam bij te maken.".into(),
            "Select a case first to add a follow-up for the kernteam.".into(),
        ),
    }
}
pub fn match_class(lang: Lang, c: crate::domain::MatchClass) -> &'static str {
    use crate::domain::MatchClass::*;
    match c {
        Exact => lang.pick("exact", "exact"),
        Prefix => lang.pick("begin", "prefix"),
        Fuzzy => lang.pick("lijkt op", "fuzzy"),
    }
}
pub fn primary(lang: Lang, p: bool) -> &'static str {
    match p {
        true => lang.pick("primair", "primary"),
        false => lang.pick("secundair", "secondary"),
    }
}
pub fn no_liaison(lang: Lang) -> &'static str {
    lang.pick("geen kernteamlid (eigen team)", "no liaison (own team)")
}
pub fn on_their_plate(lang: Lang) -> &'static str {
    lang.pick("Nu op het bord", "On their plate now")
}
pub fn plate_counts(lang: Lang, blockers: usize, cases: usize, exceptions: usize) -> String {
    use i18n::count;
    lang.pick(
        format!(
            "{} · {} · {}",
            count(blockers, "open blokkade", "open blokkades"),
            count(cases, "zaak", "zaken"),
            count(exceptions, "uitzondering", "uitzonderingen")
        ),
        format!(
            "{} · {} · {}",
            count(blockers, "open blocker", "open blockers"),
            count(cases, "case", "cases"),
            count(exceptions, "exception", "exceptions")
        ),
    )
}
pub fn typical_blockers(lang: Lang) -> &'static str {
    lang.pick("Typische blokkades", "Typical blockers")
}
pub fn d_keywords(lang: Lang) -> &'static str {
    lang.pick("Trefwoorden", "Keywords")
}
pub fn d_escalation(lang: Lang) -> &'static str {
    lang.pick("Escalatie", "Escalation")
}
pub fn department_keys(lang: Lang) -> &'static str {
    lang.pick(
        "+ trefwoord toevoegen · - verwijderen · w verplaatsen · l kernteamlid",
        "+ add keyword · - remove · w move · l liaison",
    )
}
pub fn open_department_first(lang: Lang) -> &'static str {
    lang.pick(
        "Open eerst een afdeling (o, dan Enter).",
        "Open a department first (o, then Enter).",
    )
}
pub fn lookup_needs_case(lang: Lang) -> &'static str {
    lang.pick(
        "Open de opzoeking vanuit een zaak of uitzondering om er iets bij te zetten.",
        "Open the lookup from a case or exception to add something to it.",
    )
}
pub fn type_a_keyword(lang: Lang) -> &'static str {
    lang.pick("Typ eerst een trefwoord.", "Type a keyword first.")
}
pub fn kernteam(lang: Lang) -> &'static str {
    lang.pick("kernteam", "kernteam")
}
pub fn raise_subject(lang: Lang, query: &str) -> String {
    lang.pick(
        format!("Inbrengen in kernteam: wie is eigenaar van \"{query}\"?"),
        format!("Raise in kernteam: who owns \"{query}\"?"),
    )
}
pub fn no_keywords(lang: Lang) -> &'static str {
    lang.pick(
        "Deze afdeling heeft geen trefwoorden.",
        "This department has no keywords.",
    )
}
pub fn add_keyword_title(lang: Lang, d: &str) -> String {
    lang.pick(
        format!("Trefwoord toevoegen aan {d}"),
        format!("Add a keyword to {d}"),
    )
}
pub fn remove_keyword_title(lang: Lang, d: &str) -> String {
    lang.pick(
        format!("Trefwoord verwijderen uit {d}"),
        format!("Remove a keyword from {d}"),
    )
}
pub fn move_keyword_title(lang: Lang, d: &str) -> String {
    lang.pick(
        format!("Trefwoord van {d} verplaatsen"),
        format!("Move a keyword of {d}"),
    )
}
pub fn liaison_title(lang: Lang, d: &str) -> String {
    lang.pick(format!("Kernteamlid van {d}"), format!("Liaison of {d}"))
}
pub fn f_primary(lang: Lang) -> &'static str {
    lang.pick("Primaire eigenaar", "Primary owner")
}
pub fn f_to_department(lang: Lang) -> &'static str {
    lang.pick("Naar afdeling", "To department")
}
pub fn f_liaison(lang: Lang) -> &'static str {
    lang.pick("Kernteamlid", "Liaison")
}
pub fn f_liaison_role(lang: Lang) -> &'static str {
    lang.pick("Als", "As")
}
pub fn liaison_roles(lang: Lang) -> Vec<String> {
    vec![
        lang.pick("enige kernteamlid", "the only liaison").into(),
        lang.pick("eerste van meerdere", "first of several").into(),
    ]
}
pub fn keyword_exists(lang: Lang, keyword: &str, d: &str) -> String {
    lang.pick(
        format!("{d} heeft het trefwoord \"{keyword}\" al."),
        format!("{d} already has the keyword \"{keyword}\"."),
    )
}
pub fn keyword_added(lang: Lang, keyword: &str, d: &str) -> String {
    lang.pick(
        format!("trefwoord {keyword} bij {d}"),
        format!("keyword {keyword} added to {d}"),
    )
}
pub fn keyword_removed(lang: Lang, keyword: &str, d: &str) -> String {
    lang.pick(
        format!("trefwoord {keyword} weg bij {d}"),
        format!("keyword {keyword} removed from {d}"),
    )
}
pub fn keyword_moved(lang: Lang, keyword: &str, from: &str, to: &str) -> String {
    lang.pick(
        format!("trefwoord {keyword} van {from} naar {to}"),
        format!("keyword {keyword} moved from {from} to {to}"),
    )
}
pub fn liaison_set(lang: Lang, name: &str, d: &str) -> String {
    lang.pick(
        format!("{name} kernteamlid van {d}"),
        format!("{name} liaison of {d}"),
    )
}

/// A record that vanished while its form was open (cannot happen with one
/// writer, so one sentence serves both languages).
pub fn gone() -> &'static str {
    "Dit record bestaat niet meer / This record no longer exists."
}

/// How the hint line names an action in a mode: Esc cancels a form.
pub fn hint(lang: Lang, mode: ModeKind, a: Action) -> &'static str {
    use ModeKind as Mode;
    match (mode, a) {
        (Mode::Form | Mode::Lookup | Mode::Confirm, Action::Back) => {
            lang.pick("annuleren", "cancel")
        }
        (Mode::Filter, Action::Back) => lang.pick("filter wissen", "clear filter"),
        (Mode::Filter, Action::Submit) => lang.pick("filter houden", "keep filter"),
        (Mode::Lookup, Action::Submit) => lang.pick("afdeling openen", "open department"),
        (Mode::Normal, Action::OpenPalette) => lang.pick("alles vinden", "find anything"),
        (Mode::FollowUps, Action::Back) => lang.pick("terug", "back"),
        (Mode::FollowUps, Action::StartFilter) => {
            lang.pick("filter (wie, zaak, wat)", "filter (who, record, what)")
        }
        (Mode::Palette, Action::Submit) => lang.pick("openen", "open"),
        (Mode::Palette, Action::Back) => lang.pick("sluiten", "close"),
        (Mode::Palette, Action::Down) => lang.pick("volgende", "next"),
        (Mode::Form, Action::Submit) => lang.pick("opslaan", "save"),
        (Mode::Form, Action::ChoiceRight) => lang.pick("keuze (bij ◀ ▶)", "choose (at ◀ ▶)"),
        _ => action(lang, a),
    }
}

// ---------------------------------------------------------------- follow-ups list

pub fn fl_title(lang: Lang, shown: usize, open: usize) -> String {
    match shown == open {
        true => lang.pick(
            format!("Open follow-ups ({open})"),
            format!("Open follow-ups ({open})"),
        ),
        false => lang.pick(
            format!("Open follow-ups ({shown} van {open})"),
            format!("Open follow-ups ({shown} of {open})"),
        ),
    }
}
/// The columns: due date, how late, with whom, about which record, what.
pub fn fl_columns(lang: Lang) -> [&'static str; 5] {
    [
        lang.pick("Uiterlijk", "Due"),
        "",
        lang.pick("Met", "With"),
        lang.pick("Over", "About"),
        lang.pick("Wat", "What"),
    ]
}
/// How a due date stands to today: "3 dagen te laat", "vandaag", "over 4 d".
pub fn fl_when(lang: Lang, days_late: i64) -> String {
    match days_late {
        1 => lang.pick("1 dag te laat".into(), "1 day overdue".into()),
        d if d > 1 => lang.pick(format!("{d} dagen te laat"), format!("{d} days overdue")),
        0 => lang.pick("vandaag".into(), "today".into()),
        d => lang.pick(format!("over {} d", -d), format!("in {} d", -d)),
    }
}
pub fn fl_none(lang: Lang) -> &'static str {
    lang.pick("Geen open follow-ups.", "No open follow-ups.")
}
pub fn fl_none_match(lang: Lang) -> &'static str {
    lang.pick(
        "Geen open follow-up past bij het filter (Esc wist het).",
        "No open follow-up matches the filter (Esc clears it).",
    )
}

// ---------------------------------------------------------------- review

/// "totaal 214 d" in a review item's health line.
pub fn total_lower(lang: Lang) -> &'static str {
    lang.pick("totaal", "total")
}

pub fn nothing_to_review(lang: Lang) -> &'static str {
    lang.pick(
        "Geen vastgelopen uitzonderingen vandaag: niets te reviewen.",
        "No stalled exceptions today: nothing to review.",
    )
}
pub fn review_incomplete(lang: Lang, open: usize) -> String {
    lang.pick(
        format!("Dagafsluiting onvolledig ({open} open)."),
        format!("End-of-day review incomplete ({open} open)."),
    )
}
pub fn review_complete_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Volledig — Enter schrijft de dagafsluiting (notitie en Markdown-rapport).",
        "Complete — Enter writes the day's summary (note and Markdown report).",
    )
}
pub fn summary_exists(lang: Lang) -> &'static str {
    lang.pick(
        "De dagafsluiting van vandaag is al opgeslagen.",
        "Today's summary is saved already.",
    )
}
pub fn report_written(lang: Lang, title: &str, path: &str) -> String {
    lang.pick(
        format!("{title}; rapport: {path}"),
        format!("{title}; report: {path}"),
    )
}
pub fn report_removed(lang: Lang, undone: &str, path: &str) -> String {
    lang.pick(
        format!("{undone}; rapport verwijderd: {path}"),
        format!("{undone}; report removed: {path}"),
    )
}
pub fn report_not_removed(lang: Lang, undone: &str, why: &str) -> String {
    lang.pick(
        format!("{undone}, maar het rapport kon niet worden verwijderd: {why}"),
        format!("{undone}, but the report could not be removed: {why}"),
    )
}
pub fn report_failed(lang: Lang, title: &str, why: &str) -> String {
    lang.pick(
        format!("{title} opgeslagen, maar het rapport kon niet worden geschreven: {why}"),
        format!("{title} saved, but the report could not be written: {why}"),
    )
}
pub fn escalate_title(lang: Lang, number: &str) -> String {
    lang.pick(format!("{number} escaleren"), format!("Escalate {number}"))
}
/// The escalation form's request (not "Besluit": that is stage 6's name).
pub fn f_decision(lang: Lang) -> &'static str {
    lang.pick("Verzoek", "Request")
}
pub fn f_escalate_to(lang: Lang) -> &'static str {
    lang.pick("Escaleren naar", "Escalate to")
}
pub fn escalation_note(lang: Lang, decision: &str) -> String {
    lang.pick(
        format!("Besluit: escaleren. {decision}"),
        format!("Decision: escalate. {decision}"),
    )
}
pub fn escalation_subject(lang: Lang, number: &str, decision: &str) -> String {
    lang.pick(
        format!("Escalatie {number}: {decision}"),
        format!("Escalation {number}: {decision}"),
    )
}
pub fn escalated(lang: Lang, number: &str, to: &str, due: NaiveDate) -> String {
    lang.pick(
        format!(
            "{number} geëscaleerd naar {to}, follow-up uiterlijk {}",
            i18n::date(due)
        ),
        format!(
            "{number} escalated to {to}, follow-up due {}",
            i18n::date(due)
        ),
    )
}
pub fn review_progress(lang: Lang, at: usize, total: usize, open: usize) -> String {
    let state = if open == 0 {
        lang.pick("volledig".to_string(), "complete".to_string())
    } else {
        lang.pick(
            format!("onvolledig ({open} open)"),
            format!("incomplete ({open} open)"),
        )
    };
    format!("{at}/{total} · {state}")
}
pub fn done_today(lang: Lang, what: &str) -> String {
    lang.pick(
        format!("✓ vandaag gedaan: {what}"),
        format!("✓ done today: {what}"),
    )
}
pub fn not_done_today(lang: Lang) -> &'static str {
    lang.pick("○ nog geen actie vandaag", "○ no action yet today")
}
pub fn r_stage(lang: Lang, days: i64, limit: Option<u32>) -> String {
    match limit {
        Some(l) => lang.pick(
            format!("{days} dagen in fase (grens {l})"),
            format!("{days} days in stage (limit {l})"),
        ),
        None => lang.pick(
            format!("{days} dagen in fase"),
            format!("{days} days in stage"),
        ),
    }
}
pub fn r_last_notes(lang: Lang) -> &'static str {
    lang.pick("Laatste notities", "Last notes")
}
pub fn r_open_followups(lang: Lang) -> &'static str {
    lang.pick("Open follow-ups", "Open follow-ups")
}
pub fn r_arguments(lang: Lang) -> &'static str {
    lang.pick("Haakjes (de argumenten)", "Hooks (the arguments)")
}

// --------------------------------------------------------------- morning

pub fn m_title(lang: Lang) -> &'static str {
    lang.pick("Ochtendoverzicht", "Morning view")
}
pub fn m_followups(lang: Lang) -> &'static str {
    lang.pick(
        "Follow-ups vandaag en te laat",
        "Follow-ups due today and overdue",
    )
}
pub fn m_triage(lang: Lang) -> &'static str {
    lang.pick(
        "Triage: zaken die aandacht vragen",
        "Triage: cases that need attention",
    )
}
pub fn m_newly_stalled(lang: Lang, since: Option<NaiveDate>) -> String {
    match since {
        Some(d) => lang.pick(
            format!("Vastgelopen sinds de dagafsluiting van {}", i18n::date(d)),
            format!("Stalled since the review of {}", i18n::date(d)),
        ),
        None => lang.pick(
            "Vastgelopen (nog geen eerdere dagafsluiting)".into(),
            "Stalled (no earlier review yet)".into(),
        ),
    }
}
pub fn m_hint(lang: Lang) -> &'static str {
    lang.pick(
        "j/k kiezen · Enter openen · v follow-up gedaan · R herhalen · n notitie · r dagafsluiting · Esc naar de zaken",
        "j/k select · Enter open · v follow-up done · R repeat · n note · r review · Esc to the cases",
    )
}
pub fn m_summary(lang: Lang) -> &'static str {
    lang.pick("Laatste dagafsluiting", "Last end-of-day review")
}
/// The latest summary note's line in the morning view: its day, and
/// "yesterday" or "today" where that is what it is.
pub fn m_summary_line(lang: Lang, day: NaiveDate, today: NaiveDate) -> String {
    let when = match (today - day).num_days() {
        0 => lang.pick(" (vandaag)", " (today)"),
        1 => lang.pick(" (gisteren)", " (yesterday)"),
        _ => "",
    };
    lang.pick(
        format!(
            "Dagafsluiting {}{when} — Enter opent de samenvatting",
            i18n::date(day)
        ),
        format!(
            "End-of-day review {}{when} — Enter opens the summary",
            i18n::date(day)
        ),
    )
}
pub fn m_hooks(lang: Lang) -> &'static str {
    lang.pick(
        "Haakjes van open zaken die aflopen of afgelopen zijn",
        "Hooks of open cases that end soon or have ended",
    )
}
pub fn m_hook_ended(lang: Lang) -> String {
    lang.pick("afgelopen", "ended").to_string()
}
pub fn m_hook_ends(lang: Lang, days: i64) -> String {
    lang.pick(
        format!("loopt af over {days} d"),
        format!("ends in {days} d"),
    )
}

// ------------------------------------------------- Kennemer Inkoop Platform

pub fn tracks_title(lang: Lang) -> &'static str {
    lang.pick(
        "Certificeringstrajecten (Kennemer Inkoop Platform)",
        "Certification tracks (Kennemer Inkoop Platform)",
    )
}
pub fn no_tracks(lang: Lang) -> &'static str {
    lang.pick(
        "Geen open trajecten (n start er een).",
        "No open tracks (n starts one).",
    )
}
pub fn proposal(lang: Lang) -> &'static str {
    lang.pick(
        "voorstel: verlopen + follow-up selectiecommissie (x)",
        "proposal: expired + follow-up to the selection committee (x)",
    )
}
pub fn header_tracks(lang: Lang, overdue: usize, within_30: usize) -> String {
    lang.pick(
        format!("KIP: {overdue} verlopen, {within_30} ≤ 30 d"),
        format!("KIP: {overdue} overdue, {within_30} ≤ 30 d"),
    )
}
pub fn new_track_title(lang: Lang) -> &'static str {
    lang.pick("Nieuw certificeringstraject", "New certification track")
}
pub fn milestone_title(lang: Lang, n: &str) -> String {
    lang.pick(format!("Mijlpaal bij {n}"), format!("Milestone on {n}"))
}
pub fn close_track_title(lang: Lang, n: &str) -> String {
    lang.pick(format!("{n} afsluiten"), format!("Close {n}"))
}
pub fn f_aim(lang: Lang) -> &'static str {
    lang.pick("Doel", "Aim")
}
pub fn f_level(lang: Lang) -> &'static str {
    lang.pick("Trede / niveau", "Level")
}
pub fn f_admitted(lang: Lang) -> &'static str {
    lang.pick("Toegelaten op", "Admitted on")
}
pub fn f_milestone(lang: Lang) -> &'static str {
    lang.pick("Mijlpaal", "Milestone")
}
pub fn f_on(lang: Lang) -> &'static str {
    lang.pick("Datum", "Date")
}
pub fn f_score(lang: Lang) -> &'static str {
    lang.pick("Score (B Corp)", "Score (B Corp)")
}
pub fn bad_score(lang: Lang) -> &'static str {
    lang.pick(
        "De score is een heel getal, bijvoorbeeld 72.",
        "The score is a whole number, e.g. 72.",
    )
}
pub fn milestone_saved(lang: Lang, n: &str, what: &str) -> String {
    lang.pick(format!("{what} bij {n}"), format!("{what} on {n}"))
}
pub fn track_closed(lang: Lang, n: &str, outcome: &str) -> String {
    lang.pick(
        format!("{n} afgesloten: {outcome}"),
        format!("{n} closed: {outcome}"),
    )
}
pub fn edit_track_title(lang: Lang, n: &str) -> String {
    lang.pick(format!("{n} bewerken"), format!("Edit {n}"))
}
pub fn track_updated(lang: Lang, n: &str) -> String {
    lang.pick(
        format!("traject {n} bijgewerkt"),
        format!("track {n} updated"),
    )
}
pub fn track_saved(lang: Lang, n: &str) -> String {
    lang.pick(format!("traject {n} gestart"), format!("track {n} started"))
}
pub fn expiry_accepted(lang: Lang, n: &str, f: &str) -> String {
    lang.pick(
        format!("{n} verlopen; follow-up {f} aan de selectiecommissie"),
        format!("{n} expired; follow-up {f} to the selection committee"),
    )
}
pub fn confirm_expiry(lang: Lang, n: &str) -> String {
    lang.pick(
        format!("{n} afsluiten als verlopen en de selectiecommissie een follow-up sturen? (j/n)"),
        format!("Close {n} as expired and send the selection committee a follow-up? (y/n)"),
    )
}
pub fn sroi_title(lang: Lang) -> &'static str {
    lang.pick(
        "SROI-koppeling: koper ↔ ondernemer",
        "SROI matching: buyer ↔ entrepreneur",
    )
}
pub fn sroi_buyer(lang: Lang) -> &'static str {
    lang.pick("Koper (←/→): ", "Buyer (←/→): ")
}
pub fn sroi_prompt(lang: Lang) -> &'static str {
    lang.pick("Product of dienst: ", "Product or service: ")
}
pub fn sroi_obligation(lang: Lang) -> &'static str {
    lang.pick("SROI-verplichting", "SROI obligation")
}
pub fn sroi_none(lang: Lang) -> &'static str {
    lang.pick(
        "Geen ondernemer gevonden met dit product.",
        "No entrepreneur found with this product.",
    )
}
pub fn sroi_hint(lang: Lang) -> &'static str {
    lang.pick(
        "Enter: follow-up \"introductie koper ↔ ondernemer\" voor de gekozen ondernemer.",
        "Enter: follow-up \"introduction buyer ↔ entrepreneur\" for the chosen entrepreneur.",
    )
}
pub fn platform_status(lang: Lang, s: crate::domain::matching::PlatformStatus) -> &'static str {
    use crate::domain::matching::PlatformStatus::*;
    match s {
        Certified => lang.pick("gecertificeerd", "certified"),
        InTrack => lang.pick("in traject", "in a track"),
        Lapsed => lang.pick("traject verlopen", "track lapsed"),
        NotAdmitted => lang.pick("niet op het platform", "not on the platform"),
    }
}
pub fn no_buyers(lang: Lang) -> &'static str {
    lang.pick(
        "Er zijn geen kopers met een SROI-verplichting.",
        "There are no buyers with an SROI obligation.",
    )
}
pub fn chart_title(lang: Lang) -> &'static str {
    lang.pick(
        "Leeftijd van open uitzonderingen (dagen sinds aanvraag)",
        "Age of open exceptions (days since request)",
    )
}
pub fn chart_legend(lang: Lang) -> &'static str {
    lang.pick(
        "K kritiek · V vastgelopen · A aandacht · o ok · z gesnoozed",
        "C critical · S stalled · A attention · o ok · z snoozed",
    )
}

/// A chart row's figures in words: "3: 1 aandacht · 2 ok" (empty healths
/// left out), so a row reads without the legend.
pub fn chart_row_counts(
    lang: Lang,
    total: usize,
    counts: &[(crate::domain::ageing::Health, usize)],
) -> String {
    let words: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(h, n)| format!("{n} {}", i18n::health(lang, *h).to_lowercase()))
        .collect();
    match words.is_empty() {
        true => total.to_string(),
        false => format!("{total}: {}", words.join(" · ")),
    }
}

/// The chart's letter per exception, so it reads without colour: the first
/// letter of the health's name in the user's language (see [`chart_legend`]).
pub fn health_letter(lang: Lang, h: crate::domain::ageing::Health) -> &'static str {
    use crate::domain::ageing::Health::*;
    match h {
        Critical => lang.pick("K", "C"),
        Stalled => lang.pick("V", "S"),
        Attention => "A",
        Ok => "o",
        Snoozed => "z",
    }
}
pub fn m_tracks(lang: Lang) -> &'static str {
    lang.pick(
        "Certificering: verlopen, bijna verlopen en signalen",
        "Certification: overdue, due soon and flags",
    )
}

// ------------------------------------------------------------ working together

/// What a colleague did, for the status line: "Bram: notitie bij X05".
pub fn remote_change(lang: Lang, by: &str, kind: Kind, number: &str, on: Option<&str>) -> String {
    let what = i18n::domain::kind_name(kind, lang);
    match on {
        Some(on) => lang.pick(
            format!("{by}: {what} bij {on}"),
            format!("{by}: {what} on {on}"),
        ),
        None => lang.pick(
            format!("{by}: {what} {number} gewijzigd"),
            format!("{by}: {what} {number} changed"),
        ),
    }
}

/// A colleague removed a record (an undo of theirs, or forget).
pub fn remote_removal(lang: Lang, by: &str, number: &str) -> String {
    lang.pick(
        format!("{by}: {number} verwijderd"),
        format!("{by}: {number} removed"),
    )
}

/// The header's list of who else has the store open.
pub fn others_present(lang: Lang, others: &[String]) -> String {
    lang.pick(
        format!("ook open: {}", others.join(", ")),
        format!("also open: {}", others.join(", ")),
    )
}

pub fn server_lost(lang: Lang) -> &'static str {
    lang.pick(
        "Verbinding met de server van de opslag verbroken; mandaat maakt opnieuw verbinding. Niets is verloren.",
        "Lost the store's server; mandaat reconnects. Nothing is lost.",
    )
}

pub fn server_back(lang: Lang) -> &'static str {
    lang.pick(
        "De server van de opslag viel weg; mandaat is weer verbonden en heeft alles opnieuw gelezen. Niets is verloren.",
        "The store's server went away; mandaat is connected again and has read everything anew. Nothing is lost.",
    )
}

pub fn changed_while_starting(lang: Lang) -> &'static str {
    lang.pick(
        "De opslag veranderde terwijl mandaat startte; alles is opnieuw gelezen.",
        "The store changed while mandaat started; everything has been read anew.",
    )
}

/// The mark beside a record a colleague changed since you last opened it.
pub const CHANGED_MARK: &str = "•";
