//! The application: the route table (Plane's v1 paths with their legacy `/issues/`,
//! `/issue-types/` and `/issue-properties/` aliases, the web-app stand-in pages and, when
//! enabled, the `/_sandbox/` test controls). The state handlers share is in [`crate::state`].

use crate::api::{
    intake, members, options, project_properties, projects, properties, type_changes, types, users,
    values, work_items, workspace_types,
};
use crate::error::ApiError;
use crate::state::{AppState, Shared};
use crate::{controls, gateway, pages};
use axum::Router;
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, get};
use std::sync::Arc;

const V1: &str = "/api/v1/workspaces/{slug}";
const PROJECT: &str = "/api/v1/workspaces/{slug}/projects/{project_id}";

/// Every API route: path template and handlers.
fn api_routes() -> Vec<(String, MethodRouter<Shared>)> {
    let mut routes: Vec<(String, MethodRouter<Shared>)> = vec![
        ("/api/v1/users/me/".to_owned(), get(users::me)),
        (format!("{V1}/members/"), get(members::list)),
        (format!("{V1}/projects/"), get(projects::list)),
        (
            format!("{V1}/work-item-types/"),
            get(workspace_types::list_types),
        ),
        (
            format!("{V1}/work-item-types/{{type_id}}/"),
            get(workspace_types::detail_type),
        ),
        (
            format!("{V1}/work-item-types/{{type_id}}/properties/"),
            get(workspace_types::type_property_ids),
        ),
        (
            format!("{V1}/work-item-properties/"),
            get(workspace_types::list_properties),
        ),
        (
            format!("{V1}/work-item-properties/{{property_id}}/"),
            get(workspace_types::detail_property),
        ),
        (
            format!("{V1}/work-item-properties/{{property_id}}/options/"),
            get(workspace_types::list_options),
        ),
        (
            format!("{V1}/work-item-properties/{{property_id}}/options/{{option_id}}/"),
            get(workspace_types::detail_option),
        ),
        (format!("{PROJECT}/"), get(projects::detail)),
        (
            format!("{PROJECT}/archive/"),
            axum::routing::post(projects::archive).delete(projects::unarchive),
        ),
        (format!("{PROJECT}/intake-issues/"), get(intake::list)),
        (
            format!("{PROJECT}/intake-issues/{{work_item_id}}/"),
            get(intake::detail),
        ),
        (
            format!("{PROJECT}/project-members/"),
            get(members::list_project),
        ),
        (format!("{PROJECT}/members/"), get(members::list_project)),
        (
            format!("{PROJECT}/work-item-properties/"),
            get(properties::list_project).post(project_properties::create),
        ),
        (
            format!("{PROJECT}/work-item-properties/{{property_id}}/"),
            get(properties::detail_project)
                .patch(project_properties::update)
                .delete(project_properties::remove),
        ),
        (
            format!("{PROJECT}/work-item-types/{{type_id}}/properties/"),
            axum::routing::post(project_properties::attach),
        ),
        (
            format!("{PROJECT}/work-item-types/{{type_id}}/properties/{{property_id}}/"),
            axum::routing::delete(project_properties::detach),
        ),
    ];
    for (items, item_props) in [
        ("work-items", "work-item-properties"),
        ("issues", "issue-properties"),
    ] {
        routes.push((format!("{V1}/{items}/search/"), get(work_items::search)));
        routes.push((
            format!("{V1}/{items}/{{identifier}}/"),
            get(work_items::by_identifier),
        ));
        routes.push((format!("{PROJECT}/{items}/"), get(work_items::list)));
        routes.push((
            format!("{PROJECT}/{items}/{{work_item_id}}/"),
            get(work_items::detail),
        ));
        routes.push((
            format!("{PROJECT}/{items}/{{work_item_id}}/{item_props}/values/"),
            get(values::list_all),
        ));
    }
    routes.push((
        format!(
            "{PROJECT}/work-items/{{work_item_id}}/work-item-properties/{{property_id}}/values/"
        ),
        get(values::read)
            .post(values::upsert)
            .patch(values::update)
            .delete(values::remove),
    ));
    for (types_seg, props_seg) in [
        ("work-item-types", "work-item-properties"),
        ("issue-types", "issue-properties"),
    ] {
        let base = format!("{PROJECT}/{types_seg}");
        routes.push((
            format!("{base}/"),
            get(types::list).post(type_changes::create),
        ));
        routes.push((format!("{base}/schema/"), get(types::schema)));
        routes.push((
            format!("{base}/{{type_id}}/"),
            get(types::detail)
                .patch(type_changes::update)
                .delete(type_changes::remove),
        ));
        routes.push((
            format!("{base}/{{type_id}}/{props_seg}/"),
            get(properties::list).post(properties::create),
        ));
        routes.push((
            format!("{base}/{{type_id}}/{props_seg}/{{property_id}}/"),
            get(properties::detail)
                .patch(properties::update)
                .delete(properties::remove),
        ));
        routes.push((
            format!("{PROJECT}/{props_seg}/{{property_id}}/options/"),
            get(options::list).post(options::create),
        ));
        routes.push((
            format!("{PROJECT}/{props_seg}/{{property_id}}/options/{{option_id}}/"),
            get(options::detail)
                .patch(options::update)
                .delete(options::remove),
        ));
    }
    routes
}

/// Every API route template, to answer Django's trailing-slash redirect.
pub fn api_paths() -> matchit::Router<()> {
    let mut paths = matchit::Router::new();
    for (path, _) in api_routes() {
        // Templates are unique and well-formed; a refusal would only lose a redirect.
        let _ = paths.insert(path, ());
    }
    paths
}

/// The complete router, its middleware and state.
pub fn router(state: AppState) -> Router {
    let test_controls = state.test_controls;
    let state = Arc::new(state);
    let mut router: Router<Shared> = Router::new();
    for (path, handlers) in api_routes() {
        router = router.route(&path, handlers);
    }
    router = router
        .route("/{slug}/browse/{identifier}/", get(pages::work_item))
        .route(
            "/{slug}/projects/{project_id}/issues/",
            get(pages::work_item_list),
        )
        .route(
            "/{slug}/projects/{project_id}/issues",
            get(pages::work_item_list),
        )
        .route("/_pages/list.js", get(pages::list_script));
    if test_controls {
        router = router
            .route(
                "/_sandbox/faults",
                get(controls::list_faults)
                    .post(controls::add_fault)
                    .delete(controls::clear_faults),
            )
            .route(
                "/_sandbox/requests",
                get(controls::requests).delete(controls::clear_requests),
            )
            .route("/_sandbox/reset", axum::routing::post(controls::reset))
            .route(
                "/_sandbox/rate-limit",
                axum::routing::put(controls::set_rate_limit),
            )
            .route(
                "/_sandbox/work-items",
                axum::routing::post(controls::add_work_items),
            );
    }
    router
        .method_not_allowed_fallback(gateway::method_not_allowed)
        .fallback(page_not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            gateway::gateway,
        ))
        .with_state(state)
}

async fn page_not_found() -> axum::response::Response {
    ApiError::PageNotFound.into_response()
}
