//! The stack every test runs: the sandbox binary with the demo seed, and the proxy binary in
//! front of it, both on port 0, with the proxy's stdout and stderr captured.

use serde_json::Value as Json;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// The sandbox's key: the one the proxy holds, which must never reach a browser.
pub const KEY: &str = "plane_api_demo00000000000000000000000";
/// The page origin the proxy grants.
pub const PAGE: &str = "http://intranet.test:3000";
/// An origin it does not.
pub const OTHER_PAGE: &str = "https://evil.test";

const PROXY_BIN: &str = env!("CARGO_BIN_EXE_plane-inline-proxy");

/// The sandbox binary, built once (a no-op when `cargo test --workspace` built it already),
/// next to the proxy's in the same target directory and profile.
fn sandbox_bin() -> &'static PathBuf {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let dir = PathBuf::from(PROXY_BIN).parent().unwrap().to_owned();
        let target_dir = dir.parent().unwrap().to_owned();
        let profile = dir.file_name().unwrap().to_string_lossy().into_owned();
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "-q", "-p", "plane-inline-sandbox", "--profile"])
            .arg(if profile == "debug" { "dev" } else { &profile })
            .arg("--target-dir")
            .arg(&target_dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()
            .unwrap();
        assert!(status.success(), "building plane-inline-sandbox failed");
        dir.join("plane-inline-sandbox")
    })
}

/// An HTTP client that, like a page, sends no key and follows no redirect.
pub fn http() -> reqwest::Client {
    // rustls needs one process-wide crypto provider; a second install is refused harmlessly.
    let _already_installed = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A child process printing `listening on URL`; killed when dropped. Everything it prints is
/// kept.
pub struct Process {
    child: Child,
    /// Its base URL.
    pub url: String,
    output: Arc<Mutex<String>>,
}

impl Process {
    /// Starts `command` with its output captured and waits for its listening line.
    pub fn start(mut command: Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let kept = output.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("listening on ") {
                    let _ = tx.send(url.trim().to_owned());
                }
                let mut all = kept.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        let mut stderr = child.stderr.take().unwrap();
        let kept = output.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buffer) {
                kept.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no listening line; output: {}", output.lock().unwrap()));
        Self { child, url, output }
    }

    /// Stops the process and returns everything it printed on stdout and stderr.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(Duration::from_millis(100));
        self.output.lock().unwrap().clone()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The sandbox and the proxy in front of it.
pub struct Stack {
    /// The sandbox (reached directly only for its test controls).
    pub sandbox: Process,
    /// The proxy.
    pub proxy: Process,
    /// An HTTP client that, like a page, sends no key.
    pub http: reqwest::Client,
}

impl Stack {
    /// Starts both; `extra` are further proxy arguments (`--project`, `--timeout`, ...).
    pub fn start(extra: &[&str]) -> Self {
        let sandbox = Self::sandbox();
        let proxy = Self::proxy(&sandbox.url, extra);
        Self {
            sandbox,
            proxy,
            http: http(),
        }
    }

    /// The sandbox alone, with the demo seed and test controls.
    pub fn sandbox() -> Process {
        let mut command = Command::new(sandbox_bin());
        command.args([
            "--addr",
            "127.0.0.1:0",
            "--api-key",
            KEY,
            "--db",
            ":memory:",
            "--seed",
            "demo",
            "--rate-limit",
            "100000/minute",
            "--test-controls",
        ]);
        Process::start(command)
    }

    /// A proxy in front of `upstream` for workspace `demo`, key from `PLANE_API_KEY`.
    pub fn proxy(upstream: &str, extra: &[&str]) -> Process {
        Self::proxy_for(upstream, "demo", extra)
    }

    /// A proxy in front of `upstream` for `workspace`, key from `PLANE_API_KEY`.
    pub fn proxy_for(upstream: &str, workspace: &str, extra: &[&str]) -> Process {
        let mut command = Command::new(PROXY_BIN);
        command
            .args([
                "--upstream",
                upstream,
                "--workspace",
                workspace,
                "--allow-origin",
                PAGE,
                "--listen",
                "127.0.0.1:0",
            ])
            .args(extra)
            .env("PLANE_API_KEY", KEY);
        Process::start(command)
    }

    /// A request to the proxy from the page at `PAGE`.
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.proxy.url))
            .header("Origin", PAGE)
    }

    /// Sends and reads status, headers and body text.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.text().await.unwrap();
        Answer {
            status,
            headers,
            body,
        }
    }

    /// `GET path` from the page.
    pub async fn get(&self, path: &str) -> Answer {
        self.send(self.request(reqwest::Method::GET, path)).await
    }

    /// Adds a sandbox fault (see the sandbox's README).
    pub async fn fault(&self, spec: Json) {
        let response = self
            .http
            .post(format!("{}/_sandbox/faults", self.sandbox.url))
            .json(&spec)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 201);
    }

    /// How many API requests reached the sandbox (Plane) so far, from its request counters.
    pub async fn forwarded(&self) -> u64 {
        let counts: Json = self
            .http
            .get(format!("{}/_sandbox/requests", self.sandbox.url))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        counts["total"].as_u64().unwrap()
    }

    /// The same `GET` straight to the sandbox, with the key: what Plane itself answers.
    pub async fn direct(&self, path: &str) -> Answer {
        self.send(
            self.http
                .get(format!("{}{path}", self.sandbox.url))
                .header("X-API-Key", KEY),
        )
        .await
    }

    /// Stops both and returns what the proxy printed.
    pub fn stop(self) -> String {
        let log = self.proxy.stop();
        drop(self.sandbox);
        log
    }
}

/// One answer.
pub struct Answer {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: reqwest::header::HeaderMap,
    /// The body text.
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> Json {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The proxy's refusal message, asserting the status is 403 and the allowed list is there.
    pub fn refusal(&self) -> String {
        assert_eq!(self.status, 403, "{}", self.body);
        let body = self.json();
        assert_eq!(
            body["allowed"].as_array().unwrap().len(),
            plane_inline_proxy::allow::ALLOWED.len()
        );
        body["error"].as_str().unwrap().to_owned()
    }

    /// Asserts that the key appears nowhere in the answer.
    pub fn assert_no_key(&self) {
        assert!(!self.body.contains(KEY), "key in body: {}", self.body);
        for (name, value) in &self.headers {
            assert!(
                !value
                    .as_bytes()
                    .windows(KEY.len())
                    .any(|w| w == KEY.as_bytes()),
                "key in header {name}"
            );
        }
    }
}

/// A seeded work item and what the tests need of it.
pub struct Item {
    /// Its project's id.
    pub project: String,
    /// Its id.
    pub id: String,
    /// Its type's id (empty when untyped).
    pub type_id: String,
}

impl Item {
    /// Reads `identifier` (e.g. `DEMO-1`) straight from the sandbox.
    pub async fn read(stack: &Stack, identifier: &str) -> Self {
        let item = stack
            .direct(&format!("/api/v1/workspaces/demo/work-items/{identifier}/"))
            .await
            .json();
        Self {
            project: item["project"].as_str().unwrap().to_owned(),
            id: item["id"].as_str().unwrap().to_owned(),
            type_id: item["type_id"].as_str().unwrap_or_default().to_owned(),
        }
    }

    /// `/api/v1/workspaces/demo/projects/{project}`.
    pub fn project_path(&self) -> String {
        format!("/api/v1/workspaces/demo/projects/{}", self.project)
    }

    /// The type schema's path and query, as core builds it.
    pub fn schema_path(&self) -> String {
        format!(
            "{}/work-item-types/schema/?type_id={}&include=members",
            self.project_path(),
            self.type_id
        )
    }

    /// The path of one property's value.
    pub fn value_path(&self, property: &str) -> String {
        format!(
            "{}/work-items/{}/work-item-properties/{property}/values/",
            self.project_path(),
            self.id
        )
    }

    /// The id of the property named `name` (e.g. `notes`), from the sandbox's schema.
    pub async fn property(&self, stack: &Stack, name: &str) -> String {
        let schema = stack.direct(&self.schema_path()).await.json();
        schema["custom_fields"][format!("custom_field_{name}")]["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

/// Asserts every request line of the proxy's log has the form `METHOD /path STATUS Nms` and
/// that the key appears nowhere in what it printed; returns the request lines without timings.
pub fn request_lines(log: &str) -> Vec<String> {
    assert!(
        !log.contains(KEY),
        "the key is in the proxy's output:\n{log}"
    );
    log.lines()
        .filter(|l| !l.starts_with("listening on ") && !l.starts_with("forwarding workspace "))
        .map(|line| {
            let (rest, ms) = line.rsplit_once(' ').unwrap();
            assert!(
                ms.strip_suffix("ms").unwrap().parse::<u64>().is_ok(),
                "{line}"
            );
            rest.to_owned()
        })
        .collect()
}

/// Sends `head` (request line and headers, each ending with CRLF, without `Host`) and `body`
/// exactly as written, with no client-side normalisation of `..`, `//` or framing, and returns
/// the status and body of the answer.
pub fn raw(url: &str, head: &str, body: &str) -> (u16, String) {
    let addr = url.strip_prefix("http://").unwrap();
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{head}Host: {addr}\r\nConnection: close\r\n\r\n{body}"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let body = answer.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}
