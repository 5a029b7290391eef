//! Recognising Plane web-app URLs and work item identifiers such as `WEB-12`.
//!
//! Recognised pages (after an optional base path for self-hosted installs):
//! `/{slug}/browse/{PROJ}-{N}/`, `/{slug}/projects/{project}/issues/{id}`,
//! `/{slug}/projects/{project}/archives/issues/{id}`, `/{slug}/projects/{project}/epics/{id}`
//! and `/{slug}/projects/{project}/intake?...&inboxIssueId={id}`, with or without a trailing
//! slash, query or fragment.

use crate::value::canonical_uuid;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A work item's human identifier: project identifier and sequence number (`WEB-12`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Identifier {
    /// The project's identifier, upper case (`WEB`).
    pub project: String,
    /// The work item's sequence number in the project.
    pub sequence: u32,
}

/// Why text is not a work item identifier.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "{0:?} is not a work item identifier like WEB-12 (project identifier of 1 to 12 letters or digits, a dash, a number)"
)]
pub struct IdentifierError(pub String);

impl FromStr for Identifier {
    type Err = IdentifierError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || IdentifierError(text.to_owned());
        let (project, sequence) = text.trim().rsplit_once('-').ok_or_else(fail)?;
        let project_ok =
            (1..=12).contains(&project.len()) && project.bytes().all(|b| b.is_ascii_alphanumeric());
        let sequence_ok = !sequence.is_empty()
            && sequence.len() <= 9
            && sequence.bytes().all(|b| b.is_ascii_digit())
            && !sequence.starts_with('0');
        if !project_ok || !sequence_ok {
            return Err(fail());
        }
        Ok(Self {
            project: project.to_ascii_uppercase(),
            sequence: sequence.parse().map_err(|_| fail())?,
        })
    }
}

impl TryFrom<String> for Identifier {
    type Error = IdentifierError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl From<Identifier> for String {
    fn from(id: Identifier) -> Self {
        id.to_string()
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.project, self.sequence)
    }
}

/// Which kind of page showed the work item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// `/{slug}/browse/{PROJ}-{N}/`.
    Browse,
    /// `/{slug}/projects/{project}/issues/{id}`.
    Issue,
    /// `/{slug}/projects/{project}/archives/issues/{id}`.
    Archived,
    /// `/{slug}/projects/{project}/epics/{id}`.
    Epic,
    /// `/{slug}/projects/{project}/intake?inboxIssueId={id}`.
    Intake,
}

/// A work item located by a web-app URL: by identifier, or by project and work item ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItemLocation {
    /// The workspace slug.
    pub workspace: String,
    /// The kind of page.
    pub page: PageKind,
    /// The identifier, on `/browse/` pages.
    pub identifier: Option<Identifier>,
    /// The project's UUID, on project pages.
    pub project_id: Option<String>,
    /// The work item's UUID, on project pages.
    pub work_item_id: Option<String>,
}

/// Where the web app lives: an origin and an optional base path (`https://plane.example.com/plane`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppBase {
    origin: String,
    path: Vec<String>,
}

/// Why an app base URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0:?} is not a web address like https://app.plane.so or https://plane.example.com/base")]
pub struct AppBaseError(pub String);

impl FromStr for AppBase {
    type Err = AppBaseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let parts = split_url(text.trim()).ok_or_else(|| AppBaseError(text.to_owned()))?;
        if parts.query.is_some() || parts.fragment.is_some() {
            return Err(AppBaseError(text.to_owned()));
        }
        Ok(Self {
            origin: parts.origin,
            path: segments(&parts.path),
        })
    }
}

/// Recognises a work item page; `None` for any other URL. With `app_base`, the URL must be
/// under it; without, any origin is accepted and the slug is the first path segment.
pub fn parse_work_item_url(url: &str, app_base: Option<&AppBase>) -> Option<WorkItemLocation> {
    let parts = split_url(url.trim())?;
    let mut path = segments(&parts.path);
    if let Some(base) = app_base {
        if !parts.origin.eq_ignore_ascii_case(&base.origin) || !path.starts_with(&base.path) {
            return None;
        }
        path.drain(..base.path.len());
    }
    let (workspace, rest) = path.split_first()?;
    if !is_slug(workspace) {
        return None;
    }
    let location = |page, identifier, project_id: Option<String>, work_item_id: Option<String>| {
        WorkItemLocation {
            workspace: workspace.clone(),
            page,
            identifier,
            project_id,
            work_item_id,
        }
    };
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    match rest.as_slice() {
        ["browse", identifier] => Some(location(
            PageKind::Browse,
            Some(identifier.parse().ok()?),
            None,
            None,
        )),
        ["projects", project, "issues", id] => {
            uuids(project, id).map(|(p, i)| location(PageKind::Issue, None, Some(p), Some(i)))
        }
        ["projects", project, "archives", "issues", id] => {
            uuids(project, id).map(|(p, i)| location(PageKind::Archived, None, Some(p), Some(i)))
        }
        ["projects", project, "epics", id] => {
            uuids(project, id).map(|(p, i)| location(PageKind::Epic, None, Some(p), Some(i)))
        }
        ["projects", project, "intake"] => {
            let id = parts
                .query
                .as_deref()?
                .split('&')
                .find_map(|pair| pair.strip_prefix("inboxIssueId="))?;
            uuids(project, id).map(|(p, i)| location(PageKind::Intake, None, Some(p), Some(i)))
        }
        _ => None,
    }
}

fn uuids(project: &str, id: &str) -> Option<(String, String)> {
    Some((strict_uuid(project)?, strict_uuid(id)?))
}

/// Only the hyphenated 36-character form appears in Plane's URLs.
fn strict_uuid(text: &str) -> Option<String> {
    (text.len() == 36).then(|| canonical_uuid(text)).flatten()
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 48
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

struct UrlParts {
    origin: String,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

/// Splits an absolute http(s) URL; `None` for anything else.
fn split_url(url: &str) -> Option<UrlParts> {
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((r, f)) => (r, Some(f.to_owned())),
        None => (rest, None),
    };
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q.to_owned())),
        None => (rest, None),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() || host.contains(char::is_whitespace) || url.contains(char::is_whitespace) {
        return None;
    }
    Some(UrlParts {
        origin: format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            host.to_ascii_lowercase()
        ),
        path: path.to_owned(),
        query,
        fragment,
    })
}

fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const P: &str = "4a9f5a3c-2d4e-4c1b-9f8e-7d6c5b4a3921";
    const I: &str = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";

    fn parse(url: &str) -> Option<WorkItemLocation> {
        parse_work_item_url(url, None)
    }

    #[test]
    fn identifiers() {
        assert_eq!(
            "WEB-12".parse::<Identifier>().unwrap(),
            Identifier {
                project: "WEB".into(),
                sequence: 12
            }
        );
        assert_eq!(
            "web2-7".parse::<Identifier>().unwrap().to_string(),
            "WEB2-7"
        );
        for bad in [
            "WEB",
            "WEB-",
            "-12",
            "WEB-0",
            "WEB-012",
            "WEB-1x",
            "TOOLONGPROJECT-1",
            "WE B-1",
            "WEB-1234567890",
        ] {
            assert!(bad.parse::<Identifier>().is_err(), "{bad}");
        }
    }

    #[test]
    fn browse_pages() {
        for url in [
            "https://app.plane.so/acme/browse/WEB-12/",
            "https://app.plane.so/acme/browse/WEB-12",
            "https://app.plane.so/acme/browse/web-12/?tab=activity#comments",
            "HTTP://APP.PLANE.SO/acme/browse/WEB-12",
        ] {
            let got = parse(url).unwrap_or_else(|| panic!("{url}"));
            assert_eq!(got.workspace, "acme");
            assert_eq!(got.page, PageKind::Browse);
            assert_eq!(got.identifier.unwrap().to_string(), "WEB-12");
        }
    }

    #[test]
    fn project_pages() {
        let got = parse(&format!(
            "https://plane.example.com/acme/projects/{P}/issues/{I}"
        ))
        .unwrap();
        assert_eq!(
            (
                got.page,
                got.project_id.as_deref(),
                got.work_item_id.as_deref()
            ),
            (PageKind::Issue, Some(P), Some(I))
        );
        assert_eq!(
            parse(&format!(
                "https://x.io/acme/projects/{P}/archives/issues/{I}/"
            ))
            .unwrap()
            .page,
            PageKind::Archived
        );
        assert_eq!(
            parse(&format!("https://x.io/acme/projects/{P}/epics/{I}"))
                .unwrap()
                .page,
            PageKind::Epic
        );
        let intake = parse(&format!(
            "https://x.io/acme/projects/{P}/intake?currentTab=open&inboxIssueId={I}"
        ))
        .unwrap();
        assert_eq!(
            (intake.page, intake.work_item_id.as_deref()),
            (PageKind::Intake, Some(I))
        );
    }

    #[test]
    fn other_pages_are_not_work_items() {
        for url in [
            "https://app.plane.so/",
            "https://app.plane.so/acme/",
            &format!("https://app.plane.so/acme/projects/{P}/issues/"),
            &format!("https://app.plane.so/acme/projects/{P}/intake"),
            "https://app.plane.so/acme/browse/WEB/",
            "https://app.plane.so/acme/projects/not-a-uuid/issues/x",
            "ftp://app.plane.so/acme/browse/WEB-1/",
            "not a url",
        ] {
            assert_eq!(parse(url), None, "{url}");
        }
    }

    #[test]
    fn base_paths_for_self_hosted() {
        let base: AppBase = "https://plane.example.com/plane/".parse().unwrap();
        let got = parse_work_item_url(
            "https://plane.example.com/plane/acme/browse/OPS-3/",
            Some(&base),
        )
        .unwrap();
        assert_eq!(
            (got.workspace.as_str(), got.identifier.unwrap().sequence),
            ("acme", 3)
        );
        assert_eq!(
            parse_work_item_url("https://plane.example.com/acme/browse/OPS-3/", Some(&base)),
            None
        );
        assert_eq!(
            parse_work_item_url(
                "https://evil.example.com/plane/acme/browse/OPS-3/",
                Some(&base)
            ),
            None
        );
        assert!("app.plane.so".parse::<AppBase>().is_err());
    }

    proptest! {
        #[test]
        fn never_panics(url in "\\PC{0,80}", base in proptest::option::of("https?://[a-z.]{1,12}(/[a-z]{1,5})?")) {
            let base = base.and_then(|b| b.parse::<AppBase>().ok());
            let _ = parse_work_item_url(&url, base.as_ref());
        }

        #[test]
        fn recognises_every_browse_url(slug in "[a-z0-9-]{1,20}", project in "[A-Z][A-Z0-9]{0,11}", n in 1u32..1_000_000) {
            let got = parse(&format!("https://app.plane.so/{slug}/browse/{project}-{n}/")).unwrap();
            prop_assert_eq!(got.identifier, Some(Identifier { project, sequence: n }));
        }
    }
}
