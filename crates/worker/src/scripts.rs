//! Content scripts registered at run time (`scripting.registerContentScripts`): the Plane page
//! script on each self-hosted connection whose origin the user granted, and the references
//! script on each site where the user enabled references; unregistered when the connection, the
//! site or the permission goes. Plane Cloud's page script is declared in the manifest.

use crate::connections;
use crate::ext;
use crate::state::Worker;
use plane_inline_messages::origin::match_pattern;
use serde_json::json;

/// Prefix of the ids of the scripts this worker registers.
const PREFIX: &str = "plane-inline-";
/// The references script, for sites the user enabled.
pub const REFERENCES_SCRIPT: &str = "references.js";

/// Registers the content scripts for exactly the granted self-hosted origins and enabled sites.
/// Failures are reported on the console (they name an origin, never a key) and leave the rest
/// working. One update runs at a time: a call during one makes it run once more at its end
/// (a permission event and the change that caused it often come together).
pub async fn sync(worker: &Worker) {
    if worker.syncing.replace(true) {
        worker.sync_again.set(true);
        return;
    }
    loop {
        worker.sync_again.set(false);
        if let Err(error) = try_sync(worker).await {
            web_log(&format!(
                "Plane Inline: content scripts not updated: {error}"
            ));
        }
        if !worker.sync_again.get() {
            break;
        }
    }
    worker.syncing.set(false);
}

async fn try_sync(worker: &Worker) -> Result<(), ext::ExtError> {
    let registered = ext::call(&["scripting", "getRegisteredContentScripts"], &[]).await?;
    let ids: Vec<String> = js_sys::Array::from(&registered)
        .iter()
        .filter_map(|s| ext::string_at(&s, "id"))
        .filter(|id| id.starts_with(PREFIX))
        .collect();
    if !ids.is_empty() {
        let filter = ext::json_object(&json!({ "ids": ids }));
        ext::call(&["scripting", "unregisterContentScripts"], &[filter]).await?;
    }
    let patterns: Vec<String> = worker
        .connections
        .borrow()
        .iter()
        .filter(|c| c.settings.id != connections::CLOUD_APP)
        .filter_map(|c| match_pattern(&c.settings.id))
        .collect();
    let sites: Vec<String> = crate::sites::list(worker)
        .into_iter()
        .map(|site| site.pattern)
        .collect();
    let mut scripts = Vec::new();
    let wanted = patterns
        .iter()
        .map(|p| (p, "content.js", "page"))
        .chain(sites.iter().map(|p| (p, REFERENCES_SCRIPT, "site")));
    for (index, (pattern, file, kind)) in wanted.enumerate() {
        let origins = ext::json_object(&json!({ "origins": [pattern] }));
        let granted = ext::call(&["permissions", "contains"], &[origins])
            .await?
            .as_bool()
            .unwrap_or(false);
        if granted {
            scripts.push(json!({
                "id": format!("{PREFIX}{kind}-{index}"),
                "matches": [pattern],
                "js": [file],
                "runAt": "document_idle",
                "persistAcrossSessions": true,
            }));
        }
    }
    if !scripts.is_empty() {
        let scripts = ext::json_object(&json!(scripts));
        ext::call(&["scripting", "registerContentScripts"], &[scripts]).await?;
    }
    Ok(())
}

/// Writes a line on the worker's console.
pub fn web_log(line: &str) {
    let console = ext::at(&js_sys::global(), "console");
    if let Ok(warn) = js_sys::Reflect::get(&console, &"warn".into())
        && let Ok(warn) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(warn)
    {
        let _ = warn.call1(&console, &line.into());
    }
}
