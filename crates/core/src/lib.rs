//! Plane Inline's core: Plane's custom-property rules, request descriptions, cursor pagination,
//! rate-limit bookkeeping, retry decisions, error model and web-app URL recognition, with no I/O
//! of its own.

pub mod api;
pub mod cursor;
pub mod endpoint;
pub mod error;
pub mod http;
pub mod page;
pub mod property;
pub mod rate_limit;
pub mod retry;
pub mod schema;
pub mod value;
pub mod web_url;
pub mod work_item;
pub mod workspace;
