//! Only CORS requests from allowed pages, same-origin pages and non-browser callers reach Plane:
//! an image, a link or a form on another site is refused before anything is forwarded.

use super::common::*;
use reqwest::Method;
use serde_json::json;

const ME: &str = "/api/v1/users/me/";

#[tokio::test]
async fn requests_from_other_sites_that_are_not_cors_never_reach_plane() {
    let stack = Stack::start(&[]);
    let url = format!("{}{ME}", stack.proxy.url);
    let refusals = [
        // <img src> on any site: no Origin, no CORS.
        (
            vec![
                ("Sec-Fetch-Site", "cross-site"),
                ("Sec-Fetch-Mode", "no-cors"),
                ("Sec-Fetch-Dest", "image"),
            ],
            "a request from another site (Sec-Fetch-Site: cross-site) must come from an allowed page and carry its Origin",
        ),
        // A link followed from a sibling subdomain.
        (
            vec![
                ("Sec-Fetch-Site", "same-site"),
                ("Sec-Fetch-Mode", "navigate"),
            ],
            "a request from another site (Sec-Fetch-Site: same-site) must come from an allowed page and carry its Origin",
        ),
        // A form posted from the allowed page itself is still not a CORS request.
        (
            vec![
                ("Origin", PAGE),
                ("Sec-Fetch-Site", "cross-site"),
                ("Sec-Fetch-Mode", "navigate"),
            ],
            "only CORS requests (fetch) may use this proxy from another site, not Sec-Fetch-Mode: navigate",
        ),
        (
            vec![
                ("Origin", PAGE),
                ("Sec-Fetch-Site", "cross-site"),
                ("Sec-Fetch-Mode", "no-cors"),
            ],
            "only CORS requests (fetch) may use this proxy from another site, not Sec-Fetch-Mode: no-cors",
        ),
        // fetch() from a page that is not on the list.
        (
            vec![
                ("Origin", OTHER_PAGE),
                ("Sec-Fetch-Site", "cross-site"),
                ("Sec-Fetch-Mode", "cors"),
            ],
            "pages from https://evil.test may not use this proxy",
        ),
        (
            vec![("Sec-Fetch-Site", "somewhere")],
            "Sec-Fetch-Site: somewhere is not a value this proxy knows",
        ),
    ];
    for (headers, message) in &refusals {
        let mut request = stack.http.get(&url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answer = stack.send(request).await;
        assert_eq!(answer.status, 403, "{headers:?}");
        assert_eq!(answer.json(), json!({ "error": message }), "{headers:?}");
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert_eq!(answer.header("x-content-type-options"), Some("nosniff"));
    }
    assert_eq!(
        stack.forwarded().await,
        0,
        "no refused request reached Plane"
    );

    // fetch() from the allowed page, a page under the proxy's own origin, the user's own
    // navigation, and a caller that is not a browser.
    let served = [
        vec![
            ("Origin", PAGE),
            ("Sec-Fetch-Site", "cross-site"),
            ("Sec-Fetch-Mode", "cors"),
        ],
        vec![
            ("Origin", stack.proxy.url.as_str()),
            ("Sec-Fetch-Site", "same-origin"),
            ("Sec-Fetch-Mode", "cors"),
        ],
        vec![
            ("Sec-Fetch-Site", "same-origin"),
            ("Sec-Fetch-Mode", "cors"),
        ],
        vec![("Sec-Fetch-Site", "none"), ("Sec-Fetch-Mode", "navigate")],
        vec![],
    ];
    for headers in &served {
        let mut request = stack.http.request(Method::GET, &url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answer = stack.send(request).await;
        assert_eq!(answer.status, 200, "{headers:?}: {}", answer.body);
    }
    assert_eq!(stack.forwarded().await, served.len() as u64);
    request_lines(&stack.stop());
}
