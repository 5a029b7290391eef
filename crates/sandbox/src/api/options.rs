//! Options of an OPTION property: list (inactive ones included), detail, create, update, delete.
//! Names are unique within a property, at most one option is the default, and making an option
//! the default also makes it active.

use crate::api::{Params, created, drf_bool, no_content, ok, timestamp};
use crate::body::RawBody;
use crate::clock::now_micros;
use crate::error::{ApiError, ApiResult, PAYLOAD_NOT_VALID};
use crate::ids::fresh_id;
use crate::state::Shared;
use crate::store::records::{OptionRecord, ProjectRecord, PropertyRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::State;
use plane_inline_core::property::PropertyType;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};

const DUPLICATE_EXTERNAL: &str =
    "Issue Property Option with the same external id and external source already exists";

/// Plane's option object.
pub fn render(o: &OptionRecord) -> Value {
    json!({
        "id": o.id,
        "name": o.name,
        "description": o.description,
        "sort_order": o.sort_order,
        "logo_props": o.logo_props,
        "is_active": o.is_active,
        "is_default": o.is_default,
        "parent": o.parent_id,
        "property": o.property_id,
        "workspace": o.workspace_id,
        "project": o.project_id,
        "external_source": o.external_source,
        "external_id": o.external_id,
        "created_at": timestamp(o.created_at),
        "updated_at": timestamp(o.updated_at),
        "deleted_at": null,
        "created_by": o.created_by,
        "updated_by": o.updated_by,
    })
}

/// The project (402 without the feature; for a write, 409 in a workspace that manages its
/// types at the workspace level) and the property (404 unless it is the project's: a workspace
/// property's options are read under `/workspaces/{slug}/work-item-properties/`).
fn property_of(
    conn: &Connection,
    workspace: &WorkspaceRecord,
    params: &Params,
    writing: bool,
) -> Result<PropertyRecord, ApiError> {
    let project_id = params.get("project_id")?;
    let project = if writing {
        ProjectRecord::require_for_definitions(conn, workspace, project_id)?
    } else {
        ProjectRecord::require_with_properties(conn, workspace, project_id)?
    };
    PropertyRecord::in_project(conn, &project.id, params.get("property_id")?)?
        .ok_or(ApiError::ResourceNotFound)
}

/// `GET .../work-item-properties/{property_id}/options/`: a bare array.
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let property = property_of(conn, &workspace, &params, false)?;
        Ok(Value::Array(
            OptionRecord::of_property(conn, &property.id)?
                .iter()
                .map(render)
                .collect(),
        ))
    })?;
    Ok(ok(&body))
}

/// `GET .../options/{option_id}/`.
pub async fn detail(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let property = property_of(conn, &workspace, &params, false)?;
        let option = OptionRecord::load(conn, &property.id, params.get("option_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        Ok(render(&option))
    })?;
    Ok(ok(&body))
}

/// Field errors of an option body; `creating` makes `name` required.
fn validate(body: &Map<String, Value>, creating: bool) -> Result<(), ApiError> {
    let mut errors = Map::new();
    match body.get("name") {
        None if creating => {
            errors.insert("name".into(), json!(["This field is required."]));
        }
        None => {}
        Some(Value::String(s)) if s.trim().is_empty() => {
            errors.insert("name".into(), json!(["This field may not be blank."]));
        }
        Some(Value::String(s)) if s.chars().count() > 255 => {
            errors.insert(
                "name".into(),
                json!(["Ensure this field has no more than 255 characters."]),
            );
        }
        Some(Value::String(_)) => {}
        Some(Value::Null) => {
            errors.insert("name".into(), json!(["This field may not be null."]));
        }
        Some(_) => {
            errors.insert("name".into(), json!(["Not a valid string."]));
        }
    }
    for key in ["is_active", "is_default"] {
        if body.get(key).is_some_and(|v| drf_bool(v).is_none()) {
            errors.insert(key.into(), json!(["Must be a valid boolean."]));
        }
    }
    if let Some(parent) = body.get("parent").filter(|p| !p.is_null())
        && parent
            .as_str()
            .and_then(crate::python_uuid::parse_python_uuid)
            .is_none()
    {
        errors.insert(
            "parent".into(),
            json!([format!(
                "“{}” is not a valid UUID.",
                crate::python::py_str(parent)
            )]),
        );
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Fields(errors))
    }
}

fn text(body: &Map<String, Value>, key: &str) -> Option<Option<String>> {
    body.get(key).map(|v| v.as_str().map(str::to_owned))
}

/// The checks shared by create and update: unique name, single default, unique external pair.
fn check_conflicts(conn: &Connection, option: &OptionRecord) -> Result<(), ApiError> {
    let name_taken = conn
        .prepare_cached("SELECT 1 FROM options WHERE property_id = ?1 AND name = ?2 AND id != ?3")?
        .exists(params![option.property_id, option.name, option.id])?;
    if name_taken {
        return Err(ApiError::BadRequest(PAYLOAD_NOT_VALID.to_owned()));
    }
    if option.is_default {
        let other_default = conn
            .prepare_cached(
                "SELECT 1 FROM options WHERE property_id = ?1 AND is_default = 1 AND id != ?2",
            )?
            .exists(params![option.property_id, option.id])?;
        if other_default {
            return Err(ApiError::BadRequest(
                "Default option already exists".to_owned(),
            ));
        }
    }
    if let (Some(source), Some(external_id)) = (&option.external_source, &option.external_id) {
        let existing: Option<String> = conn
            .prepare_cached("SELECT id FROM options WHERE property_id = ?1 AND external_source = ?2 AND external_id = ?3 AND id != ?4")?
            .query_row(params![option.property_id, source, external_id, option.id], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Err(ApiError::Conflict {
                message: DUPLICATE_EXTERNAL,
                id,
            });
        }
    }
    Ok(())
}

/// `POST .../options/`: 201 with the new option.
pub async fn create(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let property = property_of(tx, &workspace, &params, true)?;
        let body = body.object()?;
        validate(&body, true)?;
        if property.property_type != PropertyType::Option {
            return Err(ApiError::BadRequest(
                "Issue Property type is not OPTION".to_owned(),
            ));
        }
        let is_default = body.get("is_default").and_then(drf_bool).unwrap_or(false);
        let sort_order: f64 = tx
            .prepare_cached(
                "SELECT COALESCE(MAX(sort_order), 0) + 10000 FROM options WHERE property_id = ?1",
            )?
            .query_row([&property.id], |r| r.get(0))?;
        let now = now_micros();
        let option = OptionRecord {
            id: fresh_id(),
            workspace_id: property.workspace_id.clone(),
            project_id: property.project_id.clone(),
            property_id: property.id.clone(),
            name: body
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_owned(),
            description: body
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            sort_order,
            logo_props: json!({}),
            is_active: is_default || body.get("is_active").and_then(drf_bool).unwrap_or(true),
            is_default,
            parent_id: text(&body, "parent")
                .flatten()
                .and_then(|p| crate::python_uuid::parse_python_uuid(&p)),
            external_source: text(&body, "external_source").flatten(),
            external_id: text(&body, "external_id").flatten(),
            created_by: Some(app.owner_id.clone()),
            updated_by: Some(app.owner_id.clone()),
            created_at: now,
            updated_at: now,
        };
        check_conflicts(tx, &option)?;
        option.insert(tx)?;
        Ok(render(&option))
    })?;
    Ok(created(&body))
}

/// `PATCH .../options/{option_id}/`: partial update.
pub async fn update(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let property = property_of(tx, &workspace, &params, true)?;
        let mut option = OptionRecord::load(tx, &property.id, params.get("option_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        let body = body.object()?;
        validate(&body, false)?;
        if let Some(name) = body.get("name").and_then(Value::as_str) {
            option.name = name.trim().to_owned();
        }
        if let Some(description) = text(&body, "description") {
            option.description = description.unwrap_or_default();
        }
        if let Some(active) = body.get("is_active").and_then(drf_bool) {
            option.is_active = active;
        }
        if let Some(default) = body.get("is_default").and_then(drf_bool) {
            option.is_default = default;
        }
        if option.is_default {
            option.is_active = true;
        }
        if let Some(parent) = text(&body, "parent") {
            option.parent_id = parent.and_then(|p| crate::python_uuid::parse_python_uuid(&p));
        }
        if let Some(source) = text(&body, "external_source") {
            option.external_source = source;
        }
        if let Some(external_id) = text(&body, "external_id") {
            option.external_id = external_id;
        }
        check_conflicts(tx, &option)?;
        option.updated_by = Some(app.owner_id.clone());
        option.updated_at = now_micros();
        option.update(tx)?;
        Ok(render(&option))
    })?;
    Ok(ok(&body))
}

/// `DELETE .../options/{option_id}/`: 204; values choosing it are removed too.
pub async fn remove(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let property = property_of(tx, &workspace, &params, true)?;
        let option = OptionRecord::load(tx, &property.id, params.get("option_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        tx.execute(
            "DELETE FROM property_values WHERE property_id = ?1 AND value_text = ?2",
            [&property.id, &option.id],
        )?;
        tx.execute("DELETE FROM options WHERE id = ?1", [&option.id])?;
        Ok(())
    })?;
    Ok(no_content())
}
