//! Plane's REST API v1 handlers, one module per resource.

pub mod fields;
pub mod intake;
pub mod members;
pub mod options;
pub mod project_properties;
pub mod projects;
pub mod properties;
pub mod type_changes;
pub mod types;
pub mod users;
pub mod values;
pub mod work_items;
pub mod workspace_types;

use crate::clock::iso8601;
use crate::error::{ApiError, json_response};
use crate::store::records::UserRecord;
use axum::extract::{FromRequestParts, Path};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use serde_json::{Value, json};
use std::collections::HashMap;

/// The path parameters of the matched route, by name.
pub struct Params(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(map) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|e| ApiError::Internal(format!("path parameters: {e}")))?;
        Ok(Self(map))
    }
}

impl Params {
    /// One parameter (the route guarantees it exists).
    pub fn get(&self, name: &str) -> Result<&str, ApiError> {
        self.0
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| ApiError::Internal(format!("missing path parameter {name}")))
    }
}

/// A 200 JSON answer.
pub fn ok(body: &Value) -> Response {
    json_response(StatusCode::OK, body)
}

/// A 201 JSON answer.
pub fn created(body: &Value) -> Response {
    json_response(StatusCode::CREATED, body)
}

/// A 204 answer without a body.
pub fn no_content() -> Response {
    let mut response = Response::default();
    *response.status_mut() = StatusCode::NO_CONTENT;
    response
}

/// An optional timestamp as Plane prints it.
pub fn timestamp(micros: i64) -> Value {
    Value::String(iso8601(micros))
}

/// Plane's `UserLite`: `{id, first_name, last_name, email, avatar, avatar_url, display_name}`.
pub fn user_lite(user: &UserRecord) -> Value {
    json!({
        "id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "avatar": user.avatar,
        // Plane answers `null` for a member without an avatar (its Community Edition server).
        "avatar_url": avatar_url(&user.avatar),
        "display_name": user.display_name,
    })
}

/// A member's `avatar_url`: `null` when there is no avatar, as Plane's server answers.
pub fn avatar_url(avatar: &str) -> Value {
    if avatar.is_empty() {
        Value::Null
    } else {
        Value::String(avatar.to_owned())
    }
}

/// Query parameters, last value winning like Django's `QueryDict.get`.
pub type QueryMap = HashMap<String, String>;

/// Reads a DRF boolean (`true`, `1`, `yes`, `on`, ... in any of DRF's spellings).
pub fn drf_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::Number(n) if n.as_i64() == Some(1) => Some(true),
        Value::Number(n) if n.as_i64() == Some(0) => Some(false),
        Value::String(s) => match s.as_str() {
            "t" | "T" | "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on"
            | "On" | "ON" | "1" => Some(true),
            "f" | "F" | "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off"
            | "Off" | "OFF" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}
