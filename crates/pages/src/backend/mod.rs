//! The pages' side of the extension: a request/answer channel over a named port to the service
//! worker ([`PortChannel`]), and the panel's [`Backend`](plane_inline_ui::Backend) over it
//! ([`ExtensionBackend`]). The worker holds the keys and edits through the edit service; pages
//! only ask.

mod port;

pub use port::{ExtensionBackend, PortChannel};
