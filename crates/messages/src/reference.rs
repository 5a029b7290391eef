//! What the references script (on the sites a user enabled) and the service worker say to each
//! other over `runtime.sendMessage`. The script finds work item references on the page, links
//! to a Plane app and plain-text identifiers (`WEB-123`), and asks the worker which are real and
//! to open a card for one; it never sees a key, a value or a panel model.

use crate::Problem;
use crate::origin::{match_pattern, origin_of};
use plane_inline_core::web_url::{
    Identifier, PROJECT_EXTRA_LETTERS, PROJECT_MAX_LEN, SEQUENCE_MAX_DIGITS,
};
use serde::{Deserialize, Serialize};

/// The most identifier prefixes one message may ask about (a page offers few real ones).
pub const MAX_PREFIXES: usize = 200;

/// The pattern the references script finds plain-text identifiers with (JavaScript `RegExp`
/// source, flags `gu`), handed to it by the worker so the grammar is written here, beside core's:
/// core's identifier (project part 1 to [`PROJECT_MAX_LEN`] letters or digits, here starting with
/// a capital letter as Plane writes them; a sequence without a leading zero, at most
/// [`SEQUENCE_MAX_DIGITS`] digits), standing alone: not inside a word, a path, a version or a
/// longer code (`ISO-9001-2`, `v2-3.1`, `/WEB-1`).
pub fn identifier_pattern() -> String {
    let extra: String = PROJECT_EXTRA_LETTERS.iter().collect();
    format!(
        r"(?<![\p{{L}}\p{{N}}_\-./#@])([A-Z{extra}][A-Z0-9{extra}]{{0,{}}})-([1-9][0-9]{{0,{}}})(?![\p{{L}}\p{{N}}_]|[-.][\p{{L}}\p{{N}}])",
        PROJECT_MAX_LEN - 1,
        SEQUENCE_MAX_DIGITS - 1
    )
}

/// A work item reference found on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reference {
    /// A link (its resolved `href`) that may point at a configured Plane app.
    Link {
        /// The link's address.
        href: String,
    },
    /// A plain-text identifier such as `WEB-123`.
    Identifier {
        /// The identifier as written.
        text: String,
    },
}

/// A message from the references script.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReferenceMessage {
    /// The script started: whether it should run on this page, and which origins' links count.
    Hello,
    /// Which of these identifier prefixes (`WEB`) are project identifiers of a connection's
    /// workspace.
    Projects {
        /// The prefixes found on the page, at most [`MAX_PREFIXES`].
        prefixes: Vec<String>,
    },
    /// Show the card of a reference (the worker tells the card's panel which work item).
    Card {
        /// The reference.
        reference: Reference,
    },
    /// The card was closed.
    CardClosed,
}

/// The worker's answer to a [`ReferenceMessage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReferenceReply {
    /// Answer to `Hello`.
    Site {
        /// Whether references are looked for on this site (the user enabled it).
        enabled: bool,
        /// The origins of the configured Plane apps whose links are references.
        apps: Vec<String>,
        /// The most prefixes one `Projects` message may carry ([`MAX_PREFIXES`]).
        max_prefixes: usize,
        /// The plain-text identifier pattern ([`identifier_pattern`]).
        identifier: String,
    },
    /// Answer to `Projects`: the prefixes that are project identifiers.
    Projects {
        /// The known prefixes.
        known: Vec<String>,
    },
    /// Answer to `Card`: whether the reference names a work item, so the card is shown.
    Card {
        /// Whether to show the card.
        shown: bool,
    },
    /// Answer to `CardClosed`.
    Done,
}

/// What the worker tells a tab's references script (`tabs.sendMessage`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReferenceCommand {
    /// Close the card (its panel asked, on Escape).
    CloseCard,
    /// Open the card of the focused link (the keyboard shortcut).
    Focus,
    /// Name the open card's reference again (the worker restarted and forgot it).
    ResendCard,
    /// Stop: references are no longer enabled on this site (its access was taken back).
    Stop,
}

/// A site where the user enabled references, as the popup and options page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteStatus {
    /// The page's origin (`https://github.com`).
    pub origin: String,
    /// The host permission that covers it (`https://github.com/*`).
    pub pattern: String,
    /// Whether references are shown there.
    pub enabled: bool,
}

/// Whether `prefix` can be the project part of an identifier as pages write it: what core reads
/// as one (1 to 12 ASCII letters or digits), already upper case.
pub fn is_project_prefix(prefix: &str) -> bool {
    prefix.to_ascii_uppercase() == prefix && format!("{prefix}-1").parse::<Identifier>().is_ok()
}

/// The site of a page and whether references are enabled there, given the configured Plane
/// apps (whose pages have the panel instead, so they are no site) and the enabled sites' origins.
/// Sites are matched by host, as their host permissions are (any port).
pub fn site_for(url: &str, apps: &[String], enabled: &[String]) -> Result<SiteStatus, Problem> {
    let origin = origin_of(url).ok_or(Problem::NoWorkItem)?;
    let pattern = match_pattern(&origin).ok_or(Problem::NoWorkItem)?;
    let same = |other: &String| match_pattern(other).as_deref() == Some(pattern.as_str());
    if apps.iter().any(same) {
        return Err(Problem::NoWorkItem);
    }
    Ok(SiteStatus {
        enabled: enabled.iter().any(same),
        origin,
        pattern,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scripts_pattern_finds_exactly_what_core_reads_as_identifiers() {
        let pattern = fancy_regex::Regex::new(&identifier_pattern()).unwrap();
        let found = |text: &str| -> Vec<String> {
            pattern
                .find_iter(text)
                .map(|m| m.unwrap().as_str().to_owned())
                .collect()
        };
        assert_eq!(
            found("Fixed in WEB-12, see ABCDEFGHIJKL-123456789."),
            ["WEB-12", "ABCDEFGHIJKL-123456789"]
        );
        for alone in ["(WEB-1)", "WEB-1:", "«WEB-7»"] {
            assert_eq!(found(alone).len(), 1, "{alone}");
        }
        for not_one in [
            "ISO-9001-2",
            "v2-3.1",
            "/WEB-1",
            "#WEB-1",
            "WEB-01",
            "ABCDEFGHIJKLM-1",
            "WEB-1234567890",
            "web-1",
            "xWEB-1",
            "WEB-1x",
        ] {
            assert_eq!(found(not_one), Vec::<String>::new(), "{not_one}");
        }
        assert_eq!(found("Bkz. ÇİÇEK-12 ve ŞUBE-3."), ["ÇİÇEK-12", "ŞUBE-3"]);
        for text in ["WEB-12", "A-1", "ABCDEFGHIJKL-999999999", "P2P-3", "ÖĞÜ-7"] {
            assert_eq!(found(text), [text]);
            assert!(text.parse::<Identifier>().is_ok(), "{text}");
        }
    }

    #[test]
    fn sites_are_web_pages_other_than_plane_matched_by_host() {
        let apps = vec![
            "https://app.plane.so".to_owned(),
            "http://127.0.0.1:8787".to_owned(),
        ];
        let enabled = vec!["https://github.com".to_owned()];
        let pr = site_for("https://GitHub.com/acme/web/pull/412", &apps, &enabled).unwrap();
        assert_eq!(
            pr,
            SiteStatus {
                origin: "https://github.com".into(),
                pattern: "https://github.com/*".into(),
                enabled: true,
            }
        );
        let chat = site_for("https://chat.example.com:8443/c/incidents", &apps, &enabled).unwrap();
        assert_eq!(
            (chat.pattern.as_str(), chat.enabled),
            ("https://chat.example.com/*", false)
        );
        // A Plane app is no site, on any port; nor is anything but an http(s) page.
        for url in [
            "https://app.plane.so/acme/browse/WEB-1/",
            "http://127.0.0.1:9999/x",
            "chrome://extensions",
            "file:///tmp/x.html",
        ] {
            assert_eq!(
                site_for(url, &apps, &enabled),
                Err(Problem::NoWorkItem),
                "{url}"
            );
        }
    }

    #[test]
    fn project_prefixes_are_what_core_reads_as_one_upper_case() {
        for good in ["WEB", "A", "OPS2", "ABCDEFGHIJKL"] {
            assert!(is_project_prefix(good), "{good}");
        }
        for bad in ["web", "", "ABCDEFGHIJKLM", "WE-B", "ДЕМО", "W B"] {
            assert!(!is_project_prefix(bad), "{bad}");
        }
    }

    #[test]
    fn messages_read_as_the_script_writes_them() {
        let card: ReferenceMessage = serde_json::from_str(
            r#"{"type":"card","reference":{"kind":"identifier","text":"WEB-12"}}"#,
        )
        .unwrap();
        assert_eq!(
            card,
            ReferenceMessage::Card {
                reference: Reference::Identifier {
                    text: "WEB-12".into()
                }
            }
        );
        let reply = serde_json::to_string(&ReferenceReply::Projects {
            known: vec!["WEB".into()],
        })
        .unwrap();
        assert_eq!(reply, r#"{"type":"projects","known":["WEB"]}"#);
        assert_eq!(
            serde_json::to_string(&ReferenceCommand::CloseCard).unwrap(),
            r#"{"type":"close_card"}"#
        );
        assert!(serde_json::from_str::<ReferenceMessage>(r#"{"type":"page"}"#).is_err());
    }
}
