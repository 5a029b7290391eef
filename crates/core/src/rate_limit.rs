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
//! limit from `X-RateLimit-Remaining`, so it need not be told the limit in advance, and honours
//! `Retry-After` after any refusal.
//!
//! Every request reserves its place first ([`RateLimiter::acquire`] gives a [`Ticket`]), so any
//! number of concurrent callers share the limit without overshooting it: each learns how long to
//! wait for its own turn. The ticket also remembers what was known when its request left, which
//! bounds the limit from both sides when answers to concurrent requests arrive in another order
//! than the server counted them (see [`RateLimiter::record_info`]).

use crate::http::header;
use crate::retry::retry_after_ms;
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
            retry_after_ms: retry_after_ms(headers),
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

/// A request's place with the limiter, from [`RateLimiter::acquire`] until it is recorded or
/// abandoned. As a number (for JavaScript) it is [`Ticket::id`] / [`Ticket::from_id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ticket(u64);

impl Ticket {
    /// The ticket's number (from 1).
    pub fn id(self) -> u64 {
        self.0
    }

    /// The ticket numbered `id`; a number the limiter never gave out is an unknown ticket.
    pub fn from_id(id: u64) -> Self {
        Self(id)
    }
}

/// What [`RateLimiter::acquire`] gives: a ticket, and how long to wait before sending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reservation {
    /// The request's ticket, for [`RateLimiter::wait_ms`], [`RateLimiter::record`] and
    /// [`RateLimiter::abandon`].
    pub ticket: Ticket,
    /// `0.0`: the request is counted as sent and goes now. Otherwise wait this long, then ask
    /// [`RateLimiter::wait_ms`] again.
    pub delay_ms: f64,
}

/// A ticket the limiter does not know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("ticket {0} is not waiting or in flight: it was recorded or abandoned, or never given out")]
pub struct UnknownTicket(pub u64);

/// A request on the wire: when it left, and what was known then (see [`RateLimiter::record`]).
#[derive(Debug, Clone, Copy)]
struct Sent {
    ticket: u64,
    /// Its place among everything sent (from 1).
    seq: u64,
    sent_at: f64,
    /// Answers recorded before it left.
    answers_before: u64,
    /// Other requests in flight when it left.
    in_flight_before: u32,
}

/// One request's token: when it comes back, which answer it belongs to (`None` when the
/// request was abandoned, so the server may or may not have counted it), and when the request
/// left (`None` for abandoned requests too: only answered ones bound the limit).
#[derive(Debug, Clone, Copy)]
struct Token {
    returns_at: f64,
    answer: Option<u64>,
    sent_at: Option<f64>,
}

/// Paces requests under one API key's limit, handing out places in line so that concurrent
/// callers never overshoot it. Each request takes a [`Ticket`] with [`RateLimiter::acquire`],
/// waits while [`RateLimiter::wait_ms`] says so, goes, and gives its answer to
/// [`RateLimiter::record`] (or [`RateLimiter::abandon`] when none came). Times are
/// milliseconds on any steady clock (the JS API uses `Date.now()`).
///
/// Tickets are served oldest first: a waiting ticket goes once as many tokens are free as there
/// are tickets up to and including it. A wait that depends only on answered requests is exact;
/// one that depends on requests still in flight (whose tokens come back one window after their
/// unknown answer) is a lower bound, after which the ticket asks again.
#[derive(Debug, Clone)]
pub struct RateLimiter {
    limit: u32,
    window_ms: f64,
    /// When each answered or abandoned request's token returns, oldest first.
    returns_at: VecDeque<Token>,
    /// Requests sent and not yet answered, in the order they left.
    in_flight: Vec<Sent>,
    /// Tickets waiting for their turn, oldest first.
    waiting: VecDeque<u64>,
    blocked_until: f64,
    /// Tickets given out.
    tickets: u64,
    /// Requests sent.
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
            in_flight: Vec::new(),
            waiting: VecDeque::new(),
            blocked_until: 0.0,
            tickets: 0,
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
        u32::try_from(self.in_flight.len()).unwrap_or(u32::MAX)
    }

    /// Tickets waiting for their turn.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// Until when the server refused every request (after a 429), if that is still ahead.
    pub fn blocked_until_ms(&self, now_ms: f64) -> Option<f64> {
        (self.blocked_until > now_ms).then_some(self.blocked_until)
    }

    /// Takes the next place in line. With a `delay_ms` of `0.0` the request is counted as sent
    /// and must go now; otherwise wait that long and ask [`RateLimiter::wait_ms`].
    pub fn acquire(&mut self, now_ms: f64) -> Reservation {
        self.tickets += 1;
        let ticket = Ticket(self.tickets);
        self.waiting.push_back(ticket.0);
        let delay_ms = self.turn(ticket.0, now_ms).unwrap_or(0.0);
        Reservation { ticket, delay_ms }
    }

    /// How much longer `ticket` waits; `0.0` means it is counted as sent and goes now (and stays
    /// `0.0` while it is in flight).
    pub fn wait_ms(&mut self, ticket: Ticket, now_ms: f64) -> Result<f64, UnknownTicket> {
        if self.in_flight.iter().any(|s| s.ticket == ticket.0) {
            return Ok(0.0);
        }
        self.turn(ticket.0, now_ms).ok_or(UnknownTicket(ticket.0))
    }

    /// The wait of the waiting ticket `id` (`None` when it is not waiting); sends it when `0.0`.
    fn turn(&mut self, id: u64, now_ms: f64) -> Option<f64> {
        let position = self.waiting.iter().position(|t| *t == id)?;
        self.prune(now_ms);
        let wait = self.wait_at(position, now_ms);
        if wait <= 0.0 {
            self.waiting.remove(position);
            self.sent += 1;
            self.in_flight.push(Sent {
                ticket: id,
                seq: self.sent,
                sent_at: now_ms,
                answers_before: self.answers,
                in_flight_before: self.in_flight(),
            });
            return Some(0.0);
        }
        Some(wait)
    }

    /// The wait of the ticket at `position` in line (tokens already pruned to `now_ms`).
    fn wait_at(&self, position: usize, now_ms: f64) -> f64 {
        let blocked = (self.blocked_until - now_ms).max(0.0);
        let held = self.returns_at.len();
        let used = held + self.in_flight.len();
        let free = (self.limit as usize).saturating_sub(used);
        if position < free {
            return blocked;
        }
        // The ticket at place `j` needs the (j - free)-th token to come back: first the held
        // tokens (known), then those of requests in flight (one window after they left, at the
        // earliest), then those of the tickets ahead of it, one window after they go. So place
        // `j` goes one window after place `j - (free + used)`: a whole number of windows (laps)
        // after one of the first `free + used` places.
        let period = free + used;
        let laps = position / period;
        let start = match (position % period).checked_sub(free) {
            None => now_ms,
            Some(k) if k < held => self.returns_at[k].returns_at,
            Some(k) => self.in_flight[k - held].sent_at + self.window_ms + SLACK_MS,
        };
        #[allow(clippy::cast_precision_loss)]
        let start = start.max(now_ms) + laps as f64 * (self.window_ms + SLACK_MS);
        let paced = start - now_ms;
        // Past the earliest return of a token still in flight: ask again shortly.
        let paced = if paced > 0.0 {
            paced
        } else {
            IN_FLIGHT_POLL_MS
        };
        blocked.max(paced)
    }

    /// Notes that `ticket`'s request ended without an answer (network error, timeout, cancel),
    /// or will not be sent after all. A request that went may have been counted by the server,
    /// so its token comes back one window from now; a waiting ticket just leaves the line.
    pub fn abandon(&mut self, ticket: Ticket, now_ms: f64) {
        if let Some(place) = self.waiting.iter().position(|t| *t == ticket.0) {
            self.waiting.remove(place);
            return;
        }
        if let Some(place) = self.in_flight.iter().position(|s| s.ticket == ticket.0) {
            self.in_flight.remove(place);
            self.returns_at.push_back(Token {
                returns_at: now_ms + self.window_ms + SLACK_MS,
                answer: None,
                sent_at: None,
            });
        }
    }

    /// Feeds the answer to `ticket`'s request: counts it, learns the limit from its headers,
    /// honours a refusal. See [`RateLimiter::record_info`].
    pub fn record(
        &mut self,
        ticket: Ticket,
        status: u16,
        headers: &[(String, String)],
        now_ms: f64,
    ) {
        self.record_info(
            ticket,
            &RateLimitInfo::from_response(status, headers, ""),
            now_ms,
        );
    }

    /// Like [`RateLimiter::record`], from an already-read [`RateLimitInfo`].
    ///
    /// The limit is learned only from what is certain whatever order the server counted
    /// concurrent requests in. With `r` the answer's `X-RateLimit-Remaining`, the server had
    /// counted in its window, up to this request, at least itself and the requests answered
    /// before it left and sent less than a window before this answer (`b`); and at most itself,
    /// the requests whose tokens are still held (`h`), and every request in flight alongside it
    /// (`o`). So the limit lies in `r + b + 1 ..= r + h + o + 1`. The assumed limit is raised to
    /// the low end when below it, and drops to the low end when above the high end (a key shared
    /// with others shows as a lower limit): it only ever takes values the server proved safe.
    ///
    /// An answer to a ticket that is not in flight (it never waited for its turn, or is unknown)
    /// is counted as sent now, alone.
    pub fn record_info(&mut self, ticket: Ticket, info: &RateLimitInfo, now_ms: f64) {
        self.prune(now_ms);
        let sent = match self.in_flight.iter().position(|s| s.ticket == ticket.0) {
            Some(place) => self.in_flight.remove(place),
            None => {
                if let Some(place) = self.waiting.iter().position(|t| *t == ticket.0) {
                    self.waiting.remove(place);
                }
                self.sent += 1;
                Sent {
                    ticket: ticket.0,
                    seq: self.sent,
                    sent_at: now_ms,
                    answers_before: self.answers,
                    in_flight_before: self.in_flight(),
                }
            }
        };
        if info.throttled {
            // Refused requests are not counted by the server; the window is full.
            let answered = u32::try_from(self.returns_at.len()).unwrap_or(u32::MAX);
            self.limit = self.limit.min(answered.max(1));
            self.blocked_until = self.blocked_until.max(info.next_allowed_ms(now_ms));
            return;
        }
        let bounds = info
            .remaining
            .map(|remaining| self.bounds(&sent, remaining, now_ms));
        self.answers += 1;
        self.returns_at.push_back(Token {
            returns_at: now_ms + self.window_ms + SLACK_MS,
            answer: Some(self.answers),
            sent_at: Some(sent.sent_at),
        });
        if let Some((low, high)) = bounds
            && (low > self.limit || high < self.limit)
        {
            self.limit = low.max(1);
        }
    }

    /// The range the limit lies in, from an answer to `sent` with `remaining` left (see
    /// [`RateLimiter::record_info`]).
    fn bounds(&self, sent: &Sent, remaining: u32, now_ms: f64) -> (u32, u32) {
        let window_start = now_ms - self.window_ms;
        let certain = self
            .returns_at
            .iter()
            .filter(|t| {
                t.answer.is_some_and(|a| a <= sent.answers_before)
                    && t.sent_at.is_some_and(|at| at > window_start)
            })
            .count();
        let held = self
            .returns_at
            .iter()
            .filter(|t| t.answer.is_none_or(|a| a <= sent.answers_before))
            .count();
        let overlapping = u64::from(sent.in_flight_before) + (self.sent - sent.seq);
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let low = remaining.saturating_add(count(certain)).saturating_add(1);
        let high = remaining
            .saturating_add(count(held))
            .saturating_add(u32::try_from(overlapping).unwrap_or(u32::MAX))
            .saturating_add(1);
        (low, high)
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

    fn go(limiter: &mut RateLimiter, now: f64) -> Ticket {
        let reservation = limiter.acquire(now);
        assert_eq!(reservation.delay_ms, 0.0, "expected to go at {now}");
        reservation.ticket
    }

    #[test]
    fn paces_to_the_limit_then_waits_for_tokens_to_return() {
        let mut limiter = RateLimiter::new(3);
        let sent: Vec<Ticket> = [0.0, 1.0, 2.0]
            .into_iter()
            .map(|t| go(&mut limiter, t))
            .collect();
        let fourth = limiter.acquire(3.0);
        assert_eq!(
            fourth.delay_ms,
            WINDOW_MS + SLACK_MS - 3.0,
            "at the earliest one window after the first left"
        );
        for (ticket, at) in sent.into_iter().zip([10.0, 20.0, 30.0]) {
            limiter.record(ticket, 200, &[], at);
        }
        assert_eq!(
            limiter.wait_ms(fourth.ticket, 40.0),
            Ok(10.0 + WINDOW_MS + SLACK_MS - 40.0),
            "exact once the first answer is in"
        );
        assert_eq!(limiter.in_flight(), 0);
        assert_eq!(
            limiter.wait_ms(fourth.ticket, 10.0 + WINDOW_MS + SLACK_MS),
            Ok(0.0)
        );
        assert_eq!(limiter.in_flight(), 1);
        assert_eq!(limiter.wait_ms(fourth.ticket, 20.0 + WINDOW_MS), Ok(0.0));
    }

    #[test]
    fn every_acquire_reserves_a_place() {
        let mut limiter = RateLimiter::new(60);
        let delays: Vec<f64> = (0..130).map(|_| limiter.acquire(0.0).delay_ms).collect();
        assert_eq!(delays[..60], [0.0; 60], "the first 60 go");
        let one = WINDOW_MS + SLACK_MS;
        assert_eq!(delays[60..120], [one; 60], "the next 60 one window later");
        assert_eq!(delays[120..], [2.0 * one; 10], "then two");
        assert_eq!(limiter.in_flight(), 60);
        assert_eq!(limiter.waiting(), 70);
    }

    #[test]
    fn tickets_are_served_oldest_first() {
        let mut limiter = RateLimiter::with_window(1, 1_000.0);
        let first = go(&mut limiter, 0.0);
        let second = limiter.acquire(0.0).ticket;
        let third = limiter.acquire(0.0).ticket;
        limiter.record(first, 200, &[], 10.0);
        let free_at = 10.0 + 1_000.0 + SLACK_MS;
        assert_eq!(
            limiter.wait_ms(third, free_at),
            Ok(1_000.0 + SLACK_MS),
            "the third waits one window for the second's token"
        );
        assert_eq!(limiter.wait_ms(second, free_at), Ok(0.0));
    }

    #[test]
    fn abandoned_tickets_leave_the_line_or_hold_their_token() {
        let mut limiter = RateLimiter::with_window(1, 1_000.0);
        let first = go(&mut limiter, 0.0);
        let second = limiter.acquire(0.0).ticket;
        let third = limiter.acquire(0.0).ticket;
        limiter.abandon(second, 5.0);
        assert_eq!(limiter.waiting(), 1);
        assert_eq!(
            limiter.wait_ms(second, 5.0),
            Err(UnknownTicket(second.id()))
        );
        limiter.abandon(first, 10.0);
        assert_eq!(limiter.in_flight(), 0);
        assert_eq!(
            limiter.wait_ms(third, 20.0),
            Ok(10.0 + 1_000.0 + SLACK_MS - 20.0),
            "the server may have counted the lost request"
        );
    }

    #[test]
    fn learns_the_limit_from_remaining() {
        let mut limiter = RateLimiter::new(60);
        let first = go(&mut limiter, 0.0);
        limiter.record(first, 200, &headers(99), 5.0);
        assert_eq!(limiter.limit(), 100);
        let second = go(&mut limiter, 6.0);
        limiter.record(second, 200, &headers(3), 7.0);
        assert_eq!(limiter.limit(), 5, "a smaller budget is believed too");
    }

    #[test]
    fn honours_retry_after_and_lowers_the_limit() {
        let mut limiter = RateLimiter::new(10);
        let first = go(&mut limiter, 0.0);
        limiter.record(first, 200, &[], 1.0);
        let second = go(&mut limiter, 2.0);
        limiter.record(second, 429, &[("Retry-After".into(), "4".into())], 3.0);
        assert_eq!(limiter.limit(), 1);
        assert_eq!(limiter.blocked_until_ms(3.0), Some(4_003.0));
        assert_eq!(
            limiter.acquire(3.0).delay_ms,
            1.0 + WINDOW_MS + SLACK_MS - 3.0
        );
        let mut fresh = RateLimiter::new(10);
        fresh.record(
            Ticket::from_id(7),
            429,
            &[("Retry-After".into(), "4".into())],
            0.0,
        );
        assert_eq!(fresh.acquire(1000.0).delay_ms, 3000.0);
        assert_eq!(fresh.blocked_until_ms(4000.0), None);
    }

    #[test]
    fn tickets_bound_the_limit_from_both_sides() {
        let mut limiter = RateLimiter::new(60);
        let a = go(&mut limiter, 0.0);
        let b = go(&mut limiter, 0.0);
        // The server counted b first (remaining 99), then a (98); a is answered first.
        limiter.record(a, 200, &headers(98), 5.0);
        assert_eq!(limiter.limit(), 99, "raised to 98 + 0 + 1, no further");
        limiter.record(b, 200, &headers(99), 6.0);
        assert_eq!(limiter.limit(), 100, "b went first: 99 + 0 + 1");
        let c = go(&mut limiter, 7.0);
        limiter.record(c, 200, &headers(97), 8.0);
        assert_eq!(limiter.limit(), 100, "exact when alone: 97 + 2 + 1");
        // Another client uses the same key: fewer remain than our own requests explain.
        let d = go(&mut limiter, 9.0);
        limiter.record(d, 200, &headers(40), 10.0);
        assert_eq!(limiter.limit(), 44, "dropped to 40 + 3 + 1");
        let e = go(&mut limiter, 11.0);
        limiter.record(e, 429, &[("Retry-After".into(), "3".into())], 12.0);
        assert_eq!(
            limiter.limit(),
            4,
            "a refusal lowers it to the answered count"
        );
        assert_eq!(
            limiter.acquire(12.0).delay_ms,
            5.0 + WINDOW_MS + SLACK_MS - 12.0,
            "all 4 tokens are held: the first comes back after the Retry-After"
        );
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
        let mut next: Option<Ticket> = None;
        let mut scramble = 7u64;
        while sent < 120 || !flying.is_empty() {
            while sent < 120 && flying.len() < 6 {
                let wait = match next {
                    Some(ticket) => limiter.wait_ms(ticket, now).unwrap(),
                    None => {
                        let reservation = limiter.acquire(now);
                        next = Some(reservation.ticket);
                        reservation.delay_ms
                    }
                };
                if wait > 0.0 {
                    break;
                }
                let Some(ticket) = next.take() else { break };
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
                limiter.record(ticket, status, &hs, now);
            } else if let Some(ticket) = next {
                now += limiter.wait_ms(ticket, now).unwrap();
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
            let reservation = limiter.acquire(now);
            now += reservation.delay_ms;
            let mut wait = limiter.wait_ms(reservation.ticket, now).unwrap();
            while wait > 0.0 {
                now += wait;
                wait = limiter.wait_ms(reservation.ticket, now).unwrap();
            }
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
            limiter.record(reservation.ticket, status, &hs, now);
        }
        assert_eq!(refused, 0);
        assert_eq!(limiter.limit(), 5);
    }
}
