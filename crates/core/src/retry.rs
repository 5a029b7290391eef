//! Whether and when a failed request is sent again: one decision from the way an attempt ended,
//! the retries spent so far and the policy. Clients only carry it out.
//!
//! A 429 waits until the rate limit allows (the limiter holds every request until the server's
//! `Retry-After` has passed) and has its own budget. A 5xx, a timeout or a lost connection may
//! have taken effect; it is retried after a jittered exponential backoff with a cap, or after the
//! server's `Retry-After` when that is longer (capped too). Every other status is final: 400, 401,
//! 402, 403, 404 and 409 would only repeat.

use crate::http::{Response, header};

/// How failed requests are retried. The defaults suit people; tests shrink the times.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// The pause before the first retry, in milliseconds; it doubles with each retry.
    pub base_ms: f64,
    /// The longest pause between two attempts, in milliseconds (a 5xx's `Retry-After` too).
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

/// How one attempt ended, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ending {
    /// The server answered with this status (and maybe a `Retry-After`, in milliseconds).
    Answered {
        /// The HTTP status.
        status: u16,
        /// The answer's `Retry-After`, in milliseconds, when readable.
        retry_after_ms: Option<f64>,
    },
    /// No answer came: a lost connection or a timeout. The server may have acted on it.
    Lost,
}

impl Ending {
    /// The ending of an attempt that got `response`.
    pub fn of(response: &Response) -> Self {
        Self::Answered {
            status: response.status,
            retry_after_ms: retry_after_ms(&response.headers),
        }
    }
}

/// Retries a request has already had.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spent {
    /// Retries after a 5xx, a timeout or a lost connection.
    pub failures: u32,
    /// Retries after a 429.
    pub rate_limited: u32,
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Decision {
    /// Stop: the answer (or the failure) is final.
    Stop,
    /// 429: send again as soon as the rate limiter allows.
    WhenRateLimitAllows,
    /// The attempt may have taken effect: pause `delay_ms`, then send again.
    Backoff {
        /// The pause, in milliseconds.
        delay_ms: f64,
    },
}

/// Whether a status is worth sending again later: 429 and every 5xx.
pub fn is_transient_status(status: u16) -> bool {
    status == 429 || (500..=599).contains(&status)
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

    /// What to do after an attempt that ended as `ending`, with `spent` retries behind it;
    /// `random` (in `[0, 1)`) jitters the backoff. Successes and permanent refusals stop, and so
    /// does any failure once its budget is spent.
    pub fn decide(&self, ending: Ending, spent: Spent, random: f64) -> Decision {
        match ending {
            Ending::Answered { status: 429, .. } if spent.rate_limited < self.max_rate_limited => {
                Decision::WhenRateLimitAllows
            }
            Ending::Answered {
                status,
                retry_after_ms,
            } if (500..=599).contains(&status) && spent.failures < self.max_retries => {
                let asked = retry_after_ms.unwrap_or(0.0).min(self.cap_ms.max(0.0));
                Decision::Backoff {
                    delay_ms: self.backoff_ms(spent.failures + 1, random).max(asked),
                }
            }
            Ending::Lost if spent.failures < self.max_retries => Decision::Backoff {
                delay_ms: self.backoff_ms(spent.failures + 1, random),
            },
            _ => Decision::Stop,
        }
    }
}

/// The `Retry-After` of an answer's headers, in whole seconds: an integer, or a decimal rounded
/// up. HTTP dates are not used by Plane and are ignored, as are negative or absurd values.
pub fn retry_after_secs(headers: &[(String, String)]) -> Option<u64> {
    parse_retry_after(header(headers, "retry-after")?)
}

/// [`retry_after_secs`] in milliseconds.
#[allow(clippy::cast_precision_loss)]
pub fn retry_after_ms(headers: &[(String, String)]) -> Option<f64> {
    retry_after_secs(headers).map(|secs| secs as f64 * 1000.0)
}

/// A `Retry-After` value as seconds (see [`retry_after_secs`]).
pub fn parse_retry_after(text: &str) -> Option<u64> {
    let text = text.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(secs);
    }
    let secs: f64 = text.parse().ok()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (0.0..1e9).contains(&secs).then(|| secs.ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            base_ms: 100.0,
            cap_ms: 1_000.0,
            max_retries: 2,
            max_rate_limited: 1,
        }
    }

    fn answered(status: u16, retry_after_ms: Option<f64>) -> Ending {
        Ending::Answered {
            status,
            retry_after_ms,
        }
    }

    #[test]
    fn doubles_up_to_the_cap_with_jitter_in_the_upper_half() {
        let policy = policy();
        assert_eq!(policy.backoff_ms(1, 0.0), 50.0);
        assert_eq!(policy.backoff_ms(1, 1.0), 100.0);
        assert_eq!(policy.backoff_ms(2, 0.5), 150.0);
        assert_eq!(policy.backoff_ms(3, 1.0), 400.0);
        assert_eq!(policy.backoff_ms(5, 1.0), 1_000.0, "capped");
        assert_eq!(policy.backoff_ms(400, 0.0), 500.0, "no overflow");
        assert_eq!(policy.backoff_ms(2, f64::NAN), 150.0);
    }

    #[test]
    fn successes_and_permanent_refusals_stop() {
        for status in [200, 201, 204, 400, 401, 402, 403, 404, 409, 422] {
            assert_eq!(
                policy().decide(answered(status, None), Spent::default(), 0.0),
                Decision::Stop,
                "{status}"
            );
        }
    }

    #[test]
    fn a_429_waits_for_the_rate_limit_within_its_own_budget() {
        let policy = policy();
        let ending = answered(429, Some(3_000.0));
        assert_eq!(
            policy.decide(ending, Spent::default(), 0.0),
            Decision::WhenRateLimitAllows
        );
        let spent = Spent {
            failures: 2,
            rate_limited: 0,
        };
        assert_eq!(
            policy.decide(ending, spent, 0.0),
            Decision::WhenRateLimitAllows,
            "failures do not spend the 429 budget"
        );
        let spent = Spent {
            failures: 0,
            rate_limited: 1,
        };
        assert_eq!(policy.decide(ending, spent, 0.0), Decision::Stop);
    }

    #[test]
    fn server_errors_and_lost_attempts_back_off_until_the_budget_is_spent() {
        let policy = policy();
        assert_eq!(
            policy.decide(answered(503, None), Spent::default(), 0.0),
            Decision::Backoff { delay_ms: 50.0 }
        );
        let once = Spent {
            failures: 1,
            rate_limited: 0,
        };
        assert_eq!(
            policy.decide(Ending::Lost, once, 1.0),
            Decision::Backoff { delay_ms: 200.0 }
        );
        assert_eq!(
            policy.decide(answered(500, Some(700.0)), once, 0.0),
            Decision::Backoff { delay_ms: 700.0 },
            "a longer Retry-After wins"
        );
        assert_eq!(
            policy.decide(answered(502, Some(60_000.0)), once, 0.0),
            Decision::Backoff { delay_ms: 1_000.0 },
            "capped"
        );
        let spent = Spent {
            failures: 2,
            rate_limited: 0,
        };
        assert_eq!(policy.decide(Ending::Lost, spent, 0.0), Decision::Stop);
        assert_eq!(
            policy.decide(answered(500, None), spent, 0.0),
            Decision::Stop
        );
    }

    #[test]
    fn transient_statuses() {
        let transient: Vec<u16> = (100..600).filter(|s| is_transient_status(*s)).collect();
        let expected: Vec<u16> = std::iter::once(429).chain(500..600).collect();
        assert_eq!(transient, expected);
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("3"), Some(3));
        assert_eq!(parse_retry_after(" 2.1 "), Some(3));
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT"), None);
        let headers = vec![("Retry-After".to_owned(), "4".to_owned())];
        assert_eq!(retry_after_secs(&headers), Some(4));
        assert_eq!(retry_after_ms(&headers), Some(4_000.0));
        assert_eq!(retry_after_ms(&[]), None);
    }
}
