//! What the headless commands print: confirmations, refusals, prompts and the
//! lines around the listings, Dutch and English side by side.

use super::Lang;
use crate::i18n;
use std::fmt::Display;

pub fn unknown_option(lang: Lang, arg: impl Display) -> String {
    lang.pick(
        format!("onbekende optie '{arg}'"),
        format!("unknown option '{arg}'"),
    )
}

pub fn unknown_command(lang: Lang, sub: impl Display) -> String {
    lang.pick(
        format!("onbekende opdracht '{sub}'"),
        format!("unknown command '{sub}'"),
    )
}

pub fn invalid_value_why(lang: Lang, arg: impl Display, why: impl Display) -> String {
    lang.pick(
        format!("ongeldige waarde voor {arg}: {why}"),
        format!("invalid value for {arg}: {why}"),
    )
}

pub fn invalid_value(lang: Lang, value: impl Display, arg: impl Display) -> String {
    lang.pick(
        format!("ongeldige waarde '{value}' voor {arg}"),
        format!("invalid value '{value}' for {arg}"),
    )
}

pub fn choose_from(lang: Lang, valid: impl Display) -> String {
    lang.pick(
        format!(" (kies uit {valid})"),
        format!(" (choose from {valid})"),
    )
}

pub fn is_missing(lang: Lang, arg: impl Display) -> String {
    lang.pick(format!("{arg} ontbreekt"), format!("{arg} is missing"))
}

pub fn cannot_be_used_with(lang: Lang, arg: impl Display, prior: impl Display) -> String {
    lang.pick(
        format!("{arg} gaat niet samen met {prior}"),
        format!("{arg} cannot be used with {prior}"),
    )
}

pub fn wrong_number_of_values_for(lang: Lang, arg: impl Display) -> String {
    lang.pick(
        format!("verkeerd aantal waarden voor {arg}"),
        format!("wrong number of values for {arg}"),
    )
}

pub fn command_line_wrong(lang: Lang) -> &'static str {
    lang.pick(
        "de opdrachtregel klopt niet",
        "the command line is not right",
    )
}

pub fn see_help(lang: Lang, what: impl Display) -> String {
    lang.pick(
        format!("{what}. Zie `mandaat --help`."),
        format!("{what}. See `mandaat --help`."),
    )
}

pub fn closed(lang: Lang) -> &'static str {
    lang.pick("Gesloten", "Closed")
}

pub fn no_open_procurement_exceptions(lang: Lang) -> &'static str {
    lang.pick(
        "Geen open inkoopuitzonderingen.",
        "No open procurement exceptions.",
    )
}

pub fn until(lang: Lang) -> &'static str {
    lang.pick("tot", "until")
}

pub fn end_of_day_review(lang: Lang) -> &'static str {
    lang.pick("Dagafsluiting", "End-of-day review")
}

pub fn no_stalled_exceptions(lang: Lang) -> &'static str {
    lang.pick("geen vastgelopen uitzonderingen", "no stalled exceptions")
}

pub fn complete(lang: Lang) -> &'static str {
    lang.pick("volledig", "complete")
}

pub fn incomplete(lang: Lang) -> &'static str {
    lang.pick("onvolledig", "incomplete")
}

pub fn done(lang: Lang) -> &'static str {
    lang.pick("gedaan", "done")
}

pub fn open(lang: Lang) -> &'static str {
    lang.pick("open", "open")
}

pub fn triage_idle(lang: Lang, days: impl Display) -> String {
    lang.pick(
        format!("{days} d stil, wacht op gemeente"),
        format!("idle {days} d, waiting on municipality"),
    )
}

pub fn triage_old_blocker(lang: Lang, keyword: impl Display, days: impl Display) -> String {
    lang.pick(
        format!("blokkade {keyword} {days} d oud"),
        format!("blocker {keyword} {days} d old"),
    )
}

pub fn no_open_cases(lang: Lang) -> &'static str {
    lang.pick("Geen open zaken.", "No open cases.")
}

pub fn cases_summary(lang: Lang, open: usize, triage: impl Display) -> String {
    lang.pick(
        format!(
            "{}, {triage} in de ochtendtriage",
            i18n::count(open, "open zaak", "open zaken")
        ),
        format!(
            "{}, {triage} in morning triage",
            i18n::count(open, "open case", "open cases")
        ),
    )
}

pub fn no_open_certification_tracks(lang: Lang) -> &'static str {
    lang.pick(
        "Geen open certificeringstrajecten.",
        "No open certification tracks.",
    )
}

pub fn expiry_proposal(
    lang: Lang,
    number: impl Display,
    days_overdue: impl Display,
    selection_committee: impl Display,
) -> String {
    lang.pick(
        format!("Voorstel {number}: het jaar is {days_overdue} d voorbij — zet het traject op verlopen en leg een follow-up bij de {selection_committee}."),
        format!("Proposal {number}: the year ended {days_overdue} d ago — close the track as expired and follow up with the {selection_committee}."),
    )
}

pub fn tracks_summary(
    lang: Lang,
    open: usize,
    overdue: impl Display,
    within_30: impl Display,
    flagged: impl Display,
) -> String {
    let nl = i18n::count(open, "open traject", "open trajecten");
    let en = i18n::count(open, "open track", "open tracks");
    lang.pick(
        format!("{nl}: {overdue} verlopen, {within_30} binnen 30 dagen, {flagged} met een signaal"),
        format!("{en}: {overdue} overdue, {within_30} within 30 days, {flagged} flagged"),
    )
}

pub fn certified(lang: Lang) -> &'static str {
    lang.pick("Gecertificeerd", "Certified")
}

pub fn in_track(lang: Lang, number: impl Display, warning: impl Display) -> String {
    lang.pick(
        format!("In traject {number} ({warning})"),
        format!("In track {number} ({warning})"),
    )
}

pub fn track_ended(lang: Lang) -> &'static str {
    lang.pick("Traject afgelopen", "Track ended")
}

pub fn not_admitted(lang: Lang) -> &'static str {
    lang.pick("Niet toegelaten", "Not admitted")
}

pub fn not_an_organisation_number(lang: Lang, number: impl Display) -> String {
    lang.pick(
        format!(
            "'{number}' is geen organisatienummer; geef de koper als bijvoorbeeld --buyer O27."
        ),
        format!(
            "'{number}' is not an organisation number; give the buyer as for example --buyer O27."
        ),
    )
}

pub fn no_such_buyer(lang: Lang, wanted: impl Display) -> String {
    lang.pick(
        format!(
            "{wanted} bestaat niet in deze opslag; de kopers van de demo zijn O27, O28 en O29."
        ),
        format!("{wanted} does not exist in this store; the demo's buyers are O27, O28 and O29."),
    )
}

pub fn give_a_product(lang: Lang) -> &'static str {
    lang.pick("Geef een product of dienst om op te zoeken, bijvoorbeeld: mandaat sroi catering --buyer O28", "Give a product or service to look up, for example: mandaat sroi catering --buyer O28")
}

pub fn unknown(lang: Lang) -> &'static str {
    lang.pick("onbekend", "unknown")
}

pub fn buyer_sroi_obligation(
    lang: Lang,
    obligation: impl Display,
    number: impl Display,
    name: impl Display,
) -> String {
    lang.pick(
        format!("Koper {number} {name} — SROI-verplichting {obligation}"),
        format!("Buyer {number} {name} — SROI obligation {obligation}"),
    )
}

pub fn no_entrepreneurs_for(lang: Lang, query: impl Display) -> String {
    lang.pick(
        format!("Geen ondernemers met een product of dienst als \"{query}\"."),
        format!("No entrepreneurs with a product or service like \"{query}\"."),
    )
}

pub fn nothing_changed_confirm_with_yes(lang: Lang) -> &'static str {
    lang.pick(
        "Er is niets gewijzigd: bevestig met --yes (er is geen terminal om het te vragen).",
        "Nothing was changed: confirm with --yes (there is no terminal to ask).",
    )
}

pub fn yes_no(lang: Lang) -> &'static str {
    lang.pick("[j/N] ", "[y/N] ")
}

pub fn backup_not_made(lang: Lang, why: impl Display) -> String {
    lang.pick(
        format!("Waarschuwing: de reservekopie van vandaag is niet gemaakt. {why}"),
        format!("Warning: today's backup was not made. {why}"),
    )
}

pub fn no_backups(lang: Lang, dir: impl Display) -> String {
    lang.pick(
        format!(
            "Er zijn geen reservekopieën in {dir}; geef het bestand op: mandaat restore BESTAND."
        ),
        format!("There are no backups in {dir}; name the file: mandaat restore FILE."),
    )
}

pub fn later_backups_passed_over(lang: Lang, today: impl Display, later: impl Display) -> String {
    lang.pick(
        format!(
            "Overgeslagen, want gedateerd na vandaag ({today}): {later}. Zet zo'n kopie alleen \
             bewust terug: mandaat restore BESTAND."
        ),
        format!(
            "Passed over, as dated after today ({today}): {later}. Restore such a backup only \
             on purpose: mandaat restore FILE."
        ),
    )
}

pub fn only_later_backups(
    lang: Lang,
    dir: impl Display,
    today: impl Display,
    later: impl Display,
) -> String {
    lang.pick(
        format!(
            "Er is niets teruggezet: de reservekopieën in {dir} zijn alle gedateerd na vandaag \
             ({today}): {later}. Is dat de goede, geef hem dan op: mandaat restore BESTAND."
        ),
        format!(
            "Nothing was restored: the backups in {dir} are all dated after today ({today}): \
             {later}. If that is the right one, name it: mandaat restore FILE."
        ),
    )
}

pub fn file_refused(lang: Lang, file: impl Display, why: impl Display) -> String {
    lang.pick(
        format!("{file} is geweigerd: {why}"),
        format!("{file} was refused: {why}"),
    )
}

pub fn cannot_read_because(lang: Lang, e: impl Display, file: impl Display) -> String {
    lang.pick(
        format!("kan {file} niet lezen: {e}"),
        format!("cannot read {file}: {e}"),
    )
}

pub fn confirm_restore(lang: Lang, total: usize, file: impl Display, dir: impl Display) -> String {
    lang.pick(
        format!(
            "{file} ({}) terugzetten in {dir}?",
            i18n::count(total, "record", "records")
        ),
        format!(
            "Restore {file} ({}) into {dir}?",
            i18n::count(total, "record", "records")
        ),
    )
}

pub fn not_restored(lang: Lang) -> &'static str {
    lang.pick("Niet teruggezet.", "Not restored.")
}

pub fn restored(lang: Lang, total: usize, file: impl Display, dir: impl Display) -> String {
    lang.pick(
        format!(
            "{} teruggezet uit {file} in {dir}.",
            i18n::count(total, "record", "records")
        ),
        format!(
            "{} restored from {file} into {dir}.",
            i18n::count(total, "record", "records")
        ),
    )
}

pub fn no_organisation_found(lang: Lang, query: impl Display) -> String {
    lang.pick(
        format!("Geen organisatie gevonden voor '{query}'; geef het nummer (bijvoorbeeld O06) of de naam."),
        format!("No organisation found for '{query}'; give its number (e.g. O06) or its name."),
    )
}

pub fn several_organisations(lang: Lang, query: impl Display, list: impl Display) -> String {
    lang.pick(
        format!("'{query}' past bij meer organisaties: {list}. Geef het nummer."),
        format!("'{query}' matches several organisations: {list}. Give the number."),
    )
}

pub fn confirm_forget(
    lang: Lang,
    number: impl Display,
    name: impl Display,
    numbers: impl Display,
    list: impl Display,
) -> String {
    lang.pick(
        format!(
            "{number} {name} en alles over hen ({numbers} records: {list}) definitief verwijderen?"
        ),
        format!(
            "Remove {number} {name} and everything about them ({numbers} records: {list}) for good?"
        ),
    )
}

pub fn nothing_removed(lang: Lang) -> &'static str {
    lang.pick("Niets verwijderd.", "Nothing removed.")
}

pub fn forgotten(
    lang: Lang,
    number: impl Display,
    name: impl Display,
    numbers: impl Display,
    list: impl Display,
) -> String {
    lang.pick(
        format!("{number} {name} vergeten: {numbers} records verwijderd ({list})."),
        format!("{number} {name} forgotten: {numbers} records removed ({list})."),
    )
}

/// What replaces a forgotten name in the day reports.
pub fn forgotten_mark(lang: Lang) -> &'static str {
    lang.pick("[vergeten]", "[forgotten]")
}

pub fn reports_scrubbed(lang: Lang, files: usize, folder: impl Display) -> String {
    lang.pick(
        format!(
            "Dagrapporten in {folder}: in {files} de naam en gegevens vervangen door [vergeten]."
        ),
        format!(
            "Day reports in {folder}: the name and details replaced by [forgotten] in {files}."
        ),
    )
}

pub fn reports_not_scrubbed(lang: Lang, error: impl Display, folder: impl Display) -> String {
    lang.pick(
        format!("De dagrapporten in {folder} konden niet worden aangepast ({error}); ze noemen hen misschien nog. Pas ze met de hand aan."),
        format!("The day reports in {folder} could not be changed ({error}); they may still name them. Change them by hand."),
    )
}

pub fn backups_still_hold(lang: Lang, backup_dir: impl Display, keep: impl Display) -> String {
    lang.pick(
        format!("De reservekopieën in {backup_dir} (ook die van vandaag, van vóór het vergeten) bevatten hen nog tot ze verlopen: mandaat bewaart er {keep}. Verwijder die bestanden om hen meteen overal kwijt te zijn."),
        format!("The backups in {backup_dir} (today's too, made before the forget) still hold them until they age out: mandaat keeps {keep}. Delete those files to have them gone everywhere at once."),
    )
}

pub fn store_rewritten(lang: Lang, dir: impl Display) -> String {
    lang.pick(
        format!(
            "Opslag {dir} herschreven: geen oude versie van verwijderde gegevens staat er nog in."
        ),
        format!("Store {dir} rewritten: no old version of removed data is left in it."),
    )
}

pub fn rewrite_needs_the_store_alone(lang: Lang, dir: impl Display) -> String {
    lang.pick(
        format!("Verwijderd, maar de opslag {dir} is nu via de opslagserver open (andere dashboards), dus kan hij niet worden herschreven: oude versies staan nog in het opslagbestand. Sluit de andere dashboards (of stop `mandaat serve`) en draai `mandaat forget --compact`."),
        format!("Removed, but the store {dir} is open through its store server (other dashboards), so it cannot be rewritten: old versions are still in the store file. Close the other dashboards (or stop `mandaat serve`) and run `mandaat forget --compact`."),
    )
}

pub fn rewrite_failed(lang: Lang, dir: impl Display, error: impl Display) -> String {
    lang.pick(
        format!("De opslag {dir} kon niet worden herschreven ({error}); oude versies van verwijderde gegevens staan misschien nog in het opslagbestand. Draai `mandaat forget --compact` opnieuw."),
        format!("The store {dir} could not be rewritten ({error}); old versions of removed data may still be in the store file. Run `mandaat forget --compact` again."),
    )
}

pub fn not_empty_for_demo(lang: Lang, dir: impl Display) -> String {
    lang.pick(
        format!("De opslag {dir} is niet leeg; de demo gaat alleen in een lege opslag. Kies een nieuwe map met --store, of gebruik `mandaat --demo`."),
        format!("The store {dir} is not empty; the demo only goes into an empty store. Choose a new folder with --store, or use `mandaat --demo`."),
    )
}

/// What `seed-demo` saved, for its confirmation line.
pub struct Seeded<'a> {
    pub dir: &'a std::path::Path,
    pub today: chrono::NaiveDate,
    pub cases: usize,
    pub exceptions: usize,
    pub followups: usize,
    pub notes: usize,
    pub tracks: usize,
    pub keywords: usize,
    pub departments: usize,
}

pub fn demo_saved(lang: Lang, s: &Seeded) -> String {
    let (dir, today) = (s.dir.display(), s.today);
    let (case, exception, followup, note, track) =
        (s.cases, s.exceptions, s.followups, s.notes, s.tracks);
    lang.pick(
        format!("Demogegevens opgeslagen in {dir} (vandaag = {today}): {case} zaken, {exception} uitzonderingen, {followup} follow-ups, {note} notities, {track} certificeringstrajecten."),
        format!("Demo data saved in {dir} (today = {today}): {case} cases, {exception} exceptions, {followup} follow-ups, {note} notes, {track} certification tracks."),
    )
}

pub fn not_empty_for_region(lang: Lang, dir: impl Display) -> String {
    lang.pick(
        format!("De opslag {dir} is niet leeg; regiogegevens gaan alleen in een nieuwe, lege opslag. Kies een nieuwe map met --store, bijvoorbeeld: mandaat --store regio seed-demo --scale region"),
        format!("The store {dir} is not empty; region data only goes into a new, empty store. Choose a new folder with --store, for example: mandaat --store region seed-demo --scale region"),
    )
}

pub fn region_saved(lang: Lang, s: &Seeded, seed: u64) -> String {
    let (dir, today) = (s.dir.display(), s.today);
    let (cases, exceptions, followups, notes, tracks) =
        (s.cases, s.exceptions, s.followups, s.notes, s.tracks);
    let (keywords, departments) = (s.keywords, s.departments);
    lang.pick(
        format!("Demo- en regiogegevens opgeslagen in {dir} (vandaag = {today}, --seed {seed}): {cases} zaken, {exceptions} uitzonderingen, {followups} follow-ups, {notes} notities, {keywords} trefwoorden in {departments} afdelingen, {tracks} certificeringstrajecten."),
        format!("Demo and region data saved in {dir} (today = {today}, --seed {seed}): {cases} cases, {exceptions} exceptions, {followups} follow-ups, {notes} notes, {keywords} keywords in {departments} departments, {tracks} certification tracks."),
    )
}

pub fn empty_note(lang: Lang) -> &'static str {
    lang.pick("Een lege notitie bewaar ik niet: geef tekst mee, bijvoorbeeld: mandaat note X05 \"Koen gebeld\"", "An empty note is not kept: give some text, e.g. mandaat note X05 \"Called Koen\"")
}

/// The note text was refused: `why` comes from [`super::domain::forbidden_char`].
pub fn note_text_refused(lang: Lang, why: &str) -> String {
    lang.pick(
        format!("Notitie niet bewaard: de tekst {why}."),
        format!("Note not kept: the text {why}."),
    )
}

pub fn not_a_record_number(lang: Lang, number: impl Display) -> String {
    lang.pick(
        format!("'{number}' is geen nummer; gebruik bijvoorbeeld C07, X05 of F02."),
        format!("'{number}' is not a number; use for example C07, X05 or F02."),
    )
}

pub fn no_such_record(lang: Lang, wanted: impl Display) -> String {
    lang.pick(
        format!("{wanted} bestaat niet in deze opslag; `mandaat cases` en `mandaat exceptions` tonen de nummers."),
        format!("{wanted} does not exist in this store; `mandaat cases` and `mandaat exceptions` list the numbers."),
    )
}

pub fn saved_on(lang: Lang, note_number: impl Display, number: impl Display) -> String {
    lang.pick(
        format!("{note_number} opgeslagen bij {number}."),
        format!("{note_number} saved on {number}."),
    )
}

pub fn file_exists(lang: Lang, path: impl Display) -> String {
    lang.pick(
        format!("{path} bestaat al; kies een andere naam of gebruik --force om te overschrijven."),
        format!("{path} already exists; choose another name or use --force to overwrite."),
    )
}

pub fn cannot_write(lang: Lang, path: impl Display) -> String {
    lang.pick(
        format!("kan {path} niet schrijven"),
        format!("cannot write {path}"),
    )
}

pub fn export_written(lang: Lang, path: impl Display, bytes: impl Display) -> String {
    lang.pick(
        format!("Export geschreven naar {path} ({bytes} bytes)."),
        format!("Export written to {path} ({bytes} bytes)."),
    )
}

pub fn cannot_read(lang: Lang, file: impl Display) -> String {
    lang.pick(
        format!("kan {file} niet lezen"),
        format!("cannot read {file}"),
    )
}

pub fn imported(lang: Lang, total: usize, dir: impl Display) -> String {
    lang.pick(
        format!(
            "{} geïmporteerd in {dir}.",
            i18n::count(total, "record", "records")
        ),
        format!(
            "{} imported into {dir}.",
            i18n::count(total, "record", "records")
        ),
    )
}

pub fn store_is_in_order(lang: Lang, dir: impl Display) -> String {
    lang.pick(
        format!("Opslag {dir} is in orde."),
        format!("Store {dir} is in order."),
    )
}

pub fn problems_found(lang: Lang, problems: usize, dir: impl Display) -> String {
    lang.pick(
        format!("{} in {dir}. Zet zo nodig een export terug in een nieuwe map (mandaat --store NIEUW import BESTAND).", i18n::count(problems, "probleem", "problemen")),
        format!("{} in {dir}. If needed, restore an export into a new folder (mandaat --store NEW import FILE).", i18n::count(problems, "problem", "problems")),
    )
}

pub fn give_a_keyword(lang: Lang) -> &'static str {
    lang.pick(
        "Geef een trefwoord om op te zoeken, bijvoorbeeld: mandaat owner loonkostensubsidie",
        "Give a keyword to look up, for example: mandaat owner loonkostensubsidie",
    )
}

pub fn no_owner_found(lang: Lang, query: impl Display) -> String {
    lang.pick(
        format!("Geen eigenaar gevonden voor \"{query}\" — leg het voor in het kernteam."),
        format!("No owner found for \"{query}\" — raise it in the kernteam."),
    )
}

pub fn primary(lang: Lang) -> &'static str {
    lang.pick("primair", "primary")
}

pub fn secondary(lang: Lang) -> &'static str {
    lang.pick("secundair", "secondary")
}

pub fn exact(lang: Lang) -> &'static str {
    lang.pick("exact", "exact")
}

pub fn prefix(lang: Lang) -> &'static str {
    lang.pick("begin", "prefix")
}

pub fn fuzzy(lang: Lang) -> &'static str {
    lang.pick("lijkt op", "fuzzy")
}

pub fn keyword(lang: Lang) -> &'static str {
    lang.pick("trefwoord", "keyword")
}

pub fn no_liaison(lang: Lang) -> &'static str {
    lang.pick(
        "geen — eigen team van de aanjagers",
        "none — the aanjagers' own team",
    )
}

pub fn liaison(lang: Lang) -> &'static str {
    lang.pick("kernteamlid", "liaison")
}

pub fn on_their_plate(lang: Lang) -> &'static str {
    lang.pick("nu op het bord", "on their plate")
}

pub fn open_blocker(lang: Lang) -> &'static str {
    lang.pick("open blokkade", "open blocker")
}

pub fn open_blockers(lang: Lang) -> &'static str {
    lang.pick("open blokkades", "open blockers")
}

pub fn exceptions(lang: Lang) -> &'static str {
    lang.pick("uitzonderingen", "exceptions")
}

/// `mandaat serve` starting, on stderr.
pub fn serving(
    lang: Lang,
    dir: &std::path::Path,
    socket: &std::path::Path,
    group: Option<&str>,
) -> String {
    match group {
        Some(g) => lang.pick(
            format!(
                "mandaat bedient de opslag {} via {} voor u en de groep {g}; Ctrl-C stopt.",
                dir.display(),
                socket.display()
            ),
            format!(
                "mandaat serves the store {} through {} for you and the group {g}; Ctrl-C stops.",
                dir.display(),
                socket.display()
            ),
        ),
        None => lang.pick(
            format!(
                "mandaat bedient de opslag {} via {}; Ctrl-C stopt.",
                dir.display(),
                socket.display()
            ),
            format!(
                "mandaat serves the store {} through {}; Ctrl-C stops.",
                dir.display(),
                socket.display()
            ),
        ),
    }
}
