//! Endpoints and their error paths (auth, routing, pagination, types, properties, options).

use super::common::*;
use reqwest::Method;
use serde_json::{Value, json};

#[tokio::test]
async fn users_me_and_members() {
    let h = start().await;
    let (status, me) = h.get("/api/v1/users/me/").await;
    assert_eq!(status, 200);
    assert_eq!(me["id"], user("priya"));
    assert_eq!(me["email"], "priya.patel@example.com");
    for key in [
        "first_name",
        "last_name",
        "avatar",
        "avatar_url",
        "display_name",
    ] {
        assert!(me.get(key).is_some(), "users/me lacks {key}");
    }
    let (status, members) = h.get(&format!("{WS}/members/")).await;
    assert_eq!(status, 200);
    let members = members.as_array().expect("a bare array");
    // Five people, the deactivated Rui Costa and the Plane Bot.
    assert_eq!(members.len(), 7);
    let emails: Vec<&str> = members
        .iter()
        .map(|m| m["email"].as_str().unwrap())
        .collect();
    assert!(
        emails.contains(&"jo.muller@example.com") && !emails.contains(&"olu.mensah@example.com")
    );
    let priya = members.iter().find(|m| m["id"] == user("priya")).unwrap();
    assert_eq!(priya["role"], 20);
    for key in [
        "id",
        "first_name",
        "last_name",
        "email",
        "avatar",
        "avatar_url",
        "display_name",
        "role",
    ] {
        assert!(priya.get(key).is_some(), "member lacks {key}");
    }
}

#[tokio::test]
async fn authentication_and_routing_errors() {
    let h = start().await;
    let me = h.url("/api/v1/users/me/");
    let (status, body) = send(h.client.get(&me)).await;
    assert_eq!(
        (status, body),
        (
            401,
            json!({"detail": "Authentication credentials were not provided."})
        )
    );
    let (status, body) = send(h.client.get(&me).header("X-API-Key", "plane_api_wrong")).await;
    assert_eq!(
        (status, body),
        (403, json!({"detail": "Given API token is not valid"}))
    );
    let (status, _) = send(h.client.get(&me).header("x-api-key", KEY)).await;
    assert_eq!(status, 200, "header names are case-insensitive");
    // Unknown paths, without a key, anywhere.
    for path in [
        "/api/v1/nothing/",
        "/api/v2/users/me/",
        "/nothing",
        "/api/v1/workspaces/demo/projects/NOT-A-UUID/",
    ] {
        let (status, body) = send(h.client.get(h.url(path))).await;
        assert_eq!(
            (status, body),
            (404, json!({"error": "Page not found."})),
            "{path}"
        );
    }
    // Upper-case UUIDs do not match Django's converter either.
    let (status, body) = h
        .get(&format!(
            "{WS}/projects/{}/",
            project("DEMO").to_uppercase()
        ))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("Page not found."))
    );
    // Unknown ids are a different 404.
    let (status, body) = h
        .get(&format!("{WS}/projects/{}/", uuid::Uuid::new_v4()))
        .await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "The requested resource does not exist."})
        )
    );
    // Another workspace the owner is not in, or none at all: DRF's permission 403.
    for slug in ["elsewhere", "nowhere"] {
        let (status, body) = h.get(&format!("/api/v1/workspaces/{slug}/members/")).await;
        assert_eq!(
            (status, body),
            (
                403,
                json!({"detail": "You do not have permission to perform this action."})
            )
        );
    }
    // Django's APPEND_SLASH redirect.
    let client = super::common::http_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client
        .get(h.url("/api/v1/users/me?x=1"))
        .header("X-API-Key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 301);
    assert_eq!(response.headers()["location"], "/api/v1/users/me/?x=1");
    // A route that exists with another method: DRF's 405.
    let (status, body) = send(h.req(Method::PUT, &value_path("DEMO-1", "Summary"))).await;
    assert_eq!(
        (status, body),
        (405, json!({"detail": "Method \"PUT\" not allowed."}))
    );
}

#[tokio::test]
async fn projects_are_paginated() {
    let h = start().await;
    let (status, page) = h.get(&format!("{WS}/projects/?per_page=1")).await;
    assert_eq!(status, 200);
    for key in [
        "grouped_by",
        "sub_grouped_by",
        "total_count",
        "next_cursor",
        "prev_cursor",
        "next_page_results",
        "prev_page_results",
        "count",
        "total_pages",
        "total_results",
        "extra_stats",
        "results",
    ] {
        assert!(page.get(key).is_some(), "envelope lacks {key}");
    }
    assert_eq!(
        (
            page["total_count"].as_i64(),
            page["count"].as_i64(),
            page["total_pages"].as_i64()
        ),
        (Some(4), Some(1), Some(4))
    );
    assert_eq!(page["results"][0]["identifier"], "DEMO");
    assert_eq!(page["results"][0]["is_issue_type_enabled"], true);
    let (_, next) = h
        .get(&format!(
            "{WS}/projects/?per_page=1&cursor={}",
            page["next_cursor"].as_str().unwrap()
        ))
        .await;
    assert_eq!(next["results"][0]["identifier"], "OPS");
    let (_, last) = h
        .get(&format!(
            "{WS}/projects/?per_page=1&cursor={}",
            next["next_cursor"].as_str().unwrap()
        ))
        .await;
    assert_eq!(last["results"][0]["identifier"], "DOCS");
    let (_, last) = h
        .get(&format!(
            "{WS}/projects/?per_page=1&cursor={}",
            last["next_cursor"].as_str().unwrap()
        ))
        .await;
    assert_eq!(last["results"][0]["identifier"], "SHIP");
    assert_eq!(last["results"][0]["name"], "Shipping");
    assert_eq!(
        (
            last["next_page_results"].as_bool(),
            last["prev_page_results"].as_bool()
        ),
        (Some(false), Some(true))
    );
    let (status, detail) = h.get(&format!("{}/", demo())).await;
    assert_eq!(
        (status, detail["name"].as_str(), detail["id"].as_str()),
        (200, Some("Demo"), Some(project("DEMO").as_str()))
    );
}

#[tokio::test]
async fn work_items_paginate_to_the_end() {
    let h = start().await;
    // Without per_page, Plane's server answers 1000 a page.
    let (status, all) = h.get(&format!("{}/work-items/", demo())).await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            all["results"].as_array().unwrap().len(),
            &all["next_cursor"],
            &all["total_pages"]
        ),
        (250, &json!("1000:1:0"), &json!(1))
    );
    let mut cursor: Option<String> = None;
    let mut seen = std::collections::HashSet::new();
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("{}/work-items/?per_page=100&cursor={c}", demo()),
            None => format!("{}/work-items/?per_page=100", demo()),
        };
        let (status, page) = h.get(&path).await;
        assert_eq!(status, 200);
        pages += 1;
        assert_eq!(page["total_count"], 250);
        assert_eq!(page["total_pages"], 3);
        for item in page["results"].as_array().unwrap() {
            assert!(
                seen.insert(item["id"].as_str().unwrap().to_owned()),
                "duplicate across pages"
            );
        }
        assert!(
            page["next_cursor"].is_string(),
            "next_cursor is always a string"
        );
        if !page["next_page_results"].as_bool().unwrap() {
            assert_eq!(page["next_cursor"], "100:3:0");
            assert_eq!(page["count"], 50);
            break;
        }
        cursor = page["next_cursor"].as_str().map(str::to_owned);
    }
    assert_eq!((pages, seen.len()), (3, 250));
    // Default order is newest first.
    let (_, first) = h.get(&format!("{}/work-items/?per_page=1", demo())).await;
    assert_eq!(first["results"][0]["sequence_id"], 250);
    let (_, ordered) = h
        .get(&format!(
            "{}/work-items/?per_page=2&order_by=sequence_id",
            demo()
        ))
        .await;
    assert_eq!(ordered["results"][1]["sequence_id"], 2);
    // Errors of the paginator and of fields/expand.
    let cases = [
        (
            "per_page=1001",
            json!({"detail": "Invalid per_page value. Cannot exceed 1000."}),
        ),
        (
            "cursor=garbage",
            json!({"detail": "Invalid cursor parameter."}),
        ),
        ("cursor=100:-1:1", json!({"detail": "Error in parsing"})),
    ];
    for (query, expected) in cases {
        let (status, body) = h.get(&format!("{}/work-items/?{query}", demo())).await;
        assert_eq!((status, body), (400, expected), "{query}");
    }
    // An expansion Plane does not have is passed over, as Plane's serializer does.
    let (status, body) = h
        .get(&format!(
            "{}/work-items/?per_page=1&expand=state,cycle",
            demo()
        ))
        .await;
    assert_eq!(status, 200);
    let item = &body["results"][0];
    assert!(item["state"].is_object(), "{item}");
    assert!(item.get("cycle").is_none(), "{item}");
    // The legacy /issues/ list is the same view.
    let (status, legacy) = h.get(&format!("{}/issues/?per_page=5", demo())).await;
    assert_eq!((status, legacy["count"].as_i64()), (200, Some(5)));
}

#[tokio::test]
async fn a_table_pages_through_ship_with_only_the_fields_it_asks_for() {
    let h = start().await;
    let ship = format!("{WS}/projects/{}/work-items/", project("SHIP"));
    let mut cursor = "50:0:0".to_owned();
    let (mut seen, mut bugs, mut pages) = (Vec::new(), 0, 0);
    loop {
        let (status, page) = h
            .get(&format!(
                "{ship}?per_page=50&cursor={cursor}&fields=id,name,sequence_id,type_id"
            ))
            .await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        assert_eq!(
            (page["total_results"].as_i64(), page["total_pages"].as_i64()),
            (Some(300), Some(6))
        );
        for item in page["results"].as_array().unwrap() {
            let keys: Vec<&str> = item
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(
                keys,
                ["id", "type_id", "name", "sequence_id"],
                "Plane's order of its fields"
            );
            let n = item["sequence_id"].as_i64().unwrap();
            assert_eq!(item["id"], work_item(&format!("SHIP-{n}")));
            if item["type_id"] == plane_inline_sandbox::ids::seed_id("type", "SHIP/Bug") {
                assert_eq!(n % 10, 0, "every tenth is a bug");
                bugs += 1;
            } else {
                assert_eq!(
                    item["type_id"],
                    plane_inline_sandbox::ids::seed_id("type", "SHIP/Task")
                );
            }
            seen.push(n);
        }
        if !page["next_page_results"].as_bool().unwrap() {
            assert_eq!(page["next_cursor"], "50:6:0");
            break;
        }
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
    }
    assert_eq!((pages, bugs), (6, 30));
    let newest_first: Vec<i64> = (1..=300).rev().collect();
    assert_eq!(seen, newest_first, "newest first, each once");
    let (_, first) = h.get(&format!("{ship}?per_page=1&fields=name")).await;
    assert_eq!(
        first["results"],
        json!([{"name": "Book the Oslo backorder"}])
    );
    // A name Plane's work item does not have adds nothing (Plane's serializer drops it).
    let (status, odd) = h.get(&format!("{ship}?per_page=1&fields=id,bogus")).await;
    assert_eq!(
        (status, odd["results"].clone()),
        (200, json!([{"id": work_item("SHIP-300")}]))
    );
}

#[tokio::test]
async fn work_item_shapes_fields_and_expand() {
    let h = start().await;
    let (status, item) = h.get(&format!("{WS}/work-items/DEMO-12/")).await;
    assert_eq!(status, 200);
    assert_eq!(item["id"], work_item("DEMO-12"));
    assert_eq!(item["project"], project("DEMO"));
    assert_eq!(item["type_id"], task_type());
    assert_eq!(item["sequence_id"], 12);
    for key in [
        "name",
        "state",
        "priority",
        "assignees",
        "labels",
        "created_at",
        "description_html",
    ] {
        assert!(item.get(key).is_some(), "work item lacks {key}");
    }
    let (_, legacy) = h.get(&format!("{WS}/issues/DEMO-12/")).await;
    assert_eq!(legacy["id"], item["id"]);
    let (status, by_id) = h
        .get(&format!("{}/work-items/{}/", demo(), work_item("DEMO-12")))
        .await;
    assert_eq!((status, &by_id["name"]), (200, &item["name"]));
    let (_, narrow) = h
        .get(&format!(
            "{WS}/work-items/DEMO-12/?fields=id,name,state&expand=state"
        ))
        .await;
    let keys: Vec<&String> = narrow.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "name", "state"]);
    assert!(
        narrow["state"]["group"].is_string(),
        "state expanded: {narrow}"
    );
    let (_, expanded) = h
        .get(&format!(
            "{WS}/work-items/DEMO-12/?expand=assignees,labels,project,type"
        ))
        .await;
    assert_eq!(expanded["project"]["identifier"], "DEMO");
    assert_eq!(expanded["type"]["name"], "Task");
    assert!(expanded["assignees"][0]["email"].is_string());
    assert!(expanded["labels"][0]["name"].is_string());
    for missing in ["DEMO-999", "DEMO-x"] {
        let (status, body) = h.get(&format!("{WS}/work-items/{missing}/")).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (404, Some("The requested resource does not exist.")),
            "{missing}"
        );
    }
    // An unknown project (identifiers are matched exactly) is Plane's permission 403.
    for unknown in ["NOPE-1", "demo-12"] {
        let (status, body) = h.get(&format!("{WS}/work-items/{unknown}/")).await;
        assert_eq!(
            (status, body),
            (
                403,
                json!({"detail": "You do not have permission to perform this action."})
            ),
            "{unknown}"
        );
    }
    let nowhere = uuid::Uuid::new_v4();
    for path in [
        format!("{WS}/projects/{nowhere}/work-items/"),
        format!(
            "{WS}/projects/{nowhere}/work-items/{}/",
            uuid::Uuid::new_v4()
        ),
    ] {
        let (status, body) = h.get(&path).await;
        assert_eq!(
            (status, body),
            (
                403,
                json!({"detail": "You do not have permission to perform this action."})
            ),
            "{path}"
        );
    }
    let (status, body) = h
        .get(&format!("{}/work-items/{}/", demo(), work_item("OPS-1")))
        .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("The requested resource does not exist."))
    );
    let (status, _) = h.get(&format!("{FREE_WS}/work-items/FREE-2/")).await;
    assert_eq!(
        status, 200,
        "work items of a plan without properties are still readable"
    );
    let (status, body) = h.get(&format!("{WS}/work-items/FREE-2/")).await;
    assert_eq!(
        (status, body),
        (
            403,
            json!({"detail": "You do not have permission to perform this action."})
        ),
        "FREE is a project of workspace free, not demo"
    );
}

#[tokio::test]
async fn search_matches_names_numbers_and_identifiers() {
    let h = start().await;
    let (status, found) = h
        .get(&format!("{WS}/work-items/search/?search=DEMO-12"))
        .await;
    assert_eq!(status, 200);
    let issues = found["issues"].as_array().unwrap();
    let hit = issues
        .iter()
        .find(|i| i["id"] == work_item("DEMO-12"))
        .expect("DEMO-12 found");
    assert_eq!(
        (
            hit["project__identifier"].as_str(),
            hit["sequence_id"].as_i64()
        ),
        (Some("DEMO"), Some(12))
    );
    assert_eq!(hit["workspace__slug"], "demo");
    assert!(hit["project_id"].is_string() && hit["name"].is_string());
    let keys: Vec<String> = issues
        .iter()
        .map(|i| {
            format!(
                "{}-{}",
                i["project__identifier"].as_str().unwrap(),
                i["sequence_id"]
            )
        })
        .collect();
    assert_eq!(
        keys,
        ["DEMO-12", "OPS-12", "SHIP-12"],
        "numbers in the query match sequence ids in every project"
    );
    let (_, by_identifier) = h.get(&format!("{WS}/work-items/search/?search=demo")).await;
    assert_eq!(
        by_identifier["issues"].as_array().unwrap().len(),
        10,
        "default limit"
    );
    let (_, named) = h
        .get(&format!("{WS}/work-items/search/?search=incident&limit=50"))
        .await;
    assert_eq!(named["issues"].as_array().unwrap().len(), 12);
    let (_, scoped) = h
        .get(&format!(
            "{WS}/issues/search/?search=12&project_id={}",
            project("OPS")
        ))
        .await;
    assert_eq!(scoped["issues"].as_array().unwrap().len(), 1);
    let (_, empty) = h.get(&format!("{WS}/work-items/search/?search=")).await;
    assert_eq!(empty, json!({"issues": []}));
}

#[tokio::test]
async fn types_and_schema() {
    let h = start().await;
    for segment in ["work-item-types", "issue-types"] {
        let (status, types) = h.get(&format!("{}/{segment}/", demo())).await;
        assert_eq!(status, 200);
        assert_eq!(types.as_array().unwrap().len(), 2);
        assert_eq!(
            (types[0]["name"].as_str(), types[0]["is_default"].as_bool()),
            (Some("Task"), Some(true))
        );
        assert_eq!(
            (types[1]["name"].as_str(), types[1]["is_epic"].as_bool()),
            (Some("Epic"), Some(true))
        );
    }
    let (status, detail) = h
        .get(&format!("{}/work-item-types/{}/", demo(), task_type()))
        .await;
    assert_eq!(
        (status, detail["project_ids"].clone()),
        (200, json!([project("DEMO")]))
    );
    let (status, schema) = h
        .get(&format!(
            "{}/work-item-types/schema/?include=members",
            demo()
        ))
        .await;
    assert_eq!(status, 200);
    let custom = schema["custom_fields"].as_object().unwrap();
    assert_eq!(custom.len(), 16, "inactive properties are left out");
    assert!(!custom.contains_key("custom_field_old-estimate"));
    let severity = &custom["custom_field_severity"];
    assert_eq!(
        (severity["type"].as_str(), severity["required"].as_bool()),
        (Some("OPTION"), Some(true))
    );
    let names: Vec<&str> = severity["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Critical", "High", "Medium", "Low"]);
    let reviewer = &custom["custom_field_reviewer"];
    assert_eq!(reviewer["relation_type"], "USER");
    assert_eq!(
        reviewer["options"].as_array().unwrap().len(),
        5,
        "project members, Rui Costa (deactivated in the workspace) included"
    );
    for key in [
        "id",
        "type",
        "name",
        "display_name",
        "description",
        "required",
        "is_multi",
    ] {
        assert!(reviewer.get(key).is_some(), "schema entry lacks {key}");
    }
    let (_, without) = h
        .get(&format!(
            "{}/work-item-types/schema/?type_id={}",
            demo(),
            task_type()
        ))
        .await;
    assert!(
        without["custom_fields"]["custom_field_reviewer"]
            .get("options")
            .is_none()
    );
    let (status, body) = h
        .get(&format!("{}/work-item-types/schema/?type_id=nope", demo()))
        .await;
    assert_eq!(
        (status, body),
        (400, json!({"error": "Please provide valid detail"}))
    );
    let (status, _) = h
        .get(&format!(
            "{}/work-item-types/schema/?type_id={}",
            demo(),
            uuid::Uuid::new_v4()
        ))
        .await;
    assert_eq!(status, 404);
    let (_, ops) = h
        .get(&format!(
            "{WS}/projects/{}/work-item-types/schema/",
            project("OPS")
        ))
        .await;
    assert_eq!(ops["name"], "Incident");
    assert_eq!(
        ops["custom_fields"]["custom_field_impact"]["required"],
        true
    );
}

#[tokio::test]
async fn a_plan_without_the_feature_answers_402() {
    let h = start().await;
    let free = format!("{FREE_WS}/projects/{}", project("FREE"));
    let any = uuid::Uuid::new_v4();
    let item = work_item("FREE-1");
    // The gate is the workspace's: every project of it, even one it does not have, answers 402.
    let unknown_project = format!("{FREE_WS}/projects/{any}");
    for (method, path) in [
        (Method::GET, format!("{unknown_project}/work-item-types/")),
        (
            Method::GET,
            format!("{unknown_project}/work-items/{item}/work-item-properties/values/"),
        ),
        (Method::GET, format!("{free}/work-item-types/")),
        (Method::GET, format!("{free}/work-item-types/schema/")),
        (Method::GET, format!("{free}/work-item-types/{any}/")),
        (
            Method::GET,
            format!("{free}/work-item-types/{any}/work-item-properties/"),
        ),
        (
            Method::POST,
            format!("{free}/work-item-types/{any}/work-item-properties/"),
        ),
        (
            Method::GET,
            format!("{free}/work-item-properties/{any}/options/"),
        ),
        (
            Method::GET,
            format!("{free}/work-items/{item}/work-item-properties/values/"),
        ),
        (
            Method::POST,
            format!("{free}/work-items/{item}/work-item-properties/{any}/values/"),
        ),
        (
            Method::DELETE,
            format!("{free}/work-items/{item}/work-item-properties/{any}/values/"),
        ),
    ] {
        let (status, body) = send(
            h.req(method.clone(), &path)
                .body("{not json")
                .header("content-type", "application/json"),
        )
        .await;
        assert_eq!(
            (status, body),
            (
                402,
                json!({"error": "Payment required", "error_code": 1999})
            ),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn the_free_workspace_has_the_key_owner_and_its_project() {
    let h = start().await;
    let (status, members) = h.get(&format!("{FREE_WS}/members/")).await;
    assert_eq!(status, 200);
    assert_eq!(members.as_array().unwrap().len(), 1);
    assert_eq!(
        (&members[0]["id"], &members[0]["role"]),
        (&json!(user("priya")), &json!(20))
    );
    let (_, page) = h.get(&format!("{FREE_WS}/projects/")).await;
    assert_eq!(page["total_count"], 1);
    let free = &page["results"][0];
    assert_eq!(
        (
            &free["identifier"],
            &free["name"],
            &free["is_issue_type_enabled"]
        ),
        (&json!("FREE"), &json!("Free Plan"), &json!(false))
    );
    assert_eq!(
        (&free["member_role"], &free["is_member"]),
        (&json!(20), &json!(true))
    );
    let (status, detail) = h
        .get(&format!("{FREE_WS}/projects/{}/", project("FREE")))
        .await;
    assert_eq!(
        (status, &detail["is_issue_type_enabled"]),
        (200, &json!(false))
    );
    let (_, items) = h
        .get(&format!(
            "{FREE_WS}/projects/{}/work-items/",
            project("FREE")
        ))
        .await;
    assert_eq!(items["total_count"], 5);
    // The project is no longer in demo.
    let (status, body) = h.get(&format!("{WS}/projects/{}/", project("FREE"))).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "The requested resource does not exist."})
        )
    );
}

#[tokio::test]
async fn property_definitions_crud() {
    let h = start().await;
    let base = format!(
        "{}/work-item-types/{}/work-item-properties/",
        demo(),
        task_type()
    );
    let (status, list) = h.get(&base).await;
    assert_eq!((status, list.as_array().unwrap().len()), (200, 17));
    let severity = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "severity")
        .unwrap();
    assert_eq!(
        severity["options"].as_array().unwrap().len(),
        5,
        "property lists all options"
    );
    assert_eq!(
        severity["default_value"],
        json!([option("DEMO", "Severity", "Medium")])
    );
    let (_, legacy) = h
        .get(&format!(
            "{}/issue-types/{}/issue-properties/",
            demo(),
            task_type()
        ))
        .await;
    assert_eq!(legacy.as_array().unwrap().len(), 17);
    // The project-wide listing has the epic type's Theme too.
    let (_, project_wide) = h.get(&format!("{}/work-item-properties/", demo())).await;
    assert_eq!(project_wide.as_array().unwrap().len(), 18);

    let (status, created) = h.post(&base, json!({"display_name": "Story  Points 2!", "property_type": "DECIMAL", "name": "ignored", "is_required": true})).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(
        (created["name"].as_str(), created["options"].clone()),
        (Some("story-points-2"), json!([]))
    );
    assert_eq!(created["issue_type"], task_type());
    assert_eq!(created["logo_props"]["icon"]["name"], "Hash");
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, fetched) = h.get(&format!("{base}{id}/")).await;
    assert_eq!(
        (status, &fetched["display_name"]),
        (200, &created["display_name"])
    );
    let (_, via_project) = h
        .get(&format!("{}/work-item-properties/{id}/", demo()))
        .await;
    assert_eq!(via_project["id"], created["id"]);

    let (status, updated) = h
        .patch(
            &format!("{base}{id}/"),
            json!({"display_name": "Effort", "is_active": false, "options": [{"name": "x"}]}),
        )
        .await;
    assert_eq!(
        (
            status,
            updated["name"].as_str(),
            updated["is_active"].as_bool()
        ),
        (200, Some("effort"), Some(false))
    );

    let (status, with_options) = h
        .post(&base, json!({"display_name": "Stage", "property_type": "OPTION", "options": [{"name": "Alpha"}, {"name": "Beta", "is_default": true}]}))
        .await;
    assert_eq!(status, 201);
    let options = with_options["options"].as_array().unwrap();
    assert_eq!(options.len(), 2);
    assert_eq!(with_options["default_value"], json!([options[1]["id"]]));

    let errors = [
        (
            json!({"property_type": "TEXT"}),
            json!({"display_name": ["This field is required."]}),
        ),
        (
            json!({"display_name": "X", "property_type": "DATE"}),
            json!({"property_type": ["\"DATE\" is not a valid choice."]}),
        ),
        (
            json!({"display_name": "X", "property_type": "TEXT", "options": [{"name": "a"}]}),
            json!({"options": ["Options can only be provided when property_type is OPTION"]}),
        ),
        (
            json!({"display_name": "X", "property_type": "OPTION", "options": [{"name": "a", "is_default": true}, {"name": "b", "is_default": true}]}),
            json!({"options": ["Only one option can be marked as default"]}),
        ),
        (
            json!({"display_name": "Summary", "property_type": "TEXT"}),
            json!({"error": "The payload is not valid"}),
        ),
        (
            json!([1, 2]),
            json!({"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}),
        ),
    ];
    for (body, expected) in errors {
        let (status, answer) = h.post(&base, body.clone()).await;
        assert_eq!((status, answer), (400, expected), "{body}");
    }
    let pair = json!({"display_name": "Synced", "property_type": "TEXT", "external_source": "jira", "external_id": "F-1"});
    let (status, first) = h.post(&base, pair.clone()).await;
    assert_eq!(status, 201);
    let (status, conflict) = h.post(&base, json!({"display_name": "Synced again", "property_type": "TEXT", "external_source": "jira", "external_id": "F-1"})).await;
    assert_eq!(status, 409);
    assert_eq!(
        conflict,
        json!({"error": "Issue Property with the same external id and external source already exists", "id": first["id"]})
    );

    let (status, body) = h.delete(&format!("{base}{id}/")).await;
    assert_eq!((status, body), (204, Value::Null));
    let (status, body) = h.get(&format!("{base}{id}/")).await;
    assert_eq!(
        (status, body),
        (
            404,
            json!({"error": "The requested resource does not exist."})
        )
    );
    let (status, _) = h
        .get(&format!(
            "{}/work-item-types/{}/work-item-properties/",
            demo(),
            uuid::Uuid::new_v4()
        ))
        .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn options_crud() {
    let h = start().await;
    let severity = format!(
        "{}/work-item-properties/{}/options/",
        demo(),
        property("DEMO", "Severity")
    );
    let (status, list) = h.get(&severity).await;
    assert_eq!(status, 200);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 5, "inactive options included");
    let legacy = list.iter().find(|o| o["name"] == "Legacy").unwrap();
    assert_eq!(legacy["is_active"], false);
    for key in [
        "id",
        "name",
        "description",
        "sort_order",
        "logo_props",
        "is_active",
        "is_default",
        "parent",
        "property",
        "workspace",
        "project",
        "external_source",
        "external_id",
    ] {
        assert!(legacy.get(key).is_some(), "option lacks {key}");
    }
    let (_, legacy_path) = h
        .get(&format!(
            "{}/issue-properties/{}/options/",
            demo(),
            property("DEMO", "Severity")
        ))
        .await;
    assert_eq!(legacy_path.as_array().unwrap().len(), 5);

    let (status, created) = h
        .post(&severity, json!({"name": "Trivial", "is_active": false}))
        .await;
    assert_eq!((status, created["is_active"].as_bool()), (201, Some(false)));
    let id = created["id"].as_str().unwrap().to_owned();
    let (status, body) = h
        .post(&severity, json!({"name": "Blocker", "is_default": true}))
        .await;
    assert_eq!(
        (status, body),
        (400, json!({"error": "Default option already exists"}))
    );
    let (status, body) = h.post(&severity, json!({"name": "Trivial"})).await;
    assert_eq!(
        (status, body),
        (400, json!({"error": "The payload is not valid"}))
    );
    let (status, body) = h.post(&severity, json!({"description": "no name"})).await;
    assert_eq!(
        (status, body),
        (400, json!({"name": ["This field is required."]}))
    );
    let summary_options = format!(
        "{}/work-item-properties/{}/options/",
        demo(),
        property("DEMO", "Summary")
    );
    let (status, body) = h.post(&summary_options, json!({"name": "x"})).await;
    assert_eq!(
        (status, body),
        (400, json!({"error": "Issue Property type is not OPTION"}))
    );

    let medium = option("DEMO", "Severity", "Medium");
    let (status, _) = h
        .patch(
            &format!("{severity}{medium}/"),
            json!({"is_default": false}),
        )
        .await;
    assert_eq!(status, 200);
    let (status, promoted) = h
        .patch(
            &format!("{severity}{id}/"),
            json!({"is_default": true, "name": "Trivial!"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            promoted["is_default"].as_bool(),
            promoted["is_active"].as_bool(),
            promoted["name"].as_str()
        ),
        (Some(true), Some(true), Some("Trivial!")),
        "a default is forced active"
    );
    let (status, fetched) = h.get(&format!("{severity}{id}/")).await;
    assert_eq!((status, fetched["name"].as_str()), (200, Some("Trivial!")));
    let (status, _) = h.delete(&format!("{severity}{id}/")).await;
    assert_eq!(status, 204);
    let (status, body) = h.get(&format!("{severity}{id}/")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (404, Some("The requested resource does not exist."))
    );
}

#[tokio::test]
async fn request_bodies_are_read_like_drf() {
    let h = start().await;
    let path = value_path("DEMO-3", "Summary");
    let (status, body) = send(
        h.req(Method::POST, &path)
            .header("content-type", "application/json")
            .body("{\"value\": "),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .starts_with("JSON parse error - Expecting value"),
        "{body}"
    );
    let (status, body) = send(
        h.req(Method::POST, &path)
            .header("content-type", "text/plain")
            .body("{}"),
    )
    .await;
    assert_eq!(
        (status, body),
        (
            415,
            json!({"detail": "Unsupported media type \"text/plain\" in request."})
        )
    );
    let (status, body) = send(h.req(Method::POST, &path)).await;
    assert_eq!(
        (status, body),
        (400, json!({"value": ["This field is required."]})),
        "an empty body is {{}}"
    );
    let (status, body) = send(h.req(Method::POST, &path).form(&[("value", "from a form")])).await;
    assert_eq!((status, body["value"].as_str()), (200, Some("from a form")));
}

#[tokio::test]
async fn objects_carry_the_keys_plane_s_server_gives() {
    // Plane's Community Edition server (makeplane/plane at 4ca6d6c), side by side.
    let h = start().await;
    let (_, members) = h.get(&format!("{WS}/members/")).await;
    assert!(
        members
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m.get("avatar_url") == Some(&Value::Null)),
        "a member without an avatar has avatar_url null: {members}"
    );
    let (_, item) = h.get(&format!("{WS}/work-items/DEMO-12/")).await;
    assert_eq!(item.get("description_stripped"), None);
    assert!(item.get("description_html").is_some());
    let (_, list) = h.get(&format!("{WS}/projects/")).await;
    assert!(list["results"][0].get("sort_order").is_some());
    let (_, detail) = h.get(&format!("{}/", demo())).await;
    assert_eq!(detail.get("sort_order"), None);
    assert_eq!(detail["identifier"], "DEMO");
}
