//! The one port through which the panel reaches Plane. Two adapters implement it, each a thin
//! layer over the one edit service (`plane-inline-edit`): the widget's (the service in the same
//! page, `plane-inline-widget`) and the extension's (messages to its service worker,
//! `plane-inline-pages`). Both exchange the types of `plane-inline-messages`; the UI knows neither
//! the client nor the extension.

use futures_util::future::LocalBoxFuture;
use plane_inline_core::workspace::{Member, SearchHit};
use plane_inline_messages::{
    Activity, Edit, EditStage, PanelModel, Problem, RowValues, RowsPage, RowsRequest, SavedValue,
    TableModel, TableTarget, Target,
};
use std::rc::Rc;

/// An operation on its way; the client's futures are not `Send`.
pub type Pending<'a, T> = LocalBoxFuture<'a, Result<T, Problem>>;

/// Where an edit reports its stages while it waits or retries.
pub type OnStage = Rc<dyn Fn(EditStage)>;

/// A subscription to connection activity; dropping it ends the subscription.
pub struct Watch {
    _guard: Box<dyn std::any::Any>,
}

impl Watch {
    /// Wraps whatever keeps the subscription alive (dropped when the watch is).
    pub fn new(guard: impl std::any::Any) -> Self {
        Self {
            _guard: Box::new(guard),
        }
    }
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

/// What the panel needs from whoever talks to Plane.
pub trait Backend {
    /// Loads the panel model of a work item (three requests, whatever the number of properties).
    fn load(&self, target: &Target) -> Pending<'_, PanelModel>;
    /// Writes an edit: one upsert when `edit.value` is `Some`, one DELETE when it is `None`.
    fn write(&self, edit: &Edit, on_stage: OnStage) -> Pending<'_, SavedValue>;
    /// Members of the workspace whose name or email contains `query` (all when blank).
    fn search_members(&self, workspace: &str, query: &str) -> Pending<'_, Vec<Member>>;
    /// Work items whose name or identifier matches `query`.
    fn search_work_items(&self, workspace: &str, query: &str) -> Pending<'_, Vec<SearchHit>>;
    /// Reads what a table of a project needs once: the project, its types with their
    /// properties, the members (definitions and members are read once per client and kept).
    fn table(&self, target: &TableTarget) -> Pending<'_, TableModel>;
    /// Reads one page of a table's rows (one request, paced like any other).
    fn rows(&self, request: &RowsRequest) -> Pending<'_, RowsPage>;
    /// Reads one row's values (one request: the all-values list).
    fn row_values(
        &self,
        workspace: &str,
        project_id: &str,
        work_item_id: &str,
    ) -> Pending<'_, RowValues>;
    /// Reports connection activity until the returned watch is dropped.
    fn watch(&self, listener: Rc<dyn Fn(Activity)>) -> Watch;
}

/// Hears about one saved value.
pub type OnSaved = Rc<dyn Fn(&SavedValue)>;
/// Hears about one problem.
pub type OnProblem = Rc<dyn Fn(&Problem)>;

/// What the host page or extension wants to hear about, and how a key can be fixed there.
#[derive(Clone, Default)]
pub struct Hooks {
    /// A value was saved or cleared.
    pub saved: Option<OnSaved>,
    /// An operation failed.
    pub failed: Option<OnProblem>,
    /// Opens the place where the API key is set (the extension's options page); `None` when
    /// the key is not the user's to change (the widget's proxy holds it).
    pub open_settings: Option<Rc<dyn Fn()>>,
}

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("saved", &self.saved.is_some())
            .field("failed", &self.failed.is_some())
            .field("open_settings", &self.open_settings.is_some())
            .finish()
    }
}
