//! The SQLite database behind the sandbox: opening it, its schema, and access under a lock.

pub mod records;

use crate::error::ApiError;
use rusqlite::{Connection, OpenFlags, Transaction};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused to open or initialise the file.
    #[error("cannot open database {path}: {source}")]
    Open {
        /// The path given.
        path: String,
        /// SQLite's reason.
        source: rusqlite::Error,
    },
}

/// The database, one connection behind a mutex (writes are short; SQLite serialises them anyway).
pub struct Store {
    conn: Mutex<Connection>,
}

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
    email TEXT NOT NULL, display_name TEXT NOT NULL, avatar TEXT NOT NULL DEFAULT '',
    is_bot INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS workspaces (
    id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL, owner_id TEXT NOT NULL,
    custom_properties INTEGER NOT NULL DEFAULT 1, types_mode TEXT NOT NULL DEFAULT 'project'
);
CREATE TABLE IF NOT EXISTS workspace_members (
    workspace_id TEXT NOT NULL, user_id TEXT NOT NULL, role INTEGER NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (workspace_id, user_id)
);
CREATE TABLE IF NOT EXISTS projects (
    id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, identifier TEXT NOT NULL, name TEXT NOT NULL,
    description TEXT NOT NULL, lead_id TEXT,
    default_state_id TEXT, created_by TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    sort_order REAL NOT NULL, archived_at INTEGER, intake_view INTEGER NOT NULL DEFAULT 0,
    UNIQUE (workspace_id, identifier)
);
CREATE TABLE IF NOT EXISTS project_members (
    project_id TEXT NOT NULL, user_id TEXT NOT NULL, role INTEGER NOT NULL,
    PRIMARY KEY (project_id, user_id)
);
CREATE TABLE IF NOT EXISTS states (
    id TEXT PRIMARY KEY, project_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT NOT NULL,
    state_group TEXT NOT NULL, sequence REAL NOT NULL, is_default INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS labels (
    id TEXT PRIMARY KEY, project_id TEXT NOT NULL, name TEXT NOT NULL, color TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS work_item_types (
    id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, project_id TEXT, name TEXT NOT NULL,
    description TEXT NOT NULL, is_default INTEGER NOT NULL, is_active INTEGER NOT NULL,
    is_epic INTEGER NOT NULL, level INTEGER NOT NULL, logo_props TEXT NOT NULL,
    external_source TEXT, external_id TEXT, created_by TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS work_items (
    id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, project_id TEXT NOT NULL,
    sequence_id INTEGER NOT NULL, name TEXT NOT NULL, description_html TEXT NOT NULL,
    priority TEXT NOT NULL, state_id TEXT, type_id TEXT, parent_id TEXT, start_date TEXT,
    target_date TEXT, sort_order REAL NOT NULL, external_source TEXT, external_id TEXT,
    created_by TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    archived_at TEXT, is_draft INTEGER NOT NULL DEFAULT 0,
    UNIQUE (project_id, sequence_id)
);
CREATE INDEX IF NOT EXISTS work_items_by_project ON work_items (project_id, created_at);
CREATE TABLE IF NOT EXISTS work_item_assignees (
    work_item_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (work_item_id, user_id)
);
CREATE TABLE IF NOT EXISTS work_item_labels (
    work_item_id TEXT NOT NULL, label_id TEXT NOT NULL, PRIMARY KEY (work_item_id, label_id)
);
CREATE TABLE IF NOT EXISTS properties (
    id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, project_id TEXT, type_id TEXT,
    name TEXT NOT NULL, display_name TEXT NOT NULL, description TEXT, logo_props TEXT NOT NULL,
    sort_order REAL NOT NULL, property_type TEXT NOT NULL, relation_type TEXT,
    is_required INTEGER NOT NULL, default_value TEXT NOT NULL, settings TEXT NOT NULL,
    is_active INTEGER NOT NULL, is_multi INTEGER NOT NULL, validation_rules TEXT NOT NULL,
    external_source TEXT, external_id TEXT, created_by TEXT, updated_by TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS properties_by_type ON properties (type_id, sort_order);
CREATE TABLE IF NOT EXISTS options (
    id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, project_id TEXT, property_id TEXT NOT NULL,
    name TEXT NOT NULL, description TEXT NOT NULL, sort_order REAL NOT NULL,
    logo_props TEXT NOT NULL, is_active INTEGER NOT NULL, is_default INTEGER NOT NULL,
    parent_id TEXT, external_source TEXT, external_id TEXT, created_by TEXT, updated_by TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, UNIQUE (property_id, name)
);
CREATE TABLE IF NOT EXISTS property_values (
    id TEXT PRIMARY KEY, workspace_id TEXT NOT NULL, project_id TEXT, work_item_id TEXT NOT NULL,
    property_id TEXT NOT NULL, value_text TEXT, value_number REAL, value_bool INTEGER,
    external_source TEXT, external_id TEXT, created_by TEXT, updated_by TEXT,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS property_values_by_item ON property_values (work_item_id, property_id);
CREATE TABLE IF NOT EXISTS type_projects (
    type_id TEXT NOT NULL, project_id TEXT NOT NULL, PRIMARY KEY (type_id, project_id)
);
CREATE TABLE IF NOT EXISTS type_properties (
    type_id TEXT NOT NULL, property_id TEXT NOT NULL, sort_order REAL NOT NULL,
    PRIMARY KEY (type_id, property_id)
);
CREATE TABLE IF NOT EXISTS intake_issues (
    id TEXT PRIMARY KEY, intake_id TEXT NOT NULL, workspace_id TEXT NOT NULL,
    project_id TEXT NOT NULL, work_item_id TEXT NOT NULL UNIQUE, status INTEGER NOT NULL,
    source TEXT, created_by TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
);
"#;

/// The version of [`SCHEMA`], kept in SQLite's `user_version`. A database written under another
/// version is emptied and rebuilt from the seed when opened (the sandbox's data is disposable).
const SCHEMA_VERSION: i64 = 5;

/// Every table holding workspace data, in an order safe to empty.
const DATA_TABLES: [&str; 18] = [
    "intake_issues",
    "type_properties",
    "type_projects",
    "property_values",
    "options",
    "properties",
    "work_item_labels",
    "work_item_assignees",
    "work_items",
    "work_item_types",
    "labels",
    "states",
    "project_members",
    "projects",
    "workspace_members",
    "workspaces",
    "users",
    "meta",
];

impl Store {
    /// Opens (creating if needed) the database at `path`; `:memory:` keeps it in memory.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let fail = |source| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let conn = if path.as_os_str() == ":memory:" {
            Connection::open_in_memory().map_err(fail)?
        } else {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(path, flags).map_err(fail)?
        };
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF;",
        )
        .map_err(fail)?;
        Self::migrate(&conn).map_err(fail)?;
        conn.set_prepared_statement_cache_capacity(128);
        Ok(Self {
            conn: Mutex::new(conn),
        })
    }

    /// Creates the schema; a database of another [`SCHEMA_VERSION`] loses its tables first, so
    /// that it is seeded afresh.
    fn migrate(conn: &Connection) -> rusqlite::Result<()> {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version != SCHEMA_VERSION {
            let mut tables: Vec<String> = conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            tables.retain(|t| !t.starts_with("sqlite_"));
            for table in tables {
                conn.execute_batch(&format!("DROP TABLE IF EXISTS \"{table}\""))?;
            }
        }
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` with the connection (reads, or a single write statement).
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let conn = self.lock();
        f(&conn)
    }

    /// Runs `f` inside a transaction, committed when `f` succeeds and rolled back otherwise.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Empties every table (used before re-seeding on reset).
    pub fn wipe(tx: &Transaction<'_>) -> Result<(), ApiError> {
        for table in DATA_TABLES {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Store;
    use rusqlite::Connection;

    #[test]
    fn a_database_of_another_version_is_emptied() {
        let dir = std::env::temp_dir().join(format!("sandbox-store-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.sqlite3");
        {
            let old = Connection::open(&path).unwrap();
            old.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); \
                 INSERT INTO meta VALUES ('seed', 'demo'); \
                 CREATE TABLE projects (id TEXT PRIMARY KEY); PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let seeded = store.read(crate::seed::current).unwrap();
        assert_eq!(
            seeded, None,
            "the old data is gone, so the sandbox seeds it afresh"
        );
        let intake_view = store
            .read(|c| {
                Ok(c.prepare("SELECT intake_view FROM projects")?
                    .column_count())
            })
            .unwrap();
        assert_eq!(intake_view, 1);
        drop(store);
        let again = Store::open(&path).unwrap();
        again
            .write(|tx| crate::seed::apply(tx, crate::Seed::Empty))
            .unwrap();
        drop(again);
        let kept = Store::open(&path).unwrap();
        assert_eq!(
            kept.read(crate::seed::current).unwrap().as_deref(),
            Some("empty"),
            "a database of this version keeps its data"
        );
        let _ = std::fs::remove_dir_all(dir);
    }
}
