//! The measurements behind `cargo xtask bench` that need Plane Inline's own code: core's
//! throughput (natively here, in wasm from `tests/core_wasm.rs`), and, against a running
//! sandbox, the requests it takes to load a panel and to save a value, and a table's bulk set
//! under a rate limit, next to the naive way.

pub mod workload;

#[cfg(not(target_arch = "wasm32"))]
pub mod bulk;
#[cfg(not(target_arch = "wasm32"))]
pub mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod panel;
#[cfg(not(target_arch = "wasm32"))]
pub mod sandbox;
#[cfg(not(target_arch = "wasm32"))]
pub mod saves;
#[cfg(not(target_arch = "wasm32"))]
pub mod shape;
