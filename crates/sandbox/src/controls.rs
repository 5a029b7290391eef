//! Test controls under `/_sandbox/` (only with `--test-controls`; no key, no throttle, not
//! counted): faults, request counters and reset.

use crate::body::RawBody;
use crate::error::{ApiError, ApiResult, json_response};
use crate::seed::{self, Seed};
use crate::state::Shared;
use crate::store::Store;
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
