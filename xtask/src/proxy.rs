//! Starting the key-holding proxy in front of a sandbox, for the demo and the end-to-end tests.

use crate::run::{Result, target_dir};
use crate::sandbox::{Sandbox, spawn_listening};
use std::process::Child;

/// A running proxy; stopped when dropped.
pub struct Proxy {
    child: Child,
    /// Its base URL (the widget's `api-base`).
    pub url: String,
}

impl Proxy {
    /// Starts `target/{profile}/plane-inline-proxy` for workspace `demo` of `sandbox`, allowing
    /// pages of `page_origin`, with the sandbox's key in the environment (never an argument);
    /// `extra` are further proxy arguments (e.g. `--rate-limit`).
    pub fn start(
        profile: &str,
        sandbox: &Sandbox,
        page_origin: &str,
        listen: &str,
        extra: &[&str],
    ) -> Result<Self> {
        let binary = target_dir().join(profile).join("plane-inline-proxy");
        let mut args = vec![
            "--upstream",
            sandbox.url.as_str(),
            "--workspace",
            "demo",
            "--allow-origin",
            page_origin,
            "--listen",
            listen,
        ];
        args.extend_from_slice(extra);
        let (child, url) = spawn_listening(&binary, &args, &[("PLANE_API_KEY", &sandbox.api_key)])?;
        Ok(Self { child, url })
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
