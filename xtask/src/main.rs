//! `cargo xtask`: the project's automation, instead of shell scripts.
//!
//! - `cargo xtask setup`: install the tools the tests need, only those missing.
//! - `cargo xtask dist`: build the widget (`dist/www/`) and the extension (`dist/chrome`, `dist/firefox`).
//! - `cargo xtask demo`: start the sandbox with the demo workspace and show what to open.
//! - `cargo xtask test`: every test layer (native, headless Chromium, npm package, Plane's SDK).
//! - `cargo xtask bench`: the benchmarks, with numbers printed.
//! - `cargo xtask fuzz [SECONDS]`: run every fuzz target (nightly toolchain).

mod bench;
mod demo;
mod dist;
mod extension;
mod fuzz;
mod run;
mod sandbox;
mod test;
mod tools;
mod wasm;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => tools::setup(),
        Some("demo") => demo::run(&args[1..]),
        Some("dist") => dist::run(),
        Some("test") => test::run(),
        Some("bench") => bench::run(),
        Some("fuzz") => fuzz::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <setup|dist|demo|test|bench|fuzz [SECONDS]>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}
