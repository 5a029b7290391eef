//! Core's work per keystroke-and-save, the same natively and in wasm: read an editor's text for a
//! property (validation), build the upsert body and the request that carries it.

use plane_inline_core::api::Api;
use plane_inline_core::http::ApiKey;
use plane_inline_core::property::Property;
use plane_inline_core::value::{External, Input, ValueError, build_value_payload, parse_input};
use serde::Serialize;
use serde_json::json;
use std::hint::black_box;
use thiserror::Error;

/// Why the workload could not run.
#[derive(Debug, Error)]
pub enum WorkloadError {
    /// A property of the fixed set does not read as a property.
    #[error("property {0} of the workload does not parse: {1}")]
    Property(usize, serde_json::Error),
    /// An input of the fixed set was refused; the workload only holds accepted inputs.
    #[error("input {0:?} was refused: {1}")]
    Refused(&'static str, ValueError),
    /// An input of the fixed set asked to clear the value.
    #[error("input {0:?} clears the value instead of setting one")]
    Clears(&'static str),
}

/// The inputs: one editor text per kind of property Plane Inline edits.
const INPUTS: [(&str, &str); 10] = [
    ("TEXT", "Customer cannot log in after the password reset"),
    ("DECIMAL", "13.5"),
    ("BOOLEAN", "yes"),
    ("DATETIME", "2026-03-05 14:30"),
    ("URL", "plane.so/docs/api"),
    ("EMAIL", "mailto:first.last+tag@sub.example.co.uk"),
    ("OPTION", "Option 3"),
    ("OPTION_MULTI", "Option 3, option 17, Option 9"),
    ("USER", "00000000-0000-4000-8000-000000000002"),
    ("ISSUE", "00000000-0000-4000-8000-0000000000aa"),
];

/// The fixed properties and editor texts, and the request builder they are sent with.
pub struct Workload {
    cases: Vec<(Property, &'static str)>,
    api: Api,
}

/// How fast the workload ran.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Throughput {
    /// Inputs validated and turned into a request.
    pub operations: u64,
    /// Wall time, in milliseconds.
    pub elapsed_ms: f64,
    /// `operations` per second.
    pub per_second: f64,
}

fn property(index: usize, kind: &str) -> Result<Property, WorkloadError> {
    let options: Vec<_> = (0..20)
        .map(|i| json!({"id": format!("00000000-0000-4000-8000-{i:012}"), "name": format!("Option {i}")}))
        .collect();
    let (property_type, relation_type, is_multi) = match kind {
        "OPTION" => ("OPTION", None, false),
        "OPTION_MULTI" => ("OPTION", None, true),
        "USER" => ("RELATION", Some("USER"), false),
        "ISSUE" => ("RELATION", Some("ISSUE"), false),
        other => (other, None, false),
    };
    serde_json::from_value(json!({
        "id": format!("00000000-0000-4000-9000-{index:012}"),
        "display_name": format!("Field {index}"),
        "property_type": property_type,
        "relation_type": relation_type,
        "is_multi": is_multi,
        "options": options,
    }))
    .map_err(|e| WorkloadError::Property(index, e))
}

impl Workload {
    /// The fixed workload; every input is one Plane accepts.
    pub fn new() -> Result<Self, WorkloadError> {
        let cases = INPUTS
            .iter()
            .enumerate()
            .map(|(index, (kind, text))| Ok((property(index, kind)?, *text)))
            .collect::<Result<Vec<_>, WorkloadError>>()?;
        let workload = Self {
            cases,
            api: Api::new("acme", Some(ApiKey::new("plane_api_workload"))),
        };
        workload.check()?;
        Ok(workload)
    }

    /// How many inputs one round goes through.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Whether the workload has no input (never, for the fixed one).
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    fn check(&self) -> Result<(), WorkloadError> {
        for (property, text) in &self.cases {
            match parse_input(property, text) {
                Ok(Input::Set(value)) => {
                    build_value_payload(property, &value.to_json(), &External::default())
                        .map_err(|e| WorkloadError::Refused(text, e))?;
                }
                Ok(Input::Clear) => return Err(WorkloadError::Clears(text)),
                Err(e) => return Err(WorkloadError::Refused(text, e)),
            }
        }
        Ok(())
    }

    /// One round: each input validated, its payload built, its request built. Returns the number
    /// of requests built.
    pub fn round(&self) -> u64 {
        let mut built = 0;
        for (property, text) in &self.cases {
            let Ok(Input::Set(value)) = parse_input(property, black_box(text)) else {
                continue;
            };
            let Ok(payload) = build_value_payload(property, &value.to_json(), &External::default())
            else {
                continue;
            };
            let request = self.api.upsert_value(
                "00000000-0000-4000-a000-000000000001",
                "00000000-0000-4000-a000-000000000002",
                &property.id,
                &payload,
            );
            black_box(request);
            built += 1;
        }
        built
    }

    /// Runs `rounds` rounds after a tenth as many to warm up, timed with `now_ms` (milliseconds
    /// from any origin: `Instant` natively, `Date.now()` in a browser).
    pub fn measure(&self, rounds: u32, now_ms: impl Fn() -> f64) -> Throughput {
        for _ in 0..rounds / 10 {
            black_box(self.round());
        }
        let started = now_ms();
        let mut operations = 0;
        for _ in 0..rounds {
            operations += self.round();
        }
        let elapsed_ms = now_ms() - started;
        Throughput {
            operations,
            elapsed_ms,
            per_second: if elapsed_ms > 0.0 {
                operations as f64 * 1000.0 / elapsed_ms
            } else {
                0.0
            },
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_input_becomes_a_request() {
        let workload = Workload::new().unwrap();
        assert_eq!(workload.len(), 10);
        assert_eq!(workload.round(), 10);
    }

    #[test]
    fn a_measure_counts_every_round() {
        let workload = Workload::new().unwrap();
        let clock = std::cell::Cell::new(0.0);
        let throughput = workload.measure(5, || {
            clock.set(clock.get() + 250.0);
            clock.get()
        });
        assert_eq!(
            throughput,
            Throughput {
                operations: 50,
                elapsed_ms: 250.0,
                per_second: 200.0
            }
        );
    }
}
