//! Fuzzes error-body normalisation and rate-limit header reading for any status.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plane_inline_core::error::PlaneError;
use plane_inline_core::rate_limit::{RateLimitInfo, RateLimiter};

fuzz_target!(|data: &[u8]| {
    let Some((&status, rest)) = data.split_first() else { return };
    let status = 400 + u16::from(status) % 200;
    let body = String::from_utf8_lossy(rest);
    let (header, body) = body.split_once('\n').unwrap_or(("", &body));
    let error = PlaneError::from_parts(status, Some(header), body);
    let _ = error.to_string();
    assert_eq!(error.status(), Some(status));
    let headers = vec![("Retry-After".to_string(), header.to_string()), ("X-RateLimit-Remaining".to_string(), header.to_string())];
    let info = RateLimitInfo::from_response(status, &headers, body);
    let mut limiter = RateLimiter::new(60);
    limiter.record_info(&info, 0.0);
    assert!(limiter.delay_ms(0.0) >= 0.0);
});
