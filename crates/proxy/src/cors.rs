//! Cross-origin access for the pages that embed the widget: only the configured origins get a
//! grant (preflights included), no credentials, no `X-API-Key` request header (the proxy adds
//! the key), and the rate-limit headers exposed so the widget can pace itself. Which requests
//! are served at all is [`crate::sites`]'s decision.

use axum::http::header::{ACCEPT, CONTENT_TYPE, HeaderName, InvalidHeaderValue, RETRY_AFTER};
use axum::http::{HeaderValue, Method};
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_must_be_header_values() {
        let origins = vec!["https://intranet.example.com".to_owned()];
        assert!(layer(&origins).is_ok());
        assert!(layer(&["bad\nvalue".to_owned()]).is_err());
    }
}
