//! The allow-list: which browser requests the proxy forwards, decided from the raw method, path
//! and query alone, before anything reaches Plane.
//!
//! A request is allowed only when it names one of the endpoints the widget uses, in the
//! configured workspace (and project list, if any). The path is taken apart segment by segment:
//! `//`, `.`, `..`, a missing trailing slash, and percent-encoded separators are refused, ids must
//! be plain ids, and unknown query parameters are refused. The request sent upstream is then
//! rebuilt by core (`Api::request`) from the parsed parts, so Plane only ever sees a path the client
//! itself would send.

use percent_encoding::percent_decode_str;
use plane_inline_core::api::PathStyle;
use plane_inline_core::cursor::Cursor;
pub use plane_inline_core::endpoint::Endpoint;
use plane_inline_core::http::Method;
use plane_inline_core::page::ListPage;
use plane_inline_core::web_url::Identifier;
use plane_inline_core::workspace::{ListedWorkItem, Project};
use thiserror::Error;

/// The endpoints the proxy forwards, one line each, for refusal bodies and the README.
pub const ALLOWED: [&str; 18] = [
    "GET /api/v1/users/me/",
    "GET /api/v1/workspaces/{workspace}/members/",
    "GET /api/v1/workspaces/{workspace}/projects/?per_page=&cursor=&fields= (fields among id,name,identifier)",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/work-items/?per_page=&cursor=&fields= (fields among id,name,sequence_id,type_id)",
    "GET /api/v1/workspaces/{workspace}/work-item-types/{type_id}/properties/",
    "GET /api/v1/workspaces/{workspace}/work-item-properties/",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/",
    "GET /api/v1/workspaces/{workspace}/work-items/{PROJ-123}/ (or /issues/{PROJ-123}/)",
    "GET /api/v1/workspaces/{workspace}/work-items/search/?search=&limit=&project_id=&workspace_search=",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/work-items/{work_item_id}/ (or /issues/{work_item_id}/)",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/work-item-types/",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/work-item-types/schema/?type_id=&include=members",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/work-item-types/{type_id}/work-item-properties/",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/work-items/{work_item_id}/work-item-properties/values/",
    "GET /api/v1/workspaces/{workspace}/projects/{project_id}/work-items/{work_item_id}/work-item-properties/{property_id}/values/",
    "POST /api/v1/workspaces/{workspace}/projects/{project_id}/work-items/{work_item_id}/work-item-properties/{property_id}/values/",
    "DELETE /api/v1/workspaces/{workspace}/projects/{project_id}/work-items/{work_item_id}/work-item-properties/{property_id}/values/",
    "OPTIONS (CORS preflight) on any of these",
];

/// The longest id accepted in a path segment (Plane's ids are 36-character UUIDs).
const MAX_ID_LEN: usize = 64;

/// What the proxy serves: one workspace, and optionally only some of its projects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    workspace: String,
    projects: Vec<String>,
}

impl Scope {
    /// The workspace `slug`; every project of it when `projects` is empty, otherwise only those.
    pub fn new(workspace: &str, projects: Vec<String>) -> Self {
        Self {
            workspace: workspace.to_owned(),
            projects,
        }
    }

    /// The workspace slug.
    pub fn workspace(&self) -> &str {
        &self.workspace
    }

    /// Whether requests about project `id` may pass.
    pub fn allows_project(&self, id: &str) -> bool {
        self.projects.is_empty() || self.projects.iter().any(|p| p == id)
    }

    /// Whether only some projects are served.
    pub fn limits_projects(&self) -> bool {
        !self.projects.is_empty()
    }
}

/// Whether, with a project list, Plane's answer must be screened: a read by identifier, a
/// workspace-wide search and the projects list name no project id, so the projects are only
/// known from the answer.
pub fn projects_known_from_answer(endpoint: &Endpoint) -> bool {
    matches!(
        endpoint,
        Endpoint::WorkItemByIdentifier { .. }
            | Endpoint::Search { project: None, .. }
            | Endpoint::ProjectList { .. }
    )
}

/// Why a request is not forwarded. Each message says what was wrong; the refusal body adds the
/// list of what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Refusal {
    /// A method other than GET, POST and DELETE (preflights are answered before this).
    #[error("the method {0} is not forwarded")]
    Method(String),
    /// The path is not under `/api/v1/`.
    #[error("only paths under /api/v1/ are forwarded")]
    NotApi,
    /// The path does not end with `/`, as every Plane API path does.
    #[error("the path must end with a slash")]
    NoTrailingSlash,
    /// `//` in the path.
    #[error("the path must not contain an empty segment (//)")]
    EmptySegment,
    /// A segment that is not valid percent-encoded UTF-8.
    #[error("the path is not valid percent-encoded UTF-8")]
    Encoding,
    /// `.` or `..` (also percent-encoded).
    #[error("the path must not contain . or .. segments")]
    DotSegment,
    /// A path that names no forwarded endpoint (or a method it does not allow).
    #[error("this endpoint is not forwarded")]
    Endpoint,
    /// A workspace other than the configured one.
    #[error("only workspace {allowed:?} is served, not {asked:?}")]
    Workspace {
        /// The configured workspace.
        allowed: String,
        /// The one asked for.
        asked: String,
    },
    /// A project outside the configured list.
    #[error("project {0:?} is not among the projects this proxy serves")]
    Project(String),
    /// An id that is not a plain id (letters, digits, `-`, `_`).
    #[error("{0} is not a valid id")]
    Id(&'static str),
    /// A query parameter the endpoint does not take, or one given twice.
    #[error("query parameter {0:?} is not allowed here")]
    Query(String),
    /// A query parameter with a value the endpoint does not take.
    #[error("query parameter {name:?} must be {expected}")]
    QueryValue {
        /// The parameter.
        name: &'static str,
        /// What it may be.
        expected: &'static str,
    },
}

/// Decides whether `method raw_path?raw_query` may be forwarded in `scope`. With a project list,
/// some answers must then be screened too ([`projects_known_from_answer`]).
pub fn decide(
    scope: &Scope,
    method: &str,
    raw_path: &str,
    raw_query: Option<&str>,
) -> Result<Endpoint, Refusal> {
    let method = match method {
        "GET" => Method::Get,
        "POST" => Method::Post,
        "DELETE" => Method::Delete,
        other => return Err(Refusal::Method(other.to_owned())),
    };
    let segments = segments(raw_path)?;
    let parts: Vec<&str> = segments.iter().map(String::as_str).collect();
    let query = Query::parse(raw_query.unwrap_or(""))?;
    let endpoint = match parts.as_slice() {
        ["users", "me"] => {
            query.allow(&[])?;
            Endpoint::Me
        }
        ["workspaces", workspace, rest @ ..] => {
            if *workspace != scope.workspace {
                return Err(Refusal::Workspace {
                    allowed: scope.workspace.clone(),
                    asked: (*workspace).to_owned(),
                });
            }
            workspace_endpoint(scope, rest, &query)?
        }
        _ => return Err(Refusal::Endpoint),
    };
    // One property's value takes GET, POST and DELETE; every other endpoint is read-only.
    match endpoint {
        Endpoint::Value {
            project,
            work_item,
            property,
            ..
        } => Ok(Endpoint::Value {
            method,
            project,
            work_item,
            property,
        }),
        other if method == Method::Get => Ok(other),
        _ => Err(Refusal::Endpoint),
    }
}

/// The decoded segments after `/api/v1/`, refusing anything a server might read differently.
fn segments(raw_path: &str) -> Result<Vec<String>, Refusal> {
    let rest = raw_path.strip_prefix("/api/v1/").ok_or(Refusal::NotApi)?;
    let rest = rest.strip_suffix('/').ok_or(Refusal::NoTrailingSlash)?;
    rest.split('/')
        .map(|raw| {
            if raw.is_empty() {
                return Err(Refusal::EmptySegment);
            }
            let decoded = percent_decode_str(raw)
                .decode_utf8()
                .map_err(|_| Refusal::Encoding)?;
            if decoded == "." || decoded == ".." {
                return Err(Refusal::DotSegment);
            }
            Ok(decoded.into_owned())
        })
        .collect()
}

/// The endpoints under `/api/v1/workspaces/{workspace}/`.
fn workspace_endpoint(scope: &Scope, rest: &[&str], query: &Query) -> Result<Endpoint, Refusal> {
    let style = |items: &str| match items {
        "work-items" => Some(PathStyle::WorkItems),
        "issues" => Some(PathStyle::Issues),
        _ => None,
    };
    match rest {
        ["members"] => {
            query.allow(&[])?;
            Ok(Endpoint::Members)
        }
        ["work-items", "search"] => search(scope, query),
        ["projects"] => Ok(Endpoint::ProjectList {
            page: list_page(
                query,
                &Project::LIST_FIELDS,
                "among id, name and identifier",
            )?,
        }),
        ["work-item-types", type_id, "properties"] => {
            query.allow(&[])?;
            Ok(Endpoint::WorkspaceTypeProperties {
                type_id: plain_id(type_id, "the work item type id")?,
            })
        }
        ["work-item-properties"] => {
            query.allow(&[])?;
            Ok(Endpoint::WorkspaceProperties)
        }
        [items, identifier] if style(items).is_some() => {
            query.allow(&[])?;
            let identifier: Identifier = identifier.parse().map_err(|_| Refusal::Endpoint)?;
            Ok(Endpoint::WorkItemByIdentifier {
                identifier,
                style: style(items).unwrap_or_default(),
            })
        }
        ["projects", project, rest @ ..] => {
            let project = plain_id(project, "the project id")?;
            if !scope.allows_project(&project) {
                return Err(Refusal::Project(project));
            }
            project_endpoint(project, rest, query, style)
        }
        _ => Err(Refusal::Endpoint),
    }
}

/// The endpoints under `.../projects/{project}/`.
fn project_endpoint(
    project: String,
    rest: &[&str],
    query: &Query,
    style: impl Fn(&str) -> Option<PathStyle>,
) -> Result<Endpoint, Refusal> {
    match rest {
        [] => {
            query.allow(&[])?;
            Ok(Endpoint::Project { project })
        }
        ["work-item-types"] => {
            query.allow(&[])?;
            Ok(Endpoint::WorkItemTypes { project })
        }
        ["work-items"] => Ok(Endpoint::WorkItemList {
            page: list_page(
                query,
                &ListedWorkItem::FIELDS,
                "among id, name, sequence_id and type_id",
            )?,
            project,
        }),
        ["work-item-types", "schema"] => {
            query.allow(&["type_id", "include"])?;
            if query.get("include").is_some_and(|v| v != "members") {
                return Err(Refusal::QueryValue {
                    name: "include",
                    expected: "members",
                });
            }
            let type_id = query
                .get("type_id")
                .map(|t| plain_id(t, "type_id"))
                .transpose()?;
            Ok(Endpoint::TypeSchema { project, type_id })
        }
        ["work-item-types", type_id, "work-item-properties"] => {
            query.allow(&[])?;
            Ok(Endpoint::Properties {
                project,
                type_id: plain_id(type_id, "the work item type id")?,
            })
        }
        [items, work_item] if style(items).is_some() => {
            query.allow(&[])?;
            Ok(Endpoint::WorkItem {
                project,
                work_item: plain_id(work_item, "the work item id")?,
                style: style(items).unwrap_or_default(),
            })
        }
        ["work-items", work_item, "work-item-properties", "values"] => {
            query.allow(&[])?;
            Ok(Endpoint::AllValues {
                project,
                work_item: plain_id(work_item, "the work item id")?,
            })
        }
        [
            "work-items",
            work_item,
            "work-item-properties",
            property,
            "values",
        ] => {
            query.allow(&[])?;
            Ok(Endpoint::Value {
                // `decide` puts the request's method here.
                method: Method::Get,
                project,
                work_item: plain_id(work_item, "the work item id")?,
                property: plain_id(property, "the property id")?,
            })
        }
        _ => Err(Refusal::Endpoint),
    }
}

/// `work-items/search/?search=&limit=&project_id=&workspace_search=`.
fn search(scope: &Scope, query: &Query) -> Result<Endpoint, Refusal> {
    query.allow(&["search", "limit", "project_id", "workspace_search"])?;
    let project = query
        .get("project_id")
        .map(|p| plain_id(p, "project_id"))
        .transpose()?;
    match &project {
        Some(project) if !scope.allows_project(project) => {
            return Err(Refusal::Project(project.clone()));
        }
        _ => {}
    }
    let limit = match query.get("limit") {
        None => 10,
        Some(text) => match text.parse::<u32>() {
            Ok(n @ 1..=100) => n,
            _ => {
                return Err(Refusal::QueryValue {
                    name: "limit",
                    expected: "a number from 1 to 100",
                });
            }
        },
    };
    // Core derives workspace_search from project_id; a contradicting value is refused.
    let expected = if project.is_some() { "false" } else { "true" };
    if query.get("workspace_search").is_some_and(|v| v != expected) {
        return Err(Refusal::QueryValue {
            name: "workspace_search",
            expected: "false with project_id, true without",
        });
    }
    Ok(Endpoint::Search {
        search: query.get("search").unwrap_or_default().to_owned(),
        project,
        limit,
    })
}

/// `?per_page=&cursor=&fields=` of a list, each required: a page of 1 to 100 items, a forward
/// cursor of Plane's shape at that page size, and fields among `allowed` (`fields_are` says
/// which, in a refusal).
fn list_page(
    query: &Query,
    allowed: &[&str],
    fields_are: &'static str,
) -> Result<ListPage, Refusal> {
    query.allow(&["per_page", "cursor", "fields"])?;
    let per_page = query
        .get("per_page")
        .filter(|t| (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse::<u32>().ok())
        .filter(|n| (1..=100).contains(n))
        .ok_or(Refusal::QueryValue {
            name: "per_page",
            expected: "a number from 1 to 100",
        })?;
    let cursor = query
        .get("cursor")
        .and_then(|t| t.parse::<Cursor>().ok())
        .filter(|c| c.per_page == per_page && !c.is_prev)
        .ok_or(Refusal::QueryValue {
            name: "cursor",
            expected: "per_page:page:0 with the same per_page (25:1:0)",
        })?;
    let fields: Vec<&str> = query.get("fields").unwrap_or_default().split(',').collect();
    if !fields.iter().all(|f| allowed.contains(f)) {
        return Err(Refusal::QueryValue {
            name: "fields",
            expected: fields_are,
        });
    }
    ListPage::new(cursor, &fields).map_err(|_| Refusal::QueryValue {
        name: "fields",
        expected: fields_are,
    })
}

/// An id as Plane issues them: ASCII letters, digits, `-` and `_`, at most 64 characters.
fn plain_id(text: &str, what: &'static str) -> Result<String, Refusal> {
    let plain = !text.is_empty()
        && text.len() <= MAX_ID_LEN
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'));
    if plain {
        Ok(text.to_owned())
    } else {
        Err(Refusal::Id(what))
    }
}

/// Decoded query parameters, each name at most once.
struct Query(Vec<(String, String)>);

impl Query {
    fn parse(raw: &str) -> Result<Self, Refusal> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            if pairs.iter().any(|(n, _)| *n == name) {
                return Err(Refusal::Query(name.into_owned()));
            }
            pairs.push((name.into_owned(), value.into_owned()));
        }
        Ok(Self(pairs))
    }

    /// Refuses any parameter not in `names`.
    fn allow(&self, names: &[&str]) -> Result<(), Refusal> {
        match self.0.iter().find(|(n, _)| !names.contains(&n.as_str())) {
            Some((name, _)) => Err(Refusal::Query(name.clone())),
            None => Ok(()),
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plane_inline_core::api::Api;
    use plane_inline_core::http::ApiKey;
    use plane_inline_core::value::ValuePayload;

    const P: &str = "0b0a4f2e-1111-4000-8000-000000000001";
    const W: &str = "0b0a4f2e-2222-4000-8000-000000000002";
    const X: &str = "0b0a4f2e-3333-4000-8000-000000000003";

    fn scope() -> Scope {
        Scope::new("acme", Vec::new())
    }

    fn get(path: &str) -> Result<Endpoint, Refusal> {
        let (path, query) = match path.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (path, None),
        };
        decide(&scope(), "GET", path, query)
    }

    fn upstream(endpoint: &Endpoint) -> String {
        let api = Api::new("acme", Some(ApiKey::new("plane_api_k")));
        api.request(endpoint.clone(), None).path_and_query()
    }

    #[test]
    fn every_path_core_builds_is_allowed_and_rebuilt_identically() {
        let api = Api::new("acme", None);
        let id: Identifier = "WEB-12".parse().unwrap();
        let payload = ValuePayload {
            value: serde_json::json!("x"),
            external_id: None,
            external_source: None,
        };
        let requests = [
            api.me(),
            api.members(),
            api.work_item_by_identifier(&id, PathStyle::WorkItems),
            api.work_item_by_identifier(&id, PathStyle::Issues),
            api.search_work_items("login bug", None, 10),
            api.search_work_items("login bug", Some(P), 25),
            api.work_item(P, W, PathStyle::WorkItems),
            api.work_item(P, W, PathStyle::Issues),
            api.work_item_types(P),
            api.project_detail(P),
            api.workspace_type_properties(X),
            api.workspace_properties(),
            api.properties(P, X),
            api.type_schema(P, Some(X)),
            api.type_schema(P, None),
            api.all_values(P, W),
            api.work_item_list(P, table_page("25:0:0", &ListedWorkItem::FIELDS)),
            api.work_item_list(P, table_page("100:2:0", &["id", "type_id"])),
            api.project_list(table_page("100:0:0", &Project::LIST_FIELDS)),
            api.get_value(P, W, X),
            api.upsert_value(P, W, X, &payload),
            api.delete_value(P, W, X),
        ];
        for request in requests {
            let full = request.path_and_query();
            let (path, query) = match full.split_once('?') {
                Some((p, q)) => (p, Some(q)),
                None => (full.as_str(), None),
            };
            let endpoint = decide(&scope(), request.method.as_str(), path, query)
                .unwrap_or_else(|e| panic!("{} {full}: {e}", request.method));
            let api = Api::new("acme", None);
            let rebuilt = api.request(endpoint.clone(), Some(&payload));
            assert_eq!(rebuilt.path_and_query(), full);
            assert_eq!(rebuilt.method, request.method);
            // The parser reads back exactly the endpoint core's builder recorded.
            assert_eq!(request.endpoint.as_ref(), Some(&endpoint), "{full}");
        }
    }

    fn table_page(cursor: &str, fields: &[&str]) -> ListPage {
        ListPage::new(cursor.parse().unwrap(), fields).unwrap()
    }

    #[test]
    fn the_lists_a_table_reads_pass_as_the_client_sends_them() {
        // The client walks the projects list with core's paginator, a page of work items with
        // core's list endpoint: both read back as the same endpoint and are rebuilt the same.
        let api = Api::new("acme", None);
        let fields: Vec<String> = Project::LIST_FIELDS.map(String::from).to_vec();
        let walk = plane_inline_core::page::Paginator::new(api.projects_path(), 100, &fields, &[])
            .unwrap();
        let sent = walk.next_request().unwrap().path_and_query();
        assert_eq!(
            sent,
            "/api/v1/workspaces/acme/projects/?per_page=100&cursor=100%3A0%3A0&fields=id%2Cname%2Cidentifier"
        );
        let endpoint = get(&sent).unwrap();
        assert_eq!(
            endpoint,
            Endpoint::ProjectList {
                page: table_page("100:0:0", &Project::LIST_FIELDS)
            }
        );
        assert_eq!(upstream(&endpoint), sent);
        let rows = format!(
            "/api/v1/workspaces/acme/projects/{P}/work-items/?per_page=50&cursor=50%3A3%3A0&fields=id%2Cname%2Csequence_id%2Ctype_id"
        );
        assert_eq!(upstream(&get(&rows).unwrap()), rows);
        // With a project list, the projects list is screened; a project's list is checked.
        let limited = Scope::new("acme", vec![P.to_owned()]);
        let listed = |project: &str| {
            decide(
                &limited,
                "GET",
                &format!("/api/v1/workspaces/acme/projects/{project}/work-items/"),
                Some("per_page=25&cursor=25:0:0&fields=id"),
            )
        };
        assert!(listed(P).is_ok());
        assert_eq!(listed(W), Err(Refusal::Project(W.into())));
        assert!(projects_known_from_answer(&endpoint));
        assert!(!projects_known_from_answer(&listed(P).unwrap()));
    }

    #[test]
    fn the_lists_take_only_what_a_table_asks() {
        let rows = format!("/api/v1/workspaces/acme/projects/{P}/work-items/");
        let projects = "/api/v1/workspaces/acme/projects/";
        let per_page = Refusal::QueryValue {
            name: "per_page",
            expected: "a number from 1 to 100",
        };
        let cursor = Refusal::QueryValue {
            name: "cursor",
            expected: "per_page:page:0 with the same per_page (25:1:0)",
        };
        let item_fields = Refusal::QueryValue {
            name: "fields",
            expected: "among id, name, sequence_id and type_id",
        };
        let project_fields = Refusal::QueryValue {
            name: "fields",
            expected: "among id, name and identifier",
        };
        let ok = "per_page=25&cursor=25%3A1%3A0&fields=id%2Cname";
        assert!(get(&format!("{rows}?{ok}")).is_ok());
        for (query, refused) in [
            (format!("{ok}&expand=type"), Refusal::Query("expand".into())),
            (
                format!("{ok}&order_by=-created_at"),
                Refusal::Query("order_by".into()),
            ),
            (
                format!("{ok}&external_id=x"),
                Refusal::Query("external_id".into()),
            ),
            (
                format!("{ok}&cursor=25:2:0"),
                Refusal::Query("cursor".into()),
            ),
            ("cursor=25:1:0&fields=id".into(), per_page.clone()),
            ("per_page=0&cursor=0:1:0&fields=id".into(), per_page.clone()),
            (
                "per_page=101&cursor=101:1:0&fields=id".into(),
                per_page.clone(),
            ),
            (
                "per_page=1000&cursor=1000:0:0&fields=id".into(),
                per_page.clone(),
            ),
            (
                "per_page=%2B25&cursor=25:1:0&fields=id".into(),
                per_page.clone(),
            ),
            ("per_page=25&fields=id".into(), cursor.clone()),
            ("per_page=25&cursor=25:1&fields=id".into(), cursor.clone()),
            ("per_page=25&cursor=25:x:0&fields=id".into(), cursor.clone()),
            (
                "per_page=25&cursor=25:1:0:0&fields=id".into(),
                cursor.clone(),
            ),
            ("per_page=25&cursor=50:1:0&fields=id".into(), cursor.clone()),
            ("per_page=25&cursor=25:1:1&fields=id".into(), cursor.clone()),
            (
                "per_page=25&cursor=25%3A-1%3A0&fields=id".into(),
                cursor.clone(),
            ),
            ("per_page=25&cursor=25:1:0".into(), item_fields.clone()),
            (
                "per_page=25&cursor=25:1:0&fields=".into(),
                item_fields.clone(),
            ),
            (
                "per_page=25&cursor=25:1:0&fields=id,,name".into(),
                item_fields.clone(),
            ),
            (
                "per_page=25&cursor=25:1:0&fields=id,description_html".into(),
                item_fields.clone(),
            ),
            (
                "per_page=25&cursor=25:1:0&fields=ID".into(),
                item_fields.clone(),
            ),
        ] {
            assert_eq!(get(&format!("{rows}?{query}")), Err(refused), "{query}");
        }
        assert!(
            get(&format!(
                "{projects}?per_page=100&cursor=100:0:0&fields=identifier"
            ))
            .is_ok()
        );
        assert_eq!(
            get(&format!(
                "{projects}?per_page=100&cursor=100:0:0&fields=id,network"
            )),
            Err(project_fields)
        );
        assert_eq!(
            get(&format!(
                "{projects}?per_page=100&cursor=100:0:0&fields=id&expand=members"
            )),
            Err(Refusal::Query("expand".into()))
        );
        // Lists are read, never written, and the legacy /issues/ list is not one a table reads.
        for method in ["POST", "DELETE"] {
            assert_eq!(
                decide(&scope(), method, &rows, Some(ok)),
                Err(Refusal::Endpoint),
                "{method}"
            );
            assert_eq!(
                decide(
                    &scope(),
                    method,
                    projects,
                    Some("per_page=1&cursor=1:0:0&fields=id")
                ),
                Err(Refusal::Endpoint),
                "{method}"
            );
        }
        assert_eq!(
            decide(&scope(), "PATCH", &rows, Some(ok)),
            Err(Refusal::Method("PATCH".into()))
        );
        assert_eq!(
            get(&format!(
                "/api/v1/workspaces/acme/projects/{P}/issues/?{ok}"
            )),
            Err(Refusal::Endpoint)
        );
        assert_eq!(
            get(&format!(
                "/api/v1/workspaces/acme/projects/{P}/work-items?{ok}"
            )),
            Err(Refusal::NoTrailingSlash)
        );
    }

    #[test]
    fn path_tricks_are_refused() {
        let cases = [
            ("/api/v1/users/me", Refusal::NoTrailingSlash),
            ("/api/v1/users//me/", Refusal::EmptySegment),
            ("//api/v1/users/me/", Refusal::NotApi),
            ("/api/v1/users/me/../../v2/users/me/", Refusal::DotSegment),
            ("/api/v1/workspaces/acme/./members/", Refusal::DotSegment),
            (
                "/api/v1/workspaces/acme/%2e%2E/other/members/",
                Refusal::DotSegment,
            ),
            (
                "/api/v1/workspaces/acme%2Fmembers/",
                Refusal::Workspace {
                    allowed: "acme".into(),
                    asked: "acme/members".into(),
                },
            ),
            ("/api/v1/workspaces/%ff/members/", Refusal::Encoding),
            ("/api/v2/users/me/", Refusal::NotApi),
            ("/API/v1/users/me/", Refusal::NotApi),
            ("/api/v1/users/", Refusal::Endpoint),
            (
                "/api/v1/workspaces/acme/projects/",
                Refusal::QueryValue {
                    name: "per_page",
                    expected: "a number from 1 to 100",
                },
            ),
            (
                &format!("/api/v1/workspaces/acme/projects/{P}/work-items/"),
                Refusal::QueryValue {
                    name: "per_page",
                    expected: "a number from 1 to 100",
                },
            ),
            (
                &format!("/api/v1/workspaces/acme/projects/{P}/work-items/{W}%2Fcomments/"),
                Refusal::Id("the work item id"),
            ),
            (
                &format!("/api/v1/workspaces/acme/projects/{P}/work-items/{W}/comments/"),
                Refusal::Endpoint,
            ),
            (
                &format!("/api/v1/workspaces/acme/projects/{P}%3F/members/"),
                Refusal::Id("the project id"),
            ),
            (
                "/api/v1/workspaces/acme/work-items/WEB-0/",
                Refusal::Endpoint,
            ),
            (
                "/api/v1/workspaces/acme/members/?expand=x",
                Refusal::Query("expand".into()),
            ),
            ("/api/v1/users/me/?a=1", Refusal::Query("a".into())),
        ];
        for (path, expected) in cases {
            assert_eq!(get(path), Err(expected), "{path}");
        }
    }

    #[test]
    fn percent_encoded_unreserved_characters_decode_to_the_same_endpoint() {
        assert_eq!(get("/api/v1/%75sers/me/"), Ok(Endpoint::Me));
        let by_identifier = get("/api/v1/workspaces/%61cme/work-items/web%2D12/").unwrap();
        assert_eq!(
            upstream(&by_identifier),
            "/api/v1/workspaces/acme/work-items/WEB-12/"
        );
    }

    #[test]
    fn only_the_configured_workspace_is_served() {
        assert_eq!(
            get("/api/v1/workspaces/other/members/"),
            Err(Refusal::Workspace {
                allowed: "acme".into(),
                asked: "other".into()
            })
        );
        assert_eq!(
            get("/api/v1/workspaces/ACME/members/"),
            Err(Refusal::Workspace {
                allowed: "acme".into(),
                asked: "ACME".into()
            })
        );
    }

    #[test]
    fn a_project_list_limits_project_paths_and_search() {
        let limited = Scope::new("acme", vec![P.to_owned()]);
        let values = |project: &str| {
            decide(
                &limited,
                "POST",
                &format!(
                    "/api/v1/workspaces/acme/projects/{project}/work-items/{W}/work-item-properties/{X}/values/"
                ),
                None,
            )
        };
        assert!(matches!(
            values(P),
            Ok(Endpoint::Value {
                method: Method::Post,
                ..
            })
        ));
        assert_eq!(values(W), Err(Refusal::Project(W.into())));
        let search = |query: &str| {
            decide(
                &limited,
                "GET",
                "/api/v1/workspaces/acme/work-items/search/",
                Some(query),
            )
        };
        let whole_workspace = search("search=bug&workspace_search=true").unwrap();
        assert!(projects_known_from_answer(&whole_workspace));
        assert_eq!(
            search(&format!("search=bug&project_id={W}")),
            Err(Refusal::Project(W.into()))
        );
        assert_eq!(
            search(&format!("search=a+b&project_id={P}&limit=5")),
            Ok(Endpoint::Search {
                search: "a b".into(),
                project: Some(P.into()),
                limit: 5
            })
        );
        let by_identifier = decide(
            &limited,
            "GET",
            "/api/v1/workspaces/acme/work-items/WEB-1/",
            None,
        )
        .unwrap();
        assert!(projects_known_from_answer(&by_identifier));
        let in_project = search(&format!("search=bug&project_id={P}")).unwrap();
        assert!(!projects_known_from_answer(&in_project));
    }

    #[test]
    fn methods_are_limited_per_endpoint() {
        let value = format!(
            "/api/v1/workspaces/acme/projects/{P}/work-items/{W}/work-item-properties/{X}/values/"
        );
        for method in ["GET", "POST", "DELETE"] {
            let endpoint = decide(&scope(), method, &value, None).unwrap();
            assert_eq!(endpoint.takes_body(), method == "POST");
        }
        assert_eq!(
            decide(&scope(), "PATCH", &value, None),
            Err(Refusal::Method("PATCH".into()))
        );
        assert_eq!(
            decide(&scope(), "PUT", "/api/v1/users/me/", None),
            Err(Refusal::Method("PUT".into()))
        );
        assert_eq!(
            decide(&scope(), "POST", "/api/v1/workspaces/acme/members/", None),
            Err(Refusal::Endpoint)
        );
        assert_eq!(
            decide(
                &scope(),
                "DELETE",
                &format!("/api/v1/workspaces/acme/projects/{P}/work-items/{W}/"),
                None
            ),
            Err(Refusal::Endpoint)
        );
    }

    #[test]
    fn query_parameters_are_checked() {
        let schema = format!("/api/v1/workspaces/acme/projects/{P}/work-item-types/schema/");
        assert_eq!(
            get(&format!("{schema}?include=members&include=members")),
            Err(Refusal::Query("include".into()))
        );
        assert_eq!(
            get(&format!("{schema}?include=everything")),
            Err(Refusal::QueryValue {
                name: "include",
                expected: "members"
            })
        );
        assert_eq!(
            get(&format!("{schema}?type_id=..%2Fx")),
            Err(Refusal::Id("type_id"))
        );
        assert_eq!(
            upstream(&get(&schema).unwrap()),
            format!("{schema}?include=members")
        );
        let search = "/api/v1/workspaces/acme/work-items/search/";
        assert_eq!(
            get(&format!("{search}?search=x&limit=1000")),
            Err(Refusal::QueryValue {
                name: "limit",
                expected: "a number from 1 to 100"
            })
        );
        assert_eq!(
            get(&format!("{search}?search=x&workspace_search=false")),
            Err(Refusal::QueryValue {
                name: "workspace_search",
                expected: "false with project_id, true without"
            })
        );
        assert_eq!(
            upstream(&get(&format!("{search}?search=x%26y%3Dz")).unwrap()),
            format!("{search}?search=x%26y%3Dz&limit=10&workspace_search=true")
        );
    }
}
