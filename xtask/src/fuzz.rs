//! `cargo xtask fuzz [SECONDS]`: runs each core fuzz target for SECONDS (default 60).

use crate::run::{Failure, Result, cmd, status};

const TARGETS: [&str; 4] = ["value", "cursor", "web_url", "error_body"];

/// Runs every target with cargo-fuzz on the nightly toolchain.
pub fn run(args: &[String]) -> Result {
    let seconds: u32 = match args.first() {
        Some(text) => text
            .parse()
            .map_err(|_| Failure(format!("SECONDS must be a whole number, got {text:?}")))?,
        None => 60,
    };
    for target in TARGETS {
        let mut command = cmd(
            "cargo",
            &[
                "+nightly",
                "fuzz",
                "run",
                "--fuzz-dir",
                "crates/core/fuzz",
                target,
                "--",
                &format!("-max_total_time={seconds}"),
            ],
        );
        status(&mut command)?;
    }
    Ok(())
}
