//! One property: its label (with "Required"), its editor, its description, the message under it
//! (core's message while the text is invalid, else the edit's status with Retry), and Clear.

use super::field::{Field, FieldStatus};
use crate::editors::Editor;
use crate::text::{self, words};
use leptos::prelude::*;

/// A property row.
#[component]
pub fn PropertyRow(field: Field) -> impl IntoView {
    let ids = field.ids.get_value();
    let (name, description, required, kind) = field.property.with_value(|p| {
        (
            p.display_name.clone(),
            p.description.clone().filter(|d| !d.trim().is_empty()),
            p.is_required,
            p.property_type.as_str().to_ascii_lowercase(),
        )
    });
    let clearable = !required && field.editable();
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
    let clear_label = text::clear_label(&name);
    let message = move || {
        if let Some(invalid) = field.invalid.get() {
            return Some(view! { <span class="pi-invalid">{invalid}</span> }.into_any());
        }
        let status = field.status.get();
        let words = field.status_text()?;
        let retry = matches!(status, FieldStatus::Failed { .. }).then(|| {
            view! { <button type="button" class="pi-link-button" on:click=move |_| field.retry()>{words::RETRY}</button> }
        });
        let class = match status {
            FieldStatus::Failed { .. } => "pi-failed",
            FieldStatus::Saved => "pi-saved",
            _ => "pi-pending",
        };
        Some(view! { <span class=class>{words}" "{retry}</span> }.into_any())
    };
    view! {
        <div class="pi-row" data-kind=kind data-property=field.property.with_value(|p| p.id.clone())>
            <div class="pi-row-head">
                <label class="pi-label" for=ids.control.clone()>{name.clone()}</label>
                {required.then(|| view! { <span class="pi-required">{words::REQUIRED}</span> })}
                {clearable.then(|| view! {
                    <button type="button" class="pi-link-button pi-clear" aria-label=clear_label.clone()
                        hidden=move || !has_value() on:click=move |_| field.clear()>{words::CLEAR}</button>
                })}
            </div>
            <Editor field=field />
            {description.map(|d| view! { <p class="pi-description" id=ids.description.clone()>{d}</p> })}
            <p class="pi-message" id=ids.message.clone()>{message}</p>
        </div>
    }
}
