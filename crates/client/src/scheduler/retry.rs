//! When and how often a failed request is sent again: jittered exponential backoff with a cap for
//! 5xx answers, timeouts and lost connections, a separate budget for 429s (which wait for the
//! server's `Retry-After` instead), and the per-attempt timeout.

use plane_inline_core::rate_limit::DEFAULT_PER_MINUTE;

/// How failed requests are retried. The defaults suit people; tests shrink the times.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// The pause before the first retry, in milliseconds; it doubles with each retry.
    pub base_ms: f64,
    /// The longest pause between two attempts, in milliseconds.
    pub cap_ms: f64,
    /// Retries after a 5xx, a timeout or a lost connection, per request.
    pub max_retries: u32,
    /// Retries after a 429, per request (each waits for `Retry-After`).
    pub max_rate_limited: u32,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            base_ms: 500.0,
            cap_ms: 30_000.0,
            max_retries: 4,
            max_rate_limited: 10,
        }
    }
}

impl RetryPolicy {
    /// The pause before retry number `retry` (from 1): `base * 2^(retry-1)`, capped, of which the
    /// upper half is random ("equal jitter") so that many clients do not retry in step.
    /// `random` is in `[0, 1)`.
    pub fn backoff_ms(&self, retry: u32, random: f64) -> f64 {
        let doublings = i32::try_from(retry.saturating_sub(1).min(40)).unwrap_or(40);
        let ceiling = (self.base_ms.max(0.0) * 2f64.powi(doublings)).min(self.cap_ms.max(0.0));
        let random = if random.is_finite() {
            random.clamp(0.0, 1.0)
        } else {
            0.5
        };
        ceiling / 2.0 + ceiling / 2.0 * random
    }
}

/// How one scheduler sends requests.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulerConfig {
    /// Retries and backoff.
    pub retry: RetryPolicy,
    /// How long one attempt may take, answer body included, in milliseconds.
    pub timeout_ms: f64,
    /// Requests on the wire at once (browsers open about 6 connections per host).
    pub max_in_flight: usize,
    /// The rate limit assumed until the server's headers say otherwise, per minute.
    pub assumed_per_minute: u32,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            timeout_ms: 30_000.0,
            max_in_flight: 6,
            assumed_per_minute: DEFAULT_PER_MINUTE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_the_cap_with_jitter_in_the_upper_half() {
        let policy = RetryPolicy {
            base_ms: 100.0,
            cap_ms: 1_000.0,
            ..RetryPolicy::default()
        };
        assert_eq!(policy.backoff_ms(1, 0.0), 50.0);
        assert_eq!(policy.backoff_ms(1, 1.0), 100.0);
        assert_eq!(policy.backoff_ms(2, 0.5), 150.0);
        assert_eq!(policy.backoff_ms(3, 1.0), 400.0);
        assert_eq!(policy.backoff_ms(5, 1.0), 1_000.0, "capped");
        assert_eq!(policy.backoff_ms(400, 0.0), 500.0, "no overflow");
        assert_eq!(policy.backoff_ms(2, f64::NAN), 150.0);
    }
}
