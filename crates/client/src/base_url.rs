//! The API base URL: `https://api.plane.so`, a self-hosted origin, or a proxy with a path prefix.
//!
//! Requests are sent to the base followed by core's path (`/api/v1/...`). A base is refused when
//! it could never work (no `http`/`https` scheme, no host, credentials, a query or fragment, a
//! malformed port or path), with a sentence that says what to fix. A base pasted with the API
//! root (`https://plane.example.com/api/v1/`) is accepted and the root dropped, since every
//! request path already starts with it.

use plane_inline_core::http::Request;
use std::fmt;
use thiserror::Error;

/// Why text is not a usable API base URL.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BaseUrlError {
    /// Nothing was given.
    #[error(
        "the API base URL is empty: use https://api.plane.so for Plane Cloud, or your instance's address"
    )]
    Empty,
    /// Spaces or control characters inside the URL.
    #[error("the API base URL contains spaces or control characters")]
    Whitespace,
    /// Not `http://` or `https://`.
    #[error("the API base URL must start with https:// (or http://), not {found:?}")]
    Scheme {
        /// What came before `://`, or the start of the text.
        found: String,
    },
    /// No host after the scheme.
    #[error("the API base URL has no host name")]
    MissingHost,
    /// A host that is not a DNS name or an IP address.
    #[error("{host:?} is not a valid host name")]
    InvalidHost {
        /// The refused host.
        host: String,
    },
    /// A port that is not a number from 1 to 65535.
    #[error("{port:?} is not a valid port (1 to 65535)")]
    InvalidPort {
        /// The refused port.
        port: String,
    },
    /// `user:password@` in the URL; the key goes in its own field.
    #[error(
        "the API base URL must not contain a user name or password; put the API key in its own field"
    )]
    Credentials,
    /// A `?query` or `#fragment`.
    #[error("the API base URL must not contain a query (?) or fragment (#)")]
    QueryOrFragment,
    /// A path segment that is empty, `.`/`..`, or has characters a URL path cannot hold.
    #[error("the API base URL's path segment {segment:?} is not valid")]
    InvalidPath {
        /// The refused segment.
        segment: String,
    },
}

/// A validated API base: scheme, host, optional port and optional path prefix, with no trailing
/// slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: String,
    prefix: String,
}

/// Plane Cloud's API base.
pub const PLANE_CLOUD: &str = "https://api.plane.so";

impl BaseUrl {
    /// Reads and checks a base URL.
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(BaseUrlError::Empty);
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(BaseUrlError::Whitespace);
        }
        if text.contains(['?', '#']) {
            return Err(BaseUrlError::QueryOrFragment);
        }
        let (scheme, rest) = match text.split_once("://") {
            Some((scheme, rest)) => (scheme.to_ascii_lowercase(), rest),
            None => {
                let found: String = text.chars().take(12).collect();
                return Err(BaseUrlError::Scheme { found });
            }
        };
        if scheme != "https" && scheme != "http" {
            return Err(BaseUrlError::Scheme { found: scheme });
        }
        let (authority, path) = match rest.find('/') {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        if authority.contains('@') {
            return Err(BaseUrlError::Credentials);
        }
        let (host, port) = split_port(authority)?;
        let host = checked_host(host)?;
        let prefix = checked_prefix(path)?;
        let origin = match port {
            Some(port) => format!("{scheme}://{host}:{port}"),
            None => format!("{scheme}://{host}"),
        };
        Ok(Self { origin, prefix })
    }

    /// Plane Cloud's API (`https://api.plane.so`).
    pub fn plane_cloud() -> Self {
        Self {
            origin: PLANE_CLOUD.to_owned(),
            prefix: String::new(),
        }
    }

    /// Scheme, host and port, e.g. `https://api.plane.so` (what host permissions are granted for).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The path prefix of a proxy (`/plane`), or empty.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The full URL of a request under this base.
    pub fn url(&self, request: &Request) -> String {
        format!("{}{}{}", self.origin, self.prefix, request.path_and_query())
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin, self.prefix)
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = BaseUrlError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// Splits `host:port` (or `[v6]:port`) and checks the port.
fn split_port(authority: &str) -> Result<(&str, Option<u16>), BaseUrlError> {
    let (host, port) = if authority.starts_with('[') {
        match authority.find(']') {
            Some(end) => {
                let (host, after) = authority.split_at(end + 1);
                match after.strip_prefix(':') {
                    Some(port) => (host, Some(port)),
                    None if after.is_empty() => (host, None),
                    None => {
                        return Err(BaseUrlError::InvalidHost {
                            host: authority.to_owned(),
                        });
                    }
                }
            }
            None => {
                return Err(BaseUrlError::InvalidHost {
                    host: authority.to_owned(),
                });
            }
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => None,
        Some(text) => {
            let number =
                (!text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| text.parse::<u16>().ok())
                    .flatten()
                    .filter(|p| *p > 0);
            match number {
                Some(port) => Some(port),
                None => {
                    return Err(BaseUrlError::InvalidPort {
                        port: text.to_owned(),
                    });
                }
            }
        }
    };
    Ok((host, port))
}

/// A DNS name (letters, digits, hyphens; labels of 1 to 63), an IPv4 address or a bracketed IPv6
/// address; returned in lower case.
fn checked_host(host: &str) -> Result<String, BaseUrlError> {
    if host.is_empty() {
        return Err(BaseUrlError::MissingHost);
    }
    let invalid = || BaseUrlError::InvalidHost {
        host: host.to_owned(),
    };
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        let ok = inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
        return if ok {
            Ok(host.to_ascii_lowercase())
        } else {
            Err(invalid())
        };
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    if name.len() > 253 || name.is_empty() {
        return Err(invalid());
    }
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if name.split('.').all(label_ok) {
        Ok(name.to_ascii_lowercase())
    } else {
        Err(invalid())
    }
}

/// The path prefix without its trailing slash and without a pasted `/api/v1` API root.
fn checked_prefix(path: &str) -> Result<String, BaseUrlError> {
    let trimmed = path.trim_end_matches('/');
    let mut segments: Vec<&str> = Vec::new();
    for segment in trimmed.split('/').skip(1) {
        let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~%!$&'()*+,;=:@".contains(&b);
        let encoded_ok = percent_escapes_ok(segment);
        if segment.is_empty()
            || segment == "."
            || segment == ".."
            || !segment.bytes().all(allowed)
            || !encoded_ok
        {
            return Err(BaseUrlError::InvalidPath {
                segment: segment.to_owned(),
            });
        }
        segments.push(segment);
    }
    if segments.len() >= 2
        && segments[segments.len() - 2].eq_ignore_ascii_case("api")
        && segments[segments.len() - 1].eq_ignore_ascii_case("v1")
    {
        segments.truncate(segments.len() - 2);
    }
    Ok(segments.iter().map(|s| format!("/{s}")).collect())
}

/// Whether every `%` starts a two-digit hexadecimal escape.
fn percent_escapes_ok(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.iter().enumerate().all(|(i, b)| {
        *b != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use plane_inline_core::http::Method;

    fn parse(text: &str) -> Result<String, BaseUrlError> {
        BaseUrl::parse(text).map(|b| b.to_string())
    }

    #[test]
    fn accepts_cloud_self_hosted_and_proxies() {
        assert_eq!(
            parse("https://api.plane.so").unwrap(),
            "https://api.plane.so"
        );
        assert_eq!(
            parse(" HTTPS://Plane.Example.com/ ").unwrap(),
            "https://plane.example.com"
        );
        assert_eq!(
            parse("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(parse("http://[::1]:3000/").unwrap(), "http://[::1]:3000");
        assert_eq!(
            parse("https://example.com/tools/plane-proxy/").unwrap(),
            "https://example.com/tools/plane-proxy"
        );
        assert_eq!(BaseUrl::plane_cloud().to_string(), PLANE_CLOUD);
    }

    #[test]
    fn drops_a_pasted_api_root() {
        assert_eq!(
            parse("https://plane.example.com/api/v1/").unwrap(),
            "https://plane.example.com"
        );
        assert_eq!(
            parse("https://example.com/proxy/api/v1").unwrap(),
            "https://example.com/proxy"
        );
        assert_eq!(
            parse("https://example.com/api").unwrap(),
            "https://example.com/api"
        );
    }

    #[test]
    fn builds_request_urls() {
        let base = BaseUrl::parse("https://example.com/plane/").unwrap();
        let request = Request::new(Method::Get, "/api/v1/users/me/".into()).query("a", "b c");
        assert_eq!(
            base.url(&request),
            "https://example.com/plane/api/v1/users/me/?a=b%20c"
        );
        assert_eq!(base.origin(), "https://example.com");
        assert_eq!(base.prefix(), "/plane");
    }

    #[test]
    fn refuses_what_cannot_work_with_a_reason() {
        let cases: [(&str, BaseUrlError); 12] = [
            ("", BaseUrlError::Empty),
            (
                "api.plane.so",
                BaseUrlError::Scheme {
                    found: "api.plane.so".into(),
                },
            ),
            (
                "ftp://x.io",
                BaseUrlError::Scheme {
                    found: "ftp".into(),
                },
            ),
            ("https://", BaseUrlError::MissingHost),
            ("https:///path", BaseUrlError::MissingHost),
            ("https://a b.io", BaseUrlError::Whitespace),
            ("https://user:pw@x.io", BaseUrlError::Credentials),
            ("https://x.io/?key=1", BaseUrlError::QueryOrFragment),
            (
                "https://x.io:0",
                BaseUrlError::InvalidPort { port: "0".into() },
            ),
            (
                "https://x.io:99999",
                BaseUrlError::InvalidPort {
                    port: "99999".into(),
                },
            ),
            (
                "https://-x.io",
                BaseUrlError::InvalidHost {
                    host: "-x.io".into(),
                },
            ),
            (
                "https://x.io/a/../b",
                BaseUrlError::InvalidPath {
                    segment: "..".into(),
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(BaseUrl::parse(text), Err(expected), "{text}");
        }
        assert!(matches!(
            BaseUrl::parse("https://x.io//double"),
            Err(BaseUrlError::InvalidPath { .. })
        ));
        assert!(matches!(
            BaseUrl::parse("https://x.io/100%"),
            Err(BaseUrlError::InvalidPath { .. })
        ));
        assert!(matches!(
            BaseUrl::parse("https://bücher.de"),
            Err(BaseUrlError::InvalidHost { .. })
        ));
    }

    #[test]
    fn every_refusal_reads_as_a_sentence() {
        for text in ["", "x", "https://", "https://u@x.io", "https://x.io:abc"] {
            let message = BaseUrl::parse(text).unwrap_err().to_string();
            assert!(
                message.starts_with("the ") || message.starts_with('"'),
                "{message}"
            );
        }
    }
}
