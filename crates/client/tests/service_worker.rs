//! The client in a service worker, where the extension keeps the API key and where there is no
//! `window`: the same suite as the page, in headless Chromium.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_service_worker);

mod common;
mod suite;

#[wasm_bindgen_test::wasm_bindgen_test]
fn runs_without_a_window() {
    let window = js_sys::Reflect::get(&js_sys::global(), &"window".into()).unwrap();
    assert!(window.is_undefined(), "a service worker has no window");
}
