//! How a sandbox is configured: address, key, database, seed, rate limit, controls and CORS.

use crate::seed::Seed;
use plane_inline_core::web_url::Origin;
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

/// Everything a sandbox needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; port 0 picks a free port.
    pub addr: SocketAddr,
    /// The one API key the sandbox accepts (`X-API-Key`).
    pub api_key: String,
    /// The SQLite file; `:memory:` keeps everything in memory.
    pub db: PathBuf,
    /// The data a fresh database (or a reset) starts from.
    pub seed: Seed,
    /// Requests allowed per key and window.
    pub rate_limit: RateLimit,
    /// Whether `/_sandbox/` test controls are served.
    pub test_controls: bool,
    /// Allowed CORS origins; empty allows every origin (Plane CE's default).
    pub cors_origins: Vec<Origin>,
    /// Whether responses expose `X-RateLimit-*` and `Retry-After` to page scripts.
    pub cors_expose_rate_limit_headers: bool,
}

impl Config {
    /// A configuration for tests: port 0, in-memory database, demo seed, 60/minute.
    pub fn for_tests(api_key: &str) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            api_key: api_key.to_owned(),
            db: PathBuf::from(":memory:"),
            seed: Seed::Demo,
            rate_limit: RateLimit::default(),
            test_controls: true,
            cors_origins: Vec::new(),
            cors_expose_rate_limit_headers: false,
        }
    }
}

/// A throttle rate in Django REST framework's notation, e.g. `60/minute`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Requests allowed within one window.
    pub requests: u32,
    /// The window length in seconds.
    pub window_seconds: f64,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self {
            requests: 60,
            window_seconds: 60.0,
        }
    }
}

/// Why a rate string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid rate limit {0:?}: expected N/second, N/minute, N/hour or N/day with N >= 1")]
pub struct RateLimitError(pub String);

impl FromStr for RateLimit {
    type Err = RateLimitError;

    /// Parses like DRF's `parse_rate`: `N/period`, where only the period's first letter counts
    /// (`s`, `m`, `h`, `d`), so `min`, `minute` and `m` are the same.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || RateLimitError(text.to_owned());
        let (count, period) = text.split_once('/').ok_or_else(fail)?;
        let requests: u32 = count.trim().parse().map_err(|_| fail())?;
        let window_seconds = match period.trim().chars().next() {
            Some('s') => 1.0,
            Some('m') => 60.0,
            Some('h') => 3600.0,
            Some('d') => 86_400.0,
            _ => return Err(fail()),
        };
        if requests == 0 {
            return Err(fail());
        }
        Ok(Self {
            requests,
            window_seconds,
        })
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let period = match self.window_seconds as u64 {
            1 => "second",
            60 => "minute",
            3600 => "hour",
            _ => "day",
        };
        write!(f, "{}/{period}", self.requests)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_drf_rate_strings() {
        assert_eq!(
            "60/minute".parse(),
            Ok(RateLimit {
                requests: 60,
                window_seconds: 60.0
            })
        );
        assert_eq!(
            "5/min".parse(),
            Ok(RateLimit {
                requests: 5,
                window_seconds: 60.0
            })
        );
        assert_eq!(
            "3/second".parse(),
            Ok(RateLimit {
                requests: 3,
                window_seconds: 1.0
            })
        );
        assert_eq!(
            "100/hour".parse(),
            Ok(RateLimit {
                requests: 100,
                window_seconds: 3600.0
            })
        );
        assert_eq!(
            "1000/day".parse(),
            Ok(RateLimit {
                requests: 1000,
                window_seconds: 86_400.0
            })
        );
        for bad in ["60", "x/minute", "60/", "60/week", "0/minute", "-1/second"] {
            assert!(bad.parse::<RateLimit>().is_err(), "{bad} should fail");
        }
        assert_eq!(RateLimit::default().to_string(), "60/minute");
    }
}
