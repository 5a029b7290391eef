//! The command line:
//!
//! ```text
//! plane-inline-sandbox --addr 127.0.0.1:PORT --api-key KEY [--db PATH] [--seed demo|empty]
//!     [--rate-limit N/minute] [--test-controls] [--cors-origin ORIGIN]...
//!     [--cors-expose-rate-limit-headers] [--listen-public]
//! ```
//!
//! Options take their value as the next argument or after `=`. The sandbox listens on loopback
//! only unless `--listen-public` allows another `--addr`, and never serves its test controls
//! beyond loopback.

use crate::config::{Config, RateLimit};
use crate::ids::fresh_api_key;
use crate::seed::Seed;
use plane_inline_core::web_url::Origin;
use std::net::SocketAddr;
use std::path::PathBuf;

/// The usage text printed by `--help` and after argument errors.
pub const USAGE: &str =
    "usage: plane-inline-sandbox [--addr HOST:PORT] [--api-key KEY] [--db PATH] \
[--seed demo|empty] [--rate-limit N/second|N/minute|N/hour|N/day] [--test-controls] \
[--cors-origin ORIGIN]... [--cors-expose-rate-limit-headers] [--listen-public]

  --addr HOST:PORT       where to listen (default 127.0.0.1:8000; port 0 picks a free one);
                         a loopback address unless --listen-public is given
  --api-key KEY          the X-API-Key to accept (default: a new plane_api_... key, printed)
  --db PATH              SQLite database file (default sandbox.sqlite3; :memory: for none)
  --seed demo|empty      data for a fresh database and for resets (default demo)
  --rate-limit RATE      requests per key, e.g. 60/minute (default), 5/second
  --test-controls        serve /_sandbox/ (faults, request counts, reset)
  --cors-origin ORIGIN   allow only this origin (repeatable; default: every origin), compared
                         as browsers send it: https://Bücher.example:443 allows
                         https://xn--bcher-kva.example
  --cors-expose-rate-limit-headers
                         let page scripts read X-RateLimit-* and Retry-After
  --listen-public        allow an --addr other machines can reach (e.g. 0.0.0.0:8000); not
                         with --test-controls";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Serve with this configuration; `generated_key` tells whether the key must be printed.
    Serve {
        /// The configuration.
        config: Config,
        /// Whether the key was generated (no `--api-key`).
        generated_key: bool,
    },
    /// Print the usage and exit successfully.
    Help,
}

/// A command line the sandbox cannot run with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CliError(pub String);

fn fail<T>(message: impl Into<String>) -> Result<T, CliError> {
    Err(CliError(message.into()))
}

/// Reads the arguments (without the program name).
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, CliError> {
    let mut addr: SocketAddr = SocketAddr::from(([127, 0, 0, 1], 8000));
    let mut api_key: Option<String> = None;
    let mut db = PathBuf::from("sandbox.sqlite3");
    let mut seed = Seed::Demo;
    let mut rate_limit = RateLimit::default();
    let mut test_controls = false;
    let mut cors_origins = Vec::new();
    let mut expose = false;
    let mut listen_public = false;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| -> Result<String, CliError> {
            match inline.clone().or_else(|| args.next()) {
                Some(v) if !v.is_empty() => Ok(v),
                _ => fail(format!("{name} needs a value")),
            }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--addr" => {
                let text = value("--addr")?;
                addr = text.parse().or_else(|_| {
                    fail(format!(
                        "--addr {text:?} is not HOST:PORT (e.g. 127.0.0.1:8000)"
                    ))
                })?;
            }
            "--api-key" => {
                let key = value("--api-key")?;
                if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    return fail("--api-key must not contain spaces or control characters");
                }
                api_key = Some(key);
            }
            "--db" => db = PathBuf::from(value("--db")?),
            "--seed" => {
                let name = value("--seed")?;
                seed = Seed::from_name(&name)
                    .ok_or_else(|| CliError(format!("--seed {name:?} is not demo or empty")))?;
            }
            "--rate-limit" => {
                let text = value("--rate-limit")?;
                rate_limit = text.parse().map_err(|e: crate::config::RateLimitError| {
                    CliError(format!("--rate-limit: {e}"))
                })?;
            }
            "--test-controls" | "--cors-expose-rate-limit-headers" | "--listen-public"
                if inline.is_some() =>
            {
                return fail(format!("{flag} takes no value"));
            }
            "--test-controls" => test_controls = true,
            "--listen-public" => listen_public = true,
            "--cors-expose-rate-limit-headers" => expose = true,
            "--cors-origin" => {
                let text = value("--cors-origin")?;
                let origin = Origin::parse(&text).map_err(|e| {
                    CliError(format!(
                        "--cors-origin {text:?} is not an origin like https://app.example.com: {e}"
                    ))
                })?;
                cors_origins.push(origin);
            }
            other => return fail(format!("unknown argument {other:?}")),
        }
    }
    if !addr.ip().is_loopback() && !listen_public {
        return fail(format!(
            "--addr {addr} is reachable from other machines: add --listen-public to mean it, \
             or listen on 127.0.0.1"
        ));
    }
    if listen_public && test_controls {
        return fail(
            "--test-controls cannot be used with --listen-public: anyone who reaches the sandbox \
             could reset its data or inject faults",
        );
    }
    let generated_key = api_key.is_none();
    let config = Config {
        addr,
        api_key: api_key.unwrap_or_else(fresh_api_key),
        db,
        seed,
        rate_limit,
        test_controls,
        cors_origins,
        cors_expose_rate_limit_headers: expose,
    };
    Ok(Command::Serve {
        config,
        generated_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn reads_every_option() {
        let Command::Serve {
            config,
            generated_key,
        } = parse(args(&[
            "--addr",
            "127.0.0.1:0",
            "--api-key=plane_api_x",
            "--db",
            ":memory:",
            "--seed",
            "empty",
            "--rate-limit",
            "5/second",
            "--test-controls",
            "--cors-origin",
            "http://a.test",
            "--cors-origin=https://B.test:8443",
            "--cors-origin",
            "https://bücher.test:443/",
            "--cors-origin",
            "chrome-extension://abcdefghijklmnop",
            "--cors-expose-rate-limit-headers",
        ]))
        .unwrap()
        else {
            panic!("expected serve")
        };
        assert!(!generated_key);
        assert_eq!(config.api_key, "plane_api_x");
        assert_eq!(config.seed, Seed::Empty);
        assert_eq!(
            config.rate_limit,
            RateLimit {
                requests: 5,
                window_seconds: 1.0
            }
        );
        assert!(config.test_controls && config.cors_expose_rate_limit_headers);
        let origins: Vec<String> = config.cors_origins.iter().map(|o| o.to_string()).collect();
        assert_eq!(
            origins,
            [
                "http://a.test",
                "https://b.test:8443",
                "https://xn--bcher-kva.test",
                "chrome-extension://abcdefghijklmnop"
            ]
        );
    }

    #[test]
    fn generates_a_key_and_refuses_bad_arguments() {
        let Command::Serve {
            config,
            generated_key,
        } = parse(args(&[])).unwrap()
        else {
            panic!()
        };
        assert!(generated_key && config.api_key.starts_with("plane_api_"));
        for bad in [
            &["--addr", "nowhere"][..],
            &["--addr"],
            &["--seed", "full"],
            &["--rate-limit", "10/fortnight"],
            &["--cors-origin", "app.example.com"],
            &["--cors-origin", "https://app.example.com/path"],
            &["--cors-origin", "https://user@app.example.com"],
            &["--test-controls=yes"],
            &["--frobnicate"],
        ] {
            assert!(parse(args(bad)).is_err(), "{bad:?} should fail");
        }
        assert!(matches!(parse(args(&["--help"])), Ok(Command::Help)));
        assert_eq!(
            parse(args(&["--listen-public=yes"])).err(),
            Some(CliError("--listen-public takes no value".into()))
        );
        assert_eq!(
            parse(args(&["--cors-origin", "https://x.test/app"])).err(),
            Some(CliError(
                "--cors-origin \"https://x.test/app\" is not an origin like https://app.example.com: \
                 the URL must be an origin (scheme, host and port) without the path \"/app\""
                    .into()
            ))
        );
    }

    #[test]
    fn listens_beyond_loopback_only_when_asked_and_then_without_test_controls() {
        for addr in ["0.0.0.0:8000", "192.168.1.20:8000", "[::]:8000"] {
            assert_eq!(
                parse(args(&["--addr", addr])).err(),
                Some(CliError(format!(
                    "--addr {addr} is reachable from other machines: add --listen-public to mean \
                     it, or listen on 127.0.0.1"
                ))),
                "{addr}"
            );
            let Command::Serve { config, .. } =
                parse(args(&["--addr", addr, "--listen-public"])).unwrap()
            else {
                panic!("expected serve")
            };
            assert_eq!(config.addr.to_string(), addr);
            assert!(!config.test_controls);
        }
        for addr in ["127.0.0.1:0", "[::1]:0"] {
            assert!(parse(args(&["--addr", addr, "--test-controls"])).is_ok());
        }
        assert_eq!(
            parse(args(&[
                "--addr",
                "0.0.0.0:8000",
                "--listen-public",
                "--test-controls"
            ]))
            .err(),
            Some(CliError(
                "--test-controls cannot be used with --listen-public: anyone who reaches the \
                 sandbox could reset its data or inject faults"
                    .into()
            ))
        );
    }
}
