//! `GET /api/v1/users/me/`: the API key's owner.

use crate::api::{ok, user_lite};
use crate::error::{ApiError, ApiResult};
use crate::state::Shared;
use crate::store::records::UserRecord;
use axum::extract::State;

/// The key owner as `UserLite`.
pub async fn me(State(app): State<Shared>) -> ApiResult {
    let user = app
        .store
        .read(|conn| UserRecord::load(conn, &app.owner_id))?
        .ok_or(ApiError::ResourceNotFound)?;
    Ok(ok(&user_lite(&user)))
}
