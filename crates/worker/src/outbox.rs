//! The drafts outbox: an edit is written to storage before it is sent and removed only when
//! Plane confirms it. A newer edit of the same property replaces an older pending one; an edit
//! equal to a pending one joins it instead of being sent twice. After a failure whose answer may
//! have been lost, and for every draft resumed at start-up, the value is read back first and the
//! draft dropped if Plane already holds it, so each edit is applied exactly once (a repeated
//! DELETE that finds nothing is done: the client answers `Cleared::AlreadyClear`).

use crate::delivery;
use crate::ports::PortId;
use crate::state::{Worker, now_ms, stored};
use crate::store::{self, keys};
use plane_inline_client::{Browser, Platform};
use plane_inline_core::property::Property;
use plane_inline_messages::{
    Draft, DraftId, Edit, EditStage, PortReply, Problem, RequestId, SavedValue,
};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

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

/// The drafts and who waits for them.
#[derive(Default)]
pub struct Outbox {
    drafts: RefCell<Vec<Pending>>,
    in_flight: RefCell<HashSet<DraftId>>,
    waiters: RefCell<HashMap<DraftId, Vec<Waiter>>>,
}

impl Outbox {
    /// The outbox of the drafts read from storage.
    pub fn new(drafts: Vec<Pending>) -> Self {
        Self {
            drafts: RefCell::new(drafts),
            ..Self::default()
        }
    }

    /// The drafts, oldest first.
    pub fn list(&self) -> Vec<Draft> {
        self.drafts
            .borrow()
            .iter()
            .map(|p| p.draft.clone())
            .collect()
    }

    /// Whether a draft of exactly this edit is pending.
    pub fn holds(&self, edit: &Edit) -> bool {
        self.drafts.borrow().iter().any(|p| p.draft.edit == *edit)
    }

    /// Every draft's id.
    pub fn ids(&self) -> Vec<DraftId> {
        self.drafts
            .borrow()
            .iter()
            .map(|p| p.draft.id.clone())
            .collect()
    }

    fn get(&self, id: &str) -> Option<Pending> {
        self.drafts
            .borrow()
            .iter()
            .find(|p| p.draft.id == id)
            .cloned()
    }

    /// Stores the drafts.
    pub async fn persist(&self) -> Result<(), Problem> {
        let drafts = self.drafts.borrow().clone();
        store::write(keys::DRAFTS, &drafts).await.map_err(stored)
    }

    /// Drops a draft; `false` when there was none.
    pub async fn discard(&self, id: &str) -> Result<bool, Problem> {
        let before = self.drafts.borrow().len();
        self.drafts.borrow_mut().retain(|p| p.draft.id != id);
        let found = self.drafts.borrow().len() != before;
        if found {
            self.persist().await?;
        }
        Ok(found)
    }

    /// Drops every draft the outbox holds, without storing anything (storage was emptied).
    pub fn drop_all(&self) {
        self.drafts.borrow_mut().clear();
    }

    /// Drops every draft of a connection (or all, with `None`).
    pub async fn forget(&self, connection: Option<&str>) -> Result<(), Problem> {
        self.drafts
            .borrow_mut()
            .retain(|p| connection.is_some_and(|c| p.connection != c));
        self.persist().await
    }

    fn take_waiters(&self, id: &str) -> Vec<Waiter> {
        self.waiters.borrow_mut().remove(id).unwrap_or_default()
    }

    fn add_waiter(&self, id: &str, waiter: Option<Waiter>) {
        if let Some(waiter) = waiter {
            self.waiters
                .borrow_mut()
                .entry(id.to_owned())
                .or_default()
                .push(waiter);
        }
    }
}

/// A fresh draft id.
fn new_id() -> DraftId {
    format!(
        "d{:x}{:08x}",
        now_ms() as u64,
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
}

/// How long a request may still reach Plane after it was sent: the client's per-attempt timeout.
fn in_flight_ms() -> f64 {
    plane_inline_client::SchedulerConfig::default().timeout_ms
}

impl Worker {
    /// Keeps an edit (already validated) as a draft, then sends it. `label` names the work
    /// item for the popup.
    pub async fn submit(
        self: &Rc<Self>,
        edit: Edit,
        connection: String,
        property: Property,
        label: String,
        waiter: Option<Waiter>,
    ) -> Result<(), Problem> {
        let replaced = match delivery::place(&self.outbox.drafts.borrow(), &edit) {
            delivery::Placement::Join(existing) => {
                // The same edit again (a page resending after the worker restarted): join it.
                self.outbox.add_waiter(&existing, waiter);
                self.start(existing, false);
                return Ok(());
            }
            delivery::Placement::Replace(replaced) => replaced,
        };
        let pending = Pending {
            draft: Draft {
                id: new_id(),
                property: property.display_name.clone(),
                work_item: label,
                created_ms: now_ms(),
                attempts: 0,
                last_problem: None,
                edit,
            },
            connection,
            property,
            sent_at_ms: None,
        };
        let id = pending.draft.id.clone();
        let before = self.outbox.drafts.borrow().clone();
        {
            let mut drafts = self.outbox.drafts.borrow_mut();
            // A newer edit replaces an older pending one; its waiters hear the newer outcome.
            drafts.retain(|p| !replaced.contains(&p.draft.id));
            drafts.push(pending);
            for old in replaced {
                let moved = self.outbox.take_waiters(&old);
                for w in moved {
                    self.outbox.add_waiter(&id, Some(w));
                }
            }
        }
        if let Err(problem) = self.outbox.persist().await {
            // Not kept, so not sent: the drafts stay as they were (and as stored), and whoever
            // waited for the edits this one replaced hears why (the asking page hears it below).
            *self.outbox.drafts.borrow_mut() = before;
            self.tell(&id, Err(problem.clone()));
            return Err(problem);
        }
        self.outbox.add_waiter(&id, waiter);
        self.start(id, false);
        Ok(())
    }

    /// Sends every stored draft again, reading each value back first (start-up).
    pub fn resume(self: &Rc<Self>) {
        for id in self.outbox.ids() {
            self.start(id, true);
        }
    }

    /// Sends a draft now; `waiter` hears the outcome.
    pub fn retry(self: &Rc<Self>, id: &str, waiter: Waiter) -> bool {
        if self.outbox.get(id).is_none() {
            return false;
        }
        self.outbox.add_waiter(id, Some(waiter));
        self.start(id.to_owned(), true);
        true
    }

    /// Starts delivering a draft unless it is already on its way.
    fn start(self: &Rc<Self>, id: DraftId, check_first: bool) {
        if !self.outbox.in_flight.borrow_mut().insert(id.clone()) {
            return;
        }
        let worker = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            worker.deliver(&id, check_first).await;
            worker.outbox.in_flight.borrow_mut().remove(&id);
        });
    }

    /// Sends a draft until Plane confirms it, a problem needs the user, or it is replaced.
    async fn deliver(self: &Rc<Self>, id: &str, mut check_first: bool) {
        loop {
            let Some(pending) = self.outbox.get(id) else {
                return; // replaced or discarded meanwhile
            };
            if let Some(wait) =
                delivery::wait_for_lost_attempt(pending.sent_at_ms, now_ms(), in_flight_ms())
            {
                // An attempt lost with a stopped worker may still land until its timeout has
                // passed; read back only after that, so that it is never sent twice.
                if wait > 0.0 {
                    Browser.sleep(wait).await;
                }
                check_first = true;
            }
            let outcome = self.attempt(&pending, check_first).await;
            match outcome {
                Ok(saved) => {
                    let _ = self.outbox.discard(id).await;
                    self.tell(id, Ok(saved));
                    return;
                }
                Err(problem) => {
                    let attempts = {
                        let mut drafts = self.outbox.drafts.borrow_mut();
                        let Some(found) = drafts.iter_mut().find(|p| p.draft.id == id) else {
                            return;
                        };
                        found.draft.attempts += 1;
                        found.draft.last_problem = Some(problem.clone());
                        found.sent_at_ms = None;
                        found.draft.attempts
                    };
                    let _ = self.outbox.persist().await;
                    let now = now_ms();
                    let at = match delivery::after_failure(
                        &problem,
                        attempts,
                        now,
                        js_sys::Math::random(),
                    ) {
                        delivery::AfterFailure::Keep => {
                            self.tell(id, Err(problem));
                            return; // kept for the user to retry or discard
                        }
                        delivery::AfterFailure::RetryAt(at) => at,
                    };
                    // Kept and sent again by itself: the waiting pages hear when, and later
                    // the outcome.
                    self.report(id, EditStage::Retrying { at_ms: at, problem });
                    Browser.sleep(at - now).await;
                    check_first = true;
                }
            }
        }
    }

    /// One attempt through the edit service: read back first when asked, then one upsert or
    /// one DELETE; the pages waiting for the draft hear its stages.
    async fn attempt(
        self: &Rc<Self>,
        pending: &Pending,
        check_first: bool,
    ) -> Result<SavedValue, Problem> {
        let edit = &pending.draft.edit;
        let client = self.client(&pending.connection, &edit.workspace)?;
        self.mark_sent(&pending.draft.id, Some(now_ms())).await;
        let weak = Rc::downgrade(self);
        let id = pending.draft.id.clone();
        let on_stage: Rc<dyn Fn(EditStage)> = Rc::new(move |stage| {
            if let Some(worker) = weak.upgrade() {
                worker.report(&id, stage);
            }
        });
        self.edits
            .send(&client, edit, &pending.property, check_first, on_stage)
            .await
    }

    /// Records (and stores) that an attempt of a draft is on its way, or no longer.
    async fn mark_sent(&self, id: &str, at: Option<f64>) {
        let found = {
            let mut drafts = self.outbox.drafts.borrow_mut();
            drafts
                .iter_mut()
                .find(|p| p.draft.id == id)
                .map(|p| p.sent_at_ms = at)
                .is_some()
        };
        if found {
            let _ = self.outbox.persist().await;
        }
    }

    /// Tells the pages waiting for a draft's write where it is.
    fn report(&self, id: &str, stage: EditStage) {
        let waiters = self
            .outbox
            .waiters
            .borrow()
            .get(id)
            .cloned()
            .unwrap_or_default();
        for waiter in waiters {
            if let Waiter::Write { port, request } = waiter {
                self.ports.send(
                    port,
                    &PortReply::Stage {
                        id: request,
                        stage: stage.clone(),
                    },
                );
            }
        }
    }

    /// Tells a draft's waiters its outcome.
    fn tell(&self, id: &str, result: Result<SavedValue, Problem>) {
        for waiter in self.outbox.take_waiters(id) {
            match waiter {
                Waiter::Write { port, request } => self.ports.send(
                    port,
                    &PortReply::Written {
                        id: request,
                        result: result.clone(),
                    },
                ),
                Waiter::Retry { port, request } => self.ports.send(
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
