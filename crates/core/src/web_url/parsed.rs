//! One URL read by the WHATWG URL Standard, with two back ends behind one API: native builds
//! (sandbox, proxy, tests) use the `url` crate; wasm builds ask the browser's own `URL`, so the
//! IDNA and Unicode tables that the `url` crate needs for international host names (about
//! 85 KB gzip -9 per bundle) never ship, and a bundle reads a URL exactly as the browser that
//! runs it does. `crates/js/tests/url_model.rs` runs the URL corpus
//! (`crates/core/tests/support/url_corpus.rs`) through the wasm back end in Chromium, and
//! `crates/core/tests/url_corpus.rs` through the native one, against the same recorded answers.

/// Why a URL did not parse, as far as callers tell the reasons apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseFailure {
    /// A special scheme (`http`, `https`) with an empty host (wasm never tells this apart: the
    /// callers refuse an empty host before parsing).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    EmptyHost,
    /// A port that is not a number from 0 to 65535.
    InvalidPort,
    /// Anything else (mostly a host that is not a domain name or an IP address).
    Other,
}

pub(crate) use backend::ParsedUrl;

impl ParsedUrl {
    /// The first value of `name` in the query, decoded as a form (`+` is a space), as
    /// `URLSearchParams.get` and the `url` crate's `query_pairs` read it.
    pub(crate) fn query_value(&self, name: &str) -> Option<String> {
        form_urlencoded::parse(self.query()?.as_bytes())
            .find_map(|(key, value)| (key == name).then(|| value.into_owned()))
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod backend {
    use super::ParseFailure;

    /// A parsed absolute URL (the `url` crate's).
    #[derive(Debug, Clone)]
    pub(crate) struct ParsedUrl(url::Url);

    impl ParsedUrl {
        /// Parses an absolute URL.
        pub(crate) fn parse(text: &str) -> Result<Self, ParseFailure> {
            url::Url::parse(text)
                .map(Self)
                .map_err(|error| match error {
                    url::ParseError::EmptyHost => ParseFailure::EmptyHost,
                    url::ParseError::InvalidPort => ParseFailure::InvalidPort,
                    _ => ParseFailure::Other,
                })
        }

        /// The scheme, lower case, without `:`.
        pub(crate) fn scheme(&self) -> &str {
            self.0.scheme()
        }

        /// The host as serialised (IPv6 in brackets); `None` when the URL has none.
        pub(crate) fn host_str(&self) -> Option<&str> {
            self.0.host_str()
        }

        /// The port, `None` when it is the scheme's default or absent.
        pub(crate) fn port(&self) -> Option<u16> {
            self.0.port()
        }

        /// The path, percent-encoded.
        pub(crate) fn path(&self) -> &str {
            self.0.path()
        }

        /// The user name, empty when there is none.
        pub(crate) fn username(&self) -> &str {
            self.0.username()
        }

        /// The password, when one is given.
        pub(crate) fn password(&self) -> Option<&str> {
            self.0.password()
        }

        /// The query without `?`, when there is one (even empty).
        pub(crate) fn query(&self) -> Option<&str> {
            self.0.query()
        }

        /// The fragment without `#`, when there is one (even empty).
        pub(crate) fn fragment(&self) -> Option<&str> {
            self.0.fragment()
        }

        /// The whole URL, serialised (`href`).
        pub(crate) fn as_str(&self) -> &str {
            self.0.as_str()
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod backend {
    use super::ParseFailure;

    /// A parsed absolute URL, as the browser's `URL` serialised its parts.
    #[derive(Debug, Clone)]
    pub(crate) struct ParsedUrl {
        href: String,
        scheme: String,
        host: String,
        port: Option<u16>,
        path: String,
        username: String,
        password: String,
    }

    impl ParsedUrl {
        /// Parses an absolute URL with `new URL(text)`. The browser's `TypeError` gives no
        /// reason, so an invalid port is told from what was written; the callers have already
        /// refused an empty host themselves.
        pub(crate) fn parse(text: &str) -> Result<Self, ParseFailure> {
            let url = web_sys::Url::new(text).map_err(|_| failure(text))?;
            let protocol = url.protocol();
            let scheme = protocol.strip_suffix(':').unwrap_or(&protocol).to_owned();
            let host = url.hostname();
            // Chromium escapes what the URL Standard refuses in a domain (`https://exa mple.com`
            // becomes `exa%20mple.com`); the standard, and the `url` crate, refuse the URL.
            if SPECIAL_SCHEMES.contains(&scheme.as_str())
                && !host.starts_with('[')
                && host.contains(FORBIDDEN_IN_DOMAIN)
            {
                return Err(ParseFailure::Other);
            }
            Ok(Self {
                href: url.href(),
                scheme,
                host,
                port: url.port().parse().ok(),
                path: url.pathname(),
                username: url.username(),
                password: url.password(),
            })
        }

        /// The scheme, lower case, without `:`.
        pub(crate) fn scheme(&self) -> &str {
            &self.scheme
        }

        /// The host as serialised (IPv6 in brackets); `None` when the URL has none.
        pub(crate) fn host_str(&self) -> Option<&str> {
            (!self.host.is_empty()).then_some(self.host.as_str())
        }

        /// The port, `None` when it is the scheme's default or absent.
        pub(crate) fn port(&self) -> Option<u16> {
            self.port
        }

        /// The path, percent-encoded.
        pub(crate) fn path(&self) -> &str {
            &self.path
        }

        /// The user name, empty when there is none.
        pub(crate) fn username(&self) -> &str {
            &self.username
        }

        /// The password, when one is given (the browser serialises none for an empty one).
        pub(crate) fn password(&self) -> Option<&str> {
            (!self.password.is_empty()).then_some(self.password.as_str())
        }

        /// The query without `?`, when there is one (even empty). `URL.search` is `""` both
        /// for no query and for an empty one, so it is read from `href`: in a serialised URL
        /// the first `#` starts the fragment and the first `?` before it the query (both are
        /// percent-encoded everywhere else).
        pub(crate) fn query(&self) -> Option<&str> {
            let before_fragment = self.href.split('#').next().unwrap_or_default();
            before_fragment.split_once('?').map(|(_, query)| query)
        }

        /// The fragment without `#`, when there is one (even empty); read from `href` as
        /// [`ParsedUrl::query`] is.
        pub(crate) fn fragment(&self) -> Option<&str> {
            self.href.split_once('#').map(|(_, fragment)| fragment)
        }

        /// The whole URL, serialised (`href`).
        pub(crate) fn as_str(&self) -> &str {
            &self.href
        }
    }

    /// The URL Standard's special schemes, whose hosts are domains or IP addresses.
    const SPECIAL_SCHEMES: [&str; 6] = ["http", "https", "ws", "wss", "ftp", "file"];

    /// The URL Standard's forbidden domain code points that can remain in a host as a browser
    /// serialises it (the others end the host or are removed before).
    const FORBIDDEN_IN_DOMAIN: [char; 14] = [
        ' ', '#', '%', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|',
    ];

    /// What the `url` crate would have said about `text`: a port (after the host, as written)
    /// that is not a number up to 65535 is an invalid port; anything else an invalid host.
    fn failure(text: &str) -> ParseFailure {
        let rest = text.split_once("://").map_or(text, |(_, rest)| rest);
        let end = rest.find(['/', '\\', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..end];
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let port = match host_port.rsplit_once(']') {
            Some((_, after)) => after.strip_prefix(':'),
            None => host_port.rsplit_once(':').map(|(_, port)| port),
        };
        match port {
            Some(port)
                if !port.is_empty()
                    && (!port.bytes().all(|b| b.is_ascii_digit())
                        || port.parse::<u16>().is_err()) =>
            {
                ParseFailure::InvalidPort
            }
            _ => ParseFailure::Other,
        }
    }
}
