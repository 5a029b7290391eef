//! Integration tests: the sandbox over real HTTP, started in-process on port 0 (or, for the
//! command-line contract, as the built binary).

mod sandbox {
    mod api;
    mod cli;
    pub mod common;
    mod faults;
    mod limits;
    mod pages;
    mod values;
}
