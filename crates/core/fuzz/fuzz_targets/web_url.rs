//! Fuzzes page-URL recognition, with and without an app base.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plane_inline_core::web_url::{AppBase, Identifier, parse_work_item_url};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (base, url) = text.split_once('\n').unwrap_or(("", &text));
    let base = base.parse::<AppBase>().ok();
    if let Some(found) = parse_work_item_url(url, base.as_ref()) {
        assert!(!found.workspace.is_empty());
        if let Some(id) = found.identifier {
            assert_eq!(id.to_string().parse::<Identifier>(), Ok(id));
        }
    }
});
