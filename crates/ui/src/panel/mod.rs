//! The property panel: a header (work item, link to Plane, connection state), then the type's
//! properties in Plane's order, each with its editor, or a loading skeleton, or an empty or error
//! state in plain words with the next step. One live region announces save results.

pub mod context;
pub mod field;
mod preferences;
mod roving;
mod row;
pub(crate) mod states;

use crate::backend::{Backend, Hooks};
use crate::clock::now_ms;
use crate::text;
use crate::theme::{STYLE, Theme};
use context::{Item, PanelContext};
use field::Field;
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::web_url::safe_link;
use plane_inline_core::workspace::Access;
use plane_inline_messages::{Activity, PanelModel, Problem, Target};
use row::PropertyRow;
use states::{Connection, ErrorState, Skeleton};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Where the panel is.
// One panel holds one of these; boxing the model would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    /// No work item to show.
    Idle,
    /// Loading this target.
    Loading,
    /// Shown.
    Ready(PanelModel),
    /// Could not be loaded.
    Failed(Problem),
}

/// Panels on one page get distinct DOM ids.
static PANELS: AtomicU64 = AtomicU64::new(0);

/// The panel for `target` (none: an empty panel), reaching Plane through `backend`.
#[component]
pub fn Panel(
    /// Whoever talks to Plane.
    backend: Rc<dyn Backend>,
    /// The work item to show; changing it loads another.
    #[prop(into)]
    target: Signal<Option<Target>>,
    /// Light, dark or automatic.
    #[prop(into, optional)]
    theme: Signal<Theme>,
    /// What the host wants to hear about.
    #[prop(optional)]
    hooks: Hooks,
    /// Whether the panel carries its style sheet as a `<style>` element. Hosts whose page CSP
    /// forbids inline styles adopt [`STYLE`] as a constructed style sheet instead.
    #[prop(default = true)]
    inline_style: bool,
    /// Why the page's work item cannot be shown at all (an epic, archived or intake page, told
    /// by whoever recognised the page): said in place of loading, with no request.
    #[prop(into, optional)]
    unreachable: Signal<Option<Problem>>,
) -> impl IntoView {
    let ctx = PanelContext::new(backend, hooks);
    let prefix = format!("pi{}", PANELS.fetch_add(1, Ordering::Relaxed));
    let state = RwSignal::new(Load::Idle);
    let activity = RwSignal::new(None::<Activity>);
    let generation = StoredValue::new(0_u64);

    let load = move |target: Option<Target>| {
        let current = generation.get_value() + 1;
        generation.set_value(current);
        ctx.item.set(None);
        let Some(target) = target else {
            state.set(Load::Idle);
            return;
        };
        state.set(Load::Loading);
        let backend = ctx.backend();
        spawn_local(async move {
            let result = backend.load(&target).await;
            if generation.get_value() != current {
                return; // another work item was asked for meanwhile
            }
            match result {
                Ok(model) => {
                    ctx.item.set(Some(Item {
                        workspace: target.workspace.clone(),
                        project_id: model.work_item.project.clone(),
                        work_item_id: model.work_item.id.clone(),
                    }));
                    ctx.members.set(model.members.clone());
                    ctx.access.set(model.access);
                    ctx.show_empty
                        .set(preferences::show_empty(&target.workspace));
                    state.set(Load::Ready(model));
                }
                Err(problem) => {
                    ctx.failed(&problem);
                    state.set(Load::Failed(problem));
                }
            }
        });
    };
    Effect::new(move |_| match unreachable.get() {
        Some(problem) => {
            generation.update_value(|g| *g += 1);
            ctx.item.set(None);
            state.set(Load::Failed(problem));
        }
        None => load(target.get()),
    });

    let listener: Rc<dyn Fn(Activity)> = Rc::new(move |now| {
        let was_offline = activity.with_untracked(|a| matches!(a, Some(Activity::Offline)));
        if was_offline && now == Activity::Online {
            ctx.resend.update(|n| *n += 1);
        }
        activity.set(Some(now));
    });
    // The browser says the network is back: send kept edits at once.
    let online = window_event_listener(leptos::ev::online, move |_| {
        ctx.resend.update(|n| *n += 1);
    });
    on_cleanup(move || online.remove());
    let watch = StoredValue::new_local(Some(ctx.backend().watch(listener)));
    // Waits are shown as "continues in 12 s": the clock they count from ticks every second.
    if let Ok(ticker) = set_interval_with_handle(
        move || ctx.now.set(now_ms()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || ticker.clear());
    }
    on_cleanup(move || watch.set_value(None));

    let header = move || match state.get() {
        Load::Ready(model) => {
            let title = model.identifier.clone().unwrap_or_else(|| {
                model
                    .work_item
                    .sequence_id
                    .map(|s| format!("#{s}"))
                    .unwrap_or_default()
            });
            // The model may have crossed a port: only a web address becomes the link.
            let link = model.web_url.as_deref().and_then(safe_link).map(|href| {
                view! { <a class="pi-open" href=href target="_blank" rel="noopener noreferrer">{text::words::OPEN_IN_PLANE}" ↗"</a> }
            });
            view! {
                <header class="pi-header">
                    <div class="pi-title">
                        <span class="pi-identifier">{title}</span>
                        <span class="pi-name">{model.work_item.name.clone()}</span>
                    </div>
                    {link}
                </header>
            }
            .into_any()
        }
        _ => ().into_any(),
    };
    let body = {
        let prefix = prefix.clone();
        move || match state.get() {
            Load::Idle => {
                view! { <p class="pi-empty-state">{text::words::NO_TARGET}</p> }.into_any()
            }
            Load::Loading => view! { <Skeleton /> }.into_any(),
            Load::Failed(problem) => {
                let retry = move || load(target.get_untracked());
                view! { <ErrorState problem=problem ctx=ctx retry=retry /> }.into_any()
            }
            Load::Ready(model) => ready(ctx, &model, &prefix).into_any(),
        }
    };
    // "Show empty properties", beside the connection's state once properties are shown.
    let toggle = move || {
        let Load::Ready(model) = state.get() else {
            return None;
        };
        if model.properties.is_empty() {
            return None;
        }
        let show_empty = ctx.show_empty;
        let flip = move |_| {
            let next = !show_empty.get_untracked();
            show_empty.set(next);
            if let Some(item) = ctx.item.get_untracked() {
                preferences::set_show_empty(&item.workspace, next);
            }
        };
        Some(view! {
            <button type="button" class="pi-toggle" aria-pressed=move || show_empty.get().to_string()
                on:click=flip>{text::words::SHOW_EMPTY}</button>
        })
    };
    let label = move || match state.get() {
        Load::Ready(model) => format!(
            "Properties of {}",
            model.identifier.unwrap_or(model.work_item.name)
        ),
        _ => "Work item properties".to_owned(),
    };
    view! {
        <section class="pi-panel" data-theme=move || theme.get().as_str() aria-label=label
            aria-busy=move || matches!(state.get(), Load::Loading).to_string()>
            {inline_style.then(|| view! { <style>{STYLE}</style> })}
            {header}
            <div class="pi-status-bar"><Connection activity=activity ctx=ctx />{toggle}</div>
            {body}
            <div class="pi-sr" role="status" aria-live="polite" aria-atomic="true">
                {move || ctx.announcement.get()}
            </div>
        </section>
    }
}

/// The rows of a loaded panel, with its unreadable values.
fn ready(ctx: PanelContext, model: &PanelModel, prefix: &str) -> impl IntoView {
    if model.properties.is_empty() {
        return view! {
            <div class="pi-empty-state">
                <p>{text::words::NO_PROPERTIES}</p>
                <p class="pi-note">{text::words::NO_PROPERTIES_ACTION}</p>
            </div>
        }
        .into_any();
    }
    let unreadable = (!model.unreadable.is_empty()).then(|| {
        let lines = model
            .unreadable
            .iter()
            .map(|u| view! { <li>{text::unreadable(&u.property, &u.kind, &u.value)}</li> })
            .collect_view();
        view! {
            <div class="pi-warning" role="note">
                <p>{text::words::UNREADABLE}</p>
                <ul>{lines}</ul>
            </div>
        }
    });
    // Plane's order, the editable rows with a value on top, then the editable empty ones, then
    // what is not edited here (computed, read-only); the order is kept while editing.
    let mut fields: Vec<Field> = model
        .properties
        .iter()
        .map(|property| {
            let value = model.values.get(&property.id).cloned();
            Field::new(ctx, property.clone(), value, prefix)
        })
        .collect();
    fields.sort_by_key(|field| {
        match (
            field.editable(),
            field.value.with_untracked(Option::is_some),
        ) {
            (true, true) => 0,
            (true, false) => 1,
            (false, _) => 2,
        }
    });
    let rows = fields
        .into_iter()
        .map(|field| view! { <PropertyRow field=field /> })
        .collect_view();
    let grid = NodeRef::<leptos::html::Div>::new();
    // One stop for Tab: the first shown value; arrows move between rows (roving focus).
    Effect::new(move |_| {
        ctx.show_empty.track();
        if let Some(grid) = grid.get() {
            roving::reset(&grid);
        }
    });
    let label = format!(
        "Properties of {}",
        model
            .identifier
            .clone()
            .unwrap_or_else(|| model.work_item.name.clone())
    );

    let view_only = match model.access {
        Access::View { role } => Some(view! {
            <p class="pi-notice" role="note" data-access="view">{text::view_only(role)}</p>
        }),
        Access::Edit => None,
    };
    view! {
        {view_only}
        {unreadable}
        <div class="pi-rows" role="grid" aria-label=label node_ref=grid
            on:keydown=move |ev| roving::on_key(&ev)
            on:focusin=move |ev| roving::on_focus(&ev)>{rows}</div>
    }
    .into_any()
}
