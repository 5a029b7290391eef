//! A bulk set of 40 rows under 60 requests a minute, as a table makes it: the table of SHIP has
//! just read its first page (the project, its types and definitions, one page of 50 rows and
//! the 50 rows' values), and the person sets Summary on 40 Task rows at once. Plane Inline's
//! edit service (one client, whose scheduler paces from the rate-limit headers) against the
//! naive way (the same reads, then a plain loop of 40 POSTs, no pacing, no retry). Each is
//! judged against the least time the sandbox's window allows after its own reads
//! ([`least_end_ms`]).

use crate::error::BenchError;
use crate::sandbox::{Sandbox, WORKSPACE, counts_of};
use crate::shape::listed;
use futures_util::future::{LocalBoxFuture, join_all};
use plane_inline_client::core::http::Response;
use plane_inline_client::{ClientConfig, HttpRequest, PlaneClient, Platform, TransportError};
use plane_inline_edit::EditService;
use plane_inline_messages::{Edit, RowsRequest, TableTarget};
use plane_inline_native::Native;
use serde::Serialize;
use serde_json::{Value as Json, json};
use std::cell::RefCell;
use std::rc::Rc;

/// The rate in force during the bulk (the sandbox's `PUT /_sandbox/rate-limit`).
pub const RATE: &str = "60/minute";
/// Requests the sandbox's window lets through ([`RATE`]).
pub const LIMIT: usize = 60;
/// The window, in milliseconds: DRF's sliding window of one minute.
pub const WINDOW_MS: f64 = 60_000.0;
/// Values the bulk sets.
pub const WRITES: usize = 40;
/// Rows of the first page the table reads.
pub const PAGE_SIZE: u32 = 50;
/// The project of the table.
pub const PROJECT: &str = "SHIP";
/// The property the bulk sets (TEXT, on the Task type).
pub const PROPERTY: &str = "Summary";
/// The rate put back to read the values after the bulk without being throttled.
const GENEROUS: &str = "100000/minute";

/// One system's bulk, as measured.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BulkRun {
    /// Requests the reads before the bulk took (the table's first page), counted by the sandbox.
    pub reads: u64,
    /// The same by route: `{"GET /route/": n}`.
    pub read_routes: Json,
    /// From the first read sent to the last one answered, in milliseconds.
    pub reads_ms: f64,
    /// Requests the bulk sent, counted by the sandbox.
    pub requests: u64,
    /// Of which answered 429.
    pub throttled: u64,
    /// Values read back afterwards as set.
    pub saved: usize,
    /// Values not saved (`writes - saved`).
    pub lost: usize,
    /// From the bulk's start to its last answer, in milliseconds.
    pub elapsed_ms: f64,
    /// The least time the window allows after these reads ([`least_end_ms`]), in milliseconds.
    pub minimum_ms: f64,
    /// `elapsed_ms` over `minimum_ms`, as a percentage above it.
    pub over_minimum_percent: f64,
}

/// When the last of `writes` requests may go at the earliest, under a sliding window of `limit`
/// requests per `window_ms` (the sandbox's, as Django REST framework keeps it: the n-th request
/// of a window may go only once the (n − limit)-th is `window_ms` old), given the times the
/// window already counted (`counted`: for reads, when each was answered, an upper bound of when
/// it was counted) and the bulk's `start`. Every write goes at its earliest moment, in order.
pub fn least_end_ms(
    counted: &[f64],
    start: f64,
    writes: usize,
    limit: usize,
    window_ms: f64,
) -> f64 {
    let mut times = counted.to_vec();
    times.sort_by(f64::total_cmp);
    let mut last = start;
    for _ in 0..writes {
        let earliest = times
            .len()
            .checked_sub(limit)
            .map_or(start, |oldest| times[oldest] + window_ms);
        last = earliest.max(last);
        times.push(last);
    }
    last
}

/// Milliseconds since the Unix epoch, the clock both systems are timed with.
fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// One exchange the client had with the sandbox.
#[derive(Debug, Clone, Copy)]
struct Exchange {
    sent_ms: f64,
    answered_ms: f64,
    status: Option<u16>,
}

/// [`Native`] that notes when each request left and when its answer came.
struct Timed {
    native: Native,
    log: Rc<RefCell<Vec<Exchange>>>,
}

impl Platform for Timed {
    fn now_ms(&self) -> f64 {
        self.native.now_ms()
    }

    fn random(&self) -> f64 {
        self.native.random()
    }

    fn sleep(&self, ms: f64) -> LocalBoxFuture<'static, ()> {
        self.native.sleep(ms)
    }

    fn fetch(
        &self,
        request: HttpRequest,
    ) -> LocalBoxFuture<'static, Result<Response, TransportError>> {
        let log = self.log.clone();
        let answer = self.native.fetch(request);
        Box::pin(async move {
            let sent_ms = now_ms();
            let answer = answer.await;
            log.borrow_mut().push(Exchange {
                sent_ms,
                answered_ms: now_ms(),
                status: answer.as_ref().ok().map(|r| r.status),
            });
            answer
        })
    }
}

/// The project's id, the Task type's rows to set and the property, found by either system.
struct Targets {
    project_id: String,
    property_id: String,
    work_item_ids: Vec<String>,
}

/// A fresh window: the demo seed (SHIP's values as seeded, the history empty), then [`RATE`],
/// then zeroed counters.
async fn prepare(sandbox: &Sandbox) -> Result<(), BenchError> {
    sandbox.reset().await?;
    sandbox.set_rate_limit(RATE).await?;
    sandbox.zero_counts().await
}

/// Ends a run: its times and counts, and the values read back (with a generous limit, after
/// the counters are read).
#[allow(clippy::too_many_arguments)]
async fn finish(
    sandbox: &Sandbox,
    targets: &Targets,
    value: &str,
    reads: (&Json, f64),
    counted: &[f64],
    start: f64,
    end: f64,
) -> Result<BulkRun, BenchError> {
    let bulk = sandbox.counts().await?;
    sandbox.set_rate_limit(GENEROUS).await?;
    let mut saved = 0;
    for id in &targets.work_item_ids {
        let all = sandbox
            .get(&format!(
                "/api/v1/workspaces/{WORKSPACE}/projects/{}/work-items/{id}/work-item-properties/values/",
                targets.project_id
            ))
            .await?;
        let set = listed(&all).iter().any(|entry| {
            entry["property_id"] == json!(targets.property_id) && entry["values"] == json!([value])
        });
        saved += usize::from(set);
    }
    let minimum = least_end_ms(counted, start, WRITES, LIMIT, WINDOW_MS) - start;
    let elapsed = end - start;
    Ok(BulkRun {
        reads: counts_of(reads.0).requests,
        read_routes: by_route(reads.0)["routes"].clone(),
        reads_ms: reads.1,
        requests: bulk.requests,
        throttled: bulk.throttled,
        saved,
        lost: WRITES - saved.min(WRITES),
        elapsed_ms: elapsed,
        minimum_ms: minimum,
        over_minimum_percent: if minimum > 0.0 {
            (elapsed / minimum - 1.0) * 100.0
        } else {
            0.0
        },
    })
}

/// The first [`WRITES`] rows of `rows` (a page's JSON rows or items) whose type is `type_id`.
fn chosen(rows: impl Iterator<Item = (String, Option<String>)>, type_id: &str) -> Vec<String> {
    rows.filter(|(_, t)| t.as_deref() == Some(type_id))
        .map(|(id, _)| id)
        .take(WRITES)
        .collect()
}

/// Plane Inline: the edit service's table, first page and 50 rows' values, then 40 writes
/// started at once, through one client whose scheduler paces them.
pub async fn plane_inline(sandbox: &Sandbox) -> Result<BulkRun, BenchError> {
    prepare(sandbox).await?;
    let log = Rc::new(RefCell::new(Vec::new()));
    let config = ClientConfig::new(&sandbox.base, WORKSPACE, Some(sandbox.key()))
        .map_err(|e| BenchError::Usage(e.to_string()))?;
    let platform = Timed {
        native: Native::new(sandbox.http()),
        log: log.clone(),
    };
    let client = PlaneClient::with_platform(config, Rc::new(platform));
    let service = EditService::new();
    let target = TableTarget {
        workspace: WORKSPACE.into(),
        project: PROJECT.into(),
    };
    let model = service.table(&client, &target, None).await?;
    let task = model
        .types
        .iter()
        .find(|t| t.is_default)
        .ok_or_else(|| BenchError::Missing(format!("default type in {PROJECT}")))?;
    let property_id = task
        .properties
        .iter()
        .find(|p| p.display_name == PROPERTY)
        .map(|p| p.id.clone())
        .ok_or_else(|| BenchError::Missing(format!("{PROPERTY} on {}", task.name)))?;
    let project_id = model.project.id.clone();
    let page = service
        .rows(
            &client,
            &RowsRequest {
                workspace: WORKSPACE.into(),
                project_id: project_id.clone(),
                per_page: PAGE_SIZE,
                cursor: None,
            },
        )
        .await?;
    let values = page
        .rows
        .iter()
        .map(|row| service.row_values(&client, &project_id, &row.id));
    for read in join_all(values).await {
        read?;
    }
    let reads = sandbox.requests().await?;
    sandbox.zero_counts().await?;
    let (counted, reads_ms) = {
        let log = log.borrow();
        let counted: Vec<f64> = log
            .iter()
            .filter(|e| e.status.is_some_and(|s| s != 429))
            .map(|e| e.answered_ms)
            .collect();
        let first = log.iter().map(|e| e.sent_ms).fold(f64::INFINITY, f64::min);
        let last = counted.iter().copied().fold(first, f64::max);
        (counted, last - first)
    };
    let targets = Targets {
        work_item_ids: chosen(
            page.rows.iter().map(|r| (r.id.clone(), r.type_id.clone())),
            &task.id,
        ),
        project_id,
        property_id,
    };
    if targets.work_item_ids.len() < WRITES {
        return Err(BenchError::Missing(format!(
            "{WRITES} {} rows on {PROJECT}'s first page",
            task.name
        )));
    }
    let value = "Set by Plane Inline";
    let start = now_ms();
    let writes = targets.work_item_ids.iter().map(|id| {
        let edit = Edit {
            workspace: WORKSPACE.into(),
            project_id: targets.project_id.clone(),
            work_item_id: id.clone(),
            property_id: targets.property_id.clone(),
            value: Some(json!(value)),
        };
        let service = service.clone();
        let client = client.clone();
        async move { service.write(&client, &edit, Rc::new(|_| {})).await }
    });
    // A write that fails is counted as lost when the values are read back.
    let _outcomes = join_all(writes).await;
    let end = now_ms();
    finish(
        sandbox,
        &targets,
        value,
        (&reads, reads_ms),
        &counted,
        start,
        end,
    )
    .await
}

/// A `GET` whose answer time is noted in `counted`.
async fn timed_get(
    sandbox: &Sandbox,
    path: &str,
    counted: &mut Vec<f64>,
) -> Result<Json, BenchError> {
    let json = sandbox.get(path).await?;
    counted.push(now_ms());
    Ok(json)
}

/// The naive way: the same reads one after another (the projects list to find SHIP, its types,
/// the Task type's properties, a page of 50 work items, each one's values), then a plain loop
/// of 40 POSTs as Plane's SDK README shows, neither paced nor retried.
pub async fn naive(sandbox: &Sandbox) -> Result<BulkRun, BenchError> {
    prepare(sandbox).await?;
    let base = format!("/api/v1/workspaces/{WORKSPACE}");
    let mut counted = Vec::new();
    let first = now_ms();
    let projects = timed_get(sandbox, &format!("{base}/projects/"), &mut counted).await?;
    let project_id = listed(&projects)
        .iter()
        .find(|p| p["identifier"] == PROJECT)
        .and_then(|p| p["id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| BenchError::Missing(format!("project {PROJECT}")))?;
    let project = format!("{base}/projects/{project_id}");
    let types = timed_get(
        sandbox,
        &format!("{project}/work-item-types/"),
        &mut counted,
    )
    .await?;
    let type_id = listed(&types)
        .iter()
        .find(|t| t["is_default"] == true)
        .and_then(|t| t["id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| BenchError::Missing(format!("default type in {PROJECT}")))?;
    let properties = timed_get(
        sandbox,
        &format!("{project}/work-item-types/{type_id}/work-item-properties/"),
        &mut counted,
    )
    .await?;
    let property_id = listed(&properties)
        .iter()
        .find(|p| p["display_name"] == PROPERTY)
        .and_then(|p| p["id"].as_str())
        .map(str::to_owned)
        .ok_or_else(|| BenchError::Missing(format!("{PROPERTY} in {PROJECT}")))?;
    let page = timed_get(
        sandbox,
        &format!("{project}/work-items/?per_page={PAGE_SIZE}"),
        &mut counted,
    )
    .await?;
    let items = listed(&page);
    for item in &items {
        let id = item["id"].as_str().unwrap_or_default();
        timed_get(
            sandbox,
            &format!("{project}/work-items/{id}/work-item-properties/values/"),
            &mut counted,
        )
        .await?;
    }
    let reads_ms = counted.last().copied().unwrap_or(first) - first;
    let reads = sandbox.requests().await?;
    sandbox.zero_counts().await?;
    let targets = Targets {
        work_item_ids: chosen(
            items.iter().map(|i| {
                (
                    i["id"].as_str().unwrap_or_default().to_owned(),
                    i["type_id"].as_str().map(str::to_owned),
                )
            }),
            &type_id,
        ),
        project_id,
        property_id,
    };
    if targets.work_item_ids.len() < WRITES {
        return Err(BenchError::Missing(format!(
            "{WRITES} rows of the default type on {PROJECT}'s first page"
        )));
    }
    let value = "Set by a plain loop";
    let start = now_ms();
    for id in &targets.work_item_ids {
        // No pacing, no retry: a 429 is a value lost.
        sandbox
            .post_any(
                &format!(
                    "{project}/work-items/{id}/work-item-properties/{}/values/",
                    targets.property_id
                ),
                json!({ "value": value }),
            )
            .await?;
    }
    let end = now_ms();
    finish(
        sandbox,
        &targets,
        value,
        (&reads, reads_ms),
        &counted,
        start,
        end,
    )
    .await
}

/// Both systems, one after the other, each from a fresh window.
pub async fn both(sandbox: &Sandbox) -> Result<Json, BenchError> {
    let plane_inline = plane_inline(sandbox).await?;
    let naive = naive(sandbox).await?;
    // Leave the sandbox as the other measures expect it.
    sandbox.reset().await?;
    let counts = |run: &BulkRun| serde_json::to_value(run).unwrap_or(Json::Null);
    Ok(json!({
        "project": PROJECT,
        "property": PROPERTY,
        "limit_per_minute": LIMIT,
        "writes": WRITES,
        "plane_inline": counts(&plane_inline),
        "naive": counts(&naive),
    }))
}

/// Reads `GET /_sandbox/requests`'s answer into `{total, by route}` (`"GET /route": n`).
pub fn by_route(json: &Json) -> Json {
    let mut routes = serde_json::Map::new();
    for route in json["routes"].as_array().into_iter().flatten() {
        let key = format!(
            "{} {}",
            route["method"].as_str().unwrap_or_default(),
            route["route"].as_str().unwrap_or_default()
        );
        routes.insert(key, route["count"].clone());
    }
    json!({ "total": counts_of(json).requests, "routes": routes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_within_the_window_go_at_once() {
        // 10 reads counted, 40 writes, a limit of 60: all 50 fit in the window.
        let reads: Vec<f64> = (0..10).map(f64::from).collect();
        assert_eq!(least_end_ms(&reads, 100.0, 40, 60, 60_000.0), 100.0);
    }

    #[test]
    fn the_nth_request_waits_for_the_n_minus_limit_th_to_be_a_window_old() {
        // 52 reads answered at 0, 10, ..., 510 ms; the bulk starts at 600 ms. Writes 1..=8 are
        // requests 53..=60 and go at once; write 40 is request 92 and waits for request 32
        // (answered at 310 ms) to be a minute old.
        let reads: Vec<f64> = (0..52).map(|n| f64::from(n) * 10.0).collect();
        assert_eq!(least_end_ms(&reads, 600.0, 40, 60, 60_000.0), 60_310.0);
        assert_eq!(least_end_ms(&reads, 600.0, 8, 60, 60_000.0), 600.0);
        assert_eq!(least_end_ms(&reads, 600.0, 9, 60, 60_000.0), 60_000.0);
        // Answers are sorted first: only the times matter, not the order they were noted in.
        let mut shuffled = reads.clone();
        shuffled.reverse();
        assert_eq!(least_end_ms(&shuffled, 600.0, 40, 60, 60_000.0), 60_310.0);
    }

    #[test]
    fn writes_wrap_around_onto_earlier_writes() {
        // Limit 2, no reads: writes go at 0, 0, then each pair a window later.
        assert_eq!(least_end_ms(&[], 0.0, 5, 2, 1_000.0), 2_000.0);
    }

    #[test]
    fn routes_are_named_by_method_and_path() {
        let answer = json!({"total": 3, "routes": [
            {"method": "GET", "route": "/a/", "count": 2, "statuses": {"200": 2}},
            {"method": "POST", "route": "/b/", "count": 1, "statuses": {"201": 1}}
        ]});
        assert_eq!(
            by_route(&answer),
            json!({"total": 3, "routes": {"GET /a/": 2, "POST /b/": 1}})
        );
    }
}
