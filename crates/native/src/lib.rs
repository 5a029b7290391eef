//! Plane Inline's client run natively: the browser's part (fetch, timers, clock) supplied by
//! reqwest and tokio, so the client's own requests can be counted and checked outside a browser
//! (the benchmarks, and the proxy's tests, which play a page with its `Origin`).

use futures_util::future::LocalBoxFuture;
use plane_inline_client::core::http::Response;
use plane_inline_client::{HttpRequest, Platform, TransportError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// reqwest for `fetch`, tokio's timers for `sleep`, the system clock for `now_ms`.
#[derive(Clone, Debug)]
pub struct Native {
    client: reqwest::Client,
    /// Headers a browser would add to every request (`Origin`, `Sec-Fetch-*`).
    browser_headers: Vec<(String, String)>,
}

impl Native {
    /// Fetches with `client`, adding nothing.
    pub fn new(client: reqwest::Client) -> Self {
        Self {
            client,
            browser_headers: Vec::new(),
        }
    }

    /// Adds a header the browser would send with every request of a page (e.g. `Origin`).
    pub fn with_header(mut self, name: &str, value: &str) -> Self {
        self.browser_headers
            .push((name.to_owned(), value.to_owned()));
        self
    }
}

impl Platform for Native {
    fn now_ms(&self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }

    fn random(&self) -> f64 {
        // Retry jitter only; the benchmarks need no randomness and stay repeatable.
        0.5
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(Duration::from_secs_f64(
            ms.max(0.0) / 1000.0,
        )))
    }

    fn fetch(
        &self,
        request: HttpRequest,
    ) -> LocalBoxFuture<'static, Result<Response, TransportError>> {
        let (client, browser_headers) = (self.client.clone(), self.browser_headers.clone());
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
                .map_err(|e| TransportError::Network(e.to_string()))?;
            let mut builder = client.request(method, &request.url);
            for (name, value) in browser_headers.iter().chain(&request.headers) {
                builder = builder.header(name, value);
            }
            if let Some(body) = request.body {
                builder = builder.body(body);
            }
            let answer = builder
                .send()
                .await
                .map_err(|e| TransportError::Network(e.to_string()))?;
            let status = answer.status().as_u16();
            let headers = answer
                .headers()
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
                .collect();
            let body = answer
                .text()
                .await
                .map_err(|e| TransportError::Network(e.to_string()))?;
            Ok(Response {
                status,
                headers,
                body,
            })
        })
    }
}
