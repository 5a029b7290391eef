//! The functions the JavaScript bootstrap calls, and the worker they share.

use crate::ports::{self, PortId, PortKind, SenderPage};
use crate::state::Worker;
use crate::{content, ext, options, references, scripts, serve, sites};
use plane_inline_messages::{
    ContentMessage, OptionsReply, OptionsRequest, PortReply, PortRequest, Problem,
    ReferenceCommand, ReferenceMessage,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The worker, once [`start`] has loaded it.
    static WORKER: RefCell<Option<Rc<Worker>>> = const { RefCell::new(None) };
}

fn current() -> Option<Rc<Worker>> {
    WORKER.with(|w| w.borrow().clone())
}

/// Loads connections, keys and drafts, resumes pending drafts (reading each value back first),
/// and registers the content script on granted self-hosted origins. Run once per worker start,
/// before any event is handed over.
#[wasm_bindgen]
pub async fn start() -> Result<(), JsValue> {
    if current().is_some() {
        return Ok(());
    }
    let worker = Rc::new(Worker::load().await);
    worker.outbox.bind(Rc::downgrade(&worker));
    WORKER.with(|w| *w.borrow_mut() = Some(Rc::clone(&worker)));
    worker.outbox.resume();
    scripts::sync(&worker).await;
    Ok(())
}

/// Takes a newly connected port, with the messages that arrived before the worker was ready.
/// A port from anything but this extension's own pages is disconnected at once.
#[wasm_bindgen]
pub fn connect(port: JsValue, early: js_sys::Array) {
    let name = ext::string_at(&port, "name").unwrap_or_default();
    let sender = ext::at(&port, "sender");
    let (Some(worker), Some(page)) = (current(), ports::check_sender(&name, &sender)) else {
        let _ = js_sys::Reflect::get(&port, &"disconnect".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .map(|f| f.call0(&port));
        return;
    };
    let tab = ext::number_at(&ext::at(&sender, "tab"), "id").map(|t| t as i64);
    // A reference's card frames `panel.html?card`; its work item comes from the card's reference.
    // `panel.html` is framed in web pages; the popup and the table page are the user's own.
    let (kind, card, in_page) = (page.kind(), page.card(), page.in_page());
    let id = worker.ports.peek_next();
    let on_message: Closure<dyn FnMut(JsValue)> =
        Closure::new(move |message: JsValue| dispatch(id, kind, message));
    let on_disconnect: Closure<dyn FnMut(JsValue)> = Closure::new(move |_: JsValue| {
        if let Some(worker) = current() {
            worker.ports.remove(id);
        }
    });
    let listen = |event: &str, listener: &Closure<dyn FnMut(JsValue)>| {
        let target = ext::at(&ext::at(&port, event), "addListener");
        if let Ok(add) = target.dyn_into::<js_sys::Function>() {
            let _ = add.call1(&ext::at(&port, event), listener.as_ref());
        }
    };
    listen("onMessage", &on_message);
    listen("onDisconnect", &on_disconnect);
    worker.ports.add(
        port,
        (kind, card, in_page),
        tab,
        vec![on_message, on_disconnect],
    );
    for message in early.iter() {
        dispatch(id, kind, message);
    }
    // What the browser says the tab's top document is now: a panel or card is answered only with
    // what was reported for that very document.
    let top_url = ext::string_at(&ext::at(&sender, "tab"), "url").unwrap_or_default();
    if let (true, Some(tab)) = (card, tab) {
        let known = worker.tabs.card(tab, &top_url);
        match known {
            Some(page) => references::tell_cards(&worker, tab, Some(id), &page),
            // A worker that restarted while a card was open: its script names it again.
            None => wasm_bindgen_futures::spawn_local(async move {
                references::command(tab, &ReferenceCommand::ResendCard).await;
            }),
        }
    } else if let (PortKind::Panel, false, Some(tab)) = (kind, page == SenderPage::Table, tab) {
        let page = worker
            .tabs
            .page(tab, &top_url)
            .unwrap_or_else(|| content::page_target(&worker, &top_url, None));
        content::tell_panels(&worker, tab, Some(id), &page);
    }
}

/// The `id` of a request that did not read, if it has one.
fn request_id(text: &str) -> Option<u32> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value
        .get("id")?
        .as_u64()
        .and_then(|id| u32::try_from(id).ok())
}

fn dispatch(port: PortId, kind: PortKind, message: JsValue) {
    let Some(worker) = current() else { return };
    let text = message.as_string().unwrap_or_default();
    match kind {
        PortKind::Panel => match serde_json::from_str::<PortRequest>(&text) {
            Ok(request) => wasm_bindgen_futures::spawn_local(serve::panel(worker, port, request)),
            Err(error) => worker.ports.send(
                port,
                &PortReply::Refused {
                    id: request_id(&text),
                    problem: Problem::BadMessage {
                        detail: error.to_string(),
                    },
                },
            ),
        },
        PortKind::Options => match serde_json::from_str::<OptionsRequest>(&text) {
            Ok(request) => {
                wasm_bindgen_futures::spawn_local(options::options(worker, port, request))
            }
            Err(_) => {
                // serde's message may quote the text, and the text may hold a key: say less.
                if let Some(id) = request_id(&text) {
                    worker.ports.send(
                        port,
                        &OptionsReply::Done {
                            id,
                            result: Err(Problem::BadMessage {
                                detail: "a request of a shape this version does not read".into(),
                            }),
                        },
                    );
                }
            }
        },
    }
}

/// Answers a content script's message: the Plane page script's (`{type: "page", peek}` or
/// `{type: "collapsed", collapsed}`, answered `{show, collapsed}`) or the references script's
/// (`ReferenceMessage`, answered `ReferenceReply`). Anything else, or a message from anything
/// but this extension's content script in a tab's top frame, gets `undefined`.
#[wasm_bindgen]
pub async fn message(message: JsValue, sender: JsValue) -> JsValue {
    let Some(worker) = current() else {
        return JsValue::UNDEFINED;
    };
    let text = js_sys::JSON::stringify(&message)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let reply = if let Ok(parsed) = serde_json::from_str::<ContentMessage>(&text) {
        content::handle(worker, parsed, &sender)
            .await
            .and_then(|reply| serde_json::to_value(reply).ok())
    } else if let Ok(parsed) = serde_json::from_str::<ReferenceMessage>(&text) {
        references::handle(worker, parsed, &sender)
            .await
            .and_then(|reply| serde_json::to_value(reply).ok())
    } else {
        None
    };
    reply.map_or(JsValue::UNDEFINED, |json| ext::json_object(&json))
}

/// A tab closed, or began loading another document: what it showed is forgotten.
#[wasm_bindgen(js_name = tabGone)]
pub fn tab_gone(tab: f64) {
    if let Some(worker) = current() {
        worker.tabs.forget(tab as i64);
    }
}

/// Host permissions changed: registers or unregisters the content scripts accordingly, and
/// enables a site the popup asked for once its permission arrives.
#[wasm_bindgen(js_name = permissionsChanged)]
pub async fn permissions_changed() {
    if let Some(worker) = current() {
        sites::prune_revoked(&worker).await;
        scripts::sync(&worker).await;
        sites::resume(&worker).await;
    }
}
