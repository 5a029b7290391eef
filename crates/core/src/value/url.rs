//! URL values, checked as Django's `URLValidator` checks them (schemes http, https, ftp, ftps).
//!
//! Django refuses text over 2,048 characters or holding a tab, CR or LF, refuses any scheme
//! other than the four, then matches one regex: optional `user[:pass]@`, an IPv4 address,
//! a bracketed IPv6 address or a host name (labels of letters, digits and hyphens, any
//! character U+00A1..U+FFFF counting as a letter, and a top-level label of letters or an
//! `xn--` punycode label), an optional port of 1 to 5 digits, then an optional path, query or
//! fragment without whitespace. A bracketed IPv6 host must be a real IPv6 address, and the host
//! name may not exceed 253 characters. Not mirrored: Django's retry of a failed match after
//! IDNA-encoding the host (which only matters for characters outside U+00A1..U+FFFF).

use std::collections::BTreeSet;

const MAX_LENGTH: usize = 2048;
const SCHEMES: [&str; 4] = ["http", "https", "ftp", "ftps"];

/// Whether Django's `URLValidator` accepts `text`.
pub fn is_valid_url(text: &str) -> bool {
    if text.chars().count() > MAX_LENGTH || text.contains(['\t', '\r', '\n']) {
        return false;
    }
    let Some((scheme, rest)) = text.split_once("://") else {
        return false;
    };
    if !SCHEMES.contains(&scheme.to_ascii_lowercase().as_str()) {
        return false;
    }
    let netloc = rest.split(['/', '?', '#']).next().unwrap_or("");
    if netloc.contains('[') != netloc.contains(']') {
        return false; // Python's urlsplit raises "Invalid IPv6 URL".
    }
    let chars: Vec<char> = rest.chars().collect();
    if !matches_authority_and_path(&chars) {
        return false;
    }
    if !bracketed_host_is_ipv6(netloc) {
        return false;
    }
    hostname(netloc).is_some_and(|host| !host.is_empty() && host.chars().count() <= 253)
}

/// The part of Django's regex after `://`.
fn matches_authority_and_path(chars: &[char]) -> bool {
    let mut starts = vec![0];
    if let Some(after_userinfo) = userinfo_end(chars) {
        starts.push(after_userinfo);
    }
    starts.into_iter().any(|start| {
        host_ends(chars, start)
            .into_iter()
            .any(|end| tail_ok(&chars[end..]))
    })
}

/// `[^\s:@/]+(?::[^\s:@/]*)?@`: where the host starts after it, if it is there.
fn userinfo_end(chars: &[char]) -> Option<usize> {
    let plain = |c: &char| !(c.is_whitespace() || matches!(c, ':' | '@' | '/'));
    let user = chars.iter().take_while(|c| plain(c)).count();
    if user == 0 {
        return None;
    }
    let mut pos = user;
    if chars.get(pos) == Some(&':') {
        pos += 1 + chars[pos + 1..].iter().take_while(|c| plain(c)).count();
    }
    (chars.get(pos) == Some(&'@')).then_some(pos + 1)
}

/// `(?::[0-9]{1,5})?(?:[/?#][^\s]*)?\Z`
fn tail_ok(tail: &[char]) -> bool {
    let path_ok = |rest: &[char]| match rest.split_first() {
        None => true,
        Some((first, more)) => {
            matches!(first, '/' | '?' | '#') && !more.iter().any(|c| c.is_whitespace())
        }
    };
    if path_ok(tail) {
        return true;
    }
    let Some(after_colon) = tail.strip_prefix(&[':']) else {
        return false;
    };
    let digits = after_colon
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    (1..=digits.min(5)).any(|n| path_ok(&after_colon[n..]))
}

/// Every position where one of Django's host alternatives can end, starting at `start`.
fn host_ends(chars: &[char], start: usize) -> BTreeSet<usize> {
    let mut ends = ipv4_ends(chars, start);
    if chars.get(start) == Some(&'[') {
        let inner = chars[start + 1..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '.'))
            .count();
        if inner > 0 && chars.get(start + 1 + inner) == Some(&']') {
            ends.insert(start + inner + 2);
        }
    }
    ends.extend(domain_name_ends(chars, start));
    let localhost: Vec<char> = "localhost".chars().collect();
    if chars.get(start..start + localhost.len()).is_some_and(|s| {
        s.iter()
            .zip(&localhost)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    }) {
        ends.insert(start + localhost.len());
    }
    ends
}

/// Ends of `octet(\.octet){3}` where an octet is `0|25[0-5]|2[0-4][0-9]|1[0-9]?[0-9]?|[1-9][0-9]?`.
fn ipv4_ends(chars: &[char], start: usize) -> BTreeSet<usize> {
    let octet_ends = |pos: usize| -> Vec<usize> {
        let digit = |i: usize| chars.get(i).filter(|c| c.is_ascii_digit()).copied();
        let mut ends = Vec::new();
        match digit(pos) {
            Some('0') => ends.push(pos + 1),
            Some('1') => {
                ends.push(pos + 1);
                if digit(pos + 1).is_some() {
                    ends.push(pos + 2);
                    if digit(pos + 2).is_some() {
                        ends.push(pos + 3);
                    }
                }
            }
            Some(first) => {
                ends.push(pos + 1);
                if let Some(second) = digit(pos + 1) {
                    ends.push(pos + 2);
                    let third = digit(pos + 2);
                    let three_ok = match (first, second, third) {
                        ('2', '5', Some(t)) => t <= '5',
                        ('2', s, Some(_)) => s <= '4',
                        _ => false,
                    };
                    if three_ok {
                        ends.push(pos + 3);
                    }
                }
            }
            None => {}
        }
        ends
    };
    let mut positions: BTreeSet<usize> = octet_ends(start).into_iter().collect();
    for _ in 0..3 {
        positions = positions
            .into_iter()
            .filter(|p| chars.get(*p) == Some(&'.'))
            .flat_map(|p| octet_ends(p + 1))
            .collect();
    }
    positions
}

fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{a1}'..='\u{ffff}').contains(&c)
}

fn is_tld_char(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '-' || ('\u{a1}'..='\u{ffff}').contains(&c)
}

/// Ends of `hostname domain* tld`, as Django's `host_re` (without `localhost`).
fn domain_name_ends(chars: &[char], start: usize) -> BTreeSet<usize> {
    let label_ends = |from: usize, max: usize, allowed: &dyn Fn(char) -> bool| -> Vec<usize> {
        let run = chars[from.min(chars.len())..]
            .iter()
            .take(max)
            .take_while(|c| allowed(**c))
            .count();
        (1..=run)
            .filter(|len| chars[from] != '-' && chars[from + len - 1] != '-')
            .map(|len| from + len)
            .collect()
    };
    let label_or_hyphen = |c: char| is_label_char(c) || c == '-';
    // hostname: one label of 1 to 63 characters, no hyphen at either end.
    let mut reachable: BTreeSet<usize> = label_ends(start, 63, &label_or_hyphen)
        .into_iter()
        .collect();
    // domain: any number of `.label`.
    let mut frontier: Vec<usize> = reachable.iter().copied().collect();
    while let Some(pos) = frontier.pop() {
        if chars.get(pos) == Some(&'.') {
            for end in label_ends(pos + 1, 63, &label_or_hyphen) {
                if reachable.insert(end) {
                    frontier.push(end);
                }
            }
        }
    }
    // tld: `.` then letters (2 to 63) or `xn--` punycode, then an optional `.`.
    let mut ends = BTreeSet::new();
    for pos in reachable {
        if chars.get(pos) != Some(&'.') {
            continue;
        }
        let from = pos + 1;
        let mut tld_ends: Vec<usize> = label_ends(from, 63, &is_tld_char)
            .into_iter()
            .filter(|e| e - from >= 2)
            .collect();
        let prefix: String = chars[from.min(chars.len())..].iter().take(4).collect();
        if prefix.eq_ignore_ascii_case("xn--") {
            let run = chars[from + 4..]
                .iter()
                .take(59)
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            tld_ends.extend((1..=run).map(|n| from + 4 + n));
        }
        for end in tld_ends {
            ends.insert(end);
            if chars.get(end) == Some(&'.') {
                ends.insert(end + 1);
            }
        }
    }
    ends
}

/// Django re-checks a netloc of the form `[host]` or `[host]:port` as an IPv6 address.
fn bracketed_host_is_ipv6(netloc: &str) -> bool {
    let Some(inner) = netloc.strip_prefix('[') else {
        return true;
    };
    let Some((host, after)) = inner.rsplit_once(']') else {
        return true;
    };
    let port_ok = after.is_empty()
        || after
            .strip_prefix(':')
            .is_some_and(|p| (1..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    if !port_ok || host.is_empty() {
        return true; // The anchored pattern does not match, so Django skips the check.
    }
    host.parse::<std::net::Ipv6Addr>().is_ok()
}

/// Python's `urlsplit(url).hostname`: after the last `@`, inside brackets or before a `:`, lower-cased.
fn hostname(netloc: &str) -> Option<String> {
    let host_port = netloc.rsplit_once('@').map_or(netloc, |(_, h)| h);
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    };
    Some(host.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_django_accepts() {
        for url in [
            "https://example.com",
            "http://example.com/",
            "HTTPS://EXAMPLE.COM/Path?q=1#frag",
            "ftp://files.example.org:21/pub",
            "ftps://user:pass@ftp.example.com",
            "http://localhost:8000/x",
            "http://127.0.0.1",
            "http://255.255.255.255:65535/",
            "http://[::1]:8080/",
            "http://[2001:db8::1]",
            "https://sub-domain.example.co.uk.",
            "https://xn--bcher-kva.example/",
            "https://bücher.example/",
            "https://example.com/a path is not ok"
                .split(' ')
                .next()
                .unwrap_or(""),
            "http://a.b-c.de",
            "http://1.2.3.45",
        ] {
            assert!(is_valid_url(url), "{url} should be valid");
        }
    }

    #[test]
    fn refuses_what_django_refuses() {
        for url in [
            "",
            "example.com",
            "mailto:a@b.co",
            "javascript://alert(1)",
            "https://",
            "https://example",
            "https://-example.com",
            "https://example-.com",
            "https://example.c",
            "https://example.123",
            "https://exa mple.com",
            "https://example.com/a b",
            "https://example.com/\n",
            "http://999.1.1.1",
            "http://[::1",
            "http://[zz::1]/",
            "http://[1:2:3]/",
            "http://example.com:123456",
            "http://example.com:",
            "https://@example.com",
        ] {
            assert!(!is_valid_url(url), "{url} should be invalid");
        }
        let long = format!("https://example.com/{}", "a".repeat(2048));
        assert!(!is_valid_url(&long));
        let long_host = format!("https://{}.com", vec!["a".repeat(60); 5].join("."));
        assert!(!is_valid_url(&long_host));
    }
}
