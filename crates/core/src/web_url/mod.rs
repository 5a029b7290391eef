//! Plane web-app URLs: origins and base URLs normalised as browsers normalise them, work item
//! identifiers such as `WEB-12`, and recognition of work item pages.
//!
//! Every URL is read by the WHATWG URL Standard's rules (the `url` crate natively, the browser's
//! own `URL` in wasm builds: see `parsed`), so a page URL the
//! browser reports, an app base typed in the options and the API base all agree on what an
//! origin is: `https://Plane.Example.com:443` and `https://plane.example.com` are the same
//! origin, and `https://bücher.example` is `https://xn--bcher-kva.example`.
//!
//! Recognised pages (after an optional base path for self-hosted installs):
//! `/{slug}/browse/{PROJ}-{N}/`, `/{slug}/projects/{project}/issues/{id}`,
//! `/{slug}/projects/{project}/archives/issues/{id}`, `/{slug}/projects/{project}/epics/{id}`
//! and `/{slug}/projects/{project}/intake?...&inboxIssueId={id}`, with or without a trailing
//! slash, query or fragment; and a project's work items page, `/{slug}/projects/{project}/issues/`
//! ([`parse_project_url`]). A page URL with a `user@` part is still recognised (browsers keep
//! it in the URL, and it says nothing about the page); a base with one is refused.

mod base;
mod origin;
mod parsed;

pub use base::{BaseUrl, BaseUrlError};
pub use origin::Origin;

use crate::value::canonical_uuid;
use parsed::ParsedUrl;
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

/// The longest project part of an identifier (`WEB` in `WEB-12`), in characters.
pub const PROJECT_MAX_LEN: usize = 12;
/// The letters besides A to Z that Plane's project form accepts in identifiers: Turkish capitals
/// (makeplane/plane, the project identifier rule of its web app's project form).
pub const PROJECT_EXTRA_LETTERS: [char; 6] = ['Ç', 'Ş', 'Ğ', 'İ', 'Ö', 'Ü'];

/// A project identifier's character as Plane writes it: a capital letter (A to Z or one of
/// [`PROJECT_EXTRA_LETTERS`]) or a digit, from what a person typed (lower case is raised).
fn project_char(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_uppercase());
    }
    let mut upper = c.to_uppercase();
    let capital = match (upper.next(), upper.next()) {
        (Some(one), None) => one,
        _ => return None,
    };
    // The dotless ı raises to I.
    (capital == 'I' || PROJECT_EXTRA_LETTERS.contains(&capital)).then_some(capital)
}
/// The most digits of an identifier's sequence number.
pub const SEQUENCE_MAX_DIGITS: usize = 9;

impl FromStr for Identifier {
    type Err = IdentifierError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || IdentifierError(text.to_owned());
        let (project, sequence) = text.trim().rsplit_once('-').ok_or_else(fail)?;
        let project: Option<String> = project.chars().map(project_char).collect();
        let project = project.ok_or_else(fail)?;
        let project_ok = (1..=PROJECT_MAX_LEN).contains(&project.chars().count());
        let sequence_ok = !sequence.is_empty()
            && sequence.len() <= SEQUENCE_MAX_DIGITS
            && sequence.bytes().all(|b| b.is_ascii_digit())
            && !sequence.starts_with('0');
        if !project_ok || !sequence_ok {
            return Err(fail());
        }
        Ok(Self {
            project,
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

/// Where the web app lives: an origin and an optional base path
/// (`https://plane.example.com/plane`).
pub type AppBase = BaseUrl;

/// The schemes a value or an answer may ever be a link to.
const LINK_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

/// `text` as a link target, when it is one a person may follow from the panel: an absolute
/// `http:`, `https:` or `mailto:` URL, normalised as the browser would (so no `javascript:`,
/// `data:` or `vbscript:` link ever comes from a value, a model that crossed a port, or an
/// answer); `None` otherwise.
pub fn safe_link(text: &str) -> Option<String> {
    let url = ParsedUrl::parse(text.trim()).ok()?;
    LINK_SCHEMES
        .contains(&url.scheme())
        .then(|| url.as_str().to_owned())
}

/// Recognises a work item page; `None` for any other URL. With `app_base`, the URL must be
/// under it; without, any origin is accepted and the slug is the first path segment.
pub fn parse_work_item_url(url: &str, app_base: Option<&AppBase>) -> Option<WorkItemLocation> {
    let url = web_page(url)?;
    let path = app_segments(&url, app_base)?;
    let (workspace, rest) = path.split_first()?;
    if !is_slug(workspace) {
        return None;
    }
    let location = |page, identifier, project_id: Option<String>, work_item_id: Option<String>| {
        WorkItemLocation {
            workspace: (*workspace).to_owned(),
            page,
            identifier,
            project_id,
            work_item_id,
        }
    };
    match rest {
        // The browser gives a path percent-encoded (`%C3%87%C4%B0%C3%87EK-12` for ÇİÇEK-12).
        ["browse", identifier] => Some(location(
            PageKind::Browse,
            Some(
                percent_encoding::percent_decode_str(identifier)
                    .decode_utf8()
                    .ok()?
                    .parse()
                    .ok()?,
            ),
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
            let id = url.query_value("inboxIssueId")?;
            uuids(project, &id).map(|(p, i)| location(PageKind::Intake, None, Some(p), Some(i)))
        }
        _ => None,
    }
}

/// A project's work items page, located by a web-app URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectLocation {
    /// The workspace slug.
    pub workspace: String,
    /// The project's UUID.
    pub project_id: String,
}

/// Recognises a project's work items page, `/{slug}/projects/{project}/issues/` (its list,
/// board and spreadsheet layouts share this address), with or without a trailing slash, query
/// or fragment; `None` for any other URL. With `app_base`, the URL must be under it, as in
/// [`parse_work_item_url`].
pub fn parse_project_url(url: &str, app_base: Option<&AppBase>) -> Option<ProjectLocation> {
    let url = web_page(url)?;
    let path = app_segments(&url, app_base)?;
    let [workspace, "projects", project, "issues"] = path.as_slice() else {
        return None;
    };
    if !is_slug(workspace) {
        return None;
    }
    Some(ProjectLocation {
        workspace: (*workspace).to_owned(),
        project_id: strict_uuid(project)?,
    })
}

/// A page URL with a web scheme and a host, read as the browser reads it.
fn web_page(url: &str) -> Option<ParsedUrl> {
    let url = ParsedUrl::parse(url.trim()).ok()?;
    (origin::is_web_scheme(url.scheme()) && url.host_str().is_some_and(|h| !h.is_empty()))
        .then_some(url)
}

/// The page's path segments below the app base (any origin's whole path without one).
fn app_segments<'u>(url: &'u ParsedUrl, app_base: Option<&AppBase>) -> Option<Vec<&'u str>> {
    match app_base {
        Some(base) => base.relative_segments(url),
        None => Some(base::non_empty_segments(url)),
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
    crate::workspace::is_workspace_slug(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_take_the_turkish_capitals_plane_allows() {
        let id: Identifier = "ÇİÇEK-12".parse().unwrap();
        assert_eq!(id.to_string(), "ÇİÇEK-12");
        assert_eq!(
            "çşğöü-3".parse::<Identifier>().unwrap().to_string(),
            "ÇŞĞÖÜ-3"
        );
        assert_eq!("ıı-1".parse::<Identifier>().unwrap().to_string(), "II-1");
        // Twelve characters, not twelve bytes.
        assert!("ÇÇÇÇÇÇÇÇÇÇÇÇ-1".parse::<Identifier>().is_ok());
        assert!("ÇÇÇÇÇÇÇÇÇÇÇÇÇ-1".parse::<Identifier>().is_err());
        for refused in ["ÄPFEL-1", "ЖУК-1", "ß-1", "É-2"] {
            assert!(refused.parse::<Identifier>().is_err(), "{refused}");
        }
        let page = parse_work_item_url(
            "https://app.plane.so/acme/browse/%C3%87%C4%B0%C3%87EK-12/",
            None,
        )
        .unwrap();
        assert_eq!(page.identifier, Some(id));
    }

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        assert_eq!(
            safe_link(" https://example.com/spec "),
            Some("https://example.com/spec".into())
        );
        assert_eq!(
            safe_link("HTTP://Example.com"),
            Some("http://example.com/".into())
        );
        assert_eq!(
            safe_link("mailto:ops@example.com"),
            Some("mailto:ops@example.com".into())
        );
        for hostile in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "//evil.example/x",
            "/relative",
            "not a url",
        ] {
            assert_eq!(safe_link(hostile), None, "{hostile}");
        }
    }
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

    #[test]
    fn bases_match_pages_as_browsers_normalise_them() {
        let page = "https://plane.example.com/acme/browse/WEB-1/";
        for base in [
            "https://plane.example.com:443",
            "HTTPS://Plane.Example.COM/",
            "https://plane.example.com//",
        ] {
            let base: AppBase = base.parse().unwrap();
            assert_eq!(
                parse_work_item_url(page, Some(&base)).map(|l| l.workspace),
                Some("acme".into()),
                "{base}"
            );
        }
        let unicode: AppBase = "https://bücher.example/Plane".parse().unwrap();
        let punycode: AppBase = "https://xn--bcher-kva.example/Plane/".parse().unwrap();
        assert_eq!(unicode, punycode);
        for page in [
            "https://xn--bcher-kva.example/Plane/acme/browse/WEB-1/",
            "https://BÜCHER.example:443/Plane/acme/browse/WEB-1",
        ] {
            assert!(
                parse_work_item_url(page, Some(&unicode)).is_some(),
                "{page}"
            );
        }
        assert_eq!(
            parse_work_item_url(
                "https://xn--bcher-kva.example/plane/acme/browse/WEB-1/",
                Some(&unicode)
            ),
            None,
            "base paths are case-sensitive, as in browsers"
        );
        let accented: AppBase = "https://x.io/équipe/".parse().unwrap();
        assert!(
            parse_work_item_url(
                "https://x.io/%C3%A9quipe/acme/browse/WEB-1",
                Some(&accented)
            )
            .is_some()
        );
        let port: AppBase = "http://localhost:8000".parse().unwrap();
        assert_eq!(
            parse_work_item_url("http://localhost/acme/browse/WEB-1", Some(&port)),
            None
        );
    }

    #[test]
    fn a_user_part_is_kept_out_of_bases_but_not_out_of_pages() {
        let base: AppBase = "https://plane.example.com".parse().unwrap();
        let page = "https://jane@plane.example.com/acme/browse/WEB-1/";
        assert_eq!(
            parse_work_item_url(page, Some(&base))
                .and_then(|l| l.identifier)
                .map(|i| i.to_string()),
            Some("WEB-1".into())
        );
        assert!(parse(page).is_some());
        assert_eq!(
            "https://jane@plane.example.com".parse::<AppBase>(),
            Err(BaseUrlError::Credentials)
        );
    }

    #[test]
    fn project_work_item_pages() {
        let at = |url: &str| parse_project_url(url, None);
        let demo = Some(ProjectLocation {
            workspace: "acme".into(),
            project_id: P.into(),
        });
        for url in [
            format!("https://app.plane.so/acme/projects/{P}/issues/"),
            format!("https://app.plane.so/acme/projects/{P}/issues"),
            format!("https://app.plane.so/acme/projects/{P}/issues/?layout=spreadsheet#top"),
            format!("https://app.plane.so/acme/projects/{P}/issues?peekId={I}"),
            format!(
                "HTTPS://APP.PLANE.SO/acme/projects/{}/issues/",
                P.to_uppercase()
            ),
        ] {
            assert_eq!(at(&url), demo, "{url}");
        }
        for url in [
            format!("https://app.plane.so/acme/projects/{P}/issues/{I}"),
            format!("https://app.plane.so/acme/projects/{P}/"),
            format!("https://app.plane.so/acme/projects/{P}/cycles/"),
            format!("https://app.plane.so/acme/projects/{P}/archives/issues/"),
            format!("https://app.plane.so/projects/{P}/issues/"),
            format!("https://app.plane.so/ac%2Fme/projects/{P}/issues/"),
            format!("https://app.plane.so/a%20b/projects/{P}/issues/"),
            format!(
                "https://app.plane.so/acme/projects/{}/issues/",
                P.replace('-', "")
            ),
            format!("https://app.plane.so/acme/projects/{P}x/issues/"),
            "https://app.plane.so/acme/projects/DEMO/issues/".into(),
            "https://app.plane.so/acme/projects/../issues/".into(),
            format!("javascript://app.plane.so/acme/projects/{P}/issues/"),
            format!("file:///acme/projects/{P}/issues/"),
            format!("data:text/html,/acme/projects/{P}/issues/"),
            format!("/acme/projects/{P}/issues/"),
            "not a url".into(),
        ] {
            assert_eq!(at(&url), None, "{url}");
        }
        let base: AppBase = "https://plane.example.com/plane/".parse().unwrap();
        assert_eq!(
            parse_project_url(
                &format!("https://plane.example.com/plane/acme/projects/{P}/issues/"),
                Some(&base)
            ),
            demo
        );
        for elsewhere in [
            format!("https://plane.example.com/acme/projects/{P}/issues/"),
            format!("https://evil.example.com/plane/acme/projects/{P}/issues/"),
            format!("https://plane.example.com.evil.example/plane/acme/projects/{P}/issues/"),
            format!("http://plane.example.com/plane/acme/projects/{P}/issues/"),
        ] {
            assert_eq!(
                parse_project_url(&elsewhere, Some(&base)),
                None,
                "{elsewhere}"
            );
        }
        // A work item page is not a project page, and a project page is not a work item page.
        assert_eq!(
            parse(&format!("https://app.plane.so/acme/projects/{P}/issues/")),
            None
        );
    }

    proptest! {
        #[test]
        fn never_panics(url in "\\PC{0,80}", base in proptest::option::of("https?://[a-z.]{1,12}(/[a-z]{1,5})?")) {
            let base = base.and_then(|b| b.parse::<AppBase>().ok());
            let _ = parse_work_item_url(&url, base.as_ref());
            let _ = parse_project_url(&url, base.as_ref());
        }

        #[test]
        fn recognises_every_browse_url(slug in "[a-z0-9-]{1,20}", project in "[A-Z][A-Z0-9]{0,11}", n in 1u32..1_000_000) {
            let got = parse(&format!("https://app.plane.so/{slug}/browse/{project}-{n}/")).unwrap();
            prop_assert_eq!(got.identifier, Some(Identifier { project, sequence: n }));
        }
    }
}
