//! Creating, changing and deleting a project's work item types (notes 1.1): `POST
//! .../work-item-types/` (201), `PATCH` and `DELETE .../work-item-types/{type_id}/` (200, 204).
//!
//! In a workspace that manages its types at the workspace level, each answers 409
//! ([`crate::error::managed_elsewhere_body`]).
//!
//! Body fields: `name` (required on create), `description`, `logo_props`, `is_epic`,
//! `is_active`, `level`, `external_source`, `external_id`. A second type with the same external
//! pair gives 409 with the existing id. Sandbox choices where the notes are silent: the 409
//! message follows the property one's wording, the default type cannot be deleted (400), and
//! deleting another type deletes its properties with their options and values and gives its work
//! items the project's default type.

use crate::api::fields::{FieldErrors, bool_field, string_field};
use crate::api::types::render;
use crate::api::{Params, created, no_content, ok};
use crate::body::RawBody;
use crate::clock::now_micros;
use crate::error::{ApiError, ApiResult};
use crate::ids::fresh_id;
use crate::state::Shared;
use crate::store::records::{ProjectRecord, TypeRecord, WorkspaceRecord};
use axum::Extension;
use axum::extract::State;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};

/// The 409 message for a duplicate external pair (sandbox wording, after the property one).
const DUPLICATE_EXTERNAL: &str =
    "Issue Type with the same external id and external source already exists";
/// The 400 message for deleting the project's default type (sandbox wording).
pub const DEFAULT_TYPE_UNDELETABLE: &str = "The default work item type cannot be deleted";

/// The changes a create or update body asks for.
#[derive(Default)]
struct TypeChanges {
    name: Option<String>,
    description: Option<String>,
    logo_props: Option<Value>,
    is_epic: Option<bool>,
    is_active: Option<bool>,
    level: Option<i64>,
    external_source: Option<Option<String>>,
    external_id: Option<Option<String>>,
}

fn read_changes(body: &Map<String, Value>, creating: bool) -> Result<TypeChanges, ApiError> {
    let mut errors = FieldErrors::default();
    let mut changes = TypeChanges::default();
    match body.get("name") {
        None if creating => errors.add("name", "This field is required."),
        None => {}
        Some(Value::Null) => errors.add("name", "This field may not be null."),
        Some(Value::String(s)) if s.trim().is_empty() => {
            errors.add("name", "This field may not be blank.")
        }
        Some(Value::String(s)) if s.chars().count() > 255 => {
            errors.add("name", "Ensure this field has no more than 255 characters.")
        }
        Some(Value::String(s)) => changes.name = Some(s.trim().to_owned()),
        Some(_) => errors.add("name", "Not a valid string."),
    }
    match body.get("description") {
        None => {}
        Some(Value::Null) => changes.description = Some(String::new()),
        Some(Value::String(s)) => changes.description = Some(s.clone()),
        Some(_) => errors.add("description", "Not a valid string."),
    }
    match body.get("logo_props") {
        None => {}
        Some(Value::Null) => errors.add("logo_props", "This field may not be null."),
        Some(value) => changes.logo_props = Some(value.clone()),
    }
    match body.get("level") {
        None => {}
        Some(value) => match value.as_i64().filter(|l| (0..=32767).contains(l)) {
            Some(level) => changes.level = Some(level),
            None => errors.add("level", "A valid integer is required."),
        },
    }
    changes.is_epic = bool_field(body, "is_epic", &mut errors);
    changes.is_active = bool_field(body, "is_active", &mut errors);
    changes.external_source = string_field(body, "external_source", &mut errors);
    changes.external_id = string_field(body, "external_id", &mut errors);
    errors.finish()?;
    Ok(changes)
}

/// A 409 when another type of the project already has this external pair.
fn check_external(conn: &Connection, record: &TypeRecord) -> Result<(), ApiError> {
    let (Some(source), Some(external_id)) = (&record.external_source, &record.external_id) else {
        return Ok(());
    };
    let existing: Option<String> = conn
        .prepare_cached(
            "SELECT id FROM work_item_types WHERE project_id = ?1 AND external_source = ?2 \
             AND external_id = ?3 AND id != ?4",
        )?
        .query_row(
            params![record.project_id, source, external_id, record.id],
            |r| r.get(0),
        )
        .optional()?;
    match existing {
        Some(id) => Err(ApiError::Conflict {
            message: DUPLICATE_EXTERNAL,
            id,
        }),
        None => Ok(()),
    }
}

fn apply(record: &mut TypeRecord, changes: TypeChanges) {
    if let Some(name) = changes.name {
        record.name = name;
    }
    if let Some(description) = changes.description {
        record.description = description;
    }
    if let Some(logo_props) = changes.logo_props {
        record.logo_props = logo_props;
    }
    record.is_epic = changes.is_epic.unwrap_or(record.is_epic);
    record.is_active = changes.is_active.unwrap_or(record.is_active);
    record.level = changes.level.unwrap_or(record.level);
    if let Some(source) = changes.external_source {
        record.external_source = source;
    }
    if let Some(external_id) = changes.external_id {
        record.external_id = external_id;
    }
}

/// `POST .../work-item-types/`: 201 with the new type (never the default one).
pub async fn create(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let project =
            ProjectRecord::require_for_definitions(tx, &workspace, params.get("project_id")?)?;
        let changes = read_changes(&body.object()?, true)?;
        let now = now_micros();
        let mut record = TypeRecord {
            id: fresh_id(),
            workspace_id: workspace.id.clone(),
            project_id: Some(project.id.clone()),
            name: String::new(),
            description: String::new(),
            is_default: false,
            is_active: true,
            is_epic: false,
            level: 0,
            logo_props: json!({}),
            external_source: None,
            external_id: None,
            created_by: Some(app.owner_id.clone()),
            created_at: now,
            updated_at: now,
        };
        apply(&mut record, changes);
        check_external(tx, &record)?;
        record.insert(tx)?;
        Ok(render(&record, None))
    })?;
    Ok(created(&body))
}

/// `PATCH .../work-item-types/{type_id}/`: partial update, 200 with the type.
pub async fn update(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let project =
            ProjectRecord::require_for_definitions(tx, &workspace, params.get("project_id")?)?;
        let mut record = TypeRecord::require(tx, &project.id, params.get("type_id")?)?;
        apply(&mut record, read_changes(&body.object()?, false)?);
        check_external(tx, &record)?;
        record.updated_at = now_micros();
        record.update(tx)?;
        Ok(render(&record, None))
    })?;
    Ok(ok(&body))
}

/// `DELETE .../work-item-types/{type_id}/`: 204.
pub async fn remove(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let project =
            ProjectRecord::require_for_definitions(tx, &workspace, params.get("project_id")?)?;
        let record = TypeRecord::require(tx, &project.id, params.get("type_id")?)?;
        if record.is_default {
            return Err(ApiError::BadRequest(DEFAULT_TYPE_UNDELETABLE.to_owned()));
        }
        let fallback = TypeRecord::of_project(tx, &project.id)?
            .into_iter()
            .find(|t| t.is_default)
            .map(|t| t.id);
        let owned = "SELECT id FROM properties WHERE type_id = ?1";
        tx.execute(
            &format!("DELETE FROM property_values WHERE property_id IN ({owned})"),
            [&record.id],
        )?;
        tx.execute(
            &format!("DELETE FROM options WHERE property_id IN ({owned})"),
            [&record.id],
        )?;
        tx.execute("DELETE FROM properties WHERE type_id = ?1", [&record.id])?;
        tx.execute(
            "UPDATE work_items SET type_id = ?2 WHERE type_id = ?1",
            params![record.id, fallback],
        )?;
        tx.execute("DELETE FROM work_item_types WHERE id = ?1", [&record.id])?;
        Ok(())
    })?;
    Ok(no_content())
}
