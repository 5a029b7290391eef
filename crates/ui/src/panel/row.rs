//! One property on one line, as in Plane's own sidebar: its name on the left (with a required
//! mark, and its description as a tooltip and as the value's accessible description), its value
//! on the right as text or names, and the edit's status as a small icon. Clicking the value,
//! Enter, F2 or typing on it opens the property's editor in place; Enter commits and Escape
//! reverts, and the value shows again. A message (core's, or why an edit failed, with Retry)
//! and, while editing, the description take a line of their own under the row.

use super::field::{Field, FieldStatus};
use crate::editors::{Editor, shown_text};
use crate::text::{self, words};
use leptos::prelude::*;
use plane_inline_core::property::PropertyType;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

/// A property row.
#[component]
pub fn PropertyRow(field: Field) -> impl IntoView {
    let ids = field.ids.get_value();
    let (name, description, required, kind) = field.property.with_value(|p| {
        (
            p.display_name.clone(),
            p.description.clone().filter(|d| !d.trim().is_empty()),
            p.is_required,
            p.property_type.clone(),
        )
    });
    let editable = field.editable();
    let clearable = !required && editable;
    // When the connection is back, an edit kept after a transient failure goes again.
    let resend = field.ctx().resend;
    Effect::new(move |previous: Option<u64>| {
        let now = resend.get();
        if previous.is_some_and(|p| p != now) {
            field.resend_kept();
        }
        now
    });
    let has_value = move || field.value.with(Option::is_some);
    let row_ref = NodeRef::<leptos::html::Div>::new();
    // Leaving the row (a click elsewhere, Tab) closes its editor; the editor has committed on blur.
    let on_focus_out = move |ev: web_sys::FocusEvent| {
        // The value itself going away as the editor opens is not leaving the row.
        let from_value = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.class_list().contains("pi-value"));
        if !field.editing.get_untracked() || from_value {
            return;
        }
        let inside = match (row_ref.get_untracked(), ev.related_target()) {
            (Some(row), Some(next)) => next
                .dyn_ref::<web_sys::Node>()
                .is_some_and(|node| row.contains(Some(node))),
            _ => false,
        };
        // Text Plane would refuse stays in its editor, with the message, until fixed or reverted.
        if !inside && field.invalid.get_untracked().is_none() {
            field.finish(false);
        }
    };
    let message = move || {
        if let Some(invalid) = field.invalid.get() {
            return Some(view! { <span class="pi-invalid">{invalid}</span> }.into_any());
        }
        let status = field.status.get();
        let words = field.status_text()?;
        let hover = words.clone();
        Some(match status {
            FieldStatus::Failed { .. } => view! {
                <span class="pi-failed">{words}" "
                    <button type="button" class="pi-link-button" on:click=move |_| field.retry()>{words::RETRY}</button>
                </span>
            }
            .into_any(),
            // In the row: an icon, with the words for screen readers and on hover.
            FieldStatus::Saved => view! { <span class="pi-saved" title=hover><span class="pi-sr">{words}</span></span> }.into_any(),
            _ => view! { <span class="pi-pending" title=hover><span class="pi-sr">{words}</span></span> }.into_any(),
        })
    };
    // A message with words to read takes the line under the row; a status stays in it.
    let tone = move || {
        let problem = field.invalid.with(Option::is_some)
            || field
                .status
                .with(|s| matches!(s, FieldStatus::Failed { .. }));
        if problem { "problem" } else { "status" }
    };
    let clear_label = text::clear_label(&name);
    let kind_name = kind.as_str().to_ascii_lowercase();
    let cell = move || {
        if field.editing.get() {
            view! { <Editor field=field /> }.into_any()
        } else {
            value_view(field).into_any()
        }
    };
    // With "Show empty properties" off, a row without a value is hidden, unless it is required
    // (it needs one) or being edited or reporting an edit.
    let show_empty = field.ctx().show_empty;
    let hidden = move || {
        !show_empty.get()
            && !required
            && !has_value()
            && !field.editing.get()
            && field.status.with(|s| *s == FieldStatus::Idle)
    };
    view! {
        <div class="pi-row" role="row" node_ref=row_ref data-kind=kind_name hidden=hidden
            data-property=field.property.with_value(|p| p.id.clone())
            data-editing=move || field.editing.get().to_string()
            data-empty=move || (!has_value()).to_string()
            on:focusout=on_focus_out>
            <div class="pi-key" role="rowheader">
                <label class="pi-label" id=ids.label.clone() for=ids.control.clone()
                    title=description.clone().unwrap_or_else(|| name.clone())>{name.clone()}</label>
                {required.then(|| view! {
                    <span class="pi-required" title=words::REQUIRED><span aria-hidden="true">"*"</span><span class="pi-sr">{words::REQUIRED}</span></span>
                })}
            </div>
            <div class="pi-cell" role="gridcell">
                {cell}
                {clearable.then(|| view! {
                    <button type="button" class="pi-clear" aria-label=clear_label.clone() title=clear_label.clone()
                        tabindex="-1" hidden=move || !has_value() || field.editing.get()
                        on:click=move |_| field.clear()>"×"</button>
                })}
            </div>
            <p class="pi-message" id=ids.message.clone() data-tone=tone>{message}</p>
            {description.map(|d| view! {
                <p class="pi-description" class:pi-sr=move || !field.editing.get() id=ids.description.clone()>{d}</p>
            })}
        </div>
    }
}

/// The value as shown while the row is not being edited: a button that opens the editor (a
/// switch for BOOLEAN, which turns in place; plain text for what is not edited here).
fn value_view(field: Field) -> impl IntoView {
    let ids = field.ids.get_value();
    let (name, kind) = field
        .property
        .with_value(|p| (p.display_name.clone(), p.property_type.clone()));
    if !field.editable() {
        return view! { <crate::editors::ReadOnly field=field /> }.into_any();
    }
    if kind == PropertyType::Boolean {
        return view! { <crate::editors::Switch field=field /> }.into_any();
    }
    let shown = move || shown_text(&field);
    let empty = move || shown().is_empty();
    let on_key = move |ev: KeyboardEvent| {
        let key = ev.key();
        let typed = key.chars().count() == 1 && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key();
        if key == "Enter" || key == "F2" {
            ev.prevent_default();
            field.start(None);
        } else if typed && key != " " {
            ev.prevent_default();
            field.start(Some(key));
        }
    };
    let set_words = text::set_label(&name);
    view! {
        <button type="button" class="pi-value" id=ids.value.clone() tabindex="-1"
            aria-labelledby=format!("{} {}", ids.label, ids.value)
            aria-describedby=crate::editors::described_by(&field)
            data-empty=move || empty().to_string()
            title=shown
            on:click=move |_| field.start(None)
            on:keydown=on_key>
            {move || if empty() { set_words.clone() } else { shown() }}
        </button>
        {move || crate::editors::value_link(&field)}
    }
    .into_any()
}
