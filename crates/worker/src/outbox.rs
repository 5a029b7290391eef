//! The drafts outbox in the worker: the [`Courier`] (which keeps each edit before it is sent,
//! delivers it exactly once and decides nothing the tests cannot see) with the worker's storage,
//! its clients, and the pages waiting for each draft. A newer edit of the same property replaces
//! an older pending one and its waiters hear the newer outcome; an edit equal to a pending one
//! joins it. Drafts resumed at start-up are read back before anything is sent.

use crate::courier::{Clients, Courier, Keeper, Listener, Taken};
use crate::ports::PortId;
use crate::state::{Worker, stored};
use crate::store::{self, keys};
use futures_util::future::LocalBoxFuture;
use plane_inline_client::Browser;
use plane_inline_core::property::Property;
use plane_inline_edit::EditService;
use plane_inline_messages::{
    Draft, DraftId, Edit, EditStage, PortReply, Problem, RequestId, SavedValue,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

pub use crate::saved::Pending;

/// Who waits for a draft's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiter {
    /// A panel's write: gets stage reports and `Written`.
    Write {
        /// The port.
        port: PortId,
        /// The write's request id.
        request: RequestId,
    },
    /// A popup's retry: gets `DraftDone`.
    Retry {
        /// The port.
        port: PortId,
        /// The retry's request id.
        request: RequestId,
    },
}

/// The worker, once it exists (the outbox is made while the worker is loaded).
type WorkerCell = Rc<RefCell<Weak<Worker>>>;

/// Stores the drafts in extension storage.
struct Storage;

impl Keeper for Storage {
    fn keep(&self, drafts: Vec<Pending>) -> LocalBoxFuture<'static, Result<(), Problem>> {
        Box::pin(async move { store::write(keys::DRAFTS, &drafts).await.map_err(stored) })
    }
}

/// The pages waiting for each draft.
#[derive(Default)]
struct Waiters {
    worker: WorkerCell,
    by_draft: RefCell<HashMap<DraftId, Vec<Waiter>>>,
}

impl Waiters {
    fn add(&self, id: &str, waiter: Option<Waiter>) {
        if let Some(waiter) = waiter {
            self.by_draft
                .borrow_mut()
                .entry(id.to_owned())
                .or_default()
                .push(waiter);
        }
    }

    fn take(&self, id: &str) -> Vec<Waiter> {
        self.by_draft.borrow_mut().remove(id).unwrap_or_default()
    }
}

impl Listener for Waiters {
    fn stage(&self, id: &str, stage: EditStage) {
        let Some(worker) = self.worker.borrow().upgrade() else {
            return;
        };
        let waiters = self.by_draft.borrow().get(id).cloned().unwrap_or_default();
        for waiter in waiters {
            if let Waiter::Write { port, request } = waiter {
                worker.ports.send(
                    port,
                    &PortReply::Stage {
                        id: request,
                        stage: stage.clone(),
                    },
                );
            }
        }
    }

    fn outcome(&self, id: &str, result: Result<SavedValue, Problem>) {
        let Some(worker) = self.worker.borrow().upgrade() else {
            return;
        };
        for waiter in self.take(id) {
            match waiter {
                Waiter::Write { port, request } => worker.ports.send(
                    port,
                    &PortReply::Written {
                        id: request,
                        result: result.clone(),
                    },
                ),
                Waiter::Retry { port, request } => worker.ports.send(
                    port,
                    &PortReply::DraftDone {
                        id: request,
                        result: result.clone().map(|_| ()),
                    },
                ),
            }
        }
    }
}

/// The drafts, their delivery, and who waits for them.
pub struct Outbox {
    courier: Rc<Courier>,
    waiters: Rc<Waiters>,
}

impl Outbox {
    /// The outbox of the drafts read from storage, sent through `edits`; it works once
    /// [`Outbox::bind`] has named its worker.
    pub fn new(drafts: Vec<Pending>, edits: EditService) -> Self {
        let waiters = Rc::new(Waiters::default());
        let worker = Rc::clone(&waiters.worker);
        let clients: Clients = Rc::new(move |connection, workspace| {
            let worker = worker.borrow().upgrade().ok_or(Problem::Cancelled)?;
            worker.client(connection, workspace)
        });
        let listener: Rc<dyn Listener> = waiters.clone();
        let courier = Courier::new(
            drafts,
            edits,
            (Rc::new(Storage), listener),
            clients,
            Rc::new(Browser),
            plane_inline_client::SchedulerConfig::default().timeout_ms,
        );
        Self {
            courier: Rc::new(courier),
            waiters,
        }
    }

    /// Names the worker whose clients and pages the outbox uses.
    pub fn bind(&self, worker: Weak<Worker>) {
        *self.waiters.worker.borrow_mut() = worker;
    }

    /// The drafts, oldest first.
    pub fn list(&self) -> Vec<Draft> {
        self.courier.list()
    }

    /// Whether a draft of exactly this edit is pending.
    pub fn holds(&self, edit: &Edit) -> bool {
        self.courier.holds(edit)
    }

    /// Stores the drafts.
    pub async fn persist(&self) -> Result<(), Problem> {
        self.courier.persist().await
    }

    /// Drops a draft; `false` when there was none.
    pub async fn discard(&self, id: &str) -> Result<bool, Problem> {
        self.courier.discard(id).await
    }

    /// Drops every draft, without storing anything (storage was emptied).
    pub fn drop_all(&self) {
        self.courier.drop_all();
    }

    /// Drops every draft of a connection (or all, with `None`).
    pub async fn forget(&self, connection: Option<&str>) -> Result<(), Problem> {
        self.courier.forget(connection).await
    }

    /// Starts delivering a draft unless it is already on its way.
    fn start(&self, id: DraftId, check_first: bool) {
        let courier = Rc::clone(&self.courier);
        wasm_bindgen_futures::spawn_local(async move {
            courier.deliver(&id, check_first).await;
        });
    }

    /// Keeps an edit (already checked) as a draft, then sends it; `label` names the work item
    /// for the popup, and `waiter` hears the outcome (with the waiters of the drafts it replaced).
    /// An edit a page sent `again` after the worker stopped, and that joins no pending draft, may
    /// have been delivered by the stopped worker already (its draft resumed and done before the
    /// page reconnected): its value is read back before it is sent, so it lands once.
    pub async fn submit(
        &self,
        edit: Edit,
        connection: String,
        property: Property,
        label: String,
        waiter: Option<Waiter>,
        again: bool,
    ) -> Result<(), Problem> {
        match self.courier.take(edit, connection, property, label).await? {
            Taken::Joined(existing) => {
                // The same edit again (a page resending after the worker restarted).
                self.waiters.add(&existing, waiter);
                self.start(existing, false);
            }
            Taken::Added { id, replaced } => {
                for old in replaced {
                    for moved in self.waiters.take(&old) {
                        self.waiters.add(&id, Some(moved));
                    }
                }
                self.waiters.add(&id, waiter);
                self.start(id, again);
            }
        }
        Ok(())
    }

    /// Sends every stored draft again, reading each value back first (start-up, or after the
    /// connections changed).
    pub fn resume(&self) {
        for id in self.courier.ids() {
            self.start(id, true);
        }
    }

    /// Sends a draft now; `waiter` hears the outcome. `false` when there is no such draft.
    pub fn retry(&self, id: &str, waiter: Waiter) -> bool {
        if self.courier.get(id).is_none() {
            return false;
        }
        self.waiters.add(id, Some(waiter));
        self.start(id.to_owned(), true);
        true
    }
}
