//! The browser platform: `gloo-net`'s fetch, `gloo-timers`' timeouts, `Date.now()` and
//! `Math.random()`. Both gloo crates call the global `fetch` and `setTimeout`, never `window`, so
//! the same code runs in a Chrome service worker, an extension page and a web page.

use crate::platform::{HttpRequest, Platform, TransportError};
use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use gloo_net::http::{Headers, Method as HttpMethod, RequestBuilder};
use gloo_timers::future::TimeoutFuture;
use plane_inline_core::http::{Method, Response};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use web_sys::{AbortController, RequestCache, RequestCredentials, RequestRedirect, ResponseType};

/// The platform of every browser context: windows, extension pages, dedicated and service workers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Browser;

impl Platform for Browser {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'static, ()> {
        // Dropping the future clears the timer.
        TimeoutFuture::new(whole_ms(ms)).boxed_local()
    }

    fn fetch(
        &self,
        request: HttpRequest,
    ) -> LocalBoxFuture<'static, Result<Response, TransportError>> {
        match Fetch::start(request) {
            Ok(fetch) => fetch.boxed_local(),
            Err(error) => futures_util::future::ready(Err(error)).boxed_local(),
        }
    }
}

/// A timeout in whole milliseconds, rounded up (never early), clamped to what `setTimeout` takes.
fn whole_ms(ms: f64) -> u32 {
    /// Browsers fire longer timeouts at once (the delay is a signed 32-bit number).
    const LONGEST: f64 = 2_147_483_647.0;
    if ms.is_nan() {
        return 0;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = ms.ceil().clamp(0.0, LONGEST) as u32;
    whole
}

/// One fetch with its `AbortController`; dropping it before the body is read aborts it.
struct Fetch {
    controller: AbortController,
    answer: LocalBoxFuture<'static, Result<Response, TransportError>>,
    done: bool,
}

impl Fetch {
    fn start(request: HttpRequest) -> Result<Self, TransportError> {
        let controller = AbortController::new().map_err(|e| network(&e))?;
        // Headers are set on the raw object: gloo's setter throws on a value the browser refuses.
        let headers = web_sys::Headers::new().map_err(|e| network(&e))?;
        for (name, value) in &request.headers {
            headers.set(name, value).map_err(|e| network(&e))?;
        }
        let builder = RequestBuilder::new(&request.url)
            .method(method(request.method))
            .headers(Headers::from_raw(headers))
            // The key is the only credential: no cookies, and never a cached answer.
            .credentials(RequestCredentials::Omit)
            .cache(RequestCache::NoStore)
            // A redirect is never followed: the key would go with the request to wherever it
            // points. It comes back as an opaque answer, reported as `Redirected`.
            .redirect(RequestRedirect::Manual)
            .abort_signal(Some(&controller.signal()));
        let built = match &request.body {
            Some(body) => builder.body(body.as_str()),
            None => builder.build(),
        };
        let request = built.map_err(|e| TransportError::Network(e.to_string()))?;
        let answer = async move {
            let response = request
                .send()
                .await
                .map_err(|e| TransportError::Network(e.to_string()))?;
            if response.type_() == ResponseType::Opaqueredirect {
                return Err(TransportError::Redirected);
            }
            let status = response.status();
            // Only the headers this context may read (CORS hides unexposed ones).
            let headers = response.headers().entries().collect();
            let body = response
                .text()
                .await
                .map_err(|e| TransportError::Network(e.to_string()))?;
            Ok(Response {
                status,
                headers,
                body,
            })
        };
        Ok(Self {
            controller,
            answer: answer.boxed_local(),
            done: false,
        })
    }
}

impl Future for Fetch {
    type Output = Result<Response, TransportError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let polled = self.answer.as_mut().poll(cx);
        if polled.is_ready() {
            self.done = true;
        }
        polled
    }
}

impl Drop for Fetch {
    fn drop(&mut self) {
        if !self.done {
            self.controller.abort();
        }
    }
}

fn method(method: Method) -> HttpMethod {
    match method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Patch => HttpMethod::PATCH,
        Method::Delete => HttpMethod::DELETE,
    }
}

/// A JS exception as a transport error, e.g. `TypeError: Invalid value`.
fn network(error: &wasm_bindgen::JsValue) -> TransportError {
    use wasm_bindgen::JsCast;
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", String::from(e.name()), String::from(e.message())))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned());
    TransportError::Network(text)
}
