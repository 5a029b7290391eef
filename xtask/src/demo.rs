//! `cargo xtask demo`: the sandbox with the demo workspace, and what to open.

use crate::run::{Result, cmd, status};
use crate::sandbox::Sandbox;

/// The DEMO project's id in the demo seed (a UUIDv5 of its identifier).
const DEMO_PROJECT: &str = "90ee8b29-cbb8-5d5e-9d90-4ffaf78ddcd5";
const DEMO_KEY: &str = "plane_api_demo00000000000000000000000";

/// Builds and starts the sandbox on `--addr` (default 127.0.0.1:8787) until Ctrl-C.
pub fn run(args: &[String]) -> Result {
    let addr = args
        .iter()
        .position(|a| a == "--addr")
        .and_then(|i| args.get(i + 1))
        .map_or("127.0.0.1:8787", String::as_str);
    status(&mut cmd(
        "cargo",
        &["build", "--release", "-q", "-p", "plane-inline-sandbox"],
    ))?;
    let sandbox = Sandbox::start(
        "release",
        DEMO_KEY,
        &[
            "--addr",
            addr,
            "--db",
            "target/demo.sqlite3",
            "--seed",
            "demo",
            "--test-controls",
        ],
    )?;
    let url = &sandbox.url;
    println!(
        "\nPlane Inline demo: a local Plane API with the demo workspace is running.\n\n\
         Work item page (stand-in):  {url}/demo/browse/DEMO-1/\n\
         List page with peek:        {url}/demo/projects/{DEMO_PROJECT}/issues/\n\
         API base URL:               {url}\n\
         API key:                    {DEMO_KEY}\n\n\
         Try the API:\n  curl -s -H 'X-API-Key: {DEMO_KEY}' {url}/api/v1/workspaces/demo/work-items/DEMO-1/\n\n\
         Press Ctrl-C to stop."
    );
    sandbox.wait()
}
