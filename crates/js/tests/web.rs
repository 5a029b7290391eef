//! The JS face of core, exercised in headless Chromium.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plane_inline::*;
use serde_json::{Value as Json, json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const HIGH: &str = "11111111-1111-4111-8111-111111111111";

fn js(value: Json) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn rust(value: JsValue) -> Json {
    serde_wasm_bindgen::from_value(value).unwrap()
}

fn error_message(error: JsValue) -> String {
    js_sys::Error::from(error).message().into()
}

use serde::Serialize;

fn property(kind: &str, extra: Json) -> JsValue {
    let mut base = json!({
        "id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "name": "points", "display_name": "Points",
        "property_type": kind, "relation_type": null, "is_required": false, "is_multi": false,
        "settings": null, "default_value": [], "created_at": "2026-01-01T00:00:00Z",
        "options": [{"id": HIGH, "name": "High", "is_active": true}]
    });
    base.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    js(base)
}

#[wasm_bindgen_test]
fn validate_value_accepts_and_refuses_with_plane_messages() {
    let number = property("DECIMAL", json!({}));
    assert_eq!(
        rust(validate_value(number.clone(), JsValue::from(2.5)).unwrap()),
        json!({"ok": true, "value": 2.5})
    );
    assert_eq!(
        rust(validate_value(number.clone(), JsValue::from_str("2.5")).unwrap()),
        json!({"ok": false, "message": "Must be a number (e.g., 123.45)"})
    );
    assert_eq!(
        rust(validate_value(number.clone(), JsValue::from(f64::NAN)).unwrap()),
        json!({"ok": false, "message": "Must be a number (e.g., 123.45)"})
    );
    assert_eq!(
        rust(validate_value(number, JsValue::UNDEFINED).unwrap()),
        json!({"ok": false, "message": "This field may not be null."})
    );
    let required = property(
        "TEXT",
        json!({"is_required": true, "display_name": "Title"}),
    );
    assert_eq!(
        rust(validate_value(required, JsValue::from_str("")).unwrap())["message"],
        json!("Title is required")
    );
    let multi = property("OPTION", json!({"is_multi": true}));
    assert_eq!(
        rust(validate_value(multi, js(json!([HIGH]))).unwrap()),
        json!({"ok": true, "value": [HIGH]})
    );
    let err = validate_value(js(json!({"id": 1})), JsValue::TRUE).unwrap_err();
    assert!(error_message(err.into()).starts_with("property must be a Plane property object"));
}

#[wasm_bindgen_test]
fn build_value_payload_returns_the_body_or_throws_plane_message() {
    let url = property("URL", json!({}));
    assert_eq!(
        rust(
            build_value_payload(
                url.clone(),
                JsValue::from_str("https://plane.so"),
                JsValue::UNDEFINED
            )
            .unwrap()
        ),
        json!({"value": "https://plane.so"})
    );
    let external = js(json!({"external_id": "J-1", "external_source": "jira"}));
    assert_eq!(
        rust(
            build_value_payload(url.clone(), JsValue::from_str("https://plane.so"), external)
                .unwrap()
        ),
        json!({"value": "https://plane.so", "external_id": "J-1", "external_source": "jira"})
    );
    let err = build_value_payload(url.clone(), JsValue::from_str("plane"), JsValue::UNDEFINED)
        .unwrap_err();
    assert_eq!(
        error_message(err.into()),
        "Must be a valid URL (e.g., https://example.com)"
    );
    let half = js(json!({"external_id": "J-1"}));
    let err = build_value_payload(url, JsValue::from_str("https://plane.so"), half).unwrap_err();
    assert_eq!(
        error_message(err.into()),
        "Both external_id and external_source must be provided together"
    );
}

#[wasm_bindgen_test]
fn parse_input_follows_the_grammar() {
    let option = property("OPTION", json!({}));
    assert_eq!(
        rust(parse_input(option.clone(), "high").unwrap()),
        json!({"ok": true, "value": HIGH})
    );
    assert_eq!(
        rust(parse_input(option.clone(), "").unwrap()),
        json!({"ok": true, "value": null})
    );
    assert_eq!(
        rust(parse_input(option, "Medium").unwrap()),
        json!({"ok": false, "message": "Selected option does not exist for this property"})
    );
    let flag = property("BOOLEAN", json!({}));
    assert_eq!(
        rust(parse_input(flag, "yes").unwrap()),
        json!({"ok": true, "value": true})
    );
}

#[wasm_bindgen_test]
fn cursors_parse_format_and_throw() {
    assert_eq!(
        rust(parse_cursor("20:3:1").unwrap()),
        json!({"perPage": 20, "page": 3, "isPrev": true})
    );
    assert_eq!(
        format_cursor(js(json!({"perPage": 100, "page": 0, "isPrev": false}))).unwrap(),
        "100:0:0"
    );
    for bad in ["", "20:1", "abc:1:0", "20:1:5", "500:0:0"] {
        assert!(parse_cursor(bad).is_err(), "{bad}");
    }
    assert!(format_cursor(js(json!({"perPage": 0, "page": 0, "isPrev": false}))).is_err());
    assert!(format_cursor(js(json!({"perPage": 10, "page": 1.5, "isPrev": false}))).is_err());
}

#[wasm_bindgen_test]
fn work_item_urls() {
    assert_eq!(
        rust(parse_work_item_url("https://app.plane.so/acme/browse/WEB-12/", None).unwrap()),
        json!({"workspace": "acme", "identifier": "WEB-12"})
    );
    let legacy = "https://plane.example.com/base/acme/projects/4a9f5a3c-2d4e-4c1b-9f8e-7d6c5b4a3921/issues/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
    assert_eq!(
        rust(parse_work_item_url(legacy, Some("https://plane.example.com/base".into())).unwrap()),
        json!({"workspace": "acme", "projectId": "4a9f5a3c-2d4e-4c1b-9f8e-7d6c5b4a3921", "workItemId": "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"})
    );
    assert!(
        parse_work_item_url("https://app.plane.so/acme/settings/", None)
            .unwrap()
            .is_null()
    );
    assert!(parse_work_item_url("https://x.io/a/browse/A-1/", Some("not a url".into())).is_err());
    for (page, base) in [
        (
            "https://plane.example.com/acme/browse/WEB-1/",
            "https://plane.example.com:443",
        ),
        (
            "https://xn--bcher-kva.example/acme/browse/WEB-1/",
            "https://Bücher.example/",
        ),
        (
            "https://jane@plane.example.com/acme/browse/WEB-1/",
            "https://plane.example.com",
        ),
    ] {
        assert_eq!(
            rust(parse_work_item_url(page, Some(base.into())).unwrap()),
            json!({"workspace": "acme", "identifier": "WEB-1"}),
            "{page} under {base}"
        );
    }
    assert_eq!(
        error_message(
            parse_work_item_url(
                "https://x.io/a/browse/A-1/",
                Some("https://jane@x.io".into())
            )
            .unwrap_err()
            .into()
        ),
        "the URL must not contain a user name or password; put credentials such as the API key in their own field"
    );
}

fn page(results: Json, more: bool) -> JsValue {
    JsValue::from_str(
        &json!({"next_cursor": "2:9:0", "prev_cursor": "", "next_page_results": more, "prev_page_results": false, "results": results})
            .to_string(),
    )
}

#[wasm_bindgen_test]
fn paginator_walks_pages_and_keeps_position_on_errors() {
    let mut p = Paginator::new(js(json!({"path": "/api/v1/workspaces/demo/projects/", "perPage": 2, "fields": ["id", "name"]}))).unwrap();
    assert_eq!(
        rust(p.next_request().unwrap()),
        json!({"method": "GET", "path": "/api/v1/workspaces/demo/projects/", "query": {"per_page": "2", "cursor": "2:0:0", "fields": "id,name"}})
    );
    let err = p
        .handle_response(429, js(json!({"Retry-After": "3"})), JsValue::from_str(""))
        .unwrap_err();
    let err = js_sys::Error::from(err);
    assert_eq!(
        js_sys::Reflect::get(&err, &"status".into())
            .unwrap()
            .as_f64(),
        Some(429.0)
    );
    assert_eq!(
        js_sys::Reflect::get(&err, &"retryable".into())
            .unwrap()
            .as_bool(),
        Some(true)
    );
    assert_eq!(
        rust(p.next_request().unwrap())["query"]["cursor"],
        json!("2:0:0")
    );
    assert_eq!(
        rust(
            p.handle_response(
                200,
                js(json!({})),
                page(json!([{"id": 1}, {"id": 2}]), true)
            )
            .unwrap()
        ),
        json!({"items": [{"id": 1}, {"id": 2}], "done": false})
    );
    assert_eq!(
        rust(p.next_request().unwrap())["query"]["cursor"],
        json!("2:9:0")
    );
    let parsed_body =
        js(json!({"next_cursor": "2:10:0", "next_page_results": false, "results": [{"id": 3}]}));
    assert_eq!(
        rust(
            p.handle_response(200, JsValue::UNDEFINED, parsed_body)
                .unwrap()
        ),
        json!({"items": [{"id": 3}], "done": true})
    );
    assert!(p.done());
    assert!(p.next_request().unwrap().is_null());
    assert!(Paginator::new(js(json!({"path": "/x/", "perPage": 101}))).is_err());
    assert!(
        Paginator::new(js(
            json!({"path": "/x/", "perPage": 10, "expand": ["Bad Name"]})
        ))
        .is_err()
    );
}

/// `{ ticket, delayMs }` as numbers.
fn reservation(value: JsValue) -> (f64, f64) {
    let object = rust(value);
    let keys: Vec<&String> = object.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["delayMs", "ticket"]);
    (
        object["ticket"].as_f64().unwrap(),
        object["delayMs"].as_f64().unwrap(),
    )
}

#[wasm_bindgen_test]
fn rate_limiter_reserves_a_place_for_each_request() {
    let mut limiter = RateLimiter::new(js(json!({"perMinute": 2}))).unwrap();
    assert_eq!(reservation(limiter.acquire(0.0).unwrap()), (1.0, 0.0));
    assert_eq!(reservation(limiter.acquire(0.0).unwrap()), (2.0, 0.0));
    assert_eq!(
        reservation(limiter.acquire(0.0).unwrap()),
        (3.0, 60_050.0),
        "two in flight: the third waits a window"
    );
    assert_eq!((limiter.in_flight(), limiter.waiting()), (2, 1));
    limiter
        .record(1.0, 200, js(json!({"X-RateLimit-Remaining": "1"})), 10.0)
        .unwrap();
    limiter
        .record(2.0, 200, js(json!({"X-RateLimit-Remaining": "0"})), 20.0)
        .unwrap();
    assert_eq!(limiter.limit(), 2);
    assert_eq!(limiter.wait_ms(3.0, 30.0).unwrap(), 60_030.0);
    assert_eq!(limiter.wait_ms(3.0, 60_060.0).unwrap(), 0.0, "its turn");
    limiter.abandon(3.0, 60_070.0).unwrap();
    assert_eq!(
        error_message(limiter.wait_ms(3.0, 60_080.0).unwrap_err().into()),
        "ticket 3 is not waiting or in flight: it was recorded or abandoned, or never given out"
    );
    assert_eq!(
        error_message(limiter.wait_ms(1.5, 0.0).unwrap_err().into()),
        "1.5 is not a ticket: use the number acquire() returned"
    );
}

#[wasm_bindgen_test]
fn rate_limiter_honours_retry_after() {
    let mut limiter = RateLimiter::new(JsValue::UNDEFINED).unwrap();
    assert_eq!(limiter.limit(), 60);
    let (ticket, _) = reservation(limiter.acquire(1000.0).unwrap());
    limiter
        .record(ticket, 429, js(json!({"retry-after": "5"})), 1000.0)
        .unwrap();
    assert_eq!(reservation(limiter.acquire(1000.0).unwrap()), (2.0, 5000.0));
    assert!(RateLimiter::new(js(json!({"perMinute": 0}))).is_err());
}
