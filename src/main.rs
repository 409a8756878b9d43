//! The `mandaat` binary: parse arguments, read the clock once, open the
//! session and run the face the arguments ask for (see `mandaat::start`).

use mandaat::cli::args;
use std::process::ExitCode;

fn main() -> ExitCode {
    process_defaults();
    let raw: Vec<_> = std::env::args_os().collect();
    let cli = match args::parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) => {
            let env = std::env::var_os("MANDAAT_LANG");
            return args::report(&e, args::early_lang(&raw, env.as_deref()));
        }
    };
    // The only place the clock is read; everything else gets `today` from here.
    let now = chrono::Local::now().naive_local();
    match mandaat::start::run(cli, now) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mandaat: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Before anything else: every file and folder mandaat (or sled) creates is
/// private to the user, whatever the folder it lands in (the data is personal,
/// AVG); and a closed pipe (`mandaat review --json | head`) ends the process
/// quietly, as for any Unix tool, instead of panicking in `println!`.
fn process_defaults() {
    // SAFETY: both calls only change process-wide settings and are made before
    // any other thread exists.
    unsafe {
        libc::umask(0o077);
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
