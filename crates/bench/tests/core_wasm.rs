//! Core's workload in wasm, in headless Chromium (`cargo xtask bench` runs it with
//! `wasm-pack test --release`): the same inputs as `plane-inline-bench core`, timed with
//! `Date.now()`. Prints `bench-json {…}` for the bench to collect; asserts only that every
//! round built its requests.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use plane_inline_bench::workload::Workload;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The rounds `cargo xtask bench` also gives the native run.
const ROUNDS: u32 = 50_000;

#[wasm_bindgen_test]
fn core_workload_in_wasm() {
    let workload = Workload::new().unwrap();
    let throughput = workload.measure(ROUNDS, js_sys::Date::now);
    console_log!("bench-json {}", serde_json::to_string(&throughput).unwrap());
    assert_eq!(
        throughput.operations,
        u64::from(ROUNDS) * workload.len() as u64
    );
}
