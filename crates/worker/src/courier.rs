//! The outbox's delivery, on any platform: the drafts, kept (through a [`Keeper`]) before they
//! are sent and until Plane confirms them, each sent through the edit service until it lands, a
//! problem needs the person, or a newer edit replaces it. Its decisions are
//! [`delivery`](crate::delivery)'s; its clock, timers and randomness are the client's platform,
//! so the worker runs it in the browser and the tests run it on the client's virtual clock, the
//! worker stopping at every step.

use crate::delivery::{self, AfterFailure, Placement};
use crate::saved::Pending;
use futures_util::future::LocalBoxFuture;
use plane_inline_client::{Hold, PlaneClient, Platform, Progress};
use plane_inline_edit::EditService;
use plane_inline_messages::{Draft, DraftId, Edit, EditStage, Problem, SavedValue};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// Where the drafts are kept between runs (extension storage in the worker).
pub trait Keeper {
    /// Stores the whole list of drafts.
    fn keep(&self, drafts: Vec<Pending>) -> LocalBoxFuture<'static, Result<(), Problem>>;
}

/// Who hears where a draft is (the waiting pages, in the worker).
pub trait Listener {
    /// A draft's write is at `stage`.
    fn stage(&self, id: &str, stage: EditStage);
    /// A draft ended: saved (and dropped), or kept with the problem that needs the person.
    fn outcome(&self, id: &str, result: Result<SavedValue, Problem>);
}

/// The client of a connection for a workspace.
pub type Clients = Rc<dyn Fn(&str, &str) -> Result<PlaneClient, Problem>>;

/// How a new edit was taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// An equal edit was pending: it joined that draft.
    Joined(DraftId),
    /// Kept as a new draft, replacing these older drafts of the same property.
    Added {
        /// The new draft.
        id: DraftId,
        /// The drafts it replaced.
        replaced: Vec<DraftId>,
    },
}

/// The drafts and their delivery.
pub struct Courier {
    drafts: Rc<RefCell<Vec<Pending>>>,
    in_flight: RefCell<HashSet<DraftId>>,
    edits: EditService,
    keeper: Rc<dyn Keeper>,
    listener: Rc<dyn Listener>,
    clients: Clients,
    platform: Rc<dyn Platform>,
    /// How long an attempt may still reach Plane after it was sent (the client's timeout).
    timeout_ms: f64,
}

impl Courier {
    /// A courier of `drafts` (as read from storage).
    pub fn new(
        drafts: Vec<Pending>,
        edits: EditService,
        (keeper, listener): (Rc<dyn Keeper>, Rc<dyn Listener>),
        clients: Clients,
        platform: Rc<dyn Platform>,
        timeout_ms: f64,
    ) -> Self {
        Self {
            drafts: Rc::new(RefCell::new(drafts)),
            in_flight: RefCell::default(),
            edits,
            keeper,
            listener,
            clients,
            platform,
            timeout_ms,
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

    /// A draft by id.
    pub fn get(&self, id: &str) -> Option<Pending> {
        self.drafts
            .borrow()
            .iter()
            .find(|p| p.draft.id == id)
            .cloned()
    }

    /// Stores the drafts.
    pub async fn persist(&self) -> Result<(), Problem> {
        let drafts = self.drafts.borrow().clone();
        self.keeper.keep(drafts).await
    }

    /// A fresh draft id.
    fn new_id(&self) -> DraftId {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (time, noise) = (
            self.platform.now_ms() as u64,
            (self.platform.random() * f64::from(u32::MAX)) as u32,
        );
        format!("d{time:x}{noise:08x}")
    }

    /// Takes a new edit (already checked) of `property` through `connection`; `label` names the
    /// work item. It joins an equal pending draft, or is kept (stored) as a new draft that
    /// replaces the pending ones of its property. Nothing changes when it cannot be stored.
    pub async fn take(
        &self,
        edit: Edit,
        connection: String,
        property: plane_inline_core::property::Property,
        label: String,
    ) -> Result<Taken, Problem> {
        let replaced = match delivery::place(&self.drafts.borrow(), &edit) {
            Placement::Join(existing) => return Ok(Taken::Joined(existing)),
            Placement::Replace(replaced) => replaced,
        };
        let pending = Pending {
            draft: Draft {
                id: self.new_id(),
                property: property.display_name.clone(),
                work_item: label,
                created_ms: self.platform.now_ms(),
                attempts: 0,
                last_problem: None,
                edit,
            },
            connection,
            property,
            sent_at_ms: None,
        };
        let id = pending.draft.id.clone();
        let before = self.drafts.borrow().clone();
        {
            let mut drafts = self.drafts.borrow_mut();
            drafts.retain(|p| !replaced.contains(&p.draft.id));
            drafts.push(pending);
        }
        if let Err(problem) = self.persist().await {
            // Not kept, so not sent: the drafts stay as they were (and as stored).
            *self.drafts.borrow_mut() = before;
            return Err(problem);
        }
        Ok(Taken::Added { id, replaced })
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

    /// Drops every draft, without storing anything (storage was emptied).
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

    /// Sends a draft until Plane confirms it, a problem needs the person, or it is replaced or
    /// discarded. With `check_first` (a draft resumed at start-up, or retried), the value is read
    /// back before anything is sent. Nothing happens when the draft is already on its way.
    pub async fn deliver(&self, id: &str, check_first: bool) {
        if !self.in_flight.borrow_mut().insert(id.to_owned()) {
            return;
        }
        let _on_its_way = OnItsWay {
            in_flight: &self.in_flight,
            id,
        };
        self.deliver_now(id, check_first).await;
    }

    async fn deliver_now(&self, id: &str, mut check_first: bool) {
        loop {
            let Some(pending) = self.get(id) else {
                return; // replaced or discarded meanwhile
            };
            let now = self.platform.now_ms();
            if let Some(wait) =
                delivery::wait_for_lost_attempt(pending.sent_at_ms, now, self.timeout_ms)
            {
                // An attempt lost with a stopped worker may still land until its timeout has
                // passed; read back only after that, so that it is never sent twice.
                if wait > 0.0 {
                    self.platform.sleep(wait).await;
                }
                check_first = true;
            }
            match self.attempt(&pending, check_first).await {
                Ok(saved) => {
                    let _ = self.discard(id).await;
                    self.listener.outcome(id, Ok(saved));
                    return;
                }
                Err(problem) => {
                    let Some(attempts) = self.failed(id, &problem) else {
                        return;
                    };
                    let _ = self.persist().await;
                    let now = self.platform.now_ms();
                    match delivery::after_failure(&problem, attempts, now, self.platform.random()) {
                        AfterFailure::Keep => {
                            self.listener.outcome(id, Err(problem));
                            return; // kept for the person to retry or discard
                        }
                        AfterFailure::RetryAt(at) => {
                            // Sent again by itself: the waiting pages hear when, then the outcome.
                            self.listener
                                .stage(id, EditStage::Retrying { at_ms: at, problem });
                            self.platform.sleep(at - now).await;
                            check_first = true;
                        }
                    }
                }
            }
        }
    }

    /// Records a failed attempt; the attempts so far, `None` when the draft went meanwhile.
    fn failed(&self, id: &str, problem: &Problem) -> Option<u32> {
        let mut drafts = self.drafts.borrow_mut();
        let found = drafts.iter_mut().find(|p| p.draft.id == id)?;
        found.draft.attempts += 1;
        found.draft.last_problem = Some(problem.clone());
        found.sent_at_ms = None;
        Some(found.draft.attempts)
    }

    /// One attempt through the edit service: read back first when asked, then one upsert or one
    /// DELETE. Each time the write itself is about to leave (the scheduler's retries too), the
    /// time is recorded and stored first, so that a worker stopped with the write in flight
    /// knows until when it may still land ([`delivery::wait_for_lost_attempt`]). The time a
    /// draft was queued would not do: a write may wait behind the rate limit for longer than its
    /// timeout before it leaves.
    async fn attempt(&self, pending: &Pending, check_first: bool) -> Result<SavedValue, Problem> {
        let edit = &pending.draft.edit;
        let client = (self.clients)(&pending.connection, &edit.workspace)?;
        let _leaving = client.scheduler().before_sending({
            let (drafts, keeper, platform) = (
                Rc::clone(&self.drafts),
                Rc::clone(&self.keeper),
                Rc::clone(&self.platform),
            );
            let id = pending.draft.id.clone();
            let (work_item_id, property_id) = (edit.work_item_id.clone(), edit.property_id.clone());
            move |progress: &Progress| {
                let ours = progress
                    .endpoint
                    .as_ref()
                    .is_some_and(|endpoint| endpoint.writes_value_of(&work_item_id, &property_id));
                ours.then(|| mark_leaving(&drafts, &keeper, platform.now_ms(), &id))
            }
        });
        let listener = Rc::clone(&self.listener);
        let id = pending.draft.id.clone();
        let on_stage: Rc<dyn Fn(EditStage)> = Rc::new(move |stage| listener.stage(&id, stage));
        self.edits
            .send(&client, edit, &pending.property, check_first, on_stage)
            .await
    }
}

/// Records that a write of draft `id` leaves at `now_ms`, and a hold that stores it. When it
/// cannot be stored (a full disk), the write still goes: the edit matters more than knowing when
/// it left, and a repeat of it is the same upsert.
fn mark_leaving(
    drafts: &Rc<RefCell<Vec<Pending>>>,
    keeper: &Rc<dyn Keeper>,
    now_ms: f64,
    id: &str,
) -> Hold {
    let found = drafts
        .borrow_mut()
        .iter_mut()
        .find(|p| p.draft.id == id)
        .map(|p| p.sent_at_ms = Some(now_ms))
        .is_some();
    // The list is read now; the scheduler holds the write until it is stored.
    let stored = found.then(|| keeper.keep(drafts.borrow().clone()));
    Box::pin(async move {
        if let Some(stored) = stored {
            let _ = stored.await;
        }
    })
}

/// Marks a draft as no longer on its way when its delivery ends, or is dropped (the worker
/// stopping drops everything).
struct OnItsWay<'a> {
    in_flight: &'a RefCell<HashSet<DraftId>>,
    id: &'a str,
}

impl Drop for OnItsWay<'_> {
    fn drop(&mut self) {
        self.in_flight.borrow_mut().remove(self.id);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
