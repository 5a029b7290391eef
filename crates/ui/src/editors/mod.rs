//! One editor per property type. Editors read and check what people type with core's input
//! grammar and value rules only; no rule of Plane's is re-derived here.
//!
//! Every editor: the control has the field's control id (its `<label>` points at it), is
//! described by the property's description and the field's message, and says `aria-invalid`
//! while the text is not a value Plane accepts. Enter (Ctrl+Enter in a text area) or leaving the
//! field commits; Escape puts back the value Plane holds.

mod date;
mod picker;
mod read_only;
mod switch;
mod text;

use crate::panel::field::Field;
use leptos::prelude::*;
use plane_inline_core::property::{PropertyType, RelationType, TextFormat};

pub use picker::Source;

/// The editor for a field's property type.
#[component]
pub fn Editor(field: Field) -> impl IntoView {
    let property = field.property.get_value();
    if !field.editable() {
        return view! { <read_only::ReadOnly field=field /> }.into_any();
    }
    match (&property.property_type, &property.relation_type) {
        (PropertyType::Text, _) => match property.settings.text_format() {
            TextFormat::ReadOnly => view! { <read_only::ReadOnly field=field /> }.into_any(),
            TextFormat::MultiLine => {
                view! { <text::TextInput field=field multiline=true /> }.into_any()
            }
            TextFormat::SingleLine => {
                view! { <text::TextInput field=field multiline=false /> }.into_any()
            }
        },
        (PropertyType::Boolean, _) => view! { <switch::Switch field=field /> }.into_any(),
        (PropertyType::DateTime, _) => view! { <date::DateInput field=field /> }.into_any(),
        (PropertyType::Option, _) => {
            view! { <picker::Picker field=field source=Source::Options /> }.into_any()
        }
        (PropertyType::Relation, Some(RelationType::User)) => {
            view! { <picker::Picker field=field source=Source::Members /> }.into_any()
        }
        (PropertyType::Relation, _) => {
            view! { <picker::Picker field=field source=Source::WorkItems /> }.into_any()
        }
        _ => view! { <text::TextInput field=field multiline=false /> }.into_any(),
    }
}

/// `aria-describedby` for a field's control: its description (when it has one) and its message.
pub fn described_by(field: &Field) -> String {
    let has_description = field.property.with_value(|p| {
        p.description
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty())
    });
    field.ids.with_value(|ids| {
        if has_description {
            format!("{} {}", ids.description, ids.message)
        } else {
            ids.message.clone()
        }
    })
}
