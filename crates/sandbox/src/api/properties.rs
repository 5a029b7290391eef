//! Custom property definitions of a work item type: list, detail, create, update, delete, plus
//! the project-wide listing the SDK calls. The server derives `name` from `display_name`
//! (Django's slugify); `options` may be sent inline on create for OPTION properties only.

use crate::api::fields::{FieldErrors, bool_field, string_field};
use crate::api::{Params, created, drf_bool, no_content, ok, timestamp};
use crate::body::RawBody;
use crate::clock::now_micros;
use crate::error::{ApiError, ApiResult, PAYLOAD_NOT_VALID};
use crate::ids::fresh_id;
use crate::slug::slugify;
use crate::state::Shared;
use crate::store::records::{
    OptionRecord, ProjectRecord, PropertyRecord, TypeRecord, WorkspaceRecord,
};
use axum::Extension;
use axum::extract::State;
use plane_inline_core::property::{PropertyType, RelationType};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};

const PROPERTY_TYPES: [&str; 10] = [
    "TEXT", "DATETIME", "DECIMAL", "BOOLEAN", "OPTION", "RELATION", "URL", "EMAIL", "FILE",
    "FORMULA",
];
const RELATION_TYPES: [&str; 4] = ["ISSUE", "USER", "RELEASE", "RICH_TEXT"];
const DUPLICATE_EXTERNAL: &str =
    "Issue Property with the same external id and external source already exists";

/// Plane's property object, with its options (`[]` unless OPTION).
pub fn render(conn: &Connection, p: &PropertyRecord) -> Result<Value, ApiError> {
    let options: Vec<Value> = if p.property_type == PropertyType::Option {
        OptionRecord::of_property(conn, &p.id)?
            .iter()
            .map(crate::api::options::render)
            .collect()
    } else {
        Vec::new()
    };
    Ok(json!({
        "id": p.id,
        "name": p.name,
        "display_name": p.display_name,
        "description": p.description,
        "logo_props": p.logo_props,
        "sort_order": p.sort_order,
        "property_type": p.property_type.as_str(),
        "relation_type": p.relation_type.as_ref().map(RelationType::as_str),
        "is_required": p.is_required,
        "default_value": p.default_value,
        "settings": p.settings,
        "is_active": p.is_active,
        "is_multi": p.is_multi,
        "validation_rules": p.validation_rules,
        "issue_type": p.type_id,
        "formula_config": null,
        "workspace": p.workspace_id,
        "project": p.project_id,
        "external_source": p.external_source,
        "external_id": p.external_id,
        "created_at": timestamp(p.created_at),
        "updated_at": timestamp(p.updated_at),
        "deleted_at": null,
        "created_by": p.created_by,
        "updated_by": p.updated_by,
        "options": options,
    }))
}

/// Loads the project (402 without the feature; for a write, 409 in a workspace that manages
/// its types at the workspace level) and the type (404 if not the project's).
fn type_of(
    conn: &Connection,
    workspace: &WorkspaceRecord,
    params: &Params,
    writing: bool,
) -> Result<(ProjectRecord, TypeRecord), ApiError> {
    let project_id = params.get("project_id")?;
    let project = if writing {
        ProjectRecord::require_for_definitions(conn, workspace, project_id)?
    } else {
        ProjectRecord::require_with_properties(conn, workspace, project_id)?
    };
    let work_item_type = TypeRecord::require(conn, &project.id, params.get("type_id")?)?;
    Ok((project, work_item_type))
}

/// Renders properties as the bare array Plane's list endpoints answer.
fn render_all(conn: &Connection, properties: &[PropertyRecord]) -> Result<Value, ApiError> {
    let list = properties
        .iter()
        .map(|p| render(conn, p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Value::Array(list))
}

/// `GET .../work-item-types/{type_id}/work-item-properties/`: a bare array.
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let (_, work_item_type) = type_of(conn, &workspace, &params, false)?;
        render_all(conn, &PropertyRecord::of_type(conn, &work_item_type.id)?)
    })?;
    Ok(ok(&body))
}

/// `GET .../work-item-types/{type_id}/work-item-properties/{property_id}/`.
pub async fn detail(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let (_, work_item_type) = type_of(conn, &workspace, &params, false)?;
        let property =
            PropertyRecord::in_type(conn, &work_item_type.id, params.get("property_id")?)?
                .ok_or(ApiError::ResourceNotFound)?;
        render(conn, &property)
    })?;
    Ok(ok(&body))
}

/// `GET .../projects/{project_id}/work-item-properties/`: every property of the project.
pub async fn list_project(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let project =
            ProjectRecord::require_with_properties(conn, &workspace, params.get("project_id")?)?;
        render_all(conn, &PropertyRecord::of_project(conn, &project.id)?)
    })?;
    Ok(ok(&body))
}

/// `GET .../projects/{project_id}/work-item-properties/{property_id}/`.
pub async fn detail_project(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let project =
            ProjectRecord::require_with_properties(conn, &workspace, params.get("project_id")?)?;
        let property = PropertyRecord::in_project(conn, &project.id, params.get("property_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        render(conn, &property)
    })?;
    Ok(ok(&body))
}

/// The changes a create or update body asks for.
#[derive(Default)]
struct PropertyChanges {
    display_name: Option<String>,
    description: Option<Option<String>>,
    property_type: Option<PropertyType>,
    relation_type: Option<Option<RelationType>>,
    is_required: Option<bool>,
    is_multi: Option<bool>,
    is_active: Option<bool>,
    default_value: Option<Value>,
    settings: Option<Value>,
    validation_rules: Option<Value>,
    external_source: Option<Option<String>>,
    external_id: Option<Option<String>>,
    options: Option<Vec<Map<String, Value>>>,
}

fn read_changes(body: &Map<String, Value>, creating: bool) -> Result<PropertyChanges, ApiError> {
    let mut errors = FieldErrors::default();
    let mut changes = PropertyChanges::default();
    match body.get("display_name") {
        None if creating => errors.add("display_name", "This field is required."),
        None => {}
        Some(Value::Null) => errors.add("display_name", "This field may not be null."),
        Some(Value::String(s)) if s.trim().is_empty() => {
            errors.add("display_name", "This field may not be blank.")
        }
        Some(Value::String(s)) if s.chars().count() > 255 => errors.add(
            "display_name",
            "Ensure this field has no more than 255 characters.",
        ),
        Some(Value::String(s)) => changes.display_name = Some(s.trim().to_owned()),
        Some(_) => errors.add("display_name", "Not a valid string."),
    }
    match body.get("property_type") {
        None if creating => errors.add("property_type", "This field is required."),
        None => {}
        Some(Value::String(s)) if PROPERTY_TYPES.contains(&s.as_str()) => {
            changes.property_type = Some(PropertyType::from_wire(s))
        }
        Some(other) => errors.add(
            "property_type",
            format!(
                "\"{}\" is not a valid choice.",
                crate::python::py_str(other)
            ),
        ),
    }
    match body.get("relation_type") {
        None => {}
        Some(Value::Null) => changes.relation_type = Some(None),
        Some(Value::String(s)) if s.is_empty() => changes.relation_type = Some(None),
        Some(Value::String(s)) if RELATION_TYPES.contains(&s.as_str()) => {
            changes.relation_type = Some(Some(RelationType::from_wire(s)))
        }
        Some(other) => errors.add(
            "relation_type",
            format!(
                "\"{}\" is not a valid choice.",
                crate::python::py_str(other)
            ),
        ),
    }
    match body.get("description") {
        None => {}
        Some(Value::Null) => changes.description = Some(None),
        Some(Value::String(s)) => changes.description = Some(Some(s.clone())),
        Some(_) => errors.add("description", "Not a valid string."),
    }
    changes.is_required = bool_field(body, "is_required", &mut errors);
    changes.is_multi = bool_field(body, "is_multi", &mut errors);
    changes.is_active = bool_field(body, "is_active", &mut errors);
    match body.get("default_value") {
        None => {}
        Some(Value::Array(items)) => {
            let mut strings = Vec::new();
            for item in items {
                match item {
                    Value::String(s) => strings.push(Value::String(s.clone())),
                    Value::Number(n) => strings.push(Value::String(n.to_string())),
                    _ => errors.add("default_value", "Not a valid string."),
                }
            }
            changes.default_value = Some(Value::Array(strings));
        }
        Some(other) => errors.add(
            "default_value",
            format!(
                "Expected a list of items but got type \"{}\".",
                crate::body::python_type(other)
            ),
        ),
    }
    for key in ["settings", "validation_rules"] {
        match body.get(key) {
            None => {}
            Some(Value::Null) => errors.add(key, "This field may not be null."),
            Some(value) if key == "settings" => changes.settings = Some(value.clone()),
            Some(value) => changes.validation_rules = Some(value.clone()),
        }
    }
    changes.external_source = string_field(body, "external_source", &mut errors);
    changes.external_id = string_field(body, "external_id", &mut errors);
    if creating && let Some(options) = body.get("options").filter(|o| !o.is_null()) {
        changes.options = read_inline_options(options, changes.property_type.as_ref(), &mut errors);
    }
    errors.finish()?;
    Ok(changes)
}

fn read_inline_options(
    options: &Value,
    property_type: Option<&PropertyType>,
    errors: &mut FieldErrors,
) -> Option<Vec<Map<String, Value>>> {
    if property_type != Some(&PropertyType::Option) {
        errors.add(
            "options",
            "Options can only be provided when property_type is OPTION",
        );
        return None;
    }
    let Value::Array(items) = options else {
        errors.add(
            "options",
            format!(
                "Expected a list of items but got type \"{}\".",
                crate::body::python_type(options)
            ),
        );
        return None;
    };
    let mut list = Vec::new();
    for item in items {
        match item.as_object() {
            Some(map)
                if map
                    .get("name")
                    .and_then(Value::as_str)
                    .is_some_and(|n| !n.trim().is_empty()) =>
            {
                list.push(map.clone())
            }
            Some(_) => {
                errors.add("options", "Each option needs a non-blank \"name\".");
                return None;
            }
            None => {
                errors.add("options", "Each option must be an object.");
                return None;
            }
        }
    }
    let defaults = list
        .iter()
        .filter(|o| o.get("is_default").and_then(drf_bool).unwrap_or(false))
        .count();
    if defaults > 1 {
        errors.add("options", "Only one option can be marked as default");
        return None;
    }
    let mut names: Vec<&str> = list
        .iter()
        .filter_map(|o| o.get("name").and_then(Value::as_str))
        .collect();
    names.sort_unstable();
    if names.windows(2).any(|w| w.first() == w.get(1)) {
        errors.add("options", "Option names must be unique within a property.");
        return None;
    }
    Some(list)
}

/// A 409 when another property of the project already has this external pair.
fn check_external(
    conn: &Connection,
    project_id: &str,
    source: Option<&str>,
    external_id: Option<&str>,
    except: &str,
) -> Result<(), ApiError> {
    let (Some(source), Some(external_id)) = (source, external_id) else {
        return Ok(());
    };
    let existing: Option<String> = conn
        .prepare_cached("SELECT id FROM properties WHERE project_id = ?1 AND external_source = ?2 AND external_id = ?3 AND id != ?4")?
        .query_row(params![project_id, source, external_id, except], |r| r.get(0))
        .optional()?;
    match existing {
        Some(id) => Err(ApiError::Conflict {
            message: DUPLICATE_EXTERNAL,
            id,
        }),
        None => Ok(()),
    }
}

/// Plane's unique (name, type) constraint surfaces as an `IntegrityError`; properties of no type
/// are unique by name among the project's other untyped properties.
pub fn check_name_free(
    conn: &Connection,
    project_id: &str,
    type_id: Option<&str>,
    name: &str,
    except: &str,
) -> Result<(), ApiError> {
    let taken = conn
        .prepare_cached(
            "SELECT 1 FROM properties WHERE project_id = ?1 AND type_id IS ?2 AND name = ?3 \
             AND id != ?4",
        )?
        .exists(params![project_id, type_id, name, except])?;
    if taken {
        Err(ApiError::BadRequest(PAYLOAD_NOT_VALID.to_owned()))
    } else {
        Ok(())
    }
}

/// `POST .../work-item-types/{type_id}/work-item-properties/`: 201 with the new property.
pub async fn create(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let (project, work_item_type) = type_of(tx, &workspace, &params, true)?;
        create_in(tx, &app, &project, Some(&work_item_type), &body)
    })?;
    Ok(created(&body))
}

/// Creates a property of the project, of `work_item_type` or of no type, from a request body.
pub fn create_in(
    tx: &Connection,
    app: &Shared,
    project: &ProjectRecord,
    work_item_type: Option<&TypeRecord>,
    body: &RawBody,
) -> Result<Value, ApiError> {
    let type_id = work_item_type.map(|t| t.id.clone());
    let changes = read_changes(&body.object()?, true)?;
    let display_name = changes.display_name.unwrap_or_default();
    let property_type = changes.property_type.unwrap_or(PropertyType::Text);
    let relation_type = changes.relation_type.flatten();
    let name = slugify(&display_name);
    let id = fresh_id();
    check_name_free(tx, &project.id, type_id.as_deref(), &name, &id)?;
    let external_source = changes.external_source.flatten();
    let external_id = changes.external_id.flatten();
    check_external(
        tx,
        &project.id,
        external_source.as_deref(),
        external_id.as_deref(),
        &id,
    )?;
    let sort_order: f64 = tx
        .prepare_cached(
            "SELECT COALESCE(MAX(sort_order), 0) + 10000 FROM properties \
             WHERE project_id = ?1 AND type_id IS ?2",
        )?
        .query_row(params![project.id, type_id], |r| r.get(0))?;
    let now = now_micros();
    let mut record = PropertyRecord {
        id: id.clone(),
        workspace_id: project.workspace_id.clone(),
        project_id: Some(project.id.clone()),
        type_id,
        name,
        display_name,
        description: changes.description.flatten(),
        logo_props: PropertyRecord::logo_for(&property_type, relation_type.as_ref()),
        sort_order,
        property_type,
        relation_type,
        is_required: changes.is_required.unwrap_or(false),
        default_value: changes.default_value.unwrap_or_else(|| json!([])),
        settings: changes.settings.unwrap_or_else(|| json!({})),
        is_active: changes.is_active.unwrap_or(true),
        is_multi: changes.is_multi.unwrap_or(false),
        validation_rules: changes.validation_rules.unwrap_or_else(|| json!({})),
        external_source,
        external_id,
        created_by: Some(app.owner_id.clone()),
        updated_by: Some(app.owner_id.clone()),
        created_at: now,
        updated_at: now,
    };
    let mut default_option = None;
    for (index, option) in changes.options.unwrap_or_default().iter().enumerate() {
        let is_default = option.get("is_default").and_then(drf_bool).unwrap_or(false);
        let option_record = OptionRecord {
            id: fresh_id(),
            workspace_id: project.workspace_id.clone(),
            project_id: Some(project.id.clone()),
            property_id: id.clone(),
            name: option
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim()
                .to_owned(),
            description: option
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            sort_order: (index as f64 + 1.0) * 10_000.0,
            logo_props: json!({}),
            is_active: true,
            is_default,
            parent_id: None,
            external_source: option
                .get("external_source")
                .and_then(Value::as_str)
                .map(str::to_owned),
            external_id: option
                .get("external_id")
                .and_then(Value::as_str)
                .map(str::to_owned),
            created_by: Some(app.owner_id.clone()),
            updated_by: Some(app.owner_id.clone()),
            created_at: now + index as i64,
            updated_at: now + index as i64,
        };
        if is_default {
            default_option = Some(option_record.id.clone());
        }
        option_record.insert(tx)?;
    }
    if let Some(option_id) = default_option {
        record.default_value = json!([option_id]);
    }
    record.insert(tx)?;
    render(tx, &record)
}

/// `PATCH .../work-item-properties/{property_id}/`: partial update (`options` are ignored).
pub async fn update(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    let body = app.store.write(|tx| {
        let (project, work_item_type) = type_of(tx, &workspace, &params, true)?;
        let record = PropertyRecord::in_type(tx, &work_item_type.id, params.get("property_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        update_record(tx, &app, &project, record, &body)
    })?;
    Ok(ok(&body))
}

/// Applies an update body to a property of the project and renders the result.
pub fn update_record(
    tx: &Connection,
    app: &Shared,
    project: &ProjectRecord,
    mut record: PropertyRecord,
    body: &RawBody,
) -> Result<Value, ApiError> {
    let changes = read_changes(&body.object()?, false)?;
    if let Some(display_name) = changes.display_name {
        record.name = slugify(&display_name);
        record.display_name = display_name;
        check_name_free(
            tx,
            &project.id,
            record.type_id.as_deref(),
            &record.name,
            &record.id,
        )?;
    }
    if let Some(description) = changes.description {
        record.description = description;
    }
    if let Some(property_type) = changes.property_type {
        record.property_type = property_type;
    }
    if let Some(relation_type) = changes.relation_type {
        record.relation_type = relation_type;
    }
    record.logo_props =
        PropertyRecord::logo_for(&record.property_type, record.relation_type.as_ref());
    record.is_required = changes.is_required.unwrap_or(record.is_required);
    record.is_multi = changes.is_multi.unwrap_or(record.is_multi);
    record.is_active = changes.is_active.unwrap_or(record.is_active);
    if let Some(default_value) = changes.default_value {
        record.default_value = default_value;
    }
    if let Some(settings) = changes.settings {
        record.settings = settings;
    }
    if let Some(rules) = changes.validation_rules {
        record.validation_rules = rules;
    }
    if let Some(source) = changes.external_source {
        record.external_source = source;
    }
    if let Some(external_id) = changes.external_id {
        record.external_id = external_id;
    }
    check_external(
        tx,
        &project.id,
        record.external_source.as_deref(),
        record.external_id.as_deref(),
        &record.id,
    )?;
    record.updated_by = Some(app.owner_id.clone());
    record.updated_at = now_micros();
    record.update(tx)?;
    render(tx, &record)
}

/// `DELETE .../work-item-properties/{property_id}/`: 204; its options and values go with it.
pub async fn remove(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let (_, work_item_type) = type_of(tx, &workspace, &params, true)?;
        let record = PropertyRecord::in_type(tx, &work_item_type.id, params.get("property_id")?)?
            .ok_or(ApiError::ResourceNotFound)?;
        delete_record(tx, &record)
    })?;
    Ok(no_content())
}

/// Deletes a property with its options and values.
pub fn delete_record(tx: &Connection, record: &PropertyRecord) -> Result<(), ApiError> {
    tx.execute(
        "DELETE FROM property_values WHERE property_id = ?1",
        [&record.id],
    )?;
    tx.execute("DELETE FROM options WHERE property_id = ?1", [&record.id])?;
    tx.execute("DELETE FROM properties WHERE id = ?1", [&record.id])?;
    Ok(())
}
