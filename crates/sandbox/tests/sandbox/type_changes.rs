//! Creating, changing and deleting work item types, and a project's members.

use super::common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn project_members_are_listed_with_their_roles() {
    let h = start().await;
    for segment in ["project-members", "members"] {
        let (status, members) = h.get(&format!("{}/{segment}/", demo())).await;
        assert_eq!(status, 200, "{segment}");
        let ids: Vec<&str> = members
            .as_array()
            .expect("a bare array")
            .iter()
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        let mut want = vec![
            user("priya"),
            user("sam"),
            user("lee"),
            user("jo"),
            user("rui"),
        ];
        want.sort();
        let mut got: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
        got.sort();
        assert_eq!(got, want, "{segment}");
        let priya = members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == user("priya"))
            .unwrap();
        assert_eq!(priya["email"], "priya.patel@example.com");
        assert_eq!(priya["role"], 20);
    }
    let (status, body) = h
        .get(&format!(
            "{WS}/projects/00000000-0000-4000-8000-000000000000/project-members/"
        ))
        .await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "The requested resource does not exist."})
        )
    );
}

#[tokio::test]
async fn types_are_created_changed_and_deleted() {
    let h = start().await;
    let types = format!("{}/work-item-types/", demo());
    let (status, bug) = h
        .post(
            &types,
            json!({"name": "  Bug ", "description": "Broken", "is_epic": "true",
                   "external_source": "jira", "external_id": "T-1"}),
        )
        .await;
    assert_eq!(status, 201, "{bug}");
    assert_eq!(
        (
            bug["name"].clone(),
            bug["description"].clone(),
            bug["is_epic"].clone(),
            bug["is_default"].clone(),
            bug["is_active"].clone(),
            bug["workspace"].clone(),
        ),
        (
            json!("Bug"),
            json!("Broken"),
            json!(true),
            json!(false),
            json!(true),
            json!(plane_inline_sandbox::ids::seed_id("workspace", "demo")),
        )
    );
    let id = bug["id"].as_str().unwrap().to_owned();
    let detail = format!("{types}{id}/");
    let (status, read) = h.get(&detail).await;
    assert_eq!(
        (status, read["project_ids"].clone()),
        (200, json!([project("DEMO")]))
    );
    let (_, list) = h.get(&types).await;
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Task", "Epic", "Bug"]);

    let (status, body) = h
        .post(
            &types,
            json!({"name": "Other", "external_source": "jira", "external_id": "T-1"}),
        )
        .await;
    assert_eq!(
        (status, body),
        (
            409,
            json!({"error": "Issue Type with the same external id and external source already exists", "id": id})
        )
    );
    let (status, body) = h.post(&types, json!({"description": "no name"})).await;
    assert_eq!(
        (status, body),
        (400, json!({"name": ["This field is required."]}))
    );
    let (status, body) = h
        .post(&types, json!({"name": " ", "is_active": "maybe"}))
        .await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({"name": ["This field may not be blank."], "is_active": ["Must be a valid boolean."]})
        )
    );

    let (status, changed) = h
        .patch(&detail, json!({"name": "Defect", "is_active": false}))
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            changed["name"].clone(),
            changed["is_active"].clone(),
            changed["description"].clone()
        ),
        (json!("Defect"), json!(false), json!("Broken"))
    );
    let (_, read) = h.get(&detail).await;
    assert_eq!(read["name"], "Defect");

    // A property of the type goes with it; its work items fall back to the default type.
    let (status, property) = h
        .post(
            &format!("{detail}work-item-properties/"),
            json!({"display_name": "Cause", "property_type": "TEXT"}),
        )
        .await;
    assert_eq!(status, 201);
    let property_id = property["id"].as_str().unwrap().to_owned();
    let (status, body) = h.delete(&detail).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, body) = h.get(&detail).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "The requested resource does not exist."})
        )
    );
    let (status, _) = h
        .get(&format!("{}/work-item-properties/{property_id}/", demo()))
        .await;
    assert_eq!(status, 404, "the type's property is gone");
    let (status, _) = h.patch(&detail, json!({"name": "Again"})).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_default_type_cannot_be_deleted() {
    let h = start().await;
    let detail = format!("{}/work-item-types/{}/", demo(), task_type());
    let (status, body) = h.delete(&detail).await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({"error": "The default work item type cannot be deleted"})
        )
    );
    let (status, _) = h.get(&detail).await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn type_writes_need_the_feature() {
    let h = start().await;
    let free = format!("{FREE_WS}/projects/{}/work-item-types/", project("FREE"));
    let (status, body) = h.post(&free, json!({"name": "Bug"})).await;
    assert_eq!(
        (status, body),
        (
            402,
            json!({"error": "Payment required", "error_code": 1999})
        )
    );
}
