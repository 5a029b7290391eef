//! A table of a project's work items, through the edit service: its model (every property of
//! every type remembered, so a table's writes cost no extra request), a page of rows, a row's
//! values. Messages are untrusted: page sizes, cursors and ids are checked before anything is
//! asked.

use crate::service::{EditService, problem};
use plane_inline_client::PlaneClient;
use plane_inline_client::core::cursor::Cursor;
use plane_inline_client::core::error::PlaneError;
use plane_inline_client::core::http::encode_component;
use plane_inline_client::core::value::canonical_uuid;
use plane_inline_client::core::web_url::{AppBase, Identifier};
use plane_inline_messages::{
    Problem, ProjectPage, RowValues, RowsPage, RowsRequest, TableModel, TableRow, TableTarget,
    TableType,
};

/// The page sizes a table offers.
pub const TABLE_PAGE_SIZES: [u32; 3] = [25, 50, 100];

/// How a table names its project: by UUID, or by the identifier prefix of its work items.
enum ProjectName {
    /// The project's UUID (canonical form).
    Id(String),
    /// Its identifier as Plane writes it (`DEMO`).
    Identifier(String),
}

/// Reads a table's project name; anything else is a message no page should send.
fn project_name(text: &str) -> Result<ProjectName, Problem> {
    if let Some(id) = canonical_uuid(text) {
        return Ok(ProjectName::Id(id));
    }
    match format!("{}-1", text.trim()).parse::<Identifier>() {
        Ok(identifier) if !text.contains('-') => Ok(ProjectName::Identifier(identifier.project)),
        _ => Err(Problem::BadMessage {
            detail: format!(
                "{text:?} names no project: give its UUID or its identifier (DEMO, 1 to 12 letters or digits)"
            ),
        }),
    }
}

/// A project or work item id from a message: a UUID, or a problem naming `what`.
fn uuid(text: &str, what: &str) -> Result<String, Problem> {
    canonical_uuid(text).ok_or_else(|| Problem::BadMessage {
        detail: format!("{text:?} is not a {what}'s UUID"),
    })
}

/// Where a page of `request` starts: its cursor (checked with core; forward, at the request's
/// page size), or the first page.
pub fn rows_cursor(request: &RowsRequest) -> Result<Cursor, Problem> {
    let per_page = request.per_page;
    if !TABLE_PAGE_SIZES.contains(&per_page) {
        return Err(Problem::BadMessage {
            detail: format!("a table shows 25, 50 or 100 work items a page, not {per_page}"),
        });
    }
    let Some(text) = &request.cursor else {
        return Cursor::first(per_page).map_err(|e| Problem::BadMessage {
            detail: e.to_string(),
        });
    };
    let cursor: Cursor =
        text.parse()
            .map_err(
                |e: plane_inline_client::core::cursor::CursorError| Problem::BadMessage {
                    detail: e.to_string(),
                },
            )?;
    if cursor.is_prev {
        return Err(Problem::BadMessage {
            detail: format!(
                "the cursor {text} points back: a table reads forward, from the cursor the page before gave"
            ),
        });
    }
    if cursor.per_page != per_page {
        return Err(Problem::BadMessage {
            detail: format!(
                "the cursor {text} is for pages of {} work items, not {per_page}: start again from the first page",
                cursor.per_page
            ),
        });
    }
    Ok(cursor)
}

impl EditService {
    /// What a table of `target`'s project reads once (see the client's `project_table`), with
    /// links to its work items' pages under `app` when Plane's web app is known. Every property
    /// of every type is remembered, so the table's writes cost no extra request.
    pub async fn table(
        &self,
        client: &PlaneClient,
        target: &TableTarget,
        app: Option<&AppBase>,
    ) -> Result<TableModel, Problem> {
        let fail = |e: PlaneError| problem(client, &e);
        let project_id = match project_name(&target.project)? {
            ProjectName::Id(id) => id,
            ProjectName::Identifier(identifier) => client
                .project_by_identifier(&identifier)
                .await
                .map_err(fail)?
                .map(|p| p.id)
                .ok_or_else(|| Problem::NotFound {
                    message: format!(
                        "no project {identifier} in {}, or this token cannot see it",
                        target.workspace
                    ),
                })?,
        };
        let table = client.project_table(&project_id).await.map_err(fail)?;
        for t in &table.types {
            self.remember_properties(&t.properties);
        }
        self.remember_project(&table.project.id, &table.project.identifier);
        let browse_base =
            app.map(|app| app.join(&format!("/{}/browse/", encode_component(&target.workspace))));
        Ok(TableModel {
            types: table
                .types
                .into_iter()
                .map(|t| TableType {
                    id: t.work_item_type.id,
                    name: t.work_item_type.name,
                    is_default: t.work_item_type.is_default,
                    properties: t.properties,
                })
                .collect(),
            project: table.project,
            members: table.members,
            access: table.access,
            browse_base,
        })
    }

    /// The project a page belongs to, with its label for the popup: the identifier a page
    /// named, or, for a UUID, the project's identifier from its facts (kept by the client: read
    /// once, when no panel or table of the project read them yet).
    pub async fn project_page(
        &self,
        client: &PlaneClient,
        target: TableTarget,
    ) -> Result<ProjectPage, Problem> {
        let label = match project_name(&target.project)? {
            ProjectName::Identifier(identifier) => identifier,
            ProjectName::Id(id) => {
                let facts = client
                    .project_facts(&id)
                    .await
                    .map_err(|e| problem(client, &e))?;
                self.remember_project(&id, &facts.project.identifier);
                facts.project.identifier
            }
        };
        Ok(ProjectPage { target, label })
    }

    /// One page of a table's rows (one request): 25, 50 or 100 a page, from the request's
    /// cursor (checked with core) or the first page. Each row's label (its identifier, when the
    /// table's project is known) is remembered for the drafts list.
    pub async fn rows(
        &self,
        client: &PlaneClient,
        request: &RowsRequest,
    ) -> Result<RowsPage, Problem> {
        let at = rows_cursor(request)?;
        let project_id = uuid(&request.project_id, "project")?;
        let page = client
            .work_items_page(&project_id, at)
            .await
            .map_err(|e| problem(client, &e))?;
        let prefix = self.project_identifier(&project_id);
        for item in &page.items {
            let label = match (&prefix, item.sequence_id) {
                (Some(prefix), Some(n)) => format!("{prefix}-{n}"),
                _ => item.name.clone(),
            };
            self.remember_label(&item.id, &label);
        }
        Ok(RowsPage {
            rows: page
                .items
                .into_iter()
                .map(|item| TableRow {
                    id: item.id,
                    sequence_id: item.sequence_id,
                    name: item.name,
                    type_id: item.type_id,
                })
                .collect(),
            next_cursor: page.next.map(|c| c.to_string()),
            total: page.total,
        })
    }

    /// One row's current values by property id, as Plane's value endpoint takes them (one
    /// request once the table is loaded; see the client's `row_values`). Stored values that do
    /// not read as their property's type are left out.
    pub async fn row_values(
        &self,
        client: &PlaneClient,
        project_id: &str,
        work_item_id: &str,
    ) -> Result<RowValues, Problem> {
        let project_id = uuid(project_id, "project")?;
        let work_item_id = uuid(work_item_id, "work item")?;
        let read = client
            .row_values(&project_id, &work_item_id)
            .await
            .map_err(|e| problem(client, &e))?;
        Ok(read
            .values
            .into_iter()
            .map(|(id, value)| (id, value.to_json()))
            .collect())
    }
}
