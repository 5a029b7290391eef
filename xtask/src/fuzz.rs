//! `cargo xtask fuzz [SECONDS]`: builds every core fuzz target once, then runs each for SECONDS
//! (default 60) under libFuzzer with AddressSanitizer.
//!
//! Toolchain: the machine's stable toolchain, not nightly. cargo-fuzz passes unstable flags
//! (`-Zsanitizer=address`, `-Cpasses=sancov-module`, ...) to rustc; `RUSTC_BOOTSTRAP=1` lets
//! stable rustc accept them, and stable's `rust-std` ships the sanitizer runtimes
//! (`librustc-stable_rt.asan.a`), so the fuzzers are the same as on nightly. This keeps fuzzing
//! on the one toolchain every machine of the project has: a nightly download is not something
//! the machines promise, even where `rustup toolchain install nightly` happens to work.

use crate::run::{Failure, Result, cmd, output, status};
use crate::tools;
use std::process::Command;

/// The cargo-fuzz project of core, relative to the workspace root.
const FUZZ_DIR: &str = "crates/core/fuzz";

/// Installs cargo-fuzz when missing, builds every target, then runs each one.
pub fn run(args: &[String]) -> Result {
    let seconds: u32 = match args.first() {
        Some(text) => text
            .parse()
            .map_err(|_| Failure(format!("SECONDS must be a whole number, got {text:?}")))?,
        None => 60,
    };
    tools::cargo_fuzz()?;
    let targets = targets()?;
    println!(
        "fuzzing {} targets ({}) for {seconds} s each",
        targets.len(),
        targets.join(", ")
    );
    status(&mut cargo_fuzz(&["build", "--fuzz-dir", FUZZ_DIR]))?;
    for (done, target) in targets.iter().enumerate() {
        println!(
            "\n=== fuzz target {target} ({} of {}), {seconds} s",
            done + 1,
            targets.len()
        );
        status(&mut cargo_fuzz(&[
            "run",
            "--fuzz-dir",
            FUZZ_DIR,
            target,
            "--",
            &format!("-max_total_time={seconds}"),
        ]))?;
    }
    println!(
        "\nfuzzed {} targets for {seconds} s each: no crash",
        targets.len()
    );
    Ok(())
}

/// Every target the fuzz project declares, so a new target is never left out.
fn targets() -> Result<Vec<String>> {
    let listed = output("cargo", &["fuzz", "list", "--fuzz-dir", FUZZ_DIR])
        .ok_or_else(|| Failure(format!("`cargo fuzz list --fuzz-dir {FUZZ_DIR}` failed")))?;
    let targets: Vec<String> = listed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if targets.is_empty() {
        return Err(Failure(format!("{FUZZ_DIR} declares no fuzz target")));
    }
    Ok(targets)
}

/// `cargo fuzz ARGS` on the stable toolchain (see the module note).
fn cargo_fuzz(args: &[&str]) -> Command {
    let mut all = vec!["fuzz"];
    all.extend_from_slice(args);
    let mut command = cmd("cargo", &all);
    command.env("RUSTC_BOOTSTRAP", "1");
    command
}
