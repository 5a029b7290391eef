//! The client in a web page (an extension page behaves the same): every operation against the
//! sandbox, in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
mod suite;

#[wasm_bindgen_test::wasm_bindgen_test]
fn runs_in_a_window() {
    let window = js_sys::Reflect::get(&js_sys::global(), &"window".into()).unwrap();
    assert!(!window.is_undefined());
}
