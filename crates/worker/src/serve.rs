//! The panel's, popup's and table page's requests (`PortRequest`), answered with `PortReply`. Every request is
//! untrusted: its shape was read with serde, and the edit service checks an edit again before it
//! is kept or sent.

use crate::outbox::Waiter;
use crate::ports::PortId;
use crate::state::Worker;
use crate::{references, sites};
use futures_util::future::abortable;
use plane_inline_core::web_url::AppBase;
use plane_inline_core::work_item::WorkItemRef;
use plane_inline_messages::{
    Edit, PanelModel, PortReply, PortRequest, Problem, ProjectPage, ReferenceCommand, RowValues,
    RowsPage, RowsRequest, TableModel, TableTarget, Target,
};
use std::rc::Rc;

/// Answers one request of a panel or popup port.
pub async fn panel(worker: Rc<Worker>, port: PortId, request: PortRequest) {
    // A panel that connected again after the worker restarted sends its waiting write again
    // before it loaded anything: it joins the draft already kept, so it is allowed.
    let resent = matches!(&request, PortRequest::Write { edit, .. } if worker.outbox.holds(edit));
    if !resent && !worker.ports.allows(port, &request) && !adopted(&worker, port, &request).await {
        worker.ports.send(
            port,
            &PortReply::Refused {
                id: Some(request.id()),
                problem: Problem::BadMessage {
                    detail: "a panel in a page may only read and edit its own work item".into(),
                },
            },
        );
        return;
    }
    let reply = match request {
        PortRequest::Recognise { id, url } => PortReply::Recognised {
            id,
            result: recognise(&worker, port, &url),
        },
        PortRequest::Open { id, text } => PortReply::Recognised {
            id,
            result: open(&worker, port, &text),
        },
        PortRequest::Load { id, target } => {
            let Some(result) = load_for(&worker, port, &target).await else {
                return; // the port went: nobody to answer
            };
            if let Ok(model) = &result {
                worker.ports.set_loaded(port, &model.work_item.id);
            }
            PortReply::Loaded { id, result }
        }
        PortRequest::Write { id, edit, again } => {
            match write(&worker, port, (id, again), edit).await {
                Ok(()) => return, // the outbox answers when Plane does
                Err(problem) => PortReply::Written {
                    id,
                    result: Err(problem),
                },
            }
        }
        PortRequest::SearchMembers { id, workspace, .. } => PortReply::Members {
            id,
            result: members(&worker, port, &workspace).await,
        },
        PortRequest::SearchWorkItems {
            id,
            workspace,
            query,
        } => PortReply::WorkItems {
            id,
            result: search(&worker, port, &workspace, &query).await,
        },
        PortRequest::Drafts { id } => PortReply::Drafts {
            id,
            drafts: worker.outbox.list(),
        },
        PortRequest::RetryDraft { id, draft } => {
            if worker
                .outbox
                .retry(&draft, Waiter::Retry { port, request: id })
            {
                return; // answered when the attempt ends
            }
            PortReply::DraftDone {
                id,
                result: Err(gone(&draft)),
            }
        }
        PortRequest::DiscardDraft { id, draft } => PortReply::DraftDone {
            id,
            result: match worker.outbox.discard(&draft).await {
                Ok(true) => Ok(()),
                Ok(false) => Err(gone(&draft)),
                Err(problem) => Err(problem),
            },
        },
        PortRequest::Site { id, url } => PortReply::Site {
            id,
            result: sites::site_of(&worker, &url),
        },
        PortRequest::EnableSite { id, tab, url } => PortReply::Site {
            id,
            result: sites::enable(&worker, tab, &url).await,
        },
        PortRequest::DisableSite { id, origin } => PortReply::Site {
            id,
            result: match sites::disable(&worker, &origin).await {
                Ok(()) => sites::site_of(&worker, &origin),
                Err(problem) => Err(problem),
            },
        },
        PortRequest::RecogniseProject { id, url } => PortReply::ProjectRecognised {
            id,
            result: recognise_project(&worker, port, &url).await,
        },
        PortRequest::Table { id, target } => PortReply::Table {
            id,
            result: table(&worker, port, &target).await,
        },
        PortRequest::Rows { id, request } => PortReply::Rows {
            id,
            result: rows(&worker, port, &request).await,
        },
        PortRequest::RowValues {
            id,
            workspace,
            project_id,
            work_item_id,
        } => PortReply::RowValues {
            id,
            result: row_values(&worker, port, &workspace, &project_id, &work_item_id).await,
        },
        PortRequest::CloseCard { id } => {
            if let Some(tab) = worker.ports.card_tab(port) {
                references::command(tab, &ReferenceCommand::CloseCard).await;
            }
            PortReply::Done { id }
        }
    };
    worker.ports.send(port, &reply);
}

/// A write from an in-page panel or card that connected again after the worker restarted: its
/// new port has loaded nothing yet (the page still shows the model it had). The work item the
/// worker told it to show is named by id, or was loaded before under its identifier; only when
/// neither is known (a new worker) is it loaded now. The write is judged against that.
async fn adopted(worker: &Rc<Worker>, port: PortId, request: &PortRequest) -> bool {
    let (PortRequest::Write { .. }, Some(target)) = (request, worker.ports.shown(port)) else {
        return false;
    };
    let known = match &target.item {
        WorkItemRef::Id { work_item_id, .. } => Some(work_item_id.clone()),
        WorkItemRef::Identifier { identifier } => {
            worker.edits.work_item_labelled(&identifier.to_string())
        }
    };
    let shown = match known {
        Some(id) => Some(id),
        None => match load_for(worker, port, &target).await {
            Some(Ok(model)) => Some(model.work_item.id),
            _ => None,
        },
    };
    if let Some(id) = shown {
        worker.ports.set_loaded(port, &id);
    }
    worker.ports.allows(port, request)
}

fn gone(draft: &str) -> Problem {
    Problem::NotFound {
        message: format!("no draft {draft}"),
    }
}

fn recognise(worker: &Worker, port: PortId, url: &str) -> Result<Target, Problem> {
    // Nothing is connected yet (a first run): say so, whatever the page.
    if !worker.connections.borrow().iter().any(|c| c.has_key()) {
        return Err(Problem::KeyMissing);
    }
    let (connection, page) = worker.page(url).ok_or(Problem::NoWorkItem)?;
    let target = page?;
    worker.ports.set_connection(port, &connection);
    Ok(target)
}

/// A URL, or an identifier in the workspace of the first connection with a key.
fn open(worker: &Worker, port: PortId, text: &str) -> Result<Target, Problem> {
    let text = text.trim();
    if text.contains("://") {
        return recognise(worker, port, text);
    }
    let connection = worker.pick("", worker.ports.connection(port).as_deref());
    let workspace = worker
        .connections
        .borrow()
        .iter()
        .find(|c| c.settings.id == connection)
        .map(|c| c.settings.workspace.clone())
        .unwrap_or_default();
    if workspace.is_empty() {
        return Err(Problem::KeyMissing);
    }
    let target = Target::identifier(&workspace, text).ok_or(Problem::NoWorkItem)?;
    worker.ports.set_connection(port, &connection);
    Ok(target)
}

fn chosen(worker: &Worker, port: PortId, workspace: &str) -> String {
    worker.pick(workspace, worker.ports.connection(port).as_deref())
}

/// Loads a panel model for a port. A card's model comes from the short-lived cache when fresh,
/// and its load stops if the card closes first (`None`: the port went).
async fn load_for(
    worker: &Rc<Worker>,
    port: PortId,
    target: &Target,
) -> Option<Result<PanelModel, Problem>> {
    if worker.ports.card_tab(port).is_none() {
        return Some(load(worker, port, target).await);
    }
    let connection = chosen(worker, port, &target.workspace);
    if let Some(model) = worker.models.get(&connection, target) {
        return Some(Ok(model));
    }
    let (run, handle) = abortable(load(worker, port, target));
    if !worker.ports.track(port, handle) {
        return None;
    }
    let result = run.await.ok()?;
    if let Ok(model) = &result {
        worker.models.put(&connection, target, model);
    }
    Some(result)
}

async fn load(worker: &Rc<Worker>, port: PortId, target: &Target) -> Result<PanelModel, Problem> {
    let connection = chosen(worker, port, &target.workspace);
    let client = worker.client(&connection, &target.workspace)?;
    let app_base = app_of(worker, &connection);
    worker.edits.load(&client, target, app_base.as_ref()).await
}

/// Plane's web app of a connection, when known.
fn app_of(worker: &Worker, connection: &str) -> Option<AppBase> {
    worker
        .connections
        .borrow()
        .iter()
        .find(|c| c.settings.id == connection)
        .and_then(|c| c.app().cloned())
}

/// The project of the popup's active tab's page, with its label, under the connection whose web
/// app the page is on (remembered for the port, as [`recognise`] does).
async fn recognise_project(
    worker: &Rc<Worker>,
    port: PortId,
    url: &str,
) -> Result<ProjectPage, Problem> {
    if !worker.connections.borrow().iter().any(|c| c.has_key()) {
        return Err(Problem::KeyMissing);
    }
    let found = worker
        .connections
        .borrow()
        .iter()
        .find_map(|c| Some((c.settings.id.clone(), c.project_of(url)?)));
    let (connection, target) = found.ok_or(Problem::NoWorkItem)?;
    worker.ports.set_connection(port, &connection);
    let client = worker.client(&connection, &target.workspace)?;
    worker.edits.project_page(&client, target).await
}

async fn table(
    worker: &Rc<Worker>,
    port: PortId,
    target: &TableTarget,
) -> Result<TableModel, Problem> {
    let connection = chosen(worker, port, &target.workspace);
    let client = worker.client(&connection, &target.workspace)?;
    let app_base = app_of(worker, &connection);
    worker.edits.table(&client, target, app_base.as_ref()).await
}

async fn rows(
    worker: &Rc<Worker>,
    port: PortId,
    request: &RowsRequest,
) -> Result<RowsPage, Problem> {
    let connection = chosen(worker, port, &request.workspace);
    let client = worker.client(&connection, &request.workspace)?;
    worker.edits.rows(&client, request).await
}

async fn row_values(
    worker: &Rc<Worker>,
    port: PortId,
    workspace: &str,
    project_id: &str,
    work_item_id: &str,
) -> Result<RowValues, Problem> {
    let connection = chosen(worker, port, workspace);
    let client = worker.client(&connection, workspace)?;
    worker
        .edits
        .row_values(&client, project_id, work_item_id)
        .await
}

/// Checks an edit with the edit service and keeps it as a draft, which the outbox sends; `again`:
/// the page sent it again after the worker stopped.
async fn write(
    worker: &Rc<Worker>,
    port: PortId,
    (request, again): (u32, bool),
    edit: Edit,
) -> Result<(), Problem> {
    let connection = chosen(worker, port, &edit.workspace);
    let client = worker.client(&connection, &edit.workspace)?;
    let property = worker.edits.prepare(&client, &edit).await?;
    worker.models.forget(&edit.work_item_id);
    let label = worker
        .edits
        .label(&edit.work_item_id)
        .unwrap_or_else(|| edit.work_item_id.clone());
    worker
        .outbox
        .submit(
            edit,
            connection,
            property,
            label,
            Some(Waiter::Write { port, request }),
            again,
        )
        .await
}

async fn members(
    worker: &Rc<Worker>,
    port: PortId,
    workspace: &str,
) -> Result<Vec<plane_inline_core::workspace::Member>, Problem> {
    let connection = chosen(worker, port, workspace);
    let client = worker.client(&connection, workspace)?;
    worker.edits.members(&client).await
}

async fn search(
    worker: &Rc<Worker>,
    port: PortId,
    workspace: &str,
    query: &str,
) -> Result<Vec<plane_inline_core::workspace::SearchHit>, Problem> {
    let connection = chosen(worker, port, workspace);
    let client = worker.client(&connection, workspace)?;
    worker.edits.search_work_items(&client, query).await
}
