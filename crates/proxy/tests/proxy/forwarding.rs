//! What the widget needs passes through, exactly as Plane answers it.

use super::common::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn the_widget_reads_through_the_proxy_exactly_as_plane_answers() {
    let stack = Stack::start(&[]);
    let item = Item::read(&stack, "DEMO-1").await;
    let reads = [
        "/api/v1/users/me/".to_owned(),
        "/api/v1/workspaces/demo/members/".to_owned(),
        "/api/v1/workspaces/demo/work-items/DEMO-1/".to_owned(),
        "/api/v1/workspaces/demo/issues/DEMO-1/".to_owned(),
        format!("{}/work-items/{}/", item.project_path(), item.id),
        format!("{}/issues/{}/", item.project_path(), item.id),
        format!("{}/work-item-types/", item.project_path()),
        item.schema_path(),
        format!(
            "{}/work-items/{}/work-item-properties/values/",
            item.project_path(),
            item.id
        ),
        format!(
            "/api/v1/workspaces/demo/work-items/search/?search=login&limit=5&project_id={}&workspace_search=false",
            item.project
        ),
        "/api/v1/workspaces/demo/work-items/search/?search=login&limit=5&workspace_search=true"
            .to_owned(),
    ];
    for path in &reads {
        let through = stack.get(path).await;
        let direct = stack.direct(path).await;
        assert_eq!(
            (through.status, &through.body),
            (direct.status, &direct.body),
            "{path}"
        );
        assert_eq!(through.status, 200, "{path}");
        assert_eq!(through.header("content-type"), Some("application/json"));
        assert_eq!(through.header("access-control-allow-origin"), Some(PAGE));
        assert!(
            through
                .header("x-ratelimit-remaining")
                .unwrap()
                .parse::<u32>()
                .is_ok(),
            "{path}"
        );
        through.assert_no_key();
    }
    let log = stack.stop();
    let lines = request_lines(&log);
    let expected: Vec<String> = reads
        .iter()
        .map(|p| format!("GET {} 200", p.split('?').next().unwrap()))
        .collect();
    assert_eq!(lines, expected, "one line per request, never the query");
}

#[tokio::test]
async fn the_widget_saves_and_clears_a_value_through_the_proxy() {
    let stack = Stack::start(&[]);
    let item = Item::read(&stack, "DEMO-2").await;
    let notes = item.value_path(&item.property(&stack, "notes").await);
    let save = |text: &str| {
        stack
            .request(Method::POST, &notes)
            .header("Content-Type", "application/json")
            .body(json!({ "value": text }).to_string())
    };
    let created = stack.send(save("through the proxy")).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.json()["value"], "through the proxy");
    created.assert_no_key();
    let updated = stack.send(save("changed")).await;
    assert_eq!(updated.status, 200, "{}", updated.body);
    let read = stack.get(&notes).await;
    assert_eq!(
        (read.status, read.json()["value"].clone()),
        (200, json!("changed"))
    );

    let cleared = stack.send(stack.request(Method::DELETE, &notes)).await;
    assert_eq!((cleared.status, cleared.body.as_str()), (204, ""));
    let gone = stack.get(&notes).await;
    let direct = stack.direct(&notes).await;
    assert_eq!((gone.status, &gone.body), (404, &direct.body));
    let again = stack.send(stack.request(Method::DELETE, &notes)).await;
    assert_eq!(again.status, 404);

    let lines = request_lines(&stack.stop());
    let path = notes.as_str();
    assert_eq!(
        lines,
        vec![
            format!("POST {path} 201"),
            format!("POST {path} 200"),
            format!("GET {path} 200"),
            format!("DELETE {path} 204"),
            format!("GET {path} 404"),
            format!("DELETE {path} 404"),
        ]
    );
}

#[tokio::test]
async fn plane_errors_pass_through_unchanged() {
    let stack = Stack::start(&[]);
    let item = Item::read(&stack, "DEMO-3").await;
    // A 400 from Plane's own value check: an option id that is not an option of Severity.
    let severity = item.value_path(&item.property(&stack, "severity").await);
    let bad = stack
        .send(
            stack
                .request(Method::POST, &severity)
                .header("Content-Type", "application/json")
                .body(json!({ "value": "not-an-option" }).to_string()),
        )
        .await;
    let direct = stack
        .send(
            stack
                .http
                .post(format!("{}{severity}", stack.sandbox.url))
                .header("X-API-Key", KEY)
                .header("Content-Type", "application/json")
                .body(json!({ "value": "not-an-option" }).to_string()),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!((bad.status, &bad.body), (direct.status, &direct.body));

    // A 404 for an unknown work item.
    let missing = "/api/v1/workspaces/demo/work-items/DEMO-9999/";
    let through = stack.get(missing).await;
    assert_eq!(through.status, 404);
    assert_eq!(through.body, stack.direct(missing).await.body);

    // A 402 from a workspace whose plan lacks custom properties (`free`, project FREE), through
    // a proxy for that workspace.
    let free = stack
        .direct("/api/v1/workspaces/free/work-items/FREE-1/")
        .await
        .json();
    let types = format!(
        "/api/v1/workspaces/free/projects/{}/work-item-types/",
        free["project"].as_str().unwrap()
    );
    let free_proxy = Stack::proxy_for(&stack.sandbox.url, "free", &[]);
    let through = stack
        .send(
            stack
                .http
                .get(format!("{}{types}", free_proxy.url))
                .header("Origin", PAGE),
        )
        .await;
    assert_eq!(through.status, 402);
    assert_eq!(through.body, stack.direct(&types).await.body);
    free_proxy.stop();

    // A 429 with Retry-After, readable by the page.
    stack
        .fault(json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "status": 429, "retry_after": 7}))
        .await;
    let limited = stack.get("/api/v1/users/me/").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), Some("7"));
    assert_eq!(
        limited.json(),
        json!({"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"})
    );
    assert_eq!(
        limited.header("access-control-expose-headers"),
        Some("x-ratelimit-remaining,x-ratelimit-reset,retry-after")
    );
    limited.assert_no_key();
    request_lines(&stack.stop());
}
