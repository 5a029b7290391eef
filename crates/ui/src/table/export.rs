//! "Export CSV": every shown row's values are read first (paced, like any read), then the
//! loaded rows and the chosen type's columns are offered as a file, with names, not ids.

use super::cells;
use super::csv;
use super::reads::{self, Read};
use super::state::TableState;
use crate::text::table::words;
use leptos::prelude::*;

/// Watches for an export asked for (`exporting`), and makes the file once every shown row's
/// values are read.
pub fn watch(state: TableState, exporting: RwSignal<bool>) {
    Effect::new(move |_| {
        if !exporting.get() {
            return;
        }
        let states: Vec<Read> = state
            .rows
            .with(|r| r.iter().map(|e| e.read.get()).collect());
        let indices = state.shown.get();
        if reads::waiting(&states, &indices) > 0 {
            return;
        }
        exporting.set(false);
        state.want_all.set(false);
        let (name, text) = file(state, &indices);
        cells::download(&name, &text);
    });
}

/// The file's name and its CSV text for the rows at `indices`.
fn file(state: TableState, indices: &[usize]) -> (String, String) {
    let columns = state.properties.get_untracked();
    let mut header = vec![words::WORK_ITEM.to_owned(), words::NAME.to_owned()];
    header.extend(columns.iter().map(|p| p.display_name.clone()));
    let lines: Vec<Vec<String>> = state.rows.with_untracked(|rows| {
        indices
            .iter()
            .filter_map(|&i| rows.get(i))
            .map(|entry| {
                let mut line = vec![entry.label.clone(), entry.row.name.clone()];
                line.extend(
                    columns
                        .iter()
                        .map(|p| cells::words_of_field(entry.field(p))),
                );
                line
            })
            .collect()
    });
    let identifier = state.identifier();
    let chosen = state.chosen.get_untracked();
    let name = state.model.with_value(|m| match m.types.get(chosen) {
        Some(t) => format!("{identifier}-{}.csv", t.name),
        None => format!("{identifier}.csv"),
    });
    (name, csv::to_csv(&header, &lines))
}
