//! Starting the sandbox server for tests, benchmarks and the demo.

use crate::run::{Failure, Result, cmd, target_dir};
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running sandbox; stopped when dropped.
pub struct Sandbox {
    child: Child,
    /// Its base URL, e.g. `http://127.0.0.1:40123`.
    pub url: String,
    /// Its API key.
    pub api_key: String,
}

impl Sandbox {
    /// Builds nothing: starts `target/{profile}/plane-inline-sandbox` with `args` plus the key, and
    /// waits for its `listening on http://ADDR` line.
    pub fn start(profile: &str, api_key: &str, args: &[&str]) -> Result<Self> {
        let binary = target_dir().join(profile).join("plane-inline-sandbox");
        let mut all = vec!["--api-key", api_key];
        all.extend_from_slice(args);
        let (child, url) = spawn_listening(&binary, &all, &[])?;
        Ok(Self {
            child,
            url,
            api_key: api_key.to_owned(),
        })
    }
}

impl Sandbox {
    /// A sandbox for tests and benchmarks: `target/{profile}/plane-inline-sandbox` on a free
    /// port, in memory, with the demo seed, its test controls, the rate-limit headers exposed to
    /// pages, and a limit high enough never to throttle.
    pub fn for_tests(profile: &str, api_key: &str) -> Result<Self> {
        Self::start(
            profile,
            api_key,
            &[
                "--addr",
                "127.0.0.1:0",
                "--db",
                ":memory:",
                "--seed",
                "demo",
                "--rate-limit",
                "100000/minute",
                "--test-controls",
                "--cors-expose-rate-limit-headers",
            ],
        )
    }
}

/// Starts a server binary and waits (30 s at most) for its `listening on URL` line on stdout.
pub fn spawn_listening(
    binary: &std::path::Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(Child, String)> {
    let shown = binary.to_string_lossy().into_owned();
    let mut command = cmd(&shown, args);
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Failure(format!("could not start {shown}: {e}")))?;
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| Failure(format!("{shown} has no stdout")))?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::io::Result::ok)
        {
            if let Some(url) = line.strip_prefix("listening on ") {
                let _ = tx.send(url.trim().to_owned());
            }
        }
    });
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(url) => Ok((child, url)),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(Failure(format!(
                "{shown} did not print its listening line within 30 s"
            )))
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
