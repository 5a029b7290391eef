//! Workspace-level objects as Plane returns them: users, members, projects, work items, types.

use serde::{Deserialize, Serialize};

/// The longest workspace slug Plane stores: `Workspace.slug` is a Django
/// `SlugField(max_length=48)` (makeplane/plane, `apps/api/plane/db/models/workspace.py`).
pub const MAX_SLUG_LEN: usize = 48;

/// Whether `text` can be a Plane workspace slug: 1 to [`MAX_SLUG_LEN`] ASCII letters, digits,
/// `-` and `_` (what Django's `SlugField` accepts).
pub fn is_workspace_slug(text: &str) -> bool {
    (1..=MAX_SLUG_LEN).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A person: `users/me/`, a workspace member, or a member option in a type schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The user's UUID; this is what a USER relation value refers to.
    pub id: String,
    /// Given name.
    #[serde(default)]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default)]
    pub last_name: Option<String>,
    /// Email address (may be hidden from non-admins).
    #[serde(default)]
    pub email: Option<String>,
    /// The name Plane shows.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Avatar image URL.
    #[serde(default)]
    pub avatar_url: Option<String>,
    /// Workspace role (5 guest, 15 member, 20 admin).
    #[serde(default)]
    pub role: Option<i64>,
}

impl Member {
    /// The best name to show: full name, display name, email, then id.
    pub fn label(&self) -> String {
        let full = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        [Some(full), self.display_name.clone(), self.email.clone()]
            .into_iter()
            .flatten()
            .find(|s| !s.trim().is_empty())
            .unwrap_or_else(|| self.id.clone())
    }

    /// Whether a picker's search for `query` finds this member: by full name, display name or
    /// email, case-insensitive; a blank query finds everyone.
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return true;
        }
        [
            Some(self.label()),
            self.display_name.clone(),
            self.email.clone(),
        ]
        .into_iter()
        .flatten()
        .any(|field| field.to_lowercase().contains(&query))
    }
}

/// A project, as the projects endpoints return it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project's UUID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The identifier prefix of its work items (`WEB`).
    pub identifier: String,
    /// Whether work item types are enabled in it.
    #[serde(default)]
    pub is_issue_type_enabled: Option<bool>,
}

/// A work item, with the fields Plane Inline reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkItem {
    /// The work item's UUID.
    pub id: String,
    /// Its title.
    #[serde(default)]
    pub name: String,
    /// Its number within the project.
    #[serde(default)]
    pub sequence_id: Option<u32>,
    /// The project's UUID.
    pub project: String,
    /// Its work item type's UUID (null when untyped).
    #[serde(default)]
    pub type_id: Option<String>,
    /// Its state's UUID.
    #[serde(default)]
    pub state: Option<String>,
    /// Its priority.
    #[serde(default)]
    pub priority: Option<String>,
}

/// A work item type, as the work-item-types endpoints return it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkItemType {
    /// The type's UUID.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is the project's default type.
    #[serde(default)]
    pub is_default: bool,
    /// Whether it is active.
    #[serde(default = "active")]
    pub is_active: bool,
    /// Whether it is an epic type.
    #[serde(default)]
    pub is_epic: bool,
}

fn active() -> bool {
    true
}

/// One hit of the work item search endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The work item's UUID.
    pub id: String,
    /// Its title.
    #[serde(default)]
    pub name: String,
    /// Its number within the project.
    #[serde(default)]
    pub sequence_id: Option<serde_json::Value>,
    /// The project's identifier prefix.
    #[serde(default, rename = "project__identifier")]
    pub project_identifier: Option<String>,
    /// The project's UUID.
    #[serde(default)]
    pub project_id: Option<String>,
}

/// The body of the search endpoint: `{"issues": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The hits.
    #[serde(default)]
    pub issues: Vec<SearchHit>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_match_by_name_display_name_or_email() {
        let member = Member {
            id: "u1".into(),
            first_name: Some("Ada".into()),
            last_name: Some("Lovelace".into()),
            email: Some("ada@example.com".into()),
            display_name: Some("ada.l".into()),
            avatar_url: None,
            role: None,
        };
        assert!(member.matches("love"));
        assert!(member.matches("ADA.L"));
        assert!(member.matches("example.com"));
        assert!(member.matches("  "));
        assert!(!member.matches("grace"));
    }

    #[test]
    fn slugs_are_django_slugs_of_at_most_48_characters() {
        for slug in ["acme", "a", "my-team_2", &"a".repeat(MAX_SLUG_LEN)] {
            assert!(is_workspace_slug(slug), "{slug}");
        }
        for slug in [
            "",
            "a/b",
            "a b",
            "é",
            "acme.io",
            &"a".repeat(MAX_SLUG_LEN + 1),
        ] {
            assert!(!is_workspace_slug(slug), "{slug}");
        }
    }
}
