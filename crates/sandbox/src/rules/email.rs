//! Django's `validate_email`, which Plane applies to EMAIL values.

use std::net::IpAddr;

const DOT_ATOM_SPECIALS: &str = "-!#$%&'*+/=?^_`{}|~";

/// Whether Django's `validate_email` accepts the text.
pub fn is_valid_email(value: &str) -> bool {
    if value.is_empty() || !value.contains('@') || value.chars().count() > 320 {
        return false;
    }
    let Some((user, domain)) = value.rsplit_once('@') else {
        return false;
    };
    if !is_user_part(user) {
        return false;
    }
    domain == "localhost" || is_domain_part(domain) || is_idn_domain(domain)
}

/// Dot-atom (`a.b+c`) or quoted string (`"a b"`).
fn is_user_part(user: &str) -> bool {
    let atom = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || DOT_ATOM_SPECIALS.contains(c))
    };
    if !user.is_empty() && user.split('.').all(atom) {
        return true;
    }
    let Some(inner) = user.strip_prefix('"').and_then(|u| u.strip_suffix('"')) else {
        return false;
    };
    if user.len() < 2 {
        return false;
    }
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        let code = c as u32;
        if c == '\\' {
            match chars.next().map(|e| e as u32) {
                Some(e)
                    if (1..=9).contains(&e) || e == 11 || e == 12 || (14..=127).contains(&e) => {}
                _ => return false,
            }
        } else {
            let allowed = (1..=8).contains(&code)
                || code == 11
                || code == 12
                || (14..=31).contains(&code)
                || code == 33
                || (35..=91).contains(&code)
                || (93..=127).contains(&code);
            if !allowed {
                return false;
            }
        }
    }
    true
}

/// `((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))` or `[ip literal]`.
fn is_domain_part(domain: &str) -> bool {
    if let Some(inner) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
            && inner.parse::<IpAddr>().is_ok();
    }
    labels_match(domain, |c| c.is_ascii_alphanumeric())
}

/// Django retries an internationalised domain in punycode; a punycoded label is ASCII
/// letters, digits and hyphens, so non-ASCII alphanumerics count as label characters here.
fn is_idn_domain(domain: &str) -> bool {
    !domain.is_ascii() && labels_match(domain, char::is_alphanumeric)
}

fn labels_match(domain: &str, is_label_char: impl Fn(char) -> bool) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some((tld, head)) = labels.split_last() else {
        return false;
    };
    if head.is_empty() {
        return false;
    }
    let label_ok = |l: &&str| {
        let chars: Vec<char> = l.chars().collect();
        match (chars.first(), chars.last()) {
            (Some(f), Some(last)) => {
                chars.len() <= 63
                    && is_label_char(*f)
                    && is_label_char(*last)
                    && chars.iter().all(|c| is_label_char(*c) || *c == '-')
            }
            _ => false,
        }
    };
    let tld_len = tld.chars().count();
    head.iter().all(label_ok)
        && (2..=63).contains(&tld_len)
        && !tld.ends_with('-')
        && tld.chars().all(|c| is_label_char(c) || c == '-')
}

#[cfg(test)]
mod tests {
    use super::is_valid_email;

    #[test]
    fn accepts_what_django_accepts() {
        for email in [
            "user@example.com",
            "first.last+tag@sub.example.co.uk",
            "o'hara@example.ie",
            "\"john..doe\"@example.com",
            "user@localhost",
            "user@[127.0.0.1]",
            "user@[::1]",
            "user@example.c0m",
            "user@bücher.de",
        ] {
            assert!(is_valid_email(email), "{email} should be valid");
        }
    }

    #[test]
    fn rejects_what_django_rejects() {
        for email in [
            "",
            "plainaddress",
            "@example.com",
            "user@",
            "user@example",
            "user@.com",
            "user.@example.com",
            ".user@example.com",
            "us..er@example.com",
            "user@-example.com",
            "user@example.c",
            "user@example.com-",
            "user name@example.com",
            "\"john doe\"@example.com",
            "user@[300.1.1.1]",
            "user@LOCALHOST",
        ] {
            assert!(!is_valid_email(email), "{email:?} should be invalid");
        }
    }
}
