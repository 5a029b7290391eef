//! Component tests of the table of work items in headless Chromium: the first page and only the
//! rows on screen read, the next page by its cursor, rows of other types set apart, the grid's
//! keyboard model, a cell edited with the panel's editor, and a bulk change with its progress and
//! Undo.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

mod support;

use plane_inline_messages::{Edit, TableTarget};
use plane_inline_ui::Theme;
use serde_json::json;
use std::rc::Rc;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

async fn table(rows: usize) -> (Rc<Recording>, web_sys::HtmlElement) {
    let backend = Rc::new(Recording::default());
    backend.table_rows.set(rows);
    let root = mount_table(backend.clone(), Theme::Light);
    for _ in 0..4 {
        settle().await;
    }
    (backend, root)
}

fn value_reads(backend: &Recording) -> usize {
    backend
        .calls()
        .iter()
        .filter(|c| matches!(c, Call::RowValues(_)))
        .count()
}

fn grid_row(root: &Element, label: &str) -> Element {
    find_all(root, ".pt-body .pt-row")
        .into_iter()
        .find(|row| text(&find(row, ".pt-id")) == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn cell(root: &Element, label: &str, property: &str) -> Element {
    let row = grid_row(root, label);
    let headers: Vec<String> = find_all(root, ".pt-head .pt-head-cell")
        .iter()
        .map(text)
        .collect();
    let col = headers
        .iter()
        .position(|h| h.trim_end_matches(" * Required") == property)
        .unwrap_or_else(|| panic!("no column {property} in {headers:?}"));
    find_all(&row, "[role='gridcell']").swap_remove(col)
}

fn active_id() -> String {
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

async fn frames(n: usize) {
    for _ in 0..n {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .request_animation_frame(&resolve)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
    settle().await;
}

#[wasm_bindgen_test]
async fn the_first_page_shows_and_only_rows_on_screen_read_their_values() {
    let (backend, root) = table(300).await;
    let calls = backend.calls();
    assert_eq!(
        calls[..2],
        [
            Call::Table(TableTarget {
                workspace: WORKSPACE.into(),
                project: "WEB".into()
            }),
            Call::Rows {
                per_page: 50,
                cursor: None
            },
        ]
    );
    assert_eq!(
        text(&find(&root, ".pt-count")),
        "50 of 300 work items loaded"
    );
    // The default type's rows: 45 Tasks of the first 50 (every tenth is a Bug, set apart).
    let first = grid_row(&root, "WEB-1");
    assert_eq!(text(&find(&first, ".pt-name")), "Work item 1");
    assert_eq!(
        find(&first, ".pt-link").get_attribute("href").unwrap(),
        "https://app.plane.so/acme/browse/WEB-1"
    );
    assert_eq!(
        text(&find(&root, ".pt-others")),
        "5 loaded work items are of other types: Bug (5). Choose their type above to edit them."
    );
    assert_eq!(
        find(&root, ".pt-scroll")
            .get_attribute("aria-rowcount")
            .unwrap(),
        "46"
    );
    // Values are read for the rows drawn (on screen and a few around), never all 45.
    for _ in 0..20 {
        settle().await;
    }
    let reads = value_reads(&backend);
    let drawn = find_all(&root, ".pt-body .pt-row").len();
    assert!(drawn < 45, "{drawn} rows drawn of 45");
    assert_eq!(reads, drawn, "one read per drawn row");
    assert_eq!(
        text(&find(&cell(&root, "WEB-2", "Severity"), ".pi-value")),
        "High"
    );
    assert_eq!(
        text(&find(&cell(&root, "WEB-2", "Summary"), ".pi-value")),
        "Summary 2"
    );
    assert_eq!(
        text(&find(&cell(&root, "WEB-1", "Severity"), ".pi-value")),
        "Set Severity"
    );
}

#[wasm_bindgen_test]
async fn load_more_reads_the_next_cursor_and_the_last_page_says_so() {
    let (backend, root) = table(60).await;
    click(&find(&root, ".pt-more"));
    for _ in 0..4 {
        settle().await;
    }
    assert!(backend.calls().contains(&Call::Rows {
        per_page: 50,
        cursor: Some("50:1:0".into())
    }));
    assert_eq!(
        text(&find(&root, ".pt-count")),
        "60 of 60 work items loaded"
    );
    assert_eq!(
        text(&find(&root, ".pt-footer")),
        "Every work item is loaded."
    );
    // A smaller page size starts again from the first page.
    let size = find(&root, ".pt-controls select:nth-of-type(2)");
    size.unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value("25");
    fire(&size, "change");
    for _ in 0..4 {
        settle().await;
    }
    assert!(backend.calls().contains(&Call::Rows {
        per_page: 25,
        cursor: None
    }));
    assert_eq!(
        text(&find(&root, ".pt-count")),
        "25 of 60 work items loaded"
    );
}

#[wasm_bindgen_test]
async fn arrows_move_between_cells_and_enter_edits_with_the_panels_editor() {
    let (backend, root) = table(20).await;
    for _ in 0..10 {
        settle().await;
    }
    let summary = cell(&root, "WEB-1", "Summary");
    let value = find(&summary, ".pi-value");
    value
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    settle().await;
    // Down to WEB-2's Summary, then Right to Notes, Home to the selection box.
    press(&value, "ArrowDown", false);
    frames(2).await;
    let below = find(&cell(&root, "WEB-2", "Summary"), ".pi-value");
    assert_eq!(active_id(), below.id());
    press(&below, "ArrowRight", false);
    frames(2).await;
    assert_eq!(
        active_id(),
        find(&cell(&root, "WEB-2", "Notes"), ".pi-value").id()
    );
    let notes = find(&cell(&root, "WEB-2", "Notes"), ".pi-value");
    press(&notes, "Home", false);
    frames(2).await;
    let check = find(&grid_row(&root, "WEB-2"), "input[type='checkbox']");
    assert_eq!(active_id(), check.id());
    // Space selects the row.
    press(&check, " ", false);
    settle().await;
    assert_eq!(
        grid_row(&root, "WEB-2")
            .get_attribute("aria-selected")
            .unwrap(),
        "true"
    );
    // Back to Summary; Enter opens its editor; a new value and Enter save it, once.
    click(&find(&cell(&root, "WEB-2", "Summary"), ".pi-value"));
    settle().await;
    let input = find(&cell(&root, "WEB-2", "Summary"), "input");
    type_text(&input, "Ship the fix");
    press(&input, "Enter", false);
    for _ in 0..4 {
        settle().await;
    }
    assert_eq!(
        backend.writes(),
        [Call::Save(Edit {
            workspace: WORKSPACE.into(),
            project_id: PROJECT.into(),
            work_item_id: table_row(1).id,
            property_id: pid("Summary"),
            value: Some(json!("Ship the fix")),
        })]
    );
    assert_eq!(
        text(&find(&cell(&root, "WEB-2", "Summary"), ".pi-value")),
        "Ship the fix"
    );
    // Typing on a cell opens its editor with what was typed; Escape puts back Plane's value.
    let summary = find(&cell(&root, "WEB-3", "Summary"), ".pi-value");
    summary
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    press(&summary, "x", false);
    frames(2).await;
    let input = find(&cell(&root, "WEB-3", "Summary"), "input");
    press(&input, "Escape", false);
    frames(2).await;
    assert_eq!(
        text(&find(&cell(&root, "WEB-3", "Summary"), ".pi-value")),
        "Summary 3"
    );
    assert_eq!(backend.writes().len(), 1);
}

#[wasm_bindgen_test]
async fn a_bulk_set_saves_each_selected_row_once_and_undo_puts_back_each_value() {
    let (backend, root) = table(20).await;
    for _ in 0..10 {
        settle().await;
    }
    // WEB-1 (no Severity), then Shift-click WEB-4: WEB-1..WEB-4.
    click(&find(&grid_row(&root, "WEB-1"), "input[type='checkbox']"));
    let shift = web_sys::MouseEventInit::new();
    shift.set_shift_key(true);
    shift.set_bubbles(true);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &shift).unwrap();
    find(&grid_row(&root, "WEB-4"), "input[type='checkbox']")
        .dispatch_event(&event)
        .unwrap();
    settle().await;
    assert_eq!(
        text(&find(&root, ".pt-bulk-count")),
        "4 work items selected"
    );
    // Severity: choose Low in the bulk value's picker.
    let property = find(&root, ".pt-bulk select");
    let severity = find_all(&property, "option")
        .into_iter()
        .find(|o| text(o) == "Severity")
        .unwrap()
        .get_attribute("value")
        .unwrap();
    property
        .unchecked_ref::<web_sys::HtmlSelectElement>()
        .set_value(&severity);
    fire(&property, "change");
    settle().await;
    let combo = find(&root, ".pt-bulk-value [role=combobox]");
    for _ in 0..3 {
        press(&combo, "ArrowDown", false);
        settle().await;
    }
    let active = combo.get_attribute("aria-activedescendant").unwrap();
    assert_eq!(
        text(&find(&root, &format!("#{active} .pi-option-label"))),
        "Low"
    );
    press(&combo, "Enter", false);
    settle().await;
    let set = find_all(&root, ".pt-bulk button")
        .into_iter()
        .find(|b| text(b).starts_with("Set "))
        .unwrap();
    assert_eq!(text(&set), "Set Severity to Low on 4 work items");
    click(&set);
    for _ in 0..8 {
        settle().await;
    }
    let saves: Vec<(usize, serde_json::Value)> = backend
        .writes()
        .into_iter()
        .map(|c| match c {
            Call::Save(edit) => (row_number(&edit.work_item_id), edit.value.unwrap()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        saves,
        (1..=4)
            .map(|n| (n, json!(SEVERITY_LOW)))
            .collect::<Vec<_>>()
    );
    assert_eq!(text(&find(&root, ".pt-progress p")), "4 of 4 saved.");
    assert_eq!(
        text(&find(&cell(&root, "WEB-2", "Severity"), ".pi-value")),
        "Low"
    );
    // Undo: WEB-2 and WEB-4 held High, WEB-1 and WEB-3 nothing (Severity is required, so
    // Plane's value endpoint is asked to clear them with one DELETE each).
    let undo = find(&root, ".pt-progress button");
    assert_eq!(text(&undo), "Undo: put back 4 values");
    click(&undo);
    for _ in 0..8 {
        settle().await;
    }
    let undone: Vec<(usize, Option<serde_json::Value>)> = backend.writes()[4..]
        .iter()
        .map(|c| match c {
            Call::Save(edit) | Call::Clear(edit) => {
                (row_number(&edit.work_item_id), edit.value.clone())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        undone,
        [
            (1, None),
            (2, Some(json!(SEVERITY_HIGH))),
            (3, None),
            (4, Some(json!(SEVERITY_HIGH)))
        ]
    );
    assert_eq!(text(&find(&root, ".pt-progress p")), "4 of 4 put back.");
    assert_eq!(
        text(&find(&cell(&root, "WEB-2", "Severity"), ".pi-value")),
        "High"
    );
}

#[wasm_bindgen_test]
async fn a_row_scrolled_out_of_view_and_back_keeps_its_edit() {
    let (backend, root) = table(100).await;
    for _ in 0..10 {
        settle().await;
    }
    click(&find(&cell(&root, "WEB-1", "Summary"), ".pi-value"));
    settle().await;
    let input = find(&cell(&root, "WEB-1", "Summary"), "input");
    type_text(&input, "Kept while away");
    press(&input, "Enter", false);
    for _ in 0..4 {
        settle().await;
    }
    let scroller = find(&root, ".pt-scroll");
    let scroll_to = |top: i32| {
        scroller.set_scroll_top(top);
        fire(&scroller, "scroll");
    };
    // Far enough that WEB-1 is no longer drawn (its fields stay: they belong to the table).
    scroll_to(1_500);
    frames(3).await;
    assert!(
        find_all(&root, ".pt-body .pt-id")
            .iter()
            .all(|id| text(id) != "WEB-1")
    );
    scroll_to(0);
    frames(3).await;
    let summary = cell(&root, "WEB-1", "Summary");
    assert_eq!(text(&find(&summary, ".pi-value")), "Kept while away");
    assert_eq!(find_all(&summary, ".pi-saved").len(), 1);
    assert_eq!(backend.writes().len(), 1);
}

#[wasm_bindgen_test]
async fn after_every_page_is_loaded_a_row_is_where_it_is_drawn() {
    let (_backend, root) = table(300).await;
    for _ in 0..5 {
        click(&find(&root, ".pt-more"));
        for _ in 0..4 {
            settle().await;
        }
    }
    assert_eq!(
        text(&find(&root, ".pt-count")),
        "300 of 300 work items loaded"
    );
    let scroller = find(&root, ".pt-scroll");
    scroller.set_scroll_top(0);
    fire(&scroller, "scroll");
    frames(3).await;
    let value = find(&cell(&root, "WEB-2", "Summary"), ".pi-value");
    // Earlier tests' tables are above this one on the page: bring it into the window.
    root.scroll_into_view();
    frames(2).await;
    let rect = value.get_bounding_client_rect();
    let (x, y) = (
        rect.x() + rect.width() / 2.0,
        rect.y() + rect.height() / 2.0,
    );
    let document = web_sys::window().unwrap().document().unwrap();
    let hit = document.element_from_point(x as f32, y as f32).unwrap();
    assert_eq!(hit.id(), value.id(), "at {x},{y}: {}", hit.outer_html());
}
