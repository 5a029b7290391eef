//! The operations against a scripted Plane: fallback, the panel's three requests, writes that
//! take effect exactly once, local refusals, listings and the connection check.

use super::{new_client, quick_retries};
use crate::WorkItemRef;
use crate::cancel::CancelToken;
use crate::connection::{ConnectionProblem, CustomProperties};
use crate::sim::{Served, Sim, json};
use crate::values::Cleared;
use futures_util::StreamExt;
use plane_inline_core::api::PathStyle;
use plane_inline_core::error::PlaneError;
use plane_inline_core::http::{Method, Response};
use plane_inline_core::property::Property;
use plane_inline_core::value::PropertyValue;
use serde_json::{Value as Json, json as j};
use std::cell::RefCell;
use std::rc::Rc;

const PROJECT: &str = "11111111-1111-4111-8111-111111111111";
const ITEM: &str = "22222222-2222-4222-8222-222222222222";
const TYPE: &str = "33333333-3333-4333-8333-333333333333";
const POINTS: &str = "44444444-4444-4444-8444-444444444444";
const PLATFORMS: &str = "55555555-5555-4555-8555-555555555555";
const WEB: &str = "66666666-6666-4666-8666-666666666666";
const IOS: &str = "77777777-7777-4777-8777-777777777777";
const SAM: &str = "88888888-8888-4888-8888-888888888888";

/// A scripted Plane answering by method and path (below `/api/v1/workspaces/demo`).
fn plane(routes: impl FnMut(Method, &str) -> Served + 'static) -> Sim {
    let routes = RefCell::new(routes);
    Sim::new(move |request, _| {
        let url = request.url.trim_start_matches("https://plane.test");
        let path = url.split('?').next().unwrap_or(url);
        let path = path.trim_start_matches("/api/v1/workspaces/demo");
        (routes.borrow_mut())(request.method, path)
    })
}

fn requests(sim: &Sim) -> Vec<(Method, String)> {
    sim.log
        .borrow()
        .iter()
        .map(|(_, r)| {
            (
                r.method,
                r.url
                    .trim_start_matches("https://plane.test/api/v1/workspaces/demo")
                    .to_owned(),
            )
        })
        .collect()
}

fn work_item() -> Json {
    j!({"id": ITEM, "name": "Checkout fails", "sequence_id": 12, "project": PROJECT, "type_id": TYPE})
}

/// The scripted work item, by its ids.
fn the_item() -> WorkItemRef {
    WorkItemRef::Id {
        project_id: PROJECT.into(),
        work_item_id: ITEM.into(),
    }
}

/// The project's detail (the key owner's role) and its types (Task, and an epic type).
fn project_facts(path: &str, role: Json) -> Option<Served> {
    if path == format!("/projects/{PROJECT}/") {
        return Some(json(
            200,
            j!({"id": PROJECT, "name": "Web", "identifier": "WEB", "member_role": role}),
        ));
    }
    (path == format!("/projects/{PROJECT}/work-item-types/")).then(|| {
        json(
            200,
            j!([{"id": TYPE, "name": "Task", "is_default": true},
                {"id": EPIC_TYPE, "name": "Epic", "is_epic": true}]),
        )
    })
}

const EPIC_TYPE: &str = "99999999-0000-4000-8000-000000000001";

fn points() -> Property {
    serde_json::from_value(
        j!({"id": POINTS, "display_name": "Story Points", "property_type": "DECIMAL"}),
    )
    .unwrap()
}

fn platforms() -> Property {
    serde_json::from_value(j!({
        "id": PLATFORMS, "display_name": "Platforms", "property_type": "OPTION", "is_multi": true,
        "options": [{"id": WEB, "name": "Web"}, {"id": IOS, "name": "iOS"}]
    }))
    .unwrap()
}

fn value_path(property: &str) -> String {
    format!("/projects/{PROJECT}/work-items/{ITEM}/work-item-properties/{property}/values/")
}

#[test]
fn falls_back_to_issues_once_and_remembers() {
    let sim = plane(|_, path| match path {
        "/work-items/WEB-12/" => json(404, j!({"error": "Page not found."})),
        "/issues/WEB-12/" | "/issues/WEB-13/" => json(200, work_item()),
        _ => json(404, j!({"error": "Page not found."})),
    });
    let client = new_client(&sim, quick_retries());
    let reader = client.clone();
    let (first, second) = sim.run(async move {
        let a = reader
            .work_item(&"WEB-12".parse::<WorkItemRef>().unwrap())
            .await;
        let b = reader
            .work_item(&"web-13".parse::<WorkItemRef>().unwrap())
            .await;
        (a, b)
    });
    assert_eq!(first.unwrap().id, ITEM);
    assert_eq!(second.unwrap().sequence_id, Some(12));
    assert_eq!(client.path_style(), PathStyle::Issues);
    let paths: Vec<String> = requests(&sim).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        paths,
        ["/work-items/WEB-12/", "/issues/WEB-12/", "/issues/WEB-13/"]
    );
}

#[test]
fn a_missing_work_item_is_not_a_missing_route() {
    let sim = plane(|_, _| json(404, j!({"error": "Work item not found"})));
    let client = new_client(&sim, quick_retries());
    let error = sim
        .run(async move {
            client
                .work_item(&"WEB-99".parse::<WorkItemRef>().unwrap())
                .await
        })
        .unwrap_err();
    assert_eq!(
        error,
        PlaneError::NotFound {
            message: "Work item not found".into()
        }
    );
    assert_eq!(sim.log.borrow().len(), 1, "no fallback, no retry");
}

#[test]
fn loads_the_panel_in_three_requests_once_members_are_known() {
    let sim = plane(|_, path| match path {
        p if let Some(served) = project_facts(p, j!(15)) => served,
        p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/") => json(200, work_item()),
        p if p == format!("/projects/{PROJECT}/work-item-types/{TYPE}/work-item-properties/") => {
            json(
                200,
                j!([
                    {"id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "property_type": "DATETIME", "name": "due", "display_name": "Due",
                        "sort_order": 40000.0, "settings": {"display_format": "dd/MM/yyyy"}},
                    {"id": POINTS, "property_type": "DECIMAL", "name": "story-points", "display_name": "Story Points", "sort_order": 10000.0},
                    {"id": PLATFORMS, "property_type": "OPTION", "name": "platforms", "display_name": "Platforms", "is_multi": true, "sort_order": 20000.0,
                        "options": [{"id": IOS, "name": "iOS", "sort_order": 2.0}, {"id": WEB, "name": "Web", "sort_order": 1.0, "is_default": true}]},
                    {"id": "99999999-9999-4999-8999-999999999999", "property_type": "RELATION", "relation_type": "USER", "name": "reviewer",
                        "display_name": "Reviewer", "sort_order": 30000.0},
                    {"id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "property_type": "TEXT", "name": "old", "display_name": "Old", "is_active": false}
                ]),
            )
        }
        "/members/" => json(
            200,
            j!([{"id": SAM, "display_name": "sam", "first_name": "Sam", "last_name": "Rivera"}]),
        ),
        p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/work-item-properties/values/") => {
            json(
                200,
                j!([
                    {"property_id": POINTS, "values": ["3.5"]},
                    {"property_id": PLATFORMS, "values": [IOS, WEB]},
                    {"property_id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "values": ["someday"]},
                    {"property_id": "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "values": ["inactive"]}
                ]),
            )
        }
        _ => json(404, j!({"error": "Page not found."})),
    });
    let client = new_client(&sim, quick_retries());
    let item = the_item();
    let again = (client.clone(), item.clone());
    let model = sim
        .run(async move { client.load_panel(&item).await })
        .unwrap();
    {
        let log = sim.log.borrow();
        assert_eq!(
            log.len(),
            6,
            "the project's facts and the members are read once"
        );
        assert_eq!(
            log[1].0, log[2].0,
            "the project and its types go side by side"
        );
        assert!(log[1].1.url.ends_with(&format!("/projects/{PROJECT}/")));
        assert_eq!(log[3].0, log[4].0, "definitions and values go side by side");
        assert!(
            log[5].1.url.ends_with("/members/"),
            "then the members the type names"
        );
    }
    assert_eq!(model.access, plane_inline_core::workspace::Access::Edit);
    let names: Vec<&str> = model
        .properties
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Story Points", "Platforms", "Reviewer", "Due"],
        "Plane's order, active only"
    );
    let platforms = model.property(PLATFORMS).unwrap();
    assert_eq!(platforms.options[0].name, "Web");
    assert!(platforms.options[0].is_default);
    assert_eq!(
        model
            .property("aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa")
            .unwrap()
            .settings
            .date_format(),
        plane_inline_core::property::DateFormat::DayMonthYear
    );
    assert_eq!(model.work_item.id, ITEM);
    assert_eq!(model.value(POINTS), Some(&PropertyValue::Decimal(3.5)));
    assert_eq!(
        model.value(PLATFORMS),
        Some(&PropertyValue::Ids(vec![IOS.into(), WEB.into()]))
    );
    assert_eq!(model.members.len(), 1);
    assert_eq!(model.members[0].label(), "Sam Rivera");
    assert_eq!(
        model.unreadable.len(),
        1,
        "the unreadable date is reported, not dropped silently"
    );
    assert_eq!(
        model.values.len(),
        2,
        "values of hidden properties are left out"
    );
    let (client, item) = again;
    sim.run(async move { client.load_panel(&item).await })
        .unwrap();
    assert_eq!(
        sim.log.borrow().len(),
        9,
        "the next panel takes three requests"
    );
}

#[test]
fn an_epic_or_an_untyped_item_costs_no_request_plane_must_refuse() {
    let epic = || j!({"id": ITEM, "name": "Revamp", "project": PROJECT, "type_id": EPIC_TYPE});
    let sim = plane(move |_, path| match path {
        p if let Some(served) = project_facts(p, j!(20)) => served,
        p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/") => json(200, epic()),
        _ => json(500, j!({})),
    });
    let client = new_client(&sim, quick_retries());
    let item = the_item();
    let model = sim
        .run(async move { client.load_panel(&item).await })
        .unwrap();
    assert_eq!(model.unavailable, Some(crate::Unavailable::Epic));
    assert!(model.properties.is_empty());
    let paths: Vec<String> = requests(&sim).into_iter().map(|(_, p)| p).collect();
    assert_eq!(
        paths,
        [
            format!("/projects/{PROJECT}/work-items/{ITEM}/"),
            format!("/projects/{PROJECT}/"),
            format!("/projects/{PROJECT}/work-item-types/"),
        ],
        "no definitions, no values"
    );

    let untyped = || j!({"id": ITEM, "name": "Loose", "project": PROJECT, "type_id": null});
    let sim = plane(move |_, path| match path {
        p if let Some(served) = project_facts(p, j!(20)) => served,
        _ => json(200, untyped()),
    });
    let client = new_client(&sim, quick_retries());
    let item = the_item();
    let model = sim
        .run(async move { client.load_panel(&item).await })
        .unwrap();
    assert_eq!(model.unavailable, Some(crate::Unavailable::Untyped));
    assert_eq!(
        sim.log.borrow().len(),
        3,
        "the work item and the project's facts only"
    );
}

#[test]
fn a_guest_reads_values_without_the_right_to_change_them() {
    let sim = plane(|_, path| match path {
        p if let Some(served) = project_facts(p, j!(5)) => served,
        p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/") => json(200, work_item()),
        p if p.ends_with("/work-item-properties/") => json(
            200,
            j!([{"id": POINTS, "property_type": "DECIMAL", "name": "p", "display_name": "Story Points"}]),
        ),
        p if p.ends_with("/values/") => json(200, j!([{"property_id": POINTS, "values": ["3"]}])),
        _ => json(500, j!({})),
    });
    let client = new_client(&sim, quick_retries());
    let item = the_item();
    let model = sim
        .run(async move { client.load_panel(&item).await })
        .unwrap();
    assert_eq!(
        model.access,
        plane_inline_core::workspace::Access::View { role: Some(5) }
    );
    assert_eq!(model.value(POINTS), Some(&PropertyValue::Decimal(3.0)));
}

#[test]
fn workspace_owned_properties_are_read_from_the_workspace_listings() {
    const OWNED: &str = "aaaaaaaa-0000-4000-8000-00000000000a";
    const UNSET: &str = "aaaaaaaa-0000-4000-8000-00000000000b";
    let sim = plane(|_, path| match path {
        p if let Some(served) = project_facts(p, j!(20)) => served,
        p if p == format!("/projects/{PROJECT}/work-items/{ITEM}/") => json(200, work_item()),
        // The project's type-scoped lists leave workspace-owned properties out.
        p if p.ends_with(&format!("/work-item-types/{TYPE}/work-item-properties/")) => {
            json(200, j!([]))
        }
        p if p.ends_with("/work-item-properties/values/") => json(200, j!([])),
        p if p == format!("/work-item-types/{TYPE}/properties/") => json(200, j!([OWNED, UNSET])),
        "/work-item-properties/" => json(
            200,
            j!([
                {"id": OWNED, "property_type": "DECIMAL", "name": "estimate", "display_name": "Estimate", "sort_order": 1.0},
                {"id": UNSET, "property_type": "TEXT", "name": "note", "display_name": "Note", "sort_order": 2.0},
                {"id": "aaaaaaaa-0000-4000-8000-00000000000c", "property_type": "TEXT", "name": "other", "display_name": "Other type's"}
            ]),
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
    });
    let client = new_client(&sim, quick_retries());
    let item = the_item();
    let model = sim
        .run(async move { client.load_panel(&item).await })
        .unwrap();
    let names: Vec<&str> = model
        .properties
        .iter()
        .map(|p| p.display_name.as_str())
        .collect();
    assert_eq!(names, ["Estimate", "Note"], "the type's links only");
    assert_eq!(model.value(OWNED), Some(&PropertyValue::Decimal(8.0)));
    assert_eq!(model.value(UNSET), None);
    assert_eq!(
        sim.log.borrow().len(),
        9,
        "item, facts (2), lists (2), links, definitions, two values"
    );
}

#[test]
fn refuses_what_plane_would_refuse_without_a_request() {
    let sim = plane(|_, _| json(500, j!({})));
    let client = new_client(&sim, quick_retries());
    let error = sim
        .run(async move {
            client
                .save_value(PROJECT, ITEM, &points(), &j!("many"))
                .await
        })
        .unwrap_err();
    assert_eq!(
        error.field_messages("value"),
        ["Must be a number (e.g., 123.45)".to_string()]
    );
    assert_eq!(
        error.to_string(),
        "Plane refused the request: Must be a number (e.g., 123.45)"
    );
    assert!(sim.log.borrow().is_empty());
}

#[test]
fn a_save_is_one_request() {
    let sim = plane(|method, _| match method {
        Method::Post => json(
            201,
            j!({"id": "v1", "property_id": POINTS, "value": 5, "value_type": "DECIMAL"}),
        ),
        _ => json(500, j!({})),
    });
    let client = new_client(&sim, quick_retries());
    let saved = sim
        .run(async move { client.save_value(PROJECT, ITEM, &points(), &j!(5)).await })
        .unwrap();
    assert!(saved.created && !saved.confirmed_by_check);
    assert_eq!(saved.value, PropertyValue::Decimal(5.0));
    assert_eq!(saved.records[0].value, j!(5));
    assert_eq!(requests(&sim), [(Method::Post, value_path(POINTS))]);
    let body = sim.log.borrow()[0].1.body.clone().unwrap();
    assert_eq!(
        serde_json::from_str::<Json>(&body).unwrap(),
        j!({"value": 5})
    );
}

/// A Plane holding one multi value, whose first POST answer is lost after it applied.
fn losing_plane(apply_then: fn() -> Served) -> (Sim, Rc<RefCell<Vec<String>>>) {
    let held: Rc<RefCell<Vec<String>>> = Rc::default();
    let state = held.clone();
    let mut first = true;
    let sim = plane(move |method, _| match method {
        Method::Post => {
            *state.borrow_mut() = vec![WEB.to_string(), IOS.to_string()];
            if std::mem::take(&mut first) {
                apply_then()
            } else {
                json(200, j!([{"value": WEB}, {"value": IOS}]))
            }
        }
        Method::Get if state.borrow().is_empty() => json(
            404,
            j!({"error": "Property value not set for this work item"}),
        ),
        Method::Get => {
            let records: Vec<Json> = state
                .borrow()
                .iter()
                .rev()
                .map(|id| j!({"value": id}))
                .collect();
            json(200, Json::Array(records))
        }
        _ => json(405, j!({})),
    });
    (sim, held)
}

#[test]
fn a_save_whose_answer_was_lost_is_read_back_not_repeated() {
    for lost in [Served::dropped as fn() -> Served, || {
        json(502, j!("<html>Bad Gateway</html>"))
    }] {
        let (sim, held) = losing_plane(lost);
        let client = new_client(&sim, quick_retries());
        let saved = sim
            .run(async move {
                client
                    .save_value(PROJECT, ITEM, &platforms(), &j!([WEB, IOS]))
                    .await
            })
            .unwrap();
        assert!(saved.confirmed_by_check);
        assert_eq!(held.borrow().len(), 2);
        let methods: Vec<Method> = requests(&sim).into_iter().map(|(m, _)| m).collect();
        assert_eq!(
            methods,
            [Method::Post, Method::Get],
            "one write, one read-back"
        );
    }
}

#[test]
fn a_save_that_did_not_apply_is_sent_again() {
    let mut first = true;
    let sim = plane(move |method, _| match method {
        Method::Post if std::mem::take(&mut first) => json(503, j!({})),
        Method::Post => json(201, j!({"value": 8})),
        _ => json(
            404,
            j!({"error": "Property value not set for this work item"}),
        ),
    });
    let client = new_client(&sim, quick_retries());
    let saved = sim
        .run(async move { client.save_value(PROJECT, ITEM, &points(), &j!(8)).await })
        .unwrap();
    assert!(saved.created && !saved.confirmed_by_check);
    let methods: Vec<Method> = requests(&sim).into_iter().map(|(m, _)| m).collect();
    assert_eq!(methods, [Method::Post, Method::Get, Method::Post]);
}

#[test]
fn a_clear_is_one_delete_and_a_missing_value_means_done() {
    let sim = plane(|_, _| json(204, Json::Null));
    let client = new_client(&sim, quick_retries());
    let cleared = sim.run(async move { client.clear_value(PROJECT, ITEM, POINTS).await });
    assert_eq!(cleared, Ok(Cleared::Removed));
    assert_eq!(requests(&sim), [(Method::Delete, value_path(POINTS))]);

    let mut first = true;
    let sim = plane(move |_, _| {
        if std::mem::take(&mut first) {
            Served::dropped()
        } else {
            json(404, j!({"error": "Property value not found"}))
        }
    });
    let client = new_client(&sim, quick_retries());
    let cleared = sim.run(async move { client.clear_value(PROJECT, ITEM, POINTS).await });
    assert_eq!(cleared, Ok(Cleared::AlreadyClear));
    assert_eq!(sim.log.borrow().len(), 2);

    let sim = plane(|_, _| json(404, j!({"error": "Property value not found"})));
    let client = new_client(&sim, quick_retries());
    let cleared = sim.run(async move { client.clear_value(PROJECT, ITEM, POINTS).await });
    assert_eq!(
        cleared,
        Ok(Cleared::AlreadyClear),
        "nothing to clear is cleared"
    );

    let sim = plane(|_, _| json(404, j!({"error": "Property not found"})));
    let client = new_client(&sim, quick_retries());
    let cleared = sim.run(async move { client.clear_value(PROJECT, ITEM, POINTS).await });
    assert_eq!(
        cleared,
        Err(PlaneError::NotFound {
            message: "Property not found".into()
        })
    );
}

#[test]
fn streams_every_page() {
    let sim = plane(|_, _| json(500, j!({})));
    let served: Rc<RefCell<u32>> = Rc::default();
    let pages = served.clone();
    let sim = {
        drop(sim);
        Sim::new(move |request, _| {
            *pages.borrow_mut() += 1;
            let page: u32 = request
                .url
                .split("cursor=100%3A")
                .nth(1)
                .and_then(|r| r.split("%3A").next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let start = page * 100;
            let end = (start + 100).min(250);
            let results: Vec<Json> = (start..end).map(|n| j!({"id": format!("item-{n}"), "name": format!("Item {n}"), "project": PROJECT})).collect();
            json(
                200,
                j!({
                    "results": results, "next_cursor": format!("100:{}:0", page + 1), "prev_cursor": "100:-1:1",
                    "next_page_results": end < 250, "prev_page_results": page > 0, "count": end - start,
                    "total_pages": 3, "total_results": 250, "total_count": 250
                }),
            )
        })
    };
    let client = new_client(&sim, quick_retries());
    let items = sim.run(async move { client.work_items(PROJECT).collect::<Vec<_>>().await });
    let items: Vec<String> = items.into_iter().map(|i| i.unwrap().id).collect();
    assert_eq!(items.len(), 250);
    assert_eq!(items[249], "item-249");
    assert_eq!(*served.borrow(), 3);
}

#[test]
fn a_failed_page_ends_the_stream_with_its_error() {
    let sim = plane(|_, _| json(403, j!({"detail": "Given API token is not valid"})));
    let client = new_client(&sim, quick_retries());
    let items = sim.run(async move { client.projects().collect::<Vec<_>>().await });
    assert_eq!(items, vec![Err(PlaneError::InvalidKey)]);
}

#[test]
fn the_connection_check_names_the_problem() {
    let me = j!({"id": SAM, "first_name": "Sam", "last_name": "Rivera", "email": "sam@x.io", "display_name": "sam"});
    let projects = j!({"results": [{"id": PROJECT, "name": "Web", "identifier": "WEB"}], "next_page_results": false});
    let run = |sim: Sim| {
        let client = new_client(&sim, quick_retries());
        sim.run(async move { client.check_connection(None).await })
    };
    let ok = {
        let (me, projects) = (me.clone(), projects.clone());
        plane(move |_, path| match path {
            "/api/v1/users/me/" => json(200, me.clone()),
            "/projects/" => json(200, projects.clone()),
            _ => json(200, j!([])),
        })
    };
    let connection = run(ok).unwrap();
    assert_eq!(connection.user.label(), "Sam Rivera");
    assert_eq!(
        connection.custom_properties,
        CustomProperties::Available {
            project_id: PROJECT.into()
        }
    );

    let html = Sim::new(|_, _| {
        Response {
            status: 200,
            headers: vec![],
            body: "<!doctype html><title>Plane</title>".into(),
        }
        .into()
    });
    assert!(matches!(
        run(html),
        Err(ConnectionProblem::WrongBaseUrl { .. })
    ));
    let bad_key = Sim::new(|_, _| json(403, j!({"detail": "Given API token is not valid"})));
    assert_eq!(run(bad_key), Err(ConnectionProblem::InvalidKey));
    let no_key = Sim::new(|_, _| {
        json(
            401,
            j!({"detail": "Authentication credentials were not provided."}),
        )
    });
    assert_eq!(run(no_key), Err(ConnectionProblem::MissingKey));
    let unreachable = Sim::new(|_, _| Served::dropped());
    assert!(matches!(
        run(unreachable),
        Err(ConnectionProblem::Unreachable { .. })
    ));
    let free = plane(move |_, path| match path {
        "/api/v1/users/me/" => json(200, me.clone()),
        "/projects/" => json(200, projects.clone()),
        _ => json(402, j!({"error": "Payment required", "error_code": 1999})),
    });
    let problem = run(free).unwrap_err();
    assert_eq!(
        problem,
        ConnectionProblem::NoCustomProperties {
            error: PlaneError::PaymentRequired {
                error_code: Some(1999)
            }
        }
    );
}

#[test]
fn a_cancelled_client_sends_nothing() {
    let sim = plane(|_, _| json(200, work_item()));
    let token = CancelToken::new();
    token.cancel();
    let client = new_client(&sim, quick_retries()).with_cancel(token);
    let error = sim.run(async move { client.me().await }).unwrap_err();
    assert_eq!(error, PlaneError::Cancelled);
    assert!(sim.log.borrow().is_empty());
}
