//! The property panel's model: the work item, its type's properties (with options and display
//! settings), the members USER relations may name, and the current values. Three requests
//! whatever the number of properties: the work item, then its type's property definitions and all
//! its values side by side. A type with USER relations needs the workspace's members: they are
//! read once per client and kept (a fourth request on the first such panel), as is a project's
//! default type for work items without one.

use crate::client::PlaneClient;
use futures_util::FutureExt;
use futures_util::future::join;
use plane_inline_core::error::PlaneError;
use plane_inline_core::page::list_items;
use plane_inline_core::property::{Property, RelationType};
use plane_inline_core::schema::TypeSchema;
use plane_inline_core::value::{PropertyValue, StoredValueError, StoredValues, from_stored};
use plane_inline_core::work_item::WorkItemRef;
use plane_inline_core::workspace::{Member, WorkItem};
use std::collections::BTreeMap;

/// One work item with its type's properties and their values, as the client loads them (the
/// panel shows their message form, `plane_inline_messages::PanelModel`).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemProperties {
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

impl ItemProperties {
    /// Builds the model from a type schema (its members come with it) and the stored values.
    pub fn new(work_item: WorkItem, schema: &TypeSchema, stored: &[StoredValues]) -> Self {
        let mut members: Vec<Member> = Vec::new();
        for field in schema.custom_fields.values() {
            for member in field.members() {
                if !members.iter().any(|m| m.id == member.id) {
                    members.push(member);
                }
            }
        }
        Self::from_definitions(work_item, schema.properties(), members, stored)
    }

    /// Builds the model from the type's property definitions (as the properties endpoint
    /// returns them: every setting, inactive ones too), the members and the stored values.
    pub fn from_definitions(
        work_item: WorkItem,
        definitions: Vec<Property>,
        mut members: Vec<Member>,
        stored: &[StoredValues],
    ) -> Self {
        let mut properties: Vec<Property> = definitions
            .into_iter()
            .filter(|p| p.is_active)
            .map(|mut p| {
                p.options.sort_by(|a, b| {
                    let order = |o: &plane_inline_core::property::PropertyOption| {
                        o.sort_order.unwrap_or(f64::MAX)
                    };
                    order(a).total_cmp(&order(b))
                });
                p
            })
            .collect();
        // Plane's display order; the sort is stable, so equal orders keep Plane's.
        properties.sort_by(|a, b| {
            let order = |p: &Property| p.sort_order.unwrap_or(f64::MAX);
            order(a).total_cmp(&order(b))
        });
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
    /// Loads the panel model of a work item in three requests (see the module's notes).
    pub async fn load_panel(&self, item: &WorkItemRef) -> Result<ItemProperties, PlaneError> {
        let work_item = self.work_item(item).await?;
        let type_id = match &work_item.type_id {
            Some(id) => id.clone(),
            None => self.default_type(&work_item.project).await?,
        };
        let definitions = async {
            let response = self
                .read(self.api().properties(&work_item.project, &type_id))
                .await?;
            list_items::<Property>(&response.body)
        };
        let values = async {
            let response = self
                .read(self.api().all_values(&work_item.project, &work_item.id))
                .await?;
            list_items::<StoredValues>(&response.body)
        };
        let (definitions, values) = join(definitions, values).await;
        let definitions = definitions?;
        // Members are read only for a type that names them, once per client.
        let names_members = definitions
            .iter()
            .any(|p| p.is_active && p.relation_type == Some(RelationType::User));
        let members = if names_members {
            self.known_members().await?
        } else {
            Vec::new()
        };
        Ok(ItemProperties::from_definitions(
            work_item.clone(),
            definitions,
            members,
            &values?,
        ))
    }

    /// The workspace's members, read once per client (and kept for its clones); panels that
    /// ask while the read is on its way share it.
    pub async fn known_members(&self) -> Result<Vec<Member>, PlaneError> {
        let key = self.workspace().to_owned();
        let known = self.cache().members.borrow().get(&key).cloned();
        let read = match known {
            Some(read) => read,
            None => {
                let client = self.clone();
                let read = async move { client.members().await }.boxed_local().shared();
                self.cache()
                    .members
                    .borrow_mut()
                    .insert(key.clone(), read.clone());
                read
            }
        };
        let members = read.await;
        if members.is_err() {
            // A failed read is not kept: the next panel asks again.
            self.cache().members.borrow_mut().remove(&key);
        }
        members
    }

    /// The project's default work item type (kept once read).
    async fn default_type(&self, project_id: &str) -> Result<String, PlaneError> {
        let key = format!("{}/{project_id}", self.workspace());
        if let Some(id) = self.cache().default_types.borrow().get(&key) {
            return Ok(id.clone());
        }
        let types = self.work_item_types(project_id).await?;
        let chosen = types
            .iter()
            .find(|t| t.is_default)
            .or_else(|| types.first())
            .map(|t| t.id.clone())
            .ok_or_else(|| PlaneError::NotFound {
                message: "This project has no work item types".into(),
            })?;
        self.cache()
            .default_types
            .borrow_mut()
            .insert(key, chosen.clone());
        Ok(chosen)
    }
}
