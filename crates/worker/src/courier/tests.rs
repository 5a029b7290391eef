//! The outbox's delivery on the client's virtual clock, against a scripted Plane that holds one
//! value: the worker stopping at every step, 429 storms, 5xx, dropped answers, two windows
//! editing the same value, and a draft older than the value now in Plane. Minutes of backoff
//! run in milliseconds; every run ends with the value Plane holds and how often it was written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use plane_inline_client::ClientConfig;
use plane_inline_client::core::http::{Method, Response};
use plane_inline_client::core::property::Property;
use plane_inline_client::sim::{Served, Sim, json, quick_retries};
use serde_json::json as j;
use std::cell::Cell;
use std::collections::VecDeque;

const PROJECT: &str = "11111111-1111-4111-8111-111111111111";
const ITEM: &str = "22222222-2222-4222-8222-222222222222";
const SUMMARY: &str = "44444444-4444-4444-8444-444444444444";

/// What the scripted Plane does with the next value write.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Next {
    /// Applies it and answers.
    Apply,
    /// Answers 503 without applying it.
    Unavailable,
    /// Answers 429 (`Retry-After: 1`) without applying it.
    Limited,
    /// Applies it, then drops the connection (the answer is lost).
    ApplyThenDrop,
    /// Takes this many milliseconds to apply it, then answers.
    ApplyAfter(f64),
}

/// Plane's side: the one value, how many writes changed it, and what the next writes do.
#[derive(Default)]
struct Plane {
    value: RefCell<Option<String>>,
    applied: Cell<u32>,
    writes: Cell<u32>,
    /// When each write reached Plane.
    arrivals: RefCell<Vec<f64>>,
    script: RefCell<VecDeque<Next>>,
    /// Writes being applied: when each is done, and its value.
    applying: RefCell<Vec<(f64, String)>>,
}

impl Plane {
    fn apply(&self, text: String) {
        *self.value.borrow_mut() = Some(text);
        self.applied.set(self.applied.get() + 1);
    }

    /// Finishes the writes being applied that are done by `now` (all of them with infinity):
    /// Plane goes on with a write whose sender has gone.
    fn catch_up(&self, now: f64) {
        let done: Vec<String> = {
            let mut applying = self.applying.borrow_mut();
            let (done, later) = applying.drain(..).partition(|(at, _)| *at <= now);
            *applying = later;
            done.into_iter().map(|(_, text)| text).collect()
        };
        for text in done {
            self.apply(text);
        }
    }
}

fn scripted(plane: &Rc<Plane>) -> Sim {
    let plane = Rc::clone(plane);
    Sim::new(move |request, now| {
        plane.catch_up(now);
        let path = request.url.split('?').next().unwrap_or_default();
        // The project's facts: the key's owner is an admin.
        if path.ends_with(&format!("/projects/{PROJECT}/")) {
            return json(
                200,
                j!({"id": PROJECT, "name": "Demo", "identifier": "DEMO", "member_role": 20}),
            );
        }
        if path.ends_with(&format!("/projects/{PROJECT}/work-item-types/")) {
            return json(200, j!([]));
        }
        if !path.ends_with(&format!("/work-item-properties/{SUMMARY}/values/")) {
            return json(404, j!({"error": "Page not found."}));
        }
        let value = |text: &str| {
            json(
                200,
                j!({"id": "v1", "property_id": SUMMARY, "issue_id": ITEM, "value": text}),
            )
        };
        match request.method {
            Method::Get => match plane.value.borrow().as_deref() {
                Some(text) => value(text),
                None => json(
                    404,
                    j!({"error": "Property value not set for this work item"}),
                ),
            },
            Method::Post => {
                plane.writes.set(plane.writes.get() + 1);
                plane.arrivals.borrow_mut().push(now);
                let next = plane.script.borrow_mut().pop_front().unwrap_or(Next::Apply);
                let body: serde_json::Value =
                    serde_json::from_str(request.body.as_deref().unwrap_or("{}")).unwrap();
                let sent = body["value"].as_str().unwrap_or_default().to_owned();
                match next {
                    Next::Apply => {
                        plane.apply(sent.clone());
                        value(&sent)
                    }
                    Next::ApplyThenDrop => {
                        plane.apply(sent);
                        Served::dropped()
                    }
                    Next::ApplyAfter(ms) => {
                        plane.applying.borrow_mut().push((now + ms, sent.clone()));
                        value(&sent).after(ms)
                    }
                    Next::Unavailable => json(503, j!({"error": "unavailable"})),
                    Next::Limited => Served::from(Response {
                        status: 429,
                        headers: vec![("Retry-After".into(), "1".into())],
                        body: r#"{"error_code": 5900}"#.into(),
                    }),
                }
            }
            _ => json(405, j!({})),
        }
    })
}

/// The drafts as last stored (what a new worker reads).
#[derive(Default)]
struct Stored(RefCell<Vec<Pending>>);

impl Keeper for Stored {
    fn keep(&self, drafts: Vec<Pending>) -> LocalBoxFuture<'static, Result<(), Problem>> {
        *self.0.borrow_mut() = drafts;
        Box::pin(async { Ok(()) })
    }
}

/// What the waiting pages heard.
#[derive(Default)]
struct Heard {
    stages: RefCell<Vec<EditStage>>,
    outcomes: RefCell<Vec<(String, Result<SavedValue, Problem>)>>,
}

impl Listener for Heard {
    fn stage(&self, _id: &str, stage: EditStage) {
        self.stages.borrow_mut().push(stage);
    }
    fn outcome(&self, id: &str, result: Result<SavedValue, Problem>) {
        self.outcomes.borrow_mut().push((id.to_owned(), result));
    }
}

fn summary() -> Property {
    serde_json::from_value(j!({
        "id": SUMMARY, "display_name": "Summary", "property_type": "TEXT", "project": PROJECT
    }))
    .unwrap()
}

fn edit(text: &str) -> Edit {
    Edit {
        workspace: "demo".into(),
        project_id: PROJECT.into(),
        work_item_id: ITEM.into(),
        property_id: SUMMARY.into(),
        value: Some(j!(text)),
    }
}

/// A worker's courier on the simulation, starting from `drafts` as stored.
fn courier(sim: &Sim, stored: &Rc<Stored>, heard: &Rc<Heard>, drafts: Vec<Pending>) -> Rc<Courier> {
    let config = ClientConfig::new("https://plane.test", "demo", Some("plane_api_test"))
        .unwrap()
        .with_scheduler(quick_retries());
    let client = PlaneClient::with_platform(config, Rc::new(sim.clone()));
    let clients: Clients = Rc::new(move |_, _| Ok(client.clone()));
    let keeper: Rc<dyn Keeper> = stored.clone();
    let listener: Rc<dyn Listener> = heard.clone();
    Rc::new(Courier::new(
        drafts,
        EditService::new(),
        (keeper, listener),
        clients,
        Rc::new(sim.clone()),
        quick_retries().timeout_ms,
    ))
}

/// Takes an edit of Summary on DEMO-1 through connection `c`.
async fn take(courier: &Courier, edit: Edit) -> Result<Taken, Problem> {
    courier
        .take(edit, "c".into(), summary(), "DEMO-1".into())
        .await
}

/// A scripted Plane's simulation, and a worker's courier on it with nothing stored yet.
fn fresh(plane: &Rc<Plane>) -> (Sim, Rc<Stored>, Rc<Heard>, Rc<Courier>) {
    let sim = scripted(plane);
    let (stored, heard) = (Rc::new(Stored::default()), Rc::new(Heard::default()));
    let first = courier(&sim, &stored, &heard, Vec::new());
    (sim, stored, heard, first)
}

/// Takes `text` and delivers it, the worker stopping after `stop_ms` of virtual time (`None`:
/// never); then a new worker resumes what was stored. Returns Plane's side.
fn edit_with_a_stop(script: &[Next], stop_ms: Option<f64>) -> (Rc<Plane>, Rc<Heard>) {
    let plane = Rc::new(Plane::default());
    plane.script.borrow_mut().extend(script.iter().copied());
    let (sim, stored, heard, first) = fresh(&plane);
    let taken = sim.run({
        let first = Rc::clone(&first);
        async move { take(&first, edit("Shipped")).await }
    });
    let Ok(Taken::Added { id, .. }) = taken else {
        panic!("not taken: {taken:?}");
    };
    let delivery = {
        let (first, id) = (Rc::clone(&first), id.clone());
        async move { first.deliver(&id, false).await }
    };
    match stop_ms {
        None => sim.run(delivery),
        Some(ms) => {
            let stop = sim.clone();
            sim.run(async move {
                // The worker stops: whatever was under way is dropped mid-step.
                let stopped = Box::pin(stop.sleep(ms));
                futures_util::future::select(Box::pin(delivery), stopped).await;
            });
            drop(first);
            let again = stored.0.borrow().clone();
            let second = courier(&sim, &stored, &heard, again);
            sim.run(async move {
                for id in second.ids() {
                    second.deliver(&id, true).await;
                }
            });
        }
    }
    assert!(stored.0.borrow().is_empty(), "a draft is left");
    (plane, heard)
}

#[test]
fn a_draft_is_kept_before_it_is_sent_and_dropped_once_plane_holds_it() {
    let (plane, heard) = edit_with_a_stop(&[], None);
    assert_eq!(plane.value.borrow().as_deref(), Some("Shipped"));
    assert_eq!((plane.writes.get(), plane.applied.get()), (1, 1));
    let outcomes = heard.outcomes.borrow();
    assert_eq!(outcomes.len(), 1);
    assert_eq!(outcomes[0].1.as_ref().unwrap().value, Some(j!("Shipped")));
}

#[test]
fn the_worker_stopping_at_any_moment_applies_the_edit_exactly_once() {
    // 5 ms each way: the write reaches Plane at 5 ms, its answer would arrive at 10 ms.
    for stop in [0.0, 1.0, 4.0, 5.0, 6.0, 9.0, 10.0, 11.0, 15.0, 30.0] {
        for script in [
            &[][..],
            &[Next::ApplyThenDrop][..],
            &[Next::Unavailable][..],
        ] {
            let (plane, _) = edit_with_a_stop(script, Some(stop));
            assert_eq!(
                plane.value.borrow().as_deref(),
                Some("Shipped"),
                "stopped at {stop} ms, {script:?}"
            );
            assert_eq!(plane.applied.get(), 1, "stopped at {stop} ms, {script:?}");
        }
    }
}

#[test]
fn a_write_lost_with_the_worker_after_waiting_out_the_rate_limit_is_not_sent_again() {
    // A 429 holds the write back for a minute, far longer than its 2 s timeout, before it
    // leaves again; Plane then takes 1.5 s to apply it, and the worker stops while it does. The
    // new worker must wait out the attempt that left (not the first one) before reading back.
    let script = [Next::Limited, Next::ApplyAfter(1_500.0)];
    let (plane, _) = edit_with_a_stop(&script, Some(60_500.0));
    plane.catch_up(f64::INFINITY);
    let arrivals = plane.arrivals.borrow().clone();
    let second = arrivals.get(1).map(|at| at - arrivals[0]);
    assert!(
        second.is_some_and(|after| after > 2_000.0 && after < 60_400.0),
        "the second write reached Plane after the first's timeout and before the stop: {arrivals:?}"
    );
    assert_eq!(arrivals.len(), 2, "sent again: {arrivals:?}");
    assert_eq!(plane.applied.get(), 1);
    assert_eq!(plane.value.borrow().as_deref(), Some("Shipped"));
}

#[test]
fn a_429_storm_is_waited_out_and_the_edit_applied_once() {
    let storm = [Next::Limited; 9];
    let (plane, heard) = edit_with_a_stop(&storm, None);
    assert_eq!(plane.applied.get(), 1);
    assert_eq!(plane.writes.get(), 10);
    // The client's own patience ran out once (5 waits); the outbox said when it goes again.
    assert!(
        heard.stages.borrow().iter().any(|s| matches!(
            s,
            EditStage::Retrying {
                problem: Problem::RateLimited { .. },
                ..
            }
        )),
        "{:?}",
        heard.stages.borrow()
    );
}

#[test]
fn server_errors_and_lost_answers_end_in_one_write() {
    for script in [
        vec![Next::Unavailable; 6],
        vec![Next::ApplyThenDrop],
        vec![Next::Unavailable, Next::ApplyThenDrop],
    ] {
        let (plane, heard) = edit_with_a_stop(&script, None);
        assert_eq!(plane.applied.get(), 1, "{script:?}");
        assert_eq!(plane.value.borrow().as_deref(), Some("Shipped"));
        assert!(heard.outcomes.borrow()[0].1.is_ok());
    }
}

#[test]
fn two_windows_editing_the_same_value_end_with_the_later_edit() {
    let plane = Rc::new(Plane::default());
    let (sim, stored, _, courier) = fresh(&plane);
    let taken = sim.run({
        let courier = Rc::clone(&courier);
        async move {
            let first = take(&courier, edit("From one window")).await;
            let again = take(&courier, edit("From one window")).await;
            let second = take(&courier, edit("From another")).await;
            (first, again, second)
        }
    });
    let (Ok(Taken::Added { id: first, .. }), Ok(again), Ok(second)) = taken else {
        panic!("{taken:?}");
    };
    // The same edit again joins; a different one replaces it.
    assert_eq!(again, Taken::Joined(first.clone()));
    let Taken::Added {
        id: later,
        replaced,
    } = second
    else {
        panic!("{second:?}");
    };
    assert_eq!(replaced, vec![first.clone()]);
    sim.run({
        let courier = Rc::clone(&courier);
        async move {
            futures_util::future::join(
                courier.deliver(&first, false),
                courier.deliver(&later, false),
            )
            .await;
        }
    });
    assert_eq!(plane.value.borrow().as_deref(), Some("From another"));
    assert_eq!(plane.applied.get(), 1, "the replaced edit is never sent");
    assert!(stored.0.borrow().is_empty());
}

#[test]
fn a_draft_older_than_the_value_now_in_plane_is_read_back_and_then_sent() {
    // The draft was kept while someone else changed the value; a new worker reads back first,
    // finds another value, and sends the draft: the person's edit is the last one, as in Plane.
    let plane = Rc::new(Plane::default());
    *plane.value.borrow_mut() = Some("Changed elsewhere".into());
    let (sim, stored, heard, first) = fresh(&plane);
    sim.run({
        let first = Rc::clone(&first);
        async move {
            take(&first, edit("Shipped")).await.unwrap();
        }
    });
    let second = courier(&sim, &stored, &heard, stored.0.borrow().clone());
    sim.run(async move {
        for id in second.ids() {
            second.deliver(&id, true).await;
        }
    });
    assert_eq!(plane.value.borrow().as_deref(), Some("Shipped"));
    assert_eq!((plane.writes.get(), plane.applied.get()), (1, 1));
    // The value's requests: one read-back, one write (the new worker also read the project's
    // facts once, to know the key's owner may edit).
    let log: Vec<Method> = sim
        .log
        .borrow()
        .iter()
        .filter(|(_, r)| r.url.contains("/values/"))
        .map(|(_, r)| r.method)
        .collect();
    assert_eq!(log, [Method::Get, Method::Post]);
    assert_eq!(sim.log.borrow().len(), 4);
}

#[test]
fn a_refused_draft_is_kept_for_the_person_with_plane_s_words() {
    let plane = Rc::new(Plane::default());
    let (sim, stored, heard, courier) = fresh(&plane);
    let bad = Edit {
        value: Some(j!(7)),
        ..edit("")
    };
    let id = sim.run({
        let courier = Rc::clone(&courier);
        async move {
            match take(&courier, bad).await {
                Ok(Taken::Added { id, .. }) => id,
                other => panic!("{other:?}"),
            }
        }
    });
    sim.run({
        let (courier, id) = (Rc::clone(&courier), id.clone());
        async move { courier.deliver(&id, false).await }
    });
    assert_eq!(plane.writes.get(), 0);
    let kept = stored.0.borrow();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].draft.attempts, 1);
    assert!(matches!(
        heard.outcomes.borrow()[0].1,
        Err(Problem::Refused { .. })
    ));
}
