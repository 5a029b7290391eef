//! What the browser suites share: the sandbox they run against (its URL and key are baked in at
//! build time by `cargo xtask test`), its test controls, and clients with small backoff.
#![allow(dead_code)] // each test binary uses its own part

use plane_inline_client::core::http::{Method, Response};
use plane_inline_client::core::property::Property;
use plane_inline_client::core::web_url::Identifier;
use plane_inline_client::{
    Browser, ClientConfig, HttpRequest, ItemProperties, PlaneClient, Platform, RetryPolicy,
    SchedulerConfig, WorkItemRef,
};
use serde_json::{Value as Json, json};

/// The sandbox's base URL, e.g. `http://127.0.0.1:40123`.
pub fn sandbox_url() -> &'static str {
    option_env!("PLANE_INLINE_SANDBOX_URL").unwrap_or_else(|| {
        panic!("PLANE_INLINE_SANDBOX_URL was not set at build time: run the suite with `cargo xtask test`")
    })
}

/// The sandbox's API key.
pub fn sandbox_key() -> &'static str {
    option_env!("PLANE_INLINE_SANDBOX_KEY").unwrap_or_else(|| {
        panic!("PLANE_INLINE_SANDBOX_KEY was not set at build time: run the suite with `cargo xtask test`")
    })
}

/// Retries fast enough for a test suite.
pub fn quick() -> SchedulerConfig {
    SchedulerConfig {
        retry: RetryPolicy {
            base_ms: 20.0,
            cap_ms: 200.0,
            max_retries: 4,
            max_rate_limited: 10,
        },
        timeout_ms: 5_000.0,
        ..SchedulerConfig::default()
    }
}

/// A client of workspace `demo` with the sandbox's key and quick retries.
pub fn client() -> PlaneClient {
    client_with(sandbox_url(), Some(sandbox_key()), quick())
}

/// A client of workspace `demo` at `base` with `key`.
pub fn client_with(base: &str, key: Option<&str>, config: SchedulerConfig) -> PlaneClient {
    let config = ClientConfig::new(base, "demo", key)
        .unwrap()
        .with_scheduler(config);
    PlaneClient::new(config)
}

async fn control(method: Method, path: &str, body: Option<Json>) -> Response {
    let request = HttpRequest {
        method,
        url: format!("{}{path}", sandbox_url()),
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.map(|b| b.to_string()),
    };
    let response = Browser.fetch(request).await.unwrap();
    assert!(
        response.is_success(),
        "{path}: {} {}",
        response.status,
        response.body
    );
    response
}

/// Restores the seed and clears faults, counters and rate-limit history.
pub async fn reset() {
    control(Method::Post, "/_sandbox/reset", Some(json!({}))).await;
}

/// Adds a fault (see the sandbox's README).
pub async fn fault(spec: Json) {
    control(Method::Post, "/_sandbox/faults", Some(spec)).await;
}

/// Zeroes the request counters.
pub async fn clear_counts() {
    control(Method::Delete, "/_sandbox/requests", None).await;
}

/// The request counters: `{"total", "routes": [{"method", "route", "count", "statuses"}]}`.
pub struct Counts(pub Json);

impl Counts {
    /// Reads them now.
    pub async fn read() -> Self {
        let response = control(Method::Get, "/_sandbox/requests", None).await;
        Self(serde_json::from_str(&response.body).unwrap())
    }

    /// Requests counted, all routes.
    pub fn total(&self) -> u64 {
        self.0["total"].as_u64().unwrap()
    }

    /// `{status: count}` of one method on routes ending with `route_end`.
    pub fn statuses(&self, method: &str, route_end: &str) -> Json {
        let mut merged = serde_json::Map::new();
        for route in self.0["routes"].as_array().unwrap() {
            if route["method"] == method && route["route"].as_str().unwrap().ends_with(route_end) {
                for (status, n) in route["statuses"].as_object().unwrap() {
                    let before = merged.get(status).and_then(Json::as_u64).unwrap_or(0);
                    merged.insert(status.clone(), json!(before + n.as_u64().unwrap()));
                }
            }
        }
        Json::Object(merged)
    }

    /// Requests of one method on routes ending with `route_end`.
    pub fn count(&self, method: &str, route_end: &str) -> u64 {
        self.statuses(method, route_end)
            .as_object()
            .unwrap()
            .values()
            .map(|n| n.as_u64().unwrap())
            .sum()
    }
}

/// The route template of the per-property value endpoint.
pub const VALUE_ROUTE: &str =
    "/work-items/{work_item_id}/work-item-properties/{property_id}/values/";

/// A seeded DEMO work item, e.g. `DEMO-7`.
pub fn demo(n: u32) -> WorkItemRef {
    WorkItemRef::from(format!("DEMO-{n}").parse::<Identifier>().unwrap())
}

/// The panel of a seeded DEMO work item.
pub async fn panel(n: u32) -> ItemProperties {
    client().load_panel(&demo(n)).await.unwrap()
}

/// A property of the panel, by its slug.
pub fn property<'a>(model: &'a ItemProperties, name: &str) -> &'a Property {
    model
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no property {name}"))
}

/// The id of an option of a property, by its name.
pub fn option_id(property: &Property, name: &str) -> String {
    property
        .options
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no option {name}"))
        .id
        .clone()
}
