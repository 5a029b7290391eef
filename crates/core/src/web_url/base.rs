//! Base URLs: an origin and an optional path prefix, under which other URLs live (the web app's
//! `https://plane.example.com/plane`, the API's `https://api.plane.so`, a proxy's
//! `https://example.com/tools/plane-proxy`).
//!
//! A base is read the way a browser reads a URL (WHATWG URL Standard, through [`ParsedUrl`]'s back end:
//! lower-case scheme and host, punycode for Unicode hosts, default ports dropped, `.` and `..`
//! segments resolved), then refused when it could never serve as a base, with a sentence that
//! says what to fix: no `http`/`https` scheme, no host, a user name or password (credentials
//! belong in their own field, never in an address that is shown and logged), a query or
//! fragment, port 0, or a path with an empty segment or a broken `%` escape. Trailing slashes
//! are dropped, so `https://x.io/plane/` and `https://x.io/plane` are the same base.

use super::origin::{Origin, is_web_scheme};
use super::parsed::{ParseFailure, ParsedUrl};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// Why text is not a usable origin or base URL.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BaseUrlError {
    /// Nothing was given.
    #[error("the URL is empty: give an address such as https://plane.example.com")]
    Empty,
    /// Spaces or control characters inside the URL.
    #[error("the URL contains spaces or control characters")]
    Whitespace,
    /// Not `http://` or `https://`.
    #[error("the URL must start with https:// (or http://), not {found:?}")]
    Scheme {
        /// What came before `://`, or the start of the text.
        found: String,
    },
    /// No host after the scheme.
    #[error("the URL has no host name")]
    MissingHost,
    /// A host that is not a domain name or an IP address.
    #[error("{host:?} is not a valid host name")]
    InvalidHost {
        /// The refused host, as written.
        host: String,
    },
    /// A port that is not a number from 1 to 65535.
    #[error("{port:?} is not a valid port (1 to 65535)")]
    InvalidPort {
        /// The refused port, as written.
        port: String,
    },
    /// `user:password@` in the URL.
    #[error(
        "the URL must not contain a user name or password; put credentials such as the API key in their own field"
    )]
    Credentials,
    /// A `?query` or `#fragment`.
    #[error("the URL must not contain a query (?) or fragment (#)")]
    QueryOrFragment,
    /// A path segment that is empty (`//`) or holds a `%` that starts no two-digit escape.
    #[error("the URL's path segment {segment:?} is not valid")]
    InvalidPath {
        /// The refused segment.
        segment: String,
    },
    /// A path where only an origin is wanted.
    #[error("the URL must be an origin (scheme, host and port) without the path {path:?}")]
    NotAnOrigin {
        /// The refused path.
        path: String,
    },
}

/// A validated base: a web origin and a path prefix without a trailing slash
/// (`https://plane.example.com/plane`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    origin: Origin,
    path: String,
}

impl BaseUrl {
    /// Reads and checks a base URL as a person typed it.
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        let url = parse_absolute(text)?;
        if !is_web_scheme(url.scheme()) {
            return Err(BaseUrlError::Scheme {
                found: url.scheme().to_owned(),
            });
        }
        let origin = Origin::of(&url).ok_or(BaseUrlError::MissingHost)?;
        let path = url.path().trim_end_matches('/');
        for segment in path.split('/').skip(1) {
            if segment.is_empty() || !percent_escapes_ok(segment) {
                return Err(BaseUrlError::InvalidPath {
                    segment: segment.to_owned(),
                });
            }
        }
        Ok(Self {
            origin,
            path: path.to_owned(),
        })
    }

    /// A base at the root of an origin.
    pub fn from_origin(origin: Origin) -> Self {
        Self {
            origin,
            path: String::new(),
        }
    }

    /// The origin (what host permissions are granted for).
    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The path prefix (`/plane`), percent-encoded as browsers encode it; empty at the root.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path prefix's segments (`["plane"]`), percent-encoded.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        self.path.split('/').skip(1)
    }

    /// The same base without a final run of segments that equals `suffix` (compared without
    /// regard to ASCII case), e.g. an API root pasted after the base; unchanged otherwise.
    pub fn without_suffix(&self, suffix: &[&str]) -> Self {
        let segments: Vec<&str> = self.segments().collect();
        let keep = segments.len().saturating_sub(suffix.len());
        let matches = segments.len() >= suffix.len()
            && segments[keep..]
                .iter()
                .zip(suffix)
                .all(|(a, b)| a.eq_ignore_ascii_case(b));
        if !matches || suffix.is_empty() {
            return self.clone();
        }
        Self {
            origin: self.origin.clone(),
            path: segments[..keep].iter().map(|s| format!("/{s}")).collect(),
        }
    }

    /// The absolute URL of `path_and_query` (which starts with `/`) under this base.
    pub fn join(&self, path_and_query: &str) -> String {
        format!("{}{}{path_and_query}", self.origin, self.path)
    }

    /// The segments of `url` below this base (empty segments left out), or `None` when `url`
    /// is on another origin or outside the path prefix.
    pub(crate) fn relative_segments<'u>(&self, url: &'u ParsedUrl) -> Option<Vec<&'u str>> {
        if Origin::of(url).as_ref() != Some(&self.origin) {
            return None;
        }
        let mut segments = non_empty_segments(url);
        let prefix: Vec<&str> = self.segments().collect();
        if !segments.starts_with(&prefix) {
            return None;
        }
        segments.drain(..prefix.len());
        Some(segments)
    }
}

/// A URL's path segments, percent-encoded, without empty ones (from `//` or a trailing `/`).
pub(crate) fn non_empty_segments(url: &ParsedUrl) -> Vec<&str> {
    url.path().split('/').filter(|s| !s.is_empty()).collect()
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.origin, self.path)
    }
}

impl FromStr for BaseUrl {
    type Err = BaseUrlError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

/// Parses a configured absolute URL (`scheme://authority...`) as a browser would, refusing what
/// no origin or base may hold: whitespace, a missing scheme or host, credentials, port 0, a
/// query or a fragment.
pub(crate) fn parse_absolute(text: &str) -> Result<ParsedUrl, BaseUrlError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(BaseUrlError::Empty);
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(BaseUrlError::Whitespace);
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return Err(BaseUrlError::Scheme {
            found: text.chars().take(12).collect(),
        });
    };
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Err(BaseUrlError::Scheme {
            found: scheme.to_owned(),
        });
    }
    let (host, port) = written_host_and_port(rest);
    // WHATWG skips extra slashes after a web scheme (`https:///x` is host `x`); a configured
    // address with no host is a mistake, not a shorthand.
    if host.is_empty() {
        return Err(BaseUrlError::MissingHost);
    }
    let url = ParsedUrl::parse(text).map_err(|error| match error {
        ParseFailure::EmptyHost => BaseUrlError::MissingHost,
        ParseFailure::InvalidPort => BaseUrlError::InvalidPort {
            port: port.unwrap_or_default().to_owned(),
        },
        ParseFailure::Other => BaseUrlError::InvalidHost {
            host: host.to_owned(),
        },
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(BaseUrlError::Credentials);
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(BaseUrlError::QueryOrFragment);
    }
    if url.port() == Some(0) {
        return Err(BaseUrlError::InvalidPort { port: "0".into() });
    }
    Ok(url)
}

/// The host and port as written after `scheme://`, for error messages.
fn written_host_and_port(rest: &str) -> (&str, Option<&str>) {
    let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.starts_with('[') {
        return match host_port.split_once(']') {
            Some((host, after)) => (&host_port[..=host.len()], after.strip_prefix(':')),
            None => (host_port, None),
        };
    }
    match host_port.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_port, None),
    }
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
    use proptest::prelude::*;

    fn parse(text: &str) -> Result<String, BaseUrlError> {
        BaseUrl::parse(text).map(|b| b.to_string())
    }

    #[test]
    fn normalises_as_browsers_do() {
        for (written, normal) in [
            ("https://api.plane.so", "https://api.plane.so"),
            (" HTTPS://Plane.Example.com/ ", "https://plane.example.com"),
            (
                "https://plane.example.com:443/",
                "https://plane.example.com",
            ),
            ("http://plane.example.com:80", "http://plane.example.com"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://[::1]:3000/", "http://[::1]:3000"),
            (
                "https://bücher.example/Plane/",
                "https://xn--bcher-kva.example/Plane",
            ),
            ("https://x.io/a/../b", "https://x.io/b"),
            ("https://x.io/b%C3%BCcher", "https://x.io/b%C3%BCcher"),
            ("https://x.io/bücher", "https://x.io/b%C3%BCcher"),
            (
                "https://example.com/tools/plane-proxy/",
                "https://example.com/tools/plane-proxy",
            ),
        ] {
            assert_eq!(parse(written).as_deref(), Ok(normal), "{written}");
        }
    }

    #[test]
    fn parts_and_joins() {
        let base = BaseUrl::parse("https://Example.com:443/plane/").unwrap();
        assert_eq!(base.origin().to_string(), "https://example.com");
        assert_eq!(base.path(), "/plane");
        assert_eq!(base.segments().collect::<Vec<_>>(), ["plane"]);
        assert_eq!(
            base.join("/api/v1/users/me/"),
            "https://example.com/plane/api/v1/users/me/"
        );
        let root = BaseUrl::parse("https://example.com").unwrap();
        assert_eq!(root.segments().count(), 0);
        assert_eq!(root.join("/x"), "https://example.com/x");
    }

    #[test]
    fn drops_a_suffix_only_when_it_ends_the_path() {
        let strip = |text: &str| {
            BaseUrl::parse(text)
                .unwrap()
                .without_suffix(&["api", "v1"])
                .to_string()
        };
        assert_eq!(strip("https://x.io/api/v1/"), "https://x.io");
        assert_eq!(strip("https://x.io/proxy/API/V1"), "https://x.io/proxy");
        assert_eq!(strip("https://x.io/api"), "https://x.io/api");
        assert_eq!(strip("https://x.io/api/v1/x"), "https://x.io/api/v1/x");
    }

    #[test]
    fn refuses_what_cannot_work_with_a_reason() {
        let cases: [(&str, BaseUrlError); 15] = [
            ("", BaseUrlError::Empty),
            ("  ", BaseUrlError::Empty),
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
            ("https://user@/x", BaseUrlError::MissingHost),
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
                "https://x%zz.io",
                BaseUrlError::InvalidHost {
                    host: "x%zz.io".into(),
                },
            ),
            (
                "https://x.io//double",
                BaseUrlError::InvalidPath {
                    segment: String::new(),
                },
            ),
            (
                "https://x.io/100%",
                BaseUrlError::InvalidPath {
                    segment: "100%".into(),
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(BaseUrl::parse(text), Err(expected), "{text}");
        }
        assert_eq!(
            BaseUrl::parse("http://[::1:3000"),
            Err(BaseUrlError::InvalidHost {
                host: "[::1:3000".into()
            })
        );
        assert_eq!(
            BaseUrl::parse("http://[::1]:x"),
            Err(BaseUrlError::InvalidPort { port: "x".into() })
        );
        assert_eq!(
            BaseUrl::parse("chrome-extension://abc"),
            Err(BaseUrlError::Scheme {
                found: "chrome-extension".into()
            })
        );
    }

    /// Bases with mixed case, Unicode hosts, ports and paths with trailing slashes.
    const BASES: &str = "(?i)https?://([a-zü0-9]{1,6}\\.){0,2}[a-z]{2,4}(:[0-9]{1,5})?\
                         (/[a-zA-Zé0-9_-]{1,5}){0,3}/{0,2}";

    proptest! {
        #[test]
        fn normal_forms_are_fixed_points(text in BASES) {
            if let Ok(base) = BaseUrl::parse(&text) {
                prop_assert_eq!(BaseUrl::parse(&base.to_string()), Ok(base.clone()));
                let origin = base.origin().clone();
                prop_assert_eq!(Origin::parse(&origin.to_string()), Ok(origin));
            }
        }
    }

    #[test]
    fn every_refusal_reads_as_a_sentence() {
        assert_eq!(
            BaseUrl::parse("https://u@x.io").unwrap_err().to_string(),
            "the URL must not contain a user name or password; put credentials such as the API key in their own field"
        );
        assert_eq!(
            BaseUrl::parse("x").unwrap_err().to_string(),
            "the URL must start with https:// (or http://), not \"x\""
        );
        assert_eq!(
            BaseUrl::parse("https://x.io:abc").unwrap_err().to_string(),
            "\"abc\" is not a valid port (1 to 65535)"
        );
    }
}
