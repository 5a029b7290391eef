//! What every row of one panel shares: the backend, the host's hooks, the work item being
//! edited, its members, and the panel's one live region.

use crate::backend::{Backend, Hooks};
use leptos::prelude::*;
use plane_inline_core::workspace::{Access, Member};
use plane_inline_messages::{Edit, Problem, SavedValue};
use serde_json::Value as Json;
use std::rc::Rc;

/// The work item a panel edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Workspace slug.
    pub workspace: String,
    /// Project UUID.
    pub project_id: String,
    /// Work item UUID.
    pub work_item_id: String,
}

/// A `Copy` handle on one panel's shared parts.
#[derive(Clone, Copy)]
pub struct PanelContext {
    backend: StoredValue<Rc<dyn Backend>, LocalStorage>,
    hooks: StoredValue<Hooks, LocalStorage>,
    /// The work item being edited (none while loading).
    pub item: RwSignal<Option<Item>>,
    /// The members USER relations may name (from the loaded model).
    pub members: RwSignal<Vec<Member>>,
    /// What the key's owner may do with the values (from the loaded model).
    pub access: RwSignal<Access>,
    /// Whether rows without a value are shown (remembered per workspace).
    pub show_empty: RwSignal<bool>,
    /// Names of work items seen in searches, by id (an ISSUE value is only an id).
    pub work_items: RwSignal<std::collections::HashMap<String, String>>,
    /// The text of the live region (save results are announced there).
    pub announcement: RwSignal<String>,
    /// Bumped when the connection is back: edits kept after a transient failure are sent again.
    pub resend: RwSignal<u64>,
    /// The time (Unix milliseconds), ticking every second, for "continues in 12 s".
    pub now: RwSignal<f64>,
}

impl PanelContext {
    /// A context over a backend and the host's hooks.
    pub fn new(backend: Rc<dyn Backend>, hooks: Hooks) -> Self {
        Self {
            backend: StoredValue::new_local(backend),
            hooks: StoredValue::new_local(hooks),
            item: RwSignal::new(None),
            members: RwSignal::new(Vec::new()),
            access: RwSignal::new(Access::Edit),
            show_empty: RwSignal::new(true),
            work_items: RwSignal::new(std::collections::HashMap::new()),
            announcement: RwSignal::new(String::new()),
            resend: RwSignal::new(0),
            now: RwSignal::new(crate::clock::now_ms()),
        }
    }

    /// A context for another work item sharing everything else with this one (the backend,
    /// hooks, members, access, names, live region, clock): a table's row.
    pub fn for_item(&self, item: Item) -> Self {
        Self {
            item: RwSignal::new(Some(item)),
            ..*self
        }
    }

    /// The backend.
    pub fn backend(&self) -> Rc<dyn Backend> {
        self.backend.get_value()
    }

    /// Whether the host can open the place where the key is set.
    pub fn can_open_settings(&self) -> bool {
        self.hooks.with_value(|h| h.open_settings.is_some())
    }

    /// Opens the place where the key is set, when the host has one.
    pub fn open_settings(&self) {
        if let Some(open) = self.hooks.with_value(|h| h.open_settings.clone()) {
            open();
        }
    }

    /// Tells the host a value was saved.
    pub fn saved(&self, saved: &SavedValue) {
        if let Some(hook) = self.hooks.with_value(|h| h.saved.clone()) {
            hook(saved);
        }
    }

    /// Tells the host an operation failed.
    pub fn failed(&self, problem: &Problem) {
        if let Some(hook) = self.hooks.with_value(|h| h.failed.clone()) {
            hook(problem);
        }
    }

    /// Says something through the live region (the same words twice are announced twice).
    pub fn announce(&self, words: String) {
        let same = self.announcement.with_untracked(|now| *now == words);
        if same {
            self.announcement.set(format!("{words}\u{a0}"));
        } else {
            self.announcement.set(words);
        }
    }

    /// An edit of `property_id` of the current work item.
    pub fn edit(&self, property_id: String, value: Option<Json>) -> Option<Edit> {
        self.item.with_untracked(|item| {
            item.as_ref().map(|item| Edit {
                workspace: item.workspace.clone(),
                project_id: item.project_id.clone(),
                work_item_id: item.work_item_id.clone(),
                property_id,
                value,
            })
        })
    }
}
