//! Roving focus over the panel's rows (the WAI-ARIA grid pattern, one column of values): Tab
//! reaches one value, Up and Down move between the shown rows, Home and End to the first and
//! last; Enter, F2 or typing on a value opens its editor (in the row).

use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

/// The values a person can move between, in order: those of rows that are shown.
fn values(grid: &Element) -> Vec<HtmlElement> {
    let Ok(list) = grid.query_selector_all(".pi-row:not([hidden]) .pi-value") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Makes `chosen` the one value Tab reaches.
fn choose(grid: &Element, chosen: &HtmlElement) {
    for value in values(grid) {
        let stop = if value == *chosen { "0" } else { "-1" };
        let _ = value.set_attribute("tabindex", stop);
    }
}

/// Puts the Tab stop back on the first shown value, unless a shown value holds it.
pub fn reset(grid: &Element) {
    let shown = values(grid);
    let held = shown
        .iter()
        .any(|v| v.get_attribute("tabindex").as_deref() == Some("0"));
    if let (false, Some(first)) = (held, shown.first()) {
        choose(grid, first);
    }
}

/// A value took the focus (a click, the arrows, an editor closing): it is the Tab stop now.
pub fn on_focus(ev: &Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let Some(grid) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    else {
        return;
    };
    if target.class_list().contains("pi-value") {
        choose(&grid, &target);
    }
}

/// Up, Down, Home and End on a value move to another row's value.
pub fn on_key(ev: &KeyboardEvent) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    if !target.class_list().contains("pi-value") {
        return; // an editor handles its own keys
    }
    let Some(grid) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
    else {
        return;
    };
    let shown = values(&grid);
    let Some(at) = shown.iter().position(|v| *v == target) else {
        return;
    };
    let next = match ev.key().as_str() {
        "ArrowDown" => (at + 1).min(shown.len() - 1),
        "ArrowUp" => at.saturating_sub(1),
        "Home" => 0,
        "End" => shown.len() - 1,
        _ => return,
    };
    ev.prevent_default();
    if let Some(value) = shown.get(next) {
        choose(&grid, value);
        let _ = value.focus();
    }
}
