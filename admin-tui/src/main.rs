//! `admin-tui`: the Halles console. Everything lives in the library; see [`admin_tui`].

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = admin_tui::cli::Args::parse();
    match admin_tui::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("admin-tui: {error:#}");
            ExitCode::FAILURE
        }
    }
}
