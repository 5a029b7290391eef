//! Plane's pagination cursor, `per_page:page:is_prev` (for example `20:1:0`).

use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// The most items Plane Inline asks for per page. Plane's API docs (developers.plane.so,
/// "Pagination") give 100 as the maximum; Plane's own server serves up to 1000 (makeplane/plane's
/// paginator, seen on its Community Edition). The product keeps to the documented 100, and always
/// sends a `per_page`, so it never depends on a server's default (1000 on Plane's server).
pub const MAX_PER_PAGE: u32 = 100;

/// A position in a paginated list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cursor {
    /// Items per page, 1 to 100.
    pub per_page: u32,
    /// Zero-based page number.
    pub page: u32,
    /// Whether the cursor points backwards.
    pub is_prev: bool,
}

/// Why a cursor or page size was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CursorError {
    /// Not three `:`-separated parts.
    #[error("a cursor has three parts, per_page:page:is_prev (for example 20:1:0); got {0:?}")]
    Shape(String),
    /// A part that is not a whole number in range.
    #[error("the {part} part of cursor {cursor:?} must be a whole number")]
    Number {
        /// Which part.
        part: &'static str,
        /// The whole cursor.
        cursor: String,
    },
    /// `is_prev` other than 0 or 1.
    #[error("the is_prev part of cursor {0:?} must be 0 or 1")]
    Direction(String),
    /// A page size outside 1..=100.
    #[error("per_page must be between 1 and {MAX_PER_PAGE}; got {0}")]
    PerPage(u64),
}

impl Cursor {
    /// The first page with `per_page` items.
    pub fn first(per_page: u32) -> Result<Self, CursorError> {
        check_per_page(u64::from(per_page))?;
        Ok(Self {
            per_page,
            page: 0,
            is_prev: false,
        })
    }

    /// The page after this one.
    pub fn next(self) -> Self {
        Self {
            page: self.page.saturating_add(1),
            is_prev: false,
            ..self
        }
    }
}

/// Refuses page sizes Plane would refuse or that make no sense.
pub fn check_per_page(per_page: u64) -> Result<u32, CursorError> {
    u32::try_from(per_page)
        .ok()
        .filter(|n| (1..=MAX_PER_PAGE).contains(n))
        .ok_or(CursorError::PerPage(per_page))
}

impl FromStr for Cursor {
    type Err = CursorError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let parts: Vec<&str> = text.split(':').collect();
        let [per_page, page, is_prev] = parts.as_slice() else {
            return Err(CursorError::Shape(text.to_owned()));
        };
        let number = |part: &'static str, digits: &str| -> Result<u64, CursorError> {
            let ok = !digits.is_empty()
                && digits.len() <= 10
                && digits.bytes().all(|b| b.is_ascii_digit());
            ok.then(|| digits.parse().ok())
                .flatten()
                .ok_or_else(|| CursorError::Number {
                    part,
                    cursor: text.to_owned(),
                })
        };
        let per_page = check_per_page(number("per_page", per_page)?)?;
        let page = u32::try_from(number("page", page)?).map_err(|_| CursorError::Number {
            part: "page",
            cursor: text.to_owned(),
        })?;
        let is_prev = match *is_prev {
            "0" => false,
            "1" => true,
            _ => return Err(CursorError::Direction(text.to_owned())),
        };
        Ok(Self {
            per_page,
            page,
            is_prev,
        })
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            self.per_page,
            self.page,
            u8::from(self.is_prev)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_formats() {
        let c: Cursor = "20:1:0".parse().unwrap();
        assert_eq!(
            c,
            Cursor {
                per_page: 20,
                page: 1,
                is_prev: false
            }
        );
        assert_eq!(c.to_string(), "20:1:0");
        assert_eq!(c.next().to_string(), "20:2:0");
        assert!("100:0:1".parse::<Cursor>().unwrap().is_prev);
    }

    #[test]
    fn refuses_malformed_cursors() {
        for (text, want) in [
            ("", "three parts"),
            ("20:1", "three parts"),
            ("20:1:0:0", "three parts"),
            ("x:1:0", "per_page part"),
            ("20:-1:0", "page part"),
            ("20: 1:0", "page part"),
            ("20:1:2", "0 or 1"),
            ("0:1:0", "between 1 and 100"),
            ("101:0:0", "between 1 and 100"),
            ("20:99999999999:0", "page part"),
        ] {
            let err = text.parse::<Cursor>().unwrap_err().to_string();
            assert!(err.contains(want), "{text:?}: {err}");
        }
        assert!(
            Cursor::first(0).is_err() && Cursor::first(101).is_err() && Cursor::first(100).is_ok()
        );
    }

    proptest! {
        #[test]
        fn round_trips(per_page in 1u32..=100, page in any::<u32>(), is_prev in any::<bool>()) {
            let cursor = Cursor { per_page, page, is_prev };
            prop_assert_eq!(cursor.to_string().parse::<Cursor>(), Ok(cursor));
        }

        #[test]
        fn never_panics(text in ".{0,40}") {
            let _ = text.parse::<Cursor>();
        }
    }
}
