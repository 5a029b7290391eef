//! Where an edit is, read from the scheduler's reports of its own request.

use plane_inline_client::{Progress, Stage};
use plane_inline_messages::{EditStage, Problem};

/// An edit's stage from a report of the scheduler, when the report is about a write of
/// `property_id`'s value on `work_item_id` (core's endpoint names them) and is not the end (the
/// result says that); `now_ms` dates a `Retry-After`.
pub fn edit_stage(
    progress: &Progress,
    (work_item_id, property_id): (&str, &str),
    now_ms: f64,
) -> Option<EditStage> {
    let ours = progress
        .endpoint
        .as_ref()
        .is_some_and(|endpoint| endpoint.writes_value_of(work_item_id, property_id));
    if !ours {
        return None;
    }
    match &progress.stage {
        Stage::Queued { .. } => Some(EditStage::Queued),
        Stage::WaitingForRateLimit { until_ms } => Some(EditStage::RateLimited {
            until_ms: *until_ms,
        }),
        Stage::InFlight { .. } | Stage::Verifying => Some(EditStage::Sending),
        Stage::RetryScheduled { at_ms, error, .. } => Some(EditStage::Retrying {
            at_ms: *at_ms,
            problem: Problem::from_plane(error, now_ms),
        }),
        Stage::Answered { .. } | Stage::Failed { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plane_inline_client::core::endpoint::Endpoint;
    use plane_inline_client::core::http::Method;
    use plane_inline_client::{RequestId, Summary};

    fn leaving(work_item: &str, property: &str) -> Progress {
        Progress {
            request: RequestId(1),
            method: Method::Post,
            path: String::new(),
            endpoint: Some(Endpoint::Value {
                method: Method::Post,
                project: "p".into(),
                work_item: work_item.into(),
                property: property.into(),
            }),
            stage: Stage::InFlight { attempt: 1 },
            summary: Summary {
                queued: 0,
                in_flight: 1,
                rate_limited_until_ms: None,
                limit_per_minute: 60,
            },
        }
    }

    #[test]
    fn a_bulk_change_s_rows_hear_only_their_own_write() {
        // Forty rows write the same property at once: each row's stage is its own write's.
        assert_eq!(
            edit_stage(&leaving("w1", "x"), ("w1", "x"), 0.0),
            Some(EditStage::Sending)
        );
        assert_eq!(edit_stage(&leaving("w2", "x"), ("w1", "x"), 0.0), None);
        assert_eq!(edit_stage(&leaving("w1", "y"), ("w1", "x"), 0.0), None);
    }
}
