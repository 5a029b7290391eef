//! `cargo xtask bench`: the benchmarks, each printing its own numbers.

use crate::run::{Result, cmd, status};

/// Runs the core and sandbox benchmarks in release mode.
pub fn run() -> Result {
    status(&mut cmd(
        "cargo",
        &["bench", "-p", "plane-inline-core", "--bench", "core"],
    ))?;
    status(&mut cmd(
        "cargo",
        &["build", "--release", "-q", "-p", "plane-inline-sandbox"],
    ))?;
    status(&mut cmd("cargo", &["bench", "-p", "plane-inline-sandbox"]))
}
