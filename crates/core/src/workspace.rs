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
    /// `false` for a deactivated member (Plane's current SDKs carry it; older servers do not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// `true` for a bot account (Plane's current SDKs carry it; older servers do not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_bot: Option<bool>,
}

impl Member {
    /// Whether a picker may offer this member: not deactivated, not a bot. Members listed
    /// without these fields (older servers) are offered.
    pub fn can_be_chosen(&self) -> bool {
        self.is_active != Some(false) && self.is_bot != Some(true)
    }

    /// Whether Plane says this member was deactivated (a value may still name them).
    pub fn is_former(&self) -> bool {
        self.is_active == Some(false)
    }

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
    /// The key owner's role in it: absent on servers that do not say, `Some(None)` when the
    /// owner is not a member (Plane's project detail annotates `member_role`).
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub member_role: Option<Option<i64>>,
}

impl Project {
    /// The `fields=` a listing of projects asks for, to find one by its identifier.
    pub const LIST_FIELDS: [&'static str; 3] = ["id", "name", "identifier"];
}

/// The lowest project role that may change work items: Plane's roles are 20 admin, 15 member,
/// 5 guest (older servers also had 10 viewer); writes need a member or admin.
pub const EDITING_ROLE: i64 = 15;

/// Reads a field that is present, even as `null`, as `Some`.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

/// What the key's owner may do with a project's property values.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Access {
    /// Change them (or the server did not say: Plane itself decides).
    #[default]
    Edit,
    /// Only read them: the owner's role (`None`: not a member of the project).
    View {
        /// The project role, when a member.
        role: Option<i64>,
    },
}

impl Project {
    /// What the key's owner may do here, from `member_role`.
    pub fn access(&self) -> Access {
        match self.member_role {
            None => Access::Edit,
            Some(Some(role)) if role >= EDITING_ROLE => Access::Edit,
            Some(role) => Access::View { role },
        }
    }
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

/// A work item as a table lists it: only the fields it asks the list endpoint for
/// ([`ListedWorkItem::FIELDS`], Plane's serializer names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedWorkItem {
    /// The work item's UUID.
    pub id: String,
    /// Its title.
    #[serde(default)]
    pub name: String,
    /// Its number within the project.
    #[serde(default)]
    pub sequence_id: Option<u32>,
    /// Its work item type's UUID (null when untyped).
    #[serde(default)]
    pub type_id: Option<String>,
}

impl ListedWorkItem {
    /// The `fields=` a listing asks for.
    pub const FIELDS: [&'static str; 4] = ["id", "name", "sequence_id", "type_id"];
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
    use serde_json::json;

    fn project(extra: serde_json::Value) -> Project {
        let mut body = json!({"id": "p", "name": "Docs", "identifier": "DOCS"});
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        serde_json::from_value(body).unwrap()
    }

    #[test]
    fn access_follows_the_project_role() {
        assert_eq!(project(json!({})).access(), Access::Edit, "not said");
        assert_eq!(project(json!({"member_role": 20})).access(), Access::Edit);
        assert_eq!(project(json!({"member_role": 15})).access(), Access::Edit);
        assert_eq!(
            project(json!({"member_role": 10})).access(),
            Access::View { role: Some(10) }
        );
        assert_eq!(
            project(json!({"member_role": 5})).access(),
            Access::View { role: Some(5) }
        );
        assert_eq!(
            project(json!({"member_role": null})).access(),
            Access::View { role: None },
            "not a member"
        );
    }

    #[test]
    fn pickers_leave_out_deactivated_members_and_bots() {
        let member = |extra: serde_json::Value| -> Member {
            let mut body = json!({"id": "u"});
            if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
                body.extend(extra.clone());
            }
            serde_json::from_value(body).unwrap()
        };
        assert!(
            member(json!({})).can_be_chosen(),
            "older servers say nothing"
        );
        assert!(member(json!({"is_active": true, "is_bot": false})).can_be_chosen());
        assert!(!member(json!({"is_active": false})).can_be_chosen());
        assert!(member(json!({"is_active": false})).is_former());
        assert!(!member(json!({"is_bot": true})).can_be_chosen());
        assert!(!member(json!({"is_bot": true})).is_former());
    }

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
            is_active: None,
            is_bot: None,
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
