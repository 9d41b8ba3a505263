//! The console, split the ratatui way (STYLE §9):
//!
//! - [`state`]: what is shown ([`State`](state::State)).
//! - [`action`]: what can happen ([`Action`](action::Action)) and the IO asked for
//!   ([`Effect`](action::Effect)).
//! - [`keymap`]: keys → actions, as a table (also the help overlay and hints).
//! - [`update`]: the pure transition function.
//! - [`screens`]: the seller screens' state and transitions (dashboard, offers with their
//!   CSV import and export, stock, locations, shop, orders, cashback, disputes, payouts),
//!   and the operator screens' (`screens::ops`, KPIs included).
//! - [`render`]: drawing a state.
//! - [`io`]: running effects in background tasks.
//! - [`app`]: the main loop, generic over the terminal backend.

pub mod action;
pub mod app;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod io;
pub mod keymap;
pub mod render;
pub mod screens;
pub mod state;
pub mod update;
