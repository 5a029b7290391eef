//! The extension's backend: messages to the service worker over a named `runtime.Port`. The
//! worker holds the keys and talks to Plane; pages only ask. When the worker stops (browsers stop
//! idle service workers) the port closes: the channel connects again and sends the requests
//! still waiting once more (the worker joins a repeated write to the pending draft of the same
//! edit, so nothing is applied twice).

use futures_channel::oneshot;
use futures_util::FutureExt;
use js_sys::{Function, Reflect};
use plane_inline_core::workspace::{Member, SearchHit};
use plane_inline_extension_api as ext;
use plane_inline_messages::{
    Activity, Edit, PANEL_PORT, PanelModel, PortReply, PortRequest, Problem, ProjectPage,
    RequestId, RowValues, RowsPage, RowsRequest, SavedValue, TableModel, TableTarget, Target,
};
use plane_inline_ui::{Backend, OnStage, Pending, Watch};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value as Json;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;

/// How long the channel waits before connecting again after the port closed.
const RECONNECT_MS: u64 = 250;

/// A handler of JSON messages.
type JsonHandler = Rc<dyn Fn(Json)>;
/// A port event listener.
type Listener = Closure<dyn FnMut(JsValue)>;
/// Activity listeners by watch id.
type ActivityList = RefCell<Vec<(u64, Rc<dyn Fn(Activity)>)>>;
/// Shared activity listeners.
type ActivityListeners = Rc<ActivityList>;
/// Where the page's work item goes.
type PageHandler = Rc<RefCell<Option<Rc<dyn Fn(Result<Target, Problem>)>>>>;

/// A request waiting for its answer.
struct Waiting {
    /// The request as sent; after a reconnect it goes again marked `"again": true`, since the
    /// worker that stopped may have handled it (a write is then read back before it is sent).
    request: Json,
    /// Where the answer goes.
    answer: oneshot::Sender<Json>,
    /// Where progress reports (`{"type": "stage"}`) go.
    progress: Option<JsonHandler>,
}

struct Inner {
    name: String,
    port: RefCell<Option<JsValue>>,
    next: Cell<RequestId>,
    waiting: RefCell<HashMap<RequestId, Waiting>>,
    push: RefCell<Option<JsonHandler>>,
    listeners: RefCell<Vec<Listener>>,
}

/// A JSON request/answer channel over a named port to the service worker. Answers carry the
/// request's `id`; an answer of type `stage` is a progress report and the answer follows; a
/// message without an id (the page's work item, connection activity) goes to the push handler.
#[derive(Clone)]
pub struct PortChannel {
    inner: Rc<Inner>,
}

impl std::fmt::Debug for PortChannel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PortChannel")
            .field("name", &self.inner.name)
            .finish()
    }
}

impl PortChannel {
    /// Connects to the service worker on the port `name`.
    pub fn connect(name: &str) -> Self {
        let channel = Self {
            inner: Rc::new(Inner {
                name: name.to_owned(),
                port: RefCell::new(None),
                next: Cell::new(0),
                waiting: RefCell::default(),
                push: RefCell::new(None),
                listeners: RefCell::default(),
            }),
        };
        channel.open();
        channel
    }

    /// Where messages that answer nothing go.
    pub fn on_push(&self, handler: impl Fn(Json) + 'static) {
        *self.inner.push.borrow_mut() = Some(Rc::new(handler));
    }

    fn open(&self) {
        let options = js_sys::Object::new();
        let _ = Reflect::set(&options, &"name".into(), &self.inner.name.as_str().into());
        let Ok(port) = ext::call_sync(&["runtime", "connect"], &[options.into()]) else {
            self.closed();
            return;
        };
        let weak = Rc::downgrade(&self.inner);
        let on_message: Closure<dyn FnMut(JsValue)> = Closure::new(move |message: JsValue| {
            if let (Some(inner), Some(text)) = (weak.upgrade(), message.as_string()) {
                Self { inner }.receive(&text);
            }
        });
        let weak = Rc::downgrade(&self.inner);
        let on_disconnect: Closure<dyn FnMut(JsValue)> = Closure::new(move |_: JsValue| {
            if let Some(inner) = weak.upgrade() {
                Self { inner }.closed();
            }
        });
        for (event, listener) in [("onMessage", &on_message), ("onDisconnect", &on_disconnect)] {
            let target = Reflect::get(&port, &event.into()).unwrap_or(JsValue::UNDEFINED);
            if let Ok(add) =
                Reflect::get(&target, &"addListener".into()).and_then(|f| f.dyn_into::<Function>())
            {
                let _ = add.call1(&target, listener.as_ref());
            }
        }
        let mut listeners = self.inner.listeners.borrow_mut();
        // Listeners of a closed port are dropped after it closed, never while they run.
        listeners.clear();
        listeners.push(on_message);
        listeners.push(on_disconnect);
        drop(listeners);
        *self.inner.port.borrow_mut() = Some(port);
        let again: Vec<String> = self
            .inner
            .waiting
            .borrow()
            .values()
            .map(|w| {
                let mut request = w.request.clone();
                if let Some(fields) = request.as_object_mut() {
                    fields.insert("again".into(), Json::Bool(true));
                }
                request.to_string()
            })
            .collect();
        for text in again {
            self.post(&text);
        }
    }

    fn closed(&self) {
        self.inner.port.borrow_mut().take();
        let weak: Weak<Inner> = Rc::downgrade(&self.inner);
        wasm_bindgen_futures::spawn_local(async move {
            gloo_timers::future::sleep(std::time::Duration::from_millis(RECONNECT_MS)).await;
            if let Some(inner) = weak.upgrade()
                && inner.port.borrow().is_none()
            {
                Self { inner }.open();
            }
        });
    }

    fn post(&self, text: &str) {
        let port = self.inner.port.borrow().clone();
        let Some(port) = port else { return };
        let sent = Reflect::get(&port, &"postMessage".into())
            .and_then(|f| f.dyn_into::<Function>())
            .and_then(|post| post.call1(&port, &text.into()));
        if sent.is_err() {
            self.closed();
        }
    }

    fn receive(&self, text: &str) {
        let Ok(message) = serde_json::from_str::<Json>(text) else {
            return;
        };
        let id = message
            .get("id")
            .and_then(Json::as_u64)
            .and_then(|id| RequestId::try_from(id).ok());
        let Some(id) = id else {
            let push = self.inner.push.borrow().clone();
            if let Some(push) = push {
                push(message);
            }
            return;
        };
        if message.get("type").and_then(Json::as_str) == Some("stage") {
            let progress = self
                .inner
                .waiting
                .borrow()
                .get(&id)
                .and_then(|w| w.progress.clone());
            if let Some(progress) = progress {
                progress(message);
            }
            return;
        }
        let waiting = self.inner.waiting.borrow_mut().remove(&id);
        if let Some(waiting) = waiting {
            let _ = waiting.answer.send(message);
        }
    }

    /// Sends the request `make(id)` and waits for its answer (as JSON), reporting progress
    /// messages to `progress`.
    pub async fn ask_json(
        &self,
        make: impl FnOnce(RequestId) -> Json,
        progress: Option<JsonHandler>,
    ) -> Result<Json, Problem> {
        let id = self.inner.next.get().wrapping_add(1);
        self.inner.next.set(id);
        let request = make(id);
        let text = request.to_string();
        let (answer, answered) = oneshot::channel();
        self.inner.waiting.borrow_mut().insert(
            id,
            Waiting {
                request,
                answer,
                progress,
            },
        );
        self.post(&text);
        answered.await.map_err(|_| Problem::Cancelled)
    }

    /// Sends a typed request and reads the typed answer.
    pub async fn ask<Q: Serialize, A: DeserializeOwned>(
        &self,
        make: impl FnOnce(RequestId) -> Q,
    ) -> Result<A, Problem> {
        let answer = self
            .ask_json(
                |id| serde_json::to_value(make(id)).unwrap_or(Json::Null),
                None,
            )
            .await?;
        read(answer)
    }
}

/// Reads a message as `T`; a message of another shape is a problem, not a panic.
fn read<T: DeserializeOwned>(message: Json) -> Result<T, Problem> {
    serde_json::from_value(message).map_err(|e| Problem::BadMessage {
        detail: e.to_string(),
    })
}

/// The panel's, popup's and table page's backend: `PortRequest`s to the service worker.
#[derive(Clone)]
pub struct ExtensionBackend {
    channel: PortChannel,
    activity: ActivityListeners,
    page: PageHandler,
    next_watch: Rc<Cell<u64>>,
    members: Rc<RefCell<HashMap<String, Vec<Member>>>>,
}

impl std::fmt::Debug for ExtensionBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExtensionBackend")
            .field("channel", &self.channel)
            .finish()
    }
}

impl Default for ExtensionBackend {
    fn default() -> Self {
        Self::connect()
    }
}

impl ExtensionBackend {
    /// Connects to the service worker on the panel port.
    pub fn connect() -> Self {
        let backend = Self {
            channel: PortChannel::connect(PANEL_PORT),
            activity: Rc::default(),
            page: Rc::default(),
            next_watch: Rc::default(),
            members: Rc::default(),
        };
        let (activity, page) = (Rc::clone(&backend.activity), Rc::clone(&backend.page));
        backend
            .channel
            .on_push(move |message| match read::<PortReply>(message) {
                Ok(PortReply::Activity { activity: now }) => {
                    let listeners: Vec<_> = activity
                        .borrow()
                        .iter()
                        .map(|(_, l)| Rc::clone(l))
                        .collect();
                    for listener in listeners {
                        listener(now.clone());
                    }
                }
                Ok(PortReply::Page { result }) => {
                    let handler = page.borrow().clone();
                    if let Some(handler) = handler {
                        handler(result);
                    }
                }
                _ => {}
            });
        backend
    }

    /// Where the work item of the page around the panel goes (sent by the service worker when
    /// the panel connects and whenever the page changes).
    pub fn on_page(&self, handler: impl Fn(Result<Target, Problem>) + 'static) {
        *self.page.borrow_mut() = Some(Rc::new(handler));
    }

    /// Sends any panel request and returns the worker's answer.
    pub async fn ask(
        &self,
        make: impl FnOnce(RequestId) -> PortRequest,
    ) -> Result<PortReply, Problem> {
        let reply: PortReply = self.channel.ask(make).await?;
        match reply {
            PortReply::Refused { problem, .. } => Err(problem),
            other => Ok(other),
        }
    }

    /// Which project the page at `url` belongs to (the popup's active tab), to offer its
    /// table: a project's work items page, or any of its work items' pages.
    pub async fn recognise_project(&self, url: &str) -> Result<ProjectPage, Problem> {
        let url = url.to_owned();
        match self
            .ask(|id| PortRequest::RecogniseProject { id, url })
            .await?
        {
            PortReply::ProjectRecognised { result, .. } => result,
            other => Err(unexpected(&other)),
        }
    }

    async fn send_write(&self, edit: Edit, on_stage: OnStage) -> Result<SavedValue, Problem> {
        let progress: Rc<dyn Fn(Json)> = Rc::new(move |message| {
            if let Ok(PortReply::Stage { stage, .. }) = read::<PortReply>(message) {
                on_stage(stage);
            }
        });
        let answer = self
            .channel
            .ask_json(
                |id| {
                    let again = false; // the channel marks what it sends again
                    serde_json::to_value(PortRequest::Write { id, edit, again })
                        .unwrap_or(Json::Null)
                },
                Some(progress),
            )
            .await?;
        match read::<PortReply>(answer)? {
            PortReply::Written { result, .. } => result,
            PortReply::Refused { problem, .. } => Err(problem),
            other => Err(unexpected(&other)),
        }
    }
}

fn unexpected(reply: &PortReply) -> Problem {
    Problem::BadMessage {
        detail: format!("unexpected answer {reply:?}"),
    }
}

impl Backend for ExtensionBackend {
    fn load(&self, target: &Target) -> Pending<'_, PanelModel> {
        let target = target.clone();
        async move {
            match self.ask(|id| PortRequest::Load { id, target }).await? {
                PortReply::Loaded { result, .. } => result,
                other => Err(unexpected(&other)),
            }
        }
        .boxed_local()
    }

    fn write(&self, edit: &Edit, on_stage: OnStage) -> Pending<'_, SavedValue> {
        self.send_write(edit.clone(), on_stage).boxed_local()
    }

    fn search_members(&self, workspace: &str, query: &str) -> Pending<'_, Vec<Member>> {
        let (workspace, query) = (workspace.to_owned(), query.to_owned());
        async move {
            let cached = self.members.borrow().get(&workspace).cloned();
            let members = match cached {
                Some(members) => members,
                None => {
                    let asked = workspace.clone();
                    let reply = self
                        .ask(|id| PortRequest::SearchMembers {
                            id,
                            workspace: asked,
                            query: String::new(),
                        })
                        .await?;
                    let members = match reply {
                        PortReply::Members { result, .. } => result?,
                        other => return Err(unexpected(&other)),
                    };
                    self.members
                        .borrow_mut()
                        .insert(workspace.clone(), members.clone());
                    members
                }
            };
            Ok(members.into_iter().filter(|m| m.matches(&query)).collect())
        }
        .boxed_local()
    }

    fn search_work_items(&self, workspace: &str, query: &str) -> Pending<'_, Vec<SearchHit>> {
        let (workspace, query) = (workspace.to_owned(), query.to_owned());
        async move {
            match self
                .ask(|id| PortRequest::SearchWorkItems {
                    id,
                    workspace,
                    query,
                })
                .await?
            {
                PortReply::WorkItems { result, .. } => result,
                other => Err(unexpected(&other)),
            }
        }
        .boxed_local()
    }

    fn table(&self, target: &TableTarget) -> Pending<'_, TableModel> {
        let target = target.clone();
        async move {
            match self.ask(|id| PortRequest::Table { id, target }).await? {
                PortReply::Table { result, .. } => result,
                other => Err(unexpected(&other)),
            }
        }
        .boxed_local()
    }

    fn rows(&self, request: &RowsRequest) -> Pending<'_, RowsPage> {
        let request = request.clone();
        async move {
            match self.ask(|id| PortRequest::Rows { id, request }).await? {
                PortReply::Rows { result, .. } => result,
                other => Err(unexpected(&other)),
            }
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
            match self
                .ask(|id| PortRequest::RowValues {
                    id,
                    workspace,
                    project_id,
                    work_item_id,
                })
                .await?
            {
                PortReply::RowValues { result, .. } => result,
                other => Err(unexpected(&other)),
            }
        }
        .boxed_local()
    }

    fn watch(&self, listener: Rc<dyn Fn(Activity)>) -> Watch {
        let id = self.next_watch.get() + 1;
        self.next_watch.set(id);
        self.activity.borrow_mut().push((id, listener));
        Watch::new(Unwatch {
            id,
            listeners: Rc::downgrade(&self.activity),
        })
    }
}

/// Removes an activity listener when dropped.
struct Unwatch {
    id: u64,
    listeners: Weak<ActivityList>,
}

impl Drop for Unwatch {
    fn drop(&mut self) {
        if let Some(listeners) = self.listeners.upgrade() {
            listeners.borrow_mut().retain(|(id, _)| *id != self.id);
        }
    }
}
