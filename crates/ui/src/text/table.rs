//! What the table of work items says: its counts, the waits of its value reads and bulk
//! changes in words with a time, and its buttons.

/// Plane's documented rate limit is 60 requests a minute per key: one a second is the pace an
/// estimate counts with (developers.plane.so, "Rate limits"; research notes, section 5).
pub const PACE_MS: f64 = 1000.0;

/// How long `remaining` paced requests take from now: the first when the limit lets it
/// (`until_ms`, when Plane said to wait), then one a second.
pub fn estimate_ms(remaining: usize, until_ms: Option<f64>, now_ms: f64) -> f64 {
    let wait = until_ms.map_or(0.0, |until| (until - now_ms).max(0.0));
    let rest = remaining.saturating_sub(usize::from(until_ms.is_some()));
    wait + rest as f64 * PACE_MS
}

/// "about 28 s" or "about 3 min".
pub fn about(ms: f64) -> String {
    let seconds = (ms / 1000.0).ceil().max(1.0);
    if seconds < 90.0 {
        format!("about {seconds:.0} s")
    } else {
        format!("about {:.0} min", (seconds / 60.0).ceil())
    }
}

/// Where a bulk change is, counted over its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// Rows in the change.
    pub total: usize,
    /// Rows Plane confirmed.
    pub done: usize,
    /// Rows that failed (each names its problem in its row).
    pub failed: usize,
    /// When Plane's rate limit lets the next request go, while it holds requests back.
    pub limited_until: Option<f64>,
}

impl Tally {
    /// Rows still on their way.
    pub fn remaining(&self) -> usize {
        self.total.saturating_sub(self.done + self.failed)
    }
}

/// What a bulk change does, for its progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkKind {
    /// "Set ⟨property⟩ to ⟨value⟩".
    Set,
    /// "Clear ⟨property⟩".
    Clear,
    /// Undo: the earlier values put back.
    Undo,
}

/// A bulk change's progress: "12 of 40 saved, 28 waiting for Plane's rate limit, about 28 s".
pub fn bulk_progress(kind: BulkKind, tally: Tally, now_ms: f64) -> String {
    let verb = match kind {
        BulkKind::Set => "saved",
        BulkKind::Clear => "cleared",
        BulkKind::Undo => "put back",
    };
    let mut line = format!("{} of {} {verb}", tally.done, tally.total);
    let remaining = tally.remaining();
    if remaining > 0 {
        let time = about(estimate_ms(remaining, tally.limited_until, now_ms));
        if tally.limited_until.is_some() {
            line.push_str(&format!(
                ", {remaining} waiting for Plane's rate limit, {time}"
            ));
        } else {
            line.push_str(&format!(", {remaining} to go, {time}"));
        }
    }
    if tally.failed > 0 {
        line.push_str(&format!(
            "; {} not {verb}: see {}",
            tally.failed,
            if tally.failed == 1 {
                "its row"
            } else {
                "their rows"
            }
        ));
    }
    line.push('.');
    line
}

/// What a bulk change will do, on its button: "Set Severity to High on 40 work items".
pub fn bulk_set(property: &str, value: &str, rows: usize) -> String {
    format!("Set {property} to {value} on {}", work_items(rows))
}

/// "Clear Severity on 40 work items".
pub fn bulk_clear(property: &str, rows: usize) -> String {
    format!("Clear {property} on {}", work_items(rows))
}

/// "Undo: put back 40 values".
pub fn undo(rows: usize) -> String {
    if rows == 1 {
        "Undo: put back 1 value".into()
    } else {
        format!("Undo: put back {rows} values")
    }
}

/// "1 work item", "40 work items".
pub fn work_items(n: usize) -> String {
    if n == 1 {
        "1 work item".into()
    } else {
        format!("{n} work items")
    }
}

/// The values still to read, in words with a time while the rate limit holds them back:
/// "Values for 40 more rows in about 35 s".
pub fn values_waiting(rows: usize, limited_until: Option<f64>, now_ms: f64) -> Option<String> {
    if rows == 0 {
        return None;
    }
    let what = if rows == 1 {
        "Values for 1 more row".to_owned()
    } else {
        format!("Values for {rows} more rows")
    };
    Some(match limited_until {
        Some(until) if until > now_ms => format!(
            "{what} in {}, as Plane's rate limit allows.",
            about(estimate_ms(rows, Some(until), now_ms))
        ),
        _ => format!("{what} are being read."),
    })
}

/// How many rows are loaded, of how many: "50 of 300 work items loaded".
pub fn loaded(shown: usize, total: Option<u64>) -> String {
    match total {
        Some(total) => format!("{shown} of {total} work items loaded"),
        None => format!("{} loaded", work_items(shown)),
    }
}

/// The rows of other types, set apart: "12 loaded work items are of other types: Bug (10), no type (2)".
pub fn other_types(counts: &[(String, usize)]) -> Option<String> {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(name, n)| format!("{name} ({n})"))
        .collect();
    let (lead, action) = if total == 1 {
        (
            "1 loaded work item is of another type".to_owned(),
            "Choose its type above to edit it.",
        )
    } else {
        (
            format!("{total} loaded work items are of other types"),
            "Choose their type above to edit them.",
        )
    };
    Some(format!("{lead}: {}. {action}", parts.join(", ")))
}

/// Words the table uses as they are.
pub mod words {
    /// The type selector's label.
    pub const TYPE: &str = "Work item type";
    /// The page size selector's label.
    pub const PER_PAGE: &str = "Rows per page";
    /// Why rows of other types are not in the columns.
    pub const NO_TYPE_FILTER: &str = "Plane's API lists work items of every type together, so the rows of other types are set apart below.";
    /// The button that reads the next page.
    pub const LOAD_MORE: &str = "Load more";
    /// While a page is read.
    pub const LOADING_ROWS: &str = "Loading work items…";
    /// When every page was read.
    pub const ALL_LOADED: &str = "Every work item is loaded.";
    /// The export button.
    pub const EXPORT: &str = "Export CSV";
    /// The select-all box's name.
    pub const SELECT_ALL: &str = "Select every loaded row";
    /// The bulk bar's property selector.
    pub const BULK_PROPERTY: &str = "Property";
    /// The bulk bar's value box.
    pub const BULK_VALUE: &str = "Value";
    /// The header of the identifier column.
    pub const WORK_ITEM: &str = "Work item";
    /// The header of the name column.
    pub const NAME: &str = "Name";
    /// A cell whose row's values are not read yet.
    pub const NOT_READ: &str = "…";
    /// A row whose values could not be read.
    pub const VALUES_FAILED: &str = "Values not read";
    /// Under a cell pasted into a column of another kind.
    pub const PASTE_MISMATCH: &str = "Copy a cell of this column's kind to paste here.";
    /// When nothing was copied.
    pub const NOTHING_COPIED: &str = "Copy a cell first (Ctrl+C).";
    /// The table page's address names no project.
    pub const NO_PROJECT: &str =
        "Open the table from Plane Inline's popup, on a page of the project.";
    /// How rows without a type are counted among the other types.
    pub const NO_TYPE: &str = "no type";
    /// The project has no type with properties.
    pub const NO_TYPES: &str = "This project's work item types have no custom properties.";
}

/// "Table of DEMO".
pub fn title(project: &str) -> String {
    format!("Table of {project}")
}

/// The name of a row's selection box: "Select DEMO-12".
pub fn select_row(label: &str) -> String {
    format!("Select {label}")
}

/// Said when a value was copied: "Copied Severity of DEMO-12".
pub fn copied(property: &str, label: &str) -> String {
    format!("Copied {property} of {label}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_progress_counts_and_times_in_words() {
        let now = 1_000_000.0;
        let tally = Tally {
            total: 40,
            done: 12,
            failed: 0,
            limited_until: Some(now + 1_000.0),
        };
        assert_eq!(
            bulk_progress(BulkKind::Set, tally, now),
            "12 of 40 saved, 28 waiting for Plane's rate limit, about 28 s."
        );
        let flowing = Tally {
            limited_until: None,
            ..tally
        };
        assert_eq!(
            bulk_progress(BulkKind::Clear, flowing, now),
            "12 of 40 cleared, 28 to go, about 28 s."
        );
        let ended = Tally {
            total: 40,
            done: 38,
            failed: 2,
            limited_until: None,
        };
        assert_eq!(
            bulk_progress(BulkKind::Undo, ended, now),
            "38 of 40 put back; 2 not put back: see their rows."
        );
        let one = Tally {
            failed: 1,
            done: 39,
            ..ended
        };
        assert_eq!(
            bulk_progress(BulkKind::Set, one, now),
            "39 of 40 saved; 1 not saved: see its row."
        );
        assert_eq!(about(200_000.0), "about 4 min");
    }

    #[test]
    fn value_reads_wait_in_words() {
        let now = 5_000.0;
        assert_eq!(
            values_waiting(40, Some(now + 6_000.0), now).as_deref(),
            Some("Values for 40 more rows in about 45 s, as Plane's rate limit allows.")
        );
        assert_eq!(
            values_waiting(1, None, now).as_deref(),
            Some("Values for 1 more row are being read.")
        );
        assert_eq!(values_waiting(0, None, now), None);
    }

    #[test]
    fn counts_and_other_types() {
        assert_eq!(loaded(50, Some(300)), "50 of 300 work items loaded");
        assert_eq!(loaded(1, None), "1 work item loaded");
        assert_eq!(
            other_types(&[("Bug".into(), 10), ("no type".into(), 2)]).as_deref(),
            Some(
                "12 loaded work items are of other types: Bug (10), no type (2). Choose their type above to edit them."
            )
        );
        assert_eq!(other_types(&[]), None);
        assert_eq!(
            bulk_set("Severity", "High", 40),
            "Set Severity to High on 40 work items"
        );
        assert_eq!(bulk_clear("Severity", 1), "Clear Severity on 1 work item");
        assert_eq!(undo(3), "Undo: put back 3 values");
    }
}
