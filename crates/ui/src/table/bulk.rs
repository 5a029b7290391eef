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

/// Numbers bulk changes, so that a change's rows are never taken for a later change's.
static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A bulk change under way or done.
#[derive(Clone)]
pub struct BulkRun {
    /// Which change this is.
    serial: u64,
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
            serial: next_serial(),
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

/// Starts a bulk change of `property` to `target` on `rows`. Its progress shows at once; a row
/// whose values are not read yet is read first (the value Undo puts back must be known), then
/// its edit is sent, row after row, each paced by the connection's scheduler.
pub fn start(
    kind: BulkKind,
    property: &Property,
    target: Option<Json>,
    rows: Vec<RowEntry>,
    read: impl Fn(RowEntry) -> LocalFuture + 'static,
    run: RwSignal<Option<BulkRun>>,
) {
    let serial = next_serial();
    let change = BulkRun {
        serial,
        kind,
        property: property.display_name.clone(),
        rows: rows
            .iter()
            .map(|entry| {
                let field = entry.field(property);
                BulkRow {
                    label: entry.label.clone(),
                    field,
                    target: target.clone(),
                    previous: field.held(),
                }
            })
            .collect(),
    };
    run.set(Some(change));
    spawn_local(async move {
        for (index, entry) in rows.into_iter().enumerate() {
            if entry.read.get_untracked() != super::reads::Read::Read {
                read(entry.clone()).await;
            }
            let row = run.with_untracked(|r| {
                r.as_ref()
                    .filter(|r| r.serial == serial)
                    .and_then(|r| r.rows.get(index).cloned())
            });
            let Some(row) = row else {
                return; // another change took its place
            };
            // Without the value to put back, the row is not changed: it says why, and Retry
            // sends the change anyway.
            if let super::reads::Read::Failed(problem) = entry.read.get_untracked() {
                row.field.status.set(FieldStatus::Failed {
                    problem,
                    attempted: row.target,
                });
                continue;
            }
            let previous = row.field.held();
            run.update(|r| {
                let change = r.as_mut().filter(|r| r.serial == serial);
                if let Some(kept) = change.and_then(|r| r.rows.get_mut(index)) {
                    kept.previous = previous;
                }
            });
            row.field.commit(row.target);
        }
    });
}

fn next_serial() -> u64 {
    SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// A row read on its way.
pub type LocalFuture = futures_util::future::LocalBoxFuture<'static, ()>;
