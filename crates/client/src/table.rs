//! A table of a project's work items: what it reads once (the project, its types with their
//! properties, the members), one page of rows at a time, and one row's values. The definitions
//! are the panel's (with its workspace-mode fallback), read once per type and client and kept;
//! the project's facts and the members are the ones panels keep; the workspace's projects list
//! (to find a project by its identifier) is read once per client and kept.
//!
//! Costs, once the project's facts and the members are known: the table, one definitions read
//! per type; a page, one request; a row's values, one request (the all-values list), plus in a
//! workspace that manages types at workspace level the work item (for its type) and each value
//! the list leaves out.

use crate::client::PlaneClient;
use crate::listing::{ListOptions, refused};
use crate::panel::{Definitions, shown_properties, typed_values};
use futures_util::future::{join, join_all};
use futures_util::{FutureExt, TryStreamExt};
use plane_inline_core::cursor::Cursor;
use plane_inline_core::error::PlaneError;
use plane_inline_core::page::{ListPage, PageRead, read_page};
use plane_inline_core::property::{Property, RelationType};
use plane_inline_core::value::{PropertyValue, StoredValueError};
use plane_inline_core::web_url::Identifier;
use plane_inline_core::work_item::WorkItemRef;
use plane_inline_core::workspace::{Access, ListedWorkItem, Member, Project, WorkItemType};
use std::collections::BTreeMap;

/// One work item type of a table, with the properties it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeProperties {
    /// The type.
    pub work_item_type: WorkItemType,
    /// Its active properties, in Plane's order, OPTION ones with their options in order.
    pub properties: Vec<Property>,
}

/// What a table of a project reads once.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectTable {
    /// The project.
    pub project: Project,
    /// Its active types that have a values API (epic types are left out), in Plane's order.
    pub types: Vec<TypeProperties>,
    /// The members USER relations may name (read only when a property names them), by name.
    pub members: Vec<Member>,
    /// What the key's owner may do with the values.
    pub access: Access,
}

/// One row's values as read.
#[derive(Debug, Clone, PartialEq)]
pub struct RowRead {
    /// The current values, by property id; unset properties are absent.
    pub values: BTreeMap<String, PropertyValue>,
    /// Stored values that do not read as their property's type.
    pub unreadable: Vec<StoredValueError>,
}

impl PlaneClient {
    /// The project whose work items' identifier prefix is `identifier` (`DEMO`; `demo` is read
    /// as Plane writes identifiers, upper case), from the workspace's projects list (only their
    /// [`Project::LIST_FIELDS`]; read once per client and kept); `None` when the key sees no
    /// such project.
    pub async fn project_by_identifier(
        &self,
        identifier: &str,
    ) -> Result<Option<Project>, PlaneError> {
        let client = self.clone();
        let projects = self
            .cache()
            .project_list
            .get(self.workspace(), || {
                async move {
                    let options = ListOptions {
                        fields: Project::LIST_FIELDS.map(String::from).to_vec(),
                        ..ListOptions::default()
                    };
                    let path = client.api().projects_path();
                    client.list::<Project>(path, &options).try_collect().await
                }
                .boxed_local()
            })
            .await?;
        // As Plane writes identifiers: upper case, Turkish capitals kept.
        let wanted = format!("{}-1", identifier.trim()).parse::<Identifier>();
        let Ok(Identifier {
            project: wanted, ..
        }) = wanted
        else {
            return Ok(None);
        };
        Ok(projects.into_iter().find(|p| p.identifier == wanted))
    }

    /// What a table of the project `project_id` reads once: its facts (kept), each active
    /// non-epic type's definitions (kept), and the members when a property names them (kept).
    pub async fn project_table(&self, project_id: &str) -> Result<ProjectTable, PlaneError> {
        let (project, shown) = self.table_types(project_id).await?;
        let types: Vec<TypeProperties> = shown
            .into_iter()
            .map(|(work_item_type, definitions)| TypeProperties {
                work_item_type,
                properties: shown_properties(definitions.properties),
            })
            .collect();
        let names_members = types.iter().any(|t| {
            t.properties
                .iter()
                .any(|p| p.relation_type == Some(RelationType::User))
        });
        let mut members = if names_members {
            self.known_members().await?
        } else {
            Vec::new()
        };
        members.sort_by_key(Member::label);
        Ok(ProjectTable {
            access: project.access(),
            project,
            types,
            members,
        })
    }

    /// A project (its facts, kept) and its active non-epic types with their kept definitions,
    /// in Plane's order.
    async fn table_types(
        &self,
        project_id: &str,
    ) -> Result<(Project, Vec<(WorkItemType, Definitions)>), PlaneError> {
        let facts = self.project_facts(project_id).await?;
        let shown: Vec<WorkItemType> = facts
            .types
            .into_iter()
            .filter(|t| t.is_active && !t.is_epic)
            .collect();
        let reads = shown
            .iter()
            .map(|t| self.known_definitions(project_id, &t.id));
        let definitions = join_all(reads).await;
        let types = shown
            .into_iter()
            .zip(definitions)
            .map(|(t, d)| Ok((t, d?)))
            .collect::<Result<_, PlaneError>>()?;
        Ok((facts.project, types))
    }

    /// A type's definitions (the panel's, with its workspace-mode fallback), read once per
    /// client and kept.
    pub(crate) async fn known_definitions(
        &self,
        project_id: &str,
        type_id: &str,
    ) -> Result<Definitions, PlaneError> {
        let key = format!("{}/{project_id}/{type_id}", self.workspace());
        let client = self.clone();
        let (project_id, type_id) = (project_id.to_owned(), type_id.to_owned());
        self.cache()
            .definitions
            .get(&key, || {
                async move { client.definitions(&project_id, &type_id).await }.boxed_local()
            })
            .await
    }

    /// One page of a project's work items, from `at` (one request): only the fields a table
    /// shows ([`ListedWorkItem::FIELDS`]), in Plane's order.
    pub async fn work_items_page(
        &self,
        project_id: &str,
        at: Cursor,
    ) -> Result<PageRead<ListedWorkItem>, PlaneError> {
        let page = ListPage::new(at, &ListedWorkItem::FIELDS).map_err(|e| refused(&e))?;
        let request = self.api().work_item_list(project_id, page);
        let response = self.read(request).await?;
        read_page(at, &response)
    }

    /// One work item's values, typed with its project's kept definitions (read now if no table
    /// of the project read them yet): the all-values list, one request; in a workspace that
    /// manages types at workspace level also the work item (for its type) and the values the
    /// list left out, each on its own, as the panel reads them.
    pub async fn row_values(
        &self,
        project_id: &str,
        work_item_id: &str,
    ) -> Result<RowRead, PlaneError> {
        let (_, types) = self.table_types(project_id).await?;
        let workspace_owned = types.iter().any(|(_, d)| d.workspace_owned);
        let stored = self.stored_values(project_id, work_item_id);
        let (stored, own) = if workspace_owned {
            let item = WorkItemRef::Id {
                project_id: project_id.to_owned(),
                work_item_id: work_item_id.to_owned(),
            };
            let (stored, item) = join(stored, self.work_item(&item)).await;
            (stored?, item?.type_id)
        } else {
            (stored.await?, None)
        };
        let properties: Vec<Property> = types
            .iter()
            .flat_map(|(_, d)| shown_properties(d.properties.clone()))
            .collect();
        let (mut values, unreadable) = typed_values(&properties, &stored);
        let own = own.and_then(|id| types.into_iter().find(|(t, _)| t.id == id));
        if let Some((_, definitions)) = own {
            let left_out = self
                .values_left_out(project_id, work_item_id, &definitions, &stored)
                .await?;
            values.extend(left_out);
        }
        Ok(RowRead { values, unreadable })
    }
}
