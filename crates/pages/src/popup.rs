//! `popup.html`: the toolbar popup. The panel for the active tab's work item; otherwise a box to
//! type an identifier (`PROJ-123`) or paste a Plane link; "Enable on this site" for the active
//! tab's site (work item cards there); recent work items; and the edits not yet saved in Plane,
//! each with "Send again" and "Discard". On a page of a project (its work items, or one of
//! them), "Table of PROJ" opens the table of its work items in a tab.

use crate::backend::ExtensionBackend;
use crate::browser::{self, active_tab, open_options, request_hosts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::work_item::WorkItemRef;
use plane_inline_messages::{
    Draft, PortReply, PortRequest, Problem, ProjectPage, SiteStatus, TableTarget, Target,
};
use plane_inline_ui::text::{self, extension as words};
use plane_inline_ui::{Backend, Panel};
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;

/// A recent item's label: its identifier, or its id.
fn label(target: &Target) -> String {
    target.item.to_string()
}

/// The toolbar popup.
#[component]
pub fn PopupPage() -> impl IntoView {
    let backend = StoredValue::new_local(ExtensionBackend::connect());
    let target = RwSignal::new(None::<Target>);
    let typed = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let drafts = RwSignal::new(Vec::<Draft>::new());
    let draft_problem = RwSignal::new(None::<Problem>);
    let recent = RwSignal::new(browser::recent());
    let tab = RwSignal::new(None::<(i64, String)>);
    let site = RwSignal::new(None::<SiteStatus>);
    let site_problem = RwSignal::new(None::<Problem>);
    let not_connected = RwSignal::new(false);
    let project = RwSignal::new(None::<ProjectPage>);

    let show = move |next: Target| {
        // A work item named by its identifier names its project too: its table is offered.
        if let WorkItemRef::Identifier { identifier } = &next.item {
            project.set(Some(ProjectPage {
                target: TableTarget {
                    workspace: next.workspace.clone(),
                    project: identifier.project.clone(),
                },
                label: identifier.project.clone(),
            }));
        }
        browser::remember(&next);
        recent.set(browser::recent());
        target.set(Some(next));
    };
    let refresh = move || {
        let backend = backend.get_value();
        spawn_local(async move {
            if let Ok(PortReply::Drafts { drafts: list, .. }) =
                backend.ask(|id| PortRequest::Drafts { id }).await
            {
                drafts.set(list);
            }
        });
    };
    refresh();
    spawn_local(async move {
        let Some((tab_id, url)) = active_tab().await else {
            return;
        };
        tab.set(Some((tab_id, url.clone())));
        let backend = backend.get_value();
        let page = url.clone();
        if let Ok(found) = backend.recognise_project(&page).await {
            project.set(Some(found));
        }
        let asked = backend
            .ask(|id| PortRequest::Recognise { id, url: page })
            .await;
        match asked {
            Ok(PortReply::Recognised {
                result: Ok(found), ..
            }) => {
                show(found);
                return;
            }
            Ok(PortReply::Recognised {
                result: Err(Problem::KeyMissing),
                ..
            }) => {
                not_connected.set(true);
                return;
            }
            _ => {}
        }
        if let Ok(PortReply::Site {
            result: Ok(status), ..
        }) = backend.ask(|id| PortRequest::Site { id, url }).await
        {
            site.set(Some(status));
        }
    });

    // The host permission is asked for in the click itself (browsers require it), then the
    // worker registers the references script there. The worker is told first, so that it
    // finishes the job if the browser closes the popup while its prompt shows.
    let enable = move |_| {
        let (Some(status), Some((tab_id, url))) = (site.get_untracked(), tab.get_untracked())
        else {
            return;
        };
        let asked = request_hosts(std::slice::from_ref(&status.pattern));
        let backend = backend.get_value();
        let early = (backend.clone(), url.clone());
        spawn_local(async move {
            let (backend, url) = early;
            let _ = backend
                .ask(|id| PortRequest::EnableSite {
                    id,
                    tab: tab_id,
                    url,
                })
                .await;
        });
        spawn_local(async move {
            let granted = JsFuture::from(asked)
                .await
                .ok()
                .and_then(|g| g.as_bool())
                .unwrap_or(false);
            if !granted {
                site_problem.set(Some(Problem::AccessNotGranted {
                    origin: status.origin,
                }));
                return;
            }
            let done = backend
                .ask(|id| PortRequest::EnableSite {
                    id,
                    tab: tab_id,
                    url,
                })
                .await;
            settle_site(done, site, site_problem);
        });
    };
    let disable = move |_| {
        let Some(status) = site.get_untracked() else {
            return;
        };
        let backend = backend.get_value();
        spawn_local(async move {
            let done = backend
                .ask(|id| PortRequest::DisableSite {
                    id,
                    origin: status.origin,
                })
                .await;
            settle_site(done, site, site_problem);
        });
    };
    let site_section = move || {
        site.get().map(|status| {
            let line = if status.enabled {
                words::site_on(&status.origin)
            } else {
                words::site_off(&status.origin)
            };
            let button = if status.enabled {
                view! { <button type="button" class="pe-button" on:click=disable>{words::DISABLE_SITE}</button> }.into_any()
            } else {
                view! { <button type="button" class="pe-button pe-primary" on:click=enable>{words::ENABLE_SITE}</button> }.into_any()
            };
            view! {
                <section class="pe-section pe-site" aria-labelledby="pi-site" data-enabled=status.enabled.to_string()>
                    <h2 id="pi-site">{words::SITE}</h2>
                    <p class="pe-note">{line}</p>
                    {button}
                    {move || site_problem.get().map(|p| view! {
                        <p class="pe-error" role="alert">{text::problem_title(&p)}" "{text::problem_action(&p, true, js_sys::Date::now())}</p>
                    })}
                </section>
            }
        })
    };

    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = typed.get_untracked();
        let backend = backend.get_value();
        spawn_local(async move {
            let result = match backend.ask(|id| PortRequest::Open { id, text }).await {
                Ok(PortReply::Recognised { result, .. }) => result,
                Ok(_) => Err(Problem::NoWorkItem),
                Err(problem) => Err(problem),
            };
            match result {
                Ok(found) => {
                    problem.set(None);
                    show(found);
                }
                Err(found) => problem.set(Some(found)),
            }
        });
    };
    let act = move |request: fn(u32, String) -> PortRequest, draft: String| {
        let backend = backend.get_value();
        spawn_local(async move {
            let done = backend.ask(|id| request(id, draft)).await;
            match done {
                Ok(PortReply::DraftDone { result: Err(p), .. }) | Err(p) => {
                    draft_problem.set(Some(p))
                }
                _ => draft_problem.set(None),
            }
            refresh();
        });
    };

    let panel_backend: Rc<dyn Backend> = Rc::new(backend.get_value());
    let open_problem = move || {
        problem.get().map(|p| {
            view! {
                <p class="pe-error" role="alert">
                    {text::problem_title(&p)}" "{text::problem_action(&p, true, js_sys::Date::now())}
                </p>
            }
        })
    };
    let recent_list = move || {
        let items = recent.get();
        (!items.is_empty()).then(|| {
            let buttons = items
                .into_iter()
                .map(|item| {
                    let name = label(&item);
                    view! {
                        <li><button type="button" class="pe-link" on:click=move |_| show(item.clone())>{name}</button></li>
                    }
                })
                .collect_view();
            view! {
                <section class="pe-section" aria-labelledby="pi-recent">
                    <h2 id="pi-recent">{words::RECENT}</h2>
                    <ul class="pe-inline-list">{buttons}</ul>
                </section>
            }
        })
    };
    let draft_list = move || {
        let list = drafts.get();
        if list.is_empty() {
            return view! { <p class="pe-note pe-no-drafts">{words::NO_DRAFTS}</p> }.into_any();
        }
        let items = list
            .into_iter()
            .map(|draft| {
                let (retry_id, discard_id) = (draft.id.clone(), draft.id.clone());
                let why = draft.last_problem.as_ref().map(text::failed);
                view! {
                    <li class="pe-draft" data-draft=draft.id.clone()>
                        <span class="pe-draft-name">{words::draft_line(&draft.work_item, &draft.property)}</span>
                        <span class="pe-note">{why}</span>
                        <span class="pe-actions">
                            <button type="button" class="pe-button"
                                on:click=move |_| act(|id, draft| PortRequest::RetryDraft { id, draft }, retry_id.clone())>
                                {words::RETRY}
                            </button>
                            <button type="button" class="pe-button"
                                on:click=move |_| act(|id, draft| PortRequest::DiscardDraft { id, draft }, discard_id.clone())>
                                {words::DISCARD}
                            </button>
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="pe-drafts">{items}</ul> }.into_any()
    };

    view! {
        <header class="pe-header">
            <h1>{words::POPUP_TITLE}</h1>
            <button type="button" class="pe-link" on:click=move |_| open_options()>{words::SETTINGS}</button>
        </header>
        {move || not_connected.get().then(|| view! {
            <section class="pe-section pe-first-run" role="status">
                <p>{words::NOT_CONNECTED}</p>
                <button type="button" class="pe-button pe-primary" on:click=move |_| open_options()>{words::CONNECT}</button>
            </section>
        })}
        <form class="pe-open" on:submit=open>
            <label for="pe-open-input">{words::OPEN_LABEL}</label>
            <div class="pe-row">
                <input id="pe-open-input" type="text" autocomplete="off" spellcheck="false"
                    placeholder=words::OPEN_PLACEHOLDER
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev)) />
                <button type="submit" class="pe-button pe-primary">{words::OPEN}</button>
            </div>
            {open_problem}
        </form>
        {move || project.get().map(|found| {
            let address = crate::table::address(&found.target);
            view! {
                <section class="pe-section pe-table-link">
                    <button type="button" class="pe-button" on:click=move |_| browser::open_page(&address)>
                        {text::table::title(&found.label)}" ↗"
                    </button>
                </section>
            }
        })}
        <Panel backend=panel_backend target=target />
        {site_section}
        {recent_list}
        <section class="pe-section" aria-labelledby="pe-drafts">
            <h2 id="pe-drafts">{words::DRAFTS}</h2>
            <div class="pe-draft-list">{draft_list}</div>
            {move || draft_problem.get().map(|p| view! { <p class="pe-error" role="alert">{text::problem_title(&p)}</p> })}
        </section>
    }
}

/// Shows the site's new state, or why it did not change.
fn settle_site(
    done: Result<PortReply, Problem>,
    site: RwSignal<Option<SiteStatus>>,
    site_problem: RwSignal<Option<Problem>>,
) {
    match done {
        Ok(PortReply::Site {
            result: Ok(status), ..
        }) => {
            site_problem.set(None);
            site.set(Some(status));
        }
        Ok(PortReply::Site { result: Err(p), .. }) | Err(p) => site_problem.set(Some(p)),
        Ok(_) => {}
    }
}
