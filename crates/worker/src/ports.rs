//! The extension pages connected to the worker: each `runtime.Port` is checked on arrival (it
//! must come from this extension and from one of its own pages: [`sender_page`]), kept with what the worker knows
//! about it (its tab, the connection its page chose), and dropped when it disconnects.

use crate::ext;
use futures_util::future::AbortHandle;
use plane_inline_messages::{OPTIONS_PORT, PANEL_PORT, PortRequest, Target};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// Numbers a connected port.
pub type PortId = u32;

/// Which protocol a port speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PortKind {
    /// `PortRequest`/`PortReply`: the in-page panel and the popup.
    Panel,
    /// `OptionsRequest`/`OptionsReply`: the options page.
    Options,
}

/// Which of the extension's own pages a port's sender is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SenderPage {
    /// `panel.html`, framed in a web page: beside a Plane page, or a reference's card
    /// (`panel.html?card`). It may only read and edit its own work item.
    Panel {
        /// Whether it is a reference's card.
        card: bool,
    },
    /// `popup.html`, the toolbar popup: the user's own page.
    Popup,
    /// `table.html`, a project's table opened in a tab of its own, at the top frame: the
    /// user's own page, trusted like the popup.
    Table,
    /// `options.html`.
    Options,
}

impl SenderPage {
    /// Which protocol the page speaks.
    pub fn kind(self) -> PortKind {
        match self {
            Self::Options => PortKind::Options,
            Self::Panel { .. } | Self::Popup | Self::Table => PortKind::Panel,
        }
    }

    /// Whether it is framed in a web page (an in-page panel or a card), so that it may only
    /// make its own work item's requests.
    pub fn in_page(self) -> bool {
        matches!(self, Self::Panel { .. })
    }

    /// Whether it is a reference's card.
    pub fn card(self) -> bool {
        matches!(self, Self::Panel { card: true })
    }
}

/// What the browser says of a port's sender (`runtime.MessageSender`), as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sender<'a> {
    /// The sending extension's id.
    pub id: Option<&'a str>,
    /// The sending document's URL.
    pub url: Option<&'a str>,
    /// The sending frame (0: the tab's top frame).
    pub frame_id: Option<i64>,
    /// Whether the sender sits in a tab.
    pub in_tab: bool,
}

/// Which of this extension's pages a port named `name` comes from, when its sender is one
/// allowed to open it; `None` for anything else (a content script, another extension, a web
/// page, the table page framed anywhere). `own_id` is this extension's id, `own_base` its
/// pages' base URL (`chrome-extension://{id}/`).
pub fn sender_page(
    name: &str,
    own_id: &str,
    own_base: &str,
    sender: &Sender,
) -> Option<SenderPage> {
    if own_id.is_empty() || own_base.is_empty() || sender.id != Some(own_id) {
        return None;
    }
    let rest = sender.url?.strip_prefix(own_base)?;
    let page = rest.split(['?', '#']).next()?;
    let after = &rest[page.len()..];
    let found = match page {
        "panel.html" => SenderPage::Panel {
            card: after.starts_with("?card"),
        },
        "popup.html" => SenderPage::Popup,
        // Only the page itself, with any query, at the top frame of a tab of its own.
        "table.html" if !after.contains('#') && sender.in_tab && sender.frame_id == Some(0) => {
            SenderPage::Table
        }
        "options.html" => SenderPage::Options,
        _ => return None,
    };
    let expected = match name {
        PANEL_PORT => PortKind::Panel,
        OPTIONS_PORT => PortKind::Options,
        _ => return None,
    };
    (found.kind() == expected).then_some(found)
}

/// Which of this extension's pages a port named `name` comes from (see [`sender_page`]).
pub fn check_sender(name: &str, sender: &JsValue) -> Option<SenderPage> {
    let (id, url) = (ext::string_at(sender, "id"), ext::string_at(sender, "url"));
    let read = Sender {
        id: id.as_deref(),
        url: url.as_deref(),
        frame_id: ext::number_at(sender, "frameId").map(|f| f as i64),
        in_tab: ext::at(sender, "tab").is_object(),
    };
    sender_page(name, &ext::extension_id(), &ext::extension_url(""), &read)
}

/// One connected page.
pub struct PortEntry {
    port: JsValue,
    /// Its protocol.
    pub kind: PortKind,
    /// Whether it is the panel of a reference's card (`panel.html?card`) rather than the
    /// panel beside a Plane page.
    pub card: bool,
    /// Whether it is framed in a web page (`panel.html`: beside a Plane page, or a card) rather
    /// than the toolbar popup.
    pub in_page: bool,
    /// Its loads under way, stopped when it disconnects (a card closed before its panel came).
    loads: Vec<AbortHandle>,
    /// The tab it sits in (the in-page panel), if any.
    pub tab: Option<i64>,
    /// The connection its page's URL or typed text chose.
    pub connection: Option<String>,
    /// The work item the worker told this in-page panel or card to show.
    shown: Option<Target>,
    /// The work item it loaded (its id): the only one it may edit.
    loaded: Option<String>,
    _listeners: Vec<Closure<dyn FnMut(JsValue)>>,
}

/// Every connected page.
#[derive(Default)]
pub struct Ports {
    next: Cell<PortId>,
    entries: RefCell<HashMap<PortId, PortEntry>>,
}

impl Ports {
    /// Keeps a checked port; `listeners` live as long as it does.
    pub fn add(
        &self,
        port: JsValue,
        (kind, card, in_page): (PortKind, bool, bool),
        tab: Option<i64>,
        listeners: Vec<Closure<dyn FnMut(JsValue)>>,
    ) -> PortId {
        let id = self.next.get().wrapping_add(1);
        self.next.set(id);
        self.entries.borrow_mut().insert(
            id,
            PortEntry {
                port,
                kind,
                card,
                in_page,
                loads: Vec::new(),
                tab,
                connection: None,
                shown: None,
                loaded: None,
                _listeners: listeners,
            },
        );
        id
    }

    /// The next id [`Ports::add`] will hand out.
    pub fn peek_next(&self) -> PortId {
        self.next.get().wrapping_add(1)
    }

    /// Forgets a disconnected port.
    pub fn remove(&self, id: PortId) {
        // Dropping the entry drops its listeners; defer it so that a listener is never
        // dropped while it runs.
        let entry = self.entries.borrow_mut().remove(&id);
        if let Some(entry) = entry {
            for load in &entry.loads {
                load.abort();
            }
            wasm_bindgen_futures::spawn_local(async move { drop(entry) });
        }
    }

    /// The connection a port's page chose.
    pub fn connection(&self, id: PortId) -> Option<String> {
        self.entries.borrow().get(&id)?.connection.clone()
    }

    /// Whether a port may make `request`: every request from the popup; from an in-page panel or
    /// a card, only its own work item's (`PortRequest::allowed_in_page`).
    pub fn allows(&self, id: PortId, request: &PortRequest) -> bool {
        let entries = self.entries.borrow();
        let Some(entry) = entries.get(&id) else {
            return false;
        };
        if !entry.in_page {
            return true;
        }
        request.allowed_in_page(entry.card, entry.shown.as_ref(), entry.loaded.as_deref())
    }

    /// Remembers the work item the worker told an in-page panel or card to show.
    pub fn set_shown(&self, id: PortId, target: Option<Target>) {
        if let Some(entry) = self.entries.borrow_mut().get_mut(&id) {
            entry.shown = target;
            entry.loaded = None;
        }
    }

    /// The work item the worker told an in-page panel or card to show.
    pub fn shown(&self, id: PortId) -> Option<Target> {
        self.entries.borrow().get(&id)?.shown.clone()
    }

    /// Remembers the work item a port loaded (the one it may edit).
    pub fn set_loaded(&self, id: PortId, work_item_id: &str) {
        if let Some(entry) = self.entries.borrow_mut().get_mut(&id) {
            entry.loaded = Some(work_item_id.to_owned());
        }
    }

    /// Remembers the connection a port's page chose.
    pub fn set_connection(&self, id: PortId, connection: &str) {
        if let Some(entry) = self.entries.borrow_mut().get_mut(&id) {
            entry.connection = Some(connection.to_owned());
        }
    }

    /// Sends a message to one port (as JSON text); a port that went away is forgotten.
    pub fn send(&self, id: PortId, message: &impl Serialize) {
        let Ok(text) = serde_json::to_string(message) else {
            return;
        };
        let port = self.entries.borrow().get(&id).map(|e| e.port.clone());
        let Some(port) = port else { return };
        let post = js_sys::Reflect::get(&port, &"postMessage".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let sent = post.map(|post| post.call1(&port, &text.into()).is_ok());
        if sent != Some(true) {
            self.remove(id);
        }
    }

    /// The panel ports (not cards), or those of one tab.
    pub fn panels(&self, tab: Option<i64>) -> Vec<PortId> {
        self.entries
            .borrow()
            .iter()
            .filter(|(_, e)| {
                e.kind == PortKind::Panel && !e.card && (tab.is_none() || e.tab == tab)
            })
            .map(|(id, _)| *id)
            .collect()
    }

    /// The card panels of a tab.
    pub fn cards(&self, tab: i64) -> Vec<PortId> {
        self.entries
            .borrow()
            .iter()
            .filter(|(_, e)| e.card && e.tab == Some(tab))
            .map(|(id, _)| *id)
            .collect()
    }

    /// Whether a port is a card's panel, and its tab.
    pub fn card_tab(&self, id: PortId) -> Option<i64> {
        let entries = self.entries.borrow();
        let entry = entries.get(&id)?;
        entry.card.then_some(entry.tab).flatten()
    }

    /// Stops a port's loads under way (its card moved to another reference, or closed).
    pub fn abort_loads(&self, id: PortId) {
        if let Some(entry) = self.entries.borrow_mut().get_mut(&id) {
            for load in entry.loads.drain(..) {
                load.abort();
            }
        }
    }

    /// Keeps a load's handle so that it stops when the port goes; `false` when it already went.
    pub fn track(&self, id: PortId, load: AbortHandle) -> bool {
        let mut entries = self.entries.borrow_mut();
        let Some(entry) = entries.get_mut(&id) else {
            return false;
        };
        entry.loads.retain(|l| !l.is_aborted());
        entry.loads.push(load);
        true
    }

    /// Sends a message to every panel port (or those of one tab).
    pub fn broadcast(&self, tab: Option<i64>, message: &impl Serialize) {
        for id in self.panels(tab) {
            self.send(id, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "abcdefghijklmnopabcdefghijklmnop";
    const BASE: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/";

    fn from(url: &str, frame_id: Option<i64>, in_tab: bool) -> Sender<'_> {
        Sender {
            id: Some(ID),
            url: Some(url),
            frame_id,
            in_tab,
        }
    }

    fn page(name: &str, sender: &Sender) -> Option<SenderPage> {
        sender_page(name, ID, BASE, sender)
    }

    #[test]
    fn each_page_opens_its_own_port() {
        let panel = format!("{BASE}panel.html");
        let card = format!("{BASE}panel.html?card");
        let popup = format!("{BASE}popup.html");
        let options = format!("{BASE}options.html");
        assert_eq!(
            page(PANEL_PORT, &from(&panel, Some(3), true)),
            Some(SenderPage::Panel { card: false })
        );
        assert_eq!(
            page(PANEL_PORT, &from(&card, Some(5), true)),
            Some(SenderPage::Panel { card: true })
        );
        assert_eq!(
            page(PANEL_PORT, &from(&popup, None, false)),
            Some(SenderPage::Popup)
        );
        assert_eq!(
            page(OPTIONS_PORT, &from(&options, Some(0), true)),
            Some(SenderPage::Options)
        );
        assert_eq!(page(OPTIONS_PORT, &from(&panel, Some(3), true)), None);
        assert_eq!(page(PANEL_PORT, &from(&options, Some(0), true)), None);
        assert_eq!(page("plane-inline:other", &from(&popup, None, false)), None);
        let in_page = SenderPage::Panel { card: true };
        assert!(in_page.in_page() && in_page.card());
        assert!(!SenderPage::Popup.in_page() && !SenderPage::Table.in_page());
    }

    #[test]
    fn the_table_page_is_trusted_only_as_itself_in_a_tab_of_its_own() {
        let table = format!("{BASE}table.html?workspace=acme&project=WEB");
        assert_eq!(
            page(PANEL_PORT, &from(&table, Some(0), true)),
            Some(SenderPage::Table)
        );
        assert_eq!(
            page(
                PANEL_PORT,
                &from(&format!("{BASE}table.html"), Some(0), true)
            ),
            Some(SenderPage::Table)
        );
        assert!(!SenderPage::Table.in_page(), "full trust, as the popup");
        for (url, frame_id, in_tab) in [
            // Framed in a page (a web page, or another of the extension's own).
            (table.clone(), Some(7), true),
            (table.clone(), None, true),
            // Not in a tab.
            (table.clone(), Some(0), false),
            // Not the page itself.
            (format!("{BASE}table.html#x"), Some(0), true),
            (format!("{BASE}table.html/x"), Some(0), true),
            (format!("{BASE}table.htmlx"), Some(0), true),
            (format!("{BASE}pages/table.html"), Some(0), true),
            (format!("{BASE}x/../table.html"), Some(0), true),
            // Another origin.
            ("https://evil.example/table.html".into(), Some(0), true),
            (
                "chrome-extension://otherextensionidotherextension/table.html".into(),
                Some(0),
                true,
            ),
            (
                format!("https://evil.example/?{BASE}table.html"),
                Some(0),
                true,
            ),
        ] {
            assert_eq!(
                page(PANEL_PORT, &from(&url, frame_id, in_tab)),
                None,
                "{url} {frame_id:?} {in_tab}"
            );
        }
        // Another extension's sender, whatever it claims.
        let other = Sender {
            id: Some("otherextensionidotherextension"),
            ..from(&table, Some(0), true)
        };
        assert_eq!(page(PANEL_PORT, &other), None);
        let nobody = Sender {
            id: None,
            ..from(&table, Some(0), true)
        };
        assert_eq!(page(PANEL_PORT, &nobody), None);
        // Without an id of its own (a worker not started from an extension), nothing is trusted.
        assert_eq!(
            sender_page(PANEL_PORT, "", BASE, &from(&table, Some(0), true)),
            None
        );
    }
}
