//! Core's URL model against the browser's own `new URL()`, in headless Chromium: over the URL
//! corpus (`crates/core/tests/support/url_corpus.rs`: Unicode and upper-case hosts, IP
//! addresses, default and explicit ports, base paths with and without trailing slashes, `user@`
//! parts), core's origin and base path equal the browser's `origin` and `pathname`, a base with
//! credentials is refused where the browser keeps them, and a page URL is recognised the same as
//! written and as the browser serialises it. Core's wasm back end (the browser's `URL`) gives
//! the answers recorded from its native back end (the `url` crate) for every text of the corpus
//! and every edge case, so both builds read URLs alike.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plane_inline_core::web_url::{AppBase, BaseUrl, BaseUrlError, Origin, parse_work_item_url};
use wasm_bindgen_test::*;
use web_sys::Url;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "../../core/tests/support/url_corpus.rs"]
mod url_corpus;

use url_corpus::{Case, Corpus};

fn browser(text: &str) -> Url {
    Url::new(text).unwrap_or_else(|e| panic!("the browser refuses {text:?}: {e:?}"))
}

#[wasm_bindgen_test]
fn core_normalises_origins_and_bases_as_the_browser_does() {
    for Case {
        scheme,
        user,
        host_port,
        path,
    } in Corpus::cases()
    {
        let origin_text = format!("{scheme}{host_port}");
        let ours = Origin::parse(&origin_text).unwrap_or_else(|e| panic!("{origin_text}: {e}"));
        assert_eq!(
            ours.to_string(),
            browser(&origin_text).origin(),
            "{origin_text}"
        );

        let base_text = format!("{scheme}{host_port}{path}");
        let theirs = browser(&base_text);
        let base = BaseUrl::parse(&base_text).unwrap_or_else(|e| panic!("{base_text}: {e}"));
        assert_eq!(base.origin(), &ours, "{base_text}");
        assert_eq!(base.origin().to_string(), theirs.origin(), "{base_text}");
        assert_eq!(
            base.path(),
            theirs.pathname().trim_end_matches('/'),
            "{base_text}"
        );

        let with_user = format!("{scheme}{user}{host_port}{path}");
        let theirs = browser(&with_user);
        let has_credentials = !theirs.username().is_empty() || !theirs.password().is_empty();
        assert_eq!(user != "@", has_credentials, "{with_user}");
        match BaseUrl::parse(&with_user) {
            Err(BaseUrlError::Credentials) => assert!(has_credentials, "{with_user}"),
            Ok(found) => {
                assert!(!has_credentials, "{with_user}");
                assert_eq!(found, base, "{with_user}");
            }
            Err(other) => panic!("{with_user}: {other}"),
        }

        let page = format!(
            "{scheme}{user}{host_port}{}/acme/browse/WEB-7/",
            path.trim_end_matches('/')
        );
        let serialised = browser(&page).href();
        let app_base: AppBase = base.to_string().parse().unwrap();
        assert_eq!(
            parse_work_item_url(&page, None),
            parse_work_item_url(&serialised, None),
            "{page}"
        );
        for text in [&page, &serialised] {
            let found = parse_work_item_url(text, Some(&app_base))
                .unwrap_or_else(|| panic!("{text} under {app_base}"));
            assert_eq!(
                found.identifier.map(|i| i.to_string()).as_deref(),
                Some("WEB-7"),
                "{text}"
            );
        }
    }
}

#[wasm_bindgen_test]
fn the_wasm_url_model_gives_the_answers_recorded_from_the_native_one() {
    let differences = url_corpus::differences(include_str!("../../core/tests/url_corpus.txt"));
    assert_eq!(differences, Vec::<String>::new());
}
