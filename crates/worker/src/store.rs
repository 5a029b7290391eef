//! What the worker keeps between runs, and where: only where the extension's own pages and
//! worker can reach it. In Chrome that is `storage.local`, closed to content scripts with
//! `setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"})`; in Firefox, whose content scripts can read
//! and write `storage.local`, the extension origin's IndexedDB (entries left in `storage.local`
//! by earlier versions are moved there once, and checked like everything else on load).
//!
//! Entries are stored in [`saved`](crate::saved)'s versioned format. Loading never fails: an entry
//! (or one item of a list) that cannot be read is set aside under [`keys::SET_ASIDE`] with the
//! reason, the options page says so, and the rest works. A full storage is its own error, so the
//! user hears it in words.

use crate::ext::{self, ExtError};
use crate::saved::{self, SetAside};
use crate::state::now_ms;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::cell::Cell;
use thiserror::Error;
use wasm_bindgen::prelude::*;

/// Storage failed or held something unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The browser's storage refused.
    #[error(transparent)]
    Browser(#[from] ExtError),
    /// The extension's storage is full (`storage.local`'s `QUOTA_BYTES`, or IndexedDB's quota).
    #[error("the extension's storage is full")]
    Full,
    /// A stored entry does not read as what it should be.
    #[error("stored {key} does not read: {detail}")]
    Unreadable {
        /// The storage key.
        key: String,
        /// What was wrong.
        detail: String,
    },
}

/// Storage keys.
pub mod keys {
    /// The connections' settings (never the keys).
    pub const CONNECTIONS: &str = "connections";
    /// The drafts outbox.
    pub const DRAFTS: &str = "drafts";
    /// Whether the in-page panel is collapsed.
    pub const COLLAPSED: &str = "collapsed";
    /// The sites where references are shown, by origin.
    pub const SITES: &str = "sites";
    /// API keys, where the vault is `storage.local` itself (Chrome, trusted contexts only).
    pub const KEYS: &str = "keys";
    /// What could not be read and was set aside.
    pub const SET_ASIDE: &str = "set_aside";
    /// Marks (in Firefox's IndexedDB) that entries of earlier versions were moved out of
    /// `storage.local`, so that what a content script writes there later is never taken in.
    pub const MOVED: &str = "moved_from_storage_local";
    /// The entries an earlier version kept in `storage.local`.
    pub const STATE: [&str; 4] = [CONNECTIONS, DRAFTS, COLLAPSED, SITES];
}

#[wasm_bindgen(module = "/src/idb.js")]
extern "C" {
    #[wasm_bindgen(js_name = idbGet, catch)]
    async fn idb_get(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = idbPut, catch)]
    async fn idb_put(name: &str, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = idbDelete, catch)]
    async fn idb_delete(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = idbClear, catch)]
    async fn idb_clear() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = stateGet, catch)]
    async fn state_get(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = statePut, catch)]
    async fn state_put(name: &str, text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = stateDelete, catch)]
    async fn state_delete(name: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = stateClear, catch)]
    async fn state_clear() -> Result<JsValue, JsValue>;
}

/// Where entries and keys are kept: a storage content scripts cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vault {
    /// `storage.local`, closed to content scripts (Chrome).
    TrustedLocal,
    /// The extension origin's IndexedDB (Firefox).
    IndexedDb,
}

thread_local! {
    /// Where this worker keeps things, decided once by [`Vault::open`].
    static PLACE: Cell<Vault> = const { Cell::new(Vault::TrustedLocal) };
    /// Whether this start took in entries from Firefox's `storage.local`, which content scripts
    /// could have written.
    static TOOK_IN: Cell<bool> = const { Cell::new(false) };
}

/// Whether this start took in entries from a storage content scripts could write (Firefox's
/// `storage.local`, once): their connections must then also have the browser's grant.
pub fn took_in_untrusted() -> bool {
    TOOK_IN.with(Cell::get)
}

fn place() -> Vault {
    PLACE.with(Cell::get)
}

/// A JavaScript error of the browser's storage (IndexedDB), with a full quota told apart.
fn browser_error(api: &str, error: &JsValue) -> StoreError {
    let quota = ext::string_at(error, "name").is_some_and(|name| name == "QuotaExceededError");
    let error = ExtError {
        api: api.to_owned(),
        message: ext::message_of(error),
    };
    if quota {
        StoreError::Full
    } else {
        ext_error(error)
    }
}

/// An extension API error, with a full quota (`QUOTA_BYTES`, in the message) told apart.
fn ext_error(error: ExtError) -> StoreError {
    if error.message.to_ascii_lowercase().contains("quota") {
        StoreError::Full
    } else {
        StoreError::Browser(error)
    }
}

/// The text stored under `key` in `storage.local`.
async fn local_text(key: &str) -> Result<Option<String>, StoreError> {
    let found = ext::call(&["storage", "local", "get"], &[key.into()])
        .await
        .map_err(ext_error)?;
    Ok(ext::string_at(&found, key))
}

/// The text stored under `key`, wherever this browser keeps it.
async fn text(key: &str) -> Result<Option<String>, StoreError> {
    match place() {
        Vault::TrustedLocal => local_text(key).await,
        Vault::IndexedDb => Ok(state_get(key).await.map_err(idb_error)?.as_string()),
    }
}

/// The text stored under `key` as it is (to set it aside); `None` when absent or unreachable.
pub async fn raw(key: &str) -> Option<String> {
    text(key).await.ok().flatten()
}

/// Stores `text` under `key`.
async fn put_text(key: &str, text: &str) -> Result<(), StoreError> {
    match place() {
        Vault::TrustedLocal => {
            let entry = js_sys::Object::new();
            js_sys::Reflect::set(&entry, &key.into(), &text.into())
                .map_err(|e| browser_error("storage.local.set", &e))?;
            ext::call(&["storage", "local", "set"], &[entry.into()])
                .await
                .map_err(ext_error)?;
        }
        Vault::IndexedDb => {
            state_put(key, text).await.map_err(idb_error)?;
        }
    }
    Ok(())
}

/// Reads the entry under `key` (any format this version knows); `Unreadable` when it does not
/// read.
pub async fn read<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StoreError> {
    let Some(text) = text(key).await? else {
        return Ok(None);
    };
    saved::decode(&text)
        .map(Some)
        .map_err(|detail| StoreError::Unreadable {
            key: key.to_owned(),
            detail,
        })
}

/// Loads the entry under `key`; what cannot be read (or a storage that fails) goes to `aside`
/// instead of failing.
pub async fn load<T: DeserializeOwned>(key: &str, aside: &mut Vec<SetAside>) -> Option<T> {
    let text = match text(key).await {
        Ok(text) => text?,
        Err(error) => {
            aside.push(set_aside(key, &error.to_string(), ""));
            return None;
        }
    };
    match saved::decode(&text) {
        Ok(value) => Some(value),
        Err(why) => {
            aside.push(set_aside(key, &why, &text));
            None
        }
    }
}

/// Loads the list under `key` item by item: the items that read and pass `check`; each one that
/// does not (or the whole entry, when it is not a list) goes to `aside`.
pub async fn load_list<T: DeserializeOwned>(
    key: &str,
    check: impl Fn(&T) -> Result<(), String>,
    aside: &mut Vec<SetAside>,
) -> Vec<T> {
    let text = match text(key).await {
        Ok(Some(text)) => text,
        Ok(None) => return Vec::new(),
        Err(error) => {
            aside.push(set_aside(key, &error.to_string(), ""));
            return Vec::new();
        }
    };
    match saved::decode_list(&text, check) {
        Ok((good, bad)) => {
            aside.extend(bad.iter().map(|(item, why)| set_aside(key, why, item)));
            good
        }
        Err(why) => {
            aside.push(set_aside(key, &why, &text));
            Vec::new()
        }
    }
}

fn set_aside(key: &str, why: &str, text: &str) -> SetAside {
    SetAside {
        key: key.to_owned(),
        why: why.to_owned(),
        text: text.to_owned(),
        at_ms: now_ms(),
    }
}

/// Stores `value` under `key` in the current format.
pub async fn write<T: Serialize>(key: &str, value: &T) -> Result<(), StoreError> {
    let text = saved::encode(value).map_err(|e| StoreError::Unreadable {
        key: key.to_owned(),
        detail: e.to_string(),
    })?;
    put_text(key, &text).await
}

/// Adds `entries` to what was set aside (kept as they were, for the user to see and discard).
pub async fn put_aside(entries: Vec<SetAside>) -> Result<(), StoreError> {
    if entries.is_empty() {
        return Ok(());
    }
    let mut all = set_aside_entries().await;
    all.extend(entries);
    write(keys::SET_ASIDE, &all).await
}

/// What was set aside, oldest first (an unreadable list of them is itself dropped).
pub async fn set_aside_entries() -> Vec<SetAside> {
    read(keys::SET_ASIDE)
        .await
        .ok()
        .flatten()
        .unwrap_or_default()
}

/// Forgets what was set aside.
pub async fn discard_set_aside() -> Result<(), StoreError> {
    remove(keys::SET_ASIDE).await
}

async fn remove(key: &str) -> Result<(), StoreError> {
    match place() {
        Vault::TrustedLocal => {
            ext::call(&["storage", "local", "remove"], &[key.into()])
                .await
                .map_err(ext_error)?;
        }
        Vault::IndexedDb => {
            state_delete(key).await.map_err(idb_error)?;
        }
    }
    Ok(())
}

/// Empties every place the worker keeps things, whatever they hold: `storage.local`, and in
/// Firefox the IndexedDB entries (keys are cleared by [`Vault::clear`]). Each place is cleared
/// even when another fails.
pub async fn clear() -> Result<(), StoreError> {
    let local = ext::call(&["storage", "local", "clear"], &[])
        .await
        .map(|_| ())
        .map_err(StoreError::Browser);
    if place() == Vault::IndexedDb {
        state_clear().await.map_err(idb_error)?;
        // Nothing of storage.local is ever taken in again.
        put_text(keys::MOVED, "true").await?;
    }
    local
}

fn idb_error(error: JsValue) -> StoreError {
    browser_error("indexedDB", &error)
}

impl Vault {
    /// Closes `storage.local` to content scripts where the browser allows it, and decides where
    /// everything is kept. In Firefox, moves the entries an earlier version left in
    /// `storage.local` into IndexedDB, once.
    pub async fn open() -> Self {
        let level = ext::json_object(&serde_json::json!({"accessLevel": "TRUSTED_CONTEXTS"}));
        let vault = match ext::call(&["storage", "local", "setAccessLevel"], &[level]).await {
            Ok(_) => Self::TrustedLocal,
            Err(_) => Self::IndexedDb,
        };
        PLACE.with(|p| p.set(vault));
        if vault == Self::IndexedDb {
            let _ = move_from_storage_local().await;
        }
        vault
    }

    /// The key of a connection.
    pub async fn get(self, connection: &str) -> Result<Option<String>, StoreError> {
        match self {
            Self::TrustedLocal => Ok(Self::local_keys().await?.remove(connection)),
            Self::IndexedDb => Ok(idb_get(connection).await.map_err(idb_error)?.as_string()),
        }
    }

    /// Stores the key of a connection.
    pub async fn put(self, connection: &str, key: &str) -> Result<(), StoreError> {
        match self {
            Self::TrustedLocal => {
                let mut all = Self::local_keys().await?;
                all.insert(connection.to_owned(), key.to_owned());
                write(keys::KEYS, &all).await
            }
            Self::IndexedDb => idb_put(connection, key)
                .await
                .map(|_| ())
                .map_err(idb_error),
        }
    }

    /// Forgets the key of a connection.
    pub async fn delete(self, connection: &str) -> Result<(), StoreError> {
        match self {
            Self::TrustedLocal => {
                let mut all = Self::local_keys().await?;
                all.remove(connection);
                write(keys::KEYS, &all).await
            }
            Self::IndexedDb => idb_delete(connection).await.map(|_| ()).map_err(idb_error),
        }
    }

    /// Forgets every key (an unreadable keys entry too).
    pub async fn clear(self) -> Result<(), StoreError> {
        match self {
            Self::TrustedLocal => remove(keys::KEYS).await,
            Self::IndexedDb => idb_clear().await.map(|_| ()).map_err(idb_error),
        }
    }

    async fn local_keys() -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        Ok(read(keys::KEYS).await?.unwrap_or_default())
    }
}

/// Firefox: moves the entries of earlier versions out of `storage.local` (where content scripts
/// could have written them; they are checked on load like everything else), once.
async fn move_from_storage_local() -> Result<(), StoreError> {
    if text(keys::MOVED).await?.is_some() {
        return Ok(());
    }
    for key in keys::STATE {
        if let Some(old) = local_text(key).await?
            && text(key).await?.is_none()
        {
            put_text(key, &old).await?;
            TOOK_IN.with(|t| t.set(true));
        }
        ext::call(&["storage", "local", "remove"], &[key.into()])
            .await
            .map_err(ext_error)?;
    }
    put_text(keys::MOVED, "true").await
}
