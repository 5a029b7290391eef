//! `panel.html`: the panel beside a Plane work item page, and (`panel.html?card`) the panel in a
//! work item reference's card on a site the user enabled. Its work item comes from the service
//! worker (which takes the page's address from the browser, or the card's reference from the
//! references script), never from the page's messages. In a card, Escape that no field used
//! closes the card.

use crate::backend::ExtensionBackend;
use crate::browser::open_options;
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_messages::{PortRequest, Problem, Target};
use plane_inline_ui::{Backend, Hooks, Panel};
use std::rc::Rc;

/// Whether this panel sits in a reference's card.
fn is_card() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|search| search == "?card")
}

/// The in-page panel.
#[component]
pub fn PanelPage() -> impl IntoView {
    let backend = ExtensionBackend::connect();
    let target = RwSignal::new(None::<Target>);
    let unreachable = RwSignal::new(None::<Problem>);
    backend.on_page(move |result| {
        // An epic, archived or intake page is said as such; any other problem shows no item.
        let (next, problem) = match result {
            Ok(found) => (Some(found), None),
            Err(problem @ Problem::NotInApi { .. }) => (None, Some(problem)),
            Err(_) => (None, None),
        };
        if unreachable.get_untracked() != problem {
            unreachable.set(problem);
        }
        if target.get_untracked() != next {
            target.set(next);
        }
    });
    if is_card() {
        let closer = backend.clone();
        let handle = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && !ev.default_prevented() {
                ev.prevent_default();
                let closer = closer.clone();
                spawn_local(async move {
                    let _ = closer.ask(|id| PortRequest::CloseCard { id }).await;
                });
            }
        });
        on_cleanup(move || handle.remove());
    }
    let hooks = Hooks {
        open_settings: Some(Rc::new(open_options)),
        ..Hooks::default()
    };
    let backend: Rc<dyn Backend> = Rc::new(backend);
    view! { <Panel backend=backend target=target hooks=hooks unreachable=unreachable /> }
}
