//! How long the bundles take to start, measured in headless Chromium against a release sandbox
//! (`tests/e2e/extension/startup-bench.mjs` drives the browser and prints the numbers): the
//! service worker's cold start (stopped, then a work item page opened, to the panel's rows)
//! next to a warm one, the widget's demo dashboard on a slow network (1.6 Mbit/s, 150 ms), and
//! each bundle's wasm compile and instantiate time.

use super::{browser_script, failed};
use crate::run::{Failure, Result, build_packages};
use crate::sandbox::Sandbox;
use serde_json::{Value as Json, json};

const KEY: &str = "plane_api_benchstart0000000000000000000";

/// `worker_start_ms`, `widget_slow_network_ms` and `wasm_compile_ms` (or why they could not be
/// measured).
pub fn timings() -> Json {
    measure().unwrap_or_else(|Failure(e)| {
        json!({
            "worker_start_ms": failed(&e),
            "widget_slow_network_ms": failed(&e),
            "wasm_compile_ms": failed(&e),
        })
    })
}

fn measure() -> Result<Json> {
    build_packages("release", &["plane-inline-sandbox", "plane-inline-proxy"])?;
    crate::extension::build()?;
    let copy = crate::extension::loopback_copy("extension-startup-bench")?;
    let sandbox = Sandbox::for_tests("release", KEY)?;
    crate::dist::widget()?;
    let (_proxy, dashboard) = crate::test::served_dashboard("release", &sandbox)?;
    let dashboard = format!("{}/", dashboard.url);
    browser_script(
        "tests/e2e/extension/startup-bench.mjs",
        &sandbox,
        &copy,
        &[("WIDGET_DASHBOARD_URL", dashboard)],
    )
}

/// The startup rows of the bench's table (`measure`, `value`, `target`); none when the startup
/// was not measured.
pub fn rows(report: &Json) -> Vec<Vec<String>> {
    if report.get("worker_start_ms").is_none() {
        return Vec::new();
    }
    let timing = |t: &Json| match (t["median"].as_f64(), t["p95"].as_f64()) {
        (Some(median), Some(p95)) => format!("median {median:.0} ms, p95 {p95:.0} ms"),
        _ => t["error"].as_str().unwrap_or("failed").to_owned(),
    };
    let worker = &report["worker_start_ms"];
    let mut rows = vec![
        vec!["startup".into(), "value".into(), "target".into()],
        vec![
            "service worker stopped: page load to panel rows".into(),
            timing(&worker["cold"]),
            "median <= 400 ms".into(),
        ],
        vec![
            "service worker running: page load to panel rows".into(),
            timing(&worker["warm"]),
            "report".into(),
        ],
        vec![
            "widget dashboard at 1.6 Mbit/s, 150 ms: navigation to panel rows".into(),
            timing(&report["widget_slow_network_ms"]),
            "median <= 2,500 ms".into(),
        ],
    ];
    for (key, label) in [
        ("widget", "widget"),
        ("extension_pages", "extension pages"),
        ("service_worker", "service worker"),
    ] {
        let bundle = &report["wasm_compile_ms"][key];
        rows.push(vec![
            format!("{label}: wasm compile / instantiate"),
            match (
                bundle["compile_ms"]["median"].as_f64(),
                bundle["instantiate_ms"]["median"].as_f64(),
            ) {
                (Some(compile), Some(instantiate)) => {
                    format!("median {compile:.1} ms / {instantiate:.1} ms")
                }
                _ => "failed".into(),
            },
            "report".into(),
        ]);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_read_the_measures_and_say_failed_for_what_did_not_run() {
        assert_eq!(rows(&json!({})), Vec::<Vec<String>>::new());
        let report = json!({
            "worker_start_ms": {
                "cold": {"median": 412.0, "p95": 480.0},
                "warm": {"median": 301.4, "p95": 330.0},
            },
            "widget_slow_network_ms": {"error": "the dashboard did not load"},
            "wasm_compile_ms": {
                "service_worker": {"compile_ms": {"median": 12.34}, "instantiate_ms": {"median": 0.5}},
            },
        });
        let found = rows(&report);
        assert_eq!(found[1][1], "median 412 ms, p95 480 ms");
        assert_eq!(found[2][1], "median 301 ms, p95 330 ms");
        assert_eq!(found[3][1], "the dashboard did not load");
        assert_eq!(found[4][1], "failed");
        assert_eq!(
            found[6],
            [
                "service worker: wasm compile / instantiate",
                "median 12.3 ms / 0.5 ms",
                "report"
            ]
        );
        assert_eq!(found.len(), 7);
    }
}
