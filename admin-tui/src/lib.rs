//! The Halles console for sellers and operators, and the typed HTTP client of `/api/v1`.
//!
//! - [`client`]: [`client::ApiClient`], the typed client (also used by the
//!   black-box tests).
//! - [`console`]: the terminal UI: state, actions, keymap, update, render, IO, main loop.
//! - [`token_store`]: the saved bearer token, per server, in a private file.
//! - [`tui`]: the real terminal: setup, restore, panic hook, event thread.
//! - [`logging`]: logs to a file, never to the terminal.
//! - [`cli`]: the command line.
//!
//! [`run`] ties them together for the binary.

pub mod cli;
pub mod client;
pub mod console;
pub mod logging;
pub mod token_store;
pub mod tui;

use anyhow::Context as _;

use crate::cli::Args;
use crate::client::ApiClient;
use crate::console::io::Io;
use crate::console::keymap::Keymap;
use crate::console::state::{Session, State};
use crate::token_store::TokenStore;

/// Runs the console with `args` until the user quits.
pub fn run(args: Args) -> anyhow::Result<()> {
    let config_dir = args
        .config_dir
        .clone()
        .or_else(token_store::default_config_dir);
    let log_dir = args
        .config_dir
        .clone()
        .or_else(|| dirs::state_dir().map(|dir| dir.join("halles")))
        .or_else(|| config_dir.clone());
    let log_file = log_dir.as_deref().and_then(logging::init);
    tracing::info!(server = %args.server, log = ?log_file, "console starting");

    let store = config_dir.map(TokenStore::new);
    let client = ApiClient::new(args.server);
    let server = client.base_url().to_owned();
    let mut state = match store.as_ref().and_then(|store| store.load(&server)) {
        Some(token) => State::with_session(server, Session::new(token)),
        None => State::login(server),
    };
    let io = Io::new(client, store);
    let poll_every = std::time::Duration::from_secs(args.poll_secs);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let (mut terminal, _guard) = tui::init().context("cannot set up the terminal")?;
        let events = tui::spawn_event_reader();
        let keymap = Keymap::default();
        console::app::run_polling(&mut terminal, &mut state, &keymap, &io, events, poll_every)
            .await
            .context("cannot draw on the terminal")
    })?;
    tracing::info!("console closed");
    Ok(())
}
