//! Project SHIP ("Shipping") of workspace `demo`: 300 work items for a table to page through.
//! SHIP-1 .. SHIP-300 are of its default type "Task", which carries DEMO's Task property set
//! with DEMO's rules for values, except every tenth (SHIP-10, SHIP-20, ..., SHIP-300), of the
//! type "Bug" with three properties of its own (ids made from `SHIP/Bug/<Display name>`):
//!
//! | Display name | name | Kind | Options | Values |
//! |---|---|---|---|---|
//! | Severity | `severity` | OPTION single | Blocker, Major, Minor, Trivial | every bug but SHIP-100, SHIP-200, SHIP-300 |
//! | Found In | `found-in` | TEXT single-line | | every bug but every thirtieth: `v2.<n/10 mod 7>.<n mod 4>` |
//! | Reproducible | `reproducible` | BOOLEAN | | every bug but every fortieth: true on every twentieth, false on the others |

use super::{ApiError, PropertySeed, Seeder, StoredValue, no_settings, pick};
use crate::ids::seed_id;
use plane_inline_core::property::PropertyType;
use rusqlite::params;
use serde_json::json;

/// How many work items SHIP has.
pub(super) const ITEMS: u64 = 300;

/// Every how many items a bug comes.
const BUG_EVERY: u64 = 10;

/// What a shipment's work item does, and to what.
const VERBS: [&str; 6] = ["Book", "Pack", "Label", "Track", "Insure", "Return"];
const SHIPMENTS: [&str; 8] = [
    "pallets for Rotterdam",
    "parcels to Lisbon",
    "the Osaka container",
    "cold-chain crates",
    "the Nairobi freight",
    "customs papers for Santos",
    "the Oslo backorder",
    "samples to Austin",
];

/// SHIP-`n`'s name (words of its own, so searches for DEMO's names do not find SHIP items).
pub(super) fn name(n: u64) -> String {
    format!("{} {}", pick(&VERBS, n, 17), pick(&SHIPMENTS, n, 18))
}

/// The Bug type's properties.
fn bug_properties() -> [PropertySeed; 3] {
    let property = |display, kind, options| PropertySeed {
        display,
        kind,
        relation: None,
        required: false,
        multi: false,
        active: true,
        settings: no_settings,
        options,
    };
    [
        property(
            "Severity",
            PropertyType::Option,
            &["Blocker", "Major", "Minor", "Trivial"],
        ),
        PropertySeed {
            settings: |_| json!({"display_format": "single-line"}),
            ..property("Found In", PropertyType::Text, &[])
        },
        property("Reproducible", PropertyType::Boolean, &[]),
    ]
}

impl Seeder<'_, '_> {
    /// SHIP's types, properties and values (its work items were seeded with the projects, all
    /// of type Task): every tenth becomes a Bug.
    pub(super) fn ship(&self, project_created: i64) -> Result<(), ApiError> {
        let project_id = seed_id("project", "SHIP");
        let bug = seed_id("type", "SHIP/Bug");
        // A day after the project and its default type Task (projects come an hour apart).
        let index = super::PROJECTS
            .iter()
            .position(|p| p.identifier == "SHIP")
            .unwrap_or_default();
        let created = project_created + index as i64 * 3_600_000_000 + 86_400_000_000;
        self.tx.execute(
            "INSERT OR IGNORE INTO work_item_types (id, workspace_id, project_id, name, description, \
             is_default, is_active, is_epic, level, logo_props, created_by, created_at, updated_at) \
             VALUES (?1, ?2, ?3, 'Bug', 'Something that does not work as it should.', 0, 1, 0, 0, ?4, ?5, ?6, ?6)",
            params![
                bug,
                seed_id("workspace", "demo"),
                project_id,
                json!({"in_use": "icon", "icon": {"name": "Bug", "color": "#ffffff", "background_color": "#e5484d"}}).to_string(),
                self.owner,
                created,
            ],
        )?;
        self.tx.execute(
            "UPDATE work_items SET type_id = ?1 WHERE project_id = ?2 AND sequence_id % ?3 = 0",
            params![bug, project_id, BUG_EVERY as i64],
        )?;
        self.properties("SHIP", &super::demo_properties())?;
        self.keyed_type_properties("SHIP/Bug", "SHIP", "Bug", &bug_properties())?;
        for n in 1..=ITEMS {
            if n.is_multiple_of(BUG_EVERY) {
                self.bug_values(n)?;
            } else {
                self.task_values("SHIP", n, &name(n), &["priya", "sam", "lee"])?;
            }
        }
        Ok(())
    }

    /// The Bug properties' values of SHIP-`n`.
    fn bug_values(&self, n: u64) -> Result<(), ApiError> {
        let value = |property: &str, value: StoredValue| {
            self.value_in(
                "demo",
                "SHIP",
                n,
                &format!("SHIP/Bug/{property}"),
                &format!("Bug/{property}"),
                &[value],
            )
        };
        if !n.is_multiple_of(100) {
            let severity = pick(&["Blocker", "Major", "Major", "Minor", "Trivial"], n, 19);
            let option = seed_id("option", &format!("SHIP/Bug/Severity/{severity}"));
            value(
                "Severity",
                StoredValue {
                    text: Some(option),
                    ..StoredValue::default()
                },
            )?;
        }
        if !n.is_multiple_of(30) {
            value(
                "Found In",
                StoredValue {
                    text: Some(format!("v2.{}.{}", (n / 10) % 7, n % 4)),
                    ..StoredValue::default()
                },
            )?;
        }
        if !n.is_multiple_of(40) {
            value(
                "Reproducible",
                StoredValue {
                    boolean: Some(n.is_multiple_of(20)),
                    ..StoredValue::default()
                },
            )?;
        }
        Ok(())
    }
}
