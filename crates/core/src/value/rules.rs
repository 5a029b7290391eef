//! Plane's write rules for the per-property value endpoint (plane-api.md section 2).

use super::calendar::DateTime;
use super::email::is_valid_email;
use super::url::is_valid_url;
use super::uuid::canonical_uuid;
use super::{Input, PropertyValue, ValueError};
use crate::property::{Property, PropertyType, RelationType};
use serde_json::Value as Json;

/// Judges `value` for `property` exactly as Plane's value endpoint does, in Plane's order:
/// `null`, then the required check, then an empty value (`""`, `[]`, `{}`: any falsy value but
/// `0` and `false`), which passes before any type check and leaves the property without a value
/// ([`Input::Clear`]), then the property type's own rule.
///
/// OPTION ids are checked against `property.options`. RELATION ids are checked for shape only:
/// whether a user is a workspace member, or a work item is in the workspace, only the server knows.
pub fn validate_value(property: &Property, value: &Json) -> Result<Input, ValueError> {
    if value.is_null() {
        return Err(ValueError::Null);
    }
    if property.is_required && !is_truthy(value) {
        return Err(ValueError::Required(property.display_name.clone()));
    }
    if !is_truthy(value) && !matches!(value, Json::Number(_) | Json::Bool(false)) {
        return Ok(Input::Clear);
    }
    typed_value(property, value).map(Input::Set)
}

/// The property type's own rule, for a value that is not empty.
fn typed_value(property: &Property, value: &Json) -> Result<PropertyValue, ValueError> {
    match &property.property_type {
        PropertyType::Text | PropertyType::File => text(value).map(PropertyValue::Text),
        PropertyType::Url => checked_text(value, is_valid_url, ValueError::InvalidUrl),
        PropertyType::Email => checked_text(value, is_valid_email, ValueError::InvalidEmail),
        PropertyType::DateTime => value
            .as_str()
            .and_then(DateTime::parse_plane)
            .map(PropertyValue::DateTime)
            .ok_or(ValueError::InvalidDate),
        PropertyType::Decimal => value
            .as_f64()
            .filter(|n| n.is_finite())
            .map(PropertyValue::Decimal)
            .ok_or(ValueError::NotNumber),
        PropertyType::Boolean => value
            .as_bool()
            .map(PropertyValue::Boolean)
            .ok_or(ValueError::NotBoolean),
        PropertyType::Option if property.is_multi => option_set(property, value),
        PropertyType::Option => single_option(property, value),
        PropertyType::Relation => match &property.relation_type {
            Some(RelationType::User) if property.is_multi => {
                relation_ids(value, ValueError::UnknownUsers).map(PropertyValue::Ids)
            }
            Some(RelationType::Issue) if property.is_multi => {
                relation_ids(value, ValueError::UnknownWorkItems).map(PropertyValue::Ids)
            }
            Some(RelationType::User | RelationType::Issue) => single_id(value),
            Some(other) => Err(ValueError::InvalidRelation(other.as_str().to_owned())),
            None => Err(ValueError::InvalidRelation("None".to_owned())),
        },
        PropertyType::Formula | PropertyType::Unknown(_) => Err(ValueError::Unsupported(
            property.property_type.as_str().to_owned(),
        )),
    }
}

/// Python's truthiness of a JSON value (`""`, `0`, `false`, `[]`, `{}` and `null` are falsy).
pub(crate) fn is_truthy(value: &Json) -> bool {
    match value {
        Json::Null => false,
        Json::Bool(flag) => *flag,
        Json::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Json::String(s) => !s.is_empty(),
        Json::Array(items) => !items.is_empty(),
        Json::Object(map) => !map.is_empty(),
    }
}

fn text(value: &Json) -> Result<String, ValueError> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or(ValueError::NotString)
}

fn checked_text(
    value: &Json,
    valid: fn(&str) -> bool,
    error: ValueError,
) -> Result<PropertyValue, ValueError> {
    match value.as_str() {
        Some(s) if valid(s) => Ok(PropertyValue::Text(s.to_owned())),
        _ => Err(error),
    }
}

fn single_option(property: &Property, value: &Json) -> Result<PropertyValue, ValueError> {
    let text = value.as_str().ok_or(ValueError::RelationNotString)?;
    let id = canonical_uuid(text).ok_or(ValueError::InvalidOptionId)?;
    property.option(&id).ok_or(ValueError::UnknownOption)?;
    Ok(PropertyValue::Id(id))
}

fn option_set(property: &Property, value: &Json) -> Result<PropertyValue, ValueError> {
    // One string given to a multi OPTION is judged as a single OPTION is.
    if let Json::String(_) = value {
        return match single_option(property, value)? {
            PropertyValue::Id(id) => Ok(PropertyValue::Ids(vec![id])),
            other => Ok(other),
        };
    }
    let ids = ids(value, ValueError::UnknownOptions)?;
    if ids.iter().any(|id| property.option(id).is_none()) {
        return Err(ValueError::UnknownOptions);
    }
    Ok(PropertyValue::Ids(ids))
}

/// One UUID for a single USER or ISSUE relation.
fn single_id(value: &Json) -> Result<PropertyValue, ValueError> {
    let text = value.as_str().ok_or(ValueError::RelationNotString)?;
    canonical_uuid(text)
        .map(PropertyValue::Id)
        .ok_or(ValueError::RelationNotUuid)
}

/// The ids of a multi USER or ISSUE relation: one string is judged as a single relation's;
/// otherwise every item of the list must be a string first.
fn relation_ids(value: &Json, not_found: ValueError) -> Result<Vec<String>, ValueError> {
    let items: &[Json] = match value {
        Json::Array(items) => items,
        Json::String(text) => {
            return canonical_uuid(text)
                .map(|id| vec![id])
                .ok_or(ValueError::RelationNotUuid);
        }
        _ => return Err(ValueError::NotIdOrList),
    };
    if items.iter().any(|item| !item.is_string()) {
        return Err(ValueError::RelationItemNotString);
    }
    ids(value, not_found)
}

/// One UUID item of a multi value.
fn one_id(value: &Json) -> Result<String, ValueError> {
    value
        .as_str()
        .and_then(canonical_uuid)
        .ok_or_else(|| ValueError::InvalidUuid(python_str(value)))
}

/// A list of distinct UUIDs for a multi OPTION or RELATION (empty lists were taken as a clear
/// before). Every item is read first; then, as Plane counts the distinct ids it finds against
/// the list's length, a repeated id is refused as one not found.
fn ids(value: &Json, not_found: ValueError) -> Result<Vec<String>, ValueError> {
    let Json::Array(items) = value else {
        return Err(ValueError::NotIdOrList);
    };
    let mut ids: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let id = one_id(item)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() != items.len() {
        return Err(not_found);
    }
    Ok(ids)
}

/// How Python's `str()` prints a parsed JSON value, as Plane's messages embed it.
pub(crate) fn python_str(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        other => python_repr(other),
    }
}

fn python_repr(value: &Json) -> String {
    match value {
        Json::Null => "None".to_owned(),
        Json::Bool(true) => "True".to_owned(),
        Json::Bool(false) => "False".to_owned(),
        Json::Number(n) if n.is_f64() => python_float(n.as_f64().unwrap_or_default()),
        Json::Number(n) => n.to_string(),
        Json::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(python_repr).collect::<Vec<_>>().join(", ")
        ),
        Json::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!(
                    "{}: {}",
                    python_repr(&Json::String(k.clone())),
                    python_repr(v)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `repr(float)`: shortest digits, scientific below 1e-4 or from 1e16, `1.0` for whole numbers.
fn python_float(f: f64) -> String {
    let magnitude = f.abs();
    if magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        let text = format!("{f:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let (sign, digits) = exponent
            .strip_prefix('-')
            .map_or(("+", exponent), |d| ("-", d));
        return format!("{mantissa}e{sign}{digits:0>2}");
    }
    if f.fract() == 0.0 {
        format!("{f:.1}")
    } else {
        f.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const OPT_A: &str = "11111111-1111-4111-8111-111111111111";
    const OPT_B: &str = "22222222-2222-4222-8222-222222222222";
    const OTHER: &str = "33333333-3333-4333-8333-333333333333";

    fn prop(kind: &str, extra: Json) -> Property {
        let mut base = json!({
            "id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "display_name": "Field",
            "property_type": kind,
            "options": [
                {"id": OPT_A, "name": "Alpha"},
                {"id": OPT_B, "name": "Beta", "is_active": false}
            ]
        });
        if let (Some(base), Json::Object(extra)) = (base.as_object_mut(), extra) {
            base.extend(extra);
        }
        serde_json::from_value(base).unwrap()
    }

    fn message(property: &Property, value: Json) -> String {
        validate_value(property, &value).unwrap_err().to_string()
    }

    #[test]
    fn null_is_refused_first() {
        let p = prop("TEXT", json!({"is_required": true}));
        assert_eq!(message(&p, Json::Null), "This field may not be null.");
    }

    #[test]
    fn required_refuses_every_falsy_value() {
        for kind in ["TEXT", "DECIMAL", "BOOLEAN", "OPTION", "URL"] {
            let p = prop(
                kind,
                json!({"is_required": true, "display_name": "Story Points"}),
            );
            for falsy in [
                json!(""),
                json!(0),
                json!(0.0),
                json!(false),
                json!([]),
                json!({}),
            ] {
                assert_eq!(message(&p, falsy), "Story Points is required", "{kind}");
            }
        }
        let p = prop("DECIMAL", json!({"is_required": true}));
        assert_eq!(
            validate_value(&p, &json!(-1)),
            Ok(Input::Set(PropertyValue::Decimal(-1.0)))
        );
    }

    #[test]
    fn empty_values_clear_before_any_type_check() {
        for kind in [
            "TEXT", "DECIMAL", "BOOLEAN", "OPTION", "URL", "DATETIME", "FORMULA",
        ] {
            let p = prop(kind, json!({"is_multi": kind == "OPTION"}));
            for empty in [json!(""), json!([]), json!({})] {
                assert_eq!(
                    validate_value(&p, &empty),
                    Ok(Input::Clear),
                    "{kind} {empty}"
                );
            }
        }
        // 0 and false are values, judged by the type's rule.
        let number = prop("DECIMAL", json!({}));
        assert_eq!(
            validate_value(&number, &json!(0)),
            Ok(Input::Set(PropertyValue::Decimal(0.0)))
        );
        let text = prop("TEXT", json!({}));
        assert_eq!(message(&text, json!(false)), "Must be a string");
    }

    #[test]
    fn text_like_types_need_strings() {
        for kind in ["TEXT", "FILE"] {
            let p = prop(kind, json!({}));
            assert_eq!(validate_value(&p, &json!("")), Ok(Input::Clear));
            assert_eq!(
                validate_value(&p, &json!("007")),
                Ok(Input::Set(PropertyValue::Text("007".into())))
            );
            assert_eq!(message(&p, json!(7)), "Must be a string");
        }
        let readonly = prop("TEXT", json!({"settings": {"display_format": "readonly"}}));
        assert!(validate_value(&readonly, &json!("still writable")).is_ok());
    }

    #[test]
    fn url_and_email() {
        let url = prop("URL", json!({}));
        assert!(validate_value(&url, &json!("https://plane.so")).is_ok());
        assert_eq!(
            message(&url, json!("plane.so")),
            "Must be a valid URL (e.g., https://example.com)"
        );
        assert_eq!(
            message(&url, json!(1)),
            "Must be a valid URL (e.g., https://example.com)"
        );
        let email = prop("EMAIL", json!({}));
        assert!(validate_value(&email, &json!("a@plane.so")).is_ok());
        assert_eq!(
            message(&email, json!("a@")),
            "Must be a valid email address (e.g., user@example.com)"
        );
    }

    #[test]
    fn dates_numbers_booleans() {
        let date = prop("DATETIME", json!({}));
        let Ok(Input::Set(held)) = validate_value(&date, &json!("2026-2-3")) else {
            panic!("a date")
        };
        assert_eq!(held.to_json(), json!("2026-02-03"));
        assert_eq!(
            message(&date, json!("2026-02-30")),
            "Must be a valid date in format YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"
        );
        assert_eq!(message(&date, json!(20260203)), message(&date, json!("x")));
        let number = prop("DECIMAL", json!({}));
        assert_eq!(
            validate_value(&number, &json!(0)),
            Ok(Input::Set(PropertyValue::Decimal(0.0)))
        );
        assert_eq!(
            validate_value(&number, &json!(12.5)),
            Ok(Input::Set(PropertyValue::Decimal(12.5)))
        );
        assert_eq!(
            message(&number, json!("12.5")),
            "Must be a number (e.g., 123.45)"
        );
        assert_eq!(
            message(&number, json!(true)),
            "Must be a number (e.g., 123.45)"
        );
        let flag = prop("BOOLEAN", json!({}));
        assert_eq!(
            validate_value(&flag, &json!(false)),
            Ok(Input::Set(PropertyValue::Boolean(false)))
        );
        assert_eq!(
            message(&flag, json!("true")),
            "Must be a boolean (true or false)"
        );
    }

    #[test]
    fn single_options() {
        let p = prop("OPTION", json!({}));
        assert_eq!(
            validate_value(&p, &json!(OPT_A.to_uppercase())),
            Ok(Input::Set(PropertyValue::Id(OPT_A.into())))
        );
        assert!(
            validate_value(&p, &json!(OPT_B)).is_ok(),
            "inactive options are not refused"
        );
        assert_eq!(
            message(&p, json!("alpha")),
            "Must be a valid UUID for a property option"
        );
        assert_eq!(message(&p, json!([OPT_A])), "Must be a string (UUID)");
        assert_eq!(message(&p, json!(7)), "Must be a string (UUID)");
        assert_eq!(
            message(&p, json!(OTHER)),
            "Selected option does not exist for this property"
        );
    }

    #[test]
    fn multi_options() {
        let p = prop("OPTION", json!({"is_multi": true}));
        assert_eq!(
            validate_value(&p, &json!(OPT_A)),
            Ok(Input::Set(PropertyValue::Ids(vec![OPT_A.into()])))
        );
        assert_eq!(
            validate_value(&p, &json!([OPT_B, OPT_A])),
            Ok(Input::Set(PropertyValue::Ids(vec![
                OPT_B.into(),
                OPT_A.into()
            ])))
        );
        assert_eq!(
            message(&p, json!([OPT_B, OPT_A, OPT_B])),
            "One or more selected options do not exist for this property"
        );
        assert_eq!(validate_value(&p, &json!([])), Ok(Input::Clear));
        assert_eq!(
            message(&p, json!("alpha")),
            "Must be a valid UUID for a property option"
        );
        assert_eq!(
            message(&p, json!(OTHER)),
            "Selected option does not exist for this property"
        );
        assert_eq!(
            message(&p, json!(7)),
            "Must be a string (UUID) or list of UUIDs"
        );
        assert_eq!(
            message(&p, json!({"id": OPT_A})),
            "Must be a string (UUID) or list of UUIDs"
        );
        assert_eq!(
            message(&p, json!([OPT_A, "alpha"])),
            "Invalid UUID format: alpha"
        );
        assert_eq!(message(&p, json!([OPT_A, 7])), "Invalid UUID format: 7");
        assert_eq!(
            message(&p, json!([OPT_A, OTHER])),
            "One or more selected options do not exist for this property"
        );
        // Distinct options found are counted against the list's length.
        assert_eq!(
            message(&p, json!([OPT_A, OPT_A])),
            "One or more selected options do not exist for this property"
        );
    }

    #[test]
    fn relations() {
        let user = prop("RELATION", json!({"relation_type": "USER"}));
        assert_eq!(
            validate_value(&user, &json!(OTHER)),
            Ok(Input::Set(PropertyValue::Id(OTHER.into())))
        );
        assert_eq!(message(&user, json!("bob")), "Must be a valid UUID");
        assert_eq!(message(&user, json!([OTHER])), "Must be a string (UUID)");
        let item = prop("RELATION", json!({"relation_type": "ISSUE"}));
        assert_eq!(message(&item, json!(7)), "Must be a string (UUID)");
        assert_eq!(message(&item, json!("WEB-12")), "Must be a valid UUID");
        let users = prop(
            "RELATION",
            json!({"relation_type": "USER", "is_multi": true}),
        );
        assert_eq!(
            message(&users, json!([OTHER, 7])),
            "Each value in list must be a string (UUID)"
        );
        assert_eq!(
            message(&users, json!([OTHER, "bob"])),
            "Invalid UUID format: bob"
        );
        assert_eq!(
            message(&users, json!([OTHER, OTHER])),
            "One or more referenced users are not members of this workspace"
        );
        assert_eq!(
            validate_value(&users, &json!(OTHER)),
            Ok(Input::Set(PropertyValue::Ids(vec![OTHER.into()])))
        );
        assert_eq!(message(&users, json!("bob")), "Must be a valid UUID");
        assert_eq!(
            message(&users, json!(7)),
            "Must be a string (UUID) or list of UUIDs"
        );
        let issues = prop(
            "RELATION",
            json!({"relation_type": "ISSUE", "is_multi": true}),
        );
        assert_eq!(
            validate_value(&issues, &json!([OTHER])),
            Ok(Input::Set(PropertyValue::Ids(vec![OTHER.into()])))
        );
        assert_eq!(validate_value(&issues, &json!([])), Ok(Input::Clear));
        assert_eq!(
            message(&issues, json!([OTHER, OTHER])),
            "One or more referenced work items do not exist in this workspace"
        );
        let release = prop("RELATION", json!({"relation_type": "RELEASE"}));
        assert_eq!(
            message(&release, json!(OTHER)),
            "Invalid relation type: RELEASE"
        );
        let rich = prop("RELATION", json!({"relation_type": "RICH_TEXT"}));
        assert_eq!(
            message(&rich, json!(OTHER)),
            "Invalid relation type: RICH_TEXT"
        );
    }

    #[test]
    fn unwritable_types() {
        assert_eq!(
            message(&prop("FORMULA", json!({})), json!("1")),
            "Unsupported property type: FORMULA"
        );
        assert_eq!(
            message(&prop("HOLOGRAM", json!({})), json!("1")),
            "Unsupported property type: HOLOGRAM"
        );
    }

    #[test]
    fn python_str_matches_python() {
        assert_eq!(python_str(&json!(1.0)), "1.0");
        assert_eq!(python_str(&json!(1e300)), "1e+300");
        assert_eq!(python_str(&json!(1.5e-5)), "1.5e-05");
        assert_eq!(python_str(&json!(-0.0)), "-0.0");
        assert_eq!(python_str(&json!(2.5)), "2.5");
        assert_eq!(python_str(&json!(true)), "True");
        assert_eq!(python_str(&json!({"a": [1, "b"]})), "{'a': [1, 'b']}");
    }
}
