//! What went wrong, as data: the UI words it (in its one module of sentences), the service
//! worker sends it over a port, and nothing here is an English sentence of the product's own.
//! Plane's own messages (a refused value, a 403's reason) are carried as Plane wrote them.

use plane_inline_core::error::PlaneError;
use plane_inline_core::retry::is_transient_status;
use plane_inline_core::web_url::PageKind;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why an operation did not succeed.
#[derive(Debug, Clone, PartialEq, Error, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum Problem {
    /// No API key is set for this Plane instance (or the proxy added none).
    #[error("no API key")]
    KeyMissing,
    /// Plane refused the key: wrong, expired or revoked.
    #[error("the API key is not valid")]
    KeyRejected,
    /// The key's owner may not do this.
    #[error("permission denied: {message}")]
    Forbidden {
        /// Plane's reason.
        message: String,
    },
    /// The workspace's plan has no custom properties (402).
    #[error("custom properties are not on this plan")]
    PlanRequired,
    /// The instance serves no custom property routes (Community Edition answers 404).
    #[error("this Plane instance has no custom properties")]
    NoCustomProperties,
    /// The work item (or a property of it) does not exist.
    #[error("not found: {message}")]
    NotFound {
        /// Plane's words.
        message: String,
    },
    /// Plane refused the value or request, with its own message.
    #[error("{message}")]
    Refused {
        /// Plane's message (for a value, exactly what its 400 says).
        message: String,
    },
    /// The key's rate limit is used up; requests continue at `until_ms` when known.
    #[error("rate limited")]
    RateLimited {
        /// When requests continue (Unix milliseconds), when known.
        until_ms: Option<f64>,
    },
    /// Plane could not be reached (offline, DNS, dropped connection, CORS).
    #[error("Plane could not be reached: {detail}")]
    Offline {
        /// The transport's explanation.
        detail: String,
    },
    /// Plane did not answer in time.
    #[error("Plane did not answer in time")]
    Timeout,
    /// Plane (or a proxy before it) failed.
    #[error("Plane answered {status}")]
    Server {
        /// The status.
        status: u16,
    },
    /// An answer that could not be read, or a status nobody expects.
    #[error("unexpected answer: {detail}")]
    Unexpected {
        /// What was wrong.
        detail: String,
    },
    /// Something answered at the API base, but not Plane's API.
    #[error("not Plane's API: {detail}")]
    WrongApiBase {
        /// What answered instead.
        detail: String,
    },
    /// The key works, but not in this workspace (no such slug, or its owner is not a member).
    #[error("workspace {workspace} is not reachable with this key")]
    WorkspaceUnavailable {
        /// The slug.
        workspace: String,
    },
    /// The operation was cancelled (the panel closed or moved on).
    #[error("cancelled")]
    Cancelled,
    /// The page or text names no work item this product recognises.
    #[error("no work item recognised")]
    NoWorkItem,
    /// The browser did not grant access to a site (the user declined, or it cannot be asked).
    #[error("access to {origin} was not granted")]
    AccessNotGranted {
        /// The site's origin.
        origin: String,
    },
    /// The page shows a work item Plane's API v1 cannot read or edit: an epic (no values API),
    /// an archived item, or an intake item (the work item endpoints do not see them).
    #[error("this page's work item ({kind:?}) is not reachable through Plane's API")]
    NotInApi {
        /// The kind of page: epic, archived or intake (travels as `"epic"` and so on).
        kind: PageKind,
    },
    /// The work item has no type, so Plane's API keeps no property values for it.
    #[error("the work item has no type")]
    Untyped,
    /// The key's owner may only view this project's properties: a guest or viewer (`role`), or
    /// not a member (`None`). Nothing was sent.
    #[error("the key's owner may only view this project's properties")]
    ViewOnly {
        /// The owner's project role, when a member.
        role: Option<i64>,
    },
    /// The extension's storage is full, so an edit could not be kept until Plane confirms it
    /// (it was not sent).
    #[error("the extension's storage is full")]
    StorageFull,
    /// The message itself was malformed or not allowed (checked by the receiving side).
    #[error("refused message: {detail}")]
    BadMessage {
        /// What was wrong with it.
        detail: String,
    },
    /// A problem this version does not know (written by a newer version, e.g. in a stored draft).
    #[serde(other)]
    #[error("an unknown problem")]
    Unknown,
}

impl Problem {
    /// Reads Plane's error as data; `now_ms` dates a `Retry-After`.
    pub fn from_plane(error: &PlaneError, now_ms: f64) -> Self {
        match error {
            PlaneError::MissingKey => Self::KeyMissing,
            PlaneError::InvalidKey => Self::KeyRejected,
            PlaneError::Forbidden { message } => Self::Forbidden {
                message: message.clone(),
            },
            PlaneError::PaymentRequired { .. } => Self::PlanRequired,
            PlaneError::RouteNotFound => Self::NoCustomProperties,
            PlaneError::NotFound { message } => Self::NotFound {
                message: message.clone(),
            },
            PlaneError::BadRequest { fields, message } => Self::Refused {
                message: fields
                    .iter()
                    .find(|(field, _)| field == "value")
                    .and_then(|(_, messages)| messages.first().cloned())
                    .unwrap_or_else(|| message.clone()),
            },
            PlaneError::Conflict { message, .. } => Self::Refused {
                message: message.clone(),
            },
            PlaneError::RateLimited { retry_after_secs } => Self::RateLimited {
                until_ms: retry_after_secs.map(|s| now_ms + s as f64 * 1000.0),
            },
            PlaneError::Server { status, .. } => Self::Server { status: *status },
            PlaneError::Unexpected { status, message } => Self::Unexpected {
                detail: format!("{status} {message}"),
            },
            PlaneError::InvalidResponse { message } => Self::Unexpected {
                detail: message.clone(),
            },
            PlaneError::Network { message } => Self::Offline {
                detail: message.clone(),
            },
            PlaneError::Timeout => Self::Timeout,
            PlaneError::Cancelled => Self::Cancelled,
        }
    }

    /// Whether the same operation may succeed later without the user changing anything (an
    /// edit that failed this way is kept and sent again): core's retry rule
    /// ([`PlaneError::is_retryable`]) read on the data that crossed a port.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::RateLimited { .. } | Self::Offline { .. } | Self::Timeout => true,
            Self::Server { status } => is_transient_status(*status),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plane_errors_become_data_with_plane_words_kept() {
        let refused = PlaneError::from_parts(400, None, r#"{"value": ["Enter a valid URL."]}"#);
        assert_eq!(
            Problem::from_plane(&refused, 0.0),
            Problem::Refused {
                message: "Enter a valid URL.".into()
            }
        );
        let limited = PlaneError::from_parts(429, Some("30"), "{}");
        assert_eq!(
            Problem::from_plane(&limited, 1_000.0),
            Problem::RateLimited {
                until_ms: Some(31_000.0)
            }
        );
        assert_eq!(
            Problem::from_plane(&PlaneError::from_parts(402, None, "{}"), 0.0),
            Problem::PlanRequired
        );
        assert_eq!(
            Problem::from_plane(
                &PlaneError::from_parts(404, None, r#"{"error": "Page not found."}"#),
                0.0
            ),
            Problem::NoCustomProperties
        );
    }

    #[test]
    fn transient_problems_are_exactly_the_errors_core_retries() {
        let errors = [
            PlaneError::from_parts(400, None, r#"{"value": ["x"]}"#),
            PlaneError::from_parts(401, None, "{}"),
            PlaneError::from_parts(402, None, "{}"),
            PlaneError::from_parts(403, None, "{}"),
            PlaneError::from_parts(404, None, r#"{"error": "Page not found."}"#),
            PlaneError::from_parts(404, None, r#"{"error": "Work item not found"}"#),
            PlaneError::from_parts(409, None, "{}"),
            PlaneError::from_parts(418, None, "{}"),
            PlaneError::from_parts(429, Some("3"), "{}"),
            PlaneError::from_parts(500, None, "{}"),
            PlaneError::from_parts(503, None, "{}"),
            PlaneError::Network {
                message: "reset".into(),
            },
            PlaneError::Timeout,
            PlaneError::Cancelled,
            PlaneError::InvalidResponse {
                message: "x".into(),
            },
            PlaneError::MissingKey,
        ];
        for error in errors {
            assert_eq!(
                Problem::from_plane(&error, 0.0).is_transient(),
                error.is_retryable(),
                "{error:?}"
            );
        }
    }

    #[test]
    fn a_problem_of_a_newer_version_reads_as_unknown() {
        let read: Problem = serde_json::from_str(r#"{"problem": "quantum_flux"}"#).unwrap();
        assert_eq!(read, Problem::Unknown);
        assert!(!read.is_transient());
    }

    #[test]
    fn problems_travel_as_tagged_json() {
        let json = serde_json::to_string(&Problem::Server { status: 503 }).unwrap();
        assert_eq!(json, r#"{"problem":"server","status":503}"#);
        assert!(Problem::Server { status: 503 }.is_transient());
        assert!(!Problem::KeyRejected.is_transient());
    }
}
