//! `validateValue`, `buildValuePayload` and `parseInput`.

use crate::convert::{JsonInput, from_js, json_input, ok, refused, to_js};
use plane_inline_core::property::{Property, PropertyType};
use plane_inline_core::value::{self, External, Input, ValueError};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

/// Judges a value as Plane's server would: with non-finite numbers standing in for a truthy
/// number of the wrong kind (JSON cannot carry them).
fn judge(property: &Property, input: JsonInput) -> Result<Input, ValueError> {
    match input {
        JsonInput::Json(json) => value::validate_value(property, &json),
        JsonInput::NonFinite if property.property_type == PropertyType::Decimal => {
            Err(ValueError::NotNumber)
        }
        JsonInput::NonFinite => value::validate_value(property, &Json::from(0.5)),
    }
}

/// Checks `value` for `property` as Plane's value endpoint does:
/// `{ ok: true, value }` (the value to send; `null` for an empty value such as `""` or `[]`, which
/// Plane takes as "no value": clear it with a DELETE) or `{ ok: false, message }` (Plane's message).
#[wasm_bindgen(js_name = validateValue, unchecked_return_type = "Checked<PropertyValue | null>")]
pub fn validate_value(
    #[wasm_bindgen(unchecked_param_type = "Property")] property: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> Result<JsValue, JsError> {
    let property: Property = from_js(property, "property must be a Plane property object")?;
    match judge(&property, json_input(value)?) {
        Ok(Input::Set(typed)) => ok(&typed.to_json()),
        Ok(Input::Clear) => ok(&Json::Null),
        Err(e) => refused(&e.to_string()),
    }
}

/// Builds the upsert body `{ value, external_id?, external_source? }`; throws an `Error` whose
/// message is Plane's when the value is invalid.
#[wasm_bindgen(js_name = buildValuePayload, unchecked_return_type = "ValuePayload")]
pub fn build_value_payload(
    #[wasm_bindgen(unchecked_param_type = "Property")] property: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ExternalRef | undefined")] external: JsValue,
) -> Result<JsValue, JsError> {
    let property: Property = from_js(property, "property must be a Plane property object")?;
    let external: External = if external.is_undefined() || external.is_null() {
        External::default()
    } else {
        from_js(
            external,
            "external must be { external_id, external_source }",
        )?
    };
    let json = match json_input(value)? {
        JsonInput::Json(json) => json,
        non_finite => {
            return Err(JsError::new(
                &judge(&property, non_finite)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default(),
            ));
        }
    };
    let built = value::build_value_payload(&property, &json, &external)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&built.payload)
}

/// Turns editor text into a value: `{ ok: true, value }` where `value` is `null` to clear
/// (send a DELETE), or `{ ok: false, message }`. The grammar is documented in core's `value::input`.
#[wasm_bindgen(js_name = parseInput, unchecked_return_type = "Checked<PropertyValue | null>")]
pub fn parse_input(
    #[wasm_bindgen(unchecked_param_type = "Property")] property: JsValue,
    text: &str,
) -> Result<JsValue, JsError> {
    let property: Property = from_js(property, "property must be a Plane property object")?;
    match value::parse_input(&property, text) {
        Ok(Input::Set(typed)) => ok(&typed.to_json()),
        Ok(Input::Clear) => ok(&Json::Null),
        Err(e) => refused(&e.to_string()),
    }
}
