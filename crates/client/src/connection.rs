//! Checking a connection before trusting it: who the key belongs to (`users/me`), whether the
//! workspace is reachable, and whether the instance offers custom properties, with the exact
//! problem in words when something is wrong.

use crate::client::{PlaneClient, decode};
use crate::scheduler::Retry;
use plane_inline_core::error::PlaneError;
use plane_inline_core::http::{Method, Request, Response};
use plane_inline_core::page::list_items;
use plane_inline_core::workspace::{Member, Project};
use thiserror::Error;

/// A working connection.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    /// The key's owner.
    pub user: Member,
    /// The workspace slug.
    pub workspace: String,
    /// Whether custom properties could be confirmed.
    pub custom_properties: CustomProperties,
}

/// What the property probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CustomProperties {
    /// A property endpoint answered in the project with this id.
    Available {
        /// The project probed.
        project_id: String,
    },
    /// The workspace has no project to probe in yet.
    NoProjectToProbe,
}

/// What is wrong with a connection, in words.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ConnectionProblem {
    /// No key reached Plane (none set, or a proxy did not add it).
    #[error("no API key reached Plane")]
    MissingKey,
    /// Plane refused the key.
    #[error("Plane does not accept this API key")]
    InvalidKey,
    /// Something answered, but not Plane's API: a wrong base URL.
    #[error("{base} does not look like Plane's API: {detail}")]
    WrongBaseUrl {
        /// The base URL used.
        base: String,
        /// What answered instead.
        detail: String,
    },
    /// Nothing answered: offline, a wrong host, or the browser refused (CORS, permissions).
    #[error("{base} could not be reached: {detail}")]
    Unreachable {
        /// The base URL used.
        base: String,
        /// The transport's explanation.
        detail: String,
    },
    /// The key works but not in this workspace.
    #[error("the workspace {workspace:?} cannot be opened with this key: {error}")]
    Workspace {
        /// The workspace slug.
        workspace: String,
        /// Plane's answer.
        error: PlaneError,
    },
    /// The plan or the edition has no custom properties (402, or no such route).
    #[error("this Plane instance or plan has no work item types and custom properties: {error}")]
    NoCustomProperties {
        /// Plane's answer to the probe.
        error: PlaneError,
    },
    /// Any other failure (Plane's own trouble, rate limit, cancel).
    #[error(transparent)]
    Plane(PlaneError),
}

impl ConnectionProblem {
    /// Plane's error behind the problem, when there is one.
    pub fn plane_error(&self) -> Option<&PlaneError> {
        match self {
            Self::Workspace { error, .. }
            | Self::NoCustomProperties { error }
            | Self::Plane(error) => Some(error),
            _ => None,
        }
    }
}

impl PlaneClient {
    /// Checks the connection in three requests at most: `users/me`, the first page of projects,
    /// and the work item types of `probe_project` (or of the first project) as the custom
    /// property probe. Fails fast: nothing is retried.
    pub async fn check_connection(
        &self,
        probe_project: Option<&str>,
    ) -> Result<Connection, ConnectionProblem> {
        let base = self.scheduler().base_url().to_string();
        let user = self
            .fetch_once(self.api().me())
            .await
            .and_then(|response| decode::<Member>(&response));
        let user = user.map_err(|error| diagnose_me(&base, error))?;
        let project_id = match probe_project {
            Some(id) => Some(id.to_owned()),
            None => self.first_project().await?,
        };
        let custom_properties = match project_id {
            None => CustomProperties::NoProjectToProbe,
            Some(project_id) => {
                match self
                    .fetch_once(self.api().work_item_types(&project_id))
                    .await
                {
                    Ok(_) => CustomProperties::Available { project_id },
                    Err(
                        error @ (PlaneError::PaymentRequired { .. } | PlaneError::RouteNotFound),
                    ) => {
                        return Err(ConnectionProblem::NoCustomProperties { error });
                    }
                    Err(error) => return Err(ConnectionProblem::Plane(error)),
                }
            }
        };
        Ok(Connection {
            user,
            workspace: self.workspace().to_owned(),
            custom_properties,
        })
    }

    async fn first_project(&self) -> Result<Option<String>, ConnectionProblem> {
        let page = Request::new(Method::Get, self.api().projects_path()).query("per_page", "1");
        match self.fetch_once(page).await {
            Ok(response) => {
                let projects: Vec<Project> =
                    list_items(&response.body).map_err(ConnectionProblem::Plane)?;
                Ok(projects.into_iter().next().map(|p| p.id))
            }
            Err(
                error @ (PlaneError::Forbidden { .. }
                | PlaneError::NotFound { .. }
                | PlaneError::RouteNotFound),
            ) => Err(ConnectionProblem::Workspace {
                workspace: self.workspace().to_owned(),
                error,
            }),
            Err(PlaneError::MissingKey) => Err(ConnectionProblem::MissingKey),
            Err(PlaneError::InvalidKey) => Err(ConnectionProblem::InvalidKey),
            Err(error) => Err(ConnectionProblem::Plane(error)),
        }
    }

    async fn fetch_once(&self, request: Request) -> Result<Response, PlaneError> {
        self.send(request, Retry::Never).await?.into_success()
    }
}

/// Names what went wrong with `users/me`.
fn diagnose_me(base: &str, error: PlaneError) -> ConnectionProblem {
    let wrong = |detail: String| ConnectionProblem::WrongBaseUrl {
        base: base.to_owned(),
        detail,
    };
    match error {
        PlaneError::MissingKey => ConnectionProblem::MissingKey,
        PlaneError::InvalidKey => ConnectionProblem::InvalidKey,
        PlaneError::RouteNotFound | PlaneError::NotFound { .. } => {
            wrong("it has no /api/v1/users/me/ route (404)".into())
        }
        PlaneError::InvalidResponse { .. } => wrong("its answer is not Plane's JSON".into()),
        PlaneError::Unexpected { status, message } if message.is_empty() => {
            wrong(format!("it answered HTTP {status}"))
        }
        PlaneError::Unexpected { status, message } => {
            wrong(format!("it answered HTTP {status}: {message}"))
        }
        PlaneError::Forbidden { message } => wrong(format!("it refused access (403): {message}")),
        PlaneError::BadRequest { message, .. } => wrong(format!("it answered 400: {message}")),
        PlaneError::Network { message } => ConnectionProblem::Unreachable {
            base: base.to_owned(),
            detail: message,
        },
        PlaneError::Timeout => ConnectionProblem::Unreachable {
            base: base.to_owned(),
            detail: "no answer in time".into(),
        },
        other => ConnectionProblem::Plane(other),
    }
}
