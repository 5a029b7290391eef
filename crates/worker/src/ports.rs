//! The extension pages connected to the worker: each `runtime.Port` is checked on arrival (it
//! must come from this extension and from one of its own pages), kept with what the worker knows
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

/// The extension pages allowed to open each port.
fn allowed_pages(kind: PortKind) -> &'static [&'static str] {
    match kind {
        PortKind::Panel => &["panel.html", "popup.html"],
        PortKind::Options => &["options.html"],
    }
}

/// Which protocol a port speaks, when its sender is one of this extension's pages allowed to
/// open it; `None` for anything else (a content script, another extension, a web page).
pub fn check_sender(name: &str, sender: &JsValue) -> Option<PortKind> {
    let kind = match name {
        PANEL_PORT => PortKind::Panel,
        OPTIONS_PORT => PortKind::Options,
        _ => return None,
    };
    let own = ext::extension_id();
    if own.is_empty() || ext::string_at(sender, "id").as_deref() != Some(own.as_str()) {
        return None;
    }
    let url = ext::string_at(sender, "url")?;
    let page = url
        .strip_prefix(&ext::extension_url(""))?
        .split(['?', '#'])
        .next()?
        .to_owned();
    allowed_pages(kind).contains(&page.as_str()).then_some(kind)
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
