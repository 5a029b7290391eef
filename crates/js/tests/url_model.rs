//! Core's URL model against the browser's own `new URL()`, in headless Chromium: over a corpus
//! from a seeded generator (Unicode and upper-case hosts, IP addresses, default and explicit
//! ports, base paths with and without trailing slashes, `user@` parts), core's origin and base
//! path equal the browser's `origin` and `pathname`, a base with credentials is refused where
//! the browser keeps them, and a page URL is recognised the same as written and as the browser
//! serialises it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plane_inline_core::web_url::{AppBase, BaseUrl, BaseUrlError, Origin, parse_work_item_url};
use wasm_bindgen_test::*;
use web_sys::Url;

wasm_bindgen_test_configure!(run_in_browser);

/// The corpus's size; every case is checked, and the seed fixes which cases they are.
const CASES: usize = 400;
const SEED: u64 = 0x5eed_0f0c_1d20_2026;

/// SplitMix64: a small, fixed generator, so the corpus is the same on every run.
struct Corpus(u64);

impl Corpus {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    /// Each character upper-cased with even odds.
    fn mixed_case(&mut self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if self.chance(2) {
                    c.to_uppercase().collect()
                } else {
                    c.to_string()
                }
            })
            .collect()
    }

    fn ascii_label(&mut self) -> String {
        const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let len = 1 + self.below(8);
        let mut label = String::from(char::from(LETTERS[self.below(26)]));
        for _ in 1..len {
            label.push(char::from(LETTERS[self.below(LETTERS.len())]));
        }
        label
    }

    fn host(&mut self) -> String {
        match self.below(10) {
            0 => self
                .pick(&[
                    "127.0.0.1",
                    "10.0.0.1",
                    "0x7f.1",
                    "[::1]",
                    "[2001:DB8:0:0::1]",
                ])
                .to_owned(),
            1 => self.pick(&["localhost", "LOCALHOST"]).to_owned(),
            _ => {
                let labels = 1 + self.below(3);
                let mut parts = Vec::new();
                for _ in 0..labels {
                    let label = if self.chance(3) {
                        self.pick(&[
                            "bücher",
                            "MÜNCHEN",
                            "café",
                            "пример",
                            "日本",
                            "ελλάδα",
                            "straße",
                            "ＦＵＬＬ",
                            "e\u{301}cole",
                            "xn--bcher-kva",
                        ])
                        .to_owned()
                    } else {
                        self.ascii_label()
                    };
                    parts.push(self.mixed_case(&label));
                }
                parts.push(
                    self.pick(&["example", "EXAMPLE", "test", "co.uk"])
                        .to_owned(),
                );
                parts.join(".")
            }
        }
    }

    /// `scheme://host[:port]`, and the user part to put before the host when one is wanted.
    fn origin(&mut self) -> (String, String, String) {
        let https = self.chance(2);
        let scheme = self.mixed_case(if https { "https" } else { "http" });
        let host = self.host();
        let port = match self.below(4) {
            0 => format!(":{}", if https { 443 } else { 80 }),
            1 => format!(":{}", 1 + self.below(65535)),
            _ => String::new(),
        };
        let user = self.pick(&["jane@", "jane:secret@", "@"]).to_owned();
        (format!("{scheme}://"), user, format!("{host}{port}"))
    }

    fn path(&mut self) -> String {
        let mut path = String::new();
        for _ in 0..self.below(3) {
            let segment = match self.below(5) {
                0 => "équipe".to_owned(),
                1 => "%C3%A9quipe".to_owned(),
                _ => {
                    let label = self.ascii_label();
                    self.mixed_case(&label)
                }
            };
            path.push('/');
            path.push_str(&segment);
        }
        path.push_str(&"/".repeat(self.below(3)));
        path
    }
}

fn browser(text: &str) -> Url {
    Url::new(text).unwrap_or_else(|e| panic!("the browser refuses {text:?}: {e:?}"))
}

#[wasm_bindgen_test]
fn core_normalises_origins_and_bases_as_the_browser_does() {
    let mut corpus = Corpus(SEED);
    for _ in 0..CASES {
        let (scheme, user, host_port) = corpus.origin();
        let path = corpus.path();

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
