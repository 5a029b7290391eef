//! Plane's rate limits: reading what the server says, and pacing requests so it never says no.
//!
//! Plane throttles each API key with Django REST framework's sliding window: a request is
//! allowed when fewer than N requests were counted in the last window (60 a minute by default).
//! Allowed responses carry `X-RateLimit-Remaining` and `X-RateLimit-Reset`; a refusal is a 429
//! with `Retry-After` and `{"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}`.
//!
//! [`RateLimiter`] is a token bucket in which each spent token comes back one window after the
//! server counted its request. The server counts a request before it answers, so the moment an
//! answer arrives is a safe upper bound for when its token returns: a limiter that is told about
//! every request never provokes a 429 from an honest sliding-window server. It learns the real
//! limit from `X-RateLimit-Remaining` (remaining + requests answered in the window), so it need
//! not be told the limit in advance, and honours `Retry-After` after any refusal.
//!
//! Concurrent requests may be answered in another order than the server counted them; then
//! "remaining + answered" can exceed the real limit. A client that sends several requests at
//! once uses [`RateLimiter::send`] and [`RateLimiter::answered`] instead of `begin`/`record`:
//! the [`Ticket`] remembers what was known when the request left, which bounds the limit from
//! both sides (see [`RateLimiter::answered`]), so out-of-order answers never raise it too far.

use crate::error::parse_retry_after;
use crate::http::header;
use std::collections::VecDeque;

/// Plane's default: 60 requests a minute per API key.
pub const DEFAULT_PER_MINUTE: u32 = 60;
const WINDOW_MS: f64 = 60_000.0;
/// Slack added to each token's return, for clock granularity.
const SLACK_MS: f64 = 50.0;
/// Wait after a 429 that does not say how long (its headers may be hidden by CORS).
const UNSPECIFIED_RETRY_MS: f64 = 1_000.0;
/// Poll interval while every token is held by a request still in flight.
const IN_FLIGHT_POLL_MS: f64 = 100.0;

/// What one response says about the rate limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimitInfo {
    /// Whether the request was refused for the rate limit.
    pub throttled: bool,
    /// Requests left in the window after this one (`X-RateLimit-Remaining`).
    pub remaining: Option<u32>,
    /// When the window is certain to be empty, in Unix milliseconds (`X-RateLimit-Reset`).
    pub reset_at_ms: Option<f64>,
    /// How long to wait before the next request (`Retry-After`), in milliseconds.
    pub retry_after_ms: Option<f64>,
}

impl RateLimitInfo {
    /// Reads the status, headers and body of a response.
    pub fn from_response(status: u16, headers: &[(String, String)], body: &str) -> Self {
        let number = |name: &str| header(headers, name).and_then(|v| v.trim().parse::<f64>().ok());
        let throttle_body =
            body.contains("RATE_LIMIT_EXCEEDED") || body.contains("\"rate_limited\"");
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Self {
            throttled: status == 429 || throttle_body && status >= 400,
            remaining: number("x-ratelimit-remaining")
                .filter(|n| *n >= 0.0)
                .map(|n| n.min(f64::from(u32::MAX)) as u32),
            reset_at_ms: number("x-ratelimit-reset")
                .filter(|n| n.is_finite() && *n > 0.0)
                .map(|s| s * 1000.0),
            #[allow(clippy::cast_precision_loss)]
            retry_after_ms: header(headers, "retry-after")
                .and_then(parse_retry_after)
                .map(|s| s as f64 * 1000.0),
        }
    }

    /// When the next request may go, in the same clock as `now_ms` (Unix milliseconds): after
    /// `Retry-After` for a refusal, at the reset when nothing remains, otherwise now.
    pub fn next_allowed_ms(&self, now_ms: f64) -> f64 {
        if self.throttled {
            return now_ms + self.retry_after_ms.unwrap_or(UNSPECIFIED_RETRY_MS);
        }
        match (self.remaining, self.reset_at_ms) {
            (Some(0), Some(reset)) => reset.max(now_ms),
            _ => now_ms,
        }
    }
}

/// A request counted by [`RateLimiter::send`], to hand back to [`RateLimiter::answered`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ticket {
    /// This request's place among everything sent (from 1).
    sent: u64,
    /// When it left.
    sent_at: f64,
    /// Answers recorded before it left.
    answers_before: u64,
    /// Other requests in flight when it left.
    in_flight_before: u32,
}

/// One request's token: when it comes back, which answer it belongs to (`None` when the
/// request was abandoned, so the server may or may not have counted it), and when the request
/// left (known for requests sent with a [`Ticket`]).
#[derive(Debug, Clone, Copy)]
struct Token {
    returns_at: f64,
    answer: Option<u64>,
    sent_at: Option<f64>,
}

/// Paces requests under one API key's limit. Call [`RateLimiter::delay_ms`] before sending,
/// [`RateLimiter::begin`] when a request goes out, and [`RateLimiter::record`] with its answer.
/// Times are milliseconds on any steady clock (the JS API uses `Date.now()`).
#[derive(Debug, Clone)]
pub struct RateLimiter {
    limit: u32,
    window_ms: f64,
    /// When each answered request's token returns (answer time + window), oldest first.
    returns_at: VecDeque<Token>,
    in_flight: u32,
    blocked_until: f64,
    /// Requests sent through [`RateLimiter::send`].
    sent: u64,
    /// Answers recorded so far.
    answers: u64,
}

impl Default for RateLimiter {
    fn default() -> Self {
        Self::new(DEFAULT_PER_MINUTE)
    }
}

impl RateLimiter {
    /// A limiter that assumes `per_minute` until the server says otherwise (at least 1).
    pub fn new(per_minute: u32) -> Self {
        Self::with_window(per_minute, WINDOW_MS)
    }

    /// A limiter for `limit` requests per `window_ms` milliseconds.
    pub fn with_window(limit: u32, window_ms: f64) -> Self {
        Self {
            limit: limit.max(1),
            window_ms: window_ms.max(1.0),
            returns_at: VecDeque::new(),
            in_flight: 0,
            blocked_until: 0.0,
            sent: 0,
            answers: 0,
        }
    }

    /// The limit currently assumed (learned from the server's headers).
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// Requests sent and not yet answered.
    pub fn in_flight(&self) -> u32 {
        self.in_flight
    }

    /// How long to wait before the next request may go; `0.0` means now.
    pub fn delay_ms(&self, now_ms: f64) -> f64 {
        let blocked = (self.blocked_until - now_ms).max(0.0);
        // Tokens return in the order they were taken, so the held ones are a suffix.
        let first_held = self
            .returns_at
            .iter()
            .position(|t| t.returns_at > now_ms)
            .unwrap_or(self.returns_at.len());
        let held = self.returns_at.len() - first_held;
        let used = held + self.in_flight as usize;
        let limit = self.limit as usize;
        let paced = if used < limit {
            0.0
        } else {
            // The (used - limit + 1)-th answered token to come back frees a slot.
            match self.returns_at.get(first_held + used - limit) {
                Some(back) => back.returns_at - now_ms,
                None => IN_FLIGHT_POLL_MS,
            }
        };
        blocked.max(paced)
    }

    /// Notes that a request is going out now (it holds a token until answered).
    pub fn begin(&mut self, now_ms: f64) {
        self.prune(now_ms);
        self.in_flight += 1;
    }

    /// Notes a request that ended without an answer (network error, timeout, cancel): the
    /// server may have counted it, so its token comes back one window from now.
    pub fn abandon(&mut self, now_ms: f64) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.returns_at.push_back(Token {
            returns_at: now_ms + self.window_ms + SLACK_MS,
            answer: None,
            sent_at: None,
        });
    }

    /// Feeds an answer: counts it, learns the limit from its headers, honours a refusal.
    /// An answer without an earlier [`RateLimiter::begin`] is counted as sent now.
    pub fn record(&mut self, status: u16, headers: &[(String, String)], now_ms: f64) {
        self.record_info(&RateLimitInfo::from_response(status, headers, ""), now_ms);
    }

    /// Like [`RateLimiter::record`], from an already-read [`RateLimitInfo`].
    pub fn record_info(&mut self, info: &RateLimitInfo, now_ms: f64) {
        self.count_answer(info, now_ms, None);
    }

    fn count_answer(&mut self, info: &RateLimitInfo, now_ms: f64, sent_at: Option<f64>) {
        self.prune(now_ms);
        self.in_flight = self.in_flight.saturating_sub(1);
        if info.throttled {
            // Refused requests are not counted by the server; the window is full.
            let answered = u32::try_from(self.returns_at.len()).unwrap_or(u32::MAX);
            self.limit = self.limit.min(answered.max(1));
            self.blocked_until = self.blocked_until.max(info.next_allowed_ms(now_ms));
            return;
        }
        self.answers += 1;
        self.returns_at.push_back(Token {
            returns_at: now_ms + self.window_ms + SLACK_MS,
            answer: Some(self.answers),
            sent_at,
        });
        if let Some(remaining) = info.remaining {
            let answered = u32::try_from(self.returns_at.len()).unwrap_or(u32::MAX);
            self.limit = remaining.saturating_add(answered).max(1);
        }
    }

    /// Like [`RateLimiter::begin`], for a request whose answer will come back through
    /// [`RateLimiter::answered`] (needed when several requests are in flight at once).
    pub fn send(&mut self, now_ms: f64) -> Ticket {
        let in_flight_before = self.in_flight;
        self.begin(now_ms);
        self.sent += 1;
        Ticket {
            sent: self.sent,
            sent_at: now_ms,
            answers_before: self.answers,
            in_flight_before,
        }
    }

    /// Like [`RateLimiter::record`], for the request of `ticket`, learning the limit only from
    /// what is certain whatever order the server counted concurrent requests in. With `r` the
    /// answer's `X-RateLimit-Remaining`, the server had counted in its window, up to this
    /// request, at least itself and the requests answered before it left and sent less than a
    /// window before this answer (`b`); and at most itself, the requests whose tokens are still
    /// held (`h`), and every request in flight alongside it (`o`). So the limit lies in
    /// `r + b + 1 ..= r + h + o + 1`. The assumed limit is raised to the low end when
    /// below it, and drops to the low end when above the high end (a key shared with others
    /// shows as a lower limit): it only ever takes values the server proved safe. Refusals and
    /// answers without the header are recorded as by `record`.
    pub fn answered(
        &mut self,
        ticket: Ticket,
        status: u16,
        headers: &[(String, String)],
        now_ms: f64,
    ) {
        let info = RateLimitInfo::from_response(status, headers, "");
        let Some(remaining) = info.remaining.filter(|_| !info.throttled) else {
            self.record_info(&info, now_ms);
            return;
        };
        self.prune(now_ms);
        let window_start = now_ms - self.window_ms;
        let certain = self
            .returns_at
            .iter()
            .filter(|t| {
                t.answer.is_some_and(|a| a <= ticket.answers_before)
                    && t.sent_at.is_some_and(|at| at > window_start)
            })
            .count();
        let held = self
            .returns_at
            .iter()
            .filter(|t| t.answer.is_none_or(|a| a <= ticket.answers_before))
            .count();
        let overlapping = u64::from(ticket.in_flight_before) + (self.sent - ticket.sent);
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let low = remaining.saturating_add(count(certain)).saturating_add(1);
        let high = remaining
            .saturating_add(count(held))
            .saturating_add(u32::try_from(overlapping).unwrap_or(u32::MAX))
            .saturating_add(1);
        self.count_answer(
            &RateLimitInfo {
                remaining: None,
                ..info
            },
            now_ms,
            Some(ticket.sent_at),
        );
        if low > self.limit || high < self.limit {
            self.limit = low.max(1);
        }
    }

    fn prune(&mut self, now_ms: f64) {
        while self
            .returns_at
            .front()
            .is_some_and(|t| t.returns_at <= now_ms)
        {
            self.returns_at.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(remaining: u32) -> Vec<(String, String)> {
        vec![
            ("X-RateLimit-Remaining".into(), remaining.to_string()),
            ("X-RateLimit-Reset".into(), "1800000060".into()),
        ]
    }

    #[test]
    fn reads_headers_and_bodies() {
        let info = RateLimitInfo::from_response(200, &headers(7), "{}");
        assert_eq!(info.remaining, Some(7));
        assert_eq!(info.reset_at_ms, Some(1_800_000_060_000.0));
        assert!(!info.throttled);
        assert_eq!(info.next_allowed_ms(5.0), 5.0);
        let refused = RateLimitInfo::from_response(
            429,
            &[("retry-after".into(), "12".into())],
            r#"{"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}"#,
        );
        assert!(refused.throttled);
        assert_eq!(refused.next_allowed_ms(1000.0), 13_000.0);
        let hidden = RateLimitInfo::from_response(429, &[], "");
        assert_eq!(hidden.next_allowed_ms(0.0), UNSPECIFIED_RETRY_MS);
        let empty = RateLimitInfo::from_response(200, &headers(0), "");
        assert_eq!(empty.next_allowed_ms(1.0), 1_800_000_060_000.0);
    }

    #[test]
    fn paces_to_the_limit_then_waits_for_tokens_to_return() {
        let mut limiter = RateLimiter::new(3);
        for t in [0.0, 1.0, 2.0] {
            assert_eq!(limiter.delay_ms(t), 0.0);
            limiter.begin(t);
        }
        assert_eq!(
            limiter.delay_ms(3.0),
            IN_FLIGHT_POLL_MS,
            "all tokens in flight"
        );
        limiter.record(200, &[], 10.0);
        limiter.record(200, &[], 20.0);
        limiter.record(200, &[], 30.0);
        assert_eq!(limiter.delay_ms(40.0), 10.0 + WINDOW_MS + SLACK_MS - 40.0);
        assert_eq!(limiter.delay_ms(10.0 + WINDOW_MS + SLACK_MS), 0.0);
    }

    #[test]
    fn learns_the_limit_from_remaining() {
        let mut limiter = RateLimiter::new(60);
        limiter.begin(0.0);
        limiter.record(200, &headers(99), 5.0);
        assert_eq!(limiter.limit(), 100);
        limiter.begin(6.0);
        limiter.record(200, &headers(3), 7.0);
        assert_eq!(limiter.limit(), 5, "a smaller budget is believed too");
    }

    #[test]
    fn honours_retry_after_and_lowers_the_limit() {
        let mut limiter = RateLimiter::new(10);
        limiter.begin(0.0);
        limiter.record(200, &[], 1.0);
        limiter.begin(2.0);
        limiter.record(429, &[("Retry-After".into(), "4".into())], 3.0);
        assert_eq!(limiter.limit(), 1);
        assert_eq!(limiter.delay_ms(3.0), 1.0 + WINDOW_MS + SLACK_MS - 3.0);
        let mut fresh = RateLimiter::new(10);
        fresh.record(429, &[("Retry-After".into(), "4".into())], 0.0);
        assert_eq!(fresh.delay_ms(1000.0), 3000.0);
    }

    #[test]
    fn tickets_bound_the_limit_from_both_sides() {
        let mut limiter = RateLimiter::new(60);
        let a = limiter.send(0.0);
        let b = limiter.send(0.0);
        // The server counted b first (remaining 99), then a (98); a is answered first.
        limiter.answered(a, 200, &headers(98), 5.0);
        assert_eq!(limiter.limit(), 99, "raised to 98 + 0 + 1, no further");
        limiter.answered(b, 200, &headers(99), 6.0);
        assert_eq!(limiter.limit(), 100, "b went first: 99 + 0 + 1");
        let c = limiter.send(7.0);
        limiter.answered(c, 200, &headers(97), 8.0);
        assert_eq!(limiter.limit(), 100, "exact when alone: 97 + 2 + 1");
        // Another client uses the same key: fewer remain than our own requests explain.
        let d = limiter.send(9.0);
        limiter.answered(d, 200, &headers(40), 10.0);
        assert_eq!(limiter.limit(), 44, "dropped to 40 + 3 + 1");
        let e = limiter.send(11.0);
        limiter.answered(e, 429, &[("Retry-After".into(), "3".into())], 12.0);
        assert_eq!(limiter.limit(), 4, "a refusal is recorded as before");
        assert!(limiter.delay_ms(12.0) >= 2_900.0);
    }

    #[test]
    fn tickets_never_exceed_a_server_that_answers_out_of_order() {
        // 6 requests in flight at a time; the server counts them in arrival order but answers
        // in a scrambled order; limit 20 per 1000 ms; the client assumes 60.
        let (limit, window) = (20usize, 1000.0);
        let mut server: VecDeque<f64> = VecDeque::new();
        let mut limiter = RateLimiter::with_window(60, window);
        let mut now = 0.0;
        let mut refused = 0;
        let mut sent = 0;
        type Flying = (Ticket, u16, Vec<(String, String)>);
        let mut flying: Vec<Flying> = Vec::new();
        let mut scramble = 7u64;
        while sent < 120 || !flying.is_empty() {
            while sent < 120 && flying.len() < 6 && limiter.delay_ms(now) == 0.0 {
                let ticket = limiter.send(now);
                sent += 1;
                while server.back().is_some_and(|t| *t <= now - window) {
                    server.pop_back();
                }
                if server.len() < limit {
                    server.push_front(now);
                    let remaining = (limit - server.len()) as u32;
                    flying.push((ticket, 200, headers(remaining)));
                } else {
                    refused += 1;
                    flying.push((ticket, 429, vec![("Retry-After".into(), "1".into())]));
                }
            }
            now += 1.0;
            if !flying.is_empty() {
                scramble = scramble
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let pick = (scramble >> 33) as usize % flying.len();
                let (ticket, status, hs) = flying.swap_remove(pick);
                limiter.answered(ticket, status, &hs, now);
            } else {
                now += limiter.delay_ms(now);
            }
        }
        assert_eq!(refused, 0);
        assert_eq!(limiter.limit(), 20);
    }

    #[test]
    fn never_exceeds_a_sliding_window_server() {
        // Simulate a DRF sliding-window server with limit 5 per 1000 ms and a client that
        // sends as soon as it is allowed, with 3 ms of latency each way.
        let (limit, window) = (5usize, 1000.0);
        let mut server: VecDeque<f64> = VecDeque::new();
        let mut limiter = RateLimiter::with_window(60, window);
        let mut now = 0.0;
        let mut refused = 0;
        for _ in 0..40 {
            now += limiter.delay_ms(now);
            limiter.begin(now);
            let arrive = now + 3.0;
            while server.back().is_some_and(|t| *t <= arrive - window) {
                server.pop_back();
            }
            let status = if server.len() < limit {
                server.push_front(arrive);
                200
            } else {
                refused += 1;
                429
            };
            let remaining = limit.saturating_sub(server.len()) as u32;
            let hs = if status == 200 {
                headers(remaining)
            } else {
                vec![("Retry-After".into(), "1".into())]
            };
            now = arrive + 3.0;
            limiter.record(status, &hs, now);
        }
        assert_eq!(refused, 0);
        assert_eq!(limiter.limit(), 5);
    }
}
