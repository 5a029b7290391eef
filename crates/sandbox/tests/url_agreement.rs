//! The three readers of URLs agree: core's page recognition under an app base, the client's API
//! base, and the sandbox's CORS origins, over generated spellings of the same site (upper case,
//! Unicode and punycode hosts, default and explicit ports, base paths with and without trailing
//! slashes and with percent-encoded or raw Unicode, `user@` parts), and each agrees with the browser serialisation computed here by
//! hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use plane_inline_client::{ApiBase, BaseUrlError as ClientError};
use plane_inline_core::web_url::{AppBase, BaseUrlError, Origin, parse_work_item_url};
use plane_inline_sandbox::cli::{self, Command};
use plane_inline_sandbox::cors::CorsPolicy;
use proptest::prelude::*;

/// Host labels with their punycode (RFC 3492 and the IANA test domains).
const UNICODE_LABELS: [(&str, &str); 6] = [
    ("bücher", "xn--bcher-kva"),
    ("müller", "xn--mller-kva"),
    ("café", "xn--caf-dma"),
    ("münchen", "xn--mnchen-3ya"),
    ("пример", "xn--e1afmkfd"),
    ("日本", "xn--wgv71a"),
];

/// One label of a host: how it is written, and how a browser serialises it.
#[derive(Debug, Clone)]
struct Label {
    written: String,
    normal: String,
}

fn mixed_case(text: &str, upper: &[bool]) -> String {
    text.chars()
        .zip(upper.iter().cycle())
        .map(|(c, up)| {
            if *up {
                c.to_uppercase().collect::<String>()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn label() -> impl Strategy<Value = Label> {
    let ascii = (
        "[a-z][a-z0-9]{0,7}",
        prop::collection::vec(any::<bool>(), 1..8),
    )
        .prop_map(|(normal, upper)| Label {
            written: mixed_case(&normal, &upper),
            normal,
        });
    let unicode = (
        0..UNICODE_LABELS.len(),
        any::<bool>(),
        prop::collection::vec(any::<bool>(), 1..8),
    )
        .prop_map(|(i, as_punycode, upper)| {
            let (unicode, puny) = UNICODE_LABELS[i];
            let shown = if as_punycode { puny } else { unicode };
            Label {
                written: mixed_case(shown, &upper),
                normal: puny.to_owned(),
            }
        });
    prop_oneof![3 => ascii, 1 => unicode]
}

/// One site, written one way.
#[derive(Debug, Clone)]
struct Site {
    scheme: &'static str,
    scheme_written: String,
    host: String,
    host_written: String,
    port_written: Option<u16>,
}

impl Site {
    fn default_port(&self) -> u16 {
        if self.scheme == "https" { 443 } else { 80 }
    }

    /// What a browser's `URL.origin` says.
    fn browser_origin(&self) -> String {
        match self.port_written.filter(|p| *p != self.default_port()) {
            Some(port) => format!("{}://{}:{port}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }

    fn written(&self, userinfo: &str) -> String {
        let port = self
            .port_written
            .map(|p| format!(":{p}"))
            .unwrap_or_default();
        format!(
            "{}://{userinfo}{}{port}",
            self.scheme_written, self.host_written
        )
    }
}

fn site() -> impl Strategy<Value = Site> {
    let hosts = prop_oneof![
        8 => prop::collection::vec(label(), 1..4).prop_map(|labels| {
            let written: Vec<&str> = labels.iter().map(|l| l.written.as_str()).collect();
            let normal: Vec<&str> = labels.iter().map(|l| l.normal.as_str()).collect();
            (format!("{}.example", normal.join(".")), format!("{}.Example", written.join(".")))
        }),
        1 => Just(("127.0.0.1".to_owned(), "127.0.0.1".to_owned())),
        1 => Just(("[::1]".to_owned(), "[0:0::1]".to_owned())),
    ];
    (
        any::<bool>(),
        prop::collection::vec(any::<bool>(), 1..6),
        hosts,
        0..3u8,
        1..=65535u16,
    )
        .prop_map(|(https, upper, (host, host_written), port_kind, port)| {
            let scheme = if https { "https" } else { "http" };
            let default = if https { 443 } else { 80 };
            let port_written = match port_kind {
                0 => None,
                1 => Some(default),
                _ => Some(port),
            };
            Site {
                scheme,
                scheme_written: mixed_case(scheme, &upper),
                host,
                host_written,
                port_written,
            }
        })
}

/// A base path segment as written, and as a browser percent-encodes it.
fn segment() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        4 => "[A-Za-z0-9_-]{1,8}".prop_map(|s| (s.clone(), s)),
        1 => Just(("équipe".to_owned(), "%C3%A9quipe".to_owned())),
        1 => Just(("%C3%A9quipe".to_owned(), "%C3%A9quipe".to_owned())),
    ]
}

/// A base path: its segments and how many slashes follow it.
fn base_path() -> impl Strategy<Value = (Vec<(String, String)>, usize)> {
    (prop::collection::vec(segment(), 0..3), 0..3usize)
}

fn written_path<'a>(segments: impl Iterator<Item = &'a String>, trailing: usize) -> String {
    let mut path: String = segments.map(|s| format!("/{s}")).collect();
    path.push_str(&"/".repeat(trailing));
    path
}

fn cors_policy(origin: &str) -> Result<CorsPolicy, String> {
    let args = ["--cors-origin".to_owned(), origin.to_owned()];
    match cli::parse(args) {
        Ok(Command::Serve { config, .. }) => Ok(CorsPolicy::new(config.cors_origins, false)),
        Ok(Command::Help) => Err("help".into()),
        Err(e) => Err(e.0),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn origin_app_base_api_base_and_page_agree(
        site in site(),
        page_upper in prop::collection::vec(any::<bool>(), 1..6),
        page_host in 0..3u8,
        page_default_port in any::<bool>(),
        (segments, trailing) in base_path(),
        page_trailing in any::<bool>(),
        userinfo in prop_oneof![Just(""), Just("jane@"), Just("jane:secret@")],
        sequence in 1..100_000u32,
    ) {
        // The page is the same site, spelled another way.
        let page_site = Site {
            scheme_written: mixed_case(site.scheme, &page_upper),
            host_written: match page_host {
                0 => site.host_written.clone(),
                1 => site.host.clone(),
                _ => site.host_written.to_uppercase(),
            },
            port_written: match site.port_written {
                Some(p) if p != site.default_port() => Some(p),
                _ => page_default_port.then(|| site.default_port()),
            },
            ..site.clone()
        };
        let expected_origin = site.browser_origin();
        let expected_path = written_path(segments.iter().map(|(_, normal)| normal), 0);
        let origin_text = site.written("");
        let base_text = format!(
            "{}{}",
            site.written(""),
            written_path(segments.iter().map(|(written, _)| written), trailing)
        );

        // Core: origin and app base.
        let origin = Origin::parse(&origin_text).unwrap();
        prop_assert_eq!(origin.to_string(), expected_origin.clone());
        let app_base: AppBase = base_text.parse().unwrap();
        prop_assert_eq!(app_base.origin(), &origin);
        prop_assert_eq!(app_base.path(), expected_path.as_str());
        prop_assert_eq!(app_base.to_string(), format!("{expected_origin}{expected_path}"));

        // Client: the same base (no API root is generated, so nothing is dropped).
        let api_base = ApiBase::parse(&base_text).unwrap();
        prop_assert_eq!(api_base.as_base(), &app_base);
        prop_assert_eq!(api_base.to_string(), app_base.to_string());

        // Sandbox: the configured origin allows what the browser sends, and nothing else.
        let cors = cors_policy(&origin_text).unwrap();
        prop_assert!(cors.allows(&expected_origin));
        prop_assert!(cors.allows(&origin_text));
        let elsewhere = format!("{expected_origin}.evil");
        prop_assert!(!cors.allows(&elsewhere));

        // Core's page recognition under the base, with the page written another way.
        let page = format!(
            "{}{}/acme/browse/WEB-{sequence}{}",
            page_site.written(userinfo),
            written_path(segments.iter().map(|(_, normal)| normal), 0),
            if page_trailing { "/" } else { "" },
        );
        let found = parse_work_item_url(&page, Some(&app_base));
        prop_assert_eq!(
            found.and_then(|l| l.identifier).map(|i| i.to_string()),
            Some(format!("WEB-{sequence}")),
            "{} under {}", page, app_base
        );

        // A user part makes a base unusable for all three, with the same reason.
        if !userinfo.is_empty() {
            let with_user = site.written(userinfo);
            prop_assert_eq!(with_user.parse::<AppBase>(), Err(BaseUrlError::Credentials));
            prop_assert_eq!(ApiBase::parse(&with_user), Err(ClientError::Credentials));
            prop_assert!(cors_policy(&with_user).is_err());
        }
    }
}
