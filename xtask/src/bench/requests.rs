//! Request counts and rate-limit behaviour against the sandbox, side by side: Plane Inline's
//! client, the naive way (makeplane/plane#8654) and Plane's Node SDK. Each row sits under one key
//! per system: `plane_inline`, `naive`, `node_sdk`. Also the table's bulk set of 40 rows under
//! 60 requests a minute, after its first page's reads.

use super::{failed, last_json};
use crate::run::{Captured, Failure, Result, build_packages, captured, cmd};
use crate::sandbox::Sandbox;
use crate::test::{CLIENT_SANDBOX_KEY, client_sandbox_env, wasm_pack_test_command};
use serde_json::{Map, Value as Json, json};

/// The property counts of the panel measure.
pub const PANEL_PROPERTIES: [usize; 3] = [3, 15, 50];
/// The rate limit of the pacing measure, per minute.
pub const LIMIT_PER_MINUTE: u64 = 100;
/// Saves in the pacing measure.
pub const SAVES: u64 = 200;
/// The least time 200 saves can take under 100 a minute: the window lets 100 through at once and
/// the other 100 as the first leave it, a minute later.
pub const MINIMUM_MS: f64 = 60_000.0;

const KEY: &str = "plane_api_bench00000000000000000000000";

fn bench_binary() -> String {
    crate::run::target_dir()
        .join("release/plane-inline-bench")
        .to_string_lossy()
        .into_owned()
}

/// Runs a command that prints one JSON object (the last line of its stdout).
fn json_of(program: &str, args: &[&str], sandbox: &Sandbox) -> Json {
    let mut command = cmd(program, args);
    command
        .env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key);
    match captured(&mut command) {
        Ok(out) => match (out.failure, last_json(&out.stdout, "")) {
            (None, Some(json)) => json,
            (Some(failure), _) => failed(&failure),
            (None, None) => failed(&format!("{program} printed no JSON")),
        },
        Err(Failure(e)) => failed(&e),
    }
}

/// Panel loads and per-save counts: `(panel_requests, requests_per_save)`.
pub fn counts() -> Result<(Json, Json)> {
    let sandbox = Sandbox::for_tests("release", KEY)?;
    let bench = bench_binary();
    let mut panel = [Map::new(), Map::new(), Map::new()];
    for properties in PANEL_PROPERTIES {
        let count = properties.to_string();
        let measured = json_of(&bench, &["panel", &count], &sandbox);
        let sdk = json_of("node", &["tests/sdk/bench/panel.mjs", "OPS-1"], &sandbox);
        let key = format!("properties_{properties}");
        panel[0].insert(key.clone(), pick(&measured, "plane_inline"));
        panel[1].insert(key.clone(), pick(&measured, "naive"));
        panel[2].insert(key, sdk);
    }
    let [plane_inline, naive, node_sdk] = panel;
    let saved = json_of(&bench, &["save"], &sandbox);
    let sdk_saved = json_of("node", &["tests/sdk/bench/saves.mjs", "one"], &sandbox);
    Ok((
        json!({"plane_inline": plane_inline, "naive": naive, "node_sdk": node_sdk}),
        json!({
            "plane_inline": pick(&saved, "plane_inline"),
            "naive": pick(&saved, "naive"),
            "node_sdk": sdk_saved,
        }),
    ))
}

/// `json[key]`, or the whole of a failed run's JSON.
fn pick(json: &Json, key: &str) -> Json {
    if json.get("error").is_some() {
        json.clone()
    } else {
        json[key].clone()
    }
}

/// Adds the comparison with the minimum time to a pacing row.
fn paced(mut row: Json) -> Json {
    if let Some(elapsed) = row["elapsed_ms"].as_f64() {
        row["minimum_ms"] = json!(MINIMUM_MS);
        row["over_minimum_percent"] = json!((elapsed / MINIMUM_MS - 1.0) * 100.0);
    }
    row
}

fn rate_limited_sandbox(cors: bool) -> Result<Sandbox> {
    let limit = format!("{LIMIT_PER_MINUTE}/minute");
    let mut args = vec![
        "--addr",
        "127.0.0.1:0",
        "--db",
        ":memory:",
        "--seed",
        "demo",
        "--rate-limit",
        &limit,
        "--test-controls",
    ];
    if cors {
        args.push("--cors-expose-rate-limit-headers");
    }
    let key = if cors { CLIENT_SANDBOX_KEY } else { KEY };
    Sandbox::start("release", key, &args)
}

/// 200 saves under 100 a minute: Plane Inline's client in headless Chromium (it learns the limit
/// from the headers), and Plane's Node SDK in a plain loop.
pub fn pacing() -> Result<Json> {
    let sandbox = rate_limited_sandbox(true)?;
    let run = client_pacing(&client_sandbox_env(&sandbox));
    let plane_inline = match run {
        Ok(out) => match (last_json(&out.stdout, "bench-json "), out.failure) {
            (Some(json), None) => json,
            (Some(mut json), Some(e)) => {
                json["error"] = json!(e);
                json
            }
            (None, Some(e)) => failed(&e),
            (None, None) => failed("the pacing test printed no bench-json line"),
        },
        Err(Failure(e)) => failed(&e),
    };
    drop(sandbox);
    let sandbox = rate_limited_sandbox(false)?;
    let saves = SAVES.to_string();
    let node_sdk = json_of(
        "node",
        &["tests/sdk/bench/saves.mjs", "loop", &saves],
        &sandbox,
    );
    Ok(json!({
        "limit_per_minute": LIMIT_PER_MINUTE,
        "saves": SAVES,
        "minimum_ms": MINIMUM_MS,
        "plane_inline": paced(plane_inline),
        "node_sdk": paced(node_sdk),
    }))
}

/// A table's bulk set: after the reads of SHIP's first page, Summary set on 40 Task rows under
/// 60 requests a minute (`plane-inline-bench bulk`: Plane Inline's edit service and a plain loop;
/// `tests/sdk/bench/bulk.mjs`: Plane's Node SDK), each about a minute, one run each.
pub fn bulk() -> Result<Json> {
    let sandbox = Sandbox::for_tests("release", KEY)?;
    let measured = json_of(&bench_binary(), &["bulk"], &sandbox);
    let node_sdk = json_of("node", &["tests/sdk/bench/bulk.mjs"], &sandbox);
    let field = |key: &str| measured.get(key).cloned().unwrap_or(Json::Null);
    Ok(json!({
        "project": field("project"),
        "property": field("property"),
        "limit_per_minute": field("limit_per_minute"),
        "writes": field("writes"),
        "plane_inline": pick(&measured, "plane_inline"),
        "naive": pick(&measured, "naive"),
        "node_sdk": node_sdk,
    }))
}

/// The client's pacing test (`crates/client/tests/bench.rs`) in headless Chromium.
fn client_pacing(env: &[(&str, &str)]) -> Result<Captured> {
    let args = [
        "--features",
        "sandbox-bench",
        "--test",
        "bench",
        "--",
        "--nocapture",
    ];
    captured(&mut wasm_pack_test_command("crates/client", &args, env))
}

/// Builds what the sandbox measures need: the release sandbox and the bench binary.
pub fn build() -> Result {
    build_packages("release", &["plane-inline-sandbox", "plane-inline-bench"])
}
