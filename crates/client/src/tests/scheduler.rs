//! Pacing, queueing, retries, timeouts, cancellation and progress, in simulated time.

use super::{new_client, quick_retries};
use crate::cancel::CancelToken;
use crate::platform::Platform;
use crate::scheduler::{Retry, SchedulerConfig, SendOptions, Stage};
use crate::sim::{Served, Sim, Window, json};
use futures_util::future::join_all;
use plane_inline_core::error::PlaneError;
use plane_inline_core::http::{Method, Request};
use serde_json::json as j;
use std::cell::RefCell;
use std::rc::Rc;

fn post(n: usize) -> Request {
    Request::new(Method::Post, format!("/api/v1/workspaces/demo/x/{n}/")).json(j!({"value": n}))
}

fn get() -> Request {
    Request::new(Method::Get, "/api/v1/users/me/".into())
}

/// A server limited to `limit` a minute that counts 429s.
fn throttled_server(limit: usize, headers: bool) -> (Sim, Rc<RefCell<u32>>) {
    let refusals = Rc::new(RefCell::new(0));
    let counted = refusals.clone();
    let mut window = Window::new(limit, 60_000.0, headers);
    let sim = Sim::new(move |_, now| match window.check(now) {
        Ok(headers) => {
            let mut served = json(201, j!({"ok": true}));
            if let Ok(response) = &mut served.answer {
                response.headers.extend(headers);
            }
            served.after(3.0)
        }
        Err(refused) => {
            *counted.borrow_mut() += 1;
            refused
        }
    });
    (sim, refusals)
}

#[test]
fn learns_the_limit_and_never_provokes_a_429() {
    // The benchmark's scenario: 200 writes, 100 a minute, latency that reorders answers.
    for jitter in [0.0, 5.0, 20.0, 80.0] {
        let (sim, refusals) = throttled_server(100, true);
        sim.jitter_ms.set(jitter);
        let client = new_client(&sim, SchedulerConfig::default());
        let start = sim.now();
        let scheduler = client.scheduler().clone();
        let statuses = sim.run(async move {
            let sends = (0..200).map(|n| scheduler.send(post(n), SendOptions::default()));
            join_all(sends).await
        });
        let elapsed = sim.now() - start;
        assert!(
            statuses
                .iter()
                .all(|r| r.as_ref().is_ok_and(|r| r.response.status == 201))
        );
        assert_eq!(*refusals.borrow(), 0, "no 429 with {jitter} ms of jitter");
        assert_eq!(client.scheduler().stats().sent, 200);
        assert!(
            elapsed >= 60_000.0,
            "the window allows no faster: {elapsed}"
        );
        assert!(
            elapsed <= 66_000.0,
            "within 10 % of the minimum: {elapsed} ({jitter} ms)"
        );
    }
}

#[test]
fn assumes_60_a_minute_when_headers_are_hidden() {
    let (sim, refusals) = throttled_server(100, false);
    let client = new_client(&sim, SchedulerConfig::default());
    let scheduler = client.scheduler().clone();
    let start = sim.now();
    sim.run(async move {
        join_all((0..61).map(|n| scheduler.send(post(n), SendOptions::default()))).await
    });
    let arrivals: Vec<f64> = sim.log.borrow().iter().map(|(at, _)| at - start).collect();
    assert_eq!(*refusals.borrow(), 0);
    assert_eq!(arrivals.len(), 61);
    assert!(arrivals[59] < 1_000.0, "60 go at once");
    assert!(
        arrivals[60] >= 60_000.0,
        "the 61st waits for the window: {}",
        arrivals[60]
    );
}

#[test]
fn waits_for_retry_after_then_succeeds() {
    let mut left = 3;
    let sim = Sim::new(move |_, _| {
        if left > 0 {
            left -= 1;
            let mut served = json(
                429,
                j!({"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}),
            );
            if let Ok(response) = &mut served.answer {
                response.headers.push(("Retry-After".into(), "2".into()));
            }
            served
        } else {
            json(200, j!({"id": "me"}))
        }
    });
    let client = new_client(&sim, quick_retries());
    let scheduler = client.scheduler().clone();
    let reply = sim
        .run(async move { scheduler.send(get(), SendOptions::default()).await })
        .unwrap();
    assert_eq!(reply.response.status, 200);
    assert_eq!(reply.attempts, 4);
    assert!(!reply.uncertain, "a 429 is never applied");
    let times: Vec<f64> = sim.log.borrow().iter().map(|(at, _)| *at).collect();
    for pair in times.windows(2) {
        assert!(
            pair[1] - pair[0] >= 2_000.0,
            "Retry-After honoured: {times:?}"
        );
    }
    assert_eq!(client.scheduler().stats().rate_limited, 3);
}

#[test]
fn retries_server_errors_with_growing_jittered_pauses_then_gives_up() {
    let sim = Sim::new(|_, _| json(503, j!({"error": "down"})));
    let client = new_client(&sim, quick_retries());
    let scheduler = client.scheduler().clone();
    let reply = sim
        .run(async move { scheduler.send(get(), SendOptions::default()).await })
        .unwrap();
    assert_eq!(reply.attempts, 4, "1 + max_retries");
    assert!(reply.uncertain);
    assert_eq!(
        reply.into_success(),
        Err(PlaneError::Server {
            status: 503,
            message: "down".into()
        })
    );
    let times: Vec<f64> = sim.log.borrow().iter().map(|(at, _)| *at).collect();
    let gaps: Vec<f64> = times.windows(2).map(|p| p[1] - p[0]).collect();
    // Pauses of base * 2^n with the upper half random, plus the round trip.
    for (n, gap) in gaps.iter().enumerate() {
        let ceiling = 100.0 * 2f64.powi(n as i32);
        assert!(
            *gap >= ceiling / 2.0 && *gap <= ceiling + 20.0,
            "retry {n}: {gap} ms"
        );
    }
}

#[test]
fn never_retries_what_cannot_succeed() {
    for (status, body) in [
        (400, j!({"value": ["Must be a number (e.g., 123.45)"]})),
        (
            401,
            j!({"detail": "Authentication credentials were not provided."}),
        ),
        (402, j!({"error": "Payment required", "error_code": 1999})),
        (403, j!({"detail": "Given API token is not valid"})),
        (404, j!({"error": "Page not found."})),
        (409, j!({"error": "duplicate", "id": "x"})),
    ] {
        let sim = Sim::new(move |_, _| json(status, body.clone()));
        let client = new_client(&sim, quick_retries());
        let scheduler = client.scheduler().clone();
        let reply = sim
            .run(async move { scheduler.send(get(), SendOptions::default()).await })
            .unwrap();
        assert_eq!((reply.attempts, sim.log.borrow().len()), (1, 1), "{status}");
        let error = reply.into_success().unwrap_err();
        assert_eq!(error.status(), Some(status));
        assert!(!error.is_retryable());
    }
}

#[test]
fn times_out_slow_attempts_and_retries_them() {
    let mut slow = true;
    let sim = Sim::new(move |_, _| {
        let served = json(200, j!({"id": "me"}));
        if std::mem::take(&mut slow) {
            served.after(10_000.0)
        } else {
            served
        }
    });
    let client = new_client(&sim, quick_retries());
    let scheduler = client.scheduler().clone();
    let reply = sim
        .run(async move { scheduler.send(get(), SendOptions::default()).await })
        .unwrap();
    assert_eq!((reply.response.status, reply.attempts), (200, 2));
    assert!(reply.uncertain);
    assert_eq!(client.scheduler().stats().lost, 1);
    let only_once = Sim::new(|_, _| json(200, j!({})).after(10_000.0));
    let client = new_client(&only_once, quick_retries());
    let scheduler = client.scheduler().clone();
    let error = only_once
        .run(async move {
            scheduler
                .send(
                    get(),
                    SendOptions {
                        retry: Retry::Never,
                        ..SendOptions::default()
                    },
                )
                .await
        })
        .unwrap_err();
    assert_eq!(error, PlaneError::Timeout);
}

#[test]
fn lost_connections_are_retried_then_reported() {
    let sim = Sim::new(|_, _| Served::dropped());
    let client = new_client(&sim, quick_retries());
    let scheduler = client.scheduler().clone();
    let error = sim
        .run(async move { scheduler.send(get(), SendOptions::default()).await })
        .unwrap_err();
    assert!(matches!(error, PlaneError::Network { .. }), "{error:?}");
    assert_eq!(sim.log.borrow().len(), 4);
    assert_eq!(client.scheduler().summary().in_flight, 0);
}

#[test]
fn check_first_confirms_a_lost_write_instead_of_repeating_it() {
    // The write is applied, then its answer is lost; the check reads it back.
    let applied = Rc::new(RefCell::new(0));
    let count = applied.clone();
    let sim = Sim::new(move |request, _| match request.method {
        Method::Post => {
            *count.borrow_mut() += 1;
            json(
                500,
                j!({"error": "Something went wrong please try again later"}),
            )
        }
        _ => json(200, j!({"value": 1})),
    });
    let client = new_client(&sim, quick_retries());
    let scheduler = client.scheduler().clone();
    let checker = scheduler.clone();
    let check: crate::scheduler::Check = Rc::new(move || {
        let checker = checker.clone();
        Box::pin(async move {
            let reply = checker.send(get(), SendOptions::default()).await?;
            Ok(Some(reply.response))
        })
    });
    let reply = sim
        .run(async move {
            scheduler
                .send(
                    post(1),
                    SendOptions {
                        retry: Retry::CheckFirst(check),
                        ..SendOptions::default()
                    },
                )
                .await
        })
        .unwrap();
    assert!(reply.confirmed_by_check && reply.uncertain);
    assert_eq!(reply.response.status, 200);
    assert_eq!(*applied.borrow(), 1, "the write went once");
}

#[test]
fn cancel_ends_waits_and_frees_the_queue() {
    let (sim, _) = throttled_server(1, true);
    let client = new_client(&sim, SchedulerConfig::default());
    let scheduler = client.scheduler().clone();
    let token = CancelToken::new();
    let cancelled = token.clone();
    let (first, second, third) = sim.run(async move {
        let options = SendOptions {
            cancel: Some(cancelled.clone()),
            ..SendOptions::default()
        };
        let first = scheduler.send(get(), SendOptions::default()).await;
        // The limit is now known to be 1: the next waits a minute; cancel it after 5 s.
        let waiting = scheduler.send(get(), options);
        let canceller = async {
            scheduler.pause(5_000.0, &CancelToken::new()).await.ok();
            cancelled.cancel();
        };
        let (second, ()) = futures_util::future::join(waiting, canceller).await;
        let third = scheduler.send(get(), SendOptions::default()).await;
        (first, second, third)
    });
    assert!(first.is_ok());
    assert_eq!(second.unwrap_err(), PlaneError::Cancelled);
    assert!(third.is_ok(), "the queue moved on");
    assert!(token.is_cancelled());
    assert_eq!(
        sim.log.borrow().len(),
        2,
        "the cancelled request was never sent"
    );
    let log = sim.log.borrow();
    let gap = log[1].0 - log[0].0;
    assert!(
        (60_000.0..61_000.0).contains(&gap),
        "the third took the cancelled one's place, one window after the first: {gap}"
    );
}

#[test]
fn cancel_aborts_a_request_in_flight() {
    let sim = Sim::new(|_, _| json(200, j!({})).after(5_000.0));
    let client = new_client(&sim, quick_retries());
    let scheduler = client.scheduler().clone();
    let token = CancelToken::new();
    let cancelled = token.clone();
    let result = sim.run(async move {
        let options = SendOptions {
            cancel: Some(cancelled.clone()),
            ..SendOptions::default()
        };
        let canceller = async {
            scheduler.pause(100.0, &CancelToken::new()).await.ok();
            cancelled.cancel();
        };
        futures_util::future::join(scheduler.send(get(), options), canceller)
            .await
            .0
    });
    assert_eq!(result.unwrap_err(), PlaneError::Cancelled);
    assert_eq!(client.scheduler().summary().in_flight, 0);
    assert_eq!(client.scheduler().stats().lost, 1);
}

#[test]
fn reports_queue_rate_limit_waits_flight_and_answers() {
    let (sim, _) = throttled_server(2, true);
    let config = SchedulerConfig {
        max_in_flight: 1,
        ..SchedulerConfig::default()
    };
    let client = new_client(&sim, config);
    let seen: Rc<RefCell<Vec<(u64, Stage, usize)>>> = Rc::default();
    let log = seen.clone();
    let subscription = client.scheduler().subscribe(move |p| {
        log.borrow_mut()
            .push((p.request.0, p.stage.clone(), p.summary.queued));
    });
    let scheduler = client.scheduler().clone();
    let start = sim.now();
    sim.run(async move {
        join_all((0..3).map(|n| scheduler.send(post(n), SendOptions::default()))).await
    });
    let all = seen.borrow().clone();
    let stages_of = |id: u64| -> Vec<Stage> {
        all.iter()
            .filter(|(r, _, _)| *r == id)
            .map(|(_, s, _)| s.clone())
            .collect()
    };
    assert_eq!(
        stages_of(1),
        vec![
            Stage::InFlight { attempt: 1 },
            Stage::Answered { status: 201 }
        ]
    );
    assert_eq!(
        stages_of(2)[0],
        Stage::Queued { ahead: 0 },
        "waits for the connection"
    );
    let third = stages_of(3);
    assert_eq!(third[0], Stage::Queued { ahead: 1 });
    let waited = third.iter().find_map(|s| match s {
        Stage::WaitingForRateLimit { until_ms } => Some(*until_ms),
        _ => None,
    });
    let until = waited.expect("the third waits for the rate limit");
    assert!(until - start >= 60_000.0, "until the first token returns");
    assert_eq!(third.last(), Some(&Stage::Answered { status: 201 }));
    drop(subscription);
    let scheduler = client.scheduler().clone();
    sim.run(async move { scheduler.send(get(), SendOptions::default()).await.ok() });
    assert_eq!(
        seen.borrow().len(),
        all.len(),
        "no reports after unsubscribing"
    );
}

#[test]
fn signs_every_request_and_keeps_the_key_out_of_reports() {
    let sim = Sim::new(|_, _| json(200, j!({})));
    let client = new_client(&sim, quick_retries());
    let reports: Rc<RefCell<Vec<String>>> = Rc::default();
    let log = reports.clone();
    client
        .scheduler()
        .subscribe(move |p| log.borrow_mut().push(format!("{p:?}")))
        .keep();
    let scheduler = client.scheduler().clone();
    sim.run(async move { scheduler.send(get(), SendOptions::default()).await.ok() });
    let (_, sent) = sim.log.borrow()[0].clone();
    assert!(
        sent.headers
            .contains(&("X-API-Key".to_string(), "plane_api_test".to_string()))
    );
    assert_eq!(sent.url, "https://plane.test/api/v1/users/me/");
    let shown = format!("{:?} {:?} {:?}", reports.borrow(), sent, client);
    assert!(!shown.contains("plane_api_test"), "{shown}");
}

#[test]
fn a_gate_holds_each_leaving_attempt_until_its_hold_is_done() {
    // Plane answers the first attempt 503, so the request leaves twice; the gate holds each
    // departure 50 ms, and the request reaches Plane only after the hold.
    let answers = Rc::new(RefCell::new(vec![json(201, j!({})), json(503, j!({}))]));
    let sim = Sim::new({
        let answers = Rc::clone(&answers);
        move |_, _| {
            answers
                .borrow_mut()
                .pop()
                .unwrap_or_else(|| json(500, j!({})))
        }
    });
    let client = new_client(&sim, quick_retries());
    let held: Rc<RefCell<Vec<(f64, Stage)>>> = Rc::default();
    let gate = client.scheduler().before_sending({
        let (held, sim) = (Rc::clone(&held), sim.clone());
        move |progress| {
            held.borrow_mut().push((sim.now(), progress.stage.clone()));
            let sim = sim.clone();
            Some(Box::pin(async move { sim.sleep(50.0).await }))
        }
    });
    let scheduler = client.scheduler().clone();
    let start = sim.now();
    let status = sim.run(async move {
        scheduler
            .send(post(1), SendOptions::default())
            .await
            .map(|reply| reply.response.status)
    });
    assert_eq!(status, Ok(201));
    let departures = held.borrow().clone();
    let stages: Vec<Stage> = departures.iter().map(|(_, stage)| stage.clone()).collect();
    assert_eq!(
        stages,
        [
            Stage::InFlight { attempt: 1 },
            Stage::InFlight { attempt: 2 }
        ]
    );
    let arrivals: Vec<f64> = sim.log.borrow().iter().map(|(at, _)| *at).collect();
    assert_eq!(arrivals.len(), 2);
    for ((left, _), arrived) in departures.iter().zip(&arrivals) {
        // 50 ms held, then 5 ms on the way.
        assert!((arrived - left - 55.0).abs() < 1.0, "{left} {arrived}");
    }
    assert!(arrivals[0] - start >= 55.0);
    drop(gate);
    let scheduler = client.scheduler().clone();
    sim.run(async move { scheduler.send(get(), SendOptions::default()).await.ok() });
    assert_eq!(held.borrow().len(), 2, "no gate after it is dropped");
}
