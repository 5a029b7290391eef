//! Native tests of the scheduler and the operations, on the simulated platform.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod operations;
mod scheduler;

use crate::client::{ClientConfig, PlaneClient};
use crate::scheduler::{RetryPolicy, SchedulerConfig};
use crate::sim::Sim;
use std::rc::Rc;

/// Small backoff, so retries are visible but quick.
pub(crate) fn quick_retries() -> SchedulerConfig {
    SchedulerConfig {
        retry: RetryPolicy {
            base_ms: 100.0,
            cap_ms: 1_000.0,
            max_retries: 3,
            max_rate_limited: 5,
        },
        timeout_ms: 2_000.0,
        ..SchedulerConfig::default()
    }
}

/// A client of workspace `demo` on the simulation.
pub(crate) fn new_client(sim: &Sim, config: SchedulerConfig) -> PlaneClient {
    let config = ClientConfig::new("http://plane.test", "demo", Some("plane_api_test"))
        .unwrap()
        .with_scheduler(config);
    PlaneClient::with_platform(config, Rc::new(sim.clone()))
}
