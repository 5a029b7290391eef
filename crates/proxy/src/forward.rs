//! Sending one allowed request to Plane with the key, and passing the answer back: status and
//! body unchanged, headers without hop-by-hop ones, cookies or CORS grants of Plane's own. An
//! answer is read up to `--max-answer` bytes and no further.

use axum::body::Bytes;
use axum::http::StatusCode;
use axum::http::header::{self, HeaderMap, HeaderName};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use plane_inline_core::http::{ApiKey, Method, Request};
use plane_inline_core::web_url::BaseUrl;
use reqwest::redirect::Policy;
use std::error::Error as _;
use std::time::Duration;
use thiserror::Error;

/// Plane's answer, ready to pass back to the browser.
#[derive(Debug)]
pub struct Answer {
    /// Plane's status.
    pub status: StatusCode,
    /// Plane's headers, minus the ones a proxy must not pass on.
    pub headers: HeaderMap,
    /// Plane's body, byte for byte.
    pub body: Bytes,
}

/// A request that got no answer from Plane.
#[derive(Debug, Error)]
pub enum ForwardError {
    /// Plane did not answer within the timeout.
    #[error("Plane did not answer within {0} s (the proxy's --timeout)")]
    Timeout(u64),
    /// Plane's answer is longer than `--max-answer`.
    #[error(
        "Plane's answer is larger than this proxy passes on ({0} bytes, the proxy's --max-answer)"
    )]
    TooLarge(usize),
    /// No connection, or the connection broke before an answer.
    #[error("no answer from Plane at {base}: {reason}")]
    Unreachable {
        /// The API base.
        base: String,
        /// What went wrong, without any URL.
        reason: String,
    },
}

/// The HTTP client could not be set up.
#[derive(Debug, Error)]
#[error("cannot set up the HTTP client: {0}")]
pub struct ClientError(String);

/// Plane's API base and the client that talks to it.
#[derive(Debug, Clone)]
pub struct Upstream {
    client: reqwest::Client,
    base: BaseUrl,
    key: ApiKey,
    timeout: Duration,
    max_answer: usize,
}

impl Upstream {
    /// A client of `base` that signs with `key`, gives up after `timeout` and reads at most
    /// `max_answer` bytes of an answer. It follows no redirects (a redirect must never carry the
    /// key elsewhere) and keeps no cookies.
    pub fn new(
        base: &BaseUrl,
        key: ApiKey,
        timeout: Duration,
        max_answer: usize,
    ) -> Result<Self, ClientError> {
        // rustls needs one process-wide crypto provider; a second install is refused harmlessly.
        let _already_installed = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .redirect(Policy::none())
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("plane-inline-proxy/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ClientError(e.without_url().to_string()))?;
        Ok(Self {
            client,
            base: base.clone(),
            key,
            timeout,
            max_answer,
        })
    }

    /// Sends core's `request` and reads the whole answer, if it is no longer than
    /// `max_answer` bytes.
    pub async fn send(&self, request: &Request) -> Result<Answer, ForwardError> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.client.request(method, request.url(&self.base));
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.to_string());
        }
        let response = builder.send().await.map_err(|e| self.failure(&e))?;
        let status = response.status();
        let headers = passed_headers(response.headers(), &self.key);
        if response
            .content_length()
            .is_some_and(|n| n > self.max_answer as u64)
        {
            return Err(ForwardError::TooLarge(self.max_answer));
        }
        let body = Limited::new(reqwest::Body::from(response), self.max_answer)
            .collect()
            .await
            .map_err(|e| self.body_failure(e))?
            .to_bytes();
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// Why reading the answer's body stopped: the limit, or a failure of the connection.
    fn body_failure(&self, error: Box<dyn std::error::Error + Send + Sync>) -> ForwardError {
        if error.is::<LengthLimitError>() {
            return ForwardError::TooLarge(self.max_answer);
        }
        match error.downcast::<reqwest::Error>() {
            Ok(error) => self.failure(&error),
            Err(other) => ForwardError::Unreachable {
                base: self.base.to_string(),
                reason: other.to_string(),
            },
        }
    }

    fn failure(&self, error: &reqwest::Error) -> ForwardError {
        if error.is_timeout() {
            return ForwardError::Timeout(self.timeout.as_secs());
        }
        // The innermost cause names the problem ("Connection refused"); reqwest's own message
        // would repeat the URL, query included.
        let mut reason = String::from("the request failed");
        let mut source = error.source();
        while let Some(inner) = source {
            reason = inner.to_string();
            source = inner.source();
        }
        ForwardError::Unreachable {
            base: self.base.to_string(),
            reason,
        }
    }
}

/// Headers a proxy answers for itself: hop-by-hop ones (RFC 9110 7.6.1), the length (set
/// again from the body), cookies, and CORS grants (the proxy makes its own).
fn is_dropped(name: &HeaderName) -> bool {
    matches!(
        name.as_str(),
        "connection"
            | "keep-alive"
            | "proxy-connection"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "content-length"
            | "set-cookie"
            | "set-cookie2"
    ) || name.as_str().starts_with("access-control-")
}

/// Plane's headers minus the dropped ones, the ones `Connection` names, and any whose value
/// holds the key.
pub fn passed_headers(upstream: &HeaderMap, key: &ApiKey) -> HeaderMap {
    let named_by_connection: Vec<String> = upstream
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|n| n.trim().to_ascii_lowercase())
        .collect();
    let key = key.expose().as_bytes();
    let mut passed = HeaderMap::new();
    for (name, value) in upstream {
        let holds_key = value.as_bytes().windows(key.len()).any(|w| w == key);
        if is_dropped(name) || named_by_connection.iter().any(|n| n == name.as_str()) || holds_key {
            continue;
        }
        passed.append(name.clone(), value.clone());
    }
    passed
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn hop_by_hop_cookies_cors_and_the_key_are_not_passed_on() {
        let key = ApiKey::new("plane_api_secret");
        let mut upstream = HeaderMap::new();
        for (name, value) in [
            ("content-type", "application/json"),
            ("x-ratelimit-remaining", "59"),
            ("x-ratelimit-reset", "1700000000"),
            ("retry-after", "3"),
            ("connection", "keep-alive, x-hop"),
            ("x-hop", "1"),
            ("keep-alive", "timeout=5"),
            ("transfer-encoding", "chunked"),
            ("content-length", "12"),
            ("set-cookie", "sessionid=abc"),
            ("access-control-allow-origin", "*"),
            ("x-echo", "key plane_api_secret here"),
            ("vary", "Accept"),
        ] {
            upstream.append(name, HeaderValue::from_static(value));
        }
        let passed = passed_headers(&upstream, &key);
        let names: Vec<&str> = passed.keys().map(HeaderName::as_str).collect();
        assert_eq!(
            names,
            vec![
                "content-type",
                "x-ratelimit-remaining",
                "x-ratelimit-reset",
                "retry-after",
                "vary"
            ]
        );
        assert_eq!(passed["retry-after"], "3");
    }
}
