//! Members and roles: deactivated members and bots in the members list, and project DOCS, where
//! the key's owner is a guest who may read values but not write them.

use super::common::*;
use serde_json::{Value, json};

fn docs() -> String {
    format!("{WS}/projects/{}", project("DOCS"))
}

fn docs_value(item: &str, display: &str) -> String {
    format!(
        "{}/work-items/{}/work-item-properties/{}/values/",
        docs(),
        work_item(item),
        property("DOCS", display)
    )
}

#[tokio::test]
async fn members_carry_is_active_and_is_bot() {
    let h = start().await;
    let (status, members) = h.get(&format!("{WS}/members/")).await;
    assert_eq!(status, 200);
    let find = |key: &str| -> Value {
        members
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == user(key))
            .cloned()
            .unwrap_or_else(|| panic!("{key} is listed"))
    };
    let rui = find("rui");
    assert_eq!(
        (
            &rui["first_name"],
            &rui["last_name"],
            &rui["display_name"],
            &rui["role"]
        ),
        (&json!("Rui"), &json!("Costa"), &json!("rui"), &json!(15))
    );
    assert_eq!(
        (&rui["is_active"], &rui["is_bot"]),
        (&json!(false), &json!(false))
    );
    let bot = find("plane-bot");
    assert_eq!(
        (&bot["first_name"], &bot["last_name"], &bot["display_name"]),
        (&json!("Plane"), &json!("Bot"), &json!("plane-bot"))
    );
    assert_eq!(
        (&bot["is_active"], &bot["is_bot"]),
        (&json!(true), &json!(true))
    );
    for member in members.as_array().unwrap() {
        assert!(member["is_active"].is_boolean(), "{member}");
        assert!(member["is_bot"].is_boolean(), "{member}");
    }
    let priya = find("priya");
    assert_eq!(
        (&priya["is_active"], &priya["is_bot"]),
        (&json!(true), &json!(false))
    );
    // Rui is still a member of DEMO and DEMO-3's Reviewer.
    let (_, project_members) = h.get(&format!("{}/project-members/", demo())).await;
    assert!(
        project_members
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["id"] == user("rui") && m["role"] == 15)
    );
    let (status, reviewer) = h.get(&value_path("DEMO-3", "Reviewer")).await;
    assert_eq!((status, &reviewer["value"]), (200, &json!(user("rui"))));
}

#[tokio::test]
async fn the_key_owner_is_a_guest_of_docs() {
    let h = start().await;
    let (status, project) = h.get(&format!("{}/", docs())).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            &project["name"],
            &project["identifier"],
            &project["member_role"],
            &project["is_member"]
        ),
        (&json!("Docs"), &json!("DOCS"), &json!(5), &json!(true))
    );
    let (_, demo_project) = h.get(&format!("{}/", demo())).await;
    assert_eq!(
        (&demo_project["member_role"], &demo_project["is_member"]),
        (&json!(20), &json!(true))
    );
    let (_, types) = h.get(&format!("{}/work-item-types/", docs())).await;
    assert_eq!(types.as_array().unwrap().len(), 1);
    assert_eq!(
        (&types[0]["name"], &types[0]["is_default"]),
        (&json!("Page"), &json!(true))
    );
    let (_, properties) = h
        .get(&format!(
            "{}/work-item-types/{}/work-item-properties/",
            docs(),
            types[0]["id"].as_str().unwrap()
        ))
        .await;
    let shapes: Vec<(&str, &str)> = properties
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["display_name"].as_str().unwrap(),
                p["property_type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(shapes, [("Audience", "OPTION"), ("Reviewed", "BOOLEAN")]);
    let audience: Vec<&str> = properties[0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(audience, ["Internal", "Public"]);
    assert_eq!(properties[0]["is_multi"], false);
    let (_, page) = h.get(&format!("{}/work-items/", docs())).await;
    assert_eq!(page["total_count"], 5);

    // A guest reads values...
    let (status, all) = h
        .get(&format!(
            "{}/work-items/{}/work-item-properties/values/",
            docs(),
            work_item("DOCS-1")
        ))
        .await;
    assert_eq!(
        (status, all),
        (
            200,
            json!([
                {"property_id": property("DOCS", "Audience"), "values": [option("DOCS", "Audience", "Internal")]},
                {"property_id": property("DOCS", "Reviewed"), "values": ["true"]}
            ])
        )
    );
    let (status, _) = h.get(&docs_value("DOCS-1", "Audience")).await;
    assert_eq!(status, 200);
    // ... and writes none.
    let refused = json!({"detail": "You do not have permission to perform this action."});
    let public = json!({"value": option("DOCS", "Audience", "Public")});
    for (status, body) in [
        h.post(&docs_value("DOCS-1", "Audience"), public.clone())
            .await,
        h.patch(&docs_value("DOCS-1", "Audience"), public.clone())
            .await,
        h.delete(&docs_value("DOCS-1", "Audience")).await,
        h.post(&docs_value("DOCS-2", "Reviewed"), json!({"value": true}))
            .await,
    ] {
        assert_eq!((status, body), (403, refused.clone()));
    }
    let (_, kept) = h.get(&docs_value("DOCS-1", "Audience")).await;
    assert_eq!(kept["value"], option("DOCS", "Audience", "Internal"));
}
