//! Every operation against the sandbox, as a web page and a service worker run it. Each test
//! resets the sandbox first; wasm-bindgen-test runs them one at a time.

use crate::common::*;
use futures_util::StreamExt;
use futures_util::future::{join, join_all};
use plane_inline_client::core::error::PlaneError;
use plane_inline_client::core::http::{Method, Request};
use plane_inline_client::core::value::PropertyValue;
use plane_inline_client::core::workspace::Project;
use plane_inline_client::{
    CancelToken, Cleared, ConnectionProblem, CustomProperties, Retry, Stage, WorkItemRef,
};
use serde_json::{Value as Json, json};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_test::wasm_bindgen_test;

async fn project(identifier: &str) -> Project {
    project_of(&client(), identifier).await
}

async fn project_of(client: &plane_inline_client::PlaneClient, identifier: &str) -> Project {
    let projects: Vec<Project> = client.projects().map(Result::unwrap).collect().await;
    projects
        .into_iter()
        .find(|p| p.identifier == identifier)
        .unwrap()
}

/// A client of workspace `free`, whose plan lacks custom properties (project FREE).
fn free_client() -> plane_inline_client::PlaneClient {
    client().for_workspace("free").unwrap()
}

#[wasm_bindgen_test]
async fn checks_a_connection_and_names_each_problem() {
    reset().await;
    let connection = client().check_connection(None).await.unwrap();
    assert_eq!(connection.user.label(), "Priya Patel");
    assert_eq!(connection.workspace, "demo");
    assert!(matches!(
        connection.custom_properties,
        CustomProperties::Available { .. }
    ));

    let bad_key = client_with(sandbox_url(), Some("plane_api_wrong"), quick());
    assert_eq!(
        bad_key.check_connection(None).await.unwrap_err(),
        ConnectionProblem::InvalidKey
    );
    let keyless = client_with(sandbox_url(), None, quick());
    assert_eq!(
        keyless.check_connection(None).await.unwrap_err(),
        ConnectionProblem::MissingKey
    );
    let wrong_prefix = client_with(
        &format!("{}/plane", sandbox_url()),
        Some(sandbox_key()),
        quick(),
    );
    let problem = wrong_prefix.check_connection(None).await.unwrap_err();
    assert!(
        matches!(problem, ConnectionProblem::WrongBaseUrl { .. }),
        "{problem:?}"
    );
    assert!(problem.to_string().contains("/plane"), "{problem}");
    let nowhere = client_with("http://127.0.0.1:1", Some(sandbox_key()), quick());
    let problem = nowhere.check_connection(None).await.unwrap_err();
    assert!(
        matches!(problem, ConnectionProblem::Unreachable { .. }),
        "{problem:?}"
    );

    let free = project_of(&free_client(), "FREE").await;
    let problem = free_client()
        .check_connection(Some(&free.id))
        .await
        .unwrap_err();
    assert_eq!(
        problem,
        ConnectionProblem::NoCustomProperties {
            error: PlaneError::PaymentRequired {
                error_code: Some(1999)
            }
        }
    );
}

#[wasm_bindgen_test]
async fn a_redirect_is_never_followed_with_the_key_nor_retried() {
    reset().await;
    // It points back at the sandbox, so a followed request would show in its counts.
    let elsewhere = format!("{}/api/v1/users/me/?followed=yes", sandbox_url());
    fault(
        json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "redirect_to": elsewhere}),
    )
    .await;
    clear_counts().await;
    assert_eq!(
        client().me().await.unwrap_err(),
        PlaneError::InvalidResponse {
            message: plane_inline_client::scheduler::REDIRECTED.into()
        }
    );
    assert_eq!(
        Counts::read().await.statuses("GET", "/users/me/"),
        json!({"302": 1}),
        "the redirect only: not followed, not retried"
    );
}

#[wasm_bindgen_test]
async fn refusals_surface_as_plane_errors_and_are_never_retried() {
    reset().await;
    let free = project_of(&free_client(), "FREE").await;
    clear_counts().await;
    let keyless = client_with(sandbox_url(), None, quick());
    assert_eq!(keyless.me().await.unwrap_err(), PlaneError::MissingKey);
    let bad_key = client_with(sandbox_url(), Some("plane_api_wrong"), quick());
    assert_eq!(bad_key.me().await.unwrap_err(), PlaneError::InvalidKey);
    let elsewhere = client().for_workspace("elsewhere").unwrap();
    assert!(matches!(
        elsewhere.members().await.unwrap_err(),
        PlaneError::Forbidden { .. }
    ));
    let error = free_client().work_item_types(&free.id).await.unwrap_err();
    assert!(
        matches!(error, PlaneError::PaymentRequired { .. }),
        "{error:?}"
    );
    let error = client().work_item(&demo(9999)).await.unwrap_err();
    assert!(matches!(error, PlaneError::NotFound { .. }), "{error:?}");
    let missing = Request::new(Method::Get, "/api/v1/workspaces/demo/nothing-here/".into());
    let error = client()
        .send(missing, Retry::Transient)
        .await
        .unwrap()
        .into_success()
        .unwrap_err();
    assert_eq!(error, PlaneError::RouteNotFound);
    assert_eq!(
        Counts::read().await.total(),
        6,
        "one request each, no retry"
    );
}

#[wasm_bindgen_test]
async fn resolves_work_items_by_identifier_and_by_id() {
    reset().await;
    let c = client();
    let by_identifier = c.work_item(&demo(12)).await.unwrap();
    assert_eq!(by_identifier.sequence_id, Some(12));
    let by_id = c
        .work_item(&WorkItemRef::Id {
            project_id: by_identifier.project.clone(),
            work_item_id: by_identifier.id.clone(),
        })
        .await
        .unwrap();
    assert_eq!(by_id, by_identifier);
    let lower: WorkItemRef = "demo-12".parse::<WorkItemRef>().unwrap();
    assert_eq!(c.work_item(&lower).await.unwrap().id, by_identifier.id);
}

#[wasm_bindgen_test]
async fn loads_a_panel_in_three_requests() {
    reset().await;
    let c = client();
    clear_counts().await;
    let model = c.load_panel(&demo(1)).await.unwrap();
    // A new client reads the project's facts (its detail and types) once, and, as Task has USER
    // relations, the workspace's members once: 3 + 2 + 1.
    assert_eq!(Counts::read().await.total(), 6);
    assert_eq!(model.work_item.sequence_id, Some(1));
    assert_eq!(model.properties.len(), 16, "the active properties of Task");
    let summary = property(&model, "summary");
    assert!(summary.is_required);
    assert_eq!(
        model.value(&summary.id),
        Some(&PropertyValue::Text(
            "Remove login flow: scope and acceptance criteria".into()
        ))
    );
    let points = property(&model, "story-points");
    assert_eq!(model.value(&points.id), Some(&PropertyValue::Decimal(0.5)));
    let severity = property(&model, "severity");
    assert_eq!(
        severity.options.iter().filter(|o| o.is_active).count(),
        4,
        "Critical, High, Medium, Low (Legacy is inactive)"
    );
    assert!(matches!(
        model.value(&severity.id),
        Some(PropertyValue::Id(_))
    ));
    assert!(model.members.len() >= 3);
    assert!(model.unreadable.is_empty());

    clear_counts().await;
    let by_id = WorkItemRef::Id {
        project_id: model.work_item.project.clone(),
        work_item_id: model.work_item.id.clone(),
    };
    let again = c.load_panel(&by_id).await.unwrap();
    assert_eq!(again, model);
    assert_eq!(Counts::read().await.total(), 3);
}

#[wasm_bindgen_test]
async fn saves_every_kind_in_one_request_and_clears_in_one() {
    reset().await;
    let c = client();
    let model = panel(2).await;
    let item = &model.work_item;
    let member = |name: &str| {
        model
            .members
            .iter()
            .find(|m| m.display_name.as_deref() == Some(name))
            .unwrap()
            .id
            .clone()
    };
    let duplicate = c.work_item(&demo(3)).await.unwrap().id;
    let severity = property(&model, "severity");
    let platforms = property(&model, "platforms");
    let edits: Vec<(&str, Json)> = vec![
        ("summary", json!("Checkout: a new summary")),
        ("notes", json!("first line\nsecond line")),
        ("legacy-id", json!("L-77")),
        ("story-points", json!(8)),
        ("customer-facing", json!(true)),
        ("due-date", json!("2026-05-01")),
        ("severity", json!(option_id(severity, "High"))),
        (
            "platforms",
            json!([option_id(platforms, "Web"), option_id(platforms, "iOS")]),
        ),
        ("reviewer", json!(member("sam"))),
        ("watchers", json!([member("lee"), member("jo")])),
        ("duplicate-of", json!(duplicate)),
        ("spec-link", json!("https://example.com/spec")),
        ("contact-email", json!("ops@example.com")),
        ("attachment", json!("design.pdf")),
    ];
    let mut expected = Vec::new();
    for (name, value) in &edits {
        let property = property(&model, name);
        clear_counts().await;
        let saved = c
            .save_value(&item.project, &item.id, property, value)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let counts = Counts::read().await;
        assert_eq!(counts.total(), 1, "{name}: one request");
        assert_eq!(counts.count("POST", VALUE_ROUTE), 1, "{name}");
        assert!(!saved.confirmed_by_check);
        expected.push((property.id.clone(), saved.value));
    }
    let reloaded = panel(2).await;
    for (id, value) in &expected {
        let mut held = reloaded.value(id).cloned();
        if let (Some(PropertyValue::Ids(ids)), PropertyValue::Ids(_)) = (&mut held, value) {
            ids.sort();
        }
        let mut value = value.clone();
        if let PropertyValue::Ids(ids) = &mut value {
            ids.sort();
        }
        assert_eq!(held, Some(value), "{id}");
    }

    let points = property(&model, "story-points");
    clear_counts().await;
    assert_eq!(
        c.clear_value(&item.project, &item.id, &points.id).await,
        Ok(Cleared::Removed)
    );
    assert_eq!(Counts::read().await.total(), 1);
    assert_eq!(c.value(&item.project, &item.id, points).await, Ok(None));
    assert_eq!(
        c.clear_value(&item.project, &item.id, &points.id).await,
        Ok(Cleared::AlreadyClear),
        "clearing an unset value leaves it unset"
    );
}

#[wasm_bindgen_test]
async fn refuses_locally_what_plane_would_refuse_and_relays_what_only_plane_knows() {
    reset().await;
    let c = client();
    let model = panel(4).await;
    let item = &model.work_item;
    clear_counts().await;
    let cases = [
        (
            "story-points",
            json!("many"),
            "Must be a number (e.g., 123.45)",
        ),
        ("summary", json!(""), "Summary is required"),
        (
            "customer-facing",
            json!("yes"),
            "Must be a boolean (true or false)",
        ),
        (
            "spec-link",
            json!("not a url"),
            "Must be a valid URL (e.g., https://example.com)",
        ),
        (
            "effort-score",
            json!("3"),
            "Unsupported property type: FORMULA",
        ),
        (
            "target-release",
            json!("x"),
            "Invalid relation type: RELEASE",
        ),
    ];
    for (name, value, message) in cases {
        let error = c
            .save_value(&item.project, &item.id, property(&model, name), &value)
            .await
            .unwrap_err();
        assert_eq!(
            error.field_messages("value"),
            [message.to_string()],
            "{name}"
        );
        assert!(matches!(error, PlaneError::BadRequest { .. }));
    }
    assert_eq!(Counts::read().await.total(), 0, "refused without a request");

    // Whether a user is a workspace member only Plane knows: its 400 comes back, once.
    let stranger = json!("00000000-0000-4000-8000-000000000000");
    let error = c
        .save_value(
            &item.project,
            &item.id,
            property(&model, "reviewer"),
            &stranger,
        )
        .await
        .unwrap_err();
    assert!(matches!(error, PlaneError::BadRequest { .. }), "{error:?}");
    assert_eq!(Counts::read().await.count("POST", VALUE_ROUTE), 1);
}

#[wasm_bindgen_test]
async fn pickers_offer_options_members_and_search_hits() {
    reset().await;
    let c = client();
    let model = panel(1).await;
    let severity = property(&model, "severity");
    let options = c
        .options(&model.work_item.project, &severity.id)
        .await
        .unwrap();
    assert_eq!(options.len(), 5, "inactive options too");
    assert!(options.iter().any(|o| o.name == "Legacy" && !o.is_active));
    let members = c.members().await.unwrap();
    assert!(members.len() >= 5);
    assert!(members.iter().any(|m| m.label() == "Sam Rivera"));
    let hits = c
        .search_work_items("login", Some(&model.work_item.project), 10)
        .await
        .unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h.project_identifier.as_deref() == Some("DEMO"))
    );
    assert_eq!(c.me().await.unwrap().label(), "Priya Patel");
}

#[wasm_bindgen_test]
async fn streams_all_250_work_items_page_by_page() {
    reset().await;
    let c = client();
    let demo_project = project("DEMO").await;
    clear_counts().await;
    let items: Vec<_> = c
        .work_items(&demo_project.id)
        .map(Result::unwrap)
        .collect()
        .await;
    assert_eq!(items.len(), 250);
    let mut numbers: Vec<u32> = items.iter().filter_map(|i| i.sequence_id).collect();
    numbers.sort_unstable();
    numbers.dedup();
    assert_eq!(numbers, (1..=250).collect::<Vec<u32>>());
    assert_eq!(
        Counts::read().await.count("GET", "/work-items/"),
        3,
        "pages of 100"
    );
    let projects: Vec<_> = c.projects().collect().await;
    assert_eq!(
        projects.len(),
        4,
        "DEMO, OPS, DOCS and SHIP (FREE is in workspace free)"
    );
}

/// Saves distinct values on distinct properties of one work item, all at once.
async fn save_all(
    c: &plane_inline_client::PlaneClient,
    model: &plane_inline_client::ItemProperties,
    edits: &[(&str, Json)],
) -> Vec<Result<plane_inline_client::Saved, PlaneError>> {
    let item = &model.work_item;
    join_all(
        edits.iter().map(|(name, value)| {
            c.save_value(&item.project, &item.id, property(model, name), value)
        }),
    )
    .await
}

#[wasm_bindgen_test]
async fn a_429_storm_ends_with_every_write_applied_once() {
    reset().await;
    let model = panel(5).await;
    let c = client();
    let progress: Rc<RefCell<Vec<Stage>>> = Rc::default();
    let log = progress.clone();
    let _subscription = c
        .scheduler()
        .subscribe(move |p| log.borrow_mut().push(p.stage.clone()));
    fault(
        json!({"method": "POST", "path": "*/values/", "count": 4, "status": 429, "retry_after": 1}),
    )
    .await;
    clear_counts().await;
    let edits = [
        ("story-points", json!(21)),
        ("notes", json!("storm")),
        ("spec-link", json!("https://example.com/storm")),
        ("contact-email", json!("storm@example.com")),
        ("attachment", json!("storm.txt")),
    ];
    let results = save_all(&c, &model, &edits).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let statuses = Counts::read().await.statuses("POST", VALUE_ROUTE);
    let applied: u64 = ["200", "201"]
        .iter()
        .filter_map(|s| statuses.get(*s).and_then(Json::as_u64))
        .sum();
    assert_eq!(statuses["429"], 4);
    assert_eq!(applied, 5, "each write applied once: {statuses}");
    assert_eq!(c.scheduler().stats().rate_limited, 4);
    let stages = progress.borrow().clone();
    assert!(
        stages
            .iter()
            .any(|s| matches!(s, Stage::WaitingForRateLimit { .. }))
    );
    assert!(stages.iter().any(|s| matches!(
        s,
        Stage::RetryScheduled {
            error: PlaneError::RateLimited { .. },
            ..
        }
    )));
    let reloaded = panel(5).await;
    assert_eq!(
        reloaded.value(&property(&model, "notes").id),
        Some(&PropertyValue::Text("storm".into()))
    );
    assert_eq!(
        reloaded.value(&property(&model, "story-points").id),
        Some(&PropertyValue::Decimal(21.0))
    );
}

#[wasm_bindgen_test]
async fn lost_answers_and_server_errors_end_with_every_write_applied_once() {
    reset().await;
    let model = panel(6).await;
    let item = model.work_item.clone();
    let c = client();
    let platforms = property(&model, "platforms");
    let android = option_id(platforms, "Android");
    // (fault, property, value, whether the faulted attempt applied)
    let cases = [
        (
            json!({"status": 500, "phase": "after"}),
            "story-points",
            json!(13),
            true,
        ),
        (
            json!({"status": 503, "phase": "before"}),
            "spec-link",
            json!("https://example.com/a"),
            false,
        ),
        (
            json!({"status": 502, "phase": "after"}),
            "platforms",
            json!([android]),
            true,
        ),
        (
            json!({"drop": true, "phase": "after"}),
            "notes",
            json!("dropped after"),
            true,
        ),
        (
            json!({"drop": true, "phase": "before"}),
            "contact-email",
            json!("a@example.com"),
            false,
        ),
    ];
    for (spec, name, value, applied_first) in &cases {
        let property = property(&model, name);
        // Unset first, so that applying the write creates the value (201) and any repeat of
        // an applied write can only replace it (200).
        c.clear_value(&item.project, &item.id, &property.id)
            .await
            .unwrap();
        let mut spec = spec.clone();
        let dropped = spec.get("drop").is_some();
        spec["method"] = json!("POST");
        spec["path"] = json!("*/values/");
        spec["count"] = json!(1);
        fault(spec).await;
        clear_counts().await;
        let saved = c
            .save_value(&item.project, &item.id, property, value)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let counts = Counts::read().await;
        let statuses = counts.statuses("POST", VALUE_ROUTE);
        let created = statuses.get("201").and_then(Json::as_u64).unwrap_or(0);
        assert_eq!(
            created + u64::from(*applied_first),
            1,
            "{name}: created exactly once ({statuses})"
        );
        let read_back = counts.count("GET", VALUE_ROUTE);
        if dropped && read_back == 0 {
            // Chromium resent the request itself (its connection was reused and closed before
            // any answer), so the client saw the resend's answer: a replacement by the same
            // value when the dropped attempt had applied.
            assert_eq!(counts.count("POST", VALUE_ROUTE), 2, "{name}: {statuses}");
            assert!(!saved.confirmed_by_check);
        } else {
            assert_eq!(read_back, 1, "{name}: one read-back");
            assert_eq!(saved.confirmed_by_check, *applied_first, "{name}");
            let posts = if *applied_first { 1 } else { 2 };
            assert_eq!(
                counts.count("POST", VALUE_ROUTE),
                posts,
                "{name}: {statuses}"
            );
        }
    }

    let points = property(&model, "story-points");
    fault(json!({"method": "DELETE", "path": "*/values/", "count": 1, "drop": true, "phase": "after"}))
        .await;
    clear_counts().await;
    assert_eq!(
        c.clear_value(&item.project, &item.id, &points.id).await,
        Ok(Cleared::AlreadyClear)
    );
    let statuses = Counts::read().await.statuses("DELETE", VALUE_ROUTE);
    assert_eq!(statuses, json!({"dropped": 1, "404": 1}));
    let link = property(&model, "spec-link");
    fault(json!({"method": "DELETE", "path": "*/values/", "count": 1, "status": 500})).await;
    clear_counts().await;
    assert_eq!(
        c.clear_value(&item.project, &item.id, &link.id).await,
        Ok(Cleared::Removed)
    );
    assert_eq!(
        Counts::read().await.statuses("DELETE", VALUE_ROUTE),
        json!({"500": 1, "204": 1})
    );

    let reloaded = panel(6).await;
    assert_eq!(reloaded.value(&points.id), None);
    assert_eq!(reloaded.value(&link.id), None);
    assert_eq!(
        reloaded.value(&property(&model, "notes").id),
        Some(&PropertyValue::Text("dropped after".into()))
    );
    assert_eq!(
        reloaded.value(&property(&model, "contact-email").id),
        Some(&PropertyValue::Text("a@example.com".into()))
    );
    assert_eq!(
        reloaded.value(&platforms.id),
        Some(&PropertyValue::Ids(vec![android]))
    );
}

#[wasm_bindgen_test]
async fn slow_answers_time_out_and_are_retried() {
    reset().await;
    fault(json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "delay_ms": 1500}))
        .await;
    let c = client().with_timeout(300.0);
    let me = c.me().await.unwrap();
    assert_eq!(me.label(), "Priya Patel");
    let stats = c.scheduler().stats();
    assert_eq!((stats.lost, stats.answered), (1, 1));
}

#[wasm_bindgen_test]
async fn cancellation_stops_queued_and_in_flight_requests() {
    reset().await;
    let token = CancelToken::new();
    token.cancel();
    clear_counts().await;
    assert_eq!(
        client().with_cancel(token.clone()).me().await,
        Err(PlaneError::Cancelled)
    );
    assert!(
        token.signal().aborted(),
        "the token's AbortSignal follows it"
    );
    assert_eq!(Counts::read().await.total(), 0);

    fault(json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "delay_ms": 3000}))
        .await;
    let controller = web_sys::AbortController::new().unwrap();
    let token = CancelToken::from_signal(&controller.signal());
    let c = client().with_cancel(token);
    let started = js_sys::Date::now();
    let canceller = async {
        client()
            .scheduler()
            .pause(100.0, &CancelToken::new())
            .await
            .unwrap();
        controller.abort();
    };
    let (result, ()) = join(c.me(), canceller).await;
    assert_eq!(result, Err(PlaneError::Cancelled));
    assert!(
        js_sys::Date::now() - started < 2_000.0,
        "aborted, not waited out"
    );
}

#[wasm_bindgen_test]
async fn reports_progress_with_the_rate_limit_wait() {
    reset().await;
    fault(json!({"method": "GET", "path": "/api/v1/users/me/", "count": 1, "status": 429, "retry_after": 1}))
        .await;
    let c = client();
    let seen: Rc<RefCell<Vec<(Stage, f64)>>> = Rc::default();
    let log = seen.clone();
    let subscription = c.scheduler().subscribe(move |p| {
        log.borrow_mut()
            .push((p.stage.clone(), js_sys::Date::now()))
    });
    let started = js_sys::Date::now();
    c.me().await.unwrap();
    drop(subscription);
    let seen = seen.borrow();
    let stages: Vec<&Stage> = seen.iter().map(|(s, _)| s).collect();
    assert!(
        matches!(stages[0], Stage::InFlight { attempt: 1 }),
        "{stages:?}"
    );
    assert!(matches!(
        stages[1],
        Stage::RetryScheduled {
            error: PlaneError::RateLimited {
                retry_after_secs: Some(1)
            },
            ..
        }
    ));
    let until = stages
        .iter()
        .find_map(|s| match s {
            Stage::WaitingForRateLimit { until_ms } => Some(*until_ms),
            _ => None,
        })
        .expect("waits for the rate limit");
    assert!(until - started >= 900.0, "about Retry-After later");
    assert!(matches!(
        stages[stages.len() - 2],
        Stage::InFlight { attempt: 2 }
    ));
    assert_eq!(stages[stages.len() - 1], &Stage::Answered { status: 200 });
    assert!(seen.last().unwrap().1 - started >= 1_000.0);
}
