//! One row of the table as drawn: its selection box, its identifier (a link to Plane), its
//! name, and one cell per property. A cell shows its value as the panel's row does (text or a
//! switch, with the edit's status as an icon) and opens the panel's editor in place. Also the
//! DOM chores of the grid: focus, scrolling a row into view, the file download.

use super::grid::Cell;
use super::reads::Read;
use super::rows::RowEntry;
use super::selection::Selection;
use crate::editors::{Editor, shown_text};
use crate::panel::field::{Field, FieldStatus};
use crate::text::{self, table::words};
use leptos::prelude::*;
use plane_inline_core::property::{Property, PropertyType};
use plane_inline_core::web_url::safe_link;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The DOM id of a cell's focusable element.
fn cell_id(prefix: &str, cell: Cell) -> String {
    format!("{prefix}-c{}-{}", cell.row, cell.col)
}

/// One drawn row.
#[allow(clippy::too_many_arguments)]
pub fn row_view(
    entry: RowEntry,
    position: usize,
    properties: Vec<Property>,
    selection: RwSignal<Selection>,
    focused: StoredValue<Selector<Cell>>,
    shown_ids: impl Fn() -> Vec<String> + Copy + Send + Sync + 'static,
    browse_base: Option<String>,
    template: String,
    prefix: String,
) -> impl IntoView {
    let id = entry.row.id.clone();
    let selected = Signal::derive(move || selection.with(|s| s.contains(&id)));
    // The row's cells stop asking whether they have the focus when the row goes.
    let columns = properties.len() + super::LEAD_COLUMNS;
    on_cleanup(move || {
        focused.with_value(|f| (0..columns).for_each(|col| f.remove(&Cell { row: position, col })));
    });
    let stop = move |col: usize| {
        move || {
            if focused.with_value(|f| f.selected(&Cell { row: position, col })) {
                "0"
            } else {
                "-1"
            }
        }
    };
    let toggle = move |ev: web_sys::MouseEvent| {
        let ids = shown_ids();
        if ev.shift_key() {
            selection.update(|s| s.extend(&ids, position));
        } else {
            selection.update(|s| s.toggle(&ids, position));
        }
    };
    let link = browse_base
        .and_then(|base| safe_link(&format!("{base}{}", entry.label)))
        .map(|href| href.to_string());
    let label = entry.label.clone();
    let identifier = match link {
        Some(href) => view! {
            <a class="pt-link" id=cell_id(&prefix, Cell { row: position, col: 1 }) tabindex=stop(1)
                href=href target="_blank" rel="noopener noreferrer">{label.clone()}</a>
        }
        .into_any(),
        None => view! {
            <span class="pt-text" id=cell_id(&prefix, Cell { row: position, col: 1 }) tabindex=stop(1)>{label.clone()}</span>
        }
        .into_any(),
    };
    let read = entry.read;
    let fields: Vec<Field> = properties.iter().map(|p| entry.field(p)).collect();
    // A row with an open editor is drawn over the rows below it (its list may reach them).
    let editing = {
        let fields = fields.clone();
        move || fields.iter().any(|f| f.editing.get()).to_string()
    };
    let cells = fields
        .into_iter()
        .enumerate()
        .map(|(i, field)| {
            let col = i + super::LEAD_COLUMNS;
            let at = Cell { row: position, col };
            view! { <PropertyCell field=field read=read at=at focusable=cell_id(&prefix, at) stop=Signal::derive(stop(col)) /> }
        })
        .collect_view();
    let name = entry.row.name.clone();
    view! {
        <div role="row" class="pt-row" aria-rowindex=(position + 2).to_string()
            aria-selected=move || selected.get().to_string() data-row=entry.row.id.clone()
            data-editing=editing
            style:grid-template-columns=template style:top=format!("{}px", position as f64 * super::ROW_PX)>
            <div role="gridcell" class="pt-cell pt-check" aria-colindex="1" data-cell=format!("{position}:0")>
                <input type="checkbox" id=cell_id(&prefix, Cell { row: position, col: 0 }) tabindex=stop(0)
                    aria-label=text::table::select_row(&label) prop:checked=move || selected.get()
                    on:click=toggle />
            </div>
            <div role="gridcell" class="pt-cell pt-id" aria-colindex="2" data-cell=format!("{position}:1")>{identifier}</div>
            <div role="gridcell" class="pt-cell pt-name" aria-colindex="3" data-cell=format!("{position}:2")>
                <span class="pt-text" id=cell_id(&prefix, Cell { row: position, col: 2 }) tabindex=stop(2) title=name.clone()>{name.clone()}</span>
            </div>
            {cells}
        </div>
    }
}

/// One property's cell.
#[component]
fn PropertyCell(
    field: Field,
    read: RwSignal<Read>,
    at: Cell,
    focusable: String,
    stop: Signal<&'static str>,
) -> impl IntoView {
    let ids = field.ids.get_value();
    let name = field.name();
    let kind = field.property.with_value(|p| p.property_type.clone());
    let shown = move || shown_text(&field);
    let empty = move || shown().is_empty();
    let label_id = ids.label.clone();
    let value = {
        let focusable = focusable.clone();
        let name = name.clone();
        move || {
            if field.editing.get() {
                return view! { <Editor field=field /> }.into_any();
            }
            match read.get() {
                Read::NotRead | Read::Reading => {
                    return view! {
                        <span class="pt-text pt-muted" id=focusable.clone() tabindex=move || stop.get()
                            aria-busy="true">{words::NOT_READ}</span>
                    }
                    .into_any();
                }
                Read::Failed(problem) => {
                    let why = text::failed(&problem);
                    return view! {
                        <span class="pt-text pi-failed" id=focusable.clone() tabindex=move || stop.get()
                            title=why>{words::VALUES_FAILED}</span>
                    }
                    .into_any();
                }
                Read::Read => {}
            }
            if !field.editable() || kind == PropertyType::Boolean {
                // The panel's own settled view and switch, as the row shows them.
                return view! {
                    <span class="pt-settled" id=focusable.clone() tabindex=move || stop.get()>
                        {if kind == PropertyType::Boolean && field.editable() {
                            view! { <crate::editors::Switch field=field /> }.into_any()
                        } else {
                            view! { <crate::editors::ReadOnly field=field /> }.into_any()
                        }}
                    </span>
                }
                .into_any();
            }
            let set_words = text::set_label(&name);
            view! {
                <button type="button" class="pi-value" id=focusable.clone() tabindex=move || stop.get()
                    aria-labelledby=format!("{} {}", label_id, focusable)
                    aria-describedby=crate::editors::described_by(&field)
                    data-empty=move || empty().to_string() title=shown
                    on:click=move |_| field.start(None)>
                    {move || if empty() { set_words.clone() } else { shown() }}
                </button>
            }
            .into_any()
        }
    };
    let status = move || {
        match field.status.get() {
        FieldStatus::Idle => None,
        FieldStatus::Saved => Some(view! { <span class="pi-saved" title=text::words::SAVED><span class="pi-sr">{text::words::SAVED}</span></span> }.into_any()),
        FieldStatus::Failed { problem, .. } => {
            let words = text::failed(&problem);
            let hover = words.clone();
            Some(view! { <span class="pt-failed-mark" title=hover><span aria-hidden="true">"!"</span><span class="pi-sr">{words}</span></span> }.into_any())
        }
        FieldStatus::Pending(_) => {
            let words = field.status_text().unwrap_or_default();
            let hover = words.clone();
            Some(view! { <span class="pi-pending" title=hover><span class="pi-sr">{words}</span></span> }.into_any())
        }
    }
    };
    // Leaving the cell (a click elsewhere, Tab) closes its editor; the editor committed on blur.
    let on_focus_out = move |ev: web_sys::FocusEvent| {
        if !field.editing.get_untracked() {
            return;
        }
        let from_value = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .is_some_and(|e| e.class_list().contains("pi-value"));
        let cell = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let inside = match (cell, ev.related_target()) {
            (Some(cell), Some(next)) => next
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|node| cell.contains(Some(node))),
            _ => false,
        };
        if !from_value && !inside && field.invalid.get_untracked().is_none() {
            field.finish(false);
        }
    };
    view! {
        <div role="gridcell" class="pt-cell" aria-colindex=(at.col + 1).to_string()
            data-cell=format!("{}:{}", at.row, at.col) data-editing=move || field.editing.get().to_string()
            on:focusout=on_focus_out>
            <label class="pi-sr" id=ids.label.clone() for=ids.control.clone()>{name.clone()}</label>
            {value}
            {status}
            <p class="pi-message pt-message" id=ids.message.clone() data-tone="problem"
                hidden=move || field.invalid.with(Option::is_none)>{move || field.invalid.get()}</p>
        </div>
    }
}

/// A field's value in words for the export (empty when unset).
pub fn words_of_field(field: Field) -> String {
    if field.value.with_untracked(Option::is_none) {
        return String::new();
    }
    // Read untracked: the export runs outside any view.
    leptos::prelude::untrack(|| shown_text(&field))
}

/// Whether a key event comes from inside an open editor (the editor handles its own keys).
pub fn in_editor(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("[data-editing='true']").ok().flatten())
        .is_some()
}

/// The cell an event happened in.
pub fn cell_of(ev: &web_sys::FocusEvent) -> Option<Cell> {
    let cell = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())?
        .closest("[data-cell]")
        .ok()??
        .get_attribute("data-cell")?;
    let (row, col) = cell.split_once(':')?;
    Some(Cell {
        row: row.parse().ok()?,
        col: col.parse().ok()?,
    })
}

/// Scrolls the grid so that `cell`'s row is on screen.
pub fn reveal(scroller: NodeRef<leptos::html::Div>, cell: Cell, row_px: f64) {
    let Some(el) = scroller.get_untracked() else {
        return;
    };
    // The header row stays on top (sticky): a row must clear it.
    let top = cell.row as f64 * row_px;
    let height = f64::from(el.client_height()) - row_px;
    let scroll = f64::from(el.scroll_top());
    if top < scroll {
        el.set_scroll_top(top as i32);
    } else if top + row_px > scroll + height {
        el.set_scroll_top((top + row_px - height) as i32);
    }
}

/// Focuses `cell` once the rows are drawn again; without `scroll`, the browser does not scroll it
/// into view (`reveal` already brought its row into view, clear of the sticky header).
pub fn focus_cell(prefix: &str, cell: Cell, scroll: bool) {
    focus_in_frame(cell_id(prefix, cell), scroll, FOCUS_FRAMES);
}

/// How many frames a cell may take to be drawn (a jump of a page draws its rows after the frame
/// that scrolled to them).
const FOCUS_FRAMES: u32 = 4;

fn focus_in_frame(id: String, scroll: bool, frames_left: u32) {
    request_animation_frame(move || {
        match document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            Some(el) => {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(!scroll);
                let _ = el.focus_with_options(&options);
            }
            None if frames_left > 1 => focus_in_frame(id, scroll, frames_left - 1),
            None => {}
        }
    });
}

/// Enter or F2 on a cell: its control acts as a click would (the value opens its editor, the
/// switch turns, the box selects, the identifier opens Plane).
pub fn activate(ev: &web_sys::KeyboardEvent) {
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|e| e.closest("[data-cell]").ok().flatten());
    let control = target.and_then(|cell| {
        cell.query_selector("button, [role='switch'], input[type='checkbox'], a")
            .ok()
            .flatten()
    });
    if let Some(control) = control.and_then(|c| c.dyn_into::<HtmlElement>().ok()) {
        control.click();
    }
}

/// Offers `text` as a file named `name` to download.
pub fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        if let Some(link) = link.dyn_ref::<HtmlElement>() {
            link.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
