//! Fault injection, request counters and reset.

use super::common::*;
use reqwest::Method;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const VALUES_ROUTE: &str = "/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{work_item_id}/work-item-properties/{property_id}/values/";

async fn fault(h: &Harness, body: Value) -> String {
    let (status, answer) = h
        .control(Method::POST, "/_sandbox/faults", Some(body))
        .await;
    assert_eq!(status, 201, "{answer}");
    answer["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_redirect_fault_answers_302_with_its_location_once() {
    let h = start().await;
    let elsewhere = h.url("/api/v1/users/me/?followed=yes");
    fault(
        &h,
        json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "redirect_to": elsewhere}),
    )
    .await;
    let direct = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = direct
        .get(h.url("/api/v1/users/me/"))
        .header("X-API-Key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 302);
    assert_eq!(response.headers()["location"].to_str().unwrap(), elsewhere);
    assert_eq!(
        h.get("/api/v1/users/me/").await.0,
        200,
        "the fault is used up"
    );
    let (status, refused) = h
        .control(
            Method::POST,
            "/_sandbox/faults",
            Some(json!({"method": "GET", "path": "/x/", "count": 1, "redirect_to": "javascript:alert(1)"})),
        )
        .await;
    assert_eq!(
        (status, refused),
        (
            400,
            json!({"error": "\"redirect_to\" must be an http:// or https:// address"})
        )
    );
}

#[tokio::test]
async fn status_faults_answer_like_plane_and_proxies() {
    let h = start().await;
    fault(&h, json!({"method": "GET", "path": "/api/v1/users/me/", "count": 2, "status": 429, "retry_after": 7})).await;
    for _ in 0..2 {
        let response = h
            .req(Method::GET, "/api/v1/users/me/")
            .send()
            .await
            .unwrap();
        assert_eq!(
            (
                response.status().as_u16(),
                response.headers()["retry-after"].to_str().unwrap()
            ),
            (429, "7")
        );
        assert_eq!(
            split(response).await.1,
            json!({"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"})
        );
    }
    assert_eq!(
        h.get("/api/v1/users/me/").await.0,
        200,
        "the fault is used up"
    );
    fault(
        &h,
        json!({"method": "*", "path": "/api/v1/workspaces/demo/*", "count": 1, "status": 500}),
    )
    .await;
    assert_eq!(
        h.get(&format!("{WS}/members/")).await,
        (
            500,
            json!({"error": "Something went wrong please try again later"})
        )
    );
    for code in [502, 503, 504] {
        fault(
            &h,
            json!({"method": "GET", "path": "*/members/", "count": 1, "status": code}),
        )
        .await;
        let response = h
            .req(Method::GET, &format!("{WS}/members/"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), code);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(response.text().await.unwrap().contains(&code.to_string()));
    }
    let (status, faults) = h.control(Method::GET, "/_sandbox/faults", None).await;
    assert_eq!((status, faults), (200, json!([])));
}

#[tokio::test]
async fn delays_and_drops() {
    let h = start().await;
    fault(
        &h,
        json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "delay_ms": 300}),
    )
    .await;
    let started = Instant::now();
    assert_eq!(h.get("/api/v1/users/me/").await.0, 200);
    assert!(started.elapsed() >= Duration::from_millis(300), "delayed");
    fault(
        &h,
        json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "drop": true}),
    )
    .await;
    let fresh = super::common::http_builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let error = fresh
        .get(h.url("/api/v1/users/me/"))
        .header("X-API-Key", KEY)
        .send()
        .await
        .unwrap_err();
    assert!(!error.is_status(), "a network error, not a status: {error}");
    assert_eq!(
        h.get("/api/v1/users/me/").await.0,
        200,
        "later requests are served"
    );
}

#[tokio::test]
async fn phase_after_applies_the_write_once_then_fails() {
    let h = start().await;
    let path = value_path("DEMO-241", "Legacy ID");
    let _ = h.delete(&path).await;
    h.control(Method::DELETE, "/_sandbox/requests", None).await;
    fault(&h, json!({"method": "POST", "path": "/api/v1/workspaces/demo/*/values/", "count": 1, "status": 503, "phase": "after"})).await;
    let (status, _) = h.post(&path, json!({"value": "applied"})).await;
    assert_eq!(status, 503);
    let (status, read) = h.get(&path).await;
    assert_eq!(
        (status, read["value"].as_str()),
        (200, Some("applied")),
        "the write was applied"
    );
    let (status, retried) = h.post(&path, json!({"value": "applied"})).await;
    assert_eq!(
        (status, retried["id"].clone()),
        (200, read["id"].clone()),
        "a retry updates the same value"
    );

    fault(&h, json!({"method": "DELETE", "path": "*/values/", "count": 1, "drop": true, "phase": "after"})).await;
    let fresh = super::common::http_builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    assert!(
        fresh
            .delete(h.url(&path))
            .header("X-API-Key", KEY)
            .send()
            .await
            .is_err()
    );
    assert_eq!(h.get(&path).await.0, 404, "the dropped delete was applied");

    let (_, counts) = h.control(Method::GET, "/_sandbox/requests", None).await;
    let route = |method: &str| {
        counts["routes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["route"] == VALUES_ROUTE && r["method"] == method)
            .cloned()
            .unwrap()
    };
    assert_eq!(route("POST")["statuses"], json!({"503": 1, "200": 1}));
    assert_eq!(route("POST")["count"], 2);
    assert_eq!(route("DELETE")["statuses"], json!({"dropped": 1}));
    assert_eq!(route("GET")["statuses"], json!({"200": 1, "404": 1}));
    assert_eq!(counts["total"], 5);
    let (status, _) = h.control(Method::DELETE, "/_sandbox/requests", None).await;
    assert_eq!(status, 200);
    assert_eq!(
        h.control(Method::GET, "/_sandbox/requests", None).await.1,
        json!({"total": 0, "routes": []})
    );
}

#[tokio::test]
async fn fault_bodies_are_validated_and_faults_clear() {
    let h = start().await;
    let (status, body) = h
        .control(
            Method::POST,
            "/_sandbox/faults",
            Some(json!({"method": "GET", "path": "/x", "count": 1, "status": 418})),
        )
        .await;
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("418"), "{body}");
    let (status, _) = h
        .control(
            Method::POST,
            "/_sandbox/faults",
            Some(json!({"method": "GET", "path": "/x"})),
        )
        .await;
    assert_eq!(status, 400);
    fault(
        &h,
        json!({"method": "GET", "path": "/api/v1/users/me/", "count": 5, "status": 500}),
    )
    .await;
    let (_, listed) = h.control(Method::GET, "/_sandbox/faults", None).await;
    assert_eq!(listed[0]["remaining"], 5);
    assert_eq!(
        h.control(Method::DELETE, "/_sandbox/faults", None).await.0,
        200
    );
    assert_eq!(h.get("/api/v1/users/me/").await.0, 200);
}

#[tokio::test]
async fn reset_restores_the_seed() {
    let h = start_with(|c| c.rate_limit = "5/minute".parse().unwrap()).await;
    let path = value_path("DEMO-12", "Summary");
    let (_, before) = h.get(&path).await;
    h.post(&path, json!({"value": "changed"})).await;
    fault(
        &h,
        json!({"method": "*", "path": "*", "count": 10, "status": 500}),
    )
    .await;
    let (status, body) = h.control(Method::POST, "/_sandbox/reset", None).await;
    assert_eq!((status, body), (200, json!({"ok": true})));
    let (_, after) = h.get(&path).await;
    assert_eq!(
        after["value"], before["value"],
        "value restored, fault cleared"
    );
    assert_eq!(
        h.control(Method::GET, "/_sandbox/requests", None).await.1["total"],
        1,
        "counters cleared"
    );
    let (status, _) = h
        .control(
            Method::POST,
            "/_sandbox/reset",
            Some(json!({"seed": "empty"})),
        )
        .await;
    assert_eq!(status, 200);
    let (_, projects) = h.get(&format!("{WS}/projects/")).await;
    assert_eq!(projects["total_count"], 0);
    let (status, me) = h.get("/api/v1/users/me/").await;
    assert_eq!((status, me["id"].clone()), (200, json!(user("priya"))));
    let (status, _) = h
        .control(
            Method::POST,
            "/_sandbox/reset",
            Some(json!({"seed": "huge"})),
        )
        .await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn controls_are_absent_unless_enabled() {
    let h = start_with(|c| c.test_controls = false).await;
    for (method, path) in [
        (Method::POST, "/_sandbox/faults"),
        (Method::GET, "/_sandbox/requests"),
        (Method::POST, "/_sandbox/reset"),
    ] {
        let (status, body) = h.control(method, path, Some(json!({}))).await;
        assert_eq!((status, body), (404, json!({"error": "Page not found."})));
    }
}
