//! What the extension's pages (panel, popup, options) and its service worker say to each other
//! over a named `runtime.Port`. Requests carry an id; replies and stage reports name it. Every
//! request is untrusted on arrival: the worker checks the sender (one of the extension's own
//! pages), the shape (serde), and validates values again with core before anything is sent.

use crate::{
    Activity, Edit, EditStage, PanelModel, Problem, ProjectPage, RowValues, RowsPage, RowsRequest,
    SavedValue, SiteStatus, TableModel, TableTarget, Target,
};
use plane_inline_core::workspace::{Member, SearchHit};
use serde::{Deserialize, Serialize};

/// The name of the port the panel and popup open.
pub const PANEL_PORT: &str = "plane-inline:panel";
/// The name of the port the options page opens.
pub const OPTIONS_PORT: &str = "plane-inline:options";

/// Numbers a request so that its reply can find it.
pub type RequestId = u32;

/// A request from an extension page to the service worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PortRequest {
    /// Which work item a page URL shows, using the connections' app bases.
    Recognise {
        /// Request id.
        id: RequestId,
        /// The page URL.
        url: String,
    },
    /// Load a work item's panel model.
    Load {
        /// Request id.
        id: RequestId,
        /// The work item.
        target: Target,
    },
    /// Save (value `Some`) or clear (value `None`) one property; kept as a draft until Plane
    /// confirms.
    Write {
        /// Request id.
        id: RequestId,
        /// The edit.
        edit: Edit,
        /// Sent again after the port closed (the worker stopped): an earlier worker may have
        /// delivered it already, so a new draft of it reads the value back before it is sent.
        #[serde(default)]
        again: bool,
    },
    /// Which work item a text typed in the popup names: a Plane page URL, or an identifier
    /// (`PROJ-123`) in the workspace of the first connection with a key.
    Open {
        /// Request id.
        id: RequestId,
        /// What was typed.
        text: String,
    },
    /// Members matching a search.
    SearchMembers {
        /// Request id.
        id: RequestId,
        /// Workspace slug.
        workspace: String,
        /// The search text.
        query: String,
    },
    /// Work items matching a search.
    SearchWorkItems {
        /// Request id.
        id: RequestId,
        /// Workspace slug.
        workspace: String,
        /// The search text.
        query: String,
    },
    /// The drafts not yet confirmed by Plane.
    Drafts {
        /// Request id.
        id: RequestId,
    },
    /// Send a draft again now.
    RetryDraft {
        /// Request id.
        id: RequestId,
        /// The draft.
        draft: DraftId,
    },
    /// Drop a draft without sending it.
    DiscardDraft {
        /// Request id.
        id: RequestId,
        /// The draft.
        draft: DraftId,
    },
    /// Whether references are shown on the site of a page (the popup's active tab).
    Site {
        /// Request id.
        id: RequestId,
        /// The page's address.
        url: String,
    },
    /// Show references on the site of a tab's page, whose host permission the popup was just
    /// granted, starting with that tab.
    EnableSite {
        /// Request id.
        id: RequestId,
        /// The tab.
        tab: i64,
        /// The tab's address.
        url: String,
    },
    /// Stop showing references on a site and give its host permission back.
    DisableSite {
        /// Request id.
        id: RequestId,
        /// The site's origin.
        origin: String,
    },
    /// Close the card this panel sits in (Escape).
    CloseCard {
        /// Request id.
        id: RequestId,
    },
    /// Which project a page belongs to (the popup's active tab), to offer its table: a
    /// project's work items page, or any of its work items' pages.
    RecogniseProject {
        /// Request id.
        id: RequestId,
        /// The page URL.
        url: String,
    },
    /// What a table of a project reads once.
    Table {
        /// Request id.
        id: RequestId,
        /// The project.
        target: TableTarget,
    },
    /// One page of a table's rows.
    Rows {
        /// Request id.
        id: RequestId,
        /// Which page.
        request: RowsRequest,
    },
    /// One table row's values.
    RowValues {
        /// Request id.
        id: RequestId,
        /// Workspace slug.
        workspace: String,
        /// The project's UUID.
        project_id: String,
        /// The work item's UUID.
        work_item_id: String,
    },
}

impl PortRequest {
    /// Whether an in-page panel (framed in a Plane page) or a card (framed in a site with
    /// references) may make this request: it may read the work item the worker told it to show,
    /// edit the one it loaded (`loaded`, its id) and search; nothing else: no drafts, no sites, no
    /// other work item, no table. (The toolbar popup and the extension's table page opened in
    /// its own tab, pages of the user's own, may make every request.)
    pub fn allowed_in_page(
        &self,
        card: bool,
        shown: Option<&Target>,
        loaded: Option<&str>,
    ) -> bool {
        match self {
            Self::Load { target, .. } => shown == Some(target),
            Self::Write { edit, .. } => loaded == Some(edit.work_item_id.as_str()),
            Self::SearchMembers { .. } | Self::SearchWorkItems { .. } => true,
            Self::CloseCard { .. } => card,
            _ => false,
        }
    }

    /// The request's id.
    pub fn id(&self) -> RequestId {
        match self {
            Self::Recognise { id, .. }
            | Self::Load { id, .. }
            | Self::Write { id, .. }
            | Self::Open { id, .. }
            | Self::SearchMembers { id, .. }
            | Self::SearchWorkItems { id, .. }
            | Self::Drafts { id }
            | Self::RetryDraft { id, .. }
            | Self::DiscardDraft { id, .. }
            | Self::Site { id, .. }
            | Self::EnableSite { id, .. }
            | Self::DisableSite { id, .. }
            | Self::CloseCard { id }
            | Self::RecogniseProject { id, .. }
            | Self::Table { id, .. }
            | Self::Rows { id, .. }
            | Self::RowValues { id, .. } => *id,
        }
    }
}

/// A message from the service worker to an extension page.
// Replies are serialised the moment they are made, so a large variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PortReply {
    /// The work item a URL shows.
    Recognised {
        /// Request id.
        id: RequestId,
        /// The work item, or why none.
        result: Result<Target, Problem>,
    },
    /// A panel model.
    Loaded {
        /// Request id.
        id: RequestId,
        /// The model, or why not.
        result: Result<PanelModel, Problem>,
    },
    /// Where a write is (sent any number of times before `Written`).
    Stage {
        /// Request id of the write.
        id: RequestId,
        /// The stage.
        stage: EditStage,
    },
    /// A write's outcome. A transient problem means the draft is kept and sent again later.
    Written {
        /// Request id.
        id: RequestId,
        /// What Plane holds now, or why not.
        result: Result<SavedValue, Problem>,
    },
    /// Members found.
    Members {
        /// Request id.
        id: RequestId,
        /// The members, or why not.
        result: Result<Vec<Member>, Problem>,
    },
    /// Work items found.
    WorkItems {
        /// Request id.
        id: RequestId,
        /// The hits, or why not.
        result: Result<Vec<SearchHit>, Problem>,
    },
    /// The pending drafts.
    Drafts {
        /// Request id.
        id: RequestId,
        /// Drafts, oldest first.
        drafts: Vec<Draft>,
    },
    /// A draft operation is done.
    DraftDone {
        /// Request id.
        id: RequestId,
        /// Done, or why not.
        result: Result<(), Problem>,
    },
    /// Whether references are shown on a site.
    Site {
        /// Request id.
        id: RequestId,
        /// The site, or why it cannot have references (not a web page, a Plane app).
        result: Result<SiteStatus, Problem>,
    },
    /// The project a page belongs to.
    ProjectRecognised {
        /// Request id.
        id: RequestId,
        /// The project and its label, or why none.
        result: Result<ProjectPage, Problem>,
    },
    /// What a table of a project reads once.
    Table {
        /// Request id.
        id: RequestId,
        /// The table's model, or why not.
        result: Result<TableModel, Problem>,
    },
    /// One page of a table's rows.
    Rows {
        /// Request id.
        id: RequestId,
        /// The page, or why not.
        result: Result<RowsPage, Problem>,
    },
    /// One table row's values.
    RowValues {
        /// Request id.
        id: RequestId,
        /// The values by property id, or why not.
        result: Result<RowValues, Problem>,
    },
    /// A request that answers nothing else is done.
    Done {
        /// Request id.
        id: RequestId,
    },
    /// The work item the page around a panel now shows (not a reply: sent when the panel
    /// connects, and again on every navigation or peek overlay the content script reports).
    /// Panels take the page only from here, never from the page's own messages.
    Page {
        /// The work item, or why none.
        result: Result<Target, Problem>,
    },
    /// Connection activity (not a reply to anything).
    Activity {
        /// What happened.
        activity: Activity,
    },
    /// The request could not be read or is not allowed.
    Refused {
        /// Request id, when it could be read.
        id: Option<RequestId>,
        /// Why.
        problem: Problem,
    },
}

/// What the content script tells the service worker (with `runtime.sendMessage`). It carries no
/// URL of the page itself: the worker takes that from the sender, which the browser fills in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ContentMessage {
    /// The page changed (History API navigation, peek overlay opened or closed).
    Page {
        /// The address a peek overlay links to, when one is open (same origin as the page).
        peek: Option<String>,
    },
    /// The user collapsed or expanded the panel.
    Collapsed {
        /// Whether it is now a small tab.
        collapsed: bool,
    },
}

/// The worker's answer to a [`ContentMessage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentReply {
    /// Whether the page shows a work item, so the panel belongs on it.
    pub show: bool,
    /// Whether the panel is collapsed to a small tab (remembered across pages).
    pub collapsed: bool,
}

/// Names a draft in the outbox.
pub type DraftId = String;

/// An edit kept in the outbox until Plane confirms it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Unique id (also the outbox's storage key).
    pub id: DraftId,
    /// The edit.
    pub edit: Edit,
    /// The property's display name, for the popup.
    pub property: String,
    /// The work item's identifier or name, for the popup.
    pub work_item: String,
    /// When it was made (Unix milliseconds).
    pub created_ms: f64,
    /// Attempts so far.
    pub attempts: u32,
    /// The last attempt's problem, if it failed.
    pub last_problem: Option<Problem>,
}

/// A request from the options page to the service worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OptionsRequest {
    /// The connections, keys masked.
    List {
        /// Request id.
        id: RequestId,
    },
    /// Add or replace a connection. `key: None` keeps the stored key.
    Put {
        /// Request id.
        id: RequestId,
        /// The connection.
        connection: ConnectionSettings,
        /// The API key, when typed.
        key: Option<String>,
    },
    /// Check a connection: who the key belongs to, or exactly what is wrong.
    Test {
        /// Request id.
        id: RequestId,
        /// The connection's id.
        connection: String,
    },
    /// Forget one connection and its key.
    Forget {
        /// Request id.
        id: RequestId,
        /// The connection's id.
        connection: String,
    },
    /// Forget every connection, key and draft.
    ForgetEverything {
        /// Request id.
        id: RequestId,
    },
    /// The sites where references are shown.
    Sites {
        /// Request id.
        id: RequestId,
    },
    /// Stop showing references on a site and give its host permission back.
    RemoveSite {
        /// Request id.
        id: RequestId,
        /// The site's origin.
        origin: String,
    },
    /// What could not be read from storage and was set aside.
    SetAside {
        /// Request id.
        id: RequestId,
    },
    /// Forget what was set aside.
    DiscardSetAside {
        /// Request id.
        id: RequestId,
    },
}

/// Something stored that could not be read and was set aside, as the options page lists it
/// (never its text: it may hold a key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAsideSummary {
    /// What it was: the storage key (`drafts`, `connections`, `sites`, `collapsed`, `keys`).
    pub key: String,
    /// Why it could not be read.
    pub why: String,
    /// When it was set aside (Unix milliseconds).
    pub at_ms: f64,
}

/// A connection as the options page edits it (never with the key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionSettings {
    /// Stable id (the app base's origin).
    pub id: String,
    /// Plane's API base (`https://api.plane.so` for Plane Cloud).
    pub api_base: String,
    /// Plane's web app (`https://app.plane.so`), whose pages get the panel.
    pub app_base: String,
    /// The workspace slug used when a page does not name one.
    pub workspace: String,
}

/// A connection as listed: settings, plus the key's last four characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionSummary {
    /// The settings.
    pub settings: ConnectionSettings,
    /// `…abcd`, or `None` when no key is stored.
    pub key_hint: Option<String>,
}

/// The service worker's answer to the options page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OptionsReply {
    /// The connections.
    Connections {
        /// Request id.
        id: RequestId,
        /// Or why not.
        result: Result<Vec<ConnectionSummary>, Problem>,
    },
    /// A connection test's outcome.
    Tested {
        /// Request id.
        id: RequestId,
        /// Who the key belongs to (their name), or what is wrong.
        result: Result<String, Problem>,
    },
    /// The sites where references are shown, by origin.
    Sites {
        /// Request id.
        id: RequestId,
        /// Or why not.
        result: Result<Vec<SiteStatus>, Problem>,
    },
    /// What was set aside.
    SetAside {
        /// Request id.
        id: RequestId,
        /// Oldest first.
        entries: Vec<SetAsideSummary>,
    },
    /// A change is done.
    Done {
        /// Request id.
        id: RequestId,
        /// Or why not.
        result: Result<(), Problem>,
    },
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_panel_in_a_page_may_only_read_edit_and_search_its_own_work_item() {
        let shown = Target::identifier("acme", "WEB-1").unwrap();
        let other = Target::identifier("acme", "WEB-2").unwrap();
        let edit = |work_item: &str| Edit {
            workspace: "acme".into(),
            project_id: "p".into(),
            work_item_id: work_item.into(),
            property_id: "x".into(),
            value: None,
        };
        let allowed = |request: PortRequest, card: bool| {
            request.allowed_in_page(card, Some(&shown), Some("w1"))
        };
        assert!(allowed(
            PortRequest::Load {
                id: 1,
                target: shown.clone()
            },
            false
        ));
        assert!(!allowed(
            PortRequest::Load {
                id: 1,
                target: other
            },
            false
        ));
        assert!(allowed(
            PortRequest::Write {
                id: 2,
                edit: edit("w1"),
                again: false,
            },
            false
        ));
        assert!(!allowed(
            PortRequest::Write {
                id: 2,
                edit: edit("w2"),
                again: false,
            },
            false
        ));
        assert!(allowed(
            PortRequest::SearchWorkItems {
                id: 3,
                workspace: "acme".into(),
                query: "x".into()
            },
            false
        ));
        assert!(allowed(PortRequest::CloseCard { id: 4 }, true));
        assert!(!allowed(PortRequest::CloseCard { id: 4 }, false));
        for request in [
            PortRequest::Drafts { id: 5 },
            PortRequest::RetryDraft {
                id: 6,
                draft: "d".into(),
            },
            PortRequest::DiscardDraft {
                id: 7,
                draft: "d".into(),
            },
            PortRequest::Site {
                id: 8,
                url: "https://x.example".into(),
            },
            PortRequest::EnableSite {
                id: 9,
                tab: 1,
                url: "https://x.example".into(),
            },
            PortRequest::DisableSite {
                id: 10,
                origin: "https://x.example".into(),
            },
            PortRequest::Recognise {
                id: 11,
                url: "https://app.plane.so/acme/browse/WEB-9/".into(),
            },
            PortRequest::Open {
                id: 12,
                text: "WEB-9".into(),
            },
        ]
        .into_iter()
        .chain(table_requests())
        {
            assert!(!allowed(request.clone(), true), "{request:?}");
        }
        // Before the worker told it anything, it may load nothing and edit nothing.
        assert!(
            !PortRequest::Load {
                id: 1,
                target: shown
            }
            .allowed_in_page(false, None, None)
        );
    }

    const P: &str = "4a9f5a3c-2d4e-4c1b-9f8e-7d6c5b4a3921";
    const I: &str = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";

    /// One of each of the table's requests.
    fn table_requests() -> Vec<PortRequest> {
        vec![
            PortRequest::RecogniseProject {
                id: 21,
                url: format!("https://app.plane.so/acme/projects/{P}/issues/"),
            },
            PortRequest::Table {
                id: 22,
                target: TableTarget {
                    workspace: "acme".into(),
                    project: "WEB".into(),
                },
            },
            PortRequest::Rows {
                id: 23,
                request: RowsRequest {
                    workspace: "acme".into(),
                    project_id: P.into(),
                    per_page: 50,
                    cursor: Some("50:1:0".into()),
                },
            },
            PortRequest::RowValues {
                id: 24,
                workspace: "acme".into(),
                project_id: P.into(),
                work_item_id: I.into(),
            },
        ]
    }

    #[test]
    fn no_panel_or_card_in_a_page_may_ask_for_a_table() {
        let shown = Target::identifier("acme", "WEB-1").unwrap();
        for request in table_requests() {
            for card in [false, true] {
                assert!(
                    !request.allowed_in_page(card, Some(&shown), Some(I)),
                    "{request:?}"
                );
            }
        }
    }

    #[test]
    fn a_request_sent_again_says_so_and_a_write_reads_it() {
        // What a page's channel sends after the worker stopped: the request with "again".
        let first = r#"{"type":"write","id":7,"edit":{"workspace":"acme","project_id":"p","work_item_id":"w","property_id":"x","value":"v"}}"#;
        let again = first.replace(r#""id":7,"#, r#""id":7,"again":true,"#);
        let read = |text: &str| serde_json::from_str::<PortRequest>(text).unwrap();
        assert!(matches!(
            read(first),
            PortRequest::Write { again: false, .. }
        ));
        assert!(matches!(
            read(&again),
            PortRequest::Write { again: true, .. }
        ));
        // Other requests carry the mark too, and read as before.
        assert_eq!(
            read(r#"{"type":"drafts","id":5,"again":true}"#),
            PortRequest::Drafts { id: 5 }
        );
    }

    #[test]
    fn the_table_requests_travel_as_json() {
        let texts = [
            format!(
                r#"{{"type":"recognise_project","id":21,"url":"https://app.plane.so/acme/projects/{P}/issues/"}}"#
            ),
            r#"{"type":"table","id":22,"target":{"workspace":"acme","project":"WEB"}}"#.to_owned(),
            format!(
                r#"{{"type":"rows","id":23,"request":{{"workspace":"acme","project_id":"{P}","per_page":50,"cursor":"50:1:0"}}}}"#
            ),
            format!(
                r#"{{"type":"row_values","id":24,"workspace":"acme","project_id":"{P}","work_item_id":"{I}"}}"#
            ),
        ];
        for (request, text) in table_requests().into_iter().zip(texts) {
            assert_eq!(serde_json::to_string(&request).unwrap(), text);
            assert_eq!(serde_json::from_str::<PortRequest>(&text).unwrap(), request);
            assert_eq!(
                request.id(),
                serde_json::from_str::<serde_json::Value>(&text).unwrap()["id"]
            );
        }
        // A malformed page size or cursor is the worker's to refuse; the shape must be right.
        assert!(
            serde_json::from_str::<PortRequest>(r#"{"type":"rows","id":1,"request":{"workspace":"acme","project_id":"p","per_page":-1,"cursor":null}}"#)
                .is_err()
        );
    }

    #[test]
    fn the_table_replies_travel_as_json() {
        let project: plane_inline_core::workspace::Project = serde_json::from_value(
            serde_json::json!({"id": P, "name": "Web", "identifier": "WEB", "member_role": 15}),
        )
        .unwrap();
        let property: plane_inline_core::property::Property = serde_json::from_value(
            serde_json::json!({"id": "p1", "display_name": "Points", "property_type": "DECIMAL"}),
        )
        .unwrap();
        let replies = [
            PortReply::ProjectRecognised {
                id: 21,
                result: Ok(ProjectPage {
                    target: TableTarget {
                        workspace: "acme".into(),
                        project: P.into(),
                    },
                    label: "WEB".into(),
                }),
            },
            PortReply::ProjectRecognised {
                id: 21,
                result: Err(Problem::NoWorkItem),
            },
            PortReply::Table {
                id: 22,
                result: Ok(TableModel {
                    project,
                    types: vec![crate::TableType {
                        id: "t1".into(),
                        name: "Task".into(),
                        is_default: true,
                        properties: vec![property],
                    }],
                    members: Vec::new(),
                    access: plane_inline_core::workspace::Access::Edit,
                    browse_base: Some("https://app.plane.so/acme/browse/".into()),
                }),
            },
            PortReply::Rows {
                id: 23,
                result: Ok(RowsPage {
                    rows: vec![crate::TableRow {
                        id: I.into(),
                        sequence_id: Some(51),
                        name: "Checkout fails".into(),
                        type_id: Some("t1".into()),
                    }],
                    next_cursor: Some("50:2:0".into()),
                    total: Some(300),
                }),
            },
            PortReply::RowValues {
                id: 24,
                result: Ok(RowValues::from([("p1".to_owned(), serde_json::json!(3.5))])),
            },
            PortReply::RowValues {
                id: 24,
                result: Err(Problem::NotFound {
                    message: "no project DEMO in acme, or this token cannot see it".into(),
                }),
            },
        ];
        for reply in replies {
            let text = serde_json::to_string(&reply).unwrap();
            assert_eq!(
                serde_json::from_str::<PortReply>(&text).unwrap(),
                reply,
                "{text}"
            );
        }
        assert_eq!(
            serde_json::to_string(&PortReply::Rows {
                id: 23,
                result: Ok(RowsPage {
                    rows: Vec::new(),
                    next_cursor: None,
                    total: Some(0)
                })
            })
            .unwrap(),
            r#"{"type":"rows","id":23,"result":{"Ok":{"rows":[],"next_cursor":null,"total":0}}}"#
        );
    }
}
