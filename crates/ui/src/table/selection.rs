//! Which rows are selected for a bulk change: a click toggles one row, Shift-click and
//! Shift+arrows select the range from the anchor, "select all" takes every loaded row. Rows are
//! named by work item id, so the selection survives more pages loading and a type switch.

use std::collections::BTreeSet;

/// The selected rows and the anchor of the next range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    chosen: BTreeSet<String>,
    anchor: Option<usize>,
}

impl Selection {
    /// Whether the row `id` is selected.
    pub fn contains(&self, id: &str) -> bool {
        self.chosen.contains(id)
    }

    /// How many rows are selected.
    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    /// Whether no row is selected.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// The selected ids among `shown` (ids in display order), in that order.
    pub fn in_order<'a>(&self, shown: &'a [String]) -> Vec<&'a String> {
        shown
            .iter()
            .filter(|id| self.chosen.contains(*id))
            .collect()
    }

    /// Selects or unselects the row at `index` of `shown`; it becomes the anchor.
    pub fn toggle(&mut self, shown: &[String], index: usize) {
        let Some(id) = shown.get(index) else {
            return;
        };
        if !self.chosen.remove(id) {
            self.chosen.insert(id.clone());
        }
        self.anchor = Some(index);
    }

    /// Selects the rows from the anchor (or `index` when there is none) to `index`, both
    /// included (Shift-click, Shift+arrows); the anchor stays.
    pub fn extend(&mut self, shown: &[String], index: usize) {
        let anchor = self
            .anchor
            .unwrap_or(index)
            .min(shown.len().saturating_sub(1));
        let (from, to) = if anchor <= index {
            (anchor, index)
        } else {
            (index, anchor)
        };
        for id in shown.iter().take(to + 1).skip(from) {
            self.chosen.insert(id.clone());
        }
        self.anchor = Some(anchor);
    }

    /// Selects every row of `shown`, or, when all are selected already, none.
    pub fn toggle_all(&mut self, shown: &[String]) {
        if !shown.is_empty() && shown.iter().all(|id| self.chosen.contains(id)) {
            self.chosen.clear();
        } else {
            self.chosen.extend(shown.iter().cloned());
        }
        self.anchor = None;
    }

    /// Unselects every row.
    pub fn clear(&mut self) {
        self.chosen.clear();
        self.anchor = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("w{i}")).collect()
    }

    #[test]
    fn a_click_toggles_one_row_and_shift_extends_from_it() {
        let shown = rows(8);
        let mut selection = Selection::default();
        selection.toggle(&shown, 2);
        assert_eq!(selection.in_order(&shown), ["w2"]);
        selection.extend(&shown, 5);
        assert_eq!(selection.in_order(&shown), ["w2", "w3", "w4", "w5"]);
        // Backwards from the same anchor.
        selection.extend(&shown, 0);
        assert_eq!(selection.len(), 6);
        selection.toggle(&shown, 3);
        assert!(!selection.contains("w3"));
        assert_eq!(selection.in_order(&shown), ["w0", "w1", "w2", "w4", "w5"]);
    }

    #[test]
    fn shift_without_an_anchor_selects_the_row_itself() {
        let shown = rows(4);
        let mut selection = Selection::default();
        selection.extend(&shown, 1);
        assert_eq!(selection.in_order(&shown), ["w1"]);
        selection.extend(&shown, 2);
        assert_eq!(selection.in_order(&shown), ["w1", "w2"]);
    }

    #[test]
    fn select_all_then_none_and_the_selection_outlives_the_rows_shown() {
        let shown = rows(3);
        let mut selection = Selection::default();
        selection.toggle_all(&shown);
        assert_eq!(selection.len(), 3);
        // Another page loaded: the chosen rows stay chosen, the new ones are not.
        let more = rows(5);
        assert_eq!(selection.in_order(&more), ["w0", "w1", "w2"]);
        selection.toggle_all(&more);
        assert_eq!(selection.len(), 5);
        selection.toggle_all(&more);
        assert!(selection.is_empty());
        selection.toggle(&more, 99);
        assert!(selection.is_empty());
    }
}
