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
use plane_inline_core::property::{Property, PropertyType, RelationType, TextFormat};
use plane_inline_core::value::{PropertyValue, format_for_input};
use plane_inline_core::workspace::Member;
use std::collections::HashMap;

pub use picker::Source;
pub use read_only::ReadOnly;
pub use switch::Switch;
pub use text::value_link;

/// The editor for a field's property type, opened in its row.
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

/// The value as the row shows it when not editing: OPTION and USER values by name (a
/// deactivated member marked so), dates in the property's display format, work items by their
/// name when a search met them (else the first block of their id), everything else as its
/// editor text; empty when unset.
pub fn shown_text(field: &Field) -> String {
    let Some(value) = field.typed() else {
        return String::new();
    };
    let ctx = field.ctx();
    field.property.with_value(|property| {
        ctx.members.with(|members| {
            ctx.work_items
                .with(|work_items| value_words(property, &value, members, work_items))
        })
    })
}

/// A value in words, as a row, a table cell and an export show it (see [`shown_text`]).
pub fn value_words(
    property: &Property,
    value: &PropertyValue,
    members: &[Member],
    work_items: &HashMap<String, String>,
) -> String {
    let ids = match value {
        PropertyValue::Id(id) => std::slice::from_ref(id),
        PropertyValue::Ids(ids) => ids.as_slice(),
        PropertyValue::DateTime(date) => {
            let format = property.settings.date_format();
            let mut text = format.format(date.year.into(), date.month.into(), date.day.into());
            if let Some((h, m, _)) = date.time {
                text.push_str(&format!(" {h:02}:{m:02}"));
            }
            return text;
        }
        _ => return format_for_input(property, value),
    };
    let name = |id: &String| -> String {
        let known = match (&property.property_type, &property.relation_type) {
            (PropertyType::Option, _) => property.option(id).map(|o| o.name.clone()),
            (PropertyType::Relation, Some(RelationType::User)) => members
                .iter()
                .find(|m| &m.id == id)
                .map(crate::text::member_name),
            (PropertyType::Relation, Some(RelationType::Issue)) => work_items.get(id).cloned(),
            _ => None,
        };
        known.unwrap_or_else(|| id.split('-').next().unwrap_or(id).to_owned())
    };
    ids.iter().map(name).collect::<Vec<_>>().join(", ")
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
