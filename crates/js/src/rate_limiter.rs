//! `class RateLimiter`: paces requests under one API key's limit.

use crate::convert::{from_js, headers};
use plane_inline_core::rate_limit::{DEFAULT_PER_MINUTE, RateLimiter as CoreLimiter};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Options {
    #[serde(default)]
    per_minute: Option<u32>,
}

/// Paces requests so that Plane never answers 429: ask `delayMs(Date.now())` before each
/// request and wait that long, then `record(status, headers, Date.now())` with its answer.
/// It learns the real limit from `X-RateLimit-Remaining` and honours `Retry-After`.
#[wasm_bindgen]
pub struct RateLimiter {
    inner: CoreLimiter,
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

    /// Milliseconds to wait before the next request may go (0 means now).
    #[wasm_bindgen(js_name = delayMs)]
    pub fn delay_ms(&self, now_ms: f64) -> f64 {
        self.inner.delay_ms(now_ms)
    }

    /// Records an answer (status and headers as a plain object) received at `nowMs`.
    pub fn record(
        &mut self,
        status: u16,
        #[wasm_bindgen(unchecked_param_type = "HeaderMap")] response_headers: JsValue,
        now_ms: f64,
    ) -> Result<(), JsError> {
        let headers = headers(response_headers)?;
        self.inner.record(status, &headers, now_ms);
        Ok(())
    }

    /// The limit currently assumed, per minute.
    #[wasm_bindgen(getter)]
    pub fn limit(&self) -> u32 {
        self.inner.limit()
    }
}
