//! Counts of the requests the sandbox answered, by method and matched route, for tests.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Mutex;

/// How a request ended, as counted: a status code, or a dropped connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A response with this status was sent.
    Status(u16),
    /// The connection was closed without a response.
    Dropped,
}

#[derive(Default)]
struct Counts {
    total: u64,
    routes: BTreeMap<(String, String), BTreeMap<String, u64>>,
}

/// The request counters.
#[derive(Default)]
pub struct Traffic {
    counts: Mutex<Counts>,
}

impl Traffic {
    /// Counts one request.
    pub fn record(&self, method: &str, route: &str, outcome: Outcome) {
        let key = match outcome {
            Outcome::Status(code) => code.to_string(),
            Outcome::Dropped => "dropped".to_owned(),
        };
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        counts.total += 1;
        *counts
            .routes
            .entry((route.to_owned(), method.to_owned()))
            .or_default()
            .entry(key)
            .or_default() += 1;
    }

    /// `{"total": N, "routes": [{"method", "route", "count", "statuses": {"201": 1}}]}`.
    pub fn snapshot(&self) -> Value {
        let counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        let routes: Vec<Value> = counts
            .routes
            .iter()
            .map(|((route, method), statuses)| {
                json!({
                    "method": method,
                    "route": route,
                    "count": statuses.values().sum::<u64>(),
                    "statuses": statuses,
                })
            })
            .collect();
        json!({ "total": counts.total, "routes": routes })
    }

    /// Zeroes every counter.
    pub fn clear(&self) {
        *self.counts.lock().unwrap_or_else(|p| p.into_inner()) = Counts::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_route_method_and_status() {
        let traffic = Traffic::default();
        traffic.record("POST", "/a/{id}/", Outcome::Status(201));
        traffic.record("POST", "/a/{id}/", Outcome::Status(429));
        traffic.record("POST", "/a/{id}/", Outcome::Status(429));
        traffic.record("GET", "/a/{id}/", Outcome::Dropped);
        let snapshot = traffic.snapshot();
        assert_eq!(snapshot["total"], 4);
        assert_eq!(snapshot["routes"][1]["method"], "POST");
        assert_eq!(snapshot["routes"][1]["count"], 3);
        assert_eq!(snapshot["routes"][1]["statuses"]["429"], 2);
        assert_eq!(snapshot["routes"][0]["statuses"]["dropped"], 1);
        traffic.clear();
        assert_eq!(traffic.snapshot()["total"], 0);
    }
}
