//! Readers of DRF serializer fields shared by the write endpoints, with DRF's exact messages.

use crate::api::drf_bool;
use crate::error::ApiError;
use serde_json::{Map, Value, json};

/// Collects DRF field errors.
#[derive(Default)]
pub struct FieldErrors(Map<String, Value>);

impl FieldErrors {
    /// Records one message for a field.
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.insert(field.to_owned(), json!([message.into()]));
    }

    /// `Ok` when no field failed, else 400 with every message.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Fields(self.0))
        }
    }
}

/// Reads an optional nullable string field.
pub fn string_field(
    body: &Map<String, Value>,
    key: &str,
    errors: &mut FieldErrors,
) -> Option<Option<String>> {
    match body.get(key)? {
        Value::Null => Some(None),
        Value::String(s) if s.chars().count() > 255 => {
            errors.add(key, "Ensure this field has no more than 255 characters.");
            None
        }
        Value::String(s) => Some(Some(s.clone())),
        Value::Number(n) => Some(Some(n.to_string())),
        _ => {
            errors.add(key, "Not a valid string.");
            None
        }
    }
}

/// Reads an optional DRF boolean field.
pub fn bool_field(body: &Map<String, Value>, key: &str, errors: &mut FieldErrors) -> Option<bool> {
    let value = body.get(key)?;
    let parsed = drf_bool(value);
    if parsed.is_none() {
        errors.add(key, "Must be a valid boolean.");
    }
    parsed
}
