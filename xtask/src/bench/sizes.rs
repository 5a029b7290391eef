//! Sizes of the shipped wasm bundles, raw and gzip -9, against their budgets. Each bundle is built
//! as it ships (`wasm::bundle`: release, wasm-bindgen stripped, wasm-opt) into `target/bench/`;
//! a bundle whose package is not in the workspace yet is reported as not built.
//! The bundles and their budgets are in `xtask/src/budgets.rs`, shared with `cargo xtask test`'s
//! size check.

pub use crate::budgets::{SHIPPED, Shipped, Size, size_of};
use crate::run::{Failure, Result, output, target_dir};
use crate::wasm;
use serde_json::{Value as Json, json};

/// The workspace's package names.
fn workspace_packages() -> Result<Vec<String>> {
    let metadata = output(
        "cargo",
        &["metadata", "--no-deps", "--format-version", "1", "-q"],
    )
    .ok_or_else(|| Failure("cargo metadata failed".into()))?;
    let json: Json =
        serde_json::from_str(&metadata).map_err(|e| Failure(format!("cargo metadata: {e}")))?;
    Ok(json["packages"]
        .as_array()
        .map(|packages| {
            packages
                .iter()
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

/// The JSON row of a built bundle.
pub fn row(bundle: &Shipped, wasm: Size, js: Size) -> Json {
    let total_gzip = wasm.gzip + js.gzip;
    json!({
        "package": bundle.package,
        "status": "built",
        "wasm": {"raw": wasm.raw, "gzip": wasm.gzip},
        "js": {"raw": js.raw, "gzip": js.gzip},
        "total": {"raw": wasm.raw + js.raw, "gzip": total_gzip},
        "budget_gzip": bundle.budget_gzip,
        "within_budget": bundle.budget_gzip.map(|budget| total_gzip <= budget),
    })
}

/// Builds every shipped bundle that exists and measures it: `{key: row}`.
pub fn measure() -> Result<Json> {
    let packages = workspace_packages()?;
    let mut sizes = serde_json::Map::new();
    for bundle in &SHIPPED {
        let row = if packages.iter().any(|p| p == bundle.package) {
            let out = target_dir().join("bench").join(bundle.key);
            match wasm::bundle(bundle.package, &out, bundle.name) {
                Ok(built) => row(bundle, size_of(&built.wasm)?, size_of(&built.js)?),
                Err(e) => json!({"package": bundle.package, "status": "failed", "error": e.0,
                                 "budget_gzip": bundle.budget_gzip}),
            }
        } else {
            json!({"package": bundle.package, "status": "not built",
                   "reason": format!("package {} is not in the workspace yet", bundle.package),
                   "budget_gzip": bundle.budget_gzip})
        };
        sizes.insert(bundle.key.to_owned(), row);
    }
    Ok(Json::Object(sizes))
}

/// The bundles over budget or that failed to build, in words; empty when all is well.
pub fn problems(sizes: &Json) -> Vec<String> {
    let mut found = Vec::new();
    for bundle in &SHIPPED {
        let row = &sizes[bundle.key];
        match row["status"].as_str() {
            Some("built") => {
                if row["within_budget"] == json!(false) {
                    found.push(format!(
                        "{} is {} bytes gzip -9 (wasm + js), over its budget of {} bytes",
                        bundle.package, row["total"]["gzip"], row["budget_gzip"]
                    ));
                }
            }
            Some("not built") => {}
            _ => found.push(format!(
                "{} could not be built: {}",
                bundle.package,
                row["error"].as_str().unwrap_or("no size recorded")
            )),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn sizes_with(widget_gzip: u64, worker: Json) -> Json {
        let widget = row(
            &SHIPPED[0],
            Size {
                raw: 400_000,
                gzip: widget_gzip,
            },
            Size {
                raw: 30_000,
                gzip: 8_000,
            },
        );
        json!({
            "widget": widget,
            "extension_pages": {"package": "plane-inline-pages", "status": "not built"},
            "service_worker": worker,
            "npm_package": row(&SHIPPED[3], Size { raw: 900_000, gzip: 300_000 }, Size { raw: 20_000, gzip: 5_000 }),
        })
    }

    #[test]
    fn a_bundle_within_its_budget_passes_and_one_without_a_budget_is_only_reported() {
        let sizes = sizes_with(142_000, json!({"status": "not built"}));
        assert_eq!(sizes["widget"]["total"]["gzip"], 150_000);
        assert_eq!(sizes["widget"]["within_budget"], true);
        assert_eq!(sizes["npm_package"]["within_budget"], Json::Null);
        assert_eq!(problems(&sizes), Vec::<String>::new());
    }

    #[test]
    fn a_bundle_over_its_budget_is_named_with_its_size() {
        let sizes = sizes_with(142_001, json!({"status": "not built"}));
        assert_eq!(
            problems(&sizes),
            [
                "plane-inline-widget is 150001 bytes gzip -9 (wasm + js), over its budget of 150000 bytes"
            ]
        );
    }

    #[test]
    fn a_bundle_that_failed_to_build_is_a_problem_and_one_not_written_yet_is_not() {
        let sizes = sizes_with(
            100_000,
            json!({"package": "plane-inline-worker", "status": "failed", "error": "wasm-bindgen failed"}),
        );
        assert_eq!(
            problems(&sizes),
            ["plane-inline-worker could not be built: wasm-bindgen failed"]
        );
    }
}
