//! A loaded table's state, one `Copy` handle for every view and handler: the chosen type and its
//! columns, the rows read so far and the next cursor, which rows are on screen and which are
//! selected, the focused cell, the value reads in flight, the bulk change and the copied cell.
//! Reading pages and values is done here, so each rule (one page at a time, only the rows on
//! screen, a few reads in flight) is in one place.

use super::bulk::{BulkRun, LocalFuture};
use super::grid::Cell;
use super::reads::{self, Read};
use super::rows::RowEntry;
use super::selection::Selection;
use super::{OVERSCAN, PAGE_SIZES, ROW_PX};
use crate::panel::context::{Item, PanelContext};
use crate::text::table::words;
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::property::{Property, PropertyType};
use plane_inline_messages::{Problem, RowsRequest, TableModel};
use serde_json::Value as Json;
use std::ops::Range;
use std::sync::Arc;

/// Paging: the next cursor, whether a page is being read, whether every page was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paging {
    /// The next page's cursor (`None` before the first page and after the last).
    pub next: Option<String>,
    /// Whether a page is being read.
    pub reading: bool,
    /// Whether the last page was read.
    pub done: bool,
    /// How many work items the project has, when Plane says.
    pub total: Option<u64>,
    /// Why the last page could not be read.
    pub problem: Option<Problem>,
}

/// The copied cell: its property's kind and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Copied {
    /// The kind of the property it was copied from (it pastes into the same kind only).
    pub property_type: PropertyType,
    /// The value (`None`: empty).
    pub value: Option<Json>,
}

/// A loaded table's state.
#[derive(Clone, Copy)]
pub struct TableState {
    /// The table's panel context (backend, hooks, members, access, live region, clock).
    pub ctx: PanelContext,
    /// What the table read once: the project, its types, the members.
    pub model: StoredValue<Arc<TableModel>>,
    /// The workspace slug.
    pub workspace: StoredValue<String>,
    /// The DOM id prefix of this table.
    pub prefix: StoredValue<String>,
    /// The chosen type, an index of the model's types.
    pub chosen: RwSignal<usize>,
    /// Rows per page.
    pub per_page: RwSignal<u32>,
    /// Every row read so far, in Plane's order.
    pub rows: RwSignal<Vec<RowEntry>>,
    /// Paging.
    pub paging: RwSignal<Paging>,
    /// The selected rows.
    pub selection: RwSignal<Selection>,
    /// The focused cell.
    pub focus: RwSignal<Cell>,
    /// Whether a cell is the focused one, telling only the two cells whose answer changes when
    /// the focus moves (not every drawn cell: an arrow press over 1,000 rows stays in a frame).
    pub focused: StoredValue<Selector<Cell>>,
    /// How far the grid is scrolled, in pixels.
    pub scroll_top: RwSignal<f64>,
    /// How tall the grid is, in pixels.
    pub view_height: RwSignal<f64>,
    /// Whether every shown row's values are wanted (an export waits for them).
    pub want_all: RwSignal<bool>,
    /// The latest bulk change.
    pub run: RwSignal<Option<BulkRun>>,
    /// The copied cell.
    pub copied: StoredValue<Option<Copied>>,
    /// The grid's scrolling element.
    pub scroller: NodeRef<leptos::html::Div>,
    /// The chosen type's properties: the columns.
    pub properties: Memo<Vec<Property>>,
    /// The rows of the chosen type, as indices of `rows`.
    pub shown: Memo<Vec<usize>>,
    /// The shown rows on screen (and a few around), as positions in `shown`.
    pub window: Memo<Range<usize>>,
    /// Value reads in flight.
    in_flight: StoredValue<usize>,
    /// Bumped when the rows start again: answers for the old rows are dropped.
    generation: StoredValue<u64>,
    /// The table's reactive owner, and the child owning the current rows.
    table_owner: StoredValue<Owner>,
    rows_owner: StoredValue<Owner>,
}

impl TableState {
    /// The state of a table of `model` in `workspace`, under the current reactive owner.
    pub fn new(
        ctx: PanelContext,
        model: Arc<TableModel>,
        workspace: String,
        prefix: String,
    ) -> Self {
        let chosen = RwSignal::new(
            model
                .types
                .iter()
                .position(|t| t.is_default)
                .unwrap_or_default(),
        );
        let model = StoredValue::new(model);
        let rows = RwSignal::new(Vec::<RowEntry>::new());
        let scroll_top = RwSignal::new(0.0_f64);
        let view_height = RwSignal::new(600.0_f64);
        let properties = Memo::new(move |_| {
            model.with_value(|m| {
                m.types
                    .get(chosen.get())
                    .map(|t| t.properties.clone())
                    .unwrap_or_default()
            })
        });
        let shown = Memo::new(move |_| {
            let wanted = model.with_value(|m| m.types.get(chosen.get()).map(|t| t.id.clone()));
            rows.with(|rows| {
                rows.iter()
                    .enumerate()
                    .filter(|(_, r)| r.row.type_id == wanted)
                    .map(|(i, _)| i)
                    .collect::<Vec<_>>()
            })
        });
        let window = Memo::new(move |_| {
            let count = shown.with(Vec::len);
            let first = ((scroll_top.get() / ROW_PX).floor() as usize).saturating_sub(OVERSCAN);
            let visible = (view_height.get() / ROW_PX).ceil() as usize + 2 * OVERSCAN;
            first.min(count)..(first + visible).min(count)
        });
        let focus = RwSignal::new(Cell::default());
        Self {
            ctx,
            model,
            workspace: StoredValue::new(workspace),
            prefix: StoredValue::new(prefix),
            chosen,
            per_page: RwSignal::new(PAGE_SIZES[1]),
            rows,
            paging: RwSignal::new(Paging::default()),
            selection: RwSignal::new(Selection::default()),
            focus,
            focused: StoredValue::new(Selector::new(move || focus.get())),
            scroll_top,
            view_height,
            want_all: RwSignal::new(false),
            run: RwSignal::new(None),
            copied: StoredValue::new(None),
            scroller: NodeRef::new(),
            properties,
            shown,
            window,
            in_flight: StoredValue::new(0),
            generation: StoredValue::new(0),
            table_owner: StoredValue::new(Owner::current().unwrap_or_default()),
            rows_owner: StoredValue::new(Owner::new()),
        }
    }

    /// The project's UUID.
    pub fn project_id(&self) -> String {
        self.model.with_value(|m| m.project.id.clone())
    }

    /// The project's identifier (`SHIP`).
    pub fn identifier(&self) -> String {
        self.model.with_value(|m| m.project.identifier.clone())
    }

    /// The chosen type's UUID (tracked).
    pub fn type_id(&self) -> Option<String> {
        let chosen = self.chosen.get();
        self.model
            .with_value(|m| m.types.get(chosen).map(|t| t.id.clone()))
    }

    /// The grid's columns: selection, identifier, name, then the properties (tracked).
    pub fn columns(&self) -> usize {
        self.properties.with(Vec::len) + super::LEAD_COLUMNS
    }

    /// The shown rows' work item ids, in order.
    pub fn shown_ids(&self) -> Vec<String> {
        let shown = self.shown.get_untracked();
        self.rows
            .with_untracked(|rows| shown.iter().map(|&i| rows[i].row.id.clone()).collect())
    }

    /// The row at a position of the shown rows.
    pub fn entry_at(&self, row: usize) -> Option<RowEntry> {
        let index = self.shown.with_untracked(|s| s.get(row).copied())?;
        self.rows.with_untracked(|r| r.get(index).cloned())
    }

    /// The property of a grid column (none for the selection, identifier and name columns).
    pub fn property_at(&self, col: usize) -> Option<Property> {
        let index = col.checked_sub(super::LEAD_COLUMNS)?;
        self.properties.with_untracked(|p| p.get(index).cloned())
    }

    /// The selected rows of the chosen type, in order.
    pub fn picked(&self) -> Vec<RowEntry> {
        let ids = self.shown_ids();
        let chosen: Vec<String> = self
            .selection
            .with_untracked(|s| s.in_order(&ids).into_iter().cloned().collect());
        self.rows.with_untracked(|r| {
            r.iter()
                .filter(|e| chosen.contains(&e.row.id))
                .cloned()
                .collect()
        })
    }

    /// Reads the next page of rows, unless one is being read or the last one was.
    pub fn load_more(&self) {
        let now = self.paging.get_untracked();
        if now.reading || now.done {
            return;
        }
        self.paging.update(|p| {
            p.reading = true;
            p.problem = None;
        });
        let request = RowsRequest {
            workspace: self.workspace.get_value(),
            project_id: self.project_id(),
            per_page: self.per_page.get_untracked(),
            cursor: now.next,
        };
        let state = *self;
        let at = self.generation.get_value();
        spawn_local(async move {
            let result = state.ctx.backend().rows(&request).await;
            if state.generation.get_value() != at {
                return; // the page size changed meanwhile: those rows are not wanted
            }
            match result {
                Ok(page) => {
                    let (identifier, prefix) = (state.identifier(), state.prefix.get_value());
                    let start = state.rows.with_untracked(Vec::len);
                    let entries: Vec<RowEntry> = state.rows_owner.with_value(|owner| {
                        page.rows
                            .into_iter()
                            .enumerate()
                            .map(|(i, row)| {
                                let item = Item {
                                    workspace: request.workspace.clone(),
                                    project_id: request.project_id.clone(),
                                    work_item_id: row.id.clone(),
                                };
                                let prefix = format!("{prefix}r{}", start + i);
                                RowEntry::new(state.ctx, owner, item, row, &identifier, prefix)
                            })
                            .collect()
                    });
                    state.rows.update(|r| r.extend(entries));
                    state.paging.update(|p| {
                        p.reading = false;
                        p.done = page.next_cursor.is_none();
                        p.next = page.next_cursor;
                        p.total = page.total.or(p.total);
                    });
                }
                Err(problem) => state.paging.update(|p| {
                    p.reading = false;
                    p.problem = Some(problem);
                }),
            }
        });
    }

    /// Starts again from the first page (another page size): the old rows and their fields go.
    pub fn restart(&self) {
        self.generation.update_value(|g| *g += 1);
        let old = self.rows_owner.get_value();
        let fresh = self.table_owner.with_value(|table| table.with(Owner::new));
        self.rows_owner.set_value(fresh);
        self.in_flight.set_value(0);
        self.rows.set(Vec::new());
        // Once the old rows are no longer drawn.
        request_animation_frame(move || old.cleanup());
        self.selection.set(Selection::default());
        self.paging.set(Paging::default());
        self.scroll_top.set(0.0);
        self.load_more();
    }

    /// Reads one row's values (one request, paced by the connection's scheduler).
    pub fn read_row(&self, entry: RowEntry) -> LocalFuture {
        let (workspace, project_id, ctx) =
            (self.workspace.get_value(), self.project_id(), self.ctx);
        entry.read.set(Read::Reading);
        Box::pin(async move {
            let result = ctx
                .backend()
                .row_values(&workspace, &project_id, &entry.row.id)
                .await;
            match result {
                Ok(values) => entry.values_read(values),
                Err(problem) => entry.read.set(Read::Failed(problem)),
            }
        })
    }

    /// Starts the reads the rows on screen (then an export) are waiting for; each read that
    /// ends starts the next.
    pub fn start_reads(&self) {
        let states: Vec<Read> = self
            .rows
            .with_untracked(|r| r.iter().map(|e| e.read.get_untracked()).collect());
        let on_screen: Vec<usize> = self.shown.with_untracked(|s| {
            self.window
                .get_untracked()
                .filter_map(|p| s.get(p).copied())
                .collect()
        });
        let wanted = if self.want_all.get_untracked() {
            self.shown.get_untracked()
        } else {
            Vec::new()
        };
        for index in reads::next_reads(&states, &on_screen, &wanted, self.in_flight.get_value()) {
            let Some(entry) = self.rows.with_untracked(|r| r.get(index).cloned()) else {
                continue;
            };
            self.in_flight.update_value(|n| *n += 1);
            let read = self.read_row(entry);
            let (state, at) = (*self, self.generation.get_value());
            spawn_local(async move {
                read.await;
                if state.generation.get_value() == at {
                    state.in_flight.update_value(|n| *n = n.saturating_sub(1));
                    state.start_reads();
                }
            });
        }
    }

    /// How many of the rows wanted now (on screen, or all for an export) wait for their values
    /// (tracked).
    pub fn values_waiting(&self) -> usize {
        let states: Vec<Read> = self.rows.with(|r| r.iter().map(|e| e.read.get()).collect());
        let wanted: Vec<usize> = if self.want_all.get() {
            self.shown.get()
        } else {
            self.shown.with(|s| {
                self.window
                    .get()
                    .filter_map(|i| s.get(i).copied())
                    .collect()
            })
        };
        reads::waiting(&states, &wanted)
    }

    /// The loaded rows of other types, by type name (tracked).
    pub fn other_types(&self) -> Vec<(String, usize)> {
        let wanted = self.type_id();
        self.rows.with(|rows| {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for entry in rows.iter().filter(|e| e.row.type_id != wanted) {
                let name = self.model.with_value(|m| {
                    m.types
                        .iter()
                        .find(|t| Some(&t.id) == entry.row.type_id.as_ref())
                        .map(|t| t.name.clone())
                        .unwrap_or_else(|| words::NO_TYPE.to_owned())
                });
                match counts.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => *count += 1,
                    None => counts.push((name, 1)),
                }
            }
            counts
        })
    }
}
