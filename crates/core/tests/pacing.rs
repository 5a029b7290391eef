//! Many concurrent callers sharing one `RateLimiter`, on a simulated clock against a Django REST
//! framework sliding-window server: nobody is refused, and the whole batch finishes close to the
//! fastest schedule the server allows. Eight minutes of pacing run in milliseconds.

use plane_inline_core::rate_limit::{RateLimiter, Ticket};
use std::collections::VecDeque;

const WINDOW_MS: f64 = 60_000.0;
const LIMIT: usize = 60;
const CALLERS: usize = 500;
/// One-way latency: 5 ms plus up to 20 ms of jitter, so answers overtake each other.
const LATENCY_MS: f64 = 5.0;
const JITTER_MS: f64 = 20.0;

/// Plane's throttle: a request is allowed when fewer than `limit` were counted in the last window.
struct SlidingWindow {
    limit: usize,
    counted: VecDeque<f64>,
    /// Whether allowed answers carry `X-RateLimit-Remaining` (CORS may hide it).
    headers: bool,
}

impl SlidingWindow {
    fn answer(&mut self, now: f64) -> (u16, Vec<(String, String)>) {
        while self.counted.back().is_some_and(|t| *t <= now - WINDOW_MS) {
            self.counted.pop_back();
        }
        if self.counted.len() >= self.limit {
            return (429, vec![("Retry-After".into(), "1".into())]);
        }
        self.counted.push_front(now);
        if !self.headers {
            return (200, Vec::new());
        }
        let remaining = self.limit - self.counted.len();
        (
            200,
            vec![("X-RateLimit-Remaining".into(), remaining.to_string())],
        )
    }
}

/// What happens next to one caller.
enum Step {
    /// It asks the limiter whether its turn has come.
    Wake,
    /// Its request reaches the server.
    Arrive,
    /// The server's answer reaches it.
    Answer(u16, Vec<(String, String)>),
}

/// Events by time; ties in the order they were scheduled.
#[derive(Default)]
struct Agenda {
    events: Vec<(f64, u64, usize, Step)>,
    scheduled: u64,
}

impl Agenda {
    fn at(&mut self, time: f64, caller: usize, step: Step) {
        self.scheduled += 1;
        self.events.push((time, self.scheduled, caller, step));
    }

    fn next(&mut self) -> Option<(f64, usize, Step)> {
        let first = (0..self.events.len()).min_by(|&a, &b| {
            let (ta, sa, ..) = &self.events[a];
            let (tb, sb, ..) = &self.events[b];
            ta.total_cmp(tb).then(sa.cmp(sb))
        })?;
        let (time, _, caller, step) = self.events.swap_remove(first);
        Some((time, caller, step))
    }
}

/// A deterministic latency for each leg of each request.
struct Link(u64);

impl Link {
    fn leg(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_precision_loss)]
        let unit = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        LATENCY_MS + JITTER_MS * unit
    }
}

/// Outcome of one run: answers refused with 429, and when the last answer arrived.
struct Run {
    refused: usize,
    answered: usize,
    finished_at: f64,
}

/// Every caller acquires at time 0 (they fire at once), waits for its turn, sends, and records.
fn run(server_headers: bool) -> Run {
    let mut limiter = RateLimiter::new(60);
    let mut server = SlidingWindow {
        limit: LIMIT,
        counted: VecDeque::new(),
        headers: server_headers,
    };
    let mut link = Link(0x9E37_79B9_7F4A_7C15);
    let mut agenda = Agenda::default();
    let mut tickets: Vec<Ticket> = Vec::with_capacity(CALLERS);
    for caller in 0..CALLERS {
        let reservation = limiter.acquire(0.0);
        tickets.push(reservation.ticket);
        if reservation.delay_ms == 0.0 {
            agenda.at(link.leg(), caller, Step::Arrive);
        } else {
            agenda.at(reservation.delay_ms, caller, Step::Wake);
        }
    }
    let mut outcome = Run {
        refused: 0,
        answered: 0,
        finished_at: 0.0,
    };
    while let Some((now, caller, step)) = agenda.next() {
        match step {
            Step::Wake => match limiter.wait_ms(tickets[caller], now) {
                Ok(0.0) => agenda.at(now + link.leg(), caller, Step::Arrive),
                Ok(wait) => agenda.at(now + wait, caller, Step::Wake),
                Err(unknown) => panic!("{unknown}"),
            },
            Step::Arrive => {
                let (status, headers) = server.answer(now);
                agenda.at(now + link.leg(), caller, Step::Answer(status, headers));
            }
            Step::Answer(status, headers) => {
                limiter.record(tickets[caller], status, &headers, now);
                outcome.answered += 1;
                outcome.refused += usize::from(status == 429);
                outcome.finished_at = outcome.finished_at.max(now);
            }
        }
    }
    outcome
}

/// The earliest the last answer can arrive: requests `i` and `i + LIMIT` must reach the server
/// a window apart, so the last one arrives `(CALLERS - 1) / LIMIT` windows after the first, and
/// each leg takes at least the base latency.
#[allow(clippy::cast_precision_loss)]
fn minimum_ms() -> f64 {
    ((CALLERS - 1) / LIMIT) as f64 * WINDOW_MS + 2.0 * LATENCY_MS
}

#[test]
fn five_hundred_concurrent_callers_are_never_refused_and_finish_near_the_minimum() {
    let outcome = run(true);
    assert_eq!(outcome.answered, CALLERS);
    assert_eq!(outcome.refused, 0);
    assert!(
        outcome.finished_at <= minimum_ms() * 1.02,
        "finished at {} ms, minimum {} ms",
        outcome.finished_at,
        minimum_ms()
    );
}

#[test]
fn the_same_without_rate_limit_headers() {
    // A browser hides X-RateLimit-Remaining unless the server exposes it (CORS): the limiter
    // keeps the 60 a minute it assumes.
    let outcome = run(false);
    assert_eq!(outcome.answered, CALLERS);
    assert_eq!(outcome.refused, 0);
    assert!(
        outcome.finished_at <= minimum_ms() * 1.02,
        "finished at {} ms, minimum {} ms",
        outcome.finished_at,
        minimum_ms()
    );
}
