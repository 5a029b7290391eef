//! Fuzzes value validation, editor input and stored values against every property kind.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plane_inline_core::property::Property;
use plane_inline_core::value::{External, Input, build_value_payload, from_stored, parse_input, validate_value};
use serde_json::json;

const KINDS: [(&str, Option<&str>); 12] = [
    ("TEXT", None), ("URL", None), ("EMAIL", None), ("FILE", None), ("DATETIME", None), ("DECIMAL", None),
    ("BOOLEAN", None), ("OPTION", None), ("RELATION", Some("USER")), ("RELATION", Some("ISSUE")),
    ("RELATION", Some("RELEASE")), ("FORMULA", None),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let (kind, relation) = KINDS[usize::from(selector) % KINDS.len()];
    let property: Property = match serde_json::from_value(json!({
        "id": "p", "display_name": "Field", "property_type": kind, "relation_type": relation,
        "is_required": selector & 0x40 != 0, "is_multi": selector & 0x80 != 0,
        "options": [{"id": "11111111-1111-4111-8111-111111111111", "name": "One"}]
    })) {
        Ok(p) => p,
        Err(_) => return,
    };
    let text = String::from_utf8_lossy(rest);
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
        if let Ok(Input::Set(typed)) = validate_value(&property, &value) {
            assert_eq!(validate_value(&property, &typed.to_json()), Ok(Input::Set(typed)));
            assert!(build_value_payload(&property, &value, &External::default()).is_ok());
        }
    }
    if let Ok(Input::Set(typed)) = parse_input(&property, &text) {
        assert!(validate_value(&property, &typed.to_json()).is_ok());
    }
    let _ = from_stored(&property, &[text.to_string()]);
});
