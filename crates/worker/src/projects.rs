//! The project identifiers of each connection's workspace, which decide whether `WEB-123` in a
//! page's text is a reference: read once per connection through its client (so paced by its
//! one scheduler), shared by every page that asks meanwhile, and read again when stale.

use crate::state::{Worker, now_ms, problem};
use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use futures_util::stream::TryStreamExt;
use plane_inline_messages::Problem;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// How long a read project list is used before it is read again.
const FRESH_MS: f64 = 10.0 * 60.0 * 1000.0;

/// A project list read, finished or under way.
type Read = Shared<LocalBoxFuture<'static, Result<Rc<HashSet<String>>, Problem>>>;

/// The project identifiers of each connection, by connection id.
#[derive(Default)]
pub struct Projects {
    reads: std::cell::RefCell<HashMap<String, (f64, Read)>>,
}

impl Projects {
    /// Forgets every list (a connection or its key changed).
    pub fn clear(&self) {
        self.reads.borrow_mut().clear();
    }
}

/// The project identifiers of a connection's workspace (`WEB`, `OPS`), upper case.
pub async fn identifiers(
    worker: &Rc<Worker>,
    connection: &str,
    workspace: &str,
) -> Result<Rc<HashSet<String>>, Problem> {
    let now = now_ms();
    let fresh = worker
        .projects
        .reads
        .borrow()
        .get(connection)
        .filter(|(at, _)| now - at < FRESH_MS)
        .map(|(_, read)| read.clone());
    let read = match fresh {
        Some(read) => read,
        None => {
            let client = worker.client(connection, workspace)?;
            let read: Read = async move {
                let projects: Vec<_> = client
                    .projects()
                    .try_collect()
                    .await
                    .map_err(|e| problem(&e))?;
                Ok(Rc::new(
                    projects
                        .into_iter()
                        .map(|p| p.identifier.to_ascii_uppercase())
                        .collect(),
                ))
            }
            .boxed_local()
            .shared();
            worker
                .projects
                .reads
                .borrow_mut()
                .insert(connection.to_owned(), (now, read.clone()));
            read
        }
    };
    let result = read.await;
    if result.is_err() {
        // A failed read is not kept: the next page asks again.
        worker.projects.reads.borrow_mut().remove(connection);
    }
    result
}

/// The connections that can resolve identifiers: a key and a workspace, as `(id, workspace)`.
pub fn searchable(worker: &Worker) -> Vec<(String, String)> {
    worker
        .connections
        .borrow()
        .iter()
        .filter(|c| c.has_key() && !c.settings.workspace.is_empty())
        .map(|c| (c.settings.id.clone(), c.settings.workspace.clone()))
        .collect()
}

/// The connection and workspace whose projects include `prefix`, reading lists as needed.
pub async fn owner(worker: &Rc<Worker>, prefix: &str) -> Option<(String, String)> {
    for (connection, workspace) in searchable(worker) {
        if let Ok(known) = identifiers(worker, &connection, &workspace).await
            && known.contains(prefix)
        {
            return Some((connection, workspace));
        }
    }
    None
}
