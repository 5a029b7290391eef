//! The JavaScript face of Plane Inline's core.
