//! `options.html`: the connections (Plane Cloud, and self-hosted instances), each with its API
//! address, web app address, workspace and token. A token goes in and never comes out: the page
//! shows `…abcd` only. "Test connection" says who the token belongs to, or exactly what is wrong
//! and what to do. Saving a self-hosted instance first asks for access to its addresses. Below
//! them, the sites where work item cards are shown, each with "Remove", and what could not be
//! read from storage and was set aside, with "Discard".

use crate::backend::PortChannel;
use crate::browser::request_hosts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_messages::origin::{match_pattern, origin_of};
use plane_inline_messages::{
    ConnectionSettings, ConnectionSummary, OPTIONS_PORT, OptionsReply, OptionsRequest, Problem,
    SetAsideSummary, SiteStatus,
};
use plane_inline_ui::text::{self, extension as words};

/// Plane Cloud's web app, the id of its connection.
const CLOUD_APP: &str = "https://app.plane.so";

/// Where Plane Cloud makes personal access tokens (Plane's web app routes
/// `/{slug}/settings/api-tokens` there: makeplane/plane, `apps/web/app/routes/core.ts`).
const TOKENS: &str = "https://app.plane.so/settings/profile/api-tokens/";

/// What the last action on a connection came to.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Working on it.
    Busy(&'static str),
    /// Done, in these words.
    Done(String),
    /// A problem and what to do.
    Failed(Problem),
    /// A sentence of the page's own about a failure.
    Refused(&'static str),
}

fn outcome_view(outcome: Option<Outcome>) -> impl IntoView {
    outcome.map(|outcome| {
        let (state, line) = match outcome {
            Outcome::Busy(words) => ("busy", words.to_owned()),
            Outcome::Done(words) => ("ok", words),
            Outcome::Refused(words) => ("error", words.to_owned()),
            Outcome::Failed(problem) => (
                "error",
                format!(
                    "{} {}",
                    text::problem_title(&problem),
                    words::connection_action(&problem)
                ),
            ),
        };
        view! { <p class="pe-result" data-result=state>{line}</p> }
    })
}

/// The options page.
#[component]
pub fn OptionsPage() -> impl IntoView {
    let channel = StoredValue::new_local(PortChannel::connect(OPTIONS_PORT));
    let connections = RwSignal::new(Vec::<ConnectionSummary>::new());
    // Whether the list has been read (the first-run steps show only when it is known empty).
    let loaded = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let reload = move || {
        let channel = channel.get_value();
        spawn_local(async move {
            match channel.ask(|id| OptionsRequest::List { id }).await {
                Ok(OptionsReply::Connections {
                    result: Ok(list), ..
                }) => {
                    problem.set(None);
                    connections.set(list);
                    loaded.set(true);
                }
                Ok(OptionsReply::Connections { result: Err(p), .. }) | Err(p) => {
                    problem.set(Some(p))
                }
                Ok(_) => {}
            }
        });
    };
    reload();
    let confirming = RwSignal::new(false);
    let everything = RwSignal::new(None::<Outcome>);
    let forget_everything = move |_| {
        if !confirming.get_untracked() {
            confirming.set(true);
            return;
        }
        confirming.set(false);
        let channel = channel.get_value();
        spawn_local(async move {
            let done = channel
                .ask(|id| OptionsRequest::ForgetEverything { id })
                .await;
            everything.set(Some(match done {
                Ok(OptionsReply::Done { result: Ok(()), .. }) => {
                    Outcome::Done(words::FORGOTTEN.into())
                }
                Ok(OptionsReply::Done { result: Err(p), .. }) | Err(p) => Outcome::Failed(p),
                Ok(_) => Outcome::Failed(Problem::Cancelled),
            }));
            reload();
        });
    };
    view! {
        <header class="pe-header"><h1>{words::OPTIONS_TITLE}</h1></header>
        <p class="pe-intro">{words::OPTIONS_INTRO}</p>
        // A first run: nothing has a token yet.
        {move || (loaded.get() && connections.with(|list| list.iter().all(|c| c.key_hint.is_none()))).then(|| view! {
            <section class="pe-section pe-first-run" aria-labelledby="pi-first-run">
                <h2 id="pi-first-run">{words::FIRST_RUN}</h2>
                <ol class="pe-steps">
                    <li>{words::FIRST_RUN_CLOUD}" "
                        <a href=TOKENS target="_blank" rel="noopener noreferrer">{words::FIRST_RUN_TOKENS}" ↗"</a></li>
                    <li>{words::FIRST_RUN_SELF_HOSTED}</li>
                    <li>{words::FIRST_RUN_TEST}</li>
                </ol>
            </section>
        })}
        {move || problem.get().map(|p| view! { <p class="pe-error" role="alert">{text::problem_title(&p)}</p> })}
        <For each=move || connections.get() key=|c| c.settings.id.clone() let(summary)>
            <ConnectionForm summary=Some(summary) channel=channel reload=reload />
        </For>
        <ConnectionForm summary=None channel=channel reload=reload />
        <SitesSection channel=channel />
        <SetAsideSection channel=channel />
        <section class="pe-section pe-danger" aria-labelledby="pi-everything">
            <h2 id="pi-everything">{words::FORGET_EVERYTHING}</h2>
            <button type="button" class="pe-button pe-destructive" on:click=forget_everything>
                {move || if confirming.get() { words::FORGET_EVERYTHING_CONFIRM } else { words::FORGET_EVERYTHING }}
            </button>
            <div role="status">{move || outcome_view(everything.get())}</div>
        </section>
    }
}

/// The host patterns a self-hosted connection needs: its web app's and its API's.
fn host_patterns(settings: &ConnectionSettings) -> Vec<String> {
    let mut patterns: Vec<String> = [&settings.app_base, &settings.api_base]
        .into_iter()
        .filter_map(|url| match_pattern(&origin_of(url)?))
        .collect();
    patterns.dedup();
    patterns
}

/// One connection's form (`summary: None`: the form that adds a self-hosted instance).
#[component]
fn ConnectionForm(
    summary: Option<ConnectionSummary>,
    channel: StoredValue<PortChannel, LocalStorage>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let is_new = summary.is_none();
    let settings = summary
        .as_ref()
        .map(|s| s.settings.clone())
        .unwrap_or_else(|| ConnectionSettings {
            id: String::new(),
            api_base: String::new(),
            app_base: String::new(),
            workspace: String::new(),
        });
    let is_cloud = settings.id == CLOUD_APP;
    let id = settings.id.clone();
    let slug = if is_new {
        "new".to_owned()
    } else {
        origin_of(&id)
            .unwrap_or_default()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    };
    let field = move |name: &str| format!("pi-{slug}-{name}");
    let api = RwSignal::new(settings.api_base.clone());
    let app = RwSignal::new(settings.app_base.clone());
    let workspace = RwSignal::new(settings.workspace.clone());
    let key = RwSignal::new(String::new());
    let hint = RwSignal::new(summary.as_ref().and_then(|s| s.key_hint.clone()));
    let outcome = RwSignal::new(None::<Outcome>);
    let heading = if is_cloud {
        words::CLOUD.to_owned()
    } else if is_new {
        words::ADD_SELF_HOSTED.to_owned()
    } else {
        format!("{}: {}", words::SELF_HOSTED, settings.app_base)
    };

    let current = {
        let id = id.clone();
        move || ConnectionSettings {
            id: id.clone(),
            api_base: api.get_untracked(),
            app_base: app.get_untracked(),
            workspace: workspace.get_untracked(),
        }
    };
    let save = {
        let current = current.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let typed = current();
            let typed_key = Some(key.get_untracked()).filter(|k| !k.trim().is_empty());
            // Asked during the click: browsers allow permission prompts only then.
            let permission = (!is_cloud).then(|| request_hosts(&host_patterns(&typed)));
            outcome.set(None);
            let channel = channel.get_value();
            spawn_local(async move {
                if let Some(permission) = permission {
                    let granted = wasm_bindgen_futures::JsFuture::from(permission)
                        .await
                        .ok()
                        .and_then(|g| g.as_bool())
                        .unwrap_or(false);
                    if !granted {
                        outcome.set(Some(Outcome::Refused(words::PERMISSION_REFUSED)));
                        return;
                    }
                }
                let new_hint = typed_key.as_ref().map(|k| {
                    let tail: Vec<char> = k.trim().chars().rev().take(4).collect();
                    format!("…{}", tail.into_iter().rev().collect::<String>())
                });
                let done = channel
                    .ask(|id| OptionsRequest::Put {
                        id,
                        connection: typed,
                        key: typed_key,
                    })
                    .await;
                match done {
                    Ok(OptionsReply::Done { result: Ok(()), .. }) => {
                        key.set(String::new());
                        if new_hint.is_some() {
                            hint.set(new_hint);
                        }
                        outcome.set(Some(Outcome::Done(words::SAVED.into())));
                        if is_new {
                            api.set(String::new());
                            app.set(String::new());
                            workspace.set(String::new());
                        }
                        reload();
                    }
                    Ok(OptionsReply::Done { result: Err(p), .. }) | Err(p) => {
                        outcome.set(Some(Outcome::Failed(p)))
                    }
                    Ok(_) => outcome.set(Some(Outcome::Failed(Problem::Cancelled))),
                }
            });
        }
    };
    let test = {
        let id = id.clone();
        move |_| {
            let (channel, id) = (channel.get_value(), id.clone());
            outcome.set(Some(Outcome::Busy(words::TESTING)));
            spawn_local(async move {
                let tested = channel
                    .ask(|request| OptionsRequest::Test {
                        id: request,
                        connection: id,
                    })
                    .await;
                outcome.set(Some(match tested {
                    Ok(OptionsReply::Tested {
                        result: Ok(name), ..
                    }) => Outcome::Done(words::connected_as(&name)),
                    Ok(OptionsReply::Tested { result: Err(p), .. }) | Err(p) => Outcome::Failed(p),
                    Ok(_) => Outcome::Failed(Problem::Cancelled),
                }));
            });
        }
    };
    let forget = {
        let id = id.clone();
        move |_| {
            let (channel, id) = (channel.get_value(), id.clone());
            spawn_local(async move {
                let done = channel
                    .ask(|request| OptionsRequest::Forget {
                        id: request,
                        connection: id,
                    })
                    .await;
                match done {
                    Ok(OptionsReply::Done { result: Ok(()), .. }) => {
                        hint.set(None);
                        outcome.set(Some(Outcome::Done(words::FORGOTTEN.into())));
                        reload();
                    }
                    Ok(OptionsReply::Done { result: Err(p), .. }) | Err(p) => {
                        outcome.set(Some(Outcome::Failed(p)))
                    }
                    Ok(_) => {}
                }
            });
        }
    };
    let addresses = (!is_cloud).then(|| {
        view! {
            <label for=field("api")>{words::API_BASE}</label>
            <input id=field("api") type="url" required=true placeholder="https://plane.example.com" autocomplete="off"
                prop:value=move || api.get() on:input=move |ev| api.set(event_target_value(&ev)) />
            <label for=field("app")>{words::APP_BASE}</label>
            <input id=field("app") type="url" required=true placeholder="https://plane.example.com" autocomplete="off"
                prop:value=move || app.get() on:input=move |ev| app.set(event_target_value(&ev)) />
        }
    });
    let saved_actions = (!is_new).then(|| {
        view! {
            <button type="button" class="pe-button" on:click=test>{words::TEST}</button>
            <button type="button" class="pe-button pe-destructive" on:click=forget>{words::FORGET}</button>
        }
    });
    let heading_id = field("heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="pe-section pe-connection" data-connection=id.clone() aria-labelledby=labelled_by>
            <h2 id=heading_id>{heading}</h2>
            <form class="pe-form" on:submit=save>
                {addresses}
                <label for=field("workspace")>{words::WORKSPACE}</label>
                <input id=field("workspace") type="text" required=true autocomplete="off" spellcheck="false" placeholder="acme"
                    prop:value=move || workspace.get() on:input=move |ev| workspace.set(event_target_value(&ev)) />
                <label for=field("key")>{words::KEY}</label>
                <input id=field("key") type="password" autocomplete="off" spellcheck="false"
                    aria-describedby=field("key-hint")
                    prop:value=move || key.get() on:input=move |ev| key.set(event_target_value(&ev)) />
                <p class="pe-note" id=field("key-hint")>
                    {move || hint.get().map(|h| words::key_stored(&h)).unwrap_or_else(|| words::KEY_NOT_SET.to_owned())}
                </p>
                <div class="pe-actions">
                    <button type="submit" class="pe-button pe-primary">{words::SAVE}</button>
                    {saved_actions}
                </div>
            </form>
            <div role="status" aria-live="polite">{move || outcome_view(outcome.get())}</div>
        </section>
    }
}

/// The sites where work item cards are shown, each with "Remove" (which also gives the site's
/// access back).
#[component]
fn SitesSection(channel: StoredValue<PortChannel, LocalStorage>) -> impl IntoView {
    let sites = RwSignal::new(Vec::<SiteStatus>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let reload = move || {
        let channel = channel.get_value();
        spawn_local(async move {
            match channel.ask(|id| OptionsRequest::Sites { id }).await {
                Ok(OptionsReply::Sites {
                    result: Ok(list), ..
                }) => sites.set(list),
                Ok(OptionsReply::Sites { result: Err(p), .. }) | Err(p) => {
                    outcome.set(Some(Outcome::Failed(p)))
                }
                Ok(_) => {}
            }
        });
    };
    reload();
    let remove = move |origin: String| {
        let channel = channel.get_value();
        spawn_local(async move {
            let done = channel
                .ask(|id| OptionsRequest::RemoveSite { id, origin })
                .await;
            outcome.set(Some(match done {
                Ok(OptionsReply::Done { result: Ok(()), .. }) => {
                    Outcome::Done(words::SITE_REMOVED.into())
                }
                Ok(OptionsReply::Done { result: Err(p), .. }) | Err(p) => Outcome::Failed(p),
                Ok(_) => Outcome::Failed(Problem::Cancelled),
            }));
            reload();
        });
    };
    let list = move || {
        let items = sites.get();
        if items.is_empty() {
            return view! { <p class="pe-note pe-no-sites">{words::NO_SITES}</p> }.into_any();
        }
        let rows = items
            .into_iter()
            .map(|site| {
                let origin = site.origin.clone();
                let label = format!("{} {}", words::REMOVE_SITE, site.origin);
                view! {
                    <li class="pe-site-row" data-site=site.origin.clone()>
                        <span class="pe-site-origin">{site.origin.clone()}</span>
                        <button type="button" class="pe-button" aria-label=label
                            on:click=move |_| remove(origin.clone())>{words::REMOVE_SITE}</button>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="pe-sites">{rows}</ul> }.into_any()
    };
    view! {
        <section class="pe-section pe-sites-section" aria-labelledby="pi-sites">
            <h2 id="pi-sites">{words::SITES}</h2>
            <p class="pe-note">{words::SITES_INTRO}</p>
            {list}
            <div role="status" aria-live="polite">{move || outcome_view(outcome.get())}</div>
        </section>
    }
}

/// What could not be read from storage and was set aside (shown only when there is some), with
/// "Discard".
#[component]
fn SetAsideSection(channel: StoredValue<PortChannel, LocalStorage>) -> impl IntoView {
    let entries = RwSignal::new(Vec::<SetAsideSummary>::new());
    let outcome = RwSignal::new(None::<Outcome>);
    let reload = move || {
        let channel = channel.get_value();
        spawn_local(async move {
            if let Ok(OptionsReply::SetAside { entries: list, .. }) =
                channel.ask(|id| OptionsRequest::SetAside { id }).await
            {
                entries.set(list);
            }
        });
    };
    reload();
    let discard = move |_| {
        let channel = channel.get_value();
        spawn_local(async move {
            let done = channel
                .ask(|id| OptionsRequest::DiscardSetAside { id })
                .await;
            outcome.set(Some(match done {
                Ok(OptionsReply::Done { result: Ok(()), .. }) => {
                    Outcome::Done(words::SET_ASIDE_DISCARDED.into())
                }
                Ok(OptionsReply::Done { result: Err(p), .. }) | Err(p) => Outcome::Failed(p),
                Ok(_) => Outcome::Failed(Problem::Cancelled),
            }));
            reload();
        });
    };
    move || {
        let list = entries.get();
        if list.is_empty() {
            return view! { <div role="status">{move || outcome_view(outcome.get())}</div> }
                .into_any();
        }
        let rows = list
            .into_iter()
            .map(|entry| {
                view! {
                    <li class="pe-set-aside-row" data-key=entry.key.clone()>
                        {words::set_aside_line(&entry.key, &entry.why)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="pe-section pe-set-aside" aria-labelledby="pi-set-aside">
                <h2 id="pi-set-aside">{words::SET_ASIDE}</h2>
                <p class="pe-note">{words::SET_ASIDE_INTRO}</p>
                <ul class="pe-set-aside-list">{rows}</ul>
                <button type="button" class="pe-button" on:click=discard>{words::DISCARD_SET_ASIDE}</button>
            </section>
        }
        .into_any()
    }
}
