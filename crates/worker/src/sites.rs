//! The sites where the user enabled references: kept in `storage.local` by origin, each backed
//! by a host permission the popup asked for at run time (`permissions.request` must run in the
//! popup's click), with the references script registered there by [`crate::scripts`].

use crate::connections::origin_of;
use crate::ext;
use crate::state::{Worker, now_ms, stored};
use crate::store::{self, keys};
use crate::{references, scripts};
use plane_inline_messages::origin::match_pattern;
use plane_inline_messages::{Problem, ReferenceCommand, SiteStatus, site_for};
use serde_json::json;

/// The site of a page: its origin and the host permission that covers it, unless it is not a
/// web page or it is a configured Plane app (whose pages have the panel instead).
pub fn site_of(worker: &Worker, url: &str) -> Result<SiteStatus, Problem> {
    let apps: Vec<String> = worker
        .connections
        .borrow()
        .iter()
        .filter_map(|c| origin_of(&c.settings.app_base))
        .collect();
    site_for(url, &apps, &worker.sites.borrow())
}

/// Whether references are enabled on the sites `pattern` covers.
pub fn enabled_pattern(worker: &Worker, pattern: &str) -> bool {
    worker
        .sites
        .borrow()
        .iter()
        .any(|site| match_pattern(site).as_deref() == Some(pattern))
}

/// Whether references are enabled on the site of a page.
pub fn enabled_url(worker: &Worker, url: &str) -> bool {
    site_of(worker, url).is_ok_and(|site| site.enabled)
}

/// Every enabled site.
pub fn list(worker: &Worker) -> Vec<SiteStatus> {
    worker
        .sites
        .borrow()
        .iter()
        .filter_map(|origin| {
            Some(SiteStatus {
                origin: origin.clone(),
                pattern: match_pattern(origin)?,
                enabled: true,
            })
        })
        .collect()
}

/// How long a request to enable a site waits for its permission to be granted.
const PENDING_MS: f64 = 120_000.0;

/// Enables references on a tab's site and starts them in that tab at once, if its host
/// permission is granted. If not yet, the request is kept for two minutes and carried out when
/// the permission arrives ([`resume`]): the popup sends it before asking for the permission,
/// because a browser may close the popup while its prompt shows.
pub async fn enable(worker: &Worker, tab: i64, url: &str) -> Result<SiteStatus, Problem> {
    let site = site_of(worker, url)?;
    let origins = ext::json_object(&json!({ "origins": [site.pattern] }));
    let granted = ext::call(&["permissions", "contains"], &[origins])
        .await
        .map_err(|e| Problem::Unexpected {
            detail: e.to_string(),
        })?
        .as_bool()
        .unwrap_or(false);
    if !granted {
        *worker.pending_site.borrow_mut() = Some((tab, url.to_owned(), now_ms()));
        return Ok(site);
    }
    worker.pending_site.borrow_mut().take();
    // Checked again after the await: the popup may have asked twice.
    if !enabled_pattern(worker, &site.pattern) {
        worker.sites.borrow_mut().push(site.origin.clone());
        save(worker).await?;
        scripts::sync(worker).await;
    }
    let injection = ext::json_object(&json!({
        "target": { "tabId": tab },
        "files": [scripts::REFERENCES_SCRIPT],
    }));
    if let Err(error) = ext::call(&["scripting", "executeScript"], &[injection]).await {
        scripts::web_log(&format!(
            "Plane Inline: references not started in the tab: {error}"
        ));
    }
    Ok(SiteStatus {
        enabled: true,
        ..site
    })
}

/// Disables references on a site and gives its host permission back (unless a self-hosted
/// Plane connection on the same host still needs it).
pub async fn disable(worker: &Worker, origin: &str) -> Result<(), Problem> {
    let pattern = match_pattern(origin).ok_or(Problem::NoWorkItem)?;
    worker
        .sites
        .borrow_mut()
        .retain(|site| match_pattern(site).as_deref() != Some(pattern.as_str()));
    save(worker).await?;
    scripts::sync(worker).await;
    let needed = worker
        .connections
        .borrow()
        .iter()
        .filter_map(|c| origin_of(&c.settings.app_base).or_else(|| origin_of(&c.settings.api_base)))
        .any(|o| match_pattern(&o).as_deref() == Some(pattern.as_str()));
    if !needed {
        let origins = ext::json_object(&json!({ "origins": [pattern] }));
        if let Err(error) = ext::call(&["permissions", "remove"], &[origins]).await {
            scripts::web_log(&format!("Plane Inline: access not given back: {error}"));
        }
    }
    Ok(())
}

/// Forgets the sites whose access was taken back (in the browser's settings, or by another
/// extension's request), and tells their running scripts to stop, so that no site is listed as
/// enabled, or scanned, without its permission.
pub async fn prune_revoked(worker: &Worker) {
    let sites = worker.sites.borrow().clone();
    let mut revoked = Vec::new();
    for site in sites {
        let Some(pattern) = match_pattern(&site) else {
            continue;
        };
        let asked = ext::json_object(&json!({ "origins": [pattern] }));
        if let Ok(granted) = ext::call(&["permissions", "contains"], &[asked]).await
            && granted.as_bool() == Some(false)
        {
            revoked.push(site);
        }
    }
    if revoked.is_empty() {
        return;
    }
    worker.sites.borrow_mut().retain(|s| !revoked.contains(s));
    let _ = save(worker).await;
    for site in &revoked {
        for tab in worker.tabs.scripts_on(site) {
            references::command(tab, &ReferenceCommand::Stop).await;
        }
    }
}

/// Carries out a pending request to enable a site, now that permissions changed.
pub async fn resume(worker: &Worker) {
    let pending = worker.pending_site.borrow().clone();
    if let Some((tab, url, at)) = pending
        && now_ms() - at < PENDING_MS
    {
        let _ = enable(worker, tab, &url).await;
    }
}

async fn save(worker: &Worker) -> Result<(), Problem> {
    let sites = worker.sites.borrow().clone();
    store::write(keys::SITES, &sites).await.map_err(stored)
}
