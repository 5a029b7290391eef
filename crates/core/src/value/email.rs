//! EMAIL values, checked as Django's `validate_email` checks them.
//!
//! Django refuses empty text, text without `@` or over 320 characters; splits at the last `@`;
//! needs the local part to be a dot-atom or a quoted string; and needs the domain to be
//! `localhost`, labels of letters, digits and inner hyphens ending in a top-level label of 2 to
//! 63 characters, or a bracketed IPv4/IPv6 literal. A domain that fails is tried once more after
//! IDNA encoding, so `müller.de` passes as `xn--mller-kva.de`. Not mirrored: IDNA's nameprep
//! mapping beyond lower-casing.

use std::net::IpAddr;

/// Whether Django's `validate_email` accepts `text`.
pub fn is_valid_email(text: &str) -> bool {
    if text.is_empty() || !text.contains('@') || text.chars().count() > 320 {
        return false;
    }
    let Some((user, domain)) = text.rsplit_once('@') else {
        return false;
    };
    if !user_part_ok(user) {
        return false;
    }
    domain == "localhost"
        || domain_part_ok(domain)
        || idna_encode(domain).is_some_and(|ace| domain_part_ok(&ace))
}

fn is_atom_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-!#$%&'*+/=?^_`{}|~".contains(c)
}

/// Dot-atom (`a.b+c`) or quoted string (`"any thing"`), as Django's `user_regex`.
fn user_part_ok(user: &str) -> bool {
    let dot_atom = !user.is_empty()
        && user
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atom_char));
    dot_atom || quoted_ok(user)
}

fn quoted_ok(user: &str) -> bool {
    let Some(inner) = user.strip_prefix('"').and_then(|u| u.strip_suffix('"')) else {
        return false;
    };
    if user.len() < 2 {
        return false;
    }
    let plain = |c: char| matches!(c as u32, 1..=8 | 11 | 12 | 14..=31 | 33 | 35..=91 | 93..=127);
    let escaped = |c: char| matches!(c as u32, 1..=9 | 11 | 12 | 14..=127);
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(next) if escaped(next) => {}
                _ => return false,
            }
        } else if !plain(c) {
            return false;
        }
    }
    true
}

/// Django's `validate_domain_part`: the host-name pattern, or a bracketed IP literal.
fn domain_part_ok(domain: &str) -> bool {
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        let chars_ok = !literal.is_empty()
            && literal
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        return chars_ok && literal.parse::<IpAddr>().is_ok();
    }
    let Some((labels, tld)) = domain.rsplit_once('.') else {
        return false;
    };
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let tld_ok = (2..=63).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !tld.ends_with('-');
    tld_ok && labels.split('.').all(label_ok)
}

/// Python's `domain.encode("idna")` (IDNA 2003 ToASCII per label), `None` when it raises.
///
/// Not the WHATWG/UTS 46 mapping that hosts in URLs get (`idna::domain_to_ascii`): Python's
/// codec is IDNA 2003, which maps and refuses differently (`ß` becomes `ss`), and Django's
/// answer is the one to match, so only the punycode step is shared.
fn idna_encode(domain: &str) -> Option<String> {
    let mut labels: Vec<&str> = domain
        .split(['.', '\u{3002}', '\u{ff0e}', '\u{ff61}'])
        .collect();
    let trailing_dot = labels.len() > 1 && labels.last() == Some(&"");
    if trailing_dot {
        labels.pop();
    }
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        let ace = if label.is_ascii() {
            label.to_owned()
        } else {
            format!("xn--{}", idna::punycode::encode_str(&label.to_lowercase())?)
        };
        if ace.is_empty() || ace.len() > 63 {
            return None;
        }
        out.push(ace);
    }
    let mut joined = out.join(".");
    if trailing_dot {
        joined.push('.');
    }
    Some(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_django_accepts() {
        for email in [
            "user@example.com",
            "first.last+tag@sub.example.co.uk",
            "o'hara@example.ie",
            "\"john.doe!\"@example.com",
            "\"a\\\"b\"@example.com",
            "admin@localhost",
            "user@[127.0.0.1]",
            "user@[::1]",
            "user@müller.de",
            "a@b.c0",
        ] {
            assert!(is_valid_email(email), "{email} should be valid");
        }
    }

    #[test]
    fn refuses_what_django_refuses() {
        for email in [
            "",
            "plainaddress",
            "@example.com",
            "user@",
            "user@example",
            "user@-example.com",
            "user@example-.com",
            "user@example.c",
            "user@example.com-",
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "us er@example.com",
            "\"john doe\"@example.com",
            "user@exa mple.com",
            "user@[300.1.1.1]",
            "user@LOCALHOST",
            "user@example.com.",
        ] {
            assert!(!is_valid_email(email), "{email} should be invalid");
        }
        assert!(!is_valid_email(&format!("{}@example.com", "a".repeat(320))));
    }

    #[test]
    fn idna_encoding_matches_python() {
        assert_eq!(
            idna_encode("Bücher.example").as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(
            idna_encode("müller.de.").as_deref(),
            Some("xn--mller-kva.de.")
        );
        assert_eq!(idna_encode("☃.net").as_deref(), Some("xn--n3h.net"));
        assert_eq!(idna_encode("a..b"), None);
        assert_eq!(idna_encode(&"ü".repeat(70)), None);
    }
}
