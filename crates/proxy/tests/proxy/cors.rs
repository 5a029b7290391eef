//! Only the configured page origins get a CORS grant; the key header is never asked of them.

use super::common::*;
use reqwest::Method;

#[tokio::test]
async fn an_allowed_origin_gets_the_grant_and_the_pacing_headers() {
    let stack = Stack::start(&[]);
    let item = Item::read(&stack, "DEMO-1").await;
    let notes = item.value_path(&item.property(&stack, "notes").await);
    let preflight = stack
        .send(
            stack
                .request(Method::OPTIONS, &notes)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"),
        )
        .await;
    assert_eq!(preflight.status, 200);
    assert_eq!(preflight.header("access-control-allow-origin"), Some(PAGE));
    assert_eq!(
        preflight.header("access-control-allow-methods"),
        Some("GET,POST,DELETE")
    );
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("accept,content-type"),
        "X-API-Key is not needed from the page"
    );
    assert_eq!(preflight.header("access-control-allow-credentials"), None);

    let read = stack.get("/api/v1/users/me/").await;
    assert_eq!(read.status, 200);
    assert_eq!(read.header("access-control-allow-origin"), Some(PAGE));
    assert_eq!(
        read.header("access-control-expose-headers"),
        Some("x-ratelimit-remaining,x-ratelimit-reset,retry-after")
    );
    assert!(
        read.header("x-ratelimit-reset")
            .unwrap()
            .parse::<u64>()
            .is_ok()
    );
    // The sandbox's own CORS answer (every origin) is replaced by the proxy's.
    assert_eq!(
        read.headers
            .get_all("access-control-allow-origin")
            .iter()
            .count(),
        1
    );
    let lines = request_lines(&stack.stop());
    assert_eq!(
        lines,
        vec![
            format!("OPTIONS {notes} 200"),
            "GET /api/v1/users/me/ 200".to_owned()
        ]
    );
}

#[tokio::test]
async fn a_disallowed_origin_gets_no_grant_and_no_answer() {
    let stack = Stack::start(&[]);
    let preflight = stack
        .send(
            stack
                .http
                .request(
                    Method::OPTIONS,
                    format!("{}/api/v1/users/me/", stack.proxy.url),
                )
                .header("Origin", OTHER_PAGE)
                .header("Access-Control-Request-Method", "GET"),
        )
        .await;
    assert_eq!(preflight.header("access-control-allow-origin"), None);
    assert_eq!(preflight.body, "");

    for origin in [OTHER_PAGE, "http://intranet.test:3001", "null"] {
        let read = stack
            .send(
                stack
                    .http
                    .get(format!("{}/api/v1/users/me/", stack.proxy.url))
                    .header("Origin", origin),
            )
            .await;
        assert_eq!(read.status, 403, "{origin}");
        assert_eq!(read.header("access-control-allow-origin"), None);
        assert_eq!(
            read.json(),
            serde_json::json!({ "error": format!("pages from {origin} may not use this proxy") })
        );
    }

    // A caller that sends no Origin (a server, curl) is not a page: it is served, without a grant.
    let server_side = stack
        .send(
            stack
                .http
                .get(format!("{}/api/v1/users/me/", stack.proxy.url)),
        )
        .await;
    assert_eq!(server_side.status, 200);
    assert_eq!(server_side.header("access-control-allow-origin"), None);
    request_lines(&stack.stop());
}
