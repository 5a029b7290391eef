//! Plane Inline's sandbox: a local HTTP server that speaks Plane's REST API v1 (commercial
//! edition, custom properties enabled) over SQLite, with a seeded demo workspace, Plane's rate
//! limit and error bodies, stand-ins for Plane's web pages, and test controls for injecting
//! faults. It implements Plane's server-side checks on its own, from the API notes, so it can
//! judge the client independently.
//!
//! Start it in-process with [`Sandbox::start`] or from the command line (see [`cli`]).

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod body;
pub mod cli;
pub mod clock;
pub mod config;
pub mod controls;
pub mod cors;
pub mod error;
pub mod faults;
pub mod gateway;
pub mod ids;
pub mod pages;
pub mod pagination;
pub mod python;
pub mod python_uuid;
pub mod rules;
pub mod seed;
pub mod server;
pub mod slug;
pub mod state;
pub mod store;
pub mod throttle;
pub mod traffic;

pub use config::{Config, RateLimit};
pub use seed::Seed;
pub use server::{Sandbox, StartError};
