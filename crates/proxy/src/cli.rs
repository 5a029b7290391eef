//! The command line:
//!
//! ```text
//! plane-inline-proxy --upstream URL --workspace SLUG [--project ID]... --allow-origin ORIGIN...
//!     [--listen HOST:PORT] [--key-file PATH] [--timeout SECONDS] [--max-body BYTES]
//!     [--max-answer BYTES] [--rate-limit N/minute] [--max-concurrent N] [--header-timeout SECONDS]
//! ```
//!
//! Options take their value as the next argument or after `=`. The key comes from `--key-file`
//! or `PLANE_API_KEY`; there is deliberately no option that takes the key itself.

use crate::allow::Scope;
use crate::config::{self, Config, ConfigError, KEY_ENV, KeyError, load_key};
use crate::limits::Rate;
use plane_inline_core::web_url::BaseUrl;
use plane_inline_core::workspace::is_workspace_slug;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The usage text printed by `--help` and after argument errors.
pub const USAGE: &str = "usage: plane-inline-proxy --upstream URL --workspace SLUG [--project ID]... \
--allow-origin ORIGIN... [--listen HOST:PORT] [--key-file PATH] [--timeout SECONDS] [--max-body BYTES] \
[--max-answer BYTES] [--rate-limit N/minute] [--max-concurrent N] [--header-timeout SECONDS]

  --upstream URL          Plane's API base: https://api.plane.so, a self-hosted origin, or a sandbox
  --workspace SLUG        the only workspace served
  --project ID            serve only this project (repeatable; default: every project)
  --allow-origin ORIGIN   a page origin allowed to call the proxy (repeatable, at least one),
                          e.g. https://intranet.example.com
  --listen HOST:PORT      where to listen (default 127.0.0.1:8080; port 0 picks a free one)
  --key-file PATH         a file holding the API key (default: the PLANE_API_KEY variable)
  --timeout SECONDS       the longest a forwarded request may take (default 30)
  --max-body BYTES        the largest request body accepted (default 65536)
  --max-answer BYTES      the largest answer from Plane passed on (default 4194304)
  --rate-limit RATE       requests forwarded per page origin, e.g. 60/minute (default), 5/second
  --max-concurrent N      requests waiting on Plane at once (default 16)
  --header-timeout SECONDS
                          the longest a client may take to send its headers (default 10)";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Serve with this configuration; `warning` is printed first when set.
    Serve {
        /// The configuration (boxed: it dwarfs the other variant).
        config: Box<Config>,
        /// A warning about the key file's permissions.
        warning: Option<String>,
    },
    /// Print the usage and exit successfully.
    Help,
}

/// A command line the proxy cannot run with. Messages never repeat a value that could be a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CliError {
    /// A malformed or missing argument.
    #[error("{0}")]
    Usage(String),
    /// A value that is not a usable URL or origin.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// No usable key.
    #[error(transparent)]
    Key(#[from] KeyError),
}

fn fail<T>(message: impl Into<String>) -> Result<T, CliError> {
    Err(CliError::Usage(message.into()))
}

/// Reads the arguments (without the program name); `env_key` is the value of `PLANE_API_KEY`.
pub fn parse(
    args: impl IntoIterator<Item = String>,
    env_key: Option<String>,
) -> Result<Command, CliError> {
    let mut upstream: Option<BaseUrl> = None;
    let mut workspace: Option<String> = None;
    let mut projects: Vec<String> = Vec::new();
    let mut origins: Vec<String> = Vec::new();
    let mut listen = SocketAddr::from(([127, 0, 0, 1], 8080));
    let mut key_file: Option<PathBuf> = None;
    let mut timeout = Duration::from_secs(30);
    let mut max_body: usize = 64 * 1024;
    let mut max_answer: usize = 4 * 1024 * 1024;
    let mut rate_limit = Rate::default();
    let mut max_concurrent: usize = 16;
    let mut header_timeout = Duration::from_secs(10);
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
            "--upstream" => upstream = Some(config::upstream(&value("--upstream")?)?),
            "--workspace" => {
                let slug = value("--workspace")?;
                if !is_workspace_slug(&slug) {
                    return fail(format!("--workspace {slug:?} is not a workspace slug"));
                }
                workspace = Some(slug);
            }
            "--project" => {
                let id = value("--project")?;
                if !id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_'))
                {
                    return fail(format!("--project {id:?} is not a project id (a UUID)"));
                }
                projects.push(id);
            }
            "--allow-origin" => origins.push(config::origin(&value("--allow-origin")?)?),
            "--listen" => {
                let text = value("--listen")?;
                listen = text.parse().or_else(|_| {
                    fail(format!(
                        "--listen {text:?} is not HOST:PORT (e.g. 127.0.0.1:8080)"
                    ))
                })?;
            }
            "--key-file" => key_file = Some(PathBuf::from(value("--key-file")?)),
            "--timeout" => {
                let text = value("--timeout")?;
                timeout = match text.parse::<u64>() {
                    Ok(secs @ 1..=3600) => Duration::from_secs(secs),
                    _ => return fail(format!("--timeout {text:?} is not 1 to 3600 seconds")),
                };
            }
            "--max-body" => {
                let text = value("--max-body")?;
                max_body = match text.parse::<usize>() {
                    Ok(bytes @ 1..=16_777_216) => bytes,
                    _ => return fail(format!("--max-body {text:?} is not 1 to 16777216 bytes")),
                };
            }
            "--max-answer" => {
                let text = value("--max-answer")?;
                max_answer = match text.parse::<usize>() {
                    Ok(bytes @ 1..=268_435_456) => bytes,
                    _ => {
                        return fail(format!("--max-answer {text:?} is not 1 to 268435456 bytes"));
                    }
                };
            }
            "--rate-limit" => {
                rate_limit = value("--rate-limit")?
                    .parse()
                    .map_err(|e: crate::limits::RateError| CliError::Usage(e.to_string()))?;
            }
            "--max-concurrent" => {
                let text = value("--max-concurrent")?;
                max_concurrent = match text.parse::<usize>() {
                    Ok(n @ 1..=1024) => n,
                    _ => return fail(format!("--max-concurrent {text:?} is not 1 to 1024")),
                };
            }
            "--header-timeout" => {
                let text = value("--header-timeout")?;
                header_timeout = match text.parse::<u64>() {
                    Ok(secs @ 1..=300) => Duration::from_secs(secs),
                    _ => {
                        return fail(format!("--header-timeout {text:?} is not 1 to 300 seconds"));
                    }
                };
            }
            "--key" | "--api-key" => {
                return fail(format!(
                    "{flag} does not exist: pass --key-file PATH or set {KEY_ENV}, so the key stays out of process lists and shell history"
                ));
            }
            other if other.starts_with('-') => {
                return fail(format!("unknown option {other:?}"));
            }
            // A stray word may be a pasted key: never repeat it.
            _ => return fail("unexpected argument (not shown, in case it is a secret)"),
        }
    }
    let Some(upstream) = upstream else {
        return fail("--upstream is required (e.g. https://api.plane.so)");
    };
    let Some(workspace) = workspace else {
        return fail("--workspace is required");
    };
    if origins.is_empty() {
        return fail(
            "at least one --allow-origin is required: the origin of the page embedding the widget",
        );
    }
    let loaded = load_key(key_file.as_deref(), env_key)?;
    let config = Config {
        upstream,
        scope: Scope::new(&workspace, projects),
        origins,
        listen,
        key: loaded.key,
        timeout,
        max_body,
        max_answer,
        rate_limit,
        max_concurrent,
        header_timeout,
    };
    Ok(Command::Serve {
        config: Box::new(config),
        warning: loaded.warning,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    const REQUIRED: [&str; 6] = [
        "--upstream",
        "https://api.plane.so",
        "--workspace",
        "acme",
        "--allow-origin",
        "https://intranet.example.com",
    ];

    #[test]
    fn reads_every_option() {
        let mut all = args(&REQUIRED);
        all.extend(args(&[
            "--project",
            "p1",
            "--project=p2",
            "--allow-origin=http://127.0.0.1:3000",
            "--listen",
            "127.0.0.1:0",
            "--timeout",
            "5",
            "--max-body=1024",
            "--max-answer",
            "2048",
            "--rate-limit",
            "5/second",
            "--max-concurrent=3",
            "--header-timeout",
            "2",
        ]));
        let Command::Serve { config, warning } = parse(all, Some("plane_api_env".into())).unwrap()
        else {
            panic!("expected serve")
        };
        assert_eq!(warning, None);
        assert_eq!(config.upstream.to_string(), "https://api.plane.so");
        assert_eq!(
            config.scope,
            Scope::new("acme", vec!["p1".into(), "p2".into()])
        );
        assert_eq!(
            config.origins,
            vec!["https://intranet.example.com", "http://127.0.0.1:3000"]
        );
        assert_eq!(config.listen, SocketAddr::from(([127, 0, 0, 1], 0)));
        assert_eq!(config.key.expose(), "plane_api_env");
        assert_eq!(config.timeout, Duration::from_secs(5));
        assert_eq!(config.max_body, 1024);
        assert_eq!(config.max_answer, 2048);
        assert_eq!(config.rate_limit.to_string(), "5/second");
        assert_eq!(config.max_concurrent, 3);
        assert_eq!(config.header_timeout, Duration::from_secs(2));
        assert!(!format!("{config:?}").contains("plane_api_env"));
    }

    #[test]
    fn refuses_to_start_without_a_key() {
        assert_eq!(
            parse(args(&REQUIRED), None).unwrap_err(),
            CliError::Key(KeyError::Missing)
        );
    }

    #[test]
    fn never_takes_or_repeats_a_key_on_the_command_line() {
        let mut with_flag = args(&REQUIRED);
        with_flag.extend(args(&["--key=plane_api_secret"]));
        let message = parse(with_flag, Some("k".into())).unwrap_err().to_string();
        assert_eq!(
            message,
            "--key does not exist: pass --key-file PATH or set PLANE_API_KEY, so the key stays out of process lists and shell history"
        );
        let mut stray = args(&REQUIRED);
        stray.push("plane_api_secret".into());
        assert_eq!(
            parse(stray, Some("k".into())).unwrap_err().to_string(),
            "unexpected argument (not shown, in case it is a secret)"
        );
    }

    #[test]
    fn refuses_bad_arguments() {
        let key = || Some("plane_api_k".to_owned());
        for (bad, message) in [
            (
                &["--workspace", "acme", "--allow-origin", "http://a.test"][..],
                "--upstream is required (e.g. https://api.plane.so)",
            ),
            (
                &[
                    "--upstream",
                    "http://x.test",
                    "--allow-origin",
                    "http://a.test",
                ],
                "--workspace is required",
            ),
            (
                &["--upstream", "http://x.test", "--workspace", "acme"],
                "at least one --allow-origin is required: the origin of the page embedding the widget",
            ),
            (
                &["--workspace", "a/b"],
                "--workspace \"a/b\" is not a workspace slug",
            ),
            (
                &[
                    "--workspace",
                    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                ],
                "--workspace \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is not a workspace slug",
            ),
            (
                &["--project", "../x"],
                "--project \"../x\" is not a project id (a UUID)",
            ),
            (
                &["--listen", "nowhere"],
                "--listen \"nowhere\" is not HOST:PORT (e.g. 127.0.0.1:8080)",
            ),
            (
                &["--timeout", "0"],
                "--timeout \"0\" is not 1 to 3600 seconds",
            ),
            (
                &["--max-body", "big"],
                "--max-body \"big\" is not 1 to 16777216 bytes",
            ),
            (
                &["--max-answer", "0"],
                "--max-answer \"0\" is not 1 to 268435456 bytes",
            ),
            (
                &["--rate-limit", "lots"],
                "--rate-limit \"lots\" is not N/second, N/minute or N/hour with N from 1 to 1000000",
            ),
            (
                &["--max-concurrent", "0"],
                "--max-concurrent \"0\" is not 1 to 1024",
            ),
            (
                &["--header-timeout", "301"],
                "--header-timeout \"301\" is not 1 to 300 seconds",
            ),
            (&["--listen"], "--listen needs a value"),
            (&["--frobnicate"], "unknown option \"--frobnicate\""),
        ] {
            assert_eq!(
                parse(args(bad), key()).unwrap_err().to_string(),
                message,
                "{bad:?}"
            );
        }
        assert!(matches!(parse(args(&["--help"]), None), Ok(Command::Help)));
    }
}
