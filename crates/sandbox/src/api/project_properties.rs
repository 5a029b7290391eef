//! Properties of a project that belong to no type until attached (notes 1.2, "newer endpoints"):
//! `POST .../projects/{project_id}/work-item-properties/` (201), `PATCH` and `DELETE` on
//! `.../work-item-properties/{property_id}/`, attach with `POST
//! .../work-item-types/{type_id}/properties/` and `{"properties": [ids]}`, and detach with
//! `DELETE .../work-item-types/{type_id}/properties/{property_id}/` (204).
//!
//! Every one is a write: 409 in a workspace that manages its types at the workspace level.
//!
//! Sandbox choices where the notes are silent: attach answers 201 with the attached ids as
//! `{"properties": [...]}` (the shape Plane's Python SDK reads); a property belongs to at most
//! one type here, so attaching one that another type holds is refused (400), and detaching leaves
//! the property, its options and its values in the project.

use crate::api::properties::{check_name_free, create_in, delete_record, update_record};
use crate::api::{Params, created, no_content, ok};
use crate::body::RawBody;
use crate::clock::now_micros;
use crate::error::{ApiError, ApiResult};
use crate::python_uuid::parse_python_uuid;
use crate::state::Shared;
use crate::store::records::{ProjectRecord, PropertyRecord, TypeRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::State;
use rusqlite::{Connection, params};
use serde_json::{Value, json};

/// The 400 message for attaching a property that another type holds (sandbox wording).
pub const HELD_BY_ANOTHER_TYPE: &str = "Property is already attached to another work item type";

fn project_of(
    conn: &Connection,
    workspace: &WorkspaceRecord,
    params: &Params,
) -> Result<ProjectRecord, ApiError> {
    ProjectRecord::require_for_definitions(conn, workspace, params.get("project_id")?)
}

/// `POST .../projects/{project_id}/work-item-properties/`: 201 with a property of no type.
pub async fn create(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let project = project_of(tx, &workspace, &params)?;
        create_in(tx, &app, &project, None, &body)
    })?;
    Ok(created(&body))
}

/// `PATCH .../projects/{project_id}/work-item-properties/{property_id}/`.
pub async fn update(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let project = project_of(tx, &workspace, &params)?;
        let record = PropertyRecord::in_project(tx, &project.id, params.get("property_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        update_record(tx, &app, &project, record, &body)
    })?;
    Ok(ok(&body))
}

/// `DELETE .../projects/{project_id}/work-item-properties/{property_id}/`: 204.
pub async fn remove(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let project = project_of(tx, &workspace, &params)?;
        let record = PropertyRecord::in_project(tx, &project.id, params.get("property_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        delete_record(tx, &record)
    })?;
    Ok(no_content())
}

/// The property ids of an attach body: `{"properties": ["<uuid>", ...]}`.
fn attach_ids(body: &RawBody) -> Result<Vec<String>, ApiError> {
    let body = body.object()?;
    let Some(list) = body.get("properties") else {
        return Err(ApiError::field("properties", "This field is required."));
    };
    let Value::Array(items) = list else {
        return Err(ApiError::field(
            "properties",
            format!(
                "Expected a list of items but got type \"{}\".",
                crate::body::python_type(list)
            ),
        ));
    };
    if items.is_empty() {
        return Err(ApiError::field("properties", "This list may not be empty."));
    }
    items
        .iter()
        .map(|item| {
            item.as_str().and_then(parse_python_uuid).ok_or_else(|| {
                ApiError::field(
                    "properties",
                    format!("Must be a valid UUID: {}", crate::python::py_str(item)),
                )
            })
        })
        .collect()
}

/// `POST .../work-item-types/{type_id}/properties/`: attaches project properties to the type.
pub async fn attach(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let project = project_of(tx, &workspace, &params)?;
        let work_item_type = TypeRecord::require(tx, &project.id, params.get("type_id")?)?;
        let ids = attach_ids(&body)?;
        let now = now_micros();
        for id in &ids {
            let record = PropertyRecord::in_project(tx, &project.id, id)?
                .ok_or(ApiError::ResourceNotFound)?;
            match record.type_id.as_deref() {
                Some(held) if held == work_item_type.id => continue,
                Some(_) => return Err(ApiError::BadRequest(HELD_BY_ANOTHER_TYPE.to_owned())),
                None => {}
            }
            check_name_free(
                tx,
                &project.id,
                Some(&work_item_type.id),
                &record.name,
                &record.id,
            )?;
            tx.execute(
                "UPDATE properties SET type_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![record.id, work_item_type.id, now],
            )?;
        }
        Ok(json!({ "properties": ids }))
    })?;
    Ok(created(&body))
}

/// `DELETE .../work-item-types/{type_id}/properties/{property_id}/`: 204; the property stays in
/// the project with no type.
pub async fn detach(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let project = project_of(tx, &workspace, &params)?;
        let work_item_type = TypeRecord::require(tx, &project.id, params.get("type_id")?)?;
        let record = PropertyRecord::in_type(tx, &work_item_type.id, params.get("property_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        check_name_free(tx, &project.id, None, &record.name, &record.id)?;
        tx.execute(
            "UPDATE properties SET type_id = NULL, updated_at = ?2 WHERE id = ?1",
            params![record.id, now_micros()],
        )?;
        Ok(())
    })?;
    Ok(no_content())
}
