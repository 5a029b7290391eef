//! A project's table against a scripted Plane: what its model, a page and a row's values cost,
//! in requests, once the project's facts and the members are known; the project found by its
//! identifier; the workspace-mode fallback.

use super::{new_client, quick_retries};
use crate::sim::{Sim, json};
use plane_inline_core::cursor::Cursor;
use plane_inline_core::error::PlaneError;
use plane_inline_core::value::PropertyValue;
use plane_inline_core::workspace::{Access, ListedWorkItem};
use serde_json::json as j;

const PROJECT: &str = "11111111-1111-4111-8111-111111111111";
const ITEM: &str = "22222222-2222-4222-8222-222222222222";
const TASK: &str = "33333333-3333-4333-8333-333333333333";
const BUG: &str = "33333333-3333-4333-8333-33333333b0b0";
const EPIC: &str = "33333333-3333-4333-8333-3333333e91c0";
const RETIRED: &str = "33333333-3333-4333-8333-333333333de0";
const POINTS: &str = "44444444-4444-4444-8444-444444444444";
const REVIEWER: &str = "44444444-4444-4444-8444-44444444e5e5";
const SEVERITY: &str = "55555555-5555-4555-8555-555555555555";
const HIGH: &str = "66666666-6666-4666-8666-666666666666";
const LOW: &str = "77777777-7777-4777-8777-777777777777";
const SAM: &str = "88888888-8888-4888-8888-888888888888";

/// The path below `/api/v1/workspaces/demo`, and the query.
fn split(url: &str) -> (String, String) {
    let url = url.trim_start_matches("https://plane.test/api/v1/workspaces/demo");
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    (path.to_owned(), query.to_owned())
}

fn paths(sim: &Sim) -> Vec<String> {
    sim.log
        .borrow()
        .iter()
        .map(|(_, r)| split(&r.url).0)
        .collect()
}

/// Project DEMO with types Task (Story Points, Reviewer), Bug (Severity), an epic type and an
/// inactive type; its work item list and the values of ITEM.
fn project_plane() -> Sim {
    Sim::new(|request, _| {
        let (path, query) = split(&request.url);
        let types = format!("/projects/{PROJECT}/work-item-types/");
        match path.as_str() {
            "/projects/" => json(
                200,
                j!({"results": [
                    {"id": "99999999-0000-4000-8000-000000000001", "name": "Web", "identifier": "WEB"},
                    {"id": PROJECT, "name": "Demo", "identifier": "DEMO"}
                ], "next_page_results": false, "next_cursor": "100:1:0"}),
            ),
            p if p == format!("/projects/{PROJECT}/") => json(
                200,
                j!({"id": PROJECT, "name": "Demo", "identifier": "DEMO", "member_role": 15}),
            ),
            p if p == types => json(
                200,
                j!([{"id": TASK, "name": "Task", "is_default": true},
                    {"id": EPIC, "name": "Epic", "is_epic": true},
                    {"id": RETIRED, "name": "Retired", "is_active": false},
                    {"id": BUG, "name": "Bug"}]),
            ),
            p if p == format!("{types}{TASK}/work-item-properties/") => json(
                200,
                j!([
                    {"id": REVIEWER, "property_type": "RELATION", "relation_type": "USER",
                     "display_name": "Reviewer", "sort_order": 2.0},
                    {"id": POINTS, "property_type": "DECIMAL", "display_name": "Story Points",
                     "sort_order": 1.0},
                    {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "property_type": "TEXT",
                     "display_name": "Old", "is_active": false}
                ]),
            ),
            p if p == format!("{types}{BUG}/work-item-properties/") => json(
                200,
                j!([{"id": SEVERITY, "property_type": "OPTION", "display_name": "Severity",
                     "options": [{"id": LOW, "name": "Low", "sort_order": 2.0},
                                 {"id": HIGH, "name": "High", "sort_order": 1.0}]}]),
            ),
            "/members/" => json(
                200,
                j!([{"id": SAM, "first_name": "Sam", "last_name": "Rivera"}]),
            ),
            p if p == format!("/projects/{PROJECT}/work-items/") => json(
                200,
                j!({
                    "total_count": 120, "total_results": 120, "count": 1,
                    "next_cursor": "50:2:0", "prev_cursor": "50:0:1",
                    "next_page_results": !query.contains("cursor=50%3A2%3A0"),
                    "results": [{"id": ITEM, "name": "Checkout fails", "sequence_id": 51,
                                 "type_id": BUG}]
                }),
            ),
            p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/") => json(
                200,
                j!({"id": ITEM, "name": "Checkout fails", "sequence_id": 51,
                    "project": PROJECT, "type_id": BUG}),
            ),
            p if p
                == format!(
                    "/projects/{PROJECT}/work-items/{ITEM}/work-item-properties/values/"
                ) =>
            {
                json(
                    200,
                    j!([{"property_id": SEVERITY, "values": [HIGH]},
                        {"property_id": POINTS, "values": ["many"]}]),
                )
            }
            _ => json(404, j!({"error": "Page not found."})),
        }
    })
}

#[test]
fn a_known_projects_table_costs_only_its_types_definitions_once() {
    let sim = project_plane();
    let client = new_client(&sim, quick_retries());
    let reader = client.clone();
    let (first, second) = sim.run(async move {
        // A panel of the project read its facts and the members before.
        reader.project_facts(PROJECT).await.unwrap();
        reader.known_members().await.unwrap();
        let first = reader.project_table(PROJECT).await;
        let second = reader.project_table(PROJECT).await;
        (first.unwrap(), second.unwrap())
    });
    let read = paths(&sim);
    assert_eq!(read.len(), 5, "{read:?}");
    let mut definitions = read[3..].to_vec();
    definitions.sort();
    assert_eq!(
        definitions,
        [
            format!("/projects/{PROJECT}/work-item-types/{TASK}/work-item-properties/"),
            format!("/projects/{PROJECT}/work-item-types/{BUG}/work-item-properties/"),
        ],
        "one definitions read per active non-epic type, and none the second time"
    );
    assert_eq!(first, second);
    assert_eq!(first.project.identifier, "DEMO");
    assert_eq!(first.access, Access::Edit);
    let shown: Vec<(&str, Vec<&str>)> = first
        .types
        .iter()
        .map(|t| {
            let names = t.properties.iter().map(|p| p.display_name.as_str());
            (t.work_item_type.name.as_str(), names.collect())
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("Task", vec!["Story Points", "Reviewer"]),
            ("Bug", vec!["Severity"])
        ]
    );
    let severity = &first.types[1].properties[0];
    assert_eq!(
        severity
            .options
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>(),
        ["High", "Low"]
    );
    assert_eq!(first.members[0].label(), "Sam Rivera");
}

#[test]
fn a_table_without_user_relations_reads_no_members() {
    let sim = Sim::new(|request, _| {
        let (path, _) = split(&request.url);
        match path.as_str() {
            p if p == format!("/projects/{PROJECT}/") => json(
                200,
                j!({"id": PROJECT, "name": "Demo", "identifier": "DEMO", "member_role": 5}),
            ),
            p if p == format!("/projects/{PROJECT}/work-item-types/") => {
                json(200, j!([{"id": BUG, "name": "Bug", "is_default": true}]))
            }
            p if p.ends_with("/work-item-properties/") => json(
                200,
                j!([{"id": SEVERITY, "property_type": "OPTION", "display_name": "Severity"}]),
            ),
            _ => json(404, j!({"error": "Page not found."})),
        }
    });
    let client = new_client(&sim, quick_retries());
    let table = sim
        .run(async move { client.project_table(PROJECT).await })
        .unwrap();
    assert_eq!(table.access, Access::View { role: Some(5) });
    assert_eq!(table.members, []);
    assert_eq!(sim.log.borrow().len(), 3, "project, types, definitions");
}

#[test]
fn a_project_is_found_by_its_identifier_from_one_listing() {
    let sim = project_plane();
    let client = new_client(&sim, quick_retries());
    let found = sim.run(async move {
        let mut found = Vec::new();
        for name in ["DEMO", "demo", "WEB", "NOPE", "not an identifier"] {
            found.push(
                client
                    .project_by_identifier(name)
                    .await
                    .unwrap()
                    .map(|p| p.name),
            );
        }
        found
    });
    assert_eq!(
        found,
        [
            Some("Demo".to_owned()),
            Some("Demo".to_owned()),
            Some("Web".to_owned()),
            None,
            None
        ]
    );
    let log = sim.log.borrow();
    assert_eq!(log.len(), 1, "the projects list is read once per client");
    assert_eq!(
        split(&log[0].1.url),
        (
            "/projects/".to_owned(),
            "per_page=100&cursor=100%3A0%3A0&fields=id%2Cname%2Cidentifier".to_owned()
        )
    );
}

#[test]
fn a_page_of_rows_is_one_request_with_only_the_fields_a_table_shows() {
    let sim = project_plane();
    let client = new_client(&sim, quick_retries());
    let reader = client.clone();
    let (page, last) = sim.run(async move {
        let page = reader
            .work_items_page(PROJECT, "50:1:0".parse().unwrap())
            .await
            .unwrap();
        let last = reader
            .work_items_page(PROJECT, page.next.unwrap())
            .await
            .unwrap();
        (page, last)
    });
    let log = sim.log.borrow();
    assert_eq!(log.len(), 2, "one request a page");
    assert_eq!(
        split(&log[0].1.url),
        (
            format!("/projects/{PROJECT}/work-items/"),
            "per_page=50&cursor=50%3A1%3A0&fields=id%2Cname%2Csequence_id%2Ctype_id".to_owned()
        )
    );
    assert_eq!(
        page.items,
        [ListedWorkItem {
            id: ITEM.into(),
            name: "Checkout fails".into(),
            sequence_id: Some(51),
            type_id: Some(BUG.into()),
        }]
    );
    assert_eq!(page.next, Some("50:2:0".parse::<Cursor>().unwrap()));
    assert_eq!(page.total, Some(120));
    assert_eq!((last.next, last.total), (None, Some(120)), "the last page");
}

#[test]
fn a_rows_error_is_planes() {
    let sim = Sim::new(|_, _| json(404, j!({"error": "Project not found"})));
    let client = new_client(&sim, quick_retries());
    let error = sim
        .run(async move {
            client
                .work_items_page(PROJECT, Cursor::first(25).unwrap())
                .await
        })
        .unwrap_err();
    assert_eq!(
        error,
        PlaneError::NotFound {
            message: "Project not found".into()
        }
    );
}

#[test]
fn a_rows_values_are_one_request_once_the_table_is_read() {
    let sim = project_plane();
    let client = new_client(&sim, quick_retries());
    let reader = client.clone();
    let row = sim.run(async move {
        reader.project_table(PROJECT).await.unwrap();
        reader.row_values(PROJECT, ITEM).await.unwrap()
    });
    let read = paths(&sim);
    assert_eq!(
        read.last(),
        Some(&format!(
            "/projects/{PROJECT}/work-items/{ITEM}/work-item-properties/values/"
        ))
    );
    assert_eq!(read.len(), 6, "the table's five reads, then one: {read:?}");
    assert_eq!(
        row.values.into_iter().collect::<Vec<_>>(),
        [(SEVERITY.to_owned(), PropertyValue::Id(HIGH.into()))]
    );
    assert_eq!(
        row.unreadable
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["the stored value \"many\" of Story Points is not a valid DECIMAL"]
    );
}

#[test]
fn workspace_owned_values_are_read_one_by_one_as_the_panel_reads_them() {
    const OWNED: &str = "aaaaaaaa-0000-4000-8000-00000000000a";
    const UNSET: &str = "aaaaaaaa-0000-4000-8000-00000000000b";
    let sim = Sim::new(|request, _| {
        let (path, _) = split(&request.url);
        match path.as_str() {
            p if p == format!("/projects/{PROJECT}/") => json(
                200,
                j!({"id": PROJECT, "name": "Grid", "identifier": "GRID", "member_role": 20}),
            ),
            p if p == format!("/projects/{PROJECT}/work-item-types/") => {
                json(200, j!([{"id": TASK, "name": "Story", "is_default": true}]))
            }
            // The project's type-scoped lists leave workspace-owned properties out.
            p if p.ends_with("/work-item-properties/values/") => json(200, j!([])),
            p if p.starts_with("/projects/") && p.ends_with("/work-item-properties/") => {
                json(200, j!([]))
            }
            p if p == format!("/work-item-types/{TASK}/properties/") => {
                json(200, j!([OWNED, UNSET]))
            }
            "/work-item-properties/" => json(
                200,
                j!([
                    {"id": OWNED, "property_type": "DECIMAL", "display_name": "Estimate", "sort_order": 1.0},
                    {"id": UNSET, "property_type": "TEXT", "display_name": "Note", "sort_order": 2.0}
                ]),
            ),
            p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/") => json(
                200,
                j!({"id": ITEM, "name": "Grid item", "project": PROJECT, "type_id": TASK}),
            ),
            p if p.ends_with(&format!("/work-item-properties/{OWNED}/values/")) => json(
                200,
                j!({"id": "v", "property_id": OWNED, "value": 8, "value_type": "DECIMAL"}),
            ),
            p if p.ends_with(&format!("/work-item-properties/{UNSET}/values/")) => json(
                404,
                j!({"error": "Property value not set for this work item"}),
            ),
            _ => json(500, j!({})),
        }
    });
    let client = new_client(&sim, quick_retries());
    let reader = client.clone();
    let (table, row) = sim.run(async move {
        let table = reader.project_table(PROJECT).await.unwrap();
        let row = reader.row_values(PROJECT, ITEM).await.unwrap();
        (table, row)
    });
    let names: Vec<&str> = table.types[0]
        .properties
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert_eq!(names, ["Estimate", "Note"]);
    assert_eq!(
        row.values.into_iter().collect::<Vec<_>>(),
        [(OWNED.to_owned(), PropertyValue::Decimal(8.0))]
    );
    let read = paths(&sim);
    assert_eq!(
        read.len(),
        9,
        "table: project, types, definitions, links, workspace definitions; row: values, the work item, two values: {read:?}"
    );
}
