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
        let binary = binary.to_string_lossy().into_owned();
        let mut all = vec!["--api-key", api_key];
        all.extend_from_slice(args);
        let mut child = cmd(&binary, &all)
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| Failure(format!("could not start the sandbox {binary}: {e}")))?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| Failure("the sandbox has no stdout".into()))?;
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
            Ok(url) => Ok(Self {
                child,
                url,
                api_key: api_key.to_owned(),
            }),
            Err(_) => {
                let _ = child.kill();
                Err(Failure(
                    "the sandbox did not print its listening line within 30 s".into(),
                ))
            }
        }
    }

    /// Waits for the sandbox to exit (the demo runs until Ctrl-C).
    pub fn wait(mut self) -> Result {
        self.child
            .wait()
            .map(|_| ())
            .map_err(|e| Failure(format!("sandbox: {e}")))
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
