//! `panel.html`: the panel beside a Plane work item page. Its work item comes from the service
//! worker (which takes the page's address from the browser), never from the page's messages.

use crate::browser::open_options;
use leptos::prelude::*;
use plane_inline_messages::Target;
use plane_inline_ui::{Backend, ExtensionBackend, Hooks, Panel};
use std::rc::Rc;

/// The in-page panel.
#[component]
pub fn PanelPage() -> impl IntoView {
    let backend = ExtensionBackend::connect();
    let target = RwSignal::new(None::<Target>);
    backend.on_page(move |result| {
        let next = result.ok();
        if target.get_untracked() != next {
            target.set(next);
        }
    });
    let hooks = Hooks {
        open_settings: Some(Rc::new(open_options)),
        ..Hooks::default()
    };
    let backend: Rc<dyn Backend> = Rc::new(backend);
    view! { <Panel backend=backend target=target hooks=hooks /> }
}
