//! Fuzzes cursor parsing: no panic, and every accepted cursor formats back to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plane_inline_core::cursor::Cursor;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(cursor) = text.parse::<Cursor>() {
        assert_eq!(cursor.to_string().parse::<Cursor>(), Ok(cursor));
    }
});
