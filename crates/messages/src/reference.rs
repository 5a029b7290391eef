//! What the references script (on the sites a user enabled) and the service worker say to each
//! other over `runtime.sendMessage`. The script finds work item references on the page, links
//! to a Plane app and plain-text identifiers (`WEB-123`), and asks the worker which are real and
//! to open a card for one; it never sees a key, a value or a panel model.

use serde::{Deserialize, Serialize};

/// The most identifier prefixes one message may ask about (a page offers few real ones).
pub const MAX_PREFIXES: usize = 200;

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

#[cfg(test)]
mod tests {
    use super::*;

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
