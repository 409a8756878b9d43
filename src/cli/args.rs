//! The command line, as clap parses it. Help texts are Dutch: the users are.

use crate::domain::integrity::YEARS;
use crate::i18n::{self, Lang};
use chrono::{Datelike, NaiveDate};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
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
        value_name = "TAAL",
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

/// The help in Dutch: clap's own headings and flag texts are English.
const HELP_TEMPLATE: &str = "{about-with-newline}\nGebruik: {usage}\n\n{all-args}{after-help}";

/// The command as clap sees it, with Dutch headings and `-h`/`-V` texts on
/// every (sub)command.
pub fn command() -> clap::Command {
    fn dutch(cmd: clap::Command) -> clap::Command {
        cmd.help_template(HELP_TEMPLATE)
            .subcommand_help_heading("Opdrachten")
            .subcommand_value_name("OPDRACHT")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .mut_args(|a| match a.is_positional() {
                true => a.help_heading("Argumenten"),
                false => a.help_heading("Opties"),
            })
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("Toon deze hulp")
                    .help_heading("Opties"),
            )
            .mut_subcommands(dutch)
    }
    dutch(Cli::command())
        .override_usage("mandaat [OPTIES] [OPDRACHT]")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Toon de versie")
                .help_heading("Opties"),
        )
}

/// Parse `args` (program name first). Help and version come back as errors
/// too, as with clap; [`report`] prints either kind.
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let mut cmd = command();
    let matches = cmd.try_get_matches_from_mut(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    // clap cannot make an option depend on another's value; refused here, a
    // seed given with the demo is a mistake on the command line like any other
    // (exit code 2, no store made), not silently ignored.
    if let Some(Command::SeedDemo {
        scale: Scale::Demo,
        seed: Some(_),
    }) = cli.command
    {
        let mut err = clap::Error::new(ErrorKind::ArgumentConflict).with_cmd(&cmd);
        err.insert(
            ContextKind::InvalidArg,
            ContextValue::String("--seed".into()),
        );
        err.insert(
            ContextKind::PriorArg,
            ContextValue::String("--scale demo".into()),
        );
        return Err(err);
    }
    Ok(cli)
}

/// Show a parse error the way mandaat shows errors: one line on stderr in the
/// user's language, exit code 2. Help and version are printed as clap made
/// them, with its exit code (0).
pub fn report(err: &clap::Error, lang: Lang) -> std::process::ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return std::process::ExitCode::from(err.exit_code().clamp(0, 255) as u8);
    }
    eprintln!("mandaat: {}", error_line(err, lang));
    std::process::ExitCode::from(2)
}

/// One line saying what was wrong with the command line and where to look.
pub fn error_line(err: &clap::Error, lang: Lang) -> String {
    let ctx = |kind| err.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = ctx(ContextKind::InvalidArg);
    let what = match err.kind() {
        ErrorKind::UnknownArgument => i18n::cli::unknown_option(lang, arg),
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(ContextKind::InvalidSubcommand);
            i18n::cli::unknown_command(lang, sub)
        }
        ErrorKind::ValueValidation => {
            // Our own parsers (e.g. --today) already say what is expected.
            let why = std::error::Error::source(err)
                .map(|e| e.to_string())
                .unwrap_or_default();
            i18n::cli::invalid_value_why(lang, arg, why)
        }
        ErrorKind::InvalidValue => {
            let value = ctx(ContextKind::InvalidValue);
            let valid = ctx(ContextKind::ValidValue);
            let mut line = i18n::cli::invalid_value(lang, value, arg);
            if !valid.is_empty() {
                line.push_str(&i18n::cli::choose_from(lang, valid));
            }
            line
        }
        ErrorKind::MissingRequiredArgument => i18n::cli::is_missing(lang, arg),
        ErrorKind::ArgumentConflict => {
            let prior = ctx(ContextKind::PriorArg);
            i18n::cli::cannot_be_used_with(lang, arg, prior)
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => i18n::cli::wrong_number_of_values_for(lang, arg),
        _ => i18n::cli::command_line_wrong(lang).to_string(),
    };
    let what = what.replace("''", "").trim_end().to_string();
    i18n::cli::see_help(lang, what)
}

/// The language for messages before the arguments are parsed: `--lang en`
/// (or `--lang=en`) among the arguments, else `MANDAAT_LANG`, else Dutch.
pub fn early_lang(args: &[std::ffi::OsString], env: Option<&std::ffi::OsStr>) -> Lang {
    let mut from_args = None;
    let mut iter = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = iter.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            from_args = iter.next().map(|v| v.into_owned());
        } else if let Some(v) = a.strip_prefix("--lang=") {
            from_args = Some(v.to_string());
        }
    }
    let chosen = from_args.or_else(|| env.map(|e| e.to_string_lossy().into_owned()));
    match chosen.as_deref().map(str::trim) {
        Some(l) if l.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Nl,
    }
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

/// How much `seed-demo` puts into the store: the demo, or the demo plus
/// region-scale data (`crate::fixtures::region`). No doc comments on the variants: clap
/// would list them under an English "Possible values" heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    Demo,
    Region,
    Region4,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Zet de demogegevens in de gekozen opslag (alleen een lege opslag)
    SeedDemo {
        /// Hoeveel gegevens: demo, of region (de demo plus 10.000 zaken,
        /// 2.000 uitzonderingen, 100.000 notities en ruim 5.000 trefwoorden;
        /// alleen in een nieuwe, lege opslag), of region4 (viermaal zoveel
        /// zaken, uitzonderingen en notities als region; om groei te meten)
        #[arg(long, value_enum, default_value = "demo", value_name = "OMVANG")]
        scale: Scale,
        /// Startgetal van de regiogegevens: hetzelfde getal geeft dezelfde
        /// gegevens (standaard 2026; alleen met --scale region of region4)
        #[arg(long, value_name = "GETAL")]
        seed: Option<u64>,
    },
    /// Wie is eigenaar? Zoek de afdeling bij een blokkade, beste eerst
    Owner {
        /// Het trefwoord, bijvoorbeeld "loonkostensubsidie"
        #[arg(required = true, num_args = 1.., value_name = "TREFWOORD")]
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
    /// De open certificeringstrajecten van het Kennemer Inkoop Platform, minste dagen eerst
    Tracks {
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// SROI-matching: ondernemers wier producten of diensten passen bij de vraag van een koper
    Sroi {
        /// Het product of de dienst, bijvoorbeeld "catering"
        #[arg(required = true, num_args = 1.., value_name = "PRODUCT")]
        query: Vec<String>,
        /// De koper met SROI-verplichting, bijvoorbeeld O27
        #[arg(long, value_name = "NUMMER")]
        buyer: Option<String>,
        /// Uitvoer als JSON
        #[arg(long)]
        json: bool,
    },
    /// Voeg een notitie toe aan een zaak, uitzondering, follow-up of ander record
    Note {
        /// Het nummer, bijvoorbeeld C07 of X05
        #[arg(value_name = "NUMMER")]
        number: String,
        /// De tekst van de notitie
        #[arg(required = true, num_args = 1.., trailing_var_arg = true, allow_hyphen_values = true, value_name = "TEKST")]
        text: Vec<String>,
    },
    /// Schrijf de hele opslag als één JSON-document (naar BESTAND of stdout)
    Export {
        /// Doelbestand; zonder bestand naar standaarduitvoer
        #[arg(value_name = "BESTAND")]
        file: Option<PathBuf>,
        /// Overschrijf een bestaand bestand
        #[arg(long)]
        force: bool,
    },
    /// Lees een export in een lege opslag in: alles of niets
    Import {
        /// Het exportbestand
        #[arg(value_name = "BESTAND")]
        file: PathBuf,
    },
    /// Controleer verwijzingen en indexen van de opslag
    Check,
    /// Zet een reservekopie terug in een lege of nieuwe opslag (na bevestiging)
    Restore {
        /// Het reservekopie- of exportbestand; zonder bestand de nieuwste reservekopie
        #[arg(value_name = "BESTAND")]
        file: Option<PathBuf>,
        /// Niet om bevestiging vragen
        #[arg(long)]
        yes: bool,
    },
    /// Verwijder een ondernemer en alles over hen (AVG), na bevestiging
    Forget {
        /// Het nummer (bijvoorbeeld O06) of de naam van de organisatie
        #[arg(required_unless_present = "compact", num_args = 1.., value_name = "ORGANISATIE")]
        organisation: Vec<String>,
        /// Niet om bevestiging vragen
        #[arg(long)]
        yes: bool,
        /// Alleen de opslag herschrijven (na een vergeten via de opslagserver)
        #[arg(long)]
        compact: bool,
    },
    /// Houd de opslag open en bedien elke mandaat erop via de socket in de
    /// opslagmap (samen werken; een dashboard start er zelf een)
    Serve {
        /// Deel de opslag met deze groep: alleen leden (en u) komen erin
        #[arg(long, value_name = "GROEP")]
        group: Option<String>,
        /// Stop zoveel seconden nadat de laatste gebruiker wegging
        #[arg(long, value_name = "SECONDEN")]
        idle_exit: Option<u64>,
    },
    /// Test only: save notes one by one, acknowledging each (kill harness)
    #[cfg(debug_assertions)]
    #[command(hide = true)]
    StressNotes {
        #[arg(value_name = "NUMMER")]
        number: String,
        #[arg(value_name = "AANTAL")]
        count: u32,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    // Both ways the dashboard's forms take a date: 2024-11-15 and 15-11-2024.
    let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d-%m-%Y"))
        .map_err(|_| {
            format!(
                "'{s}' is geen geldige datum; gebruik JJJJ-MM-DD of DD-MM-JJJJ, \
                 bijvoorbeeld 2024-11-15 of 15-11-2024"
            )
        })?;
    if !YEARS.contains(&date.year()) {
        return Err(format!(
            "'{s}' valt buiten de jaren {} t/m {}; geef een datum als 2024-11-15 of 15-11-2024",
            YEARS.start(),
            YEARS.end()
        ));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(args: &[&str], lang: Lang) -> String {
        let mut all = vec!["mandaat"];
        all.extend(args);
        error_line(&parse_from(all).expect_err("must be refused"), lang)
    }

    #[test]
    fn command_line_mistakes_are_one_dutch_line() {
        assert_eq!(
            refusal(&["--foo"], Lang::Nl),
            "onbekende optie '--foo'. Zie `mandaat --help`."
        );
        assert_eq!(
            refusal(&["--foo"], Lang::En),
            "unknown option '--foo'. See `mandaat --help`."
        );
        assert!(refusal(&["bla"], Lang::Nl).starts_with("onbekende opdracht 'bla'"));
        assert!(refusal(&["--lang", "fr", "cases"], Lang::Nl).contains("kies uit nl, en"));
        assert!(refusal(&["owner"], Lang::Nl).contains("ontbreekt"));
        for line in [
            refusal(&["--today", "gisteren"], Lang::Nl),
            refusal(&["owner"], Lang::Nl),
        ] {
            assert!(!line.contains('\n'), "{line}");
        }
    }

    #[test]
    fn help_is_dutch() {
        let help = command().render_long_help().to_string();
        for heading in [
            "Gebruik:",
            "Opdrachten:",
            "Opties:",
            "Toon deze hulp",
            "Toon de versie",
        ] {
            assert!(help.contains(heading), "{heading}: {help}");
        }
        assert!(
            !help.contains("Usage:") && !help.contains("Print help"),
            "{help}"
        );
        command().debug_assert();
    }

    #[test]
    fn seed_demo_takes_a_scale_and_a_seed() {
        let parse = |args: &[&str]| {
            let mut all = vec!["mandaat", "seed-demo"];
            all.extend(args);
            parse_from(all).expect("valid").command
        };
        assert!(matches!(
            parse(&[]),
            Some(Command::SeedDemo {
                scale: Scale::Demo,
                seed: None
            })
        ));
        assert!(matches!(
            parse(&["--scale", "region", "--seed", "7"]),
            Some(Command::SeedDemo {
                scale: Scale::Region,
                seed: Some(7)
            })
        ));
        let help = command()
            .find_subcommand_mut("seed-demo")
            .unwrap()
            .render_help()
            .to_string();
        let default = format!("standaard {}", crate::fixtures::region::DEFAULT_SEED);
        assert!(help.contains(&default), "{help}");
        let line = refusal(&["seed-demo", "--scale", "land"], Lang::Nl);
        assert!(line.contains("kies uit demo, region, region4"), "{line}");
        assert_eq!(
            refusal(&["seed-demo", "--seed", "7"], Lang::Nl),
            "--seed gaat niet samen met --scale demo. Zie `mandaat --help`."
        );
        let line = refusal(&["seed-demo", "--seed", "zeven"], Lang::Nl);
        assert!(
            line.starts_with("ongeldige waarde") && line.contains("--seed"),
            "{line}"
        );
    }

    #[test]
    fn language_is_found_before_parsing() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let en = std::ffi::OsStr::new("en");
        assert_eq!(early_lang(&args(&["mandaat", "--foo"]), None), Lang::Nl);
        assert_eq!(
            early_lang(&args(&["mandaat", "--lang", "en", "--foo"]), None),
            Lang::En
        );
        assert_eq!(early_lang(&args(&["mandaat", "--lang=en"]), None), Lang::En);
        assert_eq!(early_lang(&args(&["mandaat"]), Some(en)), Lang::En);
        assert_eq!(
            early_lang(&args(&["mandaat", "--lang", "nl"]), Some(en)),
            Lang::Nl
        );
    }

    #[test]
    fn today_takes_the_forms_date_format_too() {
        let day = NaiveDate::from_ymd_opt(2024, 11, 15).unwrap();
        assert_eq!(parse_date("2024-11-15"), Ok(day));
        assert_eq!(parse_date("15-11-2024"), Ok(day));
        assert_eq!(parse_date(" 15-11-2024 "), Ok(day));
        let err = parse_date("31-02-2024").unwrap_err();
        assert!(err.contains("DD-MM-JJJJ"), "{err}");
        assert!(parse_date("15-11-1899").is_err(), "the years still count");
    }

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
