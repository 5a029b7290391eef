//! The edit service against a scripted Plane on the client's virtual clock: loading and links,
//! each stage, each refusal, read-back, retries and the rate limit, in milliseconds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{EditService, check};
use plane_inline_client::core::http::{Method, Response};
use plane_inline_client::core::property::Property;
use plane_inline_client::sim::{Served, Sim, json, quick_retries};
use plane_inline_client::{ClientConfig, PlaneClient};
use plane_inline_messages::{
    Edit, EditStage, Problem, ProjectPage, RowsPage, RowsRequest, SavedValue, TableRow,
    TableTarget, Target,
};
use serde_json::{Value as Json, json as j};
use std::cell::RefCell;
use std::rc::Rc;

const PROJECT: &str = "11111111-1111-4111-8111-111111111111";
const ITEM: &str = "22222222-2222-4222-8222-222222222222";
const TYPE: &str = "33333333-3333-4333-8333-333333333333";
const POINTS: &str = "44444444-4444-4444-8444-444444444444";
const SCORE: &str = "55555555-5555-4555-8555-555555555555";

fn definitions() -> Json {
    j!([
        {"id": POINTS, "display_name": "Story Points", "property_type": "DECIMAL",
         "project": PROJECT, "is_active": true, "sort_order": 1},
        {"id": SCORE, "display_name": "Score", "property_type": "FORMULA",
         "project": PROJECT, "is_active": true, "sort_order": 2}
    ])
}

const EPIC_TYPE: &str = "66666666-0000-4000-8000-000000000001";

/// A scripted Plane with DEMO-12 (and the epic DEMO-13) where the key's owner is an admin:
/// `writes` answers the value endpoint of Story Points.
fn plane(writes: impl FnMut(Method, f64) -> Served + 'static) -> Sim {
    plane_as(j!(20), writes)
}

/// The same Plane, with the key owner's project role `role`.
fn plane_as(role: Json, mut writes: impl FnMut(Method, f64) -> Served + 'static) -> Sim {
    Sim::new(move |request, now| {
        let url = request.url.trim_start_matches("https://plane.test");
        let path = url.split('?').next().unwrap_or(url);
        let path = path.trim_start_matches("/api/v1/workspaces/demo");
        let item = j!({"id": ITEM, "name": "Checkout fails", "sequence_id": 12,
                       "project": PROJECT, "type_id": TYPE});
        match path {
            "/work-items/DEMO-12/" => json(200, item),
            "/work-items/DEMO-13/" => json(
                200,
                j!({"id": ITEM, "name": "Revamp", "sequence_id": 13, "project": PROJECT,
                    "type_id": EPIC_TYPE}),
            ),
            p if p == format!("/projects/{PROJECT}/") => json(
                200,
                j!({"id": PROJECT, "name": "Demo", "identifier": "DEMO", "member_role": role}),
            ),
            p if p == format!("/projects/{PROJECT}/work-item-types/") => json(
                200,
                j!([{"id": TYPE, "name": "Task", "is_default": true},
                    {"id": EPIC_TYPE, "name": "Epic", "is_epic": true}]),
            ),
            "/work-items/ZZZ-1/" => json(
                403,
                j!({"detail": "You do not have permission to perform this action."}),
            ),
            p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/") => json(200, item),
            "/projects/" => json(
                200,
                j!({"results": [{"id": PROJECT, "name": "Demo", "identifier": "DEMO"}],
                    "next_page_results": false, "next_cursor": "100:1:0"}),
            ),
            p if p == format!("/projects/{PROJECT}/work-items/") => json(
                200,
                j!({"results": [{"id": ITEM, "name": "Checkout fails", "sequence_id": 12,
                                 "type_id": TYPE}],
                    "next_page_results": true, "next_cursor": "25:2:0", "total_results": 30}),
            ),
            p if p.ends_with("/work-item-properties/") => json(200, definitions()),
            p if p.ends_with(&format!("/work-items/{ITEM}/work-item-properties/values/")) => {
                json(200, j!([{"property_id": POINTS, "values": ["3"]}]))
            }
            p if p.ends_with(&format!("/work-item-properties/{POINTS}/values/")) => {
                writes(request.method, now)
            }
            _ => json(404, j!({"error": "Page not found."})),
        }
    })
}

fn client(sim: &Sim) -> PlaneClient {
    let config = ClientConfig::new("https://plane.test", "demo", Some("plane_api_test"))
        .unwrap()
        .with_scheduler(quick_retries());
    PlaneClient::with_platform(config, Rc::new(sim.clone()))
}

fn requests(sim: &Sim) -> Vec<String> {
    sim.log
        .borrow()
        .iter()
        .map(|(_, r)| {
            let path = r
                .url
                .trim_start_matches("https://plane.test/api/v1/workspaces/demo");
            format!(
                "{} {}",
                r.method.as_str(),
                path.split('?').next().unwrap_or(path)
            )
        })
        .collect()
}

fn edit(property: &str, value: Option<Json>) -> Edit {
    Edit {
        workspace: "demo".into(),
        project_id: PROJECT.into(),
        work_item_id: ITEM.into(),
        property_id: property.into(),
        value,
    }
}

fn value_answer(status: u16, value: &str) -> Served {
    json(
        status,
        j!({"id": "v1", "property_id": POINTS, "issue_id": ITEM, "value": value}),
    )
}

/// The stages an edit reported, in order.
type Heard = Rc<RefCell<Vec<EditStage>>>;

/// Stages heard, in order.
fn stages() -> (Heard, Rc<dyn Fn(EditStage)>) {
    let heard: Rc<RefCell<Vec<EditStage>>> = Rc::default();
    let sink = heard.clone();
    (heard, Rc::new(move |stage| sink.borrow_mut().push(stage)))
}

#[test]
fn a_panel_loads_in_three_requests_with_its_link_and_label() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let target = Target::identifier("demo", "DEMO-12").unwrap();
    let app = "https://plane.example.com/p".parse().unwrap();
    let model = sim
        .run({
            let (service, client, target) = (service.clone(), client.clone(), target.clone());
            async move { service.load(&client, &target, Some(&app)).await }
        })
        .unwrap();
    assert_eq!(
        requests(&sim).len(),
        5,
        "the item, the project's facts, the lists"
    );
    assert_eq!(model.identifier.as_deref(), Some("DEMO-12"));
    assert_eq!(
        model.web_url.as_deref(),
        Some("https://plane.example.com/p/demo/browse/DEMO-12/")
    );
    assert_eq!(model.values.get(POINTS), Some(&j!(3)));
    assert_eq!(service.label(ITEM).as_deref(), Some("DEMO-12"));
}

#[test]
fn a_save_reports_its_own_stages_and_answers_the_value_plane_holds() {
    let sim = plane(|method, _| match method {
        Method::Post => value_answer(201, "5"),
        _ => json(
            404,
            j!({"error": "Property value not set for this work item"}),
        ),
    });
    let (service, client) = (EditService::new(), client(&sim));
    let (heard, on_stage) = stages();
    let saved = sim.run({
        let (service, client) = (service.clone(), client.clone());
        async move {
            service
                .write(&client, &edit(POINTS, Some(j!(5))), on_stage)
                .await
        }
    });
    assert_eq!(
        saved,
        Ok(SavedValue {
            property_id: POINTS.into(),
            value: Some(j!(5)),
        })
    );
    // The property was not known yet: its panel was loaded (5 requests), then one upsert.
    let sent = requests(&sim);
    assert_eq!(sent.len(), 6, "{sent:?}");
    assert!(sent[5].starts_with("POST ") && sent[5].ends_with(&format!("{POINTS}/values/")));
    // Only the upsert's stages, none of the panel's reads.
    assert_eq!(*heard.borrow(), vec![EditStage::Sending]);
}

#[test]
fn values_plane_would_refuse_are_refused_with_its_words_and_no_request() {
    let property: Property = serde_json::from_value(definitions()[0].clone()).unwrap();
    assert_eq!(
        check(&property, &edit(POINTS, Some(j!("many")))),
        Err(Problem::Refused {
            message: "Must be a number (e.g., 123.45)".into()
        })
    );
    let formula: Property = serde_json::from_value(definitions()[1].clone()).unwrap();
    assert_eq!(
        check(&formula, &edit(SCORE, Some(j!("1")))),
        Err(Problem::Refused {
            message: "Score cannot be set through the API".into()
        })
    );
    let elsewhere = Edit {
        project_id: "99999999-9999-4999-8999-999999999999".into(),
        ..edit(POINTS, Some(j!(1)))
    };
    assert_eq!(
        check(&property, &elsewhere),
        Err(Problem::BadMessage {
            detail: "the property belongs to another project".into()
        })
    );
    assert_eq!(
        check(&property, &edit(SCORE, Some(j!(1)))),
        Err(Problem::BadMessage {
            detail: "the edit names another property".into()
        })
    );
    // Through the service: the panel's reads, and no write.
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let (_, on_stage) = stages();
    let refused = sim.run(async move {
        service
            .write(&client, &edit(POINTS, Some(j!("many"))), on_stage)
            .await
    });
    assert_eq!(
        refused,
        Err(Problem::Refused {
            message: "Must be a number (e.g., 123.45)".into()
        })
    );
    assert!(requests(&sim).iter().all(|r| r.starts_with("GET ")));
}

#[test]
fn an_epic_says_so_and_reads_no_values() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let target = Target::identifier("demo", "DEMO-13").unwrap();
    let result = sim.run(async move { service.load(&client, &target, None).await });
    assert_eq!(
        result,
        Err(Problem::NotInApi {
            kind: plane_inline_client::core::web_url::PageKind::Epic
        })
    );
    let sent = requests(&sim);
    assert!(
        sent.iter().all(|r| !r.contains("work-item-properties")),
        "{sent:?}"
    );
}

#[test]
fn a_guest_is_refused_before_anything_is_sent() {
    for (role, expected) in [(j!(5), Some(5)), (j!(null), None)] {
        let sim = plane_as(role, |_, _| json(500, j!({})));
        let (service, client) = (EditService::new(), client(&sim));
        let (_, on_stage) = stages();
        let result = sim.run(async move {
            service
                .write(&client, &edit(POINTS, Some(j!(5))), on_stage)
                .await
        });
        assert_eq!(result, Err(Problem::ViewOnly { role: expected }));
        assert!(requests(&sim).iter().all(|r| r.starts_with("GET ")));
    }
}

#[test]
fn an_empty_value_is_a_clear() {
    let sim = plane(|method, _| match method {
        Method::Delete => json(204, j!(null)),
        _ => json(500, j!({})),
    });
    let (service, client) = (EditService::new(), client(&sim));
    let (_, on_stage) = stages();
    let result = sim.run({
        let (service, client) = (service.clone(), client.clone());
        async move {
            service
                .write(&client, &edit(POINTS, Some(j!(""))), on_stage)
                .await
        }
    });
    assert_eq!(
        result,
        Ok(SavedValue {
            property_id: POINTS.into(),
            value: None
        })
    );
    let writes: Vec<String> = requests(&sim)
        .into_iter()
        .filter(|r| !r.starts_with("GET "))
        .collect();
    assert_eq!(writes.len(), 1);
    assert!(writes[0].starts_with("DELETE "), "{writes:?}");
}

#[test]
fn an_unknown_property_is_named_in_the_problem() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let unknown = "66666666-6666-4666-8666-666666666666";
    let (_, on_stage) = stages();
    let result = sim.run(async move {
        service
            .write(&client, &edit(unknown, Some(j!(1))), on_stage)
            .await
    });
    assert_eq!(
        result,
        Err(Problem::NotFound {
            message: format!("Property {unknown} not found")
        })
    );
}

fn known_points(sim: &Sim, service: &EditService, client: &PlaneClient) -> Property {
    sim.run({
        let (service, client) = (service.clone(), client.clone());
        async move { service.prepare(&client, &edit(POINTS, Some(j!(5)))).await }
    })
    .unwrap()
}

/// Sends `edit` of Story Points (known from a loaded panel) on `sim`: the result, the methods of
/// the requests the send made, and the stages it reported.
fn send_known(
    sim: &Sim,
    edit: Edit,
    check_first: bool,
) -> (Result<SavedValue, Problem>, Vec<String>, Heard) {
    let (service, client) = (EditService::new(), client(sim));
    let property = known_points(sim, &service, &client);
    let before = requests(sim).len();
    let (heard, on_stage) = stages();
    let result = sim.run(async move {
        service
            .send(&client, &edit, &property, check_first, on_stage)
            .await
    });
    let methods = requests(sim)[before..]
        .iter()
        .map(|r| r.split(' ').next().unwrap().to_owned())
        .collect();
    (result, methods, heard)
}

#[test]
fn a_resent_draft_is_read_back_first_and_not_sent_when_plane_holds_it() {
    let sim = plane(|_, _| value_answer(200, "5"));
    let (saved, methods, heard) = send_known(&sim, edit(POINTS, Some(j!(5))), true);
    assert_eq!(saved.unwrap().value, Some(j!(5)));
    assert_eq!(methods, ["GET"]);
    assert!(heard.borrow().is_empty());
}

#[test]
fn a_resent_draft_that_plane_does_not_hold_is_sent_once_after_the_read_back() {
    let sim = plane(|method, _| match method {
        Method::Get => value_answer(200, "3"),
        _ => value_answer(200, "5"),
    });
    let (saved, methods, _) = send_known(&sim, edit(POINTS, Some(j!(5))), true);
    assert!(saved.is_ok());
    assert_eq!(methods, ["GET", "POST"]);
}

#[test]
fn a_lost_answer_is_retried_with_a_stage_and_applied_once() {
    let posts = Rc::new(RefCell::new(0));
    let counted = posts.clone();
    let sim = plane(move |method, _| match method {
        Method::Post => {
            *counted.borrow_mut() += 1;
            if *counted.borrow() == 1 {
                json(503, j!({"error": "unavailable"}))
            } else {
                value_answer(200, "5")
            }
        }
        _ => json(
            404,
            j!({"error": "Property value not set for this work item"}),
        ),
    });
    let (saved, methods, heard) = send_known(&sim, edit(POINTS, Some(j!(5))), false);
    assert!(saved.is_ok());
    // The 503's answer may have been lost: read back (nothing held), then sent once more.
    assert_eq!(methods, ["POST", "GET", "POST"]);
    assert_eq!(*posts.borrow(), 2);
    let heard = heard.borrow();
    assert!(
        heard.iter().any(|s| matches!(
            s,
            EditStage::Retrying {
                problem: Problem::Server { status: 503 },
                ..
            }
        )),
        "{heard:?}"
    );
}

#[test]
fn a_rate_limited_save_says_until_when() {
    let posts = Rc::new(RefCell::new(0));
    let counted = posts.clone();
    let sim = plane(move |_, _| {
        *counted.borrow_mut() += 1;
        if *counted.borrow() == 1 {
            Served::from(Response {
                status: 429,
                headers: vec![("Retry-After".into(), "30".into())],
                body: r#"{"error_code": 5900}"#.into(),
            })
        } else {
            value_answer(200, "5")
        }
    });
    let start = sim.now();
    let (saved, _, heard) = send_known(&sim, edit(POINTS, Some(j!(5))), false);
    assert!(saved.is_ok());
    assert!(sim.now() - start >= 30_000.0);
    let waited = heard.borrow().iter().any(|s| match s {
        EditStage::RateLimited { until_ms } => *until_ms >= start + 30_000.0,
        EditStage::Retrying { at_ms, .. } => *at_ms >= start + 30_000.0,
        _ => false,
    });
    assert!(waited, "{:?}", heard.borrow());
}

#[test]
fn a_clear_is_one_delete_and_a_value_already_gone_counts_as_cleared() {
    let sim = plane(|_, _| json(404, j!({"error": "Property value not found"})));
    let (cleared, methods, _) = send_known(&sim, edit(POINTS, None), true);
    assert_eq!(
        cleared,
        Ok(SavedValue {
            property_id: POINTS.into(),
            value: None
        })
    );
    assert_eq!(methods, ["DELETE"]);
}

#[test]
fn a_blank_search_sends_nothing() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let found = sim.run(async move { service.search_work_items(&client, "   ").await });
    assert_eq!(found, Ok(Vec::new()));
    assert!(requests(&sim).is_empty());
}

#[test]
fn an_identifier_plane_answers_with_403_is_not_there_for_this_token_not_a_wrong_key() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let target = Target::identifier("demo", "ZZZ-1").unwrap();
    let result = sim.run(async move { service.load(&client, &target, None).await });
    assert_eq!(
        result,
        Err(Problem::NotFound {
            message: "no work item ZZZ-1 in demo, or this token cannot see it".into()
        })
    );
    assert_eq!(requests(&sim).len(), 1, "one lookup, not retried");
}

fn table_target(project: &str) -> TableTarget {
    TableTarget {
        workspace: "demo".into(),
        project: project.into(),
    }
}

fn rows_request(per_page: u32, cursor: Option<&str>) -> RowsRequest {
    RowsRequest {
        workspace: "demo".into(),
        project_id: PROJECT.into(),
        per_page,
        cursor: cursor.map(str::to_owned),
    }
}

#[test]
fn a_table_by_identifier_remembers_every_property_so_its_writes_cost_only_the_write() {
    let sim = plane(|method, _| match method {
        Method::Post => value_answer(201, "5"),
        _ => json(500, j!({})),
    });
    let (service, client) = (EditService::new(), client(&sim));
    let app = "https://plane.example.com/p".parse().unwrap();
    let (model, saved) = sim.run({
        let (service, client) = (service.clone(), client.clone());
        async move {
            let model = service
                .table(&client, &table_target("demo"), Some(&app))
                .await;
            let (_, on_stage) = stages();
            let saved = service
                .write(&client, &edit(POINTS, Some(j!(5))), on_stage)
                .await;
            (model, saved)
        }
    });
    let model = model.unwrap();
    assert_eq!(
        requests(&sim),
        [
            "GET /projects/".to_owned(),
            format!("GET /projects/{PROJECT}/"),
            format!("GET /projects/{PROJECT}/work-item-types/"),
            format!("GET /projects/{PROJECT}/work-item-types/{TYPE}/work-item-properties/"),
            format!(
                "POST /projects/{PROJECT}/work-items/{ITEM}/work-item-properties/{POINTS}/values/"
            ),
        ],
        "the projects list, the facts, the one non-epic type's definitions; then only the write"
    );
    assert_eq!(model.project.identifier, "DEMO");
    assert_eq!(
        model
            .types
            .iter()
            .map(|t| (t.name.as_str(), t.is_default, t.properties.len()))
            .collect::<Vec<_>>(),
        [("Task", true, 2)],
        "the epic type is left out"
    );
    assert_eq!(
        model.browse_base.as_deref(),
        Some("https://plane.example.com/p/demo/browse/")
    );
    assert_eq!(
        saved,
        Ok(SavedValue {
            property_id: POINTS.into(),
            value: Some(j!(5))
        })
    );
}

#[test]
fn a_table_names_what_it_cannot_show() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let (missing, malformed) = sim.run(async move {
        let missing = service.table(&client, &table_target("NOPE"), None).await;
        let malformed = service.table(&client, &table_target("DE MO"), None).await;
        (missing, malformed)
    });
    assert_eq!(
        missing,
        Err(Problem::NotFound {
            message: "no project NOPE in demo, or this token cannot see it".into()
        })
    );
    assert_eq!(
        malformed,
        Err(Problem::BadMessage {
            detail: "\"DE MO\" names no project: give its UUID or its identifier (DEMO, 1 to 12 letters or digits)".into()
        })
    );
    assert_eq!(requests(&sim), ["GET /projects/"], "the list, once");
}

#[test]
fn a_page_of_rows_is_one_request_and_its_rows_are_labelled_by_identifier() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let page = sim.run({
        let (service, client) = (service.clone(), client.clone());
        async move {
            service
                .table(&client, &table_target(PROJECT), None)
                .await
                .unwrap();
            service
                .rows(&client, &rows_request(25, Some("25:1:0")))
                .await
        }
    });
    assert_eq!(
        page,
        Ok(RowsPage {
            rows: vec![TableRow {
                id: ITEM.into(),
                sequence_id: Some(12),
                name: "Checkout fails".into(),
                type_id: Some(TYPE.into()),
            }],
            next_cursor: Some("25:2:0".into()),
            total: Some(30),
        })
    );
    let sent = sim.log.borrow().last().unwrap().1.url.clone();
    assert_eq!(
        sent,
        format!(
            "https://plane.test/api/v1/workspaces/demo/projects/{PROJECT}/work-items/?per_page=25&cursor=25%3A1%3A0&fields=id%2Cname%2Csequence_id%2Ctype_id"
        )
    );
    assert_eq!(requests(&sim).len(), 4, "the table's three reads, one page");
    assert_eq!(service.label(ITEM).as_deref(), Some("DEMO-12"));
}

#[test]
fn rows_are_refused_without_a_request_when_the_page_or_cursor_is_wrong() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let refused = sim.run(async move {
        let mut refused = Vec::new();
        for request in [
            rows_request(30, None),
            rows_request(0, None),
            rows_request(25, Some("25:x:0")),
            rows_request(25, Some("25:1")),
            rows_request(25, Some("50:1:0")),
            rows_request(25, Some("25:1:1")),
            RowsRequest {
                project_id: "../../members".into(),
                ..rows_request(25, None)
            },
        ] {
            refused.push(service.rows(&client, &request).await);
        }
        refused
    });
    let bad = |detail: &str| {
        Err(Problem::BadMessage {
            detail: detail.into(),
        })
    };
    assert_eq!(
        refused,
        [
            bad("a table shows 25, 50 or 100 work items a page, not 30"),
            bad("a table shows 25, 50 or 100 work items a page, not 0"),
            bad("the page part of cursor \"25:x:0\" must be a whole number"),
            bad(
                "a cursor has three parts, per_page:page:is_prev (for example 20:1:0); got \"25:1\""
            ),
            bad(
                "the cursor 50:1:0 is for pages of 50 work items, not 25: start again from the first page"
            ),
            bad(
                "the cursor 25:1:1 points back: a table reads forward, from the cursor the page before gave"
            ),
            bad("\"../../members\" is not a project's UUID"),
        ]
    );
    assert_eq!(requests(&sim), Vec::<String>::new());
}

#[test]
fn a_rows_values_are_one_request_once_the_table_is_read() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let values = sim.run(async move {
        service
            .table(&client, &table_target(PROJECT), None)
            .await
            .unwrap();
        service.row_values(&client, PROJECT, ITEM).await
    });
    assert_eq!(values, Ok([(POINTS.to_owned(), j!(3))].into()));
    assert_eq!(
        requests(&sim).last().unwrap(),
        &format!("GET /projects/{PROJECT}/work-items/{ITEM}/work-item-properties/values/")
    );
    assert_eq!(requests(&sim).len(), 4, "the table's three reads, then one");
}

#[test]
fn a_project_page_is_labelled_by_its_identifier() {
    let sim = plane(|_, _| json(500, j!({})));
    let (service, client) = (EditService::new(), client(&sim));
    let (by_id, again, by_identifier) = sim.run(async move {
        let by_id = service.project_page(&client, table_target(PROJECT)).await;
        let again = service.project_page(&client, table_target(PROJECT)).await;
        let by_identifier = service.project_page(&client, table_target("DEMO")).await;
        (by_id, again, by_identifier)
    });
    let page = |project: &str| {
        Ok(ProjectPage {
            target: table_target(project),
            label: "DEMO".into(),
        })
    };
    assert_eq!((by_id, again), (page(PROJECT), page(PROJECT)));
    assert_eq!(by_identifier, page("DEMO"));
    assert_eq!(
        requests(&sim).len(),
        2,
        "the project's facts, once; an identifier costs nothing"
    );
}
