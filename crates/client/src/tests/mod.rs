//! Native tests of the scheduler and the operations, on the simulated platform.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod operations;
mod scheduler;
mod table;

use crate::client::{ClientConfig, PlaneClient};
use crate::scheduler::SchedulerConfig;
use crate::sim::Sim;
pub(crate) use crate::sim::quick_retries;
use std::rc::Rc;

/// A client of workspace `demo` on the simulation.
pub(crate) fn new_client(sim: &Sim, config: SchedulerConfig) -> PlaneClient {
    let config = ClientConfig::new("https://plane.test", "demo", Some("plane_api_test"))
        .unwrap()
        .with_scheduler(config);
    PlaneClient::with_platform(config, Rc::new(sim.clone()))
}
