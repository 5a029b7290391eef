//! The data the sandbox starts with: `demo` (a small but complete workspace) or `empty`.
//!
//! Every id is a UUIDv5 derived from the record's kind and name ([`crate::ids::seed_id`]), so the
//! same seed always yields the same ids. Seeding runs on a fresh database and on
//! `POST /_sandbox/reset`; it never touches an existing database at start-up.
//!
//! # `empty`
//!
//! Workspace `demo` ("Plane Inline Demo") with one member, the API key's owner (Priya Patel,
//! admin). No projects.
//!
//! # `demo`
//!
//! Users (display name, email, workspace role: 20 admin, 15 member, 5 guest):
//!
//! | Name | Display name | Email | In `demo` | Project member of |
//! |---|---|---|---|---|
//! | Priya Patel (API key owner, `users/me`) | `priya` | `priya.patel@example.com` | 20 | DEMO, OPS, DOCS (guest), SHIP, FREE, GRID (admin of workspaces `free` and `grid` too) |
//! | Sam Rivera | `sam` | `sam.rivera@example.com` | 15 | DEMO, OPS, DOCS, SHIP |
//! | Lee Chen | `lee` | `lee.chen@example.com` | 15 | DEMO, DOCS, SHIP |
//! | Jo Müller | `jo` | `jo.muller@example.com` | 5 | DEMO |
//! | Dana Kim | `dana` | `dana.kim@example.com` | 15 | OPS (not DEMO) |
//! | Olu Mensah | `olu` | `olu.mensah@example.com` | not a member | ELSE (workspace `elsewhere`) |
//! | Rui Costa | `rui` | `rui.costa@example.com` | 15, deactivated (`is_active` false) | DEMO (15; the Reviewer of DEMO-3) |
//! | Plane Bot (`is_bot`) | `plane-bot` | `plane-bot@example.com` | 15 | none |
//!
//! Project roles follow the workspace role, except in DOCS: Sam Rivera 20, Priya Patel 5 (a
//! guest: she reads DOCS's values, and every value write there answers 403), Lee Chen 15.
//!
//! Workspaces (the key's owner is a member of `demo`, `free` and `grid`; requests under
//! `/workspaces/elsewhere/` answer 403):
//!
//! | Slug | Name | Custom properties (the plan's gate, per workspace) | Members |
//! |---|---|---|---|
//! | `demo` | Plane Inline Demo | yes | see above |
//! | `free` | Free Plan | no: every custom-property endpoint of every project answers 402 `{"error": "Payment required", "error_code": 1999}` | priya (20) |
//! | `grid` | Grid Workspace | yes; types managed at the workspace level (Enterprise Grid) | priya (20) |
//! | `elsewhere` | Elsewhere | yes | olu (20) |
//!
//! Projects (a project's `is_issue_type_enabled` is its workspace's gate):
//!
//! | Workspace | Identifier | Name | Work items | Type |
//! |---|---|---|---|---|
//! | `demo` | DEMO | Demo | DEMO-1 .. DEMO-250 (and DEMO-251 .. DEMO-254, below) | "Task" (default), "Epic" |
//! | `demo` | OPS | Operations | OPS-1 .. OPS-12 | "Incident" (default) |
//! | `demo` | DOCS | Docs | DOCS-1 .. DOCS-5 | "Page" (default) |
//! | `demo` | SHIP | Shipping | SHIP-1 .. SHIP-300 | "Task" (default), "Bug" (SHIP-10, SHIP-20, ..., SHIP-300) |
//! | `free` | FREE | Free Plan | FREE-1 .. FREE-5 | none |
//! | `grid` | GRID | Grid | GRID-1 .. GRID-20 | workspace type "Story" (default) |
//! | `elsewhere` | ELSE | Elsewhere | ELSE-1 .. ELSE-3 | none |
//!
//! Each project has states Backlog, Todo (default), In Progress, Done, Cancelled and labels
//! bug, feature, chore.
//!
//! Properties of DEMO's "Task" (display name → `name`, kind, notes):
//!
//! | Display name | name | Kind | Required | Notes |
//! |---|---|---|---|---|
//! | Summary | `summary` | TEXT single-line | **yes** | |
//! | Notes | `notes` | TEXT multi-line | no | |
//! | Legacy ID | `legacy-id` | TEXT readonly | no | |
//! | Story Points | `story-points` | DECIMAL | no | |
//! | Customer Facing | `customer-facing` | BOOLEAN | no | |
//! | Due Date | `due-date` | DATETIME | no | `display_format` "MMM dd, yyyy" |
//! | Severity | `severity` | OPTION single | **yes** | Critical, High, Medium (default), Low, Legacy (inactive) |
//! | Platforms | `platforms` | OPTION multi | no | Web, iOS, Android, Desktop |
//! | Reviewer | `reviewer` | RELATION USER single | no | |
//! | Watchers | `watchers` | RELATION USER multi | no | |
//! | Duplicate Of | `duplicate-of` | RELATION ISSUE single | no | |
//! | Spec Link | `spec-link` | URL | no | |
//! | Contact Email | `contact-email` | EMAIL | no | |
//! | Attachment | `attachment` | FILE | no | |
//! | Effort Score | `effort-score` | FORMULA | no | read-only, references Story Points |
//! | Target Release | `target-release` | RELATION RELEASE | no | refused by the value endpoint |
//! | Old Estimate | `old-estimate` | DECIMAL | no | inactive: hidden from the schema |
//!
//! SHIP's "Task" carries DEMO's Task property set (ids `seed_id("property", "SHIP/<Display
//! name>")`, options `seed_id("option", "SHIP/<Display name>/<Name>")`), with values by DEMO's
//! rules on each Task item; its "Bug" has Severity, Found In and Reproducible ([`ship`]).
//!
//! Properties of DOCS's "Page": Audience (`audience`, OPTION single: Internal, Public) and
//! Reviewed (`reviewed`, BOOLEAN); DOCS-1 has Audience Internal and Reviewed true.
//!
//! Properties of OPS's "Incident": Impact (`impact`, OPTION single, **required**: Low, Medium,
//! High), On Call (`on-call`, RELATION USER), Postmortem (`postmortem`, URL), Customers Affected
//! (`customers-affected`, DECIMAL).
//!
//! DEMO items carry varied values computed from their number: most have a Summary and a
//! Severity, about half have Story Points, some have none of the optional ones. DEMO-50,
//! DEMO-100, ... lack the required Summary (required is only checked on writes).
//!
//! DEMO also has an epic type, "Epic" (`is_epic`, not default, active), owning one property,
//! Theme (`theme`, TEXT single-line), and four work items Plane's v1 item endpoint does not see
//! (`GET .../work-items/{id}/` answers 404 and the project list leaves them out, so DEMO's
//! `total_count` stays 250):
//!
//! | Item | Name | Kind | Type | Values |
//! |---|---|---|---|---|
//! | DEMO-251 | Onboarding revamp | epic | Epic | Theme "Activation" |
//! | DEMO-252 | Retire the legacy importer | archived (`archived_at` 2026-03-02) | Task | Summary |
//! | DEMO-253 | Customer asks for a CSV export of audit logs | intake: state Triage, intake record pending (-2) | Task | none |
//! | DEMO-254 | Draft: offline mode for the mobile app | draft (`is_draft`) | Task | none |
//!
//! `GET /workspaces/demo/work-items/DEMO-N/` finds DEMO-251, DEMO-253 and DEMO-254, never
//! DEMO-252. DEMO's intake is on (`intake_view`); its only state of the `triage` group, Triage,
//! holds DEMO-253.
//!
//! Workspace `grid` manages its types at the workspace level: the type "Story"
//! (`seed_id("type", "grid/Story")`, no project, linked to GRID as its default) and three
//! workspace-owned properties (project and type null, linked to Story in this order):
//!
//! | Display name | name | Kind | Options | Values |
//! |---|---|---|---|---|
//! | Estimate | `estimate` | DECIMAL | | GRID-1 .. GRID-5: 3, 5, 8, 1.5, 13 |
//! | Stage | `stage` | OPTION single | Discovery (default), Build, Ship | GRID-1 .. GRID-5: Discovery, Build, Ship, Build, Discovery |
//! | Owner | `owner` | RELATION USER single | | GRID-1, GRID-3, GRID-5: priya |
//!
//! (ids `seed_id("property", "grid/<Display name>")`, `seed_id("option", "grid/Stage/<Name>")`).

mod ship;

use crate::clock::micros_at;
use crate::error::ApiError;
use crate::ids::seed_id;
use crate::store::records::{
    IntakeRecord, OptionRecord, PropertyRecord, StoredValue, TypesMode, ValueOwner, ValueRecord,
};
use plane_inline_core::property::{PropertyType, RelationType};
use rusqlite::{Transaction, params};
use serde_json::{Value, json};

/// Which data set to start from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// The demo workspace documented in this module.
    Demo,
    /// Only the workspace and the key's owner.
    Empty,
}

impl Seed {
    /// The name used on the command line and in `/_sandbox/reset`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Demo => "demo",
            Self::Empty => "empty",
        }
    }

    /// Reads `demo` or `empty`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "demo" => Some(Self::Demo),
            "empty" => Some(Self::Empty),
            _ => None,
        }
    }
}

/// The workspace slug of both seeds.
pub const WORKSPACE_SLUG: &str = "demo";

/// The id of the API key's owner (Priya Patel), who `users/me` returns.
pub fn owner_id() -> String {
    seed_id("user", "priya")
}

struct Person {
    key: &'static str,
    first: &'static str,
    last: &'static str,
    email: &'static str,
    /// Role in workspace `demo` (`None`: not a member).
    role: Option<i64>,
    /// False for a member deactivated in `demo`.
    active: bool,
    bot: bool,
}

const PEOPLE: [Person; 8] = [
    Person {
        key: "priya",
        first: "Priya",
        last: "Patel",
        email: "priya.patel@example.com",
        role: Some(20),
        active: true,
        bot: false,
    },
    Person {
        key: "sam",
        first: "Sam",
        last: "Rivera",
        email: "sam.rivera@example.com",
        role: Some(15),
        active: true,
        bot: false,
    },
    Person {
        key: "lee",
        first: "Lee",
        last: "Chen",
        email: "lee.chen@example.com",
        role: Some(15),
        active: true,
        bot: false,
    },
    Person {
        key: "jo",
        first: "Jo",
        last: "Müller",
        email: "jo.muller@example.com",
        role: Some(5),
        active: true,
        bot: false,
    },
    Person {
        key: "dana",
        first: "Dana",
        last: "Kim",
        email: "dana.kim@example.com",
        role: Some(15),
        active: true,
        bot: false,
    },
    Person {
        key: "olu",
        first: "Olu",
        last: "Mensah",
        email: "olu.mensah@example.com",
        role: None,
        active: true,
        bot: false,
    },
    Person {
        key: "rui",
        first: "Rui",
        last: "Costa",
        email: "rui.costa@example.com",
        role: Some(15),
        active: false,
        bot: false,
    },
    Person {
        key: "plane-bot",
        first: "Plane",
        last: "Bot",
        email: "plane-bot@example.com",
        role: Some(15),
        active: true,
        bot: true,
    },
];

/// Applies the seed inside the transaction (the caller empties the tables first if needed).
pub fn apply(tx: &Transaction<'_>, seed: Seed) -> Result<(), ApiError> {
    let mut seeder = Seeder {
        tx,
        owner: owner_id(),
    };
    seeder.users(seed)?;
    if seed == Seed::Demo {
        seeder.demo()?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('seed', ?1)",
        [seed.as_str()],
    )?;
    Ok(())
}

/// Which seed the database holds, if it was ever seeded.
pub fn current(conn: &rusqlite::Connection) -> Result<Option<String>, ApiError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'seed'", [], |r| {
            r.get(0)
        })
        .optional()?)
}

struct Seeder<'a, 'c> {
    tx: &'a Transaction<'c>,
    owner: String,
}

/// A deterministic pseudo-random number for item `n` and a salt (splitmix64).
fn mix(n: u64, salt: u64) -> u64 {
    let mut z = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A deterministic choice among constant, non-empty seed lists.
fn pick<T: Copy>(items: &[T], n: u64, salt: u64) -> T {
    items[(mix(n, salt) % items.len() as u64) as usize]
}

struct ProjectSeed {
    workspace: &'static str,
    identifier: &'static str,
    name: &'static str,
    description: &'static str,
    members: &'static [&'static str],
    /// Project roles that differ from the member's workspace role.
    roles: &'static [(&'static str, i64)],
    items: u64,
    type_name: Option<&'static str>,
    intake_view: bool,
}

const PROJECTS: [ProjectSeed; 7] = [
    ProjectSeed {
        workspace: "demo",
        identifier: "DEMO",
        name: "Demo",
        description: "Everything Plane Inline edits, one property of each kind.",
        members: &["priya", "sam", "lee", "jo"],
        roles: &[],
        items: 250,
        type_name: Some("Task"),
        intake_view: true,
    },
    ProjectSeed {
        workspace: "demo",
        identifier: "OPS",
        name: "Operations",
        description: "Incidents, with a type of their own.",
        members: &["priya", "sam", "dana"],
        roles: &[],
        items: 12,
        type_name: Some("Incident"),
        intake_view: false,
    },
    ProjectSeed {
        workspace: "demo",
        identifier: "DOCS",
        name: "Docs",
        description: "Pages of documentation, where the key's owner is a guest.",
        members: &["sam", "priya", "lee"],
        roles: &[("sam", 20), ("priya", 5)],
        items: 5,
        type_name: Some("Page"),
        intake_view: false,
    },
    ProjectSeed {
        workspace: "demo",
        identifier: "SHIP",
        name: "Shipping",
        description: "Three hundred shipments: tasks with DEMO's properties, and bugs.",
        members: &["priya", "sam", "lee"],
        roles: &[],
        items: ship::ITEMS,
        type_name: Some("Task"),
        intake_view: false,
    },
    ProjectSeed {
        workspace: "free",
        identifier: "FREE",
        name: "Free Plan",
        description: "A project of a workspace whose plan lacks custom properties.",
        members: &["priya"],
        roles: &[],
        items: 5,
        type_name: None,
        intake_view: false,
    },
    ProjectSeed {
        workspace: "grid",
        identifier: "GRID",
        name: "Grid",
        description: "Stories typed at the workspace level (Enterprise Grid).",
        members: &["priya"],
        roles: &[],
        items: 20,
        type_name: None,
        intake_view: false,
    },
    ProjectSeed {
        workspace: "elsewhere",
        identifier: "ELSE",
        name: "Elsewhere",
        description: "Another workspace, out of the key owner's reach.",
        members: &["olu"],
        roles: &[],
        items: 3,
        type_name: None,
        intake_view: false,
    },
];

const STATES: [(&str, &str, &str); 5] = [
    ("Backlog", "backlog", "#a3a3a3"),
    ("Todo", "unstarted", "#3a3a3a"),
    ("In Progress", "started", "#f59e0b"),
    ("Done", "completed", "#16a34a"),
    ("Cancelled", "cancelled", "#ef4444"),
];

const LABELS: [(&str, &str); 3] = [
    ("bug", "#e5484d"),
    ("feature", "#3e63dd"),
    ("chore", "#8d8d8d"),
];

const VERBS: [&str; 8] = [
    "Fix",
    "Add",
    "Refactor",
    "Document",
    "Investigate",
    "Improve",
    "Remove",
    "Migrate",
];
const TOPICS: [&str; 15] = [
    "login flow",
    "billing page",
    "search index",
    "CSV export",
    "dark mode",
    "email digest",
    "API pagination",
    "onboarding tour",
    "audit log",
    "webhook retries",
    "SSO settings",
    "mobile layout",
    "rate limiter",
    "notification center",
    "file uploads",
];
const PRIORITIES: [&str; 5] = ["urgent", "high", "medium", "low", "none"];

/// A property of the seed: display name, kind, relation, required, multi, active, settings.
struct PropertySeed {
    display: &'static str,
    kind: PropertyType,
    relation: Option<RelationType>,
    required: bool,
    multi: bool,
    active: bool,
    /// The settings, given the key of the place it is seeded in (`DEMO`, `SHIP`).
    settings: fn(&str) -> Value,
    options: &'static [&'static str],
}

/// Where seeded properties live: their id key (`DEMO`, `grid`), workspace, project and type
/// (none for workspace-owned ones), and the noun of their descriptions.
struct Place<'p> {
    key: &'p str,
    workspace_id: String,
    project_id: Option<String>,
    type_id: Option<String>,
    noun: &'p str,
}

fn no_settings(_: &str) -> Value {
    json!({})
}

fn demo_properties() -> Vec<PropertySeed> {
    let p = |display, kind, relation, required, multi, settings: fn(&str) -> Value, options| {
        PropertySeed {
            display,
            kind,
            relation,
            required,
            multi,
            active: true,
            settings,
            options,
        }
    };
    let mut list = vec![
        p(
            "Summary",
            PropertyType::Text,
            None,
            true,
            false,
            |_| json!({"display_format": "single-line"}),
            &[],
        ),
        p(
            "Notes",
            PropertyType::Text,
            None,
            false,
            false,
            |_| json!({"display_format": "multi-line"}),
            &[],
        ),
        p(
            "Legacy ID",
            PropertyType::Text,
            None,
            false,
            false,
            |_| json!({"display_format": "readonly"}),
            &[],
        ),
        p(
            "Story Points",
            PropertyType::Decimal,
            None,
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Customer Facing",
            PropertyType::Boolean,
            None,
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Due Date",
            PropertyType::DateTime,
            None,
            false,
            false,
            |_| json!({"display_format": "MMM dd, yyyy"}),
            &[],
        ),
        p(
            "Severity",
            PropertyType::Option,
            None,
            true,
            false,
            no_settings,
            &["Critical", "High", "Medium", "Low", "Legacy"],
        ),
        p(
            "Platforms",
            PropertyType::Option,
            None,
            false,
            true,
            no_settings,
            &["Web", "iOS", "Android", "Desktop"],
        ),
        p(
            "Reviewer",
            PropertyType::Relation,
            Some(RelationType::User),
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Watchers",
            PropertyType::Relation,
            Some(RelationType::User),
            false,
            true,
            no_settings,
            &[],
        ),
        p(
            "Duplicate Of",
            PropertyType::Relation,
            Some(RelationType::Issue),
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Spec Link",
            PropertyType::Url,
            None,
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Contact Email",
            PropertyType::Email,
            None,
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Attachment",
            PropertyType::File,
            None,
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Effort Score",
            PropertyType::Formula,
            None,
            false,
            false,
            |key| json!({"referenced_properties": [seed_id("property", &format!("{key}/Story Points"))]}),
            &[],
        ),
        p(
            "Target Release",
            PropertyType::Relation,
            Some(RelationType::Release),
            false,
            false,
            no_settings,
            &[],
        ),
        p(
            "Old Estimate",
            PropertyType::Decimal,
            None,
            false,
            false,
            no_settings,
            &[],
        ),
    ];
    if let Some(last) = list.last_mut() {
        last.active = false;
    }
    list
}

fn ops_properties() -> Vec<PropertySeed> {
    vec![
        PropertySeed {
            display: "Impact",
            kind: PropertyType::Option,
            relation: None,
            required: true,
            multi: false,
            active: true,
            settings: no_settings,
            options: &["Low", "Medium", "High"],
        },
        PropertySeed {
            display: "On Call",
            kind: PropertyType::Relation,
            relation: Some(RelationType::User),
            required: false,
            multi: false,
            active: true,
            settings: no_settings,
            options: &[],
        },
        PropertySeed {
            display: "Postmortem",
            kind: PropertyType::Url,
            relation: None,
            required: false,
            multi: false,
            active: true,
            settings: no_settings,
            options: &[],
        },
        PropertySeed {
            display: "Customers Affected",
            kind: PropertyType::Decimal,
            relation: None,
            required: false,
            multi: false,
            active: true,
            settings: no_settings,
            options: &[],
        },
    ]
}

impl Seeder<'_, '_> {
    fn users(&mut self, seed: Seed) -> Result<(), ApiError> {
        let people: &[Person] = if seed == Seed::Demo {
            &PEOPLE
        } else {
            &PEOPLE[..1]
        };
        for person in people {
            self.tx.execute(
                "INSERT OR IGNORE INTO users (id, first_name, last_name, email, display_name, avatar, \
                 is_bot) VALUES (?1, ?2, ?3, ?4, ?5, '', ?6)",
                params![seed_id("user", person.key), person.first, person.last, person.email, person.key, person.bot],
            )?;
        }
        self.workspace(
            "demo",
            "Plane Inline Demo",
            &self.owner.clone(),
            true,
            TypesMode::Project,
        )?;
        for person in people {
            if let Some(role) = person.role {
                self.tx.execute(
                    "INSERT OR IGNORE INTO workspace_members (workspace_id, user_id, role, is_active) \
                     VALUES (?1, ?2, ?3, ?4)",
                    params![seed_id("workspace", "demo"), seed_id("user", person.key), role, person.active],
                )?;
            }
        }
        Ok(())
    }

    /// A workspace; `custom_properties` is its plan's gate (false: 402 for every project of it)
    /// and `types_mode` where it manages its types.
    fn workspace(
        &self,
        slug: &str,
        name: &str,
        owner: &str,
        custom_properties: bool,
        types_mode: TypesMode,
    ) -> Result<(), ApiError> {
        self.tx.execute(
            "INSERT OR IGNORE INTO workspaces (id, slug, name, owner_id, custom_properties, \
             types_mode) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                seed_id("workspace", slug),
                slug,
                name,
                owner,
                custom_properties,
                types_mode.as_str()
            ],
        )?;
        Ok(())
    }

    /// Adds a workspace member with a role (20 admin, 15 member, 5 guest).
    fn member(&self, slug: &str, user: &str, role: i64) -> Result<(), ApiError> {
        self.tx.execute(
            "INSERT OR IGNORE INTO workspace_members (workspace_id, user_id, role) VALUES (?1, ?2, ?3)",
            params![seed_id("workspace", slug), seed_id("user", user), role],
        )?;
        Ok(())
    }

    fn demo(&mut self) -> Result<(), ApiError> {
        let olu = seed_id("user", "olu");
        self.workspace("elsewhere", "Elsewhere", &olu, true, TypesMode::Project)?;
        self.member("elsewhere", "olu", 20)?;
        self.workspace("free", "Free Plan", &self.owner, false, TypesMode::Project)?;
        self.member("free", "priya", 20)?;
        self.workspace(
            "grid",
            "Grid Workspace",
            &self.owner,
            true,
            TypesMode::Workspace,
        )?;
        self.member("grid", "priya", 20)?;
        let project_created = micros_at(2025, 12, 1, 9, 0);
        for (index, project) in PROJECTS.iter().enumerate() {
            self.project(project, project_created + index as i64 * 3_600_000_000)?;
        }
        self.properties("DEMO", &demo_properties())?;
        self.properties("OPS", &ops_properties())?;
        self.demo_values()?;
        self.ops_values()?;
        self.demo_kinds(project_created)?;
        self.ship(project_created)?;
        self.grid()?;
        self.members_and_roles()?;
        Ok(())
    }

    /// Rui Costa, deactivated in `demo` but still a project member of DEMO and the Reviewer of
    /// DEMO-3; project DOCS, where the key's owner is a guest, with its properties and DOCS-1's
    /// values.
    fn members_and_roles(&self) -> Result<(), ApiError> {
        self.tx.execute(
            "INSERT OR IGNORE INTO project_members (project_id, user_id, role) VALUES (?1, ?2, 15)",
            params![seed_id("project", "DEMO"), seed_id("user", "rui")],
        )?;
        let text = |s: String| StoredValue {
            text: Some(s),
            ..StoredValue::default()
        };
        self.value("DEMO", 3, "Reviewer", &[text(seed_id("user", "rui"))])?;
        self.properties(
            "DOCS",
            &[
                PropertySeed {
                    display: "Audience",
                    kind: PropertyType::Option,
                    relation: None,
                    required: false,
                    multi: false,
                    active: true,
                    settings: no_settings,
                    options: &["Internal", "Public"],
                },
                PropertySeed {
                    display: "Reviewed",
                    kind: PropertyType::Boolean,
                    relation: None,
                    required: false,
                    multi: false,
                    active: true,
                    settings: no_settings,
                    options: &[],
                },
            ],
        )?;
        self.value(
            "DOCS",
            1,
            "Audience",
            &[text(seed_id("option", "DOCS/Audience/Internal"))],
        )?;
        self.value(
            "DOCS",
            1,
            "Reviewed",
            &[StoredValue {
                boolean: Some(true),
                ..StoredValue::default()
            }],
        )
    }

    /// DEMO's epic type and the four items Plane's v1 item endpoint does not see: the epic
    /// DEMO-251, archived DEMO-252, intake DEMO-253 and draft DEMO-254.
    fn demo_kinds(&self, project_created: i64) -> Result<(), ApiError> {
        let project_id = seed_id("project", "DEMO");
        let workspace_id = seed_id("workspace", "demo");
        let epic_type = seed_id("type", "DEMO/Epic");
        self.tx.execute(
            "INSERT OR IGNORE INTO work_item_types (id, workspace_id, project_id, name, description, \
             is_default, is_active, is_epic, level, logo_props, created_by, created_at, updated_at) \
             VALUES (?1, ?2, ?3, 'Epic', 'Large bodies of work that group tasks.', 0, 1, 1, 0, ?4, ?5, ?6, ?6)",
            params![
                epic_type,
                workspace_id,
                project_id,
                json!({"in_use": "icon", "icon": {"name": "Mountain", "color": "#ffffff", "background_color": "#8e4ec6"}}).to_string(),
                self.owner,
                project_created + 60_000_000,
            ],
        )?;
        self.type_properties(
            "DEMO",
            "Epic",
            &[PropertySeed {
                display: "Theme",
                kind: PropertyType::Text,
                relation: None,
                required: false,
                multi: false,
                active: true,
                settings: |_| json!({"display_format": "single-line"}),
                options: &[],
            }],
        )?;
        let task = seed_id("type", "DEMO/Task");
        let todo = seed_id("state", "DEMO/Todo");
        let triage = seed_id("state", "DEMO/Triage");
        // (number, name, type, state, archived on, draft)
        let kinds = [
            (251, "Onboarding revamp", &epic_type, &todo, None, false),
            (
                252,
                "Retire the legacy importer",
                &task,
                &todo,
                Some("2026-03-02"),
                false,
            ),
            (
                253,
                "Customer asks for a CSV export of audit logs",
                &task,
                &triage,
                None,
                false,
            ),
            (
                254,
                "Draft: offline mode for the mobile app",
                &task,
                &todo,
                None,
                true,
            ),
        ];
        for (n, name, type_id, state_id, archived_at, is_draft) in kinds {
            let archived_at: Option<&str> = archived_at;
            let n: u64 = n;
            let created = project_created + 86_400_000_000 * 30 + n as i64 * 37 * 60_000_000;
            self.tx.execute(
                "INSERT OR IGNORE INTO work_items (id, workspace_id, project_id, sequence_id, name, \
                 description_html, priority, state_id, type_id, parent_id, sort_order, created_by, \
                 created_at, updated_at, archived_at, is_draft) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'medium', ?7, ?8, NULL, ?9, ?10, ?11, ?11, ?12, ?13)",
                params![
                    seed_id("work_item", &format!("DEMO-{n}")),
                    workspace_id,
                    project_id,
                    n as i64,
                    name,
                    format!("<p>{name}.</p>"),
                    state_id,
                    type_id,
                    n as f64 * 1000.0,
                    self.owner,
                    created,
                    archived_at,
                    is_draft
                ],
            )?;
        }
        let text = |s: &str| StoredValue {
            text: Some(s.to_owned()),
            ..StoredValue::default()
        };
        self.value("DEMO", 251, "Theme", &[text("Activation")])?;
        self.value(
            "DEMO",
            252,
            "Summary",
            &[text(
                "Retire the legacy importer: archived after the migration",
            )],
        )?;
        let intake_created = project_created + 86_400_000_000 * 60;
        IntakeRecord {
            id: seed_id("intake_issue", "DEMO-253"),
            intake_id: seed_id("intake", "DEMO"),
            workspace_id,
            project_id,
            work_item_id: seed_id("work_item", "DEMO-253"),
            status: -2,
            source: Some("IN_APP".to_owned()),
            created_by: Some(self.owner.clone()),
            created_at: intake_created,
            updated_at: intake_created,
        }
        .insert(self.tx)
    }

    fn project(&self, p: &ProjectSeed, created: i64) -> Result<(), ApiError> {
        let id = seed_id("project", p.identifier);
        let workspace_id = seed_id("workspace", p.workspace);
        let lead = seed_id("user", p.members.first().copied().unwrap_or("priya"));
        let default_state = seed_id("state", &format!("{}/Todo", p.identifier));
        self.tx.execute(
            "INSERT OR IGNORE INTO projects (id, workspace_id, identifier, name, description, \
             lead_id, default_state_id, created_by, created_at, updated_at, sort_order, intake_view) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10, ?11)",
            params![id, workspace_id, p.identifier, p.name, p.description, lead, default_state, lead, created, 65_535.0, p.intake_view],
        )?;
        for member in p.members {
            let role = p
                .roles
                .iter()
                .find(|(key, _)| key == member)
                .map(|(_, role)| *role)
                .or_else(|| {
                    PEOPLE
                        .iter()
                        .find(|x| x.key == *member)
                        .and_then(|x| x.role)
                })
                .unwrap_or(20);
            self.tx.execute(
                "INSERT OR IGNORE INTO project_members (project_id, user_id, role) VALUES (?1, ?2, ?3)",
                params![id, seed_id("user", member), role],
            )?;
        }
        for (i, (name, group, color)) in STATES.iter().enumerate() {
            self.tx.execute(
                "INSERT OR IGNORE INTO states (id, project_id, name, color, state_group, sequence, is_default) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![seed_id("state", &format!("{}/{name}", p.identifier)), id, name, color, group, (i as f64 + 1.0) * 15_000.0, *name == "Todo"],
            )?;
        }
        if p.intake_view {
            // Plane puts intake items in a state of the `triage` group (Community Edition's
            // `DEFAULT_STATES` and intake view), hidden from the project's state lists.
            self.tx.execute(
                "INSERT OR IGNORE INTO states (id, project_id, name, color, state_group, sequence, is_default) \
                 VALUES (?1, ?2, 'Triage', '#4E5355', 'triage', 65000, 0)",
                params![seed_id("state", &format!("{}/Triage", p.identifier)), id],
            )?;
        }
        for (name, color) in LABELS {
            self.tx.execute(
                "INSERT OR IGNORE INTO labels (id, project_id, name, color) VALUES (?1, ?2, ?3, ?4)",
                params![seed_id("label", &format!("{}/{name}", p.identifier)), id, name, color],
            )?;
        }
        let type_id = match p.type_name {
            Some(type_name) => {
                let type_id = seed_id("type", &format!("{}/{type_name}", p.identifier));
                self.tx.execute(
                    "INSERT OR IGNORE INTO work_item_types (id, workspace_id, project_id, name, description, \
                     is_default, is_active, is_epic, level, logo_props, created_by, created_at, updated_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5, 1, 1, 0, 0, ?6, ?7, ?8, ?8)",
                    params![
                        type_id,
                        workspace_id,
                        id,
                        type_name,
                        format!("The default work item type of {}.", p.name),
                        json!({"in_use": "icon", "icon": {"name": "Layers", "color": "#ffffff", "background_color": "#3e63dd"}}).to_string(),
                        lead,
                        created,
                    ],
                )?;
                Some(type_id)
            }
            None => None,
        };
        for n in 1..=p.items {
            self.work_item(p, &id, &workspace_id, type_id.as_deref(), n, created)?;
        }
        Ok(())
    }

    fn work_item(
        &self,
        p: &ProjectSeed,
        project_id: &str,
        workspace_id: &str,
        type_id: Option<&str>,
        n: u64,
        project_created: i64,
    ) -> Result<(), ApiError> {
        let id = seed_id("work_item", &format!("{}-{n}", p.identifier));
        let name = match p.identifier {
            "OPS" => format!("Incident: {} degraded", pick(&TOPICS, n, 11)),
            "DOCS" => format!("Write the {} guide", pick(&TOPICS, n, 16)),
            "SHIP" => ship::name(n),
            _ => format!("{} {}", pick(&VERBS, n, 1), pick(&TOPICS, n, 2)),
        };
        let state_name = pick(&STATES, n, 3).0;
        let state = seed_id("state", &format!("{}/{state_name}", p.identifier));
        let created = project_created + 86_400_000_000 * 30 + n as i64 * 37 * 60_000_000;
        let start = n
            .is_multiple_of(3)
            .then(|| format!("2026-{:02}-{:02}", 1 + n % 6, 1 + n % 27));
        let target = n
            .is_multiple_of(4)
            .then(|| format!("2026-{:02}-{:02}", 7 + n % 6, 1 + n % 27));
        let description = format!("<p>{name}. Seeded work item {}-{n}.</p>", p.identifier);
        let creator = seed_id("user", p.members.first().copied().unwrap_or("priya"));
        self.tx.execute(
            "INSERT OR IGNORE INTO work_items (id, workspace_id, project_id, sequence_id, name, \
             description_html, priority, state_id, type_id, parent_id, start_date, target_date, \
             sort_order, created_by, created_at, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, NULL, ?10, ?11, ?12, ?13, ?14, ?14)",
            params![
                id,
                workspace_id,
                project_id,
                n as i64,
                name,
                description,
                pick(&PRIORITIES, n, 4),
                state,
                type_id,
                start,
                target,
                n as f64 * 1000.0,
                creator,
                created
            ],
        )?;
        if n.is_multiple_of(2) {
            let assignee = pick(p.members, n, 5);
            self.tx.execute(
                "INSERT OR IGNORE INTO work_item_assignees (work_item_id, user_id) VALUES (?1, ?2)",
                params![id, seed_id("user", assignee)],
            )?;
        }
        if n % 3 != 1 {
            let label = pick(&LABELS, n, 6).0;
            self.tx.execute(
                "INSERT OR IGNORE INTO work_item_labels (work_item_id, label_id) VALUES (?1, ?2)",
                params![id, seed_id("label", &format!("{}/{label}", p.identifier))],
            )?;
        }
        Ok(())
    }

    fn properties(&self, identifier: &str, list: &[PropertySeed]) -> Result<(), ApiError> {
        let project = PROJECTS.iter().find(|p| p.identifier == identifier);
        let type_name = project.and_then(|p| p.type_name).unwrap_or("Task");
        self.type_properties(identifier, type_name, list)
    }

    /// Properties of the type `type_name` of project `identifier`.
    fn type_properties(
        &self,
        identifier: &str,
        type_name: &str,
        list: &[PropertySeed],
    ) -> Result<(), ApiError> {
        self.keyed_type_properties(identifier, identifier, type_name, list)
    }

    /// Properties of the type `type_name` of project `identifier`, their ids (and their
    /// options') made from `key` (`SHIP/Bug/Severity` beside `SHIP/Severity`).
    fn keyed_type_properties(
        &self,
        key: &str,
        identifier: &str,
        type_name: &str,
        list: &[PropertySeed],
    ) -> Result<(), ApiError> {
        let place = Place {
            key,
            workspace_id: seed_id("workspace", "demo"),
            project_id: Some(seed_id("project", identifier)),
            type_id: Some(seed_id("type", &format!("{identifier}/{type_name}"))),
            noun: "work item",
        };
        let created = micros_at(2025, 12, 2, 10, 0);
        for (i, seed) in list.iter().enumerate() {
            // Severity's default is Medium.
            let default = |_: usize, option: &str| option == "Medium" && seed.display == "Severity";
            self.property(&place, seed, i, created + i as i64 * 1_000_000, default)?;
        }
        Ok(())
    }

    /// Seeds one property of `place` with its options (an option named "Legacy" inactive, those
    /// `is_default` says are the default); `None` when it exists already.
    fn property(
        &self,
        place: &Place<'_>,
        seed: &PropertySeed,
        index: usize,
        created_at: i64,
        is_default: impl Fn(usize, &str) -> bool,
    ) -> Result<Option<PropertyRecord>, ApiError> {
        let id = seed_id("property", &format!("{}/{}", place.key, seed.display));
        let exists = self
            .tx
            .prepare_cached("SELECT 1 FROM properties WHERE id = ?1")?
            .exists([&id])?;
        if exists {
            return Ok(None);
        }
        let mut record = PropertyRecord {
            id: id.clone(),
            workspace_id: place.workspace_id.clone(),
            project_id: place.project_id.clone(),
            type_id: place.type_id.clone(),
            name: crate::slug::slugify(seed.display),
            display_name: seed.display.to_owned(),
            description: Some(format!("{} of the {}.", seed.display, place.noun)),
            logo_props: PropertyRecord::logo_for(&seed.kind, seed.relation.as_ref()),
            sort_order: (index as f64 + 1.0) * 10_000.0,
            property_type: seed.kind.clone(),
            relation_type: seed.relation.clone(),
            is_required: seed.required,
            default_value: json!([]),
            settings: (seed.settings)(place.key),
            is_active: seed.active,
            is_multi: seed.multi,
            validation_rules: json!({}),
            external_source: None,
            external_id: None,
            created_by: Some(self.owner.clone()),
            updated_by: Some(self.owner.clone()),
            created_at,
            updated_at: created_at,
        };
        for (j, option) in seed.options.iter().enumerate() {
            let option_id = seed_id(
                "option",
                &format!("{}/{}/{option}", place.key, seed.display),
            );
            let default = is_default(j, option);
            if default {
                record.default_value = json!([option_id]);
            }
            OptionRecord {
                id: option_id,
                workspace_id: record.workspace_id.clone(),
                project_id: record.project_id.clone(),
                property_id: id.clone(),
                name: (*option).to_owned(),
                description: String::new(),
                sort_order: (j as f64 + 1.0) * 10_000.0,
                logo_props: json!({}),
                is_active: *option != "Legacy",
                is_default: default,
                parent_id: None,
                external_source: None,
                external_id: None,
                created_by: Some(self.owner.clone()),
                updated_by: Some(self.owner.clone()),
                created_at: created_at + j as i64,
                updated_at: created_at + j as i64,
            }
            .insert(self.tx)?;
        }
        record.insert(self.tx)?;
        Ok(Some(record))
    }

    /// Values of property `property` (display name) of the project's own on `identifier`-`n`, in
    /// workspace `demo`.
    fn value(
        &self,
        identifier: &str,
        n: u64,
        property: &str,
        values: &[StoredValue],
    ) -> Result<(), ApiError> {
        self.value_in(
            "demo",
            identifier,
            n,
            &format!("{identifier}/{property}"),
            property,
            values,
        )
    }

    /// Values of the property with seed name `property_key` on `identifier`-`n` in workspace
    /// `slug`; `value_key` names the value rows.
    fn value_in(
        &self,
        slug: &str,
        identifier: &str,
        n: u64,
        property_key: &str,
        value_key: &str,
        values: &[StoredValue],
    ) -> Result<(), ApiError> {
        let work_item_id = seed_id("work_item", &format!("{identifier}-{n}"));
        let property_id = seed_id("property", property_key);
        let project_id = seed_id("project", identifier);
        let workspace_id = seed_id("workspace", slug);
        let owner = ValueOwner {
            workspace_id: &workspace_id,
            project_id: &project_id,
            work_item_id: &work_item_id,
            property_id: &property_id,
            user_id: &self.owner,
        };
        let when = micros_at(2026, 2, 1, 12, 0) + n as i64 * 60_000_000;
        for (k, value) in values.iter().enumerate() {
            let id = seed_id("value", &format!("{identifier}-{n}/{value_key}/{k}"));
            let exists = self.tx.query_row(
                "SELECT COUNT(*) FROM property_values WHERE id = ?1",
                [&id],
                |r| r.get::<_, i64>(0),
            )? > 0;
            if !exists {
                ValueRecord::insert_with_id(
                    self.tx,
                    &id,
                    owner,
                    value,
                    (None, None),
                    when + k as i64,
                )?;
            }
        }
        Ok(())
    }

    /// Workspace `grid` (Enterprise Grid, types managed at the workspace level): the workspace
    /// type "Story", linked to project GRID as its default, and three workspace-owned properties
    /// linked to it, with values on GRID-1 .. GRID-5.
    fn grid(&self) -> Result<(), ApiError> {
        let workspace_id = seed_id("workspace", "grid");
        let project_id = seed_id("project", "GRID");
        let story = seed_id("type", "grid/Story");
        let created = micros_at(2025, 12, 1, 15, 0);
        self.tx.execute(
            "INSERT OR IGNORE INTO work_item_types (id, workspace_id, project_id, name, description, \
             is_default, is_active, is_epic, level, logo_props, created_by, created_at, updated_at) \
             VALUES (?1, ?2, NULL, 'Story', 'Stories, typed once for the whole workspace.', 1, 1, 0, \
             0, ?3, ?4, ?5, ?5)",
            params![
                story,
                workspace_id,
                json!({"in_use": "icon", "icon": {"name": "BookOpen", "color": "#ffffff", "background_color": "#30a46c"}}).to_string(),
                self.owner,
                created,
            ],
        )?;
        self.tx.execute(
            "INSERT OR IGNORE INTO type_projects (type_id, project_id) VALUES (?1, ?2)",
            params![story, project_id],
        )?;
        self.tx.execute(
            "UPDATE work_items SET type_id = ?1 WHERE project_id = ?2",
            params![story, project_id],
        )?;
        let list = [
            PropertySeed {
                display: "Estimate",
                kind: PropertyType::Decimal,
                relation: None,
                required: false,
                multi: false,
                active: true,
                settings: no_settings,
                options: &[],
            },
            PropertySeed {
                display: "Stage",
                kind: PropertyType::Option,
                relation: None,
                required: false,
                multi: false,
                active: true,
                settings: no_settings,
                options: &["Discovery", "Build", "Ship"],
            },
            PropertySeed {
                display: "Owner",
                kind: PropertyType::Relation,
                relation: Some(RelationType::User),
                required: false,
                multi: false,
                active: true,
                settings: no_settings,
                options: &[],
            },
        ];
        let place = Place {
            key: "grid",
            workspace_id: workspace_id.clone(),
            project_id: None,
            type_id: None,
            noun: "story",
        };
        for (i, seed) in list.iter().enumerate() {
            // The first option is the default; the property reaches the type through its link.
            let when = created + (i as i64 + 1) * 1_000_000;
            if let Some(record) = self.property(&place, seed, i, when, |j, _| j == 0)? {
                self.tx.execute(
                    "INSERT OR IGNORE INTO type_properties (type_id, property_id, sort_order) \
                     VALUES (?1, ?2, ?3)",
                    params![story, record.id, record.sort_order],
                )?;
            }
        }
        let stages = ["Discovery", "Build", "Ship", "Build", "Discovery"];
        for n in 1..=5u64 {
            let estimate = StoredValue {
                number: Some([3.0, 5.0, 8.0, 1.5, 13.0][(n - 1) as usize]),
                ..StoredValue::default()
            };
            self.value_in("grid", "GRID", n, "grid/Estimate", "Estimate", &[estimate])?;
            let stage = StoredValue {
                text: Some(seed_id(
                    "option",
                    &format!("grid/Stage/{}", stages[(n - 1) as usize]),
                )),
                ..StoredValue::default()
            };
            self.value_in("grid", "GRID", n, "grid/Stage", "Stage", &[stage])?;
            if n % 2 == 1 {
                let owner = StoredValue {
                    text: Some(self.owner.clone()),
                    ..StoredValue::default()
                };
                self.value_in("grid", "GRID", n, "grid/Owner", "Owner", &[owner])?;
            }
        }
        Ok(())
    }

    fn demo_values(&self) -> Result<(), ApiError> {
        for n in 1..=250u64 {
            let name = format!("{} {}", pick(&VERBS, n, 1), pick(&TOPICS, n, 2));
            self.task_values("DEMO", n, &name, &["priya", "sam", "lee", "jo"])?;
        }
        Ok(())
    }

    /// Values of DEMO's Task property set on `identifier`-`n` (named `name`), varied by the
    /// number alone, so every project with the set follows the same rules; USER relations name
    /// `members`.
    fn task_values(
        &self,
        identifier: &str,
        n: u64,
        name: &str,
        members: &[&'static str],
    ) -> Result<(), ApiError> {
        let text = |s: String| StoredValue {
            text: Some(s),
            ..StoredValue::default()
        };
        let option = |prop: &str, name: &str| {
            text(seed_id("option", &format!("{identifier}/{prop}/{name}")))
        };
        let user = |key: &str| text(seed_id("user", key));
        let lower = identifier.to_lowercase();
        if !n.is_multiple_of(50) {
            self.value(
                identifier,
                n,
                "Summary",
                &[text(format!("{name}: scope and acceptance criteria"))],
            )?;
        }
        if n.is_multiple_of(3) {
            self.value(
                identifier,
                n,
                "Notes",
                &[text(format!(
                    "Context for {identifier}-{n}.\nSecond line of notes."
                ))],
            )?;
        }
        if n.is_multiple_of(2) {
            self.value(
                identifier,
                n,
                "Legacy ID",
                &[text(format!("LEG-{}", 1000 + n))],
            )?;
        }
        if n % 4 != 3 {
            let points = pick(&[1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 0.5], n, 7);
            self.value(
                identifier,
                n,
                "Story Points",
                &[StoredValue {
                    number: Some(points),
                    ..StoredValue::default()
                }],
            )?;
        }
        if n % 5 != 4 {
            self.value(
                identifier,
                n,
                "Customer Facing",
                &[StoredValue {
                    boolean: Some(n.is_multiple_of(2)),
                    ..StoredValue::default()
                }],
            )?;
        }
        if n % 3 != 2 {
            let (y, m, d) = crate::clock::civil_from_days(
                crate::clock::days_from_civil(2026, 1, 1) + (n as i64 * 3) % 180,
            );
            self.value(
                identifier,
                n,
                "Due Date",
                &[text(format!("{y:04}-{m:02}-{d:02}"))],
            )?;
        }
        if !n.is_multiple_of(40) {
            let severity = if n.is_multiple_of(37) {
                "Legacy"
            } else {
                pick(&["Critical", "High", "Medium", "Medium", "Low"], n, 8)
            };
            self.value(identifier, n, "Severity", &[option("Severity", severity)])?;
        }
        if n.is_multiple_of(2) {
            let all = ["Web", "iOS", "Android", "Desktop"];
            let chosen: Vec<StoredValue> = all
                .iter()
                .enumerate()
                .filter(|(i, _)| mix(n, 9 + *i as u64).is_multiple_of(2) || *i == (n % 4) as usize)
                .map(|(_, p)| option("Platforms", p))
                .collect();
            self.value(identifier, n, "Platforms", &chosen)?;
        }
        if !n.is_multiple_of(3) {
            self.value(identifier, n, "Reviewer", &[user(pick(members, n, 10))])?;
        }
        if n.is_multiple_of(4) {
            let first = pick(members, n, 12);
            let second = members
                .iter()
                .find(|m| **m != first)
                .copied()
                .unwrap_or("sam");
            self.value(identifier, n, "Watchers", &[user(first), user(second)])?;
        }
        if n.is_multiple_of(25) {
            self.value(
                identifier,
                n,
                "Duplicate Of",
                &[text(seed_id(
                    "work_item",
                    &format!("{identifier}-{}", n - 1),
                ))],
            )?;
        }
        if n.is_multiple_of(6) {
            self.value(
                identifier,
                n,
                "Spec Link",
                &[text(format!("https://docs.example.com/specs/{lower}-{n}"))],
            )?;
        }
        if n.is_multiple_of(7) {
            let email = pick(
                &[
                    "priya.patel@example.com",
                    "sam.rivera@example.com",
                    "lee.chen@example.com",
                    "jo.muller@example.com",
                ],
                n,
                13,
            );
            self.value(identifier, n, "Contact Email", &[text(email.to_owned())])?;
        }
        if n.is_multiple_of(10) {
            self.value(
                identifier,
                n,
                "Attachment",
                &[text(format!("{lower}-{n}-spec.pdf"))],
            )?;
        }
        if n.is_multiple_of(20) {
            self.value(
                identifier,
                n,
                "Old Estimate",
                &[StoredValue {
                    number: Some(3.0),
                    ..StoredValue::default()
                }],
            )?;
        }
        Ok(())
    }

    fn ops_values(&self) -> Result<(), ApiError> {
        for n in 1..=12u64 {
            let impact = pick(&["Low", "Medium", "High"], n, 14);
            let text = StoredValue {
                text: Some(seed_id("option", &format!("OPS/Impact/{impact}"))),
                ..StoredValue::default()
            };
            self.value("OPS", n, "Impact", &[text])?;
            if n % 2 == 1 {
                let on_call = StoredValue {
                    text: Some(seed_id("user", pick(&["sam", "dana"], n, 15))),
                    ..StoredValue::default()
                };
                self.value("OPS", n, "On Call", &[on_call])?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use std::path::Path;

    #[test]
    fn demo_seed_is_idempotent_and_complete() {
        let store = Store::open(Path::new(":memory:")).unwrap();
        store.write(|tx| apply(tx, Seed::Demo)).unwrap();
        store.write(|tx| apply(tx, Seed::Demo)).unwrap();
        let count = |sql: &str| {
            store
                .read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, i64>(0))?))
                .unwrap()
        };
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM work_items WHERE project_id IN (SELECT id FROM projects WHERE identifier = 'DEMO')"
            ),
            254
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM properties WHERE project_id IN (SELECT id FROM projects WHERE identifier = 'DEMO')"
            ),
            18
        );
        let ship = |sql: &str| {
            count(&sql.replace(
                "SHIP",
                "(SELECT id FROM projects WHERE identifier = 'SHIP')",
            ))
        };
        assert_eq!(
            ship("SELECT COUNT(*) FROM work_items WHERE project_id = SHIP"),
            300
        );
        assert_eq!(
            ship(
                "SELECT COUNT(*) FROM work_items WHERE project_id = SHIP AND type_id = (SELECT id FROM work_item_types WHERE name = 'Bug' AND project_id = SHIP)"
            ),
            30
        );
        assert_eq!(
            ship(
                "SELECT COUNT(*) FROM properties WHERE project_id = SHIP AND type_id = (SELECT id FROM work_item_types WHERE name = 'Task' AND project_id = SHIP)"
            ),
            17
        );
        assert_eq!(
            ship(
                "SELECT COUNT(*) FROM property_values WHERE work_item_id = (SELECT id FROM work_items WHERE project_id = SHIP AND sequence_id = 20)"
            ),
            3,
            "SHIP-20, a bug: Severity, Found In, Reproducible"
        );
        assert_eq!(
            ship(
                "SELECT role FROM project_members WHERE project_id = SHIP AND user_id = (SELECT id FROM users WHERE display_name = 'priya')"
            ),
            20
        );
        assert_eq!(
            count("SELECT COUNT(*) FROM intake_issues WHERE status = -2"),
            1
        );
        assert_eq!(
            count("SELECT COUNT(DISTINCT property_type) FROM properties"),
            10
        );
        assert!(count("SELECT COUNT(*) FROM property_values") > 1000);
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM workspace_members WHERE workspace_id = (SELECT id FROM workspaces WHERE slug = 'demo')"
            ),
            7
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM workspace_members WHERE is_active = 0 AND workspace_id = (SELECT id FROM workspaces WHERE slug = 'demo')"
            ),
            1
        );
        assert_eq!(
            count(
                "SELECT COUNT(*) FROM work_items WHERE type_id = (SELECT id FROM work_item_types WHERE name = 'Story' AND project_id IS NULL)"
            ),
            20
        );
        assert_eq!(count("SELECT COUNT(*) FROM type_properties"), 3);
        assert_eq!(store.read(current).unwrap().as_deref(), Some("demo"));
    }

    #[test]
    fn ids_are_stable() {
        assert_eq!(owner_id(), seed_id("user", "priya"));
        assert_eq!(seed_id("project", "DEMO"), seed_id("project", "DEMO"));
    }
}
