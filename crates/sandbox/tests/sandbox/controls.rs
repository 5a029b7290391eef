//! The test control that adds work items to a project in bulk (`POST /_sandbox/work-items`).

use super::common::*;
use reqwest::Method;
use serde_json::json;

/// How many work items DEMO's list counts.
async fn listed(h: &Harness) -> i64 {
    let (status, page) = h.get(&format!("{}/work-items/?per_page=1", demo())).await;
    assert_eq!(status, 200, "{page}");
    page["total_count"].as_i64().unwrap()
}

#[tokio::test]
async fn work_items_are_added_after_the_last_one_of_the_default_type_until_a_reset() {
    let h = start().await;
    let before = listed(&h).await;
    let (status, body) = h
        .control(
            Method::POST,
            "/_sandbox/work-items",
            Some(json!({"project": "DEMO", "count": 700})),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["created"], 700);
    let number = |key: &str| {
        body[key].as_str().unwrap()["DEMO-".len()..]
            .parse::<i64>()
            .unwrap()
    };
    let (first, last) = (number("first"), number("last"));
    assert_eq!(last - first + 1, 700);
    assert_eq!(listed(&h).await, before + 700);

    // Newest first, as Plane lists them: the last one added leads the list.
    let (_, page) = h.get(&format!("{}/work-items/?per_page=2", demo())).await;
    assert_eq!(page["results"][0]["sequence_id"], last);
    assert_eq!(page["results"][1]["sequence_id"], last - 1);
    let (status, item) = h.get(&format!("{WS}/work-items/DEMO-{last}/")).await;
    assert_eq!(status, 200, "{item}");
    assert_eq!(item["name"], format!("Extra work item {last}"));
    assert_eq!(item["type_id"], task_type());
    // Their values are empty and can be written like any other's.
    let values = format!(
        "{}/work-items/{}/work-item-properties/values/",
        demo(),
        item["id"].as_str().unwrap()
    );
    let (status, _) = h.get(&values).await;
    assert_eq!(status, 200);

    // A second call goes on from the last number.
    let (status, again) = h
        .control(
            Method::POST,
            "/_sandbox/work-items",
            Some(json!({"workspace": "demo", "project": "DEMO", "count": 1})),
        )
        .await;
    assert_eq!(status, 201);
    assert_eq!(again["first"], format!("DEMO-{}", last + 1));

    h.control(Method::POST, "/_sandbox/reset", None).await;
    assert_eq!(listed(&h).await, before);
}

#[tokio::test]
async fn bad_bodies_and_unknown_projects_are_refused_and_add_nothing() {
    let h = start().await;
    let before = listed(&h).await;
    for (body, status) in [
        (json!({"count": 5}), 400),
        (json!({"project": "DEMO"}), 400),
        (json!({"project": "DEMO", "count": 0}), 400),
        (json!({"project": "DEMO", "count": 10_001}), 400),
        (json!({"project": "DEMO", "count": "5"}), 400),
        (json!({"project": "DEMO", "count": 5, "workspace": 3}), 400),
        (json!({"project": "NOPE", "count": 5}), 404),
        (
            json!({"project": "DEMO", "count": 5, "workspace": "nope"}),
            404,
        ),
    ] {
        let (got, answer) = h
            .control(Method::POST, "/_sandbox/work-items", Some(body.clone()))
            .await;
        assert_eq!(got, status, "{body} answered {answer}");
        assert!(answer["error"].is_string(), "{answer}");
    }
    assert_eq!(listed(&h).await, before);
}

#[tokio::test]
async fn the_control_is_absent_unless_enabled() {
    let h = start_with(|c| c.test_controls = false).await;
    let (status, _) = h
        .control(
            Method::POST,
            "/_sandbox/work-items",
            Some(json!({"project": "DEMO", "count": 1})),
        )
        .await;
    assert_eq!(status, 404);
}
