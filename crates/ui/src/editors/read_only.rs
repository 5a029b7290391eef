//! Values this product shows but does not edit: FORMULA results, read-only TEXT, RELEASE and
//! RICH_TEXT relations, CASCADING values (their format is undocumented), and kinds a later Plane
//! may add.

use super::described_by;
use super::shown_text;
use crate::panel::field::Field;
use crate::text::words;
use leptos::prelude::*;
use plane_inline_core::property::{PropertyType, TextFormat};

/// The value as text, in an `<output>` the label names, saying why it is not edited to screen
/// readers and on hover (the row's name says so too, by its look).
#[component]
pub fn ReadOnly(field: Field) -> impl IntoView {
    let ids = field.ids.get_value();
    let note = field.property.with_value(|p| match p.property_type {
        PropertyType::Text if p.settings.text_format() == TextFormat::ReadOnly => words::READ_ONLY,
        // Writable, but not by this key's owner: the panel's notice says why, once.
        _ if p.is_writable() => "",
        PropertyType::Formula => words::COMPUTED,
        ref kind if kind.is_cascading() => words::CASCADING,
        _ => words::NOT_EDITABLE,
    });
    let shown = move || {
        let text = shown_text(&field);
        if text.is_empty() {
            words::EMPTY.to_owned()
        } else {
            text
        }
    };
    view! {
        <output class="pi-value pi-readonly" id=ids.value.clone() tabindex="-1"
            aria-labelledby=format!("{} {}", ids.label, ids.value)
            aria-describedby=format!("{} {}", described_by(&field), ids.note)
            title=move || if note.is_empty() { shown() } else { format!("{} ({note})", shown()) }>
            {shown}
        </output>
        <span class="pi-sr pi-note" id=ids.note.clone()>{note}</span>
    }
}
