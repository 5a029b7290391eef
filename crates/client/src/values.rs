//! Writing one property's value: a save is one upsert (POST), a clear is one DELETE.
//!
//! A value Plane would refuse is refused here first, with Plane's own message and no request.
//! Both writes are safe to repeat, and repeated with care so that each takes effect exactly once:
//! when a save's answer is lost (5xx, timeout, dropped connection) the value is read back before
//! the upsert is sent again, and a repeated DELETE that finds nothing means the lost one worked.
//! (Browsers themselves resend a request whose reused connection closed before any answer;
//! Plane's upsert replaces the value and its DELETE of nothing is a 404, so such a resend changes
//! nothing either.)

use crate::client::{PlaneClient, decode};
use crate::scheduler::{Check, Retry};
use futures_util::FutureExt;
use plane_inline_core::error::PlaneError;
use plane_inline_core::http::Response;
use plane_inline_core::property::Property;
use plane_inline_core::value::{
    External, Input, PropertyValue, ValueError, ValueRecord, build_value_payload, from_stored,
    validate_value, value_records,
};
use serde_json::Value as Json;
use std::rc::Rc;

/// A value Plane now holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// The value, as validated and sent.
    pub value: PropertyValue,
    /// Plane's value objects (one, or one per id for multi properties).
    pub records: Vec<ValueRecord>,
    /// Whether Plane created the value (201) rather than replacing one (200).
    pub created: bool,
    /// Whether an attempt whose answer was lost had already saved it (found by reading back).
    pub confirmed_by_check: bool,
}

/// How a clear ended; both mean the property is now unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleared {
    /// Plane removed the value.
    Removed,
    /// Plane held no value any more (404 "Property value not found"): a repeat of a DELETE
    /// whose answer was lost removed it (the client's retry, or the browser's own resend on a
    /// reused connection), or someone cleared it meanwhile.
    AlreadyClear,
}

/// Whether a 404's message says the value is not there (rather than the property or the work
/// item): "Property value not found", "Property value not set for this work item".
fn names_a_missing_value(message: &str) -> bool {
    message.to_ascii_lowercase().contains("value not")
}

/// Plane's words for a refused value, as its 400 would carry them.
fn refused(error: &ValueError) -> PlaneError {
    let fields: &[&str] = match error {
        // Plane names both fields of the pair.
        ValueError::ExternalPair => &["external_id", "external_source"],
        _ => &["value"],
    };
    PlaneError::BadRequest {
        message: error.to_string(),
        fields: fields
            .iter()
            .map(|field| ((*field).to_owned(), vec![error.to_string()]))
            .collect(),
    }
}

impl PlaneClient {
    /// Saves `value` (JSON as the panel's editor produced it) for `property` of a work item.
    /// Refused locally, with Plane's message and no request, when Plane would refuse it. An empty
    /// value (`""`, `[]`, `{}`), which Plane takes as "no value", is sent as the DELETE of
    /// [`Self::clear_value`]: a caller gives it there (the edit service does).
    pub async fn save_value(
        &self,
        project_id: &str,
        work_item_id: &str,
        property: &Property,
        value: &Json,
    ) -> Result<Saved, PlaneError> {
        let built =
            build_value_payload(property, value, &External::default()).map_err(|e| refused(&e))?;
        let Input::Set(typed) = built.typed else {
            return Err(PlaneError::BadRequest {
                message: "An empty value clears the property: send it as a clear".into(),
                fields: Vec::new(),
            });
        };
        let request =
            self.api()
                .upsert_value(project_id, work_item_id, &property.id, &built.payload);
        let check = self.saved_check(project_id, work_item_id, property, &typed);
        let reply = self.send(request, Retry::CheckFirst(check)).await?;
        let confirmed_by_check = reply.confirmed_by_check;
        let response = reply.into_success()?;
        let records = value_records(&response.body).map_err(|e| PlaneError::InvalidResponse {
            message: format!("not a value: {e}"),
        })?;
        Ok(Saved {
            value: typed,
            records,
            created: response.status == 201 && !confirmed_by_check,
            confirmed_by_check,
        })
    }

    /// Clears `property` of a work item (every value, for multi properties).
    pub async fn clear_value(
        &self,
        project_id: &str,
        work_item_id: &str,
        property_id: &str,
    ) -> Result<Cleared, PlaneError> {
        let request = self
            .api()
            .delete_value(project_id, work_item_id, property_id);
        let reply = self.send(request, Retry::Transient).await?;
        match reply.into_success() {
            Ok(_) => Ok(Cleared::Removed),
            Err(PlaneError::NotFound { message }) if names_a_missing_value(&message) => {
                Ok(Cleared::AlreadyClear)
            }
            Err(error) => Err(error),
        }
    }

    /// Reads one property's current value (`None` when unset).
    pub async fn value(
        &self,
        project_id: &str,
        work_item_id: &str,
        property: &Property,
    ) -> Result<Option<PropertyValue>, PlaneError> {
        let request = self.api().get_value(project_id, work_item_id, &property.id);
        let reply = self.send(request, Retry::Transient).await?;
        match reply.into_success() {
            Ok(response) => read_back(property, &response),
            Err(PlaneError::NotFound { message }) if names_a_missing_value(&message) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Whether Plane already holds `expected` for `property` (read back, multi ids compared as
    /// sets): the check before a save whose earlier attempt may have landed is sent again.
    pub async fn holds(
        &self,
        project_id: &str,
        work_item_id: &str,
        property: &Property,
        expected: &PropertyValue,
    ) -> Result<bool, PlaneError> {
        let found = self
            .held(project_id, work_item_id, property, expected)
            .await?;
        Ok(found.is_some())
    }

    /// The value endpoint's answer when it holds `expected`, `None` otherwise.
    async fn held(
        &self,
        project_id: &str,
        work_item_id: &str,
        property: &Property,
        expected: &PropertyValue,
    ) -> Result<Option<Response>, PlaneError> {
        let request = self.api().get_value(project_id, work_item_id, &property.id);
        let response = match self.send(request, Retry::Transient).await?.into_success() {
            Ok(response) => response,
            Err(PlaneError::NotFound { message }) if names_a_missing_value(&message) => {
                return Ok(None);
            }
            Err(error) => return Err(error),
        };
        // A value that does not read is not the one sent: send it again.
        let held = read_back(property, &response).ok().flatten();
        Ok((held.as_ref() == Some(&sorted(expected.clone()))).then_some(response))
    }

    /// The read-back run before a lost upsert is sent again: the answer when Plane already holds
    /// `expected`, `None` otherwise.
    fn saved_check(
        &self,
        project_id: &str,
        work_item_id: &str,
        property: &Property,
        expected: &PropertyValue,
    ) -> Check {
        let client = self.clone();
        let (project_id, work_item_id) = (project_id.to_owned(), work_item_id.to_owned());
        let (property, expected) = (property.clone(), expected.clone());
        Rc::new(move || {
            let client = client.clone();
            let (project_id, work_item_id) = (project_id.clone(), work_item_id.clone());
            let (property, expected) = (property.clone(), expected.clone());
            async move {
                client
                    .held(&project_id, &work_item_id, &property, &expected)
                    .await
            }
            .boxed_local()
        })
    }
}

/// Reads a value endpoint's answer as a typed value; multi values are gathered and sorted.
fn read_back(
    property: &Property,
    response: &Response,
) -> Result<Option<PropertyValue>, PlaneError> {
    let records: Vec<ValueRecord> = match decode::<Json>(response)? {
        Json::Array(items) => serde_json::from_value(Json::Array(items)),
        single => serde_json::from_value(single).map(|r| vec![r]),
    }
    .map_err(|e| PlaneError::InvalidResponse {
        message: format!("not a value: {e}"),
    })?;
    let mut items: Vec<Json> = Vec::new();
    for record in records {
        match record.value {
            Json::Array(values) => items.extend(values),
            Json::Null => {}
            value => items.push(value),
        }
    }
    if items.is_empty() {
        return Ok(None);
    }
    // A read, not a write: the value is what Plane holds even if the property became required
    // or an option was deactivated since.
    let relaxed = Property {
        is_required: false,
        ..property.clone()
    };
    let json = if property.holds_many() {
        Json::Array(items.clone())
    } else {
        items[0].clone()
    };
    let typed = match validate_value(&relaxed, &json) {
        Ok(Input::Set(value)) => value,
        Ok(Input::Clear) => return Ok(None),
        Err(_) => {
            let strings: Vec<String> = items
                .iter()
                .map(|item| match item {
                    Json::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect();
            match from_stored(property, &strings) {
                Ok(Some(value)) => value,
                Ok(None) => return Ok(None),
                Err(error) => {
                    return Err(PlaneError::InvalidResponse {
                        message: error.to_string(),
                    });
                }
            }
        }
    };
    Ok(Some(sorted(typed)))
}

/// The same value with multi ids in a fixed order, so that two sets compare equal.
fn sorted(value: PropertyValue) -> PropertyValue {
    match value {
        PropertyValue::Ids(mut ids) => {
            ids.sort();
            PropertyValue::Ids(ids)
        }
        other => other,
    }
}
