//! The table of a project's work items and their custom properties, for editing many at once:
//! rows from Plane's paginated list (the person chooses 25, 50 or 100 a page, and reads the
//! next page with "Load more" or by scrolling to the end), columns of the chosen type's
//! properties in Plane's order, values read lazily for the rows on screen, cells edited with the
//! panel's own editors, and bulk changes with progress in words and Undo. Keyboard: the
//! WAI-ARIA grid pattern ([`grid`]). Rows are drawn only while on screen, so a thousand rows
//! scroll as lightly as twenty.

mod bar;
mod bulk;
mod cells;
pub mod csv;
mod export;
pub mod grid;
mod keys;
pub mod reads;
mod rows;
pub mod selection;
mod state;

use crate::backend::{Backend, Hooks};
use crate::clock::now_ms;
use crate::panel::context::PanelContext;
use crate::panel::states::Connection;
use crate::text;
use crate::text::table::{self as words_of, words};
use crate::theme::{STYLE, Theme};
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::workspace::Access;
use plane_inline_messages::{Activity, Problem, TableModel, TableTarget};
use rows::RowEntry;
use selection::Selection;
use state::TableState;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Height of one row in pixels (the style sheet's `.pt-row` height).
pub const ROW_PX: f64 = 34.0;
/// Rows drawn above and below the screen, so a short scroll shows drawn rows.
const OVERSCAN: usize = 6;
/// The page sizes offered.
pub const PAGE_SIZES: [u32; 3] = [25, 50, 100];
/// Columns before the properties: selection, identifier, name.
const LEAD_COLUMNS: usize = 3;

/// Tables on one page get distinct DOM ids.
static TABLES: AtomicU64 = AtomicU64::new(0);

/// Where the table is.
#[derive(Debug, Clone, PartialEq)]
enum Load {
    /// Reading the project, its types and members.
    Loading,
    /// Shown.
    Ready(Arc<TableModel>),
    /// Could not be read.
    Failed(Problem),
}

/// The table of `target`'s work items, reaching Plane through `backend`.
#[component]
pub fn Table(
    /// Whoever talks to Plane.
    backend: Rc<dyn Backend>,
    /// The project.
    target: TableTarget,
    /// Light, dark or automatic.
    #[prop(into, optional)]
    theme: Signal<Theme>,
    /// What the host wants to hear about.
    #[prop(optional)]
    hooks: Hooks,
    /// Whether the table carries its style sheet as a `<style>` element.
    #[prop(default = true)]
    inline_style: bool,
) -> impl IntoView {
    let ctx = PanelContext::new(backend, hooks);
    let prefix = format!("pt{}", TABLES.fetch_add(1, Ordering::Relaxed));
    let state = RwSignal::new(Load::Loading);
    let activity = RwSignal::new(None::<Activity>);
    let target = StoredValue::new(target);

    let load = move || {
        state.set(Load::Loading);
        let backend = ctx.backend();
        let target = target.get_value();
        spawn_local(async move {
            match backend.table(&target).await {
                Ok(model) => {
                    ctx.members.set(model.members.clone());
                    ctx.access.set(model.access);
                    state.set(Load::Ready(Arc::new(model)));
                }
                Err(problem) => {
                    ctx.failed(&problem);
                    state.set(Load::Failed(problem));
                }
            }
        });
    };
    load();

    let listener: Rc<dyn Fn(Activity)> = Rc::new(move |now| activity.set(Some(now)));
    let watch = StoredValue::new_local(Some(ctx.backend().watch(listener)));
    if let Ok(ticker) = set_interval_with_handle(
        move || ctx.now.set(now_ms()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || ticker.clear());
    }
    on_cleanup(move || watch.set_value(None));

    let body = move || {
        match state.get() {
        Load::Loading => {
            view! { <p class="pi-empty-state" role="status">{text::words::LOADING}</p> }.into_any()
        }
        Load::Failed(problem) => {
            view! { <crate::panel::states::ErrorState problem=problem ctx=ctx retry=load /> }.into_any()
        }
        Load::Ready(model) => view! {
            <Ready ctx=ctx model=model prefix=prefix.clone() activity=activity target=target.get_value() />
        }
        .into_any(),
    }
    };
    let title = move || match state.get() {
        Load::Ready(model) => words_of::title(&model.project.identifier),
        _ => words_of::title(&target.with_value(|t| t.project.clone())),
    };
    view! {
        <section class="pi-panel pi-table" data-theme=move || theme.get().as_str() aria-label=title
            aria-busy=move || matches!(state.get(), Load::Loading).to_string()>
            {inline_style.then(|| view! { <style>{STYLE}</style> })}
            <header class="pi-header">
                <h1 class="pt-title">{title}</h1>
                <Connection activity=activity ctx=ctx />
            </header>
            {body}
            <div class="pi-sr" role="status" aria-live="polite" aria-atomic="true">
                {move || ctx.announcement.get()}
            </div>
        </section>
    }
}

/// The loaded table: its controls, the counts, the bulk bar and its progress, the grid.
#[component]
fn Ready(
    ctx: PanelContext,
    model: Arc<TableModel>,
    prefix: String,
    activity: RwSignal<Option<Activity>>,
    target: TableTarget,
) -> impl IntoView {
    if model.types.is_empty() {
        return view! { <p class="pi-empty-state">{words::NO_TYPES}</p> }.into_any();
    }
    let state = TableState::new(ctx, model, target.workspace, prefix);
    // Value reads follow the rows on screen (and an export).
    Effect::new(move |_| {
        state.window.track();
        state.shown.track();
        state.want_all.track();
        state.start_reads();
    });
    state.load_more();
    let exporting = RwSignal::new(false);
    export::watch(state, exporting);
    let view_only = match state.model.with_value(|m| m.access) {
        Access::View { role } => Some(view! {
            <p class="pi-notice" role="note" data-access="view">{text::view_only(role)}</p>
        }),
        Access::Edit => None,
    };
    let others = move || {
        words_of::other_types(&state.other_types())
            .map(|line| view! { <p class="pi-note pt-others">{line}</p> })
    };
    // Counted when rows or their reads change, not on every tick of the clock the words use.
    let waiting = Memo::new(move |_| state.values_waiting());
    let loaded =
        move || words_of::loaded(state.rows.with(Vec::len), state.paging.with(|p| p.total));
    let waiting_words = move || {
        let until = match activity.get() {
            Some(Activity::RateLimited { until_ms }) => Some(until_ms),
            _ => None,
        };
        words_of::values_waiting(waiting.get(), until, ctx.now.get()).unwrap_or_default()
    };
    let counts = move || {
        view! {
            <p class="pi-note pt-count">{loaded}</p>
            // Always there, empty when nothing waits: the grid below never moves as values
            // come and go while it scrolls.
            <p class="pi-note pt-waiting">{waiting_words}</p>
        }
    };
    view! {
        {view_only}
        <Controls state=state exporting=exporting />
        <p class="pi-note">{words::NO_TYPE_FILTER}</p>
        {counts}
        <bar::BulkBar state=state />
        <bar::Progress state=state />
        <Grid state=state />
        {others}
        <div class="pt-footer"><Footer state=state /></div>
    }
    .into_any()
}

/// The type and page-size selectors and the export button.
#[component]
fn Controls(state: TableState, exporting: RwSignal<bool>) -> impl IntoView {
    let prefix = state.prefix.get_value();
    let (type_id, size_id) = (format!("{prefix}-type"), format!("{prefix}-size"));
    let types = state.model.with_value(|m| m.types.clone());
    let type_options = types
        .into_iter()
        .enumerate()
        .map(|(i, t)| view! { <option value=i.to_string() selected=move || state.chosen.get() == i>{t.name}</option> })
        .collect_view();
    let size_options = PAGE_SIZES
        .iter()
        .map(|&n| view! { <option value=n.to_string() selected=move || state.per_page.get() == n>{n.to_string()}</option> })
        .collect_view();
    view! {
        <div class="pt-controls">
            <label for=type_id.clone()>{words::TYPE}</label>
            <select id=type_id on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    state.chosen.set(i);
                    state.selection.set(Selection::default());
                    state.focus.set(grid::Cell::default());
                }
            }>{type_options}</select>
            <label for=size_id.clone()>{words::PER_PAGE}</label>
            <select id=size_id on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                    state.per_page.set(n);
                    state.restart();
                }
            }>{size_options}</select>
            <button type="button" class="pi-button" on:click=move |_| {
                state.want_all.set(true);
                exporting.set(true);
            }>{words::EXPORT}</button>
        </div>
    }
}

/// The grid: a header row, and the rows on screen (drawn while on screen only, each at its
/// place in a body as tall as every shown row).
#[component]
fn Grid(state: TableState) -> impl IntoView {
    // Styles are set through the CSSOM (`style:`), which a host page's `style-src` without
    // 'unsafe-inline' allows; a `style` attribute it would block.
    let template = move || {
        let n = state.properties.with(Vec::len);
        format!("36px 96px 240px repeat({n}, 160px)")
    };
    // Scrolling near the end reads the next page, as "Load more" does.
    let on_scroll = move |_| {
        let Some(el) = state.scroller.get_untracked() else {
            return;
        };
        // The rows at the window's edges follow in a task after this frame: a row that scrolls in
        // is drawn already (the overscan), so the frame that shows an arrow press carries no row
        // to build or lay out.
        let (top, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
        set_timeout(
            move || {
                state.scroll_top.set(top);
                state.view_height.set(height);
            },
            std::time::Duration::ZERO,
        );
        let near_end = top + height >= f64::from(el.scroll_height()) - 2.0 * ROW_PX;
        if near_end {
            state.load_more();
        }
    };
    Effect::new(move |_| {
        if let Some(el) = state.scroller.get() {
            state
                .view_height
                .set(f64::from(el.client_height()).max(ROW_PX));
        }
    });
    // The rows on screen, keyed by type and work item, so a scroll keeps the rows it keeps.
    let on_screen = move || {
        let range = state.window.get();
        let kind = state.type_id().unwrap_or_default();
        state.shown.with(|s| {
            state.rows.with(|r| {
                s[range.clone()]
                    .iter()
                    .enumerate()
                    .filter_map(|(offset, &index)| {
                        r.get(index)
                            .map(|entry| (kind.clone(), range.start + offset, entry.clone()))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let browse_base = state.model.with_value(|m| m.browse_base.clone());
    let draw_row = move |(_, position, entry): (String, usize, RowEntry)| {
        cells::row_view(
            entry,
            position,
            state.properties.get_untracked(),
            state.selection,
            state.focused,
            move || state.shown_ids(),
            browse_base.clone(),
            template(),
            state.prefix.get_value(),
        )
    };
    let headers = move || {
        state
            .properties
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let title = p
                    .description
                    .clone()
                    .filter(|d| !d.trim().is_empty())
                    .unwrap_or_else(|| p.display_name.clone());
                view! {
                    <div role="columnheader" class="pt-head-cell" aria-colindex=(i + LEAD_COLUMNS + 1).to_string() title=title>
                        {p.display_name.clone()}
                        {p.is_required.then(|| view! { <span class="pi-required" title=text::words::REQUIRED><span aria-hidden="true">"*"</span><span class="pi-sr">{text::words::REQUIRED}</span></span> })}
                    </div>
                }
            })
            .collect_view()
    };
    let all_selected = move || {
        state.shown.track();
        let ids = state.shown_ids();
        !ids.is_empty()
            && state
                .selection
                .with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let select_all = move |_| {
        let ids = state.shown_ids();
        state.selection.update(|s| s.toggle_all(&ids));
    };
    view! {
        <div class="pt-scroll" node_ref=state.scroller on:scroll=on_scroll
            role="grid" aria-label=words_of::title(&state.identifier()) aria-multiselectable="true"
            aria-rowcount=move || (state.shown.with(Vec::len) + 1).to_string()
            aria-colcount=move || state.columns().to_string()
            on:keydown=move |ev| keys::on_key(state, &ev)
            on:focusin=move |ev| {
                if let Some(cell) = cells::cell_of(&ev) {
                    state.focus.set(cell);
                }
            }>
            <div role="rowgroup" class="pt-head-group">
                <div role="row" class="pt-row pt-head" aria-rowindex="1" style:grid-template-columns=template>
                    <div role="columnheader" class="pt-head-cell pt-check" aria-colindex="1">
                        <input type="checkbox" tabindex="-1" aria-label=words::SELECT_ALL
                            prop:checked=all_selected on:change=select_all />
                    </div>
                    <div role="columnheader" class="pt-head-cell" aria-colindex="2">{words::WORK_ITEM}</div>
                    <div role="columnheader" class="pt-head-cell" aria-colindex="3">{words::NAME}</div>
                    {headers}
                </div>
            </div>
            <div role="rowgroup" class="pt-body"
                style:height=move || format!("{}px", state.shown.with(Vec::len) as f64 * ROW_PX)>
                <For each=on_screen key=|(kind, _, entry)| (kind.clone(), entry.row.id.clone()) children=draw_row />
            </div>
        </div>
    }
}

/// Under the grid: "Load more", the page being read, the end, or why a page was not read.
#[component]
fn Footer(state: TableState) -> impl IntoView {
    move || {
        let paging = state.paging.get();
        if let Some(problem) = paging.problem {
            return view! {
                <p class="pi-failed pt-page-problem">{text::failed(&problem)}" "
                    <button type="button" class="pi-link-button" on:click=move |_| state.load_more()>{text::words::RETRY}</button>
                </p>
            }
            .into_any();
        }
        if paging.reading {
            return view! { <p class="pi-note" role="status">{words::LOADING_ROWS}</p> }.into_any();
        }
        if paging.done {
            return view! { <p class="pi-note">{words::ALL_LOADED}</p> }.into_any();
        }
        view! { <button type="button" class="pi-button pt-more" on:click=move |_| state.load_more()>{words::LOAD_MORE}</button> }
            .into_any()
    }
}
