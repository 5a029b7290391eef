//! BOOLEAN: a switch. Core decides whether "off" may be sent (a required BOOLEAN refuses it).

use super::described_by;
use crate::panel::field::Field;
use crate::text::words;
use leptos::prelude::*;
use plane_inline_core::value::PropertyValue;
use serde_json::Value as Json;

/// A `role="switch"` button, shown in the row itself; Space, Enter or a click turns it.
#[component]
pub fn Switch(field: Field) -> impl IntoView {
    let on = move || matches!(field.typed(), Some(PropertyValue::Boolean(true)));
    let ids = field.ids.get_value();
    view! {
        <button
            id=ids.control
            type="button"
            role="switch"
            class="pi-switch pi-value"
            tabindex="-1"
            aria-checked=move || on().to_string()
            aria-describedby=described_by(&field)
            on:click=move |_| field.commit_json(Json::Bool(!on()))
        >
            <span class="pi-switch-track" aria-hidden="true"><span class="pi-switch-thumb"></span></span>
            <span class="pi-switch-text">{move || if on() { words::YES } else { words::NO }}</span>
        </button>
    }
}
