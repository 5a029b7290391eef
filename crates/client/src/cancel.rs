//! Cancellation: one token for any number of requests. Cancelling it ends their waits in the
//! queue, their backoff pauses, and aborts their `fetch` through its `AbortController`.
//!
//! In browsers a token is backed by an `AbortController`: [`CancelToken::signal`] hands its
//! `AbortSignal` to JavaScript, and [`CancelToken::from_signal`] follows a signal that JavaScript
//! owns (for example the panel's, aborted when the user closes it).

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// A cancellation token; clones share one state.
#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Rc<Inner>,
}

#[derive(Default)]
struct Inner {
    cancelled: Cell<bool>,
    wakers: RefCell<Vec<Waker>>,
    #[cfg(target_arch = "wasm32")]
    web: web::WebParts,
}

impl std::fmt::Debug for CancelToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CancelToken")
            .field("cancelled", &self.is_cancelled())
            .finish()
    }
}

impl CancelToken {
    /// A token not cancelled yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels every request that carries this token; later requests with it fail at once.
    pub fn cancel(&self) {
        if self.inner.cancelled.replace(true) {
            return;
        }
        #[cfg(target_arch = "wasm32")]
        self.inner.web.abort();
        let wakers = std::mem::take(&mut *self.inner.wakers.borrow_mut());
        for waker in wakers {
            waker.wake();
        }
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.get()
    }

    /// Resolves once the token is cancelled.
    pub fn cancelled(&self) -> Cancelled {
        Cancelled {
            token: self.clone(),
        }
    }
}

/// The future of [`CancelToken::cancelled`].
#[derive(Debug)]
pub struct Cancelled {
    token: CancelToken,
}

impl Future for Cancelled {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.token.is_cancelled() {
            return Poll::Ready(());
        }
        let mut wakers = self.token.inner.wakers.borrow_mut();
        if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
            wakers.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::{CancelToken, Inner};
    use std::cell::RefCell;
    use std::rc::{Rc, Weak};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{AbortController, AbortSignal};

    /// A signal owned by JavaScript, and the listener that cancels the token when it aborts.
    type Follow = (AbortSignal, Closure<dyn FnMut()>);

    /// The browser side of a token: its `AbortController`, and the signal it follows.
    #[derive(Default)]
    pub(super) struct WebParts {
        controller: RefCell<Option<AbortController>>,
        follows: RefCell<Option<Follow>>,
    }

    impl WebParts {
        fn controller(&self) -> Option<AbortController> {
            let mut slot = self.controller.borrow_mut();
            if slot.is_none() {
                *slot = AbortController::new().ok();
            }
            slot.clone()
        }

        pub(super) fn abort(&self) {
            if let Some(controller) = self.controller() {
                controller.abort();
            }
        }
    }

    impl Drop for WebParts {
        fn drop(&mut self) {
            if let Some((signal, listener)) = self.follows.borrow_mut().take() {
                let _ = signal.remove_event_listener_with_callback(
                    "abort",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    }

    impl CancelToken {
        /// The `AbortSignal` of this token's `AbortController`: aborted when the token is
        /// cancelled, so JavaScript code can follow it.
        pub fn signal(&self) -> AbortSignal {
            match self.inner.web.controller() {
                Some(controller) => controller.signal(),
                None => AbortSignal::abort(),
            }
        }

        /// A token cancelled when `signal` aborts (at once if it already has).
        pub fn from_signal(signal: &AbortSignal) -> Self {
            let token = Self::new();
            if signal.aborted() {
                token.cancel();
                return token;
            }
            let weak: Weak<Inner> = Rc::downgrade(&token.inner);
            let listener = Closure::<dyn FnMut()>::new(move || {
                if let Some(inner) = weak.upgrade() {
                    CancelToken { inner }.cancel();
                }
            });
            let added =
                signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
            if added.is_ok() {
                *token.inner.web.follows.borrow_mut() = Some((signal.clone(), listener));
            }
            token
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    #[test]
    fn cancel_wakes_every_waiter_once() {
        let token = CancelToken::new();
        let mut first = token.cancelled();
        let mut second = token.clone().cancelled();
        assert!((&mut first).now_or_never().is_none());
        assert!((&mut second).now_or_never().is_none());
        token.cancel();
        token.cancel();
        assert!(token.is_cancelled());
        assert!(first.now_or_never().is_some());
        assert!(second.now_or_never().is_some());
        assert!(token.cancelled().now_or_never().is_some());
    }
}
