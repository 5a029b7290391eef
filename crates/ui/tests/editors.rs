//! Component tests of every editor in headless Chromium: each renders its property and value;
//! invalid input shows Plane's message and sends nothing; a valid commit sends exactly one save
//! with the right payload; Escape reverts; clear sends one delete.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

mod support;

use plane_inline_messages::Problem;
use plane_inline_ui::{Hooks, Theme};
use serde_json::json;
use std::rc::Rc;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

async fn panel() -> (Rc<Recording>, web_sys::HtmlElement) {
    let backend = Recording::with_model(Ok(model()));
    let root = mount(backend.clone(), Theme::Light, Hooks::default());
    settle().await;
    (backend, root)
}

#[wasm_bindgen_test]
async fn every_property_renders_on_one_line_with_its_name_and_value() {
    let (backend, root) = panel().await;
    assert_eq!(backend.calls(), vec![Call::Load(target())]);
    assert_eq!(text(&find(&root, ".pi-identifier")), "WEB-12");
    assert_eq!(text(&find(&root, ".pi-name")), "Login fails on Safari");
    let open_link = find(&root, ".pi-open");
    assert_eq!(
        open_link.get_attribute("href").unwrap(),
        "https://app.plane.so/acme/browse/WEB-12/"
    );
    assert_eq!(
        open_link.get_attribute("rel").unwrap(),
        "noopener noreferrer"
    );
    let labels: Vec<String> = find_all(&root, ".pi-label").iter().map(text).collect();
    // Plane's order, editable rows with a value first, then editable empty ones, then the rest.
    assert_eq!(
        labels,
        [
            "Summary",
            "Notes",
            "Story Points",
            "Customer Facing",
            "Due Date",
            "Severity",
            "Platforms",
            "Reviewer",
            "Spec Link",
            "Contact Email",
            "Attachment",
            "Watchers",
            "Duplicate Of",
            "Legacy ID",
            "Effort Score",
            "Target Release"
        ]
    );
    // Every row's name is the accessible name of its value: the value is labelled by the name.
    for row in find_all(&root, ".pi-row") {
        let label = find(&row, ".pi-label").get_attribute("id").unwrap();
        let value = find(&row, ".pi-value");
        let named_by = value
            .get_attribute("aria-labelledby")
            .or_else(|| {
                // A switch is named by its label's `for`.
                let control = value.get_attribute("id")?;
                (find(&row, ".pi-label").get_attribute("for")? == control).then_some(label.clone())
            })
            .unwrap();
        assert_eq!(named_by.split(' ').next(), Some(label.as_str()));
    }
    assert_eq!(shown(&root, "Summary"), "Fix login");
    assert_eq!(shown(&root, "Notes"), "First line Second line");
    assert_eq!(shown(&root, "Legacy ID"), "LEG-1001");
    assert_eq!(shown(&root, "Story Points"), "3");
    let switch = find(&row(&root, "Customer Facing"), "[role=switch]");
    assert_eq!(switch.get_attribute("aria-checked").unwrap(), "false");
    assert_eq!(shown(&root, "Due Date"), "Mar 05, 2026");
    assert_eq!(shown(&root, "Severity"), "High");
    assert_eq!(shown(&root, "Platforms"), "Web, iOS");
    assert_eq!(shown(&root, "Reviewer"), "Sam Rivera");
    // Empty values that can be set say so, muted; there are no open inputs.
    assert_eq!(shown(&root, "Watchers"), "Set Watchers");
    assert!(root.query_selector("input, textarea").unwrap().is_none());
    let link = find(&row(&root, "Spec Link"), "a");
    assert_eq!(
        link.get_attribute("href").unwrap(),
        "https://example.com/spec"
    );
    assert_eq!(link.get_attribute("target").unwrap(), "_blank");
    assert_eq!(link.get_attribute("rel").unwrap(), "noopener noreferrer");
    let mail = find(&row(&root, "Contact Email"), "a");
    assert_eq!(
        mail.get_attribute("href").unwrap(),
        "mailto:ops@example.com"
    );
    let file = find(&row(&root, "Attachment"), "a");
    assert_eq!(
        file.get_attribute("href").unwrap(),
        "https://files.example.com/a.pdf"
    );
    assert_eq!(shown(&root, "Effort Score"), "8");
    assert_eq!(
        text(&find(&row(&root, "Effort Score"), ".pi-note")),
        "Computed by Plane"
    );
    assert_eq!(
        text(&find(&row(&root, "Target Release"), ".pi-note")),
        "Not editable here"
    );
    // Required properties are marked and cannot be cleared; optional ones with a value can.
    assert_eq!(
        text(&find(&row(&root, "Summary"), ".pi-required .pi-sr")),
        "Required"
    );
    assert!(
        row(&root, "Summary")
            .query_selector(".pi-clear")
            .unwrap()
            .is_none()
    );
    assert_eq!(
        find(&row(&root, "Notes"), ".pi-clear")
            .get_attribute("aria-label")
            .unwrap(),
        "Clear Notes"
    );
    // The description is the value's accessible description, and the name's tooltip.
    let value = find(&row(&root, "Summary"), ".pi-value");
    let described = value.get_attribute("aria-describedby").unwrap();
    let description_id = described.split(' ').next().unwrap();
    assert_eq!(
        find(&root, &format!("#{description_id}"))
            .text_content()
            .unwrap(),
        "One line for the release notes."
    );
    assert_eq!(
        find(&row(&root, "Summary"), ".pi-label")
            .get_attribute("title")
            .unwrap(),
        "One line for the release notes."
    );
    // Unreadable stored values are shown, not dropped.
    assert_eq!(
        text(&find(&root, ".pi-warning li")),
        "Old Estimate: \"about five\" is not a valid DECIMAL"
    );
    assert_eq!(backend.writes(), vec![]);
}

#[wasm_bindgen_test]
async fn a_row_opens_its_editor_in_place_named_by_the_property() {
    let (_backend, root) = panel().await;
    let row = open(&root, "Story Points").await;
    let input = find(&row, "input");
    assert_eq!(value_of(&input), "3");
    // The editor is named by the property: its label points at it.
    assert_eq!(
        find(&row, ".pi-label").get_attribute("for").unwrap(),
        input.get_attribute("id").unwrap()
    );
    assert_eq!(row.get_attribute("data-editing").unwrap(), "true");
    // Escape leaves the editor and the value shows again.
    press(&input, "Escape", false);
    settle().await;
    assert_eq!(row.get_attribute("data-editing").unwrap(), "false");
    assert_eq!(shown(&root, "Story Points"), "3");
    // Typing on a value opens the editor with what was typed.
    press(&find(&row, ".pi-value"), "7", false);
    settle().await;
    assert_eq!(value_of(&find(&row, "input")), "7");
    // Enter or F2 opens it too.
    press(&find(&row, "input"), "Escape", false);
    settle().await;
    press(&find(&row, ".pi-value"), "F2", false);
    settle().await;
    assert_eq!(value_of(&find(&row, "input")), "3");
}

#[wasm_bindgen_test]
async fn arrows_move_between_rows_and_tab_stops_once() {
    let (_backend, root) = panel().await;
    let values = find_all(&root, ".pi-row:not([hidden]) .pi-value");
    let stops: Vec<&Element> = values
        .iter()
        .filter(|v| v.get_attribute("tabindex").as_deref() == Some("0"))
        .collect();
    assert_eq!(stops.len(), 1, "one Tab stop");
    assert_eq!(stops[0], &values[0]);
    values[0]
        .unchecked_ref::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    press(&values[0], "ArrowDown", false);
    settle().await;
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(active, values[1]);
    assert_eq!(values[1].get_attribute("tabindex").unwrap(), "0");
    assert_eq!(values[0].get_attribute("tabindex").unwrap(), "-1");
    press(&values[1], "End", false);
    settle().await;
    let active = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .active_element()
        .unwrap();
    assert_eq!(&active, values.last().unwrap());
}

#[wasm_bindgen_test]
async fn empty_properties_can_be_hidden_and_the_choice_is_remembered() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("plane-inline.show-empty.acme").unwrap();
    let (_backend, root) = panel().await;
    assert!(row(&root, "Watchers").get_attribute("hidden").is_none());
    let toggle = find(&root, ".pi-toggle");
    assert_eq!(toggle.get_attribute("aria-pressed").unwrap(), "true");
    click(&toggle);
    settle().await;
    assert!(row(&root, "Watchers").get_attribute("hidden").is_some());
    assert!(row(&root, "Summary").get_attribute("hidden").is_none());
    assert_eq!(
        storage
            .get_item("plane-inline.show-empty.acme")
            .unwrap()
            .as_deref(),
        Some("false")
    );
    // Another panel of the same workspace starts with the choice.
    let (_backend, again) = panel().await;
    assert!(row(&again, "Watchers").get_attribute("hidden").is_some());
    storage.remove_item("plane-inline.show-empty.acme").unwrap();
}

#[wasm_bindgen_test]
async fn invalid_number_shows_plane_message_and_sends_nothing() {
    let (backend, root) = panel().await;
    let input = find(&open(&root, "Story Points").await, "input");
    type_text(&input, "3,5x");
    settle().await;
    assert_eq!(input.get_attribute("aria-invalid").unwrap(), "true");
    assert_eq!(
        text(&find(&row(&root, "Story Points"), ".pi-message")),
        "Must be a number (e.g., 123.45)"
    );
    press(&input, "Enter", false);
    fire(&input, "blur");
    settle().await;
    assert_eq!(backend.writes(), vec![]);
}

#[wasm_bindgen_test]
async fn a_valid_number_is_saved_once_with_a_number_payload() {
    let (backend, root) = panel().await;
    let input = find(&open(&root, "Story Points").await, "input");
    type_text(&input, " 5 ");
    press(&input, "Enter", false);
    fire(&input, "blur"); // leaving the field after Enter sends nothing more
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Story Points", Some(json!(5))))]
    );
    // Enter committed and closed the editor: the value shows, with its status in the row.
    assert_eq!(
        row(&root, "Story Points")
            .get_attribute("data-editing")
            .unwrap(),
        "false"
    );
    assert_eq!(shown(&root, "Story Points"), "5");
    assert_eq!(
        text(&find(&row(&root, "Story Points"), ".pi-message")),
        "Saved"
    );
    assert_eq!(
        find(&row(&root, "Story Points"), ".pi-message")
            .get_attribute("data-tone")
            .unwrap(),
        "status",
        "in the row, not on a line of its own"
    );
    assert_eq!(
        text(&find(&root, "[role=status][aria-live=polite]")),
        "Story Points saved."
    );
}

#[wasm_bindgen_test]
async fn escape_puts_back_the_value_plane_holds() {
    let (backend, root) = panel().await;
    let input = find(&open(&root, "Summary").await, "input");
    type_text(&input, "");
    settle().await;
    assert_eq!(
        text(&find(&row(&root, "Summary"), ".pi-message")),
        "Summary is required"
    );
    press(&input, "Escape", false);
    settle().await;
    assert_eq!(shown(&root, "Summary"), "Fix login");
    assert_eq!(text(&find(&row(&root, "Summary"), ".pi-message")), "");
    assert_eq!(backend.writes(), vec![]);
}

#[wasm_bindgen_test]
async fn a_required_text_cannot_be_emptied() {
    let (backend, root) = panel().await;
    let input = find(&open(&root, "Summary").await, "input");
    type_text(&input, "");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(
        text(&find(&row(&root, "Summary"), ".pi-message")),
        "Summary is required"
    );
    assert_eq!(backend.writes(), vec![]);
}

#[wasm_bindgen_test]
async fn multi_line_text_commits_on_ctrl_enter_only() {
    let (backend, root) = panel().await;
    let area = find(&open(&root, "Notes").await, "textarea");
    type_text(&area, "One\nTwo");
    press(&area, "Enter", false);
    settle().await;
    assert_eq!(backend.writes(), vec![]);
    press(&area, "Enter", true);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Notes", Some(json!("One\nTwo"))))]
    );
}

#[wasm_bindgen_test]
async fn clear_sends_one_delete() {
    let (backend, root) = panel().await;
    click(&find(&row(&root, "Notes"), ".pi-clear"));
    settle().await;
    assert_eq!(backend.writes(), vec![Call::Clear(edit("Notes", None))]);
    assert_eq!(shown(&root, "Notes"), "Set Notes");
    assert_eq!(
        text(&find(&root, "[role=status][aria-live=polite]")),
        "Notes cleared."
    );
}

#[wasm_bindgen_test]
async fn the_switch_saves_a_boolean() {
    let (backend, root) = panel().await;
    let switch = find(&row(&root, "Customer Facing"), "[role=switch]");
    click(&switch);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Customer Facing", Some(json!(true))))]
    );
    assert_eq!(switch.get_attribute("aria-checked").unwrap(), "true");
}

#[wasm_bindgen_test]
async fn a_date_is_saved_as_plane_reads_it() {
    let (backend, root) = panel().await;
    let input = find(&open(&root, "Due Date").await, "input[type=date]");
    type_text(&input, "2026-04-30");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Due Date", Some(json!("2026-04-30"))))]
    );
    assert_eq!(shown(&root, "Due Date"), "Apr 30, 2026");
}

#[wasm_bindgen_test]
async fn invalid_url_shows_plane_message_and_sends_nothing() {
    let (backend, root) = panel().await;
    let input = find(&open(&root, "Spec Link").await, "input");
    type_text(&input, "not a url");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(
        text(&find(&row(&root, "Spec Link"), ".pi-message")),
        "Must be a valid URL (e.g., https://example.com)"
    );
    let input = find(&open(&root, "Contact Email").await, "input");
    type_text(&input, "ops@");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(
        text(&find(&row(&root, "Contact Email"), ".pi-message")),
        "Must be a valid email address (e.g., user@example.com)"
    );
    assert_eq!(backend.writes(), vec![]);
}

#[wasm_bindgen_test]
async fn single_option_is_picked_with_arrows_and_enter_showing_active_options_only() {
    let (backend, root) = panel().await;
    let combo = find(&open(&root, "Severity").await, "[role=combobox]");
    press(&combo, "ArrowDown", false);
    settle().await;
    assert_eq!(combo.get_attribute("aria-expanded").unwrap(), "true");
    let options: Vec<String> = find_all(&row(&root, "Severity"), "[role=option] .pi-option-label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(options, ["High", "Medium", "Low"]); // Legacy is inactive
    assert_eq!(
        text(&find(&row(&root, "Severity"), "[role=option] .pi-badge")),
        "default"
    );
    press(&combo, "ArrowDown", false);
    settle().await;
    let active = combo.get_attribute("aria-activedescendant").unwrap();
    assert_eq!(
        text(&find(&root, &format!("#{active} .pi-option-label"))),
        "Medium"
    );
    press(&combo, "Enter", false);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Severity", Some(json!(SEVERITY_MEDIUM))))]
    );
    // A single choice closes the editor: the row shows it.
    assert_eq!(shown(&root, "Severity"), "Medium");
}

#[wasm_bindgen_test]
async fn typing_filters_options() {
    let (_backend, root) = panel().await;
    let combo = find(&open(&root, "Severity").await, "[role=combobox]");
    type_text(&combo, "lo");
    settle().await;
    let options: Vec<String> = find_all(&row(&root, "Severity"), "[role=option] .pi-option-label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(options, ["Low"]);
}

#[wasm_bindgen_test]
async fn backspace_removes_the_last_chip_of_a_multi_option() {
    let (backend, root) = panel().await;
    let combo = find(&open(&root, "Platforms").await, "[role=combobox]");
    press(&combo, "Backspace", false);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Platforms", Some(json!([PLATFORM_WEB]))))]
    );
    press(&combo, "Backspace", false);
    settle().await;
    // The last one removed: an empty set is one clear.
    assert_eq!(backend.writes()[1], Call::Clear(edit("Platforms", None)));
}

#[wasm_bindgen_test]
async fn a_required_single_option_cannot_be_removed() {
    let (backend, root) = panel().await;
    let remove = find(&open(&root, "Severity").await, ".pi-chip-remove");
    assert_eq!(
        remove.get_attribute("aria-label").unwrap(),
        "Remove High from Severity"
    );
    click(&remove);
    settle().await;
    assert_eq!(
        text(&find(&row(&root, "Severity"), ".pi-message")),
        "Severity is required"
    );
    assert_eq!(backend.writes(), vec![]);
}

#[wasm_bindgen_test]
async fn members_are_searched_by_name_or_email_and_picked() {
    let (backend, root) = panel().await;
    let combo = find(&open(&root, "Watchers").await, "[role=combobox]");
    type_text(&combo, "lee.chen@");
    settle().await;
    assert!(backend.calls().contains(&Call::Members("lee.chen@".into())));
    let options: Vec<String> = find_all(&row(&root, "Watchers"), "[role=option] .pi-option-label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(options, ["Lee Chen"]);
    press(&combo, "ArrowDown", false);
    press(&combo, "Enter", false);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Watchers", Some(json!([LEE]))))]
    );
}

#[wasm_bindgen_test]
async fn work_items_are_found_through_the_search_endpoint() {
    let (backend, root) = panel().await;
    *backend.hits.borrow_mut() = vec![
        serde_json::from_value(json!({
            "id": OTHER_ITEM, "name": "Login page redesign", "sequence_id": 42,
            "project__identifier": "WEB", "project_id": PROJECT
        }))
        .unwrap(),
    ];
    let combo = find(&open(&root, "Duplicate Of").await, "[role=combobox]");
    type_text(&combo, "login");
    settle().await;
    assert!(backend.calls().contains(&Call::WorkItems("login".into())));
    assert_eq!(
        text(&find(
            &row(&root, "Duplicate Of"),
            "[role=option] .pi-option-detail"
        )),
        "WEB-42"
    );
    press(&combo, "ArrowDown", false);
    press(&combo, "Enter", false);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Duplicate Of", Some(json!(OTHER_ITEM))))]
    );
    assert_eq!(shown(&root, "Duplicate Of"), "Login page redesign");
}

#[wasm_bindgen_test]
async fn a_refused_save_rolls_back_says_why_and_retries_on_request() {
    let (backend, root) = panel().await;
    backend
        .write_answers
        .borrow_mut()
        .push_back(Err(Problem::Refused {
            message: "Must be a number (e.g., 123.45)".into(),
        }));
    let input = find(&open(&root, "Story Points").await, "input");
    type_text(&input, "8");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(shown(&root, "Story Points"), "3");
    assert_eq!(
        text(&find(&row(&root, "Story Points"), ".pi-message")),
        "Not saved: Must be a number (e.g., 123.45) Retry"
    );
    assert_eq!(
        text(&find(&root, "[role=status][aria-live=polite]")),
        "Story Points was not saved: Must be a number (e.g., 123.45)"
    );
    click(&find(&row(&root, "Story Points"), ".pi-message button"));
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![
            Call::Save(edit("Story Points", Some(json!(8)))),
            Call::Save(edit("Story Points", Some(json!(8))))
        ]
    );
    assert_eq!(shown(&root, "Story Points"), "8");
}

#[wasm_bindgen_test]
async fn a_transient_failure_keeps_the_edit_on_show() {
    let (backend, root) = panel().await;
    backend
        .write_answers
        .borrow_mut()
        .push_back(Err(Problem::Offline {
            detail: "Failed to fetch".into(),
        }));
    let input = find(&open(&root, "Story Points").await, "input");
    type_text(&input, "13");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(shown(&root, "Story Points"), "13");
    assert_eq!(
        text(&find(&row(&root, "Story Points"), ".pi-message")),
        "Not sent yet: Plane cannot be reached right now. Retry"
    );
}

#[wasm_bindgen_test]
async fn kept_edits_are_sent_again_when_the_browser_is_back_online() {
    let (backend, root) = panel().await;
    backend
        .write_answers
        .borrow_mut()
        .push_back(Err(Problem::Offline {
            detail: "Failed to fetch".into(),
        }));
    let input = find(&open(&root, "Story Points").await, "input");
    type_text(&input, "13");
    press(&input, "Enter", false);
    settle().await;
    // A refused edit would wait for the person; a kept one goes again when the network is back.
    let online = web_sys::Event::new("online").unwrap();
    web_sys::window().unwrap().dispatch_event(&online).unwrap();
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![
            Call::Save(edit("Story Points", Some(json!(13)))),
            Call::Save(edit("Story Points", Some(json!(13))))
        ]
    );
    assert_eq!(
        text(&find(&row(&root, "Story Points"), ".pi-message")),
        "Saved"
    );
}

/// Every typed editor: a valid commit is one save with Plane's payload, Escape reverts, Clear is
/// one delete.
#[wasm_bindgen_test]
async fn every_typed_editor_saves_reverts_and_clears() {
    let cases = [
        ("Summary", "input", "Ship it", json!("Ship it"), "Fix login"),
        (
            "Notes",
            "textarea",
            "Line",
            json!("Line"),
            "First line\nSecond line",
        ),
        ("Story Points", "input", "2.75", json!(2.75), "3"),
        (
            "Due Date",
            "input",
            "2027-01-31",
            json!("2027-01-31"),
            "2026-03-05",
        ),
        (
            "Spec Link",
            "input",
            "https://plane.so/x",
            json!("https://plane.so/x"),
            "https://example.com/spec",
        ),
        (
            "Contact Email",
            "input",
            "mailto:dev@plane.so",
            json!("dev@plane.so"),
            "ops@example.com",
        ),
        (
            "Attachment",
            "input",
            "report.pdf",
            json!("report.pdf"),
            "https://files.example.com/a.pdf",
        ),
    ];
    for (name, control, typed, payload, held) in cases {
        let (backend, root) = panel().await;
        let field = find(&open(&root, name).await, control);
        type_text(&field, "junk that is never sent");
        press(&field, "Escape", false);
        settle().await;
        assert_eq!(
            row(&root, name).get_attribute("data-editing").unwrap(),
            "false",
            "{name}: Escape leaves"
        );
        let field = find(&open(&root, name).await, control);
        assert_eq!(value_of(&field), held, "{name}: Escape reverted");
        type_text(&field, typed);
        press(&field, "Enter", name == "Notes");
        settle().await;
        assert_eq!(
            backend.writes(),
            vec![Call::Save(edit(name, Some(payload)))],
            "{name}"
        );
        if name != "Summary" {
            click(&find(&row(&root, name), ".pi-clear"));
            settle().await;
            assert_eq!(backend.writes()[1], Call::Clear(edit(name, None)), "{name}");
            assert_eq!(backend.writes().len(), 2, "{name}");
        }
        root.remove();
    }
}

/// Every picker: Escape closes the list and sends nothing; clear removes the value with one delete.
#[wasm_bindgen_test]
async fn every_picker_closes_on_escape_and_clears_with_one_delete() {
    for name in ["Platforms", "Reviewer"] {
        let (backend, root) = panel().await;
        let combo = find(&open(&root, name).await, "[role=combobox]");
        press(&combo, "ArrowDown", false);
        settle().await;
        assert_eq!(combo.get_attribute("aria-expanded").unwrap(), "true");
        press(&combo, "Escape", false);
        settle().await;
        assert_eq!(
            combo.get_attribute("aria-expanded").unwrap(),
            "false",
            "{name}"
        );
        // A second Escape leaves the editor.
        press(&combo, "Escape", false);
        settle().await;
        assert_eq!(
            row(&root, name).get_attribute("data-editing").unwrap(),
            "false",
            "{name}"
        );
        assert_eq!(backend.writes(), vec![], "{name}");
        click(&find(&row(&root, name), ".pi-clear"));
        settle().await;
        assert_eq!(
            backend.writes(),
            vec![Call::Clear(edit(name, None))],
            "{name}"
        );
        assert_eq!(shown(&root, name), format!("Set {name}"), "{name}");
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn hostile_values_and_links_never_become_links() {
    let mut hostile = model();
    for name in ["Spec Link", "Attachment"] {
        hostile
            .values
            .insert(pid(name), json!("javascript:alert(document.domain)"));
    }
    hostile.web_url = Some("javascript:alert(1)".into());
    let backend = Recording::with_model(Ok(hostile));
    let root = mount(backend, Theme::Light, Hooks::default());
    settle().await;
    assert!(root.query_selector(".pi-open").unwrap().is_none());
    for name in ["Spec Link", "Attachment"] {
        assert!(
            row(&root, name).query_selector("a").unwrap().is_none(),
            "{name}"
        );
    }
    // Every link the panel shows is a web or mail address.
    let fine = Recording::with_model(Ok(model()));
    let root = mount(fine, Theme::Light, Hooks::default());
    settle().await;
    for link in find_all(&root, "a") {
        let href = link.get_attribute("href").unwrap();
        assert!(
            href.starts_with("https://") || href.starts_with("mailto:"),
            "{href}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_cascading_property_is_shown_with_why_it_is_not_edited() {
    let mut cascading = model();
    let property: plane_inline_core::property::Property = serde_json::from_value(json!({
        "id": pid("Region"), "display_name": "Region", "property_type": "CASCADING",
    }))
    .unwrap();
    cascading.properties.push(property);
    cascading
        .values
        .insert(pid("Region"), json!("Europe / Spain"));
    let backend = Recording::with_model(Ok(cascading));
    let root = mount(backend.clone(), Theme::Light, Hooks::default());
    settle().await;
    let region = row(&root, "Region");
    assert_eq!(text(&find(&region, "output")), "Europe / Spain");
    assert_eq!(
        text(&find(&region, ".pi-note")),
        "Plane's API does not document cascading values yet"
    );
    assert!(
        region
            .query_selector("input, [role=combobox]")
            .unwrap()
            .is_none()
    );
    assert_eq!(backend.writes(), vec![]);
}

/// Mounts `model` with the panel's own style in a container `width` pixels wide; returns the
/// container once drawn.
async fn styled(model: plane_inline_messages::PanelModel, width: u32) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    container
        .set_attribute("style", &format!("width: {width}px"))
        .unwrap();
    document.body().unwrap().append_child(&container).unwrap();
    let backend = Recording::with_model(Ok(model));
    let target = leptos::prelude::Signal::derive(|| Some(target()));
    leptos::mount::mount_to(container.clone(), move || {
        leptos::view! {
            <plane_inline_ui::Panel backend=backend target=target theme=Theme::Light
                hooks=Hooks::default() inline_style=true />
        }
    })
    .forget();
    settle().await;
    container
}

fn height(root: &web_sys::HtmlElement) -> f64 {
    find(root, ".pi-panel").get_bounding_client_rect().height()
}

/// The panel's heights (reported in the closing note): every property of the demo type at
/// 360 px, the same with empty properties hidden, and a card of ten properties at its width.
#[wasm_bindgen_test]
async fn the_panel_is_compact() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("plane-inline.show-empty.acme").unwrap();
    let all = styled(model(), 360).await;
    let every = height(&all);
    web_sys::console::log_1(&format!("panel height, every property at 360 px: {every} px").into());
    assert!(every <= 700.0, "{every} px");
    let rows: Vec<f64> = find_all(&all, ".pi-row")
        .iter()
        .map(|r| r.get_bounding_client_rect().height())
        .collect();
    assert!(rows.iter().all(|h| (28.0..=36.0).contains(h)), "{rows:?}");
    // DEMO-1 as the sandbox seeds it: Summary, Story Points, Customer Facing, Due Date,
    // Severity and Reviewer set; with empty properties hidden.
    let mut demo_1 = model();
    for name in [
        "Notes",
        "Legacy ID",
        "Platforms",
        "Spec Link",
        "Contact Email",
        "Attachment",
        "Effort Score",
    ] {
        demo_1.values.remove(&pid(name));
    }
    demo_1.unreadable.clear();
    let one = styled(demo_1, 360).await;
    click(&find(&one, ".pi-toggle"));
    settle().await;
    let filled = height(&one);
    web_sys::console::log_1(&format!("panel height, DEMO-1 with empty hidden: {filled} px").into());
    assert!(filled <= 450.0, "{filled} px");
    storage.remove_item("plane-inline.show-empty.acme").unwrap();
    let mut ten = model();
    ten.properties.truncate(10);
    ten.unreadable.clear();
    let card = styled(ten, 380).await;
    let card_height = height(&card);
    web_sys::console::log_1(
        &format!("card height, ten properties at 380 px: {card_height} px").into(),
    );
    assert!(card_height <= 400.0, "{card_height} px");
}
