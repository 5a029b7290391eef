//! Workspace-level work item types and properties (Enterprise Grid), read-only, under
//! `/api/v1/workspaces/{slug}/` (plane-api.md 1.1 to 1.3 "workspace level"; Plane's Python and
//! Node SDKs, the Plane MCP server):
//!
//! - `GET work-item-types/` (a bare array of type objects) and `GET work-item-types/{type_id}/`
//!   (with `project_ids`, the projects the type is linked to);
//! - `GET work-item-types/{type_id}/properties/`: a flat array of the linked properties' UUIDs;
//! - `GET work-item-properties/` (a bare array of property objects, the project listing's shape,
//!   with `options` for OPTION) and `GET work-item-properties/{property_id}/`;
//! - `GET work-item-properties/{property_id}/options/` (a bare array) and `.../{option_id}/`.
//!
//! They serve the workspace's own types and properties (project and type null); a workspace
//! that manages its types per project has none, so its lists are empty. Without custom
//! properties on the plan every route answers 402. Writes are not served (405).

use crate::api::{Params, ok, options, properties, types};
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;
use crate::store::records::{OptionRecord, PropertyRecord, TypeRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::State;
use rusqlite::Connection;
use serde_json::{Value, json};

/// Reads under the workspace's plan gate (402 without custom properties): `read`'s answer, 200.
fn gated(
    app: &Shared,
    workspace: &WorkspaceRecord,
    read: impl FnOnce(&Connection) -> Result<Value, ApiError>,
) -> ApiResult {
    workspace.require_custom_properties()?;
    Ok(ok(&app.store.read(read)?))
}

/// The workspace-owned property the path names (404 otherwise).
fn owned_property(
    conn: &Connection,
    workspace: &WorkspaceRecord,
    params: &Params,
) -> Result<PropertyRecord, ApiError> {
    PropertyRecord::require_workspace_owned(conn, &workspace.id, params.get("property_id")?)
}

/// `GET /workspaces/{slug}/work-item-types/`.
pub async fn list_types(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
) -> ApiResult {
    gated(&app, &workspace, |conn| {
        let list: Vec<Value> = TypeRecord::of_workspace(conn, &workspace.id)?
            .iter()
            .map(|t| types::render(t, None))
            .collect();
        Ok(Value::Array(list))
    })
}

/// `GET /workspaces/{slug}/work-item-types/{type_id}/`.
pub async fn detail_type(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    gated(&app, &workspace, |conn| {
        let t = TypeRecord::require_in_workspace(conn, &workspace.id, params.get("type_id")?)?;
        Ok(types::render(&t, Some(t.project_ids(conn)?)))
    })
}

/// `GET /workspaces/{slug}/work-item-types/{type_id}/properties/`: `["<uuid>", ...]`.
pub async fn type_property_ids(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    gated(&app, &workspace, |conn| {
        let t = TypeRecord::require_in_workspace(conn, &workspace.id, params.get("type_id")?)?;
        Ok(json!(t.linked_property_ids(conn)?))
    })
}

/// `GET /workspaces/{slug}/work-item-properties/`.
pub async fn list_properties(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
) -> ApiResult {
    gated(&app, &workspace, |conn| {
        let list = PropertyRecord::of_workspace(conn, &workspace.id)?
            .iter()
            .map(|p| properties::render(conn, p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Value::Array(list))
    })
}

/// `GET /workspaces/{slug}/work-item-properties/{property_id}/`.
pub async fn detail_property(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    gated(&app, &workspace, |conn| {
        properties::render(conn, &owned_property(conn, &workspace, &params)?)
    })
}

/// `GET /workspaces/{slug}/work-item-properties/{property_id}/options/`.
pub async fn list_options(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    gated(&app, &workspace, |conn| {
        let property = owned_property(conn, &workspace, &params)?;
        let list: Vec<Value> = OptionRecord::of_property(conn, &property.id)?
            .iter()
            .map(options::render)
            .collect();
        Ok(Value::Array(list))
    })
}

/// `GET /workspaces/{slug}/work-item-properties/{property_id}/options/{option_id}/`.
pub async fn detail_option(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    gated(&app, &workspace, |conn| {
        let property = owned_property(conn, &workspace, &params)?;
        let option = OptionRecord::load(conn, &property.id, params.get("option_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        Ok(options::render(&option))
    })
}
