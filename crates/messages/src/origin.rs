//! Origins and host match patterns of page and API addresses, as both the service worker and the
//! options page need them (the worker to pick a connection and register content scripts, the
//! options page to ask for a host permission).

/// Scheme, host and port of an absolute http(s) URL, lower case; `None` for anything else.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.is_empty() || authority.contains('@') {
        return None;
    }
    Some(format!("{scheme}://{}", authority.to_ascii_lowercase()))
}

/// The match pattern that covers an origin's pages (any port: patterns cannot name one in
/// every browser), e.g. `https://plane.example.com/*`.
pub fn match_pattern(origin: &str) -> Option<String> {
    let (scheme, authority) = origin.split_once("://")?;
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => authority,
    };
    Some(format!("{scheme}://{host}/*"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_and_patterns_come_from_the_url_alone() {
        assert_eq!(
            origin_of("HTTPS://App.Plane.so/acme/browse/WEB-1/?x#y").as_deref(),
            Some("https://app.plane.so")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:8123/demo").as_deref(),
            Some("http://127.0.0.1:8123")
        );
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(origin_of("https://user@evil.example/"), None);
        assert_eq!(
            match_pattern("http://127.0.0.1:8123").as_deref(),
            Some("http://127.0.0.1/*")
        );
        assert_eq!(
            match_pattern("https://plane.example.com").as_deref(),
            Some("https://plane.example.com/*")
        );
    }
}
