//! How a work item is named: by its identifier (`WEB-12`, as pages show it) or by its project's
//! and its own UUIDs (as legacy and peek-overlay URLs carry them). One type for the client, the
//! messages between panel and service worker, and the web-app links built from it.

use crate::http::encode_component;
use crate::web_url::{AppBase, Identifier, IdentifierError, WorkItemLocation};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How a work item is named.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum WorkItemRef {
    /// Its human identifier (`WEB-12`).
    Identifier {
        /// The identifier.
        identifier: Identifier,
    },
    /// Its project's and its own UUID.
    Id {
        /// The project's UUID.
        project_id: String,
        /// The work item's UUID.
        work_item_id: String,
    },
}

impl WorkItemRef {
    /// The work item a recognised web-app page shows.
    pub fn from_location(location: &WorkItemLocation) -> Option<Self> {
        match (
            &location.identifier,
            &location.project_id,
            &location.work_item_id,
        ) {
            (Some(identifier), _, _) => Some(Self::Identifier {
                identifier: identifier.clone(),
            }),
            (None, Some(project_id), Some(work_item_id)) => Some(Self::Id {
                project_id: project_id.clone(),
                work_item_id: work_item_id.clone(),
            }),
            _ => None,
        }
    }

    /// The identifier, when the work item is named by one.
    pub fn identifier(&self) -> Option<&Identifier> {
        match self {
            Self::Identifier { identifier } => Some(identifier),
            Self::Id { .. } => None,
        }
    }

    /// The work item's page in Plane's web app under `app`, in `workspace`:
    /// `/{slug}/browse/{PROJ-N}/` by identifier, `/{slug}/projects/{p}/issues/{id}` by ids.
    pub fn web_link(&self, app: &AppBase, workspace: &str) -> String {
        let workspace = encode_component(workspace);
        let path = match self {
            Self::Identifier { identifier } => format!(
                "/{workspace}/browse/{}/",
                encode_component(&identifier.to_string())
            ),
            Self::Id {
                project_id,
                work_item_id,
            } => format!(
                "/{workspace}/projects/{}/issues/{}",
                encode_component(project_id),
                encode_component(work_item_id)
            ),
        };
        app.join(&path)
    }
}

impl From<Identifier> for WorkItemRef {
    fn from(identifier: Identifier) -> Self {
        Self::Identifier { identifier }
    }
}

/// Reads an identifier (`WEB-12`, case-insensitive) as a work item's name.
impl FromStr for WorkItemRef {
    type Err = IdentifierError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.parse::<Identifier>().map(Self::from)
    }
}

impl fmt::Display for WorkItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Identifier { identifier } => write!(f, "{identifier}"),
            Self::Id { work_item_id, .. } => write!(f, "{work_item_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web_url::parse_work_item_url;

    #[test]
    fn links_are_built_for_both_names_under_a_base_path() {
        let app: AppBase = "https://plane.example.com/plane/".parse().unwrap();
        let by_identifier = WorkItemRef::from("WEB-12".parse::<Identifier>().unwrap());
        assert_eq!(
            by_identifier.web_link(&app, "acme"),
            "https://plane.example.com/plane/acme/browse/WEB-12/"
        );
        let by_id = WorkItemRef::Id {
            project_id: "p1".into(),
            work_item_id: "w1".into(),
        };
        assert_eq!(
            by_id.web_link(&app, "acme"),
            "https://plane.example.com/plane/acme/projects/p1/issues/w1"
        );
    }

    #[test]
    fn a_built_link_is_recognised_as_the_same_work_item() {
        let app: AppBase = "https://app.plane.so".parse().unwrap();
        let item = WorkItemRef::from("WEB-12".parse::<Identifier>().unwrap());
        let location = parse_work_item_url(&item.web_link(&app, "acme"), Some(&app)).unwrap();
        assert_eq!(WorkItemRef::from_location(&location), Some(item));
        assert_eq!(location.workspace, "acme");
    }

    #[test]
    fn travels_as_tagged_json() {
        let item = WorkItemRef::from("WEB-12".parse::<Identifier>().unwrap());
        let json = serde_json::to_string(&item).unwrap();
        assert_eq!(json, r#"{"by":"identifier","identifier":"WEB-12"}"#);
        assert_eq!(serde_json::from_str::<WorkItemRef>(&json).unwrap(), item);
    }
}
