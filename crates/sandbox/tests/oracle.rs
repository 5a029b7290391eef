//! Core and the sandbox judge values independently (design: the sandbox is an independent
//! oracle). For every writable DEMO property, core's verdict and message must equal what the
//! sandbox answers over HTTP: on a fixed corpus of tricky values, and on values that proptest
//! generates per property kind, valid and invalid alike, including every string form of a UUID
//! that Python's `uuid.UUID` reads. Allowed differences are listed in [`excused`].
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plane_inline_core::property::{Property, PropertyType, RelationType};
use plane_inline_core::value::validate_value;
use plane_inline_sandbox::{Config, Sandbox};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestCaseError, TestRunner};
use serde_json::{Value, json};
use std::cell::RefCell;
use std::collections::HashMap;
use tokio::runtime::Runtime;

const KEY: &str = "plane_api_0123456789abcdef0123456789abcdef";

/// A running sandbox with the demo seed, and what the tests need from it.
struct Oracle {
    runtime: Runtime,
    sandbox: Option<Sandbox>,
    http: reqwest::Client,
    /// `.../api/v1/workspaces/demo`.
    base: String,
    project: String,
    type_id: String,
    item_id: String,
    properties: Vec<Property>,
    members: Vec<String>,
    items: Vec<String>,
    /// Each property's `is_required` as the sandbox has it now.
    required: RefCell<HashMap<String, bool>>,
}

impl Oracle {
    fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let mut config = Config::for_tests(KEY);
        config.rate_limit = "1000000/minute".parse().unwrap();
        let sandbox = runtime
            .block_on(Sandbox::start(config))
            .expect("sandbox starts");
        let base = format!("{}/api/v1/workspaces/demo", sandbox.base_url());
        let mut oracle = Self {
            runtime,
            sandbox: Some(sandbox),
            http: {
                let _already_installed = rustls::crypto::ring::default_provider().install_default();
                reqwest::Client::new()
            },
            base,
            project: String::new(),
            type_id: String::new(),
            item_id: String::new(),
            properties: Vec::new(),
            members: Vec::new(),
            items: Vec::new(),
            required: RefCell::new(HashMap::new()),
        };
        let item = oracle.get("/work-items/DEMO-7/");
        oracle.project = item["project"].as_str().unwrap().to_owned();
        oracle.item_id = item["id"].as_str().unwrap().to_owned();
        oracle.type_id = item["type_id"].as_str().unwrap().to_owned();
        oracle.properties = serde_json::from_value(oracle.get(&format!(
            "/projects/{}/work-item-types/{}/work-item-properties/",
            oracle.project, oracle.type_id
        )))
        .unwrap();
        let ids = |list: &Value| -> Vec<String> {
            list.as_array()
                .unwrap()
                .iter()
                .map(|m| m["id"].as_str().unwrap().to_owned())
                .collect()
        };
        oracle.members = ids(&oracle.get("/members/"));
        oracle.items = ids(&oracle.get(&format!(
            "/projects/{}/work-items/?per_page=3",
            oracle.project
        ))["results"]);
        assert!(
            oracle.properties.len() >= 15,
            "the demo type has one property of each kind"
        );
        *oracle.required.borrow_mut() = oracle
            .properties
            .iter()
            .map(|p| (p.id.clone(), p.is_required))
            .collect();
        oracle
    }

    fn get(&self, path: &str) -> Value {
        self.runtime.block_on(async {
            self.http
                .get(format!("{}{path}", self.base))
                .header("X-API-Key", KEY)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        })
    }

    /// The property as the sandbox will judge it, after making it (not) required.
    fn with_required(&self, property: &Property, required: bool) -> Property {
        let mut property = property.clone();
        if self.required.borrow().get(&property.id) != Some(&required) {
            let url = format!(
                "{}/projects/{}/work-item-types/{}/work-item-properties/{}/",
                self.base, self.project, self.type_id, property.id
            );
            let status = self.runtime.block_on(async {
                self.http
                    .patch(url)
                    .header("X-API-Key", KEY)
                    .json(&json!({"is_required": required}))
                    .send()
                    .await
                    .unwrap()
                    .status()
            });
            assert!(
                status.is_success(),
                "{} can be made required={required}",
                property.display_name
            );
            self.required
                .borrow_mut()
                .insert(property.id.clone(), required);
        }
        property.is_required = required;
        property
    }

    /// The sandbox's verdict over HTTP: accepted, or its message.
    fn sandbox_verdict(&self, property: &Property, value: &Value) -> Result<(), String> {
        let url = format!(
            "{}/projects/{}/work-items/{}/work-item-properties/{}/values/",
            self.base, self.project, self.item_id, property.id
        );
        let (status, body) = self.runtime.block_on(async {
            let answer = self
                .http
                .post(url)
                .header("X-API-Key", KEY)
                .json(&json!({ "value": value }))
                .send()
                .await
                .unwrap();
            let status = answer.status().as_u16();
            (status, answer.json::<Value>().await.unwrap_or(Value::Null))
        });
        if (200..300).contains(&status) {
            Ok(())
        } else {
            Err(body["value"][0]
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| format!("{status} {body}")))
        }
    }

    /// `None` when core and the sandbox agree on `value` (or differ only as [`excused`]).
    fn disagreement(&self, property: &Property, value: &Value) -> Option<String> {
        let server = self.sandbox_verdict(property, value);
        let core = validate_value(property, value)
            .map(|_| ())
            .map_err(|e| e.to_string());
        (core != server && !excused(value, &core, &server)).then(|| {
            format!(
                "{} (required={}) {value}: core {core:?}, sandbox {server:?}",
                property.display_name, property.is_required
            )
        })
    }

    /// The ids a property of this kind refers to (options, members or work items).
    fn references(&self, property: &Property) -> Vec<String> {
        match (&property.property_type, property.relation_type.as_ref()) {
            (PropertyType::Option, _) => property.options.iter().map(|o| o.id.clone()).collect(),
            (PropertyType::Relation, Some(RelationType::User)) => self.members.clone(),
            (PropertyType::Relation, Some(RelationType::Issue)) => self.items.clone(),
            _ => Vec::new(),
        }
    }

    /// Whether the sandbox lets the property be made required (FORMULA is never required).
    fn can_require(property: &Property) -> bool {
        property.property_type != PropertyType::Formula
    }
}

impl Drop for Oracle {
    fn drop(&mut self) {
        if let Some(sandbox) = self.sandbox.take() {
            self.runtime.block_on(sandbox.stop());
        }
    }
}

/// The one difference allowed: core cannot know workspace membership, so a well-formed but
/// unknown relation id passes core and only the server refuses it.
fn excused(_value: &Value, core: &Result<(), String>, server: &Result<(), String>) -> bool {
    core.is_ok()
        && matches!(server, Err(m) if m.starts_with("Referenced user is not a member")
            || m.starts_with("One or more referenced users are not members")
            || m.starts_with("Referenced work item does not exist"))
}

/// Tricky values of every kind, and every id in several of the string forms Python reads.
fn corpus(references: &[String], others: &[String]) -> Vec<Value> {
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
        // UUID forms Python reads beyond hex digits: a `0x` prefix, whitespace, a sign and
        // underscores, each keeping the 32 characters `uuid.UUID` counts.
        json!("0x000000000000000000000000000001"),
        json!(" 0000000000000000000000000000001"),
        json!("+0000000000000000000000000000001"),
        json!("0_00000000000000000000000000001"),
        json!("0x_00000000000000000000000000001"),
        json!("0000000000000000000000000000001 "),
        json!("0000000000000000000000000000001\u{a0}"),
        json!("\u{1c}0000000000000000000000000000001"),
    ];
    for id in references.iter().chain(others) {
        let hex = id.replace('-', "");
        values.push(json!(id));
        values.push(json!(id.to_uppercase()));
        values.push(json!([id]));
        values.push(json!(format!("{{{id}}}")));
        values.push(json!(format!("urn:uuid:{id}")));
        values.push(json!(hex));
        values.push(json!(format!("{}-{}", &hex[..4], &hex[4..])));
        values.push(json!(format!(" {}", &hex[1..])));
        values.push(json!(format!("0x{}", &hex[2..])));
    }
    if let [first, .., last] = references {
        values.push(json!([first, last]));
        values.push(json!([first, "00000000-0000-4000-8000-000000000000"]));
        values.push(json!([first, "nope"]));
        values.push(json!([first, first.to_uppercase()]));
    }
    if let [a, b, ..] = others {
        values.push(json!([a, b]));
    }
    values
}

#[test]
fn core_and_sandbox_agree_on_a_fixed_corpus() {
    let oracle = Oracle::start();
    // Two members and two work items, sent to every property whatever it refers to.
    let others: Vec<String> = oracle
        .members
        .iter()
        .take(2)
        .chain(oracle.items.iter().take(2))
        .cloned()
        .collect();
    let mut compared = 0;
    let mut disagreements = Vec::new();
    for property in &oracle.properties {
        for required in [false, true] {
            if required && !Oracle::can_require(property) {
                continue;
            }
            let property = oracle.with_required(property, required);
            for value in corpus(&oracle.references(&property), &others) {
                compared += 1;
                disagreements.extend(oracle.disagreement(&property, &value));
            }
        }
    }
    assert!(compared > 1500, "compared {compared}");
    assert!(
        disagreements.is_empty(),
        "{} disagreements:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

/// Whitespace of every kind `int()` meets: ASCII that it strips, Unicode that it maps to a
/// space, and characters that look blank but make it raise.
const BLANKS: [&str; 8] = [
    " ", "\t", "\n", "\x0b", "\u{a0}", "\u{2003}", "\u{1c}", "\u{180e}",
];

/// The zero of scripts whose decimal digits `int()` reads (Arabic-Indic, fullwidth,
/// mathematical bold), and of fullwidth letters, which it does not read.
const DIGIT_ZEROS: [char; 3] = ['\u{660}', '\u{ff10}', '\u{1d7ce}'];

/// One string form of the UUID `id` (canonical, lower-case hyphenated): `form` picks the form,
/// `at` a position and `pick` an element where the form needs one. Forms that need leading zeros
/// (`0x`, a sign, padding, underscores) are valid only for ids that have them, and a length
/// error otherwise: both sides are exercised.
fn uuid_form(id: &str, form: u8, at: usize, pick: usize) -> String {
    let hex = id.replace('-', "");
    let at = at % 31 + 1;
    match form {
        0 => id.to_owned(),
        1 => id.to_uppercase(),
        2 => hex,
        3 => format!("{{{id}}}"),
        4 => format!("{{{{{hex}}}"),
        5 => format!("urn:uuid:{id}"),
        6 => format!("uuid:{hex}"),
        7 => format!("{}-{}-", &hex[..at], &hex[at..]),
        8 => format!("0x{}", &hex[2..]),
        9 => format!("0X_{}", &hex[3..]),
        10 => format!("{}{}", BLANKS[pick % BLANKS.len()], &hex[1..]),
        11 => format!("{}{}", &hex[1..], BLANKS[pick % BLANKS.len()]),
        12 => format!("+{}", &hex[1..]),
        13 => {
            let rest = &hex[1..];
            let at = at.min(rest.len() - 1);
            format!("{}_{}", &rest[..at], &rest[at..])
        }
        14 => {
            let zero = u32::from(DIGIT_ZEROS[pick % DIGIT_ZEROS.len()]);
            id.chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(zero + d).unwrap_or(c),
                    None => c,
                })
                .collect()
        }
        15 => id
            .chars()
            .map(|c| match c {
                'a'..='f' => char::from_u32(u32::from(c) - u32::from('a') + 0xff41).unwrap_or(c),
                _ => c,
            })
            .collect(),
        16 => hex[..31].to_owned(),
        17 => format!("{hex}0"),
        _ => {
            let mut chars: Vec<char> = hex.chars().collect();
            chars[at] = ['g', 'G', ' ', '_', '-', '{', 'x', '\u{663}'][pick % 8];
            chars.into_iter().collect()
        }
    }
}

/// UUID strings in every form, of the given ids or of random UUIDs with leading zeros (so that
/// the forms needing them are valid).
fn uuid_strings(ids: Vec<String>) -> BoxedStrategy<String> {
    let random = (any::<u128>(), 0..12u32).prop_map(|(n, zeros)| {
        uuid::Uuid::from_u128(n.checked_shr(zeros * 4).unwrap_or(0)).to_string()
    });
    let id = if ids.is_empty() {
        random.boxed()
    } else {
        prop_oneof![3 => prop::sample::select(ids), 1 => random].boxed()
    };
    (id, 0..19u8, any::<usize>(), any::<usize>())
        .prop_map(|(id, form, at, pick)| uuid_form(&id, form, at, pick))
        .boxed()
}

/// Any JSON a client might send, shaped or not.
fn any_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..3).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 6, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..2)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Values aimed at one property: shapes its kind accepts, near misses, and anything at all.
fn values_for(property: &Property, references: Vec<String>) -> BoxedStrategy<Value> {
    let aimed: BoxedStrategy<Value> = match property.property_type {
        PropertyType::Text | PropertyType::File => {
            prop_oneof!["\\PC{0,20}", "[ \t\n]{0,2}", "[a-z]{0,3}\\s{0,2}"]
                .prop_map(Value::from)
                .boxed()
        }
        PropertyType::Url => {
            "(https?|ftps?|HTTPS|mailto|file|ws)?(://)?(localhost|[a-z0-9-]{1,8}(\\.[a-z0-9-]{1,6}){0,3}|[0-9]{1,3}(\\.[0-9]{1,3}){3}|\\[[0-9a-f:]{2,14}\\]|müller\\.de|xn--[a-z0-9]{1,6}\\.com)(:[0-9]{1,6})?(/[a-zA-Z0-9 %?#=&._~-]{0,12})?"
                .prop_map(Value::from)
                .boxed()
        }
        PropertyType::Email => {
            "(\"[a-z @]{0,5}\"|[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]{0,10})@(localhost|[a-z0-9-]{1,8}(\\.[a-z0-9-]{1,6}){0,3}|\\[[0-9.]{7,15}\\]|\\[IPv6:[0-9a-f:]{2,12}\\]|müller\\.de)"
                .prop_map(Value::from)
                .boxed()
        }
        PropertyType::DateTime => prop_oneof![
            (0u32..10000, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            "[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?( |Z)?",
        ]
        .prop_map(Value::from)
        .boxed(),
        PropertyType::Decimal => prop_oneof![
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            "-?[0-9]{1,4}(\\.[0-9]{1,3})?".prop_map(Value::from),
        ]
        .boxed(),
        PropertyType::Boolean => prop_oneof![
            any::<bool>().prop_map(Value::Bool),
            prop::sample::select(vec!["true", "false", "True", "1", ""]).prop_map(Value::from),
            (0i64..2).prop_map(Value::from),
        ]
        .boxed(),
        PropertyType::Option | PropertyType::Relation => {
            let one = uuid_strings(references);
            prop_oneof![
                one.clone().prop_map(Value::from),
                prop::collection::vec(one, 0..4)
                    .prop_map(|ids| Value::Array(ids.into_iter().map(Value::from).collect())),
            ]
            .boxed()
        }
        _ => any_json(),
    };
    prop_oneof![3 => aimed, 1 => any_json()].boxed()
}

#[test]
fn core_and_sandbox_agree_on_generated_values() {
    let oracle = Oracle::start();
    let cases = oracle
        .properties
        .iter()
        .enumerate()
        .map(|(index, property)| {
            let required = if Oracle::can_require(property) {
                any::<bool>().boxed()
            } else {
                Just(false).boxed()
            };
            (
                Just(index),
                required,
                values_for(property, oracle.references(property)),
            )
        })
        .collect::<Vec<_>>();
    let strategy = prop::strategy::Union::new(cases);
    let mut runner = TestRunner::new(RunnerConfig {
        // `PROPTEST_CASES=N` runs a deeper search.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(4000),
        failure_persistence: None,
        ..RunnerConfig::default()
    });
    let outcome = runner.run(&strategy, |(index, required, value)| {
        let property = oracle.with_required(&oracle.properties[index], required);
        match oracle.disagreement(&property, &value) {
            None => Ok(()),
            Some(difference) => Err(TestCaseError::fail(difference)),
        }
    });
    if let Err(failure) = outcome {
        panic!("core and the sandbox disagree: {failure}");
    }
}
