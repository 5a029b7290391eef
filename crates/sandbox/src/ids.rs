//! Identifiers: deterministic seed UUIDs, fresh UUIDs, and path UUIDs as Django's converter reads
//! them (ids in bodies are read as Python reads them: [`crate::python_uuid`]).

use uuid::Uuid;

/// The namespace of every seed UUID (UUIDv5 of `plane-inline-sandbox` in the URL namespace).
fn seed_namespace() -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        b"https://plane-inline.invalid/sandbox",
    )
}

/// A stable UUID for a seed record, derived from its kind and a unique name.
pub fn seed_id(kind: &str, name: &str) -> String {
    Uuid::new_v5(&seed_namespace(), format!("{kind}:{name}").as_bytes()).to_string()
}

/// A fresh random UUID, for records created through the API.
pub fn fresh_id() -> String {
    Uuid::new_v4().to_string()
}

/// Whether a path segment matches Django's `<uuid:...>` converter (lower-case, hyphenated).
pub fn is_path_uuid(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
}

/// A new API key: `plane_api_` and 32 hex characters.
pub fn fresh_api_key() -> String {
    format!("plane_api_{}", Uuid::new_v4().simple())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_ids_are_stable_and_distinct() {
        assert_eq!(seed_id("project", "DEMO"), seed_id("project", "DEMO"));
        assert_ne!(seed_id("project", "DEMO"), seed_id("project", "OPS"));
    }

    #[test]
    fn path_uuids_follow_djangos_converter() {
        assert!(is_path_uuid("0e8c3b1a-5f2d-4c4e-9a7b-1c2d3e4f5a6b"));
        assert!(!is_path_uuid("0E8C3B1A-5F2D-4C4E-9A7B-1C2D3E4F5A6B"));
        assert!(!is_path_uuid("0e8c3b1a5f2d4c4e9a7b1c2d3e4f5a6b"));
    }

    #[test]
    fn api_keys_have_planes_shape() {
        let key = fresh_api_key();
        assert!(key.starts_with("plane_api_"));
        assert_eq!(key.len(), "plane_api_".len() + 32);
    }
}
