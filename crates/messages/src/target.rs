//! Which work item a panel shows: its workspace and its identifier or ids.

use plane_inline_core::web_url::{Identifier, WorkItemLocation};
use plane_inline_core::work_item::WorkItemRef;
use serde::{Deserialize, Serialize};

/// The work item a panel is asked to show.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// The workspace slug.
    pub workspace: String,
    /// The work item in it.
    pub item: WorkItemRef,
}

impl Target {
    /// A work item by identifier, e.g. `Target::identifier("acme", "WEB-12")`; `None` when the
    /// text is not an identifier.
    pub fn identifier(workspace: &str, identifier: &str) -> Option<Self> {
        let identifier = identifier.trim().parse::<Identifier>().ok()?;
        Some(Self {
            workspace: workspace.to_owned(),
            item: WorkItemRef::Identifier { identifier },
        })
    }

    /// The work item a recognised web-app page shows.
    pub fn from_location(location: &WorkItemLocation) -> Option<Self> {
        Some(Self {
            workspace: location.workspace.clone(),
            item: WorkItemRef::from_location(location)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_read_with_core_and_round_trip_through_json() {
        let target = Target::identifier("acme", " web-12 ").unwrap();
        assert_eq!(target.item.to_string(), "WEB-12");
        let json = serde_json::to_string(&target).unwrap();
        assert_eq!(
            json,
            r#"{"workspace":"acme","item":{"by":"identifier","identifier":"WEB-12"}}"#
        );
        assert_eq!(serde_json::from_str::<Target>(&json).unwrap(), target);
        assert_eq!(Target::identifier("acme", "UTF8"), None);
    }
}
