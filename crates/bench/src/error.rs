//! What can stop a benchmark run, in words.

use plane_inline_client::core::error::PlaneError;
use thiserror::Error;

/// A benchmark run that could not finish.
#[derive(Debug, Error)]
pub enum BenchError {
    /// The sandbox could not be reached or its answer not read.
    #[error("sandbox request {0} failed: {1}")]
    Http(String, reqwest::Error),
    /// The sandbox answered with an unexpected status.
    #[error("sandbox answered {method} {path} with {status}: {body}")]
    Status {
        /// The method sent.
        method: &'static str,
        /// The path asked for (never with the key).
        path: String,
        /// The status received.
        status: u16,
        /// The body received.
        body: String,
    },
    /// The sandbox's data lacks what the run needs.
    #[error("the sandbox has no {0}")]
    Missing(String),
    /// Plane Inline's client failed.
    #[error("the client failed: {0}")]
    Client(#[from] PlaneError),
    /// Plane Inline's edit service refused or failed.
    #[error("the edit service failed: {0}")]
    Edit(#[from] plane_inline_messages::Problem),
    /// The fixed core workload could not be built.
    #[error(transparent)]
    Workload(#[from] crate::workload::WorkloadError),
    /// A bad command line.
    #[error("{0}")]
    Usage(String),
}
