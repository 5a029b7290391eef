//! The outbox's decisions, without I/O: where a new edit goes among the pending drafts (it joins
//! an equal one, or replaces older ones of the same property), how long to wait before an
//! attempt whose outcome was never heard may be read back, and what a failure leads to (kept
//! for the person, or sent again later on core's [`RetryPolicy`], the one backoff schedule of
//! the product, here with the outbox's longer times).

use crate::saved::Pending;
use plane_inline_core::retry::RetryPolicy;
use plane_inline_messages::{DraftId, Edit, Problem};

/// How drafts are sent again after the client's own retries gave up on a transient failure:
/// from 5 s, doubling, up to 5 minutes, jittered, for as long as the failure is transient.
pub const REDELIVERY: RetryPolicy = RetryPolicy {
    base_ms: 5_000.0,
    cap_ms: 300_000.0,
    max_retries: u32::MAX,
    max_rate_limited: u32::MAX,
};

/// Where a new edit goes among the pending drafts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// An equal edit is pending (a page sending it again after the worker restarted): join it.
    Join(DraftId),
    /// A new draft, replacing the pending drafts of the same property (their waiters hear the
    /// newer outcome).
    Replace(Vec<DraftId>),
}

/// Where `edit` goes among `drafts`.
pub fn place(drafts: &[Pending], edit: &Edit) -> Placement {
    let same_property = |p: &&Pending| {
        p.draft.edit.work_item_id == edit.work_item_id
            && p.draft.edit.property_id == edit.property_id
    };
    if let Some(equal) = drafts
        .iter()
        .filter(same_property)
        .find(|p| p.draft.edit == *edit)
    {
        return Placement::Join(equal.draft.id.clone());
    }
    Placement::Replace(
        drafts
            .iter()
            .filter(same_property)
            .map(|p| p.draft.id.clone())
            .collect(),
    )
}

/// How long to wait before a draft whose last attempt was sent at `sent_at_ms` and never heard
/// of (the worker stopped) may be read back: until that attempt's timeout has passed, so that it
/// cannot still land after the read-back. `None` when no attempt is outstanding.
pub fn wait_for_lost_attempt(sent_at_ms: Option<f64>, now_ms: f64, timeout_ms: f64) -> Option<f64> {
    sent_at_ms.map(|sent| (sent + timeout_ms - now_ms).max(0.0))
}

/// What a failed attempt leads to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AfterFailure {
    /// Kept for the person to retry or discard (Plane refused it, or the key, plan or address
    /// needs them).
    Keep,
    /// Sent again by itself at this time (Unix milliseconds), reading the value back first.
    RetryAt(f64),
}

/// What the `attempts`-th failed attempt, failing with `problem` at `now_ms`, leads to; `random`
/// (in `[0, 1)`) jitters the pause.
pub fn after_failure(problem: &Problem, attempts: u32, now_ms: f64, random: f64) -> AfterFailure {
    if !problem.is_transient() {
        return AfterFailure::Keep;
    }
    let wait = match problem {
        // Plane said when: not before, and never sooner than the first pause.
        Problem::RateLimited {
            until_ms: Some(until),
        } => (until - now_ms).max(REDELIVERY.base_ms),
        _ => REDELIVERY.backoff_ms(attempts.max(1), random),
    };
    AfterFailure::RetryAt(now_ms + wait)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use plane_inline_messages::Draft;
    use serde_json::json;

    fn pending(id: &str, property: &str, value: serde_json::Value) -> Pending {
        Pending {
            draft: Draft {
                id: id.into(),
                edit: edit(property, value),
                property: "P".into(),
                work_item: "WEB-1".into(),
                created_ms: 0.0,
                attempts: 0,
                last_problem: None,
            },
            connection: "c".into(),
            property: serde_json::from_value(
                json!({"id": property, "display_name": "P", "property_type": "TEXT"}),
            )
            .unwrap(),
            sent_at_ms: None,
        }
    }

    fn edit(property: &str, value: serde_json::Value) -> Edit {
        Edit {
            workspace: "acme".into(),
            project_id: "p".into(),
            work_item_id: "w".into(),
            property_id: property.into(),
            value: Some(value),
        }
    }

    #[test]
    fn an_equal_edit_joins_and_a_newer_one_replaces_its_property_only() {
        let drafts = [
            pending("d1", "x", json!("old")),
            pending("d2", "y", json!("other")),
        ];
        assert_eq!(
            place(&drafts, &edit("x", json!("old"))),
            Placement::Join("d1".into())
        );
        assert_eq!(
            place(&drafts, &edit("x", json!("new"))),
            Placement::Replace(vec!["d1".into()])
        );
        assert_eq!(
            place(&drafts, &edit("z", json!("first"))),
            Placement::Replace(vec![])
        );
    }

    #[test]
    fn a_lost_attempt_is_read_back_only_after_its_timeout() {
        assert_eq!(wait_for_lost_attempt(None, 1_000.0, 30_000.0), None);
        assert_eq!(
            wait_for_lost_attempt(Some(1_000.0), 11_000.0, 30_000.0),
            Some(20_000.0)
        );
        assert_eq!(
            wait_for_lost_attempt(Some(1_000.0), 99_000.0, 30_000.0),
            Some(0.0)
        );
    }

    #[test]
    fn failures_are_kept_or_sent_again_on_cores_policy() {
        let now = 1_000_000.0;
        assert_eq!(
            after_failure(
                &Problem::Refused {
                    message: "Must be a number".into()
                },
                1,
                now,
                0.5
            ),
            AfterFailure::Keep
        );
        assert_eq!(
            after_failure(&Problem::KeyRejected, 1, now, 0.5),
            AfterFailure::Keep
        );
        // 5xx: core's equal-jitter backoff, from 5 s, doubling, capped at 5 minutes.
        let at = |attempts, random| match after_failure(
            &Problem::Server { status: 503 },
            attempts,
            now,
            random,
        ) {
            AfterFailure::RetryAt(at) => at - now,
            AfterFailure::Keep => f64::NAN,
        };
        assert_eq!(at(1, 0.0), 2_500.0);
        assert_eq!(at(1, 1.0), 5_000.0);
        assert_eq!(at(2, 1.0), 10_000.0);
        assert_eq!(at(20, 1.0), 300_000.0);
        assert_eq!(at(20, 0.0), 150_000.0);
        // 429: when Plane said, never sooner than the first pause.
        let limited = |until| {
            after_failure(
                &Problem::RateLimited {
                    until_ms: Some(until),
                },
                3,
                now,
                0.5,
            )
        };
        assert_eq!(
            limited(now + 42_000.0),
            AfterFailure::RetryAt(now + 42_000.0)
        );
        assert_eq!(limited(now + 10.0), AfterFailure::RetryAt(now + 5_000.0));
    }
}
