//! Cross-origin access as Plane Community Edition configures it (django-cors-headers), made safe
//! for a server anyone on the machine can reach: with a `--cors-origin` list, exactly those
//! origins with credentials allowed (as Plane does); without one, every origin but never with
//! credentials, so a page elsewhere cannot ride a browser's cookies or HTTP authentication.
//! `X-API-Key` is among the allowed headers, and no headers are exposed unless the operator opts
//! in to the rate-limit ones. Origins compare as
//! core's [`Origin`]s, so `https://Bücher.example:443` allows the `Origin` header a browser sends
//! for that site (`https://xn--bcher-kva.example`).

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use plane_inline_core::web_url::Origin;

const ALLOW_METHODS: &str = "GET, POST, PATCH, DELETE, OPTIONS";
const ALLOW_HEADERS: &str =
    "accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with, x-api-key";
const EXPOSE_RATE_LIMIT: &str = "X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After";

/// Which origins may call the sandbox from a page.
#[derive(Debug, Clone)]
pub struct CorsPolicy {
    origins: Vec<Origin>,
    expose_rate_limit_headers: bool,
}

impl CorsPolicy {
    /// Every origin, without credentials, when `origins` is empty; otherwise exactly those, with
    /// credentials.
    pub fn new(origins: Vec<Origin>, expose_rate_limit_headers: bool) -> Self {
        Self {
            origins,
            expose_rate_limit_headers,
        }
    }

    fn allowed<'a>(&self, headers: &'a HeaderMap) -> Option<&'a HeaderValue> {
        let origin = headers.get(header::ORIGIN)?;
        let text = origin.to_str().ok()?;
        self.allows(text).then_some(origin)
    }

    /// Whether a request whose `Origin` header is `origin` may read the response.
    pub fn allows(&self, origin: &str) -> bool {
        self.origins.is_empty()
            || Origin::parse(origin).is_ok_and(|origin| self.origins.contains(&origin))
    }

    /// Whether a granted page may send credentials: only when the origins were listed.
    fn credentials(&self) -> bool {
        !self.origins.is_empty()
    }

    /// Whether the request is a CORS preflight (OPTIONS with `Access-Control-Request-Method`).
    pub fn is_preflight(method: &axum::http::Method, headers: &HeaderMap) -> bool {
        method == axum::http::Method::OPTIONS
            && headers.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    }

    /// The answer to a preflight: 200, no body, the CORS headers when the origin is allowed.
    pub fn preflight(&self, request: &HeaderMap) -> Response {
        let mut response = (StatusCode::OK, "").into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
        if let Some(origin) = self.allowed(request) {
            let headers = response.headers_mut();
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
            if self.credentials() {
                headers.insert(
                    header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                    HeaderValue::from_static("true"),
                );
            }
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static(ALLOW_METHODS),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static(ALLOW_HEADERS),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("86400"),
            );
        }
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("origin"));
        response
    }

    /// Adds the CORS headers of an actual (non-preflight) response.
    pub fn decorate(&self, request: &HeaderMap, response: &mut Response) {
        let headers = response.headers_mut();
        headers.append(header::VARY, HeaderValue::from_static("origin"));
        if let Some(origin) = self.allowed(request) {
            headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin.clone());
            if self.credentials() {
                headers.insert(
                    header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                    HeaderValue::from_static("true"),
                );
            }
            if self.expose_rate_limit_headers {
                headers.insert(
                    header::ACCESS_CONTROL_EXPOSE_HEADERS,
                    HeaderValue::from_static(EXPOSE_RATE_LIMIT),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_as_browsers_send_them() {
        let only = |o: &str| CorsPolicy::new(vec![o.parse().unwrap()], false);
        let unicode = only("https://Bücher.example:443/");
        assert!(unicode.allows("https://xn--bcher-kva.example"));
        assert!(!unicode.allows("https://xn--bcher-kva.example:8443"));
        assert!(!unicode.allows("http://xn--bcher-kva.example"));
        assert!(!unicode.allows("null"));
        let extension = only("chrome-extension://abcdefghijklmnop");
        assert!(extension.allows("chrome-extension://abcdefghijklmnop"));
        assert!(CorsPolicy::new(Vec::new(), false).allows("null"));
    }
}
