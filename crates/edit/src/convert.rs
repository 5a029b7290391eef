//! The client's types as messages: its panel model, its connection check's problems and its
//! scheduler's reports. They live here, beside the client, so that the messages depend on core
//! alone.

use plane_inline_client::core::error::PlaneError;
use plane_inline_client::core::web_url::AppBase;
use plane_inline_client::{ConnectionProblem, Progress, Stage};
use plane_inline_messages::{Activity, PanelModel, Problem, Target, Unreadable};

/// The message form of the client's panel model of `target`, linked to its page under `app`.
pub fn panel_model(
    model: plane_inline_client::ItemProperties,
    target: &Target,
    app: Option<&AppBase>,
) -> PanelModel {
    PanelModel {
        values: model
            .values
            .iter()
            .map(|(id, value)| (id.clone(), value.to_json()))
            .collect(),
        unreadable: model
            .unreadable
            .into_iter()
            .map(|e| Unreadable {
                property: e.property,
                kind: e.kind,
                value: e.value,
            })
            .collect(),
        work_item: model.work_item,
        identifier: target.item.identifier().map(ToString::to_string),
        web_url: app.map(|app| target.item.web_link(app, &target.workspace)),
        properties: model.properties,
        members: model.members,
        access: model.access,
    }
}

/// What a scheduler report says about the connection, when it says something: an answer means
/// online, a wait for the rate limit means limited, a network failure means offline.
pub fn activity_of(progress: &Progress) -> Option<Activity> {
    let offline = |error: &PlaneError| matches!(error, PlaneError::Network { .. });
    match &progress.stage {
        Stage::Answered { .. } => Some(Activity::Online),
        Stage::WaitingForRateLimit { until_ms } => Some(Activity::RateLimited {
            until_ms: *until_ms,
        }),
        Stage::RetryScheduled { error, .. } | Stage::Failed { error } if offline(error) => {
            Some(Activity::Offline)
        }
        _ => None,
    }
}

/// A failed connection check as data; `now_ms` dates a `Retry-After`.
pub fn connection_problem(problem: &ConnectionProblem, now_ms: f64) -> Problem {
    match problem {
        ConnectionProblem::MissingKey => Problem::KeyMissing,
        ConnectionProblem::InvalidKey => Problem::KeyRejected,
        ConnectionProblem::WrongBaseUrl { detail, .. } => Problem::WrongApiBase {
            detail: detail.clone(),
        },
        ConnectionProblem::Unreachable { detail, .. } => Problem::Offline {
            detail: detail.clone(),
        },
        ConnectionProblem::Workspace { workspace, .. } => Problem::WorkspaceUnavailable {
            workspace: workspace.clone(),
        },
        ConnectionProblem::NoCustomProperties { error } => match error {
            PlaneError::PaymentRequired { .. } => Problem::PlanRequired,
            _ => Problem::NoCustomProperties,
        },
        ConnectionProblem::Plane(error) => Problem::from_plane(error, now_ms),
    }
}
