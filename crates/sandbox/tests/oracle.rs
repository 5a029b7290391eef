//! Core and the sandbox judge values independently (design: the sandbox is an independent
//! oracle). For every writable DEMO property and a corpus of tricky values, core's verdict and
//! message must equal what the sandbox answers over HTTP. The only allowed difference: core
//! cannot know workspace membership, so a well-formed but unknown relation id passes core.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plane_inline_core::property::{Property, PropertyType};
use plane_inline_core::value::validate_value;
use plane_inline_sandbox::{Config, Sandbox};
use serde_json::{Value, json};

const KEY: &str = "plane_api_0123456789abcdef0123456789abcdef";

fn corpus(property: &Property, members: &[String], items: &[String]) -> Vec<Value> {
    let mut values = vec![
        Value::Null,
        json!(""),
        json!(" "),
        json!("007"),
        json!(0),
        json!(-0.0),
        json!(7),
        json!(2.5),
        json!(1e300),
        json!(true),
        json!(false),
        json!([]),
        json!({}),
        json!({"a": 1}),
        json!(["x"]),
        json!("https://plane.so/docs?q=1#x"),
        json!("http://localhost:8000"),
        json!("ftp://[::1]:21/"),
        json!("http://[1:2:3]/"),
        json!("https://-bad.com"),
        json!("plane.so"),
        json!("mailto:a@b.co"),
        json!("https://example.com/a b"),
        json!("a@plane.so"),
        json!("\"quoted\"@plane.so"),
        json!("a@localhost"),
        json!("a@[127.0.0.1]"),
        json!("a@b"),
        json!("a..b@plane.so"),
        json!("user@müller.de"),
        json!("2026-03-05"),
        json!("2026-3-5"),
        json!("2026-03-05 14:30:00"),
        json!("2026-03-05T14:30:00"),
        json!("2026-02-29"),
        json!("2024-02-29"),
        json!("2026-03-05 24:00:00"),
        json!("0000-01-01"),
        json!("00000000-0000-4000-8000-000000000000"),
        json!("not-a-uuid"),
        json!([1, 2]),
    ];
    for option in &property.options {
        values.push(json!(option.id));
        values.push(json!(option.id.to_uppercase()));
        values.push(json!([option.id]));
        values.push(json!(format!("{{{}}}", option.id)));
    }
    if let [first, .., last] = property.options.as_slice() {
        values.push(json!([first.id, last.id]));
        values.push(json!([first.id, "00000000-0000-4000-8000-000000000000"]));
        values.push(json!([first.id, "nope"]));
    }
    for id in members.iter().take(2).chain(items.iter().take(2)) {
        values.push(json!(id));
        values.push(json!([id]));
        values.push(json!(id.replace('-', "")));
    }
    if let [a, b, ..] = members {
        values.push(json!([a, b]));
    }
    values
}

#[tokio::test]
async fn core_and_sandbox_agree_on_every_value() {
    let mut config = Config::for_tests(KEY);
    config.rate_limit = "100000/minute".parse().unwrap();
    let sandbox = Sandbox::start(config).await.expect("sandbox starts");
    let http = reqwest::Client::new();
    let base = format!("{}/api/v1/workspaces/demo", sandbox.base_url());
    let get = |path: String| {
        let http = http.clone();
        async move {
            http.get(path)
                .header("X-API-Key", KEY)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };

    let item = get(format!("{base}/work-items/DEMO-7/")).await;
    let (project, item_id, type_id) = (
        item["project"].as_str().unwrap().to_owned(),
        item["id"].as_str().unwrap().to_owned(),
        item["type_id"].as_str().unwrap().to_owned(),
    );
    let properties: Vec<Property> = serde_json::from_value(
        get(format!(
            "{base}/projects/{project}/work-item-types/{type_id}/work-item-properties/"
        ))
        .await,
    )
    .unwrap();
    let members: Vec<String> = get(format!("{base}/members/"))
        .await
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_owned())
        .collect();
    let items: Vec<String> = get(format!("{base}/projects/{project}/work-items/?per_page=3")).await
        ["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        properties.len() >= 15,
        "the demo type has one property of each kind"
    );

    let mut compared = 0;
    let mut disagreements = Vec::new();
    for property in &properties {
        for required in [false, true] {
            if property.property_type == PropertyType::Formula && required {
                continue;
            }
            let mut property = property.clone();
            {
                let url = format!(
                    "{base}/projects/{project}/work-item-types/{type_id}/work-item-properties/{}/",
                    property.id
                );
                let answer = http
                    .patch(url)
                    .header("X-API-Key", KEY)
                    .json(&json!({"is_required": required}))
                    .send()
                    .await
                    .unwrap();
                assert!(
                    answer.status().is_success(),
                    "{} can be made required={required}",
                    property.display_name
                );
                property.is_required = required;
            }
            for value in corpus(&property, &members, &items) {
                let url = format!(
                    "{base}/projects/{project}/work-items/{item_id}/work-item-properties/{}/values/",
                    property.id
                );
                let answer = http
                    .post(url)
                    .header("X-API-Key", KEY)
                    .json(&json!({"value": value}))
                    .send()
                    .await
                    .unwrap();
                let status = answer.status().as_u16();
                let body: Value = answer.json().await.unwrap_or(Value::Null);
                let server = if (200..300).contains(&status) {
                    Ok(())
                } else {
                    Err(body["value"][0]
                        .as_str()
                        .map(str::to_owned)
                        .unwrap_or_else(|| format!("{status} {body}")))
                };
                let core = validate_value(&property, &value)
                    .map(|_| ())
                    .map_err(|e| e.to_string());
                compared += 1;
                let membership_only = core.is_ok()
                    && matches!(&server, Err(m) if m.starts_with("Referenced user is not a member") || m.starts_with("Referenced work item does not exist"));
                if core != server && !membership_only {
                    disagreements.push(format!(
                        "{} (required={required}) {value}: core {core:?}, sandbox {server:?}",
                        property.display_name
                    ));
                }
            }
        }
    }
    assert!(compared > 1000, "compared {compared}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    sandbox.stop().await;
}
