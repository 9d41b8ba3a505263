//! `halles`: the Halles server and its admin commands. Everything lives in the library
//! (`server::cli`); this file only hands over the command line.

/// See `mimalloc` in Cargo.toml for why the binary does not use the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    server::cli::main()
}
