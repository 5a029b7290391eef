//! The per-property value endpoint's checks on `value`, with Plane's exact messages.
//!
//! Order: a `null` is refused by the field itself; then a required property refuses any
//! Python-falsy value; then the type decides. Messages marked "sandbox wording" are not given
//! by the notes and were chosen in Plane's style.

use crate::error::ApiError;
use crate::python::{is_falsy, py_str};
use crate::python_uuid::parse_python_uuid;
use crate::rules::{date::parse_plane_date, email::is_valid_email, url::is_valid_url};
use plane_inline_core::property::{PropertyType, RelationType};
use serde_json::Value;

/// "This field may not be null." (DRF)
pub const MSG_NULL: &str = "This field may not be null.";
/// "This field is required." (DRF)
pub const MSG_MISSING: &str = "This field is required.";
/// TEXT and FILE values must be strings.
pub const MSG_STRING: &str = "Must be a string";
/// URL values.
pub const MSG_URL: &str = "Must be a valid URL (e.g., https://example.com)";
/// EMAIL values (the notes give only the start; the example is sandbox wording).
pub const MSG_EMAIL: &str = "Must be a valid email address (e.g., user@example.com)";
/// DATETIME values.
pub const MSG_DATE: &str = "Must be a valid date in format YYYY-MM-DD or YYYY-MM-DD HH:MM:SS";
/// DECIMAL values.
pub const MSG_NUMBER: &str = "Must be a number (e.g., 123.45)";
/// BOOLEAN values.
pub const MSG_BOOLEAN: &str = "Must be a boolean (true or false)";
/// Single OPTION values that are not UUIDs.
pub const MSG_OPTION_UUID: &str = "Must be a valid UUID for a property option";
/// Single OPTION values naming another property's option.
pub const MSG_OPTION_MISSING: &str = "Selected option does not exist for this property";
/// Multi OPTION values naming unknown options.
pub const MSG_OPTIONS_MISSING: &str = "One or more selected options do not exist for this property";
/// An empty list for a multi-value property.
pub const MSG_EMPTY_LIST: &str = "List cannot be empty for multi-value property";
// Plane's words for relations, from its value validation (the issue's "Plane's exact words"
// table, read from makeplane/plane's code; the API docs give none).
/// Single USER or ISSUE values that are not strings.
pub const MSG_RELATION_STRING: &str = "Must be a string (UUID)";
/// Single USER or ISSUE values that are strings but not UUIDs.
pub const MSG_RELATION_UUID: &str = "Must be a valid UUID";
/// Multi USER or ISSUE values with an item that is not a string.
pub const MSG_RELATION_ITEM_STRING: &str = "Each value in list must be a string (UUID)";
/// A single USER value naming someone outside the workspace.
pub const MSG_NOT_MEMBER: &str = "Referenced user is not a member of this workspace";
/// Multi USER values naming someone outside the workspace.
pub const MSG_NOT_MEMBERS: &str = "One or more referenced users are not members of this workspace";
/// ISSUE values naming a work item outside the workspace.
pub const MSG_NO_WORK_ITEM: &str = "Referenced work item does not exist in this workspace";

/// What a value is checked against: the property's kind and flags.
#[derive(Debug, Clone, Copy)]
pub struct ValueTarget<'a> {
    /// Used in the required message.
    pub display_name: &'a str,
    /// The property's kind.
    pub property_type: &'a PropertyType,
    /// For RELATION, what it points at.
    pub relation_type: Option<&'a RelationType>,
    /// Whether falsy values are refused.
    pub is_required: bool,
    /// Whether the property holds a set (OPTION and RELATION only).
    pub is_multi: bool,
}

/// Answers the questions that need the database.
pub trait References {
    /// Which of these option ids belong to the property.
    fn options_of_property(&self, ids: &[String]) -> Result<usize, ApiError>;
    /// How many of these user ids are members of the workspace.
    fn workspace_members(&self, ids: &[String]) -> Result<usize, ApiError>;
    /// How many of these ids are work items of the workspace.
    fn workspace_work_items(&self, ids: &[String]) -> Result<usize, ApiError>;
}

/// A value that passed the checks, in the form it is stored.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckedValue {
    /// TEXT, URL, EMAIL or FILE.
    Text(String),
    /// DATETIME, as `YYYY-MM-DD`.
    Date(String),
    /// DECIMAL, stored as a float.
    Number(f64),
    /// BOOLEAN.
    Bool(bool),
    /// OPTION or RELATION ids (one for single-value properties), canonical and de-duplicated.
    Ids(Vec<String>),
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::field("value", message)
}

/// Checks `value` for the property; `None` means the key was absent from the body.
pub fn check_value(
    target: ValueTarget<'_>,
    value: Option<&Value>,
    refs: &dyn References,
) -> Result<CheckedValue, ApiError> {
    let value = value.ok_or_else(|| invalid(MSG_MISSING))?;
    if value.is_null() {
        return Err(invalid(MSG_NULL));
    }
    if target.is_required && is_falsy(value) {
        return Err(invalid(format!("{} is required", target.display_name)));
    }
    match target.property_type {
        PropertyType::Text | PropertyType::File => match value {
            Value::String(s) => Ok(CheckedValue::Text(s.clone())),
            _ => Err(invalid(MSG_STRING)),
        },
        PropertyType::Url => match value {
            Value::String(s) if is_valid_url(s) => Ok(CheckedValue::Text(s.clone())),
            _ => Err(invalid(MSG_URL)),
        },
        PropertyType::Email => match value {
            Value::String(s) if is_valid_email(s) => Ok(CheckedValue::Text(s.clone())),
            _ => Err(invalid(MSG_EMAIL)),
        },
        PropertyType::DateTime => value
            .as_str()
            .and_then(parse_plane_date)
            .map(|d| CheckedValue::Date(d.iso()))
            .ok_or_else(|| invalid(MSG_DATE)),
        PropertyType::Decimal => value
            .as_f64()
            .filter(|n| n.is_finite())
            .map(CheckedValue::Number)
            .ok_or_else(|| invalid(MSG_NUMBER)),
        PropertyType::Boolean => value
            .as_bool()
            .map(CheckedValue::Bool)
            .ok_or_else(|| invalid(MSG_BOOLEAN)),
        PropertyType::Option => check_ids(target, value, IdKind::Option, refs),
        PropertyType::Relation => match target.relation_type {
            Some(RelationType::User) => check_ids(target, value, IdKind::User, refs),
            Some(RelationType::Issue) => check_ids(target, value, IdKind::Issue, refs),
            Some(other) => Err(invalid(format!(
                "Invalid relation type: {}",
                other.as_str()
            ))),
            None => Err(invalid("Invalid relation type: None")),
        },
        PropertyType::Formula | PropertyType::Unknown(_) => Err(invalid(format!(
            "Unsupported property type: {}",
            target.property_type.as_str()
        ))),
    }
}

#[derive(Clone, Copy)]
enum IdKind {
    Option,
    User,
    Issue,
}

fn check_ids(
    target: ValueTarget<'_>,
    value: &Value,
    kind: IdKind,
    refs: &dyn References,
) -> Result<CheckedValue, ApiError> {
    let ids = if target.is_multi {
        let items: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        if items.is_empty() {
            return Err(invalid(MSG_EMPTY_LIST));
        }
        let items_len = items.len();
        if !matches!(kind, IdKind::Option) && items.iter().any(|item| !item.is_string()) {
            return Err(invalid(MSG_RELATION_ITEM_STRING));
        }
        let mut ids: Vec<String> = Vec::with_capacity(items.len());
        for item in items {
            let id = item
                .as_str()
                .and_then(parse_python_uuid)
                .ok_or_else(|| invalid(format!("Invalid UUID format: {}", py_str(item))))?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        // Every item is read first; then Plane counts the distinct ids it finds against the
        // list's length, so a repeated id fails as one not found.
        if ids.len() != items_len {
            return Err(invalid(MSG_OPTIONS_MISSING));
        }
        ids
    } else {
        let id = match kind {
            IdKind::Option => value
                .as_str()
                .and_then(parse_python_uuid)
                .ok_or_else(|| invalid(MSG_OPTION_UUID))?,
            IdKind::User | IdKind::Issue => {
                let text = value.as_str().ok_or_else(|| invalid(MSG_RELATION_STRING))?;
                parse_python_uuid(text).ok_or_else(|| invalid(MSG_RELATION_UUID))?
            }
        };
        vec![id]
    };
    let (found, missing) = match kind {
        IdKind::Option => (
            refs.options_of_property(&ids)?,
            if target.is_multi {
                MSG_OPTIONS_MISSING
            } else {
                MSG_OPTION_MISSING
            },
        ),
        IdKind::User => (
            refs.workspace_members(&ids)?,
            if target.is_multi {
                MSG_NOT_MEMBERS
            } else {
                MSG_NOT_MEMBER
            },
        ),
        IdKind::Issue => (refs.workspace_work_items(&ids)?, MSG_NO_WORK_ITEM),
    };
    if found != ids.len() {
        return Err(invalid(missing));
    }
    Ok(CheckedValue::Ids(ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const OPT_A: &str = "11111111-1111-4111-8111-111111111111";
    const OPT_B: &str = "22222222-2222-4222-8222-222222222222";
    const STRANGER: &str = "99999999-9999-4999-8999-999999999999";

    struct Fixture;

    impl References for Fixture {
        fn options_of_property(&self, ids: &[String]) -> Result<usize, ApiError> {
            Ok(ids.iter().filter(|i| *i == OPT_A || *i == OPT_B).count())
        }
        fn workspace_members(&self, ids: &[String]) -> Result<usize, ApiError> {
            Ok(ids.iter().filter(|i| *i == OPT_A).count())
        }
        fn workspace_work_items(&self, ids: &[String]) -> Result<usize, ApiError> {
            Ok(ids.iter().filter(|i| *i == OPT_B).count())
        }
    }

    fn target<'a>(t: &'a PropertyType, r: Option<&'a RelationType>) -> ValueTarget<'a> {
        ValueTarget {
            display_name: "Field",
            property_type: t,
            relation_type: r,
            is_required: false,
            is_multi: false,
        }
    }

    fn message(result: Result<CheckedValue, ApiError>) -> String {
        match result {
            Err(ApiError::Fields(map)) => map["value"][0].as_str().unwrap().to_owned(),
            other => panic!("expected a value error, got {other:?}"),
        }
    }

    #[test]
    fn null_and_required_come_first() {
        let t = PropertyType::Decimal;
        assert_eq!(
            message(check_value(target(&t, None), Some(&json!(null)), &Fixture)),
            MSG_NULL
        );
        assert_eq!(
            message(check_value(target(&t, None), None, &Fixture)),
            MSG_MISSING
        );
        let required = ValueTarget {
            is_required: true,
            display_name: "Story Points",
            ..target(&t, None)
        };
        assert_eq!(
            message(check_value(required, Some(&json!(0)), &Fixture)),
            "Story Points is required"
        );
        assert_eq!(
            check_value(target(&t, None), Some(&json!(0)), &Fixture).unwrap(),
            CheckedValue::Number(0.0)
        );
    }

    #[test]
    fn scalar_types_check_their_shapes() {
        let text = PropertyType::Text;
        assert_eq!(
            message(check_value(target(&text, None), Some(&json!(5)), &Fixture)),
            MSG_STRING
        );
        assert_eq!(
            check_value(target(&text, None), Some(&json!("")), &Fixture).unwrap(),
            CheckedValue::Text(String::new())
        );
        let number = PropertyType::Decimal;
        assert_eq!(
            message(check_value(
                target(&number, None),
                Some(&json!("12")),
                &Fixture
            )),
            MSG_NUMBER
        );
        assert_eq!(
            message(check_value(
                target(&number, None),
                Some(&json!(true)),
                &Fixture
            )),
            MSG_NUMBER
        );
        let boolean = PropertyType::Boolean;
        assert_eq!(
            message(check_value(
                target(&boolean, None),
                Some(&json!("true")),
                &Fixture
            )),
            MSG_BOOLEAN
        );
        let date = PropertyType::DateTime;
        assert_eq!(
            check_value(
                target(&date, None),
                Some(&json!("2026-02-03 10:00:00")),
                &Fixture
            )
            .unwrap(),
            CheckedValue::Date("2026-02-03".into())
        );
        assert_eq!(
            message(check_value(
                target(&date, None),
                Some(&json!("2026-02-30")),
                &Fixture
            )),
            MSG_DATE
        );
        let url = PropertyType::Url;
        assert_eq!(
            message(check_value(
                target(&url, None),
                Some(&json!("example.com")),
                &Fixture
            )),
            MSG_URL
        );
        let email = PropertyType::Email;
        assert_eq!(
            message(check_value(
                target(&email, None),
                Some(&json!("a@b")),
                &Fixture
            )),
            MSG_EMAIL
        );
    }

    #[test]
    fn options_and_relations_check_membership() {
        let option = PropertyType::Option;
        assert_eq!(
            message(check_value(
                target(&option, None),
                Some(&json!("alpha")),
                &Fixture
            )),
            MSG_OPTION_UUID
        );
        assert_eq!(
            message(check_value(
                target(&option, None),
                Some(&json!(STRANGER)),
                &Fixture
            )),
            MSG_OPTION_MISSING
        );
        let multi = ValueTarget {
            is_multi: true,
            ..target(&option, None)
        };
        assert_eq!(
            message(check_value(multi, Some(&json!([])), &Fixture)),
            MSG_EMPTY_LIST
        );
        assert_eq!(
            message(check_value(multi, Some(&json!([OPT_A, "alpha"])), &Fixture)),
            "Invalid UUID format: alpha"
        );
        assert_eq!(
            message(check_value(
                multi,
                Some(&json!([OPT_A, STRANGER])),
                &Fixture
            )),
            MSG_OPTIONS_MISSING
        );
        assert_eq!(
            message(check_value(
                multi,
                Some(&json!([OPT_B, OPT_A, OPT_B.to_uppercase()])),
                &Fixture
            )),
            MSG_OPTIONS_MISSING
        );
        assert_eq!(
            check_value(multi, Some(&json!(OPT_A)), &Fixture).unwrap(),
            CheckedValue::Ids(vec![OPT_A.into()])
        );
        let relation = PropertyType::Relation;
        let user = RelationType::User;
        assert_eq!(
            message(check_value(
                target(&relation, Some(&user)),
                Some(&json!(OPT_B)),
                &Fixture
            )),
            MSG_NOT_MEMBER
        );
        let issue = RelationType::Issue;
        assert_eq!(
            message(check_value(
                target(&relation, Some(&issue)),
                Some(&json!(OPT_A)),
                &Fixture
            )),
            MSG_NO_WORK_ITEM
        );
        let release = RelationType::Release;
        assert_eq!(
            message(check_value(
                target(&relation, Some(&release)),
                Some(&json!(OPT_A)),
                &Fixture
            )),
            "Invalid relation type: RELEASE"
        );
        let formula = PropertyType::Formula;
        assert_eq!(
            message(check_value(
                target(&formula, None),
                Some(&json!("x")),
                &Fixture
            )),
            "Unsupported property type: FORMULA"
        );
    }
}
