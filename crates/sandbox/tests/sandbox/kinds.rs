//! Work items the v1 item endpoint does not see: the epic DEMO-251, archived DEMO-252, intake
//! DEMO-253, draft DEMO-254, and items of an archived project; epics' values; the intake queue.

use super::common::*;
use serde_json::{Value, json};

const HIDDEN: [&str; 4] = ["DEMO-251", "DEMO-252", "DEMO-253", "DEMO-254"];

fn not_found() -> Value {
    json!({"error": "The requested resource does not exist."})
}

fn item_path(identifier: &str) -> String {
    format!("{}/work-items/{}/", demo(), work_item(identifier))
}

#[tokio::test]
async fn the_item_endpoint_and_the_list_leave_them_out() {
    let h = start().await;
    for identifier in HIDDEN {
        let (status, body) = h.get(&item_path(identifier)).await;
        assert_eq!((status, body), (404, not_found()), "{identifier}");
    }
    let (status, page) = h
        .get(&format!("{}/work-items/?per_page=1000", demo()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(page["total_count"], 250);
    let ids: Vec<&str> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 250);
    for identifier in HIDDEN {
        assert!(
            !ids.contains(&work_item(identifier).as_str()),
            "{identifier}"
        );
    }
    // Search reads the same items as the list.
    for words in [
        "Onboarding revamp",
        "legacy importer",
        "audit logs",
        "offline mode",
    ] {
        let (status, found) = h
            .get(&format!("{WS}/work-items/search/?search={words}"))
            .await;
        assert_eq!((status, found), (200, json!({"issues": []})), "{words}");
    }
}

#[tokio::test]
async fn by_identifier_finds_intake_draft_and_epic_items_never_archived_ones() {
    let h = start().await;
    let (status, epic) = h.get(&format!("{WS}/work-items/DEMO-251/")).await;
    assert_eq!(status, 200);
    assert_eq!(epic["name"], "Onboarding revamp");
    assert_eq!(epic["type_id"], seed("type", "DEMO/Epic"));
    assert_eq!(epic["type"], seed("type", "DEMO/Epic"));
    assert_eq!(
        (&epic["is_draft"], &epic["archived_at"]),
        (&json!(false), &Value::Null)
    );
    let (status, intake) = h.get(&format!("{WS}/work-items/DEMO-253/")).await;
    assert_eq!(status, 200);
    assert_eq!(intake["state"], seed("state", "DEMO/Triage"));
    assert_eq!(intake["type_id"], task_type());
    let (status, draft) = h.get(&format!("{WS}/work-items/DEMO-254/")).await;
    assert_eq!(status, 200);
    assert_eq!(
        (&draft["is_draft"], &draft["archived_at"]),
        (&json!(true), &Value::Null)
    );
    let (status, body) = h.get(&format!("{WS}/work-items/DEMO-252/")).await;
    assert_eq!((status, body), (404, not_found()));
    // An ordinary item carries the same keys.
    let (_, plain) = h.get(&format!("{WS}/work-items/DEMO-1/")).await;
    assert_eq!(
        (&plain["is_draft"], &plain["archived_at"], &plain["type_id"]),
        (&json!(false), &Value::Null, &json!(task_type()))
    );
}

#[tokio::test]
async fn items_of_an_archived_project_are_not_found() {
    let h = start().await;
    let archive = format!("{}/archive/", demo());
    let (status, body) = h.post(&archive, json!({})).await;
    assert_eq!((status, body), (204, Value::Null));
    let (_, project) = h.get(&format!("{}/", demo())).await;
    assert!(project["archived_at"].is_string(), "{project}");
    let (status, body) = h.get(&item_path("DEMO-1")).await;
    assert_eq!((status, body), (404, not_found()));
    let (status, body) = h.get(&format!("{WS}/work-items/DEMO-1/")).await;
    assert_eq!((status, body), (404, not_found()));
    let (_, page) = h.get(&format!("{}/work-items/", demo())).await;
    assert_eq!(page["total_count"], 0);
    // Restored, it is seen again.
    let (status, _) = h.delete(&archive).await;
    assert_eq!(status, 204);
    let (_, project) = h.get(&format!("{}/", demo())).await;
    assert_eq!(project["archived_at"], Value::Null);
    let (status, _) = h.get(&item_path("DEMO-1")).await;
    assert_eq!(status, 200);
    let (status, body) = h
        .post(
            &format!("{WS}/projects/{}/archive/", uuid::Uuid::new_v4()),
            json!({}),
        )
        .await;
    assert_eq!((status, body), (404, not_found()));
}

#[tokio::test]
async fn value_endpoints_filter_to_non_epic_types() {
    let h = start().await;
    let epic_item = work_item("DEMO-251");
    let theme = property("DEMO", "Theme");
    let values = format!("{}/work-items/{epic_item}/work-item-properties", demo());
    let (status, all) = h.get(&format!("{values}/values/")).await;
    assert_eq!((status, all), (200, json!([])));
    let one = format!("{values}/{theme}/values/");
    let (status, body) = h.get(&one).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "Property value not set for this work item"})
        )
    );
    let property_not_found = json!({"error": "Property not found"});
    let (status, body) = h.post(&one, json!({"value": "Retention"})).await;
    assert_eq!((status, body), (404, property_not_found.clone()));
    let (status, body) = h.patch(&one, json!({"value": "Retention"})).await;
    assert_eq!((status, body), (404, property_not_found.clone()));
    let (status, body) = h.delete(&one).await;
    assert_eq!((status, body), (404, property_not_found));
    // The epic's definitions are still listed, and the type is the project's.
    let (_, types) = h.get(&format!("{}/work-item-types/", demo())).await;
    let epic = types
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Epic")
        .expect("the epic type is listed");
    assert_eq!(
        (&epic["is_epic"], &epic["is_default"], &epic["is_active"]),
        (&json!(true), &json!(false), &json!(true))
    );
    let (_, definitions) = h
        .get(&format!(
            "{}/work-item-types/{}/work-item-properties/",
            demo(),
            seed("type", "DEMO/Epic")
        ))
        .await;
    assert_eq!(definitions[0]["display_name"], "Theme");
    assert_eq!(definitions[0]["property_type"], "TEXT");
    // The archived item keeps its Summary, readable through the value endpoint.
    let (status, summary) = h.get(&value_path("DEMO-252", "Summary")).await;
    assert_eq!(status, 200);
    assert_eq!(
        summary["value"],
        "Retire the legacy importer: archived after the migration"
    );
}

#[tokio::test]
async fn the_intake_queue_lists_its_items() {
    let h = start().await;
    let (status, page) = h.get(&format!("{}/intake-issues/", demo())).await;
    assert_eq!(status, 200);
    assert_eq!(page["total_count"], 1);
    assert_eq!(page["next_page_results"], false);
    let record = &page["results"][0];
    assert_eq!(record["issue"], work_item("DEMO-253"));
    assert_eq!(record["status"], -2);
    assert_eq!(record["source"], "IN_APP");
    assert_eq!(record["inbox"], record["intake"]);
    assert_eq!(record["project"], project("DEMO"));
    assert_eq!(record["issue_detail"]["id"], work_item("DEMO-253"));
    assert_eq!(record["issue_detail"]["sequence_id"], 253);
    assert_eq!(record["issue_detail"]["state"]["group"], "triage");
    let (status, detail) = h
        .get(&format!(
            "{}/intake-issues/{}/",
            demo(),
            work_item("DEMO-253")
        ))
        .await;
    assert_eq!((status, &detail), (200, record));
    let (status, body) = h
        .get(&format!(
            "{}/intake-issues/{}/",
            demo(),
            work_item("DEMO-1")
        ))
        .await;
    assert_eq!((status, body), (404, not_found()));
    // A project whose intake is off lists nothing.
    let ops = format!("{WS}/projects/{}", project("OPS"));
    let (status, page) = h.get(&format!("{ops}/intake-issues/")).await;
    assert_eq!((status, &page["total_count"]), (200, &json!(0)));
    // The triage state stays out of the type schema's states.
    let (_, schema) = h.get(&format!("{}/work-item-types/schema/", demo())).await;
    let states: Vec<&str> = schema["fields"]["state"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["Backlog", "Todo", "In Progress", "Done", "Cancelled"]
    );
}

fn seed(kind: &str, name: &str) -> String {
    plane_inline_sandbox::ids::seed_id(kind, name)
}
