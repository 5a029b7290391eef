//! A work item type's schema (`work-item-types/schema/`): its custom fields with their options
//! and, with `include=members`, the members a USER relation may point at.

use crate::property::{Property, PropertyOption, PropertyType, RelationType, Settings};
use crate::workspace::Member;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema of one work item type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypeSchema {
    /// Custom fields keyed `custom_field_<name>`.
    #[serde(default)]
    pub custom_fields: BTreeMap<String, SchemaField>,
    /// Standard fields and anything else the server adds, kept as sent.
    #[serde(flatten)]
    pub rest: serde_json::Map<String, serde_json::Value>,
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
            })
            .collect()
    }
}

impl TypeSchema {
    /// The custom fields as properties, in display order (sort order, then name).
    pub fn properties(&self) -> Vec<Property> {
        let mut properties: Vec<Property> = self
            .custom_fields
            .values()
            .map(SchemaField::to_property)
            .collect();
        properties.sort_by(|a, b| {
            let order = |p: &Property| p.sort_order.unwrap_or(f64::MAX);
            order(a)
                .total_cmp(&order(b))
                .then_with(|| a.display_name.cmp(&b.display_name))
        });
        properties
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
        let owner = &schema.custom_fields["custom_field_owner"];
        assert_eq!(owner.members()[0].label(), "Ada L");
        assert!(owner.to_property().options.is_empty());
        assert_eq!(schema.rest["name"], json!("Task"));
    }
}
