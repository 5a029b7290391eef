//! Property values over HTTP: upsert, read, list, patch, delete for each writable type, and
//! Plane's validation messages.

use super::common::*;
use serde_json::{Value, json};

fn all_values(item: &str) -> String {
    format!(
        "{}/work-items/{}/work-item-properties/values/",
        demo(),
        work_item(item)
    )
}

async fn listed(h: &Harness, item: &str, display: &str) -> Option<Value> {
    let (status, list) = h.get(&all_values(item)).await;
    assert_eq!(status, 200);
    let id = property("DEMO", display);
    list.as_array()
        .unwrap()
        .iter()
        .find(|e| e["property_id"] == id)
        .map(|e| e["values"].clone())
}

#[tokio::test]
async fn each_writable_type_round_trips() {
    let h = start().await;
    // DEMO-250 (n % 50 == 0 etc.) starts without most optional values; use a quiet item.
    let item = "DEMO-241";
    let issue = work_item("DEMO-7");
    let cases: Vec<(&str, Value, Value, Value)> = vec![
        (
            "Notes",
            json!("Line one\nLine two"),
            json!("Line one\nLine two"),
            json!(["Line one\nLine two"]),
        ),
        (
            "Legacy ID",
            json!("LEG-1"),
            json!("LEG-1"),
            json!(["LEG-1"]),
        ),
        ("Story Points", json!(3), json!(3.0), json!(["3.0"])),
        (
            "Customer Facing",
            json!(false),
            json!(false),
            json!(["false"]),
        ),
        (
            "Due Date",
            json!("2026-03-05 14:30:00"),
            json!("2026-03-05"),
            json!(["2026-03-05"]),
        ),
        (
            "Severity",
            json!(option("DEMO", "Severity", "High")),
            json!(option("DEMO", "Severity", "High")),
            json!([option("DEMO", "Severity", "High")]),
        ),
        (
            "Reviewer",
            json!(user("lee")),
            json!(user("lee")),
            json!([user("lee")]),
        ),
        ("Duplicate Of", json!(issue), json!(issue), json!([issue])),
        (
            "Spec Link",
            json!("https://example.com/spec"),
            json!("https://example.com/spec"),
            json!(["https://example.com/spec"]),
        ),
        (
            "Contact Email",
            json!("someone@example.com"),
            json!("someone@example.com"),
            json!(["someone@example.com"]),
        ),
        (
            "Attachment",
            json!("asset-123"),
            json!("asset-123"),
            json!(["asset-123"]),
        ),
        ("Old Estimate", json!(0.5), json!(0.5), json!(["0.5"])),
    ];
    for (display, sent, returned, as_strings) in cases {
        let path = value_path(item, display);
        let _ = h.delete(&path).await;
        let (status, body) = h.get(&path).await;
        assert_eq!(
            (status, body),
            (
                404,
                json!({"error": "Property value not set for this work item"})
            ),
            "{display}"
        );
        let (status, created) = h.post(&path, json!({"value": sent})).await;
        assert_eq!(status, 201, "{display}: {created}");
        assert_eq!(created["value"], returned, "{display}");
        assert_eq!(created["property_id"], property("DEMO", display));
        assert_eq!(created["issue_id"], work_item(item));
        for key in [
            "id",
            "value_type",
            "external_id",
            "external_source",
            "created_at",
            "updated_at",
        ] {
            assert!(created.get(key).is_some(), "value lacks {key}");
        }
        let (status, again) = h.post(&path, json!({"value": sent})).await;
        assert_eq!(
            (status, &again["id"]),
            (200, &created["id"]),
            "{display}: second upsert updates"
        );
        let (status, read) = h.get(&path).await;
        assert_eq!((status, &read["value"]), (200, &returned), "{display}");
        assert_eq!(
            listed(&h, item, display).await,
            Some(as_strings),
            "{display}"
        );
        let (status, body) = h.delete(&path).await;
        assert_eq!((status, body), (204, Value::Null), "{display}");
        let (status, body) = h.delete(&path).await;
        assert_eq!(
            (status, body),
            (404, json!({"error": "Property value not found"})),
            "{display}"
        );
        assert_eq!(listed(&h, item, display).await, None, "{display}");
    }
}

#[tokio::test]
async fn patch_needs_an_existing_value() {
    let h = start().await;
    let path = value_path("DEMO-241", "Spec Link");
    let _ = h.delete(&path).await;
    let (status, body) = h
        .patch(&path, json!({"value": "https://example.com"}))
        .await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "Property value not set for this work item"})
        )
    );
    h.post(&path, json!({"value": "https://example.com/a"}))
        .await;
    let (status, body) = h
        .patch(&path, json!({"value": "https://example.com/b"}))
        .await;
    assert_eq!(
        (status, body["value"].as_str()),
        (200, Some("https://example.com/b"))
    );
    let (status, body) = h
        .patch(
            &path,
            json!({"external_id": "E-1", "external_source": "github"}),
        )
        .await;
    assert_eq!(
        (status, body),
        (400, json!({"value": ["Value is required"]}))
    );
    let (status, body) = h
        .patch(
            &path,
            json!({"value": "https://example.com/b", "external_id": "E-1", "external_source": "github"}),
        )
        .await;
    assert_eq!(
        (status, body["external_id"].as_str(), body["value"].as_str()),
        (200, Some("E-1"), Some("https://example.com/b"))
    );
    let (status, body) = h.patch(&path, json!({"value": "nope"})).await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({"value": ["Must be a valid URL (e.g., https://example.com)"]})
        )
    );
}

#[tokio::test]
async fn multi_values_replace_the_set() {
    let h = start().await;
    let path = value_path("DEMO-241", "Platforms");
    let _ = h.delete(&path).await;
    let (web, ios, android) = (
        option("DEMO", "Platforms", "Web"),
        option("DEMO", "Platforms", "iOS"),
        option("DEMO", "Platforms", "Android"),
    );
    let (status, created) = h.post(&path, json!({"value": [web, ios]})).await;
    assert_eq!(status, 201);
    assert_eq!(
        created.as_array().unwrap().len(),
        2,
        "a list of value objects"
    );
    let kept = created
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == ios)
        .unwrap()["id"]
        .clone();
    // A repeated option is refused: Plane counts the distinct options found against the list.
    let (status, repeated) = h.post(&path, json!({"value": [ios, android, ios]})).await;
    assert_eq!(
        (status, repeated),
        (
            400,
            json!({"value": ["One or more selected options do not exist for this property"]})
        )
    );
    let (status, replaced) = h.post(&path, json!({"value": [ios, android]})).await;
    assert_eq!(status, 200);
    let values: Vec<&Value> = replaced
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["value"])
        .collect();
    assert_eq!(values.len(), 2);
    assert!(values.contains(&&json!(ios)) && values.contains(&&json!(android)));
    assert!(
        replaced.as_array().unwrap().iter().any(|v| v["id"] == kept),
        "unchanged members keep their row"
    );
    let (_, single) = h.post(&path, json!({"value": web})).await;
    assert_eq!(
        single.as_array().unwrap().len(),
        1,
        "one UUID string is accepted for a multi property"
    );
    let (status, read) = h.get(&path).await;
    assert_eq!((status, read.as_array().map(Vec::len)), (200, Some(1)));
    let watchers = value_path("DEMO-241", "Watchers");
    let (status, users) = h
        .post(&watchers, json!({"value": [user("sam"), user("jo")]}))
        .await;
    assert_eq!((status, users.as_array().map(Vec::len)), (201, Some(2)));
    let (status, _) = h.delete(&watchers).await;
    assert_eq!(status, 204);
}

#[tokio::test]
async fn validation_messages_match_plane() {
    let h = start().await;
    let item = "DEMO-241";
    let invalid = |m: &str| json!({"value": [m]});
    let cases: Vec<(&str, Value, Value)> = vec![
        ("Notes", json!(12), invalid("Must be a string")),
        ("Notes", json!(null), invalid("This field may not be null.")),
        ("Summary", json!(""), invalid("Summary is required")),
        ("Severity", json!(""), invalid("Severity is required")),
        (
            "Story Points",
            json!("12"),
            invalid("Must be a number (e.g., 123.45)"),
        ),
        (
            "Story Points",
            json!(true),
            invalid("Must be a number (e.g., 123.45)"),
        ),
        (
            "Customer Facing",
            json!("true"),
            invalid("Must be a boolean (true or false)"),
        ),
        (
            "Due Date",
            json!("2026-02-30"),
            invalid("Must be a valid date in format YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"),
        ),
        (
            "Due Date",
            json!("05/03/2026"),
            invalid("Must be a valid date in format YYYY-MM-DD or YYYY-MM-DD HH:MM:SS"),
        ),
        (
            "Spec Link",
            json!("www.example.com"),
            invalid("Must be a valid URL (e.g., https://example.com)"),
        ),
        (
            "Contact Email",
            json!("someone@"),
            invalid("Must be a valid email address (e.g., user@example.com)"),
        ),
        ("Attachment", json!(["a"]), invalid("Must be a string")),
        (
            "Severity",
            json!("alpha"),
            invalid("Must be a valid UUID for a property option"),
        ),
        (
            "Severity",
            json!(option("DEMO", "Platforms", "Web")),
            invalid("Selected option does not exist for this property"),
        ),
        (
            "Platforms",
            json!(7),
            invalid("Must be a string (UUID) or list of UUIDs"),
        ),
        (
            "Platforms",
            json!("alpha"),
            invalid("Must be a valid UUID for a property option"),
        ),
        (
            "Platforms",
            json!(option("DEMO", "Severity", "High")),
            invalid("Selected option does not exist for this property"),
        ),
        (
            "Platforms",
            json!([option("DEMO", "Platforms", "Web"), 7]),
            invalid("Invalid UUID format: 7"),
        ),
        ("Severity", json!(7), invalid("Must be a string (UUID)")),
        (
            "Watchers",
            json!([user("sam"), user("sam")]),
            invalid("One or more referenced users are not members of this workspace"),
        ),
        (
            "Watchers",
            json!(user("olu")),
            invalid("Referenced user is not a member of this workspace"),
        ),
        ("Watchers", json!("sam"), invalid("Must be a valid UUID")),
        (
            "Watchers",
            json!(true),
            invalid("Must be a string (UUID) or list of UUIDs"),
        ),
        (
            "Platforms",
            json!([option("DEMO", "Platforms", "Web"), "alpha"]),
            invalid("Invalid UUID format: alpha"),
        ),
        (
            "Platforms",
            json!([option("DEMO", "Severity", "High")]),
            invalid("One or more selected options do not exist for this property"),
        ),
        (
            "Reviewer",
            json!(user("olu")),
            invalid("Referenced user is not a member of this workspace"),
        ),
        (
            "Watchers",
            json!([user("sam"), user("olu")]),
            invalid("One or more referenced users are not members of this workspace"),
        ),
        ("Reviewer", json!(7), invalid("Must be a string (UUID)")),
        ("Reviewer", json!("sam"), invalid("Must be a valid UUID")),
        (
            "Duplicate Of",
            json!("DEMO-1"),
            invalid("Must be a valid UUID"),
        ),
        (
            "Watchers",
            json!([user("sam"), 7]),
            invalid("Each value in list must be a string (UUID)"),
        ),
        (
            "Duplicate Of",
            json!(work_item("ELSE-1")),
            invalid("Referenced work item does not exist in this workspace"),
        ),
        (
            "Target Release",
            json!(uuid::Uuid::new_v4().to_string()),
            invalid("Invalid relation type: RELEASE"),
        ),
        (
            "Effort Score",
            json!(5),
            invalid("Unsupported property type: FORMULA"),
        ),
    ];
    for (display, value, expected) in cases {
        let (status, body) = h
            .post(&value_path(item, display), json!({"value": value}))
            .await;
        assert_eq!((status, &body), (400, &expected), "{display} with {value}");
    }
    let (status, body) = h.post(&value_path(item, "Notes"), json!({})).await;
    assert_eq!((status, body), (400, invalid("This field is required.")));
    let (status, body) = h
        .post(
            &value_path(item, "Notes"),
            json!({"value": "x", "external_id": "only-one"}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body.get("external_id").is_some() && body.get("external_source").is_some(),
        "{body}"
    );
    // Accepted edge cases: an inactive option, zero for an optional number, a loose date.
    for (display, value) in [
        ("Severity", json!(option("DEMO", "Severity", "Legacy"))),
        ("Story Points", json!(0)),
        ("Due Date", json!("2024-2-29")),
        ("Notes", json!("first")),
    ] {
        let (status, body) = h
            .post(&value_path(item, display), json!({"value": value}))
            .await;
        assert!(
            status == 200 || status == 201,
            "{display} {value}: {status} {body}"
        );
    }
    let (status, body) = h
        .post(
            &value_path(item, "Notes"),
            json!({"value": "synced", "external_id": "X-1", "external_source": "jira"}),
        )
        .await;
    assert_eq!(
        (status, body["external_source"].as_str()),
        (200, Some("jira"))
    );
    // One of the pair alone: Plane's sentence under both keys.
    let (status, body) = h
        .post(
            &value_path(item, "Notes"),
            json!({"value": "synced", "external_id": "X-2"}),
        )
        .await;
    let both = "Both external_id and external_source must be provided together";
    assert_eq!(
        (status, body),
        (
            400,
            json!({"external_id": [both], "external_source": [both]})
        )
    );
}

#[tokio::test]
async fn unknown_targets_have_their_own_404s() {
    let h = start().await;
    let missing_item = format!(
        "{}/work-items/{}/work-item-properties/{}/values/",
        demo(),
        uuid::Uuid::new_v4(),
        property("DEMO", "Notes")
    );
    let (status, body) = h.post(&missing_item, json!({"value": "x"})).await;
    assert_eq!(
        (status, body),
        (404, json!({"error": "Work item not found"}))
    );
    let missing_property = format!(
        "{}/work-items/{}/work-item-properties/{}/values/",
        demo(),
        work_item("DEMO-1"),
        uuid::Uuid::new_v4()
    );
    let (status, body) = h.get(&missing_property).await;
    assert_eq!(
        (status, body),
        (404, json!({"error": "Property not found"}))
    );
    let (status, body) = h.get(&missing_item).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "Property value not set for this work item"})
        )
    );
    let (status, body) = h
        .get(&format!(
            "{}/work-items/{}/work-item-properties/values/",
            demo(),
            uuid::Uuid::new_v4()
        ))
        .await;
    assert_eq!(
        (status, body),
        (404, json!({"error": "Work item not found"}))
    );
    let (status, legacy) = h
        .get(&format!(
            "{}/issues/{}/issue-properties/values/",
            demo(),
            work_item("DEMO-12")
        ))
        .await;
    assert_eq!(status, 200);
    assert!(
        legacy.as_array().unwrap().len() >= 5,
        "legacy all-values path: {legacy}"
    );
}

#[tokio::test]
async fn empty_values_clear_what_is_stored() {
    let h = start().await;
    // DEMO-2 has Platforms, DEMO-3 Notes, DEMO-5 Story Points; DEMO-241 has no Spec Link.
    for (item, display, empty) in [
        ("DEMO-2", "Platforms", json!([])),
        ("DEMO-3", "Notes", json!("")),
        ("DEMO-5", "Story Points", json!({})),
    ] {
        let path = value_path(item, display);
        let (status, _) = h.get(&path).await;
        assert_eq!(status, 200, "{item} has {display}");
        let (status, body) = h.post(&path, json!({"value": empty})).await;
        assert_eq!((status, &body), (200, &json!([])), "{item} {display}");
        let (status, body) = h.get(&path).await;
        assert_eq!(
            (status, body),
            (
                404,
                json!({"error": "Property value not set for this work item"})
            ),
            "{item} {display} is cleared"
        );
        assert_eq!(listed(&h, item, display).await, None);
    }
    // Nothing stored: created, with nothing in it; any kind, even those writes refuse.
    for display in ["Spec Link", "Target Release", "Effort Score", "Attachment"] {
        let path = value_path("DEMO-241", display);
        let (status, body) = h.post(&path, json!({"value": ""})).await;
        assert_eq!((status, &body), (201, &json!([])), "{display}");
        let (status, _) = h.get(&path).await;
        assert_eq!(status, 404, "{display} stays unset");
    }
    // PATCH clears an existing value and still needs one.
    let notes = value_path("DEMO-1", "Notes");
    let (status, _) = h.post(&notes, json!({"value": "to clear"})).await;
    assert!(status == 200 || status == 201);
    let (status, body) = h.patch(&notes, json!({"value": ""})).await;
    assert_eq!((status, body), (200, json!([])));
    let (status, body) = h.patch(&notes, json!({"value": ""})).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "Property value not set for this work item"})
        )
    );
    // A required property refuses them first, with its name.
    let platforms = property("DEMO", "Platforms");
    let (status, _) = h
        .patch(
            &format!(
                "{}/work-item-types/{}/work-item-properties/{platforms}/",
                demo(),
                task_type()
            ),
            json!({"is_required": true}),
        )
        .await;
    assert_eq!(status, 200);
    for empty in [json!([]), json!(""), json!({})] {
        let (status, body) = h
            .post(&value_path("DEMO-4", "Platforms"), json!({"value": empty}))
            .await;
        assert_eq!(
            (status, body),
            (400, json!({"value": ["Platforms is required"]}))
        );
    }
    let (status, body) = h
        .post(&value_path("DEMO-4", "Summary"), json!({"value": ""}))
        .await;
    assert_eq!(
        (status, body),
        (400, json!({"value": ["Summary is required"]}))
    );
}
