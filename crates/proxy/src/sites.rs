//! Which callers may spend the key: the decision, from the `Origin` and the browser's
//! `Sec-Fetch-Site` / `Sec-Fetch-Mode` headers, that keeps an image, a link or a form on some
//! other site from reaching Plane (a simple `GET` needs no preflight, so refusing the CORS grant
//! alone would not stop it). Pure: headers in, a verdict out.
//!
//! | `Sec-Fetch-Site` | served when |
//! |---|---|
//! | `same-origin` | always (the proxy is under the page's own origin) |
//! | `none` | always (the user typed or bookmarked the address) |
//! | `same-site`, `cross-site` | the `Origin` is allowed and `Sec-Fetch-Mode` is `cors` |
//! | absent, with an `Origin` | the `Origin` is allowed (a browser without fetch metadata) |
//! | absent, no `Origin` | always: not a browser page (a server, `curl`) |
//! | anything else | never |

use axum::http::HeaderMap;
use axum::http::header::ORIGIN;

/// `Sec-Fetch-Site`: where the request comes from, relative to the proxy.
pub const SEC_FETCH_SITE: &str = "sec-fetch-site";
/// `Sec-Fetch-Mode`: what kind of request the browser makes (`cors`, `navigate`, `no-cors`, ...).
pub const SEC_FETCH_MODE: &str = "sec-fetch-mode";

/// Who is calling, once allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// A page of this allowed origin, by a CORS request.
    Page(String),
    /// A page under the proxy's own origin, or the user's own navigation.
    SameOrigin,
    /// Not a browser page: no `Origin` and no fetch metadata.
    Direct,
}

impl Caller {
    /// The name the rate limit counts this caller under: the page origin, `same-origin` or
    /// `direct`.
    pub fn bucket(&self) -> &str {
        match self {
            Self::Page(origin) => origin,
            Self::SameOrigin => "same-origin",
            Self::Direct => "direct",
        }
    }
}

/// Why a caller is refused; the message is the `error` of the 403.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteRefusal {
    /// An `Origin` that is not among `--allow-origin`.
    #[error("pages from {0} may not use this proxy")]
    Origin(String),
    /// A request from another site that carries no `Origin`.
    #[error(
        "a request from another site (Sec-Fetch-Site: {site}) must come from an allowed page and carry its Origin"
    )]
    NoOrigin {
        /// The `Sec-Fetch-Site` value.
        site: String,
    },
    /// A request from another site that is not a CORS request (a link, form, image or script).
    #[error(
        "only CORS requests (fetch) may use this proxy from another site, not Sec-Fetch-Mode: {mode}"
    )]
    NotCors {
        /// The `Sec-Fetch-Mode` value, or `(none)`.
        mode: String,
    },
    /// A `Sec-Fetch-Site` value that no browser sends.
    #[error("Sec-Fetch-Site: {0} is not a value this proxy knows")]
    UnknownSite(String),
}

fn text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// Decides whether the request with `headers` may be forwarded, given the allowed page
/// `origins` (each as browsers send it).
pub fn caller(origins: &[String], headers: &HeaderMap) -> Result<Caller, SiteRefusal> {
    let origin = text(headers, ORIGIN.as_str());
    let allowed = |origin: String| {
        if origins.contains(&origin) {
            Ok(origin)
        } else {
            Err(SiteRefusal::Origin(origin))
        }
    };
    let Some(site) = text(headers, SEC_FETCH_SITE) else {
        return match origin {
            Some(origin) => allowed(origin).map(Caller::Page),
            None => Ok(Caller::Direct),
        };
    };
    match site.as_str() {
        "same-origin" | "none" => Ok(Caller::SameOrigin),
        "same-site" | "cross-site" => {
            let Some(origin) = origin else {
                return Err(SiteRefusal::NoOrigin { site });
            };
            let origin = allowed(origin)?;
            match text(headers, SEC_FETCH_MODE).as_deref() {
                Some("cors") => Ok(Caller::Page(origin)),
                mode => Err(SiteRefusal::NotCors {
                    mode: mode.unwrap_or("(none)").to_owned(),
                }),
            }
        }
        _ => Err(SiteRefusal::UnknownSite(site)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    const PAGE: &str = "https://intranet.example.com";

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        headers
    }

    fn decide(pairs: &[(&str, &str)]) -> Result<Caller, SiteRefusal> {
        caller(&[PAGE.to_owned()], &headers(pairs))
    }

    #[test]
    fn pages_of_allowed_origins_are_served_by_cors_requests_only() {
        for site in ["cross-site", "same-site"] {
            assert_eq!(
                decide(&[
                    ("origin", PAGE),
                    ("sec-fetch-site", site),
                    ("sec-fetch-mode", "cors")
                ]),
                Ok(Caller::Page(PAGE.to_owned()))
            );
            for mode in ["navigate", "no-cors", "same-origin", "websocket"] {
                assert_eq!(
                    decide(&[
                        ("origin", PAGE),
                        ("sec-fetch-site", site),
                        ("sec-fetch-mode", mode)
                    ]),
                    Err(SiteRefusal::NotCors { mode: mode.into() })
                );
            }
            assert_eq!(
                decide(&[("origin", PAGE), ("sec-fetch-site", site)]),
                Err(SiteRefusal::NotCors {
                    mode: "(none)".into()
                })
            );
            // An image or a link from another site sends no Origin at all.
            assert_eq!(
                decide(&[("sec-fetch-site", site), ("sec-fetch-mode", "no-cors")]),
                Err(SiteRefusal::NoOrigin { site: site.into() })
            );
            assert_eq!(
                decide(&[
                    ("origin", "https://evil.test"),
                    ("sec-fetch-site", site),
                    ("sec-fetch-mode", "cors")
                ]),
                Err(SiteRefusal::Origin("https://evil.test".into()))
            );
        }
    }

    #[test]
    fn same_origin_pages_direct_callers_and_old_browsers_are_decided_deliberately() {
        assert_eq!(
            decide(&[
                ("origin", "https://proxy.intranet.example.com"),
                ("sec-fetch-site", "same-origin"),
                ("sec-fetch-mode", "cors")
            ]),
            Ok(Caller::SameOrigin)
        );
        assert_eq!(
            decide(&[("sec-fetch-site", "none"), ("sec-fetch-mode", "navigate")]),
            Ok(Caller::SameOrigin)
        );
        assert_eq!(decide(&[]), Ok(Caller::Direct));
        assert_eq!(
            decide(&[("origin", PAGE)]),
            Ok(Caller::Page(PAGE.to_owned()))
        );
        assert_eq!(
            decide(&[("origin", "null")]),
            Err(SiteRefusal::Origin("null".into()))
        );
        assert_eq!(
            decide(&[("sec-fetch-site", "elsewhere")]),
            Err(SiteRefusal::UnknownSite("elsewhere".into()))
        );
        assert_eq!(Caller::Page(PAGE.to_owned()).bucket(), PAGE);
        assert_eq!(Caller::SameOrigin.bucket(), "same-origin");
        assert_eq!(Caller::Direct.bucket(), "direct");
    }
}
