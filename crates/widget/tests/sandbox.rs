//! The widget's panel end to end against the sandbox through its backend (the edit service in
//! the page): it loads DEMO-1 with
//! every editor, and a committed edit is stored in Plane (read back through the client).
//! The sandbox's URL and key are baked in at build time by `cargo xtask test`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

// The UI's component-test helpers (mounting, settling, finding), shared rather than copied.
#[path = "../../ui/tests/support/mod.rs"]
mod support;

use leptos::prelude::*;
use plane_inline_client::core::value::PropertyValue;
use plane_inline_client::{ClientConfig, PlaneClient, WorkItemRef};
use plane_inline_messages::Target;
use plane_inline_ui::{Hooks, Panel, Theme};
use plane_inline_widget::DirectBackend;
use std::rc::Rc;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn client() -> Option<PlaneClient> {
    let url = option_env!("PLANE_INLINE_SANDBOX_URL")?;
    let key = option_env!("PLANE_INLINE_SANDBOX_KEY")?;
    Some(PlaneClient::new(
        ClientConfig::new(url, "demo", Some(key)).unwrap(),
    ))
}

#[wasm_bindgen_test]
async fn the_panel_loads_and_saves_against_the_sandbox() {
    let Some(client) = client() else {
        panic!("PLANE_INLINE_SANDBOX_URL was not set at build time: run with cargo xtask test");
    };
    let backend = Rc::new(DirectBackend::new(
        client.clone(),
        Some("http://app.example".parse().unwrap()),
    ));
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let target = Signal::derive(|| Target::identifier("demo", "DEMO-1"));
    let shown = backend.clone();
    leptos::mount::mount_to(root.clone(), move || {
        view! { <Panel backend=shown target=target theme=Theme::Light hooks=Hooks::default() /> }
    })
    .forget();
    for _ in 0..100 {
        settle().await;
        if root.query_selector(".pi-rows").unwrap().is_some() {
            break;
        }
    }
    assert_eq!(text(&find(&root, ".pi-identifier")), "DEMO-1");
    assert_eq!(
        find(&root, ".pi-open").get_attribute("href").unwrap(),
        "http://app.example/demo/browse/DEMO-1/"
    );
    assert_eq!(find_all(&root, ".pi-row").len(), 16);
    let story = find_all(&root, ".pi-row")
        .into_iter()
        .find(|row| text(&find(row, ".pi-label")) == "Story Points")
        .unwrap();
    let property_id = story.get_attribute("data-property").unwrap();
    // The row opens its editor in place.
    click(&find(&story, ".pi-value"));
    settle().await;
    let input = find(&story, "input");
    type_text(&input, "34");
    press(&input, "Enter", false);
    for _ in 0..100 {
        settle().await;
        if text(&find(&story, ".pi-message")) == "Saved" {
            break;
        }
    }
    assert_eq!(text(&find(&story, ".pi-message")), "Saved");
    let model = client
        .load_panel(&"DEMO-1".parse::<WorkItemRef>().unwrap())
        .await
        .unwrap();
    assert_eq!(
        model.value(&property_id),
        Some(&PropertyValue::Decimal(34.0))
    );
}
