//! The one edit service. The widget (a client in the page) and the extension's service worker
//! (behind ports and the outbox) both edit through it, so a decision about an edit is made once:
//! how a panel or a project's table is loaded and linked, which property an edit names and whether Plane would take
//! it, how a write is sent and read back, which stage it is at, and how the client's errors and
//! reports read as messages. It decides without I/O ([`check`], [`edit_stage`], [`activity_of`])
//! and executes through the client's one pacing scheduler ([`EditService`]).

mod convert;
mod service;
mod stage;
mod table;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use convert::{activity_of, connection_problem, panel_model};
pub use service::{EditService, SEARCH_LIMIT, check};
pub use stage::edit_stage;
pub use table::{TABLE_PAGE_SIZES, rows_cursor};
