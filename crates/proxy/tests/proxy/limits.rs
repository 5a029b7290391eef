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

#[tokio::test]
async fn each_caller_gets_its_rate_and_then_429_with_retry_after() {
    const SECOND_PAGE: &str = "http://second.test:3000";
    let stack = Stack::start(&["--rate-limit", "2/minute", "--allow-origin", SECOND_PAGE]);
    let me = "/api/v1/users/me/";
    for _ in 0..2 {
        assert_eq!(stack.get(me).await.status, 200);
    }
    let limited = stack.get(me).await;
    assert_eq!(limited.status, 429);
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((59..=60).contains(&wait), "{wait}");
    assert_eq!(
        limited.json(),
        json!({"error": format!(
            "too many requests from {PAGE}: this proxy forwards 2/minute for each page origin; try again in {wait} s"
        )})
    );
    assert_eq!(limited.header("access-control-allow-origin"), Some(PAGE));
    assert_eq!(limited.header("content-type"), Some("application/json"));

    // Another allowed page, and callers that are not pages, count on their own.
    let url = format!("{}{me}", stack.proxy.url);
    let second = stack
        .send(stack.http.get(&url).header("Origin", SECOND_PAGE))
        .await;
    assert_eq!(second.status, 200);
    for _ in 0..2 {
        assert_eq!(stack.send(stack.http.get(&url)).await.status, 200);
    }
    let direct = stack.send(stack.http.get(&url)).await;
    assert_eq!(direct.status, 429);
    assert!(
        direct.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("too many requests from direct: "),
        "{}",
        direct.body
    );
    assert_eq!(
        stack.forwarded().await,
        5,
        "no limited request reached Plane"
    );
    request_lines(&stack.stop());
}

#[tokio::test]
async fn requests_beyond_max_concurrent_get_503_while_plane_is_busy() {
    let stack = Stack::start(&["--max-concurrent", "1"]);
    stack
        .fault(json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "delay_ms": 1500}))
        .await;
    let slow = tokio::spawn(stack.request(Method::GET, "/api/v1/users/me/").send());
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let busy = stack.get("/api/v1/workspaces/demo/members/").await;
    assert_eq!(busy.status, 503);
    assert_eq!(
        busy.json(),
        json!({"error": "the proxy is already waiting on Plane for 1 requests (its --max-concurrent); try again in a moment"})
    );
    assert_eq!(busy.header("retry-after"), Some("1"));
    assert_eq!(slow.await.unwrap().unwrap().status().as_u16(), 200);
    assert_eq!(
        stack.get("/api/v1/workspaces/demo/members/").await.status,
        200
    );
    assert_eq!(
        stack.forwarded().await,
        2,
        "the refused request never reached Plane"
    );
    request_lines(&stack.stop());
}

#[tokio::test]
async fn an_answer_over_max_answer_gets_502_and_content_types_are_the_proxys() {
    let stack = Stack::start(&["--max-answer", "512"]);
    let members = "/api/v1/workspaces/demo/members/";
    let me = "/api/v1/users/me/";
    assert!(stack.direct(members).await.body.len() > 512);
    assert!(stack.direct(me).await.body.len() < 512);
    let large = stack.get(members).await;
    assert_eq!(large.status, 502);
    assert_eq!(
        large.json(),
        json!({"error": "Plane's answer is larger than this proxy passes on (512 bytes, the proxy's --max-answer)"})
    );
    assert_eq!(large.header("x-content-type-options"), Some("nosniff"));
    let small = stack.get(me).await;
    assert_eq!(small.status, 200);
    assert_eq!(small.header("content-type"), Some("application/json"));
    assert_eq!(small.header("x-content-type-options"), Some("nosniff"));

    // A gateway's HTML error page is passed on as plain text, never as HTML.
    stack
        .fault(json!({"method": "GET", "path": me, "count": 2, "status": 502}))
        .await;
    assert_eq!(
        stack.direct(me).await.header("content-type"),
        Some("text/html")
    );
    let html = stack.get(me).await;
    assert_eq!(html.status, 502);
    assert!(html.body.contains("<html>"), "{}", html.body);
    assert_eq!(
        html.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(html.header("x-content-type-options"), Some("nosniff"));

    // Preflights carry nosniff too.
    let preflight = stack
        .send(
            stack
                .request(Method::OPTIONS, me)
                .header("Access-Control-Request-Method", "GET"),
        )
        .await;
    assert_eq!(preflight.header("x-content-type-options"), Some("nosniff"));
    request_lines(&stack.stop());
}

#[tokio::test]
async fn a_client_that_never_finishes_its_headers_is_cut_off() {
    use std::io::{Read, Write};
    let stack = Stack::start(&["--header-timeout", "1"]);
    let addr = stack.proxy.url.strip_prefix("http://").unwrap().to_owned();
    let mut stream = std::net::TcpStream::connect(&addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET /api/v1/users/me/ HTTP/1.1\r\nHost: {addr}\r\nX-Slow: 1"
    )
    .unwrap();
    let started = std::time::Instant::now();
    let mut answer = String::new();
    let read = stream.read_to_string(&mut answer);
    let elapsed = started.elapsed();
    assert!(read.is_ok(), "the proxy closed the connection: {read:?}");
    assert!(
        elapsed >= std::time::Duration::from_millis(900)
            && elapsed < std::time::Duration::from_secs(5),
        "{elapsed:?}"
    );
    assert_eq!(answer, "");
    assert_eq!(stack.forwarded().await, 0);
    request_lines(&stack.stop());
}
