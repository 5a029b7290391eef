//! A project's intake (triage) queue, read-only: `GET .../projects/{project_id}/intake-issues/`
//! (cursor-paginated, Plane's list envelope) and `GET .../intake-issues/{issue_id}/`, where
//! `issue_id` is the work item's id, not the intake record's.
//!
//! Facts from Plane's Community Edition (makeplane/plane at 4ca6d6c, `apps/api/plane/api/urls/
//! intake.py`, `views/intake.py`, `serializers/intake.py`, `db/models/intake.py`): the queue is
//! empty, and every detail a 404, while the project's `intake_view` is off; an intake record's
//! `status` is -2 pending, -1 rejected, 0 snoozed, 1 accepted, 2 duplicate; `source` defaults to
//! `IN_APP`; the object carries `issue_detail` (the work item with its state expanded) and
//! `inbox` (the intake's id). `fields=` and `expand=` are not read here.

use crate::api::work_items::{Shape, no_such_project, render as render_item};
use crate::api::{Params, QueryMap, ok, timestamp};
use crate::error::{ApiError, ApiResult};
use crate::pagination::PageRequest;
use crate::state::Shared;
use crate::store::records::{IntakeRecord, ProjectRecord, WorkItemRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::{Query, State};
use rusqlite::Connection;
use serde_json::{Value, json};

/// Plane's intake work item object.
fn render(conn: &Connection, record: &IntakeRecord) -> Result<Value, ApiError> {
    let detail = match WorkItemRecord::load(conn, &record.project_id, &record.work_item_id)? {
        Some(item) => issue_detail(conn, &item)?,
        None => Value::Null,
    };
    Ok(json!({
        "id": record.id,
        "issue_detail": detail,
        "inbox": record.intake_id,
        "created_at": timestamp(record.created_at),
        "updated_at": timestamp(record.updated_at),
        "deleted_at": null,
        "status": record.status,
        "snoozed_till": null,
        "source": record.source,
        "source_email": null,
        "external_source": null,
        "external_id": null,
        "extra": {},
        "created_by": record.created_by,
        "updated_by": record.created_by,
        "project": record.project_id,
        "workspace": record.workspace_id,
        "intake": record.intake_id,
        "issue": record.work_item_id,
        "duplicate_to": null,
    }))
}

/// The work item as the intake serializer nests it: every field, its state as an object, no cycle
/// or module.
fn issue_detail(conn: &Connection, item: &WorkItemRecord) -> Result<Value, ApiError> {
    let mut query = QueryMap::new();
    query.insert("expand".to_owned(), "state".to_owned());
    let mut detail = render_item(conn, item, &Shape::from_query(&query))?;
    if let Value::Object(fields) = &mut detail {
        fields.insert("cycle".to_owned(), Value::Null);
        fields.insert("module".to_owned(), Value::Null);
        fields.insert("description".to_owned(), json!({}));
    }
    Ok(detail)
}

/// The project of the path, refused as Plane's permission class refuses a project the caller is
/// not a member of.
fn project_of(
    conn: &Connection,
    app: &Shared,
    workspace: &WorkspaceRecord,
    params: &Params,
) -> Result<ProjectRecord, ApiError> {
    let project = ProjectRecord::load(conn, &workspace.id, params.get("project_id")?)?
        .ok_or_else(no_such_project)?;
    if project.role_of(conn, &app.owner_id)?.is_some() {
        Ok(project)
    } else {
        Err(no_such_project())
    }
}

/// `GET .../intake-issues/`: the queue, newest first.
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    Query(query): Query<QueryMap>,
) -> ApiResult {
    let page = PageRequest::from_query(&query)?;
    let body = app.store.read(|conn| {
        let project = project_of(conn, &app, &workspace, &params)?;
        let records = if project.intake_view {
            IntakeRecord::of_project(conn, &project.id)?
        } else {
            Vec::new()
        };
        page.of_all(&records, |r| render(conn, r))
    })?;
    Ok(ok(&body))
}

/// `GET .../intake-issues/{issue_id}/`: the intake record of that work item.
pub async fn detail(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let project = project_of(conn, &app, &workspace, &params)?;
        let record = if project.intake_view {
            IntakeRecord::of_work_item(conn, &project.id, params.get("work_item_id")?)?
        } else {
            None
        };
        render(conn, &record.ok_or(ApiError::ResourceNotFound)?)
    })?;
    Ok(ok(&body))
}
