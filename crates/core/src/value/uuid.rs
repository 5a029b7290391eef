//! UUIDs read as Python's `uuid.UUID(text)` reads them.

/// Returns the canonical lower-case hyphenated form of `text` when Python's `uuid.UUID` accepts it.
///
/// Python drops `urn:` and `uuid:`, strips surrounding braces, removes every hyphen, and then
/// needs exactly 32 characters that `int(_, 16)` reads: optional surrounding whitespace, an
/// optional sign, and hex digits with single underscores between them.
pub fn canonical_uuid(text: &str) -> Option<String> {
    let hex = text.replace("urn:", "").replace("uuid:", "");
    let hex: String = hex.trim_matches(|c| c == '{' || c == '}').replace('-', "");
    if hex.chars().count() != 32 {
        return None;
    }
    let digits = python_hex_int(&hex)?;
    if digits.len() > 32 {
        return None;
    }
    let padded = format!("{digits:0>32}");
    Some(format!(
        "{}-{}-{}-{}-{}",
        &padded[0..8],
        &padded[8..12],
        &padded[12..16],
        &padded[16..20],
        &padded[20..32]
    ))
}

/// The hex digits (lower case, leading zeros dropped) of what Python's `int(text, 16)` reads,
/// or `None` when it raises. (No `-` sign can reach it: `uuid.UUID` removes hyphens first.)
fn python_hex_int(text: &str) -> Option<String> {
    let text = python_ascii(text)?;
    let body = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r'));
    let body = body.strip_prefix('+').unwrap_or(body);
    let body = body
        .strip_prefix("0x")
        .or_else(|| body.strip_prefix("0X"))
        .map_or(body, |rest| rest.strip_prefix('_').unwrap_or(rest));
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let mut digits = String::with_capacity(32);
    for c in body.chars().filter(|c| *c != '_') {
        if !c.is_ascii_hexdigit() {
            return None;
        }
        digits.push(c.to_ascii_lowercase());
    }
    Some(digits.trim_start_matches('0').to_owned())
}

/// What CPython's `int()` makes of a string before reading it: outside ASCII, whitespace becomes
/// a space and a decimal digit of any script its ASCII digit (`'٣'` is 3); any other character
/// makes it raise.
fn python_ascii(text: &str) -> Option<String> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if c.is_whitespace() {
                Some(' ')
            } else {
                decimal_digit(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect()
}

/// The first code point of each run of ten decimal digits (`Nd`) outside ASCII in Unicode 14.0,
/// the version of CPython 3.11's `unicodedata`: `[c for c in range(128, 0x110000) if
/// unicodedata.decimal(chr(c), None) == 0]`. Our own table rather than a crate's, because it
/// must be Python's Unicode version, not the newest, and it costs 260 bytes.
const DECIMAL_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a non-ASCII decimal digit, as `unicodedata.decimal` gives it.
fn decimal_digit(c: char) -> Option<u32> {
    let code = u32::from(c);
    DECIMAL_ZEROS
        .iter()
        .find(|zero| (**zero..**zero + 10).contains(&code))
        .map(|zero| code - zero)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_forms_python_accepts() {
        let want = Some("8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a11".to_string());
        assert_eq!(canonical_uuid("8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a11"), want);
        assert_eq!(canonical_uuid("8C4E5A8E7C554AD59F1B2D2B0F3F0A11"), want);
        assert_eq!(
            canonical_uuid("{8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a11}"),
            want
        );
        assert_eq!(
            canonical_uuid("urn:uuid:8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a11"),
            want
        );
        assert_eq!(canonical_uuid("8c4e-5a8e7c554ad59f1b2d2b0f3f0a11"), want);
        // Python's int() reads decimal digits of any script, and Unicode spaces around them.
        assert_eq!(
            canonical_uuid("\u{a0}٨c٤e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a11"),
            None, // 33 code points with the space: uuid.UUID counts before int() strips
        );
        assert_eq!(canonical_uuid("٨c٤e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a11"), want);
        assert_eq!(canonical_uuid("８c４e5a8e7c554ad59f1b2d2b0f3f0a11"), want);
        assert_eq!(
            canonical_uuid("+0x_8c4e5a8e7c554ad59f1b2d2b0f3f"),
            Some("00008c4e-5a8e-7c55-4ad5-9f1b2d2b0f3f".to_string())
        );
    }

    #[test]
    fn refuses_the_rest() {
        for text in [
            "",
            "alpha",
            "8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a1",
            "8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a1g",
            "8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a111",
            "-c4e5a8e7c554ad59f1b2d2b0f3f0a11",
            "8c4e5a8e7c554ad59f1b2d2b0f3f0a1\u{e9}",
        ] {
            assert_eq!(canonical_uuid(text), None, "{text:?}");
        }
    }
}
