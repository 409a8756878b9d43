//! What can go wrong with the store, and what to tell the user about it.

use crate::domain::integrity::Problem;
use crate::i18n::Lang;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process (another `mandaat`) has the store open.
    #[error("store {dir:?} is locked by another process")]
    Locked { dir: PathBuf },
    /// The folder holds something other than a mandaat store; we never write to it.
    #[error("{dir:?} is not a mandaat store")]
    NotAStore { dir: PathBuf },
    /// The path given as the store is a file, not a folder.
    #[error("{dir:?} is a file, not a folder")]
    NotAFolder { dir: PathBuf },
    /// A command that only reads found no store; it does not make one.
    #[error("there is no store in {dir:?}")]
    Missing { dir: PathBuf },
    /// The folder (or its parent) may not be written; sled needs that even to
    /// read, because it locks the store.
    #[error("no write access to {dir:?}: {source}")]
    NoAccess {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// sled could not open the store, or a record in it cannot be decoded.
    #[error("store {dir:?} cannot be read: {detail}")]
    Unreadable { dir: PathBuf, detail: String },
    /// Written by a newer mandaat; left untouched.
    #[error("store {dir:?} has schema version {found}, this mandaat supports up to {supported}")]
    FutureSchema {
        dir: PathBuf,
        found: u32,
        supported: u32,
    },
    /// `replace_all` (import, seed) only fills an empty store.
    #[error("store {dir:?} is not empty")]
    NotEmpty { dir: PathBuf },
    /// The data breaks the integrity rules; nothing was written.
    #[error("the data has {} integrity problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    /// The number is already used by another record; nothing was written.
    #[error("number {number} is already used by another record")]
    Conflict { number: String },
    #[error("file system error on {dir:?}: {source}")]
    Io {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("database error in {dir:?}: {source}")]
    Sled {
        dir: PathBuf,
        #[source]
        source: sled::Error,
    },
}

impl StoreError {
    /// What happened and what to do, naming the folder.
    pub fn message(&self, lang: Lang) -> String {
        use StoreError::*;
        match self {
            Locked { dir } => lang.pick(
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
            Unreadable { dir, detail } => lang.pick(
                format!(
                    "De opslag {} is niet te lezen ({detail}). Er is niets gewijzigd. \
                     Zet een reservekopie terug in een nieuwe map met `mandaat --store \
                     NIEUWE_MAP restore {}` (of een export met `import`), en bewaar deze \
                     map voor onderzoek.",
                    dir.display(),
                    crate::store::backup::backup_dir(dir).display()
                ),
                format!(
                    "The store {} cannot be read ({detail}). Nothing was changed. \
                     Restore a backup into a new folder with `mandaat --store NEW_FOLDER \
                     restore {}` (or an export with `import`), and keep this folder for \
                     inspection.",
                    dir.display(),
                    crate::store::backup::backup_dir(dir).display()
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
