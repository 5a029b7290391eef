//! The few browser calls the pages make themselves: open the options page, read the active
//! tab's address, ask for a host permission, and keep recent work items (in the extension
//! origin's own `localStorage`, which web pages cannot read).

use plane_inline_extension_api as ext;
use plane_inline_messages::Target;
use wasm_bindgen::prelude::*;

/// How many recent work items the popup keeps.
const RECENT_LIMIT: usize = 6;
/// The `localStorage` key of the recent work items.
const RECENT_KEY: &str = "plane-inline:recent";

/// Opens the extension's options page.
pub fn open_options() {
    let _ = ext::call_sync(&["runtime", "openOptionsPage"], &[]);
}

/// Opens one of the extension's own pages (`table.html?…`) in a new tab.
pub fn open_page(path: &str) {
    let Ok(url) = ext::call_sync(&["runtime", "getURL"], &[JsValue::from_str(path)]) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"url".into(), &url);
    let _ = ext::call_sync(&["tabs", "create"], &[options.into()]);
}

/// The active tab's id and address, when the extension may read it: the popup opened from the
/// toolbar has `activeTab` access to it.
pub async fn active_tab() -> Option<(i64, String)> {
    let query = js_sys::JSON::parse(r#"{"active": true, "currentWindow": true}"#).ok()?;
    let tabs = ext::call(&["tabs", "query"], &[query]).await.ok()?;
    let first = js_sys::Array::from(&tabs).get(0);
    let id = js_sys::Reflect::get(&first, &"id".into()).ok()?.as_f64()? as i64;
    let url = js_sys::Reflect::get(&first, &"url".into())
        .ok()?
        .as_string()?;
    Some((id, url))
}

/// Asks for access to `patterns` (must run during the click that asked for it); whether it was
/// granted.
pub fn request_hosts(patterns: &[String]) -> js_sys::Promise {
    let json = serde_json::json!({ "origins": patterns }).to_string();
    let asked = js_sys::JSON::parse(&json).and_then(|origins| {
        ext::call_sync(&["permissions", "request"], &[origins])
            .map_err(|e| JsValue::from_str(&e.to_string()))
    });
    match asked {
        Ok(value) => value
            .dyn_into::<js_sys::Promise>()
            .unwrap_or_else(|value| js_sys::Promise::resolve(&value)),
        Err(error) => js_sys::Promise::reject(&error),
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Recent work items, newest first.
pub fn recent() -> Vec<Target> {
    storage()
        .and_then(|s| s.get_item(RECENT_KEY).ok()?)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Puts a work item first among the recent ones.
pub fn remember(target: &Target) {
    let mut list = recent();
    list.retain(|t| t != target);
    list.insert(0, target.clone());
    list.truncate(RECENT_LIMIT);
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(&list)) {
        let _ = storage.set_item(RECENT_KEY, &text);
    }
}
