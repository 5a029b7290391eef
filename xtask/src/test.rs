//! `cargo xtask test`: every test layer, then one summary line per layer.

use crate::proxy::Proxy;
use crate::run::{Failure, Result, build_packages, cmd, root, status};
use crate::sandbox::Sandbox;
use crate::serve::FileServer;
use crate::tools::{self, CHROMEDRIVER};
use std::process::Command;

/// One test layer: its name and how to run it.
type Layer = (&'static str, fn() -> Result);

/// Runs every layer (or those whose name contains one of `filters`), even after a failure, and
/// fails if any failed.
pub fn run(filters: &[String]) -> Result {
    tools::setup()?;
    let steps: [Layer; 10] = [
        (
            "native: cargo fmt --check, cargo clippy -D warnings, cargo test --workspace",
            native,
        ),
        (
            "browser tests of crates/js (wasm-pack test --headless --chrome)",
            browser_js,
        ),
        (
            "browser tests of crates/client against the sandbox (page and service worker)",
            browser_client,
        ),
        (
            "browser tests of crates/ui and crates/widget: every editor and state, and the widget's panel against the sandbox",
            browser_ui,
        ),
        (
            "widget end to end: dashboard, table, proxy and sandbox in Chromium (node --test tests/e2e/widget*.test.mjs)",
            widget_end_to_end,
        ),
        (
            "npm package plane-inline (wasm-pack build + node --test)",
            npm_package,
        ),
        (
            "Plane's Node SDK against the sandbox (node --test tests/sdk)",
            sdk_conformance,
        ),
        (
            "Plane's Python SDK against the sandbox (pytest tests/sdk-python)",
            python_sdk_conformance,
        ),
        (
            "the extension in Chromium and Firefox against the sandbox (node --test tests/e2e/extension*)",
            crate::extension::end_to_end,
        ),
        (
            "bundle sizes against their budgets (the release builds above, gzip -9; xtask/src/budgets.rs)",
            crate::budgets::check_built,
        ),
    ];
    let mut results = Vec::new();
    let chosen =
        |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()));
    for (name, step) in steps.into_iter().filter(|(name, _)| chosen(name)) {
        println!("\n=== {name}");
        results.push((name, step()));
    }
    println!("\n=== summary");
    let mut failed = 0;
    for (name, result) in &results {
        match result {
            Ok(()) => println!("ok      {name}"),
            Err(e) => {
                failed += 1;
                println!("FAILED  {name}: {e}");
            }
        }
    }
    if failed == 0 {
        Ok(())
    } else {
        Err(Failure(format!(
            "{failed} of {} test layers failed",
            results.len()
        )))
    }
}

/// Formatting and lints first (they fail in seconds, and a clean clone must keep them), then
/// every crate's native tests.
fn native() -> Result {
    status(&mut cmd("cargo", &["fmt", "--all", "--", "--check"]))?;
    status(&mut cmd(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    ))?;
    status(&mut cmd("cargo", &["test", "--workspace"]))
}

/// The environment wasm-bindgen's test runner needs to drive Debian's Chromium offline.
pub fn browser_env(command: &mut Command) {
    command
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            root().join("webdriver.json"),
        )
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
}

fn wasm_pack_test(crate_dir: &str, extra_env: &[(&str, &str)]) -> Result {
    wasm_pack_test_with(crate_dir, &[], extra_env)
}

/// `wasm-pack test` in headless Chromium, with cargo arguments (`--test`, `--features`, and
/// runner arguments after `--`) and extra environment.
pub fn wasm_pack_test_with(
    crate_dir: &str,
    cargo_args: &[&str],
    extra_env: &[(&str, &str)],
) -> Result {
    status(&mut wasm_pack_test_command(
        crate_dir, cargo_args, extra_env,
    ))
}

/// The `wasm-pack test` command of [`wasm_pack_test_with`], not yet run.
pub fn wasm_pack_test_command(
    crate_dir: &str,
    cargo_args: &[&str],
    extra_env: &[(&str, &str)],
) -> Command {
    let mut args = vec![
        "test",
        "--headless",
        "--chrome",
        "--chromedriver",
        CHROMEDRIVER,
        "--mode",
        "no-install",
        crate_dir,
    ];
    args.extend_from_slice(cargo_args);
    let mut command = cmd("wasm-pack", &args);
    browser_env(&mut command);
    for (k, v) in extra_env {
        command.env(k, v);
    }
    command
}

fn browser_js() -> Result {
    wasm_pack_test("crates/js", &[])
}

/// The key of the sandbox behind the client's browser tests and pacing benchmark.
pub const CLIENT_SANDBOX_KEY: &str = "plane_api_client000000000000000000000";

/// The environment that tells the client's browser tests where their sandbox is (read at
/// build time with `option_env!`).
pub fn client_sandbox_env(sandbox: &Sandbox) -> [(&'static str, &str); 2] {
    [
        ("PLANE_INLINE_SANDBOX_URL", sandbox.url.as_str()),
        ("PLANE_INLINE_SANDBOX_KEY", sandbox.api_key.as_str()),
    ]
}

fn browser_client() -> Result {
    build_packages("debug", &["plane-inline-sandbox"])?;
    let sandbox = Sandbox::for_tests("debug", CLIENT_SANDBOX_KEY)?;
    wasm_pack_test("crates/client", &client_sandbox_env(&sandbox))
}

/// A sandbox for a browser layer: in memory, demo seed, test controls, no practical limit.
fn test_sandbox(key: &str) -> Result<Sandbox> {
    build_packages("debug", &["plane-inline-sandbox", "plane-inline-proxy"])?;
    Sandbox::for_tests("debug", key)
}

fn browser_ui() -> Result {
    let sandbox = test_sandbox(CLIENT_SANDBOX_KEY)?;
    wasm_pack_test("crates/ui", &[])?;
    wasm_pack_test("crates/widget", &client_sandbox_env(&sandbox))
}

/// The demo dashboard's pages (built for the widget already) served on a free loopback port,
/// with a proxy (of `profile`) in front of `sandbox` that grants that origin; the proxy's limit
/// is as generous as the test sandbox's own: what runs against it is not about pacing.
pub fn served_dashboard(profile: &str, sandbox: &Sandbox) -> Result<(Proxy, FileServer)> {
    // The dashboard's origin must be known before the proxy starts (its CORS grant).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| Failure(format!("no free port: {e}")))?
        .port();
    let page_origin = format!("http://127.0.0.1:{port}");
    let proxy = Proxy::start(
        profile,
        sandbox,
        &page_origin,
        "127.0.0.1:0",
        &["--rate-limit", "1000000/hour"],
    )?;
    crate::dist::demo_page(&proxy.url, &sandbox.url)?;
    let dashboard = FileServer::start(&crate::dist::www_dir(), &format!("127.0.0.1:{port}"))?;
    Ok((proxy, dashboard))
}

fn widget_end_to_end() -> Result {
    let sandbox = test_sandbox("plane_api_widget0000000000000000000000")?;
    crate::dist::widget()?;
    let (proxy, dashboard) = served_dashboard("debug", &sandbox)?;
    let mut node = cmd(
        "node",
        &[
            "--test",
            "--test-concurrency=1",
            "tests/e2e/widget.test.mjs",
            "tests/e2e/widget-table.test.mjs",
        ],
    );
    node.env("WIDGET_DASHBOARD_URL", format!("{}/", dashboard.url))
        .env("WIDGET_PROXY_URL", &proxy.url)
        .env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key);
    status(&mut node)
}

fn npm_package() -> Result {
    status(&mut cmd(
        "wasm-pack",
        &[
            "build",
            "--release",
            "--target",
            "web",
            "--mode",
            "no-install",
            "--out-dir",
            "pkg",
            "crates/js",
        ],
    ))?;
    status(&mut cmd("node", &["--test", "crates/js/tests/"]))
}

/// A fresh in-memory sandbox with the demo seed, for one SDK's conformance run.
fn conformance_sandbox() -> Result<Sandbox> {
    build_packages("debug", &["plane-inline-sandbox"])?;
    Sandbox::start(
        "debug",
        "plane_api_conformance0000000000000000",
        &[
            "--addr",
            "127.0.0.1:0",
            "--db",
            ":memory:",
            "--seed",
            "demo",
            "--rate-limit",
            "100000/minute",
        ],
    )
}

fn sdk_conformance() -> Result {
    let sandbox = conformance_sandbox()?;
    let mut node = cmd("node", &["--test", "tests/sdk/"]);
    node.env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key);
    status(&mut node)
}

/// Plane's Python SDK (the venv `setup` made) runs its scenario against its own sandbox.
fn python_sdk_conformance() -> Result {
    let sandbox = conformance_sandbox()?;
    let python = tools::venv_python().to_string_lossy().into_owned();
    let mut pytest = cmd(
        &python,
        &["-m", "pytest", "-p", "no:cacheprovider", "tests/sdk-python"],
    );
    pytest
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key);
    status(&mut pytest)
}
