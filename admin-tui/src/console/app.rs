//! The main loop: draw, wait for a terminal event, a background answer or the poll timer,
//! update, repeat.
//!
//! Generic over the ratatui [`Backend`] and the [`EffectRunner`], so tests drive the whole
//! console on a `TestBackend` with canned answers.

#[cfg(test)]
mod tests;

use std::time::Duration;

use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::Backend;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};
use tokio::time::{Instant, MissedTickBehavior, interval_at};

use super::action::Action;
use super::io::EffectRunner;
use super::keymap::Keymap;
use super::render::render;
use super::state::State;
use super::update::update;

/// How often the console asks the server again for what changes by itself (new orders).
pub const POLL_EVERY: Duration = Duration::from_secs(10);

/// [`run_polling`] every [`POLL_EVERY`].
pub async fn run<B, R>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    keymap: &Keymap,
    runner: &R,
    events: UnboundedReceiver<Event>,
) -> Result<(), B::Error>
where
    B: Backend,
    R: EffectRunner,
{
    run_polling(terminal, state, keymap, runner, events, POLL_EVERY).await
}

/// Runs the console until the user quits or `events` closes.
///
/// Starts with [`Action::Start`] (which checks a restored session). Background answers are
/// handled before the next terminal event, terminal events before the poll timer (an
/// [`Action::Tick`] every `poll_every`, the first after one period; a late tick is not
/// made up for). The screen is redrawn after each step (terminal resizes included).
pub async fn run_polling<B, R>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    keymap: &Keymap,
    runner: &R,
    mut events: UnboundedReceiver<Event>,
    poll_every: Duration,
) -> Result<(), B::Error>
where
    B: Backend,
    R: EffectRunner,
{
    let (answers, mut background) = unbounded_channel();
    let mut ticks = interval_at(Instant::now() + poll_every, poll_every);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut next = Some(Action::Start);
    loop {
        if let Some(action) = next.take() {
            tracing::debug!(action = action.name(), "update");
            if let Some(effect) = update(state, action) {
                runner.run(effect, answers.clone());
            }
        }
        terminal.draw(|frame| render(frame, state, keymap))?;
        if state.should_quit {
            return Ok(());
        }
        next = tokio::select! {
            biased;
            Some(action) = background.recv() => Some(action),
            event = events.recv() => match event {
                Some(event) => translate(&event, state, keymap),
                None => Some(Action::Quit),
            },
            _ = ticks.tick() => Some(Action::Tick),
        };
    }
}

/// The action a terminal event asks for, if any (resizes just redraw).
fn translate(event: &Event, state: &State, keymap: &Keymap) -> Option<Action> {
    match event {
        Event::Key(key) => keymap.action_for(state, key),
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        Event::Resize(..) | Event::FocusGained | Event::FocusLost | Event::Mouse(_) => None,
    }
}
