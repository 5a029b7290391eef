//! Work items: the paginated project list, one by id, one by `PROJ-123`, and workspace search.
//! `fields=` narrows the keys (names Plane's work item does not have add nothing, as in Plane),
//! `expand=` replaces ids by objects (`state`, `assignees`, `labels`, `project`, `type`,
//! `parent`); an unknown name there is a 400.

use crate::api::{Params, QueryMap, ok, timestamp, user_lite};
use crate::error::{ApiError, ApiResult};
use crate::pagination::PageRequest;
use crate::state::Shared;
use crate::store::records::{
    ProjectRecord, TypeRecord, UserRecord, Visibility, WorkItemRecord, WorkspaceRecord,
};
use axum::Extension;
use axum::extract::{Query, State};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Map, Value, json};

/// Every key of Plane's work item object, in order.
const FIELDS: [&str; 29] = [
    "id",
    "type_id",
    "created_at",
    "updated_at",
    "deleted_at",
    "point",
    "name",
    "description_html",
    "description_binary",
    "priority",
    "start_date",
    "target_date",
    "sequence_id",
    "sort_order",
    "completed_at",
    "archived_at",
    "is_draft",
    "external_source",
    "external_id",
    "created_by",
    "updated_by",
    "project",
    "workspace",
    "parent",
    "state",
    "estimate_point",
    "type",
    "assignees",
    "labels",
];

/// Keys `expand=` can turn into objects.
const EXPANDABLE: [&str; 6] = ["state", "assignees", "labels", "project", "type", "parent"];

/// Which keys to render and which to expand.
pub struct Shape {
    fields: Option<Vec<String>>,
    expand: Vec<String>,
}

fn comma_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Shape {
    /// Reads `fields` and `expand`; names it does not have are ignored, as Plane ignores them.
    pub fn from_query(query: &QueryMap) -> Self {
        // Plane's serializer keeps the fields named and drops the rest; a name it does not have
        // is no error, it just adds nothing (makeplane/plane, `BaseSerializer._filter_fields`).
        let fields = query
            .get("fields")
            .map(|f| comma_list(f))
            .filter(|f| !f.is_empty());
        // Plane's serializer expands the names it knows and passes over the rest, without an
        // error (makeplane/plane at 4ca6d6c, `BaseSerializer.to_representation`: a name that
        // is not one of the object's fields is skipped).
        let expand = query
            .get("expand")
            .map(|e| comma_list(e))
            .unwrap_or_default()
            .into_iter()
            .filter(|e| EXPANDABLE.contains(&e.as_str()))
            .collect();
        Self { fields, expand }
    }

    fn wants(&self, key: &str) -> bool {
        self.fields
            .as_ref()
            .is_none_or(|f| f.iter().any(|x| x == key))
    }

    fn expands(&self, key: &str) -> bool {
        self.expand.iter().any(|x| x == key)
    }
}

/// Plane's work item object, shaped by `fields` and `expand`.
pub fn render(conn: &Connection, item: &WorkItemRecord, shape: &Shape) -> Result<Value, ApiError> {
    let mut out = Map::new();
    for key in FIELDS {
        if !shape.wants(key) {
            continue;
        }
        let value = match key {
            "id" => json!(item.id),
            "type_id" | "type" if shape.expands("type") && key == "type" => match &item.type_id {
                Some(id) => TypeRecord::load(conn, id)?.map(|t| crate::api::types::render(&t, None)).unwrap_or(Value::Null),
                None => Value::Null,
            },
            "type_id" | "type" => json!(item.type_id),
            "created_at" => timestamp(item.created_at),
            "updated_at" => timestamp(item.updated_at),
            "name" => json!(item.name),
            "description_html" => json!(item.description_html),
            "priority" => json!(item.priority),
            "start_date" => json!(item.start_date),
            "target_date" => json!(item.target_date),
            "sequence_id" => json!(item.sequence_id),
            "sort_order" => json!(item.sort_order),
            "is_draft" => json!(item.is_draft),
            "archived_at" => json!(item.archived_at),
            "created_by" | "updated_by" => json!(item.created_by),
            "external_source" => json!(item.external_source),
            "external_id" => json!(item.external_id),
            "workspace" => json!(item.workspace_id),
            "project" if shape.expands("project") => {
                let project = ProjectRecord::load(conn, &item.workspace_id, &item.project_id)?;
                project.map_or(Value::Null, |p| json!({"id": p.id, "identifier": p.identifier, "name": p.name, "cover_image": null, "logo_props": {}, "description": p.description}))
            }
            "project" => json!(item.project_id),
            "parent" if shape.expands("parent") => match &item.parent_id {
                Some(id) => WorkItemRecord::load(conn, &item.project_id, id)?
                    .map_or(Value::Null, |p| json!({"id": p.id, "name": p.name, "sequence_id": p.sequence_id, "project_id": p.project_id})),
                None => Value::Null,
            },
            "parent" => json!(item.parent_id),
            "state" if shape.expands("state") => match &item.state_id {
                Some(id) => state_lite(conn, id)?,
                None => Value::Null,
            },
            "state" => json!(item.state_id),
            "assignees" => {
                let ids = WorkItemRecord::assignees(conn, &item.id)?;
                if shape.expands("assignees") {
                    let mut users = Vec::new();
                    for id in ids {
                        if let Some(user) = UserRecord::load(conn, &id)? {
                            users.push(user_lite(&user));
                        }
                    }
                    Value::Array(users)
                } else {
                    json!(ids)
                }
            }
            "labels" => {
                let ids = WorkItemRecord::labels(conn, &item.id)?;
                if shape.expands("labels") {
                    let mut labels = Vec::new();
                    for id in ids {
                        labels.push(label_lite(conn, &id)?);
                    }
                    Value::Array(labels)
                } else {
                    json!(ids)
                }
            }
            _ => Value::Null,
        };
        out.insert(key.to_owned(), value);
    }
    Ok(Value::Object(out))
}

fn state_lite(conn: &Connection, id: &str) -> Result<Value, ApiError> {
    Ok(conn
        .prepare_cached("SELECT id, name, color, state_group FROM states WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(json!({"id": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?, "color": r.get::<_, String>(2)?, "group": r.get::<_, String>(3)?}))
        })
        .optional()?
        .unwrap_or(Value::Null))
}

fn label_lite(conn: &Connection, id: &str) -> Result<Value, ApiError> {
    Ok(conn
        .prepare_cached("SELECT id, name, color FROM labels WHERE id = ?1")?
        .query_row([id], |r| Ok(json!({"id": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?, "color": r.get::<_, String>(2)?})))
        .optional()?
        .unwrap_or(Value::Null))
}

/// The SQL `ORDER BY` for Plane's `order_by` parameter (default `-created_at`).
fn order_clause(order_by: Option<&str>) -> Result<String, ApiError> {
    let param = order_by.filter(|o| !o.is_empty()).unwrap_or("-created_at");
    let (descending, field) = match param.strip_prefix('-') {
        Some(field) => (true, field),
        None => (false, param),
    };
    let column = match field {
        "created_at" | "updated_at" | "sequence_id" | "name" | "sort_order" | "start_date" | "target_date" => format!("w.{field}"),
        "priority" => "CASE w.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END".to_owned(),
        _ => return Err(ApiError::BadRequest(format!("Invalid order_by field: {param}"))),
    };
    let direction = if descending { "DESC" } else { "ASC" };
    Ok(format!("{column} {direction}, w.rowid {direction}"))
}

/// `GET .../projects/{project_id}/work-items/`: cursor-paginated, or one item when both
/// `external_id` and `external_source` are given.
pub async fn list(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    Query(query): Query<QueryMap>,
) -> ApiResult {
    let project_id = params.get("project_id")?;
    let shape = Shape::from_query(&query);
    let body = app.store.read(|conn| {
        ProjectRecord::load(conn, &workspace.id, project_id)?.ok_or_else(no_such_project)?;
        if let (Some(external_id), Some(source)) = (query.get("external_id"), query.get("external_source")) {
            return external_item(conn, project_id, external_id, source, &shape);
        }
        let page = PageRequest::from_query(&query)?;
        let order = order_clause(query.get("order_by").map(String::as_str))?;
        let seen = Visibility::Listed.sql();
        let total: i64 = conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM work_items w WHERE w.project_id = ?1 AND {seen}"))?
            .query_row([project_id], |r| r.get(0))?;
        let window = page.window();
        let sql = format!(
            "SELECT {} FROM work_items w WHERE w.project_id = ?1 AND {seen} ORDER BY {order} LIMIT ?2 OFFSET ?3",
            WorkItemRecord::COLUMNS
        );
        let items: Vec<WorkItemRecord> = conn
            .prepare_cached(&sql)?
            .query_map(params![project_id, window.limit, window.offset], WorkItemRecord::from_row)?
            .collect::<Result<_, _>>()?;
        let rows = items.iter().map(|i| render(conn, i, &shape)).collect::<Result<Vec<_>, _>>()?;
        Ok(page.envelope(rows, total))
    })?;
    Ok(ok(&body))
}

fn external_item(
    conn: &Connection,
    project_id: &str,
    external_id: &str,
    source: &str,
    shape: &Shape,
) -> Result<Value, ApiError> {
    let item = WorkItemRecord::by_external(conn, project_id, external_id, source)?
        .ok_or(ApiError::ResourceNotFound)?;
    render(conn, &item, shape)
}

/// `GET .../projects/{project_id}/work-items/{work_item_id}/`.
pub async fn detail(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    Query(query): Query<QueryMap>,
) -> ApiResult {
    let project_id = params.get("project_id")?;
    let work_item_id = params.get("work_item_id")?;
    let shape = Shape::from_query(&query);
    let body = app.store.read(|conn| {
        ProjectRecord::load(conn, &workspace.id, project_id)?.ok_or_else(no_such_project)?;
        let item = WorkItemRecord::load_seen(conn, project_id, work_item_id, Visibility::Listed)?
            .ok_or(ApiError::ResourceNotFound)?;
        render(conn, &item, &shape)
    })?;
    Ok(ok(&body))
}

/// DRF's permission 403, for a work item request naming a project the workspace does not have: Plane checks the caller's project membership before it looks for the work item, so
/// an unknown project (by id, or by identifier in `PROJ-N`) is a 403, not a 404 (Plane's
/// Community Edition server, makeplane/plane at 4ca6d6c; an unknown number in a known project
/// stays a 404). Kept here, in one place, should a real server answer otherwise.
pub fn no_such_project() -> ApiError {
    ApiError::Detail(
        axum::http::StatusCode::FORBIDDEN,
        "You do not have permission to perform this action.".into(),
    )
}

/// `GET /workspaces/{slug}/work-items/{PROJ}-{N}/`: the identifier is matched exactly.
pub async fn by_identifier(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    params: Params,
    Query(query): Query<QueryMap>,
) -> ApiResult {
    let identifier = params.get("identifier")?;
    let shape = Shape::from_query(&query);
    let body = app.store.read(|conn| {
        if let Some((project_identifier, sequence)) = identifier.rsplit_once('-')
            && sequence.trim().parse::<i64>().is_ok()
        {
            ProjectRecord::by_identifier(conn, &workspace.id, project_identifier)?
                .ok_or_else(no_such_project)?;
        }
        let item = find_seen(conn, &workspace.id, identifier, Visibility::ByIdentifier)?
            .ok_or(ApiError::ResourceNotFound)?;
        render(conn, &item, &shape)
    })?;
    Ok(ok(&body))
}

/// Finds `PROJ-N` in the workspace, whatever its kind (the stand-in pages show every item).
pub fn find_by_identifier(
    conn: &Connection,
    workspace_id: &str,
    identifier: &str,
) -> Result<Option<WorkItemRecord>, ApiError> {
    find_seen(conn, workspace_id, identifier, Visibility::All)
}

/// Finds `PROJ-N` in the workspace among the items `seen` lets through (the project part is
/// everything before the last hyphen).
pub fn find_seen(
    conn: &Connection,
    workspace_id: &str,
    identifier: &str,
    seen: Visibility,
) -> Result<Option<WorkItemRecord>, ApiError> {
    let Some((project_identifier, sequence)) = identifier.rsplit_once('-') else {
        return Ok(None);
    };
    let Ok(sequence) = sequence.trim().parse::<i64>() else {
        return Ok(None);
    };
    let Some(project) = ProjectRecord::by_identifier(conn, workspace_id, project_identifier)?
    else {
        return Ok(None);
    };
    WorkItemRecord::by_sequence(conn, &project.id, sequence, seen)
}

/// `GET /workspaces/{slug}/work-items/search/?search=`: name (case-insensitive substring), any
/// number in the query as a sequence id, or the project identifier; `{"issues": [...]}`.
pub async fn search(
    State(app): State<Shared>,
    Extension(workspace): Extension<WorkspaceRecord>,
    Query(query): Query<QueryMap>,
) -> ApiResult {
    let text = query.get("search").map(String::as_str).unwrap_or("");
    if text.is_empty() {
        return Ok(ok(&json!({ "issues": [] })));
    }
    let limit: i64 = query
        .get("limit")
        .and_then(|l| l.trim().parse().ok())
        .filter(|l: &i64| *l >= 0)
        .unwrap_or(10);
    let project_filter = match (
        query.get("workspace_search").map(String::as_str),
        query.get("project_id"),
    ) {
        (Some("true"), _) | (_, None) => None,
        (_, Some(project)) => Some(project.clone()),
    };
    let numbers: Vec<i64> = text
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
        .filter_map(|w| w.parse().ok())
        .collect();
    let numbers_json = json!(numbers).to_string();
    let issues = app.store.read(|conn| {
        // Plane's search reads `issue_objects` too (Community Edition, `IssueSearchEndpoint`).
        let sql = format!(
            "SELECT w.id, w.name, w.sequence_id, p.identifier, p.id FROM work_items w \
             JOIN projects p ON p.id = w.project_id \
             JOIN project_members m ON m.project_id = p.id AND m.user_id = ?2 \
             WHERE w.workspace_id = ?1 AND {} AND (?3 IS NULL OR p.id = ?3) AND ( \
               instr(lower(w.name), lower(?4)) > 0 OR instr(lower(p.identifier), lower(?4)) > 0 \
               OR w.sequence_id IN (SELECT value FROM json_each(?5))) \
             ORDER BY p.identifier, w.sequence_id LIMIT ?6",
            Visibility::Listed.sql()
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                workspace.id,
                app.owner_id,
                project_filter,
                text,
                numbers_json,
                limit
            ],
            |r| {
                Ok(json!({
                    "id": r.get::<_, String>(0)?,
                    "name": r.get::<_, String>(1)?,
                    "sequence_id": r.get::<_, i64>(2)?,
                    "project__identifier": r.get::<_, String>(3)?,
                    "project_id": r.get::<_, String>(4)?,
                    "workspace__slug": workspace.slug,
                }))
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    })?;
    Ok(ok(&json!({ "issues": issues })))
}
