//! What happens to every request before and after its handler, in Plane's order: CORS
//! preflights are answered first; then injected faults; then, for the API, URL resolution (a
//! malformed id in the path is an unknown URL), authentication, the workspace permission check
//! and the throttle; then the view. Every request but preflights and `/_sandbox/` is counted.
//!
//! Throttling applies after authentication and permission, as in DRF: requests refused with
//! 401/403 and unknown URLs (404 "Page not found.") are neither throttled nor recorded in the
//! rate-limit history; everything a view answers (including 402, 404 for unknown ids and 405)
//! is.

use crate::error::{ApiError, json_response, throttled_body};
use crate::faults::{FaultAction, Phase};
use crate::ids::is_path_uuid;
use crate::server::DropSignal;
use crate::state::Shared;
use crate::store::records::WorkspaceRecord;
use crate::throttle::Verdict;
use crate::traffic::Outcome;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use subtle::ConstantTimeEq;

/// The API key header (header names are case-insensitive).
pub const API_KEY_HEADER: &str = "x-api-key";

/// Path parameters that Plane's URLs declare as `<uuid:...>`.
const UUID_PARAMS: [&str; 5] = [
    "project_id",
    "work_item_id",
    "type_id",
    "property_id",
    "option_id",
];

/// The middleware run around every route and the fallback.
pub async fn gateway(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let request_headers = request.headers().clone();
    let preflight = crate::cors::CorsPolicy::is_preflight(&method, &request_headers);
    if path.starts_with("/_sandbox/") {
        let mut response = if preflight {
            app.cors.preflight(&request_headers)
        } else {
            next.run(request).await
        };
        if !preflight {
            app.cors.decorate(&request_headers, &mut response);
        }
        return response;
    }
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| path.clone());
    let drop_signal = request.extensions().get::<DropSignal>().cloned();
    let fault = app.faults.take(method.as_str(), &path, preflight);
    if preflight && fault.is_none() {
        return app.cors.preflight(&request_headers);
    }
    if let Some(delay) = fault.as_ref().map(|f| f.delay_ms).filter(|d| *d > 0) {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let strikes_before = fault
        .as_ref()
        .is_some_and(|f| f.phase == Phase::Before && f.replaces_answer());
    let mut response = if strikes_before {
        None
    } else if preflight {
        Some(app.cors.preflight(&request_headers))
    } else {
        Some(process(&app, request, next, &route, &path).await)
    };
    if let Some(action) = fault.as_ref().filter(|f| f.replaces_answer()) {
        // Phase "before" never ran the request; phase "after" ran it and now loses its answer.
        response = fault_response(action);
    }
    let Some(mut response) = response else {
        if !preflight {
            app.traffic
                .record(method.as_str(), &route, Outcome::Dropped);
        }
        if let Some(signal) = drop_signal {
            signal.fire();
        }
        return std::future::pending().await;
    };
    if !preflight {
        app.traffic.record(
            method.as_str(),
            &route,
            Outcome::Status(response.status().as_u16()),
        );
        app.cors.decorate(&request_headers, &mut response);
    }
    response
}

/// The response a fault puts in place of the real one (`None`: drop the connection).
fn fault_response(action: &FaultAction) -> Option<Response> {
    if action.drop {
        return None;
    }
    if let Some(location) = &action.redirect_to {
        let mut response = StatusCode::FOUND.into_response();
        if let Ok(value) = HeaderValue::from_str(location) {
            response.headers_mut().insert(header::LOCATION, value);
        }
        return Some(response);
    }
    let status = StatusCode::from_u16(action.status?).ok()?;
    Some(match status.as_u16() {
        429 => {
            let mut response = json_response(status, &throttled_body());
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(action.retry_after));
            response
        }
        500 => ApiError::Internal("injected fault".to_owned()).into_response(),
        code => {
            let reason = status.canonical_reason().unwrap_or("Error");
            let html = format!(
                "<html>\r\n<head><title>{code} {reason}</title></head>\r\n<body>\r\n<center><h1>{code} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
            );
            let mut response = (status, html).into_response();
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
            response
        }
    })
}

/// Resolution, authentication, permission and throttle for the API; pages go straight through.
async fn process(
    app: &Shared,
    mut request: Request,
    next: Next,
    route: &str,
    path: &str,
) -> Response {
    if !path.starts_with("/api/") {
        return next.run(request).await;
    }
    if request.extensions().get::<MatchedPath>().is_none() {
        return unmatched_api(app, path, request.uri().query());
    }
    let params = route_params(route, path);
    let malformed = params.iter().any(|(name, value)| {
        (UUID_PARAMS.contains(name) && !is_path_uuid(value))
            || (*name == "identifier"
                && !value
                    .rsplit_once('-')
                    .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()))
    });
    if malformed {
        return ApiError::PageNotFound.into_response();
    }
    if let Err(error) = authenticate(app, request.headers()) {
        return error.into_response();
    }
    if let Some((_, slug)) = params.iter().find(|(name, _)| *name == "slug") {
        match workspace_for(app, slug) {
            Ok(workspace) => {
                request.extensions_mut().insert(workspace);
            }
            Err(error) => return error.into_response(),
        }
    }
    let verdict = app
        .throttle
        .check(&app.api_key, crate::clock::now_seconds());
    let (remaining, reset) = match verdict {
        Verdict::Throttled { retry_after } => {
            let mut response = json_response(StatusCode::TOO_MANY_REQUESTS, &throttled_body());
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            return response;
        }
        Verdict::Allowed { remaining, reset } => (remaining, reset),
    };
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert("x-ratelimit-remaining", HeaderValue::from(remaining));
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset));
    response
}

/// An API path no route matches: Django's `APPEND_SLASH` redirect when the slashed path exists,
/// otherwise 404 "Page not found.".
fn unmatched_api(app: &Shared, path: &str, query: Option<&str>) -> Response {
    if !path.ends_with('/') {
        let slashed = format!("{path}/");
        if app.api_paths.at(&slashed).is_ok() {
            let location = match query {
                Some(q) => format!("{slashed}?{q}"),
                None => slashed,
            };
            if let Ok(value) = HeaderValue::from_str(&location) {
                let mut response = StatusCode::MOVED_PERMANENTLY.into_response();
                response.headers_mut().insert(header::LOCATION, value);
                return response;
            }
        }
    }
    ApiError::PageNotFound.into_response()
}

/// Pairs each `{name}` of the route template with the matching path segment.
pub fn route_params<'a>(route: &'a str, path: &'a str) -> Vec<(&'a str, &'a str)> {
    route
        .split('/')
        .zip(path.split('/'))
        .filter_map(|(t, v)| {
            t.strip_prefix('{')
                .and_then(|t| t.strip_suffix('}'))
                .map(|name| (name, v))
        })
        .collect()
}

/// `X-API-Key`: missing is a 401, unknown a 403. The key is compared in constant time, so how
/// long a refusal takes tells nothing about how much of a guess was right.
fn authenticate(app: &Shared, headers: &HeaderMap) -> Result<(), ApiError> {
    match headers.get(API_KEY_HEADER) {
        None => Err(ApiError::not_authenticated()),
        Some(value) if key_matches(value.as_bytes(), app.api_key.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::invalid_token()),
    }
}

/// Whether `given` is `expected`, in time that depends on their lengths only.
fn key_matches(given: &[u8], expected: &[u8]) -> bool {
    bool::from(given.ct_eq(expected))
}

/// The workspace of the URL, when the key's owner is a member of it (403 otherwise, as Plane's
/// permission classes answer for unknown workspaces too).
fn workspace_for(app: &Shared, slug: &str) -> Result<WorkspaceRecord, ApiError> {
    app.store.read(|conn| {
        let workspace =
            WorkspaceRecord::by_slug(conn, slug)?.ok_or_else(ApiError::permission_denied)?;
        if WorkspaceRecord::has_member(conn, &workspace.id, &app.owner_id)? {
            Ok(workspace)
        } else {
            Err(ApiError::permission_denied())
        }
    })
}

/// The method-not-allowed answer for API routes (DRF's 405), pages get a plain 405.
pub async fn method_not_allowed(method: Method) -> Response {
    ApiError::method_not_allowed(method.as_str()).into_response()
}

#[cfg(test)]
mod tests {
    use super::{key_matches, route_params};

    #[test]
    fn keys_match_only_byte_for_byte() {
        let key = b"plane_api_secret";
        assert!(key_matches(b"plane_api_secret", key));
        for wrong in [
            &b""[..],
            b"plane_api_",
            b"plane_api_secreT",
            b"plane_api_secret ",
            b"plane_api_secretx",
            b"xlane_api_secret",
        ] {
            assert!(
                !key_matches(wrong, key),
                "{:?}",
                String::from_utf8_lossy(wrong)
            );
        }
    }

    #[test]
    fn pairs_template_names_with_segments() {
        let params = route_params(
            "/api/v1/workspaces/{slug}/work-items/{identifier}/",
            "/api/v1/workspaces/demo/work-items/DEMO-12/",
        );
        assert_eq!(params, vec![("slug", "demo"), ("identifier", "DEMO-12")]);
    }
}
