//! Plane Inline's client, with no key, loads and edits a panel and reads a project's table
//! through the proxy: the widget's path, run natively (the client over a reqwest-backed platform
//! instead of the browser's fetch).

use super::common::*;
use plane_inline_client::core::cursor::Cursor;
use plane_inline_client::core::error::PlaneError;
use plane_inline_client::core::value::PropertyValue;
use plane_inline_client::core::web_url::Identifier;
use plane_inline_client::{Cleared, ClientConfig, CustomProperties, PlaneClient, WorkItemRef};
use plane_inline_native::Native;
use serde_json::json;
use std::rc::Rc;

/// The browser's part, natively: a page at `PAGE` (so the proxy sees the page's `Origin`).
fn native(http: reqwest::Client) -> Native {
    Native::new(http).with_header("Origin", PAGE)
}

#[tokio::test]
async fn the_client_without_a_key_loads_and_edits_a_panel_through_the_proxy() {
    let stack = Stack::start(&[]);
    let config = ClientConfig::new(&stack.proxy.url, "demo", None).unwrap();
    let client = PlaneClient::with_platform(config, Rc::new(native(stack.http.clone())));
    let item = Item::read(&stack, "DEMO-5").await;

    let connection = client.check_connection(Some(&item.project)).await.unwrap();
    assert_eq!(connection.user.display_name.as_deref(), Some("priya"));
    assert_eq!(
        connection.custom_properties,
        CustomProperties::Available {
            project_id: item.project.clone()
        }
    );

    let identifier: Identifier = "DEMO-5".parse().unwrap();
    let panel = client
        .load_panel(&WorkItemRef::from(identifier))
        .await
        .unwrap();
    assert_eq!(panel.work_item.id, item.id);
    let names: Vec<&str> = panel.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "summary",
            "notes",
            "legacy-id",
            "story-points",
            "customer-facing",
            "due-date",
            "severity",
            "platforms",
            "reviewer",
            "watchers",
            "duplicate-of",
            "spec-link",
            "contact-email",
            "attachment",
            "effort-score",
            "target-release",
        ],
        "Plane's display order"
    );
    let notes = panel.properties.iter().find(|p| p.name == "notes").unwrap();

    let saved = client
        .save_value(
            &item.project,
            &item.id,
            notes,
            &json!("saved by the widget"),
        )
        .await
        .unwrap();
    assert_eq!(
        saved.value,
        PropertyValue::Text("saved by the widget".into())
    );
    let read = client.value(&item.project, &item.id, notes).await.unwrap();
    assert_eq!(
        read,
        Some(PropertyValue::Text("saved by the widget".into()))
    );
    let cleared = client
        .clear_value(&item.project, &item.id, &notes.id)
        .await
        .unwrap();
    assert_eq!(cleared, Cleared::Removed);
    assert_eq!(
        client.value(&item.project, &item.id, notes).await.unwrap(),
        None
    );

    // What the proxy refuses reaches the client as Plane's "forbidden", in words.
    let elsewhere = client.for_workspace("elsewhere").unwrap();
    let refused = elsewhere
        .load_panel(&"ELSE-1".parse::<WorkItemRef>().unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        refused,
        PlaneError::Forbidden {
            message: "Refused by the Plane Inline proxy: only workspace \"demo\" is served, not \"elsewhere\".".into()
        }
    );
    request_lines(&stack.stop());
}

#[tokio::test]
async fn the_client_without_a_key_reads_a_projects_table_through_the_proxy() {
    let stack = Stack::start(&[]);
    let config = ClientConfig::new(&stack.proxy.url, "demo", None).unwrap();
    let client = PlaneClient::with_platform(config, Rc::new(native(stack.http.clone())));
    let before = stack.forwarded().await;

    let ship = client.project_by_identifier("SHIP").await.unwrap().unwrap();
    assert_eq!(
        (ship.identifier.as_str(), ship.name.as_str()),
        ("SHIP", "Shipping")
    );
    let table = client.project_table(&ship.id).await.unwrap();
    let types: Vec<(&str, usize)> = table
        .types
        .iter()
        .map(|t| (t.work_item_type.name.as_str(), t.properties.len()))
        .collect();
    assert_eq!(
        types,
        [("Task", 16), ("Bug", 3)],
        "DEMO's set, and the Bug's"
    );
    assert_eq!(
        stack.forwarded().await - before,
        6,
        "projects list, project, types, two definitions, members"
    );

    let first = client
        .work_items_page(&ship.id, Cursor::first(100).unwrap())
        .await
        .unwrap();
    assert_eq!(
        (
            first.items.len(),
            first.next.map(|c| c.to_string()),
            first.total
        ),
        (100, Some("100:1:0".to_owned()), Some(300))
    );
    assert_eq!(first.items[0].sequence_id, Some(300));
    let bug = &first.items[0];
    let row = client.row_values(&ship.id, &bug.id).await.unwrap();
    let reproducible = &table.types[1].properties[2];
    assert_eq!(reproducible.display_name, "Reproducible");
    assert_eq!(
        row.values.into_iter().collect::<Vec<_>>(),
        [(reproducible.id.clone(), PropertyValue::Boolean(true))],
        "SHIP-300 has neither Severity nor Found In"
    );
    assert_eq!(stack.forwarded().await - before, 8, "one page, one row");
    request_lines(&stack.stop());
}
