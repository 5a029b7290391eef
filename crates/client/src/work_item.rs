//! Finding a work item, however it is named (core's [`WorkItemRef`]). Older self-hosted
//! instances serve only `/issues/`; the client falls back to it once and remembers.

use crate::client::PlaneClient;
use plane_inline_core::error::PlaneError;
use plane_inline_core::work_item::WorkItemRef;
use plane_inline_core::workspace::WorkItem;

impl PlaneClient {
    /// Reads a work item, however it is named (one request; two the first time an old instance
    /// needs the `/issues/` fallback).
    pub async fn work_item(&self, item: &WorkItemRef) -> Result<WorkItem, PlaneError> {
        match item {
            WorkItemRef::Identifier { identifier } => {
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
