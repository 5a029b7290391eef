//! Property values of a work item: the all-values list, and per property GET, POST (upsert:
//! 201 created, 200 updated; a multi-value property's set is replaced), PATCH (404 when nothing
//! is set yet) and DELETE (204; 404 when nothing is set), with Plane's checks and messages.
//!
//! An empty value (`""`, `[]`, `{}`) on a property that is not required passes Plane's checks
//! and keeps nothing: POST and PATCH remove what was stored and answer `[]` (POST: 201 when
//! nothing was stored, 200 when values were removed, as for any upsert).

use crate::api::{Params, created, no_content, ok, timestamp};
use crate::body::RawBody;
use crate::clock::now_micros;
use crate::error::{ApiError, ApiResult};
use crate::python::float_repr;
use crate::rules::value::{CheckedValue, References, ValueTarget, check_value};
use crate::state::Shared;
use crate::store::records::{
    ProjectRecord, PropertyRecord, StoredValue, ValueOwner, ValueRecord, WorkItemRecord,
    WorkspaceRecord,
};
use axum::Extension;
use axum::extract::State;
use axum::response::Response;
use plane_inline_core::property::PropertyType;
use rusqlite::{Connection, params};
use serde_json::{Map, Value, json};

const WORK_ITEM_NOT_FOUND: &str = "Work item not found";
const PROPERTY_NOT_FOUND: &str = "Property not found";
const VALUE_NOT_SET: &str = "Property value not set for this work item";
const VALUE_NOT_FOUND: &str = "Property value not found";
/// Plane's words when one of the external pair is missing, under both keys (the issue's "Plane's
/// exact words" table, from Plane's code).
const EXTERNAL_PAIR: &str = "Both external_id and external_source must be provided together";

/// Whether the property stores a set of values.
fn holds_many(property: &PropertyRecord) -> bool {
    property.is_multi
        && matches!(
            property.property_type,
            PropertyType::Option | PropertyType::Relation
        )
}

/// The typed `value` of a stored row.
fn typed(property: &PropertyRecord, row: &ValueRecord) -> Value {
    match property.property_type {
        PropertyType::Decimal => row.value_number.map_or(Value::Null, |n| json!(n)),
        PropertyType::Boolean => row.value_bool.map_or(Value::Null, Value::Bool),
        _ => row.value_text.as_ref().map_or(Value::Null, |t| json!(t)),
    }
}

/// The string form of the all-values list (`"3.0"`, `"true"`, dates, ids, text).
fn as_string(row: &ValueRecord) -> String {
    if let Some(text) = &row.value_text {
        text.clone()
    } else if let Some(number) = row.value_number {
        float_repr(number)
    } else if let Some(flag) = row.value_bool {
        flag.to_string()
    } else {
        String::new()
    }
}

/// Plane's value object.
fn render(property: &PropertyRecord, row: &ValueRecord) -> Value {
    json!({
        "id": row.id,
        "property_id": row.property_id,
        "issue_id": row.work_item_id,
        "value": typed(property, row),
        "value_type": property.property_type.as_str(),
        "external_id": row.external_id,
        "external_source": row.external_source,
        "created_at": timestamp(row.created_at),
        "updated_at": timestamp(row.updated_at),
    })
}

/// The answer for a property's rows: one object, or a list for multi-value properties. After an
/// empty value, which leaves no rows, the answer is `[]` whatever the property: the notes say an
/// empty list creates no rows and the set is left empty (plane-api.md, Corrections); the body of
/// a single-value clear is the sandbox's choice, made here.
fn render_rows(property: &PropertyRecord, rows: &[ValueRecord]) -> Value {
    match rows.first() {
        Some(first) if !holds_many(property) => render(property, first),
        _ => Value::Array(rows.iter().map(|r| render(property, r)).collect()),
    }
}

/// The work item and property a per-property request names.
struct Target {
    item: WorkItemRecord,
    property: PropertyRecord,
}

/// Whether a request reads a value or writes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// `GET`.
    Read,
    /// `POST`, `PATCH` or `DELETE`.
    Write,
}

/// The lowest project role that may write values: Plane's project permission lets admins (20)
/// and members (15) write and guests (5) only read (Community Edition's
/// `ProjectEntityPermission`, makeplane/plane at 4ca6d6c, `app/permissions/project.py`).
const WRITING_ROLE: i64 = 15;

/// Finds the work item and the property.
///
/// A write by someone whose project role is below [`WRITING_ROLE`] (or who is not a member of
/// the project) is DRF's permission 403, `{"detail": "You do not have permission to perform this
/// action."}` (Plane's permission classes set no message of their own); here it comes after the
/// plan's 402 and the project's 404.
///
/// Plane's value endpoints look properties up among those of non-epic types only (plane-api.md,
/// Corrections: "every v1 value endpoint filters to non-epic types"), so a property of an epic
/// type answers the read's "Property value not set for this work item" and the writes' "Property
/// not found". The notes name POST and PATCH; DELETE is given POST's answer here, the sandbox's
/// choice.
fn target(
    conn: &Connection,
    app: &Shared,
    workspace: &WorkspaceRecord,
    params: &Params,
    access: Access,
) -> Result<Target, ApiError> {
    let project =
        ProjectRecord::require_with_properties(conn, workspace, params.get("project_id")?)?;
    if access == Access::Write {
        let role = project.role_of(conn, &app.owner_id)?;
        if role.is_none_or(|role| role < WRITING_ROLE) {
            return Err(ApiError::permission_denied());
        }
    }
    let item = WorkItemRecord::load(conn, &project.id, params.get("work_item_id")?)?
        .ok_or(ApiError::NotFound(WORK_ITEM_NOT_FOUND))?;
    let property = PropertyRecord::in_workspace(conn, &workspace.id, params.get("property_id")?)?
        .ok_or(ApiError::NotFound(PROPERTY_NOT_FOUND))?;
    if property.of_epic_type(conn)? {
        return Err(ApiError::NotFound(match access {
            Access::Read => VALUE_NOT_SET,
            Access::Write => PROPERTY_NOT_FOUND,
        }));
    }
    Ok(Target { item, property })
}

/// `GET .../work-items/{work_item_id}/work-item-properties/values/`:
/// `[{"property_id", "values": [strings]}]`, only properties of the project with a value, and
/// none of an epic type (see [`ValueRecord::of_work_item`]).
pub async fn list_all(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        let project =
            ProjectRecord::require_with_properties(conn, &workspace, params.get("project_id")?)?;
        let item = WorkItemRecord::load(conn, &project.id, params.get("work_item_id")?)?
            .ok_or(ApiError::NotFound(WORK_ITEM_NOT_FOUND))?;
        let mut out: Vec<Value> = Vec::new();
        let mut current: Option<(String, Vec<String>)> = None;
        for row in ValueRecord::of_work_item(conn, &item.id, &project.id)? {
            match &mut current {
                Some((property_id, values)) if *property_id == row.property_id => {
                    values.push(as_string(&row))
                }
                _ => {
                    if let Some((property_id, values)) = current.take() {
                        out.push(json!({"property_id": property_id, "values": values}));
                    }
                    current = Some((row.property_id.clone(), vec![as_string(&row)]));
                }
            }
        }
        if let Some((property_id, values)) = current {
            out.push(json!({"property_id": property_id, "values": values}));
        }
        Ok(Value::Array(out))
    })?;
    Ok(ok(&body))
}

/// `GET .../work-item-properties/{property_id}/values/`.
pub async fn read(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    let body = app.store.read(|conn| {
        // Plane reads the value by work item and property at once: an unknown work item is a
        // value not set, not a work item not found (the table, from Plane's code).
        let t =
            target(conn, &app, &workspace, &params, Access::Read).map_err(|error| match error {
                ApiError::NotFound(WORK_ITEM_NOT_FOUND) => ApiError::NotFound(VALUE_NOT_SET),
                other => other,
            })?;
        let rows = ValueRecord::of(conn, &t.item.id, &t.property.id)?;
        if rows.is_empty() {
            return Err(ApiError::NotFound(VALUE_NOT_SET));
        }
        Ok(render_rows(&t.property, &rows))
    })?;
    Ok(ok(&body))
}

/// Database answers for the value checks.
struct Lookups<'a> {
    conn: &'a Connection,
    workspace_id: &'a str,
    property_id: &'a str,
}

impl Lookups<'_> {
    fn count(&self, sql: &str, scope: &str, ids: &[String]) -> Result<usize, ApiError> {
        let list = json!(ids).to_string();
        let n: i64 = self
            .conn
            .prepare_cached(sql)?
            .query_row(params![scope, list], |r| r.get(0))?;
        Ok(n as usize)
    }
}

impl References for Lookups<'_> {
    fn options_of_property(&self, ids: &[String]) -> Result<usize, ApiError> {
        self.count("SELECT COUNT(*) FROM options WHERE property_id = ?1 AND id IN (SELECT value FROM json_each(?2))", self.property_id, ids)
    }

    fn workspace_members(&self, ids: &[String]) -> Result<usize, ApiError> {
        self.count("SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ?1 AND user_id IN (SELECT value FROM json_each(?2))", self.workspace_id, ids)
    }

    fn workspace_work_items(&self, ids: &[String]) -> Result<usize, ApiError> {
        self.count("SELECT COUNT(*) FROM work_items WHERE workspace_id = ?1 AND id IN (SELECT value FROM json_each(?2))", self.workspace_id, ids)
    }
}

/// `(external_source, external_id)` as sent (either may be null).
type ExternalPair = (Option<String>, Option<String>);

/// `external_id` and `external_source`: strings or null, and both or neither.
fn external_pair(body: &Map<String, Value>) -> Result<Option<ExternalPair>, ApiError> {
    let read = |key: &str| -> Result<Option<Option<String>>, ApiError> {
        match body.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) if s.chars().count() > 255 => Err(ApiError::field(
                key,
                "Ensure this field has no more than 255 characters.",
            )),
            Some(Value::String(s)) => Ok(Some(Some(s.clone()))),
            Some(_) => Err(ApiError::field(key, "Not a valid string.")),
        }
    };
    let (source, id) = (read("external_source")?, read("external_id")?);
    let given = |v: &Option<Option<String>>| {
        v.as_ref()
            .is_some_and(|s| s.as_ref().is_some_and(|s| !s.is_empty()))
    };
    if given(&source) != given(&id) {
        let mut map = Map::new();
        map.insert("external_id".into(), json!([EXTERNAL_PAIR]));
        map.insert("external_source".into(), json!([EXTERNAL_PAIR]));
        return Err(ApiError::Fields(map));
    }
    Ok(match (source, id) {
        (None, None) => None,
        (source, id) => Some((source.flatten(), id.flatten())),
    })
}

/// Checks the body's `value` (and external pair) for the property.
fn checked(
    conn: &Connection,
    workspace: &WorkspaceRecord,
    property: &PropertyRecord,
    body: &Map<String, Value>,
) -> Result<CheckedValue, ApiError> {
    let target = ValueTarget {
        display_name: &property.display_name,
        property_type: &property.property_type,
        relation_type: property.relation_type.as_ref(),
        is_required: property.is_required,
        is_multi: holds_many(property),
    };
    let lookups = Lookups {
        conn,
        workspace_id: &workspace.id,
        property_id: &property.id,
    };
    check_value(target, body.get("value"), &lookups)
}

fn stored(value: CheckedValue) -> Vec<StoredValue> {
    match value {
        CheckedValue::Clear => Vec::new(),
        CheckedValue::Text(t) | CheckedValue::Date(t) => vec![StoredValue {
            text: Some(t),
            ..StoredValue::default()
        }],
        CheckedValue::Number(n) => vec![StoredValue {
            number: Some(n),
            ..StoredValue::default()
        }],
        CheckedValue::Bool(b) => vec![StoredValue {
            boolean: Some(b),
            ..StoredValue::default()
        }],
        CheckedValue::Ids(ids) => ids
            .into_iter()
            .map(|id| StoredValue {
                text: Some(id),
                ..StoredValue::default()
            })
            .collect(),
    }
}

/// Writes the checked value over the existing rows; returns the rows after the write.
fn write_value(
    conn: &Connection,
    app: &Shared,
    t: &Target,
    existing: &[ValueRecord],
    values: Vec<StoredValue>,
    external: Option<&ExternalPair>,
) -> Result<Vec<ValueRecord>, ApiError> {
    let now = now_micros();
    let update_external = |id: &str| -> Result<(), ApiError> {
        if let Some((source, external_id)) = external {
            conn.prepare_cached(
                "UPDATE property_values SET external_source = ?2, external_id = ?3 WHERE id = ?1",
            )?
            .execute(params![id, source, external_id])?;
        }
        Ok(())
    };
    let owner = ValueOwner {
        workspace_id: &t.item.workspace_id,
        project_id: &t.item.project_id,
        work_item_id: &t.item.id,
        property_id: &t.property.id,
        user_id: &app.owner_id,
    };
    let new_external = external.map_or((None, None), |(s, i)| (s.as_deref(), i.as_deref()));
    if values.is_empty() {
        // An empty value keeps nothing: what was stored goes.
        conn.prepare_cached(
            "DELETE FROM property_values WHERE work_item_id = ?1 AND property_id = ?2",
        )?
        .execute([&t.item.id, &t.property.id])?;
    } else if holds_many(&t.property) {
        let wanted: Vec<&str> = values.iter().filter_map(|v| v.text.as_deref()).collect();
        for row in existing {
            match row.value_text.as_deref() {
                Some(text) if wanted.contains(&text) => {
                    conn.prepare_cached(
                        "UPDATE property_values SET updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                    )?
                    .execute(params![row.id, now, app.owner_id])?;
                    update_external(&row.id)?;
                }
                _ => {
                    conn.prepare_cached("DELETE FROM property_values WHERE id = ?1")?
                        .execute([&row.id])?;
                }
            }
        }
        for value in &values {
            let present = existing.iter().any(|r| r.value_text == value.text);
            if !present {
                ValueRecord::insert(conn, owner, value, new_external, now)?;
            }
        }
    } else if let (Some(first), Some(value)) = (existing.first(), values.first()) {
        conn.prepare_cached(
            "UPDATE property_values SET value_text = ?2, value_number = ?3, value_bool = ?4, \
             updated_at = ?5, updated_by = ?6 WHERE id = ?1",
        )?
        .execute(params![
            first.id,
            value.text,
            value.number,
            value.boolean,
            now,
            app.owner_id
        ])?;
        update_external(&first.id)?;
        for extra in existing.iter().skip(1) {
            conn.prepare_cached("DELETE FROM property_values WHERE id = ?1")?
                .execute([&extra.id])?;
        }
    } else if let Some(value) = values.first() {
        ValueRecord::insert(conn, owner, value, new_external, now)?;
    }
    ValueRecord::of(conn, &t.item.id, &t.property.id)
}

/// `POST .../work-item-properties/{property_id}/values/`: upsert.
pub async fn upsert(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    app.store.write(|tx| {
        let t = target(tx, &app, &workspace, &params, Access::Write)?;
        let body = body.object()?;
        let value = checked(tx, &workspace, &t.property, &body)?;
        let external = external_pair(&body)?;
        let existing = ValueRecord::of(tx, &t.item.id, &t.property.id)?;
        let rows = write_value(tx, &app, &t, &existing, stored(value), external.as_ref())?;
        let answer = render_rows(&t.property, &rows);
        Ok(if existing.is_empty() {
            created(&answer)
        } else {
            ok(&answer)
        })
    })
}

/// `PATCH .../work-item-properties/{property_id}/values/`: like POST, but only over a value
/// that exists; without `value` only the external pair changes.
pub async fn update(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    body: RawBody,
) -> ApiResult {
    app.store.write(|tx| -> Result<Response, ApiError> {
        let t = target(tx, &app, &workspace, &params, Access::Write)?;
        let existing = ValueRecord::of(tx, &t.item.id, &t.property.id)?;
        if existing.is_empty() {
            return Err(ApiError::NotFound(VALUE_NOT_SET));
        }
        let body = body.object()?;
        // A PATCH must carry the value (Plane: `{"value": ["Value is required"]}`).
        if !body.contains_key("value") {
            return Err(ApiError::field("value", "Value is required"));
        }
        let value = checked(tx, &workspace, &t.property, &body)?;
        let external = external_pair(&body)?;
        let rows = write_value(tx, &app, &t, &existing, stored(value), external.as_ref())?;
        Ok(ok(&render_rows(&t.property, &rows)))
    })
}

/// `DELETE .../work-item-properties/{property_id}/values/`: every value of the property goes.
pub async fn remove(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
) -> ApiResult {
    app.store.write(|tx| {
        let t = target(tx, &app, &workspace, &params, Access::Write)?;
        let removed = tx
            .prepare_cached(
                "DELETE FROM property_values WHERE work_item_id = ?1 AND property_id = ?2",
            )?
            .execute([&t.item.id, &t.property.id])?;
        if removed == 0 {
            return Err(ApiError::NotFound(VALUE_NOT_FOUND));
        }
        Ok(())
    })?;
    Ok(no_content())
}
