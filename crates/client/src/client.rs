//! The client of one workspace: its configuration, its scheduler (one per API key, shared by
//! clones and by [`PlaneClient::for_workspace`]), the path style the instance serves, and the
//! plumbing every operation shares.

use crate::api_base::{ApiBase, BaseUrlError};
use crate::cancel::CancelToken;
use crate::panel::{Definitions, ProjectFacts};
use crate::platform::Platform;
use crate::scheduler::{Reply, Retry, Scheduler, SchedulerConfig, SendOptions};
use futures_util::FutureExt;
use futures_util::future::{LocalBoxFuture, Shared};
use plane_inline_core::api::{Api, PathStyle};
use plane_inline_core::error::PlaneError;
use plane_inline_core::http::{ApiKey, Request, Response};
use plane_inline_core::property::Property;
use plane_inline_core::workspace::{Member, Project, is_workspace_slug};
use serde::de::DeserializeOwned;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use thiserror::Error;

/// Why a client could not be configured.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    /// The API base URL is unusable.
    #[error(transparent)]
    ApiBase(#[from] BaseUrlError),
    /// The workspace slug is empty, too long or has characters a slug cannot have.
    #[error(
        "{slug:?} is not a workspace slug: use the part after app.plane.so/ in your workspace's address (up to 48 letters, digits, - and _)"
    )]
    Workspace {
        /// The refused slug.
        slug: String,
    },
    /// An API key would travel unencrypted: `http://` is allowed only to this machine.
    #[error(
        "{origin} is not encrypted: an API key is only sent over https:// (or to this machine, http://localhost)"
    )]
    Unencrypted {
        /// The API base's origin.
        origin: String,
    },
}

/// Where and as whom a client talks to Plane.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// The API base.
    pub base_url: ApiBase,
    /// The workspace slug.
    pub workspace: String,
    /// The API key; `None` when a proxy adds it on the server side.
    pub api_key: Option<ApiKey>,
    /// Pacing, retries and timeouts.
    pub scheduler: SchedulerConfig,
}

impl ClientConfig {
    /// Checks a base URL, a workspace slug and an optional key (blank means none) as a person
    /// typed them.
    pub fn new(
        base_url: &str,
        workspace: &str,
        api_key: Option<&str>,
    ) -> Result<Self, ConfigError> {
        let base_url = ApiBase::parse(base_url)?;
        let api_key = api_key
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(ApiKey::new);
        // A key goes only where nobody on the way can read it; a keyless client (the widget,
        // whose proxy holds the key) may use any web address.
        if api_key.is_some() && !base_url.origin().is_private_channel() {
            return Err(ConfigError::Unencrypted {
                origin: base_url.origin().to_string(),
            });
        }
        Ok(Self {
            base_url,
            workspace: checked_slug(workspace)?,
            api_key,
            scheduler: SchedulerConfig::default(),
        })
    }

    /// The same, with other pacing, retries and timeouts.
    pub fn with_scheduler(mut self, scheduler: SchedulerConfig) -> Self {
        self.scheduler = scheduler;
        self
    }
}

fn checked_slug(slug: &str) -> Result<String, ConfigError> {
    let slug = slug.trim();
    if is_workspace_slug(slug) {
        Ok(slug.to_owned())
    } else {
        Err(ConfigError::Workspace {
            slug: slug.to_owned(),
        })
    }
}

/// A read that several callers may await.
pub(crate) type SharedRead<T> = Shared<LocalBoxFuture<'static, Result<T, PlaneError>>>;

/// Reads kept by key: the first caller starts the read, callers meanwhile share it, and a failed
/// read is not kept (the next caller asks again).
pub(crate) struct Kept<T> {
    reads: RefCell<HashMap<String, SharedRead<T>>>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Self {
            reads: RefCell::default(),
        }
    }
}

impl<T: Clone + 'static> Kept<T> {
    /// The value kept under `key`, if a read of it has succeeded (no request).
    pub(crate) fn known(&self, key: &str) -> Option<T> {
        let reads = self.reads.borrow();
        reads.get(key)?.peek()?.as_ref().ok().cloned()
    }

    /// The value kept under `key`, read with `read` the first time.
    pub(crate) async fn get(
        &self,
        key: &str,
        read: impl FnOnce() -> LocalBoxFuture<'static, Result<T, PlaneError>>,
    ) -> Result<T, PlaneError> {
        let known = self.reads.borrow().get(key).cloned();
        let shared = match known {
            Some(shared) => shared,
            None => {
                let shared = read().shared();
                self.reads
                    .borrow_mut()
                    .insert(key.to_owned(), shared.clone());
                shared
            }
        };
        let mut waiting = Waiting {
            kept: self,
            key,
            shared,
            done: false,
        };
        let value = (&mut waiting.shared).await;
        waiting.done = true;
        if value.is_err() {
            self.reads.borrow_mut().remove(key);
        }
        value
    }
}

/// A caller waiting for a kept read. Dropped before the read ends (its caller was cancelled),
/// the last one waiting takes the read out of the cache with it, so the read's request is
/// dropped too and gives back what it held in the scheduler (a half-done read nobody polls would
/// hold its place forever).
struct Waiting<'a, T> {
    kept: &'a Kept<T>,
    key: &'a str,
    shared: SharedRead<T>,
    done: bool,
}

impl<T> Drop for Waiting<'_, T> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let mut reads = self.kept.reads.borrow_mut();
        // Only this caller's copy and the cache's: nobody else waits for the read.
        let alone = reads
            .get(self.key)
            .is_some_and(|kept| kept.peek().is_none() && self.shared.strong_count() == Some(2));
        if alone {
            reads.remove(self.key);
        }
    }
}

/// What a client keeps once read: things that change rarely and every panel needs.
#[derive(Default)]
pub(crate) struct Cache {
    /// Members by workspace slug.
    pub(crate) members: Kept<Vec<Member>>,
    /// What panels need of a project (the key owner's role, the types), by `workspace/project`.
    pub(crate) projects: Kept<ProjectFacts>,
    /// Workspace-level property definitions by workspace slug (workspace mode).
    pub(crate) workspace_properties: Kept<Vec<Property>>,
    /// A type's definitions, as tables read them, by `workspace/project/type`.
    pub(crate) definitions: Kept<Definitions>,
    /// The workspace's projects (to find one by its identifier), by workspace slug.
    pub(crate) project_list: Kept<Vec<Project>>,
}

/// An async Plane client for one workspace. Cheap to clone; clones share the scheduler.
#[derive(Clone)]
pub struct PlaneClient {
    api: Api,
    scheduler: Scheduler,
    cache: Rc<Cache>,
    style: Rc<Cell<PathStyle>>,
    cancel: Option<CancelToken>,
    timeout_ms: Option<f64>,
}

impl std::fmt::Debug for PlaneClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlaneClient")
            .field("workspace", &self.api.workspace())
            .field("path_style", &self.style.get())
            .field("scheduler", &self.scheduler)
            .finish()
    }
}

impl PlaneClient {
    /// A client that uses the browser's `fetch` and timers (any window or worker).
    #[cfg(target_arch = "wasm32")]
    pub fn new(config: ClientConfig) -> Self {
        Self::with_platform(config, Rc::new(crate::browser::Browser))
    }

    /// A client on the given platform.
    pub fn with_platform(config: ClientConfig, platform: Rc<dyn Platform>) -> Self {
        let scheduler = Scheduler::new(platform, config.base_url, config.api_key, config.scheduler);
        Self {
            // The scheduler signs every request; core's builders need no key.
            api: Api::new(&config.workspace, None),
            scheduler,
            cache: Rc::default(),
            style: Rc::default(),
            cancel: None,
            timeout_ms: None,
        }
    }

    /// A client of another workspace reached with the same key: same scheduler, same pacing.
    pub fn for_workspace(&self, workspace: &str) -> Result<Self, ConfigError> {
        Ok(Self {
            api: Api::new(&checked_slug(workspace)?, None),
            ..self.clone()
        })
    }

    /// What this client (and its clones) keep once read.
    pub(crate) fn cache(&self) -> &Cache {
        &self.cache
    }

    /// The same client, with every request cancelled when `cancel` fires.
    pub fn with_cancel(&self, cancel: CancelToken) -> Self {
        Self {
            cancel: Some(cancel),
            ..self.clone()
        }
    }

    /// The same client, with another per-attempt timeout in milliseconds.
    pub fn with_timeout(&self, timeout_ms: f64) -> Self {
        Self {
            timeout_ms: Some(timeout_ms),
            ..self.clone()
        }
    }

    /// The workspace slug.
    pub fn workspace(&self) -> &str {
        self.api.workspace()
    }

    /// Core's request builders for this workspace.
    pub fn api(&self) -> &Api {
        &self.api
    }

    /// The scheduler: subscribe to progress, read the queue's summary.
    pub fn scheduler(&self) -> &Scheduler {
        &self.scheduler
    }

    /// The path family this instance serves, as learned so far.
    pub fn path_style(&self) -> PathStyle {
        self.style.get()
    }

    /// Sends a request with this client's cancel token and timeout.
    pub async fn send(&self, request: Request, retry: Retry) -> Result<Reply, PlaneError> {
        let options = SendOptions {
            cancel: self.cancel.clone(),
            timeout_ms: self.timeout_ms,
            retry,
        };
        self.scheduler.send(request, options).await
    }

    /// Sends a read and returns its successful response.
    pub(crate) async fn read(&self, request: Request) -> Result<Response, PlaneError> {
        self.send(request, Retry::Transient).await?.into_success()
    }

    /// Sends a read and decodes its JSON body.
    pub(crate) async fn read_json<T: DeserializeOwned>(
        &self,
        request: Request,
    ) -> Result<T, PlaneError> {
        decode(&self.read(request).await?)
    }

    /// Reads with the path style this instance serves: tries the remembered style, and falls
    /// back from `/work-items/` to `/issues/` when the instance has no such route (remembered
    /// for later requests).
    pub(crate) async fn read_json_styled<T: DeserializeOwned>(
        &self,
        request: impl Fn(PathStyle) -> Request,
    ) -> Result<T, PlaneError> {
        let style = self.style.get();
        let first = self.read_json(request(style)).await;
        match first {
            Err(error)
                if style == PathStyle::WorkItems
                    && plane_inline_core::api::should_fall_back(&error) =>
            {
                let legacy = self.read_json(request(PathStyle::Issues)).await;
                let served =
                    !matches!(&legacy, Err(e) if plane_inline_core::api::should_fall_back(e));
                if served {
                    self.style.set(PathStyle::Issues);
                }
                legacy
            }
            other => other,
        }
    }
}

/// Decodes a JSON body; a body that does not read is Plane's answer not being understood.
pub(crate) fn decode<T: DeserializeOwned>(response: &Response) -> Result<T, PlaneError> {
    serde_json::from_str(&response.body).map_err(|e| PlaneError::InvalidResponse {
        message: format!("{e} (HTTP {})", response.status),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_what_people_type() {
        let config = ClientConfig::new(" https://api.plane.so/ ", " acme ", Some("  ")).unwrap();
        assert_eq!(config.base_url.to_string(), "https://api.plane.so");
        assert_eq!(config.workspace, "acme");
        assert_eq!(config.api_key, None);
        let keyed =
            ClientConfig::new("https://api.plane.so", "acme", Some(" plane_api_x ")).unwrap();
        assert_eq!(keyed.api_key, Some(ApiKey::new("plane_api_x")));
        assert!(matches!(
            ClientConfig::new("api.plane.so", "acme", None),
            Err(ConfigError::ApiBase(BaseUrlError::Scheme { .. }))
        ));
        for slug in ["", "a/b", "a b", "é", &"a".repeat(49)] {
            assert!(
                matches!(
                    ClientConfig::new("https://x.io", slug, None),
                    Err(ConfigError::Workspace { .. })
                ),
                "{slug}"
            );
        }
    }

    #[test]
    fn a_key_travels_only_encrypted_or_on_this_machine() {
        let key = Some("plane_api_x");
        assert_eq!(
            ClientConfig::new("http://plane.intranet.example", "acme", key).err(),
            Some(ConfigError::Unencrypted {
                origin: "http://plane.intranet.example".into()
            })
        );
        assert_eq!(
            ConfigError::Unencrypted {
                origin: "http://plane.intranet.example".into()
            }
            .to_string(),
            "http://plane.intranet.example is not encrypted: an API key is only sent over https:// (or to this machine, http://localhost)"
        );
        for local in [
            "http://127.0.0.1:8787",
            "http://localhost:3000",
            "http://[::1]:8000",
            "http://127.5.0.1",
            "https://plane.intranet.example",
        ] {
            assert!(ClientConfig::new(local, "acme", key).is_ok(), "{local}");
        }
        // Without a key (the widget behind its proxy), any web address.
        assert!(ClientConfig::new("http://proxy.intranet.example", "acme", None).is_ok());
    }
}
