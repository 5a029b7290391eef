//! Request bodies read the way Django REST framework reads them: an empty body is `{}`, JSON
//! needs a JSON content type, form bodies give strings, anything else is a 415, and a parse
//! failure is a 400 `{"detail": "JSON parse error - ..."}` in Python's words.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde_json::{Map, Value};

const MAX_BODY: usize = 8 * 1024 * 1024;

/// The unparsed body and its content type; parsed on demand, after the view's own checks run
/// (DRF parses lazily, so a 402 or 404 wins over a malformed body).
pub struct RawBody {
    content_type: String,
    bytes: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let bytes = axum::body::to_bytes(req.into_body(), MAX_BODY)
            .await
            .map_err(|_| {
                ApiError::Detail(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Request body is too large.".to_owned(),
                )
            })?;
        Ok(Self {
            content_type,
            bytes,
        })
    }
}

impl RawBody {
    /// The parsed body: `{}` when empty, else JSON or form data.
    pub fn value(&self) -> Result<Value, ApiError> {
        if self.bytes.is_empty() {
            return Ok(Value::Object(Map::new()));
        }
        let media = self
            .content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match media.as_str() {
            "application/json" => {
                serde_json::from_slice(&self.bytes).map_err(|e| parse_error(&self.bytes, &e))
            }
            "application/x-www-form-urlencoded" => {
                let mut map = Map::new();
                for (k, v) in form_urlencoded::parse(&self.bytes) {
                    map.insert(k.into_owned(), Value::String(v.into_owned()));
                }
                Ok(Value::Object(map))
            }
            _ => Err(ApiError::Detail(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "Unsupported media type \"{}\" in request.",
                    self.content_type
                ),
            )),
        }
    }

    /// The parsed body, which must be an object (DRF's serializer check).
    pub fn object(&self) -> Result<Map<String, Value>, ApiError> {
        match self.value()? {
            Value::Object(map) => Ok(map),
            other => Err(ApiError::field(
                "non_field_errors",
                format!(
                    "Invalid data. Expected a dictionary, but got {}.",
                    python_type(&other)
                ),
            )),
        }
    }
}

/// Python's type name of a decoded JSON value.
pub fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// DRF's 400 for a body Python's `json` module would refuse, with Python's wording.
fn parse_error(bytes: &[u8], error: &serde_json::Error) -> ApiError {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return ApiError::Detail(
            StatusCode::BAD_REQUEST,
            "JSON parse error - 'utf-8' codec can't decode the request body".to_owned(),
        );
    };
    let message = error.to_string();
    let what = if message.contains("trailing characters") {
        "Extra data"
    } else if message.contains("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if message.contains("expected `:`") {
        "Expecting ':' delimiter"
    } else if message.contains("expected `,`") {
        "Expecting ',' delimiter"
    } else if message.contains("EOF while parsing a string") {
        "Unterminated string starting at"
    } else if message.contains("escape") {
        "Invalid \\escape"
    } else if message.contains("control character") {
        "Invalid control character at"
    } else {
        "Expecting value"
    };
    let line = error.line().max(1);
    let line_start: usize = text
        .split('\n')
        .take(line - 1)
        .map(|l| l.chars().count() + 1)
        .sum();
    let column = error.column().max(1);
    let char_index = line_start + column - 1;
    ApiError::Detail(
        StatusCode::BAD_REQUEST,
        format!("JSON parse error - {what}: line {line} column {column} (char {char_index})"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(content_type: &str, text: &str) -> RawBody {
        RawBody {
            content_type: content_type.to_owned(),
            bytes: Bytes::from(text.to_owned()),
        }
    }

    fn detail(result: Result<Value, ApiError>) -> String {
        match result {
            Err(ApiError::Detail(_, d)) => d,
            other => panic!("expected a detail error, got {other:?}"),
        }
    }

    #[test]
    fn reads_like_drf() {
        assert_eq!(body("", "").value().unwrap(), serde_json::json!({}));
        assert_eq!(
            body("application/json; charset=utf-8", "{\"value\": 1}")
                .value()
                .unwrap()["value"],
            1
        );
        assert_eq!(
            body("application/x-www-form-urlencoded", "value=a+b")
                .value()
                .unwrap()["value"],
            "a b"
        );
        assert_eq!(
            detail(body("text/plain", "x").value()),
            "Unsupported media type \"text/plain\" in request."
        );
        assert_eq!(
            detail(body("application/json", "{\"value\": }").value()),
            "JSON parse error - Expecting value: line 1 column 11 (char 10)"
        );
        assert!(
            detail(body("application/json", "{} x").value())
                .starts_with("JSON parse error - Extra data")
        );
        assert!(
            detail(body("application/json", "{value: 1}").value())
                .starts_with("JSON parse error - Expecting property name")
        );
        match body("application/json", "[1]").object() {
            Err(ApiError::Fields(map)) => assert_eq!(
                map["non_field_errors"][0],
                "Invalid data. Expected a dictionary, but got list."
            ),
            other => panic!("{other:?}"),
        }
    }
}
