//! The property panel's model: the work item, its type's properties (with options), the members
//! USER relations may name, and the current values. Three requests whatever the number of
//! properties: the work item, then its type's schema and all its values side by side.

use crate::client::PlaneClient;
use crate::work_item::WorkItemRef;
use futures_util::future::join;
use plane_inline_core::error::PlaneError;
use plane_inline_core::page::list_items;
use plane_inline_core::property::Property;
use plane_inline_core::schema::TypeSchema;
use plane_inline_core::value::{PropertyValue, StoredValueError, StoredValues, from_stored};
use plane_inline_core::workspace::{Member, WorkItem};
use std::collections::BTreeMap;

/// Everything the panel shows for one work item.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelModel {
    /// The work item.
    pub work_item: WorkItem,
    /// Its type's active properties, in display order, OPTION ones with their active options.
    pub properties: Vec<Property>,
    /// The members USER relations may name (from the schema), by name.
    pub members: Vec<Member>,
    /// The current values, by property id; unset properties are absent.
    pub values: BTreeMap<String, PropertyValue>,
    /// Stored values that do not read as their property's type (shown as a warning, not lost).
    pub unreadable: Vec<StoredValueError>,
}

impl PanelModel {
    /// Builds the model from the three answers.
    pub fn new(work_item: WorkItem, schema: &TypeSchema, stored: &[StoredValues]) -> Self {
        let properties = schema.properties();
        let mut members: Vec<Member> = Vec::new();
        for field in schema.custom_fields.values() {
            for member in field.members() {
                if !members.iter().any(|m| m.id == member.id) {
                    members.push(member);
                }
            }
        }
        members.sort_by_key(Member::label);
        let mut values = BTreeMap::new();
        let mut unreadable = Vec::new();
        for entry in stored {
            let Some(property) = properties.iter().find(|p| p.id == entry.property_id) else {
                continue; // inactive or foreign properties are not shown
            };
            match from_stored(property, &entry.values) {
                Ok(Some(value)) => {
                    values.insert(property.id.clone(), value);
                }
                Ok(None) => {}
                Err(error) => unreadable.push(error),
            }
        }
        Self {
            work_item,
            properties,
            members,
            values,
            unreadable,
        }
    }

    /// A property by id.
    pub fn property(&self, property_id: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.id == property_id)
    }

    /// A property's current value.
    pub fn value(&self, property_id: &str) -> Option<&PropertyValue> {
        self.values.get(property_id)
    }
}

impl PlaneClient {
    /// Loads the panel model of a work item in three requests.
    pub async fn load_panel(&self, item: &WorkItemRef) -> Result<PanelModel, PlaneError> {
        let work_item = self.work_item(item).await?;
        let schema = self.read_json::<TypeSchema>(
            self.api()
                .type_schema(&work_item.project, work_item.type_id.as_deref()),
        );
        let values = async {
            let response = self
                .read(self.api().all_values(&work_item.project, &work_item.id))
                .await?;
            list_items::<StoredValues>(&response.body)
        };
        let (schema, values) = join(schema, values).await;
        Ok(PanelModel::new(work_item.clone(), &schema?, &values?))
    }
}
