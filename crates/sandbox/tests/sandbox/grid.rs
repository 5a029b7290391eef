//! Workspace-level types and properties (Enterprise Grid): workspace `grid` manages its types at
//! the workspace level; its project GRID imports the workspace type "Story".

use super::common::*;
use plane_inline_sandbox::ids::seed_id;
use reqwest::Method;
use serde_json::{Value, json};

const GRID_WS: &str = "/api/v1/workspaces/grid";

fn grid_project() -> String {
    format!("{GRID_WS}/projects/{}", project("GRID"))
}

fn story() -> String {
    seed_id("type", "grid/Story")
}

fn grid_property(display: &str) -> String {
    seed_id("property", &format!("grid/{display}"))
}

fn stage(name: &str) -> String {
    seed_id("option", &format!("grid/Stage/{name}"))
}

fn grid_value(item: &str, display: &str) -> String {
    format!(
        "{}/work-items/{}/work-item-properties/{}/values/",
        grid_project(),
        work_item(item),
        grid_property(display)
    )
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn workspace_types_and_properties_are_read_at_the_workspace_level() {
    let h = start().await;
    let (status, types) = h.get(&format!("{GRID_WS}/work-item-types/")).await;
    assert_eq!(status, 200);
    assert_eq!(ids(&types), [story()]);
    assert_eq!(
        (
            &types[0]["name"],
            &types[0]["is_default"],
            &types[0]["is_epic"]
        ),
        (&json!("Story"), &json!(true), &json!(false))
    );
    let (status, detail) = h
        .get(&format!("{GRID_WS}/work-item-types/{}/", story()))
        .await;
    assert_eq!(status, 200);
    assert_eq!(detail["project_ids"], json!([project("GRID")]));
    let (status, linked) = h
        .get(&format!(
            "{GRID_WS}/work-item-types/{}/properties/",
            story()
        ))
        .await;
    assert_eq!(
        (status, linked),
        (
            200,
            json!([
                grid_property("Estimate"),
                grid_property("Stage"),
                grid_property("Owner")
            ])
        )
    );

    let (status, properties) = h.get(&format!("{GRID_WS}/work-item-properties/")).await;
    assert_eq!(status, 200);
    let names: Vec<(&str, &str, &Value)> = properties
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["display_name"].as_str().unwrap(),
                p["property_type"].as_str().unwrap(),
                &p["relation_type"],
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Estimate", "DECIMAL", &Value::Null),
            ("Stage", "OPTION", &Value::Null),
            ("Owner", "RELATION", &json!("USER"))
        ]
    );
    for property in properties.as_array().unwrap() {
        assert_eq!(
            (&property["project"], &property["issue_type"]),
            (&Value::Null, &Value::Null)
        );
    }
    let options: Vec<&str> = properties[1]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(options, ["Discovery", "Build", "Ship"]);
    assert_eq!(properties[0]["options"], json!([]));
    // The same object shape as a project's properties.
    let (_, demo_property) = h
        .get(&format!(
            "{}/work-item-properties/{}/",
            demo(),
            property("DEMO", "Severity")
        ))
        .await;
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&properties[1]), keys(&demo_property));

    let (status, one) = h
        .get(&format!(
            "{GRID_WS}/work-item-properties/{}/",
            grid_property("Stage")
        ))
        .await;
    assert_eq!((status, &one), (200, &properties[1]));
    let (status, listed) = h
        .get(&format!(
            "{GRID_WS}/work-item-properties/{}/options/",
            grid_property("Stage")
        ))
        .await;
    assert_eq!((status, &listed), (200, &properties[1]["options"]));
    let (status, option) = h
        .get(&format!(
            "{GRID_WS}/work-item-properties/{}/options/{}/",
            grid_property("Stage"),
            stage("Ship")
        ))
        .await;
    assert_eq!(
        (status, &option["name"], &option["project"]),
        (200, &json!("Ship"), &Value::Null)
    );
    let not_found = json!({"error": "The requested resource does not exist."});
    for path in [
        format!("{GRID_WS}/work-item-properties/{}/", uuid::Uuid::new_v4()),
        format!("{GRID_WS}/work-item-types/{}/", uuid::Uuid::new_v4()),
        // A project's property is not the workspace's.
        format!(
            "{WS}/work-item-properties/{}/",
            property("DEMO", "Severity")
        ),
    ] {
        let (status, body) = h.get(&path).await;
        assert_eq!((status, &body), (404, &not_found), "{path}");
    }
    // A workspace managing its types per project has no workspace-level ones; a workspace
    // without the feature answers 402.
    let (_, none) = h.get(&format!("{WS}/work-item-types/")).await;
    assert_eq!(none, json!([]));
    let (_, none) = h.get(&format!("{WS}/work-item-properties/")).await;
    assert_eq!(none, json!([]));
    for path in ["/work-item-types/", "/work-item-properties/"] {
        let (status, body) = h.get(&format!("{FREE_WS}{path}")).await;
        assert_eq!(
            (status, body),
            (
                402,
                json!({"error": "Payment required", "error_code": 1999})
            )
        );
    }
}

#[tokio::test]
async fn the_project_reads_the_workspace_type_but_not_its_properties() {
    let h = start().await;
    let (status, types) = h.get(&format!("{}/work-item-types/", grid_project())).await;
    assert_eq!(status, 200);
    assert_eq!(ids(&types), [story()]);
    let (status, detail) = h
        .get(&format!("{}/work-item-types/{}/", grid_project(), story()))
        .await;
    assert_eq!(
        (status, &detail["project_ids"]),
        (200, &json!([project("GRID")]))
    );
    let (_, item) = h.get(&format!("{GRID_WS}/work-items/GRID-1/")).await;
    assert_eq!(item["type_id"], story());
    let (_, page) = h.get(&format!("{}/work-items/", grid_project())).await;
    assert_eq!(page["total_count"], 20);
    // The type-scoped definitions list and the all-values list have nothing of the workspace's.
    let (status, definitions) = h
        .get(&format!(
            "{}/work-item-types/{}/work-item-properties/",
            grid_project(),
            story()
        ))
        .await;
    assert_eq!((status, definitions), (200, json!([])));
    let (status, all) = h
        .get(&format!(
            "{}/work-items/{}/work-item-properties/values/",
            grid_project(),
            work_item("GRID-1")
        ))
        .await;
    assert_eq!((status, all), (200, json!([])));
    // A project path filters options on the project: a workspace property's are not there.
    let (status, body) = h
        .get(&format!(
            "{}/work-item-properties/{}/options/",
            grid_project(),
            grid_property("Stage")
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
async fn values_of_workspace_properties_are_read_and_written_per_property() {
    let h = start().await;
    let (status, estimate) = h.get(&grid_value("GRID-1", "Estimate")).await;
    assert_eq!((status, &estimate["value"]), (200, &json!(3.0)));
    let (status, owner) = h.get(&grid_value("GRID-1", "Owner")).await;
    assert_eq!((status, &owner["value"]), (200, &json!(user("priya"))));
    let (status, stage_value) = h.get(&grid_value("GRID-2", "Stage")).await;
    assert_eq!(
        (status, &stage_value["value"]),
        (200, &json!(stage("Build")))
    );
    let (status, body) = h.get(&grid_value("GRID-6", "Stage")).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "Property value not set for this work item"})
        )
    );

    let path = grid_value("GRID-6", "Stage");
    let (status, created) = h.post(&path, json!({"value": stage("Ship")})).await;
    assert_eq!((status, &created["value"]), (201, &json!(stage("Ship"))));
    let (status, changed) = h.patch(&path, json!({"value": stage("Build")})).await;
    assert_eq!((status, &changed["value"]), (200, &json!(stage("Build"))));
    let (status, body) = h
        .post(&path, json!({"value": option("DEMO", "Severity", "High")}))
        .await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({"value": ["Selected option does not exist for this property"]})
        )
    );
    let (status, body) = h
        .post(
            &grid_value("GRID-6", "Owner"),
            json!({"value": user("sam")}),
        )
        .await;
    assert_eq!(
        (status, body),
        (
            400,
            json!({"value": ["Referenced user is not a member of this workspace"]})
        )
    );
    let (status, _) = h
        .post(&grid_value("GRID-6", "Estimate"), json!({"value": 2.5}))
        .await;
    assert_eq!(status, 201);
    let (status, body) = h.delete(&path).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, _) = h.get(&path).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn project_level_definition_writes_answer_409_in_workspace_mode() {
    let h = start().await;
    let p = grid_project();
    let t = story();
    let stage_id = grid_property("Stage");
    let any = uuid::Uuid::new_v4();
    let conflict = json!({
        "error": "Work item types are managed at the workspace level.",
        "error_code": "work_item_types_managed_at_workspace"
    });
    for (method, path, body) in [
        (
            Method::POST,
            format!("{p}/work-item-types/"),
            json!({"name": "Bug"}),
        ),
        (
            Method::PATCH,
            format!("{p}/work-item-types/{t}/"),
            json!({"name": "Tale"}),
        ),
        (
            Method::DELETE,
            format!("{p}/work-item-types/{t}/"),
            json!({}),
        ),
        (
            Method::POST,
            format!("{p}/issue-types/"),
            json!({"name": "Bug"}),
        ),
        (
            Method::POST,
            format!("{p}/work-item-types/{t}/work-item-properties/"),
            json!({"display_name": "Risk", "property_type": "TEXT"}),
        ),
        (
            Method::PATCH,
            format!("{p}/work-item-types/{t}/work-item-properties/{stage_id}/"),
            json!({"is_required": true}),
        ),
        (
            Method::DELETE,
            format!("{p}/work-item-types/{t}/work-item-properties/{stage_id}/"),
            json!({}),
        ),
        (
            Method::POST,
            format!("{p}/work-item-properties/"),
            json!({"display_name": "Risk", "property_type": "TEXT"}),
        ),
        (
            Method::PATCH,
            format!("{p}/work-item-properties/{stage_id}/"),
            json!({"is_required": true}),
        ),
        (
            Method::DELETE,
            format!("{p}/work-item-properties/{stage_id}/"),
            json!({}),
        ),
        (
            Method::POST,
            format!("{p}/work-item-types/{t}/properties/"),
            json!({"properties": [stage_id]}),
        ),
        (
            Method::DELETE,
            format!("{p}/work-item-types/{t}/properties/{stage_id}/"),
            json!({}),
        ),
        (
            Method::POST,
            format!("{p}/work-item-properties/{stage_id}/options/"),
            json!({"name": "Polish"}),
        ),
        (
            Method::PATCH,
            format!(
                "{p}/work-item-properties/{stage_id}/options/{}/",
                stage("Ship")
            ),
            json!({"name": "Launch"}),
        ),
        (
            Method::DELETE,
            format!("{p}/work-item-properties/{stage_id}/options/{any}/"),
            json!({}),
        ),
    ] {
        let (status, answer) = send(h.req(method.clone(), &path).json(&body)).await;
        assert_eq!((status, &answer), (409, &conflict), "{method} {path}");
    }
    // Nothing changed.
    let (_, types) = h.get(&format!("{GRID_WS}/work-item-types/")).await;
    assert_eq!(types[0]["name"], "Story");
    let (_, properties) = h.get(&format!("{GRID_WS}/work-item-properties/")).await;
    assert_eq!(properties.as_array().unwrap().len(), 3);
    // A workspace managing its types per project still takes project-level writes.
    let (status, _) = h
        .post(
            &format!("{}/work-item-types/", demo()),
            json!({"name": "Bug"}),
        )
        .await;
    assert_eq!(status, 201);
}
