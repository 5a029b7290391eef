//! The edit service: what the widget and the service worker both do with an edit, written once.
//! It remembers the property definitions and work item labels of the panels it loaded, so a save
//! costs no extra request; everything else it asks the client, whose one scheduler per key paces
//! and retries.

use crate::convert::panel_model;
use crate::stage::edit_stage;
use plane_inline_client::core::error::PlaneError;
use plane_inline_client::core::property::Property;
use plane_inline_client::core::value::{Input, PropertyValue, validate_value};
use plane_inline_client::core::web_url::{AppBase, PageKind};
use plane_inline_client::core::work_item::WorkItemRef;
use plane_inline_client::core::workspace::{Access, Member, SearchHit};
use plane_inline_client::{ItemProperties, PlaneClient, Progress, Unavailable};
use plane_inline_messages::{Edit, EditStage, PanelModel, Problem, SavedValue, Target};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How many work items a search offers.
pub const SEARCH_LIMIT: u32 = 10;

/// Checks an edit of `property` as Plane's server would judge it, before anything is kept or
/// sent: the property belongs to the edit's project, Plane's value endpoint writes its kind, and
/// the value passes core's rules (Plane's own message when not). Answers the typed value
/// (`None`: a clear).
pub fn check(property: &Property, edit: &Edit) -> Result<Option<PropertyValue>, Problem> {
    if property.id != edit.property_id {
        return Err(Problem::BadMessage {
            detail: "the edit names another property".into(),
        });
    }
    if property
        .project
        .as_deref()
        .is_some_and(|p| p != edit.project_id)
    {
        return Err(Problem::BadMessage {
            detail: "the property belongs to another project".into(),
        });
    }
    if !property.is_writable() {
        return Err(Problem::Refused {
            message: format!("{} cannot be set through the API", property.display_name),
        });
    }
    // An empty value, which Plane takes as "no value", is a clear.
    match edit
        .value
        .as_ref()
        .map(|value| validate_value(property, value))
    {
        None | Some(Ok(Input::Clear)) => Ok(None),
        Some(Ok(Input::Set(typed))) => Ok(Some(typed)),
        Some(Err(e)) => Err(Problem::Refused {
            message: e.to_string(),
        }),
    }
}

/// Whether the key's owner may change the project's values (its facts are read once per project
/// and client): a guest, a viewer or a non-member is refused before anything is sent.
async fn may_edit(client: &PlaneClient, project_id: &str) -> Result<(), Problem> {
    let facts = client
        .project_facts(project_id)
        .await
        .map_err(|e| problem(client, &e))?;
    allowed(facts.project.access())
}

/// A write is allowed to an owner who may edit; otherwise the view-only problem, with the role.
fn allowed(access: Access) -> Result<(), Problem> {
    match access {
        Access::Edit => Ok(()),
        Access::View { role } => Err(Problem::ViewOnly { role }),
    }
}

/// The problem of a work item whose properties Plane's API cannot serve, if it is one.
fn unavailable(loaded: &ItemProperties) -> Result<(), Problem> {
    match loaded.unavailable {
        None => Ok(()),
        Some(Unavailable::Epic) => Err(Problem::NotInApi {
            kind: PageKind::Epic,
        }),
        Some(Unavailable::Untyped) => Err(Problem::Untyped),
    }
}

/// What the service remembers of the panels and tables it loaded.
#[derive(Default)]
struct Known {
    /// Property definitions by id.
    properties: HashMap<String, Property>,
    /// Work item labels (identifier, else name) by work item id.
    labels: HashMap<String, String>,
    /// Project identifiers (`DEMO`) by project id, from the tables loaded.
    projects: HashMap<String, String>,
}

/// The edit service; clones share what it remembers.
#[derive(Clone, Default)]
pub struct EditService {
    known: Rc<RefCell<Known>>,
}

impl std::fmt::Debug for EditService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EditService")
            .field("properties", &self.known.borrow().properties.len())
            .finish()
    }
}

/// Plane's error as data, dated by the client's clock.
pub(crate) fn problem(client: &PlaneClient, error: &PlaneError) -> Problem {
    Problem::from_plane(error, client.scheduler().platform().now_ms())
}

impl EditService {
    /// A service that remembers nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Loads the panel model of `target` (three requests, whatever the number of properties),
    /// linked to its page under `app` when Plane's web app is known.
    pub async fn load(
        &self,
        client: &PlaneClient,
        target: &Target,
        app: Option<&AppBase>,
    ) -> Result<PanelModel, Problem> {
        let loaded = client.load_panel(&target.item).await.map_err(|e| {
            match (&e, target.item.identifier()) {
                // Plane answers an identifier whose project it does not find (or the key
                // cannot see) with its permission 403: the key is fine, the work item is not
                // there for it.
                (PlaneError::Forbidden { .. }, Some(identifier)) => Problem::NotFound {
                    message: format!(
                        "no work item {identifier} in {}, or this token cannot see it",
                        target.workspace
                    ),
                },
                _ => problem(client, &e),
            }
        })?;
        unavailable(&loaded)?;
        let label = target
            .item
            .identifier()
            .map(ToString::to_string)
            .unwrap_or_else(|| loaded.work_item.name.clone());
        self.remember(&loaded.work_item.id, &label, &loaded.properties);
        Ok(panel_model(loaded, target, app))
    }

    /// The label (identifier, else name) of a work item a loaded panel showed.
    pub fn label(&self, work_item_id: &str) -> Option<String> {
        self.known.borrow().labels.get(work_item_id).cloned()
    }

    /// The id of the work item a loaded panel showed under `label` (its identifier), if any.
    pub fn work_item_labelled(&self, label: &str) -> Option<String> {
        self.known
            .borrow()
            .labels
            .iter()
            .find(|(_, known)| known.as_str() == label)
            .map(|(id, _)| id.clone())
    }

    /// Forgets every property and label it remembered (the connections changed).
    pub fn forget(&self) {
        *self.known.borrow_mut() = Known::default();
    }

    fn remember(&self, work_item_id: &str, label: &str, properties: &[Property]) {
        self.remember_label(work_item_id, label);
        self.remember_properties(properties);
    }

    /// Remembers a work item's label (identifier, else name).
    pub(crate) fn remember_label(&self, work_item_id: &str, label: &str) {
        self.known
            .borrow_mut()
            .labels
            .insert(work_item_id.to_owned(), label.to_owned());
    }

    /// Remembers property definitions, so that an edit of one costs no request to find it.
    pub(crate) fn remember_properties(&self, properties: &[Property]) {
        let mut known = self.known.borrow_mut();
        for property in properties {
            known
                .properties
                .insert(property.id.clone(), property.clone());
        }
    }

    /// Remembers a project's identifier (`DEMO`), which names its work items.
    pub(crate) fn remember_project(&self, project_id: &str, identifier: &str) {
        self.known
            .borrow_mut()
            .projects
            .insert(project_id.to_owned(), identifier.to_owned());
    }

    /// The identifier of a project a table showed.
    pub(crate) fn project_identifier(&self, project_id: &str) -> Option<String> {
        self.known.borrow().projects.get(project_id).cloned()
    }

    /// The property an edit names: from a loaded panel, else its work item's panel loaded now.
    pub async fn property(&self, client: &PlaneClient, edit: &Edit) -> Result<Property, Problem> {
        let known = self
            .known
            .borrow()
            .properties
            .get(&edit.property_id)
            .cloned();
        if let Some(property) = known {
            return Ok(property);
        }
        let item = WorkItemRef::Id {
            project_id: edit.project_id.clone(),
            work_item_id: edit.work_item_id.clone(),
        };
        let loaded = client
            .load_panel(&item)
            .await
            .map_err(|e| problem(client, &e))?;
        unavailable(&loaded)?;
        self.remember(
            &loaded.work_item.id,
            &loaded.work_item.name,
            &loaded.properties,
        );
        loaded
            .property(&edit.property_id)
            .cloned()
            .ok_or_else(|| Problem::NotFound {
                message: format!("Property {} not found", edit.property_id),
            })
    }

    /// Looks up the property an edit names and [`check`]s the edit against it, and, when the
    /// project's facts are known, that the key's owner may change its values.
    pub async fn prepare(&self, client: &PlaneClient, edit: &Edit) -> Result<Property, Problem> {
        let property = self.property(client, edit).await?;
        check(&property, edit)?;
        // Only what is known: an edit is kept even when Plane cannot be asked now (a wrong
        // key, offline); sending asks again.
        if let Some(facts) = client.known_project_facts(&edit.project_id) {
            allowed(facts.project.access())?;
        }
        Ok(property)
    }

    /// Sends one checked edit: one upsert, or one DELETE when it clears. With `check_first`
    /// (an earlier attempt may have landed: a stopped worker, a lost answer), the value is read
    /// back first and nothing is sent when Plane already holds it. `on_stage` hears where the
    /// write is while it waits or retries.
    pub async fn send(
        &self,
        client: &PlaneClient,
        edit: &Edit,
        property: &Property,
        check_first: bool,
        on_stage: Rc<dyn Fn(EditStage)>,
    ) -> Result<SavedValue, Problem> {
        let value = check(property, edit)?;
        may_edit(client, &edit.project_id).await?;
        let fail = |e: PlaneError| problem(client, &e);
        let saved = |value: Option<PropertyValue>| SavedValue {
            property_id: edit.property_id.clone(),
            value: value.map(|v| v.to_json()),
        };
        if let (true, Some(expected)) = (check_first, &value) {
            let held = client
                .holds(&edit.project_id, &edit.work_item_id, property, expected)
                .await
                .map_err(fail)?;
            if held {
                return Ok(saved(value));
            }
        }
        let platform = client.scheduler().platform().clone();
        let (work_item_id, property_id) = (edit.work_item_id.clone(), edit.property_id.clone());
        let _subscription = client.scheduler().subscribe(move |progress: &Progress| {
            let target = (work_item_id.as_str(), property_id.as_str());
            if let Some(stage) = edit_stage(progress, target, platform.now_ms()) {
                on_stage(stage);
            }
        });
        match (&edit.value, value) {
            (Some(json), Some(_)) => client
                .save_value(&edit.project_id, &edit.work_item_id, property, json)
                .await
                .map(|s| saved(Some(s.value)))
                .map_err(fail),
            _ => client
                .clear_value(&edit.project_id, &edit.work_item_id, &edit.property_id)
                .await
                .map(|_| saved(None))
                .map_err(fail),
        }
    }

    /// Looks up and sends an edit at once (the widget's path; `send` checks it; the worker keeps a
    /// draft between [`Self::prepare`] and [`Self::send`]).
    pub async fn write(
        &self,
        client: &PlaneClient,
        edit: &Edit,
        on_stage: Rc<dyn Fn(EditStage)>,
    ) -> Result<SavedValue, Problem> {
        let property = self.property(client, edit).await?;
        self.send(client, edit, &property, false, on_stage).await
    }

    /// The workspace's members (all of them: pickers filter as the user types), read once per
    /// client and kept.
    pub async fn members(&self, client: &PlaneClient) -> Result<Vec<Member>, Problem> {
        client
            .known_members()
            .await
            .map_err(|e| problem(client, &e))
    }

    /// At most [`SEARCH_LIMIT`] work items whose name or identifier matches `query` (none for a
    /// blank query, without a request).
    pub async fn search_work_items(
        &self,
        client: &PlaneClient,
        query: &str,
    ) -> Result<Vec<SearchHit>, Problem> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(Vec::new());
        }
        client
            .search_work_items(query, None, SEARCH_LIMIT)
            .await
            .map_err(|e| problem(client, &e))
    }
}
