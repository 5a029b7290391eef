//! The table of a project's work items and their custom properties, for editing many at once:
//! rows from Plane's paginated list (the person chooses 25, 50 or 100 a page, and reads the
//! next page with "Load more" or by scrolling to the end), columns of the chosen type's
//! properties in Plane's order, values read lazily for the rows on screen, cells edited with the
//! panel's own editors, and bulk changes with progress in words and Undo. Keyboard: the
//! WAI-ARIA grid pattern ([`grid`]). Rows are drawn only while on screen, so a thousand rows
//! scroll as lightly as twenty.

mod bulk;
mod cells;
pub mod csv;
pub mod grid;
pub mod reads;
mod rows;
pub mod selection;

use crate::backend::{Backend, Hooks};
use crate::clock::now_ms;
use crate::panel::context::{Item, PanelContext};
use crate::panel::field::Field;
use crate::text;
use crate::text::table::{self as words_of, BulkKind, words};
use crate::theme::{STYLE, Theme};
use bulk::BulkRun;
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::property::Property;
use plane_inline_messages::{Activity, Problem, RowsRequest, TableModel, TableTarget};
use reads::Read;
use rows::RowEntry;
use selection::Selection;
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

/// Paging state: the next cursor, whether a page is being read, whether all are.
#[derive(Debug, Clone, Default, PartialEq)]
struct Paging {
    next: Option<String>,
    reading: bool,
    done: bool,
    total: Option<u64>,
    problem: Option<Problem>,
}

/// The copied cell: its property's kind and the value.
#[derive(Debug, Clone, PartialEq)]
struct Copied {
    property_type: plane_inline_core::property::PropertyType,
    value: Option<serde_json::Value>,
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
    let connection = move || {
        let now = activity.get();
        let state_name = match &now {
            None | Some(Activity::Online) => "online",
            Some(Activity::Offline) => "offline",
            Some(Activity::RateLimited { .. }) => "limited",
        };
        view! {
            <span class="pi-connection" data-state=state_name>
                <span class="pi-dot" aria-hidden="true"></span>
                {move || text::activity(now.as_ref(), ctx.now.get())}
            </span>
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
                {connection}
            </header>
            {body}
            <div class="pi-sr" role="status" aria-live="polite" aria-atomic="true">
                {move || ctx.announcement.get()}
            </div>
        </section>
    }
}

/// The loaded table: its controls, the grid, the bulk bar and the export.
#[component]
fn Ready(
    ctx: PanelContext,
    model: Arc<TableModel>,
    prefix: String,
    activity: RwSignal<Option<Activity>>,
    target: TableTarget,
) -> impl IntoView {
    let types = model.types.clone();
    if types.is_empty() {
        return view! { <p class="pi-empty-state">{words::NO_TYPES}</p> }.into_any();
    }
    let chosen = RwSignal::new(types.iter().position(|t| t.is_default).unwrap_or_default());
    // Rows and their fields belong to the table (a child owner per list of rows, disposed when
    // the list starts again), not to the drawing of a row, which lasts while it is on screen.
    let table_owner = StoredValue::new(Owner::current().unwrap_or_default());
    let owner = StoredValue::new(Owner::new());
    let per_page = RwSignal::new(PAGE_SIZES[1]);
    let rows = RwSignal::new(Vec::<RowEntry>::new());
    let paging = RwSignal::new(Paging::default());
    let selection = RwSignal::new(Selection::default());
    let focus = RwSignal::new(grid::Cell::default());
    let scroll_top = RwSignal::new(0.0_f64);
    let view_height = RwSignal::new(600.0_f64);
    let in_flight = StoredValue::new(0_usize);
    let want_all = RwSignal::new(false);
    let run = RwSignal::new(None::<BulkRun>);
    let undone = RwSignal::new(None::<BulkRun>);
    let copied = StoredValue::new(None::<Copied>);
    let generation = StoredValue::new(0_u64);
    let model = StoredValue::new(model);
    let project_id = model.with_value(|m| m.project.id.clone());
    let identifier = model.with_value(|m| m.project.identifier.clone());
    let workspace = target.workspace.clone();

    let properties = Memo::new(move |_| {
        model.with_value(|m| {
            m.types
                .get(chosen.get())
                .map(|t| t.properties.clone())
                .unwrap_or_default()
        })
    });
    let type_id = move || model.with_value(|m| m.types.get(chosen.get()).map(|t| t.id.clone()));
    // The rows of the chosen type, as indices of `rows`, in Plane's order.
    let shown = Memo::new(move |_| {
        let wanted = type_id();
        rows.with(|rows| {
            rows.iter()
                .enumerate()
                .filter(|(_, r)| r.row.type_id == wanted)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    let shown_ids = move || {
        rows.with_untracked(|rows| {
            shown
                .get_untracked()
                .iter()
                .map(|&i| rows[i].row.id.clone())
                .collect::<Vec<_>>()
        })
    };
    // The shown rows on screen (and a few around), as positions in `shown`.
    let window = Memo::new(move |_| {
        let count = shown.with(Vec::len);
        let first = ((scroll_top.get() / ROW_PX).floor() as usize).saturating_sub(OVERSCAN);
        let visible = (view_height.get() / ROW_PX).ceil() as usize + 2 * OVERSCAN;
        first.min(count)..(first + visible).min(count)
    });

    // Reads one row's values (paced by the backend's scheduler).
    let read_row = {
        let workspace = workspace.clone();
        let project_id = project_id.clone();
        move |entry: RowEntry| -> bulk::LocalFuture {
            let (workspace, project_id) = (workspace.clone(), project_id.clone());
            entry.read.set(Read::Reading);
            Box::pin(async move {
                let result = ctx
                    .backend()
                    .row_values(&workspace, &project_id, &entry.row.id)
                    .await;
                match result {
                    Ok(values) => entry.values_read(values),
                    Err(problem) => entry.read.set(Read::Failed(problem)),
                }
            })
        }
    };
    let read_row = StoredValue::new_local(Rc::new(read_row));
    // Starts the reads the rows on screen (then an export) are waiting for; each read that ends
    // starts the next.
    let pump = StoredValue::new_local(None::<Rc<dyn Fn()>>);
    let pump_again = move || {
        if let Some(pump) = pump.get_value() {
            pump();
        }
    };
    let start_reads = move || {
        let states: Vec<Read> =
            rows.with_untracked(|r| r.iter().map(|e| e.read.get_untracked()).collect());
        let on_screen: Vec<usize> = shown.with_untracked(|s| {
            window
                .get_untracked()
                .filter_map(|p| s.get(p).copied())
                .collect()
        });
        let wanted: Vec<usize> = if want_all.get_untracked() {
            shown.get_untracked()
        } else {
            Vec::new()
        };
        for index in reads::next_reads(&states, &on_screen, &wanted, in_flight.get_value()) {
            let Some(entry) = rows.with_untracked(|r| r.get(index).cloned()) else {
                continue;
            };
            in_flight.update_value(|n| *n += 1);
            let read = read_row.get_value()(entry);
            let at = generation.get_value();
            spawn_local(async move {
                read.await;
                if generation.get_value() == at {
                    in_flight.update_value(|n| *n = n.saturating_sub(1));
                    pump_again();
                }
            });
        }
    };
    pump.set_value(Some(Rc::new(start_reads)));
    Effect::new(move |_| {
        window.track();
        shown.track();
        want_all.track();
        pump_again();
    });

    // Reads the next page of rows.
    let load_more = {
        let workspace = workspace.clone();
        let project_id = project_id.clone();
        let identifier = identifier.clone();
        let prefix = prefix.clone();
        move || {
            let now = paging.get_untracked();
            if now.reading || now.done {
                return;
            }
            paging.update(|p| {
                p.reading = true;
                p.problem = None;
            });
            let request = RowsRequest {
                workspace: workspace.clone(),
                project_id: project_id.clone(),
                per_page: per_page.get_untracked(),
                cursor: now.next.clone(),
            };
            let (identifier, prefix, workspace) =
                (identifier.clone(), prefix.clone(), workspace.clone());
            let at = generation.get_value();
            spawn_local(async move {
                let result = ctx.backend().rows(&request).await;
                if generation.get_value() != at {
                    return; // the page size changed meanwhile: those rows are not wanted
                }
                match result {
                    Ok(page) => {
                        let start = rows.with_untracked(Vec::len);
                        let entries = page.rows.into_iter().enumerate().map(|(i, row)| {
                            let item = Item {
                                workspace: workspace.clone(),
                                project_id: request.project_id.clone(),
                                work_item_id: row.id.clone(),
                            };
                            owner.with_value(|owner| {
                                RowEntry::new(
                                    ctx,
                                    owner,
                                    item,
                                    row,
                                    &identifier,
                                    format!("{prefix}r{}", start + i),
                                )
                            })
                        });
                        rows.update(|r| r.extend(entries));
                        paging.update(|p| {
                            p.reading = false;
                            p.done = page.next_cursor.is_none();
                            p.next = page.next_cursor;
                            p.total = page.total.or(p.total);
                        });
                    }
                    Err(problem) => paging.update(|p| {
                        p.reading = false;
                        p.problem = Some(problem);
                    }),
                }
            });
        }
    };
    let load_more = StoredValue::new_local(Rc::new(load_more));
    let more = move || load_more.get_value()();
    more();

    let restart = move || {
        generation.update_value(|g| *g += 1);
        let old = owner.get_value();
        owner.set_value(table_owner.with_value(|table| table.with(Owner::new)));
        in_flight.set_value(0);
        rows.set(Vec::new());
        // Once the old rows are no longer drawn.
        request_animation_frame(move || old.cleanup());
        selection.set(Selection::default());
        paging.set(Paging::default());
        scroll_top.set(0.0);
        more();
    };

    // Scrolling near the end reads the next page, as "Load more" does.
    let scroller = NodeRef::<leptos::html::Div>::new();
    let on_scroll = move |_| {
        let Some(el) = scroller.get_untracked() else {
            return;
        };
        scroll_top.set(f64::from(el.scroll_top()));
        view_height.set(f64::from(el.client_height()));
        let near_end = f64::from(el.scroll_top() + el.client_height())
            >= f64::from(el.scroll_height()) - 2.0 * ROW_PX;
        if near_end {
            more();
        }
    };
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            view_height.set(f64::from(el.client_height()).max(ROW_PX));
        }
    });

    let columns = move || properties.with(Vec::len) + LEAD_COLUMNS;
    let template = move || {
        let n = properties.with(Vec::len);
        format!("grid-template-columns: 36px 96px 240px repeat({n}, 160px);")
    };

    let grid_prefix = StoredValue::new(prefix.clone());
    // Keyboard: the grid pattern over the shown rows.
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if cells::in_editor(&ev) {
            return;
        }
        let at = focus.get_untracked();
        let size = grid::Size {
            rows: shown.with_untracked(Vec::len),
            cols: columns(),
            page: (view_height.get_untracked() / ROW_PX).floor().max(1.0) as usize,
        };
        let mods = grid::Mods {
            ctrl: ev.ctrl_key() || ev.meta_key(),
            shift: ev.shift_key(),
        };
        if ev.alt_key() {
            return;
        }
        let Some(action) = grid::action(&ev.key(), mods, at, size) else {
            return;
        };
        let entry_at = |row: usize| {
            let index = shown.with_untracked(|s| s.get(row).copied())?;
            rows.with_untracked(|r| r.get(index).cloned())
        };
        let property_at = |col: usize| {
            col.checked_sub(LEAD_COLUMNS)
                .and_then(|c| properties.with_untracked(|p| p.get(c).cloned()))
        };
        match action {
            grid::Action::Move { to, extend } => {
                ev.prevent_default();
                if extend {
                    let ids = shown_ids();
                    selection.update(|s| s.extend(&ids, to.row));
                }
                focus.set(to);
                cells::reveal(scroller, to, ROW_PX);
                cells::focus_cell(&grid_prefix.get_value(), to);
            }
            grid::Action::Edit => {
                ev.prevent_default();
                cells::activate(&ev);
            }
            grid::Action::Type => {
                if let (Some(entry), Some(property)) = (entry_at(at.row), property_at(at.col)) {
                    let field = entry.field(&property);
                    if field.editable() && !field.editing.get_untracked() {
                        ev.prevent_default();
                        field.start(Some(ev.key()));
                    }
                }
            }
            grid::Action::ToggleRow => {
                ev.prevent_default();
                let ids = shown_ids();
                selection.update(|s| s.toggle(&ids, at.row));
            }
            grid::Action::SelectAll => {
                ev.prevent_default();
                let ids = shown_ids();
                selection.update(|s| s.toggle_all(&ids));
            }
            grid::Action::Copy => {
                if let (Some(entry), Some(property)) = (entry_at(at.row), property_at(at.col)) {
                    ev.prevent_default();
                    let field = entry.field(&property);
                    copied.set_value(Some(Copied {
                        property_type: property.property_type.clone(),
                        value: field.value.get_untracked(),
                    }));
                    ctx.announce(words_of::copied(&property.display_name, &entry.label));
                }
            }
            grid::Action::Paste => {
                let Some(property) = property_at(at.col) else {
                    return;
                };
                ev.prevent_default();
                let Some(copy) = copied.get_value() else {
                    ctx.announce(words::NOTHING_COPIED.into());
                    return;
                };
                if copy.property_type != property.property_type {
                    ctx.announce(words::PASTE_MISMATCH.into());
                    return;
                }
                let ids = shown_ids();
                let picked = selection
                    .with_untracked(|s| s.in_order(&ids).into_iter().cloned().collect::<Vec<_>>());
                let targets: Vec<RowEntry> = if picked.is_empty() {
                    entry_at(at.row).into_iter().collect()
                } else {
                    rows.with_untracked(|r| {
                        r.iter()
                            .filter(|e| picked.contains(&e.row.id))
                            .cloned()
                            .collect()
                    })
                };
                if targets.len() == 1 {
                    let field = targets[0].field(&property);
                    match copy.value {
                        Some(value) => field.commit_json(value),
                        None => field.clear(),
                    }
                } else {
                    let kind = if copy.value.is_some() {
                        BulkKind::Set
                    } else {
                        BulkKind::Clear
                    };
                    let read = read_row.get_value();
                    bulk::start(kind, &property, copy.value, targets, move |e| read(e), run);
                }
            }
        }
    };
    let on_focus_in = move |ev: web_sys::FocusEvent| {
        if let Some(cell) = cells::cell_of(&ev) {
            focus.set(cell);
        }
    };

    let grid_label = words_of::title(&identifier);
    let type_options = types
        .iter()
        .enumerate()
        .map(|(i, t)| view! { <option value=i.to_string() selected=move || chosen.get() == i>{t.name.clone()}</option> })
        .collect_view();
    let size_options = PAGE_SIZES
        .iter()
        .map(|n| view! { <option value=n.to_string() selected=move || per_page.get() == *n>{n.to_string()}</option> })
        .collect_view();
    let type_select_id = format!("{prefix}-type");
    let size_select_id = format!("{prefix}-size");
    let browse_base = model.with_value(|m| m.browse_base.clone());

    // Rows of other types, set apart.
    let others = move || {
        let wanted = type_id();
        let counts: Vec<(String, usize)> = rows.with(|rows| {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for entry in rows.iter().filter(|e| e.row.type_id != wanted) {
                let name = model.with_value(|m| {
                    m.types
                        .iter()
                        .find(|t| Some(&t.id) == entry.row.type_id.as_ref())
                        .map(|t| t.name.clone())
                        .unwrap_or_else(|| "no type".to_owned())
                });
                match counts.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((name, 1)),
                }
            }
            counts
        });
        words_of::other_types(&counts).map(|line| view! { <p class="pi-note pt-others">{line}</p> })
    };

    let status_line = move || {
        let counted = words_of::loaded(rows.with(Vec::len), paging.with(|p| p.total));
        let waiting = {
            let states: Vec<Read> = rows.with(|r| r.iter().map(|e| e.read.get()).collect());
            let mut wanted: Vec<usize> =
                shown.with(|s| window.get().filter_map(|i| s.get(i).copied()).collect());
            if want_all.get() {
                wanted = shown.get();
            }
            let until = match activity.get() {
                Some(Activity::RateLimited { until_ms }) => Some(until_ms),
                _ => None,
            };
            words_of::values_waiting(reads::waiting(&states, &wanted), until, ctx.now.get())
        };
        view! {
            <p class="pi-note pt-count">{counted}</p>
            {waiting.map(|w| view! { <p class="pi-note pt-waiting">{w}</p> })}
        }
    };

    // The bulk bar, while rows are selected.
    let bulk_property = RwSignal::new(0_usize);
    // The value a bulk change sets, checked with core's rules as it is typed (a field that
    // sends nothing), made again when another property is chosen.
    let bulk_field = RwSignal::new(None::<Field>);
    Effect::new({
        let workspace = workspace.clone();
        let project_id = project_id.clone();
        let prefix = prefix.clone();
        move |_| {
            let property = properties.with(|p| p.get(bulk_property.get()).cloned());
            bulk_field.set(property.map(|property| {
                let item = Item {
                    workspace: workspace.clone(),
                    project_id: project_id.clone(),
                    work_item_id: String::new(),
                };
                Field::scratch(ctx.for_item(item), property, &format!("{prefix}-bulk"))
            }));
        }
    });
    let picked_rows = move || {
        let ids = shown_ids();
        let chosen_ids =
            selection.with(|s| s.in_order(&ids).into_iter().cloned().collect::<Vec<_>>());
        rows.with_untracked(|r| {
            r.iter()
                .filter(|e| chosen_ids.contains(&e.row.id))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let bulk_bar = move || {
        let count = selection.with(Selection::len);
        if count == 0 {
            return None;
        }
        let editable: Vec<(usize, Property)> = properties.with(|ps| {
            ps.iter()
                .enumerate()
                .filter(|(_, p)| p.is_writable())
                .map(|(i, p)| (i, p.clone()))
                .collect()
        });
        // A property that is not edited here (computed, read-only) is never offered.
        let offered = editable
            .iter()
            .any(|(i, _)| *i == bulk_property.get_untracked());
        if !offered && let Some((first, _)) = editable.first() {
            bulk_property.set(*first);
        }
        let options = editable
            .iter()
            .map(|(i, p)| {
                let i = *i;
                view! { <option value=i.to_string() selected=move || bulk_property.get() == i>{p.display_name.clone()}</option> }
            })
            .collect_view();
        let field = bulk_field.get()?;
        let name = field.name();
        let set_words = {
            let name = name.clone();
            Signal::derive(move || {
                let value = field.value.get();
                let shown = crate::editors::shown_text(&field);
                value.map(|_| words_of::bulk_set(&name, &shown, count))
            })
        };
        let required = field.property.with_value(|p| p.is_required);
        let set = move |_| {
            let Some(value) = field.value.get_untracked() else {
                return;
            };
            let property = field.property.get_value();
            let read = read_row.get_value();
            bulk::start(
                BulkKind::Set,
                &property,
                Some(value),
                picked_rows(),
                move |e| read(e),
                run,
            );
        };
        let clear = move |_| {
            if field.parse("").is_err() {
                field.clear();
                return;
            }
            let property = field.property.get_value();
            let read = read_row.get_value();
            bulk::start(
                BulkKind::Clear,
                &property,
                None,
                picked_rows(),
                move |e| read(e),
                run,
            );
        };
        let bulk_select_id = format!(
            "{}-property",
            field.ids.with_value(|ids| ids.control.clone())
        );
        Some(view! {
            <div class="pt-bulk" role="group" aria-label=words_of::work_items(count)>
                <span class="pt-bulk-count">{words_of::work_items(count)}" selected"</span>
                <label for=bulk_select_id.clone()>{words::BULK_PROPERTY}</label>
                <select id=bulk_select_id on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        bulk_property.set(i);
                    }
                }>{options}</select>
                <div class="pt-bulk-value">
                    <label class="pi-label" id=field.ids.with_value(|ids| ids.label.clone())
                        for=field.ids.with_value(|ids| ids.control.clone())>{words::BULK_VALUE}</label>
                    <crate::editors::Editor field=field />
                    <p class="pi-message" data-tone="problem" id=field.ids.with_value(|ids| ids.message.clone())>
                        {move || field.invalid.get()}
                    </p>
                </div>
                <button type="button" class="pi-button" disabled=move || set_words.with(Option::is_none)
                    on:click=set>{move || set_words.get().unwrap_or_else(|| format!("Set {name}"))}</button>
                <button type="button" class="pi-button" disabled=required
                    on:click=clear>{words_of::bulk_clear(&field.name(), count)}</button>
            </div>
        })
    };
    let progress = move || {
        let change = run.get()?;
        let tally = change.tally();
        let line = words_of::bulk_progress(change.kind, tally, ctx.now.get());
        let failures = change
            .failures()
            .into_iter()
            .map(|row| {
                let field = row.field;
                let why = field.status_text().unwrap_or_default();
                view! {
                    <li>{row.label.clone()}": "{why}" "
                        <button type="button" class="pi-link-button" on:click=move |_| field.retry()>{text::words::RETRY}</button>
                    </li>
                }
            })
            .collect_view();
        let finished = tally.remaining() == 0;
        let undo = change
            .undo()
            .filter(|_| finished && change.kind != BulkKind::Undo)
            .map(|back| {
                let count = back.rows.len();
                view! {
                    <button type="button" class="pi-button" on:click=move |_| {
                        back.send();
                        undone.set(Some(back.clone()));
                        run.set(Some(back.clone()));
                    }>{words_of::undo(count)}</button>
                }
            });
        Some(view! {
            <div class="pt-progress" data-finished=finished.to_string()>
                <p>{line}</p>
                <ul class="pt-failures">{failures}</ul>
                {undo}
            </div>
        })
    };
    // Progress is announced once a second at most, through the one live region.
    Effect::new(move |last: Option<Option<String>>| {
        let line = run.with(|r| {
            r.as_ref()
                .map(|c| words_of::bulk_progress(c.kind, c.tally(), ctx.now.get_untracked()))
        })?;
        if last.flatten().as_ref() != Some(&line) {
            ctx.announce(line.clone());
        }
        Some(line)
    });

    // Export: every shown row's values are read first, then the file is made.
    let exporting = RwSignal::new(false);
    Effect::new({
        let identifier = identifier.clone();
        move |_| {
            if !exporting.get() {
                return;
            }
            let states: Vec<Read> = rows.with(|r| r.iter().map(|e| e.read.get()).collect());
            let indices = shown.get();
            if reads::waiting(&states, &indices) > 0 {
                return;
            }
            exporting.set(false);
            want_all.set(false);
            let props = properties.get_untracked();
            let mut header = vec![words::WORK_ITEM.to_owned(), words::NAME.to_owned()];
            header.extend(props.iter().map(|p| p.display_name.clone()));
            let lines: Vec<Vec<String>> = rows.with_untracked(|r| {
                indices
                    .iter()
                    .map(|&i| {
                        let entry = &r[i];
                        let mut line = vec![entry.label.clone(), entry.row.name.clone()];
                        line.extend(props.iter().map(|p| cells::words_of_field(entry.field(p))));
                        line
                    })
                    .collect()
            });
            let name = model.with_value(|m| {
                m.types
                    .get(chosen.get_untracked())
                    .map(|t| format!("{identifier}-{}.csv", t.name))
                    .unwrap_or_else(|| format!("{identifier}.csv"))
            });
            cells::download(&name, &csv::to_csv(&header, &lines));
        }
    });

    // The rows on screen, keyed by type and work item, so a scroll keeps the rows it keeps.
    let on_screen = move || {
        let range = window.get();
        let kind = type_id().unwrap_or_default();
        shown.with(|s| {
            rows.with(|r| {
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
    let draw_row = {
        let prefix = prefix.clone();
        move |(_, position, entry): (String, usize, RowEntry)| {
            cells::row_view(
                entry,
                position,
                properties.get_untracked(),
                selection,
                focus,
                shown_ids,
                browse_base.clone(),
                template(),
                prefix.clone(),
            )
        }
    };
    let headers = move || {
        properties
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let title = p.description.clone().filter(|d| !d.trim().is_empty()).unwrap_or_else(|| p.display_name.clone());
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
        let ids = shown_ids();
        shown.track();
        !ids.is_empty() && selection.with(|s| ids.iter().all(|id| s.contains(id)))
    };
    let view_only = match model.with_value(|m| m.access) {
        plane_inline_core::workspace::Access::View { role } => Some(view! {
            <p class="pi-notice" role="note" data-access="view">{text::view_only(role)}</p>
        }),
        plane_inline_core::workspace::Access::Edit => None,
    };
    let footer = move || {
        let p = paging.get();
        if let Some(problem) = p.problem {
            return view! {
                <p class="pi-failed pt-page-problem">{text::failed(&problem)}" "
                    <button type="button" class="pi-link-button" on:click=move |_| more()>{text::words::RETRY}</button>
                </p>
            }
            .into_any();
        }
        if p.reading {
            return view! { <p class="pi-note" role="status">{words::LOADING_ROWS}</p> }.into_any();
        }
        if p.done {
            return view! { <p class="pi-note">{words::ALL_LOADED}</p> }.into_any();
        }
        view! { <button type="button" class="pi-button pt-more" on:click=move |_| more()>{words::LOAD_MORE}</button> }.into_any()
    };
    let prefix_attr = prefix.clone();
    view! {
        {view_only}
        <div class="pt-controls">
            <label for=type_select_id.clone()>{words::TYPE}</label>
            <select id=type_select_id on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    chosen.set(i);
                    selection.set(Selection::default());
                    focus.set(grid::Cell::default());
                }
            }>{type_options}</select>
            <label for=size_select_id.clone()>{words::PER_PAGE}</label>
            <select id=size_select_id on:change=move |ev| {
                if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                    per_page.set(n);
                    restart();
                }
            }>{size_options}</select>
            <button type="button" class="pi-button" on:click=move |_| {
                want_all.set(true);
                exporting.set(true);
            }>{words::EXPORT}</button>
        </div>
        <p class="pi-note">{words::NO_TYPE_FILTER}</p>
        {status_line}
        {bulk_bar}
        {progress}
        <div class="pt-scroll" node_ref=scroller on:scroll=on_scroll data-prefix=prefix_attr
            role="grid" aria-label=grid_label aria-multiselectable="true"
            aria-rowcount=move || (shown.with(Vec::len) + 1).to_string()
            aria-colcount=move || columns().to_string()
            on:keydown=on_key on:focusin=on_focus_in>
            <div role="rowgroup" class="pt-head-group">
                <div role="row" class="pt-row pt-head" aria-rowindex="1" style=template>
                    <div role="columnheader" class="pt-head-cell pt-check" aria-colindex="1">
                        <input type="checkbox" tabindex="-1" aria-label=words::SELECT_ALL
                            prop:checked=all_selected
                            on:change=move |_| { let ids = shown_ids(); selection.update(|s| s.toggle_all(&ids)); } />
                    </div>
                    <div role="columnheader" class="pt-head-cell" aria-colindex="2">{words::WORK_ITEM}</div>
                    <div role="columnheader" class="pt-head-cell" aria-colindex="3">{words::NAME}</div>
                    {headers}
                </div>
            </div>
            <div role="rowgroup" class="pt-body" style=move || format!("height: {}px;", shown.with(Vec::len) as f64 * ROW_PX)>
                <For each=on_screen key=|(kind, _, entry)| (kind.clone(), entry.row.id.clone()) children=draw_row />
            </div>
        </div>
        {others}
        <div class="pt-footer">{footer}</div>
    }
    .into_any()
}
