//! The body of a value upsert: `{value, external_id?, external_source?}`.

use super::{Input, ValueError, validate_value};
use crate::property::Property;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// An external system's reference for a value; Plane needs both fields or neither.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct External {
    /// The id of the value in the external system.
    #[serde(default)]
    pub external_id: Option<String>,
    /// The name of the external system.
    #[serde(default)]
    pub external_source: Option<String>,
}

/// A request body for `POST`/`PATCH .../work-item-properties/{property_id}/values/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValuePayload {
    /// The typed value.
    pub value: Json,
    /// The external system's id, sent together with `external_source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The external system's name, sent together with `external_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_source: Option<String>,
}

/// A value ready to send: what Plane will make of it, and the upsert body.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueUpsert {
    /// What Plane makes of the value: a typed value to hold, or an empty value that clears.
    pub typed: Input,
    /// The request body.
    pub payload: ValuePayload,
}

/// Validates `value` for `property` and builds the upsert body; refuses what Plane would refuse,
/// with Plane's message.
pub fn build_value_payload(
    property: &Property,
    value: &Json,
    external: &External,
) -> Result<ValueUpsert, ValueError> {
    if external.external_id.is_some() != external.external_source.is_some() {
        return Err(ValueError::ExternalPair);
    }
    let typed = validate_value(property, value)?;
    let payload = ValuePayload {
        value: match &typed {
            Input::Set(held) => held.to_json(),
            // Plane accepts the empty value as sent and keeps nothing.
            Input::Clear => value.clone(),
        },
        external_id: external.external_id.clone(),
        external_source: external.external_source.clone(),
    };
    Ok(ValueUpsert { typed, payload })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::PropertyValue;
    use serde_json::json;

    fn number() -> Property {
        serde_json::from_value(
            json!({"id": "p", "display_name": "Points", "property_type": "DECIMAL"}),
        )
        .unwrap()
    }

    #[test]
    fn builds_the_body_plane_expects() {
        let built = build_value_payload(&number(), &json!(3.0), &External::default()).unwrap();
        assert_eq!(built.typed, Input::Set(PropertyValue::Decimal(3.0)));
        assert_eq!(
            serde_json::to_value(&built.payload).unwrap(),
            json!({"value": 3})
        );
        let external = External {
            external_id: Some("J-1".into()),
            external_source: Some("jira".into()),
        };
        let built = build_value_payload(&number(), &json!(2.5), &external).unwrap();
        assert_eq!(
            serde_json::to_value(&built.payload).unwrap(),
            json!({"value": 2.5, "external_id": "J-1", "external_source": "jira"})
        );
    }

    #[test]
    fn external_fields_come_in_pairs() {
        let half = External {
            external_id: Some("J-1".into()),
            external_source: None,
        };
        assert_eq!(
            build_value_payload(&number(), &json!(1), &half),
            Err(ValueError::ExternalPair)
        );
    }

    #[test]
    fn invalid_values_are_refused_with_plane_messages() {
        let err = build_value_payload(&number(), &json!("1"), &External::default()).unwrap_err();
        assert_eq!(err.to_string(), "Must be a number (e.g., 123.45)");
    }
}
