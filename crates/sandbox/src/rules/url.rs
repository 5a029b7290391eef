//! Django's `URLValidator` (schemes http, https, ftp, ftps), which Plane applies to URL values.
//!
//! Django checks a regular expression with look-arounds; this walks the same grammar by hand:
//! `scheme://[user[:pass]@]host[:port][/?#rest]`, where host is a dotted IPv4 address, a
//! bracketed IPv6 address, `localhost`, or a domain whose last label is alphabetic (or `xn--`).

use std::net::Ipv6Addr;

const SCHEMES: [&str; 4] = ["http", "https", "ftp", "ftps"];
const MAX_LENGTH: usize = 2048;

/// Whether Django's `URLValidator()` accepts the text.
pub fn is_valid_url(value: &str) -> bool {
    if value.chars().count() > MAX_LENGTH || value.contains(['\t', '\r', '\n']) {
        return false;
    }
    let scheme = value.split("://").next().unwrap_or("").to_lowercase();
    if !SCHEMES.contains(&scheme.as_str()) {
        return false;
    }
    let Some(rest) = value.get(scheme.len() + 3..) else {
        return false;
    };
    let prefix_ok = value
        .get(..scheme.len() + 3)
        .is_some_and(|p| p.ends_with("://"));
    if !prefix_ok || !matches_authority_and_path(rest) {
        return false;
    }
    hostname_fits(rest)
}

/// The regex part after `://`: optional user info, host, optional port, optional path.
fn matches_authority_and_path(rest: &str) -> bool {
    if let Some(at) = rest.find('@') {
        let (userinfo, after) = (&rest[..at], &rest[at + 1..]);
        if is_userinfo(userinfo) && matches_host_port_path(after) {
            return true;
        }
    }
    matches_host_port_path(rest)
}

/// `[^\s:@/]+(?::[^\s:@/]*)?`
fn is_userinfo(text: &str) -> bool {
    let plain = |s: &str| {
        s.chars()
            .all(|c| !c.is_whitespace() && !matches!(c, ':' | '@' | '/'))
    };
    match text.split_once(':') {
        Some((user, password)) => !user.is_empty() && plain(user) && plain(password),
        None => !text.is_empty() && plain(text),
    }
}

/// `host(?::[0-9]{1,5})?(?:[/?#][^\s]*)?\Z`
fn matches_host_port_path(text: &str) -> bool {
    let (host, rest) = if text.starts_with('[') {
        match text.find(']') {
            Some(end) => text.split_at(end + 1),
            None => return false,
        }
    } else {
        let end = text.find([':', '/', '?', '#']).unwrap_or(text.len());
        text.split_at(end)
    };
    if !is_host(host) {
        return false;
    }
    let rest = match rest.strip_prefix(':') {
        Some(after) => {
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            if !(1..=5).contains(&digits) {
                return false;
            }
            &after[digits..]
        }
        None => rest,
    };
    rest.is_empty() || (rest.starts_with(['/', '?', '#']) && !rest.chars().any(char::is_whitespace))
}

fn is_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
            && inner.parse::<Ipv6Addr>().is_ok();
    }
    is_ipv4(host) || host.eq_ignore_ascii_case("localhost") || is_domain(host)
}

/// Four octets, each `0` or a number without leading zeros up to 255.
fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.chars().all(|c| c.is_ascii_digit())
                && (p == &"0" || !p.starts_with('0'))
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Django's `ul` class: ASCII letters plus U+00A1..U+FFFF, case-insensitively.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{a1}'..='\u{ffff}').contains(&c)
}

fn is_alnum(c: char) -> bool {
    is_letter(c) || c.is_ascii_digit()
}

/// `hostname domain* tld` with an optional trailing dot.
fn is_domain(host: &str) -> bool {
    let host = host.strip_suffix('.').unwrap_or(host);
    let labels: Vec<&str> = host.split('.').collect();
    let Some((tld, head)) = labels.split_last() else {
        return false;
    };
    let Some((first, middle)) = head.split_first() else {
        return false;
    };
    is_first_label(first) && middle.iter().all(|l| is_middle_label(l)) && is_tld(tld)
}

/// `[a-z ul 0-9](?:[a-z ul 0-9-]{0,61}[a-z ul 0-9])?`
fn is_first_label(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    match (chars.first(), chars.last()) {
        (Some(f), Some(l)) => {
            chars.len() <= 63
                && is_alnum(*f)
                && is_alnum(*l)
                && chars.iter().all(|c| is_alnum(*c) || *c == '-')
        }
        _ => false,
    }
}

/// `(?!-)[a-z ul 0-9-]{1,63}(?<!-)`
fn is_middle_label(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    (1..=63).contains(&chars.len())
        && !label.starts_with('-')
        && !label.ends_with('-')
        && chars.iter().all(|c| is_alnum(*c) || *c == '-')
}

/// `(?!-)(?:[a-z ul -]{2,63}|xn--[a-z0-9]{1,59})(?<!-)`
fn is_tld(label: &str) -> bool {
    if label.starts_with('-') || label.ends_with('-') {
        return false;
    }
    let chars: Vec<char> = label.chars().collect();
    let alphabetic =
        (2..=63).contains(&chars.len()) && chars.iter().all(|c| is_letter(*c) || *c == '-');
    let punycode = label
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("xn--"))
        && label.get(4..).is_some_and(|rest| {
            (1..=59).contains(&rest.len()) && rest.chars().all(|c| c.is_ascii_alphanumeric())
        });
    alphabetic || punycode
}

/// Django's final check: `urlsplit(value).hostname` exists and is at most 253 characters.
fn hostname_fits(rest: &str) -> bool {
    let netloc_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let netloc = &rest[..netloc_end];
    let host_port = netloc.rsplit_once('@').map_or(netloc, |(_, h)| h);
    let hostname = if let Some(inner) = host_port.strip_prefix('[') {
        inner.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    !hostname.is_empty() && hostname.chars().count() <= 253
}

#[cfg(test)]
mod tests {
    use super::is_valid_url;

    #[test]
    fn accepts_what_django_accepts() {
        for url in [
            "https://example.com",
            "http://example.com/path?q=1#frag",
            "HTTPS://EXAMPLE.COM",
            "http://localhost:8000/",
            "http://127.0.0.1",
            "http://[::1]:80/x",
            "ftp://user:pass@files.example.org/a.txt",
            "http://sub-domain.example.co.uk",
            "http://xn--bcher-kva.example",
            "http://例え.テスト",
            "http://example.com.",
            "https://a.b-c.museum/",
        ] {
            assert!(is_valid_url(url), "{url} should be valid");
        }
    }

    #[test]
    fn rejects_what_django_rejects() {
        for url in [
            "",
            "example.com",
            "www.example.com",
            "mailto:someone@example.com",
            "javascript:alert(1)",
            "http://",
            "http://example",
            "http://-example.com",
            "http://example-.com",
            "http://example.c",
            "http://example.123",
            "http://256.1.1.1",
            "http://01.1.1.1",
            "http://exa mple.com",
            "http://example.com/a b",
            "http://example.com:123456",
            "http://[::g]/",
            "http://a..com",
            "https://example.com\n",
            "gopher://example.com",
        ] {
            assert!(!is_valid_url(url), "{url:?} should be invalid");
        }
    }
}
