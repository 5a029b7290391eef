//! `cargo xtask bench`: every benchmark in one go, a table on stdout and `target/bench.json`
//! (keys documented in BENCHMARKS.md). `cargo xtask bench sizes` measures only the bundles,
//! `cargo xtask bench table` only the table of a project's work items (its bulk set under a rate
//! limit, its first page and keystrokes over 1,000 rows).
//! Timings are reported, never asserted; the bench fails only when a bundle is over its size
//! budget or a measure could not run.

mod browser;
mod report;
mod requests;
mod sizes;
mod startup;

use crate::run::{Failure, Result, captured, cmd, output, status, target_dir};
use crate::test::browser_env;
use crate::tools::CHROMEDRIVER;
use serde_json::{Map, Value as Json, json};

/// Version of `bench.json`'s layout; raised when a key changes meaning.
const SCHEMA: u64 = 1;
/// Rounds of core's workload, natively and in wasm (`crates/bench/tests/core_wasm.rs` too).
const CORE_ROUNDS: &str = "50000";

/// A measure that could not run, as its JSON.
pub fn failed(error: &str) -> Json {
    json!({ "error": error })
}

/// The JSON after `prefix` on the last line that has it (the whole last line if `prefix` is
/// empty).
pub fn last_json(text: &str, prefix: &str) -> Option<Json> {
    text.lines().rev().find_map(|line| {
        let at = line.find(prefix)?;
        serde_json::from_str(line[at + prefix.len()..].trim()).ok()
    })
}

/// Runs a browser script with the extension at `extension` against `sandbox` (and `extra`
/// environment), and returns the last JSON line it printed.
pub fn browser_script(
    script: &str,
    sandbox: &crate::sandbox::Sandbox,
    extension: &std::path::Path,
    extra: &[(&str, String)],
) -> Result<Json> {
    let mut node = cmd("node", &[script]);
    node.env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key)
        .env("EXTENSION_DIR", extension);
    for (name, value) in extra {
        node.env(name, value);
    }
    let out = captured(&mut node)?;
    if let Some(failure) = out.failure {
        return Err(Failure(failure));
    }
    last_json(&out.stdout, "").ok_or_else(|| Failure(format!("{script} printed no JSON")))
}

/// Which measures a run takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Only {
    /// Every measure.
    Everything,
    /// The bundles' sizes.
    Sizes,
    /// The table's measures.
    Table,
    /// The start-up measures.
    Startup,
}

/// Runs `cargo xtask bench [sizes | table | startup]`.
pub fn run(args: &[String]) -> Result {
    let only = match args {
        [] => Only::Everything,
        [only] if only == "sizes" => Only::Sizes,
        [only] if only == "table" => Only::Table,
        [only] if only == "startup" => Only::Startup,
        _ => {
            return Err(Failure(format!(
                "cargo xtask bench takes no argument, `sizes`, `table` or `startup`, not {args:?}"
            )));
        }
    };
    crate::tools::setup()?;
    let mut report = Map::new();
    report.insert("schema".into(), json!(SCHEMA));
    report.insert(
        "date".into(),
        json!(output("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"])),
    );
    report.insert("machine".into(), machine());
    let mut sizes = None;
    if matches!(only, Only::Everything | Only::Sizes) {
        println!("\n=== sizes of the shipped bundles");
        let measured = sizes::measure()?;
        report.insert("sizes".into(), measured.clone());
        sizes = Some(measured);
    }
    if only == Only::Everything {
        println!("\n=== requests per panel load and per save");
        requests::build()?;
        let (panel, per_save) = requests::counts()?;
        report.insert("panel_requests".into(), panel);
        report.insert("requests_per_save".into(), per_save);
        println!("\n=== core throughput, native and in wasm");
        report.insert("core_throughput".into(), core_throughput());
        println!("\n=== sandbox start-up and upserts");
        report.insert("sandbox".into(), sandbox_throughput());
        println!("\n=== 200 saves under 100 requests a minute");
        report.insert(
            "rate_limited_saves".into(),
            requests::pacing().unwrap_or_else(|Failure(e)| failed(&e)),
        );
        println!("\n=== the extension in Chromium: page load, commit to saved, 50 properties");
        if let Json::Object(timings) = browser::timings() {
            report.extend(timings);
        }
    }
    if matches!(only, Only::Everything | Only::Startup) {
        println!(
            "\n=== start-up: the service worker cold and warm, the widget on a slow network, wasm compile"
        );
        if let Json::Object(timings) = startup::timings() {
            report.extend(timings);
        }
    }
    if matches!(only, Only::Everything | Only::Table) {
        if only == Only::Table {
            requests::build()?;
        }
        println!("\n=== a table's bulk set of 40 rows under 60 requests a minute (a minute each)");
        report.insert(
            "table_bulk_set".into(),
            requests::bulk().unwrap_or_else(|Failure(e)| failed(&e)),
        );
        println!("\n=== the table in Chromium: first page, requests, 1,000 rows");
        if let Json::Object(timings) = browser::table() {
            report.extend(timings);
        }
    }
    let report = Json::Object(report);
    let path = target_dir().join("bench.json");
    let text =
        serde_json::to_string_pretty(&report).map_err(|e| Failure(format!("bench.json: {e}")))?;
    std::fs::write(&path, text + "\n")
        .map_err(|e| Failure(format!("cannot write {}: {e}", path.display())))?;
    println!("\n=== results (also in {})", path.display());
    print!("{}", report::table(&report));
    let mut problems = sizes.as_ref().map(sizes::problems).unwrap_or_default();
    problems.extend(report::errors(&report));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Failure(problems.join("; ")))
    }
}

fn machine() -> Json {
    let cpu = output("lscpu", &[]).and_then(|text| {
        text.lines()
            .find(|l| l.starts_with("Model name:"))
            .map(|l| l.trim_start_matches("Model name:").trim().to_owned())
    });
    json!({
        "cores": output("nproc", &[]).and_then(|n| n.parse::<u64>().ok()),
        "cpu": cpu,
        "os": output("uname", &["-sr"]),
    })
}

/// Core's workload natively (release, as shipped: `opt-level = "z"`) and in wasm in headless
/// Chromium (release), on the same inputs.
fn core_throughput() -> Json {
    let native = captured(&mut cmd(
        &target_dir()
            .join("release/plane-inline-bench")
            .to_string_lossy(),
        &["core", CORE_ROUNDS],
    ));
    let native = match native {
        Ok(out) => out
            .failure
            .map(|e| failed(&e))
            .or_else(|| last_json(&out.stdout, ""))
            .unwrap_or_else(|| failed("plane-inline-bench core printed no JSON")),
        Err(Failure(e)) => failed(&e),
    };
    let mut command = cmd(
        "wasm-pack",
        &[
            "test",
            "--headless",
            "--chrome",
            "--chromedriver",
            CHROMEDRIVER,
            "--mode",
            "no-install",
            "--release",
            "crates/bench",
            "--test",
            "core_wasm",
            "--",
            "--nocapture",
        ],
    );
    browser_env(&mut command);
    let wasm = match captured(&mut command) {
        Ok(out) => match (last_json(&out.stdout, "bench-json "), out.failure) {
            (Some(json), None) => json,
            (_, Some(e)) => failed(&e),
            (None, None) => failed("the wasm run printed no bench-json line"),
        },
        Err(Failure(e)) => failed(&e),
    };
    let ratio = match (native["per_second"].as_f64(), wasm["per_second"].as_f64()) {
        (Some(n), Some(w)) if w > 0.0 => json!(n / w),
        _ => Json::Null,
    };
    json!({"native": native, "wasm": wasm, "native_over_wasm": ratio})
}

/// The sandbox's own benchmark (`crates/sandbox/benches/sandbox.rs`), after core's detailed one.
fn sandbox_throughput() -> Json {
    if let Err(Failure(e)) = status(&mut cmd(
        "cargo",
        &["bench", "-q", "-p", "plane-inline-core", "--bench", "core"],
    )) {
        println!("core's detailed benchmark failed: {e}");
    }
    match captured(&mut cmd(
        "cargo",
        &["bench", "-q", "-p", "plane-inline-sandbox"],
    )) {
        Ok(out) => match (last_json(&out.stdout, "bench-json "), out.failure) {
            (Some(json), None) => json,
            (_, Some(e)) => failed(&e),
            (None, None) => failed("the sandbox benchmark printed no bench-json line"),
        },
        Err(Failure(e)) => failed(&e),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_last_json_line_after_a_prefix_is_read() {
        let text = "noise\nbench-json {\"a\": 1}\nconsole: bench-json {\"a\": 2}\ntest ok\n";
        assert_eq!(last_json(text, "bench-json "), Some(json!({"a": 2})));
        assert_eq!(last_json("x\n{\"b\": 3}\n", ""), Some(json!({"b": 3})));
        assert_eq!(last_json("nothing here\n", "bench-json "), None);
    }
}
