//! Web origins (`https://plane.example.com`), normalised as browsers serialise them.
//!
//! Parsing follows the WHATWG URL Standard (the `url` crate natively, the browser's `URL` in wasm), so an origin compares equal
//! to the one a browser reports for the same site: scheme and host lower case, Unicode hosts in
//! punycode (`bücher.example` is `xn--bcher-kva.example`), IPv4 and IPv6 addresses in their
//! canonical form, and the scheme's default port dropped (`https://x.io:443` is `https://x.io`).

use super::base::{BaseUrlError, parse_absolute};
use super::parsed::ParsedUrl;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A scheme, host and port, as a browser serialises an origin (`Origin` header,
/// `location.origin`): `https://xn--bcher-kva.example`, `http://127.0.0.1:8000`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Origin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Origin {
    /// Reads an origin as written in a configuration (`https://App.Example.com:443`, a trailing
    /// slash allowed). `http` and `https` origins are normalised as browsers do; other schemes
    /// with a host, such as a browser extension's `chrome-extension://{id}`, keep their host as
    /// written ([`Origin::is_web`] tells them apart). Refuses credentials, a path, a query or a
    /// fragment, with the reason.
    pub fn parse(text: &str) -> Result<Self, BaseUrlError> {
        let url = parse_absolute(text)?;
        if url.path() != "/" && !url.path().is_empty() {
            return Err(BaseUrlError::NotAnOrigin {
                path: url.path().to_owned(),
            });
        }
        Self::of(&url).ok_or(BaseUrlError::MissingHost)
    }

    /// Plane Cloud's API origin, `https://api.plane.so`.
    pub fn plane_cloud_api() -> Self {
        Self {
            scheme: "https".into(),
            host: "api.plane.so".into(),
            port: None,
        }
    }

    /// The origin of a parsed URL; `None` when the URL has no host (`mailto:`, `file:///`).
    pub(crate) fn of(url: &ParsedUrl) -> Option<Self> {
        Some(Self {
            scheme: url.scheme().to_owned(),
            host: url.host_str().filter(|h| !h.is_empty())?.to_owned(),
            port: url.port(),
        })
    }

    /// Whether the scheme is `http` or `https`.
    pub fn is_web(&self) -> bool {
        is_web_scheme(&self.scheme)
    }

    /// The scheme, lower case (`https`).
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host as browsers serialise it: ASCII, lower case, IPv6 in brackets.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether the host is this machine (`localhost`, `127.0.0.0/8`, `[::1]`): the one place a
    /// request may travel unencrypted without leaving it.
    pub fn is_loopback(&self) -> bool {
        let host = self.host.as_str();
        host == "localhost"
            || host.ends_with(".localhost")
            || host == "[::1]"
            || host
                .parse::<std::net::Ipv4Addr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// Whether a request to this origin is encrypted, or stays on this machine.
    pub fn is_private_channel(&self) -> bool {
        self.scheme == "https" || self.is_loopback()
    }

    /// The port, or `None` when it is the scheme's default (or the URL named none).
    pub fn port(&self) -> Option<u16> {
        self.port
    }
}

/// Whether a (lower-case) scheme is one of the web's: `http` or `https`.
pub(crate) fn is_web_scheme(scheme: &str) -> bool {
    scheme == "http" || scheme == "https"
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        match self.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

impl FromStr for Origin {
    type Err = BaseUrlError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for Origin {
    type Error = BaseUrlError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<Origin> for String {
    fn from(origin: Origin) -> Self {
        origin.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin(text: &str) -> Result<String, BaseUrlError> {
        Origin::parse(text).map(|o| o.to_string())
    }

    #[test]
    fn normalises_as_browsers_do() {
        for (written, normal) in [
            ("https://App.Plane.so", "https://app.plane.so"),
            ("HTTPS://app.plane.so/", "https://app.plane.so"),
            ("https://plane.example.com:443", "https://plane.example.com"),
            ("http://plane.example.com:80/", "http://plane.example.com"),
            (
                "http://plane.example.com:443",
                "http://plane.example.com:443",
            ),
            ("https://bücher.example", "https://xn--bcher-kva.example"),
            (
                "https://BÜCHER.example:8443",
                "https://xn--bcher-kva.example:8443",
            ),
            ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
            ("http://[0:0::1]:3000", "http://[::1]:3000"),
            (
                "chrome-extension://abcdefghijklmnop",
                "chrome-extension://abcdefghijklmnop",
            ),
        ] {
            assert_eq!(origin(written).as_deref(), Ok(normal), "{written}");
        }
    }

    #[test]
    fn plane_cloud_is_already_normal() {
        assert_eq!(
            Origin::parse("https://api.plane.so"),
            Ok(Origin::plane_cloud_api())
        );
    }

    #[test]
    fn refuses_what_is_not_an_origin() {
        assert_eq!(
            origin("https://app.example.com/plane"),
            Err(BaseUrlError::NotAnOrigin {
                path: "/plane".into()
            })
        );
        assert_eq!(
            origin("https://user@app.example.com"),
            Err(BaseUrlError::Credentials)
        );
        assert_eq!(
            origin("app.example.com"),
            Err(BaseUrlError::Scheme {
                found: "app.example.".into()
            })
        );
        assert_eq!(
            origin("https://app.example.com/?x"),
            Err(BaseUrlError::QueryOrFragment)
        );
    }

    #[test]
    fn serde_uses_the_normal_form() {
        let parsed: Origin = serde_json::from_str("\"https://Bücher.example:443/\"").unwrap();
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            "\"https://xn--bcher-kva.example\""
        );
        assert!(serde_json::from_str::<Origin>("\"nowhere\"").is_err());
    }
}
