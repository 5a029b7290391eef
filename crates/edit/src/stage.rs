//! Where an edit is, read from the scheduler's reports of its own request.

use plane_inline_client::{Progress, Stage};
use plane_inline_messages::{EditStage, Problem};

/// An edit's stage from a report of the scheduler, when the report is about a write of
/// `property_id`'s value (core's endpoint names it) and is not the end (the result says that);
/// `now_ms` dates a `Retry-After`.
pub fn edit_stage(progress: &Progress, property_id: &str, now_ms: f64) -> Option<EditStage> {
    let ours = progress
        .endpoint
        .as_ref()
        .is_some_and(|endpoint| endpoint.writes_value_of(property_id));
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
