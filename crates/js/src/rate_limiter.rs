//! `class RateLimiter`: paces requests under one API key's limit, with a reserved place in line
//! for each request so that concurrent callers never overshoot it.

use crate::convert::{from_js, headers, to_js};
use plane_inline_core::rate_limit::{DEFAULT_PER_MINUTE, RateLimiter as CoreLimiter, Ticket};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Options {
    #[serde(default)]
    per_minute: Option<u32>,
}

/// What `acquire` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Reservation {
    ticket: f64,
    delay_ms: f64,
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Paces requests so that Plane never answers 429, however many are sent at once. Each request
/// takes a place with `acquire(Date.now())`, which returns `{ ticket, delayMs }`; while the delay
/// is above 0 it waits that long and asks `waitMs(ticket, Date.now())` again (0 means: send now).
/// Its answer goes to `record(ticket, status, headers, Date.now())`, or `abandon(ticket,
/// Date.now())` when none came (or the request is dropped). It learns the real limit from
/// `X-RateLimit-Remaining` and honours `Retry-After`.
#[wasm_bindgen]
pub struct RateLimiter {
    inner: CoreLimiter,
}

/// A ticket from JavaScript: a positive whole number.
fn parse_ticket(number: f64) -> Result<Ticket, JsError> {
    if number.fract() == 0.0 && (1.0..=MAX_SAFE_INTEGER).contains(&number) {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(Ticket::from_id(number as u64))
    } else {
        Err(JsError::new(&format!(
            "{number} is not a ticket: use the number acquire() returned"
        )))
    }
}

#[wasm_bindgen]
impl RateLimiter {
    /// `new RateLimiter({ perMinute })`; 60 a minute when omitted.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "RateLimiterOptions | undefined")] options: JsValue,
    ) -> Result<RateLimiter, JsError> {
        let per_minute = if options.is_undefined() || options.is_null() {
            DEFAULT_PER_MINUTE
        } else {
            let options: Options = from_js(options, "options must be { perMinute }")?;
            options.per_minute.unwrap_or(DEFAULT_PER_MINUTE)
        };
        if per_minute == 0 {
            return Err(JsError::new("perMinute must be at least 1"));
        }
        Ok(Self {
            inner: CoreLimiter::new(per_minute),
        })
    }

    /// Takes the next place in line at `nowMs`: `{ ticket, delayMs }`. A `delayMs` of 0 means the
    /// request is counted as sent and goes now; otherwise wait, then ask `waitMs`.
    #[wasm_bindgen(unchecked_return_type = "Reservation")]
    pub fn acquire(&mut self, now_ms: f64) -> Result<JsValue, JsError> {
        let reservation = self.inner.acquire(now_ms);
        #[allow(clippy::cast_precision_loss)]
        to_js(&Reservation {
            ticket: reservation.ticket.id() as f64,
            delay_ms: reservation.delay_ms,
        })
    }

    /// Milliseconds `ticket` still waits at `nowMs`; 0 means it is counted as sent and goes now.
    /// Throws for a ticket that was recorded, abandoned or never given out.
    #[wasm_bindgen(js_name = waitMs)]
    pub fn wait_ms(&mut self, ticket: f64, now_ms: f64) -> Result<f64, JsError> {
        self.inner
            .wait_ms(parse_ticket(ticket)?, now_ms)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Records the answer to `ticket`'s request (status and headers as a plain object),
    /// received at `nowMs`.
    pub fn record(
        &mut self,
        ticket: f64,
        status: u16,
        #[wasm_bindgen(unchecked_param_type = "HeaderMap")] response_headers: JsValue,
        now_ms: f64,
    ) -> Result<(), JsError> {
        let ticket = parse_ticket(ticket)?;
        let headers = headers(response_headers)?;
        self.inner.record(ticket, status, &headers, now_ms);
        Ok(())
    }

    /// Gives up `ticket` at `nowMs`: its request got no answer (network error, timeout, abort)
    /// or will not be sent after all.
    pub fn abandon(&mut self, ticket: f64, now_ms: f64) -> Result<(), JsError> {
        self.inner.abandon(parse_ticket(ticket)?, now_ms);
        Ok(())
    }

    /// The limit currently assumed, per minute.
    #[wasm_bindgen(getter)]
    pub fn limit(&self) -> u32 {
        self.inner.limit()
    }

    /// Requests sent and not yet answered.
    #[wasm_bindgen(getter, js_name = inFlight)]
    pub fn in_flight(&self) -> u32 {
        self.inner.in_flight()
    }

    /// Tickets waiting for their turn.
    #[wasm_bindgen(getter)]
    pub fn waiting(&self) -> u32 {
        u32::try_from(self.inner.waiting()).unwrap_or(u32::MAX)
    }
}
