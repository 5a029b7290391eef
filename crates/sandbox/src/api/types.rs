//! Work item types of a project (bare array and detail) and the type schema endpoint.
//!
//! The schema's `custom_fields` follow the notes exactly: keyed `custom_field_<name>`, each
//! `{id, type, name, display_name, description, required, is_multi}`, OPTION entries with their
//! active `options[{id, name, logo_props}]`, RELATION entries with `relation_type`, and USER
//! relations with `options` (the project's members as `UserLite`) when `include=members`.
//! Inactive properties are left out. The standard `fields` part is the sandbox's own rendering
//! of name, description, state, priority, assignees, labels, dates and parent.

use crate::api::{Params, QueryMap, ok, timestamp, user_lite};
use crate::error::{ApiError, ApiResult, PROVIDE_VALID_DETAIL};
use crate::python_uuid::parse_python_uuid;
use crate::state::Shared;
use crate::store::records::{
    OptionRecord, ProjectRecord, PropertyRecord, TypeRecord, UserRecord, WorkspaceRecord,
};
use axum::Extension;
use axum::extract::{Query, State};
use plane_inline_core::property::{PropertyType, RelationType};
use rusqlite::Connection;
use serde_json::{Map, Value, json};

/// Plane's work item type object; the detail view adds `project_ids` (given here).
pub fn render(t: &TypeRecord, project_ids: Option<Vec<String>>) -> Value {
    let mut body = json!({
        "id": t.id,
        "name": t.name,
        "description": t.description,
        "logo_props": t.logo_props,
        "is_epic": t.is_epic,
        "is_default": t.is_default,
        "is_active": t.is_active,
        "level": t.level,
        "external_source": t.external_source,
        "external_id": t.external_id,
        "created_at": timestamp(t.created_at),
        "updated_at": timestamp(t.updated_at),
        "deleted_at": null,
        "created_by": t.created_by,
        "updated_by": t.created_by,
        "workspace": t.workspace_id,
    });
    if let Some(ids) = project_ids {
        body["project_ids"] = json!(ids);
    }
    body
}

/// `GET .../work-item-types/`: the project's types (402 without the feature).
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let project_id = params.get("project_id")?;
    let body = app.store.read(|conn| {
        ProjectRecord::require_with_properties(conn, &workspace, project_id)?;
        let list: Vec<Value> = TypeRecord::of_project(conn, project_id)?
            .iter()
            .map(|t| render(t, None))
            .collect();
        Ok(Value::Array(list))
    })?;
    Ok(ok(&body))
}

/// `GET .../work-item-types/{type_id}/`.
pub async fn detail(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let (project_id, type_id) = (params.get("project_id")?, params.get("type_id")?);
    let body = app.store.read(|conn| {
        ProjectRecord::require_with_properties(conn, &workspace, project_id)?;
        let work_item_type = TypeRecord::require(conn, project_id, type_id)?;
        Ok(render(
            &work_item_type,
            Some(work_item_type.project_ids(conn)?),
        ))
    })?;
    Ok(ok(&body))
}

/// `GET .../work-item-types/schema/?type_id=&include=members,labels`.
pub async fn schema(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    Query(query): Query<QueryMap>,
) -> ApiResult {
    let project_id = params.get("project_id")?;
    let include: Vec<&str> = query
        .get("include")
        .map(|i| i.split(',').map(str::trim).collect())
        .unwrap_or_default();
    let body = app.store.read(|conn| {
        let project = ProjectRecord::require_with_properties(conn, &workspace, project_id)?;
        let work_item_type = match query.get("type_id").filter(|t| !t.is_empty()) {
            Some(raw) => {
                let id = parse_python_uuid(raw)
                    .ok_or_else(|| ApiError::BadRequest(PROVIDE_VALID_DETAIL.to_owned()))?;
                TypeRecord::require(conn, project_id, &id)?
            }
            None => TypeRecord::of_project(conn, project_id)?
                .into_iter()
                .find(|t| t.is_default)
                .ok_or(ApiError::ResourceNotFound)?,
        };
        let members = if include.contains(&"members") {
            Some(UserRecord::project_members(conn, project_id)?)
        } else {
            None
        };
        let labels = include.contains(&"labels");
        let fields = standard_fields(conn, &project, members.as_deref(), labels)?;
        let custom = custom_fields(conn, &work_item_type, members.as_deref())?;
        Ok(json!({
            "id": work_item_type.id,
            "name": work_item_type.name,
            "description": work_item_type.description,
            "is_default": work_item_type.is_default,
            "is_epic": work_item_type.is_epic,
            "fields": fields,
            "custom_fields": custom,
        }))
    })?;
    Ok(ok(&body))
}

fn standard_fields(
    conn: &Connection,
    project: &ProjectRecord,
    members: Option<&[UserRecord]>,
    labels: bool,
) -> Result<Value, ApiError> {
    // Plane's default state manager leaves out the `triage` group (Community Edition's
    // `StateManager`), so the intake's state is not offered.
    let states: Vec<Value> = conn
        .prepare_cached("SELECT id, name, state_group, color FROM states WHERE project_id = ?1 AND state_group != 'triage' ORDER BY sequence")?
        .query_map([&project.id], |r| {
            Ok(json!({"id": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?, "group": r.get::<_, String>(2)?, "color": r.get::<_, String>(3)?}))
        })?
        .collect::<Result<_, _>>()?;
    let priorities: Vec<Value> = ["urgent", "high", "medium", "low", "none"]
        .iter()
        .map(|p| json!({"id": p, "name": p}))
        .collect();
    let mut assignees =
        json!({"type": "RELATION", "relation_type": "USER", "required": false, "is_multi": true});
    if let Some(members) = members {
        assignees["options"] = Value::Array(members.iter().map(user_lite).collect());
    }
    let mut label_field = json!({"type": "OPTION", "required": false, "is_multi": true});
    if labels {
        let list: Vec<Value> = conn
            .prepare_cached("SELECT id, name, color FROM labels WHERE project_id = ?1 ORDER BY name")?
            .query_map([&project.id], |r| Ok(json!({"id": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?, "color": r.get::<_, String>(2)?})))?
            .collect::<Result<_, _>>()?;
        label_field["options"] = Value::Array(list);
    }
    Ok(json!({
        "name": {"type": "TEXT", "required": true, "is_multi": false, "max_length": 255},
        "description_html": {"type": "TEXT", "required": false, "is_multi": false},
        "state": {"type": "OPTION", "required": false, "is_multi": false, "default": project.default_state_id, "options": states},
        "priority": {"type": "OPTION", "required": false, "is_multi": false, "default": "none", "options": priorities},
        "assignees": assignees,
        "labels": label_field,
        "start_date": {"type": "DATETIME", "required": false, "is_multi": false},
        "target_date": {"type": "DATETIME", "required": false, "is_multi": false},
        "parent": {"type": "RELATION", "relation_type": "ISSUE", "required": false, "is_multi": false},
    }))
}

fn custom_fields(
    conn: &Connection,
    work_item_type: &TypeRecord,
    members: Option<&[UserRecord]>,
) -> Result<Value, ApiError> {
    let mut out = Map::new();
    for property in PropertyRecord::of_type(conn, &work_item_type.id)?
        .into_iter()
        .filter(|p| p.is_active)
    {
        let mut entry = json!({
            "id": property.id,
            "type": property.property_type.as_str(),
            "name": property.name,
            "display_name": property.display_name,
            "description": property.description,
            "required": property.is_required,
            "is_multi": property.is_multi,
        });
        if property.property_type == PropertyType::Option {
            let options: Vec<Value> = OptionRecord::of_property(conn, &property.id)?
                .into_iter()
                .filter(|o| o.is_active)
                .map(|o| json!({"id": o.id, "name": o.name, "logo_props": o.logo_props}))
                .collect();
            entry["options"] = Value::Array(options);
        }
        if property.property_type == PropertyType::Relation {
            entry["relation_type"] =
                json!(property.relation_type.as_ref().map(RelationType::as_str));
            if let (Some(RelationType::User), Some(members)) = (&property.relation_type, members) {
                entry["options"] = Value::Array(members.iter().map(user_lite).collect());
            }
        }
        out.insert(format!("custom_field_{}", property.name), entry);
    }
    Ok(Value::Object(out))
}
