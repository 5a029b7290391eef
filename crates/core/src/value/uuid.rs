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
/// or `None` when it raises; a negative value is refused as `uuid.UUID` refuses it.
fn python_hex_int(text: &str) -> Option<String> {
    let body = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, body) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
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
    let digits = digits.trim_start_matches('0').to_owned();
    if negative && !digits.is_empty() {
        return None;
    }
    Some(digits)
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
        ] {
            assert_eq!(canonical_uuid(text), None, "{text:?}");
        }
    }
}
