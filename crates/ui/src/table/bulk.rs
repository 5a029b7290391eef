//! A bulk change: one property set to one value (or cleared) on every selected row, each row
//! one paced upsert or DELETE through its own field, so each row shows and reports its edit as
//! a panel would. The earlier values are kept, so the change can be undone (also paced) for as
//! long as the table is open.

use super::rows::RowEntry;
use crate::panel::field::{Field, FieldStatus};
use crate::text::table::{BulkKind, Tally};
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::property::Property;
use plane_inline_messages::EditStage;
use serde_json::Value as Json;

/// One row of a bulk change.
#[derive(Clone)]
pub struct BulkRow {
    /// The row's label (`DEMO-12`).
    pub label: String,
    /// Its field of the changed property.
    pub field: Field,
    /// What the change sends (`None`: a clear).
    pub target: Option<Json>,
    /// What Plane held before, put back by Undo.
    pub previous: Option<Json>,
}

/// A bulk change under way or done.
#[derive(Clone)]
pub struct BulkRun {
    /// What it does.
    pub kind: BulkKind,
    /// The property's display name.
    pub property: String,
    /// Its rows, in table order.
    pub rows: Vec<BulkRow>,
}

impl BulkRun {
    /// Counts the rows done, failed and waiting (tracked).
    pub fn tally(&self) -> Tally {
        let mut tally = Tally {
            total: self.rows.len(),
            ..Tally::default()
        };
        for row in &self.rows {
            match row.field.status.get() {
                FieldStatus::Saved if row.field.value.with(|v| *v == row.target) => {
                    tally.done += 1;
                }
                FieldStatus::Idle if row.field.held() == row.target => tally.done += 1,
                FieldStatus::Failed { .. } => tally.failed += 1,
                FieldStatus::Pending(EditStage::RateLimited { until_ms }) => {
                    tally.limited_until =
                        Some(tally.limited_until.map_or(until_ms, |u| u.min(until_ms)));
                }
                _ => {}
            }
        }
        tally
    }

    /// The rows that failed, with their fields (for their message and Retry).
    pub fn failures(&self) -> Vec<BulkRow> {
        self.rows
            .iter()
            .filter(|row| {
                row.field
                    .status
                    .with(|s| matches!(s, FieldStatus::Failed { .. }))
            })
            .cloned()
            .collect()
    }

    /// The change that puts back what this one changed, for the rows it changed.
    pub fn undo(&self) -> Option<Self> {
        let rows: Vec<BulkRow> = self
            .rows
            .iter()
            .filter(|row| row.previous != row.target && row.field.held() == row.target)
            .map(|row| BulkRow {
                label: row.label.clone(),
                field: row.field,
                target: row.previous.clone(),
                previous: row.target.clone(),
            })
            .collect();
        (!rows.is_empty()).then(|| Self {
            kind: BulkKind::Undo,
            property: self.property.clone(),
            rows,
        })
    }

    /// Sends every row's edit; each field queues its write with the connection's scheduler.
    pub fn send(&self) {
        for row in &self.rows {
            row.field.commit(row.target.clone());
        }
    }
}

/// Starts a bulk change of `property` to `target` on `rows`: the rows whose values are not read
/// yet are read first (the value to put back must be known), then every row's edit is sent.
pub fn start(
    kind: BulkKind,
    property: &Property,
    target: Option<Json>,
    rows: Vec<RowEntry>,
    read: impl Fn(RowEntry) -> LocalFuture + 'static,
    run: RwSignal<Option<BulkRun>>,
) {
    let property = property.clone();
    spawn_local(async move {
        let mut bulk = Vec::with_capacity(rows.len());
        for entry in rows {
            if entry.read.get_untracked() != super::reads::Read::Read {
                read(entry.clone()).await;
            }
            let field = entry.field(&property);
            bulk.push(BulkRow {
                label: entry.label.clone(),
                field,
                target: target.clone(),
                previous: field.held(),
            });
        }
        let change = BulkRun {
            kind,
            property: property.display_name.clone(),
            rows: bulk,
        };
        change.send();
        run.set(Some(change));
    });
}

/// A row read on its way.
pub type LocalFuture = futures_util::future::LocalBoxFuture<'static, ()>;
