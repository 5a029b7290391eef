//! The browser platform: the global `fetch`, `setTimeout`/`clearTimeout`, `Date.now()` and
//! `Math.random()`, looked up on `globalThis`. No `window` is needed, so the same code runs in a
//! Chrome service worker, an extension page and a web page.

use crate::platform::{HttpRequest, Platform, TransportError};
use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use js_sys::{Function, Promise};
use plane_inline_core::http::Response;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCache, RequestCredentials, RequestInit};

#[wasm_bindgen]
extern "C" {
    /// The global `fetch(input, init)`, present in windows and workers alike.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(input: &str, init: &RequestInit) -> Promise;

    /// The global `setTimeout(handler, ms)`; returns the timer's id.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: f64) -> JsValue;

    /// The global `clearTimeout(id)`.
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

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
        Sleep::new(ms).boxed_local()
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

/// A `setTimeout` as a future; dropping it clears the timer.
struct Sleep {
    promise: JsFuture,
    timer: JsValue,
    done: bool,
}

impl Sleep {
    fn new(ms: f64) -> Self {
        let mut timer = JsValue::UNDEFINED;
        let ms = if ms.is_finite() { ms.max(0.0) } else { 0.0 };
        let promise = Promise::new(&mut |resolve, _reject| {
            timer = set_timeout(&resolve, ms);
        });
        Self {
            promise: JsFuture::from(promise),
            timer,
            done: false,
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match Pin::new(&mut self.promise).poll(cx) {
            Poll::Ready(_) => {
                self.done = true;
                Poll::Ready(())
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if !self.done {
            clear_timeout(&self.timer);
        }
    }
}

/// One `fetch` with its `AbortController`; dropping it before the body is read aborts it.
struct Fetch {
    controller: AbortController,
    answer: LocalBoxFuture<'static, Result<Response, TransportError>>,
    done: bool,
}

impl Fetch {
    fn start(request: HttpRequest) -> Result<Self, TransportError> {
        let controller = AbortController::new().map_err(|e| network(&e))?;
        let headers = Headers::new().map_err(|e| network(&e))?;
        for (name, value) in &request.headers {
            headers.set(name, value).map_err(|e| network(&e))?;
        }
        let init = RequestInit::new();
        init.set_method(request.method.as_str());
        init.set_headers(&headers);
        // The key is the only credential: no cookies, and never a cached answer.
        init.set_credentials(RequestCredentials::Omit);
        init.set_cache(RequestCache::NoStore);
        init.set_signal(Some(&controller.signal()));
        if let Some(body) = &request.body {
            init.set_body(&JsValue::from_str(body));
        }
        let promise = global_fetch(&request.url, &init);
        Ok(Self {
            controller,
            answer: read_answer(promise).boxed_local(),
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

async fn read_answer(promise: Promise) -> Result<Response, TransportError> {
    let answer = JsFuture::from(promise).await.map_err(|e| network(&e))?;
    let answer: web_sys::Response = answer
        .dyn_into()
        .map_err(|_| TransportError::Network("fetch did not return a Response".into()))?;
    let status = answer.status();
    let headers = read_headers(&answer.headers());
    let text = answer.text().map_err(|e| network(&e))?;
    let body = JsFuture::from(text).await.map_err(|e| network(&e))?;
    Ok(Response {
        status,
        headers,
        body: body.as_string().unwrap_or_default(),
    })
}

/// The headers the browser lets this context read (CORS hides unexposed ones).
fn read_headers(headers: &Headers) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(headers) {
        for entry in entries.flatten() {
            let pair = js_sys::Array::from(&entry);
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                out.push((name, value));
            }
        }
    }
    out
}

/// A JS exception as a transport error, e.g. `TypeError: Failed to fetch`.
fn network(error: &JsValue) -> TransportError {
    let text = error
        .dyn_ref::<js_sys::Error>()
        .map(|e| format!("{}: {}", String::from(e.name()), String::from(e.message())))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the request failed".to_owned());
    TransportError::Network(text)
}
