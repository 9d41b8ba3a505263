//! `halles`: the Halles server and its admin commands. Everything lives in the library
//! (`server::cli`); this file only hands over the command line.

fn main() -> std::process::ExitCode {
    server::cli::main()
}
