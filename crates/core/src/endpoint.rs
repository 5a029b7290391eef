//! Plane's v1 endpoints as one typed model. [`Endpoint::path`] is the only place where their paths
//! are written; [`crate::api::Api`] builds every request from an endpoint and the request keeps
//! it, so whoever executes or watches a request (the client's scheduler, its subscribers) matches
//! on `Endpoint::Value { property, .. }` instead of on a path. The proxy's allow-list parses
//! browser requests into the same model and has core rebuild them.

use crate::api::PathStyle;
use crate::http::{Method, encode_component};
use crate::page::ListPage;
use crate::web_url::Identifier;

/// One endpoint of Plane's API v1 that Plane Inline uses, with its parts.
#[derive(Debug, Clone, PartialEq)]
pub enum Endpoint {
    /// `GET users/me/`: who the key belongs to (the connection check).
    Me,
    /// `GET members/`: the workspace's members.
    Members,
    /// `GET projects/`: one page of the workspace's projects.
    ProjectList {
        /// Which page, and the fields its items carry.
        page: ListPage,
    },
    /// `GET projects/{p}/work-items/`: one page of a project's work items.
    WorkItemList {
        /// The project id.
        project: String,
        /// Which page, and the fields its items carry.
        page: ListPage,
    },
    /// `GET projects/{p}/`: one project.
    Project {
        /// The project id.
        project: String,
    },
    /// `GET work-items/{PROJ-123}/`: a work item by its identifier.
    WorkItemByIdentifier {
        /// `PROJ-123`.
        identifier: Identifier,
        /// `/work-items/` or the legacy `/issues/`.
        style: PathStyle,
    },
    /// `GET work-items/search/`: the work item picker.
    Search {
        /// The search text.
        search: String,
        /// The project to search in (`None`: the whole workspace).
        project: Option<String>,
        /// The page size (1 to 100).
        limit: u32,
    },
    /// `GET projects/{p}/work-items/{id}/`: a work item by its id.
    WorkItem {
        /// The project id.
        project: String,
        /// The work item id.
        work_item: String,
        /// `/work-items/` or the legacy `/issues/`.
        style: PathStyle,
    },
    /// `GET projects/{p}/work-item-types/`: the project's work item types.
    WorkItemTypes {
        /// The project id.
        project: String,
    },
    /// `GET projects/{p}/work-item-types/schema/`: fields, options and members.
    TypeSchema {
        /// The project id.
        project: String,
        /// The work item type, if named.
        type_id: Option<String>,
    },
    /// `GET projects/{p}/work-item-types/{type}/work-item-properties/`: property definitions.
    Properties {
        /// The project id.
        project: String,
        /// The work item type.
        type_id: String,
    },
    /// `GET work-item-types/{type}/properties/`: the ids of the workspace properties linked to a
    /// workspace-level type (Enterprise Grid's workspace mode), a bare array of UUIDs.
    WorkspaceTypeProperties {
        /// The work item type.
        type_id: String,
    },
    /// `GET work-item-properties/`: every workspace-level property definition.
    WorkspaceProperties,
    /// `GET projects/{p}/work-item-properties/{property}/options/`: every option of a property.
    Options {
        /// The project id.
        project: String,
        /// The property id.
        property: String,
    },
    /// `GET projects/{p}/work-items/{id}/work-item-properties/values/`: every value at once.
    AllValues {
        /// The project id.
        project: String,
        /// The work item id.
        work_item: String,
    },
    /// `GET`, `POST` (upsert), `PATCH` or `DELETE` one property's value.
    Value {
        /// The method.
        method: Method,
        /// The project id.
        project: String,
        /// The work item id.
        work_item: String,
        /// The property id.
        property: String,
    },
}

impl Endpoint {
    /// The endpoint's method.
    pub fn method(&self) -> Method {
        match self {
            Self::Value { method, .. } => *method,
            _ => Method::Get,
        }
    }

    /// Whether the request carries a JSON body (the upsert and the patch of a value).
    pub fn takes_body(&self) -> bool {
        matches!(
            self,
            Self::Value {
                method: Method::Post | Method::Patch,
                ..
            }
        )
    }

    /// Whether this is a write of `property_id`'s value on `work_item_id` (an upsert, a patch
    /// or a clear). Both count: a bulk change writes one property on many work items at once.
    pub fn writes_value_of(&self, work_item_id: &str, property_id: &str) -> bool {
        matches!(
            self,
            Self::Value { method: Method::Post | Method::Patch | Method::Delete, work_item, property, .. }
                if property == property_id && work_item == work_item_id
        )
    }

    /// The path under the API root, percent-encoded, with its trailing slash, in `workspace`.
    pub fn path(&self, workspace: &str) -> String {
        let ws = format!("/api/v1/workspaces/{}", encode_component(workspace));
        let project = |id: &str| format!("{ws}/projects/{}", encode_component(id));
        let item = |p: &str, w: &str| format!("{}/work-items/{}", project(p), encode_component(w));
        match self {
            Self::Me => "/api/v1/users/me/".to_owned(),
            Self::Members => format!("{ws}/members/"),
            Self::ProjectList { .. } => format!("{ws}/projects/"),
            Self::WorkItemList { project: p, .. } => format!("{}/work-items/", project(p)),
            Self::Project { project: p } => format!("{}/", project(p)),
            Self::WorkItemByIdentifier { identifier, style } => format!(
                "{ws}/{}/{}/",
                style.items(),
                encode_component(&identifier.to_string())
            ),
            Self::Search { .. } => format!("{ws}/work-items/search/"),
            Self::WorkItem {
                project: p,
                work_item,
                style,
            } => format!(
                "{}/{}/{}/",
                project(p),
                style.items(),
                encode_component(work_item)
            ),
            Self::WorkItemTypes { project: p } => format!("{}/work-item-types/", project(p)),
            Self::TypeSchema { project: p, .. } => {
                format!("{}/work-item-types/schema/", project(p))
            }
            Self::Properties {
                project: p,
                type_id,
            } => format!(
                "{}/work-item-types/{}/work-item-properties/",
                project(p),
                encode_component(type_id)
            ),
            Self::WorkspaceTypeProperties { type_id } => format!(
                "{ws}/work-item-types/{}/properties/",
                encode_component(type_id)
            ),
            Self::WorkspaceProperties => format!("{ws}/work-item-properties/"),
            Self::Options {
                project: p,
                property,
            } => format!(
                "{}/work-item-properties/{}/options/",
                project(p),
                encode_component(property)
            ),
            Self::AllValues {
                project: p,
                work_item,
            } => format!("{}/work-item-properties/values/", item(p, work_item)),
            Self::Value {
                project: p,
                work_item,
                property,
                ..
            } => format!(
                "{}/work-item-properties/{}/values/",
                item(p, work_item),
                encode_component(property)
            ),
        }
    }

    /// The query parameters, in the order Plane's own clients send them.
    pub fn query(&self) -> Vec<(String, String)> {
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        match self {
            Self::Search {
                search,
                project,
                limit,
            } => {
                let mut query = vec![
                    pair("search", search),
                    pair("limit", &limit.clamp(&1, &100).to_string()),
                ];
                match project {
                    Some(project) => {
                        query.push(pair("project_id", project));
                        query.push(pair("workspace_search", "false"));
                    }
                    None => query.push(pair("workspace_search", "true")),
                }
                query
            }
            Self::TypeSchema { type_id, .. } => {
                let mut query = Vec::new();
                if let Some(type_id) = type_id {
                    query.push(pair("type_id", type_id));
                }
                query.push(pair("include", "members"));
                query
            }
            Self::ProjectList { page } | Self::WorkItemList { page, .. } => page.query(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_writes_are_told_apart_from_reads_other_properties_and_other_work_items() {
        let value = |method| Endpoint::Value {
            method,
            project: "p".into(),
            work_item: "w".into(),
            property: "x".into(),
        };
        assert!(value(Method::Post).writes_value_of("w", "x"));
        assert!(value(Method::Delete).writes_value_of("w", "x"));
        assert!(!value(Method::Get).writes_value_of("w", "x"));
        assert!(!value(Method::Post).writes_value_of("w", "y"));
        assert!(!value(Method::Post).writes_value_of("v", "x"));
        assert!(
            !Endpoint::AllValues {
                project: "p".into(),
                work_item: "w".into()
            }
            .writes_value_of("w", "x")
        );
        assert_eq!(value(Method::Delete).method(), Method::Delete);
        assert!(value(Method::Post).takes_body() && !value(Method::Delete).takes_body());
    }

    #[test]
    fn ids_are_percent_encoded_in_paths() {
        let endpoint = Endpoint::Value {
            method: Method::Get,
            project: "p/1".into(),
            work_item: "w?".into(),
            property: "x#".into(),
        };
        assert_eq!(
            endpoint.path("a b"),
            "/api/v1/workspaces/a%20b/projects/p%2F1/work-items/w%3F/work-item-properties/x%23/values/"
        );
    }
}
