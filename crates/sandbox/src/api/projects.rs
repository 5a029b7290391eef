//! `GET /workspaces/{slug}/projects/` (cursor-paginated), `GET .../projects/{project_id}/`, and
//! archiving: `POST` and `DELETE .../projects/{project_id}/archive/` (204 each; Plane's
//! Community Edition, makeplane/plane at 4ca6d6c, `apps/api/plane/api/urls/project.py`). An
//! archived project stays listed, with its `archived_at`; its work items leave the item endpoints
//! (see [`crate::store::records::Visibility`]).

use crate::api::{Params, QueryMap, no_content, ok, timestamp};
use crate::clock::now_micros;
use crate::error::{ApiError, ApiResult};
use crate::pagination::PageRequest;
use crate::state::Shared;
use crate::store::records::{ProjectRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::{Query, State};
use rusqlite::Connection;
use serde_json::{Value, json};

/// Plane's project object.
pub fn render(
    conn: &Connection,
    workspace: &WorkspaceRecord,
    project: &ProjectRecord,
    owner_id: &str,
) -> Result<Value, crate::error::ApiError> {
    let members: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM project_members WHERE project_id = ?1")?
        .query_row([&project.id], |r| r.get(0))?;
    let role = project.role_of(conn, owner_id)?;
    Ok(json!({
        "id": project.id,
        "total_members": members,
        "total_cycles": 0,
        "total_modules": 0,
        "is_member": role.is_some(),
        "sort_order": project.sort_order,
        "member_role": role,
        "is_deployed": false,
        "cover_image_url": null,
        "created_at": timestamp(project.created_at),
        "updated_at": timestamp(project.updated_at),
        "deleted_at": null,
        "name": project.name,
        "description": project.description,
        "description_text": null,
        "description_html": null,
        "network": 2,
        "identifier": project.identifier,
        "emoji": null,
        "icon_prop": null,
        "module_view": true,
        "cycle_view": true,
        "issue_views_view": true,
        "page_view": true,
        "intake_view": project.intake_view,
        "is_time_tracking_enabled": false,
        "is_issue_type_enabled": workspace.custom_properties,
        "guest_view_all_features": false,
        "cover_image": null,
        "archive_in": 0,
        "close_in": 0,
        "logo_props": {},
        "archived_at": project.archived_at.map(timestamp),
        "timezone": "UTC",
        "external_source": null,
        "external_id": null,
        "created_by": project.created_by,
        "updated_by": project.created_by,
        "workspace": project.workspace_id,
        "default_assignee": null,
        "project_lead": project.lead_id,
        "cover_image_asset": null,
        "estimate": null,
        "default_state": project.default_state_id,
    }))
}

/// The workspace's projects, paginated.
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    Query(query): Query<QueryMap>,
) -> ApiResult {
    let page = PageRequest::from_query(&query)?;
    let body = app.store.read(|conn| {
        let all = ProjectRecord::all(conn, &workspace.id)?;
        page.of_all(&all, |p| render(conn, &workspace, p, &app.owner_id))
    })?;
    Ok(ok(&body))
}

/// One project.
pub async fn detail(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let project_id = params.get("project_id")?;
    let body = app.store.read(|conn| {
        let project = ProjectRecord::require(conn, &workspace.id, project_id)?;
        let mut body = render(conn, &workspace, &project, &app.owner_id)?;
        // Plane's detail serializer leaves `sort_order` out; its list has it (Plane's Community
        // Edition server, makeplane/plane at 4ca6d6c).
        if let Value::Object(fields) = &mut body {
            fields.remove("sort_order");
        }
        Ok(body)
    })?;
    Ok(ok(&body))
}

/// `POST .../projects/{project_id}/archive/`: archives the project (404 for an unknown one).
pub async fn archive(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let project = ProjectRecord::require(tx, &workspace.id, params.get("project_id")?)?;
        tx.execute(
            "UPDATE projects SET archived_at = ?2 WHERE id = ?1",
            rusqlite::params![project.id, now_micros()],
        )?;
        Ok(())
    })?;
    Ok(no_content())
}

/// `DELETE .../projects/{project_id}/archive/`: restores the project. Plane's permission class
/// asks the caller to be a member of it first, so an unknown project is a 403 here.
pub async fn unarchive(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let project = ProjectRecord::load(tx, &workspace.id, params.get("project_id")?)?
            .ok_or_else(ApiError::permission_denied)?;
        tx.execute(
            "UPDATE projects SET archived_at = NULL WHERE id = ?1",
            [&project.id],
        )?;
        Ok(())
    })?;
    Ok(no_content())
}
