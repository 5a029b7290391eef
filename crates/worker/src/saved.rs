//! What the worker keeps between runs, as it is stored: each entry in a versioned envelope, every
//! earlier format read and migrated, and whatever cannot be read set aside with the reason,
//! never fatal and never lost. Lists are read item by item, so one damaged draft or connection
//! does not take the others with it.
//!
//! Formats:
//! - 1 (every release before this one): the entry's JSON as it is (`[...]`, `true`, `{...}`).
//! - 2: `{"version": 2, "data": <the same JSON>}`.
//!
//! An entry written by a newer version (a format above [`VERSION`]) is set aside, not guessed at.

use plane_inline_core::property::Property;
use plane_inline_messages::Draft;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// The format this version writes.
pub const VERSION: u64 = 2;

/// A draft as stored: the edit, the connection it goes through, and its property's definition
/// (so that it can be checked and sent again after a restart without loading anything).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// The draft as the popup lists it.
    pub draft: Draft,
    /// The connection's id.
    pub connection: String,
    /// The property.
    pub property: Property,
    /// When the last attempt left for Plane (stored before it left), if its outcome was never
    /// heard (the worker stopped meanwhile).
    #[serde(default)]
    pub sent_at_ms: Option<f64>,
}

/// Something stored that could not be read, kept as it was, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAside {
    /// The storage key it was under.
    pub key: String,
    /// Why it could not be read.
    pub why: String,
    /// The stored text (a whole entry, or one item of a list).
    pub text: String,
    /// When it was set aside (Unix milliseconds).
    pub at_ms: f64,
}

/// The envelope of the current format.
#[derive(Serialize)]
struct Envelope<'a, T> {
    version: u64,
    data: &'a T,
}

/// Stores `data` in the current format.
pub fn encode<T: Serialize>(data: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(&Envelope {
        version: VERSION,
        data,
    })
}

/// The JSON of an entry's data, whatever format it was stored in.
fn data_of(text: &str) -> Result<Json, String> {
    let json: Json = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let enveloped = json.as_object().filter(|o| {
        o.len() == 2 && o.contains_key("data") && o.get("version").is_some_and(Json::is_u64)
    });
    let Some(envelope) = enveloped else {
        // Format 1: the data itself.
        return Ok(json);
    };
    match envelope.get("version").and_then(Json::as_u64) {
        Some(VERSION) => Ok(envelope.get("data").cloned().unwrap_or(Json::Null)),
        Some(newer) if newer > VERSION => Err(format!(
            "stored by a newer version of Plane Inline (format {newer})"
        )),
        other => Err(format!("unknown format {other:?}")),
    }
}

/// Reads a stored entry as `T`, in any format this version knows.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_value(data_of(text)?).map_err(|e| e.to_string())
}

/// A list read item by item: the items that read, and each one that does not (its JSON text and
/// why).
pub type ReadList<T> = (Vec<T>, Vec<(String, String)>);

/// Reads a stored list item by item: the items that read as `T` and pass `check`, and each one
/// that does not, as its JSON text with the reason. `Err` when the entry is not a list at all.
pub fn decode_list<T: DeserializeOwned>(
    text: &str,
    check: impl Fn(&T) -> Result<(), String>,
) -> Result<ReadList<T>, String> {
    let Json::Array(items) = data_of(text)? else {
        return Err("not a list".into());
    };
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for item in items {
        let read = serde_json::from_value::<T>(item.clone())
            .map_err(|e| e.to_string())
            .and_then(|value| check(&value).map(|()| value));
        match read {
            Ok(value) => good.push(value),
            Err(why) => bad.push((item.to_string(), why)),
        }
    }
    Ok((good, bad))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use plane_inline_messages::ConnectionSettings;
    use serde_json::json;

    fn draft_json(id: &str) -> Json {
        json!({
            "draft": {
                "id": id,
                "edit": {"workspace": "demo", "project_id": "p", "work_item_id": "w",
                         "property_id": "x", "value": 5},
                "property": "Story Points", "work_item": "DEMO-1", "created_ms": 1.0,
                "attempts": 0, "last_problem": null
            },
            "connection": "https://app.plane.so",
            "property": {"id": "x", "display_name": "Story Points", "property_type": "DECIMAL"}
        })
    }

    #[test]
    fn every_earlier_format_of_every_entry_reads() {
        // Format 1, as every release before versioning wrote them.
        let drafts = json!([draft_json("d1")]).to_string();
        let (read, bad) = decode_list::<Pending>(&drafts, |_| Ok(())).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].sent_at_ms, None);
        assert!(bad.is_empty());
        let connections = json!([{"id": "https://app.plane.so", "api_base": "https://api.plane.so",
                                  "app_base": "https://app.plane.so", "workspace": "acme"}]);
        let (read, _) =
            decode_list::<ConnectionSettings>(&connections.to_string(), |_| Ok(())).unwrap();
        assert_eq!(read[0].workspace, "acme");
        assert_eq!(decode::<bool>("true"), Ok(true));
        assert_eq!(
            decode::<Vec<String>>(r#"["https://chat.example"]"#),
            Ok(vec!["https://chat.example".to_owned()])
        );
        let keys = decode::<std::collections::BTreeMap<String, String>>(
            r#"{"https://app.plane.so": "plane_api_x"}"#,
        )
        .unwrap();
        assert_eq!(keys["https://app.plane.so"], "plane_api_x");
    }

    #[test]
    fn the_current_format_round_trips() {
        let text = encode(&vec!["https://chat.example".to_owned()]).unwrap();
        assert_eq!(text, r#"{"version":2,"data":["https://chat.example"]}"#);
        assert_eq!(
            decode::<Vec<String>>(&text),
            Ok(vec!["https://chat.example".to_owned()])
        );
        assert_eq!(decode::<bool>(&encode(&false).unwrap()), Ok(false));
    }

    #[test]
    fn a_newer_format_or_damage_is_reported_not_guessed() {
        assert_eq!(
            decode::<bool>(r#"{"version": 3, "data": true}"#),
            Err("stored by a newer version of Plane Inline (format 3)".into())
        );
        assert_eq!(
            decode::<bool>("tru"),
            Err("not JSON: EOF while parsing a value at line 1 column 3".into())
        );
        assert_eq!(
            decode_list::<String>("true", |_| Ok(())),
            Err("not a list".into())
        );
    }

    #[test]
    fn one_bad_item_is_set_aside_and_the_others_kept() {
        let text = encode(&json!([
            draft_json("d1"),
            {"draft": "damaged"},
            draft_json("d3")
        ]))
        .unwrap();
        let (good, bad) = decode_list::<Pending>(&text, |p| {
            if p.draft.id == "d3" {
                Err("refused by the check".into())
            } else {
                Ok(())
            }
        })
        .unwrap();
        assert_eq!(good.len(), 1);
        assert_eq!(good[0].draft.id, "d1");
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].0, r#"{"draft":"damaged"}"#);
        assert_eq!(
            bad[0].1,
            "invalid type: string \"damaged\", expected struct Draft"
        );
        assert_eq!(bad[1].1, "refused by the check");
    }
}
