//! Plane's response bodies, as its API returns them, read into core's types.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plane_inline_core::page::{Page, list_items};
use plane_inline_core::property::{PropertyOption, PropertyType};
use plane_inline_core::value::{PropertyValue, StoredValues, from_stored, value_records};
use plane_inline_core::workspace::{Member, Project, SearchResults, WorkItem};
use serde_json::json;

#[test]
fn option_objects() {
    let option: PropertyOption = serde_json::from_value(json!({
        "id": "o1", "name": "High", "description": "", "sort_order": 10000.0, "logo_props": {},
        "is_active": false, "is_default": true, "parent": null, "property": "p1",
        "workspace": "w", "project": "pr", "external_source": null, "external_id": null,
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"
    }))
    .unwrap();
    assert!(!option.is_active && option.is_default);
}

#[test]
fn value_objects_single_and_multi() {
    let single = value_records(
        r#"{"id": "v1", "property_id": "p", "issue_id": "i", "value": 3.5, "value_type": "DECIMAL",
            "external_id": null, "external_source": null, "created_at": "x", "updated_at": "y"}"#,
    )
    .unwrap();
    assert_eq!(single.len(), 1);
    assert_eq!(single[0].value, json!(3.5));
    let multi =
        value_records(r#"[{"id": "v1", "value": "a"}, {"id": "v2", "value": "b"}]"#).unwrap();
    assert_eq!(
        multi.iter().map(|r| r.value.clone()).collect::<Vec<_>>(),
        vec![json!("a"), json!("b")]
    );
}

#[test]
fn all_values_list() {
    let all: Vec<StoredValues> = serde_json::from_str(
        r#"[{"property_id": "p1", "values": ["true"]}, {"property_id": "p2", "values": ["2026-03-05"]}]"#,
    )
    .unwrap();
    let flag = serde_json::from_value(
        json!({"id": "p1", "display_name": "Done", "property_type": "BOOLEAN"}),
    )
    .unwrap();
    assert_eq!(
        from_stored(&flag, &all[0].values).unwrap(),
        Some(PropertyValue::Boolean(true))
    );
}

#[test]
fn work_items_members_projects() {
    let item: WorkItem = serde_json::from_value(json!({
        "id": "i1", "name": "Fix login", "sequence_id": 12, "project": "p1", "type_id": "t1",
        "state": "s1", "priority": "high", "assignees": [], "labels": [], "description_html": "<p></p>"
    }))
    .unwrap();
    assert_eq!(
        (item.sequence_id, item.type_id.as_deref()),
        (Some(12), Some("t1"))
    );
    let members: Vec<Member> = list_items(
        r#"[{"id": "u1", "first_name": "", "last_name": "", "email": "ada@x.io", "avatar": "", "avatar_url": null, "display_name": "ada", "role": 20}]"#,
    )
    .unwrap();
    assert_eq!(members[0].label(), "ada");
    let page: Page<Project> = serde_json::from_value(json!({
        "grouped_by": null, "sub_grouped_by": null, "total_count": 1, "next_cursor": "100:1:0",
        "prev_cursor": "100:-1:1", "next_page_results": false, "prev_page_results": false, "count": 1,
        "total_pages": 1, "total_results": 1, "extra_stats": null,
        "results": [{"id": "p1", "name": "Web", "identifier": "WEB", "is_issue_type_enabled": true, "network": 2}]
    }))
    .unwrap();
    assert_eq!(page.results[0].identifier, "WEB");
    assert!(!page.next_page_results);
    let hits: SearchResults = serde_json::from_value(json!({"issues": [
        {"id": "i1", "name": "Fix", "sequence_id": 12, "project__identifier": "WEB", "project_id": "p1", "workspace__slug": "acme"}
    ]}))
    .unwrap();
    assert_eq!(hits.issues[0].project_identifier.as_deref(), Some("WEB"));
}

#[test]
fn property_types_in_the_wild() {
    for (name, kind) in [
        ("URL", PropertyType::Url),
        ("FORMULA", PropertyType::Formula),
        ("RATING", PropertyType::Unknown("RATING".into())),
    ] {
        assert_eq!(
            serde_json::from_value::<PropertyType>(json!(name)).unwrap(),
            kind
        );
    }
}
