//! The table of a project's work items, as it travels: which project, what a table reads once
//! (the project, its types with their properties, the members), one page of rows, and one row's
//! values. Rows carry only what the table shows (`fields=`), and values are read per row, lazily.

use plane_inline_core::property::Property;
use plane_inline_core::workspace::{Access, Member, Project};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Which project a table shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TableTarget {
    /// The workspace slug.
    pub workspace: String,
    /// The project: its identifier (`DEMO`) or its UUID.
    pub project: String,
}

/// One work item type of a table's project, with its active properties in Plane's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableType {
    /// The type's UUID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is the project's default type.
    pub is_default: bool,
    /// Its active properties, in display order, OPTION ones with their active options.
    pub properties: Vec<Property>,
}

/// What a table reads once per view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableModel {
    /// The project.
    pub project: Project,
    /// Its work item types that have a values API (epic types are left out).
    pub types: Vec<TableType>,
    /// The members USER relations may name (the workspace's, read once).
    pub members: Vec<Member>,
    /// What the key's owner may do with the values.
    pub access: Access,
    /// The address of a work item's page is this followed by its identifier, when Plane's web
    /// app is known (`https://app.plane.so/acme/browse/`).
    pub browse_base: Option<String>,
}

/// One work item of a table, as lean as the list endpoint's `fields=` make it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// The work item's UUID.
    pub id: String,
    /// Its number within the project (the identifier is the project's followed by it).
    pub sequence_id: Option<u32>,
    /// Its title.
    pub name: String,
    /// Its work item type's UUID (none when untyped).
    pub type_id: Option<String>,
}

/// One page of a table's rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowsPage {
    /// The work items of the page, in Plane's order.
    pub rows: Vec<TableRow>,
    /// The cursor of the next page (`per_page:page:0`); `None` on the last page.
    pub next_cursor: Option<String>,
    /// How many work items the project has in all, when Plane says.
    pub total: Option<u64>,
}

/// A table's request for one page of rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowsRequest {
    /// The workspace slug.
    pub workspace: String,
    /// The project's UUID.
    pub project_id: String,
    /// Items per page: 25, 50 or 100.
    pub per_page: u32,
    /// The page's cursor, as the previous page gave it; `None` for the first page.
    pub cursor: Option<String>,
}

/// A table row's current values, by property id, as Plane's value endpoint takes them (unset
/// properties are absent). Checked again with core where shown
/// ([`shown_value`](crate::shown_value)).
pub type RowValues = BTreeMap<String, Json>;

/// The project a page belongs to, as the popup offers its table: the project's work items page
/// or any of its work items' pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPage {
    /// The table to open.
    pub target: TableTarget,
    /// How to name the project: its identifier (`DEMO`).
    pub label: String,
}
