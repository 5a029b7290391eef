//! Finding a work item: by its identifier (`WEB-12`, as pages show it) or by project and id (as
//! legacy URLs carry them). Older self-hosted instances serve only `/issues/`; the client falls
//! back to it once and remembers.

use crate::client::PlaneClient;
use plane_inline_core::error::PlaneError;
use plane_inline_core::web_url::{Identifier, WorkItemLocation};
use plane_inline_core::workspace::WorkItem;

/// How a work item is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkItemRef {
    /// Its human identifier, e.g. `WEB-12`.
    Identifier(Identifier),
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
        if let Some(identifier) = &location.identifier {
            return Some(Self::Identifier(identifier.clone()));
        }
        match (&location.project_id, &location.work_item_id) {
            (Some(project_id), Some(work_item_id)) => Some(Self::Id {
                project_id: project_id.clone(),
                work_item_id: work_item_id.clone(),
            }),
            _ => None,
        }
    }
}

impl From<Identifier> for WorkItemRef {
    fn from(identifier: Identifier) -> Self {
        Self::Identifier(identifier)
    }
}

impl PlaneClient {
    /// Reads a work item, however it is named (one request; two the first time an old instance
    /// needs the `/issues/` fallback).
    pub async fn work_item(&self, item: &WorkItemRef) -> Result<WorkItem, PlaneError> {
        match item {
            WorkItemRef::Identifier(identifier) => {
                self.read_json_styled(|style| self.api().work_item_by_identifier(identifier, style))
                    .await
            }
            WorkItemRef::Id {
                project_id,
                work_item_id,
            } => {
                self.read_json_styled(|style| self.api().work_item(project_id, work_item_id, style))
                    .await
            }
        }
    }
}
