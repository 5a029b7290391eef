//! Shared test harness: start a sandbox, send authenticated requests, seed ids.

use plane_inline_sandbox::ids::seed_id;
use plane_inline_sandbox::{Config, Sandbox};
use reqwest::{Client, Method, RequestBuilder, Response};
use serde_json::Value;

pub const KEY: &str = "plane_api_0123456789abcdef0123456789abcdef";

pub struct Harness {
    pub sandbox: Sandbox,
    pub client: Client,
}

pub async fn start() -> Harness {
    start_with(|_| {}).await
}

pub async fn start_with(tweak: impl FnOnce(&mut Config)) -> Harness {
    let mut config = Config::for_tests(KEY);
    config.rate_limit = "100000/minute".parse().unwrap();
    tweak(&mut config);
    let sandbox = Sandbox::start(config).await.expect("sandbox starts");
    Harness {
        sandbox,
        client: http_builder().build().unwrap(),
    }
}

impl Harness {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sandbox.base_url())
    }

    /// A request with the API key.
    pub fn req(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("X-API-Key", KEY)
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        send(self.req(Method::GET, path)).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        send(self.req(Method::POST, path).json(&body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (u16, Value) {
        send(self.req(Method::PATCH, path).json(&body)).await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        send(self.req(Method::DELETE, path)).await
    }

    /// A test-control request (no key).
    pub async fn control(&self, method: Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut builder = self.client.request(method, self.url(path));
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        send(builder).await
    }
}

pub async fn send(builder: RequestBuilder) -> (u16, Value) {
    let response = builder.send().await.expect("request succeeds");
    split(response).await
}

pub async fn split(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.expect("body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text))
    };
    (status, body)
}

pub fn project(identifier: &str) -> String {
    seed_id("project", identifier)
}

pub fn work_item(identifier: &str) -> String {
    seed_id("work_item", identifier)
}

pub fn property(project: &str, display: &str) -> String {
    seed_id("property", &format!("{project}/{display}"))
}

pub fn option(project: &str, property: &str, name: &str) -> String {
    seed_id("option", &format!("{project}/{property}/{name}"))
}

pub fn user(key: &str) -> String {
    seed_id("user", key)
}

pub fn task_type() -> String {
    seed_id("type", "DEMO/Task")
}

pub const WS: &str = "/api/v1/workspaces/demo";

/// Workspace `free`, whose plan lacks custom properties (project FREE).
pub const FREE_WS: &str = "/api/v1/workspaces/free";

pub fn demo() -> String {
    format!("{WS}/projects/{}", project("DEMO"))
}

/// The per-property value path of a DEMO work item.
pub fn value_path(item: &str, display: &str) -> String {
    format!(
        "{}/work-items/{}/work-item-properties/{}/values/",
        demo(),
        work_item(item),
        property("DEMO", display)
    )
}

/// An HTTP client for the tests. Workspace builds give reqwest rustls without a crypto provider
/// (the proxy picks ring at start-up), so install ring's first; a second install is a no-op.
pub fn http_builder() -> reqwest::ClientBuilder {
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}
