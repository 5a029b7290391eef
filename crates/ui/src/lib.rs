//! Plane Inline's face: the Leptos property panel, one editor per property type, keyboard-first,
//! in light and dark. The extension's panel and popup and the embeddable widget all mount it.
//!
//! - [`backend`]: the one port through which the components reach Plane ([`Backend`]); the
//!   widget and the extension's pages implement it.
//! - [`panel`]: the panel ([`Panel`]): header, states, one row per property.
//! - `editors`: one editor per property type; they call core's input grammar and value rules only.
//! - [`table`]: the table of a project's work items ([`Table`]), for editing many at once.
//! - [`text`]: every sentence the product says to people, in one place.

pub mod backend;
mod clock;
mod editors;
pub mod panel;
pub mod table;
pub mod text;
mod theme;

pub use backend::{Backend, Hooks, OnStage, Pending, Watch};
pub use panel::Panel;
pub use table::Table;
pub use theme::{STYLE, Theme};
