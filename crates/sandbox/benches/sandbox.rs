//! Sandbox benchmark (`cargo bench -p plane-inline-sandbox`): start-up time of the release
//! binary with the demo seed, on a fresh database and on an existing one, and value upserts per
//! second over keep-alive connections on loopback. Goals: under 1 s warm, at least 2,000
//! upserts/s. Results are printed as plain lines, then as one `bench-json {…}` line for
//! `cargo xtask bench` to collect.

use plane_inline_sandbox::ids::seed_id;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_plane-inline-sandbox");
const KEY: &str = "plane_api_bench";
const RUNS: usize = 5;
const WORKERS: usize = 32;
const UPSERTS_PER_WORKER: usize = 250;

type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Starts the binary and returns it with its base URL and the time until it printed the
/// listening line.
fn spawn(db: &Path, extra: &[&str]) -> BenchResult<(Child, String, Duration)> {
    let started = Instant::now();
    let mut child = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--api-key", KEY, "--db"])
        .arg(db)
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("stdout is not piped")?;
    let line = BufReader::new(stdout)
        .lines()
        .next()
        .ok_or("the sandbox printed nothing")??;
    let elapsed = started.elapsed();
    let base = line
        .strip_prefix("listening on ")
        .ok_or("no listening line")?
        .to_owned();
    Ok((child, base, elapsed))
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Prints the samples' minimum and median, and returns the median in milliseconds.
fn summary(label: &str, mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(samples[samples.len() / 2]);
    println!(
        "{label}: min {:.1} ms, median {median:.1} ms ({} runs)",
        ms(samples[0]),
        samples.len()
    );
    median
}

fn scratch() -> BenchResult<PathBuf> {
    let dir =
        std::env::temp_dir().join(format!("plane-inline-sandbox-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Returns the median start-up times, fresh and warm, in milliseconds.
fn startup(dir: &Path) -> BenchResult<(f64, f64)> {
    let mut cold = Vec::new();
    let mut warm = Vec::new();
    for run in 0..RUNS {
        let db = dir.join(format!("startup-{run}.sqlite3"));
        let (child, _, elapsed) = spawn(&db, &[])?;
        cold.push(elapsed);
        stop(child);
        let (child, _, elapsed) = spawn(&db, &[])?;
        warm.push(elapsed);
        stop(child);
    }
    Ok((
        summary("startup, fresh database (creates and seeds demo)", cold),
        summary("startup, existing database (warm)", warm),
    ))
}

/// Returns the upserts per second and how many failed.
async fn upserts(dir: &Path) -> BenchResult<(f64, usize)> {
    let db = dir.join("upserts.sqlite3");
    let (child, base, _) = spawn(&db, &["--rate-limit", "100000000/minute"])?;
    let project = seed_id("project", "DEMO");
    let property = seed_id("property", "DEMO/Story Points");
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(WORKERS)
        .build()?;
    // Warm the connections.
    let _ = client
        .get(format!("{base}/api/v1/users/me/"))
        .header("X-API-Key", KEY)
        .send()
        .await;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..WORKERS {
        let (client, base, project, property) = (
            client.clone(),
            base.clone(),
            project.clone(),
            property.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut failures = 0usize;
            for i in 0..UPSERTS_PER_WORKER {
                let item = seed_id("work_item", &format!("DEMO-{}", 1 + (worker * UPSERTS_PER_WORKER + i) % 250));
                let url = format!("{base}/api/v1/workspaces/demo/projects/{project}/work-items/{item}/work-item-properties/{property}/values/");
                let response = client
                    .post(url)
                    .header("X-API-Key", KEY)
                    .json(&serde_json::json!({ "value": (i % 13) as f64 + 0.5 }))
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                    }
                    _ => failures += 1,
                }
            }
            failures
        }));
    }
    let mut failures = 0;
    for task in tasks {
        failures += task.await.unwrap_or(UPSERTS_PER_WORKER);
    }
    let elapsed = started.elapsed();
    let total = WORKERS * UPSERTS_PER_WORKER;
    let per_second = total as f64 / elapsed.as_secs_f64();
    println!(
        "upserts: {total} POST .../values/ in {:.2} s = {per_second:.0} upserts/s ({WORKERS} concurrent keep-alive connections, {failures} failed)",
        elapsed.as_secs_f64(),
    );
    stop(child);
    Ok((per_second, failures))
}

fn main() -> BenchResult<()> {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let dir = scratch()?;
    let (fresh_ms, warm_ms) = startup(&dir)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (per_second, failures) = runtime.block_on(upserts(&dir))?;
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "bench-json {}",
        serde_json::json!({
            "startup_fresh_median_ms": fresh_ms,
            "startup_warm_median_ms": warm_ms,
            "upserts_per_second": per_second,
            "upserts": WORKERS * UPSERTS_PER_WORKER,
            "upserts_failed": failures,
            "connections": WORKERS,
        })
    );
    Ok(())
}
