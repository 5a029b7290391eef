//! A work item whose type has exactly N properties, each with a value: the demo seed's OPS
//! project, its "Incident" type emptied and refilled through the API with properties of every
//! kind Plane Inline edits, and OPS-1 given a value for each.

use crate::error::BenchError;
use crate::sandbox::{Sandbox, WORKSPACE};
use serde_json::{Value as Json, json};

/// The work item every panel benchmark loads.
pub const IDENTIFIER: &str = "OPS-1";

/// The work item, once its type has the wanted properties.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shaped {
    /// Its project's id.
    pub project_id: String,
    /// Its type's id.
    pub type_id: String,
    /// Its id.
    pub work_item_id: String,
    /// Its identifier (`OPS-1`).
    pub identifier: String,
    /// Its type's properties' ids, in creation order.
    pub property_ids: Vec<String>,
}

/// The properties' kinds, in turn: property type, relation type.
const KINDS: [(&str, Option<&str>); 8] = [
    ("TEXT", None),
    ("DECIMAL", None),
    ("BOOLEAN", None),
    ("OPTION", None),
    ("RELATION", Some("USER")),
    ("URL", None),
    ("EMAIL", None),
    ("DATETIME", None),
];

/// A list answer's items, whether paginated (`results`) or a bare array.
pub fn listed(json: &Json) -> Vec<Json> {
    json.as_array()
        .or_else(|| json["results"].as_array())
        .cloned()
        .unwrap_or_default()
}

fn id_of(json: &Json, what: &str) -> Result<String, BenchError> {
    json["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| BenchError::Missing(what.to_owned()))
}

/// Resets the sandbox to the demo seed and gives OPS-1's type exactly `count` properties, each
/// set on OPS-1. Leaves the counters zeroed.
pub async fn shape(sandbox: &Sandbox, count: usize) -> Result<Shaped, BenchError> {
    sandbox.reset().await?;
    let projects = sandbox
        .get(&format!("/api/v1/workspaces/{WORKSPACE}/projects/"))
        .await?;
    let project = listed(&projects)
        .into_iter()
        .find(|p| p["identifier"] == "OPS")
        .ok_or_else(|| BenchError::Missing("project OPS".into()))?;
    let project_id = id_of(&project, "OPS project id")?;
    let base = format!("/api/v1/workspaces/{WORKSPACE}/projects/{project_id}");
    let item = sandbox
        .get(&format!(
            "/api/v1/workspaces/{WORKSPACE}/work-items/{IDENTIFIER}/"
        ))
        .await?;
    let work_item_id = id_of(&item, "OPS-1 id")?;
    let type_id = item["type_id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| BenchError::Missing("type of OPS-1".into()))?;
    let me = id_of(&sandbox.get("/api/v1/users/me/").await?, "users/me id")?;
    let properties_path = format!("{base}/work-item-types/{type_id}/work-item-properties/");
    for property in listed(&sandbox.get(&properties_path).await?) {
        let id = id_of(&property, "property id")?;
        sandbox.delete(&format!("{properties_path}{id}/")).await?;
    }
    let mut property_ids = Vec::with_capacity(count);
    for n in 0..count {
        let (kind, relation) = KINDS[n % KINDS.len()];
        let mut body = json!({
            "display_name": format!("{} {n}", kind.to_lowercase()),
            "property_type": kind,
        });
        if let Some(relation) = relation {
            body["relation_type"] = json!(relation);
        }
        if kind == "OPTION" {
            body["options"] = json!([{"name": "Low"}, {"name": "Medium"}, {"name": "High"}]);
        }
        let created = sandbox.post(&properties_path, body).await?;
        let id = id_of(&created, "created property id")?;
        let value = match kind {
            "TEXT" => json!(format!("Text of property {n}")),
            "DECIMAL" => json!(n as f64 + 0.5),
            "BOOLEAN" => json!(n % 2 == 0),
            "OPTION" => {
                let options = listed(
                    &sandbox
                        .get(&format!("{base}/work-item-properties/{id}/options/"))
                        .await?,
                );
                let first = options
                    .first()
                    .ok_or_else(|| BenchError::Missing(format!("options of property {n}")))?;
                json!(id_of(first, "option id")?)
            }
            "RELATION" => json!(me),
            "URL" => json!(format!("https://example.com/{n}")),
            "EMAIL" => json!(format!("person{n}@example.com")),
            _ => json!("2026-03-05"),
        };
        sandbox
            .post(
                &format!("{base}/work-items/{work_item_id}/work-item-properties/{id}/values/"),
                json!({ "value": value }),
            )
            .await?;
        property_ids.push(id);
    }
    sandbox.zero_counts().await?;
    Ok(Shaped {
        project_id,
        type_id,
        work_item_id,
        identifier: IDENTIFIER.to_owned(),
        property_ids,
    })
}
