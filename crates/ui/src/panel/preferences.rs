//! What the panel remembers of the person's choices, per workspace, in the browser's storage of
//! the page the panel lives in (the extension's own pages, or the widget's host page). Storage
//! that is missing, blocked or full only means the choice is not remembered.

/// The storage key of "Show empty properties" for a workspace.
fn show_empty_key(workspace: &str) -> String {
    format!("plane-inline.show-empty.{workspace}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether rows without a value are shown in `workspace` (yes until the person says otherwise).
pub fn show_empty(workspace: &str) -> bool {
    storage()
        .and_then(|s| s.get_item(&show_empty_key(workspace)).ok().flatten())
        .is_none_or(|stored| stored != "false")
}

/// Remembers whether rows without a value are shown in `workspace`.
pub fn set_show_empty(workspace: &str, show: bool) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(
            &show_empty_key(workspace),
            if show { "true" } else { "false" },
        );
    }
}
