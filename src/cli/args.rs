//! The command line, as clap parses it. Help texts are Dutch: the users are.

use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "mandaat",
    version,
    about = "Dashboard voor de makelaar met mandaat voor impact ondernemen",
    long_about = "Dashboard voor de makelaar met mandaat voor impact ondernemen.\n\
                  Zonder opdracht opent mandaat het dashboard; de opdrachten hieronder geven \
                  dezelfde gegevens zonder dashboard, voor scripts en controle."
)]
pub struct Cli {
    /// Map van de opslag (standaard de gegevensmap van het platform)
    #[arg(long, global = true, env = "MANDAAT_STORE", value_name = "MAP")]
    pub store: Option<PathBuf>,

    /// De datum waartegen alles veroudert en waarop acties worden gedateerd
    #[arg(long, global = true, env = "MANDAAT_TODAY", value_name = "JJJJ-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// Wie de wijzigingen doet (standaard de inlognaam)
    #[arg(long, global = true, env = "MANDAAT_USER", value_name = "NAAM")]
    pub user: Option<String>,

    /// Taal van de uitvoer
    #[arg(
        long,
        global = true,
        env = "MANDAAT_LANG",
        value_enum,
        default_value = "nl"
    )]
    pub lang: LangArg,

    /// Open het dashboard op een nieuwe tijdelijke opslag met demogegevens
    /// (negeert --store en MANDAAT_STORE)
    #[arg(long)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Nl => Lang::Nl,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Zet de demogegevens in de gekozen opslag (alleen een lege opslag)
    SeedDemo,
    /// Wie is eigenaar? Zoek de afdeling bij een blokkade, beste eerst
    Owner {
        /// Het trefwoord, bijvoorbeeld "loonkostensubsidie"
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// De vastgelopen uitzonderingen van vandaag, in volgorde van de dagafsluiting
    Review {
        /// Uitvoer als Markdown-tabel
        #[arg(long)]
        markdown: bool,
        /// Uitvoer als JSON
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
    },
    /// De open zaken met leeftijd en ochtendtriage
    Cases {
        /// Ook afgeronde en gestopte zaken
        #[arg(long)]
        all: bool,
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// De open inkoopuitzonderingen met leeftijd en gezondheid, slechtste eerst
    Exceptions {
        /// Ook afgesloten uitzonderingen
        #[arg(long)]
        all: bool,
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Voeg een notitie toe aan een zaak, uitzondering, follow-up of ander record
    Note {
        /// Het nummer, bijvoorbeeld C07 of X05
        number: String,
        /// De tekst van de notitie
        #[arg(required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true)]
        text: Vec<String>,
    },
    /// Schrijf de hele opslag als één JSON-document (naar BESTAND of stdout)
    Export {
        /// Doelbestand; zonder bestand naar standaarduitvoer
        file: Option<PathBuf>,
        /// Overschrijf een bestaand bestand
        #[arg(long)]
        force: bool,
    },
    /// Lees een export in een lege opslag in: alles of niets
    Import {
        /// Het exportbestand
        file: PathBuf,
    },
    /// Controleer verwijzingen en indexen van de opslag
    Check,
}

/// Years `--today` accepts: far beyond them, date arithmetic in the rules
/// (a year ahead, 180 days back) would overflow chrono.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        format!("'{s}' is geen geldige datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2024-11-15")
    })?;
    if !YEARS.contains(&date.year()) {
        return Err(format!(
            "'{s}' valt buiten de jaren {} t/m {}; geef een datum als 2024-11-15",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_accepts_only_years_1900_to_2200() {
        assert!(parse_date("1900-01-01").is_ok());
        assert!(parse_date("2200-12-31").is_ok());
        for far in ["1899-12-31", "2201-01-01", "+262142-01-01", "0000-01-01"] {
            let err = parse_date(far).expect_err(far);
            assert!(err.contains("1900") || err.contains("JJJJ-MM-DD"), "{err}");
        }
        assert!(
            parse_date("2201-01-01")
                .unwrap_err()
                .contains("1900 t/m 2200")
        );
    }
}
