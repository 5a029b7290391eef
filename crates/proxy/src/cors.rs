//! Cross-origin access for the pages that embed the widget: only the configured origins get a
//! grant (preflights included), no credentials, no `X-API-Key` request header (the proxy adds
//! the key), and the rate-limit headers exposed so the widget can pace itself.

use axum::http::header::{
    ACCEPT, CONTENT_TYPE, HeaderName, InvalidHeaderValue, ORIGIN, RETRY_AFTER,
};
use axum::http::{HeaderMap, HeaderValue, Method};
use std::time::Duration;
use tower_http::cors::{AllowOrigin, CorsLayer};

/// The response headers page scripts may read: what core's rate limiter paces by.
pub const EXPOSED: [&str; 3] = ["x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"];

/// The CORS layer granting exactly `origins` (each as browsers send it, e.g.
/// `https://intranet.example.com`).
pub fn layer(origins: &[String]) -> Result<CorsLayer, InvalidHeaderValue> {
    let origins = origins
        .iter()
        .map(|o| HeaderValue::from_str(o))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST, Method::DELETE])
        .allow_headers([ACCEPT, CONTENT_TYPE])
        .expose_headers([
            HeaderName::from_static(EXPOSED[0]),
            HeaderName::from_static(EXPOSED[1]),
            RETRY_AFTER,
        ])
        .max_age(Duration::from_secs(600)))
}

/// The request's `Origin` when it is present and not among `origins` (`None`: no `Origin`, as
/// from a server-side caller, or an allowed one).
pub fn refused_origin(origins: &[String], headers: &HeaderMap) -> Option<String> {
    let origin = headers.get(ORIGIN)?;
    let text = String::from_utf8_lossy(origin.as_bytes());
    (!origins.iter().any(|o| *o == text)).then(|| text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_origins_pass() {
        let origins = vec!["https://intranet.example.com".to_owned()];
        let with = |origin: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(ORIGIN, HeaderValue::from_str(origin).unwrap());
            headers
        };
        assert_eq!(refused_origin(&origins, &HeaderMap::new()), None);
        assert_eq!(
            refused_origin(&origins, &with("https://intranet.example.com")),
            None
        );
        assert_eq!(
            refused_origin(&origins, &with("https://intranet.example.com.evil.test")),
            Some("https://intranet.example.com.evil.test".into())
        );
        assert_eq!(refused_origin(&origins, &with("null")), Some("null".into()));
        assert!(layer(&origins).is_ok());
        assert!(layer(&["bad\nvalue".to_owned()]).is_err());
    }
}
