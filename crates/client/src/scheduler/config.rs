//! How one scheduler sends requests: retries (core's [`RetryPolicy`]), the per-attempt timeout,
//! connections and the rate limit assumed until the server tells it.

use plane_inline_core::rate_limit::DEFAULT_PER_MINUTE;
use plane_inline_core::retry::RetryPolicy;

/// How one scheduler sends requests.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulerConfig {
    /// Retries and backoff.
    pub retry: RetryPolicy,
    /// How long one attempt may take, answer body included, in milliseconds.
    pub timeout_ms: f64,
    /// Requests on the wire at once (browsers open about 6 connections per host).
    pub max_in_flight: usize,
    /// The rate limit assumed until the server's headers say otherwise, per minute.
    pub assumed_per_minute: u32,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            timeout_ms: 30_000.0,
            max_in_flight: 6,
            assumed_per_minute: DEFAULT_PER_MINUTE,
        }
    }
}
