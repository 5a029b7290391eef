//! One scheduler per API key: every request of a client goes through it.
//!
//! Requests wait in one queue, oldest first. The first in line takes a ticket from core's
//! [`RateLimiter`] once a connection is free, and goes when the limiter says its turn has come;
//! the limiter learns the key's limit from `X-RateLimit-Remaining`, honours `Retry-After`, and
//! assumes 60 a minute when a browser hides those headers (CORS). Each attempt has a timeout and
//! can be cancelled. Whether and when a failed attempt is sent again is core's decision
//! ([`RetryPolicy::decide`]); the scheduler carries it out. Writes whose answer was lost can ask
//! to be checked before they are sent again ([`Retry::CheckFirst`]), so they take effect exactly
//! once. Every step is reported to subscribers ([`Scheduler::subscribe`]).

mod changes;
mod config;
mod progress;
mod queue;

pub use config::SchedulerConfig;
pub use plane_inline_core::retry::RetryPolicy;
pub use progress::{Hold, Progress, RequestId, Stage, Subscription, Summary};

use crate::api_base::ApiBase;
use crate::cancel::CancelToken;
use crate::platform::{HttpRequest, Platform, TransportError};
use changes::Changes;
use futures_util::future::{Either, LocalBoxFuture, select};
use plane_inline_core::endpoint::Endpoint;
use plane_inline_core::error::PlaneError;
use plane_inline_core::http::{ApiKey, Method, Request, Response};
use plane_inline_core::rate_limit::{RateLimiter, Ticket};
use plane_inline_core::retry::{Decision, Ending, Spent};
use progress::{Gates, Listeners};
use queue::{Place, Wire};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

/// Asks whether a write whose answer was lost took effect: `Some(answer)` when it did (that
/// answer then stands for the write's), `None` to send the write again.
pub type Check = Rc<dyn Fn() -> LocalBoxFuture<'static, Result<Option<Response>, PlaneError>>>;

/// Which failures a request is sent again after.
#[derive(Clone, Default)]
pub enum Retry {
    /// After a 429 (once the server allows), a 5xx, a timeout or a lost connection.
    #[default]
    Transient,
    /// Never: the first answer or failure is final.
    Never,
    /// Like [`Retry::Transient`], but after a failure that may have taken effect (a 5xx, a
    /// timeout, a lost connection) run the check first and send again only if it says so.
    CheckFirst(Check),
}

impl std::fmt::Debug for Retry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Transient => "Transient",
            Self::Never => "Never",
            Self::CheckFirst(_) => "CheckFirst",
        })
    }
}

/// Options of one request.
#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    /// Cancels the request wherever it is (queued, waiting, in flight, pausing).
    pub cancel: Option<CancelToken>,
    /// Overrides the scheduler's per-attempt timeout, in milliseconds.
    pub timeout_ms: Option<f64>,
    /// Which failures it is retried after.
    pub retry: Retry,
}

/// Plane's final answer to a request, with how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The answer (any status: turn errors into [`PlaneError`] with [`Reply::into_success`]).
    pub response: Response,
    /// Attempts sent.
    pub attempts: u32,
    /// An earlier attempt failed in a way that may have taken effect (5xx, timeout, lost
    /// connection), so this answer may be to a repeat.
    pub uncertain: bool,
    /// The answer is the [`Retry::CheckFirst`] check's: an earlier attempt had taken effect.
    pub confirmed_by_check: bool,
}

impl Reply {
    /// The response when it is a success, otherwise Plane's error.
    pub fn into_success(self) -> Result<Response, PlaneError> {
        if self.response.is_success() {
            Ok(self.response)
        } else {
            Err(PlaneError::from_response(&self.response))
        }
    }
}

/// Counts since the scheduler was made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Attempts sent.
    pub sent: u64,
    /// Attempts answered (any status).
    pub answered: u64,
    /// Answers that were 429.
    pub rate_limited: u64,
    /// Attempts that got no answer (network failure, timeout, cancel).
    pub lost: u64,
}

/// Paces, queues and retries the requests of one API key; clones share the queue.
#[derive(Clone)]
pub struct Scheduler {
    inner: Rc<Inner>,
}

struct Inner {
    platform: Rc<dyn Platform>,
    base: ApiBase,
    key: Option<ApiKey>,
    config: SchedulerConfig,
    state: RefCell<State>,
    changes: Changes,
    listeners: Rc<Listeners>,
    gates: Rc<Gates>,
}

struct State {
    limiter: RateLimiter,
    /// The ticket of the first in line while it waits for the rate limit, with its request id.
    reserved: Option<(u64, Ticket)>,
    /// Waiting requests by id, oldest first.
    queue: BTreeSet<u64>,
    in_flight: usize,
    next_id: u64,
    rate_limited_until: Option<f64>,
    stats: Stats,
}

/// What the first in line may do now.
enum Turn {
    Go(Ticket),
    Behind(usize),
    NoConnection,
    RateLimited(f64),
}

/// How one attempt ended.
enum Attempt {
    Answer(Response),
    Lost(PlaneError),
    /// Not sent on, and not worth sending again (a redirect the key must not follow).
    Refused(PlaneError),
    Cancelled,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("base", &self.inner.base)
            .field("key", &self.inner.key)
            .field("summary", &self.summary())
            .finish()
    }
}

impl Scheduler {
    /// A scheduler for the key `key` (none when a proxy adds it) at `base`.
    pub fn new(
        platform: Rc<dyn Platform>,
        base: ApiBase,
        key: Option<ApiKey>,
        config: SchedulerConfig,
    ) -> Self {
        let state = State {
            limiter: RateLimiter::new(config.assumed_per_minute),
            reserved: None,
            queue: BTreeSet::new(),
            in_flight: 0,
            next_id: 1,
            rate_limited_until: None,
            stats: Stats::default(),
        };
        Self {
            inner: Rc::new(Inner {
                platform,
                base,
                key,
                config,
                state: RefCell::new(state),
                changes: Changes::default(),
                listeners: Rc::default(),
                gates: Rc::default(),
            }),
        }
    }

    /// The API base requests go to.
    pub fn base_url(&self) -> &ApiBase {
        &self.inner.base
    }

    /// The configuration.
    pub fn config(&self) -> &SchedulerConfig {
        &self.inner.config
    }

    /// The platform it runs on.
    pub fn platform(&self) -> &Rc<dyn Platform> {
        &self.inner.platform
    }

    /// Calls `listener` with every progress report until the subscription is dropped.
    pub fn subscribe(&self, listener: impl Fn(&Progress) + 'static) -> Subscription {
        self.inner.listeners.add(Rc::new(listener))
    }

    /// Calls `gate` with each request that has its turn and is about to leave; a request the
    /// gate answers with a [`Hold`] waits for it first (keeping its turn). The outbox stores
    /// there that a write is leaving, so that a worker stopped meanwhile knows when the write
    /// may still land. Dropping the subscription removes the gate.
    pub fn before_sending(
        &self,
        gate: impl Fn(&Progress) -> Option<Hold> + 'static,
    ) -> Subscription {
        self.inner.gates.add(Rc::new(gate))
    }

    /// The queue as a whole, now.
    pub fn summary(&self) -> Summary {
        let state = self.inner.state.borrow();
        Summary {
            queued: state.queue.len(),
            in_flight: state.in_flight,
            rate_limited_until_ms: state.rate_limited_until,
            limit_per_minute: state.limiter.limit(),
        }
    }

    /// Counts since the scheduler was made.
    pub fn stats(&self) -> Stats {
        self.inner.state.borrow().stats
    }

    /// Sends `request` (signed with the key) when its turn comes, retrying as `options` say.
    /// `Err` only when no answer came: cancelled, or a network failure or timeout after every
    /// retry (or the [`Retry::CheckFirst`] check's own error).
    pub async fn send(&self, request: Request, options: SendOptions) -> Result<Reply, PlaneError> {
        let request = request.with_api_key(self.inner.key.as_ref());
        let label = Label {
            id: self.new_id(),
            method: request.method,
            path: request.path.clone(),
            endpoint: request.endpoint.clone(),
        };
        let http = HttpRequest {
            method: request.method,
            url: self.inner.base.url(&request),
            headers: request.headers.clone(),
            body: request.body.as_ref().map(ToString::to_string),
        };
        let cancel = options.cancel.clone().unwrap_or_default();
        let timeout_ms = options.timeout_ms.unwrap_or(self.inner.config.timeout_ms);
        let policy = &self.inner.config.retry;
        let mut attempts = 0u32;
        let mut spent = Spent::default();
        let mut uncertain = false;
        let reply = |response: Response, attempts: u32, uncertain: bool| Reply {
            response,
            attempts,
            uncertain,
            confirmed_by_check: false,
        };
        loop {
            let wire = match self.wait_for_turn(&label, &cancel).await {
                Ok(wire) => wire,
                Err(error) => return Err(self.failed(&label, error)),
            };
            attempts += 1;
            if !self.inner.gates.is_empty() {
                let leaving = self.progress(&label, Stage::InFlight { attempt: attempts });
                self.inner.gates.pass(&leaving).await;
            }
            self.emit(&label, Stage::InFlight { attempt: attempts });
            let attempt = self.attempt(http.clone(), timeout_ms, &cancel).await;
            // The answer, or why none came.
            let (ending, outcome) = match attempt {
                Attempt::Answer(response) => {
                    wire.answered(&response);
                    (Ending::of(&response), Ok(response))
                }
                Attempt::Lost(error) => {
                    wire.lost();
                    (Ending::Lost, Err(error))
                }
                Attempt::Refused(error) => {
                    wire.lost();
                    return Err(self.failed(&label, error));
                }
                Attempt::Cancelled => {
                    wire.lost();
                    return Err(self.failed(&label, PlaneError::Cancelled));
                }
            };
            let decision = match options.retry {
                Retry::Never => Decision::Stop,
                _ => policy.decide(ending, spent, self.inner.platform.random()),
            };
            let (error, backoff) = match (decision, outcome) {
                (Decision::Stop, Ok(response)) => {
                    self.emit(
                        &label,
                        Stage::Answered {
                            status: response.status,
                        },
                    );
                    return Ok(reply(response, attempts, uncertain));
                }
                (Decision::Stop, Err(error)) => return Err(self.failed(&label, error)),
                (Decision::WhenRateLimitAllows, outcome) => {
                    spent.rate_limited += 1;
                    let now = self.now();
                    // The limiter now holds every request until the server allows.
                    let at_ms = self.blocked_until(now).unwrap_or(now);
                    let error = failure(outcome);
                    self.emit(
                        &label,
                        Stage::RetryScheduled {
                            at_ms,
                            attempt: attempts,
                            error,
                        },
                    );
                    continue;
                }
                (Decision::Backoff { delay_ms }, outcome) => {
                    spent.failures += 1;
                    (failure(outcome), delay_ms)
                }
            };
            // A 5xx, a timeout or a lost connection: the attempt may have taken effect.
            uncertain = true;
            self.emit(
                &label,
                Stage::RetryScheduled {
                    at_ms: self.now() + backoff,
                    attempt: attempts,
                    error,
                },
            );
            if let Err(error) = self.pause(backoff, &cancel).await {
                return Err(self.failed(&label, error));
            }
            if let Retry::CheckFirst(check) = &options.retry {
                self.emit(&label, Stage::Verifying);
                match check().await {
                    Ok(Some(response)) => {
                        self.emit(
                            &label,
                            Stage::Answered {
                                status: response.status,
                            },
                        );
                        return Ok(Reply {
                            response,
                            attempts,
                            uncertain,
                            confirmed_by_check: true,
                        });
                    }
                    Ok(None) => {}
                    Err(error) => return Err(self.failed(&label, error)),
                }
            }
        }
    }

    /// Waits `ms`, or fails with [`PlaneError::Cancelled`] when `cancel` fires first.
    pub async fn pause(&self, ms: f64, cancel: &CancelToken) -> Result<(), PlaneError> {
        if cancel.is_cancelled() {
            return Err(PlaneError::Cancelled);
        }
        match select(self.inner.platform.sleep(ms), cancel.cancelled()).await {
            Either::Left(_) => Ok(()),
            Either::Right(_) => Err(PlaneError::Cancelled),
        }
    }

    fn now(&self) -> f64 {
        self.inner.platform.now_ms()
    }

    fn blocked_until(&self, now: f64) -> Option<f64> {
        self.inner.state.borrow().limiter.blocked_until_ms(now)
    }

    fn new_id(&self) -> RequestId {
        let mut state = self.inner.state.borrow_mut();
        let id = state.next_id;
        state.next_id += 1;
        RequestId(id)
    }

    /// Joins the queue and waits until this request may go; it is then on the wire.
    async fn wait_for_turn(
        &self,
        label: &Label,
        cancel: &CancelToken,
    ) -> Result<Wire<'_>, PlaneError> {
        let place = Place::join(self, label.id.0);
        let mut reported: Option<Stage> = None;
        loop {
            if cancel.is_cancelled() {
                return Err(PlaneError::Cancelled);
            }
            let now = self.now();
            let turn = self.turn(label.id.0, now);
            let changed = self.inner.changes.next();
            let stage = match turn {
                Turn::Go(ticket) => {
                    place.leave_for_the_wire();
                    return Ok(Wire {
                        scheduler: self,
                        ticket,
                        open: true,
                    });
                }
                Turn::Behind(ahead) => Stage::Queued { ahead },
                Turn::NoConnection => Stage::Queued { ahead: 0 },
                Turn::RateLimited(until_ms) => Stage::WaitingForRateLimit { until_ms },
            };
            let worth_reporting = match (&reported, &stage) {
                (None, _) => true,
                (
                    Some(Stage::WaitingForRateLimit { until_ms: a }),
                    Stage::WaitingForRateLimit { until_ms: b },
                ) => (a - b).abs() >= 1.0,
                (Some(Stage::Queued { .. }), Stage::Queued { .. }) => false,
                (Some(_), _) => true,
            };
            if worth_reporting {
                self.emit(label, stage.clone());
                reported = Some(stage.clone());
            }
            let woken = select(changed, cancel.cancelled());
            if let Stage::WaitingForRateLimit { until_ms } = stage {
                select(self.inner.platform.sleep(until_ms - now), woken).await;
            } else {
                woken.await;
            }
        }
    }

    /// Decides for the request `id`, and puts it on the wire when it may go.
    fn turn(&self, id: u64, now: f64) -> Turn {
        let mut state = self.inner.state.borrow_mut();
        if state.queue.first() != Some(&id) {
            let ahead = state.queue.range(..id).count();
            return Turn::Behind(ahead);
        }
        if state.in_flight >= self.inner.config.max_in_flight.max(1) {
            return Turn::NoConnection;
        }
        let waited = match state.reserved {
            Some((holder, ticket)) if holder == id => state
                .limiter
                .wait_ms(ticket, now)
                .ok()
                .map(|delay| (ticket, delay)),
            _ => None,
        };
        let (ticket, delay) = waited.unwrap_or_else(|| {
            let reservation = state.limiter.acquire(now);
            (reservation.ticket, reservation.delay_ms)
        });
        if delay > 0.0 {
            state.reserved = Some((id, ticket));
            state.rate_limited_until = Some(now + delay);
            return Turn::RateLimited(now + delay);
        }
        state.reserved = None;
        state.queue.remove(&id);
        state.rate_limited_until = None;
        state.in_flight += 1;
        state.stats.sent += 1;
        Turn::Go(ticket)
    }

    /// Sends one attempt; it ends with an answer, a lost request (network, timeout) or a cancel.
    async fn attempt(&self, http: HttpRequest, timeout_ms: f64, cancel: &CancelToken) -> Attempt {
        let fetch = self.inner.platform.fetch(http);
        let limit = self.inner.platform.sleep(timeout_ms);
        match select(fetch, select(limit, cancel.cancelled())).await {
            Either::Left((Ok(response), _)) => Attempt::Answer(response),
            Either::Left((Err(TransportError::Network(message)), _)) => {
                Attempt::Lost(PlaneError::Network { message })
            }
            Either::Left((Err(TransportError::Redirected), _)) => {
                Attempt::Refused(PlaneError::InvalidResponse {
                    message: REDIRECTED.to_owned(),
                })
            }
            Either::Right((Either::Left(_), _)) => Attempt::Lost(PlaneError::Timeout),
            Either::Right((Either::Right(_), _)) => Attempt::Cancelled,
        }
    }

    fn failed(&self, label: &Label, error: PlaneError) -> PlaneError {
        self.emit(
            label,
            Stage::Failed {
                error: error.clone(),
            },
        );
        error
    }

    fn emit(&self, label: &Label, stage: Stage) {
        if self.inner.listeners.is_empty() {
            return;
        }
        let progress = self.progress(label, stage);
        self.inner.listeners.emit(&progress);
    }

    fn progress(&self, label: &Label, stage: Stage) -> Progress {
        Progress {
            request: label.id,
            method: label.method,
            path: label.path.clone(),
            endpoint: label.endpoint.clone(),
            stage,
            summary: self.summary(),
        }
    }
}

/// The error an attempt that is retried ended with: Plane's answer, or why none came.
fn failure(outcome: Result<Response, PlaneError>) -> PlaneError {
    outcome.map_or_else(
        |error| error,
        |response| PlaneError::from_response(&response),
    )
}

/// Why a redirect is not followed, as the error says it.
pub const REDIRECTED: &str = "the API address answered with a redirect, which is not followed with the API key: use the address it redirects to";

/// What progress reports say about a request.
struct Label {
    id: RequestId,
    method: Method,
    path: String,
    endpoint: Option<Endpoint>,
}
