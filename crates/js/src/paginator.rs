//! `class Paginator`: walks a cursor-paginated list one request at a time.

use crate::convert::{from_js, headers, to_js};
use plane_inline_core::http::Response;
use plane_inline_core::page::Paginator as CorePaginator;
use serde::Deserialize;
use serde_json::Value as Json;
use std::collections::BTreeMap;
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Options {
    path: String,
    per_page: u32,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    expand: Vec<String>,
}

/// Walks a Plane list: `nextRequest()` gives the next page's request (or `null` when done),
/// `handleResponse(status, headers, body)` takes its answer and gives `{ items, done }`, or
/// throws an `Error` with `status` and `retryable` properties (the position is kept for a retry).
#[wasm_bindgen]
pub struct Paginator {
    inner: CorePaginator,
}

#[wasm_bindgen]
impl Paginator {
    /// `new Paginator({ path, perPage, fields?, expand? })`; throws on a page size outside
    /// 1..=100 or a malformed field name.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PaginatorOptions")] options: JsValue,
    ) -> Result<Paginator, JsError> {
        let options: Options = from_js(
            options,
            "options must be { path, perPage, fields?, expand? }",
        )?;
        let inner = CorePaginator::new(
            options.path,
            options.per_page,
            &options.fields,
            &options.expand,
        )
        .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Self { inner })
    }

    /// `{ method, path, query }` for the next page, or `null` once the last page was read.
    #[wasm_bindgen(js_name = nextRequest, unchecked_return_type = "PageRequest | null")]
    pub fn next_request(&self) -> Result<JsValue, JsError> {
        let Some(request) = self.inner.next_request() else {
            return Ok(JsValue::NULL);
        };
        let query: BTreeMap<String, String> = request.query.into_iter().collect();
        to_js(
            &serde_json::json!({ "method": request.method.as_str(), "path": request.path, "query": query }),
        )
    }

    /// Feeds the answer to the last request; `body` may be the text or the parsed JSON.
    #[wasm_bindgen(js_name = handleResponse, unchecked_return_type = "PageResult")]
    pub fn handle_response(
        &mut self,
        status: u16,
        #[wasm_bindgen(unchecked_param_type = "HeaderMap")] response_headers: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | unknown")] body: JsValue,
    ) -> Result<JsValue, JsValue> {
        let headers = headers(response_headers).map_err(JsValue::from)?;
        let body = match body.as_string() {
            Some(text) => text,
            None => from_js::<Json>(body, "body must be text or JSON")
                .map_err(JsValue::from)?
                .to_string(),
        };
        let response = Response {
            status,
            headers,
            body,
        };
        match self.inner.handle_response::<Json>(&response) {
            Ok(page) => to_js(&serde_json::json!({ "items": page.items, "done": page.done }))
                .map_err(JsValue::from),
            Err(e) => Err(plane_error(&e)),
        }
    }

    /// Whether the last page has been read.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> bool {
        self.inner.is_done()
    }
}

/// A JS `Error` describing Plane's answer, plus `status` and `retryable` (the words a person
/// reads are the product's UI's to choose, from these).
fn plane_error(error: &plane_inline_core::error::PlaneError) -> JsValue {
    let js = js_sys::Error::new(&error.to_string());
    let set = |key: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(key), &value);
    };
    set(
        "status",
        error.status().map_or(JsValue::NULL, JsValue::from),
    );
    set("retryable", JsValue::from_bool(error.is_retryable()));
    js.into()
}
