//! Properties of a project that no type holds until attached, and attach and detach.

use super::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn project_properties_are_created_attached_detached_and_deleted() {
    let h = start().await;
    let list = format!("{}/work-item-properties/", demo());
    let (status, loose) = h
        .post(
            &list,
            json!({"display_name": "Customer Tier", "property_type": "OPTION",
                   "options": [{"name": "Gold"}, {"name": "Silver"}]}),
        )
        .await;
    assert_eq!(status, 201, "{loose}");
    assert_eq!(
        (
            loose["name"].clone(),
            loose["issue_type"].clone(),
            loose["project"].clone()
        ),
        (json!("customer-tier"), Value::Null, json!(project("DEMO")))
    );
    let id = loose["id"].as_str().unwrap().to_owned();
    let detail = format!("{list}{id}/");
    let (status, changed) = h
        .patch(
            &detail,
            json!({"display_name": "Tier", "is_required": true}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (changed["name"].clone(), changed["is_required"].clone()),
        (json!("tier"), json!(true))
    );
    let (_, all) = h.get(&list).await;
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == id.as_str())
    );

    let type_properties = format!(
        "{}/work-item-types/{}/work-item-properties/",
        demo(),
        task_type()
    );
    let (_, before) = h.get(&type_properties).await;
    let attach = format!("{}/work-item-types/{}/properties/", demo(), task_type());
    let (status, body) = h
        .post(&attach, json!({"properties": [id.to_uppercase()]}))
        .await;
    assert_eq!((status, body), (201, json!({"properties": [id]})));
    let (_, after) = h.get(&type_properties).await;
    assert_eq!(
        after.as_array().unwrap().len(),
        before.as_array().unwrap().len() + 1
    );
    let (status, read) = h.get(&format!("{type_properties}{id}/")).await;
    assert_eq!(
        (status, read["issue_type"].clone()),
        (200, json!(task_type()))
    );
    let (status, body) = h.post(&attach, json!({"properties": [id]})).await;
    assert_eq!(status, 201, "attaching again changes nothing: {body}");

    for (body, message) in [
        (
            json!({}),
            json!({"properties": ["This field is required."]}),
        ),
        (
            json!({"properties": []}),
            json!({"properties": ["This list may not be empty."]}),
        ),
        (
            json!({"properties": "x"}),
            json!({"properties": ["Expected a list of items but got type \"str\"."]}),
        ),
        (
            json!({"properties": ["alpha"]}),
            json!({"properties": ["Must be a valid UUID: alpha"]}),
        ),
    ] {
        let (status, answer) = h.post(&attach, body).await;
        assert_eq!((status, answer), (400, message));
    }
    let (status, _) = h
        .post(
            &attach,
            json!({"properties": ["00000000-0000-4000-8000-000000000000"]}),
        )
        .await;
    assert_eq!(status, 404);

    let detach = format!("{attach}{id}/");
    let (status, body) = h.delete(&detach).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, _) = h.get(&format!("{type_properties}{id}/")).await;
    assert_eq!(status, 404, "detached from the type");
    let (status, read) = h.get(&detail).await;
    assert_eq!(
        (status, read["issue_type"].clone()),
        (200, Value::Null),
        "still in the project"
    );
    let (status, _) = h.delete(&detach).await;
    assert_eq!(status, 404);

    let (status, body) = h.delete(&detail).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, _) = h.get(&detail).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_property_belongs_to_one_type() {
    let h = start().await;
    let (_, bug) = h
        .post(
            &format!("{}/work-item-types/", demo()),
            json!({"name": "Bug"}),
        )
        .await;
    let bug = bug["id"].as_str().unwrap().to_owned();
    let severity = property("DEMO", "Severity");
    let (status, body) = h
        .post(
            &format!("{}/work-item-types/{bug}/properties/", demo()),
            json!({"properties": [severity]}),
        )
        .await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({"error": "Property is already attached to another work item type"})
        )
    );
}
