//! Requests to load one work item's panel (the item, its properties and their values): Plane
//! Inline's client against the naive way of makeplane/plane#8654 (the item, its type's
//! properties, then one value read per property).

use crate::error::BenchError;
use crate::sandbox::{Counts, Sandbox, WORKSPACE};
use crate::shape::{Shaped, listed};
use plane_inline_client::{ClientConfig, PlaneClient, WorkItemRef};
use plane_inline_native::Native;
use serde::Serialize;
use std::rc::Rc;

/// One way of loading the panel, as the sandbox counted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PanelLoad {
    /// Requests the sandbox answered (for Plane Inline: the first panel a client loads).
    pub requests: u64,
    /// Plane Inline only: requests for the next panel on the same client, which keeps what it
    /// read once per workspace (the members).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requests_next: Option<u64>,
    /// Of which 429.
    pub throttled: u64,
    /// Properties the load ended up knowing.
    pub properties: usize,
    /// Values it ended up knowing.
    pub values: usize,
}

fn load(counts: Counts, properties: usize, values: usize) -> PanelLoad {
    PanelLoad {
        requests: counts.requests,
        requests_next: None,
        throttled: counts.throttled,
        properties,
        values,
    }
}

/// Plane Inline's client for `sandbox`, run natively.
pub fn client(sandbox: &Sandbox) -> Result<PlaneClient, BenchError> {
    let config = ClientConfig::new(&sandbox.base, WORKSPACE, Some(sandbox.key()))
        .map_err(|e| BenchError::Usage(e.to_string()))?;
    Ok(PlaneClient::with_platform(
        config,
        Rc::new(Native::new(sandbox.http())),
    ))
}

/// Plane Inline's `load_panel` by identifier: a new client's first panel, then the same panel
/// again on that client.
pub async fn plane_inline(sandbox: &Sandbox, shaped: &Shaped) -> Result<PanelLoad, BenchError> {
    let client = client(sandbox)?;
    let item: WorkItemRef = shaped
        .identifier
        .parse()
        .map_err(|_| BenchError::Usage(format!("bad identifier {}", shaped.identifier)))?;
    sandbox.zero_counts().await?;
    let panel = client.load_panel(&item).await?;
    let first = sandbox.counts().await?;
    sandbox.zero_counts().await?;
    client.load_panel(&item).await?;
    let next = sandbox.counts().await?;
    Ok(PanelLoad {
        requests_next: Some(next.requests),
        throttled: first.throttled + next.throttled,
        ..load(first, panel.properties.len(), panel.values.len())
    })
}

/// The naive way: the work item by identifier, its type's properties, then each value alone.
pub async fn naive(sandbox: &Sandbox, shaped: &Shaped) -> Result<PanelLoad, BenchError> {
    sandbox.zero_counts().await?;
    let item = sandbox
        .get(&format!(
            "/api/v1/workspaces/{WORKSPACE}/work-items/{}/",
            shaped.identifier
        ))
        .await?;
    let project = item["project"].as_str().unwrap_or_default();
    let item_id = item["id"].as_str().unwrap_or_default();
    let type_id = item["type_id"].as_str().unwrap_or_default();
    let base = format!("/api/v1/workspaces/{WORKSPACE}/projects/{project}");
    let properties = listed(
        &sandbox
            .get(&format!(
                "{base}/work-item-types/{type_id}/work-item-properties/"
            ))
            .await?,
    );
    let mut values = 0;
    for property in &properties {
        let id = property["id"].as_str().unwrap_or_default();
        let status = sandbox
            .get_any(&format!(
                "{base}/work-items/{item_id}/work-item-properties/{id}/values/"
            ))
            .await?;
        if status == 200 {
            values += 1;
        }
    }
    let counts = sandbox.counts().await?;
    Ok(load(counts, properties.len(), values))
}
