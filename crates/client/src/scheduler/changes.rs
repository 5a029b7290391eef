//! A wake-up call for requests waiting their turn: whenever the queue, the connections in use or
//! the rate limit change, every waiter looks again.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// Something waiters may care about changed; cheap to clone.
#[derive(Clone, Default)]
pub(crate) struct Changes {
    inner: Rc<Inner>,
}

#[derive(Default)]
struct Inner {
    generation: Cell<u64>,
    wakers: RefCell<Vec<Waker>>,
}

impl Changes {
    /// Wakes everyone waiting for the next change.
    pub(crate) fn notify(&self) {
        let inner = &self.inner;
        inner.generation.set(inner.generation.get().wrapping_add(1));
        let wakers = std::mem::take(&mut *inner.wakers.borrow_mut());
        for waker in wakers {
            waker.wake();
        }
    }

    /// Resolves at the first change after this call.
    pub(crate) fn next(&self) -> NextChange {
        NextChange {
            changes: self.clone(),
            seen: self.inner.generation.get(),
        }
    }
}

/// The future of [`Changes::next`].
pub(crate) struct NextChange {
    changes: Changes,
    seen: u64,
}

impl Future for NextChange {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let inner = &self.changes.inner;
        if inner.generation.get() != self.seen {
            return Poll::Ready(());
        }
        let mut wakers = inner.wakers.borrow_mut();
        if !wakers.iter().any(|w| w.will_wake(cx.waker())) {
            wakers.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    #[test]
    fn resolves_only_after_a_later_change() {
        let changes = Changes::default();
        changes.notify();
        let mut next = changes.next();
        assert!((&mut next).now_or_never().is_none());
        changes.notify();
        assert!(next.now_or_never().is_some());
    }
}
