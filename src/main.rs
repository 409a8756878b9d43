//! The `mandaat` binary: parse arguments, read the clock once, pick a face.

use clap::Parser;
use mandaat::cli::{self, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The only place the clock is read; everything else gets `today` from here.
    let now = chrono::Local::now().naive_local();
    match cli::main(cli, now) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mandaat: {e:#}");
            ExitCode::FAILURE
        }
    }
}
