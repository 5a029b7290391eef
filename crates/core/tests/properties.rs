//! Property-based checks of core's rules: nothing panics, and what core builds, core accepts.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use plane_inline_core::property::Property;
use plane_inline_core::value::{
    External, Input, build_value_payload, format_for_input, parse_input, validate_value,
};
use proptest::prelude::*;
use serde_json::{Value as Json, json};

const OPTIONS: [&str; 3] = [
    "11111111-1111-4111-8111-111111111111",
    "22222222-2222-4222-8222-222222222222",
    "33333333-3333-4333-8333-333333333333",
];

fn property_strategy() -> impl Strategy<Value = Property> {
    let kind = prop_oneof![
        Just(("TEXT", None)),
        Just(("URL", None)),
        Just(("EMAIL", None)),
        Just(("FILE", None)),
        Just(("DATETIME", None)),
        Just(("DECIMAL", None)),
        Just(("BOOLEAN", None)),
        Just(("OPTION", None)),
        Just(("RELATION", Some("USER"))),
        Just(("RELATION", Some("ISSUE"))),
        Just(("RELATION", Some("RELEASE"))),
        Just(("FORMULA", None)),
        Just(("SOMETHING_NEW", None)),
    ];
    (kind, any::<bool>(), any::<bool>()).prop_map(|((kind, relation), required, multi)| {
        serde_json::from_value(json!({
            "id": "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            "display_name": "Field",
            "property_type": kind,
            "relation_type": relation,
            "is_required": required,
            "is_multi": multi,
            "options": OPTIONS.iter().enumerate().map(|(i, id)| json!({"id": id, "name": format!("Choice {i}")})).collect::<Vec<_>>()
        }))
        .expect("a valid property")
    })
}

fn json_strategy() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Json::from),
        "\\PC{0,30}".prop_map(Json::from),
        prop::sample::select(OPTIONS.to_vec()).prop_map(Json::from),
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}( [0-9]{1,2}:[0-9]{2}:[0-9]{2})?".prop_map(Json::from),
        "(https?|ftp|mailto)://[a-z0-9.-]{0,20}(:[0-9]{1,6})?(/\\PC{0,10})?".prop_map(Json::from),
        "[a-z.+]{0,10}@[a-z0-9.-]{0,15}".prop_map(Json::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..2)
                .prop_map(|m| Json::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn validation_never_panics_and_accepted_values_are_stable(property in property_strategy(), value in json_strategy()) {
        match validate_value(&property, &value) {
            Ok(Input::Set(typed)) => {
                // What core would send is accepted again, unchanged.
                let sent = typed.to_json();
                prop_assert_eq!(validate_value(&property, &sent), Ok(Input::Set(typed.clone())));
                let built = build_value_payload(&property, &value, &External::default()).expect("accepted above");
                prop_assert_eq!(built.payload.value, sent);
                prop_assert_eq!(built.typed, Input::Set(typed));
            }
            Ok(Input::Clear) => {
                // Only an empty value clears, and only where the property is not required.
                prop_assert!(!property.is_required);
                let empty = [serde_json::json!(""), serde_json::json!([]), serde_json::json!({})];
                prop_assert!(empty.contains(&value), "{} cleared", value);
            }
            Err(_) => {}
        }
    }

    #[test]
    fn editor_input_never_panics_and_round_trips(property in property_strategy(), text in "\\PC{0,40}") {
        if let Ok(Input::Set(value)) = parse_input(&property, &text) {
            prop_assert!(validate_value(&property, &value.to_json()).is_ok());
            let again = parse_input(&property, &format_for_input(&property, &value));
            prop_assert_eq!(again, Ok(Input::Set(value)));
        }
    }
}
