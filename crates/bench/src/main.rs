//! `plane-inline-bench`: one measurement per run, printed as one JSON object on stdout for
//! `cargo xtask bench` to collect.
//!
//! - `plane-inline-bench core ROUNDS`: core's validations + payload builds per second, natively.
//! - `plane-inline-bench panel N`: gives OPS-1's type N properties, then counts the requests of
//!   Plane Inline's panel load and of the naive one.
//! - `plane-inline-bench save`: requests per saved value, Plane Inline's client and a plain POST.
//! - `plane-inline-bench bulk`: after a table's first page of SHIP, Summary set on 40 Task rows
//!   under 60 requests a minute, Plane Inline's edit service and a plain loop (about a minute
//!   each).
//!
//! The sandbox ones read `SANDBOX_URL` and `SANDBOX_API_KEY` and need `--test-controls`.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    match cli::run(std::env::args().skip(1).collect()) {
        Ok(json) => {
            println!("{json}");
            std::process::ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("plane-inline-bench: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Nothing runs in wasm: there the workload runs from `tests/core_wasm.rs`.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use plane_inline_bench::error::BenchError;
    use plane_inline_bench::sandbox::Sandbox;
    use plane_inline_bench::workload::Workload;
    use plane_inline_bench::{bulk, panel, saves, shape};
    use serde_json::{Value as Json, json};
    use std::time::Instant;

    /// Properties of the type `save` writes to.
    const SAVE_PROPERTIES: usize = 15;
    const USAGE: &str = "usage: plane-inline-bench <core ROUNDS | panel PROPERTIES | save | bulk>";

    fn number(arg: Option<&String>) -> Result<usize, BenchError> {
        arg.and_then(|a| a.parse().ok())
            .ok_or_else(|| BenchError::Usage(USAGE.into()))
    }

    fn sandbox() -> Result<Sandbox, BenchError> {
        let read = |name: &str| {
            std::env::var(name)
                .map_err(|_| BenchError::Usage(format!("set {name} to a running sandbox")))
        };
        Ok(Sandbox::new(
            &read("SANDBOX_URL")?,
            &read("SANDBOX_API_KEY")?,
        ))
    }

    fn block_on<T>(
        future: impl std::future::Future<Output = Result<T, BenchError>>,
    ) -> Result<T, BenchError> {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| BenchError::Usage(format!("cannot start tokio: {e}")))?
            .block_on(future)
    }

    fn to_json(value: impl serde::Serialize) -> Json {
        serde_json::to_value(value).unwrap_or(Json::Null)
    }

    /// Runs one measurement and returns its JSON.
    pub fn run(args: Vec<String>) -> Result<Json, BenchError> {
        match args.first().map(String::as_str) {
            Some("core") => {
                let rounds = u32::try_from(number(args.get(1))?)
                    .map_err(|_| BenchError::Usage(USAGE.into()))?;
                let workload = Workload::new()?;
                let origin = Instant::now();
                let throughput =
                    workload.measure(rounds, || origin.elapsed().as_secs_f64() * 1000.0);
                Ok(to_json(throughput))
            }
            Some("panel") => {
                let count = number(args.get(1))?;
                let sandbox = sandbox()?;
                block_on(async {
                    let shaped = shape::shape(&sandbox, count).await?;
                    let plane_inline = panel::plane_inline(&sandbox, &shaped).await?;
                    let naive = panel::naive(&sandbox, &shaped).await?;
                    Ok(json!({
                        "properties": count,
                        "plane_inline": to_json(plane_inline),
                        "naive": to_json(naive),
                    }))
                })
            }
            Some("save") => {
                let sandbox = sandbox()?;
                block_on(async {
                    let shaped = shape::shape(&sandbox, SAVE_PROPERTIES).await?;
                    let plane_inline = saves::plane_inline(&sandbox, &shaped).await?;
                    let naive = saves::naive(&sandbox, &shaped).await?;
                    Ok(json!({
                        "plane_inline": to_json(plane_inline),
                        "naive": to_json(naive),
                    }))
                })
            }
            Some("bulk") => {
                let sandbox = sandbox()?;
                block_on(bulk::both(&sandbox))
            }
            _ => Err(BenchError::Usage(USAGE.into())),
        }
    }
}
