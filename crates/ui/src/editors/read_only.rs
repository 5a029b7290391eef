//! Values this product shows but does not edit: FORMULA results, read-only TEXT, RELEASE and
//! RICH_TEXT relations, CASCADING values (their format is undocumented), and kinds a later Plane
//! may add.

use super::described_by;
use crate::panel::field::Field;
use crate::text::{self, words};
use leptos::prelude::*;
use plane_inline_core::property::{PropertyType, RelationType, TextFormat};
use plane_inline_core::value::PropertyValue;

/// The value as text, in an `<output>` the label names.
#[component]
pub fn ReadOnly(field: Field) -> impl IntoView {
    let ids = field.ids.get_value();
    let note = field.property.with_value(|p| match p.property_type {
        // Writable, but not by this key's owner: the panel's notice says why, once.
        _ if p.is_writable() => "",
        PropertyType::Formula => words::COMPUTED,
        ref kind if kind.is_cascading() => words::CASCADING,
        PropertyType::Text if p.settings.text_format() == TextFormat::ReadOnly => "",
        _ => words::NOT_EDITABLE,
    });
    let shown = move || {
        let text = names(&field).unwrap_or_else(|| field.text());
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

/// An OPTION or USER value by name (options by name, members by name, a deactivated member
/// marked so); `None` for other values, shown as their text.
fn names(field: &Field) -> Option<String> {
    let ids = match field.typed()? {
        PropertyValue::Id(id) => vec![id],
        PropertyValue::Ids(ids) => ids,
        _ => return None,
    };
    let (kind, relation) = field
        .property
        .with_value(|p| (p.property_type.clone(), p.relation_type.clone()));
    let name = |id: &String| -> String {
        let known = match (&kind, &relation) {
            (PropertyType::Option, _) => field
                .property
                .with_value(|p| p.option(id).map(|o| o.name.clone())),
            (PropertyType::Relation, Some(RelationType::User)) => {
                field.ctx().members.with_untracked(|ms| {
                    ms.iter().find(|m| &m.id == id).map(|m| {
                        if m.is_former() {
                            text::former_member(&m.label())
                        } else {
                            m.label()
                        }
                    })
                })
            }
            _ => None,
        };
        known.unwrap_or_else(|| id.clone())
    };
    Some(ids.iter().map(name).collect::<Vec<_>>().join(", "))
}
