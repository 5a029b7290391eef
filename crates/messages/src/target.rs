//! Which work item a panel shows: its workspace and its identifier or ids.

use plane_inline_client::WorkItemRef;
use plane_inline_core::web_url::{Identifier, WorkItemLocation};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a work item is named in a message.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ItemRef {
    /// Its human identifier (`WEB-12`).
    Identifier {
        /// The identifier.
        identifier: Identifier,
    },
    /// Its project's and its own UUID (legacy and peek-overlay URLs).
    Id {
        /// The project's UUID.
        project_id: String,
        /// The work item's UUID.
        work_item_id: String,
    },
}

impl From<&ItemRef> for WorkItemRef {
    fn from(item: &ItemRef) -> Self {
        match item {
            ItemRef::Identifier { identifier } => Self::Identifier(identifier.clone()),
            ItemRef::Id {
                project_id,
                work_item_id,
            } => Self::Id {
                project_id: project_id.clone(),
                work_item_id: work_item_id.clone(),
            },
        }
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Identifier { identifier } => write!(f, "{identifier}"),
            Self::Id { work_item_id, .. } => write!(f, "{work_item_id}"),
        }
    }
}

/// The work item a panel is asked to show.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// The workspace slug.
    pub workspace: String,
    /// The work item in it.
    pub item: ItemRef,
}

impl Target {
    /// A work item by identifier, e.g. `Target::identifier("acme", "WEB-12")`; `None` when the
    /// text is not an identifier.
    pub fn identifier(workspace: &str, identifier: &str) -> Option<Self> {
        let identifier = identifier.trim().parse::<Identifier>().ok()?;
        Some(Self {
            workspace: workspace.to_owned(),
            item: ItemRef::Identifier { identifier },
        })
    }

    /// The work item a recognised web-app page shows.
    pub fn from_location(location: &WorkItemLocation) -> Option<Self> {
        let item = match (
            &location.identifier,
            &location.project_id,
            &location.work_item_id,
        ) {
            (Some(identifier), _, _) => ItemRef::Identifier {
                identifier: identifier.clone(),
            },
            (None, Some(project_id), Some(work_item_id)) => ItemRef::Id {
                project_id: project_id.clone(),
                work_item_id: work_item_id.clone(),
            },
            _ => return None,
        };
        Some(Self {
            workspace: location.workspace.clone(),
            item,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_read_with_core_and_round_trip_through_json() {
        let target = Target::identifier("acme", " web-12 ").unwrap();
        assert_eq!(target.item.to_string(), "WEB-12");
        let json = serde_json::to_string(&target).unwrap();
        assert_eq!(
            json,
            r#"{"workspace":"acme","item":{"by":"identifier","identifier":"WEB-12"}}"#
        );
        assert_eq!(serde_json::from_str::<Target>(&json).unwrap(), target);
        assert_eq!(Target::identifier("acme", "UTF8"), None);
    }
}
