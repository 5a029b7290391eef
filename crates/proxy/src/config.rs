//! What the proxy runs with, and where its API key comes from: a file or `PLANE_API_KEY`,
//! never the command line.

use crate::allow::Scope;
use crate::limits::Rate;
use plane_inline_core::http::ApiKey;
use plane_inline_core::web_url::{BaseUrl, BaseUrlError, Origin};
use std::net::SocketAddr;
use std::path::Path;
use std::time::Duration;
use thiserror::Error;

/// The environment variable read when no `--key-file` is given.
pub const KEY_ENV: &str = "PLANE_API_KEY";

/// Everything the proxy needs to serve. `Debug` never shows the key.
#[derive(Debug, Clone)]
pub struct Config {
    /// Plane's API base (e.g. `https://api.plane.so`).
    pub upstream: BaseUrl,
    /// The workspace and projects served.
    pub scope: Scope,
    /// The page origins granted CORS access, exactly as browsers send them.
    pub origins: Vec<String>,
    /// Where to listen (port 0 picks a free one).
    pub listen: SocketAddr,
    /// The key sent to Plane.
    pub key: ApiKey,
    /// How long one forwarded request may take, answer included.
    pub timeout: Duration,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// The largest answer from Plane passed on, in bytes.
    pub max_answer: usize,
    /// Forwarded requests allowed per caller (page origin) and window.
    pub rate_limit: Rate,
    /// Requests waiting on Plane at once; more get 503.
    pub max_concurrent: usize,
    /// How long a client may take to send a request's headers (and how long an idle
    /// connection is kept).
    pub header_timeout: Duration,
}

/// A value the proxy cannot run with.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ConfigError {
    /// `--upstream` is not an http(s) URL without query, fragment or credentials.
    #[error("--upstream {given:?} is not an API base like https://api.plane.so: {reason}")]
    Upstream {
        /// What was given.
        given: String,
        /// Why core's URL model refuses it.
        reason: BaseUrlError,
    },
    /// `--allow-origin` is not an origin in the form browsers send.
    #[error("--allow-origin {given:?} is not an origin as browsers send it; use {suggestion:?}")]
    Origin {
        /// What was given.
        given: String,
        /// The origin it names, serialised as browsers send it.
        suggestion: String,
    },
    /// `--allow-origin` names no web origin at all.
    #[error(
        "--allow-origin {given:?} is not an origin like https://intranet.example.com: {reason}"
    )]
    NotAnOrigin {
        /// What was given.
        given: String,
        /// Why core's URL model refuses it.
        reason: BaseUrlError,
    },
}

/// Checks an API base URL with core's URL model (normalised as browsers do, no trailing slash).
pub fn upstream(text: &str) -> Result<BaseUrl, ConfigError> {
    BaseUrl::parse(text).map_err(|reason| ConfigError::Upstream {
        given: text.to_owned(),
        reason,
    })
}

/// Checks that `text` is a web origin spelled exactly as a browser's `Origin` header spells it
/// (core's normal form), and suggests that spelling when it is not.
pub fn origin(text: &str) -> Result<String, ConfigError> {
    let not_one = |reason| ConfigError::NotAnOrigin {
        given: text.to_owned(),
        reason,
    };
    let origin = Origin::parse(text).map_err(not_one)?;
    if !origin.is_web() {
        return Err(not_one(BaseUrlError::Scheme {
            found: origin.scheme().to_owned(),
        }));
    }
    let serialized = origin.to_string();
    if serialized != text {
        return Err(ConfigError::Origin {
            given: text.to_owned(),
            suggestion: serialized,
        });
    }
    Ok(serialized)
}

/// The key, and a warning to print if its file is readable by others.
#[derive(Debug)]
pub struct LoadedKey {
    /// The key.
    pub key: ApiKey,
    /// Set when the key file can be read by its group or by everyone.
    pub warning: Option<String>,
}

/// Why there is no usable key. No variant ever holds the key itself.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeyError {
    /// Neither `--key-file` nor `PLANE_API_KEY`.
    #[error(
        "no API key: write it to a file readable only by you and pass --key-file PATH, or set PLANE_API_KEY (there is no --key flag, so the key stays out of process lists and shell history)"
    )]
    Missing,
    /// The key file could not be read.
    #[error("cannot read the key file {path}: {reason}")]
    Unreadable {
        /// The file.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// The file or variable holds nothing but spaces.
    #[error("{0} is empty")]
    Empty(String),
    /// The key holds characters no HTTP header can carry.
    #[error("the key in {0} contains spaces, control or non-ASCII characters")]
    Invalid(String),
}

/// Reads the key from `file` if given, else from `env` (the value of `PLANE_API_KEY`).
pub fn load_key(file: Option<&Path>, env: Option<String>) -> Result<LoadedKey, KeyError> {
    let (text, source, warning) = match (file, env) {
        (Some(path), _) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| KeyError::Unreadable {
                path: shown.clone(),
                reason: e.to_string(),
            })?;
            (text, shown, readable_by_others(path))
        }
        (None, Some(text)) => (text, KEY_ENV.to_owned(), None),
        (None, None) => return Err(KeyError::Missing),
    };
    let key = ApiKey::new(&text);
    if key.expose().is_empty() {
        return Err(KeyError::Empty(source));
    }
    if !key.expose().bytes().all(|b| b.is_ascii_graphic()) {
        return Err(KeyError::Invalid(source));
    }
    Ok(LoadedKey { key, warning })
}

/// A warning when the key file's mode lets its group or everyone read it (Unix only).
#[cfg(unix)]
fn readable_by_others(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o044 != 0).then(|| {
        format!(
            "warning: the key file {} is readable by other users (mode {mode:o}); run chmod 600 {}",
            path.display(),
            path.display()
        )
    })
}

#[cfg(not(unix))]
fn readable_by_others(_path: &Path) -> Option<String> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upstream_urls_are_checked_and_lose_their_trailing_slash() {
        for (given, normal) in [
            ("https://api.plane.so/", "https://api.plane.so"),
            ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
            (
                "https://plane.example.com/prefix/",
                "https://plane.example.com/prefix",
            ),
            (
                "https://Bücher.example:443",
                "https://xn--bcher-kva.example",
            ),
        ] {
            assert_eq!(upstream(given).unwrap().to_string(), normal, "{given}");
        }
        for (bad, reason) in [
            (
                "api.plane.so",
                BaseUrlError::Scheme {
                    found: "api.plane.so".into(),
                },
            ),
            (
                "ftp://api.plane.so",
                BaseUrlError::Scheme {
                    found: "ftp".into(),
                },
            ),
            ("https://user:pw@api.plane.so", BaseUrlError::Credentials),
            ("https://api.plane.so/?x=1", BaseUrlError::QueryOrFragment),
            ("https://api.plane.so/#top", BaseUrlError::QueryOrFragment),
        ] {
            assert_eq!(
                upstream(bad),
                Err(ConfigError::Upstream {
                    given: bad.into(),
                    reason
                }),
                "{bad}"
            );
        }
    }

    #[test]
    fn origins_must_be_spelled_as_browsers_send_them() {
        assert_eq!(
            origin("https://intranet.example.com").unwrap(),
            "https://intranet.example.com"
        );
        assert_eq!(
            origin("http://127.0.0.1:3000").unwrap(),
            "http://127.0.0.1:3000"
        );
        assert_eq!(
            origin("https://Intranet.example.com:443/"),
            Err(ConfigError::Origin {
                given: "https://Intranet.example.com:443/".into(),
                suggestion: "https://intranet.example.com".into()
            })
        );
        assert_eq!(
            origin("https://bücher.example"),
            Err(ConfigError::Origin {
                given: "https://bücher.example".into(),
                suggestion: "https://xn--bcher-kva.example".into()
            })
        );
        assert_eq!(
            origin("intranet"),
            Err(ConfigError::NotAnOrigin {
                given: "intranet".into(),
                reason: BaseUrlError::Scheme {
                    found: "intranet".into()
                }
            })
        );
        assert_eq!(
            origin("chrome-extension://abcdefghijklmnop"),
            Err(ConfigError::NotAnOrigin {
                given: "chrome-extension://abcdefghijklmnop".into(),
                reason: BaseUrlError::Scheme {
                    found: "chrome-extension".into()
                }
            })
        );
        assert_eq!(
            origin("https://intranet.example.com/app")
                .unwrap_err()
                .to_string(),
            "--allow-origin \"https://intranet.example.com/app\" is not an origin like \
             https://intranet.example.com: the URL must be an origin (scheme, host and port) \
             without the path \"/app\""
        );
    }

    #[test]
    fn the_key_comes_from_the_file_first_then_the_environment() {
        let dir =
            std::env::temp_dir().join(format!("plane-inline-proxy-key-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("key");
        std::fs::write(&file, "plane_api_fromfile\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        let loaded = load_key(Some(&file), Some("plane_api_fromenv".into())).unwrap();
        assert_eq!(loaded.key.expose(), "plane_api_fromfile");
        assert_eq!(loaded.warning, None);
        let loaded = load_key(None, Some(" plane_api_fromenv ".into())).unwrap();
        assert_eq!(loaded.key.expose(), "plane_api_fromenv");
        assert_eq!(load_key(None, None).unwrap_err(), KeyError::Missing);
        assert_eq!(
            load_key(None, Some("  ".into())).unwrap_err(),
            KeyError::Empty("PLANE_API_KEY".into())
        );
        assert_eq!(
            load_key(None, Some("plane api".into())).unwrap_err(),
            KeyError::Invalid("PLANE_API_KEY".into())
        );
        let missing = dir.join("absent");
        assert!(matches!(
            load_key(Some(&missing), None),
            Err(KeyError::Unreadable { path, .. }) if path == missing.display().to_string()
        ));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
            let loaded = load_key(Some(&file), None).unwrap();
            assert_eq!(
                loaded.warning,
                Some(format!(
                    "warning: the key file {} is readable by other users (mode 644); run chmod 600 {}",
                    file.display(),
                    file.display()
                ))
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
