//! The proxy's own limits and failures: body size, timeouts, an unreachable or silent Plane.

use super::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn bodies_over_the_limit_get_413_and_malformed_ones_400() {
    let stack = Stack::start(&["--max-body", "64"]);
    let item = Item::read(&stack, "DEMO-4").await;
    let notes = item.value_path(&item.property(&stack, "notes").await);
    let post = |body: String| {
        stack
            .request(Method::POST, &notes)
            .header("Content-Type", "application/json")
            .body(body)
    };
    let fits = stack
        .send(post(json!({"value": "short"}).to_string()))
        .await;
    assert_eq!(fits.status, 201, "{}", fits.body);

    let too_large = json!({"value": "x".repeat(100)}).to_string();
    let refused = stack.send(post(too_large.clone())).await;
    assert_eq!(refused.status, 413);
    assert_eq!(
        refused.json(),
        json!({"error": "the request body is larger than this proxy accepts (64 bytes)"})
    );
    // The same body without a length, in chunks.
    let chunk = format!("{:x}\r\n{too_large}\r\n0\r\n\r\n", too_large.len());
    let (status, body) = raw(
        &stack.proxy.url,
        &format!(
            "POST {notes} HTTP/1.1\r\nOrigin: {PAGE}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        ),
        &chunk,
    );
    assert_eq!(
        (status, body.as_str()),
        (
            413,
            r#"{"error":"the request body is larger than this proxy accepts (64 bytes)"}"#
        )
    );

    let malformed = stack.send(post("{\"val".to_owned())).await;
    assert_eq!(malformed.status, 400);
    assert!(
        malformed.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("the body must be a JSON object {\"value\": ..., \"external_id\"?, \"external_source\"?}: "),
        "{}",
        malformed.body
    );
    let read = stack.get(&notes).await;
    assert_eq!(
        read.json()["value"],
        "short",
        "nothing but the first save arrived"
    );
    request_lines(&stack.stop());
}

#[tokio::test]
async fn a_slow_plane_gets_504_a_silent_one_502_and_a_slow_page_408() {
    let stack = Stack::start(&["--timeout", "1"]);
    stack
        .fault(json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "delay_ms": 3000}))
        .await;
    let slow = stack.get("/api/v1/users/me/").await;
    assert_eq!(slow.status, 504);
    assert_eq!(
        slow.json(),
        json!({"error": "Plane did not answer within 1 s (the proxy's --timeout)"})
    );
    assert_eq!(slow.header("access-control-allow-origin"), Some(PAGE));

    stack
        .fault(json!({"method": "GET", "path": "/api/v1/workspaces/demo/members/", "count": 1, "drop": true}))
        .await;
    let dropped = stack.get("/api/v1/workspaces/demo/members/").await;
    assert_eq!(dropped.status, 502);
    assert_eq!(
        dropped.json(),
        json!({"error": format!(
            "no answer from Plane at {}: connection closed before message completed",
            stack.sandbox.url
        )})
    );
    dropped.assert_no_key();

    // A page that announces a body and never finishes sending it.
    let item = Item::read(&stack, "DEMO-6").await;
    let notes = item.value_path(&item.property(&stack, "notes").await);
    let (status, body) = raw(
        &stack.proxy.url,
        &format!(
            "POST {notes} HTTP/1.1\r\nOrigin: {PAGE}\r\nContent-Type: application/json\r\nContent-Length: 40\r\n"
        ),
        "{\"value\": ",
    );
    assert_eq!(
        (status, body.as_str()),
        (
            408,
            r#"{"error":"the request body did not arrive within 1 s"}"#
        )
    );
    let lines = request_lines(&stack.stop());
    assert_eq!(
        lines,
        vec![
            "GET /api/v1/users/me/ 504".to_owned(),
            "GET /api/v1/workspaces/demo/members/ 502".to_owned(),
            format!("POST {notes} 408"),
        ]
    );
}

#[tokio::test]
async fn an_unreachable_plane_gets_502() {
    // A port that was free a moment ago: nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let proxy = Stack::proxy(&upstream, &[]);
    let answer = http()
        .get(format!("{}/api/v1/users/me/", proxy.url))
        .header("Origin", PAGE)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 502);
    let body: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(
        body,
        json!({"error": format!("no answer from Plane at {upstream}: Connection refused (os error 111)")})
    );
    request_lines(&proxy.stop());
}
