//! The property panel's model: the work item, its type's properties (with options and display
//! settings), the members USER relations may name, the current values, and what the key's owner
//! may do with them. Three requests whatever the number of properties: the work item, then its
//! type's property definitions and all its values side by side. Read once per client and kept:
//! a project's facts (the owner's role and the project's types, two requests on its first
//! panel) and, for a type with USER relations, the workspace's members.
//!
//! Where Plane's API cannot serve a work item's properties, nothing more is asked
//! ([`Unavailable`]): an epic (v1's value endpoints leave epic types out), or a work item without
//! a type (the all-values list filters on the item's own type, so values saved under the
//! project's default type would not come back; from reading Plane's code).
//!
//! In a workspace that manages types at workspace level (Enterprise Grid), the project's
//! type-scoped definitions and all-values lists leave workspace-owned properties out. The panel
//! then reads the type's links and the workspace's definitions (as Plane's MCP server does, in
//! `plane_mcp/tools/workitem_property.py`), and each value the list left out on its own.

use crate::client::PlaneClient;
use futures_util::FutureExt;
use futures_util::future::join;
use plane_inline_core::error::PlaneError;
use plane_inline_core::page::list_items;
use plane_inline_core::property::{Property, RelationType};
use plane_inline_core::schema::TypeSchema;
use plane_inline_core::value::{PropertyValue, StoredValueError, StoredValues, from_stored};
use plane_inline_core::work_item::WorkItemRef;
use plane_inline_core::workspace::{Access, Member, Project, WorkItem, WorkItemType};
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
    /// What the key's owner may do with the values.
    pub access: Access,
    /// Why Plane's API cannot serve this work item's properties (nothing else was read).
    pub unavailable: Option<Unavailable>,
}

/// Why Plane's API cannot serve a work item's properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// An epic: v1 has no values API for epic types.
    Epic,
    /// A work item without a type: values would not come back from the all-values list.
    Untyped,
}

/// What panels need of a project, read once: the key owner's role and the project's types.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectFacts {
    /// The project (its `member_role`).
    pub project: Project,
    /// Its work item types, epic types too.
    pub types: Vec<WorkItemType>,
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
        let properties = shown_properties(definitions);
        members.sort_by_key(Member::label);
        let (values, unreadable) = typed_values(&properties, stored);
        Self {
            work_item,
            properties,
            members,
            values,
            unreadable,
            access: Access::Edit,
            unavailable: None,
        }
    }

    /// A work item whose properties Plane's API cannot serve.
    pub fn unavailable(work_item: WorkItem, why: Unavailable) -> Self {
        Self {
            unavailable: Some(why),
            ..Self::from_definitions(work_item, Vec::new(), Vec::new(), &[])
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

/// The properties a panel or a table shows of a type's definitions (as the properties endpoint
/// returns them: every setting, inactive ones too): the active ones in Plane's display order,
/// OPTION ones with their options in Plane's order.
pub fn shown_properties(definitions: Vec<Property>) -> Vec<Property> {
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
    properties
}

/// The stored values (the all-values list) of `properties`, typed; those of other properties
/// (inactive, another type's) are left out, and those that do not read as their property's
/// type are set apart.
pub(crate) fn typed_values(
    properties: &[Property],
    stored: &[StoredValues],
) -> (BTreeMap<String, PropertyValue>, Vec<StoredValueError>) {
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
    (values, unreadable)
}

/// A type's property definitions, as the properties endpoint returns them (inactive ones too).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Definitions {
    /// The definitions.
    pub(crate) properties: Vec<Property>,
    /// Whether they are the workspace's (a workspace that manages types at workspace level):
    /// the all-values list leaves their values out.
    pub(crate) workspace_owned: bool,
}

impl PlaneClient {
    /// Loads the panel model of a work item (see the module's notes for the requests).
    pub async fn load_panel(&self, item: &WorkItemRef) -> Result<ItemProperties, PlaneError> {
        let work_item = self.work_item(item).await?;
        // The project's facts first: a plan without custom properties answers them with 402.
        let facts = self.project_facts(&work_item.project).await?;
        let Some(type_id) = work_item.type_id.clone() else {
            return Ok(ItemProperties::unavailable(work_item, Unavailable::Untyped));
        };
        if facts.types.iter().any(|t| t.id == type_id && t.is_epic) {
            return Ok(ItemProperties::unavailable(work_item, Unavailable::Epic));
        }
        let definitions = self.definitions(&work_item.project, &type_id);
        let values = self.stored_values(&work_item.project, &work_item.id);
        let (definitions, values) = join(definitions, values).await;
        let (definitions, values) = (definitions?, values?);
        let left_out = self
            .values_left_out(&work_item.project, &work_item.id, &definitions, &values)
            .await?;
        let definitions = definitions.properties;
        // Members are read only for a type that names them, once per client.
        let names_members = definitions
            .iter()
            .any(|p| p.is_active && p.relation_type == Some(RelationType::User));
        let members = if names_members {
            self.known_members().await?
        } else {
            Vec::new()
        };
        let mut loaded = ItemProperties::from_definitions(work_item, definitions, members, &values);
        loaded.values.extend(left_out);
        loaded.access = facts.project.access();
        Ok(loaded)
    }

    /// The workspace's members, read once per client (and kept for its clones); panels that
    /// ask while the read is on its way share it.
    pub async fn known_members(&self) -> Result<Vec<Member>, PlaneError> {
        let client = self.clone();
        self.cache()
            .members
            .get(self.workspace(), || {
                async move { client.members().await }.boxed_local()
            })
            .await
    }

    /// A project's facts (the key owner's role, the types), read once per client: two requests
    /// side by side.
    pub async fn project_facts(&self, project_id: &str) -> Result<ProjectFacts, PlaneError> {
        let key = format!("{}/{project_id}", self.workspace());
        let client = self.clone();
        let project_id = project_id.to_owned();
        self.cache()
            .projects
            .get(&key, || {
                async move {
                    let project =
                        client.read_json::<Project>(client.api().project_detail(&project_id));
                    let types = client.work_item_types(&project_id);
                    let (project, types) = join(project, types).await;
                    Ok(ProjectFacts {
                        project: project?,
                        types: types?,
                    })
                }
                .boxed_local()
            })
            .await
    }

    /// A project's facts if they have been read already (no request).
    pub fn known_project_facts(&self, project_id: &str) -> Option<ProjectFacts> {
        self.cache()
            .projects
            .known(&format!("{}/{project_id}", self.workspace()))
    }

    /// A type's property definitions, read now: the project's, or, when the project lists none
    /// (a workspace that manages types at workspace level), the workspace's linked to the type.
    pub(crate) async fn definitions(
        &self,
        project_id: &str,
        type_id: &str,
    ) -> Result<Definitions, PlaneError> {
        let response = self
            .read(self.api().properties(project_id, type_id))
            .await?;
        let properties = list_items::<Property>(&response.body)?;
        if !properties.is_empty() {
            return Ok(Definitions {
                properties,
                workspace_owned: false,
            });
        }
        Ok(Definitions {
            properties: self.workspace_definitions(type_id).await?,
            workspace_owned: true,
        })
    }

    /// A work item's stored values: the all-values list (one request).
    pub(crate) async fn stored_values(
        &self,
        project_id: &str,
        work_item_id: &str,
    ) -> Result<Vec<StoredValues>, PlaneError> {
        let response = self
            .read(self.api().all_values(project_id, work_item_id))
            .await?;
        list_items::<StoredValues>(&response.body)
    }

    /// The workspace-level properties linked to a workspace-level type (empty when the type
    /// links none): its links, then the workspace's definitions (read once per client).
    async fn workspace_definitions(&self, type_id: &str) -> Result<Vec<Property>, PlaneError> {
        let linked: Vec<String> = self
            .read_json(self.api().workspace_type_properties(type_id))
            .await?;
        if linked.is_empty() {
            return Ok(Vec::new());
        }
        let client = self.clone();
        let everything = self
            .cache()
            .workspace_properties
            .get(self.workspace(), || {
                async move {
                    let response = client.read(client.api().workspace_properties()).await?;
                    list_items::<Property>(&response.body)
                }
                .boxed_local()
            })
            .await?;
        Ok(everything
            .into_iter()
            .filter(|p| linked.contains(&p.id))
            .collect())
    }

    /// The values the all-values list left out, each read on its own (unset ones answer 404
    /// and are left out here too): only of workspace-owned definitions (the list has all the
    /// project's); none, without a request, otherwise.
    pub(crate) async fn values_left_out(
        &self,
        project_id: &str,
        work_item_id: &str,
        definitions: &Definitions,
        listed: &[StoredValues],
    ) -> Result<Vec<(String, PropertyValue)>, PlaneError> {
        if !definitions.workspace_owned {
            return Ok(Vec::new());
        }
        let missing = definitions
            .properties
            .iter()
            .filter(|p| p.is_active && !listed.iter().any(|v| v.property_id == p.id));
        let reads = missing.map(|property| async move {
            let held = self.value(project_id, work_item_id, property).await?;
            Ok::<_, PlaneError>(held.map(|value| (property.id.clone(), value)))
        });
        let found = futures_util::future::join_all(reads).await;
        found.into_iter().filter_map(Result::transpose).collect()
    }
}
