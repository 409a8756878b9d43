//! What to tell the user when the store refuses or fails: what happened, and
//! what to do (naming the folder, the command to run). The store returns the
//! typed errors; this is the only place that words them.

use super::Lang;
use crate::store::StoreError;
use crate::store::backup::backup_dir;
use crate::store::export::{FORMAT, ImportError};

impl StoreError {
    /// What happened and what to do, naming the folder.
    pub fn message(&self, lang: Lang) -> String {
        use StoreError::*;
        match self {
            Stale { number, by, at } => lang.pick(
                format!(
                    "{by} heeft {number} op {} om {} gewijzigd, nadat u het \
                     opende. De nieuwe versie staat nu op het scherm; uw invoer is bewaard.",
                    super::date(at.date()),
                    at.format("%H:%M")
                ),
                format!(
                    "{by} changed {number} on {} at {}, after you opened it. \
                     The new version is on screen now; what you typed is kept.",
                    super::date(at.date()),
                    at.format("%H:%M")
                ),
            ),
            ServerGone { dir } => lang.pick(
                format!(
                    "De server van de opslag {} is weg en er kwam geen nieuwe; er is niets \
                     opgeslagen. Probeer het zo nog eens (of start er een met `mandaat serve`).",
                    dir.display()
                ),
                format!(
                    "The server of the store {} is gone and no new one came; nothing was \
                     saved. Try again in a moment (or start one with `mandaat serve`).",
                    dir.display()
                ),
            ),
            NotAllowed {
                dir,
                user,
                owner,
                group,
            } => match group {
                Some(group) => lang.pick(
                    format!(
                        "{user} mag de opslag {} niet gebruiken: die is van {owner} en gedeeld \
                         met de groep {group}. Vraag een beheerder u aan die groep toe te voegen.",
                        dir.display()
                    ),
                    format!(
                        "{user} may not use the store {}: it belongs to {owner} and is shared \
                         with the group {group}. Ask an administrator to add you to that group.",
                        dir.display()
                    ),
                ),
                None => lang.pick(
                    format!(
                        "{user} mag de opslag {} niet gebruiken: die is alleen van {owner}. \
                         Die kan hem delen met `mandaat serve --group GROEP`.",
                        dir.display()
                    ),
                    format!(
                        "{user} may not use the store {}: it is {owner}'s alone. They can \
                         share it with `mandaat serve --group GROUP`.",
                        dir.display()
                    ),
                ),
            },
            Protocol {
                dir,
                server_mandaat,
                update_client,
                ..
            } => match update_client {
                true => lang.pick(
                    format!(
                        "De server van de opslag {} draait een nieuwere mandaat ({server_mandaat}) \
                         dan deze ({}). Werk deze mandaat bij.",
                        dir.display(),
                        env!("CARGO_PKG_VERSION")
                    ),
                    format!(
                        "The server of the store {} runs a newer mandaat ({server_mandaat}) \
                         than this one ({}). Update this mandaat.",
                        dir.display(),
                        env!("CARGO_PKG_VERSION")
                    ),
                ),
                false => lang.pick(
                    format!(
                        "De server van de opslag {} draait een oudere mandaat ({server_mandaat}) \
                         dan deze ({}). Werk de mandaat van de server bij en start hem opnieuw.",
                        dir.display(),
                        env!("CARGO_PKG_VERSION")
                    ),
                    format!(
                        "The server of the store {} runs an older mandaat ({server_mandaat}) \
                         than this one ({}). Update the server's mandaat and restart it.",
                        dir.display(),
                        env!("CARGO_PKG_VERSION")
                    ),
                ),
            },
            Server { message, .. } => message.clone(),
            NotTheirs {
                dir,
                owner,
                group: Some(group),
            } => lang.pick(
                format!(
                    "De opslag {} is er wel, maar alleen voor {owner} en de groep {group}, \
                     waar u niet in zit. Vraag een beheerder u toe te voegen \
                     (`usermod -aG {group} NAAM`) en log opnieuw in.",
                    dir.display()
                ),
                format!(
                    "The store {} is there, but only for {owner} and the group {group}, \
                     which you are not in. Ask an administrator to add you \
                     (`usermod -aG {group} NAME`) and log in again.",
                    dir.display()
                ),
            ),
            NotTheirs {
                dir,
                owner,
                group: None,
            } => lang.pick(
                format!(
                    "De opslag {} is er wel, maar is van {owner} en niet met u gedeeld. \
                     {owner} kan hem delen met een groep waar u in zit: \
                     `mandaat --store {} serve --group GROEP`.",
                    dir.display(),
                    dir.display()
                ),
                format!(
                    "The store {} is there, but it belongs to {owner} and is not shared \
                     with you. {owner} can share it with a group you are in: \
                     `mandaat --store {} serve --group GROUP`.",
                    dir.display(),
                    dir.display()
                ),
            ),
            ServerRunning { dir } => lang.pick(
                format!(
                    "Er draait al een server voor de opslag {}; mandaat gebruikt die vanzelf.",
                    dir.display()
                ),
                format!(
                    "A server is already running for the store {}; mandaat uses it by itself.",
                    dir.display()
                ),
            ),
            NoSuchGroup { group } => lang.pick(
                format!(
                    "Er is geen groep {group} op deze machine. Maak hem met `groupadd {group}` \
                     en voeg de collega's toe met `usermod -aG {group} NAAM`."
                ),
                format!(
                    "There is no group {group} on this machine. Make it with `groupadd {group}` \
                     and add the colleagues with `usermod -aG {group} NAME`."
                ),
            ),
            Locked { dir, holder: None } => lang.pick(
                format!(
                    "Een andere mandaat heeft de opslag {} al open. Sluit die eerst \
                     (of kies een andere map met --store).",
                    dir.display()
                ),
                format!(
                    "Another mandaat already has the store {} open. Close it first \
                     (or choose another folder with --store).",
                    dir.display()
                ),
            ),
            Locked {
                dir,
                holder: Some(h),
            } => {
                let since = h.since.map_or_else(String::new, |t| {
                    lang.pick(
                        format!(" sinds {} {}", super::date(t.date()), t.format("%H:%M")),
                        format!(" since {} {}", super::date(t.date()), t.format("%H:%M")),
                    )
                });
                lang.pick(
                    format!(
                        "De opslag {} is in gebruik door {} (proces {}, `{}`){since}, dat hem \
                         niet met anderen deelt. Wacht tot dat klaar is of sluit het; \
                         daarna gebruikt mandaat de server van de opslag, zodat u samen \
                         kunt werken.",
                        dir.display(),
                        h.user,
                        h.pid,
                        h.command
                    ),
                    format!(
                        "The store {} is held by {} (process {}, `{}`){since}, which does not \
                         share it. Wait for it to finish or close it; after that mandaat uses \
                         the store's server, so you can work together.",
                        dir.display(),
                        h.user,
                        h.pid,
                        h.command
                    ),
                )
            }
            NotAStore { dir } => lang.pick(
                format!(
                    "De map {} is geen mandaat-opslag en is niet leeg; mandaat schrijft \
                     er niets in. Kies een lege of nieuwe map met --store.",
                    dir.display()
                ),
                format!(
                    "The folder {} is not a mandaat store and is not empty; mandaat \
                     writes nothing into it. Choose an empty or new folder with --store.",
                    dir.display()
                ),
            ),
            NotAFolder { dir } => lang.pick(
                format!(
                    "{} is een bestand, geen map. Geef met --store een map op (een nieuwe \
                     map maakt mandaat zelf aan).",
                    dir.display()
                ),
                format!(
                    "{} is a file, not a folder. Give a folder with --store (mandaat makes \
                     a new one itself).",
                    dir.display()
                ),
            ),
            Missing { dir } => lang.pick(
                format!(
                    "Er is geen opslag in {}. Maak er een met `mandaat seed-demo` of \
                     `mandaat import BESTAND`, of kies een andere map met --store.",
                    dir.display()
                ),
                format!(
                    "There is no store in {}. Make one with `mandaat seed-demo` or \
                     `mandaat import FILE`, or choose another folder with --store.",
                    dir.display()
                ),
            ),
            NoAccess { dir, source } => lang.pick(
                format!(
                    "mandaat mag niet schrijven in {} ({source}). mandaat heeft schrijfrechten \
                     op de map nodig, ook om alleen te lezen: het vergrendelt de opslag tegen \
                     een tweede mandaat. Geef uzelf rechten (chmod u+rwx) of kies een andere \
                     map met --store. Er is niets gewijzigd.",
                    dir.display()
                ),
                format!(
                    "mandaat may not write in {} ({source}). mandaat needs write access to \
                     the folder, also just to read: it locks the store against a second \
                     mandaat. Give yourself access (chmod u+rwx) or choose another folder \
                     with --store. Nothing was changed.",
                    dir.display()
                ),
            ),
            ReadOnly { dir, source } => lang.pick(
                format!(
                    "De schijf van {} is alleen-lezen ({source}). De opslag is niet \
                     beschadigd, maar mandaat moet er kunnen schrijven, ook om alleen te lezen: \
                     het vergrendelt de opslag tegen een tweede mandaat. Koppel de schijf met \
                     schrijfrechten aan, of kopieer de map naar een schrijfbare plek en kies \
                     die met --store. Er is niets gewijzigd of opgeslagen.",
                    dir.display()
                ),
                format!(
                    "The disk of {} is read-only ({source}). The store is not damaged, but \
                     mandaat must be able to write there, also just to read: it locks the \
                     store against a second mandaat. Mount the disk with write access, or \
                     copy the folder to a writable place and choose it with --store. Nothing \
                     was changed or saved.",
                    dir.display()
                ),
            ),
            NoSpace { dir, source } => lang.pick(
                format!(
                    "De schijf van {} is vol ({source}). Er is niets opgeslagen; de opslag is \
                     niet beschadigd en houdt alles wat eerder was opgeslagen. Maak ruimte vrij \
                     op de schijf en probeer het opnieuw.",
                    dir.display()
                ),
                format!(
                    "The disk of {} is full ({source}). Nothing was saved; the store is not \
                     damaged and keeps everything saved before. Free space on the disk and \
                     try again.",
                    dir.display()
                ),
            ),
            NoSpaceToCheck {
                dir,
                needed,
                available,
            } => {
                let mb = |bytes: u64| bytes.div_ceil(1 << 20).max(1);
                let free = mb(needed.saturating_sub(*available));
                lang.pick(
                    format!(
                        "Er is te weinig ruimte op de schijf van {} om de opslag te \
                         controleren. Na een onverwacht einde (of een volle schijf) controleert \
                         mandaat eerst een kopie van de opslag, en die heeft ongeveer {} MB \
                         nodig; er is {} MB vrij. Maak minstens {free} MB vrij en start \
                         opnieuw. De opslag is niet als beschadigd gevonden; er is niets \
                         gewijzigd.",
                        dir.display(),
                        mb(*needed),
                        available >> 20
                    ),
                    format!(
                        "There is too little space on the disk of {} to check the store. \
                         After an unexpected end (or a full disk) mandaat first checks a copy \
                         of the store, which needs about {} MB; {} MB is free. Free at least \
                         {free} MB and start again. The store was not found damaged; nothing \
                         was changed.",
                        dir.display(),
                        mb(*needed),
                        available >> 20
                    ),
                )
            }
            Unreadable { dir, detail } => lang.pick(
                format!(
                    "De opslag {} is niet te lezen ({detail}). Er is niets gewijzigd. \
                     Zet een reservekopie terug in een nieuwe map met `mandaat --store \
                     NIEUWE_MAP restore {}` (of een export met `import`), en bewaar deze \
                     map voor onderzoek.",
                    dir.display(),
                    backup_dir(dir).display()
                ),
                format!(
                    "The store {} cannot be read ({detail}). Nothing was changed. \
                     Restore a backup into a new folder with `mandaat --store NEW_FOLDER \
                     restore {}` (or an export with `import`), and keep this folder for \
                     inspection.",
                    dir.display(),
                    backup_dir(dir).display()
                ),
            ),
            FutureSchema {
                dir,
                found,
                supported,
            } => lang.pick(
                format!(
                    "De opslag {} is gemaakt door een nieuwere mandaat (schemaversie {found}, \
                     deze versie kent t/m {supported}). Er is niets gewijzigd; gebruik de \
                     nieuwere mandaat.",
                    dir.display()
                ),
                format!(
                    "The store {} was made by a newer mandaat (schema version {found}, this \
                     version knows up to {supported}). Nothing was changed; use the newer mandaat.",
                    dir.display()
                ),
            ),
            NotEmpty { dir } => lang.pick(
                format!(
                    "De opslag {} is niet leeg; er is niets gewijzigd. Importeer in een \
                     nieuwe map met --store.",
                    dir.display()
                ),
                format!(
                    "The store {} is not empty; nothing was changed. Import into a new \
                     folder with --store.",
                    dir.display()
                ),
            ),
            Invalid(problems) => {
                let mut s = lang
                    .pick(
                        "De gegevens kloppen niet; er is niets opgeslagen:",
                        "The data is not consistent; nothing was saved:",
                    )
                    .to_string();
                for p in problems {
                    s.push_str("\n  ");
                    s.push_str(&p.message(lang));
                }
                s
            }
            Conflict { number } => lang.pick(
                format!(
                    "Nummer {number} is al in gebruik door een ander record; er is niets opgeslagen."
                ),
                format!("Number {number} is already used by another record; nothing was saved."),
            ),
            Io { dir, source } => lang.pick(
                format!(
                    "Fout bij het lezen of schrijven van {}: {source}. Controleer of de schijf \
                     vol is en of u rechten op de map hebt.",
                    dir.display()
                ),
                format!(
                    "Error reading or writing {}: {source}. Check whether the disk is full \
                     and you have rights on the folder.",
                    dir.display()
                ),
            ),
            Sled { dir, source } => lang.pick(
                format!(
                    "De opslag {} gaf een fout: {source}. De laatste wijziging is mogelijk niet \
                     bewaard; maak een export (`mandaat export`) en start mandaat opnieuw.",
                    dir.display()
                ),
                format!(
                    "The store {} reported an error: {source}. The last change may not have \
                     been kept; make an export (`mandaat export`) and restart mandaat.",
                    dir.display()
                ),
            ),
        }
    }
}

impl ImportError {
    /// What is wrong with the file and where; the store was not touched.
    pub fn message(&self, lang: Lang) -> String {
        use ImportError::*;
        let what = match self {
            Empty => lang
                .pick("Het bestand is leeg.", "The file is empty.")
                .to_string(),
            TooLarge { size, limit } => lang.pick(
                format!("Het bestand is te groot ({size} bytes, hoogstens {limit})."),
                format!("The file is too large ({size} bytes, at most {limit})."),
            ),
            NotUtf8 { offset, line } => lang.pick(
                format!("Het bestand is geen geldige UTF-8-tekst: byte {offset} (regel {line})."),
                format!("The file is not valid UTF-8 text: byte {offset} (line {line})."),
            ),
            NotJson {
                line,
                column,
                detail,
            } => lang.pick(
                format!(
                    "Het bestand is geen geldige JSON: regel {line}, kolom {column}: {detail}."
                ),
                format!("The file is not valid JSON: line {line}, column {column}: {detail}."),
            ),
            Truncated { line, column } => lang.pick(
                format!(
                    "Het bestand houdt halverwege op (regel {line}, kolom {column}); is het \
                     volledig gekopieerd?"
                ),
                format!(
                    "The file ends half-way (line {line}, column {column}); was it copied \
                     completely?"
                ),
            ),
            WrongFormat(found) if found.is_empty() => lang
                .pick(
                    "Dit is geen mandaat-export: het veld \"format\" ontbreekt.",
                    "This is not a mandaat export: the field \"format\" is missing.",
                )
                .to_string(),
            WrongFormat(found) => lang.pick(
                format!(
                    "Dit is geen mandaat-export: \"format\" is {found}, verwacht \"{FORMAT}\"."
                ),
                format!(
                    "This is not a mandaat export: \"format\" is {found}, expected \"{FORMAT}\"."
                ),
            ),
            FutureVersion { found, supported } => lang.pick(
                format!(
                    "Het bestand komt van een nieuwere mandaat (schema_version {found}, deze \
                     versie kent t/m {supported}). Importeer het met die nieuwere versie."
                ),
                format!(
                    "The file comes from a newer mandaat (schema_version {found}, this version \
                     knows up to {supported}). Import it with that newer version."
                ),
            ),
            OldVersion { found, supported } => lang.pick(
                format!(
                    "schema_version {found} is onbekend; deze mandaat leest versie {supported}."
                ),
                format!(
                    "schema_version {found} is unknown; this mandaat reads version {supported}."
                ),
            ),
            Format {
                path,
                line,
                column,
                detail,
            } => lang.pick(
                format!("Fout bij {path} (regel {line}, kolom {column}): {detail}."),
                format!("Error at {path} (line {line}, column {column}): {detail}."),
            ),
            Store(e) => return e.message(lang),
            Invalid(problems) => {
                let mut s = lang
                    .pick("De gegevens kloppen niet:", "The data is not consistent:")
                    .to_string();
                for p in problems {
                    s.push_str("\n  ");
                    s.push_str(&p.message(lang));
                }
                s
            }
        };
        let nothing = lang.pick("Er is niets geïmporteerd.", "Nothing was imported.");
        format!("{what}\n{nothing}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn permission_denied_asks_for_write_access_not_a_backup() {
        let err = StoreError::NoAccess {
            dir: PathBuf::from("/srv/alleen-lezen"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        let nl = err.message(Lang::Nl);
        assert!(nl.contains("schrijfrechten"), "{nl}");
        assert!(nl.contains("/srv/alleen-lezen"), "{nl}");
        assert!(!nl.contains("reservekopie"), "{nl}");
        assert!(err.message(Lang::En).contains("needs write access"));
    }

    /// Each fault of the file system is said as itself; only damage sends
    /// the user to a backup.
    #[test]
    fn faults_of_the_disk_are_told_apart_and_never_send_to_a_backup() {
        let dir = std::path::Path::new("/srv/opslag");
        let cases = [
            (libc::EROFS, "alleen-lezen", "read-only"),
            (libc::ENOSPC, "is vol", "is full"),
            (libc::EDQUOT, "is vol", "is full"),
            (libc::EACCES, "schrijfrechten", "write access"),
            (libc::EPERM, "schrijfrechten", "write access"),
        ];
        for (errno, nl_word, en_word) in cases {
            let err = StoreError::io(dir, std::io::Error::from_raw_os_error(errno));
            let (nl, en) = (err.message(Lang::Nl), err.message(Lang::En));
            assert!(
                nl.contains(nl_word) && nl.contains("/srv/opslag"),
                "{errno}: {nl}"
            );
            assert!(en.contains(en_word), "{errno}: {en}");
            for text in [&nl, &en] {
                assert!(
                    !text.contains("restore") && !text.contains("reservekopie"),
                    "{text}"
                );
            }
        }
        let sled = StoreError::sled(
            dir,
            sled::Error::Io(std::io::Error::from_raw_os_error(libc::ENOSPC)),
        );
        assert!(matches!(sled, StoreError::NoSpace { .. }), "{sled:?}");
    }

    #[test]
    fn too_little_space_to_check_names_what_to_free_not_a_backup() {
        let err = StoreError::NoSpaceToCheck {
            dir: PathBuf::from("/srv/opslag"),
            needed: 160 << 20,
            available: 40 << 20,
        };
        let nl = err.message(Lang::Nl);
        assert!(nl.contains("minstens 120 MB vrij"), "{nl}");
        assert!(
            !nl.contains("reservekopie") && !nl.contains("restore"),
            "{nl}"
        );
        let en = err.message(Lang::En);
        assert!(en.contains("Free at least 120 MB"), "{en}");
        assert!(
            !en.contains("damaged and") && en.contains("not found damaged"),
            "{en}"
        );
    }
}
