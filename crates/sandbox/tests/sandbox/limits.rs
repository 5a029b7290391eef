//! Rate limiting (DRF's sliding window) and CORS.

use super::common::*;
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[tokio::test]
async fn the_throttle_counts_down_refuses_and_slides() {
    let h = start_with(|c| c.rate_limit = "3/second".parse().unwrap()).await;
    // Wait for the start of a fresh second so the three requests fit in one window.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    tokio::time::sleep(Duration::from_millis(
        1000 - u64::from(now.subsec_millis()) % 1000,
    ))
    .await;
    let mut remaining = Vec::new();
    for _ in 0..3 {
        let response = h
            .req(Method::GET, "/api/v1/users/me/")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let headers = response.headers();
        remaining.push(
            headers["x-ratelimit-remaining"]
                .to_str()
                .unwrap()
                .to_owned(),
        );
        let reset: i64 = headers["x-ratelimit-reset"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        assert!(
            (epoch..=epoch + 2).contains(&reset),
            "reset {reset} is now + window"
        );
    }
    assert_eq!(remaining, ["2", "1", "0"]);
    let throttled = h
        .req(Method::GET, "/api/v1/users/me/")
        .send()
        .await
        .unwrap();
    assert_eq!(throttled.status(), 429);
    assert_eq!(throttled.headers()["retry-after"], "1");
    assert!(
        throttled.headers().get("x-ratelimit-remaining").is_none(),
        "no rate headers on a 429"
    );
    assert_eq!(
        split(throttled).await.1,
        json!({"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"})
    );
    // Authentication failures, unknown URLs and preflights are not throttled.
    let (status, _) = send(h.client.get(h.url("/api/v1/users/me/"))).await;
    assert_eq!(status, 401);
    let (status, _) = send(
        h.client
            .get(h.url("/api/v1/nowhere/"))
            .header("X-API-Key", KEY),
    )
    .await;
    assert_eq!(status, 404);
    let preflight = h
        .client
        .request(Method::OPTIONS, h.url("/api/v1/users/me/"))
        .header("Origin", "http://page.test")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    // Once the window slides past the oldest request, requests are accepted again.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, _) = h.get("/api/v1/users/me/").await;
    assert_eq!(status, 200);
    // Refused requests were not recorded: the new window holds only the one above.
    let response = h
        .req(Method::GET, "/api/v1/users/me/")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-ratelimit-remaining"], "1");
    // Errors a view answers do count.
    let response = h
        .req(Method::GET, &format!("{WS}/work-items/NOPE-1/"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (
            response.status().as_u16(),
            response.headers()["x-ratelimit-remaining"]
                .to_str()
                .unwrap()
        ),
        (403, "0")
    );
}

#[tokio::test]
async fn cors_allows_every_origin_by_default_without_credentials_and_exposes_nothing() {
    let h = start().await;
    let preflight = h
        .client
        .request(Method::OPTIONS, h.url(&value_path("DEMO-1", "Notes")))
        .header("Origin", "http://page.test")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-api-key, content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 200);
    let headers = preflight.headers();
    assert_eq!(headers["access-control-allow-origin"], "http://page.test");
    assert_eq!(
        headers["access-control-allow-methods"],
        "GET, POST, PATCH, DELETE, OPTIONS"
    );
    let allowed = headers["access-control-allow-headers"].to_str().unwrap();
    assert!(allowed.contains("x-api-key") && allowed.contains("content-type"));
    assert_eq!(headers.get("access-control-allow-credentials"), None);
    let actual = h
        .req(Method::GET, "/api/v1/users/me/")
        .header("Origin", "http://page.test")
        .send()
        .await
        .unwrap();
    assert_eq!(
        actual.headers()["access-control-allow-origin"],
        "http://page.test"
    );
    assert_eq!(
        actual.headers().get("access-control-allow-credentials"),
        None
    );
    assert!(
        actual
            .headers()
            .get("access-control-expose-headers")
            .is_none()
    );
}

#[tokio::test]
async fn cors_origins_can_be_restricted_and_rate_headers_exposed() {
    let h = start_with(|c| {
        c.cors_origins = vec!["http://Allowed.test:80/".parse().unwrap()];
        c.cors_expose_rate_limit_headers = true;
    })
    .await;
    let ok = h
        .req(Method::GET, "/api/v1/users/me/")
        .header("Origin", "http://allowed.test")
        .send()
        .await
        .unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "http://allowed.test"
    );
    assert_eq!(
        ok.headers()["access-control-expose-headers"],
        "X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After"
    );
    assert_eq!(ok.headers()["access-control-allow-credentials"], "true");
    let other = h
        .req(Method::GET, "/api/v1/users/me/")
        .header("Origin", "http://other.test")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    assert_eq!(
        other.headers().get("access-control-allow-credentials"),
        None
    );
    let preflight = h
        .client
        .request(Method::OPTIONS, h.url("/api/v1/users/me/"))
        .header("Origin", "http://other.test")
        .header("Access-Control-Request-Method", "GET")
        .send()
        .await
        .unwrap();
    assert!(
        preflight
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
}

#[tokio::test]
async fn the_rate_limit_control_changes_the_rate_until_a_reset() {
    let h = start_with(|c| c.rate_limit = "100/minute".parse().unwrap()).await;
    let set_rate = |rate: &'static str| {
        h.control(
            Method::PUT,
            "/_sandbox/rate-limit",
            Some(json!({ "rate": rate })),
        )
    };
    assert_eq!(set_rate("2/minute").await, (200, json!({"ok": true})));
    let mut statuses = Vec::new();
    for _ in 0..3 {
        statuses.push(send(h.req(Method::GET, "/api/v1/users/me/")).await.0);
    }
    assert_eq!(statuses, [200, 200, 429]);
    let (status, body) = set_rate("many").await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"],
        "invalid rate limit \"many\": expected N/second, N/minute, N/hour or N/day with N >= 1"
    );
    h.control(Method::POST, "/_sandbox/reset", None).await;
    let response = h
        .req(Method::GET, "/api/v1/users/me/")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-ratelimit-remaining"], "99");
}
