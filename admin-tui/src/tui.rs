//! The real terminal: raw mode and the alternate screen in, everything restored out (also
//! on panic), and key events read on their own thread.

use std::io::{self, Stdout, stdout};
use std::thread;
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

/// The terminal the console draws on.
pub type RealTerminal = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped, however the console ends.
#[derive(Debug)]
#[must_use = "the terminal is restored when the guard is dropped"]
pub struct TerminalGuard(());

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Installs the panic hook, enters raw mode and the alternate screen.
pub fn init() -> io::Result<(RealTerminal, TerminalGuard)> {
    install_panic_hook();
    let guard = TerminalGuard(());
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    Ok((terminal, guard))
}

/// Leaves raw mode and the alternate screen, shows the cursor. Errors are ignored: this
/// runs on the way out, when there is nothing better to do.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// A panic restores the terminal first, so its message is readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        tracing::error!(%info, "panic");
        previous(info);
    }));
}

/// Reads terminal events on a thread; the thread ends when the receiver is dropped.
pub fn spawn_event_reader() -> UnboundedReceiver<Event> {
    let (tx, rx) = unbounded_channel();
    thread::spawn(move || {
        while !tx.is_closed() {
            match event::poll(Duration::from_millis(100)) {
                Ok(false) => continue,
                Ok(true) => match event::read() {
                    Ok(event) => {
                        if tx.send(event).is_err() {
                            break;
                        }
                    }
                    Err(error) => {
                        tracing::error!(%error, "cannot read the terminal");
                        break;
                    }
                },
                Err(error) => {
                    tracing::error!(%error, "cannot poll the terminal");
                    break;
                }
            }
        }
    });
    rx
}
