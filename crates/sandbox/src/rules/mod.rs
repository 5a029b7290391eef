//! Plane's server-side checks on custom property values, implemented from the API notes (an
//! independent oracle: nothing here comes from the client's own validation).

pub mod date;
pub mod email;
pub mod url;
pub mod value;
