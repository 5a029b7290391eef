//! Integration tests: the proxy binary in front of the sandbox binary, over real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod proxy {
    mod client;
    pub mod common;
    mod cors;
    mod forwarding;
    mod limits;
    mod refusals;
    mod sites;
    mod startup;
}
