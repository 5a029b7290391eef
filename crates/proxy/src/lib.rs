//! Plane Inline's key-holding proxy: what a team runs beside its intranet so the embeddable
//! widget can edit Plane work items without an API key in the page. It forwards only the
//! endpoints the widget uses, for one workspace (and optionally some projects), adds the key
//! server side, and grants CORS only to the configured page origins.
//!
//! - [`allow`]: the allow-list decision (pure).
//! - [`projects`]: keeping answers within the project list (pure).
//! - [`forward`]: sending to Plane and passing the answer back.
//! - [`cors`]: the cross-origin grants.
//! - [`sites`]: which callers may spend the key (`Origin`, `Sec-Fetch-Site`, `Sec-Fetch-Mode`).
//! - [`limits`]: the proxy's own rate and concurrency limits.
//! - [`config`] and [`cli`]: what it runs with, and where the key comes from.
//! - [`Proxy`]: the server.

pub mod allow;
pub mod cli;
pub mod config;
pub mod cors;
pub mod forward;
pub mod limits;
pub mod projects;
mod server;
pub mod sites;

pub use server::{Proxy, StartError};
