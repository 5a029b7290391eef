//! Requests per saved value: Plane Inline's client saving one value, against one plain `POST`.

use crate::error::BenchError;
use crate::panel::client;
use crate::sandbox::{Counts, Sandbox, WORKSPACE};
use crate::shape::Shaped;
use plane_inline_client::WorkItemRef;
use serde_json::json;

/// Plane Inline's client saves a text value on the first property (a TEXT one); the counters
/// cover the save alone (the panel it is saved from is loaded before they are zeroed).
pub async fn plane_inline(sandbox: &Sandbox, shaped: &Shaped) -> Result<Counts, BenchError> {
    let client = client(sandbox)?;
    let panel = client
        .load_panel(&WorkItemRef::Id {
            project_id: shaped.project_id.clone(),
            work_item_id: shaped.work_item_id.clone(),
        })
        .await?;
    let property = panel
        .properties
        .iter()
        .find(|p| shaped.property_ids.first() == Some(&p.id))
        .ok_or_else(|| BenchError::Missing("first property in the panel".into()))?;
    sandbox.zero_counts().await?;
    client
        .save_value(
            &shaped.project_id,
            &shaped.work_item_id,
            property,
            &json!("Saved by Plane Inline"),
        )
        .await?;
    sandbox.counts().await
}

/// One plain `POST` of the value.
pub async fn naive(sandbox: &Sandbox, shaped: &Shaped) -> Result<Counts, BenchError> {
    let property = shaped
        .property_ids
        .first()
        .ok_or_else(|| BenchError::Missing("property to save".into()))?;
    sandbox.zero_counts().await?;
    sandbox
        .post(
            &format!(
                "/api/v1/workspaces/{WORKSPACE}/projects/{}/work-items/{}/work-item-properties/{property}/values/",
                shaped.project_id, shaped.work_item_id
            ),
            json!({"value": "Saved by a plain POST"}),
        )
        .await?;
    sandbox.counts().await
}
