//! What the editors' pickers offer: an OPTION property's options, the workspace's members, and
//! work items matching a search (for ISSUE relations), plus the key's owner.

use crate::client::PlaneClient;
use plane_inline_core::error::PlaneError;
use plane_inline_core::page::list_items;
use plane_inline_core::property::PropertyOption;
use plane_inline_core::workspace::{Member, SearchHit, SearchResults, WorkItemType};

impl PlaneClient {
    /// The key's owner (`users/me`).
    pub async fn me(&self) -> Result<Member, PlaneError> {
        self.read_json(self.api().me()).await
    }

    /// Every option of an OPTION property, inactive ones too (pickers hide those).
    pub async fn options(
        &self,
        project_id: &str,
        property_id: &str,
    ) -> Result<Vec<PropertyOption>, PlaneError> {
        let response = self
            .read(self.api().options(project_id, property_id))
            .await?;
        list_items(&response.body)
    }

    /// The workspace's members (anyone a USER relation may name).
    pub async fn members(&self) -> Result<Vec<Member>, PlaneError> {
        let response = self.read(self.api().members()).await?;
        list_items(&response.body)
    }

    /// Work items whose name or identifier matches `text`, in one project or the whole
    /// workspace; at most `limit` (1 to 100).
    pub async fn search_work_items(
        &self,
        text: &str,
        project_id: Option<&str>,
        limit: u32,
    ) -> Result<Vec<SearchHit>, PlaneError> {
        let results: SearchResults = self
            .read_json(self.api().search_work_items(text, project_id, limit))
            .await?;
        Ok(results.issues)
    }

    /// A project's work item types.
    pub async fn work_item_types(&self, project_id: &str) -> Result<Vec<WorkItemType>, PlaneError> {
        let response = self.read(self.api().work_item_types(project_id)).await?;
        list_items(&response.body)
    }
}
