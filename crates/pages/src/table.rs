//! `table.html?workspace=acme&project=WEB`: the table of a project's work items in a tab of its
//! own, opened from the popup. Its address names the project; the service worker checks it like
//! any request and reads it with the connection of that workspace.

use crate::backend::ExtensionBackend;
use crate::browser::open_options;
use leptos::prelude::*;
use plane_inline_messages::TableTarget;
use plane_inline_ui::text::table as words;
use plane_inline_ui::{Backend, Hooks, Table};
use std::rc::Rc;

/// The page's address for the table of `target` (relative to the extension's root).
pub fn address(target: &TableTarget) -> String {
    let query = web_sys::UrlSearchParams::new().ok();
    match query {
        Some(query) => {
            query.append("workspace", &target.workspace);
            query.append("project", &target.project);
            format!("table.html?{}", String::from(query.to_string()))
        }
        None => "table.html".to_owned(),
    }
}

/// The project this page's address names, if it names one.
fn target() -> Option<TableTarget> {
    let search = web_sys::window()?.location().search().ok()?;
    let query = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    let workspace = query.get("workspace")?.trim().to_owned();
    let project = query.get("project")?.trim().to_owned();
    (!workspace.is_empty() && !project.is_empty()).then_some(TableTarget { workspace, project })
}

/// The table page.
#[component]
pub fn TablePage() -> impl IntoView {
    let Some(target) = target() else {
        return view! { <p class="pe-note">{words::words::NO_PROJECT}</p> }.into_any();
    };
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{} · Plane Inline", words::title(&target.project)));
    }
    let hooks = Hooks {
        open_settings: Some(Rc::new(open_options)),
        ..Hooks::default()
    };
    let backend: Rc<dyn Backend> = Rc::new(ExtensionBackend::connect());
    view! { <Table backend=backend target=target hooks=hooks /> }.into_any()
}
