//! The worker's state for as long as it runs: connections with their keys and clients, the
//! connected pages, the outbox, what each tab shows, and the property definitions seen.

use crate::budget::Budget;
use crate::connections::{self, Connection};
use crate::ext;
use crate::outbox::Outbox;
use crate::outbox::Pending;
use crate::ports::Ports;
use crate::saved::SetAside;
use crate::store::{self, Vault, keys};
use crate::tabs::Tabs;
use plane_inline_client::core::error::PlaneError;
use plane_inline_client::{PlaneClient, Progress};
use plane_inline_edit::{EditService, activity_of};
use plane_inline_messages::{ConnectionSettings, PortReply, Problem, Target};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// Everything the worker holds.
pub struct Worker {
    /// Where keys are kept.
    pub vault: Vault,
    /// The connections, Plane Cloud first.
    pub connections: RefCell<Vec<Connection>>,
    /// The connected pages.
    pub ports: Ports,
    /// Edits not yet confirmed by Plane.
    pub outbox: Outbox,
    /// What each tab's page and card show, bound to the document they were made for.
    pub tabs: Tabs,
    /// The one edit service (it remembers the properties and labels of loaded panels).
    pub edits: EditService,
    /// The sites where references are shown, by origin.
    pub sites: RefCell<Vec<String>>,
    /// The project identifiers of each connection's workspace.
    pub projects: crate::projects::Projects,
    /// Panel models recently loaded for cards, so that a card opened again soon costs nothing.
    pub models: crate::models::Models,
    /// A site the popup asked to enable before its permission was granted: tab, page address,
    /// and when (Unix milliseconds).
    pub pending_site: RefCell<Option<(i64, String, f64)>>,
    /// Each site's budget of new cards, by origin.
    pub card_budgets: RefCell<std::collections::HashMap<String, Budget>>,
    /// Whether the content scripts' registration is being updated.
    pub syncing: Cell<bool>,
    /// Whether it must be updated again when the update under way ends.
    pub sync_again: Cell<bool>,
}

/// How many new cards one site may open a minute: no more than the key has requests (Plane's 60
/// a minute), so that no page, however it behaves, opens cards faster than they could load.
pub const CARDS_PER_MINUTE: usize = 60;

/// Checks a site read back from storage: an origin, as the popup enables them.
fn check_site(site: &String) -> Result<(), String> {
    match connections::origin_of(site) {
        Some(origin) if origin == *site => Ok(()),
        _ => Err(format!("{site:?} is not a site's origin")),
    }
}

/// Checks a draft read back from storage as the edit service checks a new edit, and that its
/// connection still exists.
fn check_draft(pending: &Pending, connections: &[String]) -> Result<(), String> {
    if !connections.contains(&pending.connection) {
        return Err(format!(
            "a draft for {}, which is no longer connected",
            pending.connection
        ));
    }
    plane_inline_edit::check(&pending.property, &pending.draft.edit)
        .map(|_| ())
        .map_err(|problem| problem.to_string())
}

/// The current time (Unix milliseconds).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Plane's error as data, dated now.
pub fn problem(error: &PlaneError) -> Problem {
    Problem::from_plane(error, now_ms())
}

/// A storage failure as data: a full storage in words of its own.
pub fn stored(error: store::StoreError) -> Problem {
    match error {
        store::StoreError::Full => Problem::StorageFull,
        other => Problem::Unexpected {
            detail: other.to_string(),
        },
    }
}

/// Whether the browser granted access to a self-hosted connection's API address (the options
/// page asks for it when the connection is saved); `true` when the browser cannot say.
async fn api_access_granted(settings: &ConnectionSettings) -> bool {
    let Some(origin) = connections::origin_of(&settings.api_base) else {
        return false;
    };
    let asked = ext::json_object(&serde_json::json!({ "origins": [format!("{origin}/*")] }));
    match ext::call(&["permissions", "contains"], &[asked]).await {
        Ok(granted) => granted.as_bool().unwrap_or(true),
        Err(_) => true,
    }
}

impl Worker {
    /// Loads the connections (with their keys), the sites, the settings and the outbox. Never
    /// fails: what cannot be read, or does not pass its checks, is set aside (kept, with the
    /// reason, for the options page) and the rest is stored again in the current format.
    pub async fn load() -> Self {
        let vault = Vault::open().await;
        let mut aside: Vec<SetAside> = Vec::new();
        let mut saved: Vec<ConnectionSettings> =
            store::load_list(keys::CONNECTIONS, connections::check_stored, &mut aside).await;
        let mut granted = Vec::new();
        // Entries taken in from a storage content scripts could write must also have the
        // browser's grant; the extension's own storage is trusted as it is.
        let untrusted = store::took_in_untrusted();
        for settings in saved.drain(..) {
            if !untrusted
                || settings.id == connections::CLOUD_APP
                || api_access_granted(&settings).await
            {
                granted.push(settings);
            } else {
                aside.push(SetAside {
                    key: keys::CONNECTIONS.into(),
                    why: format!(
                        "access to {} was never granted in the options page",
                        settings.api_base
                    ),
                    text: serde_json::to_string(&settings).unwrap_or_default(),
                    at_ms: now_ms(),
                });
            }
        }
        let cloud = granted
            .iter()
            .find(|s| s.id == connections::CLOUD_APP)
            .cloned()
            .unwrap_or_else(connections::cloud_defaults);
        let mut list = vec![cloud];
        list.extend(
            granted
                .into_iter()
                .filter(|s| s.id != connections::CLOUD_APP),
        );
        let mut connections = Vec::new();
        let mut keys_unreadable = None;
        for settings in list {
            let key = match vault.get(&settings.id).await {
                Ok(key) => key,
                Err(error) => {
                    keys_unreadable.get_or_insert_with(|| error.to_string());
                    None
                }
            };
            connections.push(Connection::new(settings, key));
        }
        let collapsed = store::load(keys::COLLAPSED, &mut aside)
            .await
            .unwrap_or(false);
        let sites: Vec<String> = store::load_list(keys::SITES, check_site, &mut aside).await;
        let known: Vec<String> = connections.iter().map(|c| c.settings.id.clone()).collect();
        let drafts: Vec<Pending> = store::load_list(
            keys::DRAFTS,
            |pending: &Pending| check_draft(pending, &known),
            &mut aside,
        )
        .await;
        let edits = EditService::new();
        let worker = Self {
            vault,
            connections: RefCell::new(connections),
            ports: Ports::default(),
            outbox: Outbox::new(drafts, edits.clone()),
            tabs: Tabs::new(collapsed),
            edits,
            sites: RefCell::new(sites),
            projects: crate::projects::Projects::default(),
            models: crate::models::Models::default(),
            pending_site: RefCell::default(),
            card_budgets: RefCell::default(),
            syncing: Cell::new(false),
            sync_again: Cell::new(false),
        };
        if let Some(why) = keys_unreadable {
            // The keys could not be read: the connections stay, without keys, until they are
            // pasted again; what was stored is kept aside (it is never shown).
            aside.push(SetAside {
                key: keys::KEYS.into(),
                why,
                text: store::raw(keys::KEYS).await.unwrap_or_default(),
                at_ms: now_ms(),
            });
            let _ = vault.clear().await;
        }
        worker.store_again(aside).await;
        worker
    }

    /// Spends one new card of the site of `url` (at most [`CARDS_PER_MINUTE`] a minute a site);
    /// whether it may open.
    pub fn spend_card(&self, url: &str) -> bool {
        let site = connections::origin_of(url).unwrap_or_default();
        self.card_budgets
            .borrow_mut()
            .entry(site)
            .or_insert_with(|| Budget::new(CARDS_PER_MINUTE, 60_000.0))
            .spend(now_ms())
    }

    /// Keeps what was set aside, then stores what was read in the current format (so that an
    /// entry is set aside once, and every entry is in the current format after the first start).
    async fn store_again(&self, aside: Vec<SetAside>) {
        let touched: std::collections::BTreeSet<String> =
            aside.iter().map(|a| a.key.clone()).collect();
        if store::put_aside(aside).await.is_err() {
            return; // nothing is dropped that was not kept
        }
        for key in touched {
            let _ = match key.as_str() {
                keys::CONNECTIONS => self.save_connections().await,
                keys::SITES => {
                    let sites = self.sites.borrow().clone();
                    store::write(keys::SITES, &sites).await.map_err(stored)
                }
                keys::DRAFTS => self.outbox.persist().await,
                keys::COLLAPSED => store::write(keys::COLLAPSED, &self.tabs.collapsed())
                    .await
                    .map_err(stored),
                _ => Ok(()),
            };
        }
    }

    /// Saves the connections' settings (keys are stored apart, in the vault).
    pub async fn save_connections(&self) -> Result<(), Problem> {
        let settings: Vec<ConnectionSettings> = self
            .connections
            .borrow()
            .iter()
            .map(|c| c.settings.clone())
            .collect();
        store::write(keys::CONNECTIONS, &settings)
            .await
            .map_err(stored)
    }

    /// The connection to use for `workspace`: the one the asking page chose, else one whose
    /// workspace it is, else the first with a key, else Plane Cloud.
    pub fn pick(&self, workspace: &str, chosen: Option<&str>) -> String {
        let list = self.connections.borrow();
        let found = chosen
            .and_then(|id| list.iter().find(|c| c.settings.id == id))
            .or_else(|| {
                list.iter()
                    .find(|c| c.settings.workspace == workspace && c.has_key())
            })
            .or_else(|| list.iter().find(|c| c.has_key()));
        found
            .map(|c| c.settings.id.clone())
            .unwrap_or_else(|| connections::CLOUD_APP.to_owned())
    }

    /// Which connection's page a URL is, and the work item it shows or why Plane's API cannot
    /// read it.
    pub fn page(&self, url: &str) -> Option<(String, Result<Target, Problem>)> {
        self.connections
            .borrow()
            .iter()
            .find_map(|c| Some((c.settings.id.clone(), c.page(url)?)))
    }

    /// The client of a connection for `workspace`; the first one made reports its activity to
    /// every panel.
    pub fn client(
        self: &Rc<Self>,
        connection: &str,
        workspace: &str,
    ) -> Result<PlaneClient, Problem> {
        let mut list = self.connections.borrow_mut();
        let entry = list
            .iter_mut()
            .find(|c| c.settings.id == connection)
            .ok_or(Problem::KeyMissing)?;
        let weak: Weak<Self> = Rc::downgrade(self);
        entry.client(workspace, move |client| {
            client.scheduler().subscribe(move |progress: &Progress| {
                if let (Some(activity), Some(worker)) = (activity_of(progress), weak.upgrade()) {
                    worker
                        .ports
                        .broadcast(None, &PortReply::Activity { activity });
                }
            })
        })
    }
}
