//! Component tests of the panel's states: every load problem renders its words and next step,
//! an empty type says so, and hooks hear about saves and failures.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)]

mod support;

use plane_inline_messages::{Problem, SavedValue};
use plane_inline_ui::text::{problem_action, problem_title};
use plane_inline_ui::{Hooks, Theme};
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn every_load_problem_renders_its_words_and_next_step() {
    let problems = [
        (Problem::KeyMissing, "key_missing"),
        (Problem::KeyRejected, "key_rejected"),
        (
            Problem::Forbidden {
                message: "You do not have permission.".into(),
            },
            "forbidden",
        ),
        (Problem::PlanRequired, "plan_required"),
        (Problem::NoCustomProperties, "no_custom_properties"),
        (
            Problem::NotFound {
                message: "Work item not found".into(),
            },
            "not_found",
        ),
        (Problem::RateLimited { until_ms: None }, "rate_limited"),
        (
            Problem::Offline {
                detail: "Failed to fetch".into(),
            },
            "offline",
        ),
        (Problem::Timeout, "timeout"),
        (Problem::Server { status: 502 }, "server"),
    ];
    for (problem, name) in problems {
        let backend = Recording::with_model(Err(problem.clone()));
        let root = mount(backend, Theme::Light, Hooks::default());
        settle().await;
        let state = find(&root, "[role=alert]");
        assert_eq!(state.get_attribute("data-problem").unwrap(), name);
        assert_eq!(
            text(&find(&state, ".pi-error-title")),
            problem_title(&problem)
        );
        assert_eq!(
            text(&find(&state, ".pi-note")),
            problem_action(&problem, false, 0.0)
        );
        root.remove();
    }
}

#[wasm_bindgen_test]
async fn the_words_of_the_states_a_person_meets_most() {
    let backend = Recording::with_model(Err(Problem::PlanRequired));
    let root = mount(backend, Theme::Dark, Hooks::default());
    settle().await;
    assert_eq!(
        text(&find(&root, "[role=alert]")),
        "Custom properties are not on this workspace's plan. Custom properties need Plane Pro or higher: a workspace admin can upgrade the plan."
    );
    assert_eq!(
        find(&root, ".pi-panel")
            .get_attribute("data-theme")
            .unwrap(),
        "dark"
    );
    root.remove();

    let backend = Recording::with_model(Err(Problem::NoCustomProperties));
    let root = mount(backend, Theme::Light, Hooks::default());
    settle().await;
    assert_eq!(
        text(&find(&root, "[role=alert]")),
        "This Plane instance has no custom properties (Community Edition). Custom properties need Plane Cloud Pro or a self-hosted Commercial edition."
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn a_wrong_key_offers_the_settings_when_the_host_has_them_and_try_again_reloads() {
    let opened = Rc::new(RefCell::new(0));
    let count = opened.clone();
    let hooks = Hooks {
        open_settings: Some(Rc::new(move || *count.borrow_mut() += 1)),
        ..Hooks::default()
    };
    let backend = Recording::with_model(Err(Problem::KeyRejected));
    let root = mount(backend.clone(), Theme::Light, hooks);
    settle().await;
    assert_eq!(
        text(&find(&root, ".pi-note")),
        "Open the settings and paste a personal access token (Plane: Profile settings, Personal access tokens)."
    );
    let buttons = find_all(&root, "[role=alert] button");
    assert_eq!(
        buttons.iter().map(text).collect::<Vec<_>>(),
        ["Open settings", "Try again"]
    );
    click(&buttons[0]);
    assert_eq!(*opened.borrow(), 1);
    *backend.model.borrow_mut() = Some(Ok(model()));
    click(&buttons[1]);
    settle().await;
    assert_eq!(
        backend.calls(),
        vec![Call::Load(target()), Call::Load(target())]
    );
    assert_eq!(text(&find(&root, ".pi-name")), "Login fails on Safari");
    root.remove();
}

#[wasm_bindgen_test]
async fn a_type_without_properties_says_so() {
    let mut empty = model();
    empty.properties.clear();
    empty.unreadable.clear();
    let root = mount(
        Recording::with_model(Ok(empty)),
        Theme::Light,
        Hooks::default(),
    );
    settle().await;
    assert_eq!(
        text(&find(&root, ".pi-empty-state")),
        "This work item's type has no custom properties. A workspace admin can add them in Plane: Settings, Work item types."
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn hooks_hear_saves_and_failures() {
    let heard = Rc::new(RefCell::new(Vec::<String>::new()));
    let (saved, failed) = (heard.clone(), heard.clone());
    let hooks = Hooks {
        saved: Some(Rc::new(move |s: &SavedValue| {
            saved.borrow_mut().push(format!(
                "saved {}",
                serde_json::to_string(&s.value).unwrap()
            ))
        })),
        failed: Some(Rc::new(move |p: &Problem| {
            failed.borrow_mut().push(format!("failed {p}"))
        })),
        open_settings: None,
    };
    let backend = Recording::with_model(Ok(model()));
    let root = mount(backend.clone(), Theme::Light, hooks);
    settle().await;
    click(&find(&row(&root, "Customer Facing"), "[role=switch]"));
    settle().await;
    backend
        .write_answers
        .borrow_mut()
        .push_back(Err(Problem::Server { status: 503 }));
    click(&find(&row(&root, "Customer Facing"), "[role=switch]"));
    settle().await;
    assert_eq!(*heard.borrow(), ["saved true", "failed Plane answered 503"]);
    assert_eq!(backend.writes().len(), 2);
    let _ = json!(null);
    root.remove();
}

#[wasm_bindgen_test]
async fn an_epic_page_says_plainly_that_plane_s_api_cannot_edit_it_and_loads_nothing() {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    let backend = Recording::with_model(Ok(model()));
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let shown: Rc<dyn plane_inline_ui::Backend> = backend.clone();
    leptos::mount::mount_to(root.clone(), move || {
        let target = Signal::derive(|| Some(target()));
        let unreachable = Signal::derive(|| {
            Some(Problem::NotInApi {
                kind: plane_inline_core::web_url::PageKind::Epic,
            })
        });
        view! { <plane_inline_ui::Panel backend=shown.clone() target=target unreachable=unreachable /> }
    })
    .forget();
    settle().await;
    let state = find(&root, "[role=alert]");
    assert_eq!(state.get_attribute("data-problem").unwrap(), "not_in_api");
    assert_eq!(
        text(&find(&state, ".pi-error-title")),
        "Epic properties can't be edited through Plane's API yet."
    );
    assert_eq!(
        text(&find(&state, ".pi-note")),
        "Edit its properties in Plane itself."
    );
    assert!(root.query_selector(".pi-row").unwrap().is_none());
    assert_eq!(
        backend.calls(),
        vec![],
        "no request for a page Plane's API cannot read"
    );
    root.remove();
}
