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

/// A bulk row's time against the least time the window allows after its reads.
fn bulk_time(row: &Json) -> String {
    if row.get("error").is_some() {
        return "failed".into();
    }
    match (row["elapsed_ms"].as_f64(), row["minimum_ms"].as_f64()) {
        (Some(elapsed), Some(least)) if least > 0.0 => format!(
            "{} / {} ({:+.1} %)",
            seconds(&row["elapsed_ms"]),
            seconds(&row["minimum_ms"]),
            (elapsed / least - 1.0) * 100.0
        ),
        _ => "-".into(),
    }
}

/// The table's bulk set, side by side.
fn bulk_rows(report: &Json) -> Vec<Vec<String>> {
    let bulk = &report["table_bulk_set"];
    let what = format!(
        "table: {} rows set under {}/minute",
        cell(&bulk["writes"]),
        cell(&bulk["limit_per_minute"])
    );
    let mut rows = vec![vec![
        "measure".into(),
        "plane_inline".into(),
        "naive".into(),
        "node_sdk".into(),
        "target".into(),
    ]];
    let of = |system: &str, key: &str| {
        let row = &bulk[system];
        if row.get("error").is_some() || bulk.get("error").is_some() {
            "failed".into()
        } else {
            cell(&row[key])
        }
    };
    for (label, key, target) in [
        ("requests before it (first page's reads)", "reads", "~52"),
        ("requests it sent", "requests", "40"),
        ("429 answers", "throttled", "0"),
        ("values saved", "saved", "40"),
    ] {
        let mut row = vec![format!("{what}: {label}")];
        row.extend(SYSTEMS.iter().map(|system| of(system, key)));
        row.push(target.into());
        rows.push(row);
    }
    let mut row = vec![format!("{what}: time / least possible")];
    row.extend(SYSTEMS.iter().map(|system| bulk_time(&bulk[system])));
    row.push("within 5 %".into());
    rows.push(row);
    rows
}

/// The table in the browser: its first page and keystrokes over 1,000 rows.
fn table_rows(report: &Json) -> Vec<Vec<String>> {
    let first = &report["table_first_page"];
    let scroll = &report["table_scroll_1000"];
    let ms = |value: &Json| {
        value
            .as_f64()
            .map(|v| format!("{v:.0} ms"))
            .unwrap_or_else(|| "-".into())
    };
    let mut rows = vec![vec!["measure".into(), "value".into(), "target".into()]];
    rows.push(vec![
        "table: open to first 50 rows shown".into(),
        if first.get("error").is_some() {
            "failed".into()
        } else {
            format!(
                "first open {}; then median {}, p95 {}",
                ms(&first["first_open"]["first_page_ms"]),
                ms(&first["first_page_ms"]["median"]),
                ms(&first["first_page_ms"]["p95"])
            )
        },
        "<= 1 s".into(),
    ]);
    rows.push(vec![
        "table: requests until drawn rows' values are read".into(),
        if first.get("error").is_some() {
            "failed".into()
        } else {
            format!(
                "first open {} ({} rows drawn, values in {}); next open {}",
                cell(&first["first_open"]["requests"]),
                cell(&first["first_open"]["rows_drawn"]),
                ms(&first["first_open"]["values_read_ms"]),
                cell(&first["requests_next_open"])
            )
        },
        "<= 52".into(),
    ]);
    rows.push(vec![
        "table, 1,000 rows loaded: ArrowDown to frame".into(),
        if scroll.get("error").is_some() {
            "failed".into()
        } else if scroll["keystroke_to_frame_ms"].is_null() {
            "-".into()
        } else {
            format!(
                "median {}, p95 {}, max {}; on screen median {}, scrolling median {} \
                 ({} presses, {} rows drawn at most, frame {})",
                ms(&scroll["keystroke_to_frame_ms"]["median"]),
                ms(&scroll["keystroke_to_frame_ms"]["p95"]),
                ms(&scroll["keystroke_to_frame_ms"]["max"]),
                ms(&scroll["within_screen_ms"]["median"]),
                ms(&scroll["scrolling_ms"]["median"]),
                cell(&scroll["presses"]),
                cell(&scroll["rows_drawn"]["max"]),
                scroll["frame_interval_ms"]
                    .as_f64()
                    .map(|f| format!("{f:.1} ms"))
                    .unwrap_or_else(|| "-".into())
            )
        },
        "< 16 ms".into(),
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

/// The results as plain-text tables: sizes, side by side, single measures, and the table's
/// bulk set and browser measures (each only when measured).
pub fn table(report: &Json) -> String {
    let mut out = String::new();
    if report.get("sizes").is_some() {
        lines(&mut out, &size_rows(report));
    }
    if report.get("panel_requests").is_some() {
        lines(&mut out, &side_by_side(report));
        lines(&mut out, &singles(report));
        lines(&mut out, &super::startup::rows(report));
    }
    if report.get("table_bulk_set").is_some() {
        lines(&mut out, &bulk_rows(report));
    }
    if report.get("table_first_page").is_some() {
        lines(&mut out, &table_rows(report));
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
    fn the_table_rows_read_their_measures() {
        let report = json!({
            "table_bulk_set": {
                "writes": 40, "limit_per_minute": 60,
                "plane_inline": {"reads": 57, "requests": 40, "throttled": 0, "saved": 40,
                    "elapsed_ms": 60_050.0, "minimum_ms": 60_000.0},
                "naive": {"error": "refused"},
                "node_sdk": {"reads": 54, "requests": 40, "throttled": 34, "saved": 6,
                    "elapsed_ms": 200.0, "minimum_ms": 60_000.0},
            },
            "table_first_page": {"error": "no browser"},
        });
        let text = table(&report);
        let throttled = text
            .lines()
            .find(|l| l.starts_with("table: 40 rows set under 60/minute: 429 answers"))
            .map(|l| l.split_whitespace().rev().take(4).collect::<Vec<_>>());
        assert_eq!(throttled, Some(vec!["0", "34", "failed", "0"]), "{text}");
        assert!(text.contains("60.0 s / 60.0 s (+0.1 %)"), "{text}");
        assert!(text.contains("0.2 s / 60.0 s (-99.7 %)"), "{text}");
        assert!(
            text.contains("table: open to first 50 rows shown"),
            "{text}"
        );
        assert!(!text.contains("bundle"), "no sizes measured: {text}");
    }

    #[test]
    fn cells_show_whole_numbers_without_decimals() {
        assert_eq!(cell(&json!(3)), "3");
        assert_eq!(cell(&json!(2.25)), "2.2");
        assert_eq!(cell(&json!(null)), "-");
        assert_eq!(cell(&json!({"error": "x"})), "failed");
    }
}
