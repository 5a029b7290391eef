//! The panel model as it travels: the work item, its type's properties, the members USER
//! relations may name, the current values as Plane's JSON, and stored values that do not read.

use plane_inline_core::property::Property;
use plane_inline_core::value::{Input, PropertyValue, validate_value};
use plane_inline_core::workspace::{Access, Member, WorkItem};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A stored value that does not read as its property's type: shown as a warning with the raw
/// value, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    /// The property's display name.
    pub property: String,
    /// The type it should have.
    pub kind: String,
    /// The stored text.
    pub value: String,
}

/// Everything a panel shows for one work item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PanelModel {
    /// The work item.
    pub work_item: WorkItem,
    /// Its identifier as people read it (`WEB-12`), when known.
    pub identifier: Option<String>,
    /// Its page in Plane's web app, when the app's address is known.
    pub web_url: Option<String>,
    /// Its type's active properties, in Plane's order, OPTION ones with their options.
    pub properties: Vec<Property>,
    /// The members USER relations may name.
    pub members: Vec<Member>,
    /// Current values by property id, as Plane's value endpoint takes them.
    pub values: BTreeMap<String, Json>,
    /// Stored values that do not read as their property's type.
    pub unreadable: Vec<Unreadable>,
    /// What the key's owner may do with the values (older messages say nothing: edit).
    #[serde(default)]
    pub access: Access,
}

impl PanelModel {
    /// A property by id.
    pub fn property(&self, property_id: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.id == property_id)
    }

    /// A property's current value, checked again with core (the model may have crossed a
    /// message channel); `None` when unset or not a value Plane would hold.
    pub fn value(&self, property_id: &str) -> Option<PropertyValue> {
        let property = self.property(property_id)?;
        shown_value(property, self.values.get(property_id)?)
    }

    /// A member by id.
    pub fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }
}

/// The typed form of a value as shown: core's rules for the kinds Plane's value endpoint writes;
/// the text as it is for the kinds it does not (FORMULA, RELEASE and unknown kinds are refused by
/// core's rules, yet Plane holds text for them). `None` when the value is not one Plane would hold.
pub fn shown_value(property: &Property, json: &Json) -> Option<PropertyValue> {
    match (validate_value(property, json), json) {
        (Ok(Input::Set(value)), _) => Some(value),
        (Ok(Input::Clear), _) => None,
        (Err(_), Json::String(text)) if !property.is_writable() => {
            Some(PropertyValue::Text(text.clone()))
        }
        _ => None,
    }
}
