//! The panel's loading skeleton, its error states (each in plain words with the next step) and
//! the connection's state, which the panel and the table both show.

use super::context::PanelContext;
use crate::clock::now_ms;
use crate::text;
use leptos::prelude::*;
use plane_inline_messages::{Activity, Problem};

/// Grey bars where the properties will be.
#[component]
pub fn Skeleton() -> impl IntoView {
    view! {
        <div class="pi-skeleton">
            <span class="pi-sr">{text::words::LOADING}</span>
            {(0..4).map(|_| view! {
                <div class="pi-skeleton-row" aria-hidden="true">
                    <span class="pi-bone pi-bone-label"></span>
                    <span class="pi-bone pi-bone-value"></span>
                </div>
            }).collect_view()}
        </div>
    }
}

/// Why the panel could not be shown, what to do, and the buttons to do it.
#[component]
pub fn ErrorState(
    problem: Problem,
    ctx: PanelContext,
    retry: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let key_problem = matches!(problem, Problem::KeyMissing | Problem::KeyRejected);
    let settings = (key_problem && ctx.can_open_settings()).then(|| {
        view! {
            <button type="button" class="pi-button pi-primary" on:click=move |_| ctx.open_settings()>
                {text::words::OPEN_SETTINGS}
            </button>
        }
    });
    let retryable = !matches!(
        problem,
        Problem::PlanRequired | Problem::NoCustomProperties | Problem::NoWorkItem
    );
    let again = retryable.then(|| {
        view! {
            <button type="button" class="pi-button" on:click=move |_| retry()>{text::words::TRY_AGAIN}</button>
        }
    });
    view! {
        <div class="pi-error-state" role="alert" data-problem=problem_name(&problem)>
            <p class="pi-error-title">{text::problem_title(&problem)}</p>
            <p class="pi-note">{text::problem_action(&problem, ctx.can_open_settings(), now_ms())}</p>
            <div class="pi-actions">{settings}{again}</div>
        </div>
    }
}

/// The problem's kind, for styling and tests.
fn problem_name(problem: &Problem) -> &'static str {
    match problem {
        Problem::KeyMissing => "key_missing",
        Problem::KeyRejected => "key_rejected",
        Problem::Forbidden { .. } => "forbidden",
        Problem::PlanRequired => "plan_required",
        Problem::NoCustomProperties => "no_custom_properties",
        Problem::NotFound { .. } => "not_found",
        Problem::Refused { .. } => "refused",
        Problem::RateLimited { .. } => "rate_limited",
        Problem::Offline { .. } => "offline",
        Problem::Timeout => "timeout",
        Problem::Server { .. } => "server",
        Problem::Unexpected { .. } => "unexpected",
        Problem::WrongApiBase { .. } => "wrong_api_base",
        Problem::WorkspaceUnavailable { .. } => "workspace_unavailable",
        Problem::Cancelled => "cancelled",
        Problem::NoWorkItem => "no_work_item",
        Problem::AccessNotGranted { .. } => "access_not_granted",
        Problem::BadMessage { .. } => "bad_message",
        Problem::StorageFull => "storage_full",
        Problem::NotInApi { .. } => "not_in_api",
        Problem::Untyped => "untyped",
        Problem::ViewOnly { .. } => "view_only",
        Problem::Unknown => "unknown",
    }
}

/// How the connection to Plane is doing, in words with a dot: online, offline (edits kept) or
/// held back by the rate limit until a time, counted down.
#[component]
pub fn Connection(activity: RwSignal<Option<Activity>>, ctx: PanelContext) -> impl IntoView {
    move || {
        let now = activity.get();
        let state_name = match &now {
            None | Some(Activity::Online) => "online",
            Some(Activity::Offline) => "offline",
            Some(Activity::RateLimited { .. }) => "limited",
        };
        view! {
            <span class="pi-connection" data-state=state_name>
                <span class="pi-dot" aria-hidden="true"></span>
                {move || text::activity(now.as_ref(), ctx.now.get())}
            </span>
        }
    }
}
