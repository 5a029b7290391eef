//! TEXT (single line, or a growing text area), DECIMAL, URL, EMAIL and FILE: typed text read
//! with core's input grammar on every keystroke, with a link beside URL, EMAIL and FILE values.
//! Enter (Ctrl+Enter in a text area) commits and closes the editor; Escape reverts and closes it.

use super::described_by;
use crate::panel::field::Field;
use crate::text::words;
use leptos::prelude::*;
use plane_inline_core::property::PropertyType;
use plane_inline_core::value::PropertyValue;
use plane_inline_core::web_url::safe_link;
use web_sys::KeyboardEvent;

/// A text input (or text area) committing on Enter or blur, reverting on Escape.
#[component]
pub fn TextInput(field: Field, multiline: bool) -> impl IntoView {
    // Opened by typing on the row: start from what was typed.
    let seed = field.take_seed();
    let draft = RwSignal::new(seed.clone().unwrap_or_else(|| field.text_untracked()));
    let editing = RwSignal::new(seed.is_some());
    // When Plane's value changes (saved, rolled back), show it unless the person is typing.
    Effect::new(move |_| {
        let shown = field.text();
        if !editing.get_untracked() {
            draft.set(shown);
        }
    });
    let check = move |text: String| {
        editing.set(true);
        field.invalid.set(field.parse(&text).err());
        draft.set(text);
    };
    let commit = move || {
        // A blur can arrive after the editor closed (its element is being removed).
        let Some(text) = draft.try_get_untracked() else {
            return;
        };
        editing.set(false);
        if text == field.text_untracked() && field.invalid.get_untracked().is_none() {
            return;
        }
        match field.parse(&text) {
            Ok(input) => {
                field.commit_input(input);
                draft.set(field.text_untracked()); // as core reads it: " 5 " shows as "5"
            }
            Err(message) => field.invalid.set(Some(message)),
        }
    };
    let revert = move || {
        editing.set(false);
        draft.set(field.text_untracked());
        field.invalid.set(None);
    };
    let on_key = move |ev: KeyboardEvent| match ev.key().as_str() {
        "Enter" if !multiline || ev.ctrl_key() || ev.meta_key() => {
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
    let ids = field.ids.get_value();
    let described = described_by(&field);
    let invalid = move || {
        if field.invalid.get().is_some() {
            "true"
        } else {
            "false"
        }
    };
    let required = field.property.with_value(|p| p.is_required);
    let mode = field.property.with_value(|p| input_mode(&p.property_type));
    let control = if multiline {
        view! {
            <textarea
                id=ids.control
                class="pi-input pi-textarea"
                rows="2"
                aria-describedby=described
                aria-invalid=invalid
                aria-required=required.to_string()
                prop:value=move || draft.get()
                on:input=move |ev| check(event_target_value(&ev))
                on:keydown=on_key
                on:blur=move |_| commit()
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=ids.control
                class="pi-input"
                type="text"
                inputmode=mode
                autocomplete="off"
                spellcheck=if mode == "text" { "true" } else { "false" }
                aria-describedby=described
                aria-invalid=invalid
                aria-required=required.to_string()
                prop:value=move || draft.get()
                on:input=move |ev| check(event_target_value(&ev))
                on:keydown=on_key
                on:blur=move |_| commit()
            />
        }
        .into_any()
    };
    view! {
        <div class="pi-with-link">
            {control}
            {move || value_link(&field)}
        </div>
    }
}

/// The keyboard a phone should offer.
fn input_mode(kind: &PropertyType) -> &'static str {
    match kind {
        PropertyType::Decimal => "decimal",
        PropertyType::Url => "url",
        PropertyType::Email => "email",
        _ => "text",
    }
}

/// The link beside a URL, EMAIL or FILE value (tracked).
pub fn value_link(field: &Field) -> Option<AnyView> {
    let kind = field.property.with_value(|p| p.property_type.clone());
    let PropertyValue::Text(value) = field.typed()? else {
        return None;
    };
    let name = field.name();
    let (target, words) = match kind {
        PropertyType::Url => (value, words::OPEN_LINK),
        PropertyType::Email => (format!("mailto:{value}"), words::SEND_EMAIL),
        // A FILE value is any text; it is a link only when it is a web address.
        PropertyType::File if is_web_address(&value) => (value, words::OPEN_FILE),
        _ => return None,
    };
    // Whatever the value, only http:, https: and mailto: ever become links.
    let href = safe_link(&target)?;
    Some(
        view! {
            <a class="pi-link" href=href target="_blank" rel="noopener noreferrer"
                aria-label=format!("{words}: {name}")>{words}" ↗"</a>
        }
        .into_any(),
    )
}

fn is_web_address(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
