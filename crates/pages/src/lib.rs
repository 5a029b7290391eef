//! Plane Inline's extension pages, one wasm bundle for three HTML shells:
//!
//! - [`start_panel`]: `panel.html`, framed by the content script beside a Plane work item page;
//!   it shows the work item the service worker says the page shows.
//! - [`start_popup`]: `popup.html`, the toolbar popup: the panel for the active tab's work item,
//!   a box for an identifier or link, recent items, and edits not yet saved in Plane.
//! - [`start_options`]: `options.html`: connections, keys (write-only), tests, forgetting.
//! - [`start_table`]: `table.html`: the table of a project's work items, in a tab of its own.
//!
//! Every page talks to the service worker over a named port; none reads a key.

#[cfg(target_arch = "wasm32")]
mod backend;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod options;
#[cfg(target_arch = "wasm32")]
mod panel;
#[cfg(target_arch = "wasm32")]
mod popup;
#[cfg(target_arch = "wasm32")]
mod table;

#[cfg(target_arch = "wasm32")]
pub use entry::{start_options, start_panel, start_popup, start_table};

#[cfg(target_arch = "wasm32")]
mod entry {
    use wasm_bindgen::prelude::*;

    /// Mounts the in-page panel in `root`.
    #[wasm_bindgen(js_name = startPanel)]
    pub fn start_panel(root: web_sys::HtmlElement) {
        leptos::mount::mount_to(root, crate::panel::PanelPage).forget();
    }

    /// Mounts the toolbar popup in `root`.
    #[wasm_bindgen(js_name = startPopup)]
    pub fn start_popup(root: web_sys::HtmlElement) {
        leptos::mount::mount_to(root, crate::popup::PopupPage).forget();
    }

    /// Mounts the table page in `root`.
    #[wasm_bindgen(js_name = startTable)]
    pub fn start_table(root: web_sys::HtmlElement) {
        leptos::mount::mount_to(root, crate::table::TablePage).forget();
    }

    /// Mounts the options page in `root`.
    #[wasm_bindgen(js_name = startOptions)]
    pub fn start_options(root: web_sys::HtmlElement) {
        leptos::mount::mount_to(root, crate::options::OptionsPage).forget();
    }
}
