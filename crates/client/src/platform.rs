//! What the client needs from where it runs: a clock, timers, randomness for jitter, and a way to
//! send one HTTP request. In browsers that is `Browser` (the global `fetch`,
//! `setTimeout` and `Date.now()`, so it works in service workers, extension pages and web pages);
//! tests supply a simulated one.

use futures_util::future::LocalBoxFuture;
use plane_inline_core::http::{Method, Response};
use thiserror::Error;

/// One HTTP request, ready for the transport: absolute URL, headers and body text.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL.
    pub url: String,
    /// Headers, in order (the API key among them, when the client has one).
    pub headers: Vec<(String, String)>,
    /// The JSON body text, for POST and PATCH.
    pub body: Option<String>,
}

impl std::fmt::Debug for HttpRequest {
    /// Never shows header values: one of them may be the API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(k, _)| k.as_str()).collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &names)
            .field("body", &self.body)
            .finish()
    }
}

/// A request that got no HTTP answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransportError {
    /// DNS, refused or dropped connection, CORS refusal, or a body that could not be read.
    #[error("{0}")]
    Network(String),
    /// The server answered with a redirect, which a request carrying the API key never follows
    /// (the key would go to wherever it points).
    #[error("redirected")]
    Redirected,
}

/// The clock, timers, randomness and HTTP of the place the client runs in.
///
/// Futures are `'static` and need not be `Send` (browsers are single-threaded). Dropping a
/// [`Platform::sleep`] future clears its timer; dropping a [`Platform::fetch`] future aborts the
/// request.
pub trait Platform {
    /// Milliseconds since the Unix epoch (`Date.now()`).
    fn now_ms(&self) -> f64;
    /// A number in `[0, 1)` (`Math.random()`), for retry jitter.
    fn random(&self) -> f64;
    /// Resolves after `ms` milliseconds.
    fn sleep(&self, ms: f64) -> LocalBoxFuture<'static, ()>;
    /// Sends one request and reads the whole answer: status, readable headers and body text.
    fn fetch(
        &self,
        request: HttpRequest,
    ) -> LocalBoxFuture<'static, Result<Response, TransportError>>;
}
