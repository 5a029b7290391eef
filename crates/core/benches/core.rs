//! Throughput of core's hot paths: value checks on every keystroke, URL recognition on every
//! navigation, error normalisation and rate-limit bookkeeping per response.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plane_inline_core::error::PlaneError;
use plane_inline_core::property::Property;
use plane_inline_core::rate_limit::RateLimiter;
use plane_inline_core::value::{parse_input, validate_value};
use plane_inline_core::web_url::parse_work_item_url;
use serde_json::json;
use std::hint::black_box;
use std::time::Instant;

fn measure(name: &str, iterations: u32, mut f: impl FnMut(u32)) {
    for i in 0..iterations / 10 {
        f(i);
    }
    let start = Instant::now();
    for i in 0..iterations {
        f(i);
    }
    let elapsed = start.elapsed();
    let per = elapsed.as_nanos() as f64 / f64::from(iterations);
    println!("{name:<44} {per:>10.0} ns/op {:>12.0} op/s", 1e9 / per);
}

fn property(kind: &str) -> Property {
    serde_json::from_value(json!({
        "id": "p", "display_name": "Field", "property_type": kind, "relation_type": "USER", "is_multi": kind == "OPTION",
        "options": (0..20).map(|i| json!({"id": format!("00000000-0000-4000-8000-{i:012}"), "name": format!("Option {i}")})).collect::<Vec<_>>()
    }))
    .unwrap()
}

fn main() {
    let url = property("URL");
    let email = property("EMAIL");
    let date = property("DATETIME");
    let options = property("OPTION");
    let url_value = json!("https://plane.example.com/acme/browse/WEB-12/?tab=activity");
    let email_value = json!("first.last+tag@sub.example.co.uk");
    let date_value = json!("2026-03-05 14:30:00");
    let options_value = json!([
        "00000000-0000-4000-8000-000000000003",
        "00000000-0000-4000-8000-000000000017"
    ]);
    measure("validate URL", 200_000, |_| {
        drop(black_box(validate_value(&url, black_box(&url_value))))
    });
    measure("validate EMAIL", 200_000, |_| {
        drop(black_box(validate_value(&email, black_box(&email_value))))
    });
    measure("validate DATETIME", 200_000, |_| {
        drop(black_box(validate_value(&date, black_box(&date_value))))
    });
    measure("validate OPTION multi (20 options)", 200_000, |_| {
        drop(black_box(validate_value(
            &options,
            black_box(&options_value),
        )))
    });
    measure("parse input OPTION multi by names", 100_000, |_| {
        drop(black_box(parse_input(
            &options,
            black_box("Option 3, option 17"),
        )))
    });
    measure("recognise a work item URL", 500_000, |_| {
        drop(black_box(parse_work_item_url(
            black_box("https://app.plane.so/acme/browse/WEB-12/?tab=activity"),
            None,
        )))
    });
    let body = r#"{"value": ["Must be a number (e.g., 123.45)"]}"#;
    measure("normalise a 400 error body", 500_000, |_| {
        drop(black_box(PlaneError::from_parts(
            400,
            None,
            black_box(body),
        )))
    });
    let headers = vec![("X-RateLimit-Remaining".to_string(), "42".to_string())];
    let mut limiter = RateLimiter::new(60);
    measure("rate limiter: acquire + record", 500_000, |i| {
        let now = f64::from(i) * 1_000.0;
        let reservation = black_box(limiter.acquire(now));
        limiter.record(reservation.ticket, 200, &headers, now + 1.0);
    });
}
