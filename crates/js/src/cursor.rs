//! `parseCursor` and `formatCursor`.

use crate::convert::{from_js, to_js};
use plane_inline_core::cursor::{Cursor, check_per_page};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct CursorParts {
    per_page: f64,
    page: f64,
    is_prev: bool,
}

/// Reads `per_page:page:is_prev`; throws on malformed input.
#[wasm_bindgen(js_name = parseCursor, unchecked_return_type = "CursorParts")]
pub fn parse_cursor(text: &str) -> Result<JsValue, JsError> {
    let cursor: Cursor = text
        .parse()
        .map_err(|e: plane_inline_core::cursor::CursorError| JsError::new(&e.to_string()))?;
    to_js(&CursorParts {
        per_page: f64::from(cursor.per_page),
        page: f64::from(cursor.page),
        is_prev: cursor.is_prev,
    })
}

/// Writes `{ perPage, page, isPrev }` as `per_page:page:is_prev`; throws on out-of-range parts.
#[wasm_bindgen(js_name = formatCursor)]
pub fn format_cursor(
    #[wasm_bindgen(unchecked_param_type = "CursorParts")] parts: JsValue,
) -> Result<String, JsError> {
    let parts: CursorParts = from_js(parts, "cursor must be { perPage, page, isPrev }")?;
    let whole = |n: f64, what: &str| -> Result<u64, JsError> {
        if n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(n as u64)
        } else {
            Err(JsError::new(&format!(
                "{what} must be a whole number, got {n}"
            )))
        }
    };
    let per_page = check_per_page(whole(parts.per_page, "perPage")?)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let page =
        u32::try_from(whole(parts.page, "page")?).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(Cursor {
        per_page,
        page,
        is_prev: parts.is_prev,
    }
    .to_string())
}
