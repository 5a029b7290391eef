//! Rows of the sandbox's tables as Rust records, with the queries that load them.

use crate::error::ApiError;
use plane_inline_core::property::{PropertyType, RelationType};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::Value;

/// A person (`users`).
#[derive(Debug, Clone)]
pub struct UserRecord {
    /// UUID.
    pub id: String,
    /// Given name.
    pub first_name: String,
    /// Family name.
    pub last_name: String,
    /// Email address.
    pub email: String,
    /// Plane's short display name.
    pub display_name: String,
    /// Avatar URL (empty when none).
    pub avatar: String,
    /// Whether the account is a bot.
    pub is_bot: bool,
}

/// A workspace member: the user, the role (20 admin, 15 member, 5 guest) and whether the
/// membership is active (false once deactivated).
#[derive(Debug, Clone)]
pub struct MemberRecord {
    /// The person.
    pub user: UserRecord,
    /// Workspace role.
    pub role: i64,
    /// False for a deactivated member.
    pub is_active: bool,
}

impl UserRecord {
    const COLUMNS: &'static str =
        "u.id, u.first_name, u.last_name, u.email, u.display_name, u.avatar, u.is_bot";

    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: row.get(0)?,
            first_name: row.get(1)?,
            last_name: row.get(2)?,
            email: row.get(3)?,
            display_name: row.get(4)?,
            avatar: row.get(5)?,
            is_bot: row.get(6)?,
        })
    }

    /// Loads one user by id.
    pub fn load(conn: &Connection, id: &str) -> Result<Option<Self>, ApiError> {
        let sql = format!("SELECT {} FROM users u WHERE u.id = ?1", Self::COLUMNS);
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([id], Self::from_row)
            .optional()?)
    }

    /// Workspace members with their roles, deactivated ones included, by name.
    pub fn workspace_members(
        conn: &Connection,
        workspace_id: &str,
    ) -> Result<Vec<MemberRecord>, ApiError> {
        let sql = format!(
            "SELECT {}, m.role, m.is_active FROM users u \
             JOIN workspace_members m ON m.user_id = u.id \
             WHERE m.workspace_id = ?1 ORDER BY u.first_name, u.last_name",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([workspace_id], |row| {
            Ok(MemberRecord {
                user: Self::from_row(row)?,
                role: row.get(7)?,
                is_active: row.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Project members with their project roles, by name.
    pub fn project_members_with_roles(
        conn: &Connection,
        project_id: &str,
    ) -> Result<Vec<(Self, i64)>, ApiError> {
        let sql = format!(
            "SELECT {}, m.role FROM users u JOIN project_members m ON m.user_id = u.id \
             WHERE m.project_id = ?1 ORDER BY u.first_name, u.last_name",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], |row| Ok((Self::from_row(row)?, row.get(7)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Project members, by name.
    pub fn project_members(conn: &Connection, project_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM users u JOIN project_members m ON m.user_id = u.id \
             WHERE m.project_id = ?1 ORDER BY u.first_name, u.last_name",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A workspace (`workspaces`).
#[derive(Debug, Clone)]
pub struct WorkspaceRecord {
    /// UUID.
    pub id: String,
    /// The URL slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// The owner's user id.
    pub owner_id: String,
    /// Whether the workspace's plan includes custom properties (Plane's `ISSUE_TYPES` flag is
    /// decided per workspace); false answers 402 for every project of it.
    pub custom_properties: bool,
    /// Where the workspace manages its work item types and their properties.
    pub types_mode: TypesMode,
}

/// Where a workspace manages its work item types and their properties: in each project, or once
/// for the workspace (Enterprise Grid). Plane keeps one mode per workspace; a write to the
/// other surface is refused with [`ApiError::ManagedElsewhere`] (plane-api.md, Corrections and
/// 1.6). The sandbox keeps the mode in the `workspaces.types_mode` column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypesMode {
    /// Types, properties and options are written under `/projects/{project_id}/` (the default).
    Project,
    /// Types and properties are written under `/workspaces/{slug}/`; projects import them.
    Workspace,
}

impl TypesMode {
    /// The column's text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Workspace => "workspace",
        }
    }

    /// Reads the column's text (anything but `workspace` is project mode).
    pub fn from_column(text: &str) -> Self {
        if text == "workspace" {
            Self::Workspace
        } else {
            Self::Project
        }
    }
}

impl WorkspaceRecord {
    /// Loads a workspace by slug.
    pub fn by_slug(conn: &Connection, slug: &str) -> Result<Option<Self>, ApiError> {
        let mut stmt = conn.prepare_cached(
            "SELECT id, slug, name, owner_id, custom_properties, types_mode FROM workspaces \
             WHERE slug = ?1",
        )?;
        Ok(stmt
            .query_row([slug], |r| {
                Ok(Self {
                    id: r.get(0)?,
                    slug: r.get(1)?,
                    name: r.get(2)?,
                    owner_id: r.get(3)?,
                    custom_properties: r.get(4)?,
                    types_mode: TypesMode::from_column(&r.get::<_, String>(5)?),
                })
            })
            .optional()?)
    }

    /// `Ok` when definitions (types, properties, options) are written on `surface` in this
    /// workspace, else the 409 that sends the caller to the other surface.
    pub fn require_types_mode(&self, surface: TypesMode) -> Result<(), ApiError> {
        if self.types_mode == surface {
            Ok(())
        } else {
            Err(ApiError::ManagedElsewhere(self.types_mode))
        }
    }

    /// `Ok` when the plan includes custom properties, else Plane's 402
    /// `{"error": "Payment required", "error_code": 1999}`.
    pub fn require_custom_properties(&self) -> Result<(), ApiError> {
        if self.custom_properties {
            Ok(())
        } else {
            Err(ApiError::PaymentRequired)
        }
    }

    /// Whether the user belongs to the workspace.
    pub fn has_member(
        conn: &Connection,
        workspace_id: &str,
        user_id: &str,
    ) -> Result<bool, ApiError> {
        let mut stmt = conn.prepare_cached(
            "SELECT 1 FROM workspace_members WHERE workspace_id = ?1 AND user_id = ?2",
        )?;
        Ok(stmt.exists(params![workspace_id, user_id])?)
    }
}

/// A project (`projects`).
#[derive(Debug, Clone)]
pub struct ProjectRecord {
    /// UUID.
    pub id: String,
    /// Owning workspace.
    pub workspace_id: String,
    /// The `PROJ` prefix of its work items.
    pub identifier: String,
    /// Display name.
    pub name: String,
    /// Description text.
    pub description: String,
    /// Project lead.
    pub lead_id: Option<String>,
    /// The state new work items start in.
    pub default_state_id: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Creation time (µs).
    pub created_at: i64,
    /// Last update (µs).
    pub updated_at: i64,
    /// Display order.
    pub sort_order: f64,
    /// When it was archived (µs), if it was.
    pub archived_at: Option<i64>,
    /// Whether its intake is enabled (Plane's `intake_view`).
    pub intake_view: bool,
}

impl ProjectRecord {
    /// `user_id`'s role in this project (20 admin, 15 member, 5 guest), `None` when not a member.
    pub fn role_of(&self, conn: &Connection, user_id: &str) -> Result<Option<i64>, ApiError> {
        Ok(conn
            .prepare_cached(
                "SELECT role FROM project_members WHERE project_id = ?1 AND user_id = ?2",
            )?
            .query_row([&self.id, user_id], |r| r.get(0))
            .optional()?)
    }

    const COLUMNS: &'static str = "id, workspace_id, identifier, name, description, lead_id, \
        default_state_id, created_by, created_at, updated_at, sort_order, archived_at, intake_view";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            identifier: r.get(2)?,
            name: r.get(3)?,
            description: r.get(4)?,
            lead_id: r.get(5)?,
            default_state_id: r.get(6)?,
            created_by: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
            sort_order: r.get(10)?,
            archived_at: r.get(11)?,
            intake_view: r.get(12)?,
        })
    }

    /// Loads a project of the workspace by id.
    pub fn load(conn: &Connection, workspace_id: &str, id: &str) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM projects WHERE workspace_id = ?1 AND id = ?2",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([workspace_id, id], Self::from_row)
            .optional()?)
    }

    /// Loads a project of the workspace by identifier (exact match, as Plane's CE lookup).
    pub fn by_identifier(
        conn: &Connection,
        workspace_id: &str,
        identifier: &str,
    ) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM projects WHERE workspace_id = ?1 AND identifier = ?2",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([workspace_id, identifier], Self::from_row)
            .optional()?)
    }

    /// All projects of the workspace, oldest first.
    pub fn all(conn: &Connection, workspace_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM projects WHERE workspace_id = ?1 ORDER BY created_at, id",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([workspace_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Loads a project of the workspace, or answers 404 "The requested resource does not exist.".
    pub fn require(conn: &Connection, workspace_id: &str, id: &str) -> Result<Self, ApiError> {
        Self::load(conn, workspace_id, id)?.ok_or(ApiError::ResourceNotFound)
    }

    /// Loads a project of a workspace whose plan includes custom properties: 402 for any project
    /// of a workspace without them (the gate wraps the view, before any lookup), else 404 for an
    /// unknown project.
    pub fn require_with_properties(
        conn: &Connection,
        workspace: &WorkspaceRecord,
        id: &str,
    ) -> Result<Self, ApiError> {
        workspace.require_custom_properties()?;
        Self::require(conn, &workspace.id, id)
    }

    /// Like [`Self::require_with_properties`], for a write of a type, property or option under
    /// the project: after the plan's 402, a workspace that manages its types at the workspace
    /// level answers 409 before the project is looked up.
    pub fn require_for_definitions(
        conn: &Connection,
        workspace: &WorkspaceRecord,
        id: &str,
    ) -> Result<Self, ApiError> {
        workspace.require_custom_properties()?;
        workspace.require_types_mode(TypesMode::Project)?;
        Self::require(conn, &workspace.id, id)
    }
}

/// A work item type (`work_item_types`).
#[derive(Debug, Clone)]
pub struct TypeRecord {
    /// UUID.
    pub id: String,
    /// Owning workspace.
    pub workspace_id: String,
    /// The project that owns it; `None` for a workspace-level type (linked to projects through
    /// `type_projects`).
    pub project_id: Option<String>,
    /// Display name.
    pub name: String,
    /// Description text.
    pub description: String,
    /// Whether new work items get it.
    pub is_default: bool,
    /// Whether it can be used.
    pub is_active: bool,
    /// Whether it is an epic type.
    pub is_epic: bool,
    /// Hierarchy level.
    pub level: i64,
    /// Icon settings.
    pub logo_props: Value,
    /// Sync source.
    pub external_source: Option<String>,
    /// Sync id.
    pub external_id: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Creation time (µs).
    pub created_at: i64,
    /// Last update (µs).
    pub updated_at: i64,
}

impl TypeRecord {
    const COLUMNS: &'static str = "id, workspace_id, project_id, name, description, is_default, is_active, \
        is_epic, level, logo_props, external_source, external_id, created_by, created_at, updated_at";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            project_id: r.get(2)?,
            name: r.get(3)?,
            description: r.get(4)?,
            is_default: r.get(5)?,
            is_active: r.get(6)?,
            is_epic: r.get(7)?,
            level: r.get(8)?,
            logo_props: json_column(r, 9)?,
            external_source: r.get(10)?,
            external_id: r.get(11)?,
            created_by: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
        })
    }

    /// The condition "the type is the project `?1`'s, its own or a workspace type linked to it".
    const OF_PROJECT: &'static str = "(project_id = ?1 OR id IN \
        (SELECT type_id FROM type_projects WHERE project_id = ?1))";

    /// The project's types (its own and the workspace types linked to it), oldest first.
    pub fn of_project(conn: &Connection, project_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_item_types WHERE {} ORDER BY created_at, id",
            Self::COLUMNS,
            Self::OF_PROJECT
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The workspace-level types of the workspace, oldest first.
    pub fn of_workspace(conn: &Connection, workspace_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_item_types WHERE workspace_id = ?1 AND project_id IS NULL \
             ORDER BY created_at, id",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([workspace_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One workspace-level type of the workspace, or 404.
    pub fn require_in_workspace(
        conn: &Connection,
        workspace_id: &str,
        id: &str,
    ) -> Result<Self, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_item_types WHERE workspace_id = ?1 AND project_id IS NULL \
             AND id = ?2",
            Self::COLUMNS
        );
        conn.prepare_cached(&sql)?
            .query_row([workspace_id, id], Self::from_row)
            .optional()?
            .ok_or(ApiError::ResourceNotFound)
    }

    /// The projects the type serves: its own, or those a workspace type is linked to.
    pub fn project_ids(&self, conn: &Connection) -> Result<Vec<String>, ApiError> {
        match &self.project_id {
            Some(project_id) => Ok(vec![project_id.clone()]),
            None => column_list(
                conn,
                "SELECT project_id FROM type_projects WHERE type_id = ?1 ORDER BY project_id",
                &self.id,
            ),
        }
    }

    /// The ids of the workspace properties linked to the type, in their order.
    pub fn linked_property_ids(&self, conn: &Connection) -> Result<Vec<String>, ApiError> {
        column_list(
            conn,
            "SELECT property_id FROM type_properties WHERE type_id = ?1 \
             ORDER BY sort_order, property_id",
            &self.id,
        )
    }

    /// One type of the project (its own or a linked workspace type), or 404.
    pub fn require(conn: &Connection, project_id: &str, id: &str) -> Result<Self, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_item_types WHERE {} AND id = ?2",
            Self::COLUMNS,
            Self::OF_PROJECT
        );
        conn.prepare_cached(&sql)?
            .query_row([project_id, id], Self::from_row)
            .optional()?
            .ok_or(ApiError::ResourceNotFound)
    }

    /// Inserts the record.
    pub fn insert(&self, conn: &Connection) -> Result<(), ApiError> {
        let sql = format!(
            "INSERT INTO work_item_types ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, \
             ?12, ?13, ?14, ?15)",
            Self::COLUMNS
        );
        conn.prepare_cached(&sql)?.execute(params![
            self.id,
            self.workspace_id,
            self.project_id,
            self.name,
            self.description,
            self.is_default,
            self.is_active,
            self.is_epic,
            self.level,
            self.logo_props.to_string(),
            self.external_source,
            self.external_id,
            self.created_by,
            self.created_at,
            self.updated_at,
        ])?;
        Ok(())
    }

    /// Writes the changeable fields back.
    pub fn update(&self, conn: &Connection) -> Result<(), ApiError> {
        conn.prepare_cached(
            "UPDATE work_item_types SET name = ?2, description = ?3, is_active = ?4, is_epic = ?5, \
             external_source = ?6, external_id = ?7, updated_at = ?8 WHERE id = ?1",
        )?
        .execute(params![
            self.id,
            self.name,
            self.description,
            self.is_active,
            self.is_epic,
            self.external_source,
            self.external_id,
            self.updated_at,
        ])?;
        Ok(())
    }

    /// Loads a type by id, whatever its project.
    pub fn load(conn: &Connection, id: &str) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_item_types WHERE id = ?1",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([id], Self::from_row)
            .optional()?)
    }
}

/// A work item (`work_items`).
#[derive(Debug, Clone)]
pub struct WorkItemRecord {
    /// UUID.
    pub id: String,
    /// Owning workspace.
    pub workspace_id: String,
    /// Owning project.
    pub project_id: String,
    /// Number within the project.
    pub sequence_id: i64,
    /// Title.
    pub name: String,
    /// Description as HTML.
    pub description_html: String,
    /// `urgent`, `high`, `medium`, `low` or `none`.
    pub priority: String,
    /// Workflow state.
    pub state_id: Option<String>,
    /// Work item type.
    pub type_id: Option<String>,
    /// Parent work item.
    pub parent_id: Option<String>,
    /// Start date (`YYYY-MM-DD`).
    pub start_date: Option<String>,
    /// Due date (`YYYY-MM-DD`).
    pub target_date: Option<String>,
    /// Display order.
    pub sort_order: f64,
    /// Creator.
    pub created_by: Option<String>,
    /// Creation time (µs).
    pub created_at: i64,
    /// Last update (µs).
    pub updated_at: i64,
    /// Sync source.
    pub external_source: Option<String>,
    /// Sync id.
    pub external_id: Option<String>,
    /// The day it was archived (`YYYY-MM-DD`, Plane's `DateField`), if it was.
    pub archived_at: Option<String>,
    /// Whether it is a draft.
    pub is_draft: bool,
}

impl WorkItemRecord {
    /// The columns `from_row` reads, prefixed by table alias `w`.
    pub const COLUMNS: &'static str = "w.id, w.workspace_id, w.project_id, w.sequence_id, w.name, \
        w.description_html, w.priority, w.state_id, w.type_id, w.parent_id, w.start_date, \
        w.target_date, w.sort_order, w.created_by, w.created_at, w.updated_at, w.external_source, \
        w.external_id, w.archived_at, w.is_draft";

    /// Reads a row selected with [`Self::COLUMNS`].
    pub fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            project_id: r.get(2)?,
            sequence_id: r.get(3)?,
            name: r.get(4)?,
            description_html: r.get(5)?,
            priority: r.get(6)?,
            state_id: r.get(7)?,
            type_id: r.get(8)?,
            parent_id: r.get(9)?,
            start_date: r.get(10)?,
            target_date: r.get(11)?,
            sort_order: r.get(12)?,
            created_by: r.get(13)?,
            created_at: r.get(14)?,
            updated_at: r.get(15)?,
            external_source: r.get(16)?,
            external_id: r.get(17)?,
            archived_at: r.get(18)?,
            is_draft: r.get(19)?,
        })
    }

    /// Loads a work item of the project by id, whatever its kind (the value endpoints' lookup).
    pub fn load(conn: &Connection, project_id: &str, id: &str) -> Result<Option<Self>, ApiError> {
        Self::load_seen(conn, project_id, id, Visibility::All)
    }

    /// Loads a work item of the project by id, if `seen` lets the endpoint see it.
    pub fn load_seen(
        conn: &Connection,
        project_id: &str,
        id: &str,
        seen: Visibility,
    ) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_items w WHERE w.project_id = ?1 AND w.id = ?2 AND {}",
            Self::COLUMNS,
            seen.sql()
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([project_id, id], Self::from_row)
            .optional()?)
    }

    /// Loads a work item of the project by its number, if `seen` lets the endpoint see it.
    pub fn by_sequence(
        conn: &Connection,
        project_id: &str,
        sequence_id: i64,
        seen: Visibility,
    ) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_items w WHERE w.project_id = ?1 AND w.sequence_id = ?2 AND {}",
            Self::COLUMNS,
            seen.sql()
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row(params![project_id, sequence_id], Self::from_row)
            .optional()?)
    }

    /// Loads a work item of the project by its external id and source.
    pub fn by_external(
        conn: &Connection,
        project_id: &str,
        external_id: &str,
        source: &str,
    ) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM work_items w WHERE w.project_id = ?1 AND w.external_id = ?2 AND w.external_source = ?3",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([project_id, external_id, source], Self::from_row)
            .optional()?)
    }

    /// The assignee ids of a work item.
    pub fn assignees(conn: &Connection, id: &str) -> Result<Vec<String>, ApiError> {
        column_list(
            conn,
            "SELECT user_id FROM work_item_assignees WHERE work_item_id = ?1 ORDER BY user_id",
            id,
        )
    }

    /// The label ids of a work item.
    pub fn labels(conn: &Connection, id: &str) -> Result<Vec<String>, ApiError> {
        column_list(
            conn,
            "SELECT label_id FROM work_item_labels WHERE work_item_id = ?1 ORDER BY label_id",
            id,
        )
    }

    /// The highest number of the project's work items (0 when it has none).
    pub fn last_sequence(conn: &Connection, project_id: &str) -> Result<i64, ApiError> {
        Ok(conn
            .prepare_cached(
                "SELECT COALESCE(MAX(sequence_id), 0) FROM work_items WHERE project_id = ?1",
            )?
            .query_row([project_id], |r| r.get(0))?)
    }

    /// Inserts the work item (no assignees or labels).
    pub fn insert(&self, conn: &Connection) -> Result<(), ApiError> {
        conn.prepare_cached(
            "INSERT INTO work_items (id, workspace_id, project_id, sequence_id, name, \
             description_html, priority, state_id, type_id, parent_id, start_date, target_date, \
             sort_order, created_by, created_at, updated_at, external_source, external_id, \
             archived_at, is_draft) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, \
             ?18, ?19, ?20)",
        )?
        .execute(params![
            self.id,
            self.workspace_id,
            self.project_id,
            self.sequence_id,
            self.name,
            self.description_html,
            self.priority,
            self.state_id,
            self.type_id,
            self.parent_id,
            self.start_date,
            self.target_date,
            self.sort_order,
            self.created_by,
            self.created_at,
            self.updated_at,
            self.external_source,
            self.external_id,
            self.archived_at,
            self.is_draft,
        ])?;
        Ok(())
    }
}

/// Which work items an endpoint sees (`w` is the work item, as in [`WorkItemRecord::COLUMNS`]).
///
/// Plane's v1 item endpoints read through its `issue_objects` manager, which leaves out
/// soft-deleted items, items in a triage state (the intake's), archived items, items of archived
/// projects and drafts (Plane's Community Edition, makeplane/plane at 4ca6d6c,
/// `apps/api/plane/db/models/issue.py`, `IssueManager`); Plane's commercial server also leaves
/// out epics (plane-api.md, Corrections). The by-identifier endpoint, read again in the commercial
/// server (Corrections), finds intake, draft and epic items but never archived ones, whereas
/// Community Edition reads it through `issue_objects` too: the Corrections are followed here, and
/// an item of an archived project counts as archived. The choice is made here, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Every work item (the value endpoints, the stand-in pages).
    All,
    /// What the project list, the item by id and the search see.
    Listed,
    /// What `GET /workspaces/{slug}/work-items/{PROJ-N}/` sees.
    ByIdentifier,
}

impl Visibility {
    /// The SQL condition on `w` for this visibility.
    pub fn sql(self) -> &'static str {
        match self {
            Self::All => "1 = 1",
            Self::Listed => {
                "w.archived_at IS NULL AND w.is_draft = 0 \
                 AND NOT EXISTS (SELECT 1 FROM states s WHERE s.id = w.state_id AND s.state_group = 'triage') \
                 AND NOT EXISTS (SELECT 1 FROM projects pa WHERE pa.id = w.project_id AND pa.archived_at IS NOT NULL) \
                 AND NOT EXISTS (SELECT 1 FROM work_item_types te WHERE te.id = w.type_id AND te.is_epic = 1)"
            }
            Self::ByIdentifier => {
                "w.archived_at IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM projects pa WHERE pa.id = w.project_id AND pa.archived_at IS NOT NULL)"
            }
        }
    }
}

/// A custom property definition (`properties`).
#[derive(Debug, Clone)]
pub struct PropertyRecord {
    /// UUID.
    pub id: String,
    /// Owning workspace.
    pub workspace_id: String,
    /// Owning project (null for workspace properties).
    pub project_id: Option<String>,
    /// The work item type it belongs to.
    pub type_id: Option<String>,
    /// Slug of `display_name`.
    pub name: String,
    /// Label.
    pub display_name: String,
    /// Help text.
    pub description: Option<String>,
    /// Icon settings (set by the server from the type).
    pub logo_props: Value,
    /// Display order.
    pub sort_order: f64,
    /// Kind.
    pub property_type: PropertyType,
    /// Relation kind for RELATION.
    pub relation_type: Option<RelationType>,
    /// Refuses falsy values.
    pub is_required: bool,
    /// Default values as strings (a JSON array).
    pub default_value: Value,
    /// Display settings.
    pub settings: Value,
    /// Shown in the schema when true.
    pub is_active: bool,
    /// Holds a set.
    pub is_multi: bool,
    /// Free-form rules (not enforced).
    pub validation_rules: Value,
    /// Sync source.
    pub external_source: Option<String>,
    /// Sync id.
    pub external_id: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Last editor.
    pub updated_by: Option<String>,
    /// Creation time (µs).
    pub created_at: i64,
    /// Last update (µs).
    pub updated_at: i64,
}

impl PropertyRecord {
    /// The SQL condition "the property `p` belongs to an epic type".
    pub const OF_EPIC_TYPE: &'static str =
        "EXISTS (SELECT 1 FROM work_item_types te WHERE te.id = p.type_id AND te.is_epic = 1)";

    /// Whether the property belongs to an epic type.
    pub fn of_epic_type(&self, conn: &Connection) -> Result<bool, ApiError> {
        let Some(type_id) = &self.type_id else {
            return Ok(false);
        };
        Ok(conn
            .prepare_cached("SELECT 1 FROM work_item_types WHERE id = ?1 AND is_epic = 1")?
            .exists([type_id])?)
    }

    const COLUMNS: &'static str = "id, workspace_id, project_id, type_id, name, display_name, description, \
        logo_props, sort_order, property_type, relation_type, is_required, default_value, settings, \
        is_active, is_multi, validation_rules, external_source, external_id, created_by, updated_by, \
        created_at, updated_at";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        let property_type: String = r.get(9)?;
        let relation_type: Option<String> = r.get(10)?;
        Ok(Self {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            project_id: r.get(2)?,
            type_id: r.get(3)?,
            name: r.get(4)?,
            display_name: r.get(5)?,
            description: r.get(6)?,
            logo_props: json_column(r, 7)?,
            sort_order: r.get(8)?,
            property_type: PropertyType::from_wire(&property_type),
            relation_type: relation_type.as_deref().map(RelationType::from_wire),
            is_required: r.get(11)?,
            default_value: json_column(r, 12)?,
            settings: json_column(r, 13)?,
            is_active: r.get(14)?,
            is_multi: r.get(15)?,
            validation_rules: json_column(r, 16)?,
            external_source: r.get(17)?,
            external_id: r.get(18)?,
            created_by: r.get(19)?,
            updated_by: r.get(20)?,
            created_at: r.get(21)?,
            updated_at: r.get(22)?,
        })
    }

    /// Loads a property by id within the workspace (how Plane's value endpoints find it).
    pub fn in_workspace(
        conn: &Connection,
        workspace_id: &str,
        id: &str,
    ) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM properties WHERE workspace_id = ?1 AND id = ?2",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([workspace_id, id], Self::from_row)
            .optional()?)
    }

    /// Loads a property of the project by id.
    pub fn in_project(
        conn: &Connection,
        project_id: &str,
        id: &str,
    ) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM properties WHERE project_id = ?1 AND id = ?2",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([project_id, id], Self::from_row)
            .optional()?)
    }

    /// Loads a property of the type by id.
    pub fn in_type(conn: &Connection, type_id: &str, id: &str) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM properties WHERE type_id = ?1 AND id = ?2",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([type_id, id], Self::from_row)
            .optional()?)
    }

    /// The type's properties in display order.
    pub fn of_type(conn: &Connection, type_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM properties WHERE type_id = ?1 ORDER BY sort_order, created_at, id",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([type_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The workspace-owned properties (no project, no type) in display order.
    pub fn of_workspace(conn: &Connection, workspace_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM properties WHERE workspace_id = ?1 AND project_id IS NULL \
             ORDER BY sort_order, created_at, id",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([workspace_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One workspace-owned property, or 404.
    pub fn require_workspace_owned(
        conn: &Connection,
        workspace_id: &str,
        id: &str,
    ) -> Result<Self, ApiError> {
        let sql = format!(
            "SELECT {} FROM properties WHERE workspace_id = ?1 AND project_id IS NULL AND id = ?2",
            Self::COLUMNS
        );
        conn.prepare_cached(&sql)?
            .query_row([workspace_id, id], Self::from_row)
            .optional()?
            .ok_or(ApiError::ResourceNotFound)
    }

    /// The project's properties in display order.
    pub fn of_project(conn: &Connection, project_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM properties WHERE project_id = ?1 ORDER BY sort_order, created_at, id",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// A choice of an OPTION property (`options`).
#[derive(Debug, Clone)]
pub struct OptionRecord {
    /// UUID.
    pub id: String,
    /// Owning workspace.
    pub workspace_id: String,
    /// Owning project.
    pub project_id: Option<String>,
    /// The property it belongs to.
    pub property_id: String,
    /// Label, unique within the property.
    pub name: String,
    /// Help text.
    pub description: String,
    /// Display order.
    pub sort_order: f64,
    /// Icon settings.
    pub logo_props: Value,
    /// Offered in pickers.
    pub is_active: bool,
    /// The property's default.
    pub is_default: bool,
    /// Parent option.
    pub parent_id: Option<String>,
    /// Sync source.
    pub external_source: Option<String>,
    /// Sync id.
    pub external_id: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Last editor.
    pub updated_by: Option<String>,
    /// Creation time (µs).
    pub created_at: i64,
    /// Last update (µs).
    pub updated_at: i64,
}

impl OptionRecord {
    const COLUMNS: &'static str = "id, workspace_id, project_id, property_id, name, description, sort_order, \
        logo_props, is_active, is_default, parent_id, external_source, external_id, created_by, \
        updated_by, created_at, updated_at";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            workspace_id: r.get(1)?,
            project_id: r.get(2)?,
            property_id: r.get(3)?,
            name: r.get(4)?,
            description: r.get(5)?,
            sort_order: r.get(6)?,
            logo_props: json_column(r, 7)?,
            is_active: r.get(8)?,
            is_default: r.get(9)?,
            parent_id: r.get(10)?,
            external_source: r.get(11)?,
            external_id: r.get(12)?,
            created_by: r.get(13)?,
            updated_by: r.get(14)?,
            created_at: r.get(15)?,
            updated_at: r.get(16)?,
        })
    }

    /// The property's options in display order.
    pub fn of_property(conn: &Connection, property_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM options WHERE property_id = ?1 ORDER BY sort_order, created_at, id",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([property_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One option of the property.
    pub fn load(conn: &Connection, property_id: &str, id: &str) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM options WHERE property_id = ?1 AND id = ?2",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([property_id, id], Self::from_row)
            .optional()?)
    }
}

/// One stored value of a property on a work item (`property_values`).
#[derive(Debug, Clone)]
pub struct ValueRecord {
    /// UUID of the row.
    pub id: String,
    /// The work item.
    pub work_item_id: String,
    /// The property.
    pub property_id: String,
    /// Text, date or id.
    pub value_text: Option<String>,
    /// Number.
    pub value_number: Option<f64>,
    /// Boolean.
    pub value_bool: Option<bool>,
    /// Sync source.
    pub external_source: Option<String>,
    /// Sync id.
    pub external_id: Option<String>,
    /// Creation time (µs).
    pub created_at: i64,
    /// Last update (µs).
    pub updated_at: i64,
}

impl ValueRecord {
    const COLUMNS: &'static str = "id, work_item_id, property_id, value_text, value_number, value_bool, \
        external_source, external_id, created_at, updated_at";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            work_item_id: r.get(1)?,
            property_id: r.get(2)?,
            value_text: r.get(3)?,
            value_number: r.get(4)?,
            value_bool: r.get(5)?,
            external_source: r.get(6)?,
            external_id: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        })
    }

    /// The values of one property on one work item, newest first (Plane's `-created_at`).
    pub fn of(
        conn: &Connection,
        work_item_id: &str,
        property_id: &str,
    ) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM property_values WHERE work_item_id = ?1 AND property_id = ?2 \
             ORDER BY created_at DESC, rowid DESC",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([work_item_id, property_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every value on a work item whose property belongs to the project and to no epic type, in
    /// property order (Plane's all-values list: workspace-owned properties, whose project is
    /// null, and epics' properties are left out; plane-api.md, Corrections).
    pub fn of_work_item(
        conn: &Connection,
        work_item_id: &str,
        project_id: &str,
    ) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT v.id, v.work_item_id, v.property_id, v.value_text, v.value_number, v.value_bool, \
             v.external_source, v.external_id, v.created_at, v.updated_at \
             FROM property_values v JOIN properties p ON p.id = v.property_id \
             WHERE v.work_item_id = ?1 AND p.project_id = ?2 AND NOT {} \
             ORDER BY p.sort_order, p.id, v.created_at DESC, v.rowid DESC",
            PropertyRecord::OF_EPIC_TYPE
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([work_item_id, project_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Reads a JSON text column.
fn json_column(row: &Row<'_>, index: usize) -> rusqlite::Result<Value> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A single-column query with one parameter, as a list of strings.
fn column_list(conn: &Connection, sql: &str, param: &str) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([param], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl PropertyRecord {
    /// Inserts the record.
    pub fn insert(&self, conn: &Connection) -> Result<(), ApiError> {
        let sql = format!(
            "INSERT INTO properties ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, \
             ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
            Self::COLUMNS
        );
        conn.prepare_cached(&sql)?.execute(params![
            self.id,
            self.workspace_id,
            self.project_id,
            self.type_id,
            self.name,
            self.display_name,
            self.description,
            self.logo_props.to_string(),
            self.sort_order,
            self.property_type.as_str(),
            self.relation_type.as_ref().map(|r| r.as_str().to_owned()),
            self.is_required,
            self.default_value.to_string(),
            self.settings.to_string(),
            self.is_active,
            self.is_multi,
            self.validation_rules.to_string(),
            self.external_source,
            self.external_id,
            self.created_by,
            self.updated_by,
            self.created_at,
            self.updated_at,
        ])?;
        Ok(())
    }

    /// Writes every editable column back.
    pub fn update(&self, conn: &Connection) -> Result<(), ApiError> {
        conn.prepare_cached(
            "UPDATE properties SET name = ?2, display_name = ?3, description = ?4, logo_props = ?5, \
             property_type = ?6, relation_type = ?7, is_required = ?8, default_value = ?9, \
             settings = ?10, is_active = ?11, is_multi = ?12, validation_rules = ?13, \
             external_source = ?14, external_id = ?15, updated_by = ?16, updated_at = ?17 WHERE id = ?1",
        )?
        .execute(params![
            self.id,
            self.name,
            self.display_name,
            self.description,
            self.logo_props.to_string(),
            self.property_type.as_str(),
            self.relation_type.as_ref().map(|r| r.as_str().to_owned()),
            self.is_required,
            self.default_value.to_string(),
            self.settings.to_string(),
            self.is_active,
            self.is_multi,
            self.validation_rules.to_string(),
            self.external_source,
            self.external_id,
            self.updated_by,
            self.updated_at,
        ])?;
        Ok(())
    }
}

impl OptionRecord {
    /// Inserts the record.
    pub fn insert(&self, conn: &Connection) -> Result<(), ApiError> {
        let sql = format!(
            "INSERT INTO options ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, \
             ?14, ?15, ?16, ?17)",
            Self::COLUMNS
        );
        conn.prepare_cached(&sql)?.execute(params![
            self.id,
            self.workspace_id,
            self.project_id,
            self.property_id,
            self.name,
            self.description,
            self.sort_order,
            self.logo_props.to_string(),
            self.is_active,
            self.is_default,
            self.parent_id,
            self.external_source,
            self.external_id,
            self.created_by,
            self.updated_by,
            self.created_at,
            self.updated_at,
        ])?;
        Ok(())
    }

    /// Writes every editable column back.
    pub fn update(&self, conn: &Connection) -> Result<(), ApiError> {
        conn.prepare_cached(
            "UPDATE options SET name = ?2, description = ?3, is_active = ?4, is_default = ?5, \
             parent_id = ?6, external_source = ?7, external_id = ?8, updated_by = ?9, updated_at = ?10 \
             WHERE id = ?1",
        )?
        .execute(params![
            self.id,
            self.name,
            self.description,
            self.is_active,
            self.is_default,
            self.parent_id,
            self.external_source,
            self.external_id,
            self.updated_by,
            self.updated_at,
        ])?;
        Ok(())
    }
}

/// The typed columns of a stored value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoredValue {
    /// Text, date or id.
    pub text: Option<String>,
    /// Number.
    pub number: Option<f64>,
    /// Boolean.
    pub boolean: Option<bool>,
}

/// Where a new value row goes and who writes it.
#[derive(Debug, Clone, Copy)]
pub struct ValueOwner<'a> {
    /// Workspace of the work item.
    pub workspace_id: &'a str,
    /// Project of the work item.
    pub project_id: &'a str,
    /// The work item.
    pub work_item_id: &'a str,
    /// The property.
    pub property_id: &'a str,
    /// The writer.
    pub user_id: &'a str,
}

impl ValueRecord {
    /// Inserts a value row and returns its id.
    pub fn insert(
        conn: &Connection,
        owner: ValueOwner<'_>,
        value: &StoredValue,
        external: (Option<&str>, Option<&str>),
        now: i64,
    ) -> Result<String, ApiError> {
        let id = crate::ids::fresh_id();
        Self::insert_with_id(conn, &id, owner, value, external, now)?;
        Ok(id)
    }

    /// Inserts a value row with a chosen id (used by the seed).
    pub fn insert_with_id(
        conn: &Connection,
        id: &str,
        owner: ValueOwner<'_>,
        value: &StoredValue,
        external: (Option<&str>, Option<&str>),
        now: i64,
    ) -> Result<(), ApiError> {
        conn.prepare_cached(
            "INSERT INTO property_values (id, workspace_id, project_id, work_item_id, property_id, \
             value_text, value_number, value_bool, external_source, external_id, created_by, \
             updated_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
             ?11, ?11, ?12, ?12)",
        )?
        .execute(params![
            id,
            owner.workspace_id,
            owner.project_id,
            owner.work_item_id,
            owner.property_id,
            value.text,
            value.number,
            value.boolean,
            external.0,
            external.1,
            owner.user_id,
            now,
        ])?;
        Ok(())
    }
}

impl PropertyRecord {
    /// The icon Plane's server assigns a property from its kind (`logo_props`, read-only).
    pub fn logo_for(property_type: &PropertyType, relation_type: Option<&RelationType>) -> Value {
        let icon = match (property_type, relation_type) {
            (PropertyType::Text, _) => "AlignLeft",
            (PropertyType::Decimal, _) => "Hash",
            (PropertyType::Option, _) => "CircleChevronDown",
            (PropertyType::Boolean, _) => "ToggleLeft",
            (PropertyType::DateTime, _) => "Calendar",
            (PropertyType::Relation, Some(RelationType::User)) => "UsersRound",
            (PropertyType::Relation, _) => "Link",
            (PropertyType::Url, _) => "Link2",
            (PropertyType::Email, _) => "Mail",
            (PropertyType::File, _) => "File",
            (PropertyType::Formula, _) => "Calculator",
            (PropertyType::Unknown(_), _) => "Shapes",
        };
        serde_json::json!({ "in_use": "icon", "icon": { "name": icon, "color": "#6d7b8a" } })
    }
}

/// A work item in a project's intake queue (`intake_issues`).
#[derive(Debug, Clone)]
pub struct IntakeRecord {
    /// UUID of the intake record.
    pub id: String,
    /// The project's intake.
    pub intake_id: String,
    /// Owning workspace.
    pub workspace_id: String,
    /// Owning project.
    pub project_id: String,
    /// The work item waiting in the queue.
    pub work_item_id: String,
    /// -2 pending, -1 rejected, 0 snoozed, 1 accepted, 2 duplicate.
    pub status: i64,
    /// Where it came from (`IN_APP`).
    pub source: Option<String>,
    /// Creator.
    pub created_by: Option<String>,
    /// Creation time (µs).
    pub created_at: i64,
    /// Last update (µs).
    pub updated_at: i64,
}

impl IntakeRecord {
    const COLUMNS: &'static str = "id, intake_id, workspace_id, project_id, work_item_id, status, \
        source, created_by, created_at, updated_at";

    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            id: r.get(0)?,
            intake_id: r.get(1)?,
            workspace_id: r.get(2)?,
            project_id: r.get(3)?,
            work_item_id: r.get(4)?,
            status: r.get(5)?,
            source: r.get(6)?,
            created_by: r.get(7)?,
            created_at: r.get(8)?,
            updated_at: r.get(9)?,
        })
    }

    /// The project's queue, newest first (Plane's `-created_at`).
    pub fn of_project(conn: &Connection, project_id: &str) -> Result<Vec<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM intake_issues WHERE project_id = ?1 ORDER BY created_at DESC, id",
            Self::COLUMNS
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([project_id], Self::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The intake record of a work item of the project.
    pub fn of_work_item(
        conn: &Connection,
        project_id: &str,
        work_item_id: &str,
    ) -> Result<Option<Self>, ApiError> {
        let sql = format!(
            "SELECT {} FROM intake_issues WHERE project_id = ?1 AND work_item_id = ?2",
            Self::COLUMNS
        );
        Ok(conn
            .prepare_cached(&sql)?
            .query_row([project_id, work_item_id], Self::from_row)
            .optional()?)
    }

    /// Inserts the record.
    pub fn insert(&self, conn: &Connection) -> Result<(), ApiError> {
        let sql = format!(
            "INSERT OR IGNORE INTO intake_issues ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            Self::COLUMNS
        );
        conn.prepare_cached(&sql)?.execute(params![
            self.id,
            self.intake_id,
            self.workspace_id,
            self.project_id,
            self.work_item_id,
            self.status,
            self.source,
            self.created_by,
            self.created_at,
            self.updated_at,
        ])?;
        Ok(())
    }
}
