//! Test controls under `/_sandbox/` (only with `--test-controls`; no key, no throttle, not
//! counted): faults, request counters, the rate limit, extra work items and reset.

use crate::body::RawBody;
use crate::clock::now_micros;
use crate::error::{ApiError, ApiResult, json_response};
use crate::ids::fresh_id;
use crate::seed::{self, Seed};
use crate::state::Shared;
use crate::store::Store;
use crate::store::records::{ProjectRecord, TypeRecord, WorkItemRecord, WorkspaceRecord};
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

fn done() -> axum::response::Response {
    json_response(StatusCode::OK, &json!({ "ok": true }))
}

/// `POST /_sandbox/faults`: 201 `{"id"}`, or 400 `{"error"}` naming what is wrong.
pub async fn add_fault(State(app): State<Shared>, body: RawBody) -> ApiResult {
    let value = body.value()?;
    let id = app
        .faults
        .add(&value)
        .map_err(|e| ApiError::BadRequest(e.0))?;
    Ok(json_response(StatusCode::CREATED, &json!({ "id": id })))
}

/// `GET /_sandbox/faults`: the active faults with their remaining counts.
pub async fn list_faults(State(app): State<Shared>) -> ApiResult {
    Ok(json_response(StatusCode::OK, &app.faults.snapshot()))
}

/// `DELETE /_sandbox/faults`: removes every fault.
pub async fn clear_faults(State(app): State<Shared>) -> ApiResult {
    app.faults.clear();
    Ok(done())
}

/// `GET /_sandbox/requests`: counts by method and route.
pub async fn requests(State(app): State<Shared>) -> ApiResult {
    Ok(json_response(StatusCode::OK, &app.traffic.snapshot()))
}

/// `DELETE /_sandbox/requests`: zeroes the counters.
pub async fn clear_requests(State(app): State<Shared>) -> ApiResult {
    app.traffic.clear();
    Ok(done())
}

/// `PUT /_sandbox/rate-limit` with `{"rate": "60/minute"}`: the rate in force from now on (a
/// reset puts the configured one back); 400 `{"error"}` for a rate DRF would not read.
pub async fn set_rate_limit(State(app): State<Shared>, body: RawBody) -> ApiResult {
    let value = body.value()?;
    let text = value.get("rate").and_then(Value::as_str).ok_or_else(|| {
        ApiError::BadRequest("\"rate\" must be a string such as \"60/minute\"".into())
    })?;
    let rate = text
        .parse()
        .map_err(|e: crate::config::RateLimitError| ApiError::BadRequest(e.to_string()))?;
    app.throttle.set_rate(rate);
    Ok(done())
}

/// The most work items one `POST /_sandbox/work-items` adds.
pub const MAX_EXTRA_WORK_ITEMS: u64 = 10_000;

/// `POST /_sandbox/work-items` with `{"project": "SHIP", "count": 700}` (and optionally
/// `"workspace"`, `demo` when left out): adds `count` (1 to [`MAX_EXTRA_WORK_ITEMS`]) work items
/// to the project with that identifier in one transaction, numbered after its last one, of its
/// default type, in its default state, each created a microsecond after the one before (so the
/// list, newest first, shows the last one first). Answers 201 `{"created", "first", "last"}`
/// (`"SHIP-301"`, `"SHIP-1000"`); 400 `{"error"}` for a bad body, 404 for no such workspace or
/// project. A reset removes them with everything else.
pub async fn add_work_items(State(app): State<Shared>, body: RawBody) -> ApiResult {
    let value = body.value()?;
    let text = |key: &str| value.get(key).and_then(Value::as_str);
    let project = text("project").ok_or_else(|| {
        ApiError::BadRequest("\"project\" must be a project identifier such as \"SHIP\"".into())
    })?;
    let workspace = match value.get("workspace") {
        None | Some(Value::Null) => "demo",
        Some(Value::String(slug)) => slug.as_str(),
        Some(_) => {
            return Err(ApiError::BadRequest(
                "\"workspace\" must be a workspace slug".into(),
            ));
        }
    };
    let count = value
        .get("count")
        .and_then(Value::as_u64)
        .filter(|n| (1..=MAX_EXTRA_WORK_ITEMS).contains(n))
        .ok_or_else(|| {
            ApiError::BadRequest(format!(
                "\"count\" must be a whole number from 1 to {MAX_EXTRA_WORK_ITEMS}"
            ))
        })?;
    let (first, last) = app.store.write(|tx| {
        let workspace = WorkspaceRecord::by_slug(tx, workspace)?
            .ok_or(ApiError::NotFound("No such workspace."))?;
        let project = ProjectRecord::by_identifier(tx, &workspace.id, project)?
            .ok_or(ApiError::NotFound("No such project."))?;
        let type_id = TypeRecord::of_project(tx, &project.id)?
            .into_iter()
            .find(|t| t.is_default && t.is_active)
            .map(|t| t.id);
        let after = WorkItemRecord::last_sequence(tx, &project.id)?;
        let now = now_micros();
        let count = i64::try_from(count).unwrap_or(1);
        for k in 1..=count {
            let n = after + k;
            WorkItemRecord {
                id: fresh_id(),
                workspace_id: workspace.id.clone(),
                project_id: project.id.clone(),
                sequence_id: n,
                name: format!("Extra work item {n}"),
                description_html: String::new(),
                priority: "none".into(),
                state_id: project.default_state_id.clone(),
                type_id: type_id.clone(),
                parent_id: None,
                start_date: None,
                target_date: None,
                sort_order: n as f64 * 1000.0,
                created_by: project.created_by.clone(),
                created_at: now + k,
                updated_at: now + k,
                external_source: None,
                external_id: None,
                archived_at: None,
                is_draft: false,
            }
            .insert(tx)?;
        }
        let name = |n: i64| format!("{}-{n}", project.identifier);
        Ok((name(after + 1), name(after + count)))
    })?;
    Ok(json_response(
        StatusCode::CREATED,
        &json!({ "created": count, "first": first, "last": last }),
    ))
}

/// `POST /_sandbox/reset` (optional body `{"seed": "demo"|"empty"}`): restores the seed and
/// clears faults, counters and the rate-limit history.
pub async fn reset(State(app): State<Shared>, body: RawBody) -> ApiResult {
    let seed = match body.value()?.get("seed") {
        None | Some(Value::Null) => app.seed,
        Some(Value::String(name)) => Seed::from_name(name).ok_or_else(|| {
            ApiError::BadRequest(format!(
                "unknown seed {name:?}: expected \"demo\" or \"empty\""
            ))
        })?,
        Some(_) => {
            return Err(ApiError::BadRequest(
                "\"seed\" must be \"demo\" or \"empty\"".to_owned(),
            ));
        }
    };
    app.store.write(|tx| {
        Store::wipe(tx)?;
        seed::apply(tx, seed)
    })?;
    app.faults.clear();
    app.traffic.clear();
    app.throttle.clear();
    Ok(done())
}
