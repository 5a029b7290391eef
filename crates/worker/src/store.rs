//! What the worker keeps between runs: settings and drafts in `storage.local` (as JSON text),
//! and API keys in a [`Vault`] that content scripts cannot read.

use crate::ext::{self, ExtError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;
use wasm_bindgen::prelude::*;

/// Storage failed or held something unreadable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// The browser's storage refused.
    #[error(transparent)]
    Browser(#[from] ExtError),
    /// A stored entry does not read as what it should be.
    #[error("stored {key} does not read: {detail}")]
    Unreadable {
        /// The storage key.
        key: String,
        /// What was wrong.
        detail: String,
    },
}

/// Storage keys of `storage.local`.
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
}

/// Reads the JSON stored under `key` in `storage.local`.
pub async fn read<T: DeserializeOwned>(key: &str) -> Result<Option<T>, StoreError> {
    let found = ext::call(&["storage", "local", "get"], &[key.into()]).await?;
    let Some(text) = ext::string_at(&found, key) else {
        return Ok(None);
    };
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| StoreError::Unreadable {
            key: key.to_owned(),
            detail: e.to_string(),
        })
}

/// Stores `value` as JSON under `key` in `storage.local`.
pub async fn write<T: Serialize>(key: &str, value: &T) -> Result<(), StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Unreadable {
        key: key.to_owned(),
        detail: e.to_string(),
    })?;
    let entry = js_sys::Object::new();
    js_sys::Reflect::set(&entry, &key.into(), &text.into()).map_err(|e| ExtError {
        api: "storage.local.set".into(),
        message: ext::message_of(&e),
    })?;
    ext::call(&["storage", "local", "set"], &[entry.into()]).await?;
    Ok(())
}

/// Empties `storage.local`.
pub async fn clear() -> Result<(), StoreError> {
    ext::call(&["storage", "local", "clear"], &[]).await?;
    Ok(())
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
}

/// Where API keys are kept: a storage content scripts cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vault {
    /// `storage.local`, closed to content scripts with
    /// `storage.local.setAccessLevel({accessLevel: "TRUSTED_CONTEXTS"})` (Chrome).
    TrustedLocal,
    /// The extension origin's IndexedDB (Firefox, where `setAccessLevel` exists for
    /// `storage.session` only and `storage.local` stays readable by content scripts).
    IndexedDb,
}

fn idb_error(error: JsValue) -> StoreError {
    StoreError::Browser(ExtError {
        api: "indexedDB".into(),
        message: ext::message_of(&error),
    })
}

impl Vault {
    /// Closes `storage.local` to content scripts where the browser allows it, and says which
    /// vault holds the keys.
    pub async fn open() -> Self {
        let level = ext::json_object(&serde_json::json!({"accessLevel": "TRUSTED_CONTEXTS"}));
        match ext::call(&["storage", "local", "setAccessLevel"], &[level]).await {
            Ok(_) => Self::TrustedLocal,
            Err(_) => Self::IndexedDb,
        }
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

    /// Forgets every key.
    pub async fn clear(self) -> Result<(), StoreError> {
        match self {
            Self::TrustedLocal => {
                write(
                    keys::KEYS,
                    &std::collections::BTreeMap::<String, String>::new(),
                )
                .await
            }
            Self::IndexedDb => idb_clear().await.map(|_| ()).map_err(idb_error),
        }
    }

    async fn local_keys() -> Result<std::collections::BTreeMap<String, String>, StoreError> {
        Ok(read(keys::KEYS).await?.unwrap_or_default())
    }
}
