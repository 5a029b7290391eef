//! The sandbox as the benchmarks use it: its API with the key, and its test controls (reset,
//! request counters).

use crate::error::BenchError;
use serde_json::{Value as Json, json};

/// A running sandbox started with `--test-controls`.
#[derive(Clone)]
pub struct Sandbox {
    http: reqwest::Client,
    /// Its base URL, e.g. `http://127.0.0.1:40123`.
    pub base: String,
    key: String,
}

/// What the sandbox's counters saw since they were last zeroed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Requests answered by the API (test controls are not counted).
    pub requests: u64,
    /// Of which answered 429.
    pub throttled: u64,
}

/// The workspace every seed serves.
pub const WORKSPACE: &str = "demo";

impl Sandbox {
    /// The sandbox at `base`, called with `key`.
    pub fn new(base: &str, key: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: base.trim_end_matches('/').to_owned(),
            key: key.to_owned(),
        }
    }

    /// A reqwest client shared with the runs, so connections are reused.
    pub fn http(&self) -> reqwest::Client {
        self.http.clone()
    }

    /// The API key.
    pub fn key(&self) -> &str {
        &self.key
    }

    async fn send(
        &self,
        method: &'static str,
        path: &str,
        body: Option<Json>,
        keyed: bool,
    ) -> Result<(u16, Json), BenchError> {
        let url = format!("{}{path}", self.base);
        let mut request = match method {
            "POST" => self.http.post(&url),
            "DELETE" => self.http.delete(&url),
            "PUT" => self.http.put(&url),
            _ => self.http.get(&url),
        };
        if keyed {
            request = request.header("X-API-Key", &self.key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let shown = format!("{method} {path}");
        let response = request
            .send()
            .await
            .map_err(|e| BenchError::Http(shown.clone(), e))?;
        let status = response.status().as_u16();
        let text = response
            .text()
            .await
            .map_err(|e| BenchError::Http(shown, e))?;
        let json = if text.is_empty() {
            Json::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Json::String(text))
        };
        Ok((status, json))
    }

    async fn expect(
        &self,
        method: &'static str,
        path: &str,
        body: Option<Json>,
        keyed: bool,
    ) -> Result<Json, BenchError> {
        let (status, json) = self.send(method, path, body, keyed).await?;
        if (200..300).contains(&status) {
            Ok(json)
        } else {
            Err(BenchError::Status {
                method,
                path: path.to_owned(),
                status,
                body: json.to_string(),
            })
        }
    }

    /// `GET` an API path (under the base URL) with the key; any status but 2xx is an error.
    pub async fn get(&self, path: &str) -> Result<Json, BenchError> {
        self.expect("GET", path, None, true).await
    }

    /// `GET` an API path with the key and returns the status whatever it is (the naive load
    /// reads unset values, which answer 404).
    pub async fn get_any(&self, path: &str) -> Result<u16, BenchError> {
        Ok(self.send("GET", path, None, true).await?.0)
    }

    /// `POST` JSON to an API path with the key.
    pub async fn post(&self, path: &str, body: Json) -> Result<Json, BenchError> {
        self.expect("POST", path, Some(body), true).await
    }

    /// `POST` JSON to an API path with the key and returns the status whatever it is (a plain
    /// loop's writes may be refused with 429).
    pub async fn post_any(&self, path: &str, body: Json) -> Result<u16, BenchError> {
        Ok(self.send("POST", path, Some(body), true).await?.0)
    }

    /// Sets the rate limit in force (`"60/minute"`) until the next reset; the history of
    /// requests is kept.
    pub async fn set_rate_limit(&self, rate: &str) -> Result<(), BenchError> {
        self.expect(
            "PUT",
            "/_sandbox/rate-limit",
            Some(json!({ "rate": rate })),
            false,
        )
        .await
        .map(drop)
    }

    /// The counters' whole answer since they were last zeroed (`{"total", "routes"}`).
    pub async fn requests(&self) -> Result<Json, BenchError> {
        self.expect("GET", "/_sandbox/requests", None, false).await
    }

    /// `DELETE` an API path with the key.
    pub async fn delete(&self, path: &str) -> Result<(), BenchError> {
        self.expect("DELETE", path, None, true).await.map(drop)
    }

    /// Restores the demo seed and clears faults, counters and the rate-limit window.
    pub async fn reset(&self) -> Result<(), BenchError> {
        self.expect(
            "POST",
            "/_sandbox/reset",
            Some(json!({"seed": "demo"})),
            false,
        )
        .await
        .map(drop)
    }

    /// Zeroes the request counters.
    pub async fn zero_counts(&self) -> Result<(), BenchError> {
        self.expect("DELETE", "/_sandbox/requests", None, false)
            .await
            .map(drop)
    }

    /// The counters since they were last zeroed.
    pub async fn counts(&self) -> Result<Counts, BenchError> {
        let json = self
            .expect("GET", "/_sandbox/requests", None, false)
            .await?;
        Ok(counts_of(&json))
    }
}

/// Reads `GET /_sandbox/requests`'s answer: the total and the 429s over every route.
pub fn counts_of(json: &Json) -> Counts {
    let throttled = json["routes"]
        .as_array()
        .map(|routes| {
            routes
                .iter()
                .filter_map(|route| route["statuses"].get("429").and_then(Json::as_u64))
                .sum()
        })
        .unwrap_or(0);
    Counts {
        requests: json["total"].as_u64().unwrap_or(0),
        throttled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_the_429s_of_every_route() {
        let answer = json!({"total": 7, "routes": [
            {"method": "POST", "route": "a", "count": 5, "statuses": {"201": 3, "429": 2}},
            {"method": "GET", "route": "b", "count": 2, "statuses": {"200": 1, "429": 1}}
        ]});
        assert_eq!(
            counts_of(&answer),
            Counts {
                requests: 7,
                throttled: 3
            }
        );
    }
}
