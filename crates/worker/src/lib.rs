//! Plane Inline's extension service worker (Firefox: background script), in Rust. It is the only
//! context that reads API keys: they are kept where content scripts cannot read them and never
//! sent to a page, a content script, a log line, an error message or a URL.
//!
//! The JavaScript bootstrap (`extension/background.js`) registers every listener synchronously,
//! queues events until [`start`] has run, and then hands them here:
//!
//! - [`connect`]: a `runtime.Port` from the panel, popup (`plane-inline:panel`) or options page
//!   (`plane-inline:options`); its sender must be one of this extension's own pages.
//! - [`message`]: a content script's message (`runtime.sendMessage`): on a Plane page, the page
//!   changed or the panel was collapsed; on a site the user enabled, the references script's
//!   questions and cards.
//! - [`permissions_changed`]: host permissions were granted or revoked.
//!
//! Only `connections` builds natively (for its tests); the rest is wasm32 only.
//!
//! Modules: `connections` (Plane instances and their clients), `ports` (connected pages),
//! `serve` and `options` (the two protocols), `outbox` (drafts until Plane confirms them: the pages' side of `courier`, which delivers
//! them on any platform, deciding with `delivery`),
//! `content` (content-script reports), `tabs` (what each tab shows, bound to its document), `references`, `projects`, `models` and `sites` (work item
//! references on enabled sites: questions, project identifiers, cached card models, the sites),
//! `scripts` (content scripts registered at run time),
//! `store` (storage and the key vault). Edits go through the one edit service
//! (`plane-inline-edit`); the browser's extension API through `plane-inline-extension-api`.

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod budget;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod courier;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod delivery;
// Natively only the tests use it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod connections;
#[cfg(target_arch = "wasm32")]
mod content;
#[cfg(target_arch = "wasm32")]
mod entry;
#[cfg(target_arch = "wasm32")]
use plane_inline_extension_api as ext;
#[cfg(target_arch = "wasm32")]
mod models;
#[cfg(target_arch = "wasm32")]
mod options;
#[cfg(target_arch = "wasm32")]
mod outbox;
#[cfg(target_arch = "wasm32")]
mod ports;
#[cfg(target_arch = "wasm32")]
mod projects;
#[cfg(target_arch = "wasm32")]
mod references;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod saved;
#[cfg(target_arch = "wasm32")]
mod scripts;
#[cfg(target_arch = "wasm32")]
mod serve;
#[cfg(target_arch = "wasm32")]
mod sites;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod tabs;

#[cfg(target_arch = "wasm32")]
pub use entry::{connect, message, permissions_changed, start, tab_gone};
