//! The widget's backend: the edit service in the page itself, over a client whose API base is
//! the key-holding proxy. It only turns the service's answers into the panel's [`Backend`].

use futures_util::FutureExt;
use plane_inline_client::PlaneClient;
use plane_inline_client::core::web_url::AppBase;
use plane_inline_client::core::workspace::{Member, SearchHit};
use plane_inline_edit::{EditService, activity_of};
use plane_inline_messages::{
    Activity, Edit, PanelModel, Problem, RowValues, RowsPage, RowsRequest, SavedValue, TableModel,
    TableTarget, Target,
};
use plane_inline_ui::{Backend, OnStage, Pending, Watch};
use std::rc::Rc;

/// A backend that talks to Plane (through the proxy) from the page itself.
#[derive(Clone)]
pub struct DirectBackend {
    client: PlaneClient,
    app_base: Option<AppBase>,
    edits: EditService,
}

impl DirectBackend {
    /// A backend over `client`; with `app_base` (Plane's web app, e.g. `https://app.plane.so`),
    /// panels link to the work item there.
    pub fn new(client: PlaneClient, app_base: Option<AppBase>) -> Self {
        Self {
            client,
            app_base,
            edits: EditService::new(),
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
}

impl Backend for DirectBackend {
    fn load(&self, target: &Target) -> Pending<'_, PanelModel> {
        let target = target.clone();
        async move {
            let client = self.workspace(&target.workspace)?;
            self.edits
                .load(&client, &target, self.app_base.as_ref())
                .await
        }
        .boxed_local()
    }

    fn write(&self, edit: &Edit, on_stage: OnStage) -> Pending<'_, SavedValue> {
        let edit = edit.clone();
        async move {
            let client = self.workspace(&edit.workspace)?;
            self.edits.write(&client, &edit, on_stage).await
        }
        .boxed_local()
    }

    fn search_members(&self, workspace: &str, query: &str) -> Pending<'_, Vec<Member>> {
        let (workspace, query) = (workspace.to_owned(), query.to_owned());
        async move {
            let members = self.edits.members(&self.workspace(&workspace)?).await?;
            Ok(members.into_iter().filter(|m| m.matches(&query)).collect())
        }
        .boxed_local()
    }

    fn search_work_items(&self, workspace: &str, query: &str) -> Pending<'_, Vec<SearchHit>> {
        let (workspace, query) = (workspace.to_owned(), query.to_owned());
        async move {
            let client = self.workspace(&workspace)?;
            self.edits.search_work_items(&client, &query).await
        }
        .boxed_local()
    }

    fn table(&self, target: &TableTarget) -> Pending<'_, TableModel> {
        let target = target.clone();
        async move {
            let client = self.workspace(&target.workspace)?;
            self.edits
                .table(&client, &target, self.app_base.as_ref())
                .await
        }
        .boxed_local()
    }

    fn rows(&self, request: &RowsRequest) -> Pending<'_, RowsPage> {
        let request = request.clone();
        async move {
            let client = self.workspace(&request.workspace)?;
            self.edits.rows(&client, &request).await
        }
        .boxed_local()
    }

    fn row_values(
        &self,
        workspace: &str,
        project_id: &str,
        work_item_id: &str,
    ) -> Pending<'_, RowValues> {
        let (workspace, project_id, work_item_id) = (
            workspace.to_owned(),
            project_id.to_owned(),
            work_item_id.to_owned(),
        );
        async move {
            let client = self.workspace(&workspace)?;
            self.edits
                .row_values(&client, &project_id, &work_item_id)
                .await
        }
        .boxed_local()
    }

    fn watch(&self, listener: Rc<dyn Fn(Activity)>) -> Watch {
        let subscription = self.client.scheduler().subscribe(move |progress| {
            if let Some(activity) = activity_of(progress) {
                listener(activity);
            }
        });
        Watch::new(subscription)
    }
}
