//! Conversions between JavaScript values and core's types, and the errors JS callers see.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

/// Reads a plain JS object into a Rust type, or a JS `Error` naming what was expected.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// Writes a Rust value as plain JS objects (maps as objects, not `Map`s).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// What a JS value is as JSON, keeping `NaN`/`Infinity` visible (JSON has no such numbers).
pub enum JsonInput {
    /// A value JSON can carry.
    Json(Json),
    /// A number that is not finite.
    NonFinite,
}

/// Reads any JS value as JSON (`undefined` reads as `null`).
pub fn json_input(value: JsValue) -> Result<JsonInput, JsError> {
    if let Some(number) = value.as_f64()
        && !number.is_finite()
    {
        return Ok(JsonInput::NonFinite);
    }
    if value.is_undefined() {
        return Ok(JsonInput::Json(Json::Null));
    }
    from_js(value, "value must be JSON-like").map(JsonInput::Json)
}

/// `{ ok: true, value }`.
pub fn ok(value: &Json) -> Result<JsValue, JsError> {
    to_js(&serde_json::json!({ "ok": true, "value": value }))
}

/// `{ ok: false, message }`.
pub fn refused(message: &str) -> Result<JsValue, JsError> {
    to_js(&serde_json::json!({ "ok": false, "message": message }))
}

/// Reads a plain object of header names to values.
pub fn headers(value: JsValue) -> Result<Vec<(String, String)>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let map: std::collections::BTreeMap<String, Json> =
        from_js(value, "headers must be a plain object")?;
    Ok(map
        .into_iter()
        .map(|(k, v)| {
            let text = match v {
                Json::String(s) => s,
                other => other.to_string(),
            };
            (k, text)
        })
        .collect())
}
