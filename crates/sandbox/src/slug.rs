//! Django's `slugify`, which Plane applies to a property's `display_name` to derive its `name`.

use unicode_normalization::UnicodeNormalization;

/// Slugifies like Django without `allow_unicode`: NFKD, drop non-ASCII, lower-case, drop
/// characters other than word characters, spaces and hyphens, collapse runs of spaces and
/// hyphens into one hyphen, and strip leading and trailing hyphens and underscores.
pub fn slugify(text: &str) -> String {
    let ascii: String = text.nfkd().filter(char::is_ascii).collect();
    let kept: String = ascii
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || is_py_space(*c))
        .collect();
    let mut out = String::with_capacity(kept.len());
    let mut in_run = false;
    for c in kept.chars() {
        if c == '-' || is_py_space(c) {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out.trim_matches(|c| c == '-' || c == '_').to_owned()
}

/// ASCII whitespace as Python's `\s` sees it.
fn is_py_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1c'..='\x1f'
    )
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugifies_like_django() {
        assert_eq!(slugify("Story Points"), "story-points");
        assert_eq!(slugify("  Due -- Date  "), "due-date");
        assert_eq!(slugify("Crème brûlée!"), "creme-brulee");
        assert_eq!(slugify("_private_"), "private");
        assert_eq!(slugify("ETA (days)"), "eta-days");
        assert_eq!(slugify("日本"), "");
    }
}
