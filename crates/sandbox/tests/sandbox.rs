//! Integration tests: the sandbox over real HTTP, started in-process on port 0 (or, for the
//! command-line contract, as the built binary).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod sandbox {
    mod api;
    mod cli;
    pub mod common;
    mod controls;
    mod faults;
    mod grid;
    mod kinds;
    mod limits;
    mod members;
    mod pages;
    mod project_properties;
    mod type_changes;
    mod values;
}
