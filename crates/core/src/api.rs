//! Request descriptions for every Plane v1 endpoint Plane Inline uses (plane-api.md 1 and 4),
//! built from [`Endpoint`]s in one workspace with one key.

use crate::endpoint::Endpoint;
use crate::error::PlaneError;
use crate::http::{ApiKey, Method, Request, encode_component};
use crate::page::ListPage;
use crate::value::ValuePayload;
use crate::web_url::Identifier;

/// Which path family an instance serves: current `/work-items/` or legacy `/issues/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PathStyle {
    /// `/work-items/` and `/work-item-types/` (current).
    #[default]
    WorkItems,
    /// `/issues/` (older self-hosted instances serve only these).
    Issues,
}

impl PathStyle {
    /// The path segment of the family.
    pub(crate) fn items(self) -> &'static str {
        match self {
            Self::WorkItems => "work-items",
            Self::Issues => "issues",
        }
    }
}

/// Whether a failed `/work-items/` request should be retried with the legacy `/issues/` path:
/// the instance answered 404 "Page not found." for a route it does not have.
pub fn should_fall_back(error: &PlaneError) -> bool {
    matches!(error, PlaneError::RouteNotFound)
}

/// Builds requests for one workspace, signed with an optional API key (a proxy may add it).
#[derive(Debug, Clone)]
pub struct Api {
    workspace: String,
    key: Option<ApiKey>,
}

impl Api {
    /// Requests for the workspace `slug`.
    pub fn new(slug: &str, key: Option<ApiKey>) -> Self {
        Self {
            workspace: slug.to_owned(),
            key,
        }
    }

    /// The workspace slug.
    pub fn workspace(&self) -> &str {
        &self.workspace
    }

    /// The request for `endpoint` in this workspace, signed, keeping its endpoint; `payload` is
    /// the body of an upsert or patch and is ignored by every other endpoint.
    pub fn request(&self, endpoint: Endpoint, payload: Option<&ValuePayload>) -> Request {
        let mut request = Request::new(endpoint.method(), endpoint.path(&self.workspace))
            .with_api_key(self.key.as_ref());
        for (name, value) in endpoint.query() {
            request = request.query(&name, value);
        }
        if let (true, Some(payload)) = (endpoint.takes_body(), payload) {
            request = request.json(serde_json::to_value(payload).unwrap_or_default());
        }
        request.for_endpoint(endpoint)
    }

    fn value(&self, method: Method, project: &str, work_item: &str, property: &str) -> Endpoint {
        Endpoint::Value {
            method,
            project: project.to_owned(),
            work_item: work_item.to_owned(),
            property: property.to_owned(),
        }
    }

    /// `GET /api/v1/users/me/`: who the key belongs to (the connection check).
    pub fn me(&self) -> Request {
        self.request(Endpoint::Me, None)
    }

    /// The path of the paginated projects list, for a [`crate::page::Paginator`].
    pub fn projects_path(&self) -> String {
        format!(
            "/api/v1/workspaces/{}/projects/",
            encode_component(&self.workspace)
        )
    }

    /// `GET .../projects/?per_page=&cursor=&fields=`: one page of the workspace's projects.
    pub fn project_list(&self, page: ListPage) -> Request {
        self.request(Endpoint::ProjectList { page }, None)
    }

    /// `GET .../projects/{project_id}/work-items/?per_page=&cursor=&fields=`: one page of a
    /// project's work items.
    pub fn work_item_list(&self, project_id: &str, page: ListPage) -> Request {
        let project = project_id.to_owned();
        self.request(Endpoint::WorkItemList { project, page }, None)
    }

    /// `GET .../projects/{project_id}/`.
    pub fn project_detail(&self, project_id: &str) -> Request {
        let project = project_id.to_owned();
        self.request(Endpoint::Project { project }, None)
    }

    /// `GET .../members/`: workspace members (a bare array).
    pub fn members(&self) -> Request {
        self.request(Endpoint::Members, None)
    }

    /// `GET .../work-items/{PROJ}-{N}/` (or `/issues/` in the legacy style).
    pub fn work_item_by_identifier(&self, identifier: &Identifier, style: PathStyle) -> Request {
        let identifier = identifier.clone();
        self.request(Endpoint::WorkItemByIdentifier { identifier, style }, None)
    }

    /// `GET .../projects/{project_id}/work-items/{id}/` (or `/issues/`).
    pub fn work_item(&self, project_id: &str, work_item_id: &str, style: PathStyle) -> Request {
        let endpoint = Endpoint::WorkItem {
            project: project_id.to_owned(),
            work_item: work_item_id.to_owned(),
            style,
        };
        self.request(endpoint, None)
    }

    /// The path of a project's paginated work item list, for a [`crate::page::Paginator`].
    pub fn work_items_path(&self, project_id: &str) -> String {
        format!("{}work-items/", self.project_detail(project_id).path)
    }

    /// `GET .../work-items/search/?search=`, optionally within one project.
    pub fn search_work_items(&self, search: &str, project_id: Option<&str>, limit: u32) -> Request {
        let endpoint = Endpoint::Search {
            search: search.to_owned(),
            project: project_id.map(str::to_owned),
            limit: limit.clamp(1, 100),
        };
        self.request(endpoint, None)
    }

    /// `GET .../work-item-types/`: the project's work item types.
    pub fn work_item_types(&self, project_id: &str) -> Request {
        let project = project_id.to_owned();
        self.request(Endpoint::WorkItemTypes { project }, None)
    }

    /// `GET .../work-item-types/schema/?type_id=&include=members`: fields, options and members.
    pub fn type_schema(&self, project_id: &str, type_id: Option<&str>) -> Request {
        let endpoint = Endpoint::TypeSchema {
            project: project_id.to_owned(),
            type_id: type_id.map(str::to_owned),
        };
        self.request(endpoint, None)
    }

    /// `GET .../work-item-types/{type_id}/work-item-properties/`: full property definitions.
    pub fn properties(&self, project_id: &str, type_id: &str) -> Request {
        let endpoint = Endpoint::Properties {
            project: project_id.to_owned(),
            type_id: type_id.to_owned(),
        };
        self.request(endpoint, None)
    }

    /// `GET /workspaces/{slug}/work-item-types/{type_id}/properties/`: the ids of the workspace
    /// properties linked to a workspace-level type.
    pub fn workspace_type_properties(&self, type_id: &str) -> Request {
        let type_id = type_id.to_owned();
        self.request(Endpoint::WorkspaceTypeProperties { type_id }, None)
    }

    /// `GET /workspaces/{slug}/work-item-properties/`: every workspace-level property.
    pub fn workspace_properties(&self) -> Request {
        self.request(Endpoint::WorkspaceProperties, None)
    }

    /// `GET .../work-item-properties/{property_id}/options/`: every option, inactive ones too.
    pub fn options(&self, project_id: &str, property_id: &str) -> Request {
        let endpoint = Endpoint::Options {
            project: project_id.to_owned(),
            property: property_id.to_owned(),
        };
        self.request(endpoint, None)
    }

    /// `GET .../work-items/{id}/work-item-properties/values/`: every value of a work item at once.
    pub fn all_values(&self, project_id: &str, work_item_id: &str) -> Request {
        let endpoint = Endpoint::AllValues {
            project: project_id.to_owned(),
            work_item: work_item_id.to_owned(),
        };
        self.request(endpoint, None)
    }

    /// `GET` one property's value (a list for multi; 404 when unset).
    pub fn get_value(&self, project_id: &str, work_item_id: &str, property_id: &str) -> Request {
        let endpoint = self.value(Method::Get, project_id, work_item_id, property_id);
        self.request(endpoint, None)
    }

    /// `POST` one property's value: an upsert (201 created, 200 updated); multi replaces the set.
    pub fn upsert_value(
        &self,
        project_id: &str,
        work_item_id: &str,
        property_id: &str,
        payload: &ValuePayload,
    ) -> Request {
        let endpoint = self.value(Method::Post, project_id, work_item_id, property_id);
        self.request(endpoint, Some(payload))
    }

    /// `PATCH` one property's existing value (404 when unset).
    pub fn patch_value(
        &self,
        project_id: &str,
        work_item_id: &str,
        property_id: &str,
        payload: &ValuePayload,
    ) -> Request {
        let endpoint = self.value(Method::Patch, project_id, work_item_id, property_id);
        self.request(endpoint, Some(payload))
    }

    /// `DELETE` one property's value (every value, for multi); 204, or 404 when unset.
    pub fn delete_value(&self, project_id: &str, work_item_id: &str, property_id: &str) -> Request {
        let endpoint = self.value(Method::Delete, project_id, work_item_id, property_id);
        self.request(endpoint, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api() -> Api {
        Api::new("acme", Some(ApiKey::new("plane_api_k")))
    }

    #[test]
    fn every_path_ends_with_a_slash_and_carries_the_key() {
        let a = api();
        let id: Identifier = "WEB-12".parse().unwrap();
        let payload = ValuePayload {
            value: json!(1),
            external_id: None,
            external_source: None,
        };
        let requests = [
            a.me(),
            a.project_detail("p"),
            a.members(),
            a.work_item_by_identifier(&id, PathStyle::WorkItems),
            a.work_item("p", "w", PathStyle::Issues),
            a.search_work_items("bug", None, 10),
            a.work_item_types("p"),
            a.type_schema("p", Some("t")),
            a.properties("p", "t"),
            a.options("p", "x"),
            a.all_values("p", "w"),
            a.get_value("p", "w", "x"),
            a.upsert_value("p", "w", "x", &payload),
            a.patch_value("p", "w", "x", &payload),
            a.delete_value("p", "w", "x"),
        ];
        for r in &requests {
            assert!(r.path.ends_with('/'), "{}", r.path);
            assert_eq!(r.header("X-API-Key"), Some("plane_api_k"));
        }
    }

    #[test]
    fn paths_match_plane() {
        let a = api();
        let id: Identifier = "WEB-12".parse().unwrap();
        assert_eq!(
            a.work_item_by_identifier(&id, PathStyle::WorkItems).path,
            "/api/v1/workspaces/acme/work-items/WEB-12/"
        );
        assert_eq!(
            a.work_item_by_identifier(&id, PathStyle::Issues).path,
            "/api/v1/workspaces/acme/issues/WEB-12/"
        );
        assert_eq!(
            a.type_schema("p", Some("t")).path_and_query(),
            "/api/v1/workspaces/acme/projects/p/work-item-types/schema/?type_id=t&include=members"
        );
        let payload = ValuePayload {
            value: json!(["a"]),
            external_id: Some("1".into()),
            external_source: Some("s".into()),
        };
        let upsert = a.upsert_value("p", "w", "x", &payload);
        assert_eq!(upsert.method, Method::Post);
        assert_eq!(
            upsert.path,
            "/api/v1/workspaces/acme/projects/p/work-items/w/work-item-properties/x/values/"
        );
        assert_eq!(
            upsert.body,
            Some(json!({"value": ["a"], "external_id": "1", "external_source": "s"}))
        );
        assert_eq!(upsert.header("content-type"), Some("application/json"));
        assert_eq!(a.delete_value("p", "w", "x").body, None);
        let keyless = Api::new("acme", None).me();
        assert_eq!(keyless.header("x-api-key"), None);
    }

    #[test]
    fn falls_back_only_on_missing_routes() {
        assert!(should_fall_back(&PlaneError::RouteNotFound));
        assert!(!should_fall_back(&PlaneError::NotFound {
            message: "Work item not found".into()
        }));
    }
}
