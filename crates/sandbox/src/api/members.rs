//! `GET /workspaces/{slug}/members/`: a bare array of the workspace's members with their roles.

use crate::api::{ok, user_lite};
use crate::app::Shared;
use crate::error::ApiResult;
use crate::store::records::{UserRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::State;
use serde_json::Value;

/// `[{id, first_name, last_name, email, avatar, avatar_url, display_name, role}]`.
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
) -> ApiResult {
    let members = app
        .store
        .read(|conn| UserRecord::workspace_members(conn, &workspace.id))?;
    let body: Vec<Value> = members
        .iter()
        .map(|(user, role)| {
            let mut entry = user_lite(user);
            entry["role"] = Value::from(*role);
            entry
        })
        .collect();
    Ok(ok(&Value::Array(body)))
}
