//! The per-property value endpoint's checks on `value`, with Plane's exact messages.
//!
//! Order (plane-api.md, section 2 and its Corrections, read again in Plane's value serializer):
//! a missing `value` and a `null` are refused by the field itself; then a required property
//! refuses any Python-falsy value ("<display_name> is required"); then an empty value (`""`,
//! `[]`, `{}`: any falsy value but `0` and `false`) passes before any type check and clears the
//! property; then the type decides. Messages marked "sandbox wording" are not given by the notes
//! and were chosen in Plane's style.

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
/// Single OPTION values that are strings but not UUIDs.
pub const MSG_OPTION_UUID: &str = "Must be a valid UUID for a property option";
/// Single OPTION values naming another property's option.
pub const MSG_OPTION_MISSING: &str = "Selected option does not exist for this property";
/// Multi OPTION values naming unknown options (or one option twice).
pub const MSG_OPTIONS_MISSING: &str = "One or more selected options do not exist for this property";
/// A multi OPTION or RELATION value that is neither a string nor a list (Corrections).
pub const MSG_ID_OR_LIST: &str = "Must be a string (UUID) or list of UUIDs";
// Plane's words for ids, from its value validation (plane-api.md, Corrections; the API docs give
// none).
/// Single OPTION, USER or ISSUE values that are not strings.
pub const MSG_ID_STRING: &str = "Must be a string (UUID)";
/// Single USER or ISSUE values that are strings but not UUIDs.
pub const MSG_RELATION_UUID: &str = "Must be a valid UUID";
/// Multi USER or ISSUE values with an item that is not a string.
pub const MSG_RELATION_ITEM_STRING: &str = "Each value in list must be a string (UUID)";
/// A single USER value naming someone outside the workspace.
pub const MSG_NOT_MEMBER: &str = "Referenced user is not a member of this workspace";
/// Multi USER values naming someone outside the workspace (or someone twice).
pub const MSG_NOT_MEMBERS: &str = "One or more referenced users are not members of this workspace";
/// A single ISSUE value naming a work item outside the workspace.
pub const MSG_NO_WORK_ITEM: &str = "Referenced work item does not exist in this workspace";
/// Multi ISSUE values naming work items outside the workspace (or one twice).
pub const MSG_NO_WORK_ITEMS: &str =
    "One or more referenced work items do not exist in this workspace";

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
    /// An empty value on a property that is not required: nothing is stored and what was
    /// stored goes.
    Clear,
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

/// Whether Plane's `if not value and value != 0 and value is not False` holds: a falsy value
/// that is neither a zero number nor `false` (so `""`, `[]` and `{}`; `null` is refused before).
fn is_empty_value(value: &Value) -> bool {
    is_falsy(value) && !matches!(value, Value::Number(_) | Value::Bool(false))
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
    if is_empty_value(value) {
        return Ok(CheckedValue::Clear);
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

impl IdKind {
    /// How many of `ids` exist where this kind looks.
    fn found(self, ids: &[String], refs: &dyn References) -> Result<usize, ApiError> {
        match self {
            Self::Option => refs.options_of_property(ids),
            Self::User => refs.workspace_members(ids),
            Self::Issue => refs.workspace_work_items(ids),
        }
    }

    /// The sentence for one id that does not exist.
    fn missing_one(self) -> &'static str {
        match self {
            Self::Option => MSG_OPTION_MISSING,
            Self::User => MSG_NOT_MEMBER,
            Self::Issue => MSG_NO_WORK_ITEM,
        }
    }

    /// The sentence for a list with an id that does not exist, or one given twice.
    fn missing_some(self) -> &'static str {
        match self {
            Self::Option => MSG_OPTIONS_MISSING,
            Self::User => MSG_NOT_MEMBERS,
            Self::Issue => MSG_NO_WORK_ITEMS,
        }
    }

    /// The id of a single value (a multi property given one string is judged the same way).
    fn single_id(self, value: &Value) -> Result<String, ApiError> {
        let text = value.as_str().ok_or_else(|| invalid(MSG_ID_STRING))?;
        parse_python_uuid(text).ok_or_else(|| {
            invalid(match self {
                Self::Option => MSG_OPTION_UUID,
                Self::User | Self::Issue => MSG_RELATION_UUID,
            })
        })
    }
}

fn check_ids(
    target: ValueTarget<'_>,
    value: &Value,
    kind: IdKind,
    refs: &dyn References,
) -> Result<CheckedValue, ApiError> {
    let items = match value {
        Value::Array(items) if target.is_multi => items,
        // A multi property takes a list, or one string judged as a single value is.
        _ if target.is_multi && !value.is_string() => return Err(invalid(MSG_ID_OR_LIST)),
        _ => {
            let id = kind.single_id(value)?;
            if kind.found(std::slice::from_ref(&id), refs)? != 1 {
                return Err(invalid(kind.missing_one()));
            }
            return Ok(CheckedValue::Ids(vec![id]));
        }
    };
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
    // Every item is read first; then Plane counts the distinct ids it finds against the list's
    // length, so a repeated id fails as one not found.
    if ids.len() != items.len() || kind.found(&ids, refs)? != ids.len() {
        return Err(invalid(kind.missing_some()));
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
            CheckedValue::Clear
        );
        assert_eq!(
            message(check_value(
                target(&text, None),
                Some(&json!(false)),
                &Fixture
            )),
            MSG_STRING
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
            check_value(multi, Some(&json!([])), &Fixture).unwrap(),
            CheckedValue::Clear
        );
        assert_eq!(
            message(check_value(multi, Some(&json!(7)), &Fixture)),
            MSG_ID_OR_LIST
        );
        assert_eq!(
            message(check_value(multi, Some(&json!("alpha")), &Fixture)),
            MSG_OPTION_UUID,
            "one string to a multi OPTION is judged as a single one"
        );
        assert_eq!(
            message(check_value(multi, Some(&json!(STRANGER)), &Fixture)),
            MSG_OPTION_MISSING
        );
        assert_eq!(
            message(check_value(multi, Some(&json!([OPT_A, 7])), &Fixture)),
            "Invalid UUID format: 7"
        );
        assert_eq!(
            message(check_value(
                target(&option, None),
                Some(&json!(7)),
                &Fixture
            )),
            MSG_ID_STRING
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

    #[test]
    fn empty_values_clear_before_any_type_check_unless_required() {
        let kinds = [
            (PropertyType::Text, None),
            (PropertyType::Decimal, None),
            (PropertyType::Boolean, None),
            (PropertyType::DateTime, None),
            (PropertyType::Url, None),
            (PropertyType::Option, None),
            (PropertyType::Relation, Some(RelationType::User)),
            (PropertyType::Relation, Some(RelationType::Release)),
            (PropertyType::Formula, None),
        ];
        for (kind, relation) in &kinds {
            for multi in [false, true] {
                let t = ValueTarget {
                    is_multi: multi,
                    ..target(kind, relation.as_ref())
                };
                for empty in [json!(""), json!([]), json!({})] {
                    assert_eq!(
                        check_value(t, Some(&empty), &Fixture).unwrap(),
                        CheckedValue::Clear,
                        "{kind:?} multi={multi} {empty}"
                    );
                    let required = ValueTarget {
                        is_required: true,
                        display_name: "Platforms",
                        ..t
                    };
                    assert_eq!(
                        message(check_value(required, Some(&empty), &Fixture)),
                        "Platforms is required"
                    );
                }
            }
        }
        // 0 and false are values: the type decides.
        let decimal = PropertyType::Decimal;
        assert_eq!(
            check_value(target(&decimal, None), Some(&json!(0.0)), &Fixture).unwrap(),
            CheckedValue::Number(0.0)
        );
        let boolean = PropertyType::Boolean;
        assert_eq!(
            check_value(target(&boolean, None), Some(&json!(false)), &Fixture).unwrap(),
            CheckedValue::Bool(false)
        );
        let option = PropertyType::Option;
        assert_eq!(
            message(check_value(
                target(&option, None),
                Some(&json!(0)),
                &Fixture
            )),
            MSG_ID_STRING
        );
    }

    #[test]
    fn multi_relations_follow_plane_s_sentences() {
        let relation = PropertyType::Relation;
        let user = RelationType::User;
        let users = ValueTarget {
            is_multi: true,
            ..target(&relation, Some(&user))
        };
        assert_eq!(
            message(check_value(users, Some(&json!([OPT_A, 7])), &Fixture)),
            MSG_RELATION_ITEM_STRING
        );
        assert_eq!(
            message(check_value(users, Some(&json!([OPT_A, "x"])), &Fixture)),
            "Invalid UUID format: x"
        );
        assert_eq!(
            message(check_value(users, Some(&json!([OPT_A, OPT_A])), &Fixture)),
            MSG_NOT_MEMBERS
        );
        assert_eq!(
            message(check_value(users, Some(&json!([OPT_A, OPT_B])), &Fixture)),
            MSG_NOT_MEMBERS
        );
        assert_eq!(
            check_value(users, Some(&json!(OPT_A)), &Fixture).unwrap(),
            CheckedValue::Ids(vec![OPT_A.into()])
        );
        assert_eq!(
            message(check_value(users, Some(&json!("x")), &Fixture)),
            MSG_RELATION_UUID
        );
        assert_eq!(
            message(check_value(users, Some(&json!(OPT_B)), &Fixture)),
            MSG_NOT_MEMBER,
            "one string: the single value's sentence"
        );
        assert_eq!(
            message(check_value(users, Some(&json!({"a": 1})), &Fixture)),
            MSG_ID_OR_LIST
        );
        let issue = RelationType::Issue;
        let issues = ValueTarget {
            is_multi: true,
            ..target(&relation, Some(&issue))
        };
        assert_eq!(
            message(check_value(issues, Some(&json!([OPT_B, OPT_A])), &Fixture)),
            MSG_NO_WORK_ITEMS
        );
        assert_eq!(
            message(check_value(
                target(&relation, Some(&issue)),
                Some(&json!(true)),
                &Fixture
            )),
            MSG_ID_STRING
        );
    }
}
