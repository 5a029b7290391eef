//! The API base (`ApiBase`): `https://api.plane.so`, a self-hosted origin, or a proxy with a path prefix.
//!
//! Requests are sent to the base followed by core's path (`/api/v1/...`). The text is read by
//! core's one URL model ([`plane_inline_core::web_url::BaseUrl`]: WHATWG normalisation, so
//! `https://Plane.Example.com:443/` and `https://plane.example.com` are the same base, and a
//! Unicode host is sent in punycode) and refused when it could never work, with a sentence that
//! says what to fix. A base pasted with the API root (`https://plane.example.com/api/v1/`) is
//! accepted and the root dropped, since every request path already starts with it.

use plane_inline_core::http::Request;
use plane_inline_core::web_url::{self, Origin};
use std::fmt;

pub use plane_inline_core::web_url::BaseUrlError;

/// A validated API base: scheme, host, optional port and optional path prefix, with no trailing
/// slash and no API root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiBase(web_url::BaseUrl);

/// Plane Cloud's API base.
pub const PLANE_CLOUD: &str = "https://api.plane.so";

/// The API root every request path starts with, dropped when pasted at the end of a base.
const API_ROOT: [&str; 2] = ["api", "v1"];

impl ApiBase {
    /// Reads and checks a base URL.
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        Ok(Self(
            web_url::BaseUrl::parse(text)?.without_suffix(&API_ROOT),
        ))
    }

    /// Plane Cloud's API (`https://api.plane.so`).
    pub fn plane_cloud() -> Self {
        Self(web_url::BaseUrl::from_origin(Origin::plane_cloud_api()))
    }

    /// Scheme, host and port, e.g. `https://api.plane.so` (what host permissions are granted for).
    pub fn origin(&self) -> &Origin {
        self.0.origin()
    }

    /// The path prefix of a proxy (`/plane`), or empty.
    pub fn prefix(&self) -> &str {
        self.0.path()
    }

    /// The base as core's URL model sees it (origin and path prefix).
    pub fn as_base(&self) -> &web_url::BaseUrl {
        &self.0
    }

    /// The full URL of a request under this base.
    pub fn url(&self, request: &Request) -> String {
        request.url(&self.0)
    }
}

impl fmt::Display for ApiBase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for ApiBase {
    type Err = BaseUrlError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plane_inline_core::http::Method;

    fn parse(text: &str) -> Result<String, BaseUrlError> {
        ApiBase::parse(text).map(|b| b.to_string())
    }

    #[test]
    fn accepts_cloud_self_hosted_and_proxies() {
        for (written, normal) in [
            ("https://api.plane.so", "https://api.plane.so"),
            (" HTTPS://Plane.Example.com/ ", "https://plane.example.com"),
            ("https://plane.example.com:443", "https://plane.example.com"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://[::1]:3000/", "http://[::1]:3000"),
            ("https://bücher.example", "https://xn--bcher-kva.example"),
            (
                "https://example.com/tools/plane-proxy/",
                "https://example.com/tools/plane-proxy",
            ),
        ] {
            assert_eq!(parse(written).as_deref(), Ok(normal), "{written}");
        }
        assert_eq!(ApiBase::plane_cloud().to_string(), PLANE_CLOUD);
        assert_eq!(ApiBase::plane_cloud(), ApiBase::parse(PLANE_CLOUD).unwrap());
    }

    #[test]
    fn drops_a_pasted_api_root() {
        for (written, normal) in [
            (
                "https://plane.example.com/api/v1/",
                "https://plane.example.com",
            ),
            (
                "https://example.com/proxy/api/v1",
                "https://example.com/proxy",
            ),
            ("https://example.com/api", "https://example.com/api"),
        ] {
            assert_eq!(parse(written).as_deref(), Ok(normal), "{written}");
        }
    }

    #[test]
    fn builds_request_urls() {
        let base = ApiBase::parse("https://example.com/plane/").unwrap();
        let request = Request::new(Method::Get, "/api/v1/users/me/".into()).query("a", "b c");
        assert_eq!(
            base.url(&request),
            "https://example.com/plane/api/v1/users/me/?a=b%20c"
        );
        assert_eq!(base.origin().to_string(), "https://example.com");
        assert_eq!(base.prefix(), "/plane");
    }

    #[test]
    fn refuses_what_cannot_work_with_a_reason() {
        for (text, expected) in [
            ("", BaseUrlError::Empty),
            (
                "ftp://x.io",
                BaseUrlError::Scheme {
                    found: "ftp".into(),
                },
            ),
            ("https://user:pw@x.io", BaseUrlError::Credentials),
            ("https://x.io/?key=1", BaseUrlError::QueryOrFragment),
        ] {
            assert_eq!(ApiBase::parse(text), Err(expected), "{text}");
        }
    }
}
