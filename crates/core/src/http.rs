//! Request and response descriptions: what to send and what came back, with no I/O.

use crate::endpoint::Endpoint;
use crate::web_url::BaseUrl;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::fmt;

/// The HTTP methods Plane's API uses here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// Read.
    Get,
    /// Create, or upsert a value.
    Post,
    /// Partial update.
    Patch,
    /// Remove.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An API key; its `Debug` output never shows the key.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key, trimming the spaces people paste along with it.
    pub fn new(key: &str) -> Self {
        Self(key.trim().to_owned())
    }

    /// The key itself, for the `X-API-Key` header only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

/// The name of the header that carries the API key.
pub const API_KEY_HEADER: &str = "X-API-Key";

/// One request to Plane's API: method, absolute path (with its trailing slash), query, headers
/// and an optional JSON body. `Debug` redacts the API key.
#[derive(Clone, PartialEq)]
pub struct Request {
    /// The HTTP method.
    pub method: Method,
    /// The path from the API root, e.g. `/api/v1/users/me/`.
    pub path: String,
    /// Query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// The JSON body, for POST and PATCH.
    pub body: Option<Json>,
    /// The endpoint it was built for (`None` for pages of a list, built from a path).
    pub endpoint: Option<Endpoint>,
}

impl Request {
    /// A request with Plane's JSON headers and no key yet.
    pub fn new(method: Method, path: String) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            headers: vec![("Accept".into(), "application/json".into())],
            body: None,
            endpoint: None,
        }
    }

    /// Records the endpoint this request was built for.
    pub fn for_endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = Some(endpoint);
        self
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.query.push((name.to_owned(), value.into()));
        self
    }

    /// Sets a JSON body and its content type.
    pub fn json(mut self, body: Json) -> Self {
        self.headers
            .push(("Content-Type".into(), "application/json".into()));
        self.body = Some(body);
        self
    }

    /// Adds the `X-API-Key` header (replacing any earlier one); `None` leaves it to a proxy.
    pub fn with_api_key(mut self, key: Option<&ApiKey>) -> Self {
        self.headers
            .retain(|(name, _)| !name.eq_ignore_ascii_case(API_KEY_HEADER));
        if let Some(key) = key {
            self.headers
                .push((API_KEY_HEADER.into(), key.expose().to_owned()));
        }
        self
    }

    /// The path and query, percent-encoded, to append to an API base URL.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.clone();
        }
        let query: Vec<String> = self
            .query
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        format!("{}?{}", self.path, query.join("&"))
    }

    /// The full URL under `base` (e.g. `https://api.plane.so`, or a proxy with a path prefix).
    pub fn url(&self, base: &BaseUrl) -> String {
        base.join(&self.path_and_query())
    }

    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let shown = if k.eq_ignore_ascii_case(API_KEY_HEADER) {
                    "<redacted>"
                } else {
                    v.as_str()
                };
                (k.as_str(), shown)
            })
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// What came back: status, headers and body text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The headers the transport could read (a browser page cannot read unexposed ones).
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl Response {
    /// A header's value, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Finds a header by case-insensitive name.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn never_shows_the_key() {
        let key = ApiKey::new(" plane_api_secret ");
        let request =
            Request::new(Method::Get, "/api/v1/users/me/".into()).with_api_key(Some(&key));
        assert_eq!(request.header("x-api-key"), Some("plane_api_secret"));
        let shown = format!("{request:?} {key:?}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn builds_urls() {
        let request = Request::new(Method::Get, "/api/v1/x/".into())
            .query("search", "a b&c")
            .query("per_page", "20");
        assert_eq!(
            request.url(&"https://api.plane.so/".parse().unwrap()),
            "https://api.plane.so/api/v1/x/?search=a%20b%26c&per_page=20"
        );
        let body = Request::new(Method::Post, "/p/".into()).json(json!({"value": 1}));
        assert_eq!(body.header("content-type"), Some("application/json"));
    }
}
