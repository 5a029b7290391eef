//! The browser's extension API, reached by name on the global `browser` (Firefox) or `chrome`
//! (Chrome). Both return promises in Manifest V3 when no callback is passed. The one wrapper the
//! service worker and the extension's pages share.

use js_sys::{Array, Function, Promise, Reflect};
use thiserror::Error;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// An extension API call that failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{api}: {message}")]
pub struct ExtError {
    /// The API's dotted name, e.g. `storage.local.get`.
    pub api: String,
    /// The browser's message.
    pub message: String,
}

impl ExtError {
    fn new(path: &[&str], error: &JsValue) -> Self {
        Self {
            api: path.join("."),
            message: message_of(error),
        }
    }
}

/// The text of a thrown value (an `Error`'s message, or the value as a string).
pub fn message_of(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// The extension API root: `browser` where it exists, else `chrome`.
pub fn root() -> JsValue {
    let global = js_sys::global();
    ["browser", "chrome"]
        .iter()
        .filter_map(|name| Reflect::get(&global, &(*name).into()).ok())
        .find(|api| api.is_object())
        .unwrap_or(JsValue::UNDEFINED)
}

/// The object at a dotted path under the API root (`["storage", "local"]`).
pub fn object(path: &[&str]) -> Result<JsValue, ExtError> {
    let mut at = root();
    for name in path {
        at = Reflect::get(&at, &(*name).into()).map_err(|e| ExtError::new(path, &e))?;
        if at.is_undefined() {
            return Err(ExtError {
                api: path.join("."),
                message: "not available in this browser".into(),
            });
        }
    }
    Ok(at)
}

/// Calls the function at `path` with `args` and returns what it returns (no awaiting).
pub fn call_sync(path: &[&str], args: &[JsValue]) -> Result<JsValue, ExtError> {
    let (this, name) = path.split_at(path.len().saturating_sub(1));
    let this = object(this)?;
    let function: Function = object(path)?.dyn_into().map_err(|_| ExtError {
        api: path.join("."),
        message: format!("{} is not a function", name.join("")),
    })?;
    let args: Array = args.iter().collect();
    function
        .apply(&this, &args)
        .map_err(|e| ExtError::new(path, &e))
}

/// Calls the function at `path` and awaits the promise it returns.
pub async fn call(path: &[&str], args: &[JsValue]) -> Result<JsValue, ExtError> {
    let returned = call_sync(path, args)?;
    match returned.dyn_into::<Promise>() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(|e| ExtError::new(path, &e)),
        Err(value) => Ok(value),
    }
}

/// This extension's id.
pub fn extension_id() -> String {
    object(&["runtime", "id"])
        .ok()
        .and_then(|id| id.as_string())
        .unwrap_or_default()
}

/// The absolute URL of one of the extension's files (`runtime.getURL`).
pub fn extension_url(path: &str) -> String {
    call_sync(&["runtime", "getURL"], &[path.into()])
        .ok()
        .and_then(|url| url.as_string())
        .unwrap_or_default()
}

/// A property of a JS object as a string, if it is one.
pub fn string_at(value: &JsValue, name: &str) -> Option<String> {
    Reflect::get(value, &name.into()).ok()?.as_string()
}

/// A property of a JS object as a number, if it is one.
pub fn number_at(value: &JsValue, name: &str) -> Option<f64> {
    Reflect::get(value, &name.into()).ok()?.as_f64()
}

/// A property of a JS object (undefined when absent).
pub fn at(value: &JsValue, name: &str) -> JsValue {
    Reflect::get(value, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// A plain object from JSON text (for API arguments).
pub fn json_object(json: &serde_json::Value) -> JsValue {
    js_sys::JSON::parse(&json.to_string()).unwrap_or(JsValue::UNDEFINED)
}
