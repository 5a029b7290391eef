//! What a person feels, measured in headless Chromium with the extension loaded and connected
//! to the sandbox: page load to an interactive panel, commit to "Saved" shown, and a panel of 50
//! properties (render, and keystroke to Plane's message), and the references script's scan of a
//! 10,000-text-node page (main-thread time and longest task). `tests/e2e/extension/bench.mjs`
//! drives the browser and prints the numbers. The table of a project's work items (its first
//! page, the requests it costs, and keystrokes over 1,000 loaded rows) is measured the same way
//! by `tests/e2e/extension/table-bench.mjs`.

use super::{browser_script, failed};
use crate::run::{Failure, Result, target_dir};
use crate::sandbox::Sandbox;
use serde_json::{Value as Json, json};
use std::path::PathBuf;
use std::sync::OnceLock;

const KEY: &str = "plane_api_benchui0000000000000000000000";

/// The extension built and copied for the benchmarks, once per run (or why it could not be).
fn extension_copy() -> Result<PathBuf> {
    static COPY: OnceLock<std::result::Result<PathBuf, String>> = OnceLock::new();
    COPY.get_or_init(|| {
        let build = || -> Result<PathBuf> {
            crate::extension::build()?;
            let copy = crate::extension::loopback_copy("extension-bench")?;
            crate::extension::with_tabs(&copy)?;
            Ok(copy)
        };
        build().map_err(|Failure(e)| e)
    })
    .clone()
    .map_err(Failure)
}

/// Runs one browser script against a fresh release sandbox and returns its last JSON line.
fn run_script(script: &str) -> Result<Json> {
    let copy = extension_copy()?;
    let sandbox = Sandbox::for_tests("release", KEY)?;
    let bench = target_dir().join("release/plane-inline-bench");
    browser_script(
        script,
        &sandbox,
        &copy,
        &[("BENCH_BINARY", bench.display().to_string())],
    )
}

/// The three measures, each `{runs, median, p95, max}` in milliseconds (or an error).
pub fn timings() -> Json {
    measure().unwrap_or_else(|Failure(e)| {
        json!({
            "page_load_to_panel_ms": failed(&e),
            "commit_to_saved_ms": failed(&e),
            "panel_50_properties": failed(&e),
            "references_scan": failed(&e),
        })
    })
}

fn measure() -> Result<Json> {
    run_script("tests/e2e/extension/bench.mjs")
}

/// The table's measures: `table_first_page` (the first open, then the median of 10, with the
/// requests and rows drawn) and `table_scroll_1000` (keystroke to frame over 1,000 rows).
pub fn table() -> Json {
    run_script("tests/e2e/extension/table-bench.mjs").unwrap_or_else(|Failure(e)| {
        json!({
            "table_first_page": failed(&e),
            "table_scroll_1000": failed(&e),
        })
    })
}
