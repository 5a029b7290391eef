//! `cargo xtask demo`: the whole product on this machine. It builds what is missing, then starts
//! the sandbox (a local Plane API with the demo workspace, and stand-ins of Plane's pages), the
//! key-holding proxy in front of it, a file server with the widget's demo dashboard, and stand-in
//! sites (a pull request, a chat, a document) where work item references are tried; prints
//! where everything is; and stops every process it started on Ctrl-C or SIGTERM. With `--open`,
//! it also starts Chromium with the extension loaded and connected to the sandbox (through the
//! real options page), on the stand-in work item page.

use crate::dist;
use crate::proxy::Proxy;
use crate::run::{Failure, Result, build_packages, cmd};
use crate::sandbox::Sandbox;
use crate::serve::FileServer;
use std::net::TcpListener;
use std::time::Instant;

/// The DEMO project's id in the demo seed (a UUIDv5 of its identifier).
const DEMO_PROJECT: &str = "90ee8b29-cbb8-5d5e-9d90-4ffaf78ddcd5";
/// The demo seed's API key.
pub const DEMO_KEY: &str = "plane_api_demo00000000000000000000000";
/// The first of the demo's four ports (sandbox, proxy, dashboard, stand-in sites).
const DEFAULT_PORT: u16 = 8787;

/// Runs the demo until Ctrl-C or SIGTERM. `--port N` moves it to N to N+3; `--open` starts
/// Chromium with the extension.
pub fn run(args: &[String]) -> Result {
    let open = args.iter().any(|a| a == "--open");
    let port = match args.iter().position(|a| a == "--port") {
        Some(i) => args
            .get(i + 1)
            .and_then(|p| p.parse::<u16>().ok())
            .filter(|p| *p > 0 && *p < u16::MAX - 3)
            .ok_or_else(|| Failure("--port needs a number such as 9000".into()))?,
        None => DEFAULT_PORT,
    };
    let ports = [port, port + 1, port + 2, port + 3];
    if let Some(taken) = ports
        .iter()
        .find(|p| TcpListener::bind(("127.0.0.1", **p)).is_err())
    {
        return Err(Failure(format!(
            "port {taken} is already in use (another demo running?). Stop it, or choose other \
             ports: cargo xtask demo --port 9000 (uses 9000 to 9003)"
        )));
    }
    let started = Instant::now();
    step(1, "installing missing tools (first run: a few minutes)");
    crate::tools::setup_for_demo()?;
    step(2, "building the sandbox and the proxy (release)");
    build_packages("release", &["plane-inline-sandbox", "plane-inline-proxy"])?;
    step(
        3,
        "building the widget and the extension (Rust to wasm, release)",
    );
    dist::run()?;
    step(4, "starting the sandbox, the proxy and the dashboard");
    let sandbox = Sandbox::start(
        "release",
        DEMO_KEY,
        &[
            "--addr",
            &format!("127.0.0.1:{}", ports[0]),
            "--db",
            "target/demo.sqlite3",
            "--seed",
            "demo",
            "--test-controls",
        ],
    )?;
    let page_origin = format!("http://127.0.0.1:{}", ports[2]);
    let proxy = Proxy::start(
        "release",
        &sandbox,
        &page_origin,
        &format!("127.0.0.1:{}", ports[1]),
        &[],
    )?;
    dist::demo_page(&proxy.url, &sandbox.url)?;
    let dashboard = FileServer::start(&dist::www_dir(), &format!("127.0.0.1:{}", ports[2]))?;
    let sites = stand_in_sites(&sandbox, ports[3])?;
    let (url, proxy_url, page) = (&sandbox.url, &proxy.url, &dashboard.url);
    let sites_url = format!("http://localhost:{}", ports[3]);
    println!(
        "\nPlane Inline demo, ready in {:.0} s.\n\n\
         Widget on an intranet dashboard:  {page}/\n\
         Proxy (holds the key):            {proxy_url}\n\
         Plane API (sandbox):              {url}   key {DEMO_KEY}, workspace demo\n\
         Work item page (stand-in):        {url}/demo/browse/DEMO-1/\n\
         List page with peek overlay:      {url}/demo/projects/{DEMO_PROJECT}/issues/\n\
         A pull request elsewhere:         {sites_url}/pull-request (also /chat and /document):\n\
         \x20                                 in the popup choose \"Enable on this site\", then hover DEMO-3\n\n\
         Try the API:\n  curl -s -H 'X-API-Key: {DEMO_KEY}' {url}/api/v1/workspaces/demo/work-items/DEMO-1/\n\n\
         The extension: chrome://extensions, Developer mode, Load unpacked: {chrome}\n\
         then in its options add a connection: API and web app address {url}, workspace demo,\n\
         the key above. Or run cargo xtask demo --open to have all of it done.\n\n\
         Press Ctrl-C to stop everything.",
        started.elapsed().as_secs_f64(),
        chrome = crate::extension::dir(crate::extension::Browser::Chrome).display(),
    );
    let _browser = if open {
        Some(open_browser(&sandbox)?)
    } else {
        None
    };
    let (stop, stopped) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| Failure(format!("cannot listen for Ctrl-C: {e}")))?;
    let _ = stopped.recv();
    println!("\nstopping the proxy and the sandbox");
    drop(sites);
    drop(proxy);
    drop(sandbox);
    Ok(())
}

/// Chromium with the extension (a copy allowed on loopback), connected to the sandbox through
/// the real options page, on the stand-in work item page; closed when the demo stops.
fn open_browser(sandbox: &Sandbox) -> Result<ChildGuard> {
    let extension = crate::extension::loopback_copy("demo-extension")?;
    let profile = crate::run::target_dir().join("demo-profile");
    let mut node = cmd("node", &["tests/e2e/extension/open-demo.mjs"]);
    node.env("SANDBOX_URL", &sandbox.url)
        .env("SANDBOX_API_KEY", &sandbox.api_key)
        .env("EXTENSION_DIR", &extension)
        .env("DEMO_PROFILE", &profile);
    let child = node
        .spawn()
        .map_err(|e| Failure(format!("could not start Chromium through node: {e}")))?;
    Ok(ChildGuard(child))
}

/// The stand-in sites where references are tried, on localhost (`tests/e2e/extension/sites.mjs`).
fn stand_in_sites(sandbox: &Sandbox, port: u16) -> Result<ChildGuard> {
    let mut node = cmd("node", &["tests/e2e/extension/demo-sites.mjs"]);
    node.env("SANDBOX_URL", &sandbox.url)
        .env("SITES_PORT", port.to_string());
    let child = node.spawn().map_err(|e| {
        Failure(format!(
            "could not serve the stand-in sites through node: {e}"
        ))
    })?;
    Ok(ChildGuard(child))
}

/// A child process stopped when dropped.
struct ChildGuard(std::process::Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn step(n: u32, what: &str) {
    println!("\n[{n}/4] {what}");
}
