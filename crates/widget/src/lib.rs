//! The embeddable widget: `www/plane-inline.js` defines the `<plane-inline-editor>` element and
//! calls [`mount_editor`] with a container in the element's shadow root, and the
//! `<plane-inline-table>` element, which calls [`mount_table`] (the table of a project's work
//! items). Requests go to the
//! element's `api-base`, a proxy that adds the key on the server side: no key is ever in the page.
//! Every editor with the same API base shares one client, and so one pacing scheduler; bases
//! are compared in core's normal form, so `https://Proxy.example/plane/` and
//! `https://proxy.example/plane` are one base.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use plane_inline_client::core::web_url::AppBase;
use plane_inline_client::{ApiBase, ClientConfig, PlaneClient};
use plane_inline_messages::{Problem, SavedValue, TableTarget, Target};
use plane_inline_ui::{Hooks, Panel, Table, Theme};

mod backend;
pub use backend::DirectBackend;
use serde::Deserialize;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// What the loader passes when it mounts an editor.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Options {
    api_base: String,
    workspace: String,
    #[serde(default)]
    work_item: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    app_base: Option<String>,
}

thread_local! {
    /// One backend per API base: every editor on the page shares its scheduler.
    static BACKENDS: RefCell<HashMap<String, DirectBackend>> = RefCell::new(HashMap::new());
}

/// The backend for an API base (made once per page).
fn backend(
    api_base: &str,
    workspace: &str,
    app_base: Option<&str>,
) -> Result<DirectBackend, JsError> {
    let refused = |e: &dyn std::fmt::Display| JsError::new(&format!("plane-inline-editor: {e}"));
    let key = ApiBase::parse(api_base)
        .map_err(|e| refused(&e))?
        .to_string();
    if let Some(found) = BACKENDS.with(|b| b.borrow().get(&key).cloned()) {
        return Ok(found);
    }
    let config = ClientConfig::new(api_base, workspace, None).map_err(|e| refused(&e))?;
    let app_base = match app_base.map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => Some(text.parse::<AppBase>().map_err(|e| refused(&e))?),
        None => None,
    };
    let backend = DirectBackend::new(PlaneClient::new(config), app_base);
    BACKENDS.with(|b| b.borrow_mut().insert(key, backend.clone()));
    Ok(backend)
}

/// A mounted editor; the loader keeps it and calls its setters when attributes change.
#[wasm_bindgen]
pub struct Editor {
    target: RwSignal<Option<Target>>,
    theme: RwSignal<Theme>,
    workspace: String,
    mounted: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

#[wasm_bindgen]
impl Editor {
    /// Shows another work item (`PROJ-123`); blank or unreadable shows none.
    #[wasm_bindgen(js_name = setWorkItem)]
    pub fn set_work_item(&mut self, workspace: Option<String>, work_item: Option<String>) {
        if let Some(workspace) = workspace.filter(|w| !w.trim().is_empty()) {
            self.workspace = workspace.trim().to_owned();
        }
        self.target
            .set(target(&self.workspace, work_item.as_deref()));
    }

    /// `light`, `dark` or `auto`.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&self, theme: Option<String>) {
        self.theme
            .set(theme.unwrap_or_default().parse().unwrap_or_default());
    }

    /// Removes the panel.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }
}

fn target(workspace: &str, work_item: Option<&str>) -> Option<Target> {
    Target::identifier(workspace, work_item?)
}

/// Mounts the panel in `container`. `on_saved` and `on_error` receive the details the element
/// sends as `plane-inline:saved` and `plane-inline:error` events.
#[wasm_bindgen(js_name = mountEditor)]
pub fn mount_editor(
    container: web_sys::HtmlElement,
    options: JsValue,
    on_saved: js_sys::Function,
    on_error: js_sys::Function,
) -> Result<Editor, JsError> {
    let options: Options = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("plane-inline-editor options: {e}")))?;
    let backend = backend(
        &options.api_base,
        &options.workspace,
        options.app_base.as_deref(),
    )?;
    let workspace = options.workspace.trim().to_owned();
    let target = RwSignal::new(target(&workspace, options.work_item.as_deref()));
    let theme = RwSignal::new(
        options
            .theme
            .as_deref()
            .unwrap_or("auto")
            .parse()
            .unwrap_or_default(),
    );
    let hooks = events(on_saved, on_error);
    let backend: Rc<dyn plane_inline_ui::Backend> = Rc::new(backend);
    let mounted = leptos::mount::mount_to(container, move || {
        view! { <Panel backend=backend target=target theme=theme hooks=hooks inline_style=false /> }
            .into_any()
    });
    Ok(Editor {
        target,
        theme,
        workspace,
        mounted: Some(mounted),
    })
}

/// What the loader passes when it mounts a table.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TableOptions {
    api_base: String,
    workspace: String,
    project: String,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    app_base: Option<String>,
}

/// A mounted table; dropping or unmounting it removes the view.
#[wasm_bindgen]
pub struct TableView {
    mounted: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

#[wasm_bindgen]
impl TableView {
    /// Removes the table.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }
}

/// Mounts the table of a project's work items in `container`, with the same events as an
/// editor. Its requests share the API base's one scheduler with every editor on the page.
#[wasm_bindgen(js_name = mountTable)]
pub fn mount_table(
    container: web_sys::HtmlElement,
    options: JsValue,
    on_saved: js_sys::Function,
    on_error: js_sys::Function,
) -> Result<TableView, JsError> {
    let options: TableOptions = serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("plane-inline-table options: {e}")))?;
    let backend = backend(
        &options.api_base,
        &options.workspace,
        options.app_base.as_deref(),
    )?;
    let target = TableTarget {
        workspace: options.workspace.trim().to_owned(),
        project: options.project.trim().to_owned(),
    };
    if target.workspace.is_empty() || target.project.is_empty() {
        return Err(JsError::new(
            "plane-inline-table: set its workspace and project attributes",
        ));
    }
    let theme: Theme = options
        .theme
        .as_deref()
        .unwrap_or("auto")
        .parse()
        .unwrap_or_default();
    let hooks = events(on_saved, on_error);
    let backend: Rc<dyn plane_inline_ui::Backend> = Rc::new(backend);
    let mounted = leptos::mount::mount_to(container, move || {
        view! { <Table backend=backend target=target theme=theme hooks=hooks inline_style=false /> }
            .into_any()
    });
    Ok(TableView {
        mounted: Some(mounted),
    })
}

/// The panel's style sheet, which the loader adopts as a constructed style sheet (so a host page
/// needs no `'unsafe-inline'` in its `style-src`).
#[wasm_bindgen(js_name = panelStyle)]
pub fn panel_style() -> String {
    plane_inline_ui::STYLE.to_owned()
}

/// How the requests of the editors using `api_base` are paced: one scheduler for all of them.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Pacing {
    /// Schedulers (one per API base) on this page.
    schedulers: usize,
    /// Requests sent through this API base's scheduler.
    sent: u64,
    /// Answers that were 429.
    rate_limited: u64,
    /// Requests waiting now.
    queued: usize,
    /// The rate limit assumed, per minute.
    limit_per_minute: u32,
}

/// The pacing of the editors that use `api_base` (`null` when none does), for host pages that
/// want to show it.
#[wasm_bindgen]
pub fn pacing(api_base: &str) -> JsValue {
    BACKENDS.with(|backends| {
        let backends = backends.borrow();
        let key = ApiBase::parse(api_base).map(|base| base.to_string());
        let found = key.ok().and_then(|key| backends.get(&key));
        found.map_or(JsValue::NULL, |backend| {
            let scheduler = backend.client().scheduler();
            let (stats, summary) = (scheduler.stats(), scheduler.summary());
            to_js(&Pacing {
                schedulers: backends.len(),
                sent: stats.sent,
                rate_limited: stats.rate_limited,
                queued: summary.queued,
                limit_per_minute: summary.limit_per_minute,
            })
        })
    })
}

/// The hooks that turn saved values and problems into the element's `plane-inline:saved` and
/// `plane-inline:error` events (the loader's callbacks); a host page has no settings to open.
fn events(on_saved: js_sys::Function, on_error: js_sys::Function) -> Hooks {
    Hooks {
        saved: Some(Rc::new(move |saved: &SavedValue| {
            let _ = on_saved.call1(&JsValue::NULL, &to_js(saved));
        })),
        failed: Some(Rc::new(move |problem: &Problem| {
            let _ = on_error.call1(&JsValue::NULL, &to_js(problem));
        })),
        open_settings: None,
    }
}

/// Plain JavaScript objects (not `Map`s) for event details.
fn to_js(value: &impl serde::Serialize) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}
