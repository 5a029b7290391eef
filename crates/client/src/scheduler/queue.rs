//! A request's place in the queue and on the wire. Both are guards: however a request ends
//! (answered, lost, cancelled, or its future dropped), the queue moves up, the connection is
//! freed and the rate limiter hears about it (its ticket is recorded or abandoned).

use super::Scheduler;
use plane_inline_core::http::Response;
use plane_inline_core::rate_limit::Ticket;

/// A request's place in the queue; leaving it (dropped, cancelled) lets the next one move up.
pub(super) struct Place<'a> {
    scheduler: &'a Scheduler,
    id: u64,
}

impl<'a> Place<'a> {
    pub(super) fn join(scheduler: &'a Scheduler, id: u64) -> Self {
        scheduler.inner.state.borrow_mut().queue.insert(id);
        scheduler.inner.changes.notify();
        Self { scheduler, id }
    }

    /// The request went on the wire ([`Scheduler::turn`] took it out of the queue).
    pub(super) fn leave_for_the_wire(self) {
        self.scheduler.inner.changes.notify();
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        let now = self.scheduler.now();
        let mut state = self.scheduler.inner.state.borrow_mut();
        if let Some((_, ticket)) = state.reserved.filter(|(holder, _)| *holder == self.id) {
            // It leaves the line before its turn came: its place goes to the next.
            state.reserved = None;
            state.limiter.abandon(ticket, now);
        }
        if state.queue.remove(&self.id) {
            if state.queue.is_empty() {
                state.rate_limited_until = None;
            }
            drop(state);
            self.scheduler.inner.changes.notify();
        }
    }
}

/// A request on the wire; it gives its connection and rate-limit token back when answered, lost
/// or dropped.
pub(super) struct Wire<'a> {
    pub(super) scheduler: &'a Scheduler,
    pub(super) ticket: Ticket,
    pub(super) open: bool,
}

impl Wire<'_> {
    pub(super) fn answered(mut self, response: &Response) {
        self.close(Some(response));
    }

    pub(super) fn lost(mut self) {
        self.close(None);
    }

    fn close(&mut self, response: Option<&Response>) {
        if !self.open {
            return;
        }
        self.open = false;
        let now = self.scheduler.now();
        let mut state = self.scheduler.inner.state.borrow_mut();
        state.in_flight = state.in_flight.saturating_sub(1);
        match response {
            Some(response) => {
                state
                    .limiter
                    .record(self.ticket, response.status, &response.headers, now);
                state.stats.answered += 1;
                if response.status == 429 {
                    state.stats.rate_limited += 1;
                }
            }
            None => {
                state.limiter.abandon(self.ticket, now);
                state.stats.lost += 1;
            }
        }
        drop(state);
        self.scheduler.inner.changes.notify();
    }
}

impl Drop for Wire<'_> {
    fn drop(&mut self) {
        self.close(None);
    }
}
