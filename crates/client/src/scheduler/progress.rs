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

/// What a gate may hold a leaving request back for (it goes once the future is done).
pub type Hold = futures_util::future::LocalBoxFuture<'static, ()>;

/// The scheduler's subscribers, each under the id its [`Subscription`] removes.
pub(crate) struct Registry<T: ?Sized> {
    next_id: Cell<u64>,
    list: RefCell<Vec<(u64, Rc<T>)>>,
}

impl<T: ?Sized> Default for Registry<T> {
    fn default() -> Self {
        Self {
            next_id: Cell::new(0),
            list: RefCell::new(Vec::new()),
        }
    }
}

/// What a [`Subscription`] needs of its registry, whatever it holds.
trait Unsubscribe {
    fn remove(&self, id: u64);
}

impl<T: ?Sized> Unsubscribe for Registry<T> {
    fn remove(&self, id: u64) {
        self.list.borrow_mut().retain(|(each, _)| *each != id);
    }
}

impl<T: ?Sized + 'static> Registry<T> {
    pub(crate) fn add(self: &Rc<Self>, item: Rc<T>) -> Subscription {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        self.list.borrow_mut().push((id, item));
        let weak: Weak<Self> = Rc::downgrade(self);
        Subscription { id, registry: weak }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.borrow().is_empty()
    }

    /// The subscribers now (they may subscribe, unsubscribe or send requests while called).
    fn all(&self) -> Vec<Rc<T>> {
        self.list
            .borrow()
            .iter()
            .map(|(_, l)| Rc::clone(l))
            .collect()
    }
}

/// The progress listeners.
pub(crate) type Listeners = Registry<dyn Fn(&Progress)>;

impl Listeners {
    /// Calls every listener.
    pub(crate) fn emit(&self, progress: &Progress) {
        for listener in self.all() {
            listener(progress);
        }
    }
}

/// The gates a leaving request passes.
pub(crate) type Gates = Registry<dyn Fn(&Progress) -> Option<Hold>>;

impl Gates {
    /// Tells every gate that the request of `progress` is about to leave, and waits for each
    /// hold in turn.
    pub(crate) async fn pass(&self, progress: &Progress) {
        for gate in self.all() {
            if let Some(hold) = gate(progress) {
                hold.await;
            }
        }
    }
}

/// A subscription to progress reports or a gate; dropping it unsubscribes.
#[must_use = "dropping a Subscription unsubscribes at once; call keep() to listen for good"]
pub struct Subscription {
    id: u64,
    registry: Weak<dyn Unsubscribe>,
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
        if let Some(registry) = self.registry.upgrade() {
            registry.remove(self.id);
        }
    }
}
