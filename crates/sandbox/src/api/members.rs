//! Members: `GET /workspaces/{slug}/members/` and a project's
//! `GET .../projects/{project_id}/project-members/` (also routed as `.../members/`), each a bare
//! array of `UserLite` with the member's role in that workspace or project. Workspace members
//! also carry `is_active` and `is_bot`; deactivated members and bots are listed.

use crate::api::{Params, ok, user_lite};
use crate::error::ApiResult;
use crate::state::Shared;
use crate::store::records::{MemberRecord, ProjectRecord, UserRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::State;
use serde_json::Value;

/// A workspace member: `UserLite`, `role`, `is_active` and `is_bot`. Plane's current Python SDK
/// (0.3.x) models `is_active` and `is_bot` on workspace members (plane-api.md, Corrections),
/// whereas Community Edition's v1 view (makeplane/plane at 4ca6d6c, `api/views/member.py`)
/// answers `UserLite` and `role` only: the sandbox gives the two fields deliberately, as the
/// current servers the SDK describes do.
fn render_workspace(members: &[MemberRecord]) -> Value {
    let body: Vec<Value> = members
        .iter()
        .map(|member| {
            let mut entry = user_lite(&member.user);
            entry["role"] = Value::from(member.role);
            entry["is_active"] = Value::from(member.is_active);
            entry["is_bot"] = Value::from(member.user.is_bot);
            entry
        })
        .collect();
    Value::Array(body)
}

/// `UserLite` plus `role`, for each member.
fn render(members: &[(UserRecord, i64)]) -> Value {
    let body: Vec<Value> = members
        .iter()
        .map(|(user, role)| {
            let mut entry = user_lite(user);
            entry["role"] = Value::from(*role);
            entry
        })
        .collect();
    Value::Array(body)
}

/// `[{id, first_name, last_name, email, avatar, avatar_url, display_name, role, is_active,
/// is_bot}]`.
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
) -> ApiResult {
    let members = app
        .store
        .read(|conn| UserRecord::workspace_members(conn, &workspace.id))?;
    Ok(ok(&render_workspace(&members)))
}

/// The project's members, same shape, with their project roles (404 for an unknown project).
pub async fn list_project(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let members = app.store.read(|conn| {
        let project = ProjectRecord::require(conn, &workspace.id, params.get("project_id")?)?;
        UserRecord::project_members_with_roles(conn, &project.id)
    })?;
    Ok(ok(&render(&members)))
}
