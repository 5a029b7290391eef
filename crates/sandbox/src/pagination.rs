//! Plane's cursor pagination: `cursor=per_page:page:is_prev`, `per_page` up to 1000, and the
//! envelope `{grouped_by, sub_grouped_by, total_count, next_cursor, prev_cursor,
//! next_page_results, prev_page_results, count, total_pages, total_results, extra_stats, results}`.
//! The arithmetic follows Plane's offset paginator, quirks included (the cursor's own page size
//! sets the offset; the request's `per_page` sets the page length and the next cursor).

use crate::error::ApiError;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

// Where the sources disagree, the sandbox follows Plane's server. Plane's API docs
// (developers.plane.so, "Pagination") say 100 a page at most; Plane's Community Edition server
// (makeplane/plane at 4ca6d6c, run locally) answers 1000 a page without `per_page` (`next_cursor`
// `1000:1:0`), serves `per_page=101`, and refuses only above 1000 ("Invalid per_page value.
// Cannot exceed 1000."). The product never relies on either: core's paginator always sends a
// `per_page` of at most 100 (`plane_inline_core::cursor::MAX_PER_PAGE`).
/// The page size without `per_page`.
const DEFAULT_PER_PAGE: i64 = 1000;
/// The largest `per_page` served.
const MAX_PER_PAGE: i64 = 1000;

/// A decoded `cursor` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The page size the cursor was made with.
    pub value: i64,
    /// The page number.
    pub page: i64,
    /// Whether it points backwards (informational).
    pub is_prev: bool,
}

impl Cursor {
    /// Parses `value:page:is_prev`.
    pub fn parse(text: &str) -> Option<Self> {
        let bits: Vec<&str> = text.split(':').collect();
        let [value, page, is_prev] = bits.as_slice() else {
            return None;
        };
        Some(Self {
            value: py_int(value)?,
            page: py_int(page)?,
            is_prev: py_int(is_prev)? != 0,
        })
    }
}

/// Python's `int(str)` on the common forms: surrounding spaces, an optional sign, digits.
fn py_int(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

fn parse_error(detail: &str) -> ApiError {
    ApiError::Detail(StatusCode::BAD_REQUEST, detail.to_owned())
}

/// The page a request asks for.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    per_page: i64,
    cursor: Cursor,
}

/// The rows to fetch for a page: `limit` rows starting at `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// First row (0-based).
    pub offset: i64,
    /// How many rows to fetch (one more than a page, to know whether more exist).
    pub limit: i64,
}

impl PageRequest {
    /// Reads `per_page` and `cursor` from the query, with Plane's 400s.
    pub fn from_query(query: &HashMap<String, String>) -> Result<Self, ApiError> {
        let per_page = match query.get("per_page") {
            Some(text) => py_int(text).ok_or_else(|| parse_error("Invalid per_page parameter."))?,
            None => DEFAULT_PER_PAGE,
        };
        if per_page > MAX_PER_PAGE {
            return Err(parse_error(&format!(
                "Invalid per_page value. Cannot exceed {MAX_PER_PAGE}."
            )));
        }
        if per_page < 1 {
            return Err(parse_error("Invalid per_page parameter."));
        }
        let cursor = match query.get("cursor").filter(|c| !c.is_empty()) {
            Some(text) => {
                Cursor::parse(text).ok_or_else(|| parse_error("Invalid cursor parameter."))?
            }
            None => Cursor {
                value: 0,
                page: 0,
                is_prev: false,
            },
        };
        if cursor.value < 0 {
            return Err(parse_error("Invalid cursor parameter."));
        }
        if cursor.page.saturating_mul(cursor.value) < 0 {
            return Err(parse_error("Error in parsing"));
        }
        Ok(Self { per_page, cursor })
    }

    /// The rows to fetch.
    pub fn window(&self) -> Window {
        let offset = self.cursor.page.saturating_mul(self.cursor.value);
        let size = if self.cursor.value == 0 {
            self.per_page
        } else {
            self.cursor.value
        };
        Window {
            offset,
            limit: size + 1,
        }
    }

    /// The envelope of this page of `all` (a list read whole), each row rendered by `render`.
    pub fn of_all<T>(
        &self,
        all: &[T],
        render: impl FnMut(&T) -> Result<Value, ApiError>,
    ) -> Result<Value, ApiError> {
        let window = self.window();
        let rows = all
            .iter()
            .skip(usize::try_from(window.offset).unwrap_or(usize::MAX))
            .take(usize::try_from(window.limit).unwrap_or(usize::MAX))
            .map(render)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.envelope(rows, i64::try_from(all.len()).unwrap_or(i64::MAX)))
    }

    /// Builds the envelope from the fetched rows and the total count.
    pub fn envelope(&self, mut rows: Vec<Value>, total: i64) -> Value {
        let limit = self.per_page as usize;
        if self.cursor.value != self.per_page && rows.len() > limit + 1 {
            rows.drain(..rows.len() - (limit + 1));
        }
        let has_next = rows.len() > limit;
        rows.truncate(limit);
        let page = self.cursor.page;
        json!({
            "grouped_by": null,
            "sub_grouped_by": null,
            "total_count": total,
            "next_cursor": format!("{}:{}:0", self.per_page, page + 1),
            "prev_cursor": format!("{}:{}:1", self.per_page, page - 1),
            "next_page_results": has_next,
            "prev_page_results": page > 0,
            "count": rows.len(),
            "total_pages": (total + self.per_page - 1) / self.per_page,
            "total_results": total,
            "extra_stats": null,
            "results": rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn rows(range: std::ops::Range<i64>) -> Vec<Value> {
        range.map(|i| json!(i)).collect()
    }

    #[test]
    fn walks_pages_with_cursors() {
        let first = PageRequest::from_query(&query(&[("per_page", "20")])).unwrap();
        assert_eq!(
            first.window(),
            Window {
                offset: 0,
                limit: 21
            }
        );
        let page = first.envelope(rows(0..21), 45);
        assert_eq!(page["next_cursor"], "20:1:0");
        assert_eq!(page["prev_cursor"], "20:-1:1");
        assert_eq!(
            (page["count"].as_i64(), page["total_pages"].as_i64()),
            (Some(20), Some(3))
        );
        assert_eq!(
            (
                page["next_page_results"].as_bool(),
                page["prev_page_results"].as_bool()
            ),
            (Some(true), Some(false))
        );
        let last =
            PageRequest::from_query(&query(&[("per_page", "20"), ("cursor", "20:2:0")])).unwrap();
        assert_eq!(
            last.window(),
            Window {
                offset: 40,
                limit: 21
            }
        );
        let page = last.envelope(rows(40..45), 45);
        assert_eq!(page["next_cursor"], "20:3:0");
        assert_eq!(page["next_page_results"], false);
        assert_eq!(page["count"], 5);
    }

    #[test]
    fn refuses_bad_parameters_like_plane() {
        let detail = |pairs: &[(&str, &str)]| match PageRequest::from_query(&query(pairs)) {
            Err(ApiError::Detail(StatusCode::BAD_REQUEST, d)) => d,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            detail(&[("per_page", "1001")]),
            "Invalid per_page value. Cannot exceed 1000."
        );
        assert_eq!(
            detail(&[("per_page", "ten")]),
            "Invalid per_page parameter."
        );
        assert_eq!(detail(&[("cursor", "abc")]), "Invalid cursor parameter.");
        assert_eq!(detail(&[("cursor", "1:2")]), "Invalid cursor parameter.");
        assert_eq!(detail(&[("cursor", "20:-1:1")]), "Error in parsing");
        // Plane's server: 1000 a page without per_page, and 101 is served.
        assert_eq!(PageRequest::from_query(&query(&[])).unwrap().per_page, 1000);
        assert_eq!(
            PageRequest::from_query(&query(&[("per_page", "101")]))
                .unwrap()
                .per_page,
            101
        );
    }
}
