//! An edit of one property value, and what happens to it on the way to Plane.

use crate::Problem;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// One change the panel asks for: set a property's value, or clear it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    /// The workspace slug.
    pub workspace: String,
    /// The work item's project UUID.
    pub project_id: String,
    /// The work item's UUID.
    pub work_item_id: String,
    /// The property's UUID.
    pub property_id: String,
    /// The value as Plane's value endpoint takes it; `None` clears the property (one DELETE).
    pub value: Option<Json>,
}

/// Where an edit is on its way to Plane (the final outcome is the operation's result).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum EditStage {
    /// Waiting behind other requests.
    Queued,
    /// Held back by the rate limit until this time (Unix milliseconds).
    RateLimited {
        /// When it may go.
        until_ms: f64,
    },
    /// On the wire.
    Sending,
    /// The last attempt failed in a way worth retrying; the next goes at `at_ms`.
    Retrying {
        /// When the next attempt starts (Unix milliseconds).
        at_ms: f64,
        /// Why the last one failed.
        problem: Problem,
    },
}

/// A value Plane confirmed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedValue {
    /// The property's UUID.
    pub property_id: String,
    /// The value now held (`None`: cleared).
    pub value: Option<Json>,
}

/// How the connection to Plane is doing, as far as the requests in flight tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "activity", rename_all = "snake_case")]
pub enum Activity {
    /// Plane answered the latest request.
    Online,
    /// The latest request could not reach Plane; edits are kept and sent again.
    Offline,
    /// Requests are held back by the rate limit until this time (Unix milliseconds).
    RateLimited {
        /// When they continue.
        until_ms: f64,
    },
}
