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
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn panel() -> (Rc<Recording>, web_sys::HtmlElement) {
    let backend = Recording::with_model(Ok(model()));
    let root = mount(backend.clone(), Theme::Light, Hooks::default());
    settle().await;
    (backend, root)
}

#[wasm_bindgen_test]
async fn every_property_renders_with_its_label_and_value() {
    let (backend, root) = panel().await;
    assert_eq!(backend.calls(), vec![Call::Load(target())]);
    assert_eq!(text(&find(&root, ".pi-identifier")), "WEB-12");
    assert_eq!(text(&find(&root, ".pi-name")), "Login fails on Safari");
    let open = find(&root, ".pi-open");
    assert_eq!(
        open.get_attribute("href").unwrap(),
        "https://app.plane.so/acme/browse/WEB-12/"
    );
    assert_eq!(open.get_attribute("rel").unwrap(), "noopener noreferrer");
    let labels: Vec<String> = find_all(&root, ".pi-label").iter().map(text).collect();
    assert_eq!(
        labels,
        [
            "Summary",
            "Notes",
            "Legacy ID",
            "Story Points",
            "Customer Facing",
            "Due Date",
            "Severity",
            "Platforms",
            "Reviewer",
            "Watchers",
            "Duplicate Of",
            "Spec Link",
            "Contact Email",
            "Attachment",
            "Effort Score",
            "Target Release"
        ]
    );
    // Every label names its control.
    for label in find_all(&root, ".pi-label") {
        let control = label.get_attribute("for").unwrap();
        assert!(
            root.query_selector(&format!("#{control}"))
                .unwrap()
                .is_some(),
            "{control}"
        );
    }
    assert_eq!(
        value_of(&find(&row(&root, "Summary"), "input")),
        "Fix login"
    );
    assert_eq!(
        value_of(&find(&row(&root, "Notes"), "textarea")),
        "First line\nSecond line"
    );
    assert_eq!(text(&find(&row(&root, "Legacy ID"), "output")), "LEG-1001");
    assert_eq!(value_of(&find(&row(&root, "Story Points"), "input")), "3");
    let switch = find(&row(&root, "Customer Facing"), "[role=switch]");
    assert_eq!(switch.get_attribute("aria-checked").unwrap(), "false");
    assert_eq!(
        value_of(&find(&row(&root, "Due Date"), "input[type=date]")),
        "2026-03-05"
    );
    assert_eq!(
        text(&find(&row(&root, "Due Date"), ".pi-note")),
        "Mar 05, 2026"
    );
    assert_eq!(
        text(&find(&row(&root, "Severity"), ".pi-chip-label")),
        "High"
    );
    let platforms: Vec<String> = find_all(&row(&root, "Platforms"), ".pi-chip-label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(platforms, ["Web", "iOS"]);
    assert_eq!(
        text(&find(&row(&root, "Reviewer"), ".pi-chip-label")),
        "Sam Rivera"
    );
    assert_eq!(text(&find(&row(&root, "Reviewer"), ".pi-avatar")), "SR");
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
    assert_eq!(text(&find(&row(&root, "Effort Score"), "output")), "8");
    assert_eq!(
        text(&find(&row(&root, "Effort Score"), ".pi-note")),
        "Computed by Plane"
    );
    assert_eq!(
        text(&find(&row(&root, "Target Release"), ".pi-note")),
        "Not editable here"
    );
    // Required properties say so and cannot be cleared; optional ones with a value can.
    assert_eq!(
        text(&find(&row(&root, "Summary"), ".pi-required")),
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
    // The description is the control's accessible description.
    let summary = find(&row(&root, "Summary"), "input");
    let described = summary.get_attribute("aria-describedby").unwrap();
    let description_id = described.split(' ').next().unwrap();
    assert_eq!(
        text(&find(&root, &format!("#{description_id}"))),
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
async fn invalid_number_shows_plane_message_and_sends_nothing() {
    let (backend, root) = panel().await;
    let input = find(&row(&root, "Story Points"), "input");
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
    let input = find(&row(&root, "Story Points"), "input");
    type_text(&input, " 5 ");
    press(&input, "Enter", false);
    fire(&input, "blur"); // leaving the field after Enter sends nothing more
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Story Points", Some(json!(5))))]
    );
    assert_eq!(input.get_attribute("aria-invalid").unwrap(), "false");
    assert_eq!(
        text(&find(&row(&root, "Story Points"), ".pi-message")),
        "Saved"
    );
    assert_eq!(
        text(&find(&root, "[role=status][aria-live=polite]")),
        "Story Points saved."
    );
}

#[wasm_bindgen_test]
async fn escape_puts_back_the_value_plane_holds() {
    let (backend, root) = panel().await;
    let input = find(&row(&root, "Summary"), "input");
    type_text(&input, "");
    settle().await;
    assert_eq!(
        text(&find(&row(&root, "Summary"), ".pi-message")),
        "Summary is required"
    );
    press(&input, "Escape", false);
    settle().await;
    assert_eq!(value_of(&input), "Fix login");
    assert_eq!(input.get_attribute("aria-invalid").unwrap(), "false");
    fire(&input, "blur");
    settle().await;
    assert_eq!(backend.writes(), vec![]);
}

#[wasm_bindgen_test]
async fn a_required_text_cannot_be_emptied() {
    let (backend, root) = panel().await;
    let input = find(&row(&root, "Summary"), "input");
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
    let area = find(&row(&root, "Notes"), "textarea");
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
    assert_eq!(value_of(&find(&row(&root, "Notes"), "textarea")), "");
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
    let input = find(&row(&root, "Due Date"), "input[type=date]");
    type_text(&input, "2026-04-30");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(
        backend.writes(),
        vec![Call::Save(edit("Due Date", Some(json!("2026-04-30"))))]
    );
    assert_eq!(
        text(&find(&row(&root, "Due Date"), ".pi-note")),
        "Apr 30, 2026"
    );
}

#[wasm_bindgen_test]
async fn invalid_url_shows_plane_message_and_sends_nothing() {
    let (backend, root) = panel().await;
    let input = find(&row(&root, "Spec Link"), "input");
    type_text(&input, "not a url");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(
        text(&find(&row(&root, "Spec Link"), ".pi-message")),
        "Must be a valid URL (e.g., https://example.com)"
    );
    let input = find(&row(&root, "Contact Email"), "input");
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
    let combo = find(&row(&root, "Severity"), "[role=combobox]");
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
    assert_eq!(
        text(&find(&row(&root, "Severity"), ".pi-chip-label")),
        "Medium"
    );
}

#[wasm_bindgen_test]
async fn typing_filters_options() {
    let (_backend, root) = panel().await;
    let combo = find(&row(&root, "Severity"), "[role=combobox]");
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
    let combo = find(&row(&root, "Platforms"), "[role=combobox]");
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
    let remove = find(&row(&root, "Severity"), ".pi-chip-remove");
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
    let combo = find(&row(&root, "Watchers"), "[role=combobox]");
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
    let combo = find(&row(&root, "Duplicate Of"), "[role=combobox]");
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
    assert_eq!(
        text(&find(&row(&root, "Duplicate Of"), ".pi-chip-label")),
        "Login page redesign"
    );
    assert_eq!(
        text(&find(&row(&root, "Duplicate Of"), ".pi-chip-detail")),
        "WEB-42"
    );
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
    let input = find(&row(&root, "Story Points"), "input");
    type_text(&input, "8");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(value_of(&input), "3");
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
    assert_eq!(value_of(&input), "8");
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
    let input = find(&row(&root, "Story Points"), "input");
    type_text(&input, "13");
    press(&input, "Enter", false);
    settle().await;
    assert_eq!(value_of(&input), "13");
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
    let input = find(&row(&root, "Story Points"), "input");
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
        let field = find(&row(&root, name), control);
        type_text(&field, "junk that is never sent");
        press(&field, "Escape", false);
        settle().await;
        assert_eq!(value_of(&field), held, "{name}: Escape reverts");
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
        let combo = find(&row(&root, name), "[role=combobox]");
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
        assert_eq!(backend.writes(), vec![], "{name}");
        click(&find(&row(&root, name), ".pi-clear"));
        settle().await;
        assert_eq!(
            backend.writes(),
            vec![Call::Clear(edit(name, None))],
            "{name}"
        );
        assert!(
            row(&root, name)
                .query_selector(".pi-chip")
                .unwrap()
                .is_none(),
            "{name}"
        );
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
