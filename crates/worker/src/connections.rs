//! The Plane instances the extension talks to: Plane Cloud by default, plus self-hosted ones.
//! Each has its own API base, app base, workspace, key and [`PlaneClient`] (so its own pacing
//! scheduler), and a page URL's origin picks its connection.

use plane_inline_client::{ApiBase, ClientConfig};
#[cfg(target_arch = "wasm32")]
use plane_inline_client::{PlaneClient, Subscription};
use plane_inline_core::web_url::{AppBase, parse_project_url, parse_work_item_url};
pub use plane_inline_messages::origin::origin_of;
use plane_inline_messages::{ConnectionSettings, ConnectionSummary, Problem, TableTarget, Target};
use std::str::FromStr;

/// Plane Cloud's API.
pub const CLOUD_API: &str = "https://api.plane.so";
/// Plane Cloud's web app.
pub const CLOUD_APP: &str = "https://app.plane.so";

/// Plane Cloud's settings before the user sets a workspace.
pub fn cloud_defaults() -> ConnectionSettings {
    ConnectionSettings {
        id: CLOUD_APP.to_owned(),
        api_base: CLOUD_API.to_owned(),
        app_base: CLOUD_APP.to_owned(),
        workspace: String::new(),
    }
}

/// Checks settings as typed in the options page; the id becomes the app base's origin.
pub fn checked(settings: &ConnectionSettings) -> Result<ConnectionSettings, Problem> {
    let bad = |detail: String| Problem::BadMessage { detail };
    let api = ApiBase::parse(&settings.api_base).map_err(|e| bad(e.to_string()))?;
    if !api.origin().is_private_channel() {
        // The key goes with every request: never unencrypted off this machine.
        return Err(bad(plane_inline_client::ConfigError::Unencrypted {
            origin: api.origin().to_string(),
        }
        .to_string()));
    }
    AppBase::from_str(&settings.app_base).map_err(|e| bad(e.to_string()))?;
    let app_origin = origin_of(&settings.app_base)
        .ok_or_else(|| bad(format!("{:?} is not a web address", settings.app_base)))?;
    let workspace = settings.workspace.trim().to_owned();
    if !workspace.is_empty() {
        ClientConfig::new(&settings.api_base, &workspace, None).map_err(|e| bad(e.to_string()))?;
    }
    Ok(ConnectionSettings {
        id: app_origin,
        api_base: format!("{}{}", api.origin(), api.prefix()),
        app_base: settings.app_base.trim().trim_end_matches('/').to_owned(),
        workspace,
    })
}

/// Checks connection settings read back from storage: they must be what the options page saves
/// ([`checked`] leaves them as they are), and Plane Cloud's must point at Plane Cloud. Storage a
/// content script could once write (Firefox's `storage.local`) must not send a key elsewhere.
pub fn check_stored(settings: &ConnectionSettings) -> Result<(), String> {
    let normal = checked(settings).map_err(|problem| problem.to_string())?;
    if normal != *settings {
        return Err(format!(
            "settings for {} that the options page would not have saved",
            normal.id
        ));
    }
    if settings.id == CLOUD_APP && settings.api_base != CLOUD_API {
        return Err(format!(
            "Plane Cloud with the API address {:?}",
            settings.api_base
        ));
    }
    Ok(())
}

/// One connection as the worker holds it.
pub struct Connection {
    /// Its settings.
    pub settings: ConnectionSettings,
    app: Option<AppBase>,
    key: Option<String>,
    #[cfg(target_arch = "wasm32")]
    client: Option<PlaneClient>,
    #[cfg(target_arch = "wasm32")]
    _activity: Option<Subscription>,
}

impl std::fmt::Debug for Connection {
    /// Never shows the key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("settings", &self.settings)
            .field("key", &self.key.as_ref().map(|_| "…"))
            .finish()
    }
}

impl Connection {
    /// A connection with its key (if any).
    pub fn new(settings: ConnectionSettings, key: Option<String>) -> Self {
        Self {
            app: AppBase::from_str(&settings.app_base).ok(),
            settings,
            key: key.filter(|k| !k.trim().is_empty()),
            #[cfg(target_arch = "wasm32")]
            client: None,
            #[cfg(target_arch = "wasm32")]
            _activity: None,
        }
    }

    /// Plane's web app of this instance, as parsed when the connection was made.
    pub fn app(&self) -> Option<&AppBase> {
        self.app.as_ref()
    }

    /// Whether a key is set.
    pub fn has_key(&self) -> bool {
        self.key.is_some()
    }

    /// The listing form: settings and `…abcd`.
    pub fn summary(&self) -> ConnectionSummary {
        ConnectionSummary {
            settings: self.settings.clone(),
            key_hint: self.key.as_ref().map(|key| {
                let tail: String = key
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                format!("…{tail}")
            }),
        }
    }

    /// The work item a page of this connection's web app shows, or why Plane's API cannot read
    /// it (an epic, archived or intake page); `None` for any other page.
    pub fn page(&self, url: &str) -> Option<Result<Target, Problem>> {
        let location = parse_work_item_url(url, Some(self.app.as_ref()?))?;
        match plane_inline_messages::api_problem(&location) {
            Some(problem) => Some(Err(problem)),
            None => Target::from_location(&location).map(Ok),
        }
    }

    /// The project a page of this connection's web app belongs to, as its table names it: a
    /// project's work items page (by UUID), or any work item page (`/browse/WEB-12/` by the
    /// identifier's prefix, the others by the project's UUID); `None` for any other page.
    pub fn project_of(&self, url: &str) -> Option<TableTarget> {
        let app = self.app.as_ref()?;
        if let Some(page) = parse_project_url(url, Some(app)) {
            return Some(TableTarget {
                workspace: page.workspace,
                project: page.project_id,
            });
        }
        let location = parse_work_item_url(url, Some(app))?;
        let project = match location.identifier {
            Some(identifier) => identifier.project,
            None => location.project_id?,
        };
        Some(TableTarget {
            workspace: location.workspace,
            project,
        })
    }

    #[cfg(target_arch = "wasm32")]
    /// The client of `workspace` (made once per connection, so one scheduler per key);
    /// `on_new` is called with a client the first time one is made.
    pub fn client(
        &mut self,
        workspace: &str,
        on_new: impl FnOnce(&PlaneClient) -> Subscription,
    ) -> Result<PlaneClient, Problem> {
        let bad = |detail: String| Problem::BadMessage { detail };
        if let Some(client) = &self.client {
            return client
                .for_workspace(workspace)
                .map_err(|e| bad(e.to_string()));
        }
        let key = self.key.as_deref().ok_or(Problem::KeyMissing)?;
        let config = ClientConfig::new(&self.settings.api_base, workspace, Some(key))
            .map_err(|e| bad(e.to_string()))?;
        let client = PlaneClient::new(config);
        self._activity = Some(on_new(&client));
        self.client = Some(client.clone());
        Ok(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unencrypted_api_address_off_this_machine_is_refused() {
        let typed = ConnectionSettings {
            id: String::new(),
            api_base: "http://plane.intranet.example".into(),
            app_base: "http://plane.intranet.example".into(),
            workspace: "acme".into(),
        };
        assert_eq!(
            checked(&typed),
            Err(Problem::BadMessage {
                detail: "http://plane.intranet.example is not encrypted: an API key is only sent over https:// (or to this machine, http://localhost)".into()
            })
        );
        let local = ConnectionSettings {
            api_base: "http://127.0.0.1:8787".into(),
            app_base: "http://127.0.0.1:8787".into(),
            ..typed
        };
        assert!(checked(&local).is_ok());
    }

    #[test]
    fn stored_settings_are_taken_only_as_the_options_page_saves_them() {
        assert_eq!(check_stored(&cloud_defaults()), Ok(()));
        let saved = checked(&ConnectionSettings {
            id: String::new(),
            api_base: "https://plane.example.com".into(),
            app_base: "https://plane.example.com".into(),
            workspace: "acme".into(),
        })
        .unwrap();
        assert_eq!(check_stored(&saved), Ok(()));
        let elsewhere = ConnectionSettings {
            api_base: "https://collector.example".into(),
            ..cloud_defaults()
        };
        assert_eq!(
            check_stored(&elsewhere),
            Err("Plane Cloud with the API address \"https://collector.example\"".into())
        );
        let renamed = ConnectionSettings {
            id: "https://other.example".into(),
            ..saved.clone()
        };
        assert_eq!(
            check_stored(&renamed),
            Err(
                "settings for https://plane.example.com that the options page would not have saved"
                    .into()
            )
        );
        let broken = ConnectionSettings {
            api_base: "javascript:alert(1)".into(),
            ..saved
        };
        assert!(check_stored(&broken).is_err());
    }

    #[test]
    fn settings_are_checked_and_named_by_their_app_origin() {
        let typed = ConnectionSettings {
            id: "anything".into(),
            api_base: " https://plane.example.com/ ".into(),
            app_base: "https://Plane.example.com/".into(),
            workspace: " acme ".into(),
        };
        let settings = checked(&typed).unwrap();
        assert_eq!(settings.id, "https://plane.example.com");
        assert_eq!(settings.api_base, "https://plane.example.com");
        assert_eq!(settings.workspace, "acme");
        let wrong = ConnectionSettings {
            api_base: "plane.example.com".into(),
            ..typed
        };
        assert!(matches!(checked(&wrong), Err(Problem::BadMessage { .. })));
    }

    #[test]
    fn pages_pick_their_connection_and_keys_show_four_characters() {
        let cloud = Connection::new(cloud_defaults(), Some("plane_api_0123456789abcd".into()));
        let target = cloud
            .page("https://app.plane.so/acme/browse/WEB-12/")
            .unwrap();
        assert_eq!(target, Ok(Target::identifier("acme", "WEB-12").unwrap()));
        assert_eq!(cloud.page("https://evil.example/acme/browse/WEB-12/"), None);
        let epic = "https://app.plane.so/acme/projects/0b0a4f2e-1111-4000-8000-000000000001/epics/0b0a4f2e-2222-4000-8000-000000000002";
        assert_eq!(
            cloud.page(epic),
            Some(Err(Problem::NotInApi {
                kind: plane_inline_core::web_url::PageKind::Epic
            }))
        );
        assert_eq!(cloud.summary().key_hint.as_deref(), Some("…abcd"));
        let project = "0b0a4f2e-1111-4000-8000-000000000001";
        let table = |workspace: &str, project: &str| {
            Some(TableTarget {
                workspace: workspace.into(),
                project: project.into(),
            })
        };
        for (url, want) in [
            (
                format!("https://app.plane.so/acme/projects/{project}/issues/?layout=board"),
                table("acme", project),
            ),
            (
                "https://app.plane.so/acme/browse/web-12/".into(),
                table("acme", "WEB"),
            ),
            (epic.into(), table("acme", project)),
            (
                format!("https://app.plane.so/acme/projects/{project}/cycles/"),
                None,
            ),
            (
                format!("https://evil.example/acme/projects/{project}/issues/"),
                None,
            ),
            ("https://app.plane.so/acme/".into(), None),
        ] {
            assert_eq!(cloud.project_of(&url), want, "{url}");
        }
        assert!(!format!("{cloud:?}").contains("0123"));
    }
}
