//! DATETIME: the browser's date input, with the value also shown in the property's display
//! format. A time of day already stored is kept when the date changes.

use super::described_by;
use crate::panel::field::Field;
use leptos::prelude::*;
use plane_inline_core::value::PropertyValue;
use serde_json::Value as Json;
use web_sys::KeyboardEvent;

/// A date input committing on Enter or blur, reverting on Escape.
#[component]
pub fn DateInput(field: Field) -> impl IntoView {
    let held = move || match field.typed() {
        Some(PropertyValue::DateTime(date)) => Some(date),
        _ => None,
    };
    let iso = move || held().map(|d| d.date().to_string()).unwrap_or_default();
    let draft = RwSignal::new(String::new());
    Effect::new(move |_| draft.set(iso()));
    let commit = move || {
        // A blur can arrive after the editor closed (its element is being removed).
        let Some(text) = draft.try_get_untracked() else {
            return;
        };
        if text == iso() && field.invalid.get_untracked().is_none() {
            return;
        }
        if text.is_empty() {
            field.clear();
            return;
        }
        // Keep a stored time of day: the date input edits the date only.
        let time = held().and_then(|d| d.time);
        let value = match time {
            Some((h, m, s)) => format!("{text} {h:02}:{m:02}:{s:02}"),
            None => text,
        };
        field.commit_json(Json::String(value));
    };
    let revert = move || {
        draft.set(iso());
        field.invalid.set(None);
    };
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            commit();
            if field.invalid.get_untracked().is_none() {
                field.finish(true);
            }
        }
        // Escape puts back the value Plane holds and leaves the editor (not the page's card).
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            revert();
            field.finish(true);
        }
        _ => {}
    };
    let shown = move || {
        let format = field.property.with_value(|p| p.settings.date_format());
        held().map(|d| {
            let mut text = format.format(d.year.into(), d.month.into(), d.day.into());
            if let Some((h, m, _)) = d.time {
                text.push_str(&format!(" {h:02}:{m:02}"));
            }
            text
        })
    };
    let ids = field.ids.get_value();
    let required = field.property.with_value(|p| p.is_required);
    view! {
        <div class="pi-with-link">
            <input
                id=ids.control
                class="pi-input pi-date"
                type="date"
                aria-describedby=described_by(&field)
                aria-invalid=move || if field.invalid.get().is_some() { "true" } else { "false" }
                aria-required=required.to_string()
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                on:keydown=on_key
                on:blur=move |_| commit()
            />
            <span class="pi-note">{shown}</span>
        </div>
    }
}
