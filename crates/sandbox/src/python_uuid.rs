//! Python's `uuid.UUID(text)`, exactly as CPython 3.11 reads a string: Plane's server parses
//! every option, member and work item id of a value with it.
//!
//! CPython removes every `urn:` and then every `uuid:`, strips braces from both ends, removes every
//! hyphen, requires 32 code points, and hands them to `int(text, 16)`, whose grammar is wider
//! than hex digits: surrounding whitespace (Unicode's too), a sign, a `0x` prefix, single
//! underscores between digits, and decimal digits of any script (`'٣'` reads as 3). The value
//! must then lie in `0..2**128`.

use uuid::Uuid;

/// The first code point of each run of ten decimal digits (`Nd`) outside ASCII in Unicode 14.0,
/// the version CPython 3.11's `unicodedata` has, from
/// `[c for c in range(128, 0x110000) if unicodedata.decimal(chr(c), None) == 0]`. Kept here
/// rather than taken from a crate because the table must be Python 3.11's Unicode version, not
/// the newest; the `int()` of CPython reads exactly these 650 characters as digits.
const DECIMAL_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Parses `text` as `uuid.UUID(text)` does and returns the canonical lower-case hyphenated form,
/// or `None` where Python raises `ValueError`.
pub fn parse_python_uuid(text: &str) -> Option<String> {
    let hex = text.replace("urn:", "").replace("uuid:", "");
    let hex = hex.trim_matches(['{', '}']).replace('-', "");
    if hex.chars().count() != 32 {
        return None;
    }
    int_base16(&hex).map(|value| Uuid::from_u128(value).to_string())
}

/// Python's `int(text, 16)` when the result lies in `0..2**128`; `None` when Python raises or
/// the value is outside that range (as `uuid.UUID` then refuses it).
fn int_base16(text: &str) -> Option<u128> {
    let ascii = to_ascii(text)?;
    let body = ascii.trim_matches(is_py_space);
    let (negative, body) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let body = match body.get(..2) {
        Some("0x" | "0X") => body[2..].strip_prefix('_').unwrap_or(&body[2..]),
        _ => body,
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return None;
    }
    let mut value: u128 = 0;
    for c in body.chars().filter(|c| *c != '_') {
        let digit = c.to_digit(16)?;
        value = value.checked_mul(16)?.checked_add(u128::from(digit))?;
    }
    (!negative || value == 0).then_some(value)
}

/// What CPython's `int()` does to a string before parsing it: outside ASCII, whitespace becomes
/// a space and a decimal digit its ASCII digit; any other character makes it raise.
fn to_ascii(text: &str) -> Option<String> {
    text.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if c.is_whitespace() {
                Some(' ')
            } else {
                decimal_value(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect()
}

/// The digit value of a non-ASCII decimal digit (Unicode 14.0), as `unicodedata.decimal`.
fn decimal_value(c: char) -> Option<u32> {
    let code = u32::from(c);
    DECIMAL_ZEROS
        .iter()
        .find(|zero| (**zero..**zero + 10).contains(&code))
        .map(|zero| code - zero)
}

/// CPython's `Py_ISSPACE`: the ASCII whitespace `int()` strips (space, `\t\n\v\f\r`; not
/// `\x1c`..`\x1f`, which `str.isspace` counts but `int()` refuses).
fn is_py_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each input with what CPython 3.11.7 answered
    /// (`python3 -c 'import uuid; print(uuid.UUID(text))'`; `None` where it raised).
    const CPYTHON: [(&str, Option<&str>); 34] = [
        (
            "0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6b",
            Some("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6b"),
        ),
        (
            "{0E8C3B1A5F2D4C4E9A7B1C2D3E4F5A6B}",
            Some("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6b"),
        ),
        (
            "urn:uuid:0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6b",
            Some("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6b"),
        ),
        (
            "uurn:uid:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "{{aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa}",
            Some("aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "0e8c-3b1a5f2d4c4e9a7b1c2d3e4f-5a6b",
            Some("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6b"),
        ),
        (
            "0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("00aaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "0X_aaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("000aaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            " aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("0aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
            Some("0aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "\x0baaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("0aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "\u{a0}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("0aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "\u{85}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("0aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            Some("0aaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "a_a_a_a_a_a_a_a_a_a_a_a_a_a_a_aa",
            Some("00000000-0000-000a-aaaa-aaaaaaaaaaaa"),
        ),
        (
            "\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}\u{663}",
            Some("33333333-3333-3333-3333-333333333333"),
        ),
        (
            "\u{1d7ce}\u{1d7cf}000000000000000000000000000000",
            Some("01000000-0000-0000-0000-000000000000"),
        ),
        (
            "\u{ff19}fffffffffffffffffffffffffffffff",
            Some("9fffffff-ffff-ffff-ffff-ffffffffffff"),
        ),
        ("", None),
        ("alpha", None),
        ("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6", None),
        ("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6bb", None),
        ("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6g", None),
        ("-0000000000000000000000000000000", None),
        ("0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa ", None),
        ("\x1caaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None),
        ("\u{180e}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None),
        (
            "\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}\u{ff21}",
            None,
        ),
        ("_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", None),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_", None),
        ("aaaaaaaaaaaaaaa__aaaaaaaaaaaaaaa", None),
        ("0x__aaaaaaaaaaaaaaaaaaaaaaaaaaaa", None),
        ("aaaaaaaaaaaaaaa aaaaaaaaaaaaaaaa", None),
        ("0x                              ", None),
    ];

    #[test]
    fn reads_what_cpython_reads() {
        for (text, want) in CPYTHON {
            assert_eq!(parse_python_uuid(text).as_deref(), want, "{text:?}");
        }
    }

    /// `[hex(c) for c in range(128, 0x110000) if chr(c).isspace()]` in CPython 3.11: the
    /// characters `int()` turns into a space, which must be exactly Rust's non-ASCII whitespace.
    const PYTHON_SPACES: [u32; 19] = [
        0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
        0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
    ];

    #[test]
    fn non_ascii_whitespace_is_pythons() {
        let rust: Vec<u32> = (0x80..=0x10_FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .map(u32::from)
            .collect();
        assert_eq!(rust, PYTHON_SPACES);
    }

    #[test]
    fn the_digit_table_has_ten_digits_per_run() {
        assert_eq!(decimal_value('\u{660}'), Some(0));
        assert_eq!(decimal_value('\u{669}'), Some(9));
        assert_eq!(decimal_value('\u{66a}'), None);
        assert_eq!(decimal_value('\u{1fbf9}'), Some(9));
        assert_eq!(decimal_value('\u{ff21}'), None);
    }
}
