//! The types Plane Inline's panel exchanges with the side that talks to Plane: the panel model,
//! edits, their progress, and problems as data. Defined once, with serde, so the extension's
//! service worker and the panel (or the widget's in-page client) speak the same language and
//! nothing is redefined in JavaScript.
//!
//! Everything that arrives here over a message channel is untrusted: [`PanelModel::value`]
//! re-checks stored values with core, and the service worker re-validates every [`Edit`].

mod edit;
mod model;
pub mod origin;
mod port;
mod problem;
mod reference;
mod table;
mod target;

pub use edit::{Activity, Edit, EditStage, SavedValue};
pub use model::{PanelModel, Unreadable, shown_value};
pub use port::{
    ConnectionSettings, ConnectionSummary, ContentMessage, ContentReply, Draft, DraftId,
    OPTIONS_PORT, OptionsReply, OptionsRequest, PANEL_PORT, PortReply, PortRequest, RequestId,
    SetAsideSummary,
};
pub use problem::Problem;
pub use reference::{
    MAX_PREFIXES, Reference, ReferenceCommand, ReferenceMessage, ReferenceReply, SiteStatus,
    identifier_pattern, is_project_prefix, site_for,
};
pub use table::{
    ProjectPage, RowValues, RowsPage, RowsRequest, TableModel, TableRow, TableTarget, TableType,
};
pub use target::{Target, api_problem};
