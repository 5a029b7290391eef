//! The options page's requests (`OptionsRequest`): list, put, test and forget connections, and
//! list or remove the sites where references are shown.
//! Keys go in and never come out: listings carry `…abcd` only.

use crate::connections::{self, Connection};
use crate::ports::PortId;
use crate::state::{Worker, now_ms, stored};
use crate::store;
use crate::{scripts, sites};
use plane_inline_messages::{
    ConnectionSettings, OptionsReply, OptionsRequest, Problem, SetAsideSummary,
};
use std::rc::Rc;

/// Answers one request of the options port.
pub async fn options(worker: Rc<Worker>, port: PortId, request: OptionsRequest) {
    let reply = match request {
        OptionsRequest::List { id } => OptionsReply::Connections {
            id,
            result: Ok(list(&worker)),
        },
        OptionsRequest::Put {
            id,
            connection,
            key,
        } => OptionsReply::Done {
            id,
            result: put(&worker, &connection, key).await,
        },
        OptionsRequest::Test { id, connection } => OptionsReply::Tested {
            id,
            result: test(&worker, &connection).await,
        },
        OptionsRequest::Forget { id, connection } => OptionsReply::Done {
            id,
            result: forget(&worker, &connection).await,
        },
        OptionsRequest::ForgetEverything { id } => OptionsReply::Done {
            id,
            result: forget_everything(&worker).await,
        },
        OptionsRequest::Sites { id } => OptionsReply::Sites {
            id,
            result: Ok(sites::list(&worker)),
        },
        OptionsRequest::RemoveSite { id, origin } => OptionsReply::Done {
            id,
            result: sites::disable(&worker, &origin).await,
        },
        OptionsRequest::SetAside { id } => OptionsReply::SetAside {
            id,
            entries: store::set_aside_entries()
                .await
                .into_iter()
                .map(|entry| SetAsideSummary {
                    key: entry.key,
                    why: entry.why,
                    at_ms: entry.at_ms,
                })
                .collect(),
        },
        OptionsRequest::DiscardSetAside { id } => OptionsReply::Done {
            id,
            result: store::discard_set_aside().await.map_err(stored),
        },
    };
    worker.ports.send(port, &reply);
}

fn list(worker: &Worker) -> Vec<plane_inline_messages::ConnectionSummary> {
    worker
        .connections
        .borrow()
        .iter()
        .map(Connection::summary)
        .collect()
}

async fn put(
    worker: &Rc<Worker>,
    typed: &ConnectionSettings,
    key: Option<String>,
) -> Result<(), Problem> {
    let settings = connections::checked(typed)?;
    let key = key.map(|k| k.trim().to_owned()).filter(|k| !k.is_empty());
    if let Some(key) = &key {
        worker.vault.put(&settings.id, key).await.map_err(stored)?;
    }
    let kept = match &key {
        Some(key) => Some(key.clone()),
        None => worker.vault.get(&settings.id).await.map_err(stored)?,
    };
    {
        let mut list = worker.connections.borrow_mut();
        // The id is the app origin: a changed app base replaces the entry it was typed over.
        list.retain(|c| c.settings.id != settings.id && c.settings.id != typed.id);
        let fresh = Connection::new(settings.clone(), kept);
        if settings.id == connections::CLOUD_APP {
            list.insert(0, fresh);
        } else {
            list.push(fresh);
        }
        if !list.iter().any(|c| c.settings.id == connections::CLOUD_APP) {
            list.insert(0, Connection::new(connections::cloud_defaults(), None));
        }
    }
    if typed.id != settings.id && !typed.id.is_empty() {
        worker.vault.delete(&typed.id).await.map_err(stored)?;
    }
    worker.save_connections().await?;
    worker.projects.clear();
    worker.models.clear();
    scripts::sync(worker).await;
    // Drafts that waited for a key may go now.
    worker.outbox.resume();
    Ok(())
}

async fn test(worker: &Rc<Worker>, connection: &str) -> Result<String, Problem> {
    let workspace = worker
        .connections
        .borrow()
        .iter()
        .find(|c| c.settings.id == connection)
        .map(|c| c.settings.workspace.clone())
        .ok_or(Problem::KeyMissing)?;
    if workspace.is_empty() {
        return Err(Problem::WorkspaceUnavailable { workspace });
    }
    let client = worker.client(connection, &workspace)?;
    let found = client
        .check_connection(None)
        .await
        .map_err(|e| plane_inline_edit::connection_problem(&e, now_ms()))?;
    Ok(found.user.label())
}

async fn forget(worker: &Rc<Worker>, connection: &str) -> Result<(), Problem> {
    worker.vault.delete(connection).await.map_err(stored)?;
    {
        let mut list = worker.connections.borrow_mut();
        list.retain(|c| c.settings.id != connection);
        if !list.iter().any(|c| c.settings.id == connections::CLOUD_APP) {
            list.insert(0, Connection::new(connections::cloud_defaults(), None));
        }
    }
    worker.outbox.forget(Some(connection)).await?;
    worker.save_connections().await?;
    worker.projects.clear();
    worker.models.clear();
    scripts::sync(worker).await;
    Ok(())
}

/// Forgets every connection, key, draft, site and setting, whatever storage holds: each place is
/// cleared even when another fails, and what the worker holds is dropped in any case.
async fn forget_everything(worker: &Rc<Worker>) -> Result<(), Problem> {
    let keys = worker.vault.clear().await.map_err(stored);
    let entries = store::clear().await.map_err(stored);
    *worker.connections.borrow_mut() = vec![Connection::new(connections::cloud_defaults(), None)];
    worker.outbox.drop_all();
    worker.edits.forget();
    worker.tabs.clear();
    worker.sites.borrow_mut().clear();
    worker.projects.clear();
    worker.models.clear();
    scripts::sync(worker).await;
    keys.and(entries)
}
