//! The proxy's own limits, so that one page cannot spend the whole key: a number of forwarded
//! requests per caller (page origin) and window, and a number of requests waiting on Plane at
//! once. The callers counted are the allowed origins plus `same-origin` and `direct` (see
//! [`crate::sites`]), so the table never grows past the configuration.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use thiserror::Error;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Requests allowed per caller within one window, e.g. `60/minute`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Requests allowed within one window (at least 1).
    pub requests: u32,
    /// The window.
    pub window: Duration,
}

impl Default for Rate {
    /// 60 a minute: Plane Cloud's own limit for one key.
    fn default() -> Self {
        Self {
            requests: 60,
            window: Duration::from_secs(60),
        }
    }
}

/// A rate that is not `N/second`, `N/minute` or `N/hour` with N from 1 to 1000000.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("--rate-limit {0:?} is not N/second, N/minute or N/hour with N from 1 to 1000000")]
pub struct RateError(pub String);

impl FromStr for Rate {
    type Err = RateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || RateError(text.to_owned());
        let (count, unit) = text.split_once('/').ok_or_else(bad)?;
        let requests = match count.parse::<u32>() {
            Ok(n @ 1..=1_000_000) => n,
            _ => return Err(bad()),
        };
        let seconds = match unit {
            "second" => 1,
            "minute" => 60,
            "hour" => 3600,
            _ => return Err(bad()),
        };
        Ok(Self {
            requests,
            window: Duration::from_secs(seconds),
        })
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.window.as_secs() {
            1 => "second",
            3600 => "hour",
            _ => "minute",
        };
        write!(f, "{}/{unit}", self.requests)
    }
}

/// One caller's current window.
#[derive(Debug, Clone, Copy)]
struct Window {
    started: Instant,
    used: u32,
}

/// Counts each caller's requests in fixed windows.
#[derive(Debug)]
pub struct RateLimiter {
    rate: Rate,
    windows: Mutex<HashMap<String, Window>>,
}

impl RateLimiter {
    /// A limiter allowing `rate` per caller.
    pub fn new(rate: Rate) -> Self {
        Self {
            rate,
            windows: Mutex::new(HashMap::new()),
        }
    }

    /// The rate it allows.
    pub fn rate(&self) -> Rate {
        self.rate
    }

    /// Counts one request of `caller` at `now`: `Ok` when it is within the rate, otherwise
    /// `Err` with how long until the caller's window starts again (at least one second).
    pub fn check(&self, caller: &str, now: Instant) -> Result<(), Duration> {
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        let window = windows.entry(caller.to_owned()).or_insert(Window {
            started: now,
            used: 0,
        });
        let elapsed = now.saturating_duration_since(window.started);
        if elapsed >= self.rate.window {
            *window = Window {
                started: now,
                used: 0,
            };
        }
        if window.used >= self.rate.requests {
            let left = self.rate.window.saturating_sub(elapsed);
            return Err(left.max(Duration::from_secs(1)));
        }
        window.used += 1;
        Ok(())
    }
}

/// At most so many requests waiting on Plane at once; more are refused, not queued.
#[derive(Debug, Clone)]
pub struct InFlight {
    permits: Arc<Semaphore>,
    max: usize,
}

impl InFlight {
    /// Allows `max` requests at once.
    pub fn new(max: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(max)),
            max,
        }
    }

    /// The most requests allowed at once.
    pub fn max(&self) -> usize {
        self.max
    }

    /// A place for one more request, held until dropped; `None` when all are taken.
    pub fn try_enter(&self) -> Option<OwnedSemaphorePermit> {
        self.permits.clone().try_acquire_owned().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_and_print_as_n_per_unit() {
        assert_eq!(
            "5/second".parse(),
            Ok(Rate {
                requests: 5,
                window: Duration::from_secs(1)
            })
        );
        assert_eq!("60/minute".parse::<Rate>(), Ok(Rate::default()));
        assert_eq!(
            "1000/hour".parse::<Rate>().unwrap().to_string(),
            "1000/hour"
        );
        for bad in [
            "0/minute",
            "60",
            "60/fortnight",
            "-1/minute",
            "1000001/hour",
        ] {
            assert_eq!(bad.parse::<Rate>(), Err(RateError(bad.into())), "{bad}");
        }
        assert_eq!(
            RateError("x".into()).to_string(),
            "--rate-limit \"x\" is not N/second, N/minute or N/hour with N from 1 to 1000000"
        );
    }

    #[test]
    fn each_caller_has_its_own_window() {
        let limiter = RateLimiter::new("2/minute".parse().unwrap());
        let start = Instant::now();
        assert_eq!(limiter.check("https://a.test", start), Ok(()));
        assert_eq!(limiter.check("https://a.test", start), Ok(()));
        assert_eq!(
            limiter.check("https://a.test", start + Duration::from_secs(20)),
            Err(Duration::from_secs(40))
        );
        assert_eq!(
            limiter.check("https://b.test", start + Duration::from_secs(20)),
            Ok(())
        );
        assert_eq!(
            limiter.check("https://a.test", start + Duration::from_millis(59_900)),
            Err(Duration::from_secs(1)),
            "never less than a second"
        );
        assert_eq!(
            limiter.check("https://a.test", start + Duration::from_secs(60)),
            Ok(())
        );
    }

    #[test]
    fn in_flight_refuses_beyond_its_maximum_until_a_place_is_freed() {
        let in_flight = InFlight::new(1);
        let first = in_flight.try_enter();
        assert!(first.is_some());
        assert!(in_flight.try_enter().is_none());
        drop(first);
        assert!(in_flight.try_enter().is_some());
        assert_eq!(in_flight.max(), 1);
    }
}
