//! Everything outside the allow-list gets 403 from the proxy itself and never reaches Plane.

use super::common::*;
use reqwest::Method;
use serde_json::json;

fn refusal_of(status: u16, body: &str) -> String {
    assert_eq!(status, 403, "{body}");
    let body: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(
        body["allowed"].as_array().unwrap().len(),
        plane_inline_proxy::allow::ALLOWED.len()
    );
    body["error"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn other_endpoints_and_path_tricks_are_refused_before_plane() {
    let stack = Stack::start(&[]);
    let item = Item::read(&stack, "DEMO-1").await;
    let cases = [
        (
            "/api/v1/workspaces/demo/projects/".to_owned(),
            "query parameter \"per_page\" must be a number from 1 to 100",
        ),
        (
            format!(
                "{}/work-items/?per_page=25&cursor=25:0:0&fields=id&expand=type",
                item.project_path()
            ),
            "query parameter \"expand\" is not allowed here",
        ),
        (
            format!(
                "{}/work-items/?per_page=25&cursor=25:0:0&fields=id&order_by=-created_at",
                item.project_path()
            ),
            "query parameter \"order_by\" is not allowed here",
        ),
        (
            format!(
                "{}/work-items/?per_page=25&cursor=25-0-0&fields=id",
                item.project_path()
            ),
            "query parameter \"cursor\" must be per_page:page:0 with the same per_page (25:1:0)",
        ),
        (
            format!(
                "{}/work-items/?per_page=25&cursor=25:0:0&fields=description_html",
                item.project_path()
            ),
            "query parameter \"fields\" must be among id, name, sequence_id and type_id",
        ),
        (
            format!("{}/work-items/{}/comments/", item.project_path(), item.id),
            "this endpoint is not forwarded",
        ),
        (
            "/api/v1/users/me".to_owned(),
            "the path must end with a slash",
        ),
        (
            "/_sandbox/requests".to_owned(),
            "only paths under /api/v1/ are forwarded",
        ),
        (
            "/api/v1/workspaces/demo/members/?expand=everything".to_owned(),
            "query parameter \"expand\" is not allowed here",
        ),
        (
            "/api/v1/workspaces/demo/work-items/DEMO-1%2F..%2F..%2Fmembers/".to_owned(),
            "this endpoint is not forwarded",
        ),
        (
            format!("{}/work-items/{}%2Fcomments/", item.project_path(), item.id),
            "the work item id is not a valid id",
        ),
    ];
    for (path, message) in &cases {
        let answer = stack.get(path).await;
        assert_eq!(
            answer.refusal(),
            format!("Refused by the Plane Inline proxy: {message}."),
            "{path}"
        );
        answer.assert_no_key();
    }
    // Sent byte for byte, as a hand-written client could.
    for (target, message) in [
        (
            "/api/v1/workspaces/demo/../elsewhere/members/",
            "the path must not contain . or .. segments",
        ),
        (
            "/api/v1/workspaces/demo/%2e%2e/elsewhere/members/",
            "the path must not contain . or .. segments",
        ),
        (
            "/api/v1//workspaces/demo/members/",
            "the path must not contain an empty segment (//)",
        ),
        (
            "/api/v1/workspaces/demo/members/./",
            "the path must not contain . or .. segments",
        ),
        (
            "http://plane.example.com/api/v1/workspaces/elsewhere/members/",
            "only workspace \"demo\" is served, not \"elsewhere\"",
        ),
    ] {
        let (status, body) = raw(
            &stack.proxy.url,
            &format!("GET {target} HTTP/1.1\r\nOrigin: {PAGE}\r\n"),
            "",
        );
        assert_eq!(
            refusal_of(status, &body),
            format!("Refused by the Plane Inline proxy: {message}."),
            "{target}"
        );
    }
    // Methods the endpoint does not take.
    let notes = item.value_path(&item.property(&stack, "notes").await);
    for (method, path, message) in [
        (
            Method::PATCH,
            notes.clone(),
            "the method PATCH is not forwarded",
        ),
        (
            Method::PUT,
            notes.clone(),
            "the method PUT is not forwarded",
        ),
        (
            Method::DELETE,
            format!("{}/work-items/{}/", item.project_path(), item.id),
            "this endpoint is not forwarded",
        ),
        (
            Method::POST,
            "/api/v1/workspaces/demo/members/".to_owned(),
            "this endpoint is not forwarded",
        ),
        (
            Method::POST,
            format!(
                "{}/work-items/?per_page=25&cursor=25:0:0&fields=id",
                item.project_path()
            ),
            "this endpoint is not forwarded",
        ),
    ] {
        let answer = stack.send(stack.request(method.clone(), &path)).await;
        assert_eq!(
            answer.refusal(),
            format!("Refused by the Plane Inline proxy: {message}."),
            "{method} {path}"
        );
    }
    // None of it reached the sandbox: it counted only the schema read above.
    let counts = stack
        .http
        .get(format!("{}/_sandbox/requests", stack.sandbox.url))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(counts["total"], 2, "{counts}");
    request_lines(&stack.stop());
}

#[tokio::test]
async fn a_foreign_workspace_is_refused() {
    let stack = Stack::start(&[]);
    for path in [
        "/api/v1/workspaces/elsewhere/members/",
        "/api/v1/workspaces/elsewhere/work-items/ELSE-1/",
        "/api/v1/workspaces/DEMO/members/",
        "/api/v1/workspaces/dem%6f%2Fx/members/",
    ] {
        let answer = stack.get(path).await;
        let asked = match path {
            "/api/v1/workspaces/DEMO/members/" => "DEMO",
            "/api/v1/workspaces/dem%6f%2Fx/members/" => "demo/x",
            _ => "elsewhere",
        };
        assert_eq!(
            answer.refusal(),
            format!(
                "Refused by the Plane Inline proxy: only workspace \"demo\" is served, not \"{asked}\"."
            ),
            "{path}"
        );
    }
    request_lines(&stack.stop());
}

#[tokio::test]
async fn a_project_outside_the_list_is_refused() {
    let sandbox = Stack::sandbox();
    let probe = Stack {
        proxy: Stack::proxy(&sandbox.url, &[]),
        sandbox,
        http: http(),
    };
    let demo = Item::read(&probe, "DEMO-1").await;
    let ops = Item::read(&probe, "OPS-1").await;
    let Stack { sandbox, proxy, .. } = probe;
    drop(proxy);
    let stack = Stack {
        proxy: Stack::proxy(&sandbox.url, &["--project", &demo.project]),
        sandbox,
        http: http(),
    };
    let allowed = stack.get(&demo.schema_path()).await;
    assert_eq!(allowed.status, 200);
    let by_identifier = stack
        .get("/api/v1/workspaces/demo/work-items/DEMO-1/")
        .await;
    assert_eq!(by_identifier.status, 200);
    assert_eq!(by_identifier.json()["id"], json!(demo.id));

    let not_served = format!(
        "Refused by the Plane Inline proxy: project \"{}\" is not among the projects this proxy serves.",
        ops.project
    );
    for path in [
        ops.schema_path(),
        format!("{}/work-items/{}/", ops.project_path(), ops.id),
        format!(
            "{}/work-items/{}/work-item-properties/values/",
            ops.project_path(),
            ops.id
        ),
        // By identifier, the project is only known from Plane's answer, which is withheld.
        "/api/v1/workspaces/demo/work-items/OPS-1/".to_owned(),
        "/api/v1/workspaces/demo/issues/OPS-1/".to_owned(),
        format!(
            "/api/v1/workspaces/demo/work-items/search/?search=a&project_id={}",
            ops.project
        ),
    ] {
        let answer = stack.get(&path).await;
        assert_eq!(answer.refusal(), not_served, "{path}");
        assert!(!answer.body.contains(&ops.id), "{path}: {}", answer.body);
    }
    // A workspace-wide search (the widget's picker) keeps only the hits of listed projects.
    let search =
        "/api/v1/workspaces/demo/work-items/search/?search=1&limit=50&workspace_search=true";
    let identifiers = |answer: &Answer| -> Vec<String> {
        answer.json()["issues"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| {
                format!(
                    "{}-{}",
                    hit["project__identifier"].as_str().unwrap(),
                    hit["sequence_id"]
                )
            })
            .collect()
    };
    let direct = stack.direct(search).await;
    assert_eq!(
        identifiers(&direct),
        ["DEMO-1", "DOCS-1", "OPS-1", "SHIP-1"]
    );
    let through = stack.get(search).await;
    assert_eq!(through.status, 200);
    assert_eq!(identifiers(&through), ["DEMO-1"]);
    assert_eq!(through.json()["issues"][0], direct.json()["issues"][0]);
    request_lines(&stack.stop());
}
