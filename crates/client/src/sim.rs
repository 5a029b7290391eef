//! A simulated platform for native tests: a virtual clock that jumps to the next timer whenever
//! every task is waiting, and a scripted Plane reached over a link with latency. Minutes of
//! pacing and backoff run in milliseconds, deterministically.

use crate::platform::{HttpRequest, Platform, TransportError};
use futures_executor::LocalPool;
use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use futures_util::task::LocalSpawnExt;
use plane_inline_core::http::Response;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// What the scripted server does with one request arriving at `now_ms`.
pub type Handler = Box<dyn FnMut(&HttpRequest, f64) -> Served>;

/// The server's answer to one request, and how long it takes to produce it.
pub struct Served {
    /// The answer, or a dropped connection.
    pub answer: Result<Response, TransportError>,
    /// Processing time before the answer leaves, in milliseconds.
    pub delay_ms: f64,
}

impl From<Response> for Served {
    fn from(response: Response) -> Self {
        Self {
            answer: Ok(response),
            delay_ms: 0.0,
        }
    }
}

impl Served {
    /// The connection is closed without an answer.
    pub fn dropped() -> Self {
        Self {
            answer: Err(TransportError::Network("connection closed".into())),
            delay_ms: 0.0,
        }
    }

    /// The same answer, `ms` later.
    pub fn after(mut self, ms: f64) -> Self {
        self.delay_ms = ms;
        self
    }
}

#[derive(Default)]
struct Clock {
    now: Cell<f64>,
    next_timer: Cell<u64>,
    timers: RefCell<Vec<(f64, u64, Option<Waker>)>>,
}

/// The simulated platform; clones share clock and server.
#[derive(Clone)]
pub struct Sim {
    clock: Rc<Clock>,
    handler: Rc<RefCell<Handler>>,
    seed: Rc<Cell<u64>>,
    /// One-way latency of the link, in milliseconds.
    pub latency_ms: Rc<Cell<f64>>,
    /// Up to this much more latency, drawn at random each way (reorders concurrent requests).
    pub jitter_ms: Rc<Cell<f64>>,
    /// Every request that reached the server, with its arrival time.
    pub log: Rc<RefCell<Vec<(f64, HttpRequest)>>>,
}

impl Sim {
    /// A simulation starting at a fixed epoch, 5 ms of latency each way.
    pub fn new(handler: impl FnMut(&HttpRequest, f64) -> Served + 'static) -> Self {
        let clock = Clock::default();
        clock.now.set(1_800_000_000_000.0);
        Self {
            clock: Rc::new(clock),
            handler: Rc::new(RefCell::new(Box::new(handler))),
            seed: Rc::new(Cell::new(0x9E37_79B9_7F4A_7C15)),
            latency_ms: Rc::new(Cell::new(5.0)),
            jitter_ms: Rc::new(Cell::new(0.0)),
            log: Rc::default(),
        }
    }

    /// The simulated time, Unix milliseconds.
    pub fn now(&self) -> f64 {
        self.clock.now.get()
    }

    /// Runs `future` to completion, advancing the clock whenever nothing else can happen.
    pub fn run<T: 'static>(&self, future: impl Future<Output = T> + 'static) -> T {
        let mut pool = LocalPool::new();
        let out: Rc<RefCell<Option<T>>> = Rc::default();
        let slot = out.clone();
        pool.spawner()
            .spawn_local(async move {
                let value = future.await;
                *slot.borrow_mut() = Some(value);
            })
            .unwrap_or_else(|_| panic!("the simulation could not start its task"));
        loop {
            pool.run_until_stalled();
            if let Some(value) = out.borrow_mut().take() {
                return value;
            }
            let next = self
                .clock
                .timers
                .borrow()
                .iter()
                .map(|(at, _, _)| *at)
                .min_by(f64::total_cmp);
            let Some(at) = next else {
                panic!("the simulation stalled: every task waits and no timer is set");
            };
            self.clock.now.set(self.clock.now.get().max(at));
            let now = self.clock.now.get();
            let due: Vec<Waker> = self
                .clock
                .timers
                .borrow_mut()
                .iter_mut()
                .filter(|(at, _, _)| *at <= now)
                .filter_map(|(_, _, waker)| waker.take())
                .collect();
            for waker in due {
                waker.wake();
            }
        }
    }

    fn timer(&self, ms: f64) -> Timer {
        let id = self.clock.next_timer.get();
        self.clock.next_timer.set(id + 1);
        let at = self.clock.now.get() + if ms.is_finite() { ms.max(0.0) } else { 0.0 };
        self.clock.timers.borrow_mut().push((at, id, None));
        Timer {
            clock: self.clock.clone(),
            at,
            id,
        }
    }
}

struct Timer {
    clock: Rc<Clock>,
    at: f64,
    id: u64,
}

impl Future for Timer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.clock.now.get() >= self.at {
            return Poll::Ready(());
        }
        let mut timers = self.clock.timers.borrow_mut();
        if let Some(entry) = timers.iter_mut().find(|(_, id, _)| *id == self.id) {
            entry.2 = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        self.clock
            .timers
            .borrow_mut()
            .retain(|(_, id, _)| *id != self.id);
    }
}

impl Platform for Sim {
    fn now_ms(&self) -> f64 {
        self.now()
    }

    fn random(&self) -> f64 {
        // xorshift64*: deterministic jitter.
        let mut x = self.seed.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.seed.set(x);
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'static, ()> {
        self.timer(ms).boxed_local()
    }

    fn fetch(
        &self,
        request: HttpRequest,
    ) -> LocalBoxFuture<'static, Result<Response, TransportError>> {
        let sim = self.clone();
        async move {
            let way = |sim: &Sim| sim.latency_ms.get() + sim.jitter_ms.get() * sim.random();
            sim.timer(way(&sim)).await;
            let now = sim.now();
            sim.log.borrow_mut().push((now, request.clone()));
            let served = (sim.handler.borrow_mut())(&request, now);
            sim.timer(served.delay_ms + way(&sim)).await;
            served.answer
        }
        .boxed_local()
    }
}

/// Small backoff and timeout, so retries are visible but quick on the virtual clock.
pub fn quick_retries() -> crate::SchedulerConfig {
    crate::SchedulerConfig {
        retry: crate::RetryPolicy {
            base_ms: 100.0,
            cap_ms: 1_000.0,
            max_retries: 3,
            max_rate_limited: 5,
        },
        timeout_ms: 2_000.0,
        ..crate::SchedulerConfig::default()
    }
}

/// A JSON answer with a status.
pub fn json(status: u16, body: serde_json::Value) -> Served {
    Response {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.to_string(),
    }
    .into()
}

/// A sliding-window throttle as Django REST framework keeps it (and Plane, and the sandbox).
pub struct Window {
    /// Requests allowed per window.
    pub limit: usize,
    /// The window, in milliseconds.
    pub window_ms: f64,
    history: std::collections::VecDeque<f64>,
    /// Whether allowed answers carry `X-RateLimit-Remaining` (CORS may hide it).
    pub headers: bool,
}

impl Window {
    /// `limit` requests per `window_ms`.
    pub fn new(limit: usize, window_ms: f64, headers: bool) -> Self {
        Self {
            limit,
            window_ms,
            history: std::collections::VecDeque::new(),
            headers,
        }
    }

    /// Counts a request at `now`: `Ok(headers)` when allowed, `Err(429 answer)` when refused.
    pub fn check(&mut self, now: f64) -> Result<Vec<(String, String)>, Served> {
        while self
            .history
            .back()
            .is_some_and(|t| *t <= now - self.window_ms)
        {
            self.history.pop_back();
        }
        if self.history.len() >= self.limit {
            let oldest = self.history.back().copied().unwrap_or(now);
            let wait = ((self.window_ms - (now - oldest)) / 1000.0).ceil().max(1.0);
            let mut refused = json(
                429,
                serde_json::json!({"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}),
            );
            if let Ok(response) = &mut refused.answer {
                response
                    .headers
                    .push(("Retry-After".into(), wait.to_string()));
            }
            return Err(refused);
        }
        self.history.push_front(now);
        if !self.headers {
            return Ok(Vec::new());
        }
        let remaining = self.limit - self.history.len();
        Ok(vec![
            ("X-RateLimit-Remaining".into(), remaining.to_string()),
            (
                "X-RateLimit-Reset".into(),
                ((now + self.window_ms) / 1000.0).floor().to_string(),
            ),
        ])
    }
}
