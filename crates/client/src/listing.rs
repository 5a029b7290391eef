//! Paginated lists as async streams: projects, a project's work items, or any list endpoint,
//! page after page through core's [`Paginator`], each page paced by the scheduler like any
//! other request. A failed page ends the stream with its error.

use crate::client::PlaneClient;
use futures_util::stream::{self, Stream, StreamExt};
use plane_inline_core::error::PlaneError;
use plane_inline_core::page::{Paginator, PaginatorError};
use plane_inline_core::workspace::{Project, WorkItem};
use serde::de::DeserializeOwned;

/// Page size and fields of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOptions {
    /// Items per page, 1 to 100.
    pub per_page: u32,
    /// Only these fields (`fields=`); all when empty.
    pub fields: Vec<String>,
    /// Related objects to expand (`expand=`).
    pub expand: Vec<String>,
}

impl Default for ListOptions {
    fn default() -> Self {
        Self {
            per_page: 100,
            fields: Vec::new(),
            expand: Vec::new(),
        }
    }
}

/// A listing Plane would refuse (page size, field names), refused here with its reason.
pub(crate) fn refused(error: &PaginatorError) -> PlaneError {
    PlaneError::BadRequest {
        message: error.to_string(),
        fields: Vec::new(),
    }
}

impl PlaneClient {
    /// Every project of the workspace.
    pub fn projects(&self) -> impl Stream<Item = Result<Project, PlaneError>> + use<> {
        self.list(self.api().projects_path(), &ListOptions::default())
    }

    /// Every work item of a project.
    pub fn work_items(
        &self,
        project_id: &str,
    ) -> impl Stream<Item = Result<WorkItem, PlaneError>> + use<> {
        self.list(
            self.api().work_items_path(project_id),
            &ListOptions::default(),
        )
    }

    /// Every item of a paginated list endpoint at `path`.
    pub fn list<T: DeserializeOwned + 'static>(
        &self,
        path: String,
        options: &ListOptions,
    ) -> impl Stream<Item = Result<T, PlaneError>> + use<T> {
        self.pages(path, options).flat_map(|page| {
            let items: Vec<Result<T, PlaneError>> = match page {
                Ok(items) => items.into_iter().map(Ok).collect(),
                Err(error) => vec![Err(error)],
            };
            stream::iter(items)
        })
    }

    /// The pages of a paginated list endpoint at `path`.
    pub fn pages<T: DeserializeOwned + 'static>(
        &self,
        path: String,
        options: &ListOptions,
    ) -> impl Stream<Item = Result<Vec<T>, PlaneError>> + use<T> {
        let start = Paginator::new(path, options.per_page, &options.fields, &options.expand);
        let client = self.clone();
        stream::unfold(Some(start), move |state| {
            let client = client.clone();
            async move {
                let mut paginator = match state? {
                    Ok(paginator) => paginator,
                    Err(error) => return Some((Err(refused(&error)), None)),
                };
                let request = paginator.next_request()?;
                let page = match client.read(request).await {
                    Ok(response) => paginator.handle_response::<T>(&response),
                    Err(error) => Err(error),
                };
                match page {
                    Ok(page) => Some((Ok(page.items), Some(Ok(paginator)))),
                    Err(error) => Some((Err(error), None)),
                }
            }
        })
    }
}
