//! `parseWorkItemUrl`.

use crate::convert::to_js;
use plane_inline_core::web_url::{AppBase, parse_work_item_url as parse};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    workspace: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    work_item_id: Option<String>,
}

/// Recognises a Plane work item page URL: `{ workspace, identifier?, projectId?, workItemId? }`,
/// or `null` for any other page. `appBase` (e.g. `https://plane.example.com/base`) restricts it
/// to one install and strips its base path; both are compared as browsers normalise URLs (case,
/// default ports, Unicode hosts, trailing slashes). An invalid `appBase`, or one with a user name
/// or password, throws.
#[wasm_bindgen(js_name = parseWorkItemUrl, unchecked_return_type = "WorkItemLocation | null")]
pub fn parse_work_item_url(url: &str, app_base: Option<String>) -> Result<JsValue, JsError> {
    let base = match app_base.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => Some(
            text.parse::<AppBase>()
                .map_err(|e| JsError::new(&e.to_string()))?,
        ),
        None => None,
    };
    match parse(url, base.as_ref()) {
        Some(found) => to_js(&Location {
            workspace: found.workspace,
            identifier: found.identifier.map(|i| i.to_string()),
            project_id: found.project_id,
            work_item_id: found.work_item_id,
        }),
        None => Ok(JsValue::NULL),
    }
}
