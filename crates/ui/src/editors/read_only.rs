//! Values this product shows but does not edit: FORMULA results, read-only TEXT, RELEASE and
//! RICH_TEXT relations, CASCADING values (their format is undocumented), and kinds a later Plane
//! may add.

use super::described_by;
use crate::panel::field::Field;
use crate::text::words;
use leptos::prelude::*;
use plane_inline_core::property::{PropertyType, TextFormat};

/// The value as text, in an `<output>` the label names.
#[component]
pub fn ReadOnly(field: Field) -> impl IntoView {
    let ids = field.ids.get_value();
    let note = field.property.with_value(|p| match p.property_type {
        PropertyType::Formula => words::COMPUTED,
        ref kind if kind.is_cascading() => words::CASCADING,
        PropertyType::Text if p.settings.text_format() == TextFormat::ReadOnly => "",
        _ => words::NOT_EDITABLE,
    });
    let shown = move || {
        let text = field.text();
        if text.is_empty() {
            words::EMPTY.to_owned()
        } else {
            text
        }
    };
    view! {
        <div class="pi-readonly">
            <output id=ids.control aria-describedby=described_by(&field)>{shown}</output>
            {(!note.is_empty()).then(|| view! { <span class="pi-note">{note}</span> })}
        </div>
    }
}
