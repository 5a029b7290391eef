//! One error type for everything Plane's v1 API (or the way to it) can answer with.
//!
//! v1 has no single error shape: `{"error": ...}`, `{"detail": ...}`, DRF field errors
//! `{"field": ["msg"]}`, the 402 `error_code`, the 429 throttle body, and HTML or empty bodies
//! from proxies. [`PlaneError::from_response`] branches on the status first, then on the body.

use crate::http::Response;
use serde_json::Value as Json;
use thiserror::Error;

/// Why a request to Plane did not succeed, normalised from any status and body.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PlaneError {
    /// 400: Plane refused the request; field errors (e.g. `value`) carry Plane's messages.
    #[error("Plane refused the request: {message}")]
    BadRequest {
        /// The first message, prefixed by its field for field errors.
        message: String,
        /// Every field error, as `(field, messages)`.
        fields: Vec<(String, Vec<String>)>,
    },
    /// 401: no API key reached Plane.
    #[error("no API key was sent")]
    MissingKey,
    /// 403 (or 401) with "Given API token is not valid": a wrong, expired or revoked key.
    #[error("the API key is not valid")]
    InvalidKey,
    /// 403: the key's owner may not do this.
    #[error("permission denied: {message}")]
    Forbidden {
        /// Plane's explanation.
        message: String,
    },
    /// 402: the workspace's plan lacks custom properties.
    #[error("the workspace's plan does not include work item types and custom properties")]
    PaymentRequired {
        /// Plane's `error_code` (1999 for the feature flag).
        error_code: Option<i64>,
    },
    /// 404 `{"error": "Page not found."}`: this instance has no such route.
    #[error("this Plane instance does not serve this API route")]
    RouteNotFound,
    /// 404 for a missing resource or value.
    #[error("not found: {message}")]
    NotFound {
        /// Plane's explanation, e.g. "Property value not set for this work item".
        message: String,
    },
    /// 409: a duplicate, or a write to the wrong level of a workspace.
    #[error("conflict: {message}")]
    Conflict {
        /// Plane's explanation.
        message: String,
        /// The existing object's id, when Plane names it.
        existing_id: Option<String>,
    },
    /// 429: the key's rate limit is used up.
    #[error("rate limited by Plane")]
    RateLimited {
        /// Seconds to wait, from `Retry-After`, when readable.
        retry_after_secs: Option<u64>,
    },
    /// 5xx: Plane or a proxy in front of it failed.
    #[error("Plane answered with a server error ({status})")]
    Server {
        /// The status.
        status: u16,
        /// Plane's explanation, if the body had one.
        message: String,
    },
    /// Any other status.
    #[error("Plane answered with an unexpected status {status}: {message}")]
    Unexpected {
        /// The status.
        status: u16,
        /// The body's explanation, if any.
        message: String,
    },
    /// A success status whose body is not what the endpoint returns.
    #[error("Plane's answer could not be read: {message}")]
    InvalidResponse {
        /// What did not parse.
        message: String,
    },
    /// The request never got an answer: DNS, refused or dropped connection, CORS.
    #[error("could not reach Plane: {message}")]
    Network {
        /// The transport's explanation.
        message: String,
    },
    /// No answer within the time limit.
    #[error("Plane did not answer in time")]
    Timeout,
    /// The request was cancelled by the user or the page.
    #[error("the request was cancelled")]
    Cancelled,
}

const INVALID_TOKEN: &str = "Given API token is not valid";
const PAGE_NOT_FOUND: &str = "Page not found.";

impl PlaneError {
    /// Normalises a non-2xx response.
    pub fn from_response(response: &Response) -> Self {
        Self::from_parts(
            response.status,
            response.header("retry-after"),
            &response.body,
        )
    }

    /// Normalises a status, `Retry-After` header and body text.
    pub fn from_parts(status: u16, retry_after: Option<&str>, body: &str) -> Self {
        let body = Body::parse(body);
        let message = body.message();
        match status {
            400 => Self::BadRequest {
                message: body.first_field_message().unwrap_or(message),
                fields: body.fields,
            },
            401 if message == INVALID_TOKEN => Self::InvalidKey,
            401 => Self::MissingKey,
            402 => Self::PaymentRequired {
                error_code: body.error_code,
            },
            403 if message == INVALID_TOKEN => Self::InvalidKey,
            403 => Self::Forbidden { message },
            404 if message == PAGE_NOT_FOUND => Self::RouteNotFound,
            404 => Self::NotFound { message },
            409 => Self::Conflict {
                message,
                existing_id: body.id,
            },
            429 => Self::RateLimited {
                retry_after_secs: retry_after.and_then(parse_retry_after),
            },
            500..=599 => Self::Server { status, message },
            _ => Self::Unexpected { status, message },
        }
    }

    /// The HTTP status behind the error, if Plane answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::BadRequest { .. } => Some(400),
            Self::MissingKey => Some(401),
            Self::PaymentRequired { .. } => Some(402),
            Self::InvalidKey | Self::Forbidden { .. } => Some(403),
            Self::RouteNotFound | Self::NotFound { .. } => Some(404),
            Self::Conflict { .. } => Some(409),
            Self::RateLimited { .. } => Some(429),
            Self::Server { status, .. } | Self::Unexpected { status, .. } => Some(*status),
            Self::InvalidResponse { .. }
            | Self::Network { .. }
            | Self::Timeout
            | Self::Cancelled => None,
        }
    }

    /// Whether sending the same request again later can succeed (429, 5xx, network, timeout).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Server { .. } | Self::Network { .. } | Self::Timeout
        )
    }

    /// Plane's messages for one field of a 400, e.g. `value`.
    pub fn field_messages(&self, field: &str) -> &[String] {
        match self {
            Self::BadRequest { fields, .. } => fields
                .iter()
                .find(|(name, _)| name == field)
                .map_or(&[], |(_, msgs)| msgs.as_slice()),
            _ => &[],
        }
    }
}

/// `Retry-After` as seconds: an integer, or a decimal rounded up. HTTP dates are not used by Plane.
pub fn parse_retry_after(text: &str) -> Option<u64> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(secs);
    }
    let secs: f64 = text.parse().ok()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (0.0..1e9).contains(&secs).then(|| secs.ceil() as u64)
}

/// The parts of an error body that matter, whatever its shape.
#[derive(Default)]
struct Body {
    error: Option<String>,
    detail: Option<String>,
    error_message: Option<String>,
    error_code: Option<i64>,
    id: Option<String>,
    fields: Vec<(String, Vec<String>)>,
    text: String,
}

impl Body {
    fn parse(text: &str) -> Self {
        let json: Option<Json> = serde_json::from_str(text).ok();
        let mut body = Self::default();
        match json {
            Some(Json::Object(map)) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("error", Json::String(s)) => body.error = Some(s),
                        ("detail", Json::String(s)) => body.detail = Some(s),
                        ("detail", Json::Object(inner)) => {
                            body.detail =
                                inner.get("error").and_then(Json::as_str).map(str::to_owned);
                        }
                        ("error_message", Json::String(s)) => body.error_message = Some(s),
                        ("error_code", code) => {
                            body.error_code = code.as_i64().or_else(|| code.as_str()?.parse().ok())
                        }
                        ("id", Json::String(s)) => body.id = Some(s),
                        (_, Json::Array(items)) => body
                            .fields
                            .push((key, items.iter().map(message_text).collect())),
                        (_, Json::String(s)) => body.fields.push((key, vec![s])),
                        (_, other @ Json::Object(_)) => {
                            body.fields.push((key, vec![message_text(&other)]))
                        }
                        _ => {}
                    }
                }
            }
            Some(Json::Array(items)) => body.fields.push((
                "non_field_errors".into(),
                items.iter().map(message_text).collect(),
            )),
            Some(Json::String(s)) => body.text = s,
            _ => body.text = plain_text(text),
        }
        body
    }

    fn message(&self) -> String {
        self.error
            .clone()
            .or_else(|| self.detail.clone())
            .or_else(|| self.error_message.clone())
            .or_else(|| self.first_field_message())
            .unwrap_or_else(|| self.text.clone())
    }

    fn first_field_message(&self) -> Option<String> {
        let (field, messages) = self.fields.first()?;
        let first = messages.first()?;
        Some(if field == "non_field_errors" || field == "value" {
            first.clone()
        } else {
            format!("{field}: {first}")
        })
    }
}

fn message_text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}: {}", message_text(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Json::Array(items) => items
            .iter()
            .map(message_text)
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// A short, tag-free excerpt of an HTML or text body (proxies answer 502 with HTML).
fn plain_text(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut excerpt = words.join(" ");
    if excerpt.chars().count() > 200 {
        excerpt = excerpt.chars().take(200).collect::<String>() + "…";
    }
    excerpt
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(status: u16, body: &str) -> PlaneError {
        PlaneError::from_parts(status, None, body)
    }

    #[test]
    fn auth_errors() {
        assert_eq!(
            err(
                401,
                r#"{"detail": "Authentication credentials were not provided."}"#
            ),
            PlaneError::MissingKey
        );
        assert_eq!(
            err(403, r#"{"detail": "Given API token is not valid"}"#),
            PlaneError::InvalidKey
        );
        assert_eq!(
            err(401, r#"{"detail": "Given API token is not valid"}"#),
            PlaneError::InvalidKey
        );
        assert_eq!(
            err(
                403,
                r#"{"detail": {"error": "Disabled", "code": "DISABLED_AT_INSTANCE_LEVEL"}}"#
            ),
            PlaneError::Forbidden {
                message: "Disabled".into()
            }
        );
        assert_eq!(
            err(
                403,
                r#"{"detail": "You don't have permission to edit this work item"}"#
            ),
            PlaneError::Forbidden {
                message: "You don't have permission to edit this work item".into()
            }
        );
    }

    #[test]
    fn field_errors_keep_plane_messages() {
        let e = err(400, r#"{"value": ["Must be a number (e.g., 123.45)"]}"#);
        assert_eq!(
            e.field_messages("value"),
            ["Must be a number (e.g., 123.45)".to_string()]
        );
        assert_eq!(
            e.to_string(),
            "Plane refused the request: Must be a number (e.g., 123.45)"
        );
        let e = err(
            400,
            r#"{"external_id": ["Both needed"], "external_source": ["Both needed"]}"#,
        );
        assert!(matches!(&e, PlaneError::BadRequest { fields, .. } if fields.len() == 2));
        let e = err(400, r#"{"error": "The payload is not valid"}"#);
        assert_eq!(
            e,
            PlaneError::BadRequest {
                message: "The payload is not valid".into(),
                fields: vec![]
            }
        );
        let e = err(400, r#"["Only one option can be marked as default"]"#);
        assert_eq!(e.field_messages("non_field_errors").len(), 1);
    }

    #[test]
    fn payment_not_found_conflict() {
        assert_eq!(
            err(402, r#"{"error": "Payment required", "error_code": 1999}"#),
            PlaneError::PaymentRequired {
                error_code: Some(1999)
            }
        );
        assert_eq!(
            err(404, r#"{"error": "Page not found."}"#),
            PlaneError::RouteNotFound
        );
        assert_eq!(
            err(
                404,
                r#"{"error": "Property value not set for this work item"}"#
            ),
            PlaneError::NotFound {
                message: "Property value not set for this work item".into()
            }
        );
        assert_eq!(
            err(
                409,
                r#"{"error": "Issue Property with the same external id and external source already exists", "id": "abc"}"#
            ),
            PlaneError::Conflict {
                message:
                    "Issue Property with the same external id and external source already exists"
                        .into(),
                existing_id: Some("abc".into())
            }
        );
    }

    #[test]
    fn throttle_and_server_errors() {
        let e = PlaneError::from_parts(
            429,
            Some("17"),
            r#"{"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}"#,
        );
        assert_eq!(
            e,
            PlaneError::RateLimited {
                retry_after_secs: Some(17)
            }
        );
        assert!(e.is_retryable());
        let e = err(
            500,
            r#"{"error": "Something went wrong please try again later"}"#,
        );
        assert_eq!(
            e,
            PlaneError::Server {
                status: 500,
                message: "Something went wrong please try again later".into()
            }
        );
        let e = err(
            502,
            "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
        );
        assert_eq!(
            e,
            PlaneError::Server {
                status: 502,
                message: "502 Bad Gateway Bad Gateway".into()
            }
        );
        assert_eq!(
            err(503, ""),
            PlaneError::Server {
                status: 503,
                message: String::new()
            }
        );
        assert_eq!(
            err(418, "teapot"),
            PlaneError::Unexpected {
                status: 418,
                message: "teapot".into()
            }
        );
    }

    #[test]
    fn only_transient_errors_are_retryable() {
        for e in [
            err(400, "{}"),
            err(401, "{}"),
            err(402, "{}"),
            err(403, "{}"),
            err(404, "{}"),
            err(409, "{}"),
        ] {
            assert!(!e.is_retryable(), "{e:?}");
        }
        assert!(PlaneError::Timeout.is_retryable());
        assert!(
            PlaneError::Network {
                message: "reset".into()
            }
            .is_retryable()
        );
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("3"), Some(3));
        assert_eq!(parse_retry_after("2.1"), Some(3));
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
