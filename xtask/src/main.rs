//! `cargo xtask`: the project's automation, instead of shell scripts.
//!
//! - `cargo xtask setup`: install the tools the tests need, only those missing.
//! - `cargo xtask dist`: build the widget (`dist/www/`) and the extension (`dist/chrome`, `dist/firefox`).
//! - `cargo xtask demo`: start the sandbox with the demo workspace and show what to open.
//! - `cargo xtask test [LAYER...]`: every test layer (or those whose name contains a word given).
//! - `cargo xtask bench [sizes]`: the benchmarks: a table, `target/bench.json`, size budgets.
//! - `cargo xtask fuzz [SECONDS]`: build and run every fuzz target (installs cargo-fuzz when
//!   missing; runs on the stable toolchain).

mod bench;
mod budgets;
mod demo;
mod dist;
mod extension;
mod fuzz;
mod proxy;
mod run;
mod sandbox;
mod serve;
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
        Some("test") => test::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("fuzz") => fuzz::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <setup|dist|demo|test|bench [sizes]|fuzz [SECONDS]>");
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
