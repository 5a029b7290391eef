//! A work item type's schema (`work-item-types/schema/`): its custom fields with their options
//! and, with `include=members`, the members a USER relation may point at.

use crate::property::{Property, PropertyOption, PropertyType, RelationType, Settings};
use crate::workspace::Member;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The schema of one work item type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSchema {
    /// Custom fields keyed `custom_field_<name>`, in the order Plane sent them (its display
    /// order: the schema carries no `sort_order`).
    #[serde(default)]
    pub custom_fields: CustomFields,
    /// Standard fields and anything else the server adds, kept as sent.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
}

/// A schema's custom fields, in the order of the JSON object Plane sent (a map type would sort
/// them by key, and the key order is the only display order the schema gives).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomFields(pub Vec<(String, SchemaField)>);

impl CustomFields {
    /// The fields, in Plane's order.
    pub fn values(&self) -> impl Iterator<Item = &SchemaField> {
        self.0.iter().map(|(_, field)| field)
    }

    /// A field by its key (`custom_field_<name>`).
    pub fn get(&self, key: &str) -> Option<&SchemaField> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, field)| field)
    }
}

impl Serialize for CustomFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, field) in &self.0 {
            map.serialize_entry(key, field)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for CustomFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder;
        impl<'de> Visitor<'de> for InOrder {
            type Value = CustomFields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of custom fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CustomFields, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, SchemaField>()? {
                    fields.push(entry);
                }
                Ok(CustomFields(fields))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<CustomFields, E> {
                Ok(CustomFields::default())
            }
        }
        deserializer.deserialize_any(InOrder)
    }
}

/// One custom field of a type schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchemaField {
    /// The property's UUID.
    pub id: String,
    /// The property type.
    #[serde(rename = "type")]
    pub property_type: PropertyType,
    /// The property's slug.
    #[serde(default)]
    pub name: String,
    /// The label shown to people.
    #[serde(default)]
    pub display_name: String,
    /// Help text.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether it is required.
    #[serde(default)]
    pub required: bool,
    /// Whether it holds several values.
    #[serde(default)]
    pub is_multi: bool,
    /// For RELATION fields, what they point at.
    #[serde(default)]
    pub relation_type: Option<RelationType>,
    /// Active options (OPTION) or members (USER relation with `include=members`).
    #[serde(default)]
    pub options: Vec<SchemaOption>,
    /// Display settings, when the server includes them.
    #[serde(default)]
    pub settings: Option<Settings>,
    /// Default values, when the server includes them.
    #[serde(default)]
    pub default_value: Vec<String>,
    /// Display order, when the server includes it.
    #[serde(default)]
    pub sort_order: Option<f64>,
}

/// An option or a member offered by a schema field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchemaOption {
    /// The option's or member's UUID.
    pub id: String,
    /// The option's name.
    #[serde(default)]
    pub name: Option<String>,
    /// A member's display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// A member's given name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// A member's family name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// A member's email.
    #[serde(default)]
    pub email: Option<String>,
    /// A member's avatar.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// Icon settings of an option.
    #[serde(default)]
    pub logo_props: Option<serde_json::Value>,
}

impl SchemaField {
    /// The field as a property definition, so the value rules apply to it.
    pub fn to_property(&self) -> Property {
        let options = if self.property_type == PropertyType::Option {
            self.options
                .iter()
                .map(|o| PropertyOption {
                    id: o.id.clone(),
                    name: o.name.clone().unwrap_or_default(),
                    description: None,
                    is_active: true,
                    is_default: false,
                    sort_order: None,
                    parent: None,
                    property: Some(self.id.clone()),
                    logo_props: o.logo_props.clone(),
                })
                .collect()
        } else {
            Vec::new()
        };
        Property {
            id: self.id.clone(),
            name: self.name.clone(),
            display_name: if self.display_name.is_empty() {
                self.name.clone()
            } else {
                self.display_name.clone()
            },
            description: self.description.clone(),
            property_type: self.property_type.clone(),
            relation_type: self.relation_type.clone(),
            is_required: self.required,
            is_multi: self.is_multi,
            is_active: true,
            default_value: self.default_value.clone(),
            settings: self.settings.clone().unwrap_or_default(),
            options,
            sort_order: self.sort_order,
            issue_type: None,
            project: None,
            validation_rules: None,
        }
    }

    /// The members a USER relation offers (from `include=members`).
    pub fn members(&self) -> Vec<Member> {
        if self.relation_type != Some(RelationType::User) {
            return Vec::new();
        }
        self.options
            .iter()
            .map(|o| Member {
                id: o.id.clone(),
                first_name: o.first_name.clone(),
                last_name: o.last_name.clone(),
                email: o.email.clone(),
                display_name: o.display_name.clone().or_else(|| o.name.clone()),
                avatar_url: o.avatar_url.clone(),
                role: None,
                is_active: None,
                is_bot: None,
            })
            .collect()
    }
}

impl TypeSchema {
    /// The custom fields as properties, in display order: by sort order where one is given,
    /// else in the order Plane sent them (the sort is stable).
    pub fn properties(&self) -> Vec<Property> {
        let mut properties: Vec<Property> = self
            .custom_fields
            .values()
            .map(SchemaField::to_property)
            .collect();
        properties.sort_by(|a, b| {
            let order = |p: &Property| p.sort_order.unwrap_or(f64::MAX);
            order(a).total_cmp(&order(b))
        });
        properties
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn properties_keep_the_order_plane_sent() {
        let schema: TypeSchema = serde_json::from_str(
            r#"{"custom_fields": {
                "custom_field_zeta": {"id": "z", "type": "TEXT", "display_name": "Zeta"},
                "custom_field_alpha": {"id": "a", "type": "BOOLEAN", "display_name": "Alpha"},
                "custom_field_mid": {"id": "m", "type": "DECIMAL", "display_name": "Mid"}
            }}"#,
        )
        .unwrap();
        let names: Vec<String> = schema
            .properties()
            .into_iter()
            .map(|p| p.display_name)
            .collect();
        assert_eq!(names, ["Zeta", "Alpha", "Mid"]);
        let again = serde_json::to_string(&schema.custom_fields).unwrap();
        assert!(again.find("zeta").unwrap() < again.find("alpha").unwrap());
    }

    #[test]
    fn reads_a_schema_with_options_and_members() {
        let schema: TypeSchema = serde_json::from_value(json!({
            "id": "t1", "name": "Task",
            "state": {"options": []},
            "custom_fields": {
                "custom_field_priority": {
                    "id": "p1", "type": "OPTION", "name": "priority", "display_name": "Priority",
                    "description": null, "required": true, "is_multi": false,
                    "options": [{"id": "o1", "name": "High", "logo_props": {}}]
                },
                "custom_field_owner": {
                    "id": "p2", "type": "RELATION", "relation_type": "USER", "name": "owner",
                    "display_name": "Owner", "required": false, "is_multi": true,
                    "options": [{"id": "u1", "display_name": "ada", "first_name": "Ada", "last_name": "L", "email": "ada@x.io"}]
                }
            }
        }))
        .unwrap();
        let props = schema.properties();
        assert_eq!(props.len(), 2);
        let priority = props.iter().find(|p| p.name == "priority").unwrap();
        assert!(priority.is_required && priority.option("o1").is_some());
        let owner = &schema.custom_fields.get("custom_field_owner").unwrap();
        assert_eq!(owner.members()[0].label(), "Ada L");
        assert!(owner.to_property().options.is_empty());
        assert_eq!(schema.rest["name"], json!("Task"));
    }
}
