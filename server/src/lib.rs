//! The Halles server: configuration, HTTP (JSON API and storefront), sessions, jobs and
//! the command line of the `halles` binary.
//!
//! - [`cli`]: `serve`, `migrate`, `seed`, `create-operator`, `jobs`, `check`.
//! - [`config`]: typed settings from flags and environment.
//! - [`telemetry`]: the tracing subscriber.
//! - [`startup`]: [`startup::Application`] binds, migrates and serves until stopped.
//! - [`state`]: the state every handler shares.
//! - [`http`]: routes, extractors, errors, middleware.
//! - [`jobs`]: the background job loop.
//! - [`mail`]: where e-mails go (SMTP or a folder).

pub mod cli;
pub mod config;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod startup;
pub mod state;
pub mod telemetry;
