//! Property values: the typed value, Plane's write rules, editor input and stored strings.

mod calendar;
mod email;
mod error;
mod input;
mod payload;
mod record;
mod rules;
mod stored;
mod url;
mod uuid;

pub use calendar::DateTime;
pub use error::ValueError;
pub use input::{Input, format_for_input, parse_input, wants_multiline};
pub use payload::{External, ValuePayload, ValueUpsert, build_value_payload};
pub use record::{StoredValues, ValueRecord, value_records};
pub use rules::validate_value;
pub use stored::{StoredValueError, from_stored};
pub use uuid::canonical_uuid;

use serde_json::Value as Json;

/// A value that Plane's value endpoint accepts for a given property, in its typed form.
#[derive(Debug, Clone, PartialEq)]
pub enum PropertyValue {
    /// TEXT, URL, EMAIL or FILE text (also how FORMULA results are read).
    Text(String),
    /// A DECIMAL number (always finite).
    Decimal(f64),
    /// A BOOLEAN.
    Boolean(bool),
    /// A DATETIME: a real calendar date, optionally with a time of day.
    DateTime(DateTime),
    /// One OPTION or RELATION id, as a canonical lower-case UUID.
    Id(String),
    /// A set of OPTION or RELATION ids (multi properties), canonical and without duplicates.
    Ids(Vec<String>),
}

impl PropertyValue {
    /// The JSON that Plane's per-property value endpoint expects as `value`.
    pub fn to_json(&self) -> Json {
        match self {
            Self::Text(text) => Json::String(text.clone()),
            Self::Decimal(number) => decimal_json(*number),
            Self::Boolean(flag) => Json::Bool(*flag),
            Self::DateTime(date) => Json::String(date.to_string()),
            Self::Id(id) => Json::String(id.clone()),
            Self::Ids(ids) => Json::Array(ids.iter().cloned().map(Json::String).collect()),
        }
    }
}

/// Whole numbers go out as JSON integers (`3`, not `3.0`); others as floats.
fn decimal_json(number: f64) -> Json {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: every whole number below is exact.
    if number.fract() == 0.0
        && number.abs() < EXACT
        && !(number == 0.0 && number.is_sign_negative())
    {
        #[allow(clippy::cast_possible_truncation)]
        return Json::from(number as i64);
    }
    serde_json::Number::from_f64(number).map_or(Json::Null, Json::Number)
}
