//! Values as the all-values endpoint stores them (strings), read back into typed values.

use super::{DateTime, PropertyValue, canonical_uuid};
use crate::property::{Property, PropertyType};
use thiserror::Error;

/// A stored string that does not read as its property's type.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("the stored value {value:?} of {property} is not a valid {kind}")]
pub struct StoredValueError {
    /// The property's display name.
    pub property: String,
    /// The property type expected.
    pub kind: String,
    /// The stored string.
    pub value: String,
}

/// Reads the strings Plane stores for a property (`[{property_id, values: [...]}]`) as a typed
/// value; `None` when nothing is stored. FORMULA and unknown kinds read as text.
pub fn from_stored(
    property: &Property,
    values: &[String],
) -> Result<Option<PropertyValue>, StoredValueError> {
    let Some(first) = values.first() else {
        return Ok(None);
    };
    let fail = |value: &str| StoredValueError {
        property: property.display_name.clone(),
        kind: property.property_type.as_str().to_owned(),
        value: value.to_owned(),
    };
    let id = |value: &String| canonical_uuid(value).ok_or_else(|| fail(value));
    let value = match &property.property_type {
        PropertyType::Decimal => first
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(PropertyValue::Decimal)
            .ok_or_else(|| fail(first))?,
        PropertyType::Boolean => match first.to_ascii_lowercase().as_str() {
            "true" => PropertyValue::Boolean(true),
            "false" => PropertyValue::Boolean(false),
            _ => return Err(fail(first)),
        },
        PropertyType::DateTime => DateTime::parse_plane(first.get(..10).unwrap_or(first))
            .map(PropertyValue::DateTime)
            .ok_or_else(|| fail(first))?,
        PropertyType::Option | PropertyType::Relation if property.is_multi => {
            let mut ids = Vec::with_capacity(values.len());
            for value in values {
                let id = id(value)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            PropertyValue::Ids(ids)
        }
        PropertyType::Option | PropertyType::Relation => PropertyValue::Id(id(first)?),
        PropertyType::Text
        | PropertyType::Url
        | PropertyType::Email
        | PropertyType::File
        | PropertyType::Formula
        | PropertyType::Unknown(_) => PropertyValue::Text(first.clone()),
    };
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn prop(kind: &str, multi: bool) -> Property {
        serde_json::from_value(
            json!({"id": "p", "display_name": "F", "property_type": kind, "is_multi": multi}),
        )
        .unwrap()
    }

    fn read(kind: &str, multi: bool, values: &[&str]) -> Option<PropertyValue> {
        let values: Vec<String> = values.iter().map(|s| s.to_string()).collect();
        from_stored(&prop(kind, multi), &values).unwrap()
    }

    #[test]
    fn reads_each_type() {
        assert_eq!(read("TEXT", false, &[]), None);
        assert_eq!(
            read("DECIMAL", false, &["3.5"]),
            Some(PropertyValue::Decimal(3.5))
        );
        assert_eq!(
            read("BOOLEAN", false, &["false"]),
            Some(PropertyValue::Boolean(false))
        );
        assert_eq!(
            read("DATETIME", false, &["2026-03-05"]).unwrap().to_json(),
            json!("2026-03-05")
        );
        let a = "11111111-1111-4111-8111-111111111111";
        assert_eq!(
            read("OPTION", false, &[a]),
            Some(PropertyValue::Id(a.into()))
        );
        assert_eq!(
            read("RELATION", true, &[a, a]),
            Some(PropertyValue::Ids(vec![a.into()]))
        );
        assert_eq!(
            read("FORMULA", false, &["42"]),
            Some(PropertyValue::Text("42".into()))
        );
    }

    #[test]
    fn names_what_does_not_read() {
        let err = from_stored(&prop("DECIMAL", false), &["many".to_string()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the stored value \"many\" of F is not a valid DECIMAL"
        );
    }
}
