//! Cursor-paginated lists: the page envelope, `fields`/`expand` query names, a paginator that
//! yields the next request and stops on `next_page_results`, and one page read on its own (a
//! table asks for a page at a time, starting where the last one ended).

use crate::cursor::{Cursor, CursorError, check_per_page};
use crate::error::PlaneError;
use crate::http::{Method, Request, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use thiserror::Error;

/// One page, as Plane's paginated list endpoints return it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub results: Vec<T>,
    /// The cursor of the next page; always a string, even on the last page.
    #[serde(default)]
    pub next_cursor: Option<String>,
    /// The cursor of the previous page.
    #[serde(default)]
    pub prev_cursor: Option<String>,
    /// Whether a next page exists: the only reliable end-of-list signal.
    #[serde(default)]
    pub next_page_results: bool,
    /// Whether a previous page exists.
    #[serde(default)]
    pub prev_page_results: bool,
    /// Items on this page.
    #[serde(default)]
    pub count: Option<u64>,
    /// Number of pages.
    #[serde(default)]
    pub total_pages: Option<u64>,
    /// Number of items in all pages.
    #[serde(default)]
    pub total_results: Option<u64>,
    /// Total count, as Plane reports it.
    #[serde(default)]
    pub total_count: Option<u64>,
}

/// A malformed `fields` or `expand` name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "{name:?} is not a field name: use lower-case letters, digits and underscores, starting with a letter or underscore"
)]
pub struct FieldNameError {
    /// The refused name.
    pub name: String,
}

/// Checks and joins field names for `fields=` or `expand=` (comma-separated, as Plane reads them).
pub fn field_list<S: AsRef<str>>(names: &[S]) -> Result<String, FieldNameError> {
    let mut joined = Vec::with_capacity(names.len());
    for name in names {
        let name = name.as_ref().trim();
        let mut chars = name.chars();
        let first_ok = chars
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
        let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !first_ok || !rest_ok {
            return Err(FieldNameError {
                name: name.to_owned(),
            });
        }
        if !joined.contains(&name) {
            joined.push(name);
        }
    }
    Ok(joined.join(","))
}

/// One page of a list endpoint as a request names it: where it starts (its cursor carries the
/// page size) and which fields its items carry (`fields=`, checked names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage {
    cursor: Cursor,
    fields: Option<String>,
}

impl ListPage {
    /// The page at `cursor` (page size 1..=100) with only `fields` (all when empty).
    pub fn new<S: AsRef<str>>(cursor: Cursor, fields: &[S]) -> Result<Self, PaginatorError> {
        check_per_page(u64::from(cursor.per_page))?;
        let fields = field_list(fields)?;
        Ok(Self {
            cursor,
            fields: (!fields.is_empty()).then_some(fields),
        })
    }

    /// Where the page starts.
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// The `fields=` list, comma-separated, when limited.
    pub fn fields(&self) -> Option<&str> {
        self.fields.as_deref()
    }

    /// The query, in the order a [`Paginator`] sends it: `per_page`, `cursor`, `fields`.
    pub fn query(&self) -> Vec<(String, String)> {
        let mut query = vec![
            ("per_page".to_owned(), self.cursor.per_page.to_string()),
            ("cursor".to_owned(), self.cursor.to_string()),
        ];
        if let Some(fields) = &self.fields {
            query.push(("fields".to_owned(), fields.clone()));
        }
        query
    }
}

/// Why a paginator could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PaginatorError {
    /// A page size outside 1..=100.
    #[error(transparent)]
    Cursor(#[from] CursorError),
    /// A malformed `fields` or `expand` name.
    #[error(transparent)]
    FieldName(#[from] FieldNameError),
}

/// Walks a paginated list: ask it for the next request, feed it each response, stop when done.
/// A failed response leaves it where it was, so the same page can be asked again.
#[derive(Debug, Clone)]
pub struct Paginator {
    path: String,
    cursor: Cursor,
    fields: Option<String>,
    expand: Option<String>,
    done: bool,
    pages: u32,
}

/// What one page of a paginator gave.
#[derive(Debug, Clone, PartialEq)]
pub struct PageItems<T> {
    /// The items of the page.
    pub items: Vec<T>,
    /// Whether that was the last page.
    pub done: bool,
}

/// One page read on its own: its items, where the next page starts, and how many items the
/// list holds.
#[derive(Debug, Clone, PartialEq)]
pub struct PageRead<T> {
    /// The items of the page.
    pub items: Vec<T>,
    /// The cursor of the next page; `None` when this was the last page.
    pub next: Option<Cursor>,
    /// How many items all pages hold, when the server says (`total_results`, else
    /// `total_count`).
    pub total: Option<u64>,
}

/// Reads the response to the request of the page at `at` (see [`Paginator::at`]) on its own,
/// by the rules every page follows: the list ends on `next_page_results: false` or an empty
/// page; the server's next cursor wins when it reads and moves forward, else the next page is
/// counted from `at`, at `at`'s page size.
pub fn read_page<T: DeserializeOwned>(
    at: Cursor,
    response: &Response,
) -> Result<PageRead<T>, PlaneError> {
    if !response.is_success() {
        return Err(PlaneError::from_response(response));
    }
    let page: Page<T> =
        serde_json::from_str(&response.body).map_err(|e| PlaneError::InvalidResponse {
            message: format!("not a page of results: {e}"),
        })?;
    let next = page
        .next_cursor
        .as_deref()
        .and_then(|text| text.parse::<Cursor>().ok())
        .filter(|c| !c.is_prev && c.page > at.page)
        .unwrap_or_else(|| at.next());
    let done = !page.next_page_results || page.results.is_empty();
    Ok(PageRead {
        items: page.results,
        next: (!done).then_some(Cursor {
            per_page: at.per_page,
            ..next
        }),
        total: page.total_results.or(page.total_count),
    })
}

impl Paginator {
    /// A paginator over `path` (e.g. `/api/v1/workspaces/acme/projects/`), `per_page` 1..=100.
    pub fn new(
        path: impl Into<String>,
        per_page: u32,
        fields: &[String],
        expand: &[String],
    ) -> Result<Self, PaginatorError> {
        Self::at(path, Cursor::first(per_page)?, fields, expand)
    }

    /// A paginator over `path` that starts at `cursor` (a page a previous walk gave, e.g. from
    /// a message: parse it with [`Cursor`]'s `FromStr`, which refuses malformed ones); its page
    /// size must be 1..=100.
    pub fn at(
        path: impl Into<String>,
        cursor: Cursor,
        fields: &[String],
        expand: &[String],
    ) -> Result<Self, PaginatorError> {
        check_per_page(u64::from(cursor.per_page))?;
        let non_empty = |list: String| (!list.is_empty()).then_some(list);
        Ok(Self {
            path: path.into(),
            cursor,
            fields: non_empty(field_list(fields)?),
            expand: non_empty(field_list(expand)?),
            done: false,
            pages: 0,
        })
    }

    /// Where the next request reads from (the page it asks for).
    pub fn cursor(&self) -> Cursor {
        self.cursor
    }

    /// The request for the next page, or `None` once the last page was read.
    pub fn next_request(&self) -> Option<Request> {
        if self.done {
            return None;
        }
        let mut request = Request::new(Method::Get, self.path.clone())
            .query("per_page", self.cursor.per_page.to_string())
            .query("cursor", self.cursor.to_string());
        if let Some(fields) = &self.fields {
            request = request.query("fields", fields.clone());
        }
        if let Some(expand) = &self.expand {
            request = request.query("expand", expand.clone());
        }
        Some(request)
    }

    /// Feeds the response to the last request; returns its items, or the error it carried.
    pub fn handle_response<T: DeserializeOwned>(
        &mut self,
        response: &Response,
    ) -> Result<PageItems<T>, PlaneError> {
        let page = read_page::<T>(self.cursor, response)?;
        self.pages += 1;
        match page.next {
            Some(next) => self.cursor = next,
            None => self.done = true,
        }
        Ok(PageItems {
            items: page.items,
            done: self.done,
        })
    }

    /// Whether the last page has been read.
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// How many pages have been read.
    pub fn pages_read(&self) -> u32 {
        self.pages
    }
}

/// Reads any JSON list body: a bare array, or a page envelope's `results`.
pub fn list_items<T: DeserializeOwned>(body: &str) -> Result<Vec<T>, PlaneError> {
    let json: Json = serde_json::from_str(body).map_err(|e| PlaneError::InvalidResponse {
        message: e.to_string(),
    })?;
    let items = match json {
        Json::Object(mut map) => map.remove("results").unwrap_or(Json::Null),
        other => other,
    };
    serde_json::from_value(items).map_err(|e| PlaneError::InvalidResponse {
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn page(results: Json, next_cursor: &str, more: bool) -> Response {
        Response {
            status: 200,
            headers: vec![],
            body: json!({
                "grouped_by": null, "sub_grouped_by": null, "total_count": 5,
                "next_cursor": next_cursor, "prev_cursor": "2:-1:1",
                "next_page_results": more, "prev_page_results": false,
                "count": 2, "total_pages": 3, "total_results": 5, "extra_stats": null,
                "results": results
            })
            .to_string(),
        }
    }

    #[test]
    fn walks_to_the_end_and_stops_on_next_page_results() {
        let mut p = Paginator::new("/api/v1/workspaces/demo/projects/", 2, &[], &[]).unwrap();
        let first = p.next_request().unwrap();
        assert_eq!(
            first.path_and_query(),
            "/api/v1/workspaces/demo/projects/?per_page=2&cursor=2%3A0%3A0"
        );
        let got: PageItems<u32> = p
            .handle_response(&page(json!([1, 2]), "2:1:0", true))
            .unwrap();
        assert_eq!(
            got,
            PageItems {
                items: vec![1, 2],
                done: false
            }
        );
        assert!(
            p.next_request()
                .unwrap()
                .path_and_query()
                .ends_with("cursor=2%3A1%3A0")
        );
        let _: PageItems<u32> = p
            .handle_response(&page(json!([3, 4]), "2:2:0", true))
            .unwrap();
        // The last page still carries a next_cursor string.
        let last: PageItems<u32> = p
            .handle_response(&page(json!([5]), "2:3:0", false))
            .unwrap();
        assert!(last.done && p.is_done());
        assert_eq!(p.next_request(), None);
        assert_eq!(p.pages_read(), 3);
    }

    #[test]
    fn errors_leave_the_position_unchanged() {
        let mut p = Paginator::new("/x/", 10, &[], &[]).unwrap();
        let before = p.next_request();
        let throttled = Response {
            status: 429,
            headers: vec![("Retry-After".into(), "2".into())],
            body: String::new(),
        };
        let err = p.handle_response::<Json>(&throttled).unwrap_err();
        assert_eq!(
            err,
            PlaneError::RateLimited {
                retry_after_secs: Some(2)
            }
        );
        assert_eq!(p.next_request(), before);
        let garbage = Response {
            status: 200,
            headers: vec![],
            body: "<html>".into(),
        };
        assert!(matches!(
            p.handle_response::<Json>(&garbage),
            Err(PlaneError::InvalidResponse { .. })
        ));
        assert_eq!(p.next_request(), before);
    }

    #[test]
    fn fields_and_expand() {
        let p = Paginator::new(
            "/x/",
            5,
            &["id".into(), "name".into(), "id".into()],
            &["assignees".into()],
        )
        .unwrap();
        assert_eq!(
            p.next_request().unwrap().path_and_query(),
            "/x/?per_page=5&cursor=5%3A0%3A0&fields=id%2Cname&expand=assignees"
        );
        for bad in ["", "Name", "a,b", "1st", "na-me", "x y"] {
            assert!(
                Paginator::new("/x/", 5, &[bad.to_string()], &[]).is_err(),
                "{bad}"
            );
        }
        assert!(matches!(
            Paginator::new("/x/", 101, &[], &[]),
            Err(PaginatorError::Cursor(_))
        ));
    }

    #[test]
    fn starts_at_a_given_cursor() {
        let at: Cursor = "25:3:0".parse().unwrap();
        let mut p = Paginator::at("/x/", at, &["id".into(), "type_id".into()], &[]).unwrap();
        assert_eq!(p.cursor(), at);
        assert_eq!(
            p.next_request().unwrap().path_and_query(),
            "/x/?per_page=25&cursor=25%3A3%3A0&fields=id%2Ctype_id"
        );
        let _: PageItems<u32> = p
            .handle_response(&page(json!([1]), "25:4:0", true))
            .unwrap();
        assert_eq!(p.cursor().to_string(), "25:4:0");
        // A malformed cursor from a message is refused when it is read, with core's words.
        assert_eq!(
            "25:x:0".parse::<Cursor>().unwrap_err().to_string(),
            "the page part of cursor \"25:x:0\" must be a whole number"
        );
        for per_page in [0, 101] {
            let cursor = Cursor {
                per_page,
                page: 1,
                is_prev: false,
            };
            assert_eq!(
                Paginator::at("/x/", cursor, &[], &[]).unwrap_err(),
                PaginatorError::Cursor(CursorError::PerPage(u64::from(per_page)))
            );
        }
    }

    #[test]
    fn a_list_page_asks_what_a_paginator_asks() {
        let api = crate::api::Api::new("acme", None);
        let at: Cursor = "50:2:0".parse().unwrap();
        let fields = ["id", "name", "sequence_id", "type_id"];
        let page = ListPage::new(at, &fields).unwrap();
        assert_eq!(
            (page.cursor(), page.fields()),
            (at, Some("id,name,sequence_id,type_id"))
        );
        let names: Vec<String> = fields.map(String::from).to_vec();
        let paginator = Paginator::at(api.work_items_path("p1"), at, &names, &[]).unwrap();
        let request = api.work_item_list("p1", page);
        assert_eq!(
            request.path_and_query(),
            "/api/v1/workspaces/acme/projects/p1/work-items/?per_page=50&cursor=50%3A2%3A0&fields=id%2Cname%2Csequence_id%2Ctype_id"
        );
        assert_eq!(
            Some(request.path_and_query()),
            paginator.next_request().map(|r| r.path_and_query())
        );
        let first = Paginator::new(api.projects_path(), 100, &[], &[]).unwrap();
        let all = ListPage::new::<&str>(Cursor::first(100).unwrap(), &[]).unwrap();
        assert_eq!(
            Some(api.project_list(all).path_and_query()),
            first.next_request().map(|r| r.path_and_query())
        );
        assert!(ListPage::new(at, &["Name"]).is_err());
        let wide = Cursor {
            per_page: 500,
            page: 0,
            is_prev: false,
        };
        assert_eq!(
            ListPage::new::<&str>(wide, &[]),
            Err(PaginatorError::Cursor(CursorError::PerPage(500)))
        );
    }

    #[test]
    fn reads_one_page_on_its_own() {
        let at: Cursor = "2:1:0".parse().unwrap();
        let read: PageRead<u32> = read_page(at, &page(json!([3, 4]), "2:2:0", true)).unwrap();
        assert_eq!(
            read,
            PageRead {
                items: vec![3, 4],
                next: Some("2:2:0".parse().unwrap()),
                total: Some(5)
            }
        );
        // The last page still carries a next cursor string: there is no next page.
        let last: PageRead<u32> = read_page(at, &page(json!([5]), "2:3:0", false)).unwrap();
        assert_eq!((last.items, last.next), (vec![5], None));
        // An empty page ends the list whatever the flag says.
        let empty: PageRead<u32> = read_page(at, &page(json!([]), "2:2:0", true)).unwrap();
        assert_eq!(empty.next, None);
        // A server cursor that does not read, goes back or stands still is counted instead,
        // at the page size asked for.
        for server in ["garbage", "2:0:1", "2:1:0", "2:0:0"] {
            let read: PageRead<u32> = read_page(at, &page(json!([3]), server, true)).unwrap();
            assert_eq!(
                read.next.map(|c| c.to_string()),
                Some("2:2:0".into()),
                "{server}"
            );
        }
        let read: PageRead<u32> = read_page(at, &page(json!([3]), "50:7:0", true)).unwrap();
        assert_eq!(read.next.map(|c| c.to_string()), Some("2:7:0".into()));
        let gone = Response {
            status: 404,
            headers: vec![],
            body: json!({"error": "Project not found"}).to_string(),
        };
        assert_eq!(
            read_page::<u32>(at, &gone).unwrap_err(),
            PlaneError::NotFound {
                message: "Project not found".into()
            }
        );
    }

    #[test]
    fn reads_bare_lists_and_envelopes() {
        assert_eq!(list_items::<u8>("[1,2]").unwrap(), vec![1, 2]);
        assert_eq!(list_items::<u8>(r#"{"results": [3]}"#).unwrap(), vec![3]);
        assert!(list_items::<u8>("{}").is_err());
    }
}
