//! What content scripts report (`ContentMessage` over `runtime.sendMessage`): the page changed,
//! or the panel was collapsed. The page's own address is taken from the sender, which the browser
//! fills in; a peek overlay's address counts only on the page's own origin. The worker then tells
//! the panels of that tab which work item to show, so a panel never takes its work item from the
//! page's scripts.

use crate::connections::origin_of;
use crate::ext;
use crate::ports::PortId;
use crate::state::Worker;
use crate::store::{self, keys};
use plane_inline_messages::{ContentMessage, ContentReply, PortReply, Problem, Target};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The tab of a content script in this extension's top frame, with its page's URL; `None` for
/// any other sender.
pub fn content_sender(sender: &JsValue) -> Option<(i64, String)> {
    let own = ext::extension_id();
    if own.is_empty() || ext::string_at(sender, "id").as_deref() != Some(own.as_str()) {
        return None;
    }
    if ext::number_at(sender, "frameId") != Some(0.0) {
        return None;
    }
    let tab = ext::at(sender, "tab");
    let id = ext::number_at(&tab, "id")? as i64;
    // The top frame's address is the tab's, which the browser keeps current across History API
    // navigations; `sender.url` may still name the document's first address.
    let url = ext::string_at(&tab, "url").or_else(|| ext::string_at(sender, "url"))?;
    origin_of(&url)?;
    Some((id, url))
}

/// What a tab's page shows: the connection of its Plane instance, and the work item.
pub type TabPage = Result<(String, Target), Problem>;

/// The work item a page shows: the peek overlay's (same origin only), else the page's own.
pub fn page_target(worker: &Worker, url: &str, peek: Option<&str>) -> TabPage {
    let origin = origin_of(url);
    let peeked = peek
        .filter(|p| origin.is_some() && origin_of(p) == origin)
        .and_then(|p| worker.page(p));
    match peeked.or_else(|| worker.page(url)) {
        Some((connection, Ok(target))) => Ok((connection, target)),
        Some((_, Err(problem))) => Err(problem),
        None => Err(Problem::NoWorkItem),
    }
}

/// Tells the panels of a tab (or one panel) what its page shows, and which connection serves it.
pub fn tell_panels(worker: &Worker, tab: i64, only: Option<PortId>, page: &TabPage) {
    let ports = match only {
        Some(port) => vec![port],
        None => worker.ports.panels(Some(tab)),
    };
    for port in ports {
        if let Ok((connection, _)) = page {
            worker.ports.set_connection(port, connection);
        }
        let result = page.clone().map(|(_, target)| target);
        worker.ports.set_shown(port, result.clone().ok());
        worker.ports.send(port, &PortReply::Page { result });
    }
}

/// Answers a content script's message; `None` when it is refused.
pub async fn handle(
    worker: Rc<Worker>,
    message: ContentMessage,
    sender: &JsValue,
) -> Option<ContentReply> {
    let (tab, url) = content_sender(sender)?;
    let show = match message {
        ContentMessage::Page { peek } => {
            let result = page_target(&worker, &url, peek.as_deref());
            // The panel shows a work item, or says plainly why Plane's API cannot edit it.
            let show = matches!(result, Ok(_) | Err(Problem::NotInApi { .. }));
            if worker.tabs.set_page(tab, &url, result.clone()) {
                tell_panels(&worker, tab, None, &result);
            }
            show
        }
        ContentMessage::Collapsed { collapsed } => {
            worker.tabs.set_collapsed(collapsed);
            let _ = store::write(keys::COLLAPSED, &collapsed).await;
            worker
                .tabs
                .page(tab, &url)
                .is_some_and(|page| matches!(page, Ok(_) | Err(Problem::NotInApi { .. })))
        }
    };
    Some(ContentReply {
        show,
        collapsed: worker.tabs.collapsed(),
    })
}
