//! `cargo xtask bench`: the benchmarks, each printing its own numbers.

use crate::run::{Result, cmd, status};
use crate::sandbox::Sandbox;
use crate::test::{CLIENT_SANDBOX_KEY, client_sandbox_env, wasm_pack_test_with};

/// Runs the core and sandbox benchmarks in release mode, then the client's pacing benchmark.
pub fn run() -> Result {
    status(&mut cmd(
        "cargo",
        &["bench", "-p", "plane-inline-core", "--bench", "core"],
    ))?;
    status(&mut cmd(
        "cargo",
        &["build", "--release", "-q", "-p", "plane-inline-sandbox"],
    ))?;
    status(&mut cmd("cargo", &["bench", "-p", "plane-inline-sandbox"]))?;
    client_pacing()
}

/// 200 saves from headless Chromium against a sandbox limited to 100 requests a minute, with
/// its rate-limit headers exposed; the client learns the limit. Prints the elapsed time, the
/// 429 count and the requests made (about a minute).
fn client_pacing() -> Result {
    let sandbox = Sandbox::start(
        "release",
        CLIENT_SANDBOX_KEY,
        &[
            "--addr",
            "127.0.0.1:0",
            "--db",
            ":memory:",
            "--seed",
            "demo",
            "--rate-limit",
            "100/minute",
            "--cors-expose-rate-limit-headers",
            "--test-controls",
        ],
    )?;
    wasm_pack_test_with(
        "crates/client",
        &[
            "--features",
            "sandbox-bench",
            "--test",
            "bench",
            "--",
            "--nocapture",
        ],
        &client_sandbox_env(&sandbox),
    )
}
