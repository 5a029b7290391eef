//! Injected failures for tests: the next `count` requests matching a method and a path pattern
//! are delayed, answered with an error status, or dropped, before or after being processed.

use serde_json::{Map, Value};
use std::sync::Mutex;

/// When a fault strikes relative to the real processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The request is not processed.
    Before,
    /// The request is processed (writes apply), then its response is replaced or dropped.
    After,
}

/// What a fault does to a matching request.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultAction {
    /// Answer with this status instead (429, 500, 502, 503 or 504).
    pub status: Option<u16>,
    /// `Retry-After` seconds for a 429.
    pub retry_after: u64,
    /// Wait this long first.
    pub delay_ms: u64,
    /// Close the connection without answering.
    pub drop: bool,
    /// Before or after processing.
    pub phase: Phase,
    /// Answer `302 Found` pointing here instead (what a misconfigured proxy or a moved host does).
    pub redirect_to: Option<String>,
}

impl FaultAction {
    /// Whether the fault puts its own answer (or none) in place of the real one.
    pub fn replaces_answer(&self) -> bool {
        self.drop || self.status.is_some() || self.redirect_to.is_some()
    }
}

#[derive(Debug, Clone)]
struct Fault {
    id: String,
    method: String,
    path: String,
    remaining: u64,
    action: FaultAction,
}

/// Why a fault body was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FaultError(pub String);

const METHODS: [&str; 8] = [
    "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "*",
];
const STATUSES: [u64; 5] = [429, 500, 502, 503, 504];
const KEYS: [&str; 9] = [
    "method",
    "path",
    "count",
    "status",
    "retry_after",
    "delay_ms",
    "drop",
    "phase",
    "redirect_to",
];

/// The active faults, in creation order.
#[derive(Default)]
pub struct Faults {
    list: Mutex<Vec<Fault>>,
}

fn fail<T>(message: impl Into<String>) -> Result<T, FaultError> {
    Err(FaultError(message.into()))
}

fn whole(body: &Map<String, Value>, key: &str) -> Result<Option<u64>, FaultError> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => match v.as_u64() {
            Some(n) => Ok(Some(n)),
            None => fail(format!("\"{key}\" must be a non-negative integer")),
        },
    }
}

impl Faults {
    /// Validates a `POST /_sandbox/faults` body and adds the fault; returns its id.
    pub fn add(&self, body: &Value) -> Result<String, FaultError> {
        let Some(body) = body.as_object() else {
            return fail("the body must be a JSON object");
        };
        if let Some(unknown) = body.keys().find(|k| !KEYS.contains(&k.as_str())) {
            return fail(format!(
                "unknown field \"{unknown}\"; expected one of {}",
                KEYS.join(", ")
            ));
        }
        let method = match body.get("method").and_then(Value::as_str) {
            Some(m) if METHODS.contains(&m.to_ascii_uppercase().as_str()) => m.to_ascii_uppercase(),
            Some(m) => {
                return fail(format!(
                    "\"method\" {m:?} is not one of {}",
                    METHODS.join(", ")
                ));
            }
            None => return fail("\"method\" is required (an HTTP method or \"*\")"),
        };
        let path = match body.get("path").and_then(Value::as_str) {
            Some(p) if p.starts_with(['/', '*']) => p.to_owned(),
            Some(_) => {
                return fail(
                    "\"path\" must start with \"/\" or \"*\" (\"*\" matches any run of characters)",
                );
            }
            None => return fail("\"path\" is required"),
        };
        let count = match whole(body, "count")? {
            Some(n) if n >= 1 => n,
            Some(_) => return fail("\"count\" must be at least 1"),
            None => return fail("\"count\" is required (how many matching requests to affect)"),
        };
        let status = match whole(body, "status")? {
            Some(s) if STATUSES.contains(&s) => Some(s as u16),
            Some(s) => {
                return fail(format!(
                    "\"status\" {s} is not one of 429, 500, 502, 503, 504"
                ));
            }
            None => None,
        };
        let retry_after = whole(body, "retry_after")?;
        if retry_after.is_some() && status != Some(429) {
            return fail("\"retry_after\" only applies to \"status\": 429");
        }
        let delay_ms = whole(body, "delay_ms")?.unwrap_or(0);
        if delay_ms > 600_000 {
            return fail("\"delay_ms\" must be at most 600000");
        }
        let drop = match body.get("drop") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return fail("\"drop\" must be a boolean"),
        };
        if drop && status.is_some() {
            return fail("\"drop\" and \"status\" cannot be combined");
        }
        let phase = match body
            .get("phase")
            .and_then(|p| p.as_str().map(str::to_owned))
        {
            None if body.get("phase").is_none_or(Value::is_null) => Phase::Before,
            Some(p) if p == "before" => Phase::Before,
            Some(p) if p == "after" => Phase::After,
            _ => return fail("\"phase\" must be \"before\" or \"after\""),
        };
        let redirect_to = match body.get("redirect_to") {
            None | Some(Value::Null) => None,
            Some(Value::String(url))
                if url.starts_with("http://") || url.starts_with("https://") =>
            {
                Some(url.clone())
            }
            Some(_) => return fail("\"redirect_to\" must be an http:// or https:// address"),
        };
        if redirect_to.is_some() && (status.is_some() || drop) {
            return fail("\"redirect_to\" cannot be combined with \"status\" or \"drop\"");
        }
        if status.is_none() && !drop && delay_ms == 0 && redirect_to.is_none() {
            return fail(
                "a fault needs \"status\", \"drop\": true, \"redirect_to\" or \"delay_ms\"",
            );
        }
        let id = crate::ids::fresh_id();
        let fault = Fault {
            id: id.clone(),
            method,
            path,
            remaining: count,
            action: FaultAction {
                status,
                retry_after: retry_after.unwrap_or(1),
                delay_ms,
                drop,
                phase,
                redirect_to,
            },
        };
        self.list
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(fault);
        Ok(id)
    }

    /// The first active fault matching the request, consuming one of its uses.
    /// Preflights only match faults whose method is `OPTIONS` itself.
    pub fn take(&self, method: &str, path: &str, preflight: bool) -> Option<FaultAction> {
        let mut list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        let index = list.iter().position(|f| {
            let method_matches = if preflight {
                f.method == "OPTIONS"
            } else {
                f.method == "*" || f.method == method
            };
            method_matches && wildcard_match(&f.path, path)
        })?;
        let fault = list.get_mut(index)?;
        fault.remaining -= 1;
        let action = fault.action.clone();
        if fault.remaining == 0 {
            list.remove(index);
        }
        Some(action)
    }

    /// The active faults, for `GET /_sandbox/faults`.
    pub fn snapshot(&self) -> Value {
        let list = self.list.lock().unwrap_or_else(|p| p.into_inner());
        Value::Array(
            list.iter()
                .map(|f| {
                    serde_json::json!({
                        "id": f.id,
                        "method": f.method,
                        "path": f.path,
                        "remaining": f.remaining,
                        "status": f.action.status,
                        "retry_after": f.action.retry_after,
                        "delay_ms": f.action.delay_ms,
                        "drop": f.action.drop,
                        "phase": if f.action.phase == Phase::Before { "before" } else { "after" },
                    })
                })
                .collect(),
        )
    }

    /// Removes every fault.
    pub fn clear(&self) {
        self.list.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

/// Glob matching where `*` matches any run of characters (slashes included).
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn globs_match_runs_of_characters() {
        assert!(wildcard_match(
            "/api/v1/workspaces/demo/*/values/",
            "/api/v1/workspaces/demo/projects/x/work-items/y/work-item-properties/z/values/"
        ));
        assert!(wildcard_match("*", "/anything"));
        assert!(wildcard_match("/a/*/c/", "/a/b/c/"));
        assert!(!wildcard_match("/a/*/c/", "/a/b/d/"));
        assert!(!wildcard_match("/a/", "/a/b/"));
    }

    #[test]
    fn faults_apply_count_times_in_order() {
        let faults = Faults::default();
        faults
            .add(&json!({"method": "post", "path": "/x/*", "count": 2, "status": 503}))
            .unwrap();
        faults
            .add(
                &json!({"method": "*", "path": "/x/*", "count": 1, "drop": true, "phase": "after"}),
            )
            .unwrap();
        assert_eq!(faults.take("GET", "/y/", false), None);
        assert_eq!(
            faults.take("POST", "/x/1", false).unwrap().status,
            Some(503)
        );
        assert_eq!(faults.take("OPTIONS", "/x/1", true), None);
        assert_eq!(
            faults.take("POST", "/x/1", false).unwrap().status,
            Some(503)
        );
        let third = faults.take("POST", "/x/1", false).unwrap();
        assert!(third.drop && third.phase == Phase::After);
        assert_eq!(faults.take("POST", "/x/1", false), None);
    }

    #[test]
    fn refuses_bad_fault_bodies() {
        let faults = Faults::default();
        for (body, needle) in [
            (json!([]), "JSON object"),
            (
                json!({"path": "/x", "count": 1, "status": 500}),
                "\"method\" is required",
            ),
            (
                json!({"method": "FETCH", "path": "/x", "count": 1, "status": 500}),
                "is not one of",
            ),
            (
                json!({"method": "GET", "path": "x", "count": 1, "status": 500}),
                "must start with",
            ),
            (
                json!({"method": "GET", "path": "/x", "status": 500}),
                "\"count\" is required",
            ),
            (
                json!({"method": "GET", "path": "/x", "count": 0, "status": 500}),
                "at least 1",
            ),
            (
                json!({"method": "GET", "path": "/x", "count": 1, "status": 404}),
                "\"status\" 404",
            ),
            (
                json!({"method": "GET", "path": "/x", "count": 1, "status": 500, "retry_after": 3}),
                "only applies",
            ),
            (
                json!({"method": "GET", "path": "/x", "count": 1, "status": 500, "drop": true}),
                "cannot be combined",
            ),
            (
                json!({"method": "GET", "path": "/x", "count": 1, "status": 500, "phase": "during"}),
                "\"phase\"",
            ),
            (json!({"method": "GET", "path": "/x", "count": 1}), "needs"),
            (
                json!({"method": "GET", "path": "/x", "count": 1, "status": 500, "colour": 1}),
                "unknown field",
            ),
        ] {
            let error = faults.add(&body).unwrap_err();
            assert!(error.0.contains(needle), "{body}: {error}");
        }
    }
}
