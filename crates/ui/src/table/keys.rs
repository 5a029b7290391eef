//! The table's keys, as [`grid::action`](super::grid::action) reads them, carried out: moving
//! the focus (and scrolling its row into view), opening a cell's editor, selecting rows, and
//! copying a cell and pasting it into the selected rows.

use super::ROW_PX;
use super::bulk;
use super::cells;
use super::grid::{self, Action};
use super::state::{Copied, TableState};
use crate::text::table::{self as words_of, BulkKind, words};
use leptos::prelude::*;
use plane_inline_core::value::{parse_input, validate_value};
use web_sys::KeyboardEvent;

/// Handles a key pressed in the grid (an open editor's keys are its own).
pub fn on_key(state: TableState, ev: &KeyboardEvent) {
    if cells::in_editor(ev) || ev.alt_key() {
        return;
    }
    let at = state.focus.get_untracked();
    let size = grid::Size {
        rows: state.shown.with_untracked(Vec::len),
        cols: untrack(|| state.columns()),
        page: (state.view_height.get_untracked() / ROW_PX)
            .floor()
            .max(1.0) as usize,
    };
    let mods = grid::Mods {
        ctrl: ev.ctrl_key() || ev.meta_key(),
        shift: ev.shift_key(),
    };
    let Some(action) = grid::action(&ev.key(), mods, at, size) else {
        return;
    };
    match action {
        Action::Move { to, extend } => {
            ev.prevent_default();
            if extend {
                let ids = state.shown_ids();
                state.selection.update(|s| s.extend(&ids, to.row));
            }
            state.focus.set(to);
            cells::reveal(state.scroller, to, ROW_PX);
            // Up and down: the row is revealed already; across, the browser brings the column
            // into view.
            let scroll = to.col != at.col;
            cells::focus_cell(&state.prefix.get_value(), to, scroll);
        }
        Action::Edit => {
            ev.prevent_default();
            cells::activate(ev);
        }
        Action::Type => {
            if let (Some(entry), Some(property)) =
                (state.entry_at(at.row), state.property_at(at.col))
            {
                let field = entry.field(&property);
                if field.editable() && !field.editing.get_untracked() {
                    ev.prevent_default();
                    field.start(Some(ev.key()));
                }
            }
        }
        Action::ToggleRow => {
            ev.prevent_default();
            let ids = state.shown_ids();
            state.selection.update(|s| s.toggle(&ids, at.row));
        }
        Action::SelectAll => {
            ev.prevent_default();
            let ids = state.shown_ids();
            state.selection.update(|s| s.toggle_all(&ids));
        }
        Action::Copy => {
            if let (Some(entry), Some(property)) =
                (state.entry_at(at.row), state.property_at(at.col))
            {
                ev.prevent_default();
                let field = entry.field(&property);
                state.copied.set_value(Some(Copied {
                    property_type: property.property_type.clone(),
                    value: field.value.get_untracked(),
                }));
                state
                    .ctx
                    .announce(words_of::copied(&property.display_name, &entry.label));
            }
        }
        Action::Paste => {
            if state.property_at(at.col).is_some() {
                ev.prevent_default();
                paste(state, at.row, at.col);
            }
        }
    }
}

/// Pastes the copied value into the column `col` of the selected rows, or of row `row` when
/// none is selected: one row is edited as a cell is, several as a bulk change.
fn paste(state: TableState, row: usize, col: usize) {
    let Some(property) = state.property_at(col) else {
        return;
    };
    let Some(copy) = state.copied.get_value() else {
        state.ctx.announce(words::NOTHING_COPIED.into());
        return;
    };
    if copy.property_type != property.property_type {
        state.ctx.announce(words::PASTE_MISMATCH.into());
        return;
    }
    // Core's rules for the column's property: an option of another property, or a clear of a
    // required one, is refused in Plane's words before anything is sent.
    let refused = match &copy.value {
        Some(value) => validate_value(&property, value)
            .err()
            .map(|e| e.to_string()),
        None => parse_input(&property, "").err().map(|e| e.to_string()),
    };
    if let Some(message) = refused {
        state.ctx.announce(message);
        return;
    }
    let picked = state.picked();
    let targets = if picked.is_empty() {
        state.entry_at(row).into_iter().collect()
    } else {
        picked
    };
    if let [one] = targets.as_slice() {
        let field = one.field(&property);
        match copy.value {
            Some(value) => field.commit_json(value),
            None => field.clear(),
        }
        return;
    }
    let kind = if copy.value.is_some() {
        BulkKind::Set
    } else {
        BulkKind::Clear
    };
    bulk::start(
        kind,
        &property,
        copy.value,
        targets,
        move |e| state.read_row(e),
        state.run,
    );
}
