//! The bench's results as a plain-text table, and the measures that could not run.

use super::requests::PANEL_PROPERTIES;
use super::sizes::SHIPPED;
use serde_json::Value as Json;
use std::fmt::Write;

const SYSTEMS: [&str; 3] = ["plane_inline", "naive", "node_sdk"];

/// A cell: the value, or what stands in for it.
fn cell(value: &Json) -> String {
    match value {
        Json::Null => "-".into(),
        Json::Object(map) if map.contains_key("error") => "failed".into(),
        Json::Number(n) => n
            .as_f64()
            .map(|f| {
                if f.fract() == 0.0 {
                    format!("{f:.0}")
                } else {
                    format!("{f:.1}")
                }
            })
            .unwrap_or_default(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn lines(out: &mut String, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::new();
        for (c, text) in row.iter().enumerate() {
            let _ = write!(line, "{text:<width$}  ", width = widths[c]);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
}

fn seconds(ms: &Json) -> String {
    ms.as_f64()
        .map(|ms| format!("{:.1} s", ms / 1000.0))
        .unwrap_or_else(|| "-".into())
}

fn pacing_time(row: &Json) -> String {
    if row.get("error").is_some() && row.get("elapsed_ms").is_none() {
        return "failed".into();
    }
    match row["over_minimum_percent"].as_f64() {
        Some(p) => format!("{} ({p:+.1} %)", seconds(&row["elapsed_ms"])),
        None => "-".into(),
    }
}

fn side_by_side(report: &Json) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "measure".into(),
        "plane_inline".into(),
        "naive".into(),
        "node_sdk".into(),
        "target".into(),
    ]];
    for properties in PANEL_PROPERTIES {
        let key = format!("properties_{properties}");
        let mut row = vec![format!("requests to load a panel, {properties} properties")];
        for system in SYSTEMS {
            let measured = &report["panel_requests"][system][&key];
            row.push(if measured.get("error").is_some() {
                "failed".into()
            } else if measured.get("requests_next").is_some() {
                format!(
                    "{} (next {})",
                    cell(&measured["requests"]),
                    cell(&measured["requests_next"])
                )
            } else {
                cell(&measured["requests"])
            });
        }
        row.push("<= 3".into());
        rows.push(row);
    }
    let mut row = vec!["requests per saved value".to_owned()];
    for system in SYSTEMS {
        let measured = &report["requests_per_save"][system];
        row.push(if measured.get("error").is_some() {
            "failed".into()
        } else {
            cell(&measured["requests"])
        });
    }
    row.push("1".into());
    rows.push(row);
    let paced = &report["rate_limited_saves"];
    let limit = format!(
        "{} saves under {}/minute",
        cell(&paced["saves"]),
        cell(&paced["limit_per_minute"])
    );
    for (what, key, target) in [
        ("429 answers", "throttled", "0"),
        ("saves lost", "lost", "0"),
    ] {
        rows.push(vec![
            format!("{limit}: {what}"),
            cell(&paced["plane_inline"][key]),
            "-".into(),
            cell(&paced["node_sdk"][key]),
            target.into(),
        ]);
    }
    rows.push(vec![
        format!("{limit}: time vs {} minimum", seconds(&paced["minimum_ms"])),
        pacing_time(&paced["plane_inline"]),
        "-".into(),
        pacing_time(&paced["node_sdk"]),
        "within 10 %".into(),
    ]);
    rows
}

fn per_second(value: &Json) -> String {
    value
        .as_f64()
        .map(|v| format!("{v:.0}/s"))
        .unwrap_or_else(|| "failed".into())
}

fn singles(report: &Json) -> Vec<Vec<String>> {
    let core = &report["core_throughput"];
    let sandbox = &report["sandbox"];
    let mut rows = vec![
        vec!["measure".into(), "value".into(), "target".into()],
        vec![
            "core: validations + payload builds, native".into(),
            per_second(&core["native"]["per_second"]),
            "report".into(),
        ],
        vec![
            "core: validations + payload builds, wasm (Chromium)".into(),
            match core["native_over_wasm"].as_f64() {
                Some(ratio) => format!(
                    "{} ({:.0} % of native)",
                    per_second(&core["wasm"]["per_second"]),
                    100.0 / ratio
                ),
                None => per_second(&core["wasm"]["per_second"]),
            },
            "within 2x native".into(),
        ],
        vec![
            "sandbox: value upserts on loopback".into(),
            per_second(&sandbox["upserts_per_second"]),
            ">= 2,000/s".into(),
        ],
        vec![
            "sandbox: start-up, existing database (median)".into(),
            sandbox["startup_warm_median_ms"]
                .as_f64()
                .map(|ms| format!("{ms:.1} ms"))
                .unwrap_or_else(|| "failed".into()),
            "report".into(),
        ],
    ];
    let timing = |t: &Json| match (t["median"].as_f64(), t["p95"].as_f64()) {
        (Some(median), Some(p95)) => format!("median {median:.0} ms, p95 {p95:.0} ms"),
        _ => cell(&t["error"]),
    };
    rows.push(vec![
        "page load to interactive panel".into(),
        timing(&report["page_load_to_panel_ms"]),
        "median <= 300 ms".into(),
    ]);
    rows.push(vec![
        "commit to \"saved\" shown".into(),
        timing(&report["commit_to_saved_ms"]),
        "report".into(),
    ]);
    let big = &report["panel_50_properties"];
    rows.push(vec![
        "50-property panel: load to 50 rows".into(),
        timing(&big["render_ms"]),
        "report".into(),
    ]);
    rows.push(vec![
        "50-property panel: keystroke to message".into(),
        timing(&big["keystroke_to_message_ms"]),
        "report".into(),
    ]);
    let scan = &report["references_scan"];
    rows.push(vec![
        "references: scan of a 10,000-text-node page".into(),
        match (
            scan["total_ms"]["median"].as_f64(),
            scan["total_ms"]["max"].as_f64(),
        ) {
            (Some(median), Some(max)) => format!(
                "{} nodes, total median {median:.1} ms (max {max:.1}), longest task {:.1} ms",
                scan["text_nodes"],
                scan["longest_task_during_scan_ms"].as_f64().unwrap_or(0.0)
            ),
            _ => cell(&scan["error"]),
        },
        "total <= 50 ms, no task > 50 ms".into(),
    ]);
    rows
}

fn kb(bytes: &Json) -> String {
    bytes
        .as_f64()
        .map(|b| format!("{:.1} KB", b / 1000.0))
        .unwrap_or_else(|| "-".into())
}

fn size_rows(report: &Json) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        "bundle".into(),
        "wasm".into(),
        "wasm gz".into(),
        "js".into(),
        "js gz".into(),
        "total gz".into(),
        "budget gz".into(),
    ]];
    for bundle in &SHIPPED {
        let row = &report["sizes"][bundle.key];
        let budget = kb(&row["budget_gzip"]);
        if row["status"] == "built" {
            let verdict = match row["within_budget"].as_bool() {
                Some(true) => " ok",
                Some(false) => " OVER",
                None => "",
            };
            rows.push(vec![
                bundle.label.into(),
                kb(&row["wasm"]["raw"]),
                kb(&row["wasm"]["gzip"]),
                kb(&row["js"]["raw"]),
                kb(&row["js"]["gzip"]),
                kb(&row["total"]["gzip"]),
                format!("{budget}{verdict}"),
            ]);
        } else {
            let mut row_text = vec![bundle.label.into(), cell(&row["status"])];
            row_text.extend(["".into(), "".into(), "".into(), "".into(), budget]);
            rows.push(row_text);
        }
    }
    rows
}

/// The results as three plain-text tables (sizes, side by side, single measures).
pub fn table(report: &Json) -> String {
    let mut out = String::new();
    lines(&mut out, &size_rows(report));
    if report.get("panel_requests").is_some() {
        lines(&mut out, &side_by_side(report));
        lines(&mut out, &singles(report));
    }
    out
}

/// Every `error` in the report, with the path of keys that leads to it.
pub fn errors(report: &Json) -> Vec<String> {
    fn walk(value: &Json, path: &str, found: &mut Vec<String>) {
        if let Json::Object(map) = value {
            for (key, child) in map {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                if key == "error" {
                    found.push(format!("{path}: {}", cell(child)));
                } else {
                    walk(child, &here, found);
                }
            }
        }
    }
    let mut found = Vec::new();
    // Size failures are reported by the size check.
    if let Json::Object(map) = report {
        for (key, value) in map.iter().filter(|(k, _)| k.as_str() != "sizes") {
            walk(value, key, &mut found);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn errors_are_listed_with_their_path() {
        let report = json!({
            "sizes": {"widget": {"error": "reported elsewhere"}},
            "panel_requests": {"naive": {"properties_3": {"error": "refused"}}},
            "sandbox": {"upserts_per_second": 4000.0},
        });
        assert_eq!(
            errors(&report),
            ["panel_requests.naive.properties_3: refused"]
        );
    }

    #[test]
    fn cells_show_whole_numbers_without_decimals() {
        assert_eq!(cell(&json!(3)), "3");
        assert_eq!(cell(&json!(2.25)), "2.2");
        assert_eq!(cell(&json!(null)), "-");
        assert_eq!(cell(&json!({"error": "x"})), "failed");
    }
}
