//! The table's keyboard model (the WAI-ARIA grid pattern), without a DOM: where the focus goes
//! for a key, and what the key asks of the table. Arrows move one cell, Home and End to the
//! row's first and last cell (with Ctrl, the grid's), Page Up and Page Down a screen of rows;
//! Enter or F2 edits; Space selects the row; Shift with Up or Down extends the selection;
//! Ctrl+A selects every loaded row; Ctrl+C copies a cell and Ctrl+V pastes it.

/// A cell of the grid: a row of the shown rows and a column (0 is the row's selection box).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Cell {
    /// The row, from 0.
    pub row: usize,
    /// The column, from 0.
    pub col: usize,
}

/// The grid's size and how many rows a screen holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Shown rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Rows in one screen (Page Up, Page Down).
    pub page: usize,
}

/// The modifier keys held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mods {
    /// Ctrl (or ⌘).
    pub ctrl: bool,
    /// Shift.
    pub shift: bool,
}

/// What a key asks of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the focus to this cell; with `extend`, the row selection grows to it.
    Move {
        /// Where to.
        to: Cell,
        /// Whether the selection extends to the new row (Shift+Up, Shift+Down).
        extend: bool,
    },
    /// Open the cell's editor (Enter, F2).
    Edit,
    /// Open the cell's editor starting from a typed character.
    Type,
    /// Select or unselect the focused row (Space).
    ToggleRow,
    /// Select every loaded row (Ctrl+A).
    SelectAll,
    /// Copy the focused cell (Ctrl+C).
    Copy,
    /// Paste the copied value into the focused cell, or its column in every selected row (Ctrl+V).
    Paste,
}

/// What `key` (a `KeyboardEvent.key`) asks at `at`; `None` when the grid leaves it alone (Tab,
/// keys with Alt, what the editor handles).
pub fn action(key: &str, mods: Mods, at: Cell, size: Size) -> Option<Action> {
    if size.rows == 0 || size.cols == 0 {
        return None;
    }
    let last_row = size.rows - 1;
    let last_col = size.cols - 1;
    let to = |row: usize, col: usize, extend: bool| Action::Move {
        to: Cell {
            row: row.min(last_row),
            col: col.min(last_col),
        },
        extend,
    };
    let page = size.page.max(1);
    Some(match (key, mods.ctrl, mods.shift) {
        ("ArrowUp", false, shift) => to(at.row.saturating_sub(1), at.col, shift),
        ("ArrowDown", false, shift) => to(at.row + 1, at.col, shift),
        ("ArrowLeft", false, false) => to(at.row, at.col.saturating_sub(1), false),
        ("ArrowRight", false, false) => to(at.row, at.col + 1, false),
        ("Home", false, false) => to(at.row, 0, false),
        ("End", false, false) => to(at.row, last_col, false),
        ("Home", true, false) => to(0, 0, false),
        ("End", true, false) => to(last_row, last_col, false),
        ("PageUp", false, shift) => to(at.row.saturating_sub(page), at.col, shift),
        ("PageDown", false, shift) => to(at.row + page, at.col, shift),
        ("Enter" | "F2", false, false) => Action::Edit,
        (" ", false, false) => Action::ToggleRow,
        ("a" | "A", true, false) => Action::SelectAll,
        ("c" | "C", true, false) => Action::Copy,
        ("v" | "V", true, false) => Action::Paste,
        (typed, false, _) if typed.chars().count() == 1 => Action::Type,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZE: Size = Size {
        rows: 10,
        cols: 5,
        page: 4,
    };

    fn moved(key: &str, mods: Mods, row: usize, col: usize) -> Option<(usize, usize, bool)> {
        match action(key, mods, Cell { row, col }, SIZE)? {
            Action::Move { to, extend } => Some((to.row, to.col, extend)),
            _ => None,
        }
    }

    #[test]
    fn arrows_move_one_cell_and_stop_at_the_edges() {
        let none = Mods::default();
        assert_eq!(moved("ArrowDown", none, 3, 2), Some((4, 2, false)));
        assert_eq!(moved("ArrowUp", none, 3, 2), Some((2, 2, false)));
        assert_eq!(moved("ArrowLeft", none, 3, 2), Some((3, 1, false)));
        assert_eq!(moved("ArrowRight", none, 3, 2), Some((3, 3, false)));
        assert_eq!(moved("ArrowUp", none, 0, 0), Some((0, 0, false)));
        assert_eq!(moved("ArrowLeft", none, 0, 0), Some((0, 0, false)));
        assert_eq!(moved("ArrowDown", none, 9, 4), Some((9, 4, false)));
        assert_eq!(moved("ArrowRight", none, 9, 4), Some((9, 4, false)));
    }

    #[test]
    fn home_end_and_pages() {
        let none = Mods::default();
        let ctrl = Mods {
            ctrl: true,
            shift: false,
        };
        assert_eq!(moved("Home", none, 5, 3), Some((5, 0, false)));
        assert_eq!(moved("End", none, 5, 1), Some((5, 4, false)));
        assert_eq!(moved("Home", ctrl, 5, 3), Some((0, 0, false)));
        assert_eq!(moved("End", ctrl, 5, 1), Some((9, 4, false)));
        assert_eq!(moved("PageDown", none, 5, 1), Some((9, 1, false)));
        assert_eq!(moved("PageUp", none, 5, 1), Some((1, 1, false)));
        assert_eq!(moved("PageUp", none, 2, 1), Some((0, 1, false)));
    }

    #[test]
    fn shift_with_up_or_down_extends_the_selection() {
        let shift = Mods {
            ctrl: false,
            shift: true,
        };
        assert_eq!(moved("ArrowDown", shift, 3, 2), Some((4, 2, true)));
        assert_eq!(moved("ArrowUp", shift, 3, 2), Some((2, 2, true)));
        assert_eq!(moved("ArrowLeft", shift, 3, 2), None);
    }

    #[test]
    fn editing_selecting_copying_and_what_is_left_alone() {
        let at = Cell { row: 1, col: 2 };
        let none = Mods::default();
        let ctrl = Mods {
            ctrl: true,
            shift: false,
        };
        assert_eq!(action("Enter", none, at, SIZE), Some(Action::Edit));
        assert_eq!(action("F2", none, at, SIZE), Some(Action::Edit));
        assert_eq!(action("x", none, at, SIZE), Some(Action::Type));
        assert_eq!(
            action(
                "X",
                Mods {
                    ctrl: false,
                    shift: true
                },
                at,
                SIZE
            ),
            Some(Action::Type)
        );
        assert_eq!(action(" ", none, at, SIZE), Some(Action::ToggleRow));
        assert_eq!(action("a", ctrl, at, SIZE), Some(Action::SelectAll));
        assert_eq!(action("c", ctrl, at, SIZE), Some(Action::Copy));
        assert_eq!(action("v", ctrl, at, SIZE), Some(Action::Paste));
        assert_eq!(action("Tab", none, at, SIZE), None);
        assert_eq!(action("Escape", none, at, SIZE), None);
        assert_eq!(action("z", ctrl, at, SIZE), None);
        let empty = Size {
            rows: 0,
            cols: 5,
            page: 4,
        };
        assert_eq!(action("ArrowDown", none, at, empty), None);
    }
}
