//! Plane's error responses: each failure becomes the status and JSON body Plane answers with.

use crate::store::records::TypesMode;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// Plane's body for a path no route matches.
pub const PAGE_NOT_FOUND: &str = "Page not found.";
/// Plane's body for an id that does not exist (Django's `DoesNotExist`).
pub const RESOURCE_NOT_FOUND: &str = "The requested resource does not exist.";
/// Plane's body for an unexpected failure.
pub const SOMETHING_WENT_WRONG: &str = "Something went wrong please try again later";
/// Plane's body for a serializer-level validation failure (Django `ValidationError`).
pub const PROVIDE_VALID_DETAIL: &str = "Please provide valid detail";
/// Plane's body for a database constraint failure (`IntegrityError`).
pub const PAYLOAD_NOT_VALID: &str = "The payload is not valid";

/// Every way a request can fail, each rendered exactly as Plane renders it.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No route matches the path: 404 `{"error": "Page not found."}`.
    #[error("page not found")]
    PageNotFound,
    /// An id in the path or body names nothing: 404 `{"error": "The requested resource does not exist."}`.
    #[error("resource not found")]
    ResourceNotFound,
    /// A view's explicit not-found answer: 404 `{"error": "<message>"}`.
    #[error("not found: {0}")]
    NotFound(&'static str),
    /// DRF field errors: 400 `{"<field>": ["<message>", ...]}`.
    #[error("invalid fields")]
    Fields(Map<String, Value>),
    /// A view-level validation failure: 400 `{"error": "<message>"}`.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// A DRF exception with a `detail` body (parse errors, 401, 403, 405, 415).
    #[error("{1}")]
    Detail(StatusCode, String),
    /// The plan lacks custom properties: 402 `{"error": "Payment required", "error_code": 1999}`.
    #[error("payment required")]
    PaymentRequired,
    /// A definition written on the surface its workspace does not manage types on: 409, see
    /// [`managed_elsewhere_body`].
    #[error("work item types are managed at the {} level", .0.as_str())]
    ManagedElsewhere(TypesMode),
    /// A duplicate external id: 409 `{"error": "<message>", "id": "<existing id>"}`.
    #[error("conflict: {message}")]
    Conflict {
        /// What clashed.
        message: &'static str,
        /// The id of the existing record.
        id: String,
    },
    /// The database failed: 500 with Plane's generic body.
    #[error("storage failure: {0}")]
    Storage(#[from] rusqlite::Error),
    /// Any other internal failure: 500 with Plane's generic body.
    #[error("internal failure: {0}")]
    Internal(String),
}

impl ApiError {
    /// A single DRF field error, `{"<field>": ["<message>"]}`.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let mut map = Map::new();
        map.insert(field.to_owned(), json!([message.into()]));
        Self::Fields(map)
    }

    /// The 401 for a request without credentials.
    pub fn not_authenticated() -> Self {
        Self::Detail(
            StatusCode::UNAUTHORIZED,
            "Authentication credentials were not provided.".to_owned(),
        )
    }

    /// The 403 for an unknown API key.
    pub fn invalid_token() -> Self {
        Self::Detail(
            StatusCode::FORBIDDEN,
            "Given API token is not valid".to_owned(),
        )
    }

    /// The 403 for a workspace the key's owner is not a member of.
    pub fn permission_denied() -> Self {
        Self::Detail(
            StatusCode::FORBIDDEN,
            "You do not have permission to perform this action.".to_owned(),
        )
    }

    /// The 405 DRF answers for a method a route does not serve.
    pub fn method_not_allowed(method: &str) -> Self {
        Self::Detail(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("Method \"{method}\" not allowed."),
        )
    }

    /// The status this error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::PageNotFound | Self::ResourceNotFound | Self::NotFound(_) => {
                StatusCode::NOT_FOUND
            }
            Self::Fields(_) | Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Detail(status, _) => *status,
            Self::PaymentRequired => StatusCode::PAYMENT_REQUIRED,
            Self::Conflict { .. } | Self::ManagedElsewhere(_) => StatusCode::CONFLICT,
            Self::Storage(_) | Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The JSON body this error is answered with.
    pub fn body(&self) -> Value {
        match self {
            Self::PageNotFound => json!({ "error": PAGE_NOT_FOUND }),
            Self::ResourceNotFound => json!({ "error": RESOURCE_NOT_FOUND }),
            Self::NotFound(message) => json!({ "error": message }),
            Self::Fields(map) => Value::Object(map.clone()),
            Self::BadRequest(message) => json!({ "error": message }),
            Self::Detail(_, detail) => json!({ "detail": detail }),
            Self::PaymentRequired => json!({ "error": "Payment required", "error_code": 1999 }),
            Self::Conflict { message, id } => json!({ "error": message, "id": id }),
            Self::ManagedElsewhere(mode) => managed_elsewhere_body(*mode),
            Self::Storage(_) | Self::Internal(_) => json!({ "error": SOMETHING_WENT_WRONG }),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if matches!(self, Self::Storage(_) | Self::Internal(_)) {
            eprintln!("plane-inline-sandbox: {self}");
        }
        json_response(self.status(), &self.body())
    }
}

/// The 409 body for a definition written on the wrong surface. The code,
/// `work_item_types_managed_at_workspace` or `work_item_types_managed_at_project`, is Plane's
/// (plane-api.md, Corrections and 1.6; Plane's v2 errors page); no source gives v1's body, so its
/// shape is the sandbox's choice, made here once: `{"error": "<sentence>", "error_code": "<code>"}`,
/// after v1's 402 `{"error", "error_code"}`, with the sentence worded after v2's
/// `states_managed_at_workspace` example ("States are managed at the workspace level."). Plane's
/// v2 answers `{"type": "conflict", "code": "<code>", "detail": "..."}`; an April 2026 reading of
/// the commercial v1 server answered a project-level type create in workspace mode with 400
/// "Cannot create project-level work item types when workspace work item types are enabled."
/// (plane-api.md 1.1); the Corrections' 409 is followed.
pub fn managed_elsewhere_body(mode: TypesMode) -> Value {
    let (code, sentence) = match mode {
        TypesMode::Workspace => (
            "work_item_types_managed_at_workspace",
            "Work item types are managed at the workspace level.",
        ),
        TypesMode::Project => (
            "work_item_types_managed_at_project",
            "Work item types are managed at the project level.",
        ),
    };
    json!({ "error": sentence, "error_code": code })
}

/// Plane's throttled body, `{"error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED"}`.
pub fn throttled_body() -> Value {
    json!({ "error_code": 5900, "error_message": "RATE_LIMIT_EXCEEDED" })
}

/// A JSON response with the given status.
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The result type of every API handler.
pub type ApiResult<T = Response> = Result<T, ApiError>;
