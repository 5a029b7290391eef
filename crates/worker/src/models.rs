//! A short-lived cache of the panel models loaded for reference cards: hovering the same
//! references again within [`FRESH_MS`] shows their cards without a request. An edit to a work
//! item drops its models, so a card never shows a value older than the user's own edit.

use crate::state::now_ms;
use plane_inline_messages::{PanelModel, Target};
use std::cell::RefCell;
use std::collections::HashMap;

/// How long a card's model is reused.
pub const FRESH_MS: f64 = 30_000.0;
/// How many models are kept at most (the oldest go first).
const CAPACITY: usize = 64;

/// Recently loaded models by connection and work item.
#[derive(Default)]
pub struct Models {
    entries: RefCell<HashMap<(String, Target), (f64, PanelModel)>>,
}

impl Models {
    /// A fresh model of a work item, if one was loaded in the last [`FRESH_MS`].
    pub fn get(&self, connection: &str, target: &Target) -> Option<PanelModel> {
        let now = now_ms();
        let mut entries = self.entries.borrow_mut();
        entries.retain(|_, (at, _)| now - *at < FRESH_MS);
        entries
            .get(&(connection.to_owned(), target.clone()))
            .map(|(_, model)| model.clone())
    }

    /// Keeps a model just loaded.
    pub fn put(&self, connection: &str, target: &Target, model: &PanelModel) {
        let mut entries = self.entries.borrow_mut();
        if entries.len() >= CAPACITY
            && let Some(oldest) = entries
                .iter()
                .min_by(|a, b| a.1.0.total_cmp(&b.1.0))
                .map(|(key, _)| key.clone())
        {
            entries.remove(&oldest);
        }
        entries.insert(
            (connection.to_owned(), target.clone()),
            (now_ms(), model.clone()),
        );
    }

    /// Drops every model (the connections changed).
    pub fn clear(&self) {
        self.entries.borrow_mut().clear();
    }

    /// Drops the models of a work item (it was just edited).
    pub fn forget(&self, work_item_id: &str) {
        self.entries
            .borrow_mut()
            .retain(|_, (_, model)| model.work_item.id != work_item_id);
    }
}
