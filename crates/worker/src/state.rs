//! The worker's state for as long as it runs: connections with their keys and clients, the
//! connected pages, the outbox, what each tab shows, and the property definitions seen.

use crate::connections::{self, Connection};
use crate::outbox::Outbox;
use crate::ports::Ports;
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
    /// Whether the content scripts' registration is being updated.
    pub syncing: Cell<bool>,
    /// Whether it must be updated again when the update under way ends.
    pub sync_again: Cell<bool>,
}

/// The current time (Unix milliseconds).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Plane's error as data, dated now.
pub fn problem(error: &PlaneError) -> Problem {
    Problem::from_plane(error, now_ms())
}

/// A storage failure as data.
pub fn stored(error: store::StoreError) -> Problem {
    Problem::Unexpected {
        detail: error.to_string(),
    }
}

impl Worker {
    /// Loads the connections (with their keys) and the outbox.
    pub async fn load() -> Result<Self, store::StoreError> {
        let vault = Vault::open().await;
        let saved: Vec<ConnectionSettings> =
            store::read(keys::CONNECTIONS).await?.unwrap_or_default();
        let mut list = Vec::new();
        let cloud = saved
            .iter()
            .find(|s| s.id == connections::CLOUD_APP)
            .cloned()
            .unwrap_or_else(connections::cloud_defaults);
        list.push(cloud);
        list.extend(saved.into_iter().filter(|s| s.id != connections::CLOUD_APP));
        let mut connections = Vec::new();
        for settings in list {
            let key = vault.get(&settings.id).await?;
            connections.push(Connection::new(settings, key));
        }
        let collapsed = store::read(keys::COLLAPSED).await?.unwrap_or(false);
        let sites = store::read(keys::SITES).await?.unwrap_or_default();
        Ok(Self {
            vault,
            connections: RefCell::new(connections),
            ports: Ports::default(),
            outbox: Outbox::load().await?,
            tabs: Tabs::new(collapsed),
            edits: EditService::new(),
            sites: RefCell::new(sites),
            projects: crate::projects::Projects::default(),
            models: crate::models::Models::default(),
            pending_site: RefCell::default(),
            syncing: Cell::new(false),
            sync_again: Cell::new(false),
        })
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

    /// Which connection's page a URL is, and the work item it shows.
    pub fn recognise(&self, url: &str) -> Option<(String, Target)> {
        self.connections
            .borrow()
            .iter()
            .find_map(|c| Some((c.settings.id.clone(), c.recognise(url)?)))
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
