//! The direct backend: a [`PlaneClient`] in the same page. The widget uses it (its API base is
//! the key-holding proxy), and so do the UI's own tests against the sandbox.

use super::{Backend, OnStage, Pending, Watch, member_matches};
use crate::clock::now_ms;
use futures_util::FutureExt;
use plane_inline_client::core::http::Method;
use plane_inline_client::{PlaneClient, Progress, Stage, WorkItemRef};
use plane_inline_core::error::PlaneError;
use plane_inline_core::property::Property;
use plane_inline_core::web_url::AppBase;
use plane_inline_core::workspace::{Member, SearchHit};
use plane_inline_messages::{
    Activity, Edit, EditStage, ItemRef, PanelModel, Problem, SavedValue, Target,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// How many work items a search offers.
const SEARCH_LIMIT: u32 = 10;

/// A backend that talks to Plane (or a proxy) from the page itself.
#[derive(Clone)]
pub struct DirectBackend {
    client: PlaneClient,
    app_base: Option<AppBase>,
    /// Property definitions seen in loaded panels, so a save needs no extra request.
    known: Rc<RefCell<HashMap<String, Property>>>,
}

impl DirectBackend {
    /// A backend over `client`; with `app_base` (Plane's web app, e.g. `https://app.plane.so`),
    /// panels link to the work item there.
    pub fn new(client: PlaneClient, app_base: Option<AppBase>) -> Self {
        Self {
            client,
            app_base,
            known: Rc::default(),
        }
    }

    /// The client (and so the one scheduler every panel of this backend shares).
    pub fn client(&self) -> &PlaneClient {
        &self.client
    }

    fn workspace(&self, slug: &str) -> Result<PlaneClient, Problem> {
        self.client
            .for_workspace(slug)
            .map_err(|e| Problem::BadMessage {
                detail: e.to_string(),
            })
    }

    fn web_url(&self, target: &Target, model: &PanelModel) -> Option<String> {
        let base = self.app_base.as_ref()?;
        let path = match &target.item {
            ItemRef::Identifier { identifier } => format!("browse/{identifier}/"),
            ItemRef::Id { .. } => format!(
                "projects/{}/issues/{}",
                model.work_item.project, model.work_item.id
            ),
        };
        Some(base.join(&format!("/{}/{path}", target.workspace)))
    }

    async fn write(&self, edit: &Edit, on_stage: OnStage) -> Result<SavedValue, Problem> {
        let client = self.workspace(&edit.workspace)?;
        // Progress of this edit's own request (its path names the property), for as long as
        // the write lasts.
        let marker = format!("/work-item-properties/{}/values/", edit.property_id);
        let _subscription = client.scheduler().subscribe(move |progress: &Progress| {
            let writes = matches!(progress.method, Method::Post | Method::Delete);
            if writes
                && progress.path.ends_with(&marker)
                && let Some(stage) = edit_stage(&progress.stage)
            {
                on_stage(stage);
            }
        });
        let fail = |e: PlaneError| Problem::from_plane(&e, now_ms());
        match &edit.value {
            Some(value) => {
                let model = self.property_of(&client, edit).await?;
                let saved = client
                    .save_value(&edit.project_id, &edit.work_item_id, &model, value)
                    .await
                    .map_err(fail)?;
                Ok(SavedValue {
                    property_id: edit.property_id.clone(),
                    value: Some(saved.value.to_json()),
                })
            }
            None => {
                client
                    .clear_value(&edit.project_id, &edit.work_item_id, &edit.property_id)
                    .await
                    .map_err(fail)?;
                Ok(SavedValue {
                    property_id: edit.property_id.clone(),
                    value: None,
                })
            }
        }
    }

    /// The property an edit names, from the last model loaded for its work item.
    async fn property_of(&self, client: &PlaneClient, edit: &Edit) -> Result<Property, Problem> {
        if let Some(property) = self.known_property(edit) {
            return Ok(property);
        }
        let item = WorkItemRef::Id {
            project_id: edit.project_id.clone(),
            work_item_id: edit.work_item_id.clone(),
        };
        let model = client
            .load_panel(&item)
            .await
            .map_err(|e| Problem::from_plane(&e, now_ms()))?;
        let property = model.property(&edit.property_id).cloned();
        self.remember(model.properties.clone());
        property.ok_or_else(|| Problem::NotFound {
            message: format!("Property {} not found", edit.property_id),
        })
    }

    fn known_property(&self, edit: &Edit) -> Option<Property> {
        self.known.borrow().get(&edit.property_id).cloned()
    }

    fn remember(&self, properties: Vec<Property>) {
        let mut known = self.known.borrow_mut();
        for property in properties {
            known.insert(property.id.clone(), property);
        }
    }
}

/// An edit's stage from the scheduler's report; `None` for the end (the result says it).
fn edit_stage(stage: &Stage) -> Option<EditStage> {
    match stage {
        Stage::Queued { .. } => Some(EditStage::Queued),
        Stage::WaitingForRateLimit { until_ms } => Some(EditStage::RateLimited {
            until_ms: *until_ms,
        }),
        Stage::InFlight { .. } | Stage::Verifying => Some(EditStage::Sending),
        Stage::RetryScheduled { at_ms, error, .. } => Some(EditStage::Retrying {
            at_ms: *at_ms,
            problem: Problem::from_plane(error, now_ms()),
        }),
        Stage::Answered { .. } | Stage::Failed { .. } => None,
    }
}

impl Backend for DirectBackend {
    fn load(&self, target: &Target) -> Pending<'_, PanelModel> {
        let target = target.clone();
        async move {
            let client = self.workspace(&target.workspace)?;
            let model = client
                .load_panel(&WorkItemRef::from(&target.item))
                .await
                .map_err(|e| Problem::from_plane(&e, now_ms()))?;
            self.remember(model.properties.clone());
            let identifier = match &target.item {
                ItemRef::Identifier { identifier } => Some(identifier.to_string()),
                ItemRef::Id { .. } => None,
            };
            let mut model = PanelModel::from_client(model, identifier, None);
            model.web_url = self.web_url(&target, &model);
            Ok(model)
        }
        .boxed_local()
    }

    fn save(&self, edit: &Edit, on_stage: OnStage) -> Pending<'_, SavedValue> {
        let edit = edit.clone();
        async move {
            if edit.value.is_none() {
                return Err(Problem::BadMessage {
                    detail: "a save needs a value".into(),
                });
            }
            self.write(&edit, on_stage).await
        }
        .boxed_local()
    }

    fn clear(&self, edit: &Edit, on_stage: OnStage) -> Pending<'_, SavedValue> {
        let edit = Edit {
            value: None,
            ..edit.clone()
        };
        async move { self.write(&edit, on_stage).await }.boxed_local()
    }

    fn search_members(&self, workspace: &str, query: &str) -> Pending<'_, Vec<Member>> {
        let (workspace, query) = (workspace.to_owned(), query.to_owned());
        async move {
            // The client reads a workspace's members once and keeps them.
            let members = self
                .workspace(&workspace)?
                .known_members()
                .await
                .map_err(|e| Problem::from_plane(&e, now_ms()))?;
            Ok(members
                .into_iter()
                .filter(|m| member_matches(m, &query))
                .collect())
        }
        .boxed_local()
    }

    fn search_work_items(&self, workspace: &str, query: &str) -> Pending<'_, Vec<SearchHit>> {
        let (workspace, query) = (workspace.to_owned(), query.to_owned());
        async move {
            if query.trim().is_empty() {
                return Ok(Vec::new());
            }
            self.workspace(&workspace)?
                .search_work_items(query.trim(), None, SEARCH_LIMIT)
                .await
                .map_err(|e| Problem::from_plane(&e, now_ms()))
        }
        .boxed_local()
    }

    fn watch(&self, listener: Rc<dyn Fn(Activity)>) -> Watch {
        let subscription = self.client.scheduler().subscribe(move |progress| {
            if let Some(activity) = Activity::from_progress(progress) {
                listener(activity);
            }
        });
        Watch::new(subscription)
    }
}
