//! What the references script on an enabled site asks (`ReferenceMessage`): whether to run,
//! which identifier prefixes are projects, and to show or close the card of a reference. The
//! sender must be this extension's script in a tab's top frame, on a site the user enabled; the
//! card's panel then gets its work item from here, never from the page.

use crate::content::content_sender;
use crate::ext;
use crate::ports::PortId;
use crate::projects;
use crate::sites;
use crate::state::Worker;
use plane_inline_core::web_url::Identifier;
use plane_inline_messages::origin::origin_of;
use plane_inline_messages::{
    MAX_PREFIXES, PortReply, Problem, Reference, ReferenceCommand, ReferenceMessage,
    ReferenceReply, Target, identifier_pattern, is_project_prefix,
};
use std::collections::BTreeSet;
use std::rc::Rc;

/// What a tab's card shows: the connection that serves it, and the work item.
pub type CardPage = Result<(String, Target), Problem>;

/// Answers a references script's message; `None` when the sender is not one.
pub async fn handle(
    worker: Rc<Worker>,
    message: ReferenceMessage,
    sender: &wasm_bindgen::JsValue,
) -> Option<ReferenceReply> {
    let (tab, url) = content_sender(sender)?;
    if !sites::enabled_url(&worker, &url) {
        return Some(ReferenceReply::Site {
            enabled: false,
            apps: Vec::new(),
            max_prefixes: MAX_PREFIXES,
            identifier: String::new(),
        });
    }
    Some(match message {
        ReferenceMessage::Hello => {
            if let Some(origin) = origin_of(&url) {
                worker.tabs.set_script(tab, &origin);
            }
            ReferenceReply::Site {
                enabled: true,
                apps: apps(&worker),
                max_prefixes: MAX_PREFIXES,
                identifier: identifier_pattern(),
            }
        }
        ReferenceMessage::Projects { prefixes } => ReferenceReply::Projects {
            known: known(&worker, prefixes).await,
        },
        ReferenceMessage::Card { reference } => {
            let page = resolve(&worker, &reference).await;
            // A card already showing this work item costs nothing; a new one spends the site's
            // budget, so no page opens more than a few a minute whatever it does.
            let showing = worker.tabs.card(tab, &url).as_ref() == Some(&page);
            let shown = page.is_ok() && (showing || worker.spend_card(&url));
            if shown && worker.tabs.set_card(tab, &url, page.clone()) {
                // The pointer moved on: what the card was loading is not wanted any more.
                for port in worker.ports.cards(tab) {
                    worker.ports.abort_loads(port);
                }
                tell_cards(&worker, tab, None, &page);
            }
            ReferenceReply::Card { shown }
        }
        ReferenceMessage::CardClosed => {
            worker.tabs.close_card(tab);
            for port in worker.ports.cards(tab) {
                worker.ports.abort_loads(port);
            }
            ReferenceReply::Done
        }
    })
}

/// The origins of the Plane apps of connections with a key: links there may be references.
fn apps(worker: &Worker) -> Vec<String> {
    let list: BTreeSet<String> = worker
        .connections
        .borrow()
        .iter()
        .filter(|c| c.has_key())
        .filter_map(|c| origin_of(&c.settings.app_base))
        .collect();
    list.into_iter().collect()
}

/// The prefixes that are a project identifier in some connection's workspace. Anything that
/// could not be an identifier's project part is dropped unread.
async fn known(worker: &Rc<Worker>, prefixes: Vec<String>) -> Vec<String> {
    let asked: BTreeSet<String> = prefixes
        .into_iter()
        .take(MAX_PREFIXES)
        .filter(|p| is_project_prefix(p))
        .collect();
    if asked.is_empty() {
        return Vec::new();
    }
    let mut found = BTreeSet::new();
    for (connection, workspace) in projects::searchable(worker) {
        if let Ok(list) = projects::identifiers(worker, &connection, &workspace).await {
            found.extend(asked.iter().filter(|p| list.contains(p.as_str())).cloned());
        }
    }
    found.into_iter().collect()
}

/// The connection and work item a reference names.
async fn resolve(worker: &Rc<Worker>, reference: &Reference) -> CardPage {
    match reference {
        Reference::Link { href } => match worker.page(href) {
            Some((connection, Ok(target))) => Ok((connection, target)),
            Some((_, Err(problem))) => Err(problem),
            None => Err(Problem::NoWorkItem),
        },
        Reference::Identifier { text } => {
            let identifier: Identifier = text.trim().parse().map_err(|_| Problem::NoWorkItem)?;
            let (connection, workspace) = projects::owner(worker, &identifier.project)
                .await
                .ok_or(Problem::NoWorkItem)?;
            let target = Target::identifier(&workspace, &identifier.to_string())
                .ok_or(Problem::NoWorkItem)?;
            Ok((connection, target))
        }
    }
}

/// Tells the card panels of a tab (or one of them) which work item to show.
pub fn tell_cards(worker: &Worker, tab: i64, only: Option<PortId>, page: &CardPage) {
    let ports = match only {
        Some(port) => vec![port],
        None => worker.ports.cards(tab),
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

/// Tells a tab's references script something (its top frame only).
pub async fn command(tab: i64, command: &ReferenceCommand) {
    let Ok(json) = serde_json::to_value(command) else {
        return;
    };
    let message = ext::json_object(&json);
    let options = ext::json_object(&serde_json::json!({ "frameId": 0 }));
    // A tab that closed or navigated away has nobody to tell.
    let _ = ext::call(
        &["tabs", "sendMessage"],
        &[
            wasm_bindgen::JsValue::from_f64(tab as f64),
            message,
            options,
        ],
    )
    .await;
}
