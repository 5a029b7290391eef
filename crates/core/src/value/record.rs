//! Value objects as the value endpoints return them.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// One stored value (`GET/POST/PATCH .../values/`); multi properties return a list of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValueRecord {
    /// The value row's UUID.
    #[serde(default)]
    pub id: Option<String>,
    /// The property's UUID.
    #[serde(default)]
    pub property_id: Option<String>,
    /// The work item's UUID.
    #[serde(default)]
    pub issue_id: Option<String>,
    /// The typed value.
    pub value: Json,
    /// The property's type name.
    #[serde(default)]
    pub value_type: Option<String>,
    /// External system id.
    #[serde(default)]
    pub external_id: Option<String>,
    /// External system name.
    #[serde(default)]
    pub external_source: Option<String>,
}

/// One entry of the all-values endpoint: `{property_id, values: [strings]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredValues {
    /// The property's UUID.
    pub property_id: String,
    /// The values, as strings.
    #[serde(default)]
    pub values: Vec<String>,
}

/// Reads a value endpoint's body: one object, or a list for multi properties.
pub fn value_records(body: &str) -> Result<Vec<ValueRecord>, serde_json::Error> {
    let json: Json = serde_json::from_str(body)?;
    match json {
        Json::Array(_) => serde_json::from_value(json),
        single => Ok(vec![serde_json::from_value(single)?]),
    }
}
