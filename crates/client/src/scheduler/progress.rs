//! What the scheduler tells the UI: each request's stage (queued, waiting for the rate limit
//! until when, in flight, retry planned, answered, failed) and a summary of the whole queue.

use plane_inline_core::endpoint::Endpoint;
use plane_inline_core::error::PlaneError;
use plane_inline_core::http::Method;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// Identifies one request in progress reports (in the order requests were made).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestId(pub u64);

/// Where one request is.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// Waiting behind `ahead` older requests, or for a free connection when `ahead` is 0.
    Queued {
        /// Older requests still waiting.
        ahead: usize,
    },
    /// First in line, held back by the rate limit until `until_ms` (Unix milliseconds).
    WaitingForRateLimit {
        /// When it may go, as far as is known now.
        until_ms: f64,
    },
    /// On the wire; the first attempt is 1.
    InFlight {
        /// Which attempt.
        attempt: u32,
    },
    /// The attempt failed in a way worth retrying; the next goes no earlier than `at_ms`.
    RetryScheduled {
        /// When the next attempt may start (Unix milliseconds).
        at_ms: f64,
        /// The attempt that failed.
        attempt: u32,
        /// Why it failed.
        error: PlaneError,
    },
    /// Checking whether an attempt whose answer was lost took effect, before sending it again.
    Verifying,
    /// Plane answered with this status (an error status is turned into a [`PlaneError`] by the
    /// operation that asked).
    Answered {
        /// The HTTP status.
        status: u16,
    },
    /// Ended without an answer: cancelled, or a network failure or timeout after every retry.
    Failed {
        /// Why.
        error: PlaneError,
    },
}

/// The state of a scheduler's whole queue at the time of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Requests waiting their turn.
    pub queued: usize,
    /// Requests on the wire.
    pub in_flight: usize,
    /// When the first waiting request may go, if the rate limit holds it back.
    pub rate_limited_until_ms: Option<f64>,
    /// The rate limit currently assumed, per minute (learned from Plane's headers).
    pub limit_per_minute: u32,
}

/// One progress report.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Which request.
    pub request: RequestId,
    /// Its method.
    pub method: Method,
    /// Its path (no host, no query, no key).
    pub path: String,
    /// The endpoint it was built for, when core built it from one.
    pub endpoint: Option<Endpoint>,
    /// Where it is now.
    pub stage: Stage,
    /// The queue as a whole.
    pub summary: Summary,
}

type Listener = Rc<dyn Fn(&Progress)>;

/// The scheduler's subscribers.
#[derive(Default)]
pub(crate) struct Listeners {
    next_id: Cell<u64>,
    list: RefCell<Vec<(u64, Listener)>>,
}

impl Listeners {
    pub(crate) fn add(self: &Rc<Self>, listener: Listener) -> Subscription {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        self.list.borrow_mut().push((id, listener));
        Subscription {
            id,
            listeners: Rc::downgrade(self),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.borrow().is_empty()
    }

    /// Calls every listener; they may subscribe, unsubscribe or send requests meanwhile.
    pub(crate) fn emit(&self, progress: &Progress) {
        let listeners: Vec<Listener> = self.list.borrow().iter().map(|(_, l)| l.clone()).collect();
        for listener in listeners {
            listener(progress);
        }
    }
}

/// A subscription to progress reports; dropping it unsubscribes.
#[must_use = "dropping a Subscription unsubscribes at once; call keep() to listen for good"]
pub struct Subscription {
    id: u64,
    listeners: Weak<Listeners>,
}

impl Subscription {
    /// Keeps listening for as long as the scheduler lives.
    pub fn keep(self) {
        std::mem::forget(self);
    }
}

impl std::fmt::Debug for Subscription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Subscription")
            .field("id", &self.id)
            .finish()
    }
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(listeners) = self.listeners.upgrade() {
            listeners.list.borrow_mut().retain(|(id, _)| *id != self.id);
        }
    }
}
