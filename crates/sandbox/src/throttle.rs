//! The per-key rate limit, kept exactly as Django REST framework's `SimpleRateThrottle` keeps it:
//! a history of request times, entries older than the window dropped, a request allowed while
//! fewer than N remain, and refused requests not recorded.

use crate::config::RateLimit;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Go ahead; the values of `X-RateLimit-Remaining` and `X-RateLimit-Reset`.
    Allowed {
        /// N minus the history length after recording this request.
        remaining: u64,
        /// Epoch seconds of now plus the window (an upper bound, as Plane computes it).
        reset: i64,
    },
    /// Refused; `Retry-After` in whole seconds (rounded up).
    Throttled {
        /// Seconds until the oldest entry leaves the window, rounded up.
        retry_after: u64,
    },
}

/// Request histories per API key.
pub struct Throttle {
    configured: RateLimit,
    rate: Mutex<RateLimit>,
    history: Mutex<HashMap<String, VecDeque<f64>>>,
}

impl Throttle {
    /// A throttle with the given rate.
    pub fn new(rate: RateLimit) -> Self {
        Self {
            configured: rate,
            rate: Mutex::new(rate),
            history: Mutex::new(HashMap::new()),
        }
    }

    /// Changes the rate from now on (test control); the histories are kept.
    pub fn set_rate(&self, rate: RateLimit) {
        *self.rate.lock().unwrap_or_else(|p| p.into_inner()) = rate;
    }

    /// The rate in force.
    pub fn rate(&self) -> RateLimit {
        *self.rate.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Checks (and, when allowed, records) a request by `key` at `now` (epoch seconds).
    pub fn check(&self, key: &str, now: f64) -> Verdict {
        let rate = self.rate();
        let mut all = self.history.lock().unwrap_or_else(|p| p.into_inner());
        let history = all.entry(key.to_owned()).or_default();
        let window = rate.window_seconds;
        // Newest first, as DRF keeps it: drop from the back while too old.
        while history.back().is_some_and(|oldest| *oldest <= now - window) {
            history.pop_back();
        }
        let limit = rate.requests as usize;
        if history.len() >= limit {
            let oldest = history.back().copied().unwrap_or(now);
            let remaining_window = window - (now - oldest);
            // DRF divides by the requests still available (+1); that is 1 once the limit is hit.
            let available = (limit as f64 - history.len() as f64 + 1.0).max(1.0);
            let wait = (remaining_window / available).ceil().max(1.0);
            return Verdict::Throttled {
                retry_after: wait as u64,
            };
        }
        history.push_front(now);
        Verdict::Allowed {
            remaining: (limit - history.len()) as u64,
            reset: (now + window) as i64,
        }
    }

    /// Forgets every history and puts the configured rate back (test reset).
    pub fn clear(&self) {
        self.history
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        self.set_rate(self.configured);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_down_then_throttles_then_slides() {
        let throttle = Throttle::new(RateLimit {
            requests: 3,
            window_seconds: 10.0,
        });
        assert_eq!(
            throttle.check("k", 100.0),
            Verdict::Allowed {
                remaining: 2,
                reset: 110
            }
        );
        assert_eq!(
            throttle.check("k", 101.0),
            Verdict::Allowed {
                remaining: 1,
                reset: 111
            }
        );
        assert_eq!(
            throttle.check("k", 102.5),
            Verdict::Allowed {
                remaining: 0,
                reset: 112
            }
        );
        // The oldest (100.0) leaves the window at 110.0: 6.5 s from 103.5, rounded up.
        assert_eq!(
            throttle.check("k", 103.5),
            Verdict::Throttled { retry_after: 7 }
        );
        // Refused requests are not recorded, and other keys have their own history.
        assert_eq!(
            throttle.check("other", 103.5),
            Verdict::Allowed {
                remaining: 2,
                reset: 113
            }
        );
        assert_eq!(
            throttle.check("k", 109.9),
            Verdict::Throttled { retry_after: 1 }
        );
        assert_eq!(
            throttle.check("k", 110.0),
            Verdict::Allowed {
                remaining: 0,
                reset: 120
            }
        );
        throttle.clear();
        assert_eq!(
            throttle.check("k", 110.0),
            Verdict::Allowed {
                remaining: 2,
                reset: 120
            }
        );
    }
}
