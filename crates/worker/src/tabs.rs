//! What each tab shows, as its scripts reported it: the work item of its Plane page (the panel's)
//! and of its reference card. Each entry is bound to the top document's address it was made for,
//! as the browser reports it (`sender.tab.url`), and is answered only while the tab still shows
//! that address: a tab that left a Plane page for another site never gets its old panel back,
//! whatever that site frames. Entries go when the tab closes or starts loading another document.

use crate::content::TabPage;
use crate::references::CardPage;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// One tab's entry: what it shows, and for which top document address.
#[derive(Debug, Clone)]
struct Bound<T> {
    /// The top document's address (without its fragment).
    url: String,
    /// What it shows.
    shown: T,
}

/// The address a tab's state is bound to: the top document's, without a fragment (in-page
/// anchors do not change what the page is).
fn document(url: &str) -> &str {
    url.split_once('#').map_or(url, |(before, _)| before)
}

/// What a tab shows, if it was recorded for the document at `top_url`.
fn shown<T: Clone>(map: &RefCell<HashMap<i64, Bound<T>>>, tab: i64, top_url: &str) -> Option<T> {
    let map = map.borrow();
    let bound = map.get(&tab)?;
    (bound.url == document(top_url)).then(|| bound.shown.clone())
}

/// Records what a tab's document at `top_url` shows; whether that changed.
fn show<T: Clone + PartialEq>(
    map: &RefCell<HashMap<i64, Bound<T>>>,
    tab: i64,
    top_url: &str,
    value: T,
) -> bool {
    let changed = shown(map, tab, top_url).as_ref() != Some(&value);
    map.borrow_mut().insert(
        tab,
        Bound {
            url: document(top_url).to_owned(),
            shown: value,
        },
    );
    changed
}

/// Per-tab state, and the in-page panel's collapsed setting.
#[derive(Default)]
pub struct Tabs {
    pages: RefCell<HashMap<i64, Bound<TabPage>>>,
    cards: RefCell<HashMap<i64, Bound<CardPage>>>,
    /// The tabs whose references script said hello, with their site's origin.
    scripts: RefCell<HashMap<i64, String>>,
    collapsed: Cell<bool>,
}

impl Tabs {
    /// Per-tab state starting empty, the panel collapsed or not as stored.
    pub fn new(collapsed: bool) -> Self {
        Self {
            collapsed: Cell::new(collapsed),
            ..Self::default()
        }
    }

    /// What the tab's Plane page shows, if it was reported for the document at `top_url`.
    pub fn page(&self, tab: i64, top_url: &str) -> Option<TabPage> {
        shown(&self.pages, tab, top_url)
    }

    /// Records what the tab's Plane page at `top_url` shows; whether it changed.
    pub fn set_page(&self, tab: i64, top_url: &str, page: TabPage) -> bool {
        show(&self.pages, tab, top_url, page)
    }

    /// What the tab's reference card shows, if it was opened on the document at `top_url`.
    pub fn card(&self, tab: i64, top_url: &str) -> Option<CardPage> {
        shown(&self.cards, tab, top_url)
    }

    /// Records what the tab's card on `top_url` shows; whether it moved to another reference.
    pub fn set_card(&self, tab: i64, top_url: &str, page: CardPage) -> bool {
        show(&self.cards, tab, top_url, page)
    }

    /// The tab's card was closed.
    pub fn close_card(&self, tab: i64) {
        self.cards.borrow_mut().remove(&tab);
    }

    /// Records that the tab runs the references script on the site `origin`.
    pub fn set_script(&self, tab: i64, origin: &str) {
        self.scripts.borrow_mut().insert(tab, origin.to_owned());
    }

    /// The tabs running the references script on the site `origin`.
    pub fn scripts_on(&self, origin: &str) -> Vec<i64> {
        self.scripts
            .borrow()
            .iter()
            .filter(|(_, site)| *site == origin)
            .map(|(tab, _)| *tab)
            .collect()
    }

    /// Forgets everything about a tab (it closed, or is loading another document).
    pub fn forget(&self, tab: i64) {
        self.pages.borrow_mut().remove(&tab);
        self.cards.borrow_mut().remove(&tab);
        self.scripts.borrow_mut().remove(&tab);
    }

    /// Forgets every tab (everything was forgotten).
    pub fn clear(&self) {
        self.pages.borrow_mut().clear();
        self.cards.borrow_mut().clear();
        self.scripts.borrow_mut().clear();
    }

    /// Whether the in-page panel is collapsed.
    pub fn collapsed(&self) -> bool {
        self.collapsed.get()
    }

    /// Sets whether the in-page panel is collapsed.
    pub fn set_collapsed(&self, collapsed: bool) {
        self.collapsed.set(collapsed);
    }
}
