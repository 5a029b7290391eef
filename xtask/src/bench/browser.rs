//! What a person feels, measured in headless Chromium with the extension loaded and connected
//! to the sandbox: page load to an interactive panel, commit to "Saved" shown, and a panel of 50
//! properties (render, and keystroke to Plane's message), and the references script's scan of a
//! 10,000-text-node page (main-thread time and longest task). `tests/e2e/extension/bench.mjs`
//! drives the browser and prints the numbers.

use super::{failed, last_json};
use crate::run::{Failure, Result, captured, cmd, target_dir};
use crate::sandbox::Sandbox;
use serde_json::{Value as Json, json};

const KEY: &str = "plane_api_benchui0000000000000000000000";

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
    crate::extension::build()?;
    let copy = crate::extension::loopback_copy("extension-bench")?;
    crate::extension::with_tabs(&copy)?;
    let sandbox = Sandbox::for_tests("release", KEY)?;
    let mut node = cmd("node", &["tests/e2e/extension/bench.mjs"]);
    node.env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key)
        .env("EXTENSION_DIR", &copy)
        .env(
            "BENCH_BINARY",
            target_dir().join("release/plane-inline-bench"),
        );
    let out = captured(&mut node)?;
    if let Some(failure) = out.failure {
        return Err(Failure(failure));
    }
    last_json(&out.stdout, "").ok_or_else(|| Failure("the browser bench printed no JSON".into()))
}
