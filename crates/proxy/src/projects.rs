//! Keeping answers within the project list: a read by identifier (`PROJ-123`), a workspace-wide
//! search and the projects list name no project id in the request, so the proxy reads the
//! projects in Plane's answer with core's types before passing it on.

use crate::allow::{Endpoint, Refusal, Scope};
use plane_inline_core::workspace::{SearchHit, WorkItem};
use serde_json::Value as Json;

/// What to do with a successful answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Screened {
    /// Pass it on as it is.
    Unchanged,
    /// Pass on this body instead: the search hits outside the list removed.
    Filtered(String),
    /// Withhold it: the work item belongs to a project outside the list.
    Refused(Refusal),
    /// Withhold it: it is not the shape the endpoint returns.
    NotUnderstood(String),
}

/// Screens the 2xx `body` Plane returned for `endpoint` against `scope`'s project list.
pub fn screen(scope: &Scope, endpoint: &Endpoint, body: &[u8]) -> Screened {
    if !scope.limits_projects() || !crate::allow::projects_known_from_answer(endpoint) {
        return Screened::Unchanged;
    }
    match endpoint {
        Endpoint::WorkItemByIdentifier { .. } => match serde_json::from_slice::<WorkItem>(body) {
            Ok(item) if scope.allows_project(&item.project) => Screened::Unchanged,
            Ok(item) => Screened::Refused(Refusal::Project(item.project)),
            Err(e) => Screened::NotUnderstood(format!("Plane's answer is not a work item: {e}")),
        },
        Endpoint::ProjectList { .. } => filter_projects(scope, body),
        _ => filter_hits(scope, body),
    }
}

/// A page of projects without those outside the list; every other field is kept as Plane sent
/// it.
fn filter_projects(scope: &Scope, body: &[u8]) -> Screened {
    let not_projects = |detail: String| {
        Screened::NotUnderstood(format!(
            "Plane's answer is not a page of projects: {detail}"
        ))
    };
    let mut page: Json = match serde_json::from_slice(body) {
        Ok(json) => json,
        Err(e) => return not_projects(e.to_string()),
    };
    let Some(projects) = page.get_mut("results").and_then(Json::as_array_mut) else {
        return not_projects("no \"results\" list".into());
    };
    projects.retain(|project| {
        project
            .get("id")
            .and_then(Json::as_str)
            .is_some_and(|id| scope.allows_project(id))
    });
    Screened::Filtered(page.to_string())
}

/// `{"issues": [...]}` without the hits of other projects; every other field is kept as Plane
/// sent it.
fn filter_hits(scope: &Scope, body: &[u8]) -> Screened {
    let not_results = |detail: String| {
        Screened::NotUnderstood(format!("Plane's answer is not search results: {detail}"))
    };
    let mut results: Json = match serde_json::from_slice(body) {
        Ok(json) => json,
        Err(e) => return not_results(e.to_string()),
    };
    let Some(hits) = results.get_mut("issues").and_then(Json::as_array_mut) else {
        return not_results("no \"issues\" list".into());
    };
    hits.retain(|hit| {
        serde_json::from_value::<SearchHit>(hit.clone())
            .ok()
            .and_then(|hit| hit.project_id)
            .is_some_and(|project| scope.allows_project(&project))
    });
    Screened::Filtered(results.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use plane_inline_core::api::PathStyle;
    use serde_json::json;

    fn limited() -> Scope {
        Scope::new("acme", vec!["p1".into()])
    }

    fn by_identifier() -> Endpoint {
        Endpoint::WorkItemByIdentifier {
            identifier: "WEB-1".parse().unwrap(),
            style: PathStyle::WorkItems,
        }
    }

    fn search(project: Option<&str>) -> Endpoint {
        Endpoint::Search {
            search: "bug".into(),
            project: project.map(str::to_owned),
            limit: 10,
        }
    }

    #[test]
    fn a_work_item_read_by_identifier_must_belong_to_a_listed_project() {
        let item = |project: &str| json!({"id": "w1", "project": project}).to_string();
        assert_eq!(
            screen(&limited(), &by_identifier(), item("p1").as_bytes()),
            Screened::Unchanged
        );
        assert_eq!(
            screen(&limited(), &by_identifier(), item("p2").as_bytes()),
            Screened::Refused(Refusal::Project("p2".into()))
        );
        assert!(matches!(
            screen(&limited(), &by_identifier(), b"[]"),
            Screened::NotUnderstood(message) if message.starts_with("Plane's answer is not a work item: ")
        ));
        let everything = Scope::new("acme", Vec::new());
        assert_eq!(
            screen(&everything, &by_identifier(), item("p2").as_bytes()),
            Screened::Unchanged
        );
    }

    #[test]
    fn a_workspace_search_keeps_only_hits_of_listed_projects() {
        let body = json!({
            "issues": [
                {"id": "a", "name": "in", "project_id": "p1", "project__identifier": "WEB", "workspace__slug": "acme"},
                {"id": "b", "name": "out", "project_id": "p2", "project__identifier": "OPS"},
                {"id": "c", "name": "unknown"}
            ]
        })
        .to_string();
        assert_eq!(
            screen(&limited(), &search(None), body.as_bytes()),
            Screened::Filtered(
                json!({"issues": [{"id": "a", "name": "in", "project_id": "p1", "project__identifier": "WEB", "workspace__slug": "acme"}]})
                    .to_string()
            )
        );
        assert_eq!(
            screen(&limited(), &search(Some("p1")), body.as_bytes()),
            Screened::Unchanged,
            "a search within a listed project was already limited by the request"
        );
        assert_eq!(
            screen(&limited(), &search(None), b"{\"results\": []}"),
            Screened::NotUnderstood(
                "Plane's answer is not search results: no \"issues\" list".into()
            )
        );
    }

    #[test]
    fn the_projects_list_keeps_only_listed_projects() {
        let page = |cursor: Option<&str>| Endpoint::ProjectList {
            page: plane_inline_core::page::ListPage::new(
                cursor.unwrap_or("100:0:0").parse().unwrap(),
                &["id", "identifier"],
            )
            .unwrap(),
        };
        let body = json!({
            "next_page_results": false, "total_results": 3,
            "results": [
                {"id": "p1", "identifier": "WEB"},
                {"id": "p2", "identifier": "OPS"},
                {"identifier": "NOID"}
            ]
        })
        .to_string();
        assert_eq!(
            screen(&limited(), &page(None), body.as_bytes()),
            Screened::Filtered(
                json!({"next_page_results": false, "total_results": 3,
                       "results": [{"id": "p1", "identifier": "WEB"}]})
                .to_string()
            )
        );
        let everything = Scope::new("acme", Vec::new());
        assert_eq!(
            screen(&everything, &page(None), body.as_bytes()),
            Screened::Unchanged
        );
        assert_eq!(
            screen(&limited(), &page(Some("100:1:0")), b"[]"),
            Screened::NotUnderstood(
                "Plane's answer is not a page of projects: no \"results\" list".into()
            )
        );
    }
}
