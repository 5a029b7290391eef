//! The table's rows: one work item each, with its values read lazily and one field per
//! property of its type, made when first needed. A field is the same [`Field`] a panel row
//! edits with, so a cell edits, checks, saves, rolls back and reports exactly as the panel does.

use super::reads::Read;
use crate::panel::context::{Item, PanelContext};
use crate::panel::field::Field;
use leptos::prelude::*;
use plane_inline_core::property::Property;
use plane_inline_messages::{RowValues, TableRow};
use std::collections::HashMap;

/// One row of the table.
#[derive(Clone)]
pub struct RowEntry {
    /// The work item.
    pub row: TableRow,
    /// Its identifier as people read it (`DEMO-12`), else its name.
    pub label: String,
    /// Where its values are.
    pub read: RwSignal<Read>,
    /// Its values as read, for fields made later.
    values: StoredValue<Option<RowValues>>,
    /// Its fields by property id.
    fields: StoredValue<HashMap<String, Field>>,
    /// Its panel context (its work item; the rest shared with the table).
    ctx: PanelContext,
    /// Prefix of its fields' DOM ids.
    prefix: String,
    /// The table's reactive owner: a row's fields outlive the drawing of the row (it is drawn
    /// only while on screen), so they belong to the table.
    owner: Owner,
}

impl RowEntry {
    /// A row of `row`, in the project `identifier`, sharing `table`'s context; its signals
    /// belong to `owner`, the table's.
    pub fn new(
        table: PanelContext,
        owner: &Owner,
        item: Item,
        row: TableRow,
        identifier: &str,
        prefix: String,
    ) -> Self {
        let label = match row.sequence_id {
            Some(n) => format!("{identifier}-{n}"),
            None => row.name.clone(),
        };
        owner.with(|| Self {
            row,
            label,
            read: RwSignal::new(Read::NotRead),
            values: StoredValue::new(None),
            fields: StoredValue::new(HashMap::new()),
            ctx: table.for_item(item),
            prefix,
            owner: owner.clone(),
        })
    }

    /// The field of `property` in this row, made now if it was not (with the value read, if
    /// the values are).
    pub fn field(&self, property: &Property) -> Field {
        if let Some(field) = self.fields.with_value(|f| f.get(&property.id).copied()) {
            return field;
        }
        let value = self
            .values
            .with_value(|v| v.as_ref().and_then(|v| v.get(&property.id).cloned()));
        let field = self
            .owner
            .with(|| Field::new(self.ctx, property.clone(), value, &self.prefix));
        self.fields.update_value(|f| {
            f.insert(property.id.clone(), field);
        });
        field
    }

    /// The values were read: every field made so far shows them (unless being edited).
    pub fn values_read(&self, values: RowValues) {
        self.fields.with_value(|fields| {
            for (id, field) in fields {
                field.hold(values.get(id).cloned());
            }
        });
        self.values.set_value(Some(values));
        self.read.set(Read::Read);
    }
}
