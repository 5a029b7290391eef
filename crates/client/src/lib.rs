//! Plane Inline's async Plane client. It performs core's request descriptions over the global
//! `fetch` and feeds the answers back to core, so the same code runs in a Chrome service worker
//! (no `window`), an extension page and a web page.
//!
//! - [`PlaneClient`]: one workspace; connection check, work item lookup, the panel model in three
//!   requests, value saves and clears that take effect exactly once, pickers, paginated streams,
//!   and a table of a project's work items (its model once, a page of rows, a row's values).
//! - [`Scheduler`]: one per API key; paces under the key's rate limit, queues, retries with
//!   jittered backoff, times out, cancels, and reports progress.
//! - [`Platform`]: what the client needs from where it runs; `Browser` (wasm32 only).
//!
//! Errors are core's [`PlaneError`](plane_inline_core::error::PlaneError) and
//! [`ConnectionProblem`]: data (status, Plane's own messages, what went wrong), which the UI words
//! in its one module of sentences.

mod api_base;
#[cfg(target_arch = "wasm32")]
mod browser;
mod cancel;
mod client;
mod connection;
mod listing;
mod panel;
mod pickers;
mod platform;
pub mod scheduler;
#[cfg(all(any(test, feature = "sim"), not(target_arch = "wasm32")))]
pub mod sim;
mod table;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
mod values;
mod work_item;

pub use api_base::{ApiBase, BaseUrlError, PLANE_CLOUD};
#[cfg(target_arch = "wasm32")]
pub use browser::Browser;
pub use cancel::{CancelToken, Cancelled};
pub use client::{ClientConfig, ConfigError, PlaneClient};
pub use connection::{Connection, ConnectionProblem, CustomProperties};
pub use listing::ListOptions;
pub use panel::{ItemProperties, ProjectFacts, Unavailable, shown_properties};
pub use plane_inline_core as core;
pub use plane_inline_core::work_item::WorkItemRef;
pub use platform::{HttpRequest, Platform, TransportError};
pub use scheduler::{
    Hold, Progress, Reply, RequestId, Retry, RetryPolicy, Scheduler, SchedulerConfig, SendOptions,
    Stage, Subscription, Summary,
};
pub use table::{ProjectTable, RowRead, TypeProperties};
pub use values::{Cleared, Saved};
