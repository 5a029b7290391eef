//! The URL corpus that both of core's URL back ends answer (`web_url/parsed.rs`): 400 cases
//! from a seeded generator (Unicode and upper-case hosts, IP addresses, default and explicit
//! ports, base paths with and without trailing slashes, `user@` parts) and a fixed list of edge
//! cases (bad ports and hosts, queries, fragments, other schemes). [`answers`] writes what core
//! makes of each, one line per question; `crates/core/tests/url_corpus.rs` checks the native
//! back end (the `url` crate) against the recorded answers in `url_corpus.txt`, and
//! `crates/js/tests/url_model.rs` checks the wasm back end (the browser's `URL`) in Chromium
//! against the same file, so both read every URL alike.

#![allow(dead_code)] // each test file uses its part of the corpus.

use plane_inline_core::web_url::{
    AppBase, BaseUrl, Origin, parse_project_url, parse_work_item_url, safe_link,
};
use std::fmt::Write;

/// The corpus's size; every case is checked, and the seed fixes which cases they are.
pub const CASES: usize = 400;
const SEED: u64 = 0x5eed_0f0c_1d20_2026;

/// SplitMix64: a small, fixed generator, so the corpus is the same on every run.
pub struct Corpus(u64);

/// One generated case: `scheme://`, a user part (`jane@`, `jane:secret@` or `@`),
/// `host[:port]` and a path.
pub struct Case {
    /// `http://` or `https://`, in mixed case.
    pub scheme: String,
    /// What goes before the host when a user part is wanted.
    pub user: String,
    /// `host[:port]`.
    pub host_port: String,
    /// A base path, maybe empty, maybe with trailing slashes.
    pub path: String,
}

impl Corpus {
    /// The corpus of [`CASES`] cases.
    pub fn cases() -> Vec<Case> {
        let mut corpus = Corpus(SEED);
        (0..CASES)
            .map(|_| {
                let (scheme, user, host_port) = corpus.origin();
                let path = corpus.path();
                Case {
                    scheme,
                    user,
                    host_port,
                    path,
                }
            })
            .collect()
    }

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

/// Edge cases beside the generated ones: what a person may type in the options, and what a
/// page or a value may hold.
pub const EDGES: [&str; 42] = [
    "",
    "   ",
    "app.plane.so",
    "https://",
    "https:///x",
    "https://user@",
    "https://:443",
    "https://x.io:0",
    "https://x.io:",
    "https://x.io:99999",
    "https://x.io:abc",
    "https://x.io:1.5",
    "https://x.io:00443/",
    "http://x.io:443",
    "https://exa mple.com",
    "https://a|b.example/",
    "https://a^b.example:8080/x",
    "https://ex%41mple.com",
    "https://ex%2Fample.com",
    "https://[::1",
    "https://[1:2:3]",
    "https://a..b.example",
    "https://-x.example",
    "https://x_y.example",
    "https://999.999.999.999",
    "https://0x7F000001",
    "https://x.io/?",
    "https://x.io/#",
    "https://x.io?a=1",
    "https://x.io/a%zz",
    "https://x.io//a",
    "https://x.io/a/./b/../c",
    "https://x.io\\a\\b",
    "chrome-extension://abcdefghijklmnop",
    "chrome-extension://abcdefghijklmnop/panel.html",
    "moz-extension://0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b/",
    "mailto:ops@example.com?subject=a b",
    "javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<b>x</b>",
    "file:///etc/passwd",
    "HTTPS://BÜCHER.example/Plane/acme/projects/4a9f5a3c-2d4e-4c1b-9f8e-7d6c5b4a3921/intake?currentTab=open&inboxIssueId=0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b#x",
];

/// What core makes of one text: its origin, its base, its link, the work item page and the
/// project page it names, and (when it is a base) a page under it; one line per question.
pub fn answer(text: &str) -> String {
    let mut out = String::new();
    let base = BaseUrl::parse(text);
    // Writing to a String cannot fail.
    let _ = writeln!(
        out,
        "origin {:?}\nbase {:?}\nlink {:?}\npage {:?}\nproject {:?}",
        Origin::parse(text).map(|o| o.to_string()),
        base.as_ref().map(|b| b.to_string()),
        safe_link(text),
        parse_work_item_url(text, None),
        parse_project_url(text, None),
    );
    if let Ok(app_base) = base {
        let app_base: AppBase = app_base;
        let page = format!("{app_base}/acme/browse/WEB-7/");
        let _ = writeln!(
            out,
            "under {page:?}: {:?}",
            parse_work_item_url(&page, Some(&app_base))
        );
    }
    out
}

/// The texts asked about: four per generated case (origin, base, base with a user part, a
/// page under it), then the edge cases.
pub fn texts() -> Vec<String> {
    Corpus::cases()
        .into_iter()
        .flat_map(|case| {
            let Case {
                scheme,
                user,
                host_port,
                path,
            } = case;
            [
                format!("{scheme}{host_port}"),
                format!("{scheme}{host_port}{path}"),
                format!("{scheme}{user}{host_port}{path}"),
                format!(
                    "{scheme}{user}{host_port}{}/acme/browse/WEB-7/",
                    path.trim_end_matches('/')
                ),
            ]
        })
        .chain(EDGES.iter().map(|edge| (*edge).to_owned()))
        .collect()
}

/// FNV-1a, 64 bits: a digest of an answer that stays the same on every platform and Rust
/// version (std's hashers promise neither), so the recorded file holds one short line per
/// text instead of every answer.
pub fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The recorded form: one line per text, `DIGEST TEXT` (the text in Rust's debug quoting).
pub fn record() -> String {
    texts()
        .iter()
        .map(|text| format!("{:016x} {text:?}\n", digest(&answer(text))))
        .collect()
}

/// Compares this build's answers with the recorded ones: the texts whose answers differ,
/// each with this build's answer, so a failure says which URL and what was made of it.
pub fn differences(recorded: &str) -> Vec<String> {
    let ours = record();
    let mut found = Vec::new();
    if ours.lines().count() != recorded.lines().count() {
        found.push(format!(
            "{} texts recorded, {} asked",
            recorded.lines().count(),
            ours.lines().count()
        ));
    }
    for ((line, recorded), text) in ours.lines().zip(recorded.lines()).zip(texts()) {
        if line != recorded {
            found.push(format!(
                "{text:?} (recorded {recorded}):\n{}",
                answer(&text)
            ));
        }
    }
    found
}
